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

#include "report.h"
#include "report_int.h"
#include "store_report.h"
#include "util.h"

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
static const struct code_days code_days = {5, {10, 20}};

#define MAX_STAGES 9

static const char *const kinds[] = {"complaint", "comment", "compliment",
    "service-request"};
#define N_KINDS 4
/* The channels of log --channel: case_channels (lib/case.c), the last
 * "other"; then a case with none recorded. A channel added there must be
 * added to store_report_cases() too (until then it counts as "other"). */
#define N_CHANNELS 7
static const char *const decisions[] = {"upheld", "partly-upheld",
    "not-upheld", "not-investigated", "referred-back"};
#define N_DECISIONS 5

/* Cases closed as out of scope or refused, by reason and category. */
struct refusal {
	char *reason;
	char *category;		/* NULL: none recorded */
	int64_t n;
};

/* One group's figures in one period. */
struct pdata {
	int64_t received;
	int64_t kind[N_KINDS];
	int64_t channel[N_CHANNELS + 1];	/* + none recorded */
	int64_t overall_of, overall_ok;		/* the overall clock */
	struct stage_counts st[MAX_STAGES];
	double median[MAX_STAGES];
	int has_median[MAX_STAGES];
	struct refusal *ref;
	int n_ref;
	int64_t referred;
	int64_t decision[N_DECISIONS + 2];	/* + other, + pending */
};

struct group {
	char *name;		/* NULL: none recorded (or the total) */
	char *key;		/* name_key(name): the store's grouping */
	struct pdata p[2];
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
				rc = cpl_fail(err, CPL_STORE, "out of memory");
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
				rc = cpl_fail(err, CPL_STORE, "out of memory");
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
 * its last day, or whose deadlines fall after it, are refused (lib/case.c),
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
		/* A copy: the policy may leave the session's cache later in
		 * the walk, and its calendar with it. */
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

static const struct out_col overdue_cols[] = {
	{"ref", 0}, {"policy", 0}, {"stage", 1}, {"action", 0}, {"due", 0},
	{"working_days_overdue", 1}, {"officer", 0}, {"service", 0},
};
#define N_OVERDUE_COLS 8

struct overdue_out {
	FILE *f;
	enum format fmt;
	struct out_table *t;	/* begun at the first row */
};

static int
overdue_row(const struct overdue_row *r, void *arg)
{
	struct overdue_out *o = arg;
	char stage[16], late[16];
	const char *v[N_OVERDUE_COLS];

	if (o->t == NULL && (o->t = out_table_begin(o->f, o->fmt, overdue_cols,
	    N_OVERDUE_COLS)) == NULL)
		return CPL_STORE;
	snprintf(stage, sizeof(stage), "%d", r->stage);
	snprintf(late, sizeof(late), "%d", r->late);
	v[0] = r->ref;
	v[1] = r->policy;
	v[2] = stage;
	v[3] = r->action;
	v[4] = r->due;
	v[5] = late;
	v[6] = r->officer;
	v[7] = r->service;
	return out_table_row(o->t, v) == 0 ? 0 : CPL_STORE;
}

int
report_overdue(struct session *s, const struct overdue_filter *f,
    enum format fmt, FILE *out, struct cpl_error *err)
{
	struct overdue_out o = {out, fmt, NULL};
	int rc;

	err->msg[0] = '\0';
	if ((rc = session_known_policy(s, f->policy, err)) ||
	    (rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)) == 0 &&
	    (rc = store_overdue(s->st, f, overdue_row, &o, err)) == 0)
		warn_calendars_ending(s);
	store_read_end(s->st);
	/* Rows whose dates the calendar lacks sort first, so an error comes
	 * before any row; CSV's header and JSON's brackets are printed even
	 * when there is no row, the table nothing at all. */
	if (rc == 0 && o.t == NULL &&
	    (o.t = out_table_begin(out, fmt, overdue_cols, N_OVERDUE_COLS)) ==
	    NULL)
		rc = CPL_STORE;
	if (o.t != NULL)
		out_table_end(o.t);
	if (rc == CPL_STORE && err->msg[0] == '\0')
		cpl_fail(err, CPL_STORE, "out of memory");
	return rc;
}

/* --- gathering the figures of a period --- */

static void
pdata_free(struct pdata *d)
{
	for (int i = 0; i < d->n_ref; i++) {
		free(d->ref[i].reason);
		free(d->ref[i].category);
	}
	free(d->ref);
}

