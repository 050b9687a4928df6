/*
 * ombudsman.c: the stage after the last (see case.h, case_ombudsman):
 * the referral to the ombudsman, the ombudsman's reference and decision,
 * and what the decision asks of the council as the Local Government and
 * Social Care Ombudsman's annual review letter counts it (the remedy
 * recommended, the day it is due, the day the council complied, and so
 * whether it complied on time); and the one function that decides which
 * ombudsman a case goes to: the referral, the refusal of an escalation
 * past the last stage (lifecycle.c), show (case_view.c) and the letters
 * (letter.c) all ask it.
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
	return ombudsman_for(p, c->service, c->category);
}

const struct ombudsman *
ombudsman_for(const struct policy *p, const char *service,
    const char *category)
{
	for (int i = 0; i < p->n_ombudsmen; i++) {
		const struct ombudsman *o = &p->ombudsmen[i];
		for (int k = 0; k < o->n_matters; k++)
			if ((service && policy_same_category(service,
			    o->matters[k])) || (category &&
			    policy_same_category(category, o->matters[k])))
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
	struct ombudsman_remedy m;	/* remedy NULL, days NO_DATE: none */
};

/* Anything of the remedy given. */
static int
remedy_given(const struct ombudsman_remedy *m)
{
	return m->remedy != NULL || m->due != NO_DATE ||
	    m->complied != NO_DATE;
}

/* A decision that finds fault: the ombudsman recommends a remedy. */
static int
finds_fault(const char *decision)
{
	return decision != NULL && (strcmp(decision, "upheld") == 0 ||
	    strcmp(decision, "partly-upheld") == 0);
}

/*
 * What the decision of referral r asks of the council: the remedy with
 * the day it is due, then the day the council complied. The remedy
 * follows a decision that upholds the complaint; each is recorded once;
 * the days are not before the decision (the compliance not after today).
 */
