/*
 * retention.c: the retention purge (see case.h, case_purge): the personal
 * data of cases closed long enough ago removed and overwritten, the
 * figures the reports read kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

struct purge_list {
	struct purge_row *v;
	int n, cap;
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
	if ((r->ref = strdup(ref)) == NULL)
		return CPL_NOMEM;
	if ((r->policy = strdup(policy)) == NULL) {
		free(r->ref);
		return CPL_NOMEM;
	}
	l->n++;
	return 0;
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

int
case_purge(struct session *s, cpl_date closed_before, int dry_run,
    struct purge_row **rows, int *n, struct cpl_error *err)
{
	struct purge_list l = {NULL, 0, 0};
	int64_t *versions = NULL;
	int rc, n_versions = 0, restrictions = 0;
	char detail[128], d[DATE_LEN];

	*rows = NULL;
	*n = 0;
	if (closed_before != NO_DATE && closed_before > s->today + 1) {
		date_format(closed_before, d);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CLOSED_BEFORE,
		    "%s is after today", d);
	}
	/* The cases to purge: closed before the day given, or before the end
	 * of the retention period of the policy each was logged under. */
	if (closed_before != NO_DATE) {
		rc = store_purge_candidates(s->st, 0, closed_before,
		    purge_collect, &l, err);
	} else if ((rc = store_purge_versions(s->st, &versions, &n_versions,
	    err)) == 0) {
		for (int i = 0; rc == 0 && i < n_versions; i++) {
			const struct policy *pol;
			if ((rc = case_policy(s, versions[i], &pol, err)))
				break;
			if (pol->retention_years == 0) {
				rc = cpl_fail_about(err, CPL_USAGE,
				    CPL_ABOUT_CLOSED_BEFORE, "policy '%s' sets no "
				    "retention period for closed cases: the day "
				    "is needed (from the council's retention "
				    "schedule)", pol->id);
				break;
			}
			rc = store_purge_candidates(s->st, versions[i],
			    date_add_months(s->today, -12 * pol->retention_years),
			    purge_collect, &l, err);
		}
		free(versions);
	}
	if (rc) {
		purge_rows_free(l.v, l.n);
		return rc == CPL_NOMEM ? cpl_nomem(err) : rc;
	}
	/* The caller's before the commit, which may have them printed first
	 * (store_before_commit). */
	*rows = l.v;
	*n = l.n;
	if (dry_run)
		return 0;
	/* Nothing new: a purge that a reader stopped short is finished. */
	if (l.n == 0)
		return purge_written(s, err);

	/* One transaction (every writing connection overwrites what it
	 * deletes: store_open), the log emptied after. */
	if ((rc = store_begin(s->st, err)))
		goto fail;
	for (int i = 0; i < l.n; i++) {
		date_format(l.v[i].closed, d);
		snprintf(detail, sizeof(detail), "personal data removed (closed "
		    "%s)", d);
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
	    (rc = store_search_compact(s->st, err)) ||
	    (rc = store_commit(s->st, err)))
		goto fail;
	/* Purged, whatever the checkpoint says: *rows stays. */
	return purge_written(s, err);
fail:
	/* Nothing was purged: say none. */
	store_rollback(s->st);
	purge_rows_free(l.v, l.n);
	*rows = NULL;
	*n = 0;
	return rc;
}
