/* amend.c: complaints amend: change a case's details, saying why. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/util.h"

const char usage_amend[] = "complaints amend REF [--complainant NAME]"
    " [--contact TEXT] [--service AREA] [--category TEXT]"
    " [--channel email|phone|letter|web|in-person|social|other]"
    " [--summary TEXT] [--received YYYY-MM-DD] [--occurred YYYY-MM-DD]"
    " [--about-staff NAME] [--discrimination | --no-discrimination]"
    " --reason TEXT";

enum {
	OPT_COMPLAINANT = OPT_FIRST_LOCAL, OPT_CONTACT, OPT_SERVICE,
	OPT_CATEGORY, OPT_CHANNEL, OPT_SUMMARY, OPT_RECEIVED, OPT_OCCURRED,
	OPT_REASON, OPT_ABOUT_STAFF, OPT_DISCRIMINATION, OPT_NO_DISCRIMINATION
};

static int
amend_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct amendment *a = arg;

	switch (ch) {
	case OPT_COMPLAINANT: a->complainant = v; break;
	case OPT_CONTACT: a->contact = v; break;
	case OPT_SERVICE: a->service = v; break;
	case OPT_CATEGORY: a->category = v; break;
	case OPT_CHANNEL: a->channel = v; break;
	case OPT_SUMMARY: a->summary = v; break;
	case OPT_RECEIVED:
		return date_option("--received", v, &a->received, err);
	case OPT_OCCURRED:
		return date_option("--occurred", v, &a->occurred, err);
	case OPT_REASON: a->reason = v; break;
	case OPT_ABOUT_STAFF: a->about_staff = v; break;
	case OPT_DISCRIMINATION:
	case OPT_NO_DISCRIMINATION:
		if (a->discrimination >= 0)
			return cpl_fail(err, CPL_USAGE, "--discrimination and "
			    "--no-discrimination: give one");
		a->discrimination = ch == OPT_DISCRIMINATION;
		break;
	}
	return 0;
}

int
cmd_amend(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"complainant", required_argument, NULL, OPT_COMPLAINANT},
		{"contact", required_argument, NULL, OPT_CONTACT},
		{"service", required_argument, NULL, OPT_SERVICE},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"channel", required_argument, NULL, OPT_CHANNEL},
		{"summary", required_argument, NULL, OPT_SUMMARY},
		{"received", required_argument, NULL, OPT_RECEIVED},
		{"occurred", required_argument, NULL, OPT_OCCURRED},
		{"reason", required_argument, NULL, OPT_REASON},
		{"about-staff", required_argument, NULL, OPT_ABOUT_STAFF},
		{"discrimination", no_argument, NULL, OPT_DISCRIMINATION},
		{"no-discrimination", no_argument, NULL, OPT_NO_DISCRIMINATION},
		GLOBAL_OPTIONS
	};
	struct amendment a;
	char *stdin_summary = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	a.received = a.occurred = NO_DATE;
	a.discrimination = -1;
	if ((rc = parse_args(ctx, argc, argv, opts, amend_option, &a, NULL, 1,
	    err)))
		return rc;
	/* Standard input only when asked for, as log reads it. */
	if (a.summary != NULL && strcmp(a.summary, "-") == 0) {
		if ((rc = read_text(stdin, "the summary on standard input",
		    &stdin_summary, err)))
			return rc;
		a.summary = stdin_summary ? stdin_summary : "";
	}
	rc = case_amend(&ctx->s, argv[optind], &a, err);
	free(stdin_summary);
	return rc;
}
