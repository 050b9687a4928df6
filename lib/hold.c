/*
 * hold.c: the clock stops (complaints hold, resume; see case.h).
 *
 * A complaint may have to wait for another procedure ("it may not be
 * possible to provide a full response to the complaint until those
 * proceedings have been completed", seed 003 §11). Where the case's
 * policy allows it (its 'holds' key, with the reasons it allows), the
 * current stage's clock stops on the day held and starts again on the day
 * resumed:
 *
 *   - a deadline of the stage still running on the day held moves by the
 *     working days after that day up to and including the day resumed
 *     (the calendar's: a bank holiday inside the hold is not counted).
 *     The acknowledgement deadline runs while the stage is not
 *     acknowledged; the response deadline once its clock has started (at
 *     once, or from the acknowledgement). Working days are counted with
 *     the calendar as it is today, as every deadline is (deadlines.c);
 *   - the overall clock, in calendar weeks, moves by the calendar days
 *     held (case_resolve_due);
 *   - while held, the stage has nothing due but its resumption (due on
 *     the day it was expected to end, if one was given): it is never
 *     overdue, and nothing that would answer or move it (acknowledge,
 *     respond, extend, escalate, close) is recorded until it resumes.
 *
 * Each hold is a row of its stage (struct hold_rec) and two events,
 * "held" (detail: the reason, and "until DAY") and "resumed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "vocabulary.h"

const struct hold_rec *
hold_in_force(const struct stage_rec *st)
{
	if (st->n_holds > 0 && st->holds[st->n_holds - 1].resumed == NO_DATE)
		return &st->holds[st->n_holds - 1];
	return NULL;
}

/* Does hold h move the acknowledgement deadline, the response deadline of
 * stage st? Those whose clock ran on the day held and that were not yet
 * met. Nothing that meets one is recorded during a hold (check_not_held),
 * so an acknowledgement after the day held came after the resumption. */
static int
moves_ack(const struct stage_rec *st, const struct hold_rec *h)
{
	return st->acknowledged == NO_DATE || st->acknowledged > h->held;
}

static int
moves_response(const struct stage_rec *st, const struct hold_rec *h)
{
	return st->respond_from != CLOCK_ACKNOWLEDGED ||
	    (st->acknowledged != NO_DATE && st->acknowledged <= h->held);
}

int
stage_held_days(const struct calendar *cal, const struct stage_rec *st,
    int *ack_days, int *response_days, struct cpl_error *err)
{
	*ack_days = *response_days = 0;
	for (int i = 0; i < st->n_holds; i++) {
		const struct hold_rec *h = &st->holds[i];
		int n;

		if (h->resumed == NO_DATE)
			continue;
		if (working_days_between(cal, h->held, h->resumed, &n, err))
			return err->code;
		if (moves_ack(st, h))
			*ack_days += n;
		if (moves_response(st, h))
			*response_days += n;
	}
	return 0;
}

int
hold_stops(const struct stage_rec *st, int *ack, int *response)
{
	const struct hold_rec *h = hold_in_force(st);

	*ack = *response = 0;
	if (h == NULL)
		return 0;
	*ack = st->ack_days > 0 && moves_ack(st, h);
	*response = st->respond_days > 0 && moves_response(st, h);
	return 1;
}

int
stage_days_held(const struct calendar *cal, const struct stage_rec *st,
    cpl_date today, int *days, struct cpl_error *err)
{
	*days = 0;
	for (int i = 0; i < st->n_holds; i++) {
		const struct hold_rec *h = &st->holds[i];
		cpl_date end = h->resumed != NO_DATE ? h->resumed : today;
		int n;

		if (end <= h->held)
			continue;
		if (working_days_between(cal, h->held, end, &n, err))
			return err->code;
		*days += n;
	}
	return 0;
}

/* The calendar days the case was held, on every stage (the holds
 * resumed). */
static int
held_calendar_days(const struct case_file *cf)
{
	int days = 0;

	for (int i = 0; i < cf->n_stages; i++)
		for (int j = 0; j < cf->stages[i].n_holds; j++) {
			const struct hold_rec *h = &cf->stages[i].holds[j];

			if (h->resumed != NO_DATE)
				days += h->resumed - h->held;
		}
	return days;
}

cpl_date
case_resolve_due(const struct case_file *cf)
{
	if (cf->c.resolve_due == NO_DATE)
		return NO_DATE;
	return cf->c.resolve_due + held_calendar_days(cf);
}

