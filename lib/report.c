/*
 * report.c: `complaints report` (see report.h).
 *
 * Every report runs inside one read snapshot:
 *   1. load the working-day calendar of each stored policy text as it is
 *      today (case_policy: the calendar file named by the text the cases were
 *      logged under, with the council's closure days from its file now) into
 *      TEMP tables, sharing one copy between identical calendars;
 *   2. have SQLite work out the deadlines and count (lib/store_report.c);
 *   3. name the figures and print them.
 *
 * Summary and annual figures are rows of (section, group, figure, value, of,
 * percent); the annual report adds the year before beside each. Groups are
 * held in memory (a few per service, month, officer...), never the cases.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action.h"
#include "session.h"
#include "report.h"
#include "figures.h"
#include "report_holds.h"
#include "report_html.h"
#include "report_links.h"
#include "report_code.h"
#include "store_report.h"
#include "util.h"
#include "vocabulary.h"

const char *const report_by_words[] = {"service", "month", "policy",
    "channel", "officer", NULL};

/*
 * The Complaint Handling Code (Local Government and Social Care Ombudsman
 * and Housing Ombudsman, 2024) measures every council by the same
 * timescales, whatever its own policy says: acknowledge within 5 working
 * days at each stage; answer stage 1 within 10 working days of the
 * acknowledgement and stage 2 within 20; extend by no more than 10 further
 * working days at stage 1 and 20 at stage 2. The annual report's
 * self-assessment uses these.
 */
static const struct code_days handling_code = {5, {10, 20}};

#define MAX_STAGES CPL_MAX_STAGES	/* policy.c refuses more */

/* Cases closed as out of scope or refused, by reason and category. */
struct refusal {
	char *reason;
	char *category;		/* NULL: none recorded */
	int64_t n;
};

/* One group's figures in one period. */
struct period_counts {
	int64_t received;
	int64_t kind[N_KINDS];
	int64_t channel[N_CHANNELS + 1];	/* + none recorded: a channel
						 * the store does not know
						 * counts as "other" */
	int64_t overall_of, overall_ok;		/* the overall clock */
	struct stage_counts st[MAX_STAGES];
	double median[MAX_STAGES];
	int has_median[MAX_STAGES];
	struct refusal *refusals;
	int n_refusals;
	int64_t referred;
	int64_t decision[N_DECISIONS + 2];	/* ombudsman_decisions, then
						 * any other, then pending */
	int64_t discrimination;		/* complaints about discrimination */
	int64_t informal;		/* complaints resolved informally */
};

struct group {
	char *name;		/* NULL: none recorded (or the total) */
	char *key;		/* name_key(name): the store's grouping */
	struct period_counts period[2];	/* FIG_PERIOD, FIG_PREVIOUS */
};

struct groups {
	struct group total;
	struct group *v;
	int n;
	int max_stage;		/* the last stage any group reached */
};

/* --- calendars --- */

/* A calendar as loaded, to share one TEMP copy between identical ones. */
struct loaded_cal {
	int from_year, to_year;
	char *id;
	unsigned char *closed;
	size_t days;
};

static int
same_calendar(const struct loaded_cal *l, const struct calendar *c)
{
	return l->from_year == c->from_year && l->to_year == c->to_year &&
	    strcmp(l->id, c->id) == 0 &&
	    memcmp(l->closed, c->closed, l->days) == 0;
}

/* Step 1 (see the top of this file). */
static int
load_calendars(struct session *s, struct cpl_error *err)
{
	struct loaded_cal *cals = NULL;
	int64_t *versions = NULL;
	int rc, n = 0, n_cals = 0;

	if ((rc = store_report_tables(s->st, err)) ||
	    (rc = store_report_versions(s->st, &versions, &n, err)))
		return rc;
	for (int i = 0; i < n; i++) {
		const struct policy *pol;
		const struct calendar *c;
		int k;

		if ((rc = case_policy(s, versions[i], &pol, err)))
			goto out;
		c = &pol->cal;
		for (k = 0; k < n_cals; k++)
			if (same_calendar(&cals[k], c))
				break;
		if (k == n_cals) {
			struct loaded_cal *nc = realloc(cals,
			    (n_cals + 1) * sizeof(*cals));
			size_t days = (size_t)(c->last - c->first + 1);

			if (nc == NULL) {
				rc = cpl_nomem(err);
				goto out;
			}
			cals = nc;
			cals[k].from_year = c->from_year;
			cals[k].to_year = c->to_year;
			cals[k].days = days;
			cals[k].id = strdup(c->id);
			cals[k].closed = malloc(days);
			n_cals++;
			if (cals[k].id == NULL || cals[k].closed == NULL) {
				rc = cpl_nomem(err);
				goto out;
			}
			memcpy(cals[k].closed, c->closed, days);
			if ((rc = store_report_add_calendar(s->st, k, c, err)))
				goto out;
		}
		if ((rc = store_report_use_calendar(s->st, versions[i], k, err)))
			goto out;
	}
out:
	for (int k = 0; k < n_cals; k++) {
		free(cals[k].id);
		free(cals[k].closed);
	}
	free(cals);
	free(versions);
	return rc;
}

/* --- report overdue --- */

/*
 * The morning list is where a calendar running out is announced: from
 * three months before the first day a calendar in use does not cover (1
 * October of its last year), one warning a calendar. Actions dated after
 * its last day, or whose deadlines fall after it, are refused (deadlines.c),
 * so this leaves a quarter to add the next year's bank holidays. A warning
 * only: what it reads was read for the report, and a failure here (out of
 * memory) loses the warning, never the report.
 */
static void
warn_calendars_ending(struct session *s)
{
	struct cpl_error ignored;
	int64_t *versions = NULL;
	const char **seen = NULL;
	int n = 0, n_seen = 0;

	if (s->warn == NULL ||
	    store_report_versions(s->st, &versions, &n, &ignored) != 0)
		return;
	for (int i = 0; i < n; i++) {
		const struct policy *pol;
		const struct calendar *c;
		const char **ns;
		char msg[1024], last[DATE_LEN], *path;
		int k;

		if (case_policy(s, versions[i], &pol, &ignored) != 0)
			break;
		c = &pol->cal;
		if (s->today < date_add_months(c->last + 1, -3))
			continue;
		for (k = 0; k < n_seen && strcmp(seen[k], c->id) != 0; k++)
			;
		if (k < n_seen)
			continue;
		/* A copy, though the session keeps every policy it reads
		 * as long as it lives (session.h): the list owns its ids. */
		if ((ns = realloc(seen, (n_seen + 1) * sizeof(*seen))) == NULL)
			break;
		seen = ns;
		if ((seen[n_seen] = strdup(c->id)) == NULL)
			break;
		n_seen++;
		date_format(c->last, last);
		path = session_calendar_path(s, pol);
		snprintf(msg, sizeof(msg), "calendar '%s' covers days up to %s "
		    "only: an action dated after it, or whose deadline falls "
		    "after it, is refused; add %d's bank holidays to '%s'", c->id,
		    last, c->to_year + 1, path ? path : pol->calendar_id);
		free(path);
		s->warn(s->warn_arg, msg);
	}
	for (int k = 0; k < n_seen; k++)
		free((char *)seen[k]);
	free(seen);
	free(versions);
}

