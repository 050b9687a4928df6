/*
 * deadlines.c: a stage's deadlines in working days, and the refusal of
 * what would run past the years the policy's calendar covers (see
 * case.h).
 *
 * "Within N working days of X" is the Nth working day after X (README,
 * "Deadlines"): stage_deadlines works each deadline out from the stage's
 * timescales (copied from the policy when the stage opened) and the
 * calendar as it is today. The reports work the same deadlines out in SQL
 * (lib/store_report.c); tests/unit/test_report_deadlines.c holds the two
 * to each other.
 */
#include <stdio.h>
#include <stdlib.h>

#include "case_int.h"

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
	int rc, ack_held, response_held;

	d->ack_due = d->response_due = d->response_target = NO_DATE;
	/* A hold resumed moves the deadlines it stopped by the working days
	 * held (hold.c). */
	b->what = "end of a hold";
	b->from = st->opened;
	b->days = 0;
	if ((rc = stage_held_days(cal, st, &ack_held, &response_held, err)))
		return rc;
	if (st->ack_days > 0 &&
	    (rc = deadline(cal, "acknowledgement deadline", st->opened,
	    st->ack_days + ack_held, &d->ack_due, b, err)))
		return rc;
	if (st->respond_days == 0)
		return 0;
	start = st->respond_from == CLOCK_ACKNOWLEDGED ? st->acknowledged :
	    st->opened;
	if (start == NO_DATE)
		return 0;
	/* An extension adds its working days to the deadline in force. */
	if ((rc = deadline(cal, "response deadline", start,
	    st->respond_days + st->ext_days + response_held, &d->response_due,
	    b, err)))
		return rc;
	if (st->respond_target > 0 &&
	    (rc = deadline(cal, "response target", start,
	    st->respond_target + response_held, &d->response_target, b, err)))
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
	const struct hold_rec *h;

	*due = NO_DATE;
	if (st->responded != NO_DATE)
		return NULL;
	/* Held: nothing is due but the resumption, on the day the hold was
	 * expected to end (if one was given). */
	if ((h = hold_in_force(st)) != NULL) {
		*due = h->until;
		return "resume";
	}
	if (st->acknowledged == NO_DATE && st->ack_days > 0) {
		*due = d->ack_due;
		return "acknowledge";
	}
	*due = d->response_due;
	return "respond";
}

/*
 * Refuse what would be recorded on, or run to, a day outside the years the
 * policy's calendar covers: its deadlines, and every report that counts
 * it, could never be worked out. The calendar needs the missing year, so
 * the status is CPL_POLICY. what names the day ("2031-01-03", "the stage 1
 * response deadline, 10 working days after 2030-12-20,"); year is the one
 * to add.
 */
int
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
int
check_in_calendar(struct session *s, const struct policy *p,
    enum cpl_subject subject, cpl_date day, struct cpl_error *err)
{
	char d[DATE_LEN];

	if (calendar_covers(&p->cal, day))
		return 0;
	date_format(day, d);
	beyond_calendar(s, p, d, date_year(day), err);
	err->subject = subject;
	return err->code;
}

/* Deadlines must be computable: one outside the calendar refuses the
 * action before anything is written. */
int
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
int
review_request_window_end(struct session *s, struct case_file *cf, int n,
    const struct stage_rules *r, cpl_date responded, cpl_date *last_day,
    struct cpl_error *err)
{
	char from[DATE_LEN], what[128];

	if (working_days_after(&cf->pol->cal, responded, r->review_request_window,
	    last_day, err) == 0)
		return 0;
	date_format(responded, from);
	snprintf(what, sizeof(what), "the end of the stage %d request window, "
	    "%d working days after %s,", n, r->review_request_window, from);
	return beyond_calendar(s, cf->pol, what, cf->pol->cal.to_year + 1, err);
}

void
stage_timescales(const struct stage_rules *r, struct stage_rec *st)
{
	st->ack_days = r->acknowledge.set ? r->acknowledge.days : 0;
	st->respond_days = r->respond.set ? r->respond.days : 0;
	st->respond_from = r->respond.set ? (int)r->respond.from : CLOCK_OPENED;
	st->respond_target = r->respond.set ? r->respond.target_days : 0;
}
