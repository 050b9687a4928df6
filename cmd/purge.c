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

/* The cases purged (or, in a dry run, to be), as case_purge hands them
 * over. */
struct purged {
	struct cmd_ctx *ctx;
	struct purge_row **rows;
	int *n;
};

static int
print_purged(void *arg, struct cpl_error *err)
{
	static const struct out_col cols[] = {{"ref", OUT_REF},
	    {"policy", OUT_WORD(19)}, {"closed", OUT_DATE}};
	struct purged *p = arg;
	struct out_table *t;
	int rc = 0;

	if ((t = out_table_begin(stdout, p->ctx->format, cols, 3)) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < *p->n; i++) {
		const struct purge_row *r = &(*p->rows)[i];
		char closed[DATE_LEN];
		const char *v[3] = {r->ref, r->policy, closed};

		date_format(r->closed, closed);
		if (rc == 0 && out_table_row(t, v) != 0)
			rc = cpl_nomem(err);
	}
	if (out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	return rc;
}

int
cmd_purge(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"closed-before", required_argument, NULL, OPT_BEFORE},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		GLOBAL_OPTIONS
	};
	struct purge_args a = {NO_DATE, 0};
	struct purge_row *rows = NULL;
	int rc, n = 0;
	struct purged p = {ctx, &rows, &n};
	/* The list, printed before the purge is committed: if it can't be
	 * written, nothing is purged. */
	struct pending_output po = {print_purged, &p, 0};

	if ((rc = parse_args(ctx, argc, argv, opts, purge_option, &a, NULL, 0,
	    err)))
		return rc;
	print_before_commit(ctx, &po);
	/* Printed by the commit, or after a dry run or with nothing new to
	 * purge; once purged, the checkpoint's failure (CPL_INCOMPLETE) is
	 * what to say. */
	rc = case_purge(&ctx->s, a.before, a.dry_run, &rows, &n, err);
	rc = print_after(ctx, &po, rc, err);
	purge_rows_free(rows, n);
	return rc;
}