/* CSV and JSON: the fields of the SPEC; the table with --wide. */
static const struct out_col overdue_cols[] = {
	{"ref", OUT_REF}, {"policy", OUT_WORD(19)}, {"stage", OUT_NUMBER},
	{"action", OUT_WORD(11)}, {"due", OUT_DATE},
	{"working_days_overdue", OUT_NUMBER}, {"officer", OUT_TEXT},
	{"service", OUT_TEXT},
};
#define N_OVERDUE_COLS 8
/* The table, to fit 80 columns: what is to be done on which case, by
 * when, how late ("due in N" for those --within brings in), whose. */
static const struct out_col overdue_table[] = {
	{"ref", OUT_REF}, {"action", OUT_WORD(11)}, {"due", OUT_DATE},
	{"overdue by", OUT_WORD(10)}, {"officer", OUT_TEXT},
	{"service", OUT_TEXT},
};
#define N_OVERDUE_TABLE 6

struct overdue_out {
	FILE *f;
	enum out_format fmt;
	cpl_date today;
	struct out_table *t;	/* begun at the first row */
};

/* The report's table begins (the columns of its format). */
static struct out_table *
overdue_begin(struct overdue_out *o)
{
	if (o->fmt == OUT_TABLE && !out_wide())
		return out_table_begin(o->f, o->fmt, overdue_table,
		    N_OVERDUE_TABLE);
	return out_table_begin(o->f, o->fmt, overdue_cols, N_OVERDUE_COLS);
}

static int
overdue_row(const struct overdue_row *r, void *arg)
{
	struct overdue_out *o = arg;
	char stage[16], late[24];
	const char *v[N_OVERDUE_COLS];
	cpl_date due;

	if (o->t == NULL && (o->t = overdue_begin(o)) == NULL)
		return CPL_STORE;
	snprintf(stage, sizeof(stage), "%d", r->stage);
	/* The table says how late in words: a case --within brings in is
	 * "due in N" working days, or "due today"; CSV and JSON keep the
	 * number, negative for those not yet due. */
	if (o->fmt != OUT_TABLE || r->late > 0)
		snprintf(late, sizeof(late), "%d", r->late);
	else if (r->late < 0)
		snprintf(late, sizeof(late), "due in %d", -r->late);
	else if (date_parse(r->due, &due) == 0 && due == o->today)
		snprintf(late, sizeof(late), "due today");
	else
		snprintf(late, sizeof(late), "0");
	v[0] = r->ref;
	v[1] = r->policy;
	v[2] = stage;
	v[3] = r->action;
	v[4] = r->due;
	v[5] = late;
	v[6] = r->officer;
	v[7] = r->service;
	if (o->fmt == OUT_TABLE && !out_wide()) {
		const char *n[N_OVERDUE_TABLE] = {v[0], v[3], v[4], v[5], v[6],
		    v[7]};
		return out_table_row(o->t, n) == 0 ? 0 : CPL_STORE;
	}
	return out_table_row(o->t, v) == 0 ? 0 : CPL_STORE;
}

/* Report overdue --actions's rows of hold past its day to end. */
static int
overdue_holds(struct session *s, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	return store_overdue_holds(s->st, f, fn, arg, err);
}

/*
 * What report overdue --actions adds to the SPEC's rows: one function a
 * kind of row, each with an action word of its own, after them, in the
 * order listed here.
 */
static int (*const overdue_sources[])(struct session *s,
    const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err) = {
	overdue_holds,		/* resume: a hold past its day to end */
	overdue_remedies,	/* lib/report_actions.c: remedy */
};
#define N_OVERDUE_SOURCES \
	(int)(sizeof(overdue_sources) / sizeof(overdue_sources[0]))

static int
overdue_actions(struct session *s, const struct overdue_filter *f,
    struct overdue_out *o, struct cpl_error *err)
{
	int rc = 0;

	for (int i = 0; rc == 0 && f->actions && i < N_OVERDUE_SOURCES; i++)
		rc = overdue_sources[i](s, f, overdue_row, o, err);
	return rc;
}

int
report_overdue(struct session *s, const struct overdue_filter *f,
    enum out_format fmt, FILE *out, struct cpl_error *err)
{
	struct overdue_out o = {out, fmt, f->today, NULL};
	int rc;

	err->msg[0] = '\0';
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)) == 0 &&
	    (rc = store_overdue(s->st, f, overdue_row, &o, err)) == 0 &&
	    (rc = overdue_actions(s, f, &o, err)) == 0)
		warn_calendars_ending(s);
	store_read_end(s->st);
	/* Rows whose dates the calendar lacks sort first, so an error comes
	 * before any row; CSV's header and JSON's brackets are printed even
	 * when there is no row, the table nothing at all. */
	if (rc == 0 && o.t == NULL && (o.t = overdue_begin(&o)) == NULL)
		rc = CPL_STORE;
	if (o.t != NULL)
		out_table_end(o.t);
	if (rc == CPL_STORE && err->msg[0] == '\0')
		return cpl_nomem(err);
	return rc;
}

/* --- gathering the figures of a period --- */

static void
period_counts_free(struct period_counts *d)
{
	for (int i = 0; i < d->n_refusals; i++) {
		free(d->refusals[i].reason);
		free(d->refusals[i].category);
	}
	free(d->refusals);
}

static void
groups_free(struct groups *gs)
{
	for (int k = 0; k < 2; k++)
		period_counts_free(&gs->total.period[k]);
	for (int i = 0; i < gs->n; i++) {
		for (int k = 0; k < 2; k++)
			period_counts_free(&gs->v[i].period[k]);
		free(gs->v[i].name);
		free(gs->v[i].key);
	}
	free(gs->v);
	memset(gs, 0, sizeof(*gs));
}

/* Two categories (or group names) in any case of letters. */
static int
same_name(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcasecmp(a, b) == 0;
}

/*
 * The group of name (the total when total), added if new; NULL if out of
 * memory. Found by name_key, as the store groups the rows (GROUP_KEY in
 * lib/store_report.c): each of its queries gives one spelling of a group,
 * not always the same one, and the first seen is the name shown.
 */
