/*
 * cmd.h: what the subcommands share. Each cmd/VERB.c parses its arguments
 * (parse_args), calls lib/, prints, and returns a status; main reports
 * errors.
 */
#ifndef CPL_CMD_H
#define CPL_CMD_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "../lib/case.h"
#include "../lib/error.h"
#include "../lib/output.h"

/* Table flags: what main sets up once the arguments are parsed. */
#define NEEDS_DB	0x1	/* open the store (it must exist) */
#define AUDITED		0x2	/* reads cases, which the store may audit */
#define RECORDS		0x4	/* records a change: needs an officer */

struct cmd_ctx {
	const char *name;		/* the subcommand */
	const char *usage;		/* its SYNOPSIS, word for word */
	int flags;
	const char *db_path;
	const char *policies;
	const char *officer;
	int officer_flag;		/* --officer was given (list filters) */
	enum out_format format;
	struct session s;
	long commits_at_open;		/* store_commits() once the store was
					 * opened (its upgrade aside) */
	int help;			/* --help was asked for */
	const char *more_needed;	/* what operands() says when the
					 * reference is given but not what
					 * follows it; NULL: a plain word */
};

/* Returned by a command to exit 0 at once (after --help). */
#define CMD_DONE (-1)

typedef int (*cmd_fn)(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err);

/* The global options, accepted before and after the subcommand. */
enum {
	OPT_DB = 1000, OPT_POLICIES, OPT_OFFICER, OPT_FORMAT,
	OPT_WIDE,		/* --wide: tables print everything */
	OPT_DATE,		/* --date, for commands that record an action */
	OPT_FIRST_LOCAL		/* commands number their options from here */
};
#define DATE_OPTION {"date", required_argument, NULL, OPT_DATE}
#define GLOBAL_OPTIONS \
	{"format", required_argument, NULL, OPT_FORMAT}, \
	GLOBAL_OPTIONS_BUT_FORMAT
/* For a command whose --format takes other values (report, export): its
 * own "format" entry, and these. Not both: getopt would find "--form"
 * ambiguous. */
#define GLOBAL_OPTIONS_BUT_FORMAT \
	{"db", required_argument, NULL, OPT_DB}, \
	{"policies", required_argument, NULL, OPT_POLICIES}, \
	{"officer", required_argument, NULL, OPT_OFFICER}, \
	{"wide", no_argument, NULL, OPT_WIDE}, \
	{"help", no_argument, NULL, 'h'}, \
	{NULL, 0, NULL, 0}
#define SHORT_OPTIONS ":h"

/* Handle an option the command does not know itself: a global one, --help,
 * an unknown option or a missing argument. */
int global_option(struct cmd_ctx *ctx, int ch, int argc, char **argv,
    struct cpl_error *err);
/*
 * The option of command that gives what a lib/ message is about, or NULL
 * (nothing in particular, or an operand): main shows an error as
 * "complaints: OPTION: message" (complaints(1), DESCRIPTION).
 */
const char *subject_option(const char *command, enum cpl_subject subject);
/* One line on f, formatted, every character of it shown (put_escaped),
 * never obeyed: messages quote what users typed and stored. */
