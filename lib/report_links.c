/*
 * report_links.c: the reports' figures of linked cases (see
 * report_links.h and complaints-report(1)):
 *
 *   linked.groups                 groups with a complaint received in the
 *                                 period
 *   linked.complaints             complaints received in a group, of the
 *                                 complaints received
 *   received.complaint.counting_linked_once
 *                                 the complaints received, each group
 *                                 whose policy says 'linked: count: once'
 *                                 counted as one
 *
 * Shown only when a period holds a group. The other figures count each
 * case, linked or not: each is answered, and measured, at its own
 * stages.
 */
#include <string.h>

#include "report_links.h"
#include "store_links.h"
#include "vocabulary.h"

/* What linked_gather's walk needs. */
struct linked_walk {
	struct session *s;
	struct linked_counts *lc;
	struct cpl_error *err;
	int rc;
};

static int
linked_group(int64_t grp, int64_t version, int64_t n, void *arg)
{
	struct linked_walk *w = arg;
	const struct policy *p;

	(void)grp;
	if ((w->rc = case_policy(w->s, version, &p, w->err)))
		return -1;
	w->lc->groups++;
	w->lc->complaints += n;
	if (p->linked_count_once)
		w->lc->not_counted += n - 1;
	return 0;
}

int
linked_gather(struct session *s, cpl_date from, cpl_date to,
    struct linked_counts *lc, struct cpl_error *err)
{
	struct linked_walk w = {s, lc, err, 0};
	int rc;

	memset(lc, 0, sizeof(*lc));
	rc = store_link_groups_received(s->st, case_kinds[KIND_COMPLAINT],
	    from, to, linked_group, &w, err);
	/* A policy that could not be read says why, not "out of memory". */
	return w.rc ? w.rc : rc;
}

int
linked_emit(struct figures *fs, const struct linked_counts *lc,
    const int64_t *complaints, int np)
{
	struct fig *g, *c, *once;
	int any = 0;

	/* Shown when there is something to show: a store that links no
	 * cases reports as it always has. */
	for (int k = 0; k < np; k++)
		any |= lc[k].groups != 0;
	if (!any)
		return 0;
	if ((g = fig_add(fs, "all", NULL, "linked.groups")) == NULL ||
	    (c = fig_add(fs, "all", NULL, "linked.complaints")) == NULL ||
	    (once = fig_add(fs, "all", NULL,
	    "received.complaint.counting_linked_once")) == NULL)
		return -1;
	for (int k = 0; k < np; k++) {
		fig_count(g, k, lc[k].groups, -1);
		fig_count(c, k, lc[k].complaints, complaints[k]);
		fig_count(once, k, complaints[k] - lc[k].not_counted, -1);
	}
	return 0;
}
