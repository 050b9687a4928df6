/*
 * file.c: complaints file: one entry of a case file written back out,
 * byte for byte: to --out, made whole or not at all, or to standard
 * output when it is not a terminal (a document's bytes are not for a
 * terminal to obey).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/correspondence.h"
#include "../lib/util.h"

const char usage_file[] = "complaints file REF N [--out FILE]";

enum { OPT_OUT = OPT_FIRST_LOCAL };

/* case_paper_write's writer: to the file descriptor *arg. */
static int
to_fd(void *arg, const void *buf, size_t len, struct cpl_error *err)
{
	if (write_all(*(int *)arg, buf, len) != 0)
		return cpl_fail(err, CPL_USAGE, "can't write the document: %s",
		    strerror(errno));
	return 0;
}

int
cmd_file(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		GLOBAL_OPTIONS
	};
	const char *out = NULL;
	struct atomic_file af;
	int64_t n;
	int fd = STDOUT_FILENO, rc;

	ctx->more_needed = "give the entry's number (complaints files REF "
	    "lists them)";
	if ((rc = parse_args(ctx, argc, argv, opts, one_value, &out, NULL, 2,
	    err)))
		return rc;
	if ((rc = number_arg("N", "an entry's number", argv[optind + 1], 1,
	    1000000000, &n, err)))
		return rc;
	if (out == NULL && isatty(STDOUT_FILENO))
		return cpl_fail(err, CPL_USAGE, "standard output is a terminal: "
		    "write the entry to a file with --out FILE, or redirect it");
	if (out != NULL) {
		if ((rc = atomic_open(&af, out, err)))
			return rc;
		fd = af.fd;
	} else if (fflush(stdout) != 0) {
		return cpl_fail(err, CPL_USAGE, "can't write output: %s",
		    strerror(errno));
	}
	rc = case_paper_write(&ctx->s, argv[optind], (int)n, to_fd, &fd, err);
	if (out != NULL) {
		if (rc == 0)
			rc = atomic_commit(&af, err);
		else
			atomic_abort(&af);
	}
	return rc;
}
