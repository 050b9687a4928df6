/*
 * action.c: the outstanding actions of a case (see action.h): undertaken
 * after a response, numbered within the case, done once.
 *
 * Each is an event of the case's history: "action-added" (detail
 * "action N: WHAT; due YYYY-MM-DD[; owner NAME]") and "action-done"
 * (detail "action N: WHAT"), about the stage whose response it follows;
 * its row (table actions) is written by case_write with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "case_int.h"

/* The case's first response on or before date: its stage, else the
 * first response at all (for the message), else none. */
static const struct stage_rec *
response_before(const struct case_file *cf, cpl_date date,
    const struct stage_rec **first)
{
	const struct stage_rec *last = NULL;

	*first = NULL;
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *st = &cf->stages[i];

		if (st->responded == NO_DATE)
			continue;
		if (*first == NULL)
			*first = st;
		if (st->responded <= date)
			last = st;
	}
	return last;
}

int
case_file_action_add(struct session *s, struct case_file *cf,
    const struct action_input *in, struct cpl_error *err)
{
	const struct stage_rec *st, *first;
	struct action_rec *grown, *a;
	char detail[1024], d[DATE_LEN], before[64];
	int rc;

	if (in->what == NULL || blank(in->what))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_WHAT,
		    "what is to be done is needed");
	if (in->owner != NULL && blank(in->owner))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OWNER,
		    "the owner is empty: name who carries the action out, or "
		    "no one");
	if (in->due == NO_DATE)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DUE,
		    "the day the action is due is needed");
	if ((rc = check_not_purged(cf, err)))
		return rc;
	/* An outstanding action is what a response undertook to do: the
	 * final letter gives "details of any outstanding actions" (seed 000
	 * §6, Stage 2), outcomes are "implemented within the indicated
	 * timescale for completion" (seed 003). So it follows a response. */
	st = response_before(cf, in->date, &first);
	if (first == NULL)
		return cpl_fail(err, CPL_REFUSED, "case '%s' has no response "
		    "recorded: an outstanding action carries out what a "
		    "response undertook", cf->c.ref);
	snprintf(before, sizeof(before), "the stage %d response", first->stage);
	if ((rc = check_date(s, cf->pol, in->date, first->responded, before,
	    err)))
		return rc;
	if (st == NULL)
		st = first;
	if (in->due < in->date) {
		date_format(in->date, d);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DUE,
		    "the action is due before the day it is undertaken (%s)", d);
	}
	if ((grown = realloc(cf->actions, (cf->n_actions + 1) *
	    sizeof(*grown))) == NULL)
		return cpl_nomem(err);
	cf->actions = grown;
	a = &grown[cf->n_actions];
	memset(a, 0, sizeof(*a));
	a->case_id = cf->c.id;
	a->n = cf->n_actions + 1;
	a->stage = st->stage;
	a->due = in->due;
	a->added = in->date;
	a->done = NO_DATE;
	if (set_text(&a->what, in->what) != 0 ||
	    set_text(&a->owner, in->owner) != 0 ||
	    set_text(&a->officer, s->officer) != 0) {
		action_rec_free(a);
		return cpl_nomem(err);
	}
	cf->n_actions++;
	date_format(in->due, d);
	snprintf(detail, sizeof(detail), "action %d: %s; due %s%s%s", a->n,
	    in->what, d, in->owner ? "; owner " : "", in->owner ? in->owner :
	    "");
	return case_event(cf, a->stage, in->date, s->officer, "action-added",
	    detail, err);
}

int
case_file_action_done(struct session *s, struct case_file *cf, int n,
    cpl_date date, struct cpl_error *err)
{
	struct action_rec *a;
	char detail[1024], d[DATE_LEN], before[64];
	int rc;

	if ((rc = check_not_purged(cf, err)))
		return rc;
	if (n < 1 || n > cf->n_actions)
		return cpl_fail(err, CPL_REFUSED, "case '%s' has no action %d",
		    cf->c.ref, n);
	a = &cf->actions[n - 1];
	if (a->done != NO_DATE) {
		date_format(a->done, d);
		return cpl_fail(err, CPL_REFUSED, "action %d of case '%s' was "
		    "done already, on %s", n, cf->c.ref, d);
	}
	snprintf(before, sizeof(before), "the day action %d was undertaken", n);
	if ((rc = check_date(s, cf->pol, date, a->added, before, err)))
		return rc;
	if (set_text(&a->done_by, s->officer) != 0)
		return cpl_nomem(err);
	a->done = date;
	a->changed = 1;
	snprintf(detail, sizeof(detail), "action %d: %s", n,
	    a->what ? a->what : "(purged)");
	return case_event(cf, a->stage, date, s->officer, "action-done", detail,
	    err);
}