int
stage_deadlines_now(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct cpl_error *err)
{
	int ack, response, rc;

	if ((rc = stage_deadlines(cal, st, d, err)))
		return rc;
	/* While the clock is stopped, a deadline it stops is not known: it
	 * moves by the working days held up to the day the stage resumes. */
	if (hold_stops(st, &ack, &response)) {
		if (ack)
			d->ack_due = NO_DATE;
		if (response)
			d->response_due = d->response_target = NO_DATE;
	}
	return 0;
}

cpl_date
case_resolve_due_now(const struct case_file *cf)
{
	/* The overall clock stops with the current stage's (a closed case
	 * has no hold in force: closing is refused while one is). */
	if (cf->n_stages > 0 && cf->c.closed == NO_DATE &&
	    hold_in_force(&cf->stages[cf->n_stages - 1]) != NULL)
		return NO_DATE;
	return case_resolve_due(cf);
}

int
check_not_held(const struct case_file *cf, cpl_date date,
    struct cpl_error *err)
{
	const struct stage_rec *st;
	const struct hold_rec *h;
	char d[DATE_LEN], r[DATE_LEN], a[DATE_LEN];

	if (cf->n_stages == 0)
		return 0;
	st = &cf->stages[cf->n_stages - 1];
	if ((h = hold_in_force(st)) != NULL) {
		date_format(h->held, d);
		return cpl_fail(err, CPL_REFUSED, "case '%s' is on hold since %s "
		    "(%s): its clock must be resumed first", cf->c.ref, d,
		    h->reason);
	}
	/* What a hold's days moved would have been done while it held. */
	for (int i = 0; i < st->n_holds; i++) {
		h = &st->holds[i];
		if (date <= h->held || date >= h->resumed)
			continue;
		date_format(date, a);
		date_format(h->held, d);
		date_format(h->resumed, r);
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DATE, "%s is "
		    "while stage %d of case '%s' was on hold (%s to %s)", a,
		    st->stage, cf->c.ref, d, r);
	}
	return 0;
}

/* The reasons policy p allows, as "a, b", in buf. */
static const char *
allowed_list(const struct policy *p, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < p->n_hold_reasons; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
		    i ? ", " : "", p->hold_reasons[i]);
	return buf;
}

/* Does the case's policy allow a hold for reason? */
static int
check_allowed(const struct case_file *cf, const char *reason,
    struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	char words[256], cite[256];

	if (word_index(hold_reasons, reason) < 0)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON, "'%s' is "
		    "not a reason to hold a case (%s)", reason,
		    word_list(hold_reasons, words, sizeof(words)));
	if (p->n_hold_reasons == 0)
		return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_REASON,
		    "policy '%s' allows no hold: the clock of case '%s' can't "
		    "stop for '%s'", p->id, cf->c.ref, reason);
	for (int i = 0; i < p->n_hold_reasons; i++)
		if (strcmp(p->hold_reasons[i], reason) == 0)
			return 0;
	policy_cite(p->holds_source, cite, sizeof(cite));
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_REASON, "policy '%s' "
	    "allows a hold only for %s (%s), not for '%s'", p->id,
	    allowed_list(p, words, sizeof(words)), cite, reason);
}

