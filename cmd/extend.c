/* extend.c: complaints extend: more working days for the response. */
#include "cmd.h"

const char usage_extend[] = "complaints extend REF --days N --reason TEXT"
    " [--told] [--date YYYY-MM-DD]";

enum { OPT_DAYS = OPT_FIRST_LOCAL, OPT_REASON, OPT_TOLD };

struct extend_args {
	int days;
	const char *reason;
	int told;
};

static int
extend_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct extend_args *a = arg;

	if (ch == OPT_REASON) {
		a->reason = v;
		return 0;
	}
	if (ch == OPT_TOLD) {
		a->told = 1;
		return 0;
	}
	return number_option("--days", v, 1, 400, &a->days, err);
}

int
cmd_extend(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"days", required_argument, NULL, OPT_DAYS},
		{"reason", required_argument, NULL, OPT_REASON},
		{"told", no_argument, NULL, OPT_TOLD},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct extend_args a = {0, NULL, 0};
	cpl_date date;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, extend_option, &a, &date, 1,
	    err)))
		return rc;
	if (a.days == 0)
		return cpl_fail(err, CPL_USAGE, "extend: --days N is needed");
	return case_extend(&ctx->s, argv[optind], a.days, a.reason, a.told, date,
	    err);
}
