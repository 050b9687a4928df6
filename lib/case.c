/*
 * case.c: the case rules (see case.h).
 *
 * Each action follows one shape: BEGIN IMMEDIATE; read the case inside the
 * transaction (so two officers can't both answer the same stage); check the
 * rules; write the change and its event; COMMIT. Any failure rolls back.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case.h"
#include "util.h"

const char *const case_kinds[] = {"complaint", "comment", "compliment",
    "service-request", NULL};
const char *const case_channels[] = {"email", "phone", "letter", "web",
    "in-person", "social", "other", NULL};
const char *const case_outcomes[] = {"upheld", "partly-upheld", "not-upheld",
    NULL};
const char *const close_reasons[] = {"resolved", "withdrawn", "out-of-scope",
    "refused", "ombudsman", "no-further-action", NULL};
const char *const ombudsman_decisions[] = {"upheld", "partly-upheld",
    "not-upheld", "not-investigated", "referred-back", NULL};
/* What the seeds describe (000 §6 Exclusions, 002 §14): one officer as the
 * single point of contact, contact in writing only, no reply to matters
 * already dealt with, contact limited in time or means. */
const char *const restriction_kinds[] = {"single-point-of-contact",
    "written-contact-only", "no-further-correspondence", "limited-contact",
    "other", NULL};

/* Text that says nothing: none, empty, or only spaces (a reason of "  "
 * is no written reason). */
static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static int
is_complaint(const struct case_rec *c)
{
	return strcmp(c->kind, "complaint") == 0;
}

int
one_of(const char *word, const char *const *values)
{
	for (; *values != NULL; values++)
		if (strcmp(word, *values) == 0)
			return 1;
	return 0;
}

void
case_release(struct session *s)
{
	if (s->held != NULL) {
		case_file_free(s->held);
		free(s->held);
		s->held = NULL;
	}
}

void
case_file_free(struct case_file *cf)
{
	case_rec_free(&cf->c);
	store_stages_free(cf->stages, cf->n_stages);
	store_restrictions_free(cf->restrictions, cf->n_restrictions);
	store_referrals_free(cf->referrals, cf->n_referrals);
	cf->stages = NULL;
	cf->n_stages = 0;
	cf->restrictions = NULL;
	cf->n_restrictions = 0;
	cf->referrals = NULL;
	cf->n_referrals = 0;
}

/* The case ref names, as typed or else in capitals: "ssc-2026-00001" is
 * SSC-2026-00001 (references are the policy's prefix, in capitals in
 * every shipped policy). */
static int
find_case(struct session *s, const char *ref, struct case_rec *c,
    struct cpl_error *err)
{
	char upper[64];
	size_t n = strlen(ref);
	int rc, lower = 0;

	if ((rc = store_find_case(s->st, ref, c, err)) != CPL_REFUSED ||
	    n >= sizeof(upper))
		return rc;
	for (size_t i = 0; i <= n; i++) {
		upper[i] = (char)toupper((unsigned char)ref[i]);
		lower |= upper[i] != ref[i];
	}
	if (!lower)
		return rc;
	if ((rc = store_find_case(s->st, upper, c, err)) == CPL_REFUSED)
		return cpl_fail(err, CPL_REFUSED, "no case '%s'", ref);
	return rc;
}

int
case_load(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	memset(cf, 0, sizeof(*cf));
	if ((rc = find_case(s, ref, &cf->c, err)) ||
	    (rc = store_stages(s->st, cf->c.id, &cf->stages, &cf->n_stages,
	    err)) ||
	    (rc = case_policy(s, cf->c.policy_version, &cf->pol, err))) {
		case_file_free(cf);
		return rc;
	}
	if (cf->n_stages == 0) {
		rc = cpl_fail(err, CPL_STORE, "case '%s' has no stage", ref);
		case_file_free(cf);
	}
	return rc;
}

int
case_load_full(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	if ((rc = case_load(s, ref, cf, err)))
		return rc;
	cf->today = s->today;
	if ((!cf->c.anonymous && cf->c.complainant != NULL &&
	    (rc = store_restrictions(s->st, cf->c.complainant, 0,
	    &cf->restrictions, &cf->n_restrictions, err))) ||
	    (rc = store_referrals(s->st, cf->c.id, &cf->referrals,
	    &cf->n_referrals, err)))
		case_file_free(cf);
	return rc;
}

/* The deadline stage_deadlines could not work out, for a refusal. */
struct beyond {
	const char *what;	/* "acknowledgement deadline", ... */
	cpl_date from;		/* the day it counts from */
	int days;		/* working days after it */
};

static int
deadline(const struct calendar *cal, const char *what, cpl_date from,
    int days, cpl_date *out, struct beyond *b, struct cpl_error *err)
{
	b->what = what;
	b->from = from;
	b->days = days;
	return working_days_after(cal, from, days, out, err);
}

/* stage_deadlines, saying in *b which deadline fell outside the calendar. */
static int
deadlines_of(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct beyond *b, struct cpl_error *err)
{
	cpl_date start;
	int rc;

	d->ack_due = d->response_due = d->response_target = NO_DATE;
	if (st->ack_days > 0 &&
	    (rc = deadline(cal, "acknowledgement deadline", st->opened,
	    st->ack_days, &d->ack_due, b, err)))
		return rc;
	if (st->respond_days == 0)
		return 0;
	start = st->respond_from == CLOCK_ACKNOWLEDGED ? st->acknowledged :
	    st->opened;
	if (start == NO_DATE)
		return 0;
	/* An extension adds its working days to the deadline in force. */
	if ((rc = deadline(cal, "response deadline", start,
	    st->respond_days + st->ext_days, &d->response_due, b, err)))
		return rc;
	if (st->respond_target > 0 &&
	    (rc = deadline(cal, "response target", start, st->respond_target,
	    &d->response_target, b, err)))
		return rc;
	return 0;
}

int
stage_deadlines(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct cpl_error *err)
{
	struct beyond b;

	return deadlines_of(cal, st, d, &b, err);
}

const char *
stage_next_action(const struct stage_rec *st, const struct deadlines *d,
    cpl_date *due)
{
	*due = NO_DATE;
	if (st->responded != NO_DATE)
		return NULL;
	if (st->acknowledged == NO_DATE && st->ack_days > 0) {
		*due = d->ack_due;
		return "acknowledge";
	}
	*due = d->response_due;
	return "respond";
}

/* --- helpers shared by the actions --- */

static struct stage_rec *
current_stage(struct case_file *cf)
{
	return &cf->stages[cf->n_stages - 1];
}

/* The day of the last thing that happened to the case: its receipt, a
 * stage opened, acknowledged, extended or answered. What closes or refers
 * a case comes after it. */
static cpl_date
last_step(const struct case_file *cf, const char **what)
{
	cpl_date last = cf->c.received;

	*what = "the day the case was received";
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *st = &cf->stages[i];
		if (st->opened > last) {
			last = st->opened;
			*what = "the stage 2 request";
		}
		if (st->acknowledged != NO_DATE && st->acknowledged > last) {
			last = st->acknowledged;
			*what = i == 0 ? "the stage 1 acknowledgement" :
			    "the stage 2 acknowledgement";
		}
		for (int j = 0; j < st->n_ext; j++)
			if (st->ext[j].date > last) {
				last = st->ext[j].date;
				*what = i == 0 ? "the stage 1 extension" :
				    "the stage 2 extension";
			}
		if (st->responded != NO_DATE && st->responded > last) {
			last = st->responded;
			*what = i == 0 ? "the stage 1 response" :
			    "the stage 2 response";
		}
	}
	return last;
}

/*
 * Refuse what would be recorded on, or run to, a day outside the years the
 * policy's calendar covers: its deadlines, and every report that counts
 * it, could never be worked out. The calendar needs the missing year, so
 * the status is CPL_POLICY. what names the day ("2031-01-03", "the stage 1
 * response deadline, 10 working days after 2030-12-20,"); year is the one
 * to add.
 */
