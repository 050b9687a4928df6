/*
 * copy.h: complaints copy: a whole store copied into a new one, on a
 * server or in a file (lib/copy.c; the SQL is lib/store_copy.c's).
 */
#ifndef CPL_COPY_H
#define CPL_COPY_H

#include "session.h"
#include "store.h"

struct copy_request {
	const char *to;		/* the new store: a file's path or a
				 * server's connection string */
	/* Called once the copy is written and counted, just before it is
	 * committed (store_before_commit on the new store), with *counts
	 * and *n already set: what the command prints about the copy, so
	 * that output that can't be written leaves nothing copied. NULL:
	 * nothing. */
	int (*before_commit)(void *arg, struct cpl_error *err);
	void *arg;
};

/*
 * Copy the session's store (s->st, read in one snapshot) whole into the
 * store req->to names, in one write: every row of every table, with the
 * same ids, so that the two stores' dumps are equal; each table's rows
 * counted on both sides before the write commits (*counts, *n of them,
 * malloc'ed: the caller frees *counts, set on success only).
 *
 * A new file is made as init makes a store (in place only once the copy
 * is whole); on a server, an empty database gets the schema inside the
 * copy's write. Refused, with nothing changed on either side: a
 * destination that is the store itself (CPL_USAGE), one that holds any
 * row a new store does not (CPL_REFUSED), a store that keeps documents
 * (CPL_REFUSED: their bytes can't be copied yet); a destination that
 * can't be reached or written is CPL_STORE.
 */
int case_copy(struct session *s, const struct copy_request *req,
    struct copy_count **counts, int *n, struct cpl_error *err);

#endif
