/*
 * test_calendar.c: ISO dates (date.h) and working days (calendar.h), with
 * the real England and Wales calendar from $SRCDIR/policies/calendars.
 *
 * Every expected deadline below was worked out by hand: the comment beside
 * it walks the days after the start, counting only Monday to Friday days
 * that are not bank holidays in policies/calendars/england-and-wales.yaml
 * (complaints(1), Working days: "the Nth working day after the day of X.
 * The day of X itself never counts").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "calendar.h"
#include "date.h"
#include "error.h"

#define CALENDAR "/policies/calendars/england-and-wales.yaml"

/* --- helpers --- */

static char *
calendar_path(void)
{
	const char *src = getenv("SRCDIR");
	char *path;

	if (src == NULL)
		src = ".";
	path = malloc(strlen(src) + sizeof(CALENDAR));
	assert_non_null(path);
	strcpy(path, src);
	strcat(path, CALENDAR);
	return path;
}

static int
load_real(struct calendar *cal)
{
	struct cpl_error err = {0};
	char *path = calendar_path();
	int rc = calendar_load(path, cal, &err);

	if (rc != 0)
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

/* working_days_after(from, n) must succeed and give want. */
static void
expect_after(const struct calendar *cal, const char *from, int n,
    const char *want)
{
	struct cpl_error err = {0};
	cpl_date out = 0;
	char got[DATE_LEN];

	if (working_days_after(cal, D(from), n, &out, &err) != 0)
		fail_msg("%s + %d working days: unexpected error: %s", from, n,
		    err.msg);
	date_format(out, got);
	if (strcmp(got, want) != 0)
		fail_msg("%s + %d working days: got %s, want %s", from, n, got,
		    want);
}

/* working_days_after(from, n) must refuse: CPL_POLICY naming the calendar,
 * and no deadline written. */
static void
expect_outside(const struct calendar *cal, const char *from, int n)
{
	struct cpl_error err = {0};
	const cpl_date untouched = 123456;
	cpl_date out = untouched;
	int rc = working_days_after(cal, D(from), n, &out, &err);

	if (rc == 0) {
		char got[DATE_LEN];
		date_format(out, got);
		fail_msg("%s + %d working days: want an error, got %s", from, n,
		    got);
	}
	assert_int_equal(rc, CPL_POLICY);
	assert_int_equal(err.code, CPL_POLICY);
	if (strstr(err.msg, "england-and-wales") == NULL)
		fail_msg("message does not name the calendar: %s", err.msg);
	if (strstr(err.msg, "2018") == NULL || strstr(err.msg, "2030") == NULL)
		fail_msg("message does not give the covered years: %s", err.msg);
	assert_int_equal(out, untouched);
}

static int
between(const struct calendar *cal, const char *due, const char *day)
{
	struct cpl_error err = {0};
	int n = -1;

	if (working_days_between(cal, D(due), D(day), &n, &err) != 0)
		fail_msg("between %s and %s: unexpected error: %s", due, day,
		    err.msg);
	return n;
}

/* --- date.h --- */

/* The time limit (12 months after the matter) and the retention cutoff
 * (years before today) count months forwards and backwards, clamped to the
 * month's last day. */
static void
test_date_add_months(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(D("2025-03-31"), 12), D("2026-03-31"));
	assert_int_equal(date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(date_add_months(D("2026-01-31"), 1), D("2026-02-28"));
	assert_int_equal(date_add_months(D("2026-11-30"), 3), D("2027-02-28"));
	assert_int_equal(date_add_months(D("2026-10-30"), -72), D("2020-10-30"));
	assert_int_equal(date_add_months(D("2026-03-31"), -1), D("2026-02-28"));
	assert_int_equal(date_add_months(D("2026-01-15"), -1), D("2025-12-15"));
	assert_int_equal(date_add_months(D("2026-01-15"), -13), D("2024-12-15"));
	assert_int_equal(date_add_months(D("2024-02-29"), -12), D("2023-02-28"));
	assert_int_equal(date_add_months(D("2026-05-20"), 0), D("2026-05-20"));
}

static void
test_date_parse_valid(void **state)
{
	cpl_date d;
	int y, m, dd;

	(void)state;
	assert_int_equal(date_parse("2026-01-09", &d), 0);
	/* 1970-01-01 is day 0; 2026-01-09 is 56 years (14 of them leap:
	 * 1972..2024) plus 8 days on: 56 * 365 + 14 + 8 = 20462. */
	assert_int_equal(d, 20462);
	date_ymd(d, &y, &m, &dd);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 1);
	assert_int_equal(dd, 9);
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
	assert_int_equal(date_parse("2026-12-31", &d), 0);
	assert_int_equal(d, date_from_ymd(2026, 12, 31));
	assert_int_equal(date_parse("9999-12-31", &d), 0);
	assert_int_equal(date_parse("1000-01-01", &d), 0);
}

