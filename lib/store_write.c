/*
 * store_write.c: the rows of a case file written in one go (see
 * store_write.h): the tables cases and stages, each row by one statement.
 * Extensions, texts, events and referrals are rows of their own, added by
 * the statements of store.c and store_rules.c.
 */
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "store_int.h"
#include "store_write.h"
#include "util.h"

int
store_insert_case(struct store *st, struct case_rec *c, struct cpl_error *err)
{
	sqlite3_stmt *s;
	char *key = NULL;
	int rc;

	if (c->complainant != NULL && (key = name_key(c->complainant)) == NULL)
		return cpl_nomem(err);
	if ((rc = prepare(st, "INSERT INTO cases(ref, policy, policy_version,"
	    " kind, anonymous, complainant, contact, on_behalf_of, consent,"
	    " channel, service, category, summary, received, occurred,"
	    " external_ref, logged_by, late_reason, accepted_anyway, resolve_due,"
	    " complainant_key, closed, close_reason) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
	    " ?20, ?21, ?22, ?23)", &s, err))) {
		free(key);
		return rc;
	}
	bind_text(s, 1, c->ref);
	bind_text(s, 2, c->policy);
	sqlite3_bind_int64(s, 3, c->policy_version);
	bind_text(s, 4, c->kind);
	sqlite3_bind_int(s, 5, c->anonymous);
	bind_text(s, 6, c->complainant);
	bind_text(s, 7, c->contact);
	bind_text(s, 8, c->on_behalf_of);
	sqlite3_bind_int(s, 9, c->consent);
	bind_text(s, 10, c->channel);
	bind_text(s, 11, c->service);
	bind_text(s, 12, c->category);
	bind_text(s, 13, c->summary);
	bind_date(s, 14, c->received);
	bind_date(s, 15, c->occurred);
	bind_text(s, 16, c->external_ref);
	bind_text(s, 17, c->logged_by);
	bind_text(s, 18, c->late_reason);
	bind_text(s, 19, c->accepted_anyway);
	bind_date(s, 20, c->resolve_due);
	bind_text(s, 21, key);
	bind_date(s, 22, c->closed);
	bind_text(s, 23, c->close_reason);
	rc = run(st, s, "can't add the case", err);
	free(key);
	if (rc)
		return rc;
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_set_closed(struct store *st, int64_t case_id, cpl_date closed,
    const char *reason, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE cases SET closed = ?2, close_reason = ?3"
	    " WHERE id = ?1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	bind_date(s, 2, closed);
	bind_text(s, 3, reason);
	return run(st, s, closed != NO_DATE ? "can't close the case" :
	    "can't reopen the case", err);
}

int
store_insert_stage(struct store *st, int64_t case_id,
    const struct stage_rec *r, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO stages(case_id, stage, opened,"
	    " officer, ack_days, respond_days, respond_from, respond_target,"
	    " escalation_reason, acknowledged, responded, responded_by, outcome)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, r->stage);
	bind_date(s, 3, r->opened);
	bind_text(s, 4, r->officer);
	sqlite3_bind_int(s, 5, r->ack_days);
	sqlite3_bind_int(s, 6, r->respond_days);
	bind_text(s, 7, r->respond_from == CLOCK_ACKNOWLEDGED ?
	    "acknowledged" : "opened");
	sqlite3_bind_int(s, 8, r->respond_target);
	bind_text(s, 9, r->escalation_reason);
	bind_date(s, 10, r->acknowledged);
	bind_date(s, 11, r->responded);
	bind_text(s, 12, r->responded_by);
	bind_text(s, 13, r->outcome);
	return run(st, s, "can't add the stage", err);
}

int
store_update_stage(struct store *st, int64_t case_id,
    const struct stage_rec *r, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE stages SET officer = ?3,"
	    " acknowledged = ?4, responded = ?5, responded_by = ?6,"
	    " outcome = ?7 WHERE case_id = ?1 AND stage = ?2", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, r->stage);
	bind_text(s, 3, r->officer);
	bind_date(s, 4, r->acknowledged);
	bind_date(s, 5, r->responded);
	bind_text(s, 6, r->responded_by);
	bind_text(s, 7, r->outcome);
	return run(st, s, "can't record the stage", err);
}

int
store_last_ref_number(struct store *st, const char *prefix, int year,
    int *last, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*last = 0;
	if ((rc = prepare(st, "SELECT last FROM ref_numbers"
	    " WHERE prefix = ?1 AND year = ?2", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sqlite3_bind_int(s, 2, year);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*last = sqlite3_column_int(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't read the case numbers");
	finish(st, s);
	return rc;
}

int
store_set_ref_number(struct store *st, const char *prefix, int year, int last,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO ref_numbers(prefix, year, last)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT(prefix, year)"
	    " DO UPDATE SET last = excluded.last", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_int(s, 3, last);
	return run(st, s, "can't number the cases", err);
}
