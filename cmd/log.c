/* log.c: complaints log: register a new case, print its reference. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/util.h"

const char usage_log[] = "complaints log [--complainant NAME | --anonymous]"
    " [--contact TEXT] [--on-behalf-of NAME] [--consent] [--kind KIND]"
    " [--channel CHANNEL] [--service AREA] [--category TEXT]"
    " [--summary TEXT] [--received YYYY-MM-DD] [--occurred YYYY-MM-DD]"
    " [--policy ID] [--external-ref TEXT] [--late-reason TEXT]"
    " [--accept-anyway REASON] [--about-staff NAME] [--discrimination]"
    " [--late-granted-by NAME] [--resolved-informally]";

static int
print_ref(void *arg, struct cpl_error *err)
{
	(void)err;
	printf("%s\n", *(char **)arg);
	return 0;
}

enum {
	OPT_COMPLAINANT = OPT_FIRST_LOCAL, OPT_ANONYMOUS, OPT_CONTACT,
	OPT_BEHALF, OPT_CONSENT, OPT_KIND, OPT_CHANNEL, OPT_SERVICE,
	OPT_CATEGORY, OPT_SUMMARY, OPT_RECEIVED, OPT_OCCURRED, OPT_POLICY,
	OPT_EXTREF, OPT_LATE, OPT_ACCEPT, OPT_LOG_DATE, OPT_ABOUT_STAFF,
	OPT_DISCRIMINATION, OPT_LATE_GRANTED, OPT_INFORMAL
};

/* What the options fill: the case, and --date, which every command that
 * records an action takes (complaints(1), DESCRIPTION): for log, the day
 * received (complaints-log(1), --received). */
struct log_args {
	struct log_input in;
	cpl_date date;
};

static int
log_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct log_args *a = arg;
	struct log_input *in = &a->in;

	switch (ch) {
	case OPT_COMPLAINANT: in->complainant = v; break;
	case OPT_ANONYMOUS: in->anonymous = 1; break;
	case OPT_CONTACT: in->contact = v; break;
	case OPT_BEHALF: in->on_behalf_of = v; break;
	case OPT_CONSENT: in->consent = 1; break;
	case OPT_KIND: in->kind = v; break;
	case OPT_CHANNEL: in->channel = v; break;
	case OPT_SERVICE: in->service = v; break;
	case OPT_CATEGORY: in->category = v; break;
	case OPT_SUMMARY: in->summary = v; break;
	case OPT_RECEIVED: return date_option("--received", v, &in->received, err);
	case OPT_OCCURRED: return date_option("--occurred", v, &in->occurred, err);
	case OPT_POLICY: in->policy = v; break;
	case OPT_EXTREF: in->external_ref = v; break;
	case OPT_LATE: in->late_reason = v; break;
	case OPT_ACCEPT: in->accept_anyway = v; break;
	case OPT_LOG_DATE: return date_option("--date", v, &a->date, err);
	case OPT_ABOUT_STAFF: in->about_staff = v; break;
	case OPT_DISCRIMINATION: in->discrimination = 1; break;
	case OPT_LATE_GRANTED: in->late_granted_by = v; break;
	case OPT_INFORMAL: in->resolved_informally = 1; break;
	}
	return 0;
}

int
cmd_log(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"complainant", required_argument, NULL, OPT_COMPLAINANT},
		{"anonymous", no_argument, NULL, OPT_ANONYMOUS},
		{"contact", required_argument, NULL, OPT_CONTACT},
		{"on-behalf-of", required_argument, NULL, OPT_BEHALF},
		{"consent", no_argument, NULL, OPT_CONSENT},
		{"kind", required_argument, NULL, OPT_KIND},
		{"channel", required_argument, NULL, OPT_CHANNEL},
		{"service", required_argument, NULL, OPT_SERVICE},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"summary", required_argument, NULL, OPT_SUMMARY},
		{"received", required_argument, NULL, OPT_RECEIVED},
		{"occurred", required_argument, NULL, OPT_OCCURRED},
		{"policy", required_argument, NULL, OPT_POLICY},
		{"external-ref", required_argument, NULL, OPT_EXTREF},
		{"late-reason", required_argument, NULL, OPT_LATE},
		{"accept-anyway", required_argument, NULL, OPT_ACCEPT},
		{"date", required_argument, NULL, OPT_LOG_DATE},
		{"about-staff", required_argument, NULL, OPT_ABOUT_STAFF},
		{"discrimination", no_argument, NULL, OPT_DISCRIMINATION},
		{"late-granted-by", required_argument, NULL, OPT_LATE_GRANTED},
		{"resolved-informally", no_argument, NULL, OPT_INFORMAL},
		GLOBAL_OPTIONS
	};
	struct log_args a;
	struct log_input *in = &a.in;
	char *ref = NULL, *stdin_summary = NULL;
	/* The reference, printed before the case is committed: a script
	 * that can't be told it is logged must not find it logged. */
	struct pending_output po = {print_ref, &ref, 0};
	int rc;

	memset(&a, 0, sizeof(a));
	in->received = in->occurred = a.date = NO_DATE;
	if ((rc = parse_args(ctx, argc, argv, opts, log_option, &a, NULL, 0,
	    err)))
		return rc;
	if (a.date != NO_DATE) {
		if (in->received != NO_DATE && in->received != a.date)
			return cpl_fail(err, CPL_USAGE, "--date and --received "
			    "name different days: give one");
		in->received = a.date;
	}
	/* Standard input only when asked for: a script's loop that logs a
	 * case a line of its input must not have one case swallow the rest. */
	if (in->summary != NULL && strcmp(in->summary, "-") == 0) {
		if ((rc = read_text(stdin, "the summary on standard input",
		    &stdin_summary, err)))
			return rc;
		in->summary = stdin_summary;
	}
	print_before_commit(ctx, &po);
	rc = print_after(ctx, &po, case_log(&ctx->s, in, &ref, err), err);
	free(ref);
	free(stdin_summary);
	return rc;
}