void print_line(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Write out what stdout holds: 0, or CPL_STORE "can't write output"
 * (a full disk, a closed pipe while SIGPIPE is ignored). */
int flush_output(struct cpl_error *err);

/*
 * What a command prints about the change it makes (a new case's
 * reference, the cases purged), written out before the change commits, so
 * that a command whose output can't be written changes nothing: print(arg)
 * writes it to stdout; print_before_commit has the store's next commit
 * call it and flush stdout, rolling the change back when either fails
 * (store_before_commit). print_after, given the result rc of the
 * command's work, takes that back and, when the work was done (rc 0 or
 * CPL_INCOMPLETE) but no commit printed it (a dry run, nothing to
 * change), prints it now; it returns rc, or the printing's error when rc
 * is 0.
 */
struct pending_output {
	int (*print)(void *arg, struct cpl_error *err);
	void *arg;
	int done;		/* printed (or tried) by the commit */
};
void print_before_commit(struct cmd_ctx *ctx, struct pending_output *po);
int print_after(struct cmd_ctx *ctx, struct pending_output *po, int rc,
    struct cpl_error *err);

/* Print the usage; to stdout when asked for (--help), else stderr. A
 * newline in it starts another form of the command (report's sub-words). */
void print_usage(FILE *f, const char *usage);
/* What --help prints: the usage of command, then the words each of its
 * options that takes one of a list accepts (option_words). */
void print_help(FILE *f, const char *command, const char *usage);
/*
 * The words option accepts in command, as a NULL-terminated list of
 * lib/vocabulary.c, or NULL (any text). option is written as the usage
 * writes it, with its placeholder: "--kind KIND".
 */
const char *const *option_words(const char *command, const char *option);
/* Where the man page of command is, or NULL: the source tree's when run
 * from the build tree, else the installed one (in buf). */
const char *man_page(const char *command, char *buf, size_t size);

/* A row of the table of commands (cmd/complaints.c). */
struct command {
	const char *name;
	cmd_fn fn;
	const char *usage;	/* its SYNOPSIS, word for word */
	int flags;
	const char *what;	/* one line for the command list */
};
/* The table, in the order complaints --help lists it. */
extern const struct command commands[];
extern const int n_commands;
/* The row of the command called name, or NULL. */
const struct command *command_find(const char *name);
/* complaints' own usage and the list of its commands, on f. */
void list_commands(FILE *f);
/* After parsing: print the usage and return CMD_DONE if --help was
 * given; else open the store and fill ctx->s as the flags say. */
int cmd_ready(struct cmd_ctx *ctx, struct cpl_error *err);

/*
 * Parse a command's arguments: its own options go to local(ch, value, arg),
 * the global ones and --help are handled, --date (when date is not NULL) is
 * read into *date (today if absent), and exactly n_operands operands must
 * follow (at least -n_operands when negative), left in argv[optind]...
 * Then cmd_ready.
 */
int parse_args(struct cmd_ctx *ctx, int argc, char **argv,
    const struct option *opts,
    int (*local)(int ch, const char *value, void *arg, struct cpl_error *err),
    void *arg, cpl_date *date, int n_operands, struct cpl_error *err);

/*
 * The first half of parse_args, for a command whose operands say which
 * options it takes (report's sub-words): the options only, its own to
 * local(ch, value, arg). The command then checks its operands and the
 * options together, and calls cmd_ready.
 */
int parse_options(struct cmd_ctx *ctx, int argc, char **argv,
    const struct option *opts,
    int (*local)(int ch, const char *value, void *arg, struct cpl_error *err),
    void *arg, struct cpl_error *err);
/* --format's value (table, csv, json) into ctx->format. */
int format_option(struct cmd_ctx *ctx, const char *value,
    struct cpl_error *err);

/* A parse_args callback for a command with one option of its own: stores
 * its value in *(const char **)arg. */
int one_value(int ch, const char *value, void *arg, struct cpl_error *err);
/*
 * Parse what's value (an option's, an operand's or an environment
 * variable's) as noun ("a whole number", "a restriction number") from min
 * to max (min >= 0): plain decimal digits, nothing else (no sign, space or
 * leading zero). Else CPL_USAGE, naming what and the range.
 */
int number_arg(const char *what, const char *noun, const char *value,
    int64_t min, int64_t max, int64_t *out, struct cpl_error *err);
/* number_arg for flag's value, a whole number from min to max. */
int number_option(const char *flag, const char *value, int min, int max,
    int *out, struct cpl_error *err);
/* Parse flag's value as a date. */
int date_option(const char *flag, const char *value, cpl_date *out,
    struct cpl_error *err);
/* Exactly n operands (REF, ...) after the options (at least -n when n is
 * negative), else a usage error. */
int operands(struct cmd_ctx *ctx, int argc, char **argv, int n,
    struct cpl_error *err);

int cmd_init(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_log(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_ack(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_respond(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_extend(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_escalate(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_close(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_assign(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_note(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_show(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_list(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_reopen(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_hold(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_resume(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_ombudsman(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_restriction(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_policy(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_report(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_import(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_export(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_history(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_purge(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_help(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_completion(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_amend(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_correct(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_calendar(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_attach(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_files(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_file(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_letter(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_action(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_link(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_unlink(struct cmd_ctx *, int, char **, struct cpl_error *);
int cmd_copy(struct cmd_ctx *, int, char **, struct cpl_error *);

extern const char usage_init[], usage_log[], usage_ack[], usage_respond[],
    usage_extend[], usage_escalate[], usage_close[], usage_assign[],
    usage_note[], usage_show[], usage_list[], usage_reopen[],
    usage_hold[], usage_resume[],
    usage_ombudsman[], usage_restriction[], usage_policy[], usage_report[],
    usage_import[], usage_export[], usage_history[], usage_purge[],
    usage_help[], usage_completion[], usage_amend[], usage_correct[],
    usage_calendar[], usage_attach[], usage_files[], usage_file[],
    usage_letter[], usage_action[], usage_link[], usage_unlink[],
    usage_copy[];

#endif
