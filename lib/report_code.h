/*
 * report_code.h: what the annual report adds for the Complaint Handling
 * Code (lib/report_code.c): the ombudsman's decisions of the year, as the
 * Local Government and Social Care Ombudsman's annual review letter counts
 * them (the Code's paragraph 8.1 asks for that letter in the annual
 * report); and, for a council whose cases include housing matters, the
 * Regulator of Social Housing's complaint measures CH01 and CH02.
 *
 * Figures (section, group, figure; complaints-report(1)):
 *   ombudsman-letter, "", decided               decisions made in the year
 *   ombudsman-letter, "", decided.DECISION      of them, by decision
 *   ombudsman-letter, "", remedy_recommended    of the upheld ones
 *   ombudsman-letter, "", remedy_complied       of the remedies
 *   ombudsman-letter, "", remedy_complied_on_time  of those complied
 *                                               with a day due
 *   housing, CH01, stageN.complaints            stage N opened, housing
 *   housing, CH01, stageN.complaints_per_1000_homes  (with the homes)
 *   housing, CH02, stageN.answered_within_code_timescale  of answered
 * and, after the learning, a row a decision of the year (section
 * ombudsman-decision; group the ombudsman, figure the decision, ref the
 * case, detail the remedy and the council's compliance).
 */
#ifndef CPL_REPORT_CODE_H
#define CPL_REPORT_CODE_H

#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "figures.h"
#include "output.h"
#include "policy.h"
#include "session.h"

/* One decision of the year, kept for its row and the page. */
struct letter_decision {
	char *ref, *body, *decision, *remedy;	/* remedy NULL: none */
	cpl_date decided, due, complied;
};

/* The year's decisions. */
struct ombudsman_letter {
	struct letter_decision *v;
	int n;
};

/* The decisions of the year (from[0]..to[0]) and the year before
 * (from[1]..to[1]): their figures added to fs, the year's kept in l. */
int report_ombudsman_letter(struct session *s, const cpl_date from[2],
    const cpl_date to[2], struct figures *fs, struct ombudsman_letter *l,
    struct cpl_error *err);
/* The rows of the year's decisions, for the table, CSV and JSON. */
int ombudsman_letter_rows(struct out_table *t,
    const struct ombudsman_letter *l);
void ombudsman_letter_free(struct ombudsman_letter *l);

/* The housing complaints of a period, by stage (1 and 2). */
struct housing_counts {
	int any;			/* a service is a housing matter */
	int64_t opened[2][2];		/* [period][stage - 1] */
	int64_t answered_of[2][2], answered_ok[2][2];	/* the Code's
							 * timescale */
};

/* Is this service one the policy sends to an ombudsman of particular
 * matters (the Housing Ombudsman)? */
int housing_service(const struct policy *p, const char *service);
/* The figures of section housing, when hc->any; homes 0: not known. */
int report_housing_measures(struct figures *fs,
    const struct housing_counts *hc, int64_t homes);

/* The page's sections for both (lib/report_html.c calls it before the
 * appendix). */
void html_code_sections(FILE *f, const struct figures *fs,
    const struct ombudsman_letter *l);

#endif
