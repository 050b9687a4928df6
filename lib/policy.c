/*
 * policy.c: reading policies/ID.yaml (see policy.h and complaints-policy(5)).
 *
 * Strict: an unknown key, a missing key, a wrong type or a number out of range
 * is an error at FILE:LINE:COLUMN, and no command runs on a bad policy.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "policy.h"
#include "util.h"
#include "vocabulary.h"

#define MAX_DAYS 400		/* no timescale in a complaints policy is longer */

static const char *const rule_keys_ts[] = {"days", "from", "target_days",
    "source", NULL};
static const char *const need_ts[] = {"days", "from", "source", NULL};
static const char *const need_source[] = {"source", NULL};

int
policy_id_ok(const char *id)
{
	if (*id == '\0')
		return 0;
	for (const char *c = id; *c; c++)
		if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) ||
		    *c == '-'))
			return 0;
	return 1;
}

static int
read_timescale(struct ydoc *y, yaml_node_t *n, const char *what, int stage,
    struct timescale *ts, struct cpl_error *err)
{
	const char *from = NULL;
	yaml_node_t *fn;
	int rc;

	if (n == NULL)
		return 0;
	if ((rc = ydoc_map(y, n, what, rule_keys_ts, need_ts, err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, n, "days"), "days", 1, MAX_DAYS,
	    &ts->days, err)) ||
	    (rc = ydoc_get_int(y, n, "target_days", 1, ts->days,
	    &ts->target_days, err)) ||
	    (rc = ydoc_get_str(y, n, "source", &ts->source, err)))
		return rc;
	fn = ydoc_get(y, n, "from");
	if ((rc = ydoc_str(y, fn, "from", &from, err)))
		return rc;
	if (strcmp(from, "acknowledged") == 0)
		ts->from = CLOCK_ACKNOWLEDGED;
	else if (strcmp(from, stage == 1 ? "received" : "escalated") == 0)
		ts->from = CLOCK_OPENED;
	else
		return ydoc_fail(y, fn, err,
		    "'from' at stage %d must be %s or acknowledged, not '%s'",
		    stage, stage == 1 ? "received" : "escalated", from);
	if (strcmp(what, "acknowledge") == 0 && ts->from != CLOCK_OPENED)
		return ydoc_fail(y, fn, err,
		    "an acknowledgement can't count from itself");
	ts->set = 1;
	return 0;
}

static int
read_stage(struct ydoc *y, yaml_node_t *n, int want, struct stage_rules *s,
    int stored, struct cpl_error *err)
{
	static const char *const keys[] = {"stage", "name", "acknowledge",
	    "respond", "extension", "request", "handler", NULL};
	/* Every stage answers the complaint in some number of days: a
	 * stage without a response timescale is an incomplete file. A text
	 * stored with cases by an older complaints, which did not ask for
	 * it, is read as it was (its cases must stay readable). */
	static const char *const need[] = {"stage", "name", "respond", NULL};
	static const char *const need_stored[] = {"stage", "name", NULL};
	static const char *const ext_keys[] = {"max_days", "reason_required",
	    "tell_complainant", "source", NULL};
	static const char *const req_keys[] = {"window_days",
	    "reasons_required", "source", NULL};
	static const char *const handler_keys[] = {"different_officer", "who",
	    "source", NULL};
	yaml_node_t *v, *sn;
	int rc, tell = 1;

	memset(s, 0, sizeof(*s));
	s->extension_cap = -1;
	s->review_request_window = -1;
	if ((rc = ydoc_map(y, n, "a stage", keys, stored ? need_stored : need,
	    err)))
		return rc;
	sn = ydoc_get(y, n, "stage");
	if ((rc = ydoc_int(y, sn, "stage", 1, 9, &s->stage, err)) ||
	    (rc = ydoc_get_str(y, n, "name", &s->name, err)))
		return rc;
	if (s->stage != want)
		return ydoc_fail(y, sn, err,
		    "stages must be numbered in order: expected stage %d, not %d",
		    want, s->stage);
	if ((rc = read_timescale(y, ydoc_get(y, n, "acknowledge"),
	    "acknowledge", s->stage, &s->acknowledge, err)) ||
	    (rc = read_timescale(y, ydoc_get(y, n, "respond"), "respond",
	    s->stage, &s->respond, err)))
		return rc;
	/* A response clock that waits for an acknowledgement the policy never
	 * asks for would never start. */
	if (s->respond.set && s->respond.from == CLOCK_ACKNOWLEDGED &&
	    !s->acknowledge.set)
		return ydoc_fail(y, ydoc_get(y, n, "respond"), err,
		    "stage %d's response counts from the acknowledgement, but the "
		    "stage has no 'acknowledge' timescale", s->stage);
	if ((v = ydoc_get(y, n, "extension")) != NULL) {
		s->extension_allowed = 1;
		s->extension_reason_required = 1;
		if ((rc = ydoc_map(y, v, "extension", ext_keys, need_source, err)) ||
		    (rc = ydoc_get_int(y, v, "max_days", 1, MAX_DAYS,
		    &s->extension_cap, err)) ||
		    (rc = ydoc_get_bool(y, v, "reason_required",
		    &s->extension_reason_required, err)) ||
		    (rc = ydoc_get_bool(y, v, "tell_complainant", &tell, err)) ||
		    (rc = ydoc_get_str(y, v, "source", &s->extension_source, err)))
			return rc;
		s->extension_tell = tell;
	}
	if ((v = ydoc_get(y, n, "request")) != NULL) {
		if (s->stage == 1)
			return ydoc_fail(y, v, err,
			    "stage 1 has no 'request': it starts when a case is logged");
		if ((rc = ydoc_map(y, v, "request", req_keys, need_source, err)) ||
		    (rc = ydoc_get_int(y, v, "window_days", 1, MAX_DAYS,
		    &s->review_request_window, err)) ||
		    (rc = ydoc_get_bool(y, v, "reasons_required",
		    &s->review_reasons_required, err)) ||
		    (rc = ydoc_get_str(y, v, "source", &s->review_request_source, err)))
			return rc;
	}
	if ((v = ydoc_get(y, n, "handler")) != NULL) {
		if ((rc = ydoc_map(y, v, "handler", handler_keys, need_source, err)) ||
		    (rc = ydoc_get_bool(y, v, "different_officer",
		    &s->someone_else, err)) ||
		    (rc = ydoc_get_str(y, v, "who", &s->handler_who, err)) ||
		    (rc = ydoc_get_str(y, v, "source", &s->handler_source, err)))
			return rc;
		if (s->stage == 1 && s->someone_else)
			return ydoc_fail(y, v, err,
			    "stage 1 has no previous officer to differ from");
	}
	return 0;
}

