/*
 * test_report_deadlines.c: every rule the reports' SQL (lib/store_report.c)
 * writes again is exactly the rule in C: the deadlines of
 * stage_deadlines() and the next action of stage_next_action() in
 * lib/deadlines.c, the working days of lib/calendar.c, the "same person"
 * of the stage 2 rule (name_key in lib/util.c), the resolutions of
 * case_resolution() and the outcomes of lib/vocabulary.c.
 *
 * A store in a temporary directory gets 800 generated cases (a fixed
 * pseudo-random sequence): stages opened on and around the bank holidays of
 * 2025 and 2026, on weekends and on a council's closure days; every mix of
 * acknowledgement and response timescales, of clocks (from the stage's
 * opening or from the acknowledgement), of acknowledged or not, and 0 to 3
 * extensions; officers and responders whose names differ only in the case
 * of letters and the spaces, or not at all, or are not known; every
 * outcome. Half the cases are logged under a copy of south-staffordshire's
 * policy that closes on 29-31 December 2025, 7 April 2026 and 28 August
 * 2026 (closure days come from the policy file as it is now), half under
 * psps (no closure days), so two calendars are loaded.
 *
 * A fifth of the cases are closed, for every close reason, and some last
 * stages answered (on any day, weekends too); a third have an overall
 * clock (receipt to resolution). A fifth of the stages were held and
 * resumed (complaints hold): their deadlines, and the overall clock, move
 * as lib/hold.c moves them.
 *
 * Then, for every stage, with the Complaint Handling Code's timescales:
 *   - store_report_deadlines() (what summary and annual count by) gives
 *     the acknowledgement and response deadlines stage_deadlines() gives
 *     (the response with and without its extensions), and the Code's 5
 *     working days to acknowledge and 10 or 20 from the acknowledgement to
 *     answer; counts each (once met, or once past before the case closed,
 *     or before today while it is open) and finds it met (the
 *     acknowledgement, or the response, on or before it) exactly when
 *     comparing those dates does; the working days to answer that
 *     working_days_between() counts; the extensions; and whether the stage
 *     was handled by another person than the stage before;
 *   - store_report_stages() counts the outcomes as they were given;
 *   - store_report_cases() measures the overall clock of the cases that
 *     case_resolution() calls resolved;
 *   - store_overdue() (report overdue --within 400) lists every open stage
 *     with a deadline for its next action, with that action, that due date,
 *     and the working days overdue that working_days_between() counts
 *     (negative: not yet due).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "calendar.h"
#include "case.h"
#include "date.h"
#include "error.h"
#include "policy.h"
#include "record.h"
#include "store.h"
#include "store_report.h"
#include "util.h"

#define N_CASES 800
#define TODAY "2026-11-20"

struct gen {
	int64_t id;
	int64_t version;
	int policy;			/* 0 testcouncil, 1 psps */
	int n_stages;
	struct stage_rec st[2];		/* ext_days, n_ext set, no ext[] */
	struct hold_rec hold[2];	/* a stage's hold, resumed (its
					 * st[k].holds), or none */
	cpl_date received;
	cpl_date closed;		/* NO_DATE: open */
	const char *close_reason;
	cpl_date resolve_due;		/* NO_DATE: no overall clock */
	char ref[32];
	int seen[2];			/* by store_report_deadlines */
	int listed;			/* by store_overdue */
};

struct fixture {
	char dir[64];
	char policies[128];
	struct session s;
	int64_t versions[2];
	struct gen cases[N_CASES];
};

/* The Code's timescales, as report annual asks for them. */
static const struct code_days code = {5, {10, 20}};

/* Officers and responders: one person written three ways, another two,
 * and one who is only ever themselves. */
static const char *const officers[] = {"Bob Smith", "bob  smith",
    " BOB SMITH", "Alice Jones", "ALICE JONES", "Chidi"};
#define N_OFFICERS (int)(sizeof(officers) / sizeof(officers[0]))

static uint32_t rng = 20260105;

static int
rnd(int n)
{
	rng = rng * 1103515245u + 12345u;
	return (int)((rng >> 16) % (uint32_t)n);
}

static cpl_date
D(const char *s)
{
	cpl_date d = 0;

	if (date_parse(s, &d) != 0)
		fail_msg("test bug: '%s' is not a date", s);
	return d;
}

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Not inlined: gcc 12 would take the text it returns for a pointer to
 * its own variable that received it (-Wdangling-pointer, at -O3). */