static int
beyond_calendar(struct session *s, const struct policy *p, const char *what,
    int year, struct cpl_error *err)
{
	char *path = session_calendar_path(s, p);
	int rc;

	rc = cpl_fail(err, CPL_POLICY, "calendar '%s' covers %d to %d; %s is "
	    "outside it: add %d's bank holidays to '%s'", p->cal.id,
	    p->cal.from_year, p->cal.to_year, what, year,
	    path ? path : p->calendar_id);
	free(path);
	return rc;
}

/* A day recorded on a case of policy p: inside the calendar's years. */
static int
check_in_calendar(struct session *s, const struct policy *p, cpl_date day,
    struct cpl_error *err)
{
	char d[DATE_LEN];

	if (calendar_covers(&p->cal, day))
		return 0;
	date_format(day, d);
	return beyond_calendar(s, p, d, date_year(day), err);
}

/*
 * An action's date: not after today, not before not_before, and (p not
 * NULL) inside the years of p's calendar. flag names the option the date
 * came from, for the message.
 */
static int
check_flag_date(struct session *s, const struct policy *p, const char *flag,
    cpl_date date, cpl_date not_before, const char *before_what,
    struct cpl_error *err)
{
	char d[DATE_LEN], b[DATE_LEN];

	date_format(date, d);
	if (date > s->today) {
		date_format(s->today, b);
		return cpl_fail(err, CPL_USAGE,
		    "%s %s is in the future (today is %s)", flag, d, b);
	}
	if (not_before != NO_DATE && date < not_before) {
		date_format(not_before, b);
		return cpl_fail(err, CPL_REFUSED, "%s is before %s (%s)", d,
		    before_what, b);
	}
	return p != NULL ? check_in_calendar(s, p, date, err) : 0;
}

/* An action's --date on a case of policy p (see check_flag_date). */
static int
check_date(struct session *s, const struct policy *p, cpl_date date,
    cpl_date not_before, const char *before_what, struct cpl_error *err)
{
	return check_flag_date(s, p, "--date", date, not_before, before_what,
	    err);
}

/* A purged case is a record of figures only: nothing is added to it. */
static int
check_not_purged(struct case_file *cf, struct cpl_error *err)
{
	char d[DATE_LEN];

	if (cf->c.purged == NO_DATE)
		return 0;
	date_format(cf->c.purged, d);
	return cpl_fail(err, CPL_REFUSED, "the personal data of case '%s' was "
	    "purged on %s: nothing more is recorded on it", cf->c.ref, d);
}

/*
 * The case is open, and was on the day of the action: one dated before its
 * last reopening would have happened while it was closed, which every
 * action that needs it open refuses (a close after a reopen, too, though
 * the stage dates it follows may all be older).
 */
static int
check_open(struct case_file *cf, cpl_date date, struct cpl_error *err)
{
	char d[DATE_LEN], r[DATE_LEN];

	if (cf->c.closed != NO_DATE) {
		date_format(cf->c.closed, d);
		return cpl_fail(err, CPL_REFUSED, "case '%s' is closed (%s, %s)",
		    cf->c.ref, cf->c.close_reason, d);
	}
	if (cf->c.reopened == NO_DATE || date >= cf->c.reopened)
		return 0;
	date_format(date, d);
	date_format(cf->c.reopened, r);
	return cpl_fail(err, CPL_REFUSED, "%s is before the day the case was "
	    "reopened (%s)", d, r);
}

/*
 * What each kind of case allows: comments and compliments are acknowledged
 * and closed, never answered, extended or escalated; service requests have
 * no complaint stages at all. verb: acknowledge|answer|extend|escalate;
 * done: its past participle.
 */
static int
check_kind(struct case_file *cf, const char *verb, const char *done,
    struct cpl_error *err)
{
	if (is_complaint(&cf->c))
		return 0;
	if (strcmp(cf->c.kind, "service-request") == 0)
		return cpl_fail(err, CPL_REFUSED, "case '%s' is a service request: "
		    "it has no complaint stage to %s (assign it, note it or close "
		    "it)", cf->c.ref, verb);
	if (strcmp(verb, "acknowledge") == 0)
		return 0;
	return cpl_fail(err, CPL_REFUSED, "case '%s' is a %s: comments and "
	    "compliments are acknowledged and closed, never %s", cf->c.ref,
	    cf->c.kind, done);
}

/* The same person, however the name is written ("Bob", " bob"). */
static int
same_person(const char *a, const char *b)
{
	char *ka, *kb;
	int same;

	if (a == NULL || b == NULL)
		return 0;
	ka = name_key(a);
	kb = name_key(b);
	same = ka != NULL && kb != NULL && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

/*
 * Where a stage must be handled by someone other than the officer who
 * handled the previous one, refuse that officer. The one who handled it is
 * who answered it (the seeds: "the same person that considered the
 * complaint", "who responded at stage 1"), not whoever logged the case:
 * the team that logs cases may well be the one that reviews them.
 */
static int
check_handler(struct case_file *cf, int stage, const char *officer,
    struct cpl_error *err)
{
	const struct stage_rules *r = policy_stage(cf->pol, stage);
	const struct stage_rec *prev;
	const char *who;

	if (r == NULL || !r->different_officer || stage < 2)
		return 0;
	prev = &cf->stages[stage - 2];
	who = prev->responded_by ? prev->responded_by : prev->officer;
	if (!same_person(who, officer))
		return 0;
	return cpl_fail(err, CPL_REFUSED,
	    "'%s' handled stage %d of case '%s'; policy '%s' needs someone else "
	    "at stage %d (%s)", officer, stage - 1, cf->c.ref, cf->pol->id, stage,
	    r->handler_source ? r->handler_source : "handler");
}

/* Deadlines must be computable: one outside the calendar refuses the
 * action before anything is written. */
static int
check_deadlines(struct session *s, struct case_file *cf,
    const struct stage_rec *st, struct cpl_error *err)
{
	struct deadlines d;
	struct beyond b;
	char from[DATE_LEN], what[128];
	int rc;

	if ((rc = deadlines_of(&cf->pol->cal, st, &d, &b, err)) != CPL_POLICY)
		return rc;
	date_format(b.from, from);
	snprintf(what, sizeof(what), "the stage %d %s, %d working days after "
	    "%s,", st->stage, b.what, b.days, from);
	return beyond_calendar(s, cf->pol, what, cf->pol->cal.to_year + 1, err);
}

/*
 * The last day a complainant may ask for stage n (whose rules are r): the
 * request window's working days after the previous stage's response on
 * responded. Outside the calendar it refuses as check_deadlines does.
 */
static int
request_window_end(struct session *s, struct case_file *cf, int n,
    const struct stage_rules *r, cpl_date responded, cpl_date *last_day,
    struct cpl_error *err)
{
	char from[DATE_LEN], what[128];

	if (working_days_after(&cf->pol->cal, responded, r->request_window,
	    last_day, err) == 0)
		return 0;
	date_format(responded, from);
	snprintf(what, sizeof(what), "the end of the stage %d request window, "
	    "%d working days after %s,", n, r->request_window, from);
	return beyond_calendar(s, cf->pol, what, cf->pol->cal.to_year + 1, err);
}

static void
copy_timescales(const struct stage_rules *r, struct stage_rec *st)
{
	st->ack_days = r->acknowledge.set ? r->acknowledge.days : 0;
	st->respond_days = r->respond.set ? r->respond.days : 0;
	st->respond_from = r->respond.set ? (int)r->respond.from : CLOCK_OPENED;
	st->respond_target = r->respond.set ? r->respond.target_days : 0;
}

/* Run fn inside one write transaction on the case named ref. */
static int
with_case(struct session *s, const char *ref, struct cpl_error *err,
    int (*fn)(struct session *, struct case_file *, void *,
    struct cpl_error *), void *arg)
{
	struct case_file cf;
	int rc;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if (s->held != NULL && strcmp(s->held->c.ref, ref) == 0) {
		cf = *s->held;
		free(s->held);
		s->held = NULL;
		rc = 0;
	} else {
		case_release(s);
		rc = case_load(s, ref, &cf, err);
	}
	if (rc == 0) {
		cf.current = 0;
		rc = fn(s, &cf, arg, err);
		if (rc == 0)
			rc = store_commit(s->st, err);
		else
			store_rollback(s->st);
		/* Kept only as the store now has it: a refused action may
		 * have changed it in memory. */
		if (rc == 0 && cf.current && s->hold_case &&
		    (s->held = malloc(sizeof(*s->held))) != NULL)
			*s->held = cf;
		else
			case_file_free(&cf);
		return rc;
	}
	store_rollback(s->st);
	return rc;
}

/* Set a string field of a held case to a copy of v: 0, or -1 when out of
 * memory (the case is then not current). */
static int
set_text(char **field, const char *v)
{
	char *copy = NULL;

	if (v != NULL && (copy = strdup(v)) == NULL)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

/* Give stage st its officer, when it has none, in the store and in memory. */
static int
first_officer(struct session *s, struct case_file *cf, struct stage_rec *st,
    int *current, struct cpl_error *err)
{
	int rc;

	if (st->officer != NULL)
		return 0;
	if ((rc = store_set_stage_officer(s->st, cf->c.id, st->stage,
	    s->officer, err)))
		return rc;
	if (set_text(&st->officer, s->officer) != 0)
		*current = 0;
	return 0;
}

/* --- the actions --- */

/* init's settings, in one write on the open store: the default policy,
 * read auditing, and the group it is shared with (its files too). */
static int
init_settings(struct session *s, const char *policy, const char *audit_reads,
    const char *group, struct cpl_error *err)
{
	char *current = NULL, *audit = NULL, *shared = NULL;
	int rc, changed = 0;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = store_get_setting(s->st, "default_policy", &current, err)))
		goto out;
	if (policy != NULL && (current == NULL || strcmp(current, policy) != 0) &&
	    ((rc = store_set_setting(s->st, "default_policy", policy, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "default-policy", policy, err))))
		goto out;
	if (audit_reads != NULL &&
	    ((rc = store_get_setting(s->st, "audit_reads", &audit, err)) ||
	    (strcmp(audit ? audit : "off", audit_reads) != 0 &&
	    ((rc = store_set_setting(s->st, "audit_reads", audit_reads, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "audit-reads", audit_reads, err))))))
		goto out;
	/* The files change with the setting, and change back should it not
	 * commit. Recorded whenever either changes (files made the owner's
	 * only again by hand, then shared again, are in the history too). */
	if (group != NULL &&
	    ((rc = store_get_setting(s->st, "group", &shared, err)) ||
	    (rc = store_share(s->st, group, &changed, err)) ||
	    ((changed || shared == NULL || strcmp(shared, group) != 0) &&
	    ((rc = store_set_setting(s->st, "group", group, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer, "group",
	    group, err))))))
		goto out;
	rc = store_commit(s->st, err);
out:
	free(current);
	free(audit);
	free(shared);
	if (rc) {
		store_rollback(s->st);
		store_share_undo(s->st);
	}
	return rc;
}