static struct group *
group_of(struct groups *gs, int total, const char *name)
{
	struct group *ng;
	char *key = NULL;

	if (total)
		return &gs->total;
	if (name != NULL && (key = name_key(name)) == NULL)
		return NULL;
	for (int i = 0; i < gs->n; i++)
		if (key == NULL ? gs->v[i].key == NULL :
		    gs->v[i].key != NULL && strcmp(gs->v[i].key, key) == 0) {
			free(key);
			return &gs->v[i];
		}
	if ((ng = realloc(gs->v, (gs->n + 1) * sizeof(*ng))) == NULL) {
		free(key);
		return NULL;
	}
	gs->v = ng;
	ng = &gs->v[gs->n];
	memset(ng, 0, sizeof(*ng));
	ng->key = key;
	if (name != NULL && (ng->name = strdup(name)) == NULL) {
		free(key);
		return NULL;
	}
	gs->n++;
	return ng;
}

/* Where a callback of the store puts what it is given. */
struct gather {
	struct groups *gs;
	int period;
	int total;		/* the rows are the total's */
	int sum;		/* the rows are the groups', and the total is
				 * their sum: added to it too */
};

/* The counts of a group (by name) in the period being gathered; NULL if
 * out of memory. */
static struct period_counts *
counts_of(struct gather *a, const char *group)
{
	struct group *g = group_of(a->gs, a->total, group);

	return g != NULL ? &g->period[a->period] : NULL;
}

/* Add a group's stage counts to the total's (t). */
static void
add_stage_counts(struct stage_counts *t, const struct stage_counts *c)
{
	t->opened += c->opened;
	t->ack_of += c->ack_of;
	t->ack_ok += c->ack_ok;
	t->resp_of += c->resp_of;
	t->resp_ok += c->resp_ok;
	t->orig_of += c->orig_of;
	t->orig_ok += c->orig_ok;
	t->noext_of += c->noext_of;
	t->noext_ok += c->noext_ok;
	t->ext_of += c->ext_of;
	t->ext_ok += c->ext_ok;
	t->responded += c->responded;
	t->wd_sum += c->wd_sum;
	for (int i = 0; i < N_OUTCOMES; i++)
		t->outcome[i] += c->outcome[i];
	t->extended += c->extended;
	t->extensions += c->extensions;
	t->ext_days += c->ext_days;
	t->escalated += c->escalated;
	t->diff_of += c->diff_of;
	t->diff_ok += c->diff_ok;
	t->code_ack_of += c->code_ack_of;
	t->code_ack_ok += c->code_ack_ok;
	t->code_resp_of += c->code_resp_of;
	t->code_resp_ok += c->code_resp_ok;
	t->code_ext_of += c->code_ext_of;
	t->code_ext_ok += c->code_ext_ok;
}

static int
gather_stage(const char *group, int stage, const struct stage_counts *c,
    void *arg)
{
	struct gather *a = arg;
	struct period_counts *d;

	if (stage < 1 || stage > MAX_STAGES)
		return 0;
	if ((d = counts_of(a, group)) == NULL)
		return CPL_STORE;
	d->st[stage - 1] = *c;
	if (a->sum)
		add_stage_counts(&a->gs->total.period[a->period].st[stage - 1],
		    c);
	if (stage > a->gs->max_stage)
		a->gs->max_stage = stage;
	return 0;
}

static int
gather_median(const char *group, int total, int stage, double median,
    void *arg)
{
	struct gather *a = arg;
	struct group *g;
	struct period_counts *d;

	if (stage < 1 || stage > MAX_STAGES)
		return 0;
	if ((g = group_of(a->gs, total, group)) == NULL)
		return CPL_STORE;
	d = &g->period[a->period];
	d->median[stage - 1] = median;
	d->has_median[stage - 1] = 1;
	return 0;
}

/* Add a group's case counts to d. */
static void
add_case_counts(struct period_counts *d, const struct case_counts *n)
{
	d->received += n->received;
	for (int i = 0; i < N_KINDS; i++)
		d->kind[i] += n->kind[i];
	for (int i = 0; i < N_CHANNELS; i++)
		d->channel[i] += n->channel[i];
	/* An unknown channel (never from log) counts as "other". */
	d->channel[CHANNEL_OTHER] += n->channel[N_CHANNELS];
	d->channel[N_CHANNELS] += n->channel[N_CHANNELS + 1];
	d->overall_of += n->overall_of;
	d->overall_ok += n->overall_ok;
}

static int
gather_case(const char *group, const struct case_counts *n, void *arg)
{
	struct gather *a = arg;
	struct period_counts *d;

	if ((d = counts_of(a, group)) == NULL)
		return CPL_STORE;
	add_case_counts(d, n);
	if (a->sum)
		add_case_counts(&a->gs->total.period[a->period], n);
	return 0;
}

/* Add n cases closed for reason, of category, to d; -1 if out of
 * memory. */
static int
add_refusal(struct period_counts *d, const char *reason, const char *category,
    int64_t n)
{
	struct refusal *nr;
	int i;

	for (i = 0; i < d->n_refusals; i++)
		if (strcmp(d->refusals[i].reason, reason) == 0 &&
		    same_name(d->refusals[i].category, category))
			break;
	if (i == d->n_refusals) {
		if ((nr = realloc(d->refusals, (d->n_refusals + 1) *
		    sizeof(*nr))) == NULL)
			return -1;
		d->refusals = nr;
		nr = &d->refusals[d->n_refusals++];
		nr->n = 0;
		nr->reason = strdup(reason);
		nr->category = category ? strdup(category) : NULL;
		if (nr->reason == NULL || (category && !nr->category))
			return -1;
	}
	d->refusals[i].n += n;
	return 0;
}

static int
gather_refusal(const char *group, const char *reason, const char *category,
    int64_t n, void *arg)
{
	struct gather *a = arg;
	struct period_counts *d;

	if ((d = counts_of(a, group)) == NULL ||
	    add_refusal(d, reason, category, n) != 0 ||
	    (a->sum && add_refusal(&a->gs->total.period[a->period], reason,
	    category, n) != 0))
		return CPL_STORE;
	return 0;
}

/* Add n referrals with decision (NULL: none yet) to d. */
static void
add_referral(struct period_counts *d, const char *decision, int64_t n)
{
	int i = decision == NULL ? N_DECISIONS + 1 :
	    word_index(ombudsman_decisions, decision);

	d->referred += n;
	d->decision[i < 0 ? N_DECISIONS : i] += n;
}

