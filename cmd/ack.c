/* ack.c: complaints ack: acknowledge a case at its current stage. */
#include "cmd.h"

const char usage_ack[] = "complaints ack REF [--date YYYY-MM-DD]";

int
cmd_ack(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {DATE_OPTION, GLOBAL_OPTIONS};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, &date, 1, err)))
		return rc;
	return case_ack(&ctx->s, argv[optind], date, err);
}