int
case_init(struct session *s, const char *db_path, const char *policy,
    const char *audit_reads, const char *group, struct cpl_error *err)
{
	struct policy p;
	int rc, taken;

	/* Only a policy that loads may become the default, and only a group
	 * this officer is in may share the store: checked before any file
	 * is made, so a refused init leaves nothing behind. */
	if (policy != NULL) {
		if ((rc = policy_load(&p, s->policies, policy, err)))
			return rc;
		policy_free(&p);
	}
	if (group != NULL && (rc = store_group_check(group, err)))
		return rc;
	/* A new store is set up whole before it takes its name; if another
	 * init's store took the name first, that one is set up instead, as
	 * an existing store is. */
	for (;;) {
		if ((rc = store_open(db_path, STORE_CREATE, &s->st, err)) ||
		    (rc = init_settings(s, policy, audit_reads, group, err)) ||
		    !store_is_new(s->st) ||
		    (rc = store_publish(&s->st, &taken, err)) || !taken)
			return rc;
	}
}

/* No text of a case is longer: a summary pasted from a long letter fits,
 * a file given by mistake does not. */
#define MAX_TEXT TEXT_MAX

static int
validate_log(const struct log_input *in, cpl_date received,
    struct cpl_error *err)
{
	const struct {
		const char *flag, *text;
	} texts[] = {
		{"--complainant", in->complainant}, {"--contact", in->contact},
		{"--on-behalf-of", in->on_behalf_of}, {"--service", in->service},
		{"--category", in->category}, {"--summary", in->summary},
		{"--external-ref", in->external_ref},
		{"--late-reason", in->late_reason},
		{"--accept-anyway", in->accept_anyway},
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].text != NULL && strlen(texts[i].text) > MAX_TEXT)
			return cpl_fail(err, CPL_USAGE, "%s is longer than %d bytes",
			    texts[i].flag, MAX_TEXT);
	if (in->anonymous && in->complainant != NULL)
		return cpl_fail(err, CPL_USAGE,
		    "--anonymous and --complainant don't go together");
	if (!in->anonymous && blank(in->complainant))
		return cpl_fail(err, CPL_USAGE,
		    "--complainant NAME is needed (or --anonymous)");
	if (in->consent && in->on_behalf_of == NULL)
		return cpl_fail(err, CPL_USAGE, "--consent needs --on-behalf-of");
	if (in->on_behalf_of != NULL && blank(in->on_behalf_of))
		return cpl_fail(err, CPL_USAGE, "--on-behalf-of is empty");
	if (in->kind != NULL && !one_of(in->kind, case_kinds))
		return cpl_fail(err, CPL_USAGE, "--kind '%s' is not one of "
		    "complaint, comment, compliment, service-request", in->kind);
	if (in->channel != NULL && !one_of(in->channel, case_channels))
		return cpl_fail(err, CPL_USAGE, "--channel '%s' is not one of "
		    "email, phone, letter, web, in-person, social, other",
		    in->channel);
	if (in->occurred != NO_DATE && in->occurred > received)
		return cpl_fail(err, CPL_USAGE,
		    "--occurred is after the day the case was received");
	if (in->external_ref != NULL && blank(in->external_ref))
		return cpl_fail(err, CPL_USAGE, "--external-ref is empty");
	if (in->category != NULL && blank(in->category))
		return cpl_fail(err, CPL_USAGE, "--category is empty");
	if (in->late_reason != NULL && blank(in->late_reason))
		return cpl_fail(err, CPL_USAGE, "--late-reason is empty");
	if (in->accept_anyway != NULL && blank(in->accept_anyway))
		return cpl_fail(err, CPL_USAGE, "--accept-anyway is empty");
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

/*
 * The policy's rules for taking a case in: who may complain and how, when,
 * and about what. *kind may change (an anonymous complaint logged as a
 * service request). A warning is shown only once the case is logged, so it
 * is left in warning.
 */
static int
intake_rules(const struct policy *p, const struct log_input *in,
    cpl_date received, const char **kind, char *warning, size_t wsize,
    struct cpl_error *err)
{
	const struct exclusion *ex = NULL;
	int accepted_anyway_used = 0;

	*warning = '\0';
	if (strcmp(*kind, "complaint") != 0)
		goto not_a_complaint;

	/* Anonymous complaints: accepted, refused, or logged as service
	 * requests, as the policy says. */
	if (in->anonymous && !anonymous_spared(p, in->category)) {
		if (p->anonymous == ANON_REFUSE)
			return cpl_fail(err, CPL_REFUSED, "policy '%s' does not "
			    "accept anonymous complaints (%s)", p->id,
			    p->anonymous_source);
		if (p->anonymous == ANON_SERVICE_REQUEST) {
			if (in->accept_anyway == NULL) {
				*kind = "service-request";
				snprintf(warning, wsize, "an anonymous complaint is "
				    "logged as a service request under policy '%s' "
				    "(%s); to take it as a complaint give "
				    "--accept-anyway REASON", p->id,
				    p->anonymous_source);
				goto not_a_complaint;
			}
			accepted_anyway_used = 1;
		}
	}

