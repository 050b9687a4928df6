/*
 * ombudsman.c: complaints ombudsman: the stage after the policy's last one.
 * The first call records the referral; later ones the ombudsman's reference
 * and decision, the remedy the decision recommends with the day it is due,
 * and the day the council complied.
 */
#include "cmd.h"

const char usage_ombudsman[] = "complaints ombudsman REF [--body ID]"
    " [--reference TEXT] [--decision DECISION] [--remedy TEXT]"
    " [--remedy-due YYYY-MM-DD] [--complied YYYY-MM-DD]"
    " [--date YYYY-MM-DD]";

enum { OPT_BODY = OPT_FIRST_LOCAL, OPT_REFERENCE, OPT_DECISION, OPT_REMEDY,
    OPT_REMEDY_DUE, OPT_COMPLIED };

struct ombudsman_args {
	const char *body, *reference, *decision;
	struct ombudsman_remedy m;
};

static int
ombudsman_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct ombudsman_args *a = arg;

	if (ch == OPT_BODY)
		a->body = v;
	else if (ch == OPT_REFERENCE)
		a->reference = v;
	else if (ch == OPT_REMEDY)
		a->m.remedy = v;
	else if (ch == OPT_REMEDY_DUE)
		return date_option("--remedy-due", v, &a->m.due, err);
	else if (ch == OPT_COMPLIED)
		return date_option("--complied", v, &a->m.complied, err);
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
		{"remedy", required_argument, NULL, OPT_REMEDY},
		{"remedy-due", required_argument, NULL, OPT_REMEDY_DUE},
		{"complied", required_argument, NULL, OPT_COMPLIED},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct ombudsman_args a = {NULL, NULL, NULL,
	    {NULL, NO_DATE, NO_DATE}};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, ombudsman_option, &a, &date,
	    1, err)))
		return rc;
	return case_ombudsman(&ctx->s, argv[optind], a.body, a.reference,
	    a.decision, &a.m, date, err);
}
