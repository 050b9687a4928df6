/* close.c: complaints close: close a case, with the reason. */
#include <stddef.h>

#include "cmd.h"

const char usage_close[] = "complaints close REF --reason REASON [--informal]"
    " [--date YYYY-MM-DD]";

enum { OPT_REASON = OPT_FIRST_LOCAL, OPT_INFORMAL };

struct close_args {
	const char *reason;
	int informal;
};

static int
close_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct close_args *a = arg;

	(void)err;
	if (ch == OPT_REASON)
		a->reason = v;
	else if (ch == OPT_INFORMAL)
		a->informal = 1;
	return 0;
}

int
cmd_close(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_REASON},
		{"informal", no_argument, NULL, OPT_INFORMAL},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct close_args a = {NULL, 0};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, close_option, &a, &date, 1,
	    err)))
		return rc;
	if (a.informal)
		return case_close_informally(&ctx->s, argv[optind], a.reason, date,
		    err);
	return case_close(&ctx->s, argv[optind], a.reason, date, err);
}
