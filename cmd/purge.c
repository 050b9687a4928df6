/*
 * purge.c: complaints purge: remove the personal data of cases closed
 * before the retention date, keeping the figures the reports need.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

const char usage_purge[] = "complaints purge [--closed-before YYYY-MM-DD]"
    " [--force REASON] [--dry-run] [--yes]";

enum { OPT_BEFORE = OPT_FIRST_LOCAL, OPT_DRY_RUN, OPT_YES, OPT_FORCE };

struct purge_args {
	cpl_date before;
	int dry_run;
	int yes;		/* purge without asking */
	const char *force;	/* why cases within their retention period
				 * go too */
};

static int
purge_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct purge_args *a = arg;

	switch (ch) {
	case OPT_DRY_RUN: a->dry_run = 1; return 0;
	case OPT_YES: a->yes = 1; return 0;
	case OPT_FORCE: a->force = v; return 0;
	}
	return date_option("--closed-before", v, &a->before, err);
}

/*
 * Before anything is purged (case_purge's confirm): a purge can't be
 * undone, so on a terminal the officer is asked, shown how many cases
 * and the days they closed, and only "y" or "yes" goes on. Off a
 * terminal (a script, cron) nobody can answer: --yes says it is meant.
 */
static int
confirm_purge(void *arg, const struct purge_row *rows, int n,
    struct cpl_error *err)
{
	const struct purge_args *a = arg;
	char oldest[DATE_LEN], newest[DATE_LEN], answer[16];
	cpl_date first = rows[0].closed, last = rows[0].closed;
	size_t len;

	if (a->yes)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return cpl_fail(err, CPL_USAGE, "purge: %d case%s to purge, and "
		    "no terminal to ask on: give --yes to purge %s (--dry-run "
		    "lists %s)", n, n == 1 ? "" : "s", n == 1 ? "it" : "them",
		    n == 1 ? "it" : "them");
	for (int i = 1; i < n; i++) {
		if (rows[i].closed < first)
			first = rows[i].closed;
		if (rows[i].closed > last)
			last = rows[i].closed;
	}
	date_format(first, oldest);
	date_format(last, newest);
	fprintf(stderr, "complaints: purge the personal data of %d case%s, "
	    "closed %s %s%s%s? It can't be undone. [y/N] ", n, n == 1 ? "" : "s",
	    n == 1 ? "on" : "from", oldest, n == 1 ? "" : " to ",
	    n == 1 ? "" : newest);
	fflush(stderr);
	if (fgets(answer, sizeof(answer), stdin) == NULL)
		answer[0] = '\0';
	len = strcspn(answer, "\r\n");
	answer[len] = '\0';
	for (char *p = answer; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(answer, "y") == 0 || strcmp(answer, "yes") == 0)
		return 0;
	return cpl_fail(err, CPL_REFUSED, "purge: not confirmed; nothing was "
	    "purged");
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
		{"yes", no_argument, NULL, OPT_YES},
		{"force", required_argument, NULL, OPT_FORCE},
		GLOBAL_OPTIONS
	};
	struct purge_args a = {NO_DATE, 0, 0, NULL};
	struct purge_request req;
	struct purge_row *rows = NULL;
	int rc, n = 0;
	struct purged p = {ctx, &rows, &n};
	/* The list, printed before the purge is committed: if it can't be
	 * written, nothing is purged. */
	struct pending_output po = {print_purged, &p, 0};

	if ((rc = parse_args(ctx, argc, argv, opts, purge_option, &a, NULL, 0,
	    err)))
		return rc;
	/* Without a day, each policy's retention period is kept to. */
	if (a.force != NULL && a.before == NO_DATE)
		return cpl_fail(err, CPL_USAGE, "purge: --force is for a "
		    "--closed-before later than a policy's retention period "
		    "allows; without --closed-before, each period is kept to");
	memset(&req, 0, sizeof(req));
	req.closed_before = a.before;
	req.early_reason = a.force;
	req.dry_run = a.dry_run;
	req.confirm = confirm_purge;
	req.confirm_arg = &a;
	print_before_commit(ctx, &po);
	/* Printed by the commit, or after a dry run or with nothing new to
	 * purge; once purged, the checkpoint's failure (CPL_INCOMPLETE) is
	 * what to say. */
	rc = case_purge(&ctx->s, &req, &rows, &n, err);
	rc = print_after(ctx, &po, rc, err);
	purge_rows_free(rows, n);
	return rc;
}
