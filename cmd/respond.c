/* respond.c: complaints respond: the response at the current stage. */
#include <stdlib.h>

#include "cmd.h"

const char usage_respond[] = "complaints respond REF --outcome OUTCOME"
    " [--remedy TEXT] [--learning TEXT] [--date YYYY-MM-DD]";

enum { OPT_OUTCOME = OPT_FIRST_LOCAL, OPT_REMEDY, OPT_LEARNING };

struct respond_args {
	const char *outcome;
	const char **remedies, **learning;	/* each as long as argc */
	int n_remedies, n_learning;
};

static int
respond_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct respond_args *a = arg;

	(void)err;
	if (ch == OPT_OUTCOME)
		a->outcome = v;
	else if (ch == OPT_REMEDY)
		a->remedies[a->n_remedies++] = v;
	else
		a->learning[a->n_learning++] = v;
	return 0;
}

int
cmd_respond(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"remedy", required_argument, NULL, OPT_REMEDY},
		{"learning", required_argument, NULL, OPT_LEARNING},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct respond_args a = {NULL, NULL, NULL, 0, 0};
	cpl_date date;
	int rc;

	/* No more texts than arguments. */
	a.remedies = calloc(argc + 1, sizeof(char *));
	a.learning = calloc(argc + 1, sizeof(char *));
	if (a.remedies == NULL || a.learning == NULL)
		rc = cpl_nomem(err);
	else if ((rc = parse_args(ctx, argc, argv, opts, respond_option, &a,
	    &date, 1, err)) == 0)
		rc = case_respond(&ctx->s, argv[optind], a.outcome, a.remedies,
		    a.n_remedies, a.learning, a.n_learning, date, err);
	free(a.remedies);
	free(a.learning);
	return rc;
}