static int
record_remedy(struct session *s, struct case_file *cf, struct referral_rec *r,
    const struct ombudsman_remedy *m, cpl_date date, struct cpl_error *err)
{
	int rc, stage = current_stage(cf)->stage;
	char d[DATE_LEN], e[DATE_LEN], detail[1024];

	if (r->decision == NULL)
		return cpl_fail_about(err, CPL_REFUSED, m->remedy ?
		    CPL_ABOUT_REMEDY : CPL_ABOUT_COMPLIED, "the ombudsman has "
		    "not decided case '%s': its remedy follows the decision",
		    cf->c.ref);
	date_format(r->decided, d);
	if (m->remedy != NULL) {
		if (!finds_fault(r->decision))
			return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_REMEDY,
			    "the ombudsman's decision on case '%s' is '%s': a "
			    "remedy follows a decision that upholds the "
			    "complaint (upheld or partly-upheld)", cf->c.ref,
			    r->decision);
		if (r->remedy != NULL)
			return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_REMEDY,
			    "the ombudsman's remedy on case '%s' is already "
			    "recorded", cf->c.ref);
		if ((rc = check_date(s, cf->pol, date, r->decided,
		    "the ombudsman's decision", err)))
			return rc;
		if (m->due != NO_DATE && m->due < r->decided) {
			date_format(m->due, e);
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_REMEDY_DUE, "the remedy's due day %s is "
			    "before the ombudsman's decision (%s)", e, d);
		}
		if (set_text(&r->remedy, m->remedy) != 0)
			return cpl_nomem(err);
		r->remedy_due = m->due;
		if (m->due != NO_DATE)
			date_format(m->due, e);
		snprintf(detail, sizeof(detail), "%s%s%s", m->remedy,
		    m->due != NO_DATE ? ", due " : "", m->due != NO_DATE ? e : "");
		if ((rc = case_event(cf, stage, date, s->officer,
		    "ombudsman-remedy", detail, err)))
			return rc;
	} else if (m->due != NO_DATE)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY_DUE,
		    "the day a remedy is due is given with the remedy");
	if (m->complied != NO_DATE) {
		const char *when = NULL;

		if (r->remedy == NULL)
			return cpl_fail_about(err, CPL_REFUSED,
			    CPL_ABOUT_COMPLIED, "no remedy of the ombudsman is "
			    "recorded on case '%s': there is nothing to comply "
			    "with", cf->c.ref);
		if (r->complied != NO_DATE) {
			date_format(r->complied, e);
			return cpl_fail_about(err, CPL_REFUSED,
			    CPL_ABOUT_COMPLIED, "the council complied with the "
			    "ombudsman's remedy on case '%s' on %s", cf->c.ref, e);
		}
		if ((rc = check_day(s, cf->pol, CPL_ABOUT_COMPLIED, m->complied,
		    r->decided, "the ombudsman's decision", err)))
			return rc;
		r->complied = m->complied;
		if (r->remedy_due != NO_DATE)
			when = r->complied <= r->remedy_due ? "on time" : "late";
		if ((rc = case_event(cf, stage, m->complied, s->officer,
		    "ombudsman-complied", when, err)))
			return rc;
	}
	if (r - cf->referrals < cf->stored_referrals)
		cf->referral_changed = (int)(r - cf->referrals);
	return 0;
}

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
	r->remedy_due = r->complied = NO_DATE;
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
	    strcmp(r->decision, "referred-back") == 0)) {
		if ((rc = new_referral(s, cf, a, err)))
			return rc;
		return remedy_given(&a->m) ? record_remedy(s, cf,
		    &cf->referrals[cf->n_referrals - 1], &a->m, a->date, err) :
		    0;
	}
	date_format(r->referred, d);
	if (a->body != NULL && strcmp(a->body, r->body) != 0)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_BODY, "case "
		    "'%s' was referred to '%s' on %s", cf->c.ref, r->body, d);
	if (a->reference == NULL && a->decision == NULL && !remedy_given(&a->m))
		return cpl_fail(err, CPL_USAGE, "case '%s' was referred to '%s' "
		    "on %s: what is there to record? the ombudsman's reference "
		    "or decision, its remedy, or the day the council complied",
		    cf->c.ref, r->body, d);
	if (a->decision != NULL && r->decision != NULL) {
		date_format(r->decided, d);
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DECISION, "the "
		    "ombudsman's decision on case '%s' (%s) was recorded on %s",
		    cf->c.ref, r->decision, d);
	}
	if ((a->reference != NULL || a->decision != NULL) &&
	    (rc = check_date(s, cf->pol, a->date, r->referred,
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
	return remedy_given(&a->m) ? record_remedy(s, cf, r, &a->m, a->date,
	    err) : 0;
}

static int
referral_given(const struct referral_args *a, struct cpl_error *err)
{
	char words[256];

	if (a->body != NULL && blank(a->body))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_BODY,
		    "the ombudsman is empty");
	if (a->reference != NULL && blank(a->reference))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REFERENCE,
		    "the ombudsman's reference is empty");
	if (a->decision != NULL && !one_of(a->decision, ombudsman_decisions))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DECISION,
		    "decision '%s' is not one of %s", a->decision,
		    word_list(ombudsman_decisions, words, sizeof(words)));
	if (a->m.remedy != NULL && blank(a->m.remedy))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY,
		    "the ombudsman's remedy is empty");
	return 0;
}

int
case_file_ombudsman(struct session *s, struct case_file *cf,
    const char *body, const char *reference, const char *decision,
    cpl_date date, struct cpl_error *err)
{
	struct referral_args a = {date, body, reference, decision,
	    {NULL, NO_DATE, NO_DATE}};
	int rc;

	if ((rc = referral_given(&a, err)))
		return rc;
	return do_ombudsman(s, cf, &a, err);
}

int
case_file_ombudsman_remedy(struct session *s, struct case_file *cf,
    const struct ombudsman_remedy *m, cpl_date date, struct cpl_error *err)
{
	struct referral_args a = {date, NULL, NULL, NULL, *m};
	int rc;

	if ((rc = referral_given(&a, err)))
		return rc;
	if (cf->n_referrals == 0)
		return cpl_fail(err, CPL_REFUSED, "case '%s' has not been "
		    "referred to the ombudsman", cf->c.ref);
	return record_remedy(s, cf, &cf->referrals[cf->n_referrals - 1], m,
	    date, err);
}

int
case_ombudsman(struct session *s, const char *ref, const char *body,
    const char *reference, const char *decision,
    const struct ombudsman_remedy *m, cpl_date date, struct cpl_error *err)
{
	struct referral_args a = {date, body, reference, decision,
	    {NULL, NO_DATE, NO_DATE}};
	int rc;

	if (m != NULL)
		a.m = *m;

	if ((rc = referral_given(&a, err)))
		return rc;
	return with_case(s, ref, err, do_ombudsman, &a);
}
