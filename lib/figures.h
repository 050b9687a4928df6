/*
 * figures.h: the figures of a report, between the code that works them
 * out (lib/report.c) and the writers that print them (the table, CSV and
 * JSON rows of lib/report.c, the annual report's page in
 * lib/report_html.c).
 *
 * A report is a list of figures: rows of (section, group, figure) with a
 * value for the period and, in the annual report, for the year before
 * beside it. They are aggregates (a few hundred rows whatever the number
 * of cases). Their names and what they count are documented in
 * complaints-report(1).
 */
#ifndef CPL_FIGURES_H
#define CPL_FIGURES_H

#include <stddef.h>
#include <stdint.h>

/* The periods of a figure. */
#define FIG_PERIOD	0	/* the period asked for (the year) */
#define FIG_PREVIOUS	1	/* the year before (annual report only) */

/* A figure's value in one period. */
struct fig_amount {
	int set;		/* 0: no value (a mean of no responses) */
	int64_t count;		/* a count */
	double average;		/* a mean or median (decimal figures) */
	int64_t of;		/* what count is counted out of */
};

/* A case that missed a measure (the annual report's self-assessment), as
 * a writer is handed it: valid during the call only. */
struct fig_case {
	const char *ref;
	const char *service;	/* NULL: none recorded */
	int late;		/* working days late (or of extension past
				 * the limit); -1: not a number of days */
};

struct fig {
	const char *section;	/* "all", a --by word, or an annual section
				 * (static text: not freed) */
	char *group;		/* the group's value; NULL: none (or "all") */
	char *figure;		/* e.g. "stage1.acknowledged_on_time" */
	int decimal;		/* a mean or median, printed with %.1f */
	int has_of;		/* counted out of something: a percentage */
	struct fig_amount period[2];	/* FIG_PERIOD, FIG_PREVIOUS */
	/* The cases that missed (the annual self-assessment): how many, and
	 * which list of the report's they are (0: none), read from the
	 * store as each writer prints them, so that no list is held: a
	 * large council's year holds tens of thousands. */
	int64_t n_missed;
	int missed_list;
};

/* The figures in the order they are printed. */
struct figures {
	struct fig *v;
	size_t n, cap;
};

/* A new figure at the end, every value unset; NULL if out of memory. */
struct fig *fig_add(struct figures *fs, const char *section,
    const char *group, const char *figure);
/* Set a count (and what it is out of; of < 0: nothing) in period k. */
void fig_count(struct fig *f, int k, int64_t count, int64_t of);
/* The first figure of a section with this group (any case of letters)
 * and name, or NULL. */
const struct fig *fig_find(const struct figures *fs, const char *section,
    const char *group, const char *figure);
void figures_free(struct figures *fs);
/* Text of a figure's value, "of" and percentage in period k (buf: 32
 * bytes each); NULL where there is none. */
#define FIG_TEXT 32
const char *fig_value(const struct fig *f, int k, char *buf);
const char *fig_of(const struct fig *f, int k, char *buf);
const char *fig_percent(const struct fig *f, int k, char *buf);

#endif
