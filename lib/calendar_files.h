/*
 * calendar_files.h: the calendar files of a policies directory, as
 * `complaints calendar show` and `complaints calendar import` see them
 * (complaints-calendar(1)): the days off a calendar lists, and a calendar
 * file made from the official list of bank holidays.
 *
 * Every other command reads a calendar as the file calendars/ID.yaml of
 * the policies directory, the one a policy's `calendar` key names
 * (policy_load_calendar, complaints-policy(5)).
 */
#ifndef CPL_CALENDAR_FILES_H
#define CPL_CALENDAR_FILES_H

#include <stddef.h>

#include "calendar.h"
#include "error.h"
#include "policy.h"

/* A day off, as calendar show lists it. */
struct day_off {
	const char *calendar;	/* the calendar's id */
	cpl_date day;
	const char *title;	/* the bank holiday's title, or NULL */
	int closure;		/* a closure day of the council's policy,
				 * not a bank holiday */
};

/*
 * The days off of calendar cal (read from path) in year, by date: its
 * bank holidays, and with p (whose calendar it is) the policy's closure
 * days that are not already off (a weekend, a bank holiday). A year the
 * calendar does not cover is CPL_POLICY, naming path. *out points into
 * cal and p; free it with free().
 */
int calendar_days_off(const struct calendar *cal, const char *path,
    const struct policy *p, int year, struct day_off **out, int *n,
    struct cpl_error *err);

/* The ids of the calendar files DIR/ID.yaml, sorted (see policy_ids). */
int calendar_ids(const char *dir, char ***ids, int *n, struct cpl_error *err);

/* What calendar_from_official wrote. */
struct official_import {
	int from, to;		/* the years the calendar written covers */
	int list_from, list_to;	/* those the official list gave */
};

/*
 * A calendar file's text, for calendars/DIVISION.yaml, made from the
 * official list of bank holidays in text (len bytes, JSON; name for
 * messages), as https://www.gov.uk/bank-holidays.json gives it:
 *
 *   {"england-and-wales": {"division": "england-and-wales",
 *     "events": [{"title": "New Year’s Day", "date": "2026-01-01",
 *     "notes": "", "bunting": true}, ...]},
 *    "scotland": {...}, "northern-ireland": {...}}
 *
 * The calendar is the division's: its id the division, its years those
 * of the list's events, each holiday with its title (and a note, such as
 * "Substitute day", after it). With base (the calendar of that id as it
 * is, read from base_name), the years base covers that the list does not
 * are kept from it: a list of recent years extends the calendar rather
 * than cut its past off; for the years the list gives, the list is right.
 * A list that is not in that format, or that would leave a year between
 * them without its bank holidays, is CPL_USAGE naming what is wrong. The
 * text written is read back as a calendar file is before it is given:
 * *yaml (malloc'ed, *yaml_len bytes).
 */
int calendar_from_official(const char *name, const char *text, size_t len,
    const char *division, const struct calendar *base, const char *base_name,
    char **yaml, size_t *yaml_len, struct official_import *what,
    struct cpl_error *err);

#endif
