/*
 * report.c: complaints report overdue | summary | annual: the morning
 * overdue list, the figures of a period, a council's annual report.
 *
 * The sub-word may come anywhere among the options, so the options are
 * read first, then held against the sub-word's own.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/report.h"

const char usage_report[] =
    "complaints report overdue [--within N] [--officer NAME]"
    " [--service AREA] [--policy ID] [--actions]\n"
    "complaints report summary --from YYYY-MM-DD --to YYYY-MM-DD"
    " [--by GROUP]\n"
    "complaints report annual --year YYYY [--financial-year]"
    " [--homes N] [--format FORMAT]";

enum {
	OPT_WITHIN = OPT_FIRST_LOCAL, OPT_SERVICE, OPT_POLICY, OPT_FROM, OPT_TO,
	OPT_BY, OPT_YEAR, OPT_FINANCIAL_YEAR, OPT_ACTIONS, OPT_HOMES,
	OPT_REPORT_FORMAT,	/* --format, which takes html here */
	OPT_LAST
};
#define N_LOCAL (OPT_LAST - OPT_FIRST_LOCAL)
#define BIT(opt) (1u << ((opt) - OPT_FIRST_LOCAL))

static const struct option opts[] = {
	{"within", required_argument, NULL, OPT_WITHIN},
	{"service", required_argument, NULL, OPT_SERVICE},
	{"policy", required_argument, NULL, OPT_POLICY},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"by", required_argument, NULL, OPT_BY},
	{"year", required_argument, NULL, OPT_YEAR},
	{"financial-year", no_argument, NULL, OPT_FINANCIAL_YEAR},
	{"actions", no_argument, NULL, OPT_ACTIONS},
	{"homes", required_argument, NULL, OPT_HOMES},
	{"format", required_argument, NULL, OPT_REPORT_FORMAT},
	GLOBAL_OPTIONS_BUT_FORMAT
};

/* Each report, and the options of its own it takes (the global ones
 * aside: for overdue, --officer picks whose cases). */
static const struct report_form {
	const char *word;
	unsigned options;	/* BIT()s */
} forms[] = {
	{"overdue", BIT(OPT_WITHIN) | BIT(OPT_SERVICE) | BIT(OPT_POLICY) |
	    BIT(OPT_ACTIONS)},
	{"summary", BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_BY)},
	{"annual", BIT(OPT_YEAR) | BIT(OPT_FINANCIAL_YEAR) | BIT(OPT_HOMES)},
};
#define N_FORMS (int)(sizeof(forms) / sizeof(forms[0]))

struct report_args {
	struct cmd_ctx *ctx;
	struct overdue_filter f;
	cpl_date from, to;
	const char *by;
	int year;
	int start_month;		/* --financial-year: 4 (April); else 0 */
	int homes;			/* --homes: the council's homes, for
					 * the housing measures; 0: not given */
	int html;			/* --format html */
	unsigned given;			/* BIT()s of the options given */
	int order[N_LOCAL];		/* each given, once, in order */
	int n_order;
};

static int
report_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct report_args *a = arg;
	int i;

	if (ch != OPT_REPORT_FORMAT && !(a->given & BIT(ch))) {
		a->given |= BIT(ch);
		a->order[a->n_order++] = ch;
	}
	switch (ch) {
	case OPT_WITHIN:
		return number_option("--within", v, 0, 400, &a->f.within, err);
	case OPT_SERVICE:
		a->f.service = v;
		return 0;
	case OPT_POLICY:
		a->f.policy = v;
		return 0;
	case OPT_ACTIONS:
		/* The rows of other things to do than a case's stage. */
		a->f.actions = 1;
		return 0;
	case OPT_FROM:
		return date_option("--from", v, &a->from, err);
	case OPT_TO:
		return date_option("--to", v, &a->to, err);
	case OPT_BY:
		for (i = 0; report_by_words[i] != NULL; i++)
			if (strcmp(v, report_by_words[i]) == 0)
				break;
		if (report_by_words[i] == NULL)
			return cpl_fail(err, CPL_USAGE, "--by '%s' is not one of "
			    "service, month, policy, channel, officer", v);
		a->by = report_by_words[i];
		return 0;
	case OPT_YEAR:
		return number_option("--year", v, 1000, 9999, &a->year, err);
	case OPT_HOMES:
		return number_option("--homes", v, 1, 10000000, &a->homes, err);
	case OPT_FINANCIAL_YEAR:
		/* April to March, as councils account (seed 004: "at the end
		 * of each financial year"). */
		a->start_month = 4;
		return 0;
	case OPT_REPORT_FORMAT:
		/* The last --format given counts, html or not. */
		a->html = strcmp(v, "html") == 0;
		if (!a->html && out_format_parse(v) < 0)
			return cpl_fail(err, CPL_USAGE, "--format '%s' is not one "
			    "of table, csv, json, html (html: report annual "
			    "only)", v);
		return a->html ? 0 : format_option(a->ctx, v, err);
	}
	return 0;
}

