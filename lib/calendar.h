/*
 * calendar.h: working days.
 *
 * A calendar covers whole years (from_year..to_year) and knows, for each day
 * of them, whether it is a working day: Monday to Friday, not a bank holiday
 * of the calendar file, not a closure day of the council's policy.
 *
 * Calendar files (policies/calendars/NAME.yaml):
 *   id: england-and-wales
 *   name: England and Wales bank holidays
 *   source: https://www.gov.uk/bank-holidays
 *   covers: { from: 2018, to: 2030 }
 *   holidays:
 *     - 2018-01-01 : New Year's Day
 *     - 2018-03-30
 * Each holiday a date, or a date and its title (a map of one pair).
 */
#ifndef CPL_CALENDAR_H
#define CPL_CALENDAR_H

#include <stddef.h>

#include "date.h"
#include "error.h"

/* A bank holiday, as the calendar file lists it. */
struct holiday {
	cpl_date day;
	char *title;		/* "Easter Monday", or NULL: none given */
};

struct calendar {
	char *id;		/* the file's id, e.g. "england-and-wales" */
	char *name;		/* its name, or NULL (calendar_init) */
	char *source;		/* where its dates come from, or NULL */
	int from_year;		/* first year covered */
	int to_year;		/* last year covered */
	cpl_date first;		/* 1 January of from_year */
	cpl_date last;		/* 31 December of to_year */
	unsigned char *closed;	/* one per covered day: 1 = holiday or closure */
	struct holiday *holidays;	/* the file's, in its order */
	int n_holidays;
};

/*
 * Read a calendar file (at most POLICY_FILE_MAX bytes); path is also the name
 * used in messages. A file named ID.yaml must have that id.
 */
int calendar_load(const char *path, struct calendar *cal, struct cpl_error *err);
/*
 * The same, from the file's text (len bytes; name for messages), whose id
 * must be want_id unless that is NULL. A holiday outside the covered years,
 * on a Saturday or a Sunday, or listed twice is an error at its place.
 */
int calendar_parse(const char *name, const char *want_id, const char *text,
    size_t len, struct calendar *cal, struct cpl_error *err);
/* Build an empty calendar (weekends only) covering the given years. */
int calendar_init(struct calendar *cal, const char *id, int from_year,
    int to_year, struct cpl_error *err);
/* Mark a day closed (a bank holiday or a closure day); 0, or -1 if the day
 * is outside the covered years. */
int calendar_close_day(struct calendar *cal, cpl_date day);
void calendar_free(struct calendar *cal);

/* 1 if day is in the years cal covers (from_year..to_year), or 0. */
int calendar_covers(const struct calendar *cal, cpl_date day);

/* 1 if day is covered and a working day, 0 if covered and not. */
int calendar_is_working_day(const struct calendar *cal, cpl_date day);

/*
 * "Within n working days of from": the nth working day after from. The day
 * of from itself never counts, whatever day it is. n >= 1. A deadline that
 * falls outside the calendar's years is CPL_POLICY, never a guess.
 */
int working_days_after(const struct calendar *cal, cpl_date from, int n,
    cpl_date *out, struct cpl_error *err);

/*
 * Working days from due to day: how many working days after due day is
 * (0 if day <= due). Errors as working_days_after.
 */
int working_days_between(const struct calendar *cal, cpl_date due,
    cpl_date day, int *out, struct cpl_error *err);

#endif
