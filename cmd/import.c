/*
 * import.c: complaints import: cases from CSV or JSON lines, every row
 * checked as log and the actions check it, all or nothing.
 *
 * The reject file (--skip-bad) is written under a temporary name beside
 * the one it will have, a file made new (never one that was there, never
 * through a symbolic link), and renamed into place just before the import
 * commits: a reject file already there (last night's) is replaced whole,
 * and a failure leaves it as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/csv.h"
#include "../lib/import.h"

const char usage_import[] = "complaints import [--format csv|jsonl]"
    " [--skip-bad] [--rejects FILE] [--attachments DIR] FILE";

enum { OPT_IFORMAT = OPT_FIRST_LOCAL, OPT_SKIP_BAD, OPT_REJECTS,
    OPT_ATTACHMENTS };

/* The longest bad row kept in the reject file: a longer one (an unclosed
 * quote that runs to the end of a big file, a field pasted by mistake)
 * is named, and left out. */
#define REJECT_ROW_MAX (64L << 20)

struct import_args {
	struct import_opts o;
	const char *name;	/* the file, as messages name it */
	const char *db_path;	/* the store, whose group a shared store's
				 * reject file is given */
	/* the input again, to copy a row longer than the reader keeps */
	int in_fd;
	long in_base;		/* where reading began; -1: can't be read
				 * again (a pipe) */
	/* the reject file */
	const char *rejects;	/* its name */
	char *tmp;		/* the name it is written under, until it is
				 * renamed into place */
	FILE *rej;
	int placed;		/* renamed into place */
	long written;		/* rows written to it */
	long left_out;		/* bad rows too long to keep in it */
	/* progress, on a terminal */
	int tty;
	int counted;		/* this pass's count of rows shown */
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
	case OPT_ATTACHMENTS: a->o.attachments = v; break;
	case OPT_REJECTS:
		if (*v == '\0')
			return cpl_fail(err, CPL_USAGE, "import: --rejects is "
			    "empty");
		a->rejects = v;
		break;
	}
	return 0;
}

/*
 * The reject file replaces whatever has its name: never the file being
 * imported, nor the store or its -wal, -shm or -journal file (the same
 * file under another name: a hard link, counts). A symbolic link there
 * is what is replaced, not what it points to: it may point anywhere.
 */
static int
rejects_clash(const struct import_args *a, struct cpl_error *err)
{
	static const char *const store_files[] = {"", "-wal", "-shm",
	    "-journal"};
	struct stat rb, sb;
	char path[4096];

	if (lstat(a->rejects, &rb) != 0 || S_ISLNK(rb.st_mode))
		return 0;
	if (fstat(a->in_fd, &sb) == 0 && sb.st_dev == rb.st_dev &&
	    sb.st_ino == rb.st_ino)
		return cpl_fail(err, CPL_USAGE, "the reject file '%s' is the "
		    "file being imported: give another with --rejects FILE",
		    a->rejects);
	for (size_t i = 0; i < sizeof(store_files) / sizeof(store_files[0]);
	    i++) {
		snprintf(path, sizeof(path), "%s%s", a->db_path, store_files[i]);
		if (stat(path, &sb) == 0 && sb.st_dev == rb.st_dev &&
		    sb.st_ino == rb.st_ino)
			return cpl_fail(err, CPL_USAGE, "the reject file '%s' is "
			    "the store's file '%s': give another with --rejects "
			    "FILE", a->rejects, path);
	}
	return 0;
}

static int
reject_failed(const struct import_args *a, struct cpl_error *err)
{
	return cpl_fail(err, CPL_STORE, "can't write the reject file '%s': "
	    "%s: nothing imported", a->rejects, strerror(errno));
}

/* The temporary reject file, removed if the import is interrupted by
 * one of the signals that end a command. */
static char tmp_path[4096];
static const int end_signals[] = {SIGHUP, SIGINT, SIGTERM};