static void
test_date_parse_leap_days(void **state)
{
	cpl_date d;

	(void)state;
	/* 2024 is divisible by 4: a leap year. */
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d, date_from_ymd(2024, 3, 1) - 1);
	/* 2000 is divisible by 400: a leap year. */
	assert_int_equal(date_parse("2000-02-29", &d), 0);
	/* 2025 is not divisible by 4; 2100 is a century not divisible by
	 * 400: neither has 29 February. */
	assert_int_equal(date_parse("2025-02-29", &d), -1);
	assert_int_equal(date_parse("2100-02-29", &d), -1);
}

static void
test_date_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"2026-02-30",	/* February never has 30 days */
		"2026-04-31",	/* April has 30 */
		"2026-13-01",	/* no month 13 */
		"2026-00-10",	/* no month 0 */
		"2026-01-00",	/* no day 0 */
		"2026-01-32",
		"2026-1-01",	/* month must be two digits */
		"2026-01-1",	/* day must be two digits */
		"26-01-01",	/* year must be four digits */
		"0999-12-31",	/* years 1000-9999 only */
		"2026-01-01x",	/* trailing junk */
		"2026-01-01 ",
		" 2026-01-01",	/* leading junk */
		"2026/01/01",
		"20260101",
		"2026-01",
		"",
		"today",
	};
	cpl_date d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = 777;
		if (date_parse(bad[i], &d) != -1)
			fail_msg("date_parse accepted '%s'", bad[i]);
		/* A rejected date leaves the output alone. */
		assert_int_equal(d, 777);
	}
}

static void
test_date_format_round_trip(void **state)
{
	static const char *const dates[] = {"2026-01-09", "2024-02-29",
	    "2000-02-29", "1970-01-01", "1969-12-31", "2018-01-01",
	    "2030-12-31", "1000-01-01", "9999-12-31"};
	char buf[DATE_LEN];
	cpl_date d;

	(void)state;
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		assert_int_equal(date_parse(dates[i], &d), 0);
		date_format(d, buf);
		assert_string_equal(buf, dates[i]);
	}
	/* Single-digit months and days come out zero-padded. */
	date_format(date_from_ymd(2026, 3, 5), buf);
	assert_string_equal(buf, "2026-03-05");
	/* Day numbers run on across month and year ends. */
	date_format(D("2026-12-31") + 1, buf);
	assert_string_equal(buf, "2027-01-01");
	date_format(D("2024-02-28") + 1, buf);
	assert_string_equal(buf, "2024-02-29");
}

static void
test_date_weekday(void **state)
{
	(void)state;
	/* 0 Monday .. 6 Sunday. 2026-01-09, complaints(1)'s example, is a
	 * Friday. */
	assert_int_equal(date_weekday(D("2026-01-09")), 4);
	assert_int_equal(date_weekday(D("2026-01-10")), 5);	/* Saturday */
	assert_int_equal(date_weekday(D("2026-01-11")), 6);	/* Sunday */
	assert_int_equal(date_weekday(D("2026-01-12")), 0);	/* Monday */
	/* 1970-01-01 was a Thursday, and the day before a Wednesday: the
	 * weekday of negative day numbers is still 0..6. */
	assert_int_equal(date_weekday(D("1970-01-01")), 3);
	assert_int_equal(date_weekday(D("1969-12-31")), 2);
	/* Christmas 2026 is a Friday (its Boxing Day substitute a Monday). */
	assert_int_equal(date_weekday(D("2026-12-25")), 4);
}

/* --- working days with the real calendar --- */