static int
gather_referral(const char *group, const char *decision, int64_t n, void *arg)
{
	struct gather *a = arg;
	struct period_counts *d;

	if ((d = counts_of(a, group)) == NULL)
		return CPL_STORE;
	add_referral(d, decision, n);
	if (a->sum)
		add_referral(&a->gs->total.period[a->period], decision, n);
	return 0;
}

/* The store's callbacks return CPL_STORE when out of memory, with no
 * message: give it one. */
static int
oom(int rc, struct cpl_error *err)
{
	if (rc == CPL_STORE && err->msg[0] == '\0')
		return cpl_nomem(err);
	return rc;
}

/* The seeds' smaller rules' counts of a group (lib/rules.c). */
static int
gather_rules(const char *group, int64_t discrimination, int64_t informal,
    void *arg)
{
	struct gather *a = arg;
	struct period_counts *d;

	if ((d = counts_of(a, group)) == NULL)
		return CPL_STORE;
	d->discrimination += discrimination;
	d->informal += informal;
	if (a->sum) {
		a->gs->total.period[a->period].discrimination += discrimination;
		a->gs->total.period[a->period].informal += informal;
	}
	return 0;
}

/* Everything of one period, in all and by group. */
static int
gather_period(struct session *s, struct groups *gs, int period, cpl_date from,
    cpl_date to, const char *by, const struct code_days *code,
    struct cpl_error *err)
{
	struct gather all = {gs, period, by == NULL, by != NULL};
	int rc;

	/*
	 * Every row is read once: grouped, the total is the sum of the
	 * groups (every row is in one group, and the total's rows come in
	 * the groups' order); the medians of the groups and of the total
	 * come from one pass too.
	 */
	/* The annual report (code given) lists cases and months from the
	 * rows; the summary only counts them. */
	if ((rc = store_report_fill(s->st, period, from, to, by, s->today, code,
	    code != NULL, err)))
		return rc;
	if ((rc = store_report_stages(s->st, period, by == NULL,
	    gather_stage, &all, err)) ||
	    (rc = store_report_medians(s->st, period, by != NULL, gather_median,
	    &all, err)) ||
	    (rc = store_report_cases(s->st, from, to, s->today, by, by == NULL,
	    case_kinds, case_channels, gather_case, &all, err)) ||
	    (rc = store_report_refusals(s->st, from, to, by, by == NULL,
	    gather_refusal, &all, err)) ||
	    (rc = store_report_referrals(s->st, from, to, by, by == NULL,
	    gather_referral, &all, err)) ||
	    (rc = store_report_rules(s->st, from, to, by, by == NULL,
	    case_kinds[0], gather_rules, &all, err)))
		return oom(rc, err);
	return 0;
}

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	/* None recorded last. */
	if (x->name == NULL || y->name == NULL)
		return (x->name == NULL) - (y->name == NULL);
	return strcasecmp(x->name, y->name);
}

/* --- naming the figures --- */

/*
 * Adding one group's figures to the list: `np` periods (1, or 2 with the
 * year before) of group g, under section.
 */
struct group_writer {
	struct figures *fs;
	const char *section;
	const struct group *g;
	int np;
	int max_stage;
};

/*
 * The figures are written as lines of NAME(...) then COUNT or DECIMAL, in
 * functions that have `struct group_writer *w`, `char name[]` and the
 * stage `s`. COUNT(V, OF) adds figure `name` to the list with, in each
 * period, the count V and what it is out of, OF (< 0: nothing); DECIMAL
 * (SET, V, OF) a mean or median V where SET (else no value). V, OF and
 * SET are expressions evaluated once a period, with `d` pointing at the
 * group's counts in that period and `c` at its stage s's.
 */
#define NAME(...) snprintf(name, sizeof(name), __VA_ARGS__)

#define COUNT(V, OF) do {						\
	struct fig *f_;							\
	if ((f_ = fig_add(w->fs, w->section, w->g->name, name)) == NULL) \
		return -1;						\
	for (int k_ = 0; k_ < w->np; k_++) {				\
		const struct period_counts *d = &w->g->period[k_];	\
		const struct stage_counts *c = &d->st[s - 1];		\
		(void)d; (void)c;					\
		fig_count(f_, k_, (V), (OF));				\
	}								\
} while (0)

#define DECIMAL(SET, V, OF) do {					\
	struct fig *f_;							\
	if ((f_ = fig_add(w->fs, w->section, w->g->name, name)) == NULL) \
		return -1;						\
	f_->decimal = 1;						\
	for (int k_ = 0; k_ < w->np; k_++) {				\
		const struct period_counts *d = &w->g->period[k_];	\
		const struct stage_counts *c = &d->st[s - 1];		\
		f_->period[k_].set = (SET);				\
		f_->period[k_].average = f_->period[k_].set ? (V) : 0;	\
		f_->period[k_].of = (OF);				\
	}								\
} while (0)

static int
cmp_refusal(const void *a, const void *b)
{
	const struct refusal *x = a, *y = b;
	int r = strcmp(x->reason, y->reason);

	if (r != 0)
		return r;
	if (x->category == NULL || y->category == NULL)
		return (x->category == NULL) - (y->category == NULL);
	/* One category in any case of letters, as refused() counts it: a
	 * year's "Noise" and the year before's "NOISE" make one row. */
	return strcasecmp(x->category, y->category);
}

static int64_t
refused(const struct period_counts *d, const char *reason, const char *category,
    int any_category)
{
	int64_t n = 0;

	for (int i = 0; i < d->n_refusals; i++)
		if (strcmp(d->refusals[i].reason, reason) == 0 &&
		    (any_category ||
		    same_name(d->refusals[i].category, category)))
			n += d->refusals[i].n;
	return n;
}

/* The figures of the cases closed for reason (one the procedure turns
 * cases away for): in all, then by category, from all[n], the refusals of
 * every period sorted (so the categories of both years line up). */
static int
emit_turned_away(struct group_writer *w, const char *reason,
    const struct refusal *all, int n)
{
	char name[512];
	int s = 1;

	NAME("closed.%s", reason);
	COUNT(refused(d, reason, NULL, 1), d->received);
	for (int i = 0; i < n; i++) {
		const char *cat = all[i].category;

		if (strcmp(all[i].reason, reason) != 0 ||
		    (i > 0 && cmp_refusal(&all[i - 1], &all[i]) == 0))
			continue;
		NAME("closed.%s.%s", reason, cat ? cat : "(none)");
		COUNT(refused(d, reason, cat, 0), refused(d, reason, NULL, 1));
	}
	return 0;
}

