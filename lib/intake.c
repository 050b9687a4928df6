/*
 * intake.c: complaints log: the rules for taking a case in (see case.h,
 * case_log), each a function named as the seeds name it:
 *
 *   rule_anonymous       anonymous complaints: accepted, refused, or
 *                        logged as service requests
 *   rule_consent         a representative needs the complainant's
 *                        written consent
 *   rule_time_limit      the time limit to complain, and the recorded
 *                        reason a later one is accepted
 *   rule_exclusions      matters outside the procedure, with their own
 *                        route
 *
 * then the case is stored, with its first stage, in one write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "util.h"

static int
validate_log(const struct log_input *in, cpl_date received,
    struct cpl_error *err)
{
	const struct given_text texts[] = {
		{CPL_ABOUT_COMPLAINANT, "the complainant's name",
		    in->complainant},
		{CPL_ABOUT_CONTACT, "the contact details", in->contact},
		{CPL_ABOUT_ON_BEHALF_OF, "the representative's name",
		    in->on_behalf_of},
		{CPL_ABOUT_SERVICE, "the service", in->service},
		{CPL_ABOUT_CATEGORY, "the category", in->category},
		{CPL_ABOUT_SUMMARY, "the summary", in->summary},
		{CPL_ABOUT_EXTERNAL_REF, "the external reference",
		    in->external_ref},
		{CPL_ABOUT_LATE_REASON, "the reason a late complaint is "
		    "accepted", in->late_reason},
		{CPL_ABOUT_ACCEPT_ANYWAY, "the reason the case is accepted "
		    "anyway", in->accept_anyway},
	};
	int rc;

	if ((rc = check_given_texts(texts, sizeof(texts) / sizeof(texts[0]), 0,
	    err)))
		return rc;
	if (in->anonymous && in->complainant != NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ANONYMOUS,
		    "an anonymous case names no complainant");
	if (!in->anonymous && blank(in->complainant))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_COMPLAINANT,
		    "the complainant's name is needed, unless the case is "
		    "anonymous");
	if (in->consent && in->on_behalf_of == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CONSENT,
		    "consent is the complainant's to a representative, and no "
		    "representative is named");
	if (in->on_behalf_of != NULL && blank(in->on_behalf_of))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ON_BEHALF_OF,
		    "the representative's name is empty");
	if (in->kind != NULL && !one_of(in->kind, case_kinds))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_KIND, "kind '%s' "
		    "is not one of complaint, comment, compliment, "
		    "service-request", in->kind);
	if (in->channel != NULL && !one_of(in->channel, case_channels))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CHANNEL,
		    "channel '%s' is not one of email, phone, letter, web, "
		    "in-person, social, other", in->channel);
	if (in->occurred != NO_DATE && in->occurred > received)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OCCURRED,
		    "the day the matter occurred is after the day the case "
		    "was received");
	if (in->external_ref != NULL && blank(in->external_ref))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_EXTERNAL_REF,
		    "the external reference is empty");
	if (in->category != NULL && blank(in->category))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CATEGORY,
		    "the category is empty");
	if (in->late_reason != NULL && blank(in->late_reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LATE_REASON,
		    "the reason a late complaint is accepted is empty");
	if (in->accept_anyway != NULL && blank(in->accept_anyway))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ACCEPT_ANYWAY,
		    "the reason the case is accepted anyway is empty");
	return 0;
}

/* One of a policy's anonymous unless_categories? */
static int
anonymous_spared(const struct policy *p, const char *category)
{
	if (category == NULL)
		return 0;
	for (int i = 0; i < p->n_anonymous_unless; i++)
		if (policy_same_category(p->anonymous_unless[i], category))
			return 1;
	return 0;
}

/* What the intake rules decide about a case being logged. */
struct intake {
	const char *given_kind;	/* as given, or NULL */
	const char *kind;	/* as the policy takes it (an anonymous
				 * complaint as a service request) */
	int accepted_anyway;	/* a rule took the case because of the
				 * accept-anyway reason */
	char warning[1024];	/* shown once the case is logged, or "" */
};

/*
 * Anonymous complaints: accepted, refused, or logged as service requests,
 * as the policy says (unless the category is one the policy spares: a
 * safeguarding matter is taken however it comes).
 */
