/*
 * store_report.h: the SQL of the reports (lib/store_report.c).
 *
 * Every figure of `complaints report` is computed by SQLite over the store;
 * C only names, orders and prints what the queries return. Deadlines are in
 * working days, and the calendar is read from the files each time (the
 * README's "Deadlines"), so a report starts by loading each calendar in use
 * into TEMP tables of the connection:
 *
 *   temp.wd_cals(cal, id, from_year, to_year, max_n)
 *                                 one row a distinct calendar (bank holidays
 *                                 + a policy's closure days)
 *   temp.wd_cal(version, cal, max_n)  the calendar of each policy text
 *   temp.wd_day(cal, day, upto, working)
 *                                 every day the calendar covers: upto the
 *                                 working days up to and including day,
 *                                 working 1 if it is one
 *   temp.wd_nth(cal, n, day)      the nth working day
 *
 * "N working days after X" (the start day never counts; a start on a
 * non-working day counts from the next) is then the wd_nth row whose n is
 * X's upto plus N: two index lookups, the same rule as working_days_after() in
 * lib/calendar.c. A lookup outside the covered years finds nothing, and the
 * report fails (CPL_POLICY) rather than guess.
 *
 * Call all of these inside one store_read_begin() ... store_read_end(), so a
 * report is one consistent snapshot and never blocks an officer's write.
 */
#ifndef CPL_STORE_REPORT_H
#define CPL_STORE_REPORT_H

#include <stdint.h>

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "store.h"

/* (Re)create the TEMP tables above, empty: the first call of the read
 * (a server's read-only transaction makes no table, so on a server they
 * are made before the read's first query, which takes its snapshot). */
int store_report_tables(struct store *st, struct cpl_error *err);
/* The ids of every stored policy text (cases name theirs by policy_version);
 * *versions is malloc'ed (caller frees). */
int store_report_versions(struct store *st, int64_t **versions, int *n,
    struct cpl_error *err);
/* Load calendar number cal (one row a day it covers). */
int store_report_add_calendar(struct store *st, int cal,
    const struct calendar *c, struct cpl_error *err);
/* Cases logged under policy text `version` count working days with cal. */
int store_report_use_calendar(struct store *st, int64_t version, int cal,
    struct cpl_error *err);

/* --- report overdue --- */

struct overdue_filter {
	const char *officer;	/* the current stage's officer, or NULL */
	const char *service;	/* any case of letters, or NULL */
	const char *policy;	/* a policy id, or NULL */
	int within;		/* also those due within N working days */
	cpl_date today;
	int actions;		/* also the other actions overdue (report
				 * overdue --actions: lib/report.c's
				 * overdue_sources) */
};

/* One open case whose next action is late (or due soon). Strings belong to
 * the query: valid during the call only. */
struct overdue_row {
	const char *ref, *policy;
	int stage;
	const char *action;	/* acknowledge|respond; with --actions,
				 * an overdue source's (resume, ...) */
	const char *due;	/* YYYY-MM-DD */
	int late;		/* working days overdue; <= 0: not yet late */
	const char *officer, *service;	/* may be NULL */
};

/* Call fn for each, most overdue first (then by due date, reference). */
int store_overdue(struct store *st, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err);
/* The holds in force past the day they were to resume, as action
 * "resume" due that day (report overdue --actions; lib/store_holds.c),
 * the longest past first. */
int store_overdue_holds(struct store *st, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err);

/* The figures of the holds begun in a period (lib/store_holds.c): the
 * cases of kind held, the working days held (up to today for a hold in
 * force), and the stages of kind opened in the period whose deadlines a
 * hold moved. */
struct hold_counts {
	int64_t cases, working_days, stages_moved;
};
int store_report_holds(struct store *st, cpl_date from, cpl_date to,
    cpl_date today, const char *kind, struct hold_counts *n,
    struct cpl_error *err);

/* --- report summary and report annual --- */

/*
 * The Complaint Handling Code's own timescales, for the annual report's
 * self-assessment: bound into the queries, never a council's rule.
 */
struct code_days {
	int ack;		/* acknowledge within, at every stage */
	int respond[2];		/* answer within, from the acknowledgement,
				 * at stage 1 and stage 2 (later stages: [1]) */
};

/*
 * Work out, in one pass over the complaint stages opened from..to, every
 * deadline and date a report needs, into temp.rep_stage under the number
 * `period` (a report may hold two: this year and the last). by is NULL or
 * service|month|policy|channel|officer: what rows are grouped by. code is
 * NULL unless the Code's timescales are wanted (report annual). lists:
 * keep what the annual report's lists and store_report_deadlines read of
 * a stage (its reference, month, policy text, service and the working days
 * up to its dates); 0 leaves them out, for a report that only counts.
 */
int store_report_fill(struct store *st, int period, cpl_date from, cpl_date to,
    const char *by, cpl_date today, const struct code_days *code, int lists,
    struct cpl_error *err);

/* A stage of a period as the figures count it. */
struct stage_deadline {
	const char *ref;
	int stage;
	cpl_date ack_due, response_due;	/* NO_DATE: none */
	int ack_counted, ack_met;	/* counted yet (its "of"), and met */
	int response_counted, response_met;
	cpl_date original_due;		/* the response's without extensions */
	int original_counted, original_met;
	cpl_date code_ack_due, code_response_due;	/* the Code's, when
					 * store_report_fill was given them */
	int code_ack_counted, code_ack_met;
	int code_response_counted, code_response_met;
	int working_days;		/* to answer; -1: not answered */
	int other_handler;		/* 1: not the previous stage's handler,
					 * 0: the same, -1: stage 1 or not
					 * known */
	int extensions, extension_days;
};

