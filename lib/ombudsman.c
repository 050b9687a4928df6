/*
 * ombudsman.c: the stage after the last (see case.h, case_ombudsman):
 * the referral to the ombudsman, the ombudsman's reference and decision;
 * and the one function that decides which ombudsman a case goes to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"



/* The ombudsman for a case: a body for particular matters (the Housing
 * Ombudsman for housing) when the case's service or category is that
 * matter, whatever the case of its letters, else the policy's general one.
 * Only an exact match: "Housing Benefit" decisions go to the general one. */
const struct ombudsman *
choose_ombudsman(const struct policy *p, const struct case_rec *c)
{
	for (int i = 0; i < p->n_ombudsmen; i++) {
		const struct ombudsman *o = &p->ombudsmen[i];
		for (int k = 0; k < o->n_matters; k++)
			if ((c->service && policy_same_category(c->service,
			    o->matters[k])) || (c->category &&
			    policy_same_category(c->category, o->matters[k])))
				return o;
	}
	for (int i = 0; i < p->n_ombudsmen; i++)
		if (p->ombudsmen[i].n_matters == 0)
			return &p->ombudsmen[i];
	return &p->ombudsmen[0];
}

struct referral_args {
	cpl_date date;
	const char *body, *reference, *decision;
};

static int
new_referral(struct session *s, struct case_file *cf,
    const struct referral_args *a, struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	const struct ombudsman *o = NULL;
	const struct stage_rec *st = current_stage(cf);
	struct referral_rec *nv, *r;
	char detail[512];
	char what[STEP_LEN];
	cpl_date last;
	int rc;

	o = a->body == NULL ? choose_ombudsman(p, &cf->c) :
	    policy_ombudsman(p, a->body);
	last = last_step(cf, what);
	if ((rc = check_date(s, cf->pol, a->date, last, what, err)))
		return rc;
	if ((nv = realloc(cf->referrals, (cf->n_referrals + 1) *
	    sizeof(*nv))) == NULL)
		return cpl_nomem(err);
	cf->referrals = nv;
	r = &nv[cf->n_referrals];
	memset(r, 0, sizeof(*r));
	r->referred = a->date;
	r->decided = a->decision ? a->date : NO_DATE;
	if (set_text(&r->body, o->id) != 0 ||
	    set_text(&r->reference, a->reference) != 0 ||
	    set_text(&r->decision, a->decision) != 0 ||
	    set_text(&r->officer, s->officer) != 0) {
		referral_rec_free(r);
		return cpl_nomem(err);
	}
	cf->n_referrals++;
	snprintf(detail, sizeof(detail), "%s%s%s", o->id,
	    a->reference ? ", reference " : "", a->reference ? a->reference : "");
	if ((rc = case_event(cf, st->stage, a->date, s->officer, "referred",
	    detail, err)) ||
	    (a->decision != NULL &&
	    (rc = case_event(cf, st->stage, a->date, s->officer,
	    "ombudsman-decision", a->decision, err))))
		return rc;
	/* The complainant may go to the ombudsman at any time (seeds 001 §5,
	 * 002 §8), but the ombudsman usually expects the council's stages to
	 * be done: say so when they are not. */
	if (st->stage < p->n_stages || st->responded == NO_DATE)
		session_warn(s, "case '%s' was referred to the %s before the last "
		    "stage of policy '%s' was answered: the ombudsman usually "
		    "expects the council's procedure to be completed first",
		    cf->c.ref, o->name, p->id);
	return 0;
}

static int
do_ombudsman(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct referral_args *a = arg;
	struct referral_rec *r;
	char d[DATE_LEN];
	int rc, stage = current_stage(cf)->stage;

	/* The ombudsman stage follows the last stage, so it is open to a closed
	 * case too. */
	if (a->body != NULL && policy_ombudsman(cf->pol, a->body) == NULL) {
		char ids[256] = "";
		for (int i = 0; i < cf->pol->n_ombudsmen; i++)
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids),
			    "%s%s", i ? ", " : "", cf->pol->ombudsmen[i].id);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_BODY, "'%s' is "
		    "not an ombudsman of policy '%s' (%s)", a->body, cf->pol->id,
		    ids);
	}
	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_kind(cf, "refer", "referred", err)))
		return rc;
	r = cf->n_referrals > 0 ? &cf->referrals[cf->n_referrals - 1] : NULL;
	/* A case the ombudsman sent back for local resolution may go again. */
	if (r == NULL || (r->decision != NULL &&
	    strcmp(r->decision, "referred-back") == 0))
		return new_referral(s, cf, a, err);
	date_format(r->referred, d);
	if (a->body != NULL && strcmp(a->body, r->body) != 0)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_BODY, "case "
		    "'%s' was referred to '%s' on %s", cf->c.ref, r->body, d);
	if (a->reference == NULL && a->decision == NULL)
		return cpl_fail(err, CPL_USAGE, "case '%s' was referred to '%s' "
		    "on %s: what is there to record? the ombudsman's reference "
		    "or decision", cf->c.ref, r->body, d);
	if (a->decision != NULL && r->decision != NULL) {
		date_format(r->decided, d);
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DECISION, "the "
		    "ombudsman's decision on case '%s' (%s) was recorded on %s",
		    cf->c.ref, r->decision, d);
	}
	if ((rc = check_date(s, cf->pol, a->date, r->referred,
	    "the day of the referral", err)))
		return rc;
	if (a->reference != NULL && set_text(&r->reference, a->reference) != 0)
		return cpl_nomem(err);
	if (a->decision != NULL) {
		if (set_text(&r->decision, a->decision) != 0)
			return cpl_nomem(err);
		r->decided = a->date;
	}
	if (r - cf->referrals < cf->stored_referrals)
		cf->referral_changed = (int)(r - cf->referrals);
	if ((a->reference != NULL &&
	    (rc = case_event(cf, stage, a->date, s->officer,
	    "ombudsman-reference", a->reference, err))) ||
	    (a->decision != NULL &&
	    (rc = case_event(cf, stage, a->date, s->officer,
	    "ombudsman-decision", a->decision, err))))
		return rc;
	return 0;
}

static int
referral_given(const struct referral_args *a, struct cpl_error *err)
{
	if (a->body != NULL && blank(a->body))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_BODY,
		    "the ombudsman is empty");
	if (a->reference != NULL && blank(a->reference))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REFERENCE,
		    "the ombudsman's reference is empty");
	if (a->decision != NULL && !one_of(a->decision, ombudsman_decisions))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DECISION,
		    "decision '%s' is not one of upheld, partly-upheld, "
		    "not-upheld, not-investigated, referred-back", a->decision);
	return 0;
}

int
case_file_ombudsman(struct session *s, struct case_file *cf,
    const char *body, const char *reference, const char *decision,
    cpl_date date, struct cpl_error *err)
{
	struct referral_args a = {date, body, reference, decision};
	int rc;

	if ((rc = referral_given(&a, err)))
		return rc;
	return do_ombudsman(s, cf, &a, err);
}

int
case_ombudsman(struct session *s, const char *ref, const char *body,
    const char *reference, const char *decision, cpl_date date,
    struct cpl_error *err)
{
	struct referral_args a = {date, body, reference, decision};
	int rc;

	if ((rc = referral_given(&a, err)))
		return rc;
	return with_case(s, ref, err, do_ombudsman, &a);
}