static int
rule_anonymous(const struct policy *p, const struct log_input *in,
    struct intake *t, struct cpl_error *err)
{
	if (!in->anonymous || anonymous_spared(p, in->category))
		return 0;
	if (p->anonymous == ANON_REFUSE)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_ANONYMOUS,
		    "policy '%s' does not accept anonymous complaints (%s)",
		    p->id, p->anonymous_source);
	if (p->anonymous != ANON_SERVICE_REQUEST)
		return 0;
	if (in->accept_anyway != NULL) {
		t->accepted_anyway = 1;
		return 0;
	}
	t->kind = "service-request";
	snprintf(t->warning, sizeof(t->warning), "an anonymous complaint is "
	    "logged as a service request under policy '%s' (%s); to take it "
	    "as a complaint, accept it anyway, saying why", p->id,
	    p->anonymous_source);
	return 0;
}

/* A representative needs the complainant's written consent where the
 * policy says so. */
static int
rule_consent(const struct policy *p, const struct log_input *in,
    struct cpl_error *err)
{
	if (in->on_behalf_of == NULL || !p->consent_required || in->consent)
		return 0;
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_CONSENT, "policy '%s' "
	    "needs the written consent of '%s' for a representative to "
	    "complain for them: record it once it is held (%s)", p->id,
	    in->on_behalf_of, p->consent_source);
}

/*
 * The time limit to complain runs from the day the matter occurred; a
 * complaint made later is taken only with the reason it is accepted
 * recorded, and that reason only where it is needed.
 */
static int
rule_time_limit(const struct policy *p, const struct log_input *in,
    cpl_date received, struct cpl_error *err)
{
	cpl_date limit;
	char o[DATE_LEN], l[DATE_LEN];

	if (in->occurred == NO_DATE) {
		if (in->late_granted_by != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_LATE_GRANTED_BY, "a complaint is late by the "
			    "day the matter occurred, which is not given");
		if (in->late_reason != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_LATE_REASON, "a complaint is late by the "
			    "day the matter occurred, which is not given");
		return 0;
	}
	limit = date_add_months(in->occurred, p->time_limit_months);
	date_format(in->occurred, o);
	date_format(limit, l);
	if (received > limit && in->late_reason == NULL)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_LATE_REASON,
		    "the matter occurred on %s, more than %d months before the "
		    "complaint: policy '%s' accepts it %s, with the reason it is "
		    "accepted recorded (%s)", o, p->time_limit_months, p->id,
		    p->time_limit_late, p->time_limit_source);
	if (received <= limit && in->late_reason != NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LATE_REASON,
		    "the complaint is within the %d months of policy '%s' (the "
		    "matter occurred on %s; the limit is %s)",
		    p->time_limit_months, p->id, o, l);
	return rule_late_granted(p, in, received > limit, err);
}

/* Matters outside the procedure go by their own route: refused (unless
 * accepted anyway), or logged with a warning naming the route. */
static int
rule_exclusions(const struct policy *p, const struct log_input *in,
    struct intake *t, struct cpl_error *err)
{
	const struct exclusion *ex;

	if (in->category == NULL ||
	    (ex = policy_exclusion(p, in->category)) == NULL)
		return 0;
	if (ex->refuse && in->accept_anyway == NULL)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_ACCEPT_ANYWAY,
		    "category '%s' is outside the procedure of policy '%s'%s%s; "
		    "it is logged as a complaint all the same only with the "
		    "reason it is accepted (%s)", ex->category, p->id,
		    ex->route ? ": " : "", ex->route ? ex->route : "",
		    ex->source);
	if (ex->refuse)
		t->accepted_anyway = 1;
	else
		snprintf(t->warning, sizeof(t->warning), "category '%s' under "
		    "policy '%s'%s%s (%s)", ex->category, p->id,
		    ex->route ? ": " : "", ex->route ? ex->route : "",
		    ex->source);
	return 0;
}

/* Time limits and exclusions are the complaints procedure's: their
 * reasons make no sense on anything else. */
static int
complaint_only(const struct log_input *in, const char *kind,
    struct cpl_error *err)
{
	if (in->late_reason != NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LATE_REASON,
		    "a time limit is a complaint's, not a %s's", kind);
	if (in->accept_anyway != NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ACCEPT_ANYWAY,
		    "only a complaint is kept out by the procedure, not a %s",
		    kind);
	return 0;
}