/* An ombudsman's matters: one word, or a list of them. */
static int
read_matters(struct ydoc *y, yaml_node_t *n, struct ombudsman *o,
    struct cpl_error *err)
{
	int rc;

	if (n == NULL)
		return 0;
	o->n_matters = n->type == YAML_SEQUENCE_NODE ?
	    (int)ydoc_seq_len(n) : 1;
	if (o->n_matters == 0)
		return ydoc_fail(y, n, err, "matters names nothing: leave it "
		    "out for the body of every other matter");
	if ((o->matters = calloc(o->n_matters, sizeof(*o->matters))) == NULL)
		return cpl_nomem(err);
	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_str(y, n, "matters", &o->matters[0], err);
	for (int i = 0; i < o->n_matters; i++)
		if ((rc = ydoc_str(y, ydoc_seq_item(y, n, i), "a matter",
		    &o->matters[i], err)))
			return rc;
	return 0;
}

/* closure_days: dates, or {from, to} ranges. */
static int
read_closures(struct policy *p, yaml_node_t *n, struct cpl_error *err)
{
	static const char *const range_keys[] = {"from", "to", NULL};
	struct ydoc *y = &p->y;
	int rc, cap = 0;

	if ((rc = ydoc_seq(y, n, "closure_days", err)))
		return rc;
	for (size_t i = 0; i < ydoc_seq_len(n); i++) {
		yaml_node_t *item = ydoc_seq_item(y, n, i);
		cpl_date from = 0, to = 0;

		if (item->type == YAML_MAPPING_NODE) {
			if ((rc = ydoc_map(y, item, "a closure range", range_keys,
			    range_keys, err)) ||
			    (rc = ydoc_date(y, ydoc_get(y, item, "from"), "from",
			    &from, err)) ||
			    (rc = ydoc_date(y, ydoc_get(y, item, "to"), "to", &to,
			    err)))
				return rc;
			if (to < from || to - from > 366)
				return ydoc_fail(y, item, err,
				    "a closure range runs forward, a year at most");
		} else {
			if ((rc = ydoc_date(y, item, "a closure day", &from, err)))
				return rc;
			to = from;
		}
		for (cpl_date d = from; d <= to; d++) {
			if (p->n_closures == cap) {
				cpl_date *nc;
				yaml_node_t **nn;

				cap = cap ? cap * 2 : 16;
				if ((nc = realloc(p->closures, cap * sizeof(*nc))) == NULL)
					return cpl_nomem(err);
				p->closures = nc;
				if ((nn = realloc(p->closure_nodes,
				    cap * sizeof(*nn))) == NULL)
					return cpl_nomem(err);
				p->closure_nodes = nn;
			}
			p->closure_nodes[p->n_closures] = item;
			p->closures[p->n_closures++] = d;
		}
	}
	return 0;
}

/*
 * linked: how the reports count a group of linked complaints: count:
 * once (one investigation, one response: the group is one complaint) or
 * each, with the source that says so.
 */
static int
read_linked(struct policy *p, yaml_node_t *v, struct cpl_error *err)
{
	static const char *const keys[] = {"count", "source", NULL};
	struct ydoc *y = &p->y;
	yaml_node_t *n;
	const char *count = NULL;
	int rc;

	if ((rc = ydoc_map(y, v, "linked", keys, keys, err)) ||
	    (rc = ydoc_str(y, (n = ydoc_get(y, v, "count")), "count", &count,
	    err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->linked_source, err)))
		return rc;
	if (strcmp(count, "once") == 0)
		p->linked_count_once = 1;
	else if (strcmp(count, "each") != 0)
		return ydoc_fail(y, n, err, "count must be once or each, not "
		    "'%s'", count);
	return 0;
}

/*
 * corrections: who may amend a case's details and correct its recorded
 * actions: by: any (every officer), or by: named with the officers, a
 * list of one name at least.
 */
