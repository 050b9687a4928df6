/* show.c: complaints show: the whole case. */
#include <stdlib.h>

#include "cmd.h"

const char usage_show[] = "complaints show REF";

int
cmd_show(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	struct case_file cf;
	struct deadlines *d = NULL;
	struct event_rec *ev = NULL;
	int rc, n_ev = 0;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1, err)) ||
	    (rc = case_load_full(&ctx->s, argv[optind], &cf, err)))
		return rc;
	if ((d = calloc(cf.n_stages, sizeof(*d))) == NULL) {
		rc = cpl_fail(err, CPL_STORE, "out of memory");
		goto out;
	}
	for (int i = 0; i < cf.n_stages; i++)
		if ((rc = stage_deadlines(&cf.pol->cal, &cf.stages[i], &d[i], err)))
			goto out;
	/* Recorded before the history is read, so this view is in it. */
	if ((rc = case_audit_read(&ctx->s, &cf, "viewed", err)) ||
	    (rc = store_events(ctx->s.st, cf.c.id, &ev, &n_ev, err)))
		goto out;
	output_case(stdout, ctx->format, &cf, d, ev, n_ev);
out:
	store_events_free(ev, n_ev);
	free(d);
	case_file_free(&cf);
	return rc;
}