/*
 * The policy's rules for taking a case in: who may complain and how,
 * when, and about what, in that order. t->kind may change (an anonymous
 * complaint logged as a service request); a warning is shown only once
 * the case is logged, so it is left in t->warning.
 */
static int
intake_rules(const struct policy *p, const struct log_input *in,
    cpl_date received, struct intake *t, struct cpl_error *err)
{
	int rc;

	t->warning[0] = '\0';
	t->accepted_anyway = 0;
	if (strcmp(t->kind, "complaint") != 0)
		return complaint_only(in, t->kind, err);
	if ((rc = rule_anonymous(p, in, t, err)))
		return rc;
	if (strcmp(t->kind, "complaint") != 0)
		return complaint_only(in, t->kind, err);
	if ((rc = rule_consent(p, in, err)) ||
	    (rc = rule_time_limit(p, in, received, err)) ||
	    (rc = rule_exclusions(p, in, t, err)))
		return rc;
	if (in->accept_anyway != NULL && !t->accepted_anyway)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ACCEPT_ANYWAY,
		    "nothing in policy '%s' keeps this complaint out%s%s%s", p->id,
		    in->category ? " (category '" : "",
		    in->category ? in->category : "", in->category ? "')" : "");
	return 0;
}

int
case_intake_recheck(struct session *s, const struct case_file *cf,
    char **warning, struct cpl_error *err)
{
	const struct case_rec *c = &cf->c;
	const struct policy *p = cf->pol;
	const struct exclusion *ex;
	struct log_input in;
	struct intake t = {c->kind, c->kind, 0, ""};
	int rc;

	(void)s;
	*warning = NULL;
	memset(&in, 0, sizeof(in));
	in.kind = c->kind;
	in.anonymous = c->anonymous;
	in.complainant = c->complainant;
	in.contact = c->contact;
	in.on_behalf_of = c->on_behalf_of;
	in.consent = c->consent;
	in.channel = c->channel;
	in.service = c->service;
	in.category = c->category;
	in.summary = c->summary;
	in.received = c->received;
	in.occurred = c->occurred;
	if ((rc = validate_log(&in, c->received, err)))
		return rc;
	if (strcmp(c->kind, "complaint") != 0)
		return 0;
	/* The reasons recorded at log are given where the rules ask for
	 * them; one the amended details no longer need stays recorded. */
	if (c->occurred != NO_DATE && c->received >
	    date_add_months(c->occurred, p->time_limit_months)) {
		in.late_reason = c->late_reason;
		in.late_granted_by = cf->rules.late_granted_by;
	}
	ex = c->category ? policy_exclusion(p, c->category) : NULL;
	if (ex != NULL && ex->refuse)
		in.accept_anyway = c->accepted_anyway;
	if ((rc = rule_time_limit(p, &in, c->received, err)) ||
	    (rc = rule_exclusions(p, &in, &t, err)))
		return rc;
	if (t.warning[0] != '\0' && (*warning = strdup(t.warning)) == NULL)
		return cpl_nomem(err);
	return 0;
}

int
case_log_policy(struct session *s, const struct log_input *in,
    const struct policy **pol, struct cpl_error *err)
{
	char *def = NULL;
	int rc;

	if (in->policy != NULL)
		return session_policy(s, in->policy, pol, err);
	if ((rc = store_get_setting(s->st, "default_policy", &def, err)))
		return rc;
	if (def == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_POLICY,
		    "no policy: name one, or set the store's default with "
		    "'complaints init'");
	rc = session_policy(s, def, pol, err);
	free(def);
	return rc;
}

/* The case and its first stage, as log takes it in (c's strings the
 * caller's, copied into cf). */
