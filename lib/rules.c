/*
 * rules.c: the seeds' smaller rules on taking a complaint in and on who
 * may act on it (see case.h), each a function named as the seeds name it:
 *
 *   rule_named_officer   a complaint about a named officer is answered by
 *                        a senior officer, and never handled by the
 *                        officer it names (seed 002 §10)
 *   rule_discrimination  a complaint about discrimination is recorded as
 *                        one, for monitoring (seed 002 §13)
 *   rule_late_granted    a complaint past the time limit is accepted at
 *                        the discretion of the one the policy names
 *                        (seed 003 §19)
 *   rule_informal        a complaint resolved informally within the
 *                        policy's hours of receipt (seed 002 §6)
 *
 * What they record is the case's case_rules (cf->rules), written by
 * case_write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "util.h"

/* Who, in words: the names listed ("'A' or 'B'"), else the post. */
static void
who_words(const struct deciders *d, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (d->n_names == 0) {
		snprintf(buf, size, "%s", d->role ? d->role : "");
		return;
	}
	for (int i = 0; i < d->n_names && len < size; i++) {
		int n = snprintf(buf + len, size - len, "%s'%s'", i == 0 ? "" :
		    i == d->n_names - 1 ? " or " : ", ", d->names[i]);
		if (n < 0)
			break;
		len += (size_t)n;
	}
}

/* The texts log is given for these rules: not too long, not empty. */
static int
rules_texts(const struct log_input *in, struct cpl_error *err)
{
	const struct given_text texts[] = {
		{CPL_ABOUT_ABOUT_STAFF, "the name of the officer complained "
		    "about", in->about_staff},
		{CPL_ABOUT_LATE_GRANTED_BY, "the name of who accepted the late "
		    "complaint", in->late_granted_by},
	};

	return check_given_texts(texts, sizeof(texts) / sizeof(texts[0]), 1,
	    err);
}

/* The citation of a rule's source, or the words of the rule where the
 * policy gives none. */
static const char *
cite(const char *source, const char *otherwise, char *buf, size_t size)
{
	if (source == NULL)
		return otherwise;
	policy_cite(source, buf, size);
	return buf;
}

/*
 * A complaint about a named officer is never handled by that officer:
 * not logged by them (who logs a case handles its first stage), not given
 * to them, not answered by them.
 */
static int
not_the_named_officer(const struct policy *p, const char *ref,
    const char *about, const char *officer, enum cpl_subject subject,
    struct cpl_error *err)
{
	char buf[256];
	const char *c = buf;
	int same = policy_same_name(about, officer);

	if (same < 0)
		return cpl_nomem(err);
	if (!same)
		return 0;
	c = cite(p->senior_officers.source, "a complaint about a named officer "
	    "is answered by someone else", buf, sizeof(buf));
	if (ref == NULL)
		return cpl_fail_about(err, CPL_REFUSED, subject, "'%s' may not "
		    "log a complaint about themselves: who logs a case handles "
		    "it (%s)", about, c);
	return cpl_fail_about(err, CPL_REFUSED, subject, "case '%s' is a "
	    "complaint about '%s', who may not handle it (%s)", ref, about, c);
}

int
rule_named_handler(const struct case_file *cf, const char *officer,
    enum cpl_subject subject, struct cpl_error *err)
{
	if (cf->rules.about_staff == NULL)
		return 0;
	return not_the_named_officer(cf->pol, cf->c.ref, cf->rules.about_staff,
	    officer, subject, err);
}

/*
 * Complaints about named officers must be formally responded to by a
 * senior officer (seed 002 §10): where the policy lists its senior
 * officers, only they answer such a complaint; never the officer named.
 */
int
rule_named_officer(const struct case_file *cf, const char *officer,
    struct cpl_error *err)
{
	const struct deciders *d = &cf->pol->senior_officers;
	char who[512], c[256];
	int rc, ok;

	if (cf->rules.about_staff == NULL)
		return 0;
	if ((rc = rule_named_handler(cf, officer, CPL_ABOUT_OFFICER, err)))
		return rc;
	if (!d->set)
		return 0;
	if (deciders_allow(d, officer, &ok) != 0)
		return cpl_nomem(err);
	if (ok)
		return 0;
	who_words(d, who, sizeof(who));
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_OFFICER, "case '%s' "
	    "is a complaint about '%s': policy '%s' has it answered by a senior "
	    "officer, %s, and '%s' is not one (%s)", cf->c.ref,
	    cf->rules.about_staff, cf->pol->id, who, officer,
	    cite(d->source, "senior officers", c, sizeof(c)));
}

