/* init.c: complaints init: create the database, set the default policy. */
#include "cmd.h"

const char usage_init[] = "complaints init [--policy ID]";

int
cmd_init(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, OPT_FIRST_LOCAL},
		GLOBAL_OPTIONS
	};
	const char *policy = NULL;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, one_value, &policy, NULL,
	    0, err)))
		return rc;
	return case_init(&ctx->s, ctx->db_path, policy, err);
}
