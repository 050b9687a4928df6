/*
 * policy.c: complaints policy list|show|check: the policies available, one
 * policy's rules in plain English with their seed citations, and the
 * validation of a policy file (FILE:LINE:COLUMN: message on a fault).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "../lib/policy_files.h"

const char usage_policy[] = "complaints policy list\n"
    "complaints policy show ID\n"
    "complaints policy check FILE";

/* --- list --- */

/* The table's name of a policy, to fit 80 columns: the council's own
 * name, before the name of its procedure ("Southampton City Council: ..."),
 * or the name up to its first parenthesis (written into buf); the whole
 * name with --wide, CSV and JSON. */
static const char *
short_name(const char *name, char *buf, size_t size)
{
	size_t n = strcspn(name, ":");

	if (name[n] == '\0')
		n = strcspn(name, "(");
	while (n > 0 && name[n - 1] == ' ')
		n--;
	if (n == 0)
		n = strlen(name);
	snprintf(buf, size, "%.*s", (int)n, name);
	return buf;
}

static int
policy_list(struct cmd_ctx *ctx, struct cpl_error *err)
{
	/* CSV and JSON: every field; the table with --wide. */
	static const struct out_col cols[] = {{"id", OUT_WORD(19)},
	    {"name", OUT_TEXT}, {"version", OUT_TEXT}, {"seed", OUT_WORD(24)},
	    {"calendar", OUT_WORD(17)}, {"stages", OUT_NUMBER}};
	/* The table: which policy, whose, how many stages; the seed and
	 * the rest are in policy show. */
	static const struct out_col narrow[] = {{"id", OUT_WORD(19)},
	    {"name", OUT_TEXT}, {"stages", OUT_NUMBER}};
	int is_narrow = ctx->format == OUT_TABLE && !out_wide();
	struct out_table *t;
	char **ids;
	int n, rc, bad = 0;

	if ((rc = policy_ids(ctx->policies, &ids, &n, err)))
		return rc;
	if ((t = is_narrow ? out_table_begin(stdout, ctx->format, narrow, 3) :
	    out_table_begin(stdout, ctx->format, cols, 6)) == NULL)
		rc = cpl_nomem(err);
	for (int i = 0; rc == 0 && i < n; i++) {
		struct policy p;
		struct cpl_error perr = {0};
		char stages[16], name[256];

		/* A bad file is named, and the good ones still listed. */
		if (policy_load(&p, ctx->policies, ids[i], &perr) != 0) {
			print_line(stderr, "complaints: %s", perr.msg);
			bad++;
			continue;
		}
		snprintf(stages, sizeof(stages), "%d", p.n_stages);
		{
			const char *v[6] = {p.id, p.name, p.version, p.seed,
			    p.calendar_id, stages};
			const char *w[3] = {p.id, short_name(p.name, name,
			    sizeof(name)), stages};

			if (out_table_row(t, is_narrow ? w : v) != 0)
				rc = cpl_nomem(err);
		}
		policy_free(&p);
	}
	if (t != NULL)
		out_table_end(t);
	policy_ids_free(ids, n);
	if (rc == 0 && bad > 0)
		rc = cpl_fail(err, CPL_POLICY, "%d of the %d policy files in '%s' "
		    "can't be used (each named above)", bad, n, ctx->policies);
	return rc;
}

/* --- show --- */

struct show {
	struct out_table *t;	/* csv, json */
	FILE *f;		/* table */
	char topic[64];		/* the last topic printed */
	int rc;			/* out of memory */
};

/* Words of text, wrapped at 78 columns, each line indented. */
static void
wrap(FILE *f, int indent, const char *text)
{
	const char *p = text;
	int col = 0;

	while (*p) {
		const char *w = p;
		int len;

		while (*w && *w != ' ')
			w++;
		len = (int)(w - p);
		if (col > 0 && col + 1 + len > 78) {
			putc('\n', f);
			col = 0;
		}
		if (col == 0)
			col = fprintf(f, "%*s", indent, "");
		else
			col += fprintf(f, " ");
		/* The file's own text: escaped, never obeyed. */
		{
			char word[512];
			snprintf(word, sizeof(word), "%.*s", len, p);
			put_escaped(f, word);
		}
		col += len;
		for (p = w; *p == ' '; p++)
			;
	}
	if (col > 0)
		putc('\n', f);
}