int
rule_late_granted(const struct policy *p, const struct log_input *in,
    int late, struct cpl_error *err)
{
	const struct deciders *d = &p->late_granted;
	char who[512], c[256];
	int ok;

	if (!late) {
		if (in->late_granted_by != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_LATE_GRANTED_BY, "the complaint is within "
			    "the %d months of policy '%s': nobody need accept "
			    "it late", p->time_limit_months, p->id);
		return 0;
	}
	if (!d->set) {
		if (in->late_granted_by != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_LATE_GRANTED_BY, "policy '%s' names nobody "
			    "who accepts a late complaint", p->id);
		return 0;
	}
	who_words(d, who, sizeof(who));
	cite(d->source, "", c, sizeof(c));
	if (in->late_granted_by == NULL)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_LATE_GRANTED_BY,
		    "policy '%s' accepts a complaint past its %d months only at "
		    "the discretion of %s: record who accepted it (%s)", p->id,
		    p->time_limit_months, who, c);
	if (deciders_allow(d, in->late_granted_by, &ok) != 0)
		return cpl_nomem(err);
	if (!ok)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_LATE_GRANTED_BY,
		    "'%s' is not one who may accept a late complaint under "
		    "policy '%s': %s (%s)", in->late_granted_by, p->id, who, c);
	return 0;
}

/* The last day a complaint received on received may be resolved
 * informally: the policy's hours as days (actions carry dates, not
 * times): the day received, and a working day for each 24 hours. */
static int
informal_last_day(struct session *s, const struct policy *p,
    cpl_date received, cpl_date *last, struct cpl_error *err)
{
	int days = (p->informal_hours + 23) / 24;

	(void)s;
	return working_days_after(&p->cal, received, days, last, err);
}

/* Resolved informally (seed 002 §6): only where the policy has the
 * step, a complaint at its first stage, closed as resolved on the day
 * received or within the step's working days after it. */
static int
rule_informal(struct session *s, const struct case_file *cf, cpl_date date,
    struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	char c[256], l[DATE_LEN], r[DATE_LEN];
	cpl_date last;
	int rc;

	if (!is_complaint(&cf->c))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_INFORMAL,
		    "only a complaint is resolved informally, not a %s",
		    cf->c.kind);
	if (p->informal_hours <= 0)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_INFORMAL,
		    "policy '%s' has no informal resolution step", p->id);
	if (cf->n_stages > 1 || cf->stages[0].responded != NO_DATE)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_INFORMAL,
		    "case '%s' has had a formal response: it is no longer "
		    "resolved informally", cf->c.ref);
	if ((rc = informal_last_day(s, p, cf->c.received, &last, err)))
		return rc;
	if (date <= last)
		return 0;
	date_format(cf->c.received, r);
	date_format(last, l);
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_INFORMAL, "policy '%s' "
	    "resolves a complaint informally within %d hours of receipt: "
	    "dated from %s, the day received, to %s (%s)", p->id,
	    p->informal_hours, r, l,
	    cite(p->informal_source, "informal resolution", c, sizeof(c)));
}

/* Close cf as resolved informally on date, recording it. */
static int
close_informally(struct session *s, struct case_file *cf, cpl_date date,
    struct cpl_error *err)
{
	int rc;

	if ((rc = rule_informal(s, cf, date, err)) ||
	    (rc = case_file_close(s, cf, "resolved", date, err)))
		return rc;
	cf->rules.informal = 1;
	cf->rules.informal_on = date;
	cf->rules_changed = 1;
	return case_event(cf, 1, date, s->officer, "resolved-informally",
	    NULL, err);
}

