/*
 * lifecycle.c: a case through its stages (see case.h): acknowledge,
 * respond, extend, escalate, close, assign, note and reopen, each with the
 * rules of the policy the case was logged under.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "util.h"

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
check_someone_else(struct case_file *cf, int stage, const char *officer,
    struct cpl_error *err)
{
	const struct stage_rules *r = policy_stage(cf->pol, stage);
	const struct stage_rec *prev;
	const char *who;

	if (r == NULL || !r->someone_else || stage < 2)
		return 0;
	prev = &cf->stages[stage - 2];
	who = prev->responded_by ? prev->responded_by : prev->officer;
	if (!same_person(who, officer))
		return 0;
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_STAGE_OFFICER,
	    "'%s' handled stage %d of case '%s'; policy '%s' needs someone else "
	    "at stage %d (%s)", officer, stage - 1, cf->c.ref, cf->pol->id, stage,
	    r->handler_source ? r->handler_source : "handler");
}

/* What an officer records on a case: the day, and what goes with it. */
struct action {
	cpl_date date;
	const char *text;	/* a reason, outcome, officer or note */
	int days;
	int told;		/* extend: the complainant was told */
};

static int
do_ack(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	    (rc = check_someone_else(cf, st->stage, s->officer, err)))
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
	struct action a = {date, NULL, 0, 0};

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
	    (rc = check_someone_else(cf, st->stage, s->officer, err)))
		return rc;
	/* The response opens the window for asking for the next stage: its
	 * last day must be one the calendar can give. */
	if (next != NULL && next->review_request_window > 0 &&
	    (rc = review_request_window_end(s, cf, st->stage + 1, next, r->date,
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
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME,
		    "an outcome is needed: upheld, partly-upheld or not-upheld");
	if (!one_of(outcome, case_outcomes))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME,
		    "outcome '%s' is not one of upheld, partly-upheld, "
		    "not-upheld", outcome);
	for (int i = 0; i < n_remedies; i++)
		if (blank(remedies[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY,
			    "a remedy is empty");
	for (int i = 0; i < n_learning; i++)
		if (blank(learning[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LEARNING,
			    "a lesson learnt is empty");
	return with_case(s, ref, err, do_respond, &r);
}

static int
do_extend(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	/* An extension adds to the deadline in force (README, "Deadlines"): a
	 * response counted from an acknowledgement not yet made has none. */
	if (st->respond_from == CLOCK_ACKNOWLEDGED &&
	    st->acknowledged == NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is not acknowledged: under policy '%s' "
		    "its response deadline runs from the acknowledgement, so there "
		    "is none yet to extend", st->stage, cf->c.ref, cf->pol->id);
	if ((rc = check_date(s, cf->pol, a->date, st->opened,
	    "the day the stage opened", err)) ||
	    (rc = check_someone_else(cf, st->stage, s->officer, err)))
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
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_TOLD,
		    "policy '%s' says the complainant is told of an extension at "
		    "stage %d, and why: the extension is recorded once they have "
		    "been (%s)", cf->pol->id, st->stage, r->extension_source);
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
	struct action a = {date, reason, days, told};

	if (days < 1 || days > 400)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DAYS,
		    "an extension is a number of working days from 1 to 400");
	if (blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the response needs longer");
	return with_case(s, ref, err, do_extend, &a);
}

static int
do_escalate(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	if (r->review_request_window > 0) {
		if ((rc = review_request_window_end(s, cf, st->stage + 1, r,
		    st->responded, &last_day, err)))
			return rc;
		if (a->date > last_day) {
			date_format(last_day, d);
			return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DATE,
			    "policy '%s' takes stage %d requests up to %d working "
			    "days after the stage %d response: the last day was "
			    "%s (%s)", cf->pol->id, st->stage + 1,
			    r->review_request_window, st->stage, d, r->review_request_source);
		}
	}
	if (r->review_reasons_required && blank(a->text))
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_REASON,
		    "policy '%s' needs the complainant's reasons for stage %d "
		    "(%s)", cf->pol->id, st->stage + 1, r->review_request_source);
	memset(&next, 0, sizeof(next));
	next.stage = st->stage + 1;
	next.opened = a->date;
	next.acknowledged = next.responded = NO_DATE;
	next.escalation_reason = (char *)a->text;
	stage_timescales(r, &next);
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
	struct action a = {date, reason, 0, 0};

	return with_case(s, ref, err, do_escalate, &a);
}

static int
do_close(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	struct action a = {date, reason, 0, 0};

	if (reason == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: resolved, withdrawn, out-of-scope, "
		    "refused, ombudsman or no-further-action");
	if (!one_of(reason, close_reasons))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "reason '%s' is not one of resolved, withdrawn, "
		    "out-of-scope, refused, ombudsman, no-further-action",
		    reason);
	return with_case(s, ref, err, do_close, &a);
}

static int
do_assign(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
	struct stage_rec *st = current_stage(cf);
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_date(s, cf->pol, a->date, st->opened, st->stage == 1 ?
	    "the day the case was received" : "the stage 2 request", err)) ||
	    (rc = check_someone_else(cf, st->stage, a->text, err)) ||
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
	struct action a = {date, to, 0, 0};

	if (blank(to))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_STAGE_OFFICER,
		    "the officer to give the stage to is needed");
	return with_case(s, ref, err, do_assign, &a);
}

static int
do_note(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	struct action a = {date, text, 0, 0};

	if (blank(text))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NOTE,
		    "the note is empty");
	return with_case(s, ref, err, do_note, &a);
}

static int
do_reopen(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
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
	struct action a = {date, reason, 0, 0};

	if (blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the case is opened again");
	return with_case(s, ref, err, do_reopen, &a);
}
