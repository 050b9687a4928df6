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