int
case_file_hold(struct session *s, struct case_file *cf, const char *reason,
    cpl_date until, cpl_date date, struct cpl_error *err)
{
	struct stage_rec *st;
	struct hold_rec *nh, h;
	char step[STEP_LEN];
	const char *what;
	char d[DATE_LEN], u[DATE_LEN], detail[128];
	cpl_date last;
	int rc;

	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_open(cf, date, err)) ||
	    (rc = check_kind(cf, "hold", "held", err)) ||
	    (rc = check_allowed(cf, reason, err)) ||
	    (rc = check_not_held(cf, date, err)))
		return rc;
	st = current_stage(cf);
	if (st->responded != NO_DATE) {
		date_format(st->responded, d);
		return cpl_fail(err, CPL_REFUSED, "stage %d of case '%s' was "
		    "answered on %s: it has no deadline left to stop", st->stage,
		    cf->c.ref, d);
	}
	/* A hold comes after what it stops the clock of: the stage opened,
	 * acknowledged, extended, and any hold before it resumed. */
	last = last_step(cf, step);
	what = step;
	if (st->n_holds > 0 && st->holds[st->n_holds - 1].resumed > last) {
		last = st->holds[st->n_holds - 1].resumed;
		what = "the day the last hold was resumed";
	}
	if ((rc = check_date(s, cf->pol, date, last, what, err)))
		return rc;
	if (until != NO_DATE && until < date) {
		date_format(until, u);
		date_format(date, d);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_UNTIL, "the day "
		    "the hold is expected to end (%s) is before the day it begins "
		    "(%s)", u, d);
	}
	if (until != NO_DATE &&
	    (rc = check_in_calendar(s, cf->pol, CPL_ABOUT_UNTIL, until, err)))
		return rc;
	memset(&h, 0, sizeof(h));
	h.held = date;
	h.until = until;
	h.resumed = NO_DATE;
	if ((nh = realloc(st->holds, (st->n_holds + 1) * sizeof(*nh))) == NULL)
		return cpl_nomem(err);
	st->holds = nh;
	if (set_text(&h.reason, reason) != 0 ||
	    set_text(&h.officer, s->officer) != 0) {
		free(h.reason);
		free(h.officer);
		return cpl_nomem(err);
	}
	st->holds[st->n_holds++] = h;
	if (until != NO_DATE) {
		date_format(until, u);
		snprintf(detail, sizeof(detail), "%s, until %s", reason, u);
	} else
		snprintf(detail, sizeof(detail), "%s", reason);
	return case_event(cf, st->stage, date, s->officer, "held", detail, err);
}

int
case_file_resume(struct session *s, struct case_file *cf, cpl_date date,
    struct cpl_error *err)
{
	struct stage_rec *st;
	struct hold_rec *h;
	int ack_days, response_days, rc;

	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_open(cf, date, err)))
		return rc;
	st = current_stage(cf);
	if (st->n_holds == 0 || st->holds[st->n_holds - 1].resumed != NO_DATE)
		return cpl_fail(err, CPL_REFUSED, "case '%s' is not on hold",
		    cf->c.ref);
	h = &st->holds[st->n_holds - 1];
	if ((rc = check_date(s, cf->pol, date, h->held, "the day the case was "
	    "put on hold", err)))
		return rc;
	h->resumed = date;
	if (set_text(&h->resumed_by, s->officer) != 0)
		return cpl_nomem(err);
	cf->marks[st->stage - 1].resumed = st->n_holds;
	/* The moved deadlines must be computable, as every deadline. */
	if ((rc = stage_held_days(&cf->pol->cal, st, &ack_days, &response_days,
	    err)) || (rc = check_deadlines(s, cf, st, err)))
		return rc;
	return case_event(cf, st->stage, date, s->officer, "resumed", NULL,
	    err);
}

/* The arguments of a hold on a stored case. */
struct hold_args {
	const char *reason;
	cpl_date until, date;
};

static int
do_hold(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	const struct hold_args *a = arg;

	return case_file_hold(s, cf, a->reason, a->until, a->date, err);
}

static int
do_resume(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	const struct hold_args *a = arg;

	return case_file_resume(s, cf, a->date, err);
}

int
case_hold(struct session *s, const char *ref, const char *reason,
    cpl_date until, cpl_date date, struct cpl_error *err)
{
	struct hold_args a = {reason, until, date};
	char words[256];

	/* Bad input is refused before any case is read. */
	if (reason == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON, "a hold "
		    "needs its reason (%s)", word_list(hold_reasons, words,
		    sizeof(words)));
	if (word_index(hold_reasons, reason) < 0)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON, "'%s' is "
		    "not a reason to hold a case (%s)", reason,
		    word_list(hold_reasons, words, sizeof(words)));
	return with_case(s, ref, err, do_hold, &a);
}

int
case_resume(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err)
{
	struct hold_args a = {NULL, NO_DATE, date};

	return with_case(s, ref, err, do_resume, &a);
}

int
case_write_holds(struct session *s, struct case_file *cf, int i,
    struct cpl_error *err)
{
	struct stage_rec *sr = &cf->stages[i];
	const struct stage_mark *m = &cf->marks[i];
	int rc, from = cf->is_new || i >= cf->stored_stages ? 0 :
	    m->stored_holds;

	if (m->resumed > 0 && m->resumed <= from &&
	    (rc = store_set_resumed(s->st, &sr->holds[m->resumed - 1], err)))
		return rc;
	for (int j = from; j < sr->n_holds; j++)
		if ((rc = store_add_hold(s->st, cf->c.id, sr->stage,
		    &sr->holds[j], err)))
			return rc;
	return 0;
}