int
case_actions_write(struct session *s, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	for (int i = 0; i < cf->n_actions; i++) {
		struct action_rec *a = &cf->actions[i];

		rc = 0;
		if (i >= cf->stored_actions || cf->is_new)
			rc = store_add_action(s->st, cf->c.id, a, err);
		else if (a->changed)
			rc = store_set_action_done(s->st, cf->c.id, a, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* with_case's functions, and their argument. */
struct add_arg {
	const struct action_input *in;
	int *n;
};

static int
do_add(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct add_arg *x = arg;
	int rc;

	if ((rc = case_file_action_add(s, cf, x->in, err)) == 0)
		*x->n = cf->n_actions;
	return rc;
}

int
case_action_add(struct session *s, const char *ref,
    const struct action_input *in, int *n, struct cpl_error *err)
{
	struct add_arg x = {in, n};

	return with_case(s, ref, err, do_add, &x);
}

struct done_arg {
	int n;
	cpl_date date;
};

static int
do_done(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct done_arg *x = arg;

	return case_file_action_done(s, cf, x->n, x->date, err);
}

int
case_action_done(struct session *s, const char *ref, int n, cpl_date date,
    struct cpl_error *err)
{
	struct done_arg x = {n, date};

	return with_case(s, ref, err, do_done, &x);
}

int
action_list(struct session *s, int overdue, const char *owner,
    struct action_rec **out, int *n, struct cpl_error *err)
{
	return store_actions_list(s->st, overdue ? s->today : NO_DATE, owner,
	    out, n, err);
}

int
action_days_overdue(const struct calendar *cal, const struct action_rec *a,
    cpl_date today)
{
	struct cpl_error ignored;
	int days = 0;

	if (a->done != NO_DATE || a->due >= today)
		return 0;
	if (working_days_between(cal, a->due, today, &days, &ignored) != 0)
		return -1;
	return days;
}

void
action_state(const struct calendar *cal, const struct action_rec *a,
    cpl_date today, char *buf, size_t size)
{
	char d[DATE_LEN];
	int late;

	if (a->done != NO_DATE) {
		date_format(a->done, d);
		snprintf(buf, size, "done %s%s", d, a->done > a->due ?
		    " (late)" : "");
		return;
	}
	if (a->due >= today) {
		snprintf(buf, size, "open");
		return;
	}
	late = action_days_overdue(cal, a, today);
	if (late < 0)
		snprintf(buf, size, "open, overdue");
	else
		snprintf(buf, size, "open, overdue by %d working day%s", late,
		    late == 1 ? "" : "s");
}

int
action_letter_items(const struct case_file *cf, int stage, cpl_date on,
    char ***items, int *n, struct cpl_error *err)
{
	char **v = NULL, words[DATE_WORDS_LEN];
	int k = 0;

	*items = NULL;
	*n = 0;
	if (cf->n_actions > 0 &&
	    (v = calloc(cf->n_actions, sizeof(*v))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < cf->n_actions; i++) {
		const struct action_rec *a = &cf->actions[i];
		size_t len;

		if (a->stage > stage || a->added > on || a->what == NULL ||
		    (a->done != NO_DATE && a->done <= on))
			continue;
		date_words(a->due, words);
		len = strlen(a->what) + strlen(words) + 8;
		if ((v[k] = malloc(len)) == NULL) {
			action_letter_items_free(v, k);
			return cpl_nomem(err);
		}
		snprintf(v[k++], len, "%s, by %s", a->what, words);
	}
	if (k == 0) {
		free(v);
		return 0;
	}
	*items = v;
	*n = k;
	return 0;
}

void
action_letter_items_free(char **items, int n)
{
	for (int i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