__attribute__((noinline)) static char *
get_file(const char *path)
{
	char *text;
	size_t len;

	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0)
		fail_msg("can't read %s", path);
	return text;
}

/* The text of policies/NAME.yaml in the source tree. */
static char *
src_file(const char *name)
{
	const char *src = getenv("SRCDIR");
	char path[1024];

	snprintf(path, sizeof(path), "%s/policies/%s", src ? src : ".", name);
	return get_file(path);
}

/* south-staffordshire's policy as "testcouncil", with closure days. */
static char *
testcouncil(void)
{
	char *text = src_file("south-staffordshire.yaml"), *out, *p;
	const char *id = "id: south-staffordshire\n";
	const char *cal = "calendar: england-and-wales\n";
	const char *closures = "closure_days:\n"
	    "  - { from: 2025-12-29, to: 2025-12-31 }\n"
	    "  - 2026-04-07\n  - 2026-08-28\n";

	out = malloc(strlen(text) + strlen(closures) + 64);
	assert_non_null(out);
	assert_non_null(p = strstr(text, id));
	memcpy(out, text, (size_t)(p - text));
	strcpy(out + (p - text), "id: testcouncil\n");
	p += strlen(id);
	assert_non_null(strstr(p, cal));
	strncat(out, p, (size_t)(strstr(p, cal) - p) + strlen(cal));
	strcat(out, closures);
	strcat(out, strstr(p, cal) + strlen(cal));
	free(text);
	return out;
}

static const char *const anchors[] = {
	"2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
	"2025-12-25", "2025-12-26", "2025-12-29", "2025-12-31", "2026-01-01",
	"2026-04-03", "2026-04-06", "2026-04-07", "2026-05-04", "2026-05-25",
	"2026-08-28", "2026-08-31", "2026-11-13", "2026-11-20",
};

