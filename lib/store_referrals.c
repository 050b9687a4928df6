/*
 * store_referrals.c: the ombudsman stage of a case (table referrals, see
 * store.h): the referral, the ombudsman's reference and decision; and what
 * the decision asks of the council (table ombudsman_remedies): the remedy,
 * the day it is due, the day the council complied.
 */
#include <stdlib.h>

#include "store_int.h"

/* The remedy of referral r, once there is one: its row written whole. */
static int
set_remedy(struct store *st, int64_t case_id, struct referral_rec *r,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (r->remedy == NULL)
		return 0;
	if ((rc = prepare(st, "INSERT INTO ombudsman_remedies(referral_id,"
	    " case_id, remedy, due, complied) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(referral_id) DO UPDATE SET remedy = excluded.remedy,"
	    " due = excluded.due, complied = excluded.complied", &s, err)))
		return rc;
	sql_bind_int64(s, 1, r->id);
	sql_bind_int64(s, 2, case_id);
	bind_text(s, 3, r->remedy);
	bind_date(s, 4, r->remedy_due);
	bind_date(s, 5, r->complied);
	if ((rc = run(st, s, "can't record the ombudsman's remedy", err)))
		return rc;
	r->remedy_stored = 1;
	return 0;
}

int
store_add_referral(struct store *st, int64_t case_id, struct referral_rec *r,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO referrals(case_id, body, referred,"
	    " reference, decision, decided, officer) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7) RETURNING id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	bind_text(s, 2, r->body);
	bind_date(s, 3, r->referred);
	bind_text(s, 4, r->reference);
	bind_text(s, 5, r->decision);
	bind_date(s, 6, r->decided);
	bind_text(s, 7, r->officer);
	if ((rc = each_row(st, s, row_int64, &r->id,
	    "can't record the referral", err)))
		return rc;
	return set_remedy(st, case_id, r, err);
}

int
store_set_referral(struct store *st, int64_t case_id, struct referral_rec *r,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE referrals SET reference = ?2,"
	    " decision = ?3, decided = ?4 WHERE id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, r->id);
	bind_text(s, 2, r->reference);
	bind_text(s, 3, r->decision);
	bind_date(s, 4, r->decided);
	if ((rc = run(st, s, "can't record the ombudsman's decision", err)))
		return rc;
	return set_remedy(st, case_id, r, err);
}

static void
read_referral(struct sql_stmt *s, void *elem)
{
	struct referral_rec *r = elem;

	r->id = sql_col_int64(s, 0);
	r->body = col_text(s, 1);
	r->referred = col_date(s, 2);
	r->reference = col_text(s, 3);
	r->decision = col_text(s, 4);
	r->decided = col_date(s, 5);
	r->officer = col_text(s, 6);
	r->remedy = col_text(s, 7);
	r->remedy_due = col_date(s, 8);
	r->complied = col_date(s, 9);
	r->remedy_stored = r->remedy != NULL;
}

int
store_referrals(struct store *st, int64_t case_id, struct referral_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT r.id, body, referred, reference,"
	    " decision, decided, officer, m.remedy, m.due, m.complied"
	    " FROM referrals r LEFT JOIN ombudsman_remedies m"
	    " ON m.referral_id = r.id WHERE r.case_id = ?1 ORDER BY r.id",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	if ((rc = gather(st, s, sizeof(**out), read_referral, &got,
	    "can't read referrals", err))) {
		store_referrals_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

/* The caller's function of store_ombudsman_decisions, and its argument. */
struct decisions_walk {
	int (*fn)(const struct decision_row *r, void *arg);
	void *arg;
};

static int
decision_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct decisions_walk *w = arg;
	struct decision_row r = {
		sql_col_text(s, 0),
		sql_col_text(s, 1),
		sql_col_text(s, 2),
		sql_col_text(s, 3),
		sql_col_text(s, 4), col_date(s, 5),
		sql_col_text(s, 6), col_date(s, 7),
		col_date(s, 8)};

	(void)err;
	return w->fn(&r, w->arg);
}

int
store_ombudsman_decisions(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const struct decision_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	struct decisions_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT c.ref, c.service, c.category, r.body,"
	    " r.decision, r.decided, m.remedy, m.due, m.complied"
	    " FROM referrals r JOIN cases c ON c.id = r.case_id"
	    " LEFT JOIN ombudsman_remedies m ON m.referral_id = r.id"
	    " WHERE r.decided >= ?1 AND r.decided <= ?2"
	    " ORDER BY r.decided, c.ref, r.id", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	return each_row(st, s, decision_one, &w, "can't read the ombudsman's "
	    "decisions", err);
}

void
store_referrals_free(struct referral_rec *r, int n)
{
	for (int i = 0; i < n; i++)
		referral_rec_free(&r[i]);
	free(r);
}
