/*
 * retention.c: the retention purge (see case.h, case_purge): the personal
 * data of cases closed long enough ago removed and overwritten, the
 * figures the reports read kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

/* The cases a purge takes, as they are collected. */
struct purge_list {
	struct purge_row *v;
	int n, cap;
	const struct policy *pol;	/* the policy version being read */
	cpl_date kept_from;	/* it keeps the cases closed on or after
				 * this day (NO_DATE: it sets no period) */
	int early;		/* how many cases are within their period */
	char early_ref[128];	/* the first of them read, */
	cpl_date early_closed;	/* the day it closed, */
	const struct policy *early_pol;	/* and its policy */
};

static int
purge_collect(int64_t id, const char *ref, const char *policy,
    cpl_date closed, void *arg)
{
	struct purge_list *l = arg;
	struct purge_row *r;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct purge_row *nv = realloc(l->v, cap * sizeof(*nv));
		if (nv == NULL)
			return CPL_NOMEM;
		l->v = nv;
		l->cap = cap;
	}
	r = &l->v[l->n];
	r->id = id;
	r->closed = closed;
	r->early = l->kept_from != NO_DATE && closed >= l->kept_from;
	if (r->early && l->early++ == 0) {
		snprintf(l->early_ref, sizeof(l->early_ref), "%s", ref);
		l->early_closed = closed;
		l->early_pol = l->pol;
	}
	if ((r->ref = strdup(ref)) == NULL)
		return CPL_NOMEM;
	if ((r->policy = strdup(policy)) == NULL) {
		free(r->ref);
		return CPL_NOMEM;
	}
	l->n++;
	return 0;
}

static int
by_id(const void *a, const void *b)
{
	const struct purge_row *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The cases req takes, in the order they were logged, into l: of each
 * policy version a closed case was logged under, those closed before
 * req's day, or before the end of that version's retention period.
 */
static int
purge_cases(struct session *s, const struct purge_request *req,
    struct purge_list *l, struct cpl_error *err)
{
	int64_t *versions = NULL;
	int rc, n_versions = 0;

	memset(l, 0, sizeof(*l));
	if ((rc = store_purge_versions(s->st, &versions, &n_versions, err)))
		return rc;
	for (int i = 0; rc == 0 && i < n_versions; i++) {
		cpl_date before;

		if ((rc = case_policy(s, versions[i], &l->pol, err)))
			break;
		/* Seed 001 §8: records are kept for the council's retention
		 * period, then destroyed. */
		l->kept_from = l->pol->retention_years == 0 ? NO_DATE :
		    date_add_months(s->today, -12 * l->pol->retention_years);
		if (req->closed_before != NO_DATE) {
			before = req->closed_before;
		} else if (l->kept_from == NO_DATE) {
			rc = cpl_fail_about(err, CPL_USAGE,
			    CPL_ABOUT_CLOSED_BEFORE, "policy '%s' sets no "
			    "retention period for closed cases: the day is "
			    "needed (from the council's retention schedule)",
			    l->pol->id);
			break;
		} else {
			before = l->kept_from;
		}
		rc = store_purge_candidates(s->st, versions[i], before,
		    purge_collect, l, err);
	}
	free(versions);
	if (rc == CPL_NOMEM)
		rc = cpl_nomem(err);
	if (rc == 0 && l->n > 1)
		qsort(l->v, (size_t)l->n, sizeof(*l->v), by_id);
	return rc;
}

void
purge_rows_free(struct purge_row *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].ref);
		free(v[i].policy);
	}
	free(v);
}

/*
 * Write the purge through: into the database file, the log emptied. It
 * comes after the commit, so its failure can't undo the purge: the purged
 * data is gone from the store but old copies of its pages may remain in
 * the files, which CPL_INCOMPLETE says (and no status that means nothing
 * changed).
 */
static int
purge_written(struct session *s, struct cpl_error *err)
{
	int rc;

	if ((rc = store_checkpoint(s->st, err)) != 0)
		rc = err->code = CPL_INCOMPLETE;
	return rc;
}

/* The detail of a purged case's event, in buf: its close date and, for a
 * case taken within its policy's retention period, why. */
static void
purged_detail(const struct purge_row *r, const char *early_reason, char *buf,
    size_t size)
{
	char d[DATE_LEN];

	date_format(r->closed, d);
	if (r->early)
		snprintf(buf, size, "personal data removed (closed %s), within "
		    "policy '%s''s retention period: %s", d, r->policy,
		    early_reason);
	else
		snprintf(buf, size, "personal data removed (closed %s)", d);
}

/* Keep in l only the cases also in now (both in the order logged), as
 * they were confirmed. */
