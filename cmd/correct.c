/*
 * correct.c: complaints correct: correct the last recorded action of a
 * kind (its date, outcome, remedies, lessons or working days), saying why.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

const char usage_correct[] = "complaints correct REF"
    " --action ack|respond|extend|escalate|close [--date YYYY-MM-DD]"
    " [--outcome upheld|partly-upheld|not-upheld] [--remedy TEXT]"
    " [--learning TEXT] [--days N] --reason TEXT";

enum {
	OPT_ACTION = OPT_FIRST_LOCAL, OPT_CORRECT_DATE, OPT_OUTCOME,
	OPT_REMEDY, OPT_LEARNING, OPT_DAYS, OPT_REASON
};

struct correct_args {
	struct correction c;
	const char **remedies, **learning;	/* each as long as argc */
};

static int
correct_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct correct_args *a = arg;
	struct correction *c = &a->c;

	switch (ch) {
	case OPT_ACTION: c->action = v; break;
	/* The corrected day of the action, not the day of the correction
	 * (which is today): no day unless given. */
	case OPT_CORRECT_DATE:
		return date_option("--date", v, &c->date, err);
	case OPT_OUTCOME: c->outcome = v; break;
	case OPT_REMEDY:
		a->remedies[c->n_remedies++] = v;
		c->remedies_given = 1;
		break;
	case OPT_LEARNING:
		a->learning[c->n_learning++] = v;
		c->learning_given = 1;
		break;
	case OPT_DAYS:
		return number_option("--days", v, 1, 400, &c->days, err);
	case OPT_REASON: c->reason = v; break;
	}
	return 0;
}

int
cmd_correct(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"action", required_argument, NULL, OPT_ACTION},
		{"date", required_argument, NULL, OPT_CORRECT_DATE},
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"remedy", required_argument, NULL, OPT_REMEDY},
		{"learning", required_argument, NULL, OPT_LEARNING},
		{"days", required_argument, NULL, OPT_DAYS},
		{"reason", required_argument, NULL, OPT_REASON},
		GLOBAL_OPTIONS
	};
	struct correct_args a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.c.date = NO_DATE;
	/* No more texts than arguments. */
	a.remedies = calloc(argc + 1, sizeof(char *));
	a.learning = calloc(argc + 1, sizeof(char *));
	if (a.remedies == NULL || a.learning == NULL)
		rc = cpl_nomem(err);
	else if ((rc = parse_args(ctx, argc, argv, opts, correct_option, &a,
	    NULL, 1, err)) == 0) {
		a.c.remedies = a.remedies;
		a.c.learning = a.learning;
		rc = case_correct(&ctx->s, argv[optind], &a.c, err);
	}
	free(a.remedies);
	free(a.learning);
	return rc;
}