static int
new_case_file(struct session *s, const struct policy *p,
    const struct case_rec *c, const struct stage_rec *st,
    const struct intake *t, struct case_file *cf, struct cpl_error *err)
{
	const char *kind = c->kind;
	int rc;

	memset(cf, 0, sizeof(*cf));
	cf->referral_changed = -1;
	cf->is_new = 1;
	cf->pol = p;
	if (case_rec_copy(&cf->c, c) != 0)
		return cpl_nomem(err);
	if ((rc = case_add_stage(cf, st, err)) ||
	    (rc = case_event(cf, 1, c->received, s->officer, "logged",
	    t->given_kind == NULL || strcmp(t->given_kind, kind) == 0 ? kind :
	    "complaint, logged as a service-request", err)) ||
	    (c->late_reason != NULL &&
	    (rc = case_event(cf, 1, c->received, s->officer, "accepted-late",
	    c->late_reason, err))) ||
	    (c->accepted_anyway != NULL &&
	    (rc = case_event(cf, 1, c->received, s->officer, "accepted-anyway",
	    c->accepted_anyway, err))))
		return rc;
	if (t->warning[0] != '\0' && set_text(&cf->warning, t->warning) != 0)
		return cpl_nomem(err);
	return 0;
}

int
case_file_new(struct session *s, const struct log_input *in,
    struct case_file *cf, struct cpl_error *err)
{
	struct case_rec c;
	struct stage_rec st;
	struct case_file none;
	const struct policy *p = NULL;
	const struct exclusion *ex;
	char *xref = NULL;
	const char *kind;
	struct intake t = {in->kind, in->kind ? in->kind : "complaint", 0,
	    ""};
	cpl_date received = in->received == NO_DATE ? s->today : in->received;
	int rc;

	memset(cf, 0, sizeof(*cf));
	cf->referral_changed = -1;
	if ((rc = validate_log(in, received, err)) ||
	    (rc = check_day(s, NULL, CPL_ABOUT_RECEIVED, received, NO_DATE,
	    NULL, err)))
		return rc;
	/* Another system's key: the spaces around it (a spreadsheet's
	 * padding) are no part of it, so it is kept, and matched, without
	 * them. Case matters: "web-1" is not "WEB-1". */
	if (in->external_ref != NULL &&
	    (xref = trimmed(in->external_ref)) == NULL)
		return cpl_nomem(err);
	if ((rc = case_log_policy(s, in, &p, err)) ||
	    (rc = intake_rules(p, in, received, &t, err)) ||
	    (rc = rules_log_check(s, p, in, t.kind, err)) ||
	    (rc = check_in_calendar(s, p, CPL_ABOUT_RECEIVED, received, err)))
		goto out;
	kind = t.kind;

	memset(&c, 0, sizeof(c));
	c.policy = (char *)p->id;
	c.kind = (char *)kind;
	c.anonymous = in->anonymous;
	c.complainant = (char *)in->complainant;
	c.contact = (char *)in->contact;
	c.on_behalf_of = (char *)in->on_behalf_of;
	c.consent = in->consent;
	c.channel = (char *)in->channel;
	c.service = (char *)in->service;
	/* A category the policy names is kept as the policy spells it, so
	 * the reports count it as one. */
	ex = in->category ? policy_exclusion(p, in->category) : NULL;
	c.category = (char *)(ex ? ex->category : in->category);
	c.summary = (char *)in->summary;
	c.received = received;
	c.occurred = in->occurred;
	c.external_ref = xref;
	c.logged_by = (char *)s->officer;
	c.closed = NO_DATE;
	c.purged = NO_DATE;
	c.reopened = NO_DATE;
	c.late_reason = (char *)in->late_reason;
	c.accepted_anyway = (char *)in->accept_anyway;
	c.resolve_due = NO_DATE;
	/* The overall clock counts calendar weeks, receipt to resolution;
	 * its end, like every deadline, lies inside the calendar's years. */
	if (strcmp(kind, "complaint") == 0 && p->overall_weeks > 0) {
		c.resolve_due = received + 7 * p->overall_weeks;
		if (!calendar_covers(&p->cal, c.resolve_due)) {
			char r[DATE_LEN], what[128];

			date_format(c.resolve_due, r);
			snprintf(what, sizeof(what), "the end of the %d weeks to "
			    "resolution, %s,", p->overall_weeks, r);
			rc = beyond_calendar(s, p, what, date_year(c.resolve_due),
			    err);
			goto out;
		}
	}