static void
test_calendar_covers(void **state)
{
	const struct calendar *cal = *state;

	assert_string_equal(cal->id, "england-and-wales");
	assert_int_equal(cal->from_year, 2018);
	assert_int_equal(cal->to_year, 2030);
	/* Bank holidays and weekends are not working days; others are. */
	assert_int_equal(calendar_is_working_day(cal, D("2026-12-25")), 0);
	assert_int_equal(calendar_is_working_day(cal, D("2026-12-28")), 0);
	assert_int_equal(calendar_is_working_day(cal, D("2026-01-10")), 0);
	assert_int_equal(calendar_is_working_day(cal, D("2026-01-09")), 1);
	assert_int_equal(calendar_is_working_day(cal, D("2026-12-29")), 1);
}

static void
test_spec_examples(void **state)
{
	const struct calendar *cal = *state;

	/* complaints(1), Working days. Fri 2026-01-09 + 5: Mon 12 (1),
	 * Tue 13 (2), Wed 14 (3), Thu 15 (4), Fri 16 (5). */
	expect_after(cal, "2026-01-09", 5, "2026-01-16");
	/* Sat 2026-01-10: Sun 11 is no working day; Mon 12 .. Fri 16. */
	expect_after(cal, "2026-01-10", 5, "2026-01-16");
	/* Sun 2026-01-11: Mon 12 .. Fri 16. */
	expect_after(cal, "2026-01-11", 5, "2026-01-16");
	/* Fri 2026-01-09 + 10: the five above, then Mon 19 .. Fri 23. */
	expect_after(cal, "2026-01-09", 10, "2026-01-23");
	/* Received on a working day, + 1 is simply the next one:
	 * Mon 2026-01-12 -> Tue 13; Fri 2026-01-16 -> Mon 19. */
	expect_after(cal, "2026-01-12", 1, "2026-01-13");
	expect_after(cal, "2026-01-16", 1, "2026-01-19");
}

static void
test_easter_2026(void **state)
{
	const struct calendar *cal = *state;

	/* Good Friday 3 April, Easter Monday 6 April 2026. Thu 2 April + 1:
	 * Fri 3 (holiday), Sat 4, Sun 5, Mon 6 (holiday), Tue 7 (1). */
	expect_after(cal, "2026-04-02", 1, "2026-04-07");
	/* Received on Good Friday itself + 1: Tue 7 as well. */
	expect_after(cal, "2026-04-03", 1, "2026-04-07");
	/* Wed 1 April + 5: Thu 2 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4),
	 * Fri 10 (5). */
	expect_after(cal, "2026-04-01", 5, "2026-04-10");
}

static void
test_christmas_2026(void **state)
{
	const struct calendar *cal = *state;

	/* 25 Dec 2026 is a Friday; Boxing Day (Sat) is substituted by Mon 28.
	 * Thu 24 + 1: Fri 25 (holiday), Sat, Sun, Mon 28 (substitute),
	 * Tue 29 (1). */
	expect_after(cal, "2026-12-24", 1, "2026-12-29");
	/* Thu 24 + 5: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 1 Jan 2027 is
	 * New Year's Day, Mon 4 Jan (4), Tue 5 Jan (5). */
	expect_after(cal, "2026-12-24", 5, "2027-01-05");
}

static void
test_christmas_2021(void **state)
{
	const struct calendar *cal = *state;

	/* 25 and 26 Dec 2021 fall on Sat and Sun; both are substituted, by
	 * Mon 27 and Tue 28. Fri 24 + 1: Sat, Sun, Mon 27, Tue 28 (all off),
	 * Wed 29 (1). */
	expect_after(cal, "2021-12-24", 1, "2021-12-29");
	/* Fri 24 + 3: Wed 29 (1), Thu 30 (2), Fri 31 (3). */
	expect_after(cal, "2021-12-24", 3, "2021-12-31");
	/* + 4: Sat 1 Jan 2022 is New Year's Day, substituted by Mon 3 Jan,
	 * so the 4th working day is Tue 4 Jan 2022. */
	expect_after(cal, "2021-12-24", 4, "2022-01-04");
}

