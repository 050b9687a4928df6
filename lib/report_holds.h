/*
 * report_holds.h: the figures of the clock stops in report summary and
 * report annual (lib/report_holds.c).
 */
#ifndef CPL_REPORT_HOLDS_H
#define CPL_REPORT_HOLDS_H

#include <stdio.h>

#include "figures.h"
#include "session.h"
#include "store_report.h"

/* Add the figures of the holds of periods 0..np-1 (from[k]..to[k]) to fs,
 * read inside the caller's snapshot with its calendars loaded. */
int report_holds(struct session *s, struct figures *fs, int np,
    const cpl_date from[2], const cpl_date to[2], struct cpl_error *err);

/* The annual page's note under its on-time figures, where a hold moved
 * a deadline of the year's stages. */
void report_holds_html(FILE *f, const struct figures *fs);

#endif
