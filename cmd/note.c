/* note.c: complaints note: add a note to the case file. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/util.h"

const char usage_note[] = "complaints note REF TEXT [--date YYYY-MM-DD]";

int
cmd_note(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {DATE_OPTION, GLOBAL_OPTIONS};
	cpl_date date;
	char *text;
	size_t len = 0;
	int rc;

	/* REF and at least one word; the words are the note, joined by
	 * spaces. */
	ctx->more_needed = "give the note's text (or '-' to read it from "
	    "standard input)";
	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, &date, -2,
	    err)))
		return rc;
	/* "-" alone: the note is standard input, read only when asked. */
	if (argc - optind == 2 && strcmp(argv[optind + 1], "-") == 0) {
		if ((rc = read_text(stdin, "the note on standard input", &text,
		    err)))
			return rc;
		rc = case_note(&ctx->s, argv[optind], text ? text : "", date,
		    err);
		free(text);
		return rc;
	}
	for (int i = optind + 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((text = malloc(len + 1)) == NULL)
		return cpl_nomem(err);
	text[0] = '\0';
	for (int i = optind + 1; i < argc; i++) {
		if (i > optind + 1)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	rc = case_note(&ctx->s, argv[optind], text, date, err);
	free(text);
	return rc;
}
