/*
 * action.h: the outstanding actions of a case (complaints action): what
 * the council undertook to do after its response (a remedy carried out,
 * a process changed), by when and by whom, until it is done.
 *
 * Seed 000 §6 (Stage 2): the final letter gives "details of any
 * outstanding actions"; seed 003: outcomes are "recorded and implemented
 * within the indicated timescale for completion. Services will keep
 * customers informed if there are any delays"; seed 002 §4: the annual
 * report summarises recommendations "including progress on implementing
 * them".
 */
#ifndef CPL_ACTION_H
#define CPL_ACTION_H

#include "case.h"
#include "figures.h"
#include "store_actions.h"
#include "store_report.h"

/* What action add records. */
struct action_input {
	const char *what;	/* what is to be done: needed */
	const char *owner;	/* who does it, or NULL */
	cpl_date due;		/* by when: needed */
	cpl_date date;		/* the day it was undertaken */
};

/*
 * A new action on the case ref, numbered after its others (*n, set
 * before the commit, for a store_before_commit hook): refused before the
 * case has a response, or dated before its first.
 */
int case_action_add(struct session *s, const char *ref,
    const struct action_input *in, int *n, struct cpl_error *err);
/* Action n of the case ref done on date: refused when done already, or
 * dated before it was undertaken. */
int case_action_done(struct session *s, const char *ref, int n,
    cpl_date date, struct cpl_error *err);
/* The same rules on a case file in memory (an import's history). */
int case_file_action_add(struct session *s, struct case_file *cf,
    const struct action_input *in, struct cpl_error *err);
int case_file_action_done(struct session *s, struct case_file *cf, int n,
    cpl_date date, struct cpl_error *err);
/* Write the case file's new actions and those marked done (case_write). */
int case_actions_write(struct session *s, struct case_file *cf,
    struct cpl_error *err);

/*
 * The actions a letter about stage `stage` dated `on` gives as
 * outstanding: those of that stage or before, undertaken by then and not
 * done by then, each "WHAT, by DAY" (the day in words), in *items
 * (free with action_letter_items_free); none: *n is 0.
 */
int action_letter_items(const struct case_file *cf, int stage, cpl_date on,
    char ***items, int *n, struct cpl_error *err);
void action_letter_items_free(char **items, int n);

/* The actions of every case (overdue: only the open ones past their due
 * day today; owner: only theirs), by case and number. */
int action_list(struct session *s, int overdue, const char *owner,
    struct action_rec **out, int *n, struct cpl_error *err);
/* Working days action a is overdue on today under calendar cal (0: not
 * overdue, or done); -1 where the calendar does not cover the days. */
int action_days_overdue(const struct calendar *cal, const struct action_rec *a,
    cpl_date today);
/* Its state in words: "done 2026-03-02", "open", "open, overdue by 3
 * working days". */
void action_state(const struct calendar *cal, const struct action_rec *a,
    cpl_date today, char *buf, size_t size);

/*
 * The annual report's "recommendations and their progress"
 * (lib/report_actions.c): the actions undertaken in the year [from, to]
 * and the year before, each as it stood at the end of its year (or today,
 * if sooner): made, done by the day due, done after it, still open.
 */
int report_action_figures(struct session *s, cpl_date from, cpl_date to,
    struct figures *fs, struct cpl_error *err);

/* The rows report overdue --actions adds of the open actions past their
 * due day (or due within f->within working days), as action "remedy":
 * the officer is the action's owner, else the current stage's. */
int overdue_remedies(struct session *s, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err);

#endif