static void
generate(struct fixture *fx)
{
	struct cpl_error err = {0};
	struct store *st = fx->s.st;

	if (store_begin(st, &err) != 0)
		fail_msg("%s", err.msg);
	for (int i = 0; i < N_CASES; i++) {
		struct gen *g = &fx->cases[i];
		struct case_rec c;
		cpl_date day = D(anchors[rnd(sizeof(anchors) /
		    sizeof(anchors[0]))]) - 12 + rnd(15);

		memset(g, 0, sizeof(*g));
		g->policy = i % 2;
		g->version = fx->versions[g->policy];
		g->n_stages = rnd(4) == 0 ? 2 : 1;
		g->received = day;
		/* A third with an overall clock of 12 weeks. */
		g->resolve_due = rnd(3) == 0 ? day + 7 * 12 : NO_DATE;
		snprintf(g->ref, sizeof(g->ref), "T-%04d", i);
		memset(&c, 0, sizeof(c));
		c.ref = g->ref;
		c.policy = (char *)(g->policy ? "psps" : "testcouncil");
		c.policy_version = g->version;
		c.kind = (char *)"complaint";
		c.complainant = (char *)"someone";
		c.received = day;
		c.logged_by = (char *)"tester";
		c.resolve_due = g->resolve_due;
		c.closed = NO_DATE;
		if (store_insert_case(st, &c, &err) != 0)
			fail_msg("%s", err.msg);
		g->id = c.id;
		for (int k = 0; k < g->n_stages; k++) {
			struct stage_rec *r = &g->st[k];
			static const int acks[] = {0, 2, 3, 5};
			static const int resps[] = {0, 10, 20, 10};
			int n_ext = rnd(4), who = rnd(N_OFFICERS + 1);

			r->stage = k + 1;
			r->opened = day;
			r->officer = (char *)(who < N_OFFICERS ? officers[who] :
			    NULL);
			r->ack_days = acks[rnd(4)];
			r->respond_days = resps[rnd(4)];
			r->respond_from = rnd(2) ? CLOCK_ACKNOWLEDGED : CLOCK_OPENED;
			r->acknowledged = rnd(3) ? day + rnd(9) : NO_DATE;
			r->responded = NO_DATE;
			if (k + 1 < g->n_stages || rnd(10) < 3) {
				r->responded = day + 3 + rnd(20);
				r->responded_by = (char *)officers[rnd(N_OFFICERS)];
				r->outcome = (char *)case_outcomes[rnd(
				    N_OUTCOMES)];
			}
			if (store_insert_stage(st, g->id, r, &err) != 0)
				fail_msg("%s", err.msg);
			for (int e = 0; e < n_ext; e++) {
				struct extension_rec x = {1 + rnd(15),
				    (char *)"reason", day, (char *)"tester", 1};

				if (store_add_extension(st, g->id, r->stage, &x,
				    &err) != 0)
					fail_msg("%s", err.msg);
				r->ext_days += x.days;
				r->n_ext++;
			}
			/* A fifth held and resumed, on any day (the rules
			 * that order a hold among the stage's actions are
			 * not the reports'): its deadlines still running on
			 * the day held move by the working days held, the
			 * overall clock by the calendar days. */
			if (rnd(5) == 0) {
				struct hold_rec *h = &g->hold[k];

				h->reason = (char *)"other-procedure";
				h->held = day + rnd(10);
				h->until = NO_DATE;
				h->resumed = h->held + rnd(15);
				h->officer = h->resumed_by = (char *)"tester";
				if (store_add_hold(st, g->id, r->stage, h, &err) !=
				    0)
					fail_msg("%s", err.msg);
				r->holds = h;
				r->n_holds = 1;
				if (g->resolve_due != NO_DATE)
					g->resolve_due += h->resumed - h->held;
			}
			if (r->responded != NO_DATE)
				day = r->responded + rnd(5);
		}
		g->closed = NO_DATE;
		if (rnd(5) == 0) {
			g->closed = day + rnd(25);
			g->close_reason = close_reasons[rnd(N_CLOSE_REASONS)];
			if (store_set_closed(st, g->id, g->closed, g->close_reason,
			    &err) != 0)
				fail_msg("%s", err.msg);
		}
	}
	if (store_commit(st, &err) != 0)
		fail_msg("%s", err.msg);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cpl_error err = {0};
	char path[256], *text;
	int found;
	static const char *const ids[] = {"testcouncil", "psps"};

	if (fx == NULL)
		return -1;
	strcpy(fx->dir, "/tmp/cpl-report-unit.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->policies, sizeof(fx->policies), "%s/policies", fx->dir);
	snprintf(path, sizeof(path), "%s/calendars", fx->policies);
	if (mkdir(fx->policies, 0700) != 0 || mkdir(path, 0700) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/calendars/england-and-wales.yaml",
	    fx->policies);
	text = src_file("calendars/england-and-wales.yaml");
	put_file(path, text);
	free(text);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s.yaml", fx->policies, ids[i]);
		text = i == 0 ? testcouncil() : src_file("psps.yaml");
		put_file(path, text);
		free(text);
	}

	snprintf(path, sizeof(path), "%s/test.db", fx->dir);
	if (store_open(path, STORE_CREATE, &fx->s.st, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	fx->s.policies = fx->policies;
	fx->s.officer = "tester";
	fx->s.today = D(TODAY);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s.yaml", fx->policies, ids[i]);
		text = get_file(path);
		if (store_policy_version(fx->s.st, ids[i], text,
		    &fx->versions[i], &found, &err) != 0) {
			print_error("%s\n", err.msg);
			return -1;
		}
		free(text);
	}
	generate(fx);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[256];

	session_free(&fx->s);
	store_close(fx->s.st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

static const struct calendar *
calendar_of(struct fixture *fx, const struct gen *g)
{
	struct cpl_error err = {0};
	const struct policy *pol;

	if (case_policy(&fx->s, g->version, &pol, &err) != 0)
		fail_msg("%s", err.msg);
	return &pol->cal;
}

/*
 * A report's start, as lib/report.c makes it: one snapshot, each
 * policy's calendar loaded (calendar i for policy version i), and, with
 * fill, the period's stages worked out with the Code's timescales.
 */
static void
report_begin(struct fixture *fx, int fill)
{
	struct cpl_error err = {0};
	struct store *st = fx->s.st;

	if (store_read_begin(st, &err) != 0 ||
	    store_report_tables(st, &err) != 0)
		fail_msg("%s", err.msg);
	for (int i = 0; i < 2; i++) {
		const struct calendar *cal = calendar_of(fx, &fx->cases[i]);

		assert_int_equal(fx->cases[i].version, fx->versions[i]);
		if (store_report_add_calendar(st, i, cal, &err) != 0 ||
		    store_report_use_calendar(st, fx->versions[i], i, &err) != 0)
			fail_msg("%s", err.msg);
	}
	if (fill && store_report_fill(st, 0, D("2024-01-01"), D("2027-12-31"),
	    NULL, D(TODAY), &code, 1, &err) != 0)
		fail_msg("store_report_fill: %s", err.msg);
}

static struct gen *
gen_by_ref(struct fixture *fx, const char *ref)
{
	for (int i = 0; i < N_CASES; i++)
		if (strcmp(fx->cases[i].ref, ref) == 0)
			return &fx->cases[i];
	fail_msg("no generated case '%s'", ref);
	return NULL;
}

static void
same_date(cpl_date got, cpl_date want, const char *what, const char *ref,
    int stage)
{
	char g[DATE_LEN] = "none", w[DATE_LEN] = "none";

	if (got != NO_DATE)
		date_format(got, g);
	if (want != NO_DATE)
		date_format(want, w);
	if (got != want)
		fail_msg("%s stage %d: %s: SQL %s, stage_deadlines %s", ref, stage,
		    what, g, w);
}

static void
same_flag(int got, int want, const char *what, const char *ref, int stage)
{
	if (got != want)
		fail_msg("%s stage %d: %s: SQL %d, C %d", ref, stage, what, got,
		    want);
}

/* Whoever handled a stage: who answered it, else its officer. */
static const char *
handler(const struct stage_rec *r)
{
	return r->responded_by != NULL ? r->responded_by : r->officer;
}

/* The stage 2 rule's "another person": -1 when either is not known. */
static int
other_person(const char *a, const char *b)
{
	char *ka, *kb;
	int other;

	if (a == NULL || b == NULL)
		return -1;
	ka = name_key(a);
	kb = name_key(b);
	assert_non_null(ka);
	assert_non_null(kb);
	other = strcmp(ka, kb) != 0;
	free(ka);
	free(kb);
	return other;
}

/* A deadline as the figures count it: counted once met (done is the day
 * it was met, or NO_DATE) or once past before the cutoff. */
static void
same_count(cpl_date got_due, int counted, int met, cpl_date due,
    cpl_date done, cpl_date cutoff, const char *what, const char *ref,
    int stage)
{
	char name[64];

	same_date(got_due, due, what, ref, stage);
	snprintf(name, sizeof(name), "%s counted", what);
	same_flag(counted, due != NO_DATE && (done != NO_DATE || due < cutoff),
	    name, ref, stage);
	snprintf(name, sizeof(name), "%s met", what);
	same_flag(met, due != NO_DATE && done != NO_DATE && done <= due, name,
	    ref, stage);
}

/* working_days_after, for a deadline the test knows is in the calendar. */
static cpl_date
after(const struct calendar *cal, cpl_date from, int days)
{
	struct cpl_error err = {0};
	cpl_date d;

	if (working_days_after(cal, from, days, &d, &err) != 0)
		fail_msg("%s", err.msg);
	return d;
}

static int
check_one(const struct stage_deadline *sd, void *arg)
{
	struct fixture *fx = arg;
	struct gen *g = gen_by_ref(fx, sd->ref);
	const struct calendar *cal = calendar_of(fx, g);
	struct cpl_error err = {0};
	struct stage_rec plain;
	const struct stage_rec *r;
	struct deadlines d, orig;
	cpl_date contact, cutoff = g->closed != NO_DATE ? g->closed : D(TODAY);
	int wd = -1;

	assert_in_range(sd->stage, 1, g->n_stages);
	r = &g->st[sd->stage - 1];
	plain = *r;
	plain.ext_days = 0;
	if (stage_deadlines(cal, r, &d, &err) != 0 ||
	    stage_deadlines(cal, &plain, &orig, &err) != 0)
		fail_msg("%s", err.msg);
	contact = r->acknowledged != NO_DATE ? r->acknowledged : r->responded;
	same_count(sd->ack_due, sd->ack_counted, sd->ack_met, d.ack_due,
	    contact, cutoff, "acknowledgement", g->ref, sd->stage);
	same_count(sd->response_due, sd->response_counted, sd->response_met,
	    d.response_due, r->responded, cutoff, "response", g->ref,
	    sd->stage);
	same_count(sd->original_due, sd->original_counted, sd->original_met,
	    orig.response_due, r->responded, cutoff,
	    "response without extensions", g->ref, sd->stage);
	same_count(sd->code_ack_due, sd->code_ack_counted, sd->code_ack_met,
	    after(cal, r->opened, code.ack), contact, cutoff,
	    "the Code's acknowledgement", g->ref, sd->stage);
	same_count(sd->code_response_due, sd->code_response_counted,
	    sd->code_response_met, after(cal, r->acknowledged != NO_DATE ?
	    r->acknowledged : r->opened, code.respond[sd->stage == 1 ? 0 : 1]),
	    r->responded, cutoff, "the Code's response", g->ref, sd->stage);
	if (r->responded != NO_DATE && working_days_between(cal, r->opened,
	    r->responded, &wd, &err) != 0)
		fail_msg("%s", err.msg);
	same_flag(sd->working_days, wd, "working days to answer", g->ref,
	    sd->stage);
	same_flag(sd->other_handler, sd->stage == 1 ? -1 :
	    other_person(handler(r), handler(&g->st[sd->stage - 2])),
	    "handled by another person", g->ref, sd->stage);
	same_flag(sd->extensions, r->n_ext, "extensions", g->ref, sd->stage);
	same_flag(sd->extension_days, r->ext_days, "extension days", g->ref,
	    sd->stage);
	g->seen[sd->stage - 1]++;
	return 0;
}

static void
test_summary_deadlines(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	int n = 0, others[3] = {0, 0, 0};

	report_begin(fx, 1);
	if (store_report_deadlines(fx->s.st, 0, check_one, fx, &err) != 0)
		fail_msg("store_report_deadlines: %s", err.msg);
	store_read_end(fx->s.st);
	/* Every stage once. */
	for (int i = 0; i < N_CASES; i++)
		for (int k = 0; k < fx->cases[i].n_stages; k++) {
			if (fx->cases[i].seen[k] != 1)
				fail_msg("%s stage %d seen %d times",
				    fx->cases[i].ref, k + 1, fx->cases[i].seen[k]);
			if (k > 0)
				others[1 + other_person(
				    handler(&fx->cases[i].st[k]),
				    handler(&fx->cases[i].st[k - 1]))]++;
			n++;
		}
	assert_true(n > N_CASES);
	/* The handlers were of every sort: not known, the same person, and
	 * another. */
	assert_true(others[0] > 5 && others[1] > 5 && others[2] > 5);
}

/* The outcomes of each stage, as store_report_stages counts them. */
static int
check_stage_counts(const char *group, int stage, const struct stage_counts *c,
    void *arg)
{
	struct fixture *fx = arg;
	int64_t opened = 0, outcome[N_OUTCOMES] = {0};

	assert_null(group);
	for (int i = 0; i < N_CASES; i++) {
		const struct gen *g = &fx->cases[i];

		if (stage > g->n_stages)
			continue;
		opened++;
		for (int k = 0; k < N_OUTCOMES; k++)
			if (g->st[stage - 1].outcome != NULL &&
			    strcmp(g->st[stage - 1].outcome,
			    case_outcomes[k]) == 0)
				outcome[k]++;
	}
	assert_int_equal(c->opened, opened);
	for (int k = 0; k < N_OUTCOMES; k++) {
		if (c->outcome[k] != outcome[k])
			fail_msg("stage %d: %s: SQL %lld, generated %lld", stage,
			    case_outcomes[k], (long long)c->outcome[k],
			    (long long)outcome[k]);
		assert_true(outcome[k] > 0);
	}
	return 0;
}

/* The overall clock, as store_report_cases measures it. */
static int
check_case_counts(const char *group, const struct case_counts *n, void *arg)
{
	struct fixture *fx = arg;
	int64_t of = 0, ok = 0, unresolved = 0;

	assert_null(group);
	assert_int_equal(n->received, N_CASES);
	assert_int_equal(n->kind[0], N_CASES);
	for (int i = 0; i < N_CASES; i++) {
		const struct gen *g = &fx->cases[i];
		struct case_rec c;
		int resolved;

		memset(&c, 0, sizeof(c));
		c.close_reason = (char *)g->close_reason;
		resolved = g->closed != NO_DATE && case_resolution(&c);
		if (g->resolve_due == NO_DATE)
			continue;
		if (resolved || (g->closed == NO_DATE &&
		    g->resolve_due < D(TODAY)))
			of++;
		if (resolved && g->closed <= g->resolve_due)
			ok++;
		if (g->closed != NO_DATE && !resolved)
			unresolved++;
	}
	if (n->overall_of != of || n->overall_ok != ok)
		fail_msg("overall clock: SQL %lld of %lld, case_resolution %lld "
		    "of %lld", (long long)n->overall_ok,
		    (long long)n->overall_of, (long long)ok, (long long)of);
	/* Cases closed unresolved were among them, so the rule was tried. */
	assert_true(unresolved > 3 && ok > 3);
	return 0;
}

static void
test_counts(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};

	report_begin(fx, 1);
	if (store_report_stages(fx->s.st, 0, 1, check_stage_counts, fx,
	    &err) != 0 ||
	    store_report_cases(fx->s.st, D("2024-01-01"), D("2027-12-31"),
	    D(TODAY), NULL, 1, case_kinds, case_channels, check_case_counts,
	    fx, &err) != 0)
		fail_msg("%s", err.msg);
	store_read_end(fx->s.st);
	/* Every close reason was given. */
	for (int k = 0; k < N_CLOSE_REASONS; k++) {
		int n = 0;

		for (int i = 0; i < N_CASES; i++)
			n += fx->cases[i].close_reason != NULL &&
			    strcmp(fx->cases[i].close_reason, close_reasons[k]) == 0;
		if (n == 0)
			fail_msg("no case closed as %s", close_reasons[k]);
	}
}

/* One row of report overdue, against stage_next_action. */
static int
check_overdue(const struct overdue_row *row, void *arg)
{
	struct fixture *fx = arg;
	struct cpl_error err = {0};
	struct gen *g = gen_by_ref(fx, row->ref);
	const struct calendar *cal = calendar_of(fx, g);
	const char *want_action;
	struct deadlines d;
	cpl_date want_due;
	int want_late = 0;

	assert_int_equal(row->stage, g->n_stages);
	if (stage_deadlines(cal, &g->st[row->stage - 1], &d, &err) != 0)
		fail_msg("%s", err.msg);
	want_action = stage_next_action(&g->st[row->stage - 1], &d, &want_due);
	assert_non_null(want_action);
	if (strcmp(row->action, want_action) != 0)
		fail_msg("%s: action %s, want %s", row->ref, row->action,
		    want_action);
	same_date(D(row->due), want_due, row->action, row->ref, row->stage);
	if (want_due < D(TODAY)) {
		if (working_days_between(cal, want_due, D(TODAY), &want_late,
		    &err) != 0)
			fail_msg("%s", err.msg);
	} else if (working_days_between(cal, D(TODAY), want_due, &want_late,
	    &err) != 0) {
		fail_msg("%s", err.msg);
	} else {
		want_late = -want_late;
	}
	if (row->late != want_late)
		fail_msg("%s: %d working days overdue, want %d", row->ref,
		    row->late, want_late);
	g->listed++;
	return 0;
}

static void
test_overdue(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct overdue_filter f = {NULL, NULL, NULL, 400, D(TODAY), 0};
	int rows = 0, expected = 0;

	report_begin(fx, 0);
	if (store_overdue(fx->s.st, &f, check_overdue, fx, &err) != 0)
		fail_msg("report overdue: %s", err.msg);
	store_read_end(fx->s.st);
	/* And none left out: every open stage with a deadline to meet. */
	for (int i = 0; i < N_CASES; i++) {
		struct gen *g = &fx->cases[i];
		struct deadlines d;
		cpl_date due;

		rows += g->listed;
		if (stage_deadlines(calendar_of(fx, g), &g->st[g->n_stages - 1],
		    &d, &err) != 0)
			fail_msg("%s", err.msg);
		if (g->closed == NO_DATE &&
		    stage_next_action(&g->st[g->n_stages - 1], &d, &due) != NULL &&
		    due != NO_DATE) {
			expected++;
			if (g->listed != 1)
				fail_msg("%s listed %d times", g->ref, g->listed);
		}
	}
	assert_int_equal(rows, expected);
	assert_true(rows > N_CASES / 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_deadlines),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_overdue),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