static void
groups_free(struct groups *gs)
{
	for (int k = 0; k < 2; k++)
		pdata_free(&gs->total.p[k]);
	for (int i = 0; i < gs->n; i++) {
		for (int k = 0; k < 2; k++)
			pdata_free(&gs->v[i].p[k]);
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

/* Two services (or officers) one group, as the store groups them
 * (name_key: the case of letters, the spaces around and within). */
static int
same_group(const char *a, const char *b)
{
	char *ka, *kb;
	int same;

	if (a == NULL || b == NULL)
		return a == b;
	ka = name_key(a);
	kb = name_key(b);
	/* Out of memory: the case of letters, at least. */
	same = ka != NULL && kb != NULL ? strcmp(ka, kb) == 0 :
	    strcasecmp(a, b) == 0;
	free(ka);
	free(kb);
	return same;
}

/*
 * The group of name (the total when total), added if new; NULL if out of
 * memory. Found by name_key, as the store groups the rows (BY_GROUP in
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
	int total;
};

static int
gather_stage(const char *group, int stage, const struct stage_counts *c,
    void *arg)
{
	struct gather *a = arg;
	struct group *g;

	if (stage < 1 || stage > MAX_STAGES)
		return 0;
	if ((g = group_of(a->gs, a->total, group)) == NULL)
		return CPL_STORE;
	g->p[a->period].st[stage - 1] = *c;
	if (stage > a->gs->max_stage)
		a->gs->max_stage = stage;
	return 0;
}

static int
gather_median(const char *group, int stage, double median, void *arg)
{
	struct gather *a = arg;
	struct group *g;

	if (stage < 1 || stage > MAX_STAGES)
		return 0;
	if ((g = group_of(a->gs, a->total, group)) == NULL)
		return CPL_STORE;
	g->p[a->period].median[stage - 1] = median;
	g->p[a->period].has_median[stage - 1] = 1;
	return 0;
}

static int
gather_case(const char *group, const struct case_counts *n, void *arg)
{
	struct gather *a = arg;
	struct group *g;
	struct pdata *d;

	if ((g = group_of(a->gs, a->total, group)) == NULL)
		return CPL_STORE;
	d = &g->p[a->period];
	d->received += n->received;
	for (int i = 0; i < N_KINDS; i++)
		d->kind[i] += n->kind[i];
	for (int i = 0; i < N_CHANNELS; i++)
		d->channel[i] += n->channel[i];
	/* An unknown channel (never from log) counts as "other". */
	d->channel[N_CHANNELS - 1] += n->channel[N_CHANNELS];
	d->channel[N_CHANNELS] += n->channel[N_CHANNELS + 1];
	d->overall_of += n->overall_of;
	d->overall_ok += n->overall_ok;
	return 0;
}

static int
gather_refusal(const char *group, const char *reason, const char *category,
    int64_t n, void *arg)
{
	struct gather *a = arg;
	struct group *g;
	struct pdata *d;
	struct refusal *nr;
	int i;

	if ((g = group_of(a->gs, a->total, group)) == NULL)
		return CPL_STORE;
	d = &g->p[a->period];
	for (i = 0; i < d->n_ref; i++)
		if (strcmp(d->ref[i].reason, reason) == 0 &&
		    same_name(d->ref[i].category, category))
			break;
	if (i == d->n_ref) {
		if ((nr = realloc(d->ref, (d->n_ref + 1) * sizeof(*nr))) == NULL)
			return CPL_STORE;
		d->ref = nr;
		nr = &d->ref[d->n_ref++];
		nr->n = 0;
		nr->reason = strdup(reason);
		nr->category = category ? strdup(category) : NULL;
		if (nr->reason == NULL || (category && !nr->category))
			return CPL_STORE;
	}
	d->ref[i].n += n;
	return 0;
}

static int
gather_referral(const char *group, const char *decision, int64_t n, void *arg)
{
	struct gather *a = arg;
	struct group *g;
	struct pdata *d;
	int i;

	if ((g = group_of(a->gs, a->total, group)) == NULL)
		return CPL_STORE;
	d = &g->p[a->period];
	d->referred += n;
	for (i = 0; decision != NULL && i < N_DECISIONS; i++)
		if (strcmp(decision, decisions[i]) == 0)
			break;
	d->decision[decision == NULL ? N_DECISIONS + 1 : i] += n;
	return 0;
}

/* The store's callbacks return CPL_STORE when out of memory, with no
 * message: give it one. */
static int
oom(int rc, struct cpl_error *err)
{
	if (rc == CPL_STORE && err->msg[0] == '\0')
		cpl_fail(err, CPL_STORE, "out of memory");
	return rc;
}

/* Everything of one period, in all and by group. */
static int
gather_period(struct session *s, struct groups *gs, int period, cpl_date from,
    cpl_date to, const char *by, const struct code_days *code,
    struct cpl_error *err)
{
	int rc;

	if ((rc = store_report_fill(s->st, period, from, to, by, s->today, code,
	    err)))
		return rc;
	for (int total = 1; total >= (by ? 0 : 1); total--) {
		struct gather a = {gs, period, total};

		if ((rc = store_report_stages(s->st, period, total, code,
		    gather_stage, &a, err)) ||
		    (rc = store_report_medians(s->st, period, total,
		    gather_median, &a, err)) ||
		    (rc = store_report_cases(s->st, from, to, s->today, by, total,
		    kinds, case_channels, gather_case, &a, err)) ||
		    (rc = store_report_refusals(s->st, from, to, by, total,
		    gather_refusal, &a, err)) ||
		    (rc = store_report_referrals(s->st, from, to, by, total,
		    gather_referral, &a, err)))
			return oom(rc, err);
	}
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

static void
figures_free(struct figures *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].group);
		free(fs->v[i].figure);
		free(fs->v[i].detail);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

static struct fig *
fig_add(struct figures *fs, const char *section, const char *group,
    const char *figure)
{
	struct fig *f;

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 128;
		struct fig *nv = realloc(fs->v, cap * sizeof(*nv));
		if (nv == NULL)
			return NULL;
		fs->v = nv;
		fs->cap = cap;
	}
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->section = section;
	f->figure = strdup(figure);
	if (group != NULL)
		f->group = strdup(group);
	if (f->figure == NULL || (group != NULL && f->group == NULL)) {
		free(f->figure);
		free(f->group);
		return NULL;
	}
	fs->n++;
	return f;
}