	/* A representative needs the complainant's written consent where the
	 * policy says so. */
	if (in->on_behalf_of != NULL && p->consent_required && !in->consent)
		return cpl_fail(err, CPL_REFUSED, "policy '%s' needs the written "
		    "consent of '%s' for a representative to complain for them: "
		    "give --consent once it is held (%s)", p->id,
		    in->on_behalf_of, p->consent_source);

	/* The time limit runs from the day the matter occurred. */
	if (in->occurred != NO_DATE) {
		cpl_date limit = date_add_months(in->occurred,
		    p->time_limit_months);
		char o[DATE_LEN], l[DATE_LEN];

		date_format(in->occurred, o);
		date_format(limit, l);
		if (received > limit && in->late_reason == NULL)
			return cpl_fail(err, CPL_REFUSED, "the matter occurred on "
			    "%s, more than %d months before the complaint: policy "
			    "'%s' accepts it %s; give --late-reason TEXT to "
			    "record why it is accepted (%s)", o,
			    p->time_limit_months, p->id, p->time_limit_late,
			    p->time_limit_source);
		if (received <= limit && in->late_reason != NULL)
			return cpl_fail(err, CPL_USAGE, "--late-reason: the "
			    "complaint is within the %d months of policy '%s' "
			    "(the matter occurred on %s; the limit is %s)",
			    p->time_limit_months, p->id, o, l);
	} else if (in->late_reason != NULL) {
		return cpl_fail(err, CPL_USAGE,
		    "--late-reason needs --occurred, the day the matter occurred");
	}

	/* Matters outside the procedure go by their own route. */
	if (in->category != NULL &&
	    (ex = policy_exclusion(p, in->category)) != NULL) {
		if (ex->refuse && in->accept_anyway == NULL)
			return cpl_fail(err, CPL_REFUSED, "category '%s' is "
			    "outside the procedure of policy '%s'%s%s; give "
			    "--accept-anyway REASON to log it as a complaint all "
			    "the same (%s)", ex->category, p->id,
			    ex->route ? ": " : "", ex->route ? ex->route : "",
			    ex->source);
		if (ex->refuse)
			accepted_anyway_used = 1;
		else
			snprintf(warning, wsize, "category '%s' under policy "
			    "'%s'%s%s (%s)", ex->category, p->id,
			    ex->route ? ": " : "", ex->route ? ex->route : "",
			    ex->source);
	}
	if (in->accept_anyway != NULL && !accepted_anyway_used)
		return cpl_fail(err, CPL_USAGE, "--accept-anyway: nothing in "
		    "policy '%s' keeps this complaint out%s%s%s", p->id,
		    in->category ? " (category '" : "",
		    in->category ? in->category : "", in->category ? "')" : "");
	return 0;

not_a_complaint:
	/* Time limits and exclusions are the complaints procedure's: their
	 * flags make no sense on anything else. */
	if (in->late_reason != NULL)
		return cpl_fail(err, CPL_USAGE, "--late-reason is for a "
		    "complaint, not a %s", *kind);
	if (in->accept_anyway != NULL)
		return cpl_fail(err, CPL_USAGE, "--accept-anyway is for a "
		    "complaint, not a %s", *kind);
	return 0;
}

/* A batch goes on to act on the case it has just logged: hold it as the
 * store now has it (see hold_case), its one stage as st. Without memory,
 * nothing is held and the next action reads the case. */
static void
hold_logged(struct session *s, const struct case_rec *c,
    const struct stage_rec *st)
{
	struct case_file *cf;
	struct cpl_error ignored;

	case_release(s);
	if ((cf = calloc(1, sizeof(*cf))) == NULL)
		return;
	if (case_policy(s, c->policy_version, &cf->pol, &ignored) != 0 ||
	    (cf->stages = calloc(1, sizeof(*cf->stages))) == NULL ||
	    case_rec_copy(&cf->c, c) != 0) {
		free(cf->stages);
		free(cf);
		return;
	}
	cf->stages[0] = *st;
	cf->n_stages = 1;
	if (st->officer != NULL &&
	    (cf->stages[0].officer = strdup(st->officer)) == NULL) {
		case_file_free(cf);
		free(cf);
		return;
	}
	s->held = cf;
}

/* Warn of the restrictions in force on a complainant. The case is already
 * logged: a failure to read them loses only the warning. */
static void
warn_restrictions(struct session *s, const char *complainant)
{
	struct restriction_rec *r;
	struct cpl_error ignored;
	char d[DATE_LEN];
	int n;

	if (s->warn == NULL || complainant == NULL ||
	    store_restrictions(s->st, complainant, 0, &r, &n, &ignored) != 0)
		return;
	for (int i = 0; i < n; i++) {
		date_format(r[i].review, d);
		session_warn(s, "'%s' is under restriction %lld: %s%s%s; review due %s",
		    r[i].complainant, (long long)r[i].id, r[i].kind,
		    r[i].detail ? ", " : "", r[i].detail ? r[i].detail : "", d);
	}
	store_restrictions_free(r, n);
}

int
case_log(struct session *s, const struct log_input *in, char **ref,
    struct cpl_error *err)
{
	struct case_rec c;
	struct stage_rec st;
	const struct policy *p = NULL;
	struct case_file cf;
	char *def = NULL, *xref = NULL, refbuf[64], warning[1024];
	const char *policy = in->policy;
	const char *kind = in->kind ? in->kind : "complaint";
	cpl_date received = in->received == NO_DATE ? s->today : in->received;
	int rc, number = 0, exists = 0;

	*ref = NULL;
	if ((rc = validate_log(in, received, err)) ||
	    (rc = check_flag_date(s, NULL, "--received", received, NO_DATE, NULL,
	    err)))
		return rc;
	/* Another system's key: the spaces around it (a spreadsheet's
	 * padding) are no part of it, so it is kept, and matched, without
	 * them. Case matters: "web-1" is not "WEB-1". */
	if (in->external_ref != NULL &&
	    (xref = trimmed(in->external_ref)) == NULL)
		return cpl_fail(err, CPL_STORE, "out of memory");
	if (policy == NULL) {
		if ((rc = store_get_setting(s->st, "default_policy", &def, err)))
			goto out;
		if (def == NULL) {
			rc = cpl_fail(err, CPL_USAGE, "no policy: give --policy "
			    "ID or set a default with 'complaints init --policy "
			    "ID'");
			goto out;
		}
		policy = def;
	}
	if ((rc = session_policy(s, policy, &p, err)))
		goto out;
	if ((rc = intake_rules(p, in, received, &kind, warning,
	    sizeof(warning), err)) ||
	    (rc = check_in_calendar(s, p, received, err)))
		goto out;

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
	{
		const struct exclusion *ex = in->category ?
		    policy_exclusion(p, in->category) : NULL;
		c.category = (char *)(ex ? ex->category : in->category);
	}
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
	/* The timescales are the complaints procedure's: comments, compliments
	 * and service requests have none. */
	st.respond_from = CLOCK_OPENED;
	if (strcmp(kind, "complaint") == 0)
		copy_timescales(policy_stage(p, 1), &st);

	/* Refuse now a case whose deadlines the calendar can't give. */
	memset(&cf, 0, sizeof(cf));
	cf.pol = p;
	if ((rc = check_deadlines(s, &cf, &st, err)))
		goto out;

