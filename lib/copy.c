/*
 * copy.c: complaints copy (see copy.h): what may be copied where. A
 * store is copied whole, and only into a store as new as init leaves it,
 * so that the copy is the store and nothing else; the rows are
 * store_copy.c's.
 */
#include <stdlib.h>

#include "copy.h"
#include "sql.h"

/* Refused: the destination holds rows of its own, in table. */
static int
not_new(const struct copy_request *req, const char *table,
    struct cpl_error *err)
{
	return cpl_fail(err, CPL_REFUSED, "'%s' holds a store with rows of its "
	    "own (table '%s'): a store is copied only into a new one", req->to,
	    table);
}

/* The copy itself, once both stores are open: inside the source's read
 * and the destination's write. */
static int
copy_into(struct session *s, struct store *to, const struct copy_request *req,
    struct copy_count **counts, int *n, struct cpl_error *err)
{
	const char *table;
	char older[128];
	int rc, same;

	/* A file of an older schema with rows of its own is refused as it
	 * stands: upgraded first, a refused copy would have changed it. */
	if ((rc = store_copy_older(to, older, sizeof(older), err)))
		return rc;
	if (older[0] != '\0')
		return not_new(req, older, err);
	/* Many rows in one write: the batch's set-up first (a file's page
	 * cache), outside any transaction. */
	if ((rc = store_bulk_writes(to, err)) ||
	    (rc = store_begin(to, err)))
		return rc;
	if ((rc = store_copy_same(s->st, to, &same, err)))
		goto out;
	if (same) {
		rc = cpl_fail(err, CPL_USAGE, "'%s' is the store being copied: "
		    "a copy goes into another", req->to);
		goto out;
	}
	if ((rc = store_copy_ready(to, &table, err)))
		goto out;
	/* Into a store of its own only: rows already there would be mixed
	 * with the copied ones, ids and references clashing. */
	if (table != NULL) {
		rc = not_new(req, table, err);
		goto out;
	}
	if ((rc = store_copy_rows(s->st, to, counts, n, err)))
		goto out;
	if (req->before_commit != NULL)
		store_before_commit(to, req->before_commit, req->arg);
	rc = store_commit(to, err);
	store_before_commit(to, NULL, NULL);
	return rc;
out:
	store_rollback(to);
	return rc;
}

int
case_copy(struct session *s, const struct copy_request *req,
    struct copy_count **counts, int *n, struct cpl_error *err)
{
	struct store *to = NULL;
	int rc, taken;

	*counts = NULL;
	*n = 0;
	/* One snapshot of the source, whatever officers write meanwhile. */
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	/* A new file is made beside its name and put in place whole; a
	 * server's database is connected to, its schema made in the copy's
	 * write. */
	if ((rc = store_open(req->to, sql_engine_of(req->to) == SQL_POSTGRES ?
	    STORE_BARE : STORE_CREATE | STORE_BARE, &to, err)) ||
	    (rc = copy_into(s, to, req, counts, n, err)))
		goto out;
	if (store_is_new(to)) {
		if ((rc = store_publish(&to, &taken, err)) == 0 && taken)
			rc = cpl_fail(err, CPL_REFUSED, "another process made a "
			    "store at '%s' meanwhile: nothing was copied",
			    req->to);
	}
out:
	store_close(to);
	store_read_end(s->st);
	if (rc) {
		free(*counts);
		*counts = NULL;
		*n = 0;
	}
	return rc;
}