const struct fig *
fig_find(const struct figures *fs, const char *section, const char *group,
    const char *figure)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].section, section) == 0 &&
		    same_name(fs->v[i].group, group) &&
		    strcmp(fs->v[i].figure, figure) == 0)
			return &fs->v[i];
	return NULL;
}

/*
 * Emitting one group's figures: `np` periods of g. The macros evaluate V
 * and OF with `d` pointing at the group's figures of each period (and `c`
 * at stage s's); OF < 0: not counted out of anything.
 */
struct emit {
	struct figures *fs;
	const char *section;
	const struct group *g;
	int np;
	int max_stage;
};

#define NAME(...) snprintf(name, sizeof(name), __VA_ARGS__)

#define COUNT(V, OF) do {						\
	struct fig *f_;							\
	if ((f_ = fig_add(e->fs, e->section, e->g->name, name)) == NULL)	\
		return -1;						\
	for (int k_ = 0; k_ < e->np; k_++) {				\
		const struct pdata *d = &e->g->p[k_];			\
		const struct stage_counts *c = &d->st[s - 1];		\
		(void)d; (void)c;					\
		f_->p[k_].set = 1;					\
		f_->p[k_].v = (V);					\
		f_->p[k_].of = (OF);					\
		f_->has_of = (OF) >= 0;					\
	}								\
} while (0)

