/*
 * store_rules.c: the seeds' smaller rules a case keeps (table case_rules,
 * see store.h): the officer a complaint is about, a complaint about
 * discrimination, who granted a late complaint, the day it was resolved
 * informally; and who decided a restriction (restriction_deciders).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void
case_rules_rec_free(struct case_rules_rec *r)
{
	free(r->about_staff);
	free(r->late_granted_by);
	memset(r, 0, sizeof(*r));
}

static int
read_rules(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct case_rules_rec *r = arg;

	case_rules_rec_free(r);
	r->about_staff = col_text(s, 0);
	r->discrimination = col_int(s, 1);
	r->late_granted_by = col_text(s, 2);
	r->informal_on = col_date(s, 3);
	r->informal = r->informal_on != NO_DATE;
	if ((sql_col_type(s, 0) != SQL_NULL && r->about_staff == NULL) ||
	    (sql_col_type(s, 2) != SQL_NULL &&
	    r->late_granted_by == NULL))
		return no_memory(err);
	return 0;
}

int
store_case_rules(struct store *st, int64_t case_id, struct case_rules_rec *r,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = prepare(st, "SELECT about_staff, discrimination,"
	    " late_granted_by, informal FROM case_rules WHERE case_id = ?1",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return each_row(st, s, read_rules, r, "can't read the case's rules",
	    err);
}

int
store_set_case_rules(struct store *st, int64_t case_id,
    const struct case_rules_rec *r, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (r->about_staff == NULL && !r->discrimination &&
	    r->late_granted_by == NULL && !r->informal) {
		if ((rc = prepare(st, "DELETE FROM case_rules"
		    " WHERE case_id = ?1", &s, err)))
			return rc;
		sql_bind_int64(s, 1, case_id);
		return run(st, s, "can't record the case's rules", err);
	}
	if ((rc = prepare(st, "INSERT INTO case_rules(case_id,"
	    " about_staff, discrimination, late_granted_by, informal)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id) DO UPDATE"
	    " SET about_staff = excluded.about_staff,"
	    " discrimination = excluded.discrimination,"
	    " late_granted_by = excluded.late_granted_by,"
	    " informal = excluded.informal", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	bind_text(s, 2, r->about_staff);
	sql_bind_int64(s, 3, r->discrimination != 0);
	bind_text(s, 4, r->late_granted_by);
	bind_date(s, 5, r->informal ? r->informal_on : NO_DATE);
	return run(st, s, "can't record the case's rules", err);
}

int
store_set_restriction_decider(struct store *st, int64_t id,
    const char *decided_by, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO restriction_deciders("
	    "restriction_id, decided_by) VALUES (?1, ?2)"
	    " ON CONFLICT (restriction_id) DO UPDATE"
	    " SET decided_by = excluded.decided_by", &s, err)))
		return rc;
	sql_bind_int64(s, 1, id);
	bind_text(s, 2, decided_by);
	return run(st, s, "can't record who decided the restriction", err);
}
