/*
 * store_seen.h: the external references an import has met so far, each
 * with the line it was first on and a hash of that row's values, so that
 * a reference given twice in one file is told apart: the same row again
 * (a duplicate) or another row under the same reference (a bad row).
 *
 * It keeps what the first pass of an import (see lib/import.c) found of
 * the rows that are not simply good, for the second pass: which rows it
 * rejected, and which it found duplicates, a mark for each run of rows
 * found the same (a file imported again is one run). The second pass
 * reads the marks in the order of the lines, as it reads the rows, so
 * that a good row costs it no lookup.
 *
 * A file may hold millions of rows, and the import's memory must not grow
 * with it: the references are kept in a private, temporary SQLite database
 * (a file in SQLite's temporary directory, made only once they outgrow a
 * small cache, and deleted when closed), not in the store: the first pass
 * writes nothing there and takes no lock, and what it notes outlives the
 * second pass's transaction, whatever becomes of it.
 */
#ifndef CPL_STORE_SEEN_H
#define CPL_STORE_SEEN_H

#include <stdint.h>

#include "error.h"

struct store_seen;

int store_seen_open(struct store_seen **out, struct cpl_error *err);
void store_seen_close(struct store_seen *sn);
/*
 * Note ref, met on line with values hashed to hash. The first time: 0,
 * *first_line 0. Met before: 0, *first_line and *first_hash those of
 * its first time (which stay kept).
 */
int store_seen_add(struct store_seen *sn, const char *ref, long line,
    uint64_t hash, long *first_line, uint64_t *first_hash,
    struct cpl_error *err);

/* The line ref was first met on, or 0: never. */
int store_seen_first(struct store_seen *sn, const char *ref, long *first_line,
    struct cpl_error *err);
/* What a line's row was found to be. */
enum seen_mark {
	SEEN_BAD = 1,		/* rejected */
	SEEN_REPEAT,		/* the same row as an earlier line of the file */
	SEEN_STORED,		/* a duplicate of a case or a restriction the
				 * store held */
};
/* Mark the rows that begin on the lines first to last: a run of rows, no
 * other row among them; runs do not overlap (one made again on the same
 * first line replaces it). */
int store_seen_mark(struct store_seen *sn, long first, long last,
    enum seen_mark what, struct cpl_error *err);
/* The first run of marked rows that ends at or after line: *first and
 * *last its lines (0: none) and its mark. */
int store_seen_next_mark(struct store_seen *sn, long line, long *first,
    long *last, enum seen_mark *what, struct cpl_error *err);

#endif
