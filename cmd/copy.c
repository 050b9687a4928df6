/*
 * copy.c: complaints copy: the whole store copied into a new one, on a
 * PostgreSQL server or in an SQLite file (lib/copy.c), and the rows of
 * each table, counted on both sides, printed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/copy.h"

const char usage_copy[] = "complaints copy --to DEST";

enum { OPT_TO = OPT_FIRST_LOCAL };

static int
copy_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	const char **to = arg;

	(void)ch;
	if (*v == '\0')
		return cpl_fail(err, CPL_USAGE, "copy: --to is empty: give the "
		    "new store's path or connection string");
	*to = v;
	return 0;
}

/* The tables copied, as case_copy hands them over. */
struct copied {
	struct cmd_ctx *ctx;
	struct copy_count **counts;
	int *n;
};

/* A row a table: its name and its rows, the same on both sides. */
static int
print_copied(void *arg, struct cpl_error *err)
{
	static const struct out_col cols[] = {{"table", OUT_WORD(20)},
	    {"rows", OUT_NUMBER}};
	struct copied *c = arg;
	struct out_table *t;
	int rc = 0;

	if ((t = out_table_begin(stdout, c->ctx->format, cols, 2)) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < *c->n; i++) {
		const struct copy_count *r = &(*c->counts)[i];
		char rows[32];
		const char *v[2] = {r->table, rows};

		snprintf(rows, sizeof(rows), "%" PRId64, r->rows);
		if (rc == 0 && out_table_row(t, v) != 0)
			rc = cpl_nomem(err);
	}
	if (out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	if (rc == 0)
		rc = flush_output(err);
	return rc;
}

int
cmd_copy(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, OPT_TO},
		GLOBAL_OPTIONS
	};
	const char *to = NULL;
	struct copy_count *counts = NULL;
	int rc, n = 0;
	struct copied c = {ctx, &counts, &n};
	/* Printed just before the copy commits: if it can't be written,
	 * nothing is copied. */
	struct copy_request req = {NULL, print_copied, &c};

	if ((rc = parse_options(ctx, argc, argv, opts, copy_option, &to,
	    err)))
		return rc;
	/* Checked before the store is opened: nothing is touched. */
	if (!ctx->help && to == NULL)
		return cpl_fail(err, CPL_USAGE, "copy: --to DEST is needed");
	if ((!ctx->help && (rc = operands(ctx, argc, argv, 0, err))) ||
	    (rc = cmd_ready(ctx, err)))
		return rc;
	req.to = to;
	rc = case_copy(&ctx->s, &req, &counts, &n, err);
	free(counts);
	return rc;
}
