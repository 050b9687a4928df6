/*
 * links_io.h: groups of linked cases in export and import's JSON lines
 * (see complaints-export(1)). With the history, after the cases, a line
 * a group of two cases or more of those exported:
 *
 *   {"linked": [{"ref": "CORP-2026-00001", "linked": "2026-03-06",
 *     "officer": "jsmith", "reason": "Elm Road pothole"}, ...]}
 *
 * each case with the day it joined the group, who linked it and why
 * (null: no reason given). import puts the cases, which the store then
 * holds (the file's own, written before), in one group again; the events
 * "linked" and "unlinked" come back with each case's history.
 */
#ifndef CPL_LINKS_IO_H
#define CPL_LINKS_IO_H

#include <stdio.h>

#include <jansson.h>

#include "session.h"

/* A line a group of the cases received from..to (NO_DATE: no bound),
 * inside the export's read. */
int links_export(struct session *s, FILE *out, cpl_date from, cpl_date to,
    struct cpl_error *err);
/* A group's line read (the first pass of an import): its shape, and
 * each case known to known(arg, ref, &yes, err): in the store, or
 * earlier in the file. */
int links_line_check(struct session *s, json_t *line,
    int (*known)(void *arg, const char *ref, int *yes,
    struct cpl_error *err), void *arg, struct cpl_error *err);
/* A group's line written, inside the import's write: *dup when its cases
 * are already linked together. */
int links_line_write(struct session *s, json_t *line, int *dup,
    struct cpl_error *err);

#endif
