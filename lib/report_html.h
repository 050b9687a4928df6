/*
 * report_html.h: the annual report as one self-contained HTML page
 * (lib/report_html.c), written from the report's figures (figures.h) as
 * lib/report.c streams them.
 */
#ifndef CPL_REPORT_HTML_H
#define CPL_REPORT_HTML_H

#include <stdio.h>

#include "date.h"
#include "figures.h"
#include "store_report.h"

/* A response timescale the policies of the year's cases set at a stage,
 * with the policies that set it. */
struct stage_timescale {
	int stage;
	int set;		/* 0: the policy sets none */
	int days;		/* working days */
	int from_ack;		/* counted from the acknowledgement, else from
				 * the day the stage opened */
	char *policies;		/* their ids, ", " between them */
};

/* What the page says besides its figures. */
struct ombudsman_letter;

struct annual_page {
	const char *council;	/* the council the default policy names;
				 * NULL: none */
	int year;		/* the year asked for: the one the period
				 * starts in */
	int start_month;	/* the month the period starts: 1 (a calendar
				 * year) to 12 */
	cpl_date from, to;	/* the period, both days included */
	cpl_date today;		/* the day it was produced */
	const struct code_days *code;	/* the Complaint Handling Code's */
	const struct stage_timescale *timescales;	/* by stage */
	int n_timescales;
	/* Each case that missed self-assessment figure f (f->missed_list),
	 * by reference, to fn; 0, or an error of the store, or what fn
	 * returned. Called while html_begin writes. */
	int (*missed)(void *arg, const struct fig *f,
	    int (*fn)(const struct fig_case *c, void *a), void *a);
	void *missed_arg;
	/* The ombudsman's decisions of the year (lib/report_code.h); NULL:
	 * none. */
	const struct ombudsman_letter *letter;
};

/* The learning and remedies as they are written: which list is open. */
struct lessons_html {
	int n;			/* lessons written */
	int kind;		/* 0: no list, 1: learning, 2: remedies */
};

/* html_begin writes everything up to the learning and remedies (0, or
 * what pg->missed returned); html_lesson one row of store_report_lessons;
 * html_end the rest, the appendix of every figure among it. */
int html_begin(FILE *f, const struct annual_page *pg,
    const struct figures *fs);
void html_lesson(FILE *f, struct lessons_html *l, const struct lesson_row *r);
void html_end(FILE *f, const struct annual_page *pg, const struct figures *fs,
    const struct lessons_html *l);

#endif
