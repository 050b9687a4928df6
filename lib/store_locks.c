/*
 * store_locks.c: the rows a write locks before it reads what it decides
 * on (see store.h).
 *
 * On SQLite a write holds the whole file from its BEGIN IMMEDIATE: two
 * writes never interleave, and there is nothing more to lock. On a
 * server a write is READ COMMITTED: two officers answering one stage at
 * once would both read it unanswered and both commit. So a write that
 * changes a case locks the case's row first (FOR UPDATE), and reads the
 * case after: the second officer waits for the first one's commit, then
 * reads what it did. Writes that change several cases lock them in the
 * order of their ids, so two of them never wait for each other.
 */
#include <stdlib.h>

#include "store_int.h"

int
store_locks_cases(const struct store *st)
{
	return st->lite == NULL && st->writing;
}

int
store_lock_case(struct store *st, int64_t case_id, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t id = 0;
	int rc;

	if (!store_locks_cases(st))
		return 0;
	if ((rc = prepare(st, "SELECT id FROM case_rows WHERE id = ?1"
	    " FOR UPDATE", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return each_row(st, s, row_int64, &id, "can't lock the case", err);
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
store_lock_cases(struct store *st, const int64_t *ids, int n,
    struct cpl_error *err)
{
	int64_t *sorted;
	int rc = 0;

	if (!store_locks_cases(st) || n <= 0)
		return 0;
	if ((sorted = malloc((size_t)n * sizeof(*sorted))) == NULL)
		return no_memory(err);
	for (int i = 0; i < n; i++)
		sorted[i] = ids[i];
	qsort(sorted, (size_t)n, sizeof(*sorted), by_id);
	for (int i = 0; rc == 0 && i < n; i++)
		if (i == 0 || sorted[i] != sorted[i - 1])
			rc = store_lock_case(st, sorted[i], err);
	free(sorted);
	return rc;
}