static void
on_signal(int sig)
{
	if (tmp_path[0] != '\0')
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Remove the temporary file on the signals that end a command (unless
 * ignored: nohup), and no more once it is renamed. */
static void
catch_signals(int on)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? on_signal : SIG_DFL;
	for (size_t i = 0; i < sizeof(end_signals) / sizeof(end_signals[0]);
	    i++)
		if (sigaction(end_signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(end_signals[i], &sa, NULL);
}

/*
 * Make the reject file, under a temporary name in the directory it goes
 * to (a rename moves it into place only within one file system): ".NAME."
 * and six random letters, made new (O_EXCL: never a file or a link that
 * is there), readable by its owner only, as the store is (it holds
 * residents' personal data: complaints(1), The database); in a store
 * shared with a group, with the store's group and mode, so that the team
 * can read and correct it.
 */
static int
rejects_open(struct import_args *a, struct cpl_error *err)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	const char *slash = strrchr(a->rejects, '/');
	int dir_len = slash ? (int)(slash - a->rejects + 1) : 0;
	struct stat sb;
	sigset_t ends, old;
	int fd = -1, e;

	a->tmp = malloc(strlen(a->rejects) + 9);
	if (a->tmp == NULL)
		return cpl_nomem(err);
	/* A signal between making the file and catching the signals would
	 * leave it behind: they wait until both are done. */
	sigemptyset(&ends);
	for (size_t i = 0; i < sizeof(end_signals) / sizeof(end_signals[0]);
	    i++)
		sigaddset(&ends, end_signals[i]);
	sigprocmask(SIG_BLOCK, &ends, &old);
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		unsigned char r[6];
		char suffix[7];
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
			long t = (long)time(NULL) ^ (long)getpid() << 8 ^ tries;
			for (size_t i = 0; i < sizeof(r); i++, t >>= 5)
				r[i] = (unsigned char)t;
		}
		for (size_t i = 0; i < sizeof(r); i++)
			suffix[i] = letters[r[i] % (sizeof(letters) - 1)];
		suffix[6] = '\0';
		sprintf(a->tmp, "%.*s.%s.%s", dir_len, a->rejects,
		    a->rejects + dir_len, suffix);
		fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	e = errno;
	if (fd >= 0 && strlen(a->tmp) < sizeof(tmp_path)) {
		strcpy(tmp_path, a->tmp);
		catch_signals(1);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		free(a->tmp);
		a->tmp = NULL;
		errno = e;
		return reject_failed(a, err);
	}
	if (fchmod(fd, 0600) != 0)
		goto fail;
	/* A store open to its group (and no further: the store is refused
	 * otherwise) shares its reject file the same way. Without the
	 * group (not one of this account's), the file stays the owner's. */
	if (stat(a->db_path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & 0060) != 0 && fchown(fd, (uid_t)-1, sb.st_gid) == 0 &&
	    fchmod(fd, sb.st_mode & 0660) != 0)
		goto fail;
	if ((a->rej = fdopen(fd, "w")) == NULL)
		goto fail;
	if (a->o.header != NULL)
		fwrite(a->o.header, 1, a->o.header_len, a->rej);
	return 0;
fail:
	e = errno;
	close(fd);
	errno = e;
	return reject_failed(a, err);
}

/*
 * Copy a row longer than the reader kept from the input, read again where
 * it starts; its first bytes must be the ones read (a file changed under
 * the import is not copied from).
 */
static int
copy_row(struct import_args *a, const struct import_raw *raw, int *last,
    struct cpl_error *err)
{
	char buf[65536];
	long done = 0;

	while (done < raw->size) {
		size_t want = raw->size - done < (long)sizeof(buf) ?
		    (size_t)(raw->size - done) : sizeof(buf);
		ssize_t got = pread(a->in_fd, buf, want,
		    (off_t)(a->in_base + raw->offset + done));
		if (got < 0)
			return cpl_fail(err, CPL_STORE, "%s: can't read: %s: "
			    "nothing imported", a->name, strerror(errno));
		if (got == 0 || ((size_t)done < raw->len &&
		    memcmp(buf, raw->bytes + done, raw->len - (size_t)done <
		    (size_t)got ? raw->len - (size_t)done : (size_t)got) != 0))
			return cpl_fail(err, CPL_STORE, "%s: the file changed "
			    "while it was imported: nothing imported", a->name);
		if (fwrite(buf, 1, (size_t)got, a->rej) != (size_t)got)
			return reject_failed(a, err);
		*last = (unsigned char)buf[got - 1];
		done += got;
	}
	return 0;
}

static int
bad_row(void *arg, long line, const char *msg, const struct import_raw *raw,
    struct cpl_error *err)
{
	struct import_args *a = arg;
	int rc, last;

	if (a->shown) {
		fputs("\r\033[K", stderr);
		a->shown = 0;
	}
	print_line(stderr, "%s:%ld: %s", a->name, line, msg);
	if (!a->o.skip_bad)
		return 0;
	/* A row longer than the reader keeps is copied from the file, up to
	 * a point: past it, or from a pipe, it is named and left out (never
	 * written cut short, which could not be imported again). */
	if (raw->size > (long)raw->len &&
	    (a->in_base < 0 || raw->size > REJECT_ROW_MAX)) {
		a->left_out++;
		if (a->in_base < 0)
			print_line(stderr, "%s:%ld: row: %ld bytes, too long to "
			    "keep in the reject file from a pipe (%d bytes at "
			    "most): correct it at its source", a->name, line,
			    raw->size, CSV_MAX_RECORD);
		else
			print_line(stderr, "%s:%ld: row: %ld bytes, too long to "
			    "keep in the reject file (%ld MiB at most): correct "
			    "it in %s", a->name, line, raw->size,
			    REJECT_ROW_MAX >> 20, a->name);
		return 0;
	}
	/* The bad rows, as they were, under the header: fix and import
	 * again. */
	if (a->rej == NULL && (rc = rejects_open(a, err)))
		return rc;
	if (raw->size > (long)raw->len) {
		if ((rc = copy_row(a, raw, &last, err)))
			return rc;
	} else {
		fwrite(raw->bytes, 1, raw->len, a->rej);
		last = raw->len > 0 ? (unsigned char)raw->bytes[raw->len - 1] : 0;
	}
	/* A last row without its line end gets one. */
	if (last != '\n' && last != '\r')
		putc('\n', a->rej);
	a->written++;
	/* Written out now (bad rows are few): a row that can't be kept is
	 * found before anything is committed. */
	if (fflush(a->rej) != 0 || ferror(a->rej))
		return reject_failed(a, err);
	return 0;
}