	if ((rc = store_begin(s->st, err)))
		goto out;
	if (xref != NULL && !in->external_ref_new) {
		if ((rc = store_external_ref_exists(s->st, xref, &exists, err)))
			goto fail;
		if (exists) {
			rc = cpl_fail(err, CPL_REFUSED,
			    "a case with external reference '%s' is already logged",
			    xref);
			goto fail;
		}
	}
	if ((rc = session_policy_version(s, p, &c.policy_version, err)) ||
	    (rc = store_next_ref_number(s->st, p->prefix, date_year(received),
	    &number, err)))
		goto fail;
	/* PREFIX-YYYY-NNNNN: five digits, zero-padded, and as many as it
	 * takes past 99999 (SSC-2026-100000); list orders them by number
	 * (store_list), not as text. */
	snprintf(refbuf, sizeof(refbuf), "%s-%04d-%05d", p->prefix,
	    date_year(received), number);
	c.ref = refbuf;
	if ((rc = store_add_case(s->st, &c, err)) ||
	    (rc = store_add_stage(s->st, c.id, &st, err)) ||
	    (rc = store_add_event(s->st, c.id, 1, received, s->officer, "logged",
	    in->kind == NULL || strcmp(in->kind, kind) == 0 ? kind :
	    "complaint, logged as a service-request", err)) ||
	    (c.late_reason != NULL &&
	    (rc = store_add_event(s->st, c.id, 1, received, s->officer,
	    "accepted-late", c.late_reason, err))) ||
	    (c.accepted_anyway != NULL &&
	    (rc = store_add_event(s->st, c.id, 1, received, s->officer,
	    "accepted-anyway", c.accepted_anyway, err))))
		goto fail;
	/* The reference is the caller's before the commit, which may have
	 * it printed first (store_before_commit). */
	if ((*ref = strdup(refbuf)) == NULL) {
		rc = cpl_fail(err, CPL_STORE, "out of memory");
		goto fail;
	}
	if ((rc = store_commit(s->st, err))) {
		free(*ref);
		*ref = NULL;
		goto fail;
	}
	if (s->hold_case)
		hold_logged(s, &c, &st);
	if (*warning)
		session_warn(s, "%s", warning);
	if (!in->anonymous)
		warn_restrictions(s, in->complainant);
	goto out;
fail:
	store_rollback(s->st);
out:
	free(def);
	free(xref);
	return rc;
}

struct dated {
	cpl_date date;
	const char *text;	/* a reason, outcome, officer or note */
	int days;
	int told;		/* extend: the complainant was told */
};

static int
do_ack(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	char d[DATE_LEN];
	int rc, current;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_kind(cf, "acknowledge", "acknowledged", err)))
		return rc;
	if (st->acknowledged != NO_DATE) {
		date_format(st->acknowledged, d);
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' was acknowledged on %s", st->stage,
		    cf->c.ref, d);
	}
	/* An acknowledgement recorded late (after the answer was recorded)
	 * is taken if it came first: without it a policy whose response
	 * clock runs from the acknowledgement has no response deadline. */
	if (st->responded != NO_DATE && a->date > st->responded) {
		date_format(st->responded, d);
		return cpl_fail(err, CPL_REFUSED, "stage %d of case '%s' was "
		    "answered on %s: an acknowledgement after the answer is "
		    "refused", st->stage, cf->c.ref, d);
	}
	if ((rc = check_date(s, cf->pol, a->date, st->opened, st->stage == 1 ?
	    "the day the case was received" : "the day of the stage 2 request",
	    err)) ||
	    (rc = check_handler(cf, st->stage, s->officer, err)))
		return rc;
	st->acknowledged = a->date;
	current = 1;
	if ((rc = check_deadlines(s, cf, st, err)) ||
	    (rc = first_officer(s, cf, st, &current, err)) ||
	    (rc = store_set_acknowledged(s->st, cf->c.id, st->stage, a->date,
	    err)) ||
	    (rc = store_add_event(s->st, cf->c.id, st->stage, a->date,
	    s->officer, "acknowledged", NULL, err)))
		return rc;
	cf->current = current;
	return 0;
}

int
case_ack(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err)
{
	struct dated a = {date, NULL, 0, 0};

	return with_case(s, ref, err, do_ack, &a);
}

struct response {
	cpl_date date;
	const char *outcome;
	const char *const *remedies, *const *learning;
	int n_remedies, n_learning;
};

static int
do_respond(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct response *r = arg;
	struct stage_rec *st = current_stage(cf);
	const struct stage_rules *next = policy_stage(cf->pol, st->stage + 1);
	char d[DATE_LEN];
	cpl_date last_day;
	int rc, current;

	if ((rc = check_open(cf, r->date, err)) ||
	    (rc = check_kind(cf, "answer", "answered", err)))
		return rc;
	if (st->responded != NO_DATE) {
		date_format(st->responded, d);
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' was answered on %s", st->stage,
		    cf->c.ref, d);
	}
	if ((rc = check_date(s, cf->pol, r->date, st->acknowledged != NO_DATE ?
	    st->acknowledged : st->opened, st->acknowledged != NO_DATE ?
	    "the acknowledgement" : "the day the stage opened", err)) ||
	    (rc = check_handler(cf, st->stage, s->officer, err)))
		return rc;
	/* The response opens the window for asking for the next stage: its
	 * last day must be one the calendar can give. */
	if (next != NULL && next->request_window > 0 &&
	    (rc = request_window_end(s, cf, st->stage + 1, next, r->date,
	    &last_day, err)))
		return rc;
	/* The texts are not kept in memory: with any, the case is read
	 * again by the next action. */
	current = r->n_remedies == 0 && r->n_learning == 0;
	if ((rc = first_officer(s, cf, st, &current, err)) ||
	    (rc = store_set_response(s->st, cf->c.id, st->stage, r->date,
	    r->outcome, s->officer, err)))
		return rc;
	for (int i = 0; i < r->n_remedies; i++)
		if ((rc = store_add_stage_text(s->st, cf->c.id, st->stage, "remedy",
		    r->remedies[i], err)))
			return rc;
	for (int i = 0; i < r->n_learning; i++)
		if ((rc = store_add_stage_text(s->st, cf->c.id, st->stage,
		    "learning", r->learning[i], err)))
			return rc;
	if ((rc = store_add_event(s->st, cf->c.id, st->stage, r->date,
	    s->officer, "responded", r->outcome, err)))
		return rc;
	st->responded = r->date;
	if (set_text(&st->outcome, r->outcome) != 0 ||
	    set_text(&st->responded_by, s->officer) != 0)
		current = 0;
	cf->current = current;
	return 0;
}

int
case_respond(struct session *s, const char *ref, const char *outcome,
    const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err)
{
	struct response r = {date, outcome, remedies, learning, n_remedies,
	    n_learning};

	if (outcome == NULL)
		return cpl_fail(err, CPL_USAGE, "--outcome is needed: upheld, "
		    "partly-upheld or not-upheld");
	if (!one_of(outcome, case_outcomes))
		return cpl_fail(err, CPL_USAGE, "--outcome '%s' is not one of "
		    "upheld, partly-upheld, not-upheld", outcome);
	for (int i = 0; i < n_remedies; i++)
		if (blank(remedies[i]))
			return cpl_fail(err, CPL_USAGE, "--remedy is empty");
	for (int i = 0; i < n_learning; i++)
		if (blank(learning[i]))
			return cpl_fail(err, CPL_USAGE, "--learning is empty");
	return with_case(s, ref, err, do_respond, &r);
}

