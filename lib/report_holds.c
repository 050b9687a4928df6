/*
 * report_holds.c: the figures of the clock stops (lib/hold.c) in report
 * summary and report annual: the complaints held in the period, the
 * working days held, and how many stages' on-time figures count against
 * deadlines a hold moved (every on-time figure does: the reports' SQL
 * moves each deadline as deadlines.c does). Section "all", no group;
 * given only where a period has a hold, so a report of a council that
 * never stops a clock is as it was.
 */
#include <inttypes.h>

#include "report_holds.h"
#include "vocabulary.h"

static const char *const hold_figures[] = {
	"holds.cases_held",
	"holds.working_days_held",
	"holds.stages_with_deadlines_moved",
};

int
report_holds(struct session *s, struct figures *fs, int np,
    const cpl_date from[2], const cpl_date to[2], struct cpl_error *err)
{
	struct hold_counts n[2] = {{0, 0, 0}, {0, 0, 0}};
	int any = 0, rc;

	for (int k = 0; k < np; k++) {
		if ((rc = store_report_holds(s->st, from[k], to[k], s->today,
		    case_kinds[KIND_COMPLAINT], &n[k], err)))
			return rc;
		any |= n[k].cases > 0 || n[k].stages_moved > 0;
	}
	if (!any)
		return 0;
	for (int i = 0; i < 3; i++) {
		struct fig *f = fig_add(fs, "all", NULL, hold_figures[i]);

		if (f == NULL)
			return cpl_nomem(err);
		for (int k = 0; k < np; k++)
			fig_count(f, k, i == 0 ? n[k].cases : i == 1 ?
			    n[k].working_days : n[k].stages_moved, -1);
	}
	return 0;
}

void
report_holds_html(FILE *f, const struct figures *fs)
{
	const struct fig *moved = fig_find(fs, "all", NULL, hold_figures[2]);

	if (moved == NULL || !moved->period[FIG_PERIOD].set ||
	    moved->period[FIG_PERIOD].count == 0)
		return;
	fprintf(f, "<p class=\"why\">Where a complaint was put on hold "
	    "(waiting for another procedure, or for the complainant), its "
	    "deadlines moved by the working days it was held, and these "
	    "figures count against the moved deadlines: %" PRId64 " stage%s "
	    "this year.</p>\n",
	    moved->period[FIG_PERIOD].count,
	    moved->period[FIG_PERIOD].count == 1 ? "" : "s");
}