static void
test_one_off_days(void **state)
{
	const struct calendar *cal = *state;

	/* Platinum Jubilee: Thu 2 and Fri 3 June 2022 (the spring bank
	 * holiday moved, plus a one-off day). Wed 1 June + 1: Thu 2, Fri 3,
	 * Sat, Sun off; Mon 6 (1). */
	expect_after(cal, "2022-06-01", 1, "2022-06-06");
	/* And Mon 30 May 2022, the usual last Monday of May, was a working
	 * day that year: Fri 27 May + 1 is Mon 30 May. */
	expect_after(cal, "2022-05-27", 1, "2022-05-30");
	/* State Funeral of Queen Elizabeth II: Mon 19 September 2022.
	 * Fri 16 + 1: Sat, Sun, Mon 19 off; Tue 20 (1). */
	expect_after(cal, "2022-09-16", 1, "2022-09-20");
	/* Coronation of King Charles III: Mon 8 May 2023. Fri 5 + 1: Sat,
	 * Sun, Mon 8 off; Tue 9 (1). */
	expect_after(cal, "2023-05-05", 1, "2023-05-09");
	/* 2020: the early May bank holiday moved to Fri 8 May for VE day.
	 * Thu 7 + 1: Fri 8 off, Sat, Sun; Mon 11 (1). */
	expect_after(cal, "2020-05-07", 1, "2020-05-11");
	/* ... and Mon 4 May 2020, the usual first Monday, was a working day:
	 * Fri 1 May + 1 is Mon 4 May. */
	expect_after(cal, "2020-05-01", 1, "2020-05-04");
}

static void
test_extension_adds_to_deadline(void **state)
{
	const struct calendar *cal = *state;
	struct cpl_error err = {0};
	cpl_date start = D("2026-12-14"), due10, ext5, due15;

	/* complaints(1), Working days: an extension of N adds N working days
	 * to the deadline in force. From Mon 14 Dec 2026, + 10:
	 * Tue 15 .. Fri 18 (4), Mon 21 .. Thu 24 (8), Fri 25 and Mon 28 off,
	 * Tue 29 (9), Wed 30 (10). */
	assert_int_equal(working_days_after(cal, start, 10, &due10, &err), 0);
	assert_int_equal(due10, D("2026-12-30"));
	/* + 5 on top: Thu 31 (1), Fri 1 Jan off, Mon 4 (2), Tue 5 (3),
	 * Wed 6 (4), Thu 7 Jan 2027 (5). */
	assert_int_equal(working_days_after(cal, due10, 5, &ext5, &err), 0);
	assert_int_equal(ext5, D("2027-01-07"));
	/* The same as 15 working days from the start. */
	assert_int_equal(working_days_after(cal, start, 15, &due15, &err), 0);
	assert_int_equal(due15, ext5);
}

static void
test_edges_of_coverage(void **state)
{
	const struct calendar *cal = *state;

	/* The first and last covered days work like any other. Mon 1 Jan
	 * 2018 is New Year's Day: Sun 31 Dec 2017 + 1 is Tue 2 Jan 2018 (the
	 * start itself is never counted, so it need not be covered). */
	expect_after(cal, "2018-01-01", 1, "2018-01-02");
	expect_after(cal, "2017-12-31", 1, "2018-01-02");
	/* Fri 27 Dec 2030 + 2: Mon 30 (1), Tue 31 (2), the last covered day. */
	expect_after(cal, "2030-12-27", 2, "2030-12-31");
}

static void
test_outside_coverage(void **state)
{
	const struct calendar *cal = *state;

	/* The calendar covers 2018-2030: a deadline in 2031 is an error,
	 * never a guess. Tue 31 Dec 2030 + 1 would be in 2031. */
	expect_outside(cal, "2030-12-31", 1);
	/* Tue 24 Dec 2030 + 5: Wed 25, Thu 26 off; Fri 27 (1), Mon 30 (2),
	 * Tue 31 (3), then 2031. */
	expect_outside(cal, "2030-12-24", 5);
	/* Fri 27 Dec 2030 + 3: one more than the last covered day allows. */
	expect_outside(cal, "2030-12-27", 3);
	/* A walk that starts before the covered years fails at its first
	 * step: Fri 29 Dec 2017 + 1 would first look at Sat 30 Dec 2017. */
	expect_outside(cal, "2017-12-29", 1);
	expect_outside(cal, "2017-06-01", 5);
	/* Far outside in either direction. */
	expect_outside(cal, "2040-01-01", 1);
	expect_outside(cal, "2000-01-01", 10);
}

