/*
 * complaints.c: main, and the table of subcommands.
 *
 * Adding a command is one row here and one file cmd/VERB.c holding
 * cmd_VERB() and usage_VERB. main parses the global options, finds the
 * command, runs it, and reports its error once as "complaints: <message>"
 * (the option it is about first, when it is about one), exiting with the
 * status of complaints(1), EXIT STATUS.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

/* lib/'s warnings: one line each on stderr, after what the command did. */
static void
print_warning(void *arg, const char *msg)
{
	(void)arg;
	print_line(stderr, "complaints: warning: %s", msg);
}

/* lib/'s word that a command is waiting for another process's lock: on
 * a terminal only, where someone wonders why nothing happens; a script or
 * cron job waits in silence. */
static void
print_waiting(void *arg, const char *msg)
{
	(void)arg;
	print_line(stderr, "complaints: %s", msg);
}

const struct command commands[] = {
	/* init opens (and creates) the store itself, after checking the
	 * policy, so a refused init leaves no file behind. */
	{"init", cmd_init, usage_init, RECORDS,
	    "create the database and set the default policy"},
	{"log", cmd_log, usage_log, NEEDS_DB | RECORDS,
	    "register a new case; prints its reference"},
	{"ack", cmd_ack, usage_ack, NEEDS_DB | RECORDS,
	    "acknowledge the case at its current stage"},
	{"respond", cmd_respond, usage_respond, NEEDS_DB | RECORDS,
	    "record the response at the current stage"},
	{"extend", cmd_extend, usage_extend, NEEDS_DB | RECORDS,
	    "extend the current stage's response deadline"},
	{"escalate", cmd_escalate, usage_escalate, NEEDS_DB | RECORDS,
	    "take the case to the next stage"},
	{"close", cmd_close, usage_close, NEEDS_DB | RECORDS,
	    "close the case"},
	{"assign", cmd_assign, usage_assign, NEEDS_DB | RECORDS,
	    "give the current stage to an officer"},
	{"note", cmd_note, usage_note, NEEDS_DB | RECORDS,
	    "add a note to the case file"},
	{"attach", cmd_attach, usage_attach, NEEDS_DB | RECORDS,
	    "keep a document in the case file"},
	{"amend", cmd_amend, usage_amend, NEEDS_DB | RECORDS,
	    "change a case's details, the old value kept"},
	{"correct", cmd_correct, usage_correct, NEEDS_DB | RECORDS,
	    "correct a recorded action, the old value kept"},
	{"reopen", cmd_reopen, usage_reopen, NEEDS_DB | RECORDS,
	    "open a closed case again, saying why"},
	{"hold", cmd_hold, usage_hold, NEEDS_DB | RECORDS,
	    "stop the current stage's clock, saying why"},
	{"resume", cmd_resume, usage_resume, NEEDS_DB | RECORDS,
	    "start a held case's clock again"},
	{"ombudsman", cmd_ombudsman, usage_ombudsman, NEEDS_DB | RECORDS,
	    "record the ombudsman stage: referral, reference, decision"},
	{"restriction", cmd_restriction, usage_restriction, NEEDS_DB | RECORDS,
	    "restrict contact with a complainant; lift or list restrictions"},
	{"action", cmd_action, usage_action, NEEDS_DB | RECORDS,
	    "outstanding actions after a response: add, done, list"},
	{"link", cmd_link, usage_link, NEEDS_DB | RECORDS,
	    "link cases about the same issue, answered together"},
	{"unlink", cmd_unlink, usage_unlink, NEEDS_DB | RECORDS,
	    "take cases out of their group of linked cases"},
	{"letter", cmd_letter, usage_letter, NEEDS_DB | RECORDS | AUDITED,
	    "the letter the policy prescribes, filled from the case"},
	{"import", cmd_import, usage_import, NEEDS_DB | RECORDS,
	    "cases from CSV or JSON lines, all or nothing"},
	{"export", cmd_export, usage_export, NEEDS_DB | AUDITED,
	    "every case, as import reads them"},
	{"purge", cmd_purge, usage_purge, NEEDS_DB | RECORDS,
	    "remove the personal data of cases closed long enough ago"},
	{"copy", cmd_copy, usage_copy, NEEDS_DB,
	    "the whole store copied into a new one, on a server or in a file"},
	{"policy", cmd_policy, usage_policy, 0,
	    "the policies: list them, show one's rules, check a file"},
	{"calendar", cmd_calendar, usage_calendar, 0,
	    "the days off of a calendar; one made from the official list"},
	{"show", cmd_show, usage_show, NEEDS_DB | AUDITED,
	    "the whole case: details, stages, deadlines, history"},
	{"files", cmd_files, usage_files, NEEDS_DB | AUDITED,
	    "the case file: documents attached and notes, by date"},
	{"file", cmd_file, usage_file, NEEDS_DB | AUDITED,
	    "one entry of the case file, written back out byte for byte"},
	{"list", cmd_list, usage_list, NEEDS_DB,
	    "cases, filtered"},
	{"history", cmd_history, usage_history, NEEDS_DB | AUDITED,
	    "every change to a case: who, when, what"},
	{"report", cmd_report, usage_report, NEEDS_DB,
	    "overdue cases, a period's figures, the annual report"},
	{"help", cmd_help, usage_help, 0,
	    "a command's manual page; the commands"},
	{"completion", cmd_completion, usage_completion, 0,
	    "the script that completes commands in bash or zsh"},
};
const int n_commands = (int)(sizeof(commands) / sizeof(commands[0]));