int
rules_log_check(struct session *s, const struct policy *p,
    const struct log_input *in, const char *kind, struct cpl_error *err)
{
	int rc;

	if ((rc = rules_texts(in, err)))
		return rc;
	if (strcmp(kind, "complaint") != 0) {
		if (in->about_staff != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_ABOUT_STAFF, "only a complaint is about a "
			    "named officer, not a %s", kind);
		if (in->discrimination)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_DISCRIMINATION, "only a complaint is about "
			    "discrimination, not a %s", kind);
		if (in->late_granted_by != NULL)
			return cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_LATE_GRANTED_BY, "a time limit is a "
			    "complaint's, not a %s's", kind);
		if (in->resolved_informally)
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_INFORMAL,
			    "only a complaint is resolved informally, not a %s",
			    kind);
		return 0;
	}
	if (in->about_staff != NULL &&
	    (rc = not_the_named_officer(p, NULL, in->about_staff, s->officer,
	    CPL_ABOUT_ABOUT_STAFF, err)))
		return rc;
	if (in->resolved_informally && p->informal_hours <= 0)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_INFORMAL,
		    "policy '%s' has no informal resolution step", p->id);
	return 0;
}

int
rules_log_apply(struct session *s, struct case_file *cf,
    const struct log_input *in, struct cpl_error *err)
{
	struct case_rules_rec *r = &cf->rules;

	if (!is_complaint(&cf->c))
		return 0;
	if (set_text(&r->about_staff, in->about_staff) != 0 ||
	    set_text(&r->late_granted_by, in->late_granted_by) != 0)
		return cpl_nomem(err);
	r->discrimination = in->discrimination != 0;
	if (in->late_granted_by != NULL && case_event(cf, 1, cf->c.received,
	    s->officer, "late-granted", in->late_granted_by, err) != 0)
		return err->code;
	if (in->resolved_informally)
		return close_informally(s, cf, cf->c.received, err);
	return 0;
}

/* What case_close_informally is given. */
struct informal_close {
	const char *reason;
	cpl_date date;
};

static int
do_close_informally(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	const struct informal_close *a = arg;
	int rc;

	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_open(cf, a->date, err)))
		return rc;
	return close_informally(s, cf, a->date, err);
}

int
case_close_informally(struct session *s, const char *ref,
    const char *reason, cpl_date date, struct cpl_error *err)
{
	struct informal_close a = {reason, date};

	if (reason != NULL && strcmp(reason, "resolved") != 0)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_INFORMAL, "a case "
		    "resolved informally is closed as resolved, not '%s'",
		    reason);
	return with_case(s, ref, err, do_close_informally, &a);
}

int
case_file_close_informally(struct session *s, struct case_file *cf,
    cpl_date date, struct cpl_error *err)
{
	return close_informally(s, cf, date, err);
}

int
rules_check_handlers(const struct case_file *cf, struct cpl_error *err)
{
	int rc;

	if (cf->rules.about_staff == NULL)
		return 0;
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *st = &cf->stages[i];

		if ((rc = rule_named_handler(cf, st->officer,
		    CPL_ABOUT_ABOUT_STAFF, err)) ||
		    (rc = rule_named_handler(cf, st->responded_by,
		    CPL_ABOUT_ABOUT_STAFF, err)))
			return rc;
	}
	return 0;
}

/*
 * Who decides a restriction on a complainant (seed 000 §6 Exclusions: the
 * Head of Department recommends, one of three officers decides): where
 * the store's default policy lists them, one of them, recorded.
 */
int
rule_restriction_decider(struct session *s, const char *decided_by,
    struct cpl_error *err)
{
	const struct policy *p = NULL;
	const struct deciders *d;
	char *def = NULL, who[512], c[256];
	int rc, ok;

	if (decided_by != NULL && strlen(decided_by) > TEXT_MAX)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DECIDED_BY,
		    "the name of who decided is longer than %d bytes",
		    TEXT_MAX);
	if (decided_by != NULL && blank(decided_by))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DECIDED_BY,
		    "the name of who decided is empty");
	if ((rc = store_get_setting(s->st, "default_policy", &def, err)))
		return rc;
	if (def == NULL)
		return 0;
	rc = session_policy(s, def, &p, err);
	free(def);
	if (rc)
		return rc;
	d = &p->restriction_deciders;
	if (!d->set)
		return 0;
	who_words(d, who, sizeof(who));
	cite(d->source, "", c, sizeof(c));
	if (decided_by == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DECIDED_BY,
		    "policy '%s' has a restriction decided by %s: who decided "
		    "it is needed (%s)", p->id, who, c);
	if (deciders_allow(d, decided_by, &ok) != 0)
		return cpl_nomem(err);
	if (!ok)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DECIDED_BY,
		    "'%s' is not one who may decide a restriction under policy "
		    "'%s': %s (%s)", decided_by, p->id, who, c);
	return 0;
}
