/*
 * common.c: option handling and set-up shared by the subcommands.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

#ifndef CPL_BUILD_DIR
#define CPL_BUILD_DIR ""
#endif
#ifndef CPL_SOURCE_POLICIES
#define CPL_SOURCE_POLICIES "policies"
#endif
#ifndef CPL_RELATIVE_POLICIES
#define CPL_RELATIVE_POLICIES "share/complaints/policies"
#endif
#ifndef CPL_INSTALL_POLICIES
#define CPL_INSTALL_POLICIES "/usr/local/share/complaints/policies"
#endif

int
format_option(struct cmd_ctx *ctx, const char *value, struct cpl_error *err)
{
	int f;

	if ((f = out_format_parse(value)) < 0)
		return cpl_fail(err, CPL_USAGE,
		    "--format '%s' is not one of table, csv, json", value);
	ctx->format = (enum out_format)f;
	return 0;
}

int
global_option(struct cmd_ctx *ctx, int ch, int argc, char **argv,
    struct cpl_error *err)
{
	switch (ch) {
	/* An empty path is a mistake (a variable a script forgot to set),
	 * never a wish for the default: the default store would take cases
	 * meant for another. */
	case OPT_DB:
		if (*optarg == '\0')
			return cpl_fail(err, CPL_USAGE, "--db: the path is empty");
		ctx->db_path = optarg;
		return 0;
	case OPT_POLICIES:
		if (*optarg == '\0')
			return cpl_fail(err, CPL_USAGE,
			    "--policies: the directory is empty");
		ctx->policies = optarg;
		return 0;
	case OPT_OFFICER:
		ctx->officer = optarg;
		ctx->officer_flag = 1;
		return 0;
	case OPT_FORMAT:
		return format_option(ctx, optarg, err);
	case 'h':
		ctx->help = 1;
		return 0;
	case ':':
		return cpl_fail(err, CPL_USAGE, "%s%s%s needs a value",
		    ctx->name ? ctx->name : "", ctx->name ? ": " : "",
		    argv[optind - 1]);
	default:
		/* Before the subcommand there is no name to give: main adds
		 * "complaints: " itself. */
		if (optopt != 0)
			return cpl_fail(err, CPL_USAGE, "%s%sunknown option '-%c'",
			    ctx->name ? ctx->name : "", ctx->name ? ": " : "",
			    optopt);
		return cpl_fail(err, CPL_USAGE, "%s%sunknown option '%s'",
		    ctx->name ? ctx->name : "", ctx->name ? ": " : "",
		    optind - 1 < argc ? argv[optind - 1] : "?");
	}
}

/* Each subject of a lib/ message as the option that gives it. */
static const char *const subject_options[CPL_ABOUT_N] = {
	[CPL_ABOUT_DATE] = "--date",
	[CPL_ABOUT_RECEIVED] = "--received",
	[CPL_ABOUT_OCCURRED] = "--occurred",
	[CPL_ABOUT_COMPLAINANT] = "--complainant",
	[CPL_ABOUT_ANONYMOUS] = "--anonymous",
	[CPL_ABOUT_CONTACT] = "--contact",
	[CPL_ABOUT_ON_BEHALF_OF] = "--on-behalf-of",
	[CPL_ABOUT_CONSENT] = "--consent",
	[CPL_ABOUT_KIND] = "--kind",
	[CPL_ABOUT_CHANNEL] = "--channel",
	[CPL_ABOUT_SERVICE] = "--service",
	[CPL_ABOUT_CATEGORY] = "--category",
	[CPL_ABOUT_SUMMARY] = "--summary",
	[CPL_ABOUT_POLICY] = "--policy",
	[CPL_ABOUT_EXTERNAL_REF] = "--external-ref",
	[CPL_ABOUT_LATE_REASON] = "--late-reason",
	[CPL_ABOUT_ACCEPT_ANYWAY] = "--accept-anyway",
	[CPL_ABOUT_OUTCOME] = "--outcome",
	[CPL_ABOUT_REMEDY] = "--remedy",
	[CPL_ABOUT_LEARNING] = "--learning",
	[CPL_ABOUT_DAYS] = "--days",
	[CPL_ABOUT_REASON] = "--reason",
	[CPL_ABOUT_TOLD] = "--told",
	[CPL_ABOUT_STAGE_OFFICER] = "--officer",
	[CPL_ABOUT_BODY] = "--body",
	[CPL_ABOUT_REFERENCE] = "--reference",
	[CPL_ABOUT_DECISION] = "--decision",
	[CPL_ABOUT_RESTRICTION_KIND] = "--kind",
	[CPL_ABOUT_DETAIL] = "--detail",
	[CPL_ABOUT_REVIEW] = "--review",
	[CPL_ABOUT_CLOSED_BEFORE] = "--closed-before",
	[CPL_ABOUT_OFFICER] = "--officer",
	[CPL_ABOUT_ACTION] = "--action",
};

/* Where a command gives a subject by another option, or by an operand
 * (NULL: the message is shown as it is). */