const struct command *
command_find(const char *name)
{
	for (int i = 0; i < n_commands; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

void
list_commands(FILE *f)
{
	int width = 0;

	/* The descriptions line up after the longest name, whatever
	 * commands the table holds. */
	for (int i = 0; i < n_commands; i++)
		if ((int)strlen(commands[i].name) > width)
			width = (int)strlen(commands[i].name);
	fputs("usage: complaints [--version] [--db PATH] [--policies DIR]"
	    " [--officer NAME]\n                  [--format table|csv|json]"
	    " [--wide] COMMAND [ARGS]\n\n"
	    "commands:\n", f);
	for (int i = 0; i < n_commands; i++)
		fprintf(f, "  %-*s  %s\n", width, commands[i].name,
		    commands[i].what);
	fputs("\n'complaints COMMAND --help' for a command's options, "
	    "'complaints help COMMAND'\nfor its manual page.\n", f);
}

#define OPT_VERSION (OPT_FIRST_LOCAL)
static const struct option main_options[] = {
	{"version", no_argument, NULL, OPT_VERSION},
	GLOBAL_OPTIONS
};

/* COMPLAINTS_WAIT: how many seconds to wait for another process's lock
 * (a script that would rather fail fast than queue). */
static int
wait_from_env(struct cpl_error *err)
{
	const char *v = getenv("COMPLAINTS_WAIT");
	int seconds;

	/* Empty is unset, as for the other variables but COMPLAINTS_DB. */
	if (v == NULL || *v == '\0')
		return 0;
	if (number_option("COMPLAINTS_WAIT", v, 0, 3600, &seconds, err))
		return CPL_USAGE;
	store_wait(seconds);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	struct cpl_error err = {0}, out_err = {0};
	const struct command *c;
	int ch, rc = 0;

	memset(&ctx, 0, sizeof(ctx));
	ctx.db_path = getenv("COMPLAINTS_DB");
	ctx.policies = getenv("COMPLAINTS_POLICIES");
	ctx.format = OUT_TABLE;
	ctx.s.warn = print_warning;
	if (isatty(STDERR_FILENO))
		store_wait_notice(print_waiting, NULL);
	if ((rc = wait_from_env(&err)))
		goto out;

	opterr = 0;
	/* "+": stop at the subcommand; its own options are its to parse. */
	while ((ch = getopt_long(argc, argv, "+" SHORT_OPTIONS, main_options,
	    NULL)) != -1) {
		if (ch == OPT_VERSION) {
			/* The schema too: a store from a newer complaints is
			 * refused, and this says which is which. */
			printf("complaints %s (database schema %d)\n",
			    CPL_VERSION, STORE_SCHEMA_VERSION);
			goto out;
		}
		if ((rc = global_option(&ctx, ch, argc, argv, &err)))
			goto out;
	}
	if (optind >= argc) {
		if (ctx.help) {
			/* Asked for: written as any command's output is. */
			list_commands(stdout);
			goto out;
		}
		list_commands(stderr);
		return CPL_USAGE;
	}
	if ((c = command_find(argv[optind])) == NULL) {
		print_line(stderr, "complaints: unknown command '%s' (see "
		    "'complaints --help')", argv[optind]);
		return CPL_USAGE;
	}
	ctx.name = c->name;
	ctx.usage = c->usage;
	ctx.flags = c->flags;
	argc -= optind;
	argv += optind;
	optind = 0;		/* glibc: start a fresh scan */
	rc = c->fn(&ctx, argc, argv, &err);
	if (rc == CMD_DONE)
		rc = 0;
out:
	/*
	 * A full disk or a closed pipe must not look like success. What a
	 * command prints about its change went out before the change was
	 * committed (print_before_commit); output that fails after a commit
	 * (an audited read: the read is recorded first) must not look like
	 * nothing changed either.
	 */
	if (flush_output(&out_err) != 0 && rc == 0) {
		if (ctx.s.st != NULL &&
		    store_commits(ctx.s.st) > ctx.commits_at_open)
			rc = cpl_fail(&err, CPL_INCOMPLETE, "%s; what this command "
			    "recorded stands", out_err.msg);
		else {
			err = out_err;
			rc = err.code;
		}
	}
	session_free(&ctx.s);
	store_close(ctx.s.st);
	if (rc != 0) {
		/* What the message is about, as this command's option that
		 * gives it. Messages quote what was typed or stored (a
		 * reference, a name): shown, never obeyed by the terminal. */
		const char *opt = subject_option(ctx.name, err.subject);

		print_line(stderr, "complaints: %s%s%s", opt ? opt : "",
		    opt ? ": " : "", err.msg);
	}
	return rc;
}
