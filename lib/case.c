/*
 * case.c: what every case rule shares (see case.h and case_int.h): the
 * checks every action makes (the case is open, the day is possible, the
 * kind of case allows it), and the one shape of an action on a stored
 * case (with_case).
 *
 * Each action follows that shape: BEGIN IMMEDIATE; read the case inside
 * the transaction (so two officers can't both answer the same stage);
 * apply the rule to it in memory; write what it changed and what happened
 * (case_write); COMMIT. Any failure rolls back.
 *
 * The rules themselves are in the files named for them: intake.c (what
 * log decides), lifecycle.c (the stages: acknowledge, respond, extend,
 * escalate, close, assign, note, reopen), ombudsman.c (the stage after
 * the last), restriction.c, retention.c (the purge), audit.c (who read
 * what), deadlines.c (the working-day deadlines), settings.c (init); a
 * case file in memory, read and written, is case_file.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "util.h"
#include "vocabulary.h"


/* Text that says nothing: none, empty, or only spaces (a reason of "  "
 * is no written reason). */
int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int
check_given_texts(const struct given_text *t, size_t n, int not_blank,
    struct cpl_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].text == NULL)
			continue;
		if (strlen(t[i].text) > TEXT_MAX)
			return cpl_fail_about(err, CPL_USAGE, t[i].subject,
			    "%s is longer than %d bytes", t[i].what, TEXT_MAX);
		if (not_blank && blank(t[i].text))
			return cpl_fail_about(err, CPL_USAGE, t[i].subject,
			    "%s is empty", t[i].what);
	}
	return 0;
}

int
is_complaint(const struct case_rec *c)
{
	return strcmp(c->kind, "complaint") == 0;
}

int
one_of(const char *word, const char *const *values)
{
	for (; *values != NULL; values++)
		if (strcmp(word, *values) == 0)
			return 1;
	return 0;
}

struct stage_rec *
current_stage(struct case_file *cf)
{
	return &cf->stages[cf->n_stages - 1];
}

/* The day of the last thing that happened to the case: its receipt, a
 * stage opened, acknowledged, extended or answered. What closes or refers
 * a case comes after it. */
cpl_date
last_step(const struct case_file *cf, char what[STEP_LEN])
{
	cpl_date last = cf->c.received;

	snprintf(what, STEP_LEN, "the day the case was received");
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *st = &cf->stages[i];
		if (st->opened > last) {
			last = st->opened;
			snprintf(what, STEP_LEN, "the stage %d request", st->stage);
		}
		if (st->acknowledged != NO_DATE && st->acknowledged > last) {
			last = st->acknowledged;
			snprintf(what, STEP_LEN, "the stage %d acknowledgement",
			    st->stage);
		}
		for (int j = 0; j < st->n_ext; j++)
			if (st->ext[j].date > last) {
				last = st->ext[j].date;
				snprintf(what, STEP_LEN, "the stage %d extension",
				    st->stage);
			}
		if (st->responded != NO_DATE && st->responded > last) {
			last = st->responded;
			snprintf(what, STEP_LEN, "the stage %d response",
			    st->stage);
		}
		/* A hold's end: what follows it comes after it. */
		for (int j = 0; j < st->n_holds; j++)
			if (st->holds[j].resumed != NO_DATE &&
			    st->holds[j].resumed > last) {
				last = st->holds[j].resumed;
				snprintf(what, STEP_LEN, "the day the hold was "
				    "resumed");
			}
	}
	return last;
}

/* What a stage's first day is, in a refusal of a step dated before it:
 * the receipt at stage 1, else (prefix "the day of ", or "") the stage's
 * request. */
const char *
stage_start(const struct stage_rec *st, const char *prefix,
    char what[STEP_LEN])
{
	if (st->stage == 1)
		return "the day the case was received";
	snprintf(what, STEP_LEN, "%sthe stage %d request", prefix, st->stage);
	return what;
}

int
check_day(struct session *s, const struct policy *p,
    enum cpl_subject subject, cpl_date date, cpl_date not_before,
    const char *before_what, struct cpl_error *err)
{
	char d[DATE_LEN], b[DATE_LEN];

	date_format(date, d);
	if (date > s->today) {
		date_format(s->today, b);
		return cpl_fail_about(err, CPL_USAGE, subject,
		    "%s is in the future (today is %s)", d, b);
	}
	if (not_before != NO_DATE && date < not_before) {
		date_format(not_before, b);
		return cpl_fail_about(err, CPL_REFUSED, subject,
		    "%s is before %s (%s)", d, before_what, b);
	}
	return p != NULL ? check_in_calendar(s, p, subject, date, err) : 0;
}

int
check_date(struct session *s, const struct policy *p, cpl_date date,
    cpl_date not_before, const char *before_what, struct cpl_error *err)
{
	return check_day(s, p, CPL_ABOUT_DATE, date, not_before, before_what,
	    err);
}