static int
do_extend(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	const struct stage_rules *r = policy_stage(cf->pol, st->stage);
	struct extension_rec e = {a->days, (char *)a->text, a->date,
	    (char *)s->officer, a->told};
	char detail[1200];
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_kind(cf, "extend", "extended", err)))
		return rc;
	if (st->responded != NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is already answered: nothing to extend",
		    st->stage, cf->c.ref);
	if (st->respond_days == 0)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' sets no response deadline at stage %d to extend",
		    cf->pol->id, st->stage);
	if (r == NULL || !r->extension_allowed)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' makes no provision for extending stage %d",
		    cf->pol->id, st->stage);
	/* An extension adds to the deadline in force (SPEC section 4): a
	 * response counted from an acknowledgement not yet made has none. */
	if (st->respond_from == CLOCK_ACKNOWLEDGED &&
	    st->acknowledged == NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is not acknowledged: under policy '%s' "
		    "its response deadline runs from the acknowledgement, so there "
		    "is none yet to extend", st->stage, cf->c.ref, cf->pol->id);
	if ((rc = check_date(s, cf->pol, a->date, st->opened,
	    "the day the stage opened", err)) ||
	    (rc = check_handler(cf, st->stage, s->officer, err)))
		return rc;
	if (r != NULL && r->extension_cap >= 0 &&
	    st->ext_days + a->days > r->extension_cap)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' allows %d working days of extension in all at "
		    "stage %d (%s); %d already granted", cf->pol->id,
		    r->extension_cap, st->stage, r->extension_source,
		    st->ext_days);
	/* The seeds ask that the complainant be told of the delay and why:
	 * the officer says they have been, and the extension records it. */
	if (r->extension_tell && !a->told)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' says the complainant is told of an extension at "
		    "stage %d, and why: tell them, then give --told (%s)",
		    cf->pol->id, st->stage, r->extension_source);
	st->ext_days += a->days;
	if ((rc = check_deadlines(s, cf, st, err)))
		return rc;
	snprintf(detail, sizeof(detail), "%d working days%s: %s", a->days,
	    a->told ? ", complainant told" : "", a->text);
	if ((rc = store_add_extension(s->st, cf->c.id, st->stage, &e, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, st->stage, a->date, s->officer,
	    "extended", detail, err);
}

int
case_extend(struct session *s, const char *ref, int days, const char *reason,
    int told, cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, days, told};

	if (days < 1 || days > 400)
		return cpl_fail(err, CPL_USAGE,
		    "--days must be a number of working days from 1 to 400");
	if (blank(reason))
		return cpl_fail(err, CPL_USAGE,
		    "--reason is needed: why the response needs longer");
	return with_case(s, ref, err, do_extend, &a);
}

static int
do_escalate(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf), next;
	const struct stage_rules *r = policy_stage(cf->pol, st->stage + 1);
	char d[DATE_LEN];
	cpl_date last_day;
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_kind(cf, "escalate", "escalated", err)))
		return rc;
	if (r == NULL)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d is the last stage of policy '%s': after it the "
		    "complainant may go to the %s", st->stage, cf->pol->id,
		    cf->pol->ombudsmen[0].name);
	if (st->responded == NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' has not been answered: stage %d "
		    "follows the response", st->stage, cf->c.ref, st->stage + 1);
	if ((rc = check_date(s, cf->pol, a->date, st->responded,
	    "the stage's response", err)))
		return rc;
	if (r->request_window > 0) {
		if ((rc = request_window_end(s, cf, st->stage + 1, r,
		    st->responded, &last_day, err)))
			return rc;
		if (a->date > last_day) {
			date_format(last_day, d);
			return cpl_fail(err, CPL_REFUSED,
			    "policy '%s' takes stage %d requests up to %d working "
			    "days after the stage %d response: the last day was "
			    "%s (%s)", cf->pol->id, st->stage + 1,
			    r->request_window, st->stage, d, r->request_source);
		}
	}
	if (r->reasons_required && blank(a->text))
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' needs the complainant's reasons for stage %d: "
		    "give --reason (%s)", cf->pol->id, st->stage + 1,
		    r->request_source);
	memset(&next, 0, sizeof(next));
	next.stage = st->stage + 1;
	next.opened = a->date;
	next.acknowledged = next.responded = NO_DATE;
	next.escalation_reason = (char *)a->text;
	copy_timescales(r, &next);
	if ((rc = check_deadlines(s, cf, &next, err)) ||
	    (rc = store_add_stage(s->st, cf->c.id, &next, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, next.stage, a->date, s->officer,
	    "escalated", a->text, err);
}

int
case_escalate(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, 0, 0};

	return with_case(s, ref, err, do_escalate, &a);
}

static int
do_close(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	const char *what;
	cpl_date last = last_step(cf, &what);
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_date(s, cf->pol, a->date, last, what, err)) ||
	    (rc = store_close_case(s->st, cf->c.id, a->date, a->text, err)) ||
	    (rc = store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "closed", a->text, err)))
		return rc;
	cf->c.closed = a->date;
	cf->current = set_text(&cf->c.close_reason, a->text) == 0;
	return 0;
}

int
case_close(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, 0, 0};

	if (reason == NULL)
		return cpl_fail(err, CPL_USAGE, "--reason is needed: resolved, "
		    "withdrawn, out-of-scope, refused, ombudsman or "
		    "no-further-action");
	if (!one_of(reason, close_reasons))
		return cpl_fail(err, CPL_USAGE, "--reason '%s' is not one of "
		    "resolved, withdrawn, out-of-scope, refused, ombudsman, "
		    "no-further-action", reason);
	return with_case(s, ref, err, do_close, &a);
}

static int
do_assign(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_date(s, cf->pol, a->date, st->opened, st->stage == 1 ?
	    "the day the case was received" : "the stage 2 request", err)) ||
	    (rc = check_handler(cf, st->stage, a->text, err)) ||
	    (rc = store_set_stage_officer(s->st, cf->c.id, st->stage, a->text,
	    err)) ||
	    (rc = store_add_event(s->st, cf->c.id, st->stage, a->date,
	    s->officer, "assigned", a->text, err)))
		return rc;
	cf->current = set_text(&st->officer, a->text) == 0;
	return 0;
}

int
case_assign(struct session *s, const char *ref, const char *to,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, to, 0, 0};

	if (blank(to))
		return cpl_fail(err, CPL_USAGE, "--to NAME is needed");
	return with_case(s, ref, err, do_assign, &a);
}

static int
do_note(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	int rc;

	/* Notes are allowed on closed cases: the file stays a record. */
	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_date(s, cf->pol, a->date, cf->c.received,
	    "the day the case was received", err)) ||
	    (rc = store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "note", a->text, err)))
		return rc;
	cf->current = 1;	/* a note is history only */
	return 0;
}

int
case_note(struct session *s, const char *ref, const char *text, cpl_date date,
    struct cpl_error *err)
{
	struct dated a = {date, text, 0, 0};

	if (blank(text))
		return cpl_fail(err, CPL_USAGE, "the note is empty");
	return with_case(s, ref, err, do_note, &a);
}

static int
do_reopen(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	int rc;

	if ((rc = check_not_purged(cf, err)))
		return rc;
	if (cf->c.closed == NO_DATE)
		return cpl_fail(err, CPL_REFUSED, "case '%s' is open", cf->c.ref);
	if ((rc = check_date(s, cf->pol, a->date, cf->c.closed,
	    "the day the case was closed", err)) ||
	    (rc = store_reopen_case(s->st, cf->c.id, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "reopened", a->text, err);
}

int
case_reopen(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, 0, 0};

	if (blank(reason))
		return cpl_fail(err, CPL_USAGE,
		    "--reason is needed: why the case is opened again");
	return with_case(s, ref, err, do_reopen, &a);
}

/* The ombudsman for a case: a body for particular matters (the Housing
 * Ombudsman for housing) when the case's service or category is that
 * matter, whatever the case of its letters, else the policy's general one.
 * Only an exact match: "Housing Benefit" decisions go to the general one. */
static const struct ombudsman *
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
	struct referral_rec r;
	char detail[512];
	const char *what;
	cpl_date last;
	int rc;

	o = a->body == NULL ? choose_ombudsman(p, &cf->c) :
	    policy_ombudsman(p, a->body);
	last = last_step(cf, &what);
	if ((rc = check_date(s, cf->pol, a->date, last, what, err)))
		return rc;
	memset(&r, 0, sizeof(r));
	r.body = (char *)o->id;
	r.referred = a->date;
	r.reference = (char *)a->reference;
	r.decision = (char *)a->decision;
	r.decided = a->decision ? a->date : NO_DATE;
	r.officer = (char *)s->officer;
	snprintf(detail, sizeof(detail), "%s%s%s", o->id,
	    a->reference ? ", reference " : "", a->reference ? a->reference : "");
	if ((rc = store_add_referral(s->st, cf->c.id, &r, err)) ||
	    (rc = store_add_event(s->st, cf->c.id, st->stage, a->date,
	    s->officer, "referred", detail, err)) ||
	    (a->decision != NULL &&
	    (rc = store_add_event(s->st, cf->c.id, st->stage, a->date,
	    s->officer, "ombudsman-decision", a->decision, err))))
		return rc;
	/* The complainant may go to the ombudsman at any time (seeds 001 §5,
	 * 002 §8), but the ombudsman usually expects the council's stages to
	 * be done: say so when they are not. */
	if (st->stage < p->n_stages || st->responded == NO_DATE)
		session_warn(s, "case '%s' was referred to the %s before the last stage "
		    "of policy '%s' was answered: the ombudsman usually expects "
		    "the council's procedure to be completed first", cf->c.ref,
		    o->name, p->id);
	return 0;
}