/* The name of option ch, as typed. */
static const char *
option_name(int ch)
{
	for (int i = 0; opts[i].name != NULL; i++)
		if (opts[i].val == ch)
			return opts[i].name;
	return "?";
}

/* Which report, and do the options given go with it? */
static int
check_report(const char *sub, const struct report_args *a,
    const struct report_form **form, struct cpl_error *err)
{
	int i;

	for (i = 0; i < N_FORMS; i++)
		if (strcmp(sub, forms[i].word) == 0)
			break;
	if (i == N_FORMS)
		return cpl_fail(err, CPL_USAGE, "report: unknown report '%s' "
		    "(overdue, summary or annual)", sub);
	*form = &forms[i];
	for (int k = 0; k < a->n_order; k++)
		if (!(forms[i].options & BIT(a->order[k])))
			return cpl_fail(err, CPL_USAGE, "report %s: unknown option "
			    "'--%s'", sub, option_name(a->order[k]));
	if (a->html && strcmp(sub, "annual") != 0)
		return cpl_fail(err, CPL_USAGE, "report %s: --format html is for "
		    "report annual only", sub);
	if (strcmp(sub, "summary") == 0 &&
	    (a->from == NO_DATE || a->to == NO_DATE))
		return cpl_fail(err, CPL_USAGE, "report summary: --from and --to "
		    "are needed");
	if (strcmp(sub, "annual") == 0 && a->year == 0)
		return cpl_fail(err, CPL_USAGE, "report annual: --year is needed");
	return 0;
}

int
cmd_report(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	const struct report_form *form = NULL;
	struct report_args a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.from = a.to = NO_DATE;
	if ((rc = parse_options(ctx, argc, argv, opts, report_option, &a, err)))
		return rc;
	if (!ctx->help) {
		if (optind >= argc)
			return cpl_fail(err, CPL_USAGE, "report: which report? "
			    "overdue, summary or annual (see 'complaints report "
			    "--help')");
		if (argc - optind > 1)
			return cpl_fail(err, CPL_USAGE, "report: unexpected "
			    "argument '%s'", argv[optind + 1]);
		if ((rc = check_report(argv[optind], &a, &form, err)))
			return rc;
	}
	if ((rc = cmd_ready(ctx, err)))
		return rc;
	if (strcmp(form->word, "overdue") == 0) {
		/* Here --officer picks whose cases; COMPLAINTS_OFFICER does
		 * not (as in list). */
		a.f.officer = ctx->officer_flag ? ctx->officer : NULL;
		a.f.today = ctx->s.today;
		if ((rc = session_known_policy(&ctx->s, a.f.policy, err)))
			return rc;
		return report_overdue(&ctx->s, &a.f, ctx->format, stdout, err);
	}
	if (strcmp(form->word, "summary") == 0) {
		if (a.from > a.to)
			return cpl_fail(err, CPL_USAGE, "--from is after --to");
		return report_summary(&ctx->s, a.from, a.to, a.by, ctx->format,
		    stdout, err);
	}
	return report_annual(&ctx->s, a.year, a.start_month, a.homes,
	    ctx->format, a.html, stdout, err);
}
