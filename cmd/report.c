/*
 * report.c: complaints report overdue | summary | annual: the morning
 * overdue list, the figures of a period, a council's annual report.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/report.h"

const char usage_report[] =
    "complaints report overdue [--within N] [--officer NAME]"
    " [--service AREA] [--policy ID]\n"
    "complaints report summary --from YYYY-MM-DD --to YYYY-MM-DD"
    " [--by GROUP]\n"
    "complaints report annual --year YYYY [--format FORMAT]";

enum {
	OPT_WITHIN = OPT_FIRST_LOCAL, OPT_SERVICE, OPT_POLICY, OPT_FROM, OPT_TO,
	OPT_BY, OPT_YEAR
};

struct report_args {
	const char *sub;		/* overdue|summary|annual */
	struct overdue_filter f;
	cpl_date from, to;
	const char *by;
	int year;
	int html;			/* --format html */
	const char *given[8];		/* which local options were given */
	int n_given;
};

static int
local_option(struct report_args *a, int ch, const char *v,
    struct cpl_error *err)
{
	static const char *const names[] = {"--within", "--service",
	    "--policy", "--from", "--to", "--by", "--year"};
	int i;

	if (a->n_given < 8)
		a->given[a->n_given++] = names[ch - OPT_FIRST_LOCAL];
	switch (ch) {
	case OPT_WITHIN:
		return number_option("--within", v, 0, 400, &a->f.within, err);
	case OPT_SERVICE:
		a->f.service = v;
		return 0;
	case OPT_POLICY:
		a->f.policy = v;
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
	}
	return 0;
}

/* The options each sub-word takes, besides the global ones. */
static int
check_options(struct report_args *a, struct cpl_error *err)
{
	static const struct {
		const char *sub;
		const char *opts;	/* space-separated, with spaces around */
	} allowed[] = {
		{"overdue", " --within --service --policy "},
		{"summary", " --from --to --by "},
		{"annual", " --year "},
	};
	char word[32];
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(a->sub, allowed[i].sub) == 0)
			break;
	if (i == 3)
		return cpl_fail(err, CPL_USAGE, "report: unknown report '%s' "
		    "(overdue, summary or annual)", a->sub);
	for (int k = 0; k < a->n_given; k++) {
		snprintf(word, sizeof(word), " %s ", a->given[k]);
		if (strstr(allowed[i].opts, word) == NULL)
			return cpl_fail(err, CPL_USAGE, "report %s: unknown option "
			    "'%s'", a->sub, a->given[k]);
	}
	if (a->html && strcmp(a->sub, "annual") != 0)
		return cpl_fail(err, CPL_USAGE, "report %s: --format html is for "
		    "report annual only", a->sub);
	if (strcmp(a->sub, "summary") == 0 &&
	    (a->from == NO_DATE || a->to == NO_DATE))
		return cpl_fail(err, CPL_USAGE, "report summary: --from and --to "
		    "are needed");
	if (strcmp(a->sub, "annual") == 0 && a->year == 0)
		return cpl_fail(err, CPL_USAGE, "report annual: --year is needed");
	return 0;
}

int
cmd_report(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"within", required_argument, NULL, OPT_WITHIN},
		{"service", required_argument, NULL, OPT_SERVICE},
		{"policy", required_argument, NULL, OPT_POLICY},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"by", required_argument, NULL, OPT_BY},
		{"year", required_argument, NULL, OPT_YEAR},
		GLOBAL_OPTIONS
	};
	struct report_args a;
	int ch, rc;

	memset(&a, 0, sizeof(a));
	a.from = a.to = NO_DATE;
	while ((ch = getopt_long(argc, argv, SHORT_OPTIONS, opts, NULL)) != -1) {
		if (ch == OPT_FORMAT && strcmp(optarg, "html") == 0) {
			a.html = 1;
			rc = 0;
		} else if (ch >= OPT_FIRST_LOCAL) {
			rc = local_option(&a, ch, optarg, err);
		} else {
			if (ch == OPT_FORMAT)
				a.html = 0;
			rc = global_option(ctx, ch, argc, argv, err);
		}
		if (rc)
			return rc;
	}
	if (!ctx->help) {
		if (optind >= argc)
			return cpl_fail(err, CPL_USAGE, "report: which report? "
			    "overdue, summary or annual (see 'complaints report "
			    "--help')");
		if (argc - optind > 1)
			return cpl_fail(err, CPL_USAGE, "report: unexpected "
			    "argument '%s'", argv[optind + 1]);
		a.sub = argv[optind];
		if ((rc = check_options(&a, err)))
			return rc;
	}
	if ((rc = cmd_ready(ctx, err)))
		return rc;
	if (strcmp(a.sub, "overdue") == 0) {
		/* Here --officer picks whose cases; COMPLAINTS_OFFICER does
		 * not (as in list). */
		a.f.officer = ctx->officer_flag ? ctx->officer : NULL;
		a.f.today = ctx->s.today;
		if ((rc = session_known_policy(&ctx->s, "--policy", a.f.policy,
		    err)))
			return rc;
		return report_overdue(&ctx->s, &a.f, ctx->format, stdout, err);
	}
	if (strcmp(a.sub, "summary") == 0) {
		if (a.from > a.to)
			return cpl_fail(err, CPL_USAGE, "--from is after --to");
		return report_summary(&ctx->s, a.from, a.to, a.by, ctx->format,
		    stdout, err);
	}
	return report_annual(&ctx->s, a.year, ctx->format, a.html, stdout, err);
}
