/*
 * action.c: complaints action add|done|list: the outstanding actions of a
 * case, what the council undertook after its response, until each is
 * done (seed 000 §6, seed 003; lib/action.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/action.h"

const char usage_action[] = "complaints action add REF --what TEXT"
    " --due YYYY-MM-DD [--owner NAME] [--date YYYY-MM-DD]\n"
    "complaints action done REF N [--date YYYY-MM-DD]\n"
    "complaints action list [--overdue] [--owner NAME]";

enum {
	OPT_WHAT = OPT_FIRST_LOCAL, OPT_DUE, OPT_OWNER, OPT_OVERDUE
};

struct action_args {
	struct action_input in;
	int overdue;
};

static int
action_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct action_args *a = arg;

	switch (ch) {
	case OPT_WHAT: a->in.what = v; break;
	case OPT_DUE: return date_option("--due", v, &a->in.due, err);
	case OPT_OWNER: a->in.owner = v; break;
	case OPT_OVERDUE: a->overdue = 1; break;
	}
	return 0;
}

/* CSV and JSON: every field; the table with --wide. */
static const struct out_col cols[] = {
	{"ref", OUT_REF}, {"n", OUT_NUMBER}, {"stage", OUT_NUMBER},
	{"what", OUT_TEXT}, {"owner", OUT_TEXT}, {"due", OUT_DATE},
	{"added", OUT_DATE}, {"officer", OUT_TEXT}, {"done", OUT_DATE},
	{"done_by", OUT_TEXT},
};
#define N_COLS (int)(sizeof(cols) / sizeof(cols[0]))
/* The table, to fit 80 columns: which, by when, whose, what. */
static const struct out_col narrow[] = {
	{"ref", OUT_REF}, {"n", OUT_NUMBER}, {"due", OUT_DATE},
	{"done", OUT_DATE}, {"owner", OUT_TEXT}, {"what", OUT_TEXT},
};
#define N_NARROW (int)(sizeof(narrow) / sizeof(narrow[0]))

static int
list_actions(struct cmd_ctx *ctx, const struct action_args *a,
    struct cpl_error *err)
{
	struct action_rec *r = NULL;
	struct out_table *t;
	int n = 0, rc, is_narrow = ctx->format == OUT_TABLE && !out_wide();

	if ((rc = action_list(&ctx->s, a->overdue, a->in.owner, &r, &n, err)))
		return rc;
	if ((t = is_narrow ? out_table_begin(stdout, ctx->format, narrow,
	    N_NARROW) : out_table_begin(stdout, ctx->format, cols, N_COLS)) ==
	    NULL)
		rc = cpl_nomem(err);
	for (int i = 0; rc == 0 && i < n; i++) {
		char num[16], stage[16], due[DATE_LEN], added[DATE_LEN];
		char done[DATE_LEN];
		const char *v[N_COLS] = {r[i].ref, num, stage, r[i].what,
		    r[i].owner, due, added, r[i].officer,
		    r[i].done != NO_DATE ? done : NULL, r[i].done_by};
		const char *w[N_NARROW] = {v[0], v[1], v[5], v[8], v[4], v[3]};

		snprintf(num, sizeof(num), "%d", r[i].n);
		snprintf(stage, sizeof(stage), "%d", r[i].stage);
		date_format(r[i].due, due);
		date_format(r[i].added, added);
		if (r[i].done != NO_DATE)
			date_format(r[i].done, done);
		if (out_table_row(t, is_narrow ? w : v) != 0)
			rc = cpl_nomem(err);
	}
	if (t != NULL && out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	store_actions_free(r, n);
	return rc;
}

static int
print_number(void *arg, struct cpl_error *err)
{
	(void)err;
	printf("%d\n", *(const int *)arg);
	return 0;
}

int
cmd_action(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option add_opts[] = {
		{"what", required_argument, NULL, OPT_WHAT},
		{"due", required_argument, NULL, OPT_DUE},
		{"owner", required_argument, NULL, OPT_OWNER},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	static const struct option done_opts[] = {
		DATE_OPTION, GLOBAL_OPTIONS
	};
	static const struct option list_opts[] = {
		{"overdue", no_argument, NULL, OPT_OVERDUE},
		{"owner", required_argument, NULL, OPT_OWNER},
		GLOBAL_OPTIONS
	};
	struct action_args a;
	const char *word = argc > 1 ? argv[1] : NULL;
	struct pending_output po = {print_number, NULL, 0};
	int64_t number;
	int rc, n = 0;

	memset(&a, 0, sizeof(a));
	a.in.due = NO_DATE;
	/* The sub-word comes first; --help alone asks for the usage. */
	if (word == NULL || word[0] == '-') {
		if (word != NULL && (strcmp(word, "--help") == 0 ||
		    strcmp(word, "-h") == 0))
			return parse_args(ctx, argc, argv, list_opts, NULL, NULL,
			    NULL, 0, err);
		return cpl_fail(err, CPL_USAGE, "action: add, done or list? "
		    "(see 'complaints action --help')");
	}
	argc--;
	argv++;
	if (strcmp(word, "add") == 0) {
		if ((rc = parse_args(ctx, argc, argv, add_opts, action_option,
		    &a, &a.in.date, 1, err)))
			return rc;
		/* The new action's number, printed before it is committed
		 * (as log prints a reference). */
		po.arg = &n;
		print_before_commit(ctx, &po);
		rc = case_action_add(&ctx->s, argv[optind], &a.in, &n, err);
		return print_after(ctx, &po, rc, err);
	}
	if (strcmp(word, "done") == 0) {
		cpl_date date;

		if ((rc = parse_args(ctx, argc, argv, done_opts, action_option,
		    &a, &date, 2, err)))
			return rc;
		if ((rc = number_arg("action done", "an action number",
		    argv[optind + 1], 1, 100000, &number, err)))
			return rc;
		return case_action_done(&ctx->s, argv[optind], (int)number, date,
		    err);
	}
	if (strcmp(word, "list") == 0) {
		ctx->flags &= ~RECORDS;		/* reading: no officer needed */
		if ((rc = parse_args(ctx, argc, argv, list_opts, action_option,
		    &a, NULL, 0, err)))
			return rc;
		return list_actions(ctx, &a, err);
	}
	return cpl_fail(err, CPL_USAGE, "action: '%s' is not add, done or "
	    "list", word);
}
