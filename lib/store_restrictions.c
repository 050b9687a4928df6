/*
 * store_restrictions.c: restrictions on an unreasonably persistent or
 * vexatious complainant (table restrictions, see store.h), found by the
 * key of the complainant's name, whichever case spells it.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

int
store_add_restriction(struct store *st, struct restriction_rec *r,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	char *key;

	if ((key = name_key(r->complainant)) == NULL)
		return cpl_fail(err, CPL_STORE, "out of memory");
	if ((rc = prepare(st, "INSERT INTO restrictions(complainant, kind,"
	    " detail, reason, imposed, review, officer, complainant_key)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &s, err))) {
		free(key);
		return rc;
	}
	bind_text(s, 1, r->complainant);
	bind_text(s, 8, key);
	bind_text(s, 2, r->kind);
	bind_text(s, 3, r->detail);
	bind_text(s, 4, r->reason);
	bind_date(s, 5, r->imposed);
	bind_date(s, 6, r->review);
	bind_text(s, 7, r->officer);
	rc = run(st, s, "can't record the restriction", err);
	free(key);
	if (rc)
		return rc;
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_lift_restriction(struct store *st, int64_t id, cpl_date date,
    const char *reason, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE restrictions SET lifted = ?2,"
	    " lifted_reason = ?3 WHERE id = ?1 AND lifted IS NULL", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, id);
	bind_date(s, 2, date);
	bind_text(s, 3, reason);
	if ((rc = run(st, s, "can't lift the restriction", err)))
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return cpl_fail(err, CPL_REFUSED, "no restriction %lld in force",
		    (long long)id);
	return 0;
}

int
store_restrictions(struct store *st, const char *complainant, int all,
    struct restriction_rec **out, int *n, struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct restriction_rec *v = NULL;
	char *key = NULL;
	int rc, cnt = 0;

	*out = NULL;
	*n = 0;
	/* By the key of the name: it matches however the name was written
	 * on each case (name_key). */
	if (complainant != NULL && (key = name_key(complainant)) == NULL)
		return cpl_fail(err, CPL_STORE, "out of memory");
	/* Two statements, not one with "?1 IS NULL OR": a plan is made when
	 * the statement is prepared, and only the first uses the index. */
#define RESTRICTIONS "SELECT id, complainant, kind, detail, reason," \
	" imposed, review, officer, lifted, lifted_reason FROM restrictions" \
	" WHERE (?2 OR lifted IS NULL)"
	rc = key != NULL ?
	    prepare(st, RESTRICTIONS " AND complainant_key = ?1 ORDER BY id", &s,
	    err) : prepare(st, RESTRICTIONS " ORDER BY id", &s, err);
#undef RESTRICTIONS
	if (rc) {
		free(key);
		return rc;
	}
	bind_text(s, 1, key);
	free(key);
	sqlite3_bind_int(s, 2, all);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct restriction_rec *nv = realloc(v, (cnt + 1) * sizeof(*v)), *r;
		if (nv == NULL)
			break;
		v = nv;
		r = &v[cnt++];
		r->id = sqlite3_column_int64(s, 0);
		r->complainant = col_text(s, 1);
		r->kind = col_text(s, 2);
		r->detail = col_text(s, 3);
		r->reason = col_text(s, 4);
		r->imposed = col_date(s, 5);
		r->review = col_date(s, 6);
		r->officer = col_text(s, 7);
		r->lifted = col_date(s, 8);
		r->lifted_reason = col_text(s, 9);
	}
	finish(st, s);
	if (rc != SQLITE_DONE) {
		store_restrictions_free(v, cnt);
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, "can't read restrictions");
	}
	*out = v;
	*n = cnt;
	return 0;
}

void
store_restrictions_free(struct restriction_rec *r, int n)
{
	for (int i = 0; i < n; i++)
		restriction_rec_free(&r[i]);
	free(r);
}

int
store_complainant_name(struct store *st, const char *complainant,
    char **name, struct cpl_error *err)
{
	sqlite3_stmt *s;
	char *key;
	int rc;

	*name = NULL;
	if ((key = name_key(complainant)) == NULL)
		return cpl_fail(err, CPL_STORE, "out of memory");
	if ((rc = prepare(st, "SELECT complainant FROM cases"
	    " WHERE complainant_key = ?1 ORDER BY id DESC LIMIT 1", &s, err))) {
		free(key);
		return rc;
	}
	bind_text(s, 1, key);
	free(key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (*name = col_text(s, 0)) == NULL)
		rc = cpl_fail(err, CPL_STORE, "out of memory");
	else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = 0;
	else
		rc = db_fail(st, err, "can't look up the complainant");
	finish(st, s);
	return rc;
}
