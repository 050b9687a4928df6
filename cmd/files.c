/* files.c: complaints files: the entries of a case file, by date. */
#include <stdio.h>

#include "cmd.h"
#include "../lib/correspondence.h"

const char usage_files[] = "complaints files REF";

int
cmd_files(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	struct case_papers cp;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1, err)))
		return rc;
	if ((rc = case_papers(&ctx->s, argv[optind], &cp, err)) == 0 &&
	    case_papers_print(stdout, ctx->format, &cp) != 0)
		rc = cpl_nomem(err);
	case_papers_free(&cp);
	return rc;
}