static int
do_ombudsman(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct referral_args *a = arg;
	struct referral_rec *refs = NULL, *r;
	char d[DATE_LEN];
	int rc, n = 0;

	/* The ombudsman stage follows the last stage, so it is open to a closed
	 * case too. */
	if (a->body != NULL && policy_ombudsman(cf->pol, a->body) == NULL) {
		char ids[256] = "";
		for (int i = 0; i < cf->pol->n_ombudsmen; i++)
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids),
			    "%s%s", i ? ", " : "", cf->pol->ombudsmen[i].id);
		return cpl_fail(err, CPL_USAGE, "--body '%s' is not an ombudsman "
		    "of policy '%s' (%s)", a->body, cf->pol->id, ids);
	}
	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_kind(cf, "refer", "referred", err)) ||
	    (rc = store_referrals(s->st, cf->c.id, &refs, &n, err)))
		return rc;
	r = n > 0 ? &refs[n - 1] : NULL;
	/* A case the ombudsman sent back for local resolution may go again. */
	if (r == NULL || (r->decision != NULL &&
	    strcmp(r->decision, "referred-back") == 0)) {
		rc = new_referral(s, cf, a, err);
		goto out;
	}
	date_format(r->referred, d);
	if (a->body != NULL && strcmp(a->body, r->body) != 0) {
		rc = cpl_fail(err, CPL_REFUSED, "case '%s' was referred to '%s' on "
		    "%s", cf->c.ref, r->body, d);
		goto out;
	}
	if (a->reference == NULL && a->decision == NULL) {
		rc = cpl_fail(err, CPL_USAGE, "case '%s' was referred to '%s' on "
		    "%s: give --reference or --decision", cf->c.ref, r->body, d);
		goto out;
	}
	if (a->decision != NULL && r->decision != NULL) {
		date_format(r->decided, d);
		rc = cpl_fail(err, CPL_REFUSED, "the ombudsman's decision on case "
		    "'%s' (%s) was recorded on %s", cf->c.ref, r->decision, d);
		goto out;
	}
	if ((rc = check_date(s, cf->pol, a->date, r->referred,
	    "the day of the referral", err)))
		goto out;
	if (a->reference != NULL) {
		free(r->reference);
		if ((r->reference = strdup(a->reference)) == NULL) {
			rc = cpl_fail(err, CPL_STORE, "out of memory");
			goto out;
		}
	}
	if (a->decision != NULL) {
		if ((r->decision = strdup(a->decision)) == NULL) {
			rc = cpl_fail(err, CPL_STORE, "out of memory");
			goto out;
		}
		r->decided = a->date;
	}
	if ((rc = store_set_referral(s->st, r, err)) ||
	    (a->reference != NULL &&
	    (rc = store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "ombudsman-reference", a->reference, err))) ||
	    (a->decision != NULL &&
	    (rc = store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "ombudsman-decision", a->decision, err))))
		goto out;
out:
	store_referrals_free(refs, n);
	return rc;
}

int
case_ombudsman(struct session *s, const char *ref, const char *body,
    const char *reference, const char *decision, cpl_date date,
    struct cpl_error *err)
{
	struct referral_args a = {date, body, reference, decision};

	if (body != NULL && blank(body))
		return cpl_fail(err, CPL_USAGE, "--body is empty");
	if (reference != NULL && blank(reference))
		return cpl_fail(err, CPL_USAGE, "--reference is empty");
	if (decision != NULL && !one_of(decision, ombudsman_decisions))
		return cpl_fail(err, CPL_USAGE, "--decision '%s' is not one of "
		    "upheld, partly-upheld, not-upheld, not-investigated, "
		    "referred-back", decision);
	return with_case(s, ref, err, do_ombudsman, &a);
}

int
case_restrict(struct session *s, const char *complainant, const char *kind,
    const char *detail, const char *reason, cpl_date review, cpl_date date,
    int64_t *id, struct cpl_error *err)
{
	struct restriction_rec r;
	char ev[1024], d[DATE_LEN], *name = NULL;
	int rc;

	if (blank(complainant))
		return cpl_fail(err, CPL_USAGE, "the complainant's name is needed");
	if (kind == NULL || !one_of(kind, restriction_kinds))
		return cpl_fail(err, CPL_USAGE, "--kind %s%s%sis needed: "
		    "single-point-of-contact, written-contact-only, "
		    "no-further-correspondence, limited-contact or other",
		    kind ? "'" : "", kind ? kind : "", kind ? "' is not one; it " :
		    "");
	if (blank(reason))
		return cpl_fail(err, CPL_USAGE,
		    "--reason is needed: why the restriction is imposed");
	if (detail != NULL && blank(detail))
		return cpl_fail(err, CPL_USAGE, "--detail is empty");
	if (strcmp(kind, "other") == 0 && detail == NULL)
		return cpl_fail(err, CPL_USAGE,
		    "--kind other needs --detail: what the restriction is");
	if (review == NO_DATE)
		return cpl_fail(err, CPL_USAGE, "--review YYYY-MM-DD is needed: "
		    "restrictions are reviewed");
	if ((rc = check_date(s, NULL, date, NO_DATE, NULL, err)))
		return rc;
	if (review <= date)
		return cpl_fail(err, CPL_USAGE,
		    "--review must be after the day the restriction starts");
	if ((rc = store_begin(s->st, err)))
		return rc;
	/* A restriction shows on the complainant's cases: a name with none is
	 * most likely mistyped. */
	if ((rc = store_complainant_name(s->st, complainant, &name, err)))
		goto fail;
	if (name == NULL) {
		rc = cpl_fail(err, CPL_REFUSED, "no case of a complainant named "
		    "'%s'", complainant);
		goto fail;
	}
	memset(&r, 0, sizeof(r));
	r.complainant = name;		/* as the cases spell it */
	r.kind = (char *)kind;
	r.detail = (char *)detail;
	r.reason = (char *)reason;
	r.imposed = date;
	r.review = review;
	r.officer = (char *)s->officer;
	date_format(review, d);
	if ((rc = store_add_restriction(s->st, &r, err)))
		goto fail;
	snprintf(ev, sizeof(ev), "restriction %lld on '%s': %s%s%s: %s; review "
	    "due %s", (long long)r.id, name, kind, detail ? ", " : "",
	    detail ? detail : "", reason, d);
	/* The id is the caller's before the commit, which may have it
	 * printed first (store_before_commit). */
	*id = r.id;
	if ((rc = store_add_event(s->st, 0, 0, date, s->officer, "restricted",
	    ev, err)) ||
	    (rc = store_commit(s->st, err)))
		goto fail;
	free(name);
	return 0;
fail:
	free(name);
	store_rollback(s->st);
	return rc;
}

int
case_lift_restriction(struct session *s, int64_t id, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	char ev[1024];
	int rc;

	if (blank(reason))
		return cpl_fail(err, CPL_USAGE,
		    "--reason is needed: why the restriction is lifted");
	if ((rc = check_date(s, NULL, date, NO_DATE, NULL, err)) ||
	    (rc = store_begin(s->st, err)))
		return rc;
	snprintf(ev, sizeof(ev), "restriction %lld: %s", (long long)id, reason);
	if ((rc = store_lift_restriction(s->st, id, date, reason, err)) ||
	    (rc = store_add_event(s->st, 0, 0, date, s->officer,
	    "restriction-lifted", ev, err)) ||
	    (rc = store_commit(s->st, err))) {
		store_rollback(s->st);
		return rc;
	}
	return 0;
}

