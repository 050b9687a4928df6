/* link.c: complaints link: cases about the same issue linked in a group,
 * investigated together and answered in one response (lib/links.c). */
#include "cmd.h"
#include "../lib/links.h"

const char usage_link[] = "complaints link REF REF ... [--reason TEXT]"
    " [--date YYYY-MM-DD]";

int
cmd_link(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_FIRST_LOCAL},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	const char *reason = NULL;
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, one_value, &reason, &date,
	    -1, err)))
		return rc;
	return case_link(&ctx->s, (const char *const *)argv + optind,
	    argc - optind, reason, date, err);
}