static int
read_corrections(struct policy *p, yaml_node_t *v, const char *const *keys,
    const char *const *need, struct cpl_error *err)
{
	struct ydoc *y = &p->y;
	yaml_node_t *by, *n;
	const char *who = NULL;
	int rc;

	if ((rc = ydoc_map(y, v, "corrections", keys, need, err)) ||
	    (rc = ydoc_str(y, (by = ydoc_get(y, v, "by")), "by", &who, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->corrections_source, err)))
		return rc;
	if (strcmp(who, "named") == 0)
		p->corrections_named = 1;
	else if (strcmp(who, "any") != 0)
		return ydoc_fail(y, by, err, "by must be any or named, not '%s'",
		    who);
	n = ydoc_get(y, v, "officers");
	if (!p->corrections_named && n != NULL)
		return ydoc_fail(y, n, err, "officers are named only with "
		    "'by: named'");
	if (!p->corrections_named)
		return 0;
	if (n == NULL)
		return ydoc_fail(y, v, err, "'by: named' needs the officers, "
		    "a list of names");
	if ((rc = ydoc_seq(y, n, "officers", err)))
		return rc;
	if (ydoc_seq_len(n) == 0)
		return ydoc_fail(y, n, err, "officers names nobody: no one could "
		    "correct a case");
	p->n_correction_officers = (int)ydoc_seq_len(n);
	if ((p->correction_officers = calloc(p->n_correction_officers,
	    sizeof(*p->correction_officers))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < p->n_correction_officers; i++)
		if ((rc = ydoc_str(y, ydoc_seq_item(y, n, i), "an officer",
		    &p->correction_officers[i], err)))
			return rc;
	return 0;
}

/*
 * A list of names (or posts), any one of them, into d: key (the key's
 * name, for messages) a non-empty list of non-empty names.
 */
static int
read_names(struct policy *p, yaml_node_t *n, const char *key,
    struct deciders *d, struct cpl_error *err)
{
	struct ydoc *y = &p->y;
	int rc;

	if ((rc = ydoc_seq(y, n, key, err)))
		return rc;
	if (ydoc_seq_len(n) == 0)
		return ydoc_fail(y, n, err, "%s names nobody: leave it out, or "
		    "list who", key);
	d->n_names = (int)ydoc_seq_len(n);
	if ((d->names = calloc(d->n_names + 1, sizeof(*d->names))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < d->n_names; i++) {
		yaml_node_t *item = ydoc_seq_item(y, n, i);

		if ((rc = ydoc_str(y, item, "a name", &d->names[i], err)))
			return rc;
		if (d->names[i][strspn(d->names[i], " \t")] == '\0')
			return ydoc_fail(y, item, err, "a name in %s is empty",
			    key);
	}
	return 0;
}

/*
 * Who may do what a seed reserves to someone: a map (what: the key) of
 * names_key (a list), role (in words) and source; names or role, or both.
 */
static int
read_deciders(struct policy *p, yaml_node_t *v, const char *what,
    const char *names_key, struct deciders *d, struct cpl_error *err)
{
	const char *keys[] = {names_key, "role", "source", NULL};
	static const char *const need[] = {"source", NULL};
	struct ydoc *y = &p->y;
	yaml_node_t *n;
	int rc;

	if ((rc = ydoc_map(y, v, what, keys, need, err)) ||
	    (rc = ydoc_get_str(y, v, "role", &d->role, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &d->source, err)))
		return rc;
	if ((n = ydoc_get(y, v, names_key)) != NULL &&
	    (rc = read_names(p, n, names_key, d, err)))
		return rc;
	if (n == NULL && d->role == NULL)
		return ydoc_fail(y, v, err, "%s needs %s (a list of names) or "
		    "role (who, in words)", what, names_key);
	d->set = 1;
	return 0;
}

int
policy_same_name(const char *a, const char *b)
{
	char *ka, *kb;
	int same;

	if (a == NULL || b == NULL)
		return 0;
	ka = name_key(a);
	kb = name_key(b);
	if (ka == NULL || kb == NULL) {
		free(ka);
		free(kb);
		return -1;
	}
	same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

int
deciders_allow(const struct deciders *d, const char *name, int *ok)
{
	*ok = d->n_names == 0;
	for (int i = 0; !*ok && i < d->n_names; i++) {
		int same = policy_same_name(d->names[i], name);

		if (same < 0)
			return -1;
		*ok = same;
	}
	return 0;
}

/* The month names reporting_year takes, January first. */
/*
 * holds: the clock stops the policy allows: allowed, a list of one word
 * of hold_reasons at least (lib/vocabulary.c), each once, and the
 * source that allows them.
 */
static int
read_holds(struct policy *p, yaml_node_t *v, struct cpl_error *err)
{
	static const char *const keys[] = {"allowed", "source", NULL};
	struct ydoc *y = &p->y;
	yaml_node_t *n;
	char words[256];
	int rc;

	if ((rc = ydoc_map(y, v, "holds", keys, keys, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->holds_source, err)) ||
	    (rc = ydoc_seq(y, (n = ydoc_get(y, v, "allowed")), "allowed",
	    err)))
		return rc;
	p->holds_node = v;
	if (ydoc_seq_len(n) == 0)
		return ydoc_fail(y, n, err, "allowed lists no reason: leave out "
		    "'holds' for a policy that allows none");
	p->n_hold_reasons = (int)ydoc_seq_len(n);
	if ((p->hold_reasons = calloc(p->n_hold_reasons,
	    sizeof(*p->hold_reasons))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < p->n_hold_reasons; i++) {
		yaml_node_t *item = ydoc_seq_item(y, n, i);

		if ((rc = ydoc_str(y, item, "a reason", &p->hold_reasons[i],
		    err)))
			return rc;
		if (word_index(hold_reasons, p->hold_reasons[i]) < 0)
			return ydoc_fail(y, item, err, "'%s' is not a reason to "
			    "hold a case (%s)", p->hold_reasons[i],
			    word_list(hold_reasons, words, sizeof(words)));
		for (int k = 0; k < i; k++)
			if (strcmp(p->hold_reasons[k], p->hold_reasons[i]) == 0)
				return ydoc_fail(y, item, err, "reason '%s' is "
				    "listed twice", p->hold_reasons[i]);
	}
	return 0;
}

static const char *const month_words[] = {"january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december"};

/* reporting_year: the month a council's reporting year starts (April: a
 * financial year), January when absent. */
static int
read_reporting_year(struct policy *p, yaml_node_t *n, struct cpl_error *err)
{
	const char *s;
	int rc;

	p->reporting_month = 1;
	if (n == NULL)
		return 0;
	if ((rc = ydoc_str(&p->y, n, "reporting_year", &s, err)))
		return rc;
	for (int m = 0; m < 12; m++)
		if (strcmp(s, month_words[m]) == 0) {
			p->reporting_month = m + 1;
			return 0;
		}
	return ydoc_fail(&p->y, n, err, "reporting_year is the month the "
	    "year starts (january, april, ...), not '%s'", s);
}

/* letterhead: the sender and address block of an HTML letter. */
static int
read_letterhead(struct policy *p, yaml_node_t *v, struct cpl_error *err)
{
	static const char *const keys[] = {"name", "address", "phone", "email",
	    "website", NULL};
	static const char *const need[] = {"name", NULL};
	struct ydoc *y = &p->y;
	int rc;

	if (v == NULL)
		return 0;
	if ((rc = ydoc_map(y, v, "letterhead", keys, need, err)) ||
	    (rc = ydoc_get_str(y, v, "name", &p->letterhead_name, err)) ||
	    (rc = ydoc_get_str(y, v, "address", &p->letterhead_address, err)) ||
	    (rc = ydoc_get_str(y, v, "phone", &p->letterhead_phone, err)) ||
	    (rc = ydoc_get_str(y, v, "email", &p->letterhead_email, err)) ||
	    (rc = ydoc_get_str(y, v, "website", &p->letterhead_website, err)))
		return rc;
	return 0;
}

/*
 * letters: a mapping of letter kinds (acknowledgement, response-stage2,
 * ...) to what the seed requires the letter to state ('requires', a list
 * of element names, checked against the template by policy check) and
 * where it says so ('source').
 */
static int
read_letters(struct policy *p, yaml_node_t *v, struct cpl_error *err)
{
	static const char *const keys[] = {"requires", "source", NULL};
	static const char *const need[] = {"requires", "source", NULL};
	struct ydoc *y = &p->y;
	yaml_node_pair_t *pr;
	int rc, i = 0;

	if (v == NULL)
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, v, err, "letters must be a mapping of letter "
		    "kinds (acknowledgement, response, ...)");
	p->n_letters = (int)(v->data.mapping.pairs.top -
	    v->data.mapping.pairs.start);
	if ((p->letters = calloc(p->n_letters + 1, sizeof(*p->letters))) ==
	    NULL)
		return cpl_nomem(err);
	for (pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top;
	    pr++, i++) {
		struct letter_rules *l = &p->letters[i];
		yaml_node_t *k = yaml_document_get_node(&y->doc, pr->key);
		yaml_node_t *n = yaml_document_get_node(&y->doc, pr->value);
		yaml_node_t *rq;

		l->node = k;
		if ((rc = ydoc_str(y, k, "a letter kind", &l->kind, err)))
			return rc;
		if (!policy_id_ok(l->kind) || strlen(l->kind) > 64)
			return ydoc_fail(y, k, err, "letter kind '%s' must be "
			    "lower-case letters, digits and '-' (it names a "
			    "template file)", l->kind);
		for (int k2 = 0; k2 < i; k2++)
			if (strcmp(p->letters[k2].kind, l->kind) == 0)
				return ydoc_fail(y, k, err, "letter '%s' is "
				    "listed twice", l->kind);
		if ((rc = ydoc_map(y, n, "a letter", keys, need, err)) ||
		    (rc = ydoc_get_str(y, n, "source", &l->source, err)) ||
		    (rc = ydoc_seq(y, (rq = ydoc_get(y, n, "requires")),
		    "requires", err)))
			return rc;
		l->n_requires = (int)ydoc_seq_len(rq);
		if ((l->requires = calloc(l->n_requires + 1,
		    sizeof(*l->requires))) == NULL ||
		    (l->requires_nodes = calloc(l->n_requires + 1,
		    sizeof(*l->requires_nodes))) == NULL)
			return cpl_nomem(err);
		for (int e = 0; e < l->n_requires; e++) {
			l->requires_nodes[e] = ydoc_seq_item(y, rq, e);
			if ((rc = ydoc_str(y, l->requires_nodes[e],
			    "a required element", &l->requires[e], err)))
				return rc;
		}
	}
	return 0;
}

static int
read_top(struct policy *p, yaml_node_t *root, struct cpl_error *err)
{
	static const char *const keys[] = {"id", "name", "version", "seed",
	    "feedback",
	    "reference_prefix", "calendar", "closure_days", "time_limit",
	    "anonymous", "representative", "overall", "informal_resolution",
	    "restrictions", "retention", "corrections", "exclusions",
	    "ombudsman", "stages", "council", "reporting_year", "attachments",
	    "letterhead", "letters", "holds", "linked", "senior_officers",
	    "late", "homes", NULL};
	static const char *const need[] = {"id", "name", "version", "seed",
	    "reference_prefix", "calendar", "time_limit", "anonymous",
	    "exclusions", "ombudsman", "stages", NULL};
	static const char *const tl_keys[] = {"months", "late", "source", NULL};
	static const char *const anon_keys[] = {"handling", "unless_categories",
	    "source", NULL};
	static const char *const anon_need[] = {"handling", "source", NULL};
	static const char *const restr_keys[] = {"decided_by", "deciders",
	    "source", NULL};
	static const char *const restr_need[] = {"source", NULL};
	static const char *const retention_keys[] = {"years", "source", NULL};
	static const char *const homes_keys[] = {"number", "source", NULL};
	static const char *const homes_need[] = {"number", NULL};
	static const char *const attach_keys[] = {"max_mib", "source", NULL};
	static const char *const attach_need[] = {"max_mib", NULL};
	static const char *const feedback_keys[] = {"acknowledge", NULL};
	static const char *const corr_keys[] = {"by", "officers", "source",
	    NULL};
	static const char *const corr_need[] = {"by", "source", NULL};
	static const char *const rep_keys[] = {"consent_required", "source", NULL};
	static const char *const overall_keys[] = {"weeks", "from", "source", NULL};
	static const char *const informal_keys[] = {"hours", "source", NULL};
	static const char *const excl_keys[] = {"category", "route", "refuse",
	    "source", NULL};
	static const char *const excl_need[] = {"category", "source", NULL};
	static const char *const omb_keys[] = {"bodies", "source", NULL};
	static const char *const body_keys[] = {"id", "name", "matters",
	    "address", "phone", "email", "website", "source", NULL};
	static const char *const body_need[] = {"id", "name", NULL};
	static const char *const handling[] = {"accept", "refuse",
	    "service-request"};
	struct ydoc *y = &p->y;
	yaml_node_t *v, *n;
	const char *s = NULL;
	int rc;

	if ((rc = ydoc_map(y, root, "a policy", keys, need, err)))
		return rc;
	v = ydoc_get(y, root, "id");
	if ((rc = ydoc_str(y, v, "id", &p->id, err)))
		return rc;
	if (!policy_id_ok(p->id))
		return ydoc_fail(y, v, err,
		    "id '%s' must be lower-case letters, digits and '-'", p->id);
	if ((rc = ydoc_get_str(y, root, "name", &p->name, err)) ||
	    (rc = ydoc_get_str(y, root, "version", &p->version, err)) ||
	    (rc = ydoc_get_str(y, root, "seed", &p->seed, err)) ||
	    (rc = ydoc_get_str(y, root, "calendar", &p->calendar_id, err)) ||
	    (rc = ydoc_get_str(y, root, "council", &p->council, err)) ||
	    (rc = read_reporting_year(p, ydoc_get(y, root, "reporting_year"),
	    err)))
		return rc;
	if (p->council != NULL && p->council[strspn(p->council, " \t")] == '\0')
		return ydoc_fail(y, ydoc_get(y, root, "council"), err,
		    "council is empty: leave it out where the document names "
		    "no council");
	if (!policy_id_ok(p->calendar_id))
		return ydoc_fail(y, ydoc_get(y, root, "calendar"), err,
		    "calendar '%s' must be lower-case letters, digits and '-'",
		    p->calendar_id);
	v = ydoc_get(y, root, "reference_prefix");
	if ((rc = ydoc_str(y, v, "reference_prefix", &p->prefix, err)))
		return rc;
	if (strlen(p->prefix) < 2 || strlen(p->prefix) > 8 ||
	    strspn(p->prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
	    strlen(p->prefix))
		return ydoc_fail(y, v, err,
		    "reference_prefix must be 2 to 8 capital letters or digits");
	if ((v = ydoc_get(y, root, "closure_days")) != NULL &&
	    (rc = read_closures(p, v, err)))
		return rc;

	v = ydoc_get(y, root, "time_limit");
	if ((rc = ydoc_map(y, v, "time_limit", tl_keys, tl_keys, err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, v, "months"), "months", 1, 120,
	    &p->time_limit_months, err)) ||
	    (rc = ydoc_get_str(y, v, "late", &p->time_limit_late, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->time_limit_source, err)))
		return rc;

	v = ydoc_get(y, root, "anonymous");
	if ((rc = ydoc_map(y, v, "anonymous", anon_keys, anon_need, err)))
		return rc;
	if ((n = ydoc_get(y, v, "unless_categories")) != NULL) {
		if ((rc = ydoc_seq(y, n, "unless_categories", err)))
			return rc;
		p->n_anonymous_unless = (int)ydoc_seq_len(n);
		p->anonymous_unless = calloc(p->n_anonymous_unless + 1,
		    sizeof(*p->anonymous_unless));
		if (p->anonymous_unless == NULL)
			return cpl_nomem(err);
		for (int i = 0; i < p->n_anonymous_unless; i++)
			if ((rc = ydoc_str(y, ydoc_seq_item(y, n, i),
			    "a category", &p->anonymous_unless[i], err)))
				return rc;
	}
	n = ydoc_get(y, v, "handling");
	if ((rc = ydoc_str(y, n, "handling", &s, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->anonymous_source, err)))
		return rc;
	for (rc = 0; rc < 3 && strcmp(s, handling[rc]) != 0; rc++)
		;
	if (rc == 3)
		return ydoc_fail(y, n, err,
		    "handling must be accept, refuse or service-request, not '%s'", s);
	p->anonymous = (enum anonymous_handling)rc;
	rc = 0;

	if ((v = ydoc_get(y, root, "representative")) != NULL &&
	    ((rc = ydoc_map(y, v, "representative", rep_keys, rep_keys, err)) ||
	    (rc = ydoc_get_bool(y, v, "consent_required", &p->consent_required,
	    err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->consent_source, err))))
		return rc;
	if ((v = ydoc_get(y, root, "overall")) != NULL) {
		if ((rc = ydoc_map(y, v, "overall", overall_keys, overall_keys,
		    err)) ||
		    (rc = ydoc_int(y, ydoc_get(y, v, "weeks"), "weeks", 1, 104,
		    &p->overall_weeks, err)) ||
		    (rc = ydoc_get_str(y, v, "source", &p->overall_source, err)) ||
		    (rc = ydoc_str(y, ydoc_get(y, v, "from"), "from", &s, err)))
			return rc;
		if (strcmp(s, "received") != 0)
			return ydoc_fail(y, ydoc_get(y, v, "from"), err,
			    "the overall clock runs from received, not '%s'", s);
	}
	if ((v = ydoc_get(y, root, "informal_resolution")) != NULL &&
	    ((rc = ydoc_map(y, v, "informal_resolution", informal_keys,
	    informal_keys, err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, v, "hours"), "hours", 1, 24 * 30,
	    &p->informal_hours, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->informal_source, err))))
		return rc;

	if ((v = ydoc_get(y, root, "restrictions")) != NULL &&
	    ((rc = ydoc_map(y, v, "restrictions", restr_keys, restr_need,
	    err)) ||
	    (rc = ydoc_get_str(y, v, "decided_by", &p->restrictions_who, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->restrictions_source, err))))
		return rc;
	/* Who may decide a restriction, by name or post: a restriction is
	 * then recorded with who decided it. */
	if (v != NULL && (n = ydoc_get(y, v, "deciders")) != NULL) {
		struct deciders *d = &p->restriction_deciders;

		if ((rc = read_names(p, n, "deciders", d, err)))
			return rc;
		d->role = p->restrictions_who;
		d->source = p->restrictions_source;
		d->set = 1;
	}
	/* Who answers a complaint about a named officer, and who may
	 * accept a complaint past the time limit. */
	if ((v = ydoc_get(y, root, "senior_officers")) != NULL &&
	    (rc = read_deciders(p, v, "senior_officers", "officers",
	    &p->senior_officers, err)))
		return rc;
	if ((v = ydoc_get(y, root, "late")) != NULL &&
	    (rc = read_deciders(p, v, "late", "granted_by", &p->late_granted,
	    err)))
		return rc;

	/* Comments and compliments: acknowledged within a timescale where
	 * the policy sets one (from receipt, as stage 1's). */
	if ((v = ydoc_get(y, root, "feedback")) != NULL &&
	    ((rc = ydoc_map(y, v, "feedback", feedback_keys, feedback_keys,
	    err)) ||
	    (rc = read_timescale(y, ydoc_get(y, v, "acknowledge"),
	    "acknowledge", 1, &p->feedback_ack, err))))
		return rc;

	if ((v = ydoc_get(y, root, "retention")) != NULL &&
	    ((rc = ydoc_map(y, v, "retention", retention_keys, retention_keys,
	    err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, v, "years"), "years", 1, 100,
	    &p->retention_years, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->retention_source, err))))
		return rc;

	/* The homes a council owns, for the housing measures per 1,000
	 * homes of the annual report. */
	if ((v = ydoc_get(y, root, "homes")) != NULL &&
	    ((rc = ydoc_map(y, v, "homes", homes_keys, homes_need, err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, v, "number"), "number", 1, 10000000,
	    &p->homes, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->homes_source, err))))
		return rc;

	/* The largest document a case file keeps: a council's own limit,
	 * with or without the document that sets it. */
	if ((v = ydoc_get(y, root, "attachments")) != NULL &&
	    ((rc = ydoc_map(y, v, "attachments", attach_keys, attach_need,
	    err)) ||
	    (rc = ydoc_int(y, ydoc_get(y, v, "max_mib"), "max_mib", 1, 1024,
	    &p->attach_max_mib, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->attach_source, err))))
		return rc;

	if ((v = ydoc_get(y, root, "corrections")) != NULL &&
	    (rc = read_corrections(p, v, corr_keys, corr_need, err)))
		return rc;

	if ((v = ydoc_get(y, root, "holds")) != NULL &&
	    (rc = read_holds(p, v, err)))
		return rc;
	if ((v = ydoc_get(y, root, "linked")) != NULL &&
	    (rc = read_linked(p, v, err)))
		return rc;

	v = ydoc_get(y, root, "exclusions");
	if ((rc = ydoc_seq(y, v, "exclusions", err)))
		return rc;
	p->n_exclusions = (int)ydoc_seq_len(v);
	p->exclusions = calloc(p->n_exclusions + 1, sizeof(*p->exclusions));
	if (p->exclusions == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < p->n_exclusions; i++) {
		struct exclusion *e = &p->exclusions[i];
		n = ydoc_seq_item(y, v, i);
		e->refuse = 1;
		if ((rc = ydoc_map(y, n, "an exclusion", excl_keys, excl_need, err)) ||
		    (rc = ydoc_get_str(y, n, "category", &e->category, err)) ||
		    (rc = ydoc_get_str(y, n, "route", &e->route, err)) ||
		    (rc = ydoc_get_bool(y, n, "refuse", &e->refuse, err)) ||
		    (rc = ydoc_get_str(y, n, "source", &e->source, err)))
			return rc;
		for (int k = 0; k < i; k++)
			if (strcmp(p->exclusions[k].category, e->category) == 0)
				return ydoc_fail(y, ydoc_get(y, n, "category"), err,
				    "exclusion '%s' is listed twice", e->category);
	}

	v = ydoc_get(y, root, "ombudsman");
	if ((rc = ydoc_map(y, v, "ombudsman", omb_keys, omb_keys, err)) ||
	    (rc = ydoc_get_str(y, v, "source", &p->ombudsman_source, err)))
		return rc;
	n = ydoc_get(y, v, "bodies");
	if ((rc = ydoc_seq(y, n, "bodies", err)))
		return rc;
	if (ydoc_seq_len(n) == 0)
		return ydoc_fail(y, n, err, "ombudsman.bodies names no ombudsman");
	p->n_ombudsmen = (int)ydoc_seq_len(n);
	p->ombudsmen = calloc(p->n_ombudsmen, sizeof(*p->ombudsmen));
	if (p->ombudsmen == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < p->n_ombudsmen; i++) {
		struct ombudsman *o = &p->ombudsmen[i];
		yaml_node_t *b = ydoc_seq_item(y, n, i);
		if ((rc = ydoc_map(y, b, "an ombudsman", body_keys, body_need,
		    err)) ||
		    (rc = ydoc_get_str(y, b, "id", &o->id, err)) ||
		    (rc = ydoc_get_str(y, b, "name", &o->name, err)) ||
		    (rc = read_matters(y, ydoc_get(y, b, "matters"), o, err)) ||
		    (rc = ydoc_get_str(y, b, "address", &o->address, err)) ||
		    (rc = ydoc_get_str(y, b, "phone", &o->phone, err)) ||
		    (rc = ydoc_get_str(y, b, "email", &o->email, err)) ||
		    (rc = ydoc_get_str(y, b, "website", &o->website, err)) ||
		    (rc = ydoc_get_str(y, b, "source", &o->contact_source,
		    err)))
			return rc;
		/* Contact details are cited like every rule. */
		if ((o->address || o->phone || o->email || o->website) &&
		    o->contact_source == NULL)
			return ydoc_fail(y, b, err, "ombudsman '%s' has contact "
			    "details but no 'source' saying where they come from",
			    o->id);
	}
	if ((rc = read_letterhead(p, ydoc_get(y, root, "letterhead"), err)) ||
	    (rc = read_letters(p, ydoc_get(y, root, "letters"), err)))
		return rc;

	v = ydoc_get(y, root, "stages");
	if ((rc = ydoc_seq(y, v, "stages", err)))
		return rc;
	if (ydoc_seq_len(v) == 0)
		return ydoc_fail(y, v, err, "a policy needs at least one stage");
	if (ydoc_seq_len(v) > CPL_MAX_STAGES)
		return ydoc_fail(y, ydoc_seq_item(y, v, CPL_MAX_STAGES), err,
		    "a policy has at most %d stages: the flat import and export "
		    "give each stage columns of its own and the reports figures "
		    "of their own, up to stage %d (this one has %d)",
		    CPL_MAX_STAGES, CPL_MAX_STAGES, (int)ydoc_seq_len(v));
	p->n_stages = (int)ydoc_seq_len(v);
	p->stages = calloc(p->n_stages, sizeof(*p->stages));
	if (p->stages == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < p->n_stages; i++)
		if ((rc = read_stage(y, ydoc_seq_item(y, v, i), i + 1,
		    &p->stages[i], p->stored, err)))
			return rc;
	return 0;
}

