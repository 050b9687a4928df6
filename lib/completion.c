/*
 * completion.c: what shell completion asks for (see completion.h).
 */
#include <string.h>

#include "completion.h"
#include "date.h"
#include "store.h"

/* complete_refs' caller's function, the prefix, and its length. */
struct refs_filter {
	int (*fn)(const char *ref, void *arg);
	void *arg;
	const char *prefix;
	size_t len;
};

static int
ref_if_prefixed(const char *ref, void *arg)
{
	const struct refs_filter *f = arg;

	return strncmp(ref, f->prefix, f->len) == 0 ? f->fn(ref, f->arg) : 0;
}

int
complete_refs(const char *db_path, const char *prefix,
    int (*fn)(const char *ref, void *arg), void *arg, struct cpl_error *err)
{
	struct refs_filter f = {fn, arg, prefix, strlen(prefix)};
	struct store *st;
	int rc;

	if ((rc = store_open(db_path, STORE_READ_ONLY, &st, err)))
		return rc;
	rc = store_case_refs(st, NO_DATE, NO_DATE, ref_if_prefixed, &f, err);
	store_close(st);
	return rc;
}
