/*
 * common.c: option handling and set-up shared by the subcommands.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
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
#ifndef CPL_SOURCE_MAN
#define CPL_SOURCE_MAN "man"
#endif
#ifndef CPL_RELATIVE_MAN
#define CPL_RELATIVE_MAN "share/man"
#endif
#ifndef CPL_INSTALL_MAN
#define CPL_INSTALL_MAN "/usr/local/share/man"
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
	case OPT_WIDE:
		out_set_wide(1);
		return 0;
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
	[CPL_ABOUT_DEFAULT_POLICY] = "--set-default-policy",
	[CPL_ABOUT_EARLY_PURGE] = "--force",
	[CPL_ABOUT_ACTION] = "--action",
	[CPL_ABOUT_NAME] = "--name",
	[CPL_ABOUT_FILE_NOTE] = "--note",
	[CPL_ABOUT_WHAT] = "--what",
	[CPL_ABOUT_DUE] = "--due",
	[CPL_ABOUT_OWNER] = "--owner",
	[CPL_ABOUT_UNTIL] = "--until",
	[CPL_ABOUT_ABOUT_STAFF] = "--about-staff",
	[CPL_ABOUT_DISCRIMINATION] = "--discrimination",
	[CPL_ABOUT_LATE_GRANTED_BY] = "--late-granted-by",
	[CPL_ABOUT_DECIDED_BY] = "--decided-by",
	[CPL_ABOUT_INFORMAL] = "--informal",
	[CPL_ABOUT_REMEDY_DUE] = "--remedy-due",
	[CPL_ABOUT_COMPLIED] = "--complied",
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
	{"log", CPL_ABOUT_INFORMAL, "--resolved-informally"},
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
 * The words an option accepts, from lib/vocabulary.c, never retyped: --help
 * lists them under the usage, and shell completion offers them. An option
 * is matched as the usage writes it, with its placeholder, so that "--reason
 * REASON" (close's, one of the close reasons) is not "--reason TEXT" (any
 * text). A command that gives an option and placeholder a meaning of its
 * own has its row before the row for every command.
 */
static const struct {
	const char *command;		/* NULL: every command */
	const char *option;		/* "--kind KIND" */
	const char *const *words;
} words_table[] = {
	{"restriction", "--kind KIND", restriction_kinds},
	{"hold", "--reason REASON", hold_reasons},
	{NULL, "--kind KIND", case_kinds},
	{NULL, "--channel CHANNEL", case_channels},
	{NULL, "--outcome OUTCOME", case_outcomes},
	{NULL, "--reason REASON", close_reasons},
	{NULL, "--decision DECISION", ombudsman_decisions},
	{"letter", "--via VIA", letter_vias},
};
#define N_WORDS_TABLE (sizeof(words_table) / sizeof(words_table[0]))

const char *const *
option_words(const char *command, const char *option)
{
	for (size_t i = 0; i < N_WORDS_TABLE; i++)
		if (strcmp(words_table[i].option, option) == 0 &&
		    (words_table[i].command == NULL ||
		    strcmp(words_table[i].command, command) == 0))
			return words_table[i].words;
	return NULL;
}

/* Does usage show option (with its placeholder) as a word of its own? */
static int
usage_has(const char *usage, const char *option)
{
	size_t len = strlen(option);

	for (const char *p = usage; (p = strstr(p, option)) != NULL; p++)
		if ((p == usage || strchr(" [|\n", p[-1]) != NULL) &&
		    strchr(" ]|\n", p[len]) != NULL)
			return 1;
	return 0;
}

void
print_help(FILE *f, const char *command, const char *usage)
{
	const char *shown[N_WORDS_TABLE];
	size_t n = 0, width = 0;

	print_usage(f, usage);
	for (size_t i = 0; i < N_WORDS_TABLE; i++) {
		const char *opt = words_table[i].option;
		size_t k;

		for (k = 0; k < n && strcmp(shown[k], opt) != 0; k++)
			;
		if (k == n && usage_has(usage, opt) &&
		    option_words(command, opt) == words_table[i].words) {
			shown[n++] = opt;
			if (strlen(opt) > width)
				width = strlen(opt);
		}
	}
	if (n > 0)
		fputs("\nvalues:\n", f);
	/* "  --kind KIND  complaint, comment, ...", wrapped after a comma
	 * before the 79th column, under the first word. */
	for (size_t k = 0; k < n; k++) {
		const char *const *w = option_words(command, shown[k]);
		int col = fprintf(f, "  %-*s  ", (int)width, shown[k]);
		int indent = col;

		for (int i = 0; w[i] != NULL; i++) {
			int len = (int)strlen(w[i]) + (w[i + 1] ? 1 : 0);

			if (i > 0 && col + 1 + len > 78) {
				col = fprintf(f, "\n%*s", indent, "") - 1;
			} else if (i > 0) {
				col += fprintf(f, " ");
			}
			col += fprintf(f, "%s%s", w[i], w[i + 1] ? "," : "");
		}
		putc('\n', f);
	}
}

