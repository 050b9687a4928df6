/*
 * store_referrals.c: the ombudsman stage of a case (table referrals, see
 * store.h): the referral, the ombudsman's reference and decision.
 */
#include <stdlib.h>

#include "store_int.h"

int
store_add_referral(struct store *st, int64_t case_id, struct referral_rec *r,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO referrals(case_id, body, referred,"
	    " reference, decision, decided, officer) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, r->body);
	bind_date(s, 3, r->referred);
	bind_text(s, 4, r->reference);
	bind_text(s, 5, r->decision);
	bind_date(s, 6, r->decided);
	bind_text(s, 7, r->officer);
	if ((rc = run(st, s, "can't record the referral", err)))
		return rc;
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_set_referral(struct store *st, const struct referral_rec *r,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE referrals SET reference = ?2,"
	    " decision = ?3, decided = ?4 WHERE id = ?1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, r->id);
	bind_text(s, 2, r->reference);
	bind_text(s, 3, r->decision);
	bind_date(s, 4, r->decided);
	return run(st, s, "can't record the ombudsman's decision", err);
}

static void
read_referral(sqlite3_stmt *s, void *elem)
{
	struct referral_rec *r = elem;

	r->id = sqlite3_column_int64(s, 0);
	r->body = col_text(s, 1);
	r->referred = col_date(s, 2);
	r->reference = col_text(s, 3);
	r->decision = col_text(s, 4);
	r->decided = col_date(s, 5);
	r->officer = col_text(s, 6);
}

int
store_referrals(struct store *st, int64_t case_id, struct referral_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT id, body, referred, reference, decision,"
	    " decided, officer FROM referrals WHERE case_id = ?1 ORDER BY id",
	    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	if ((rc = gather(st, s, sizeof(**out), read_referral, &got,
	    "can't read referrals", err))) {
		store_referrals_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

void
store_referrals_free(struct referral_rec *r, int n)
{
	for (int i = 0; i < n; i++)
		referral_rec_free(&r[i]);
	free(r);
}
