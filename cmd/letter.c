/*
 * letter.c: complaints letter: the letter the policy prescribes, filled
 * from the case; --sent records it as sent.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/letter.h"
#include "../lib/util.h"

const char usage_letter[] = "complaints letter REF KIND [--stage N]"
    " [--format text|html] [--out FILE] [--body FILE] [--sent]"
    " [--date YYYY-MM-DD] [--via VIA] [--days N] [--reason TEXT]";

enum { OPT_LFORMAT = OPT_FIRST_LOCAL, OPT_STAGE, OPT_OUT, OPT_BODY,
    OPT_SENT, OPT_VIA, OPT_DAYS, OPT_REASON };

struct letter_args {
	struct letter_request rq;
	const char *out;	/* --out FILE, or NULL: standard output */
	const char *body;	/* --body FILE, "-": standard input */
	char *text;		/* the letter, once written */
	size_t len;
};

static int
letter_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct letter_args *a = arg;

	switch (ch) {
	case OPT_LFORMAT:
		if (strcmp(v, "html") != 0 && strcmp(v, "text") != 0)
			return cpl_fail(err, CPL_USAGE, "--format: '%s' is not "
			    "text or html", v);
		a->rq.html = strcmp(v, "html") == 0;
		return 0;
	case OPT_STAGE:
		return number_option("--stage", v, 1, CPL_MAX_STAGES,
		    &a->rq.stage, err);
	case OPT_OUT:
		a->out = v;
		return 0;
	case OPT_BODY:
		a->body = v;
		return 0;
	case OPT_SENT:
		a->rq.sent = 1;
		return 0;
	case OPT_VIA:
		if (!one_of(v, letter_vias))
			return cpl_fail(err, CPL_USAGE, "--via: '%s' is not "
			    "email, post or hand", v);
		a->rq.via = v;
		return 0;
	case OPT_DAYS:
		return number_option("--days", v, 1, 400, &a->rq.days, err);
	default:
		a->rq.reason = v;
		return 0;
	}
}

/* The letter into FILE, whole or not at all: written beside it under a
 * temporary name, readable by its owner only (a letter holds personal
 * data), and renamed into place; a symbolic link at FILE is replaced,
 * never followed. */
static int
write_out(const char *path, const char *text, size_t len,
    struct cpl_error *err)
{
	struct atomic_file af;
	int rc;

	if ((rc = atomic_open(&af, path, err)))
		return rc;
	if (write_all(af.fd, text, len) != 0) {
		int e = errno;

		atomic_abort(&af);
		return cpl_fail(err, CPL_USAGE, "can't write '%s': %s", path,
		    strerror(e));
	}
	return atomic_commit(&af, err);
}

/* The letter where it goes: the file, or standard output (on a
 * terminal, each line with its control characters shown, never obeyed). */
static int
deliver(void *arg, struct cpl_error *err)
{
	struct letter_args *a = arg;

	if (a->text == NULL)
		return 0;
	if (a->out != NULL)
		return write_out(a->out, a->text, a->len, err);
	if (!a->rq.html && output_to_terminal(stdout)) {
		char *line = a->text, *nl;

		for (; *line; line = nl + 1) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl = '\0';
			put_escaped(stdout, line);
			fputc('\n', stdout);
			if (nl == NULL)
				break;
			*nl = '\n';
		}
	} else
		fwrite(a->text, 1, a->len, stdout);
	return flush_output(err);
}

int
cmd_letter(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, OPT_LFORMAT},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"out", required_argument, NULL, OPT_OUT},
		{"body", required_argument, NULL, OPT_BODY},
		{"sent", no_argument, NULL, OPT_SENT},
		{"via", required_argument, NULL, OPT_VIA},
		{"days", required_argument, NULL, OPT_DAYS},
		{"reason", required_argument, NULL, OPT_REASON},
		DATE_OPTION, GLOBAL_OPTIONS_BUT_FORMAT
	};
	struct letter_args a;
	struct pending_output po = {deliver, &a, 0};
	char *body = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	ctx->more_needed = "give the kind of letter (acknowledgement, "
	    "holding-reply, response, refusal, restriction)";
	if ((rc = parse_args(ctx, argc, argv, opts, letter_option, &a,
	    &a.rq.date, 2, err)))
		return rc;
	a.rq.kind = argv[optind + 1];
	if (!a.rq.sent && a.rq.via != NULL)
		return cpl_fail(err, CPL_USAGE, "letter: --via says how a letter "
		    "was sent: it needs --sent");
	if ((a.rq.days != 0) != (a.rq.reason != NULL))
		return cpl_fail(err, CPL_USAGE, "letter: --days N and --reason "
		    "TEXT go together: the extension a holding reply "
		    "announces");
	if (a.rq.days != 0 && strcmp(a.rq.kind, "holding-reply") != 0)
		return cpl_fail(err, CPL_USAGE, "letter: --days and --reason are "
		    "a holding reply's extension, not a '%s' letter's",
		    a.rq.kind);
	if (a.rq.sent && a.rq.days == 0 &&
	    strcmp(a.rq.kind, "holding-reply") == 0)
		return cpl_fail(err, CPL_USAGE, "letter: a holding reply sent "
		    "announces an extension: give its --days N and --reason "
		    "TEXT");
	if (a.body != NULL) {
		FILE *f = strcmp(a.body, "-") == 0 ? stdin :
		    fopen(a.body, "r");

		if (f == NULL)
			return cpl_fail(err, CPL_USAGE, "--body: can't read '%s': "
			    "%s", a.body, strerror(errno));
		rc = read_text(f, strcmp(a.body, "-") == 0 ?
		    "the body on standard input" : "the body", &body, err);
		if (f != stdin)
			fclose(f);
		if (rc)
			return rc;
		a.rq.body = body;
	}
	if (a.rq.sent)
		print_before_commit(ctx, &po);
	rc = case_letter(&ctx->s, argv[optind], &a.rq, &a.text, &a.len, err);
	if (a.rq.sent)
		rc = print_after(ctx, &po, rc, err);
	else if (rc == 0)
		rc = deliver(&a, err);
	free(a.text);
	free(body);
	return rc;
}