static int
parse(struct policy *p, const char *name, const char *text, size_t len,
    int stored, struct cpl_error *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->stored = stored;
	if ((p->text = malloc(len + 1)) == NULL)
		return cpl_nomem(err);
	memcpy(p->text, text, len);
	p->text[len] = '\0';
	p->text_len = len;
	if ((rc = ydoc_parse(&p->y, name, p->text, len, err)) == 0) {
		p->y.loose = stored;
		rc = read_top(p, ydoc_root(&p->y), err);
	}
	if (rc)
		policy_free(p);
	return rc;
}

int
policy_parse(struct policy *p, const char *name, const char *text, size_t len,
    struct cpl_error *err)
{
	return parse(p, name, text, len, 0, err);
}

int
policy_parse_stored(struct policy *p, const char *name, const char *text,
    size_t len, struct cpl_error *err)
{
	return parse(p, name, text, len, 1, err);
}

int
policy_load_calendar(struct policy *p, const char *dir,
    struct policy *closures_of, struct cpl_error *err)
{
	struct policy *c = closures_of ? closures_of : p;
	char file[256];
	char *path, *text = NULL;
	size_t len = 0;
	int rc;

	snprintf(file, sizeof(file), "calendars/%s.yaml", p->calendar_id);
	if ((path = path_join(dir, file)) == NULL)
		return cpl_nomem(err);
	/* A calendar that can't be read is the fault of the policy that
	 * names it, or of the directory: say where it is named. */
	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0) {
		rc = ydoc_fail(&p->y, ydoc_get(&p->y, ydoc_root(&p->y),
		    "calendar"), err, "can't read calendar '%s': %s", path,
		    errno == EFBIG ? "it is longer than the "
		    POLICY_FILE_MAX_TEXT " a calendar file may be" :
		    strerror(errno));
		free(path);
		return rc;
	}
	rc = calendar_parse(path, p->calendar_id, text, len, &p->cal, err);
	free(text);
	free(path);
	for (int i = 0; rc == 0 && i < c->n_closures; i++) {
		yaml_node_t *n = c->closure_nodes[i];
		cpl_date day = c->closures[i];
		char d[DATE_LEN];

		if (calendar_close_day(&p->cal, day) == 0)
			continue;
		/* The end of a range that is outside. */
		if (n->type == YAML_MAPPING_NODE)
			n = ydoc_get(&c->y, n,
			    day < p->cal.first ? "from" : "to");
		date_format(day, d);
		rc = ydoc_fail(&c->y, n, err,
		    "closure day %s is outside calendar '%s' (%d-%d)", d,
		    p->cal.id, p->cal.from_year, p->cal.to_year);
		calendar_free(&p->cal);
	}
	p->has_cal = rc == 0;
	return rc;
}