static const struct {
	const char *command;
	enum cpl_subject subject;
	const char *option;
} command_options[] = {
	{"assign", CPL_ABOUT_STAGE_OFFICER, "--to"},
	{"restriction", CPL_ABOUT_COMPLAINANT, NULL},
};

const char *
subject_option(const char *command, enum cpl_subject subject)
{
	if (subject <= CPL_ABOUT_NOTHING || subject >= CPL_ABOUT_N)
		return NULL;
	for (size_t i = 0; command != NULL && i < sizeof(command_options) /
	    sizeof(command_options[0]); i++)
		if (command_options[i].subject == subject &&
		    strcmp(command_options[i].command, command) == 0)
			return command_options[i].option;
	return subject_options[subject];
}

void
print_line(FILE *f, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	put_escaped(f, line);
	putc('\n', f);
}

int
flush_output(struct cpl_error *err)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		/* ferror alone: an earlier write failed, errno since lost. */
		return cpl_fail(err, CPL_STORE, "can't write output: %s",
		    strerror(errno ? errno : EIO));
	return 0;
}

static int
print_pending(void *arg, struct cpl_error *err)
{
	struct pending_output *po = arg;
	int rc;

	po->done = 1;
	if ((rc = po->print(po->arg, err)))
		return rc;
	return flush_output(err);
}

void
print_before_commit(struct cmd_ctx *ctx, struct pending_output *po)
{
	po->done = 0;
	store_before_commit(ctx->s.st, print_pending, po);
}

int
print_after(struct cmd_ctx *ctx, struct pending_output *po, int rc,
    struct cpl_error *err)
{
	struct cpl_error perr;
	int prc;

	store_before_commit(ctx->s.st, NULL, NULL);
	if (po->done || (rc != 0 && rc != CPL_INCOMPLETE))
		return rc;
	po->done = 1;
	if ((prc = po->print(po->arg, &perr)) != 0 && rc == 0) {
		*err = perr;
		return prc;
	}
	return rc;
}

/*
 * Print a usage text: "usage:" and the words, wrapped at spaces outside
 * brackets, continuation lines indented. A newline in the text starts
 * another form of the command (one per sub-word) on a line of its own.
 */
void
print_usage(FILE *f, const char *usage)
{
	const char *p = usage;
	int col = fprintf(f, "usage:"), depth = 0;

	while (*p) {
		const char *w;
		int len;

		while (*p == ' ')
			p++;
		if (*p == '\n') {
			p++;
			col = fprintf(f, "\n      ") - 1;
			continue;
		}
		for (w = p; *w && *w != '\n' && !(*w == ' ' && depth == 0); w++)
			depth += *w == '[' ? 1 : *w == ']' ? -1 : 0;
		len = (int)(w - p);
		if (len == 0)
			break;
		if (col + 1 + len > 78 && col > 20)
			col = fprintf(f, "\n         ") - 1;
		col += fprintf(f, " %.*s", len, p);
		p = w;
	}
	fputs("\n", f);
}

int
one_value(int ch, const char *value, void *arg, struct cpl_error *err)
{
	(void)ch;
	(void)err;
	*(const char **)arg = value;
	return 0;
}

/*
 * Only what a person means by a number: strtol would also take " 5", "+5"
 * and "05" (and "0x5" with base 0), and clamp what overflows to the
 * largest value, so that a typing slip in a script acted on another
 * number than the one written.
 */
int
number_arg(const char *what, const char *noun, const char *value,
    int64_t min, int64_t max, int64_t *out, struct cpl_error *err)
{
	int64_t n = 0;
	int digits = *value != '\0' && (value[0] != '0' || value[1] == '\0');
	int in_range = 1;

	for (const char *p = value; digits && *p; p++) {
		int d = *p - '0';

		if (d < 0 || d > 9)
			digits = 0;
		else if (in_range && n > (max - d) / 10)
			in_range = 0;		/* past max: stop before overflow */
		else if (in_range)
			n = n * 10 + d;
	}
	if (!digits)
		return cpl_fail(err, CPL_USAGE, "%s: '%s' is not %s from %lld to "
		    "%lld (digits only: no sign, space or leading zero)", what,
		    value, noun, (long long)min, (long long)max);
	if (!in_range || n < min || n > max)
		return cpl_fail(err, CPL_USAGE, "%s: '%s' is not %s from %lld to "
		    "%lld", what, value, noun, (long long)min, (long long)max);
	*out = n;
	return 0;
}

int
number_option(const char *flag, const char *value, int min, int max,
    int *out, struct cpl_error *err)
{
	int64_t n;

	if (number_arg(flag, "a whole number", value, min, max, &n, err))
		return CPL_USAGE;
	*out = (int)n;
	return 0;
}

int
date_option(const char *flag, const char *value, cpl_date *out,
    struct cpl_error *err)
{
	if (date_parse(value, out) != 0)
		return cpl_fail(err, CPL_USAGE,
		    "%s: '%s' is not a date (YYYY-MM-DD)", flag, value);
	return 0;
}

int
operands(struct cmd_ctx *ctx, int argc, char **argv, int n,
    struct cpl_error *err)
{
	int at_least = n < 0;