/* The cases closed as out of scope or refused, and their categories. */
static int
emit_refusals(struct group_writer *w)
{
	struct refusal *all = NULL;
	int n = 0, rc = 0;

	for (int k = 0; k < w->np; k++) {
		const struct period_counts *p = &w->g->period[k];
		struct refusal *na;

		if (p->n_refusals == 0)
			continue;
		if ((na = realloc(all, (n + p->n_refusals) * sizeof(*na))) ==
		    NULL) {
			free(all);
			return -1;
		}
		all = na;
		memcpy(all + n, p->refusals, p->n_refusals * sizeof(*na));
		n += p->n_refusals;
	}
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_refusal);
	for (int r = 0; rc == 0 && r < N_CLOSE_REASONS; r++)
		if (close_reason_rules[r].turned_away)
			rc = emit_turned_away(w, close_reasons[r], all, n);
	free(all);
	return rc;
}

/* The seeds' smaller rules: complaints about discrimination, recorded for
 * monitoring (seed 002 §13), and complaints resolved informally (seed 002
 * §6), of the complaints received. */
static int
emit_rules(struct group_writer *w)
{
	char name[512];
	int s = 1;

	NAME("complaints.discrimination");
	COUNT(d->discrimination, d->kind[0]);
	NAME("complaints.resolved_informally");
	COUNT(d->informal, d->kind[0]);
	return 0;
}

/* Every figure of one group (summary, and the annual report's "all" and
 * "service" sections). */
static int
emit_group(struct group_writer *w)
{
	char name[512];
	int s = 1;

	NAME("received");
	COUNT(d->received, -1);
	for (int i = 0; i < N_KINDS; i++) {
		NAME("received.%s", case_kinds[i]);
		COUNT(d->kind[i], d->received);
	}
	for (int i = 0; i <= N_CHANNELS; i++) {
		NAME("channel.%s", i < N_CHANNELS ? case_channels[i] :
		    "unrecorded");
		COUNT(d->channel[i], d->received);
	}
	/* Complaints under a policy with an overall clock (receipt to
	 * resolution), resolved within it, of those decided. */
	NAME("overall.resolved_on_time");
	COUNT(d->overall_ok, d->overall_of);
	for (s = 1; s <= w->max_stage; s++) {
		NAME("stage%d.opened", s);
		COUNT(c->opened, -1);
		NAME("stage%d.acknowledged_on_time", s);
		COUNT(c->ack_ok, c->ack_of);
		NAME("stage%d.responded_on_time", s);
		COUNT(c->resp_ok, c->resp_of);
		NAME("stage%d.responded_on_time_without_extension", s);
		COUNT(c->noext_ok, c->noext_of);
		NAME("stage%d.responded_on_time_with_extension", s);
		COUNT(c->ext_ok, c->ext_of);
		NAME("stage%d.responded_within_original_timescale", s);
		COUNT(c->orig_ok, c->orig_of);
		NAME("stage%d.responded", s);
		COUNT(c->responded, c->opened);
		NAME("stage%d.working_days_to_respond_mean", s);
		DECIMAL(c->responded > 0, (double)c->wd_sum / (double)c->responded,
		    c->responded);
		NAME("stage%d.working_days_to_respond_median", s);
		DECIMAL(d->has_median[s - 1], d->median[s - 1], c->responded);
		for (int i = 0; i < N_OUTCOMES; i++) {
			NAME("stage%d.outcome.%s", s, case_outcomes[i]);
			COUNT(c->outcome[i], c->responded);
		}
		NAME("stage%d.extended", s);
		COUNT(c->extended, c->opened);
		NAME("stage%d.extensions", s);
		COUNT(c->extensions, -1);
		NAME("stage%d.extension_days", s);
		COUNT(c->ext_days, -1);
		if (s < w->max_stage) {
			NAME("stage%d.escalated", s);
			COUNT(c->escalated, c->opened);
		}
		if (s > 1) {
			NAME("stage%d.handled_by_different_person", s);
			COUNT(c->diff_ok, c->diff_of);
		}
	}
	if (emit_refusals(w) || emit_rules(w))
		return -1;
	NAME("ombudsman.referred");
	COUNT(d->referred, -1);
	for (int i = 0; i < N_DECISIONS + 2; i++) {
		if (i == N_DECISIONS) {
			/* "other": shown only when some decision is unknown. */
			int any = 0;
			for (int k = 0; k < w->np; k++)
				any |= w->g->period[k].decision[i] != 0;
			if (!any)
				continue;
		}
		NAME("ombudsman.%s", i < N_DECISIONS ? ombudsman_decisions[i] :
		    i == N_DECISIONS ? "other" : "pending");
		COUNT(d->decision[i], d->referred);
	}
	return 0;
}

/* The total, then (by_groups) each group (sorted, none last), of
 * section by: the figures of other concerns about all cases go between
 * (emit_groups below). */
static int
emit_total_groups(struct figures *fs, struct groups *gs, const char *by,
    int np, int by_groups)
{
	struct group_writer w = {fs, "all", &gs->total, np,
	    gs->max_stage < 2 ? 2 : gs->max_stage};

	if (!by_groups && emit_group(&w))
		return -1;
	if (by == NULL || !by_groups)
		return 0;
	if (gs->n > 0)
		qsort(gs->v, gs->n, sizeof(*gs->v), cmp_group);
	w.section = by;
	for (int i = 0; i < gs->n; i++) {
		w.g = &gs->v[i];
		if (emit_group(&w))
			return -1;
	}
	return 0;
}

/* The total, the figures of all cases of other concerns (linked
 * complaints: lib/report_links.c), then each group of section by. lc:
 * np periods'. */
static int
emit_groups(struct figures *fs, struct groups *gs, const char *by, int np,
    const struct linked_counts *lc)
{
	int64_t complaints[2] = {0, 0};

	for (int k = 0; k < np && k < 2; k++)
		complaints[k] = gs->total.period[k].kind[KIND_COMPLAINT];
	if (emit_total_groups(fs, gs, by, np, 0) ||
	    linked_emit(fs, lc, complaints, np) ||
	    emit_total_groups(fs, gs, by, np, 1))
		return -1;
	return 0;
}

/* --- report summary --- */

static const struct out_col summary_cols[] = {
	{"by", OUT_WORD(7)}, {"group", OUT_TEXT}, {"figure", OUT_WORD(42)},
	{"value", OUT_NUMBER}, {"of", OUT_NUMBER}, {"percent", OUT_NUMBER},
};

