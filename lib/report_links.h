/*
 * report_links.h: the reports' figures of linked cases (lib/links.c):
 * how many groups and linked complaints a period received, and the
 * complaints received with each group counted once where its policy says
 * so (its 'linked' key; seed 002 §7: "one report will be issued in
 * response").
 */
#ifndef CPL_REPORT_LINKS_H
#define CPL_REPORT_LINKS_H

#include <stdint.h>

#include "date.h"
#include "error.h"
#include "figures.h"
#include "session.h"

/* One period's linked complaints. */
struct linked_counts {
	int64_t groups;		/* groups with a complaint received */
	int64_t complaints;	/* complaints received in a group */
	int64_t not_counted;	/* of them, those a group counted once
				 * leaves out: all but one a group */
};

/* The linked complaints received from..to, inside the report's read. */
int linked_gather(struct session *s, cpl_date from, cpl_date to,
    struct linked_counts *lc, struct cpl_error *err);
/* Their figures, in section "all", for np periods, when one of them
 * holds a group; complaints[k]: the complaints received in period k. -1
 * when out of memory. */
int linked_emit(struct figures *fs, const struct linked_counts *lc,
    const int64_t *complaints, int np);

#endif