/* --- the retention purge --- */

struct purge_list {
	struct purge_row *v;
	int n, cap;
};

static int
purge_collect(int64_t id, const char *ref, const char *policy,
    cpl_date closed, void *arg)
{
	struct purge_list *l = arg;
	struct purge_row *r;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct purge_row *nv = realloc(l->v, cap * sizeof(*nv));
		if (nv == NULL)
			return CPL_STORE;
		l->v = nv;
		l->cap = cap;
	}
	r = &l->v[l->n];
	r->id = id;
	r->closed = closed;
	if ((r->ref = strdup(ref)) == NULL)
		return CPL_STORE;
	if ((r->policy = strdup(policy)) == NULL) {
		free(r->ref);
		return CPL_STORE;
	}
	l->n++;
	return 0;
}

void
purge_rows_free(struct purge_row *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].ref);
		free(v[i].policy);
	}
	free(v);
}

/*
 * Write the purge through: into the database file, the log emptied. It
 * comes after the commit, so its failure can't undo the purge: the purged
 * data is gone from the store but old copies of its pages may remain in
 * the files, which CPL_INCOMPLETE says (and no status that means nothing
 * changed).
 */
static int
purge_written(struct session *s, struct cpl_error *err)
{
	int rc;

	if ((rc = store_checkpoint(s->st, err)) != 0)
		rc = err->code = CPL_INCOMPLETE;
	return rc;
}

int
case_purge(struct session *s, cpl_date closed_before, int dry_run,
    struct purge_row **rows, int *n, struct cpl_error *err)
{
	struct purge_list l = {NULL, 0, 0};
	int64_t *versions = NULL;
	int rc, n_versions = 0, restrictions = 0;
	char detail[128], d[DATE_LEN];

	*rows = NULL;
	*n = 0;
	if (closed_before != NO_DATE && closed_before > s->today + 1) {
		date_format(closed_before, d);
		return cpl_fail(err, CPL_USAGE, "--closed-before %s is after "
		    "today", d);
	}
	/* The cases to purge: closed before the day given, or before the end
	 * of the retention period of the policy each was logged under. */
	if (closed_before != NO_DATE) {
		rc = store_purge_candidates(s->st, 0, closed_before,
		    purge_collect, &l, err);
	} else if ((rc = store_purge_versions(s->st, &versions, &n_versions,
	    err)) == 0) {
		for (int i = 0; rc == 0 && i < n_versions; i++) {
			const struct policy *pol;
			if ((rc = case_policy(s, versions[i], &pol, err)))
				break;
			if (pol->retention_years == 0) {
				rc = cpl_fail(err, CPL_USAGE, "policy '%s' sets no "
				    "retention period for closed cases: give "
				    "--closed-before DATE (from the council's "
				    "retention schedule)", pol->id);
				break;
			}
			rc = store_purge_candidates(s->st, versions[i],
			    date_add_months(s->today, -12 * pol->retention_years),
			    purge_collect, &l, err);
		}
		free(versions);
	}
	if (rc) {
		purge_rows_free(l.v, l.n);
		return rc == CPL_STORE && err->msg[0] == '\0' ?
		    cpl_fail(err, CPL_STORE, "out of memory") : rc;
	}
	/* The caller's before the commit, which may have them printed first
	 * (store_before_commit). */
	*rows = l.v;
	*n = l.n;
	if (dry_run)
		return 0;
	/* Nothing new: a purge that a reader stopped short is finished. */
	if (l.n == 0)
		return purge_written(s, err);

	/* One transaction, the deleted bytes overwritten, the log emptied. */
	if ((rc = store_secure_delete(s->st, err)) ||
	    (rc = store_begin(s->st, err)))
		goto fail;
	for (int i = 0; i < l.n; i++) {
		date_format(l.v[i].closed, d);
		snprintf(detail, sizeof(detail), "personal data removed (closed "
		    "%s)", d);
		if ((rc = store_purge_case(s->st, l.v[i].id, s->today, err)) ||
		    (rc = store_add_event(s->st, l.v[i].id, 0, s->today,
		    s->officer, "purged", detail, err)))
			goto fail;
	}
	if ((rc = store_purge_restrictions(s->st, &restrictions, err)) ||
	    (restrictions > 0 &&
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "purged", "restrictions on complainants no case names", err))) ||
	    (rc = store_commit(s->st, err)))
		goto fail;
	/* Purged, whatever the checkpoint says: *rows stays. */
	return purge_written(s, err);
fail:
	/* Nothing was purged: say none. */
	store_rollback(s->st);
	purge_rows_free(l.v, l.n);
	*rows = NULL;
	*n = 0;
	return rc;
}

int
case_resolution(const struct case_rec *c)
{
	/* A withdrawn complaint, or one the procedure did not take, was not
	 * resolved by it: the overall clock does not measure it. */
	return c->close_reason != NULL &&
	    strcmp(c->close_reason, "withdrawn") != 0 &&
	    strcmp(c->close_reason, "out-of-scope") != 0 &&
	    strcmp(c->close_reason, "refused") != 0;
}

/* Is reading audited in this store? */
static int
audited(struct session *s, int *on, struct cpl_error *err)
{
	char *v = NULL;
	int rc;

	*on = 0;
	if ((rc = store_get_setting(s->st, "audit_reads", &v, err)))
		return rc;
	*on = v != NULL && strcmp(v, "on") == 0;
	free(v);
	return 0;
}

int
case_audit_read(struct session *s, const struct case_file *cf,
    const char *action, struct cpl_error *err)
{
	int rc, on;

	if ((rc = audited(s, &on, err)) || !on)
		return rc;
	if (s->officer == NULL)
		return cpl_fail(err, CPL_USAGE, "reading is audited in this store: "
		    "who is reading? give --officer NAME or set "
		    "COMPLAINTS_OFFICER");
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = store_add_event(s->st, cf->c.id, cf->n_stages, s->today,
	    s->officer, action, NULL, err)) ||
	    (rc = store_commit(s->st, err))) {
		store_rollback(s->st);
		return rc;
	}
	return 0;
}

struct list_walk {
	struct session *s;
	int (*fn)(const struct case_summary *, void *);
	void *arg;
	struct cpl_error *err;
	int rc;			/* a failure inside the walk */
};

static int
list_one(const struct list_row *row, void *arg)
{
	struct list_walk *w = arg;
	struct case_summary cs = {row, {NO_DATE, NO_DATE, NO_DATE}, NULL,
	    NO_DATE};
	const struct policy *pol = NULL;

	if ((w->rc = case_policy(w->s, row->c.policy_version, &pol, w->err)) ||
	    (w->rc = stage_deadlines(&pol->cal, &row->s, &cs.d, w->err)))
		return 1;
	/* Comments and compliments are acknowledged, then closed; a service
	 * request is only closed: none of them is answered. */
	if (row->c.closed != NO_DATE)
		cs.next_action = NULL;
	else if (is_complaint(&row->c))
		cs.next_action = stage_next_action(&row->s, &cs.d, &cs.due);
	else if (strcmp(row->c.kind, "service-request") != 0 &&
	    row->s.acknowledged == NO_DATE)
		cs.next_action = "acknowledge";
	else
		cs.next_action = "close";
	if ((w->rc = w->fn(&cs, w->arg)))
		return 1;
	return 0;
}

int
case_list(struct session *s, const struct list_filter *f,
    int (*fn)(const struct case_summary *cs, void *arg), void *arg,
    struct cpl_error *err)
{
	struct list_walk w = {s, fn, arg, err, 0};
	int rc = store_list(s->st, f, list_one, &w, err);

	return w.rc ? w.rc : rc;
}