static void
test_closure_day_skipped(void **state)
{
	struct calendar cal;
	cpl_date out;
	struct cpl_error err = {0};

	(void)state;
	assert_int_equal(load_real(&cal), 0);
	/* A council closes on Mon 12 Jan 2026. Fri 9 + 5: Mon 12 closed;
	 * Tue 13 (1), Wed 14 (2), Thu 15 (3), Fri 16 (4), Mon 19 (5). */
	assert_int_equal(calendar_close_day(&cal, D("2026-01-12")), 0);
	assert_int_equal(calendar_is_working_day(&cal, D("2026-01-12")), 0);
	expect_after(&cal, "2026-01-09", 5, "2026-01-19");
	/* The days between Christmas and New Year 2026: Tue 29, Wed 30, Thu 31
	 * Dec closed. Thu 24 + 1: Fri 25, Mon 28 (holidays), 29-31 (closed),
	 * Fri 1 Jan 2027 (New Year's Day); Mon 4 Jan 2027 (1). */
	assert_int_equal(calendar_close_day(&cal, D("2026-12-29")), 0);
	assert_int_equal(calendar_close_day(&cal, D("2026-12-30")), 0);
	assert_int_equal(calendar_close_day(&cal, D("2026-12-31")), 0);
	expect_after(&cal, "2026-12-24", 1, "2027-01-04");
	/* Closing a day that is already a holiday changes nothing:
	 * Thu 2 Apr + 1 is still Tue 7 Apr 2026. */
	assert_int_equal(calendar_close_day(&cal, D("2026-04-03")), 0);
	expect_after(&cal, "2026-04-02", 1, "2026-04-07");
	/* Nor does closing a Saturday: Fri 9 Jan + 1 is still Tue 13
	 * (Mon 12 closed above). */
	assert_int_equal(calendar_close_day(&cal, D("2026-01-10")), 0);
	assert_int_equal(working_days_after(&cal, D("2026-01-09"), 1, &out,
	    &err), 0);
	assert_int_equal(out, D("2026-01-13"));
	calendar_free(&cal);
}

static void
test_closure_day_outside_coverage(void **state)
{
	struct calendar cal;

	(void)state;
	assert_int_equal(load_real(&cal), 0);
	assert_int_equal(calendar_close_day(&cal, D("2017-12-31")), -1);
	assert_int_equal(calendar_close_day(&cal, D("2031-01-01")), -1);
	/* The edges are inside. */
	assert_int_equal(calendar_close_day(&cal, D("2018-01-02")), 0);
	assert_int_equal(calendar_close_day(&cal, D("2030-12-31")), 0);
	calendar_free(&cal);
}

static void
test_calendar_init_weekends_only(void **state)
{
	struct calendar cal;
	struct cpl_error err = {0};

	(void)state;
	/* An empty calendar knows no bank holidays: Thu 24 Dec 2026 + 1 is
	 * Fri 25 Dec, and Fri 9 Jan + 5 still skips the weekend. */
	assert_int_equal(calendar_init(&cal, "empty", 2026, 2026, &err), 0);
	expect_after(&cal, "2026-12-24", 1, "2026-12-25");
	expect_after(&cal, "2026-01-09", 5, "2026-01-16");
	calendar_free(&cal);
}