/* Is this binary the one in the build tree? Else *dir is the directory
 * that holds it, when it can be found (else ""). */
static int
in_build_tree(char dir[PATH_MAX])
{
	size_t n = strlen(CPL_BUILD_DIR);
	ssize_t len = readlink("/proc/self/exe", dir, PATH_MAX - 1);
	char *slash;

	if (len <= 0) {
		dir[0] = '\0';
		return 0;
	}
	dir[len] = '\0';
	if (n > 0 && strncmp(dir, CPL_BUILD_DIR, n) == 0 && dir[n] == '/')
		return 1;
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		dir[0] = '\0';
	return 0;
}

/* Is path a regular file? */
static int
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

const char *
man_page(const char *command, char *buf, size_t size)
{
	char dir[PATH_MAX];

	/* From the build tree, the pages of its source: those of this
	 * binary. Installed, beside it under any prefix, else where the
	 * build put them. */
	if (in_build_tree(dir)) {
		snprintf(buf, size, "%s/complaints-%s.1", CPL_SOURCE_MAN,
		    command);
		return is_file(buf) ? buf : NULL;
	}
	if (dir[0] != '\0') {
		snprintf(buf, size, "%s/../%s/man1/complaints-%s.1", dir,
		    CPL_RELATIVE_MAN, command);
		if (is_file(buf))
			return buf;
	}
	snprintf(buf, size, "%s/man1/complaints-%s.1", CPL_INSTALL_MAN,
	    command);
	return is_file(buf) ? buf : NULL;
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
 * largest value, so that a typing slip in a script would act on another
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
	if (argc - optind < n && argc > optind && ctx->more_needed != NULL)
		return cpl_fail(err, CPL_USAGE, "%s: %s", ctx->name,
		    ctx->more_needed);
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
	static char beside[PATH_MAX + 64];
	char dir[PATH_MAX];
	struct stat sb;

	if (in_build_tree(dir))
		return CPL_SOURCE_POLICIES;
	if (dir[0] != '\0') {
		snprintf(beside, sizeof(beside), "%s/../%s", dir,
		    CPL_RELATIVE_POLICIES);
		if (stat(beside, &sb) == 0 && S_ISDIR(sb.st_mode))
			return beside;
	}
	return CPL_INSTALL_POLICIES;
}

/*
 * Who is doing this when --officer does not say, found as git finds a
 * name: COMPLAINTS_OFFICER, USER, LOGNAME (set but empty, each is taken as
 * not set), then the account's name in the password database, since a
 * container or a cron job may set neither variable. NULL when none gives
 * a name.
 */
static const char *
default_officer(void)
{
	static const char *const vars[] = {"COMPLAINTS_OFFICER", "USER",
	    "LOGNAME"};
	static char account[256];
	const struct passwd *pw;
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	/* Copied: the next look-up in the database overwrites pw. */
	if ((pw = getpwuid(getuid())) == NULL || pw->pw_name == NULL ||
	    *pw->pw_name == '\0' || strlen(pw->pw_name) >= sizeof(account))
		return NULL;
	strcpy(account, pw->pw_name);
	return account;
}

int
cmd_ready(struct cmd_ctx *ctx, struct cpl_error *err)
{
	int rc;

	if (ctx->help) {
		print_help(stdout, ctx->name, ctx->usage);
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
	/* An empty --officer is a name not given, never replaced by
	 * another. */
	if (ctx->officer == NULL && !ctx->officer_flag)
		ctx->officer = default_officer();
	if (ctx->officer == NULL || *ctx->officer == '\0') {
		ctx->officer = NULL;
		if ((ctx->flags & RECORDS) && ctx->officer_flag)
			return cpl_fail(err, CPL_USAGE, "who is doing this? "
			    "--officer gives an empty name");
		if ((ctx->flags & RECORDS))
			return cpl_fail(err, CPL_USAGE, "who is doing this? give "
			    "--officer NAME or set COMPLAINTS_OFFICER (USER and "
			    "LOGNAME are not set, and the password database "
			    "has no name for this account)");
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