/* Each stage of a period, by case reference and stage. */
int store_report_deadlines(struct store *st, int period,
    int (*fn)(const struct stage_deadline *d, void *arg), void *arg,
    struct cpl_error *err);

/* The figures of the stages of one group (or of all) in a period. */
struct stage_counts {
	int64_t opened;		/* stages opened */
	int64_t ack_of, ack_ok;	/* acknowledgement measurable / on time */
	int64_t resp_of, resp_ok;	/* response (deadline with extensions) */
	int64_t orig_of, orig_ok;	/* response (deadline without them) */
	int64_t noext_of, noext_ok;	/* stages not extended */
	int64_t ext_of, ext_ok;		/* stages extended */
	int64_t responded;		/* answered */
	int64_t wd_sum;			/* working days to answer, summed */
	int64_t outcome[3];		/* upheld, partly-upheld, not-upheld */
	int64_t extended;		/* stages with an extension */
	int64_t extensions;		/* extensions granted */
	int64_t ext_days;		/* working days of extension */
	int64_t escalated;		/* went on to the next stage */
	int64_t diff_of, diff_ok;	/* handler known / not the previous one */
	int64_t code_ack_of, code_ack_ok;	/* the Code's timescales */
	int64_t code_resp_of, code_resp_ok;
	int64_t code_ext_of, code_ext_ok;	/* extended / within the Code */
};

/* For each group (total: one NULL group) and stage of a period. */
int store_report_stages(struct store *st, int period, int total,
    int (*fn)(const char *group, int stage, const struct stage_counts *c,
    void *arg), void *arg, struct cpl_error *err);
/* The median working days to answer, per stage: of all the period's
 * stages (total 1), and when by_group of each group too (total 0), in
 * one pass. */
int store_report_medians(struct store *st, int period, int by_group,
    int (*fn)(const char *group, int total, int stage, double median,
    void *arg), void *arg, struct cpl_error *err);
/* Stage 1 complaints opened per month (YYYY-MM). */
int store_report_months(struct store *st, int period,
    int (*fn)(const char *month, int64_t n, void *arg), void *arg,
    struct cpl_error *err);

/* What the annual self-assessment lists the cases that missed of. */
enum code_measure {
	CODE_ACK,		/* acknowledged within code->ack */
	CODE_RESPOND,		/* answered within code->respond[] */
	CODE_EXTENSION,		/* extended by no more than code->respond[] */
	CODE_HANDLER,		/* a different person from the stage before */
};
/* Each case that missed, by reference: its service (NULL: none) and how
 * far (late: the working days late, or of extension past the Code's;
 * -1: not a number of days, or not known). */
int store_report_missed(struct store *st, int period, int stage,
    enum code_measure m, const struct code_days *code,
    int (*fn)(const char *ref, const char *service, int late, void *arg),
    void *arg, struct cpl_error *err);
/* Each stage number and policy text (policy_versions) of the stages
 * filled, every period. */
int store_report_stage_versions(struct store *st,
    int (*fn)(int stage, int64_t version, void *arg), void *arg,
    struct cpl_error *err);

/* The cases received in a period of one group (or of all). */
struct case_counts {
	int64_t received;
	int64_t kind[4];	/* of each of the kinds given */
	int64_t channel[9];	/* of each of the 7 channels given, then any
				 * other channel, then none recorded */
	int64_t overall_of;	/* complaints whose overall clock (receipt
				 * to resolution) is decided: closed, or run
				 * out by today */
	int64_t overall_ok;	/* closed within it */
};

/* Cases received from..to, by group (total: one NULL group). */
int store_report_cases(struct store *st, cpl_date from, cpl_date to,
    cpl_date today, const char *by, int total, const char *const kinds[4],
    const char *const channels[7],
    int (*fn)(const char *group, const struct case_counts *n, void *arg),
    void *arg, struct cpl_error *err);
/* Cases received from..to and closed as out-of-scope or refused, by group,
 * that reason and their category (NULL: none). */
int store_report_refusals(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *reason, const char *category,
    int64_t n, void *arg), void *arg, struct cpl_error *err);
/* Ombudsman referrals made from..to, by group and decision (NULL: none
 * yet). */
/* The complaints (kind complaint) received from..to that the seeds'
 * smaller rules mark (lib/store_rules.c), by group as the other counts:
 * about discrimination, resolved informally. */
int store_report_rules(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total, const char *complaint,
    int (*fn)(const char *group, int64_t discrimination, int64_t informal,
    void *arg), void *arg, struct cpl_error *err);
int store_report_referrals(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *decision, int64_t n, void *arg),
    void *arg, struct cpl_error *err);
/* The remedies and learning recorded with complaint responses sent
 * from..to, by service and reference. */
int store_report_texts(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, const char *service, int stage,
    const char *kind, const char *text, void *arg), void *arg,
    struct cpl_error *err);

/* A remedy or learning recorded with the responses of a period, once
 * whatever the number of cases: one row a service it came from.
 * Strings belong to the query: valid during the call only. */
struct lesson_row {
	const char *kind;	/* "learning" or "remedy" */
	const char *text;
	int64_t cases;		/* the cases it was recorded with */
	int64_t services;	/* their services ("none recorded" one) */
	const char *service;	/* this row's service; NULL: none recorded */
	int first;		/* the first row of this lesson */
};
/* Learning first, then remedies, each the most frequent first. */
int store_report_lessons(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const struct lesson_row *r, void *arg), void *arg,
    struct cpl_error *err);

#endif
