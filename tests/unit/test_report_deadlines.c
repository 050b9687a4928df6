/*
 * test_report_deadlines.c: the deadlines the reports work out in SQL
 * (lib/store_report.c) are exactly those of stage_deadlines() and
 * stage_next_action() in lib/case.c.
 *
 * A store in a temporary directory gets 800 generated cases (a fixed
 * pseudo-random sequence): stages opened on and around the bank holidays of
 * 2025 and 2026, on weekends and on a council's closure days; every mix of
 * acknowledgement and response timescales, of clocks (from the stage's
 * opening or from the acknowledgement), of acknowledged or not, and 0 to 3
 * extensions. Half the cases are logged under a copy of
 * south-staffordshire's policy that closes on 29-31 December 2025, 7 April
 * 2026 and 28 August 2026 (closure days come from the policy file as it is
 * now), half under psps (no closure days), so two calendars are loaded.
 *
 * A fifth of the cases are closed, and some last stages answered (on any
 * day, weekends too).
 *
 * Then, for every stage:
 *   - report_deadlines() (the deadlines summary and annual count by) gives
 *     the acknowledgement and response deadlines stage_deadlines() gives,
 *     and counts them (they count once met, or once past before the case
 *     closed, or before today while it is open) and finds them met (the
 *     acknowledgement, or the response, on or before the deadline) exactly
 *     when comparing those dates does;
 *   - report overdue --within 400 --format csv lists every open stage with
 *     a deadline for its next action, with that action, that due date, and
 *     the working days overdue that working_days_between() counts (negative:
 *     not yet due).
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
#include "report.h"
#include "store.h"
#include "util.h"

#define N_CASES 800
#define TODAY "2026-11-20"

struct gen {
	int64_t id;
	int64_t version;
	int policy;			/* 0 testcouncil, 1 psps */
	int n_stages;
	struct stage_rec st[2];		/* ext_days set, no ext[] */
	cpl_date closed;		/* NO_DATE: open */
	char ref[32];
	int seen[2];			/* by report_deadlines */
	int listed;			/* by report overdue */
};

struct fixture {
	char dir[64];
	char policies[128];
	struct session s;
	int64_t versions[2];
	struct gen cases[N_CASES];
};

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

