/*
 * export.h: complaints export: every case as import reads it back
 * (lib/export.c; the columns are columns.h's).
 */
#ifndef CPL_EXPORT_H
#define CPL_EXPORT_H

#include <stdio.h>

#include "case.h"

enum export_format { EXPORT_CSV, EXPORT_JSONL };

/* Write every case received from..to (NO_DATE: no bound), in reference
 * order, as import reads them; with history, each case's every event, so
 * that an import into an empty store gives the same cases. One snapshot. */
int export_cases(struct session *s, FILE *out, enum export_format fmt,
    cpl_date from, cpl_date to, int history, long *n, struct cpl_error *err);

#endif
