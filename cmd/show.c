/* show.c: complaints show: the whole case. */
#include "cmd.h"
#include "../lib/case_view.h"

const char usage_show[] = "complaints show REF";

int
cmd_show(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	struct case_view v;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1, err)))
		return rc;
	if ((rc = case_view(&ctx->s, argv[optind], VIEW_WHOLE_CASE, &v,
	    err)) == 0)
		case_view_print(stdout, ctx->format, &v);
	case_view_free(&v);
	return rc;
}