static char *
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
		snprintf(g->ref, sizeof(g->ref), "T-%04d", i);
		memset(&c, 0, sizeof(c));
		c.ref = g->ref;
		c.policy = (char *)(g->policy ? "psps" : "testcouncil");
		c.policy_version = g->version;
		c.kind = (char *)"complaint";
		c.complainant = (char *)"someone";
		c.received = day;
		c.logged_by = (char *)"tester";
		if (store_add_case(st, &c, &err) != 0)
			fail_msg("%s", err.msg);
		g->id = c.id;
		for (int k = 0; k < g->n_stages; k++) {
			struct stage_rec *r = &g->st[k];
			static const int acks[] = {0, 2, 3, 5};
			static const int resps[] = {0, 10, 20, 10};
			int n_ext = rnd(4);

			r->stage = k + 1;
			r->opened = day;
			r->ack_days = acks[rnd(4)];
			r->respond_days = resps[rnd(4)];
			r->respond_from = rnd(2) ? CLOCK_ACKNOWLEDGED : CLOCK_OPENED;
			r->acknowledged = rnd(3) ? day + rnd(9) : NO_DATE;
			r->responded = NO_DATE;
			if (k + 1 < g->n_stages || rnd(10) < 3)
				r->responded = day + 3 + rnd(20);
			if (store_add_stage(st, g->id, r, &err) != 0 ||
			    (r->acknowledged != NO_DATE &&
			    store_set_acknowledged(st, g->id, r->stage,
			    r->acknowledged, &err) != 0) ||
			    (r->responded != NO_DATE &&
			    store_set_response(st, g->id, r->stage, r->responded,
			    "upheld", "tester", &err) != 0))
				fail_msg("%s", err.msg);
			for (int e = 0; e < n_ext; e++) {
				struct extension_rec x = {1 + rnd(15),
				    (char *)"reason", day, (char *)"tester", 1};

				if (store_add_extension(st, g->id, r->stage, &x,
				    &err) != 0)
					fail_msg("%s", err.msg);
				r->ext_days += x.days;
			}
			if (r->responded != NO_DATE)
				day = r->responded + rnd(5);
		}
		g->closed = NO_DATE;
		if (rnd(5) == 0) {
			g->closed = day + rnd(25);
			if (store_close_case(st, g->id, g->closed, "withdrawn",
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
		fail_msg("%s stage %d: %s: SQL %d, dates %d", ref, stage, what, got,
		    want);
}

static int
check_one(const struct stage_deadline *sd, void *arg)
{
	struct fixture *fx = arg;
	struct gen *g = gen_by_ref(fx, sd->ref);
	struct cpl_error err = {0};
	const struct stage_rec *r;
	struct deadlines d;
	cpl_date contact, cutoff = g->closed != NO_DATE ? g->closed : D(TODAY);

	assert_in_range(sd->stage, 1, g->n_stages);
	r = &g->st[sd->stage - 1];
	if (stage_deadlines(calendar_of(fx, g), r, &d, &err) != 0)
		fail_msg("%s", err.msg);
	same_date(sd->ack_due, d.ack_due, "ack_due", g->ref, sd->stage);
	same_date(sd->response_due, d.response_due, "response_due", g->ref,
	    sd->stage);
	contact = r->acknowledged != NO_DATE ? r->acknowledged : r->responded;
	same_flag(sd->ack_counted, d.ack_due != NO_DATE &&
	    (contact != NO_DATE || d.ack_due < cutoff), "acknowledgement counted",
	    g->ref, sd->stage);
	same_flag(sd->ack_met, d.ack_due != NO_DATE && contact != NO_DATE &&
	    contact <= d.ack_due, "acknowledged on time", g->ref, sd->stage);
	same_flag(sd->response_counted, d.response_due != NO_DATE &&
	    (r->responded != NO_DATE || d.response_due < cutoff),
	    "response counted", g->ref, sd->stage);
	same_flag(sd->response_met, d.response_due != NO_DATE &&
	    r->responded != NO_DATE && r->responded <= d.response_due,
	    "answered on time", g->ref, sd->stage);
	g->seen[sd->stage - 1]++;
	return 0;
}

static void
test_summary_deadlines(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	int n = 0;

	if (report_deadlines(&fx->s, D("2024-01-01"), D("2027-12-31"),
	    check_one, fx, &err) != 0)
		fail_msg("report_deadlines: %s", err.msg);
	/* Every stage once. */
	for (int i = 0; i < N_CASES; i++)
		for (int k = 0; k < fx->cases[i].n_stages; k++) {
			if (fx->cases[i].seen[k] != 1)
				fail_msg("%s stage %d seen %d times",
				    fx->cases[i].ref, k + 1, fx->cases[i].seen[k]);
			n++;
		}
	assert_true(n > N_CASES);
}

static void
test_overdue(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct overdue_filter f = {NULL, NULL, NULL, 400, D(TODAY)};
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int rows = 0, expected = 0;

	assert_non_null(out);
	if (report_overdue(&fx->s, &f, OUT_CSV, out, &err) != 0)
		fail_msg("report overdue: %s", err.msg);
	assert_int_equal(fclose(out), 0);
	line = strtok_r(buf, "\n", &save);
	assert_string_equal(line, "ref,policy,stage,action,due,"
	    "working_days_overdue,officer,service");
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char ref[32], policy[32], action[32], due[DATE_LEN + 1];
		int stage, late, want_late = 0;
		struct gen *g;
		struct deadlines d;
		const struct calendar *cal;
		const char *want_action;
		cpl_date want_due;

		if (sscanf(line, "%31[^,],%31[^,],%d,%31[^,],%10[^,],%d,", ref,
		    policy, &stage, action, due, &late) != 6)
			fail_msg("bad row: %s", line);
		g = gen_by_ref(fx, ref);
		assert_int_equal(stage, g->n_stages);
		cal = calendar_of(fx, g);
		if (stage_deadlines(cal, &g->st[stage - 1], &d, &err) != 0)
			fail_msg("%s", err.msg);
		want_action = stage_next_action(&g->st[stage - 1], &d, &want_due);
		assert_non_null(want_action);
		if (strcmp(action, want_action) != 0)
			fail_msg("%s: action %s, want %s", ref, action, want_action);
		same_date(D(due), want_due, action, ref, stage);
		if (want_due < D(TODAY)) {
			if (working_days_between(cal, want_due, D(TODAY),
			    &want_late, &err) != 0)
				fail_msg("%s", err.msg);
		} else if (working_days_between(cal, D(TODAY), want_due,
		    &want_late, &err) != 0) {
			fail_msg("%s", err.msg);
		} else {
			want_late = -want_late;
		}
		if (late != want_late)
			fail_msg("%s: %d working days overdue, want %d", ref, late,
			    want_late);
		g->listed++;
		rows++;
	}
	/* And none left out: every open stage with a deadline to meet. */
	for (int i = 0; i < N_CASES; i++) {
		struct gen *g = &fx->cases[i];
		struct deadlines d;
		cpl_date due;

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
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_deadlines),
		cmocka_unit_test(test_overdue),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
