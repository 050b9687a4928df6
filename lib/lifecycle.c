/*
 * lifecycle.c: a case through its stages (see case.h): acknowledge,
 * respond, extend, escalate, close, assign, note and reopen, each with the
 * rules of the policy the case was logged under.
 *
 * Each action is a rule, do_VERB, that works on the case file in memory
 * only: it checks, changes the case and appends what happened; then
 * case_VERB (a stored case, in one write transaction: with_case) or the
 * caller of case_file_VERB (a batch) writes it. What an action is given
 * is checked first (VERB_given), before any case is read.
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

/* --- acknowledge --- */

static int
do_ack(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
	struct stage_rec *st = current_stage(cf);
	char d[DATE_LEN], what[STEP_LEN];
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_kind(cf, "acknowledge", "acknowledged", err)) ||
	    (rc = check_not_held(cf, a->date, err)))
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
	if ((rc = check_date(s, cf->pol, a->date, st->opened,
	    stage_start(st, "the day of ", what), err)) ||
	    (rc = check_someone_else(cf, st->stage, s->officer, err)))
		return rc;
	st->acknowledged = a->date;
	stage_changed(cf, st);
	if ((rc = check_deadlines(s, cf, st, err)) ||
	    (rc = first_officer(s, cf, st, err)))
		return rc;
	return case_event(cf, st->stage, a->date, s->officer, "acknowledged",
	    NULL, err);
}

int
case_file_ack(struct session *s, struct case_file *cf, cpl_date date,
    struct cpl_error *err)
{
	struct action a = {date, NULL, 0, 0};

	return do_ack(s, cf, &a, err);
}

int
case_ack(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err)
{
	struct action a = {date, NULL, 0, 0};

	return with_case(s, ref, err, do_ack, &a);
}

/* --- respond --- */

struct response {
	cpl_date date;
	const char *outcome;
	const char *const *remedies, *const *learning;
	int n_remedies, n_learning;
};