int
report_summary(struct session *s, cpl_date from, cpl_date to,
    const char *by, enum out_format fmt, FILE *out, struct cpl_error *err)
{
	struct groups gs;
	struct figures fs;
	struct linked_counts lc;
	struct out_table *t = NULL;
	int rc;

	memset(&gs, 0, sizeof(gs));
	memset(&fs, 0, sizeof(fs));
	err->msg[0] = '\0';
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)) == 0 &&
	    (rc = gather_period(s, &gs, 0, from, to, by, NULL, err)) == 0)
		rc = linked_gather(s, from, to, &lc, err);
	if (rc == 0 && emit_groups(&fs, &gs, by, 1, &lc))
		rc = cpl_nomem(err);
	if (rc == 0)
		rc = report_holds(s, &fs, 1, (cpl_date[2]){from, from},
		    (cpl_date[2]){to, to}, err);
	store_read_end(s->st);
	if (rc == 0 &&
	    (t = out_table_begin(out, fmt, summary_cols, 6)) == NULL)
		rc = cpl_nomem(err);
	for (size_t i = 0; rc == 0 && i < fs.n; i++) {
		const struct fig *f = &fs.v[i];
		char b[3][FIG_TEXT];
		const char *v[6] = {f->section, f->group, f->figure,
		    fig_value(f, 0, b[0]), fig_of(f, 0, b[1]),
		    fig_percent(f, 0, b[2])};

		if (out_table_row(t, v))
			rc = cpl_nomem(err);
	}
	/* Freed whether or not a row failed. */
	if (t != NULL && out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	figures_free(&fs);
	groups_free(&gs);
	return rc;
}

int
report_deadlines(struct session *s, cpl_date from, cpl_date to,
    int (*fn)(const struct stage_deadline *d, void *arg), void *arg,
    struct cpl_error *err)
{
	int rc;

	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)) == 0 &&
	    (rc = store_report_fill(s->st, 0, from, to, NULL, s->today, NULL,
	    1, err)) == 0)
		rc = store_report_deadlines(s->st, 0, fn, arg, err);
	store_read_end(s->st);
	return rc;
}

/* --- report annual --- */

/* Where gather_month puts a period's months: by their place in the
 * reporting year, which starts in month start. */
struct months_of {
	int64_t *n;		/* 12 */
	int start;
};

static int
gather_month(const char *month, int64_t n, void *arg)
{
	struct months_of *m = arg;
	int mm = month && strlen(month) == 7 ? atoi(month + 5) : 0;

	if (mm >= 1 && mm <= 12)
		m->n[(mm - m->start + 12) % 12] = n;
	return 0;
}

/* The measures of the self-assessment against the Complaint Handling
 * Code, in their order, each with the Code's paragraph (the figure's
 * group); a figure's missed_list is its place here, from 1. The stage 2
 * response and extension paragraphs (6.14, 6.15) follow stage 1's
 * (6.3, 6.4) in the Code's order. */
static const struct {
	int stage;
	enum code_measure m;
	const char *paragraph;
} code_rows[] = {
	{1, CODE_ACK, "6.2"}, {1, CODE_RESPOND, "6.3"}, {2, CODE_ACK, "6.11"},
	{2, CODE_RESPOND, "6.14"}, {1, CODE_EXTENSION, "6.4"},
	{2, CODE_EXTENSION, "6.15"}, {2, CODE_HANDLER, "6.13"},
};
#define N_CODE_ROWS (sizeof(code_rows) / sizeof(code_rows[0]))

/* Where the cases that missed a measure are read: the writers read
 * each list from the store as they print it (figures.h). */
struct missed_reader {
	struct session *s;
	struct cpl_error *err;
	int (*fn)(const struct fig_case *c, void *arg);
	void *arg;
};

static int
missed_one(const char *ref, const char *service, int late, void *arg)
{
	struct missed_reader *r = arg;
	struct fig_case c = {ref, service, late};

	return r->fn(&c, r->arg);
}

/* Each case that missed figure f's measure in the year, by reference. */
static int
read_missed(void *arg, const struct fig *f,
    int (*fn)(const struct fig_case *c, void *a), void *a)
{
	struct missed_reader r = *(struct missed_reader *)arg;

	if (f->missed_list < 1 || (size_t)f->missed_list > N_CODE_ROWS)
		return 0;
	r.fn = fn;
	r.arg = a;
	return oom(store_report_missed(r.s->st, FIG_PERIOD,
	    code_rows[f->missed_list - 1].stage,
	    code_rows[f->missed_list - 1].m, &handling_code, missed_one, &r,
	    r.err), r.err);
}

/* The references of the cases that missed, space-separated, as the CSV's
 * detail column gives them: one list at a time. */
struct detail {
	char *v;		/* NULL: no case */
	size_t len, cap;
};

static int
detail_add(const struct fig_case *c, void *arg)
{
	struct detail *d = arg;
	size_t n = strlen(c->ref);

	if (d->len + n + 2 > d->cap) {
		size_t cap = d->cap ? d->cap : 4096;
		char *nv;

		while (d->len + n + 2 > cap)
			cap *= 2;
		if ((nv = realloc(d->v, cap)) == NULL)
			return CPL_STORE;
		d->v = nv;
		d->cap = cap;
	}
	if (d->len > 0)
		d->v[d->len++] = ' ';
	memcpy(d->v + d->len, c->ref, n + 1);
	d->len += n;
	return 0;
}

/* The self-assessment against the Code. */
static int
emit_code_self_assessment(struct figures *fs, struct groups *gs,
    struct cpl_error *err)
{
	char name[128];

	for (size_t i = 0; i < N_CODE_ROWS; i++) {
		int st = code_rows[i].stage, days = handling_code.respond[st - 1];
		struct fig *f;

		switch (code_rows[i].m) {
		case CODE_ACK:
			NAME("stage%d.acknowledged_within_%d_working_days", st,
			    handling_code.ack);
			break;
		case CODE_RESPOND:
			NAME("stage%d.answered_within_%d_working_days_of_"
			    "acknowledgement", st, days);
			break;
		case CODE_EXTENSION:
			NAME("stage%d.extended_by_no_more_than_%d_working_days",
			    st, days);
			break;
		case CODE_HANDLER:
			NAME("stage%d.handled_by_different_person", st);
			break;
		}
		if ((f = fig_add(fs, "self-assessment", code_rows[i].paragraph,
		    name)) == NULL)
			return cpl_nomem(err);
		for (int k = 0; k < 2; k++) {
			const struct stage_counts *c =
			    &gs->total.period[k].st[st - 1];
			int64_t ok = 0, of = 0;

			switch (code_rows[i].m) {
			case CODE_ACK:
				ok = c->code_ack_ok, of = c->code_ack_of;
				break;
			case CODE_RESPOND:
				ok = c->code_resp_ok, of = c->code_resp_of;
				break;
			case CODE_EXTENSION:
				ok = c->code_ext_ok, of = c->code_ext_of;
				break;
			case CODE_HANDLER:
				ok = c->diff_ok, of = c->diff_of;
				break;
			}
			fig_count(f, k, ok, of);
		}
		/* Those counted and not met: what store_report_missed
		 * lists. */
		f->n_missed = f->period[FIG_PERIOD].of -
		    f->period[FIG_PERIOD].count;
		f->missed_list = (int)i + 1;
	}
	return 0;
}

