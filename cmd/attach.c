/* attach.c: complaints attach: keep a document in the case file. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "../lib/correspondence.h"

const char usage_attach[] = "complaints attach REF FILE [--name NAME]"
    " [--note TEXT] [--date YYYY-MM-DD]";

enum { OPT_NAME = OPT_FIRST_LOCAL, OPT_NOTE };

static int
attach_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct attach_input *in = arg;

	(void)err;
	if (ch == OPT_NAME)
		in->name = v;
	else
		in->note = v;
	return 0;
}

/* The entry's number, alone on a line: what file REF N takes. */
static int
print_number(void *arg, struct cpl_error *err)
{
	(void)err;
	printf("%d\n", *(int *)arg);
	return 0;
}

int
cmd_attach(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, OPT_NAME},
		{"note", required_argument, NULL, OPT_NOTE},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct attach_input in;
	int n = 0, rc;
	struct pending_output po = {print_number, &n, 0};

	memset(&in, 0, sizeof(in));
	ctx->more_needed = "give the document's file (or '-' to read it from "
	    "standard input, with --name)";
	if ((rc = parse_args(ctx, argc, argv, opts, attach_option, &in,
	    &in.date, 2, err)))
		return rc;
	in.path = argv[optind + 1];
	if (strcmp(in.path, "-") == 0 && in.name == NULL)
		return cpl_fail(err, CPL_USAGE, "--name: a document read from "
		    "standard input needs a name");
	print_before_commit(ctx, &po);
	return print_after(ctx, &po, case_attach(&ctx->s, argv[optind], &in,
	    &n, err), err);
}
