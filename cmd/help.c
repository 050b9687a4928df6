/*
 * help.c: complaints help [COMMAND]: the manual page of a command, shown
 * by man(1) (from the source tree when run from the build tree, else as
 * installed), or its --help where man or the page is missing; alone, the
 * list of commands.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"

const char usage_help[] = "complaints help [COMMAND]";

/*
 * Show the page at path with man -l (man-db's and mandoc's man both read
 * a file so): 0 when man showed it, -1 when it could not (no man to run,
 * or man failed), and what the command says is shown instead.
 */
static int
show_page(const char *path)
{
	pid_t pid;
	int status;

	/* What is buffered goes out before man writes, and not twice. */
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execlp("man", "man", "-l", path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int
cmd_help(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	const struct command *c;
	char page[PATH_MAX + 64];
	const char *path;
	int rc;

	if ((rc = parse_options(ctx, argc, argv, opts, NULL, NULL, err)))
		return rc;
	if (!ctx->help && argc - optind > 1)
		return cpl_fail(err, CPL_USAGE, "help: unexpected argument '%s'",
		    argv[optind + 1]);
	if ((rc = cmd_ready(ctx, err)))
		return rc;
	if (argc == optind) {
		list_commands(stdout);
		return 0;
	}
	if ((c = command_find(argv[optind])) == NULL)
		return cpl_fail(err, CPL_USAGE, "help: unknown command '%s' (see "
		    "'complaints help')", argv[optind]);
	if ((path = man_page(c->name, page, sizeof(page))) != NULL &&
	    show_page(path) == 0)
		return 0;
	print_help(stdout, c->name, c->usage);
	return 0;
}
