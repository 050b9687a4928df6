/*
 * restriction.c: complaints restriction add|lift|list: restrictions on how
 * the council deals with an unreasonably persistent or vexatious
 * complainant (seeds 000 §6 Exclusions, 002 §14). Every case of the
 * complainant shows the restrictions in force.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/case_view.h"

const char usage_restriction[] = "complaints restriction add NAME"
    " --kind KIND --reason TEXT --review YYYY-MM-DD [--detail TEXT]"
    " [--decided-by NAME] [--date YYYY-MM-DD]\n"
    "complaints restriction lift ID --reason TEXT [--date YYYY-MM-DD]\n"
    "complaints restriction list [--complainant NAME] [--all]";

enum {
	OPT_KIND = OPT_FIRST_LOCAL, OPT_REASON, OPT_REVIEW, OPT_DETAIL,
	OPT_COMPLAINANT, OPT_ALL, OPT_DECIDED_BY
};

struct restriction_args {
	const char *kind, *reason, *detail, *complainant, *decided_by;
	cpl_date review;
	int all;
};

static int
restriction_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct restriction_args *a = arg;

	switch (ch) {
	case OPT_KIND: a->kind = v; break;
	case OPT_REASON: a->reason = v; break;
	case OPT_REVIEW: return date_option("--review", v, &a->review, err);
	case OPT_DETAIL: a->detail = v; break;
	case OPT_COMPLAINANT: a->complainant = v; break;
	case OPT_ALL: a->all = 1; break;
	case OPT_DECIDED_BY: a->decided_by = v; break;
	}
	return 0;
}

/* CSV and JSON: every field; the table with --wide. */
static const struct out_col cols[] = {
	{"id", OUT_NUMBER}, {"complainant", OUT_TEXT},
	{"kind", OUT_WORD(23)}, {"detail", OUT_TEXT}, {"reason", OUT_TEXT},
	{"imposed", OUT_DATE}, {"review", OUT_DATE}, {"officer", OUT_TEXT},
	{"lifted", OUT_DATE}, {"lifted_reason", OUT_TEXT},
	{"decided_by", OUT_TEXT},
};
#define N_COLS (int)(sizeof(cols) / sizeof(cols[0]))
/* The table, to fit 80 columns: whom, what, until when; the reasons and
 * who decided are in the other formats and with --wide. */
static const struct out_col narrow[] = {
	{"id", OUT_NUMBER}, {"complainant", OUT_TEXT},
	{"kind", OUT_WORD(23)}, {"review", OUT_DATE}, {"lifted", OUT_DATE},
	{"detail", OUT_TEXT},
};
#define N_NARROW (int)(sizeof(narrow) / sizeof(narrow[0]))

static int
list_restrictions(struct cmd_ctx *ctx, const struct restriction_args *a,
    struct cpl_error *err)
{
	struct restriction_rec *r = NULL;
	struct out_table *t;
	int n = 0, rc, is_narrow = ctx->format == OUT_TABLE && !out_wide();

	if ((rc = restriction_list(&ctx->s, a->complainant, a->all, &r, &n,
	    err)))
		return rc;
	if ((t = is_narrow ? out_table_begin(stdout, ctx->format, narrow,
	    N_NARROW) : out_table_begin(stdout, ctx->format, cols, N_COLS)) ==
	    NULL)
		rc = cpl_nomem(err);
	for (int i = 0; rc == 0 && i < n; i++) {
		char id[24], imposed[DATE_LEN], review[DATE_LEN], lifted[DATE_LEN];
		const char *v[N_COLS] = {id, r[i].complainant, r[i].kind,
		    r[i].detail, r[i].reason, imposed, review, r[i].officer,
		    r[i].lifted != NO_DATE ? lifted : NULL, r[i].lifted_reason,
		    r[i].decided_by};
		const char *w[N_NARROW] = {v[0], v[1], v[2], v[6], v[8], v[3]};

		snprintf(id, sizeof(id), "%" PRId64, r[i].id);
		date_format(r[i].imposed, imposed);
		date_format(r[i].review, review);
		if (r[i].lifted != NO_DATE)
			date_format(r[i].lifted, lifted);
		if (out_table_row(t, is_narrow ? w : v) != 0)
			rc = cpl_nomem(err);
	}
	if (t != NULL && out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	store_restrictions_free(r, n);
	return rc;
}

static int
print_id(void *arg, struct cpl_error *err)
{
	(void)err;
	printf("%" PRId64 "\n", *(const int64_t *)arg);
	return 0;
}

int
cmd_restriction(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err)
{
	static const struct option add_opts[] = {
		{"kind", required_argument, NULL, OPT_KIND},
		{"reason", required_argument, NULL, OPT_REASON},
		{"review", required_argument, NULL, OPT_REVIEW},
		{"detail", required_argument, NULL, OPT_DETAIL},
		{"decided-by", required_argument, NULL, OPT_DECIDED_BY},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	static const struct option lift_opts[] = {
		{"reason", required_argument, NULL, OPT_REASON},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	static const struct option list_opts[] = {
		{"complainant", required_argument, NULL, OPT_COMPLAINANT},
		{"all", no_argument, NULL, OPT_ALL},
		GLOBAL_OPTIONS
	};
	struct restriction_args a;
	const char *word = argc > 1 ? argv[1] : NULL;
	cpl_date date;
	int64_t id = 0;
	struct pending_output po = {print_id, NULL, 0};
	int rc;

	memset(&a, 0, sizeof(a));
	a.review = NO_DATE;
	/* The sub-word comes first; --help alone asks for the usage. */
	if (word == NULL || word[0] == '-') {
		if (word != NULL && (strcmp(word, "--help") == 0 ||
		    strcmp(word, "-h") == 0))
			return parse_args(ctx, argc, argv, list_opts, NULL, NULL,
			    NULL, 0, err);
		return cpl_fail(err, CPL_USAGE, "restriction: add, lift or list? "
		    "(see 'complaints restriction --help')");
	}
	argc--;
	argv++;
	if (strcmp(word, "add") == 0) {
		if ((rc = parse_args(ctx, argc, argv, add_opts, restriction_option,
		    &a, &date, 1, err)))
			return rc;
		/* The new restriction's id, printed before it is committed
		 * (as log prints a reference). */
		po.arg = &id;
		print_before_commit(ctx, &po);
		rc = case_restrict(&ctx->s, argv[optind], a.kind, a.detail,
		    a.reason, a.decided_by, a.review, date, &id, err);
		return print_after(ctx, &po, rc, err);
	}
	if (strcmp(word, "lift") == 0) {
		if ((rc = parse_args(ctx, argc, argv, lift_opts,
		    restriction_option, &a, &date, 1, err)))
			return rc;
		if ((rc = number_arg("restriction lift", "a restriction number",
		    argv[optind], 1, INT64_MAX, &id, err)))
			return rc;
		return case_lift_restriction(&ctx->s, id, a.reason, date, err);
	}
	if (strcmp(word, "list") == 0) {
		ctx->flags &= ~RECORDS;		/* reading: no officer needed */
		if ((rc = parse_args(ctx, argc, argv, list_opts,
		    restriction_option, &a, NULL, 0, err)))
			return rc;
		return list_restrictions(ctx, &a, err);
	}
	return cpl_fail(err, CPL_USAGE, "restriction: '%s' is not add, lift or "
	    "list", word);
}
