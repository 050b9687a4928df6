/* respond.c: complaints respond: the response at the current stage. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/links.h"

const char usage_respond[] = "complaints respond REF --outcome OUTCOME"
    " [--remedy TEXT] [--learning TEXT] [--for-linked] [--date YYYY-MM-DD]";

enum {
	OPT_OUTCOME = OPT_FIRST_LOCAL, OPT_REMEDY, OPT_LEARNING, OPT_FOR_LINKED
};

struct respond_args {
	const char *outcome;
	const char **remedies, **learning;	/* each as long as argc */
	int n_remedies, n_learning;
	int for_linked;		/* --for-linked */
};

static int
respond_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct respond_args *a = arg;

	(void)err;
	if (ch == OPT_OUTCOME)
		a->outcome = v;
	else if (ch == OPT_FOR_LINKED)
		a->for_linked = 1;
	else if (ch == OPT_REMEDY)
		a->remedies[a->n_remedies++] = v;
	else
		a->learning[a->n_learning++] = v;
	return 0;
}

/* The cases --for-linked answered, set by lib/ before the commit. */
struct answered {
	struct linked_answer *a;
	int n;
};

/* Each case answered, a line each: its reference and stage. */
static int
print_answered(void *arg, struct cpl_error *err)
{
	const struct answered *w = arg;

	(void)err;
	for (int i = 0; i < w->n; i++)
		printf("%s\tstage %d\n", w->a[i].ref, w->a[i].stage);
	return 0;
}

/* One response on every open case linked to ref, printed before the
 * commit: a script told of none must find none answered. */
static int
respond_linked(struct cmd_ctx *ctx, const char *ref,
    const struct respond_args *a, cpl_date date, struct cpl_error *err)
{
	struct answered w = {NULL, 0};
	struct pending_output po = {print_answered, &w, 0};
	int rc;

	print_before_commit(ctx, &po);
	rc = case_respond_linked(&ctx->s, ref, a->outcome,
	    (const char *const *)a->remedies, a->n_remedies,
	    (const char *const *)a->learning, a->n_learning, date, &w.a, &w.n,
	    err);
	rc = print_after(ctx, &po, rc, err);
	linked_answers_free(w.a, w.n);
	return rc;
}

int
cmd_respond(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"remedy", required_argument, NULL, OPT_REMEDY},
		{"learning", required_argument, NULL, OPT_LEARNING},
		{"for-linked", no_argument, NULL, OPT_FOR_LINKED},
		DATE_OPTION, GLOBAL_OPTIONS
	};
	struct respond_args a = {NULL, NULL, NULL, 0, 0, 0};
	cpl_date date;
	int rc;

	/* No more texts than arguments. */
	a.remedies = calloc(argc + 1, sizeof(char *));
	a.learning = calloc(argc + 1, sizeof(char *));
	if (a.remedies == NULL || a.learning == NULL)
		rc = cpl_nomem(err);
	else if ((rc = parse_args(ctx, argc, argv, opts, respond_option, &a,
	    &date, 1, err)) == 0 && a.for_linked)
		rc = respond_linked(ctx, argv[optind], &a, date, err);
	else if (rc == 0)
		rc = case_respond(&ctx->s, argv[optind], a.outcome, a.remedies,
		    a.n_remedies, a.learning, a.n_learning, date, err);
	free(a.remedies);
	free(a.learning);
	return rc;
}