/* The housing complaints (the services policy p sends to the Housing
 * Ombudsman) of each period, from the figures by service. */
static void
gather_housing(const struct groups *gs, const struct policy *p,
    struct housing_counts *hc)
{
	memset(hc, 0, sizeof(*hc));
	for (int i = 0; i < gs->n; i++) {
		const struct group *g = &gs->v[i];

		if (!housing_service(p, g->name))
			continue;
		hc->any = 1;
		for (int k = 0; k < 2; k++)
			for (int st = 0; st < 2; st++) {
				const struct stage_counts *c =
				    &g->period[k].st[st];

				hc->opened[k][st] += c->opened;
				hc->answered_of[k][st] += c->code_resp_of;
				hc->answered_ok[k][st] += c->code_resp_ok;
			}
	}
}

/* Stage 1 complaints by month, this year beside last: the months of the
 * reporting year, from its first (start). */
static int
emit_months(struct figures *fs, int year, int start, int64_t months[2][12])
{
	for (int i = 0; i < 12; i++) {
		int m = (start - 1 + i) % 12 + 1, y = year + (start - 1 + i) / 12;
		char group[16];
		struct fig *f;

		snprintf(group, sizeof(group), "%04d-%02d", y % 10000, m);
		if ((f = fig_add(fs, "month", group, "stage1.opened")) == NULL)
			return -1;
		for (int k = 0; k < 2; k++)
			fig_count(f, k, months[k][i], -1);
	}
	return 0;
}

/* Compliments received by service. */
static int
emit_compliments(struct figures *fs, const struct groups *gs)
{
	for (int i = 0; i < gs->n; i++) {
		const struct group *g = &gs->v[i];
		struct fig *f;

		if (g->period[0].kind[KIND_COMPLIMENT] == 0 &&
		    g->period[1].kind[KIND_COMPLIMENT] == 0)
			continue;
		if ((f = fig_add(fs, "compliments", g->name,
		    "received.compliment")) == NULL)
			return -1;
		for (int k = 0; k < 2; k++)
			fig_count(f, k, g->period[k].kind[KIND_COMPLIMENT], -1);
	}
	return 0;
}

/* --- the response timescales the annual page defines its figures by --- */

struct timescales {
	struct stage_timescale *v;
	int n;
};

static void
timescales_free(struct timescales *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].policies);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* Add stage's response timescale in policy p, once: a policy id a
 * timescale. */
static int
add_timescale(struct timescales *t, int stage, const struct policy *p)
{
	const struct stage_rules *r = policy_stage(p, stage);
	struct stage_timescale ts, *nv;
	char *np;
	size_t had;
	int i;

	memset(&ts, 0, sizeof(ts));
	ts.stage = stage;
	if (r != NULL && r->respond.set) {
		ts.set = 1;
		ts.days = r->respond.days;
		ts.from_ack = r->respond.from == CLOCK_ACKNOWLEDGED;
	}
	for (i = 0; i < t->n; i++)
		if (t->v[i].stage == ts.stage && t->v[i].set == ts.set &&
		    t->v[i].days == ts.days && t->v[i].from_ack == ts.from_ack)
			break;
	if (i == t->n) {
		if ((nv = realloc(t->v, (t->n + 1) * sizeof(*nv))) == NULL)
			return -1;
		t->v = nv;
		if ((ts.policies = strdup("")) == NULL)
			return -1;
		t->v[t->n++] = ts;
	}
	/* Each policy once: its id whole, between ", " or at an end. */
	had = strlen(t->v[i].policies);
	for (const char *q = t->v[i].policies; (q = strstr(q, p->id)) != NULL;
	    q++)
		if ((q == t->v[i].policies || q[-1] == ' ') &&
		    (q[strlen(p->id)] == '\0' || q[strlen(p->id)] == ','))
			return 0;
	if ((np = realloc(t->v[i].policies, had + strlen(p->id) + 3)) == NULL)
		return -1;
	snprintf(np + had, strlen(p->id) + 3, "%s%s", had ? ", " : "", p->id);
	t->v[i].policies = np;
	return 0;
}

/* Each (stage, policy text) of the report's stages. */
struct stage_versions {
	struct {
		int stage;
		int64_t version;
	} *v;
	int n;
};

static int
gather_stage_version(int stage, int64_t version, void *arg)
{
	struct stage_versions *sv = arg;
	void *nv;

	if ((nv = realloc(sv->v, (sv->n + 1) * sizeof(*sv->v))) == NULL)
		return CPL_STORE;
	sv->v = nv;
	sv->v[sv->n].stage = stage;
	sv->v[sv->n].version = version;
	sv->n++;
	return 0;
}

/* The response timescales of stages 1 to stages: those of the policies
 * the period's stages were logged under (a store may hold several), or
 * the default policy's (def, may be NULL) when there are none. */
static int
gather_timescales(struct session *s, const struct policy *def, int stages,
    struct timescales *t, struct cpl_error *err)
{
	struct stage_versions sv = {NULL, 0};
	int rc;

	if ((rc = store_report_stage_versions(s->st, gather_stage_version, &sv,
	    err))) {
		rc = oom(rc, err);
		goto out;
	}
	for (int stage = 1; stage <= stages; stage++) {
		int any = 0;

		for (int i = 0; i < sv.n; i++) {
			const struct policy *p;

			if (sv.v[i].stage != stage)
				continue;
			if ((rc = case_policy(s, sv.v[i].version, &p, err)))
				goto out;
			any = 1;
			if (add_timescale(t, stage, p)) {
				rc = cpl_nomem(err);
				goto out;
			}
		}
		if (!any && def != NULL && add_timescale(t, stage, def)) {
			rc = cpl_nomem(err);
			goto out;
		}
	}
out:
	free(sv.v);
	return rc;
}

/* The policy the store logs cases under by default (NULL: none set), as
 * its file is now: it names the council and when its year starts. */
static int
default_policy(struct session *s, const struct policy **pol,
    struct cpl_error *err)
{
	char *id = NULL;
	int rc;

	*pol = NULL;
	if ((rc = store_get_setting(s->st, "default_policy", &id, err)) ||
	    id == NULL)
		return rc;
	rc = session_policy(s, id, pol, err);
	free(id);
	return rc;
}

