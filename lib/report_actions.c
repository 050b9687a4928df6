/*
 * report_actions.c: what the reports say of the outstanding actions (see
 * action.h): the annual report's "recommendations and their progress"
 * (seed 002 §4: "a summary of recommendations ... including progress on
 * implementing them"), and the rows report overdue --actions adds for
 * those past their due day (action "remedy").
 */
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "case_int.h"

int
report_action_figures(struct session *s, cpl_date from, cpl_date to,
    struct figures *fs, struct cpl_error *err)
{
	static const char *const names[] = {"recommendations.made",
	    "recommendations.done_on_time", "recommendations.done_late",
	    "recommendations.still_open"};
	struct action_progress p[2];
	struct fig *f[4];
	int rc;

	for (int k = 0; k < 2; k++) {
		cpl_date a = date_add_months(from, -12 * k);
		cpl_date b = date_add_months(to + 1, -12 * k) - 1;

		memset(&p[k], 0, sizeof(p[k]));
		/* Each as it stood at the end of its year, or today. */
		if ((rc = store_action_progress(s->st, a, b, b < s->today ? b :
		    s->today, &p[k], err)))
			return rc;
	}
	for (int i = 0; i < 4; i++)
		if ((f[i] = fig_add(fs, "recommendations", NULL, names[i])) ==
		    NULL)
			return cpl_nomem(err);
	for (int k = 0; k < 2; k++) {
		fig_count(f[0], k, p[k].made, -1);
		fig_count(f[1], k, p[k].on_time, p[k].made);
		fig_count(f[2], k, p[k].late, p[k].made);
		fig_count(f[3], k, p[k].open, p[k].made);
	}
	return 0;
}

/* Where overdue_remedy writes, and what it keeps. */
struct remedy_walk {
	struct session *s;
	const struct overdue_filter *f;
	int (*fn)(const struct overdue_row *r, void *arg);
	void *arg;
};

static int
overdue_remedy(const struct action_due_row *r, void *arg,
    struct cpl_error *err)
{
	struct remedy_walk *w = arg;
	const struct policy *pol;
	struct overdue_row o;
	char due[DATE_LEN];
	int rc, late = 0;

	if ((rc = case_policy(w->s, r->policy_version, &pol, err)))
		return rc;
	if (r->due < w->f->today) {
		if ((rc = working_days_between(&pol->cal, r->due, w->f->today,
		    &late, err)))
			return rc;
	} else {
		cpl_date horizon;

		/* As the cases' own rows: due on or before the Nth working
		 * day from today. */
		if ((rc = working_days_after(&pol->cal, w->f->today,
		    w->f->within, &horizon, err)))
			return rc;
		if (r->due > horizon)
			return 0;
		if ((rc = working_days_between(&pol->cal, w->f->today, r->due,
		    &late, err)))
			return rc;
		late = -late;
	}
	date_format(r->due, due);
	o.ref = r->ref;
	o.policy = r->policy;
	o.stage = r->stage;
	o.action = "remedy";
	o.due = due;
	o.late = late;
	o.officer = r->owner;
	o.service = r->service;
	if (w->fn(&o, w->arg) != 0)
		return cpl_nomem(err);
	return 0;
}

int
overdue_remedies(struct session *s, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	struct remedy_walk w = {s, f, fn, arg};
	/* Past due, or (--within N) due within N working days: no more
	 * than 7 calendar days a working day, the rest left out above. */
	cpl_date until = f->within > 0 ? f->today + 7 * f->within :
	    f->today - 1;

	return store_actions_due(s->st, f->officer, f->service, f->policy,
	    until, overdue_remedy, &w, err);
}