static void
still_to_purge(struct purge_list *l, const struct purge_list *now)
{
	int k = 0, j = 0;

	for (int i = 0; i < l->n; i++) {
		while (j < now->n && now->v[j].id < l->v[i].id)
			j++;
		if (j < now->n && now->v[j].id == l->v[i].id &&
		    now->v[j].closed == l->v[i].closed) {
			l->v[k++] = l->v[i];
		} else {
			free(l->v[i].ref);
			free(l->v[i].policy);
		}
	}
	l->n = k;
}

/* On a server, the cases confirmed locked in the order of their ids
 * (lib/store_locks.c): an officer's write of one of them (a reopening)
 * finishes first, and the list made again after sees it. On a file the
 * write holds the store already. */
static int
lock_listed(struct session *s, const struct purge_list *l,
    struct cpl_error *err)
{
	int64_t *ids;
	int rc;

	if (!store_locks_cases(s->st) || l->n == 0)
		return 0;
	if ((ids = malloc((size_t)l->n * sizeof(*ids))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < l->n; i++)
		ids[i] = l->v[i].id;
	rc = store_lock_cases(s->st, ids, l->n, err);
	free(ids);
	return rc;
}

int
case_purge(struct session *s, const struct purge_request *req,
    struct purge_row **rows, int *n, struct cpl_error *err)
{
	struct purge_list l, now = {0};
	int rc, restrictions = 0;
	char *detail = NULL, d[DATE_LEN], kept[DATE_LEN];
	size_t size;

	*rows = NULL;
	*n = 0;
	if (req->closed_before != NO_DATE && req->closed_before > s->today + 1) {
		date_format(req->closed_before, d);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CLOSED_BEFORE,
		    "%s is after today", d);
	}
	if (req->early_reason != NULL && blank(req->early_reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_EARLY_PURGE,
		    "the reason is empty");
	if ((rc = purge_cases(s, req, &l, err)))
		goto fail;
	/* A council keeps a closed case for its retention period: purging
	 * one sooner is a decision to record, with its reason. */
	if (l.early > 0 && req->early_reason == NULL) {
		date_format(l.early_closed, d);
		date_format(date_add_months(l.early_closed,
		    12 * l.early_pol->retention_years), kept);
		rc = cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_EARLY_PURGE,
		    "policy '%s' keeps a closed case %d years (%s): case '%s', "
		    "closed on %s, is kept until %s%s; purging sooner needs a "
		    "reason", l.early_pol->id, l.early_pol->retention_years,
		    l.early_pol->retention_source, l.early_ref, d, kept,
		    l.early > 1 ? ", and so are others" : "");
		goto fail;
	}
	/* The caller's before the commit, which may have them printed first
	 * (store_before_commit). */
	*rows = l.v;
	*n = l.n;
	if (req->dry_run)
		return 0;
	/* Nothing new: a purge that a reader stopped short is finished. */
	if (l.n == 0)
		return purge_written(s, err);
	if (req->confirm != NULL &&
	    (rc = req->confirm(req->confirm_arg, l.v, l.n, err)))
		goto fail;

	/* One transaction (every writing connection overwrites what it
	 * deletes: store_open), the log emptied after. What was confirmed
	 * is purged only if it is still to purge now that the store is
	 * held: a case reopened meanwhile stays as it is. */
	if ((rc = store_begin(s->st, err)) ||
	    (rc = lock_listed(s, &l, err)) ||
	    (rc = purge_cases(s, req, &now, err)))
		goto fail;
	still_to_purge(&l, &now);
	*n = l.n;
	size = 256 + (req->early_reason ? strlen(req->early_reason) : 0);
	if ((detail = malloc(size)) == NULL) {
		rc = cpl_nomem(err);
		goto fail;
	}
	for (int i = 0; i < l.n; i++) {
		purged_detail(&l.v[i], req->early_reason, detail, size);
		if ((rc = store_purge_case(s->st, l.v[i].id, s->today, err)) ||
		    (rc = store_add_event(s->st, l.v[i].id, 0, s->today,
		    s->officer, "purged", detail, err)))
			goto fail;
	}
	/* The search index, too, written anew without the purged words. */
	if ((rc = store_purge_restrictions(s->st, &restrictions, err)) ||
	    (restrictions > 0 &&
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "purged", "restrictions on complainants no case names", err))) ||
	    (rc = store_purge_index(s->st, err)) ||
	    (rc = store_commit(s->st, err)))
		goto fail;
	free(detail);
	purge_rows_free(now.v, now.n);
	/* Purged, whatever the checkpoint says: *rows stays. */
	return purge_written(s, err);
fail:
	/* Nothing was purged: say none. */
	store_rollback(s->st);
	free(detail);
	purge_rows_free(now.v, now.n);
	purge_rows_free(l.v, l.n);
	*rows = NULL;
	*n = 0;
	return rc;
}
