/*
 * import.c: complaints import: cases from CSV or JSON lines, every row
 * checked as log and the actions check it, all or nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/import.h"

const char usage_import[] = "complaints import [--format csv|jsonl]"
    " [--skip-bad] [--rejects FILE] FILE";

enum { OPT_IFORMAT = OPT_FIRST_LOCAL, OPT_SKIP_BAD, OPT_REJECTS };

struct import_args {
	struct import_opts o;
	const char *name;	/* the file, as messages name it */
	const char *rejects;	/* the reject file */
	FILE *rej;
	/* progress, on a terminal */
	int tty;
	long size;		/* of the file, or 0: not known */
	struct timespec start, last;
	int shown;
};

static int
import_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct import_args *a = arg;

	switch (ch) {
	case OPT_IFORMAT:
		if (strcmp(v, "csv") == 0)
			a->o.format = IMPORT_CSV;
		else if (strcmp(v, "jsonl") == 0)
			a->o.format = IMPORT_JSONL;
		else
			return cpl_fail(err, CPL_USAGE, "import: --format '%s' is "
			    "not csv or jsonl", v);
		break;
	case OPT_SKIP_BAD: a->o.skip_bad = 1; break;
	case OPT_REJECTS: a->rejects = v; break;
	}
	return 0;
}

static int
reject_failed(const struct import_args *a, struct cpl_error *err)
{
	return cpl_fail(err, CPL_STORE, "can't write the reject file '%s': "
	    "%s: nothing imported", a->rejects, strerror(errno));
}

static int
bad_row(void *arg, long line, const char *msg, const char *raw, size_t len,
    struct cpl_error *err)
{
	struct import_args *a = arg;

	if (a->shown) {
		fputs("\r\033[K", stderr);
		a->shown = 0;
	}
	print_line(stderr, "%s:%ld: %s", a->name, line, msg);
	if (!a->o.skip_bad)
		return 0;
	/* The bad rows, as they were, under the header: fix and import
	 * again. */
	if (a->rej == NULL) {
		/* The rows hold residents' personal data, as the store does:
		 * readable by the owner only (SPEC section 6). */
		int fd = open(a->rejects, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600);
		if (fd >= 0 && (fchmod(fd, 0600) != 0 ||
		    (a->rej = fdopen(fd, "w")) == NULL))
			close(fd);
		if (a->rej == NULL)
			return reject_failed(a, err);
		if (a->o.header != NULL)
			fwrite(a->o.header, 1, a->o.header_len, a->rej);
	}
	fwrite(raw, 1, len, a->rej);
	/* A last row without its line end gets one. */
	if (len == 0 || (raw[len - 1] != '\n' && raw[len - 1] != '\r'))
		putc('\n', a->rej);
	/* Written out now (bad rows are few): a row that can't be kept is
	 * found before anything is committed. */
	if (fflush(a->rej) != 0 || ferror(a->rej))
		return reject_failed(a, err);
	return 0;
}

static void
warning(void *arg, long line, const char *msg)
{
	struct import_args *a = arg;

	if (a->shown) {
		fputs("\r\033[K", stderr);
		a->shown = 0;
	}
	print_line(stderr, "%s:%ld: warning: %s", a->name, line, msg);
}

static double
since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* On a terminal, a line that says how far the import has got. */
static void
progress(void *arg, long rows, long bytes)
{
	struct import_args *a = arg;
	double t;

	if (!a->tty)
		return;
	if (bytes < 0) {
		/* Written now: a pause that would look like a hang. */
		fprintf(stderr, "\r\033[K%ld rows read; writing them to the "
		    "store", rows);
		a->shown = 1;
		return;
	}
	if (since(&a->last) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &a->last);
	t = since(&a->start);
	fprintf(stderr, "\r\033[K%ld rows, %.0f rows/s", rows,
	    t > 0 ? (double)rows / t : 0.0);
	if (a->size > 0 && bytes > 0 && bytes < a->size)
		fprintf(stderr, ", about %.0f s left",
		    t * (double)(a->size - bytes) / (double)bytes);
	a->shown = 1;
}

struct import_summary {
	const struct import_args *a;
	const struct import_counts *n;
};

static int
print_summary(void *arg, struct cpl_error *err)
{
	const struct import_summary *sum = arg;

	(void)err;
	printf("imported %ld, skipped %ld as duplicates, rejected %ld",
	    sum->n->imported, sum->n->duplicates, sum->n->rejected);
	if (sum->n->rejected > 0 && sum->a->rej != NULL)
		printf(" (written to %s)", sum->a->rejects);
	putchar('\n');
	return 0;
}

int
cmd_import(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, OPT_IFORMAT},
		{"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		GLOBAL_OPTIONS
	};
	struct import_args a;
	struct import_counts n;
	/* The summary line, printed before the import is committed. */
	struct import_summary sum = {&a, &n};
	struct pending_output po = {print_summary, &sum, 0};
	char rejects[4096];
	struct stat sb;
	FILE *in;
	int rc;

	memset(&a, 0, sizeof(a));
	a.o.format = IMPORT_CSV;
	a.o.bad_row = bad_row;
	a.o.warning = warning;
	a.o.progress = progress;
	a.o.arg = &a;
	if ((rc = parse_args(ctx, argc, argv, opts, import_option, &a, NULL, 1,
	    err)))
		return rc;
	a.name = argv[optind];
	if (strcmp(a.name, "-") == 0) {
		in = stdin;
		a.name = "<stdin>";
	} else if ((in = fopen(a.name, "r")) == NULL) {
		return cpl_fail(err, CPL_USAGE, "can't read '%s': %s", a.name,
		    strerror(errno));
	}
	if (a.rejects == NULL) {
		snprintf(rejects, sizeof(rejects), "%s.rejects", in == stdin ?
		    (a.o.format == IMPORT_CSV ? "import.csv" : "import.jsonl") :
		    a.name);
		a.rejects = rejects;
	}
	a.tty = isatty(STDERR_FILENO);
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		a.size = (long)sb.st_size;
	clock_gettime(CLOCK_MONOTONIC, &a.start);
	a.last = a.start;
	print_before_commit(ctx, &po);
	rc = import_cases(&ctx->s, in, a.name, &a.o, &n, err);
	if (a.shown)
		fputs("\r\033[K", stderr);
	if (in != stdin)
		fclose(in);
	if (a.rej != NULL && fclose(a.rej) != 0 && rc == 0)
		rc = cpl_fail(err, CPL_STORE, "can't write '%s': %s", a.rejects,
		    strerror(errno));
	return print_after(ctx, &po, rc, err);
}
