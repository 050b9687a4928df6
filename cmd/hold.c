/* hold.c: complaints hold: stop the clock of a case's current stage,
 * saying why; complaints resume (resume.c) starts it again. */
#include "cmd.h"

const char usage_hold[] = "complaints hold REF --reason REASON"
    " [--until YYYY-MM-DD] [--date YYYY-MM-DD]";

enum { OPT_REASON = OPT_FIRST_LOCAL, OPT_UNTIL };

struct hold_opts {
	const char *reason;
	cpl_date until;
};

static int
hold_option(int ch, const char *value, void *arg, struct cpl_error *err)
{
	struct hold_opts *o = arg;

	if (ch == OPT_REASON) {
		o->reason = value;
		return 0;
	}
	return date_option("--until", value, &o->until, err);
}

int
cmd_hold(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_REASON},
		{"until", required_argument, NULL, OPT_UNTIL},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct hold_opts o = {NULL, NO_DATE};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, hold_option, &o, &date, 1,
	    err)))
		return rc;
	return case_hold(&ctx->s, argv[optind], o.reason, o.until, date, err);
}
