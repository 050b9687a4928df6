/*
 * report_int.h: what lib/report.c hands to the HTML writer
 * (lib/report_html.c), and nothing else includes.
 *
 * A report is a list of figures: rows of (section, group, figure) with a
 * value for the period and, in the annual report, for the year before.
 * They are aggregates (a few hundred rows whatever the number of cases).
 */
#ifndef CPL_REPORT_INT_H
#define CPL_REPORT_INT_H

#include <stdint.h>
#include <stdio.h>

struct figval {
	int set;		/* 0: no value (a mean of no responses) */
	int64_t v;		/* a count */
	double d;		/* a mean or median (decimal figures) */
	int64_t of;		/* what v is counted out of */
};

struct fig {
	const char *section;	/* "all", a --by word, or an annual section */
	char *group;		/* the group's value; NULL: none (or "all") */
	char *figure;		/* e.g. "stage1.acknowledged_on_time" */
	int decimal;		/* a mean or median, printed with %.1f */
	int has_of;		/* counted out of something: a percentage */
	struct figval p[2];	/* the period, and the year before */
	char *detail;		/* the cases that missed (space-separated) */
};

struct figures {
	struct fig *v;
	size_t n, cap;
};

/* Text of a figure's value, "of" and percentage in period k (buf: 32
 * bytes each); NULL where there is none. */
const char *fig_value(const struct fig *f, int k, char *buf);
const char *fig_of(const struct fig *f, int k, char *buf);
const char *fig_percent(const struct fig *f, int k, char *buf);
/* The figure's label in words, for people. */
void fig_label(const char *figure, char *buf, size_t n);
/* The first figure of a section with this group and name, or NULL. */
const struct fig *fig_find(const struct figures *fs, const char *section,
    const char *group, const char *figure);

/* The HTML page: html_begin writes everything up to the list of learning
 * and remedies, html_text one item of it (heading: 1 the first item, 2
 * the first of another service, else 0), html_end the rest. */
void html_begin(FILE *f, int year, const struct figures *fs);
void html_text(FILE *f, int heading, const char *ref, const char *service,
    int stage, const char *kind, const char *text);
void html_end(FILE *f, int n_texts);

#endif
