/* log.c: complaints log: register a new case, print its reference. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

const char usage_log[] = "complaints log [--complainant NAME | --anonymous]"
    " [--contact TEXT] [--on-behalf-of NAME] [--consent] [--kind KIND]"
    " [--channel CHANNEL] [--service AREA] [--category TEXT]"
    " [--summary TEXT] [--received YYYY-MM-DD] [--occurred YYYY-MM-DD]"
    " [--policy ID] [--external-ref TEXT] [--late-reason TEXT]"
    " [--accept-anyway REASON]";

/* The summary from standard input, trailing newlines dropped; NULL when
 * there is none. */
static char *
read_summary(struct cpl_error *err, int *rc)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	*rc = 0;
	for (;;) {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);
			if (nb == NULL) {
				free(buf);
				*rc = cpl_fail(err, CPL_USAGE, "out of memory");
				return NULL;
			}
			buf = nb;
		}
		if ((n = fread(buf + len, 1, cap - len - 1, stdin)) == 0)
			break;
		len += n;
	}
	if (ferror(stdin)) {
		free(buf);
		*rc = cpl_fail(err, CPL_USAGE, "can't read the summary from "
		    "standard input");
		return NULL;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	buf[len] = '\0';
	if (len == 0) {
		free(buf);
		return NULL;
	}
	if (strlen(buf) != len) {
		free(buf);
		*rc = cpl_fail(err, CPL_USAGE, "the summary on standard input "
		    "holds a NUL byte");
		return NULL;
	}
	return buf;
}

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
	OPT_EXTREF, OPT_LATE, OPT_ACCEPT, OPT_LOG_DATE
};

/* What the options fill: the case, and --date, which every command that
 * records an action takes (SPEC section 2): for log, the day received. */
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
	/* The summary may come on standard input, but never wait on a
	 * terminal for it. */
	if (in->summary == NULL && !isatty(STDIN_FILENO)) {
		if ((stdin_summary = read_summary(err, &rc)) == NULL && rc)
			return rc;
		in->summary = stdin_summary;
	}
	print_before_commit(ctx, &po);
	rc = print_after(ctx, &po, case_log(&ctx->s, in, &ref, err), err);
	free(ref);
	free(stdin_summary);
	return rc;
}