static int
response_given(const struct response *r, struct cpl_error *err)
{
	if (r->outcome == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME,
		    "an outcome is needed: upheld, partly-upheld or not-upheld");
	if (!one_of(r->outcome, case_outcomes))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME,
		    "outcome '%s' is not one of upheld, partly-upheld, "
		    "not-upheld", r->outcome);
	for (int i = 0; i < r->n_remedies; i++)
		if (blank(r->remedies[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY,
			    "a remedy is empty");
	for (int i = 0; i < r->n_learning; i++)
		if (blank(r->learning[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LEARNING,
			    "a lesson learnt is empty");
	return 0;
}

/* Append copies of texts to a stage's list of them. */
static int
add_texts(char ***list, int *n, const char *const *texts, int n_texts,
    struct cpl_error *err)
{
	char **nl;

	if (n_texts == 0)
		return 0;
	if ((nl = realloc(*list, (*n + n_texts) * sizeof(*nl))) == NULL)
		return cpl_nomem(err);
	*list = nl;
	for (int i = 0; i < n_texts; i++) {
		if ((nl[*n] = strdup(texts[i])) == NULL)
			return cpl_nomem(err);
		(*n)++;
	}
	return 0;
}

static int
do_respond(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct response *r = arg;
	struct stage_rec *st = current_stage(cf);
	const struct stage_rules *next = policy_stage(cf->pol, st->stage + 1);
	char d[DATE_LEN];
	cpl_date last_day;
	int rc;

	if ((rc = check_open(cf, r->date, err)) ||
	    (rc = check_kind(cf, "answer", "answered", err)) ||
	    (rc = check_not_held(cf, r->date, err)))
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
	    (rc = check_someone_else(cf, st->stage, s->officer, err)) ||
	    (rc = rule_named_officer(cf, s->officer, err)))
		return rc;
	/* The response opens the window for asking for the next stage: its
	 * last day must be one the calendar can give. */
	if (next != NULL && next->review_request_window > 0 &&
	    (rc = review_request_window_end(s, cf, st->stage + 1, next, r->date,
	    &last_day, err)))
		return rc;
	if ((rc = first_officer(s, cf, st, err)))
		return rc;
	st->responded = r->date;
	if (set_text(&st->outcome, r->outcome) != 0 ||
	    set_text(&st->responded_by, s->officer) != 0)
		return cpl_nomem(err);
	stage_changed(cf, st);
	if ((rc = add_texts(&st->remedies, &st->n_remedies, r->remedies,
	    r->n_remedies, err)) ||
	    (rc = add_texts(&st->learning, &st->n_learning, r->learning,
	    r->n_learning, err)))
		return rc;
	return case_event(cf, st->stage, r->date, s->officer, "responded",
	    r->outcome, err);
}

int
case_file_respond(struct session *s, struct case_file *cf,
    const char *outcome, const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err)
{
	struct response r = {date, outcome, remedies, learning, n_remedies,
	    n_learning};
	int rc;

	if ((rc = response_given(&r, err)))
		return rc;
	return do_respond(s, cf, &r, err);
}

int
case_respond(struct session *s, const char *ref, const char *outcome,
    const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err)
{
	struct response r = {date, outcome, remedies, learning, n_remedies,
	    n_learning};
	int rc;

	if ((rc = response_given(&r, err)))
		return rc;
	return with_case(s, ref, err, do_respond, &r);
}

/* --- extend --- */

static int
extension_given(const struct action *a, struct cpl_error *err)
{
	if (a->days < 1 || a->days > 400)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DAYS,
		    "an extension is a number of working days from 1 to 400");
	if (blank(a->text))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the response needs longer");
	return 0;
}

static int
do_extend(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
	struct stage_rec *st = current_stage(cf);
	const struct stage_rules *r = policy_stage(cf->pol, st->stage);
	struct extension_rec *ne, *e;
	char detail[1200];
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_kind(cf, "extend", "extended", err)) ||
	    (rc = check_not_held(cf, a->date, err)))
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
	/* An extension adds to the deadline in force (complaints(1), Working
	 * days): a response counted from an acknowledgement not yet made has
	 * none. */
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
	if (r->extension_cap >= 0 && st->ext_days + a->days > r->extension_cap)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' allows %d working days of extension in all at "
		    "stage %d (%s); %d already granted", cf->pol->id,
		    r->extension_cap, st->stage, r->extension_source,
		    st->ext_days);
	/* The seeds ask that the complainant be told of the delay and why:
	 * the officer says they have been, and the extension records it.
	 * The refusal cites the seed's section; its words, a long sentence,
	 * are policy show's to give, so the message stays readable. */
	if (r->extension_tell && !a->told) {
		char cite[256];

		policy_cite(r->extension_source ? r->extension_source : "",
		    cite, sizeof(cite));
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_TOLD,
		    "policy '%s' says the complainant is told of an extension at "
		    "stage %d, and why: the extension is recorded once they have "
		    "been (%s; see 'complaints policy show %s')", cf->pol->id,
		    st->stage, cite, cf->pol->id);
	}
	st->ext_days += a->days;
	if ((rc = check_deadlines(s, cf, st, err)))
		return rc;
	if ((ne = realloc(st->ext, (st->n_ext + 1) * sizeof(*ne))) == NULL)
		return cpl_nomem(err);
	st->ext = ne;
	e = &ne[st->n_ext];
	memset(e, 0, sizeof(*e));
	e->days = a->days;
	e->date = a->date;
	e->told = a->told;
	if (set_text(&e->reason, a->text) != 0 ||
	    set_text(&e->officer, s->officer) != 0) {
		free(e->reason);
		free(e->officer);
		return cpl_nomem(err);
	}
	st->n_ext++;
	snprintf(detail, sizeof(detail), "%d working days%s: %s", a->days,
	    a->told ? ", complainant told" : "", a->text);
	return case_event(cf, st->stage, a->date, s->officer, "extended", detail,
	    err);
}

int
case_file_extend(struct session *s, struct case_file *cf, int days,
    const char *reason, int told, cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, days, told};
	int rc;

	if ((rc = extension_given(&a, err)))
		return rc;
	return do_extend(s, cf, &a, err);
}

int
case_extend(struct session *s, const char *ref, int days, const char *reason,
    int told, cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, days, told};
	int rc;

	if ((rc = extension_given(&a, err)))
		return rc;
	return with_case(s, ref, err, do_extend, &a);
}

/* --- escalate: the complainant asks for a review at the next stage --- */

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
	    (rc = check_kind(cf, "escalate", "escalated", err)) ||
	    (rc = check_not_held(cf, a->date, err)))
		return rc;
	if (r == NULL)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d is the last stage of policy '%s': after it the "
		    "complainant may go to the %s", st->stage, cf->pol->id,
		    choose_ombudsman(cf->pol, &cf->c)->name);
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
			    r->review_request_window, st->stage, d,
			    r->review_request_source);
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
	    (rc = case_add_stage(cf, &next, err)))
		return rc;
	return case_event(cf, next.stage, a->date, s->officer, "escalated",
	    a->text, err);
}

int
case_file_escalate(struct session *s, struct case_file *cf,
    const char *reason, cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};

	return do_escalate(s, cf, &a, err);
}

int
case_escalate(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};

	return with_case(s, ref, err, do_escalate, &a);
}

