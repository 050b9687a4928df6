/* list.c: complaints list: cases, filtered, found, in an order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

const char usage_list[] = "complaints list [--status STATUS] [--stage N]"
    " [--kind KIND] [--policy ID] [--service AREA] [--officer NAME]"
    " [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--complainant NAME]"
    " [--ref-like PATTERN] [--search TEXT] [--linked REF] [--mine]"
    " [--sort due|received|ref] [--discrimination]";

enum {
	OPT_STATUS = OPT_FIRST_LOCAL, OPT_STAGE, OPT_KIND, OPT_POLICY,
	OPT_SERVICE, OPT_FROM, OPT_TO, OPT_COMPLAINANT, OPT_REF_LIKE,
	OPT_SEARCH, OPT_MINE, OPT_SORT, OPT_LINKED, OPT_DISCRIMINATION
};

/* What list was asked for. */
struct list_args {
	struct list_filter f;
	int mine;		/* --mine */
	int sorted;		/* --sort given: f.order is its */
};

/* Text that holds something other than spaces. */
static int
has_text(const char *v)
{
	return v[strspn(v, " \t\r\n")] != '\0';
}

static int
list_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct list_args *a = arg;
	struct list_filter *f = &a->f;

	switch (ch) {
	case OPT_STATUS:
		if (strcmp(v, "open") != 0 && strcmp(v, "closed") != 0)
			return cpl_fail(err, CPL_USAGE,
			    "--status '%s' is not open or closed", v);
		f->status = v;
		break;
	case OPT_STAGE:
		return number_option("--stage", v, 1, CPL_MAX_STAGES,
		    &f->stage, err);
	case OPT_KIND:
		if (!one_of(v, case_kinds))
			return cpl_fail(err, CPL_USAGE, "--kind '%s' is not one of "
			    "complaint, comment, compliment, service-request", v);
		f->kind = v;
		break;
	case OPT_POLICY: f->policy = v; break;
	case OPT_SERVICE: f->service = v; break;
	case OPT_FROM: return date_option("--from", v, &f->from, err);
	case OPT_TO: return date_option("--to", v, &f->to, err);
	case OPT_COMPLAINANT:
		if (!has_text(v))
			return cpl_fail(err, CPL_USAGE,
			    "--complainant: the name is empty");
		f->complainant = v;
		break;
	case OPT_REF_LIKE:
		if (!has_text(v))
			return cpl_fail(err, CPL_USAGE,
			    "--ref-like: the pattern is empty");
		f->ref_like = v;
		break;
	case OPT_SEARCH:
		if (!has_text(v))
			return cpl_fail(err, CPL_USAGE,
			    "--search: give the words to look for");
		f->search = v;
		break;
	case OPT_LINKED: f->linked = v; break;
	case OPT_MINE: a->mine = 1; break;
	case OPT_DISCRIMINATION: f->discrimination = 1; break;
	case OPT_SORT:
		if (strcmp(v, "due") == 0)
			f->order = LIST_DUE;
		else if (strcmp(v, "received") == 0)
			f->order = LIST_RECEIVED;
		else if (strcmp(v, "ref") == 0)
			f->order = LIST_REF;
		else
			return cpl_fail(err, CPL_USAGE,
			    "--sort '%s' is not one of due, received, ref", v);
		a->sorted = 1;
		break;
	}
	return 0;
}

/* CSV and JSON: the fields of complaints-list(1); the table with --wide. */
static const struct out_col cols[] = {
	{"ref", OUT_REF}, {"policy", OUT_WORD(19)}, {"kind", OUT_WORD(15)},
	{"status", OUT_WORD(6)}, {"stage", OUT_NUMBER}, {"received", OUT_DATE},
	{"next_action", OUT_WORD(11)}, {"due", OUT_DATE}, {"officer", OUT_TEXT},
	{"service", OUT_TEXT},
};
#define N_COLS (int)(sizeof(cols) / sizeof(cols[0]))

/* The table, to fit 80 columns: where the case is (its stage, or what it
 * is when it is not a complaint), what is to be done by when, and whose
 * it is. */
static const struct out_col narrow[] = {
	{"ref", OUT_REF}, {"status", OUT_WORD(10)},
	{"next_action", OUT_WORD(11)}, {"due", OUT_DATE}, {"officer", OUT_TEXT},
	{"service", OUT_TEXT},
};
#define N_NARROW (int)(sizeof(narrow) / sizeof(narrow[0]))

