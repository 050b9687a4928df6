/*
 * report.h: `complaints report`: the morning overdue list, the performance
 * figures of a period, and a council's annual complaints report.
 *
 * Each report reads the store inside one snapshot (store_read_begin), loads
 * the working-day calendar of every policy text in use as it is now (bank
 * holidays and the council's closure days: "Deadlines" in README.md), and
 * has SQLite compute every figure (lib/store_report.c); lib/report.c names
 * and orders the figures (lib/figures.h) and writes them to a FILE as a
 * table, CSV, JSON or (the annual report) one self-contained HTML page
 * (lib/report_html.c).
 *
 * The figures, their names and the rules they count by are documented in
 * complaints-report(1).
 */
#ifndef CPL_REPORT_H
#define CPL_REPORT_H

#include <stdio.h>

#include "output.h"
#include "store_report.h"

struct session;

/* The words of report summary --by (NULL-terminated). */
extern const char *const report_by_words[];

/* Open cases whose next action is past due (or due within f->within
 * working days), most overdue first. The table format prints nothing at all
 * when there are none. f->policy is taken as given: the caller checks
 * that it names a policy (session_known_policy). */
int report_overdue(struct session *s, const struct overdue_filter *f,
    enum out_format fmt, FILE *out, struct cpl_error *err);

/* The figures of the period from..to (from <= to), in all and (by not
 * NULL) by service, month, policy, channel or officer. */
int report_summary(struct session *s, cpl_date from, cpl_date to,
    const char *by, enum out_format fmt, FILE *out, struct cpl_error *err);

/* The annual report of the reporting year that starts in month
 * start_month of year (0: the month the store's default policy names, else
 * January), with the year before beside it; homes: the council's homes,
 * for the housing measures per 1,000 homes (0: not known); html: one
 * self-contained page instead of fmt. */
int report_annual(struct session *s, int year, int start_month,
    int64_t homes, enum out_format fmt, int html, FILE *out,
    struct cpl_error *err);

/* The deadlines every complaint stage opened from..to is counted by in
 * the summary and annual reports, and whether they count yet and were met,
 * as the SQL works them out: so a test can hold them against
 * stage_deadlines() (lib/deadlines.c). */
int report_deadlines(struct session *s, cpl_date from, cpl_date to,
    int (*fn)(const struct stage_deadline *d, void *arg), void *arg,
    struct cpl_error *err);

#endif
