/*
 * history.c: complaints history: every change to a case, who made it and
 * when (the day it happened and the moment it was entered), and, where
 * the store audits reading, who viewed or exported it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

const char usage_history[] = "complaints history REF";

static const struct out_col cols[] = {
	{"date", 0}, {"recorded", 0}, {"officer", 0}, {"stage", 1},
	{"action", 0}, {"detail", 0},
};
#define N_COLS (int)(sizeof(cols) / sizeof(cols[0]))

int
cmd_history(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	struct case_file cf;
	struct event_rec *ev = NULL;
	struct out_table *t = NULL;
	int rc, n_ev = 0;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1, err)) ||
	    (rc = case_load(&ctx->s, argv[optind], &cf, err)))
		return rc;
	if ((rc = case_audit_read(&ctx->s, &cf, "viewed", err)) ||
	    (rc = store_events(ctx->s.st, cf.c.id, &ev, &n_ev, err)))
		goto out;
	if ((t = out_table_begin(stdout, ctx->format, cols, N_COLS)) == NULL) {
		rc = cpl_fail(err, CPL_STORE, "out of memory");
		goto out;
	}
	for (int i = 0; i < n_ev; i++) {
		char date[DATE_LEN], stage[16];
		const char *v[N_COLS] = {date, ev[i].recorded, ev[i].officer,
		    ev[i].stage ? stage : NULL, ev[i].action, ev[i].detail};

		date_format(ev[i].date, date);
		snprintf(stage, sizeof(stage), "%d", ev[i].stage);
		if (out_table_row(t, v) != 0) {
			rc = cpl_fail(err, CPL_STORE, "out of memory");
			break;
		}
	}
	out_table_end(t);
out:
	store_events_free(ev, n_ev);
	case_file_free(&cf);
	return rc;
}