/* A purged case is a record of figures only: nothing is added to it. */
int
check_not_purged(struct case_file *cf, struct cpl_error *err)
{
	char d[DATE_LEN];

	if (cf->c.purged == NO_DATE)
		return 0;
	date_format(cf->c.purged, d);
	return cpl_fail(err, CPL_REFUSED, "the personal data of case '%s' was "
	    "purged on %s: nothing more is recorded on it", cf->c.ref, d);
}

/*
 * The case is open, and was on the day of the action: one dated before its
 * last reopening would have happened while it was closed, which every
 * action that needs it open refuses (a close after a reopen, too, though
 * the stage dates it follows may all be older).
 */
int
check_open(struct case_file *cf, cpl_date date, struct cpl_error *err)
{
	char d[DATE_LEN], r[DATE_LEN];

	if (cf->c.closed != NO_DATE) {
		date_format(cf->c.closed, d);
		return cpl_fail(err, CPL_REFUSED, "case '%s' is closed (%s, %s)",
		    cf->c.ref, cf->c.close_reason, d);
	}
	if (cf->c.reopened == NO_DATE || date >= cf->c.reopened)
		return 0;
	date_format(date, d);
	date_format(cf->c.reopened, r);
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DATE, "%s is before "
	    "the day the case was reopened (%s)", d, r);
}

/*
 * What each kind of case allows: comments and compliments are acknowledged
 * and closed, never answered, extended or escalated; service requests have
 * no complaint stages at all. verb: acknowledge|answer|extend|escalate|
 * refer; done: its past participle.
 */
int
check_kind(struct case_file *cf, const char *verb, const char *done,
    struct cpl_error *err)
{
	if (is_complaint(&cf->c))
		return 0;
	if (strcmp(cf->c.kind, "service-request") == 0)
		return cpl_fail(err, CPL_REFUSED, "case '%s' is a service request: "
		    "it has no complaint stage to %s (assign it, note it or close "
		    "it)", cf->c.ref, verb);
	if (strcmp(verb, "acknowledge") == 0)
		return 0;
	return cpl_fail(err, CPL_REFUSED, "case '%s' is a %s: comments and "
	    "compliments are acknowledged and closed, never %s", cf->c.ref,
	    cf->c.kind, done);
}

/* Run fn inside one write transaction on the case named ref: the case
 * read, fn's rule applied in memory, what it did written. */
int
with_case(struct session *s, const char *ref, struct cpl_error *err,
    int (*fn)(struct session *, struct case_file *, void *,
    struct cpl_error *), void *arg)
{
	struct case_file cf;
	int rc;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = case_load(s, ref, &cf, err)) == 0) {
		if ((rc = fn(s, &cf, arg, err)) == 0 &&
		    (rc = case_write(s, &cf, err)) == 0)
			rc = store_commit(s->st, err);
		case_file_free(&cf);
	}
	if (rc)
		store_rollback(s->st);
	return rc;
}

/* Give stage st its officer, when it has none: who first acts on it. */
int
first_officer(struct session *s, struct case_file *cf, struct stage_rec *st,
    struct cpl_error *err)
{
	int rc;

	if (st->officer != NULL)
		return 0;
	if ((rc = rule_named_handler(cf, s->officer, CPL_ABOUT_OFFICER, err)))
		return rc;
	if (set_text(&st->officer, s->officer) != 0)
		return cpl_nomem(err);
	stage_changed(cf, st);
	return 0;
}

int
case_resolution(const struct case_rec *c)
{
	return close_reason_resolves(c->close_reason);
}

/* The holds read for a copy of a listed stage, which owns nothing else. */
static void
free_holds(struct stage_rec *st)
{
	for (int i = 0; i < st->n_holds; i++) {
		free(st->holds[i].reason);
		free(st->holds[i].officer);
		free(st->holds[i].resumed_by);
	}
	free(st->holds);
	st->holds = NULL;
	st->n_holds = 0;
}

struct list_walk {
	struct session *s;
	int (*fn)(const struct case_summary *, void *);
	void *arg;
	struct cpl_error *err;
	int rc;			/* a failure inside the walk */
};

