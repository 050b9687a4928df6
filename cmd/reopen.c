/* reopen.c: complaints reopen: open a closed case again, saying why. */
#include "cmd.h"

const char usage_reopen[] = "complaints reopen REF --reason TEXT"
    " [--date YYYY-MM-DD]";

int
cmd_reopen(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
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
	return case_reopen(&ctx->s, argv[optind], reason, date, err);
}
