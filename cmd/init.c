/*
 * init.c: complaints init: create the database, set the default policy,
 * read auditing, and the group a team shares the store with.
 */
#include <string.h>

#include "cmd.h"

const char usage_init[] = "complaints init [--policy ID]"
    " [--set-default-policy ID] [--audit-reads on|off] [--group NAME]";

enum { OPT_POLICY = OPT_FIRST_LOCAL, OPT_SET_DEFAULT, OPT_AUDIT, OPT_GROUP };

struct init_args {
	const char *policy;	/* the default policy of a new store */
	const char *set_default;	/* the default policy, changed if
					 * need be */
	const char *audit;	/* "on", "off", or NULL: leave it */
	const char *group;	/* share the store with it; NULL: leave it */
};

static int
init_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct init_args *a = arg;

	if (ch == OPT_POLICY) {
		a->policy = v;
		return 0;
	}
	if (ch == OPT_SET_DEFAULT) {
		a->set_default = v;
		return 0;
	}
	if (ch == OPT_GROUP) {
		a->group = v;
		return 0;
	}
	if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
		return cpl_fail(err, CPL_USAGE, "init: --audit-reads '%s' is not "
		    "on or off", v);
	a->audit = v;
	return 0;
}

int
cmd_init(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, OPT_POLICY},
		{"set-default-policy", required_argument, NULL, OPT_SET_DEFAULT},
		{"audit-reads", required_argument, NULL, OPT_AUDIT},
		{"group", required_argument, NULL, OPT_GROUP},
		GLOBAL_OPTIONS
	};
	struct init_args a = {NULL, NULL, NULL, NULL};
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, init_option, &a, NULL, 0,
	    err)))
		return rc;
	if (a.policy != NULL && a.set_default != NULL)
		return cpl_fail(err, CPL_USAGE, "init: --policy and "
		    "--set-default-policy both name the default policy: give "
		    "one");
	return case_init(&ctx->s, ctx->db_path, a.set_default ? a.set_default :
	    a.policy, a.set_default != NULL, a.audit, a.group, err);
}
