/*
 * store_transfer.c: the SQL of complaints export (see store.h).
 */
#include "store_int.h"

int
store_case_refs(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, void *arg), void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	/* In the order the cases were logged: read back into an empty store
	 * in that order, they are given the same references. */
	if ((rc = prepare(st, "SELECT ref FROM cases"
	    " WHERE (?1 IS NULL OR received >= ?1)"
	    "  AND (?2 IS NULL OR received <= ?2) ORDER BY id", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0), arg)) != 0) {
			finish(st, s);
			return rc;
		}
	finish(st, s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't list the cases");
}

/*
 * The cases an audited export wrote, noted during its read snapshot in a
 * TEMP table (the main store is not written during a read), then recorded
 * as events at the end in one write: exactly the cases in the file.
 */
int
store_audit_note(struct store *st, int64_t case_id, int stage,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS audit_read("
	    "case_id INTEGER NOT NULL, stage INTEGER NOT NULL)",
	    "can't note the export", err)) ||
	    (rc = prepare(st, "INSERT INTO temp.audit_read(case_id, stage)"
	    " VALUES (?1, ?2)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, stage);
	return run(st, s, "can't note the export", err);
}

int
store_audit_record(struct store *st, cpl_date date, const char *officer,
    const char *action, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS audit_read("
	    "case_id INTEGER NOT NULL, stage INTEGER NOT NULL)",
	    "can't record the export", err)) ||
	    (rc = store_begin(st, err)))
		return rc;
	if ((rc = prepare(st, "INSERT INTO events(case_id, stage, date,"
	    " recorded, officer, action) SELECT case_id, stage, ?1,"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?2, ?3"
	    " FROM temp.audit_read ORDER BY rowid", &s, err)))
		goto fail;
	bind_date(s, 1, date);
	bind_text(s, 2, officer);
	bind_text(s, 3, action);
	if ((rc = run(st, s, "can't record the export", err)) ||
	    (rc = exec(st, "DELETE FROM temp.audit_read",
	    "can't record the export", err)) ||
	    (rc = store_commit(st, err)))
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return rc;
}
