/* assign.c: complaints assign: give the current stage to an officer. */
#include "cmd.h"

const char usage_assign[] = "complaints assign REF --to NAME [--date YYYY-MM-DD]";

int
cmd_assign(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, OPT_FIRST_LOCAL},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	const char *to = NULL;
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, one_value, &to, &date, 1,
	    err)))
		return rc;
	return case_assign(&ctx->s, argv[optind], to, date, err);
}