	if (at_least)
		n = -n;
	if (argc - optind < n)
		return cpl_fail(err, CPL_USAGE, "%s: %s needed (see 'complaints "
		    "%s --help')", ctx->name, argc == optind ?
		    "a case reference is" : "more arguments are", ctx->name);
	if (!at_least && argc - optind > n)
		return cpl_fail(err, CPL_USAGE, "%s: unexpected argument '%s'",
		    ctx->name, argv[optind + n]);
	return 0;
}

/*
 * The source tree's policies when run from the build tree (so a fresh build
 * works without installing); else the installed copy beside the binary
 * (BINDIR/../share/complaints/policies, so `cmake --install --prefix P`
 * works wherever P is); else the configured install path.
 */
static const char *
default_policies(void)
{
	static char exe[PATH_MAX], beside[PATH_MAX + 64];
	size_t n = strlen(CPL_BUILD_DIR);
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	struct stat sb;

	if (len <= 0)
		return CPL_INSTALL_POLICIES;
	exe[len] = '\0';
	if (n > 0 && strncmp(exe, CPL_BUILD_DIR, n) == 0 && exe[n] == '/')
		return CPL_SOURCE_POLICIES;
	if ((slash = strrchr(exe, '/')) != NULL) {
		*slash = '\0';
		snprintf(beside, sizeof(beside), "%s/../%s", exe,
		    CPL_RELATIVE_POLICIES);
		if (stat(beside, &sb) == 0 && S_ISDIR(sb.st_mode))
			return beside;
	}
	return CPL_INSTALL_POLICIES;
}

int
cmd_ready(struct cmd_ctx *ctx, struct cpl_error *err)
{
	int rc;

	if (ctx->help) {
		print_usage(stdout, ctx->usage);
		return CMD_DONE;
	}
	/* --db "" is refused as it is read; an empty COMPLAINTS_DB is the
	 * same mistake. */
	if (ctx->db_path != NULL && *ctx->db_path == '\0')
		return cpl_fail(err, CPL_USAGE, "COMPLAINTS_DB is set but empty: "
		    "give the database's path, or unset it for ./complaints.db");
	if (ctx->db_path == NULL)
		ctx->db_path = "complaints.db";
	if (ctx->policies == NULL || *ctx->policies == '\0')
		ctx->policies = default_policies();
	if (ctx->officer == NULL || *ctx->officer == '\0') {
		ctx->officer = NULL;
		if ((ctx->flags & RECORDS))
			return cpl_fail(err, CPL_USAGE, "who is doing this? give "
			    "--officer NAME or set COMPLAINTS_OFFICER");
	}
	ctx->s.policies = ctx->policies;
	ctx->s.officer = ctx->officer;
	if ((rc = date_today(&ctx->s.today, err)))
		return rc;
	/* Only init creates a store (it opens it itself). A store that
	 * can't be written opens read-only, and a command that reads works;
	 * where reading is audited, one that reads cases can't. */
	if ((ctx->flags & NEEDS_DB) &&
	    (rc = store_open(ctx->db_path, (ctx->flags & AUDITED) ?
	    STORE_AUDITED : 0, &ctx->s.st, err)))
		return rc;
	if (ctx->s.st != NULL)
		ctx->commits_at_open = store_commits(ctx->s.st);
	return 0;
}

/* The options of parse_args and parse_options; *have_date: --date was
 * given. */
static int
read_options(struct cmd_ctx *ctx, int argc, char **argv,
    const struct option *opts,
    int (*local)(int ch, const char *value, void *arg, struct cpl_error *err),
    void *arg, cpl_date *date, int *have_date, struct cpl_error *err)
{
	int ch, rc;

	while ((ch = getopt_long(argc, argv, SHORT_OPTIONS, opts, NULL)) != -1) {
		if (ch == OPT_DATE && date != NULL) {
			rc = date_option("--date", optarg, date, err);
			*have_date = 1;
		} else if (ch >= OPT_FIRST_LOCAL && local != NULL) {
			rc = local(ch, optarg, arg, err);
		} else {
			rc = global_option(ctx, ch, argc, argv, err);
		}
		if (rc)
			return rc;
	}
	return 0;
}

int
parse_options(struct cmd_ctx *ctx, int argc, char **argv,
    const struct option *opts,
    int (*local)(int ch, const char *value, void *arg, struct cpl_error *err),
    void *arg, struct cpl_error *err)
{
	return read_options(ctx, argc, argv, opts, local, arg, NULL, NULL, err);
}

int
parse_args(struct cmd_ctx *ctx, int argc, char **argv,
    const struct option *opts,
    int (*local)(int ch, const char *value, void *arg, struct cpl_error *err),
    void *arg, cpl_date *date, int n_operands, struct cpl_error *err)
{
	int rc, have_date = 0;

	if ((rc = read_options(ctx, argc, argv, opts, local, arg, date,
	    &have_date, err)))
		return rc;
	if (!ctx->help && (rc = operands(ctx, argc, argv, n_operands, err)))
		return rc;
	if ((rc = cmd_ready(ctx, err)))
		return rc;
	if (date != NULL && !have_date)
		*date = ctx->s.today;
	return 0;
}
