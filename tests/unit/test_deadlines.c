/*
 * test_deadlines.c: a stage's deadlines and next action (case.h), computed
 * from hand-built stage records with the real England and Wales calendar.
 *
 * Expected dates were worked out by hand: the comment beside each walks the
 * working days after the clock's start (weekends and the bank holidays of
 * policies/calendars/england-and-wales.yaml skipped; the start itself never
 * counts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "case.h"
#include "date.h"
#include "error.h"
#include "policy.h"
#include "record.h"

#define CALENDAR "/policies/calendars/england-and-wales.yaml"

/* --- helpers --- */

static int
load_real(struct calendar *cal)
{
	struct cpl_error err = {0};
	const char *src = getenv("SRCDIR");
	char *path;
	int rc;

	if (src == NULL)
		src = ".";
	if ((path = malloc(strlen(src) + sizeof(CALENDAR))) == NULL)
		return -1;
	strcpy(path, src);
	strcat(path, CALENDAR);
	if ((rc = calendar_load(path, cal, &err)) != 0)
		print_error("calendar_load(%s): %s\n", path, err.msg);
	free(path);
	return rc;
}

static int
setup(void **state)
{
	struct calendar *cal = calloc(1, sizeof(*cal));

	if (cal == NULL || load_real(cal) != 0) {
		free(cal);
		return -1;
	}
	*state = cal;
	return 0;
}

static int
teardown(void **state)
{
	calendar_free(*state);
	free(*state);
	return 0;
}

static cpl_date
D(const char *s)
{
	cpl_date d = 0;

	if (date_parse(s, &d) != 0)
		fail_msg("test bug: '%s' is not a date", s);
	return d;
}

/* A stage opened on the given day, nothing done yet. */
static struct stage_rec
stage(int n, const char *opened, int ack_days, int respond_days,
    enum clock respond_from)
{
	struct stage_rec st;

	memset(&st, 0, sizeof(st));
	st.stage = n;
	st.opened = D(opened);
	st.ack_days = ack_days;
	st.respond_days = respond_days;
	st.respond_from = (int)respond_from;
	st.acknowledged = st.responded = NO_DATE;
	return st;
}

/* Assert a date, or NO_DATE when want is NULL, showing both on failure. */
#define assert_date(got, want) check_date((got), (want), #got, __LINE__)

static void
check_date(cpl_date got, const char *want, const char *what, int line)
{
	char g[DATE_LEN] = "NO_DATE";

	if (got != NO_DATE)
		date_format(got, g);
	if (strcmp(g, want != NULL ? want : "NO_DATE") != 0)
		fail_msg("line %d: %s is %s, want %s", line, what, g,
		    want != NULL ? want : "NO_DATE");
}

static void
deadlines(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d)
{
	struct cpl_error err = {0};

	if (stage_deadlines(cal, st, d, &err) != 0)
		fail_msg("stage_deadlines: unexpected error: %s", err.msg);
}

/* --- deadlines --- */

static void
test_respond_from_received(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* south-staffordshire stage 1: acknowledge 5 wd, respond 10 wd, both
	 * from received. Received Fri 9 Jan 2026: + 5 is Fri 16 (Mon 12 ..
	 * Fri 16), + 10 is Fri 23 (Mon 19 .. Fri 23). The response clock runs
	 * before the acknowledgement. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_date(d.response_due, "2026-01-23");
	assert_date(d.response_target, NULL);
	/* Acknowledging does not move a response counted from receipt. */
	st.acknowledged = D("2026-01-14");
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_date(d.response_due, "2026-01-23");
}