	memset(&st, 0, sizeof(st));
	st.stage = 1;
	st.opened = received;
	st.officer = (char *)s->officer;
	st.acknowledged = st.responded = NO_DATE;
	/* The timescales are the complaints procedure's: service requests
	 * have none, and comments and compliments only the acknowledgement
	 * a policy may set for them (they are never answered). */
	st.respond_from = CLOCK_OPENED;
	if (strcmp(kind, "complaint") == 0)
		stage_timescales(policy_stage(p, 1), &st);
	else if (strcmp(kind, "service-request") != 0 && p->feedback_ack.set)
		st.ack_days = p->feedback_ack.days;

	/* Refuse now a case whose deadlines the calendar can't give. */
	memset(&none, 0, sizeof(none));
	none.pol = p;
	if ((rc = check_deadlines(s, &none, &st, err)))
		goto out;
	if ((rc = new_case_file(s, p, &c, &st, &t, cf, err)) ||
	    (rc = rules_log_apply(s, cf, in, err)))
		case_file_free(cf);
out:
	free(xref);
	return rc;
}

/* What warn_related found: the latest of the open cases, and how many. */
struct related {
	char ref[64];
	cpl_date received;
	int n;
};

static int
related_one(const char *ref, cpl_date received, void *arg)
{
	struct related *r = arg;

	if (r->n++ == 0) {
		snprintf(r->ref, sizeof(r->ref), "%s", ref);
		r->received = received;
	}
	return 0;
}

/*
 * A case of the same complainant, about the same service, still open and
 * received in the RELATED_DAYS before this one: the same complaint logged
 * twice, or a related one to deal with in the same response. Told, never
 * refused (a second complaint can be a new one).
 */
#define RELATED_DAYS 30

void
warn_related(struct session *s, const struct case_file *cf)
{
	struct related r;
	struct cpl_error ignored;
	char d[DATE_LEN];

	if (s->warn == NULL || cf->c.anonymous || cf->c.complainant == NULL ||
	    cf->c.closed != NO_DATE)
		return;
	memset(&r, 0, sizeof(r));
	if (store_open_cases_of(s->st, cf->c.complainant, cf->c.service,
	    cf->c.received - RELATED_DAYS, cf->c.received, cf->c.id,
	    related_one, &r, &ignored) != 0 || r.n == 0)
		return;
	date_format(r.received, d);
	if (r.n == 1)
		session_warn(s, "possible duplicate or related case: '%s' (open, "
		    "received %s) is of the same complainant about the same "
		    "service; related issues can be answered together", r.ref,
		    d);
	else
		session_warn(s, "possible duplicate or related case: '%s' (open, "
		    "received %s) and %d more are of the same complainant about "
		    "the same service; related issues can be answered together",
		    r.ref, d, r.n - 1);
}

int
case_log(struct session *s, const struct log_input *in, char **ref,
    struct cpl_error *err)
{
	struct case_file cf;
	int rc, exists = 0;

	*ref = NULL;
	if ((rc = case_file_new(s, in, &cf, err)))
		return rc;
	if ((rc = store_begin(s->st, err)))
		goto out;
	if (cf.c.external_ref != NULL && !in->external_ref_new) {
		if ((rc = store_external_ref_exists(s->st, cf.c.external_ref,
		    &exists, err)))
			goto fail;
		if (exists) {
			rc = cpl_fail_about(err, CPL_REFUSED,
			    CPL_ABOUT_EXTERNAL_REF, "a case with external "
			    "reference '%s' is already logged", cf.c.external_ref);
			goto fail;
		}
	}
	if ((rc = case_number(s, &cf, err)) ||
	    (rc = case_write(s, &cf, err)))
		goto fail;
	/* The reference is the caller's before the commit, which may have
	 * it printed first (store_before_commit). */
	if ((*ref = strdup(cf.c.ref)) == NULL) {
		rc = cpl_nomem(err);
		goto fail;
	}
	if ((rc = store_commit(s->st, err))) {
		free(*ref);
		*ref = NULL;
		goto fail;
	}
	if (cf.warning != NULL)
		session_warn(s, "%s", cf.warning);
	if (!in->anonymous)
		warn_restrictions(s, in->complainant);
	warn_related(s, &cf);
	goto out;
fail:
	store_rollback(s->st);
out:
	case_file_free(&cf);
	return rc;
}
