/* unlink.c: complaints unlink: cases taken out of their group of linked
 * cases (lib/links.c). */
#include "cmd.h"
#include "../lib/links.h"

const char usage_unlink[] = "complaints unlink REF [REF ...]"
    " [--date YYYY-MM-DD]";

int
cmd_unlink(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {DATE_OPTION, GLOBAL_OPTIONS};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, &date, -1,
	    err)))
		return rc;
	return case_unlink(&ctx->s, (const char *const *)argv + optind,
	    argc - optind, date, err);
}
