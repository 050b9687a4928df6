/*
 * date.c: ISO dates to day numbers and back (see date.h).
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

cpl_date
date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_ymd(cpl_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

int
date_parse(const char *s, cpl_date *out)
{
	int v[3] = {0, 0, 0};
	static const int width[] = {4, 2, 2};
	const char *p = s;

	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < width[f]; i++, p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[f] = v[f] * 10 + (*p - '0');
		}
		if (f < 2 && *p++ != '-')
			return -1;
	}
	if (*p != '\0' || v[0] < 1000 || v[1] < 1 || v[1] > 12 ||
	    v[2] < 1 || v[2] > days_in_month(v[0], v[1]))
		return -1;
	*out = date_from_ymd(v[0], v[1], v[2]);
	return 0;
}

void
date_format(cpl_date date, char buf[DATE_LEN])
{
	int y, m, d;

	date_ymd(date, &y, &m, &d);
	/* Bounded by construction (y in 0..9999, m, d two digits): written
	 * by hand so the compiler need not prove it. */
	y = y < 0 ? 0 : y % 10000;
	buf[0] = '0' + y / 1000;
	buf[1] = '0' + y / 100 % 10;
	buf[2] = '0' + y / 10 % 10;
	buf[3] = '0' + y % 10;
	buf[4] = '-';
	buf[5] = '0' + m / 10;
	buf[6] = '0' + m % 10;
	buf[7] = '-';
	buf[8] = '0' + d / 10;
	buf[9] = '0' + d % 10;
	buf[10] = '\0';
}

int
date_weekday(cpl_date date)
{
	/* 1970-01-01 was a Thursday (3 counting from Monday = 0). */
	int w = (date + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int
date_year(cpl_date date)
{
	int y, m, d;

	date_ymd(date, &y, &m, &d);
	return y;
}

cpl_date
date_add_months(cpl_date date, int months)
{
	int y, m, d;

	date_ymd(date, &y, &m, &d);
	/* Months since year 0, so that going back (months < 0) never
	 * divides a negative number. */
	months += y * 12 + (m - 1);
	y = months / 12;
	m = months % 12 + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return date_from_ymd(y, m, d);
}

int
date_today(cpl_date *out, struct cpl_error *err)
{
	const char *env = getenv("COMPLAINTS_TODAY");
	time_t now;
	struct tm tm;

	if (env != NULL && *env != '\0') {
		if (date_parse(env, out) != 0)
			return cpl_fail(err, CPL_USAGE,
			    "COMPLAINTS_TODAY: '%s' is not a date (YYYY-MM-DD)", env);
		return 0;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return cpl_fail(err, CPL_USAGE, "can't read the system date");
	*out = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

static const char *const weekday_names[] = {"Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
static const char *const month_names[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

void
date_words(cpl_date date, char buf[DATE_WORDS_LEN])
{
	int y, m, d;

	date_ymd(date, &y, &m, &d);
	snprintf(buf, DATE_WORDS_LEN, "%s %d %s %d",
	    weekday_names[date_weekday(date)], d, month_names[m - 1], y);
}
