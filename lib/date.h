/*
 * date.h: calendar dates as day numbers.
 *
 * A cpl_date counts days from 1970-01-01 (day 0), in the proleptic Gregorian
 * calendar. Dates are read and written only as ISO 8601 "YYYY-MM-DD".
 */
#ifndef CPL_DATE_H
#define CPL_DATE_H

#include <stdint.h>

#include "error.h"

typedef int32_t cpl_date;

#define DATE_LEN 11		/* "YYYY-MM-DD" and its NUL */

cpl_date date_from_ymd(int y, int m, int d);
void date_ymd(cpl_date date, int *y, int *m, int *d);
/* Strict ISO date: exactly YYYY-MM-DD, a real day of years 1000-9999. */
int date_parse(const char *s, cpl_date *out);	/* 0 or -1 */
void date_format(cpl_date date, char buf[DATE_LEN]);
int date_weekday(cpl_date date);		/* 0 Monday .. 6 Sunday */
/* A date as a letter writes it: "Friday 16 January 2026". */
#define DATE_WORDS_LEN 40
void date_words(cpl_date date, char buf[DATE_WORDS_LEN]);
int date_year(cpl_date date);
/* The same day N months later (clamped to the month's last day). */
cpl_date date_add_months(cpl_date date, int months);
/* Today: COMPLAINTS_TODAY if set (must be a date), else the local date. */
int date_today(cpl_date *out, struct cpl_error *err);

#endif