static void
test_working_days_between(void **state)
{
	const struct calendar *cal = *state;
	struct cpl_error err = {0};
	cpl_date out;
	int n = -1;

	/* How many working days late: due Fri 16 Jan 2026. */
	assert_int_equal(between(cal, "2026-01-16", "2026-01-16"), 0);
	assert_int_equal(between(cal, "2026-01-16", "2026-01-17"), 0); /* Sat */
	assert_int_equal(between(cal, "2026-01-16", "2026-01-18"), 0); /* Sun */
	assert_int_equal(between(cal, "2026-01-16", "2026-01-19"), 1); /* Mon */
	/* Mon 19 .. Fri 23 (5), Mon 26 .. Fri 30 (10). */
	assert_int_equal(between(cal, "2026-01-16", "2026-01-30"), 10);
	/* Not yet due: 0, never negative. */
	assert_int_equal(between(cal, "2026-01-16", "2026-01-12"), 0);
	/* Bank holidays don't count: due Thu 2 Apr 2026, today Tue 7 Apr
	 * (Fri 3 and Mon 6 are Easter): 1 day late. */
	assert_int_equal(between(cal, "2026-04-02", "2026-04-07"), 1);
	/* Christmas 2026: due Thu 24 Dec, today Wed 30 Dec: Tue 29 and
	 * Wed 30 count, Fri 25 and Mon 28 don't. */
	assert_int_equal(between(cal, "2026-12-24", "2026-12-30"), 2);
	/* The inverse of working_days_after, across Christmas. */
	assert_int_equal(working_days_after(cal, D("2026-12-14"), 15, &out,
	    &err), 0);
	assert_int_equal(working_days_between(cal, D("2026-12-14"), out, &n,
	    &err), 0);
	assert_int_equal(n, 15);
	/* Counting into 2031 is outside the calendar. */
	assert_int_equal(working_days_between(cal, D("2030-12-30"),
	    D("2031-01-06"), &n, &err), CPL_POLICY);
	assert_int_equal(err.code, CPL_POLICY);
	if (strstr(err.msg, "england-and-wales") == NULL)
		fail_msg("message does not name the calendar: %s", err.msg);
}

/* --- calendar files --- */

static char *
write_temp(const char *text)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	FILE *f;
	int fd;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = malloc(strlen(tmp) + sizeof("/cal-XXXXXX"));
	assert_non_null(path);
	strcpy(path, tmp);
	strcat(path, "/cal-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_calendar_load_errors(void **state)
{
	struct calendar cal;
	struct cpl_error err = {0};
	char want[512];
	char *path;

	(void)state;
	/* A file that isn't there: CPL_POLICY, naming the file. */
	assert_int_equal(calendar_load("/nonexistent/wales.yaml", &cal, &err),
	    CPL_POLICY);
	if (strstr(err.msg, "/nonexistent/wales.yaml") == NULL)
		fail_msg("message does not name the file: %s", err.msg);

	/* A holiday outside the years the file says it covers: an error at
	 * the holiday's line (6) and column (5, after "  - "). */
	path = write_temp("id: tiny\n"
	    "name: Tiny\n"
	    "source: a test\n"
	    "covers: { from: 2026, to: 2026 }\n"
	    "holidays:\n"
	    "  - 2027-01-01\n");
	assert_int_equal(calendar_load(path, &cal, &err), CPL_POLICY);
	snprintf(want, sizeof(want), "%s:6:5: ", path);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("want a message starting '%s', got: %s", want, err.msg);
	if (strstr(err.msg, "2027-01-01") == NULL)
		fail_msg("message does not name the holiday: %s", err.msg);
	unlink(path);
	free(path);

	/* A tiny valid file works, and its holidays count. */
	path = write_temp("id: tiny\n"
	    "name: Tiny\n"
	    "source: a test\n"
	    "covers: { from: 2026, to: 2026 }\n"
	    "holidays: [ 2026-01-12 ]\n");
	assert_int_equal(calendar_load(path, &cal, &err), 0);
	assert_string_equal(cal.id, "tiny");
	/* Fri 9 + 1: Mon 12 is this file's holiday; Tue 13. */
	expect_after(&cal, "2026-01-09", 1, "2026-01-13");
	calendar_free(&cal);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_valid),
		cmocka_unit_test(test_date_parse_leap_days),
		cmocka_unit_test(test_date_parse_rejects),
		cmocka_unit_test(test_date_format_round_trip),
		cmocka_unit_test(test_date_weekday),
		cmocka_unit_test(test_date_add_months),
		cmocka_unit_test(test_calendar_covers),
		cmocka_unit_test(test_spec_examples),
		cmocka_unit_test(test_easter_2026),
		cmocka_unit_test(test_christmas_2026),
		cmocka_unit_test(test_christmas_2021),
		cmocka_unit_test(test_one_off_days),
		cmocka_unit_test(test_extension_adds_to_deadline),
		cmocka_unit_test(test_edges_of_coverage),
		cmocka_unit_test(test_outside_coverage),
		cmocka_unit_test(test_closure_day_skipped),
		cmocka_unit_test(test_closure_day_outside_coverage),
		cmocka_unit_test(test_calendar_init_weekends_only),
		cmocka_unit_test(test_working_days_between),
		cmocka_unit_test(test_calendar_load_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
