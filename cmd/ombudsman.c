/*
 * ombudsman.c: complaints ombudsman: the stage after the policy's last one.
 * The first call records the referral; later ones the ombudsman's reference
 * and decision.
 */
#include "cmd.h"

const char usage_ombudsman[] = "complaints ombudsman REF [--body ID]"
    " [--reference TEXT] [--decision DECISION] [--date YYYY-MM-DD]";

enum { OPT_BODY = OPT_FIRST_LOCAL, OPT_REFERENCE, OPT_DECISION };

struct ombudsman_args {
	const char *body, *reference, *decision;
};

static int
ombudsman_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct ombudsman_args *a = arg;

	(void)err;
	if (ch == OPT_BODY)
		a->body = v;
	else if (ch == OPT_REFERENCE)
		a->reference = v;
	else
		a->decision = v;
	return 0;
}

int
cmd_ombudsman(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err)
{
	static const struct option opts[] = {
		{"body", required_argument, NULL, OPT_BODY},
		{"reference", required_argument, NULL, OPT_REFERENCE},
		{"decision", required_argument, NULL, OPT_DECISION},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct ombudsman_args a = {NULL, NULL, NULL};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, ombudsman_option, &a, &date,
	    1, err)))
		return rc;
	return case_ombudsman(&ctx->s, argv[optind], a.body, a.reference,
	    a.decision, date, err);
}