static void
test_received_at_weekend(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* Received Sat 10 Jan 2026: the same deadlines as the Friday. */
	st = stage(1, "2026-01-10", 5, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_date(d.response_due, "2026-01-23");
}

static void
test_respond_from_acknowledged(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* psps stage 1: acknowledge 5 wd from received; respond 10 wd from
	 * the acknowledgement. Until acknowledged the response clock has not
	 * started: no response deadline. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_ACKNOWLEDGED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_date(d.response_due, NULL);
	/* Acknowledged Wed 14 Jan: + 10 is Thu 15, Fri 16 (2), Mon 19 ..
	 * Fri 23 (7), Mon 26, Tue 27, Wed 28 (10). */
	st.acknowledged = D("2026-01-14");
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_date(d.response_due, "2026-01-28");
	/* Acknowledged late, Tue 20 Jan: + 10 is Wed 21 .. Fri 23 (3),
	 * Mon 26 .. Fri 30 (8), Mon 2, Tue 3 Feb (10). */
	st.acknowledged = D("2026-01-20");
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-02-03");
}

static void
test_stage2_over_easter(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* psps stage 2: acknowledge 5 wd from the request, respond 20 wd
	 * from the acknowledgement. Escalated Thu 2 Apr 2026: Fri 3 and
	 * Mon 6 are Easter, so + 5 is Tue 7 .. Fri 10 (4), Mon 13 (5). */
	st = stage(2, "2026-04-02", 5, 20, CLOCK_ACKNOWLEDGED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-04-13");
	assert_date(d.response_due, NULL);
	/* Acknowledged Wed 8 Apr: + 20 is Thu 9, Fri 10 (2), Mon 13 .. Fri 17
	 * (7), 20 .. 24 (12), 27 .. 30 Apr, 1 May (17), Mon 4 May is the
	 * early May bank holiday, Tue 5, Wed 6, Thu 7 May (20). */
	st.acknowledged = D("2026-04-08");
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-05-07");
}

static void
test_extension_days(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* An extension adds its working days to the deadline in force.
	 * Received Fri 9 Jan 2026, respond 10 wd: Fri 23; extended by 5:
	 * Mon 26 .. Fri 30. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_OPENED);
	st.ext_days = 5;
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-01-30");
	/* The acknowledgement deadline is not extended. */
	assert_date(d.ack_due, "2026-01-16");
	/* Two extensions, 5 and 3: 8 on top of Fri 23 is Mon 26 .. Fri 30
	 * (5), Mon 2, Tue 3, Wed 4 Feb (8). */
	st.ext_days = 8;
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-02-04");

	/* Extended over Christmas: stage 2 escalated Mon 14 Dec 2026,
	 * respond 10 wd: Wed 30 Dec (Fri 25 and Mon 28 are holidays); + 5:
	 * Thu 31, (Fri 1 Jan holiday), Mon 4 .. Thu 7 Jan 2027. */
	st = stage(2, "2026-12-14", 0, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-12-30");
	st.ext_days = 5;
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2027-01-07");

	/* With the clock not started, an extension gives no date either. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_ACKNOWLEDGED);
	st.ext_days = 5;
	deadlines(cal, &st, &d);
	assert_date(d.response_due, NULL);
	/* Once acknowledged (Wed 14 Jan): Wed 28 Jan + 5 = Wed 4 Feb. */
	st.acknowledged = D("2026-01-14");
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-02-04");
}

static void
test_response_target(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* buckinghamshire stage 1: acknowledge 3 wd; respond 20 wd from
	 * received, aiming for 10. Received Fri 9 Jan 2026: + 3 is Wed 14;
	 * + 10 is Fri 23; + 20 is Fri 6 Feb (Mon 26 Jan .. Fri 6 Feb). */
	st = stage(1, "2026-01-09", 3, 20, CLOCK_OPENED);
	st.respond_target = 10;
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2026-01-14");
	assert_date(d.response_due, "2026-02-06");
	assert_date(d.response_target, "2026-01-23");
	/* An extension moves the deadline, not the aim: + 5 on Fri 6 Feb is
	 * Fri 13 Feb. */
	st.ext_days = 5;
	deadlines(cal, &st, &d);
	assert_date(d.response_due, "2026-02-13");
	assert_date(d.response_target, "2026-01-23");
}

static void
test_no_timescales(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;

	/* southampton stage 1: no acknowledgement timescale (ack_days 0);
	 * respond 10 wd from received: Fri 9 Jan 2026 -> Fri 23 Jan. */
	st = stage(1, "2026-01-09", 0, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, NULL);
	assert_date(d.response_due, "2026-01-23");
	/* A stage with no timescale at all has no deadlines. */
	st = stage(2, "2026-01-09", 0, 0, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, NULL);
	assert_date(d.response_due, NULL);
	assert_date(d.response_target, NULL);
}

static void
test_deadline_outside_calendar(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;
	struct cpl_error err = {0};

	/* Received Fri 20 Dec 2030, respond 20 wd: the walk runs into 2031,
	 * past the calendar's last year. An error naming the calendar, not a
	 * guessed date. */
	st = stage(1, "2030-12-20", 5, 20, CLOCK_OPENED);
	assert_int_equal(stage_deadlines(cal, &st, &d, &err), CPL_POLICY);
	assert_int_equal(err.code, CPL_POLICY);
	if (strstr(err.msg, "england-and-wales") == NULL)
		fail_msg("message does not name the calendar: %s", err.msg);
	/* The acknowledgement deadline alone would still fit: Fri 20 + 5 is
	 * Mon 23, Tue 24, (25, 26 holidays), Fri 27, Mon 30, Tue 31 Dec. */
	st = stage(1, "2030-12-20", 5, 0, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	assert_date(d.ack_due, "2030-12-31");
	/* ... but not + 6. */
	st = stage(1, "2030-12-20", 6, 0, CLOCK_OPENED);
	assert_int_equal(stage_deadlines(cal, &st, &d, &err), CPL_POLICY);
}

static void
test_calendar_read_afresh(void **state)
{
	struct calendar cal;
	struct stage_rec st;
	struct deadlines d;

	(void)state;
	/* Deadlines follow the calendar they are computed with: a day closed
	 * after the case was opened (as 19 September 2022 was announced at
	 * short notice) moves them. Received Fri 9 Jan 2026; with Mon 12 Jan
	 * closed, + 5 is Tue 13 .. Mon 19, + 10 is Mon 26. */
	assert_int_equal(load_real(&cal), 0);
	st = stage(1, "2026-01-09", 5, 10, CLOCK_OPENED);
	deadlines(&cal, &st, &d);
	assert_date(d.ack_due, "2026-01-16");
	assert_int_equal(calendar_close_day(&cal, D("2026-01-12")), 0);
	deadlines(&cal, &st, &d);
	assert_date(d.ack_due, "2026-01-19");
	assert_date(d.response_due, "2026-01-26");
	calendar_free(&cal);
}

/* --- next action --- */

static void
test_next_action_sequence(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;
	const char *action;
	cpl_date due;

	/* A new case: acknowledge first, by Fri 16 Jan 2026. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_non_null(action);
	assert_string_equal(action, "acknowledge");
	assert_date(due, "2026-01-16");
	/* Acknowledged: respond, by Fri 23 Jan. */
	st.acknowledged = D("2026-01-12");
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_non_null(action);
	assert_string_equal(action, "respond");
	assert_date(due, "2026-01-23");
	/* Extended by 5: respond by Fri 30 Jan. */
	st.ext_days = 5;
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_string_equal(action, "respond");
	assert_date(due, "2026-01-30");
	/* Responded: nothing left to do at this stage, and no due date. */
	st.responded = D("2026-01-22");
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_null(action);
	assert_date(due, NULL);
}

static void
test_next_action_from_acknowledged(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;
	const char *action;
	cpl_date due;

	/* psps: acknowledge by Fri 16 Jan; then respond by Wed 28 Jan
	 * (10 wd after an acknowledgement on Wed 14 Jan). */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_ACKNOWLEDGED);
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_string_equal(action, "acknowledge");
	assert_date(due, "2026-01-16");
	st.acknowledged = D("2026-01-14");
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_string_equal(action, "respond");
	assert_date(due, "2026-01-28");
}

static void
test_next_action_without_acknowledgement(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;
	const char *action;
	cpl_date due;

	/* southampton: no acknowledgement timescale, so the first thing to
	 * do is respond, by Fri 23 Jan 2026. */
	st = stage(1, "2026-01-09", 0, 10, CLOCK_OPENED);
	deadlines(cal, &st, &d);
	action = stage_next_action(&st, &d, &due);
	assert_non_null(action);
	assert_string_equal(action, "respond");
	assert_date(due, "2026-01-23");
	/* Responded: done. */
	st.responded = D("2026-01-20");
	action = stage_next_action(&st, &d, &due);
	assert_null(action);
	assert_date(due, NULL);
}

static void
test_next_action_responded_unacknowledged(void **state)
{
	const struct calendar *cal = *state;
	struct stage_rec st;
	struct deadlines d;
	cpl_date due = 0;

	/* A response sent without a recorded acknowledgement: the stage is
	 * answered, nothing is left to chase. */
	st = stage(1, "2026-01-09", 5, 10, CLOCK_OPENED);
	st.responded = D("2026-01-13");
	deadlines(cal, &st, &d);
	assert_null(stage_next_action(&st, &d, &due));
	assert_date(due, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_respond_from_received),
		cmocka_unit_test(test_received_at_weekend),
		cmocka_unit_test(test_respond_from_acknowledged),
		cmocka_unit_test(test_stage2_over_easter),
		cmocka_unit_test(test_extension_days),
		cmocka_unit_test(test_response_target),
		cmocka_unit_test(test_no_timescales),
		cmocka_unit_test(test_deadline_outside_calendar),
		cmocka_unit_test(test_calendar_read_afresh),
		cmocka_unit_test(test_next_action_sequence),
		cmocka_unit_test(test_next_action_from_acknowledged),
		cmocka_unit_test(test_next_action_without_acknowledgement),
		cmocka_unit_test(test_next_action_responded_unacknowledged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