/* --- close --- */

static int
close_reason_given(const char *reason, struct cpl_error *err)
{
	if (reason == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: resolved, withdrawn, out-of-scope, "
		    "refused, ombudsman or no-further-action");
	if (!one_of(reason, close_reasons))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "reason '%s' is not one of resolved, withdrawn, "
		    "out-of-scope, refused, ombudsman, no-further-action",
		    reason);
	return 0;
}

static int
do_close(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
	char what[STEP_LEN];
	cpl_date last = last_step(cf, what);
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_not_held(cf, a->date, err)) ||
	    (rc = check_date(s, cf->pol, a->date, last, what, err)))
		return rc;
	cf->c.closed = a->date;
	if (set_text(&cf->c.close_reason, a->text) != 0)
		return cpl_nomem(err);
	cf->case_changed = 1;
	return case_event(cf, current_stage(cf)->stage, a->date, s->officer,
	    "closed", a->text, err);
}

int
case_file_close(struct session *s, struct case_file *cf, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};
	int rc;

	if ((rc = close_reason_given(reason, err)))
		return rc;
	return do_close(s, cf, &a, err);
}

int
case_close(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};
	int rc;

	if ((rc = close_reason_given(reason, err)))
		return rc;
	return with_case(s, ref, err, do_close, &a);
}

/* --- assign --- */

static int
assignee_given(const char *to, struct cpl_error *err)
{
	if (blank(to))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_STAGE_OFFICER,
		    "the officer to give the stage to is needed");
	return 0;
}

static int
do_assign(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct action *a = arg;
	struct stage_rec *st = current_stage(cf);
	char what[STEP_LEN];
	int rc;

	if ((rc = check_open(cf, a->date, err)) ||
	    (rc = check_date(s, cf->pol, a->date, st->opened,
	    stage_start(st, "", what), err)) ||
	    (rc = check_someone_else(cf, st->stage, a->text, err)) ||
	    (rc = rule_named_handler(cf, a->text, CPL_ABOUT_STAGE_OFFICER,
	    err)))
		return rc;
	if (set_text(&st->officer, a->text) != 0)
		return cpl_nomem(err);
	stage_changed(cf, st);
	return case_event(cf, st->stage, a->date, s->officer, "assigned",
	    a->text, err);
}

int
case_file_assign(struct session *s, struct case_file *cf, const char *to,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, to, 0, 0};
	int rc;

	if ((rc = assignee_given(to, err)))
		return rc;
	return do_assign(s, cf, &a, err);
}

int
case_assign(struct session *s, const char *ref, const char *to,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, to, 0, 0};
	int rc;

	if ((rc = assignee_given(to, err)))
		return rc;
	return with_case(s, ref, err, do_assign, &a);
}

/* --- note --- */

static int
note_given(const char *text, struct cpl_error *err)
{
	if (blank(text))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NOTE,
		    "the note is empty");
	return 0;
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
	    "the day the case was received", err)))
		return rc;
	return case_event(cf, current_stage(cf)->stage, a->date, s->officer,
	    "note", a->text, err);
}

int
case_file_note(struct session *s, struct case_file *cf, const char *text,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, text, 0, 0};
	int rc;

	if ((rc = note_given(text, err)))
		return rc;
	return do_note(s, cf, &a, err);
}

int
case_note(struct session *s, const char *ref, const char *text, cpl_date date,
    struct cpl_error *err)
{
	struct action a = {date, text, 0, 0};
	int rc;

	if ((rc = note_given(text, err)))
		return rc;
	return with_case(s, ref, err, do_note, &a);
}

/* --- reopen --- */

static int
reopen_reason_given(const char *reason, struct cpl_error *err)
{
	if (blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the case is opened again");
	return 0;
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
	    "the day the case was closed", err)))
		return rc;
	cf->c.closed = NO_DATE;
	free(cf->c.close_reason);
	cf->c.close_reason = NULL;
	/* The last reopening, as the store works it out from the events. */
	if (cf->c.reopened == NO_DATE || a->date > cf->c.reopened)
		cf->c.reopened = a->date;
	cf->case_changed = 1;
	return case_event(cf, current_stage(cf)->stage, a->date, s->officer,
	    "reopened", a->text, err);
}

int
case_file_reopen(struct session *s, struct case_file *cf, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};
	int rc;

	if ((rc = reopen_reason_given(reason, err)))
		return rc;
	return do_reopen(s, cf, &a, err);
}

int
case_reopen(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct action a = {date, reason, 0, 0};
	int rc;

	if ((rc = reopen_reason_given(reason, err)))
		return rc;
	return with_case(s, ref, err, do_reopen, &a);
}