/* Before the commit: the reject file on disk, and in place under its
 * name (replacing what had it), or nothing is imported. */
static int
rejects_in_place(void *arg, struct cpl_error *err)
{
	struct import_args *a = arg;
	int bad;

	if (a->rej == NULL)
		return 0;
	bad = fflush(a->rej) != 0 || ferror(a->rej) ||
	    fsync(fileno(a->rej)) != 0;
	if (fclose(a->rej) != 0)
		bad = 1;
	a->rej = NULL;
	if (bad || rename(a->tmp, a->rejects) != 0)
		return reject_failed(a, err);
	a->placed = 1;
	catch_signals(0);
	tmp_path[0] = '\0';
	return 0;
}

/*
 * After a failure: the temporary file goes. Once renamed into place (the
 * commit itself failed), the reject file stays: the rows in it are bad
 * all the same, and what it replaced is gone already.
 */
static void
rejects_undo(struct import_args *a)
{
	if (a->rej != NULL) {
		fclose(a->rej);
		a->rej = NULL;
	}
	if (a->tmp != NULL && !a->placed)
		unlink(a->tmp);
	catch_signals(0);
	tmp_path[0] = '\0';
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

/* On a terminal, a line that says how far the import has got: which
 * pass (checking every row, then writing them), and how far into it. */
static void
progress(void *arg, enum import_phase phase, long rows, long bytes)
{
	struct import_args *a = arg;
	double t;

	if (!a->tty)
		return;
	if (phase == IMPORT_COMMITTING) {
		/* Written now: a pause that would look like a hang. */
		fprintf(stderr, "\r\033[K%ld rows read; writing them to the "
		    "store", rows);
		a->shown = 1;
		return;
	}
	if (rows == 0) {
		/* A pass begins: said at once; its rate and time left are
		 * its own, and its first count is shown whenever it comes. */
		clock_gettime(CLOCK_MONOTONIC, &a->start);
		a->last = a->start;
		a->counted = 0;
		fprintf(stderr, "\r\033[K%s the rows", phase == IMPORT_CHECKING ?
		    "checking" : "writing");
		a->shown = 1;
		return;
	}
	if (a->counted && since(&a->last) < 0.25)
		return;
	a->counted = 1;
	clock_gettime(CLOCK_MONOTONIC, &a->last);
	t = since(&a->start);
	fprintf(stderr, "\r\033[K%s: %ld rows, %.0f rows/s",
	    phase == IMPORT_CHECKING ? "checking" : "writing", rows,
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
	if (sum->a->written > 0)
		printf(" (written to %s%s", sum->a->rejects,
		    sum->a->left_out > 0 ? "; " : ")");
	if (sum->a->left_out > 0)
		printf("%s%ld too long for the reject file, left out)",
		    sum->a->written > 0 ? "" : " (", sum->a->left_out);
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
		{"attachments", required_argument, NULL, OPT_ATTACHMENTS},
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
	off_t base;
	int rc;

	memset(&a, 0, sizeof(a));
	a.o.format = IMPORT_CSV;
	a.o.bad_row = bad_row;
	a.o.before_commit = rejects_in_place;
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
	a.db_path = ctx->db_path;
	a.tty = isatty(STDERR_FILENO);
	a.in_fd = fileno(in);
	a.in_base = -1;
	if (fstat(a.in_fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		a.size = (long)sb.st_size;
		/* A file (standard input too) can be read again. */
		if ((base = lseek(a.in_fd, 0, SEEK_CUR)) >= 0)
			a.in_base = (long)base;
	}
	if (a.o.skip_bad && (rc = rejects_clash(&a, err))) {
		if (in != stdin)
			fclose(in);
		return rc;
	}
	clock_gettime(CLOCK_MONOTONIC, &a.start);
	a.last = a.start;
	print_before_commit(ctx, &po);
	rc = import_cases(&ctx->s, in, a.name, &a.o, &n, err);
	if (a.shown)
		fputs("\r\033[K", stderr);
	if (in != stdin)
		fclose(in);
	if (rc != 0)
		rejects_undo(&a);
	free(a.tmp);
	return print_after(ctx, &po, rc, err);
}