int
policy_read(struct policy *p, const char *dir, const char *id,
    struct cpl_error *err)
{
	char file[256];
	char *path, *text = NULL;
	size_t len;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!policy_id_ok(id) || strlen(id) > 200)
		return cpl_fail(err, CPL_USAGE, "'%s' is not a policy id", id);
	snprintf(file, sizeof(file), "%s.yaml", id);
	if ((path = path_join(dir, file)) == NULL)
		return cpl_nomem(err);
	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0) {
		rc = errno == ENOENT ?
		    cpl_fail(err, CPL_USAGE, "no policy '%s' in '%s'", id, dir) :
		    cpl_fail(err, CPL_POLICY, "can't read policy '%s': %s", path,
		    errno == EFBIG ? "it is longer than the "
		    POLICY_FILE_MAX_TEXT " a policy file may be" :
		    strerror(errno));
		free(path);
		return rc;
	}
	rc = policy_parse(p, path, text, len, err);
	free(text);
	if (rc == 0 && strcmp(p->id, id) != 0)
		rc = cpl_fail(err, CPL_POLICY, "%s: the id inside is '%s', not '%s'",
		    path, p->id, id);
	if (rc)
		policy_free(p);
	free(path);
	return rc;
}

int
policy_load(struct policy *p, const char *dir, const char *id,
    struct cpl_error *err)
{
	int rc;