#define DECIMAL(SET, V, OF) do {					\
	struct fig *f_;							\
	if ((f_ = fig_add(e->fs, e->section, e->g->name, name)) == NULL)	\
		return -1;						\
	f_->decimal = 1;						\
	for (int k_ = 0; k_ < e->np; k_++) {				\
		const struct pdata *d = &e->g->p[k_];			\
		const struct stage_counts *c = &d->st[s - 1];		\
		f_->p[k_].set = (SET);					\
		f_->p[k_].d = f_->p[k_].set ? (V) : 0;			\
		f_->p[k_].of = (OF);					\
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
refused(const struct pdata *d, const char *reason, const char *category,
    int any_category)
{
	int64_t n = 0;

	for (int i = 0; i < d->n_ref; i++)
		if (strcmp(d->ref[i].reason, reason) == 0 &&
		    (any_category || same_name(d->ref[i].category, category)))
			n += d->ref[i].n;
	return n;
}

/* The cases closed as out of scope or refused, and their categories (the
 * categories of either period, so the years line up). */
static int
emit_refusals(struct emit *e)
{
	static const char *const reasons[] = {"out-of-scope", "refused"};
	struct refusal *all = NULL;
	int n = 0, s = 1;
	char name[512];

	for (int k = 0; k < e->np; k++) {
		const struct pdata *p = &e->g->p[k];
		struct refusal *na;

		if (p->n_ref == 0)
			continue;
		if ((na = realloc(all, (n + p->n_ref) * sizeof(*na))) == NULL) {
			free(all);
			return -1;
		}
		all = na;
		memcpy(all + n, p->ref, p->n_ref * sizeof(*na));
		n += p->n_ref;
	}
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_refusal);
	for (int r = 0; r < 2; r++) {
		NAME("closed.%s", reasons[r]);
		COUNT(refused(d, reasons[r], NULL, 1), d->received);
		for (int i = 0; i < n; i++) {
			const char *cat = all[i].category;

			if (strcmp(all[i].reason, reasons[r]) != 0 ||
			    (i > 0 && cmp_refusal(&all[i - 1], &all[i]) == 0))
				continue;
			NAME("closed.%s.%s", reasons[r], cat ? cat : "(none)");
			COUNT(refused(d, reasons[r], cat, 0),
			    refused(d, reasons[r], NULL, 1));
		}
	}
	free(all);
	return 0;
}

/* Every figure of one group (summary, and the annual report's "all" and
 * "service" sections). */
static int
emit_group(struct emit *e)
{
	static const char *const outcomes[] = {"upheld", "partly-upheld",
	    "not-upheld"};
	char name[512];
	int s = 1;

	NAME("received");
	COUNT(d->received, -1);
	for (int i = 0; i < N_KINDS; i++) {
		NAME("received.%s", kinds[i]);
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
	for (s = 1; s <= e->max_stage; s++) {
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
		for (int i = 0; i < 3; i++) {
			NAME("stage%d.outcome.%s", s, outcomes[i]);
			COUNT(c->outcome[i], c->responded);
		}
		NAME("stage%d.extended", s);
		COUNT(c->extended, c->opened);
		NAME("stage%d.extensions", s);
		COUNT(c->extensions, -1);
		NAME("stage%d.extension_days", s);
		COUNT(c->ext_days, -1);
		if (s < e->max_stage) {
			NAME("stage%d.escalated", s);
			COUNT(c->escalated, c->opened);
		}
		if (s > 1) {
			NAME("stage%d.handled_by_different_person", s);
			COUNT(c->diff_ok, c->diff_of);
		}
	}
	if (emit_refusals(e))
		return -1;
	NAME("ombudsman.referred");
	COUNT(d->referred, -1);
	for (int i = 0; i < N_DECISIONS + 2; i++) {
		if (i == N_DECISIONS) {
			/* "other": shown only when some decision is unknown. */
			int any = 0;
			for (int k = 0; k < e->np; k++)
				any |= e->g->p[k].decision[i] != 0;
			if (!any)
				continue;
		}
		NAME("ombudsman.%s", i < N_DECISIONS ? decisions[i] :
		    i == N_DECISIONS ? "other" : "pending");
		COUNT(d->decision[i], d->referred);
	}
	return 0;
}

/* The total, then each group (sorted, none last), of section by. */
static int
emit_groups(struct figures *fs, struct groups *gs, const char *by, int np)
{
	struct emit e = {fs, "all", &gs->total, np,
	    gs->max_stage < 2 ? 2 : gs->max_stage};

	if (emit_group(&e))
		return -1;
	if (by == NULL)
		return 0;
	if (gs->n > 0)
		qsort(gs->v, gs->n, sizeof(*gs->v), cmp_group);
	e.section = by;
	for (int i = 0; i < gs->n; i++) {
		e.g = &gs->v[i];
		if (emit_group(&e))
			return -1;
	}
	return 0;
}

/* --- values as text --- */

const char *
fig_value(const struct fig *f, int k, char *buf)
{
	if (!f->p[k].set)
		return NULL;
	if (f->decimal)
		snprintf(buf, 32, "%.1f", f->p[k].d);
	else
		snprintf(buf, 32, "%lld", (long long)f->p[k].v);
	return buf;
}

const char *
fig_of(const struct fig *f, int k, char *buf)
{
	if (!f->has_of && !f->decimal)
		return NULL;
	snprintf(buf, 32, "%lld", (long long)f->p[k].of);
	return buf;
}

const char *
fig_percent(const struct fig *f, int k, char *buf)
{
	if (!f->has_of || f->decimal || !f->p[k].set || f->p[k].of <= 0)
		return NULL;
	snprintf(buf, 32, "%.1f", 100.0 * (double)f->p[k].v /
	    (double)f->p[k].of);
	return buf;
}

/* --- report summary --- */

static const struct out_col summary_cols[] = {
	{"by", 0}, {"group", 0}, {"figure", 0}, {"value", 1}, {"of", 1},
	{"percent", 1},
};

int
report_summary(struct session *s, cpl_date from, cpl_date to,
    const char *by, enum format fmt, FILE *out, struct cpl_error *err)
{
	struct groups gs;
	struct figures fs;
	struct out_table *t;
	int rc;

	memset(&gs, 0, sizeof(gs));
	memset(&fs, 0, sizeof(fs));
	err->msg[0] = '\0';
	if (from > to)
		return cpl_fail(err, CPL_USAGE, "--from is after --to");
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)) == 0)
		rc = gather_period(s, &gs, 0, from, to, by, NULL, err);
	store_read_end(s->st);
	if (rc == 0 && emit_groups(&fs, &gs, by, 1))
		rc = cpl_fail(err, CPL_STORE, "out of memory");
	if (rc == 0 &&
	    (t = out_table_begin(out, fmt, summary_cols, 6)) == NULL)
		rc = cpl_fail(err, CPL_STORE, "out of memory");
	for (size_t i = 0; rc == 0 && i < fs.n; i++) {
		const struct fig *f = &fs.v[i];
		char b[3][32];
		const char *v[6] = {f->section, f->group, f->figure,
		    fig_value(f, 0, b[0]), fig_of(f, 0, b[1]),
		    fig_percent(f, 0, b[2])};

		if (out_table_row(t, v))
			rc = cpl_fail(err, CPL_STORE, "out of memory");
	}
	if (rc == 0)
		out_table_end(t);
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
	    err)) == 0)
		rc = store_report_deadlines(s->st, 0, fn, arg, err);
	store_read_end(s->st);
	return rc;
}

