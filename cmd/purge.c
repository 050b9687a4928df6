/*
 * purge.c: complaints purge: remove the personal data of cases closed
 * before the retention date, keeping the figures the reports need.
 */
#include <stdio.h>

#include "cmd.h"

const char usage_purge[] = "complaints purge [--closed-before YYYY-MM-DD]"
    " [--dry-run]";

enum { OPT_BEFORE = OPT_FIRST_LOCAL, OPT_DRY_RUN };

struct purge_args {
	cpl_date before;
	int dry_run;
};

static int
purge_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct purge_args *a = arg;

	if (ch == OPT_DRY_RUN) {
		a->dry_run = 1;
		return 0;
	}
	return date_option("--closed-before", v, &a->before, err);
}

int
cmd_purge(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"closed-before", required_argument, NULL, OPT_BEFORE},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		GLOBAL_OPTIONS
	};
	static const struct out_col cols[] = {{"ref", 0}, {"policy", 0},
	    {"closed", 0}};
	struct purge_args a = {NO_DATE, 0};
	struct purge_row *rows = NULL;
	struct out_table *t;
	int rc, n = 0;

	if ((rc = parse_args(ctx, argc, argv, opts, purge_option, &a, NULL, 0,
	    err)))
		return rc;
	/* The cases purged are listed even when the last step failed. */
	rc = case_purge(&ctx->s, a.before, a.dry_run, &rows, &n, err);
	if (rc != 0 && n == 0)
		return rc;
	if ((t = out_table_begin(stdout, ctx->format, cols, 3)) == NULL &&
	    rc == 0)
		rc = cpl_fail(err, CPL_STORE, "out of memory");
	for (int i = 0; t != NULL && i < n; i++) {
		char closed[DATE_LEN];
		const char *v[3] = {rows[i].ref, rows[i].policy, closed};

		date_format(rows[i].closed, closed);
		out_table_row(t, v);
	}
	if (t != NULL)
		out_table_end(t);
	purge_rows_free(rows, n);
	return rc;
}
