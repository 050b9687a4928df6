/* resume.c: complaints resume: start the clock of a held case again. */
#include "cmd.h"

const char usage_resume[] = "complaints resume REF [--date YYYY-MM-DD]";

int
cmd_resume(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {DATE_OPTION, GLOBAL_OPTIONS};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, &date, 1, err)))
		return rc;
	return case_resume(&ctx->s, argv[optind], date, err);
}