struct list_out {
	struct out_table *t;
	int narrow;		/* the table of narrow[] */
};

static int
list_row(const struct case_summary *cs, void *arg)
{
	const struct list_out *o = arg;
	const struct case_rec *c = &cs->row->c;
	char stage[16], received[DATE_LEN], due[DATE_LEN], status[32];
	const char *v[N_COLS];

	snprintf(stage, sizeof(stage), "%d", cs->row->s.stage);
	date_format(c->received, received);
	if (cs->due != NO_DATE)
		date_format(cs->due, due);
	v[0] = c->ref;
	v[1] = c->policy;
	v[2] = c->kind;
	v[3] = c->closed == NO_DATE ? "open" : "closed";
	v[4] = stage;
	v[5] = received;
	v[6] = cs->next_action ? cs->next_action : "none";
	v[7] = cs->due != NO_DATE ? due : NULL;
	v[8] = cs->row->s.officer;
	v[9] = c->service;
	if (o->narrow) {
		const char *n[N_NARROW] = {v[0], status, v[6], v[7], v[8], v[9]};

		if (c->closed != NO_DATE)
			snprintf(status, sizeof(status), "closed");
		else if (strcmp(c->kind, case_kinds[KIND_COMPLAINT]) == 0)
			snprintf(status, sizeof(status), "stage %d",
			    cs->row->s.stage);
		else
			snprintf(status, sizeof(status), "%s", c->kind);
		return out_table_row(o->t, n) == 0 ? 0 : CPL_STORE;
	}
	return out_table_row(o->t, v) == 0 ? 0 : CPL_STORE;
}

int
cmd_list(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {
		{"status", required_argument, NULL, OPT_STATUS},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"kind", required_argument, NULL, OPT_KIND},
		{"policy", required_argument, NULL, OPT_POLICY},
		{"service", required_argument, NULL, OPT_SERVICE},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"complainant", required_argument, NULL, OPT_COMPLAINANT},
		{"ref-like", required_argument, NULL, OPT_REF_LIKE},
		{"search", required_argument, NULL, OPT_SEARCH},
		{"linked", required_argument, NULL, OPT_LINKED},
		{"mine", no_argument, NULL, OPT_MINE},
		{"sort", required_argument, NULL, OPT_SORT},
		{"discrimination", no_argument, NULL, OPT_DISCRIMINATION},
		GLOBAL_OPTIONS
	};
	struct list_args a;
	struct list_filter *f = &a.f;
	struct list_out o;
	int rc;

	memset(&a, 0, sizeof(a));
	f->from = f->to = NO_DATE;
	if ((rc = parse_args(ctx, argc, argv, opts, list_option, &a, NULL, 0,
	    err)))
		return rc;
	/* Here --officer picks whose cases; COMPLAINTS_OFFICER does not,
	 * but for --mine: the cases of whoever is doing this. */
	if (ctx->officer_flag)
		f->officer = ctx->officer;
	if (a.mine) {
		if (f->status != NULL && strcmp(f->status, "open") != 0)
			return cpl_fail(err, CPL_USAGE, "--mine lists open cases, "
			    "not with --status %s", f->status);
		if (ctx->officer == NULL)
			return cpl_fail(err, CPL_USAGE, "--mine: who is doing "
			    "this? give --officer NAME or set COMPLAINTS_OFFICER");
		f->status = "open";
		f->officer = ctx->officer;
	}
	/* A search lists the best matches first, unless told otherwise. */
	if (!a.sorted)
		f->order = f->search != NULL ? LIST_RANK : LIST_DUE;
	if ((rc = session_known_policy(&ctx->s, f->policy, err)))
		return rc;
	o.narrow = ctx->format == OUT_TABLE && !out_wide();
	if ((o.t = out_table_begin(stdout, ctx->format, o.narrow ? narrow : cols,
	    o.narrow ? N_NARROW : N_COLS)) == NULL)
		return cpl_nomem(err);
	rc = case_list(&ctx->s, f, list_row, &o, err);
	if (rc == CPL_STORE && err->msg[0] == '\0')
		cpl_nomem(err);
	out_table_end(o.t);
	return rc;
}
