/*
 * export.c: complaints export: every case, with its stages and dates, as
 * import reads them (CSV or JSON lines) on standard output.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "../lib/export.h"

const char usage_export[] = "complaints export [--from YYYY-MM-DD]"
    " [--to YYYY-MM-DD] [--format csv|jsonl] [--include-history]"
    " [--attachments DIR]";

enum { OPT_EFORMAT = OPT_FIRST_LOCAL, OPT_FROM, OPT_TO, OPT_HISTORY,
    OPT_ATTACHMENTS };

struct export_args {
	enum export_format format;
	cpl_date from, to;
	int history;
	const char *attachments;	/* --attachments DIR */
};

static int
export_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct export_args *a = arg;

	switch (ch) {
	case OPT_EFORMAT:
		if (strcmp(v, "csv") == 0)
			a->format = EXPORT_CSV;
		else if (strcmp(v, "jsonl") == 0)
			a->format = EXPORT_JSONL;
		else
			return cpl_fail(err, CPL_USAGE, "export: --format '%s' is "
			    "not csv or jsonl", v);
		break;
	case OPT_FROM: return date_option("--from", v, &a->from, err);
	case OPT_TO: return date_option("--to", v, &a->to, err);
	case OPT_HISTORY: a->history = 1; break;
	case OPT_ATTACHMENTS: a->attachments = v; break;
	}
	return 0;
}

int
cmd_export(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, OPT_EFORMAT},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"include-history", no_argument, NULL, OPT_HISTORY},
		{"attachments", required_argument, NULL, OPT_ATTACHMENTS},
		GLOBAL_OPTIONS_BUT_FORMAT
	};
	struct export_args a = {EXPORT_CSV, NO_DATE, NO_DATE, 0, NULL};
	struct stat sb;
	long n;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, export_option, &a, NULL, 0,
	    err)))
		return rc;
	if (a.from != NO_DATE && a.to != NO_DATE && a.from > a.to)
		return cpl_fail(err, CPL_USAGE, "export: --from is after --to");
	/* The documents are described in the history only: without it,
	 * nothing would say which case keeps which. */
	if (a.attachments != NULL && !a.history)
		return cpl_fail(err, CPL_USAGE, "export: --attachments needs "
		    "--include-history");
	if (a.attachments != NULL && (stat(a.attachments, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)))
		return cpl_fail(err, CPL_USAGE, "--attachments: '%s' is not a "
		    "directory", a.attachments);
	return export_cases(&ctx->s, stdout, a.format, a.from, a.to, a.history,
	    a.attachments, &n, err);
}
