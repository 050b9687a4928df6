/*
 * store_actions.h: the outstanding actions of a case (table actions):
 * what the council undertook to do after its response, by when, who does
 * it, and when it was done (complaints action; lib/action.c).
 */
#ifndef CPL_STORE_ACTIONS_H
#define CPL_STORE_ACTIONS_H

#include <stdint.h>

#include "error.h"
#include "record.h"

struct store;

/* An outstanding action of a case. */
struct action_rec {
	int64_t case_id;
	char *ref;		/* the case's (store_actions_list only) */
	int n;			/* its number within the case, from 1 */
	int stage;		/* the stage whose response it follows */
	char *what;		/* NULL once the case is purged */
	char *owner;		/* who carries it out, or NULL */
	cpl_date due;
	cpl_date added;		/* the day it was undertaken */
	char *officer;		/* who recorded it */
	cpl_date done;		/* NO_DATE while open */
	char *done_by;
	int changed;		/* marked done in memory (case_write) */
};

/* Record a new action (its number already given). */
int store_add_action(struct store *st, int64_t case_id,
    const struct action_rec *a, struct cpl_error *err);
/* Record that action a (its case and number) was done. */
int store_set_action_done(struct store *st, int64_t case_id,
    const struct action_rec *a, struct cpl_error *err);
/* The actions of a case, by number. */
int store_actions(struct store *st, int64_t case_id, struct action_rec **out,
    int *n, struct cpl_error *err);
/*
 * The actions of every case, by case and number, with the case's
 * reference: only the open ones due before overdue_on (NO_DATE: every
 * one), only those of owner (NULL: anyone's; matched by the name's key).
 */
int store_actions_list(struct store *st, cpl_date overdue_on,
    const char *owner, struct action_rec **out, int *n,
    struct cpl_error *err);
void store_actions_free(struct action_rec *a, int n);
void action_rec_free(struct action_rec *a);

/* An open action due on or before a day, for report overdue --actions:
 * strings valid during the call only. */
struct action_due_row {
	const char *ref, *policy;
	int64_t policy_version;
	int stage;		/* the stage whose response it follows */
	int n;			/* its number within the case */
	cpl_date due;
	const char *owner;	/* its owner, else the current stage's officer */
	const char *service;
};
/* Each open action due on or before until, of cases matching the
 * filter's officer (the action's owner, else the current stage's
 * officer), service and policy (NULL: any; names by their keys), by due
 * day and reference. */
int store_actions_due(struct store *st, const char *officer,
    const char *service, const char *policy, cpl_date until,
    int (*fn)(const struct action_due_row *r, void *arg, struct cpl_error *err),
    void *arg, struct cpl_error *err);

/* What the annual report counts of the actions undertaken from from to
 * to (inclusive): made, done by their due day, done after it, and not
 * done, each as it stood on the day asof. */
struct action_progress {
	int64_t made, on_time, late, open;
};
int store_action_progress(struct store *st, cpl_date from, cpl_date to,
    cpl_date asof, struct action_progress *p, struct cpl_error *err);

#endif