	if ((rc = policy_read(p, dir, id, err)) == 0 &&
	    (rc = policy_load_calendar(p, dir, NULL, err)))
		policy_free(p);
	return rc;
}

void
policy_free(struct policy *p)
{
	ydoc_free(&p->y);
	free(p->text);
	free(p->exclusions);
	free(p->anonymous_unless);
	free(p->correction_officers);
	free(p->hold_reasons);
	free(p->restriction_deciders.names);
	free(p->senior_officers.names);
	free(p->late_granted.names);
	for (int i = 0; p->ombudsmen != NULL && i < p->n_ombudsmen; i++)
		free(p->ombudsmen[i].matters);
	free(p->ombudsmen);
	for (int i = 0; p->letters != NULL && i < p->n_letters; i++) {
		free(p->letters[i].requires);
		free(p->letters[i].requires_nodes);
	}
	free(p->letters);
	free(p->stages);
	free(p->closures);
	free(p->closure_nodes);
	if (p->has_cal)
		calendar_free(&p->cal);
	memset(p, 0, sizeof(*p));
}

static int
is_separator(char c)
{
	return c == '-' || c == '_' || isspace((unsigned char)c);
}

int
policy_same_category(const char *a, const char *b)
{
	/* Categories are a policy's words: "Planning Decision " or
	 * "planning_decision" typed by an officer is the policy's
	 * planning-decision. Letter case is ignored, and a run of spaces,
	 * hyphens and underscores is one separator (none at either end). */
	for (int first = 1;; first = 0) {
		int sa = 0, sb = 0;

		for (; is_separator(*a); a++)
			sa = 1;
		for (; is_separator(*b); b++)
			sb = 1;
		if (*a == '\0' || *b == '\0')
			return *a == *b;	/* a trailing separator is none */
		if (sa != sb && !first)
			return 0;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

const struct exclusion *
policy_exclusion(const struct policy *p, const char *category)
{
	for (int i = 0; i < p->n_exclusions; i++)
		if (policy_same_category(p->exclusions[i].category, category))
			return &p->exclusions[i];
	return NULL;
}

void
policy_cite(const char *source, char *buf, size_t size)
{
	const char *q = strstr(source, ": '");
	size_t n = q != NULL ? (size_t)(q - source) : strlen(source);

	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), source);
}

const struct letter_rules *
policy_letter(const struct policy *p, const char *kind)
{
	for (int i = 0; i < p->n_letters; i++)
		if (strcmp(p->letters[i].kind, kind) == 0)
			return &p->letters[i];
	return NULL;
}

const struct ombudsman *
policy_ombudsman(const struct policy *p, const char *id)
{
	for (int i = 0; i < p->n_ombudsmen; i++)
		if (strcmp(p->ombudsmen[i].id, id) == 0)
			return &p->ombudsmen[i];
	return NULL;
}

const struct stage_rules *
policy_stage(const struct policy *p, int n)
{
	return n >= 1 && n <= p->n_stages ? &p->stages[n - 1] : NULL;
}