static const struct out_col annual_cols[] = {
	{"section", OUT_WORD(15)}, {"group", OUT_WORD(12)},
	{"figure", OUT_WORD(42)}, {"value", OUT_NUMBER}, {"of", OUT_NUMBER},
	{"percent", OUT_NUMBER}, {"previous_value", OUT_NUMBER},
	{"previous_of", OUT_NUMBER}, {"previous_percent", OUT_NUMBER},
	{"ref", OUT_REF}, {"detail", OUT_TEXT},
};
#define N_ANNUAL_COLS 11

static int
annual_text(const char *ref, const char *service, int stage, const char *kind,
    const char *text, void *arg)
{
	struct out_table *t = arg;
	char st[16];
	const char *v[N_ANNUAL_COLS] = {"learning", service, kind, st, NULL,
	    NULL, NULL, NULL, NULL, ref, text};

	snprintf(st, sizeof(st), "%d", stage);
	return out_table_row(t, v) == 0 ? 0 : CPL_STORE;
}

/* Where annual_lesson writes. */
struct lessons_out {
	FILE *f;
	struct lessons_html l;
};

static int
annual_lesson(const struct lesson_row *r, void *arg)
{
	struct lessons_out *o = arg;

	html_lesson(o->f, &o->l, r);
	return 0;
}

int
report_annual(struct session *s, int year, int start_month, int64_t homes,
    enum out_format fmt, int html, FILE *out, struct cpl_error *err)
{
	struct ombudsman_letter letter = {NULL, 0};
	struct housing_counts hc;
	cpl_date lfrom[2], lto[2];
	struct groups gs;
	struct figures fs;
	struct timescales ts = {NULL, 0};
	struct annual_page pg;
	struct lessons_out lo;
	struct missed_reader mr = {s, err, NULL, NULL};
	struct linked_counts lc[2];
	const struct policy *def;
	struct out_table *t = NULL;
	int64_t months[2][12];
	int rc;

	memset(&gs, 0, sizeof(gs));
	memset(&fs, 0, sizeof(fs));
	memset(&pg, 0, sizeof(pg));
	memset(&lo, 0, sizeof(lo));
	memset(months, 0, sizeof(months));
	err->msg[0] = '\0';
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = default_policy(s, &def, err)) ||
	    (rc = load_calendars(s, err)))
		goto out;
	/* The reporting year: as asked, else as the council's policy says. */
	pg.start_month = start_month ? start_month :
	    def ? def->reporting_month : 1;
	pg.council = def ? def->council : NULL;
	pg.year = year;
	pg.today = s->today;
	pg.code = &handling_code;
	pg.from = date_from_ymd(year, pg.start_month, 1);
	pg.to = date_add_months(pg.from, 12) - 1;
	for (int k = 0; k < 2; k++) {
		struct months_of m = {months[k], pg.start_month};

		if ((rc = gather_period(s, &gs, k, date_add_months(pg.from,
		    -12 * k), date_add_months(pg.from, 12 - 12 * k) - 1,
		    "service", &handling_code, err)) ||
		    (rc = store_report_months(s->st, k, gather_month, &m, err)) ||
		    (rc = linked_gather(s, date_add_months(pg.from, -12 * k),
		    date_add_months(pg.from, 12 - 12 * k) - 1, &lc[k], err)))
			goto out;
	}
	if (emit_groups(&fs, &gs, "service", 2, lc) ||
	    emit_months(&fs, year, pg.start_month, months) ||
	    emit_compliments(&fs, &gs)) {
		rc = cpl_nomem(err);
		goto out;
	}
	if ((rc = emit_code_self_assessment(&fs, &gs, err)) ||
	    (rc = report_action_figures(s, pg.from, pg.to, &fs, err)) ||
	    (rc = report_holds(s, &fs, 2, (cpl_date[2]){pg.from,
	    date_add_months(pg.from, -12)}, (cpl_date[2]){pg.to,
	    pg.from - 1}, err)))
		goto out;
	gather_housing(&gs, def, &hc);
	/* The homes: as asked, else as the council's policy says. */
	if (report_housing_measures(&fs, &hc, homes > 0 ? homes :
	    def != NULL ? def->homes : 0)) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (int k = 0; k < 2; k++) {
		lfrom[k] = date_add_months(pg.from, -12 * k);
		lto[k] = date_add_months(pg.from, 12 - 12 * k) - 1;
	}
	if ((rc = report_ombudsman_letter(s, lfrom, lto, &fs, &letter, err)))
		goto out;
	pg.letter = &letter;

	/* The figures, then the remedies and learning, streamed. */
	if (html) {
		if ((rc = gather_timescales(s, def, gs.max_stage < 2 ? 2 :
		    gs.max_stage, &ts, err)))
			goto out;
		pg.timescales = ts.v;
		pg.n_timescales = ts.n;
		pg.missed = read_missed;
		pg.missed_arg = &mr;
		if ((rc = html_begin(out, &pg, &fs)))
			goto out;
		lo.f = out;
		rc = oom(store_report_lessons(s->st, pg.from, pg.to,
		    annual_lesson, &lo, err), err);
		if (rc == 0)
			html_end(out, &pg, &fs, &lo.l);
		goto out;
	}
	if ((t = out_table_begin(out, fmt, annual_cols, N_ANNUAL_COLS)) ==
	    NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < fs.n; i++) {
		const struct fig *f = &fs.v[i];
		struct detail d = {NULL, 0, 0};
		char b[6][FIG_TEXT];
		const char *v[N_ANNUAL_COLS] = {f->section, f->group,
		    f->figure, fig_value(f, 0, b[0]), fig_of(f, 0, b[1]),
		    fig_percent(f, 0, b[2]), fig_value(f, 1, b[3]),
		    fig_of(f, 1, b[4]), fig_percent(f, 1, b[5]), NULL, NULL};

		if (f->n_missed > 0 &&
		    (rc = read_missed(&mr, f, detail_add, &d))) {
			free(d.v);
			goto out;
		}
		v[10] = d.v;
		if (out_table_row(t, v)) {
			free(d.v);
			rc = cpl_nomem(err);
			goto out;
		}
		free(d.v);
	}
	rc = oom(store_report_texts(s->st, pg.from, pg.to, annual_text, t,
	    err), err);
	if (rc == 0 && ombudsman_letter_rows(t, &letter))
		rc = cpl_nomem(err);
out:
	ombudsman_letter_free(&letter);
	store_read_end(s->st);
	if (t != NULL)
		out_table_end(t);
	timescales_free(&ts);
	figures_free(&fs);
	groups_free(&gs);
	return rc;
}