/* --- report annual --- */

static int
gather_month(const char *month, int64_t n, void *arg)
{
	int64_t *m = arg;
	int mm = month && strlen(month) == 7 ? atoi(month + 5) : 0;

	if (mm >= 1 && mm <= 12)
		m[mm - 1] = n;
	return 0;
}

/* The self-assessment against the Complaint Handling Code. */
static int
emit_code(struct session *s, struct figures *fs, struct groups *gs,
    struct cpl_error *err)
{
	static const struct {
		int stage;
		enum code_measure m;
	} rows[] = {
		{1, CODE_ACK}, {1, CODE_RESPOND}, {2, CODE_ACK},
		{2, CODE_RESPOND}, {1, CODE_EXTENSION}, {2, CODE_EXTENSION},
		{2, CODE_HANDLER},
	};
	char name[128];
	int rc;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int st = rows[i].stage, days = code_days.respond[st - 1];
		struct fig *f;

		switch (rows[i].m) {
		case CODE_ACK:
			NAME("stage%d.acknowledged_within_%d_working_days", st,
			    code_days.ack);
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
		if ((f = fig_add(fs, "self-assessment", NULL, name)) == NULL)
			return cpl_fail(err, CPL_STORE, "out of memory");
		f->has_of = 1;
		for (int k = 0; k < 2; k++) {
			const struct stage_counts *c = &gs->total.p[k].st[st - 1];
			int64_t ok = 0, of = 0;

			switch (rows[i].m) {
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
			f->p[k].set = 1;
			f->p[k].v = ok;
			f->p[k].of = of;
		}
		if ((rc = store_report_missed(s->st, 0, st, rows[i].m,
		    &code_days, &f->detail, err)))
			return rc;
	}
	return 0;
}

/* Stage 1 complaints by month, this year beside last. */
static int
emit_months(struct figures *fs, int year, int64_t months[2][12])
{
	for (int m = 0; m < 12; m++) {
		char group[16];
		struct fig *f;

		snprintf(group, sizeof(group), "%04d-%02d", year % 10000, m + 1);
		if ((f = fig_add(fs, "month", group, "stage1.opened")) == NULL)
			return -1;
		for (int k = 0; k < 2; k++) {
			f->p[k].set = 1;
			f->p[k].v = months[k][m];
		}
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

		if (g->p[0].kind[2] == 0 && g->p[1].kind[2] == 0)
			continue;
		if ((f = fig_add(fs, "compliments", g->name,
		    "received.compliment")) == NULL)
			return -1;
		for (int k = 0; k < 2; k++) {
			f->p[k].set = 1;
			f->p[k].v = g->p[k].kind[2];
		}
	}
	return 0;
}

static const struct out_col annual_cols[] = {
	{"section", 0}, {"group", 0}, {"figure", 0}, {"value", 1}, {"of", 1},
	{"percent", 1}, {"previous_value", 1}, {"previous_of", 1},
	{"previous_percent", 1}, {"ref", 0}, {"detail", 0},
};
#define N_ANNUAL_COLS 11

struct texts_out {
	FILE *f;
	int html;
	struct out_table *t;
	int n;
	char *service;		/* HTML: the heading in force */
};

static int
annual_text(const char *ref, const char *service, int stage, const char *kind,
    const char *text, void *arg)
{
	struct texts_out *o = arg;
	char st[16];
	const char *v[N_ANNUAL_COLS] = {"learning", service, kind, st, NULL,
	    NULL, NULL, NULL, NULL, ref, text};

	o->n++;
	if (o->html) {
		/* A heading at each new service. */
		int heading = o->n == 1 ? 1 :
		    !same_group(o->service, service) ? 2 : 0;

		if (heading) {
			free(o->service);
			o->service = service ? strdup(service) : NULL;
			if (service && o->service == NULL)
				return CPL_STORE;
		}
		html_text(o->f, heading, ref, service, stage, kind, text);
		return 0;
	}
	snprintf(st, sizeof(st), "%d", stage);
	return out_table_row(o->t, v) == 0 ? 0 : CPL_STORE;
}

int
report_annual(struct session *s, int year, enum format fmt, int html,
    FILE *out, struct cpl_error *err)
{
	struct groups gs;
	struct figures fs;
	struct texts_out o = {out, html, NULL, 0, NULL};
	int64_t months[2][12];
	cpl_date from, to;
	int rc;

	memset(&gs, 0, sizeof(gs));
	memset(&fs, 0, sizeof(fs));
	memset(months, 0, sizeof(months));
	err->msg[0] = '\0';
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = load_calendars(s, err)))
		goto out;
	for (int k = 0; k < 2; k++) {
		from = date_from_ymd(year - k, 1, 1);
		to = date_from_ymd(year - k, 12, 31);
		if ((rc = gather_period(s, &gs, k, from, to, "service",
		    &code_days, err)) ||
		    (rc = store_report_months(s->st, k, gather_month, months[k],
		    err)))
			goto out;
	}
	if (emit_groups(&fs, &gs, "service", 2) ||
	    emit_months(&fs, year, months) || emit_compliments(&fs, &gs)) {
		rc = cpl_fail(err, CPL_STORE, "out of memory");
		goto out;
	}
	if ((rc = emit_code(s, &fs, &gs, err)))
		goto out;

	/* The figures, then the remedies and learning, streamed. */
	if (html) {
		html_begin(out, year, &fs);
	} else {
		if ((o.t = out_table_begin(out, fmt, annual_cols,
		    N_ANNUAL_COLS)) == NULL) {
			rc = cpl_fail(err, CPL_STORE, "out of memory");
			goto out;
		}
		for (size_t i = 0; i < fs.n; i++) {
			const struct fig *f = &fs.v[i];
			char b[6][32];
			const char *v[N_ANNUAL_COLS] = {f->section, f->group,
			    f->figure, fig_value(f, 0, b[0]), fig_of(f, 0, b[1]),
			    fig_percent(f, 0, b[2]), fig_value(f, 1, b[3]),
			    fig_of(f, 1, b[4]), fig_percent(f, 1, b[5]), NULL,
			    f->detail};

			if (out_table_row(o.t, v)) {
				rc = cpl_fail(err, CPL_STORE, "out of memory");
				goto out;
			}
		}
	}
	rc = store_report_texts(s->st, date_from_ymd(year, 1, 1),
	    date_from_ymd(year, 12, 31), annual_text, &o, err);
	rc = oom(rc, err);
	if (html)
		html_end(out, o.n);
out:
	store_read_end(s->st);
	if (o.t != NULL)
		out_table_end(o.t);
	free(o.service);
	figures_free(&fs);
	groups_free(&gs);
	return rc;
}
