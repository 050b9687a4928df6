/* close.c: complaints close: close a case, with the reason. */
#include "cmd.h"

const char usage_close[] = "complaints close REF --reason REASON [--date YYYY-MM-DD]";

int
cmd_close(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_FIRST_LOCAL},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	const char *reason = NULL;
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, one_value, &reason, &date, 1,
	    err)))
		return rc;
	return case_close(&ctx->s, argv[optind], reason, date, err);
}