static void
show_rule(void *arg, const struct policy_rule *r)
{
	struct show *s = arg;
	char rule[2600];

	/* The option that records what the rule asks for, beside it. */
	if (r->option != NULL)
		snprintf(rule, sizeof(rule), "%s (%s --%s)", r->rule,
		    r->command, r->option);
	else
		snprintf(rule, sizeof(rule), "%s", r->rule);
	if (s->t != NULL) {
		const char *v[3] = {r->topic, rule, r->source};
		if (out_table_row(s->t, v) != 0)
			s->rc = -1;
		return;
	}
	if (strcmp(r->topic, s->topic) != 0) {
		char head[64];
		size_t i;

		snprintf(s->topic, sizeof(s->topic), "%s", r->topic);
		for (i = 0; r->topic[i] && i < sizeof(head) - 1; i++)
			head[i] = (char)toupper((unsigned char)r->topic[i]);
		head[i] = '\0';
		fprintf(s->f, "\n%s\n", head);
	}
	wrap(s->f, 2, rule);
	if (r->source != NULL) {
		char cite[2048];
		snprintf(cite, sizeof(cite), "[%s]", r->source);
		wrap(s->f, 6, cite);
	}
}

static int
policy_show(struct cmd_ctx *ctx, const char *id, struct cpl_error *err)
{
	static const struct out_col cols[] = {{"topic", OUT_TEXT},
	    {"rule", OUT_TEXT}, {"source", OUT_TEXT}};
	struct policy p;
	struct show s;
	int rc;

	if ((rc = policy_load(&p, ctx->policies, id, err)))
		return rc;
	memset(&s, 0, sizeof(s));
	s.f = stdout;
	if (ctx->format != OUT_TABLE &&
	    (s.t = out_table_begin(stdout, ctx->format, cols, 3)) == NULL) {
		policy_free(&p);
		return cpl_nomem(err);
	}
	policy_describe(&p, show_rule, &s);
	if (s.t != NULL)
		out_table_end(s.t);
	policy_free(&p);
	if (s.rc)
		return cpl_nomem(err);
	return 0;
}

/* --- check --- */

static int
policy_check(struct cmd_ctx *ctx, const char *file, struct cpl_error *err)
{
	struct policy p;
	int rc, found;

	/* The calendar it names, from the policies directory the other
	 * commands would use. */
	if ((rc = policy_check_file(file, ctx->policies, &p, &found, err)))
		return rc;
	if (!found)
		print_line(stderr, "complaints: warning: %s: policy '%s' is found "
		    "by the other commands only as '%s.yaml' in the policies "
		    "directory", file, p.id, p.id);
	printf("%s: policy '%s' is valid: %d stage%s, calendar '%s' "
	    "(%d-%d)\n", file, p.id, p.n_stages, p.n_stages == 1 ? "" : "s",
	    p.cal.id, p.cal.from_year, p.cal.to_year);
	policy_free(&p);
	return 0;
}

int
cmd_policy(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	const char *word = argc > 1 ? argv[1] : NULL;
	int rc;

	if (word == NULL || word[0] == '-') {
		if (word != NULL && (strcmp(word, "--help") == 0 ||
		    strcmp(word, "-h") == 0))
			return parse_args(ctx, argc, argv, opts, NULL, NULL, NULL,
			    0, err);
		return cpl_fail(err, CPL_USAGE, "policy: list, show or check? "
		    "(see 'complaints policy --help')");
	}
	argc--;
	argv++;
	if (strcmp(word, "list") == 0) {
		if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 0,
		    err)))
			return rc;
		return policy_list(ctx, err);
	}
	if (strcmp(word, "show") == 0 || strcmp(word, "check") == 0) {
		if ((rc = parse_args(ctx, argc, argv, opts, NULL, NULL, NULL, 1,
		    err)))
			return rc;
		return word[0] == 's' ? policy_show(ctx, argv[optind], err) :
		    policy_check(ctx, argv[optind], err);
	}
	return cpl_fail(err, CPL_USAGE, "policy: '%s' is not list, show or "
	    "check", word);
}