static int
list_one(const struct list_row *row, void *arg)
{
	struct list_walk *w = arg;
	struct case_summary cs = {row, {NO_DATE, NO_DATE, NO_DATE}, NULL,
	    NO_DATE};
	const struct policy *pol = NULL;

	struct stage_rec held = row->s;

	/* A closed case has nothing due: its deadlines are not worked out.
	 * An open one's are moved by its current stage's holds, and those a
	 * hold in force stops are not known (its next action is to resume). */
	held.holds = NULL;
	held.n_holds = 0;
	if (row->c.closed == NO_DATE &&
	    ((w->rc = case_policy(w->s, row->c.policy_version, &pol, w->err)) ||
	    (w->rc = store_stage_holds(w->s->st, row->c.id, &held, w->err)) ||
	    (w->rc = stage_deadlines_now(&pol->cal, &held, &cs.d, w->err))))
		goto fail;
	/* Comments and compliments are acknowledged, then closed; a service
	 * request is only closed: none of them is answered. */
	if (row->c.closed != NO_DATE)
		cs.next_action = NULL;
	else if (is_complaint(&row->c))
		cs.next_action = stage_next_action(&held, &cs.d, &cs.due);
	else if (strcmp(row->c.kind, "service-request") != 0 &&
	    row->s.acknowledged == NO_DATE) {
		cs.next_action = "acknowledge";
		cs.due = cs.d.ack_due;	/* where the policy sets a time */
	} else
		cs.next_action = "close";
	if ((w->rc = w->fn(&cs, w->arg)))
		goto fail;
	free_holds(&held);
	return 0;
fail:
	free_holds(&held);
	return 1;
}

/* What the open cases of a listing by what is due are sorted by. */
struct due_key {
	cpl_date due;		/* of the next action, or NO_DATE: none */
	cpl_date received;
	int64_t id;
};

struct due_keys {
	struct due_key *v;
	size_t n, cap;
	struct cpl_error *err;
};

static int
due_key_add(const struct case_summary *cs, void *arg)
{
	struct due_keys *k = arg;

	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 256;
		struct due_key *nv = realloc(k->v, cap * sizeof(*nv));

		if (nv == NULL)
			return cpl_nomem(k->err);
		k->v = nv;
		k->cap = cap;
	}
	k->v[k->n].due = cs->due;
	k->v[k->n].received = cs->row->c.received;
	k->v[k->n].id = cs->row->c.id;
	k->n++;
	return 0;
}

/* The earliest due first; then what has nothing due; each by the day
 * received and the order logged. */
static int
due_cmp(const void *a, const void *b)
{
	const struct due_key *x = a, *y = b;

	if ((x->due == NO_DATE) != (y->due == NO_DATE))
		return x->due == NO_DATE ? 1 : -1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* list_one, for a closed case only. */
static int
closed_one(const struct list_row *row, void *arg)
{
	return row->c.closed == NO_DATE ? 0 : list_one(row, arg);
}

/*
 * The listing by what is due next: the open cases whose next action has
 * a due date, the earliest (the longest overdue) first; then the open
 * cases with nothing due (answered, waiting for the complainant or to be
 * closed; or a deadline the policy does not set); then the closed cases,
 * by the day received. What is due is worked out from the calendar, in C,
 * so the open cases are read once for it, their ids sorted, and each read
 * again in that order: what is held is three numbers a case, not the
 * case. All of it in one snapshot of the store.
 */
static int
list_by_due(struct session *s, const struct list_filter *f,
    struct list_walk *w, struct cpl_error *err)
{
	struct due_keys k = {NULL, 0, 0, err};
	struct list_walk kw = {s, due_key_add, &k, err, 0};
	struct list_filter part = *f;
	int rc;

	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if (f->status == NULL || strcmp(f->status, "open") == 0) {
		part.status = "open";
		rc = store_list(s->st, &part, list_one, &kw, err);
		if ((rc = kw.rc ? kw.rc : rc))
			goto out;
		if (k.n > 1)
			qsort(k.v, k.n, sizeof(*k.v), due_cmp);
		for (size_t i = 0; i < k.n; i++) {
			rc = store_list_case(s->st, k.v[i].id, list_one, w, err);
			if ((rc = w->rc ? w->rc : rc))
				goto out;
		}
	}
	/* The closed cases, as they come among all the cases when no status
	 * is asked for: a filter on status would have the store read every
	 * case's row before the other filters. */
	if (f->status == NULL || strcmp(f->status, "closed") == 0) {
		part.status = f->status;
		part.order = LIST_RECEIVED;
		rc = store_list(s->st, &part, closed_one, w, err);
		rc = w->rc ? w->rc : rc;
	}
out:
	store_read_end(s->st);
	free(k.v);
	return rc;
}

int
case_list(struct session *s, const struct list_filter *f,
    int (*fn)(const struct case_summary *cs, void *arg), void *arg,
    struct cpl_error *err)
{
	struct list_walk w = {s, fn, arg, err, 0};
	int rc;

	/* The group of a case that is not there: no case, not no group. */
	if (f->linked != NULL) {
		struct case_rec c;

		memset(&c, 0, sizeof(c));
		rc = store_find_case(s->st, f->linked, &c, err);
		case_rec_free(&c);
		if (rc)
			return rc;
	}
	if (f->order == LIST_DUE)
		return list_by_due(s, f, &w, err);
	rc = store_list(s->st, f, list_one, &w, err);
	return w.rc ? w.rc : rc;
}
