/*
 * store_restrictions.c: restrictions on an unreasonably persistent or
 * vexatious complainant (table restrictions, see store.h), found by the
 * key of the complainant's name, whichever case spells it.
 */
#include <stdlib.h>

#include "store_int.h"

int
store_add_restriction(struct store *st, struct restriction_rec *r,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO restrictions(complainant, kind,"
	    " detail, reason, imposed, review, officer, complainant_key)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id", &s, err)))
		return rc;
	bind_text(s, 1, r->complainant);
	bind_text(s, 2, r->kind);
	bind_text(s, 3, r->detail);
	bind_text(s, 4, r->reason);
	bind_date(s, 5, r->imposed);
	bind_date(s, 6, r->review);
	bind_text(s, 7, r->officer);
	if (bind_name_key(s, 8, r->complainant) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	return each_row(st, s, row_int64, &r->id,
	    "can't record the restriction", err);
}

int
store_lift_restriction(struct store *st, int64_t id, cpl_date date,
    const char *reason, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE restrictions SET lifted = ?2,"
	    " lifted_reason = ?3 WHERE id = ?1 AND lifted IS NULL", &s, err)))
		return rc;
	sql_bind_int64(s, 1, id);
	bind_date(s, 2, date);
	bind_text(s, 3, reason);
	if ((rc = run(st, s, "can't lift the restriction", err)))
		return rc;
	if (sql_changes(st->db) == 0)
		return cpl_fail(err, CPL_REFUSED, "no restriction %lld in force",
		    (long long)id);
	return 0;
}

static void
read_restriction(struct sql_stmt *s, void *elem)
{
	struct restriction_rec *r = elem;

	r->id = sql_col_int64(s, 0);
	r->complainant = col_text(s, 1);
	r->kind = col_text(s, 2);
	r->detail = col_text(s, 3);
	r->reason = col_text(s, 4);
	r->imposed = col_date(s, 5);
	r->review = col_date(s, 6);
	r->officer = col_text(s, 7);
	r->lifted = col_date(s, 8);
	r->lifted_reason = col_text(s, 9);
	r->decided_by = col_text(s, 10);
}

int
store_restrictions(struct store *st, const char *complainant, int all,
    struct restriction_rec **out, int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	/* Two statements, not one with "?1 IS NULL OR": a plan is made when
	 * the statement is prepared, and only the first uses the index. */
#define RESTRICTIONS "SELECT id, complainant, kind, detail, reason," \
	" imposed, review, officer, lifted, lifted_reason," \
	" (SELECT d.decided_by FROM restriction_deciders d" \
	"  WHERE d.restriction_id = restrictions.id) FROM restrictions" \
	" WHERE (?2 = 1 OR lifted IS NULL)"
	rc = complainant != NULL ?
	    prepare(st, RESTRICTIONS " AND complainant_key = ?1 ORDER BY id", &s,
	    err) : prepare(st, RESTRICTIONS " ORDER BY id", &s, err);
#undef RESTRICTIONS
	if (rc)
		return rc;
	/* By the key of the name: it matches however the name was written
	 * on each case. */
	if (bind_name_key(s, 1, complainant) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	sql_bind_int64(s, 2, all);
	if ((rc = gather(st, s, sizeof(**out), read_restriction, &got,
	    "can't read restrictions", err))) {
		store_restrictions_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

void
store_restrictions_free(struct restriction_rec *r, int n)
{
	for (int i = 0; i < n; i++)
		restriction_rec_free(&r[i]);
	free(r);
}

/* An event of a restriction: its fields as store_events reads them. */
static void
read_restriction_event(struct sql_stmt *s, void *elem)
{
	struct event_rec *e = elem;

	e->date = col_date(s, 0);
	e->recorded = col_stamp(s, 1);
	e->officer = col_text(s, 2);
	e->action = col_text(s, 3);
	e->stage = 0;
	e->detail = col_text(s, 4);
}

int
store_restriction_events(struct store *st, int64_t restriction_id,
    struct event_rec **out, int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT date, recorded, officer, action, detail"
	    " FROM events WHERE restriction_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, restriction_id);
	if ((rc = gather(st, s, sizeof(**out), read_restriction_event, &got,
	    "can't read the restriction's history", err))) {
		store_events_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

int
store_complainant_name(struct store *st, const char *complainant,
    char **name, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*name = NULL;
	if ((rc = prepare(st, "SELECT complainant FROM cases"
	    " WHERE complainant_key = ?1 ORDER BY id DESC LIMIT 1", &s, err)))
		return rc;
	if (bind_name_key(s, 1, complainant) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	return each_row(st, s, row_text, name, "can't look up the complainant",
	    err);
}
