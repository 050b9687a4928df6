/*
 * history.c: complaints history: every change to a case, who made it and
 * when (the day it happened and the moment it was entered), and, where
 * the store audits reading, who viewed or exported it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/case_view.h"

const char usage_history[] = "complaints history REF";

/* The fields of complaints-history(1). recorded is UTC ISO 8601 as
 * stored; the table on a terminal shows it in local time. The table and
 * CSV give each event's detail in words; JSON gives an amendment's or a
 * correction's parts as fields too (null on other events): what it
 * corrects, which extension, the field, its old and new values, and
 * why. */
static const struct out_col cols[] = {
	{"date", OUT_DATE}, {"recorded", OUT_TIME}, {"officer", OUT_TEXT},
	{"stage", OUT_NUMBER}, {"action", OUT_WORD(12)}, {"detail", OUT_TEXT},
	{"corrects", OUT_WORD(8)}, {"item", OUT_NUMBER}, {"field", OUT_WORD(11)},
	{"old", OUT_TEXT}, {"new", OUT_TEXT}, {"reason", OUT_TEXT},
};
#define N_COLS (int)(sizeof(cols) / sizeof(cols[0]))
#define N_WORD_COLS 6

int
cmd_history(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	struct case_view v;
	struct out_table *t = NULL;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1, err)))
		return rc;
	if ((rc = case_view(&ctx->s, argv[optind], VIEW_HISTORY, &v, err)))
		goto out;
	if ((t = out_table_begin(stdout, ctx->format, cols,
	    ctx->format == OUT_JSON ? N_COLS : N_WORD_COLS)) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (int i = 0; i < v.n_ev; i++) {
		const struct event_rec *e = &v.ev[i];
		char date[DATE_LEN], stage[16], item[16];
		const char *row[N_COLS] = {date, e->recorded, e->officer,
		    e->stage ? stage : NULL, e->action, e->detail, e->corrects,
		    e->item ? item : NULL, e->field, e->old_value, e->new_value,
		    e->reason};

		date_format(e->date, date);
		snprintf(stage, sizeof(stage), "%d", e->stage);
		snprintf(item, sizeof(item), "%d", e->item);
		if (out_table_row(t, row) != 0) {
			rc = cpl_nomem(err);
			break;
		}
	}
	out_table_end(t);
out:
	case_view_free(&v);
	return rc;
}
