/*
 * test_policy.c: reading policies (policy.h).
 *
 * First the five seed policies shipped in $SRCDIR/policies, checked against
 * the timescales their seeds set (the sections the policies cite); then
 * broken policies, each made by changing one thing in a small valid policy
 * written below, which must be refused with CPL_POLICY and a message
 * "NAME:LINE:COLUMN: ..." pointing at the fault.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "policy.h"

/* --- helpers --- */

static char *
policies_dir(void)
{
	const char *src = getenv("SRCDIR");
	char *dir;

	if (src == NULL)
		src = ".";
	dir = malloc(strlen(src) + sizeof("/policies"));
	assert_non_null(dir);
	strcpy(dir, src);
	strcat(dir, "/policies");
	return dir;
}

static void
load(struct policy *p, const char *id)
{
	struct cpl_error err = {0};
	char *dir = policies_dir();
	int rc = policy_load(p, dir, id, &err);

	free(dir);
	if (rc != 0)
		fail_msg("policy_load(%s): %s", id, err.msg);
}

static const struct stage_rules *
stage(const struct policy *p, int n)
{
	const struct stage_rules *s = policy_stage(p, n);

	if (s == NULL)
		fail_msg("policy %s has no stage %d", p->id, n);
	assert_int_equal(s->stage, n);
	return s;
}

static void
expect_timescale(const struct timescale *ts, int days, enum clock from)
{
	assert_int_equal(ts->set, 1);
	assert_int_equal(ts->days, days);
	assert_int_equal(ts->from, from);
	assert_non_null(ts->source);
}

static cpl_date
D(const char *s)
{
	cpl_date d = 0;

	if (date_parse(s, &d) != 0)
		fail_msg("test bug: '%s' is not a date", s);
	return d;
}

/* --- the seed policies (seeds 000 to 004, cited in policies/ID.yaml) --- */

static void
test_psps(void **state)
{
	struct policy p;
	const struct stage_rules *s;

	(void)state;
	load(&p, "psps");
	assert_string_equal(p.id, "psps");
	assert_string_equal(p.calendar_id, "england-and-wales");
	assert_int_equal(p.n_stages, 2);
	assert_null(policy_stage(&p, 3));
	assert_int_equal(p.time_limit_months, 12);
	assert_int_equal(p.anonymous, ANON_ACCEPT);
	assert_int_equal(p.overall_weeks, 0);

	/* Stage 1: acknowledge 5 wd from received; respond 10 wd from the
	 * acknowledgement; extension up to 10 wd, reason required. */
	s = stage(&p, 1);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 10, CLOCK_ACKNOWLEDGED);
	assert_int_equal(s->respond.target_days, 0);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, 10);
	assert_int_equal(s->extension_reason_required, 1);
	assert_int_equal(s->someone_else, 0);

	/* Stage 2: acknowledge 5 wd from the request; respond 20 wd from the
	 * acknowledgement; extension up to 20 wd with a reason; no request
	 * window, no written reasons; a different officer. */
	s = stage(&p, 2);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 20, CLOCK_ACKNOWLEDGED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, 20);
	assert_int_equal(s->extension_reason_required, 1);
	assert_int_equal(s->review_request_window, -1);
	assert_int_equal(s->review_reasons_required, 0);
	assert_int_equal(s->someone_else, 1);

	/* policy_load loads the calendar too: Good Friday 2026 is closed. */
	assert_int_equal(p.has_cal, 1);
	assert_int_equal(p.cal.from_year, 2018);
	assert_int_equal(p.cal.to_year, 2030);
	assert_int_equal(calendar_is_working_day(&p.cal, D("2026-04-03")), 0);
	policy_free(&p);
}

static void
test_south_staffordshire(void **state)
{
	struct policy p;
	const struct stage_rules *s;

	(void)state;
	load(&p, "south-staffordshire");
	assert_int_equal(p.n_stages, 2);
	assert_int_equal(p.anonymous, ANON_ACCEPT);
	assert_int_equal(p.overall_weeks, 0);

	/* Stage 1: acknowledge 5 wd, respond 10 wd, both from received;
	 * extensions allowed with no cap. */
	s = stage(&p, 1);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 10, CLOCK_OPENED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, -1);

	/* Stage 2: asked for within 20 wd of the stage 1 response; reasons
	 * help but are not required; acknowledge 5 wd and respond 20 wd from
	 * the request; no rule that the officer must differ. */
	s = stage(&p, 2);
	assert_int_equal(s->review_request_window, 20);
	assert_int_equal(s->review_reasons_required, 0);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, -1);
	assert_int_equal(s->someone_else, 0);
	policy_free(&p);
}

static void
test_corporate_procedure(void **state)
{
	struct policy p;
	const struct stage_rules *s;

	(void)state;
	load(&p, "corporate-procedure");
	assert_int_equal(p.n_stages, 2);
	assert_int_equal(p.anonymous, ANON_ACCEPT);
	/* The informal-resolution step: 24 hours. */
	assert_int_equal(p.informal_hours, 24);

	/* Stage 1: acknowledge 2 wd, respond 10 wd from received; a holding
	 * reply with no cap set. */
	s = stage(&p, 1);
	expect_timescale(&s->acknowledge, 2, CLOCK_OPENED);
	expect_timescale(&s->respond, 10, CLOCK_OPENED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, -1);

	/* Stage 2: written reasons needed; a different officer (the Customer
	 * Feedback Manager); acknowledge 2 wd, respond 20 wd from the request. */
	s = stage(&p, 2);
	assert_int_equal(s->review_reasons_required, 1);
	assert_int_equal(s->review_request_window, -1);
	assert_int_equal(s->someone_else, 1);
	expect_timescale(&s->acknowledge, 2, CLOCK_OPENED);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	assert_int_equal(s->extension_cap, -1);
	policy_free(&p);
}

static void
test_southampton(void **state)
{
	struct policy p;
	const struct stage_rules *s;

	(void)state;
	load(&p, "southampton");
	assert_int_equal(p.n_stages, 2);
	/* Anonymous complaints are not accepted, safeguarding aside (§15); a
	 * representative needs written consent. */
	assert_int_equal(p.anonymous, ANON_REFUSE);
	assert_int_equal(p.n_anonymous_unless, 1);
	assert_string_equal(p.anonymous_unless[0], "safeguarding");
	assert_int_equal(p.consent_required, 1);

	/* Stage 1 (service recovery): no acknowledgement timescale; respond
	 * 10 wd from received; more time agreed with the customer (§7, §17),
	 * with no cap. */
	s = stage(&p, 1);
	assert_int_equal(s->acknowledge.set, 0);
	expect_timescale(&s->respond, 10, CLOCK_OPENED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, -1);
	assert_int_equal(s->extension_tell, 1);

	/* Stage 2: no acknowledgement timescale; respond 20 wd from the
	 * request, extendable to 30 wd in all (a cap of 10 more); written
	 * reasons; a different officer. */
	s = stage(&p, 2);
	assert_int_equal(s->acknowledge.set, 0);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, 10);
	assert_int_equal(s->respond.days + s->extension_cap, 30);
	assert_int_equal(s->review_reasons_required, 1);
	assert_int_equal(s->someone_else, 1);
	policy_free(&p);
}

static void
test_buckinghamshire(void **state)
{
	struct policy p;
	const struct stage_rules *s;

	(void)state;
	load(&p, "buckinghamshire");
	assert_int_equal(p.n_stages, 2);
	/* Anonymous complaints are logged as service requests. */
	assert_int_equal(p.anonymous, ANON_SERVICE_REQUEST);
	/* 12 weeks from receipt to resolution. */
	assert_int_equal(p.overall_weeks, 12);

	/* Stage 1: acknowledge 3 wd; respond 20 wd from received, aiming
	 * for 10. */
	s = stage(&p, 1);
	expect_timescale(&s->acknowledge, 3, CLOCK_OPENED);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	assert_int_equal(s->respond.target_days, 10);
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, -1);

	/* Stage 2: written reasons (which parts are unresolved); the central
	 * team, not the stage 1 officer; acknowledge 5 wd, respond 20 wd. */
	s = stage(&p, 2);
	assert_int_equal(s->review_reasons_required, 1);
	assert_int_equal(s->someone_else, 1);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	assert_int_equal(s->respond.target_days, 0);
	policy_free(&p);
}

static void
test_load_errors(void **state)
{
	struct policy p;
	struct cpl_error err = {0};
	char *dir = policies_dir();

	(void)state;
	/* No such policy: bad input (exit 2), naming it. */
	assert_int_equal(policy_load(&p, dir, "no-such-council", &err),
	    CPL_USAGE);
	if (strstr(err.msg, "no-such-council") == NULL)
		fail_msg("message does not name the policy: %s", err.msg);
	/* An id that is not [a-z0-9-]+ never reaches the file system. */
	assert_int_equal(policy_load(&p, dir, "../psps", &err), CPL_USAGE);
	assert_int_equal(policy_load(&p, dir, "PSPS", &err), CPL_USAGE);
	assert_int_equal(policy_load(&p, dir, "", &err), CPL_USAGE);
	free(dir);
}

/* --- broken policies --- */

/*
 * A small valid policy. The line numbers matter: the tests below expect
 * errors at these lines (and at the column of the offending node, counted
 * from 1).
 */
static const char minimal[] =
    "id: test\n"				/*  1 */
    "name: Test council\n"			/*  2 */
    "version: \"1\"\n"				/*  3 */
    "seed: none\n"				/*  4 */
    "reference_prefix: TST\n"			/*  5 */
    "calendar: england-and-wales\n"		/*  6 */
    "time_limit:\n"				/*  7 */
    "  months: 12\n"				/*  8 */
    "  late: never\n"				/*  9 */
    "  source: s\n"				/* 10 */
    "anonymous:\n"				/* 11 */
    "  handling: accept\n"			/* 12 */
    "  source: s\n"				/* 13 */
    "exclusions: []\n"				/* 14 */
    "ombudsman:\n"				/* 15 */
    "  bodies:\n"				/* 16 */
    "    - id: lgsco\n"				/* 17 */
    "      name: LGSCO\n"			/* 18 */
    "  source: s\n"				/* 19 */
    "stages:\n"					/* 20 */
    "  - stage: 1\n"				/* 21 */
    "    name: Stage 1\n"			/* 22 */
    "    acknowledge:\n"			/* 23 */
    "      days: 5\n"				/* 24 */
    "      from: received\n"			/* 25 */
    "      source: s1a\n"			/* 26 */
    "    respond:\n"				/* 27 */
    "      days: 10\n"				/* 28 */
    "      from: received\n"			/* 29 */
    "      source: s1r\n"			/* 30 */
    "  - stage: 2\n"				/* 31 */
    "    name: Stage 2\n"			/* 32 */
    "    respond:\n"				/* 33 */
    "      days: 20\n"				/* 34 */
    "      from: escalated\n"			/* 35 */
    "      source: s2r\n"			/* 36 */
    "    extension:\n"				/* 37 */
    "      max_days: 10\n"			/* 38 */
    "      source: s2e\n";			/* 39 */

/* minimal with the one occurrence of find replaced (caller frees). */
static char *
mutate(const char *find, const char *replace)
{
	const char *at = strstr(minimal, find);
	size_t before, len;
	char *out;

	if (at == NULL)
		fail_msg("test bug: '%s' is not in the minimal policy", find);
	if (strstr(at + 1, find) != NULL)
		fail_msg("test bug: '%s' is in the minimal policy twice", find);
	before = (size_t)(at - minimal);
	len = strlen(minimal) - strlen(find) + strlen(replace);
	out = malloc(len + 1);
	assert_non_null(out);
	memcpy(out, minimal, before);
	strcpy(out + before, replace);
	strcat(out, at + strlen(find));
	return out;
}

/*
 * Parse text: it must be refused with CPL_POLICY, a message starting
 * "bad.yaml:LINE:COL: " and containing every one of the words (a
 * NULL-terminated list).
 */
static void
expect_refused_text(const char *text, int line, int col,
    const char *const *words)
{
	struct policy p;
	struct cpl_error err = {0};
	char want[64];
	int rc = policy_parse(&p, "bad.yaml", text, strlen(text), &err);

	if (rc == 0) {
		policy_free(&p);
		fail_msg("accepted a bad policy:\n%s", text);
	}
	assert_int_equal(rc, CPL_POLICY);
	assert_int_equal(err.code, CPL_POLICY);
	snprintf(want, sizeof(want), "bad.yaml:%d:%d: ", line, col);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("want a message starting '%s', got: %s", want, err.msg);
	for (; words != NULL && *words != NULL; words++)
		if (strstr(err.msg, *words) == NULL)
			fail_msg("message does not say '%s': %s", *words, err.msg);
	/* One line, no trailing newline (main adds it). */
	assert_null(strchr(err.msg, '\n'));
}

/* The same, for minimal with find replaced by replace. */
static void
expect_refused(const char *find, const char *replace, int line, int col,
    const char *const *words)
{
	char *text = mutate(find, replace);

	expect_refused_text(text, line, col, words);
	free(text);
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void
test_minimal_is_valid(void **state)
{
	struct policy p;
	struct cpl_error err = {0};
	const struct stage_rules *s;

	(void)state;
	/* Without this, the refusals below would prove nothing. */
	if (policy_parse(&p, "minimal.yaml", minimal, strlen(minimal),
	    &err) != 0)
		fail_msg("the minimal policy is refused: %s", err.msg);
	assert_string_equal(p.id, "test");
	assert_string_equal(p.prefix, "TST");
	assert_int_equal(p.n_stages, 2);
	/* The policy text is kept, to be stored with the cases. */
	assert_int_equal(p.text_len, strlen(minimal));
	assert_string_equal(p.text, minimal);
	/* policy_parse does not load the calendar. */
	assert_int_equal(p.has_cal, 0);
	s = stage(&p, 1);
	expect_timescale(&s->acknowledge, 5, CLOCK_OPENED);
	expect_timescale(&s->respond, 10, CLOCK_OPENED);
	assert_string_equal(s->respond.source, "s1r");
	assert_int_equal(s->extension_allowed, 0);
	s = stage(&p, 2);
	assert_int_equal(s->acknowledge.set, 0);
	expect_timescale(&s->respond, 20, CLOCK_OPENED);
	/* An extension rule without reason_required requires a reason. */
	assert_int_equal(s->extension_allowed, 1);
	assert_int_equal(s->extension_cap, 10);
	assert_int_equal(s->extension_reason_required, 1);
	assert_int_equal(s->review_request_window, -1);
	assert_int_equal(s->review_reasons_required, 0);
	policy_free(&p);
}

static void
test_mutations_that_stay_valid(void **state)
{
	struct policy p;
	struct cpl_error err = {0};
	char *text;

	(void)state;
	/* from: acknowledged is allowed on respond; target_days up to days. */
	text = mutate("      days: 10\n      from: received\n",
	    "      days: 10\n      target_days: 10\n      from: acknowledged\n");
	if (policy_parse(&p, "ok.yaml", text, strlen(text), &err) != 0)
		fail_msg("refused: %s", err.msg);
	assert_int_equal(policy_stage(&p, 1)->respond.from, CLOCK_ACKNOWLEDGED);
	assert_int_equal(policy_stage(&p, 1)->respond.target_days, 10);
	policy_free(&p);
	free(text);
}

static void
test_bad_yaml(void **state)
{
	(void)state;
	/*
	 * time_limit as a flow map that is never closed. In a flow map a plain
	 * scalar runs on over the line break, so the value of source is read
	 * as "s anonymous", and the ':' that follows "anonymous" on line 8
	 * (column 10) is where libyaml wanted ',' or '}'.
	 */
	expect_refused("time_limit:\n  months: 12\n  late: never\n  source: s\n",
	    "time_limit: { months: 12, late: never, source: s\n", 8, 10,
	    WORDS("did not find expected ',' or '}'", "flow mapping"));
	/* An unclosed flow sequence at the very end of the file: libyaml
	 * reaches the end of the text, line 40 column 1, without ']'. */
	expect_refused("      source: s2e\n", "      source: [s2e\n", 40, 1,
	    WORDS("flow sequence"));
	/* A tab is not indentation in YAML: line 8, column 1. */
	expect_refused("  months: 12\n", "\tmonths: 12\n", 8, 1, NULL);
}

static void
test_unknown_key(void **state)
{
	(void)state;
	/* At the top level: the key on line 3, column 1. */
	expect_refused("version: \"1\"\n", "colour: blue\nversion: \"1\"\n",
	    3, 1, WORDS("unknown key 'colour'", "policy"));
	/* In a timescale: a misspelt 'days' on line 28, column 7. */
	expect_refused("      days: 10\n", "      dayz: 10\n", 28, 7,
	    WORDS("unknown key 'dayz'", "respond"));
	/* In a stage: the new key on line 33, column 5. */
	expect_refused("    name: Stage 2\n", "    name: Stage 2\n    owner: x\n",
	    33, 5, WORDS("unknown key 'owner'"));
	/* A key given twice is refused at its second appearance. */
	expect_refused("      days: 20\n", "      days: 20\n      days: 25\n",
	    35, 7, WORDS("'days'", "twice"));
}

static void
test_missing_days(void **state)
{
	(void)state;
	/* respond at stage 1 without days: the error is at the respond
	 * mapping, whose first key (from, now on line 28) is at column 7. */
	expect_refused("      days: 10\n", "", 28, 7,
	    WORDS("respond", "'days'"));
	/* Or with days empty: the empty value sits at line 28, column 12. */
	expect_refused("      days: 10\n", "      days:\n", 28, 12,
	    WORDS("days"));
}

static void
test_bad_days(void **state)
{
	(void)state;
	/* Negative and zero days: at the value, line 28, column 13. */
	expect_refused("      days: 10\n", "      days: -3\n", 28, 13,
	    WORDS("days", "-3"));
	expect_refused("      days: 10\n", "      days: 0\n", 28, 13,
	    WORDS("days"));
	/* Not a number at all. */
	expect_refused("      days: 10\n", "      days: ten\n", 28, 13,
	    WORDS("whole number", "ten"));
	/* A target longer than the timescale it aims within. */
	expect_refused("      days: 10\n", "      days: 10\n      target_days: 15\n",
	    29, 20, WORDS("target_days", "15"));
	/* An extension cap of no days. */
	expect_refused("      max_days: 10\n", "      max_days: -1\n", 38, 17,
	    WORDS("max_days"));
}

static void
test_stage_out_of_order(void **state)
{
	(void)state;
	/* The second stage numbered 3: at its number, line 31, column 12. */
	expect_refused("  - stage: 2\n", "  - stage: 3\n", 31, 12,
	    WORDS("expected stage 2", "not 3"));
	/* A first stage numbered 2. */
	expect_refused("  - stage: 1\n", "  - stage: 2\n", 21, 12,
	    WORDS("expected stage 1"));
}

static void
test_bad_clock(void **state)
{
	(void)state;
	/* An acknowledgement counted from itself: at the value of 'from',
	 * line 25, column 13. */
	expect_refused("      days: 5\n      from: received\n",
	    "      days: 5\n      from: acknowledged\n", 25, 13,
	    WORDS("acknowledge"));
	/* Stage 1 starts when the complaint is received, not escalated. */
	expect_refused("      days: 10\n      from: received\n",
	    "      days: 10\n      from: escalated\n", 29, 13,
	    WORDS("received", "escalated"));
	/* ... and stage 2 when it is escalated. */
	expect_refused("      from: escalated\n", "      from: received\n",
	    35, 13, WORDS("escalated", "received"));
	/* Stage 2 has no acknowledge timescale, so a response counted from
	 * the acknowledgement would never start: refused at the respond
	 * mapping (its first key, line 34, column 7). */
	expect_refused("      from: escalated\n", "      from: acknowledged\n",
	    34, 7, WORDS("stage 2", "acknowledge"));
}

static void
test_rule_without_source(void **state)
{
	(void)state;
	/* Every rule cites the seed. A timescale without source: the error
	 * is at the respond mapping of stage 2 (line 34, column 7). */
	expect_refused("      source: s2r\n", "", 34, 7,
	    WORDS("respond", "'source'"));
	/* An extension rule without source: at the mapping, line 38,
	 * column 7. */
	expect_refused("      source: s2e\n", "", 38, 7,
	    WORDS("extension", "'source'"));
	/* A request rule without source. */
	expect_refused("    name: Stage 2\n",
	    "    name: Stage 2\n    request:\n      reasons_required: true\n",
	    34, 7, WORDS("request", "'source'"));
}

static void
test_other_rules(void **state)
{
	(void)state;
	/* Stage 1 has no previous officer to differ from. */
	expect_refused("    name: Stage 1\n",
	    "    name: Stage 1\n    handler:\n      different_officer: true\n"
	    "      source: s\n", 24, 7, WORDS("stage 1"));
	/* Stage 1 has no request: it starts when a case is logged. */
	expect_refused("    name: Stage 1\n",
	    "    name: Stage 1\n    request:\n      source: s\n", 24, 7,
	    WORDS("request"));
	/* Anonymous handling must be one of three words. */
	expect_refused("  handling: accept\n", "  handling: maybe\n", 12, 13,
	    WORDS("handling", "maybe"));
	/* A policy with no stages: minimal cut short at line 20, whose
	 * empty list starts at column 9. */
	{
		char text[sizeof(minimal) + 16];
		const char *cut = strstr(minimal, "stages:\n");

		assert_non_null(cut);
		memcpy(text, minimal, (size_t)(cut - minimal));
		strcpy(text + (cut - minimal), "stages: []\n");
		expect_refused_text(text, 20, 9, WORDS("at least one stage"));
	}
	/* A missing required top-level key: the error is at the root
	 * mapping (line 1, column 1) and names the key. */
	expect_refused("calendar: england-and-wales\n", "", 1, 1,
	    WORDS("'calendar'"));
	/* An id that could not name a file. */
	expect_refused("id: test\n", "id: Test/1\n", 1, 5, WORDS("Test/1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psps),
		cmocka_unit_test(test_south_staffordshire),
		cmocka_unit_test(test_corporate_procedure),
		cmocka_unit_test(test_southampton),
		cmocka_unit_test(test_buckinghamshire),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_minimal_is_valid),
		cmocka_unit_test(test_mutations_that_stay_valid),
		cmocka_unit_test(test_bad_yaml),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_missing_days),
		cmocka_unit_test(test_bad_days),
		cmocka_unit_test(test_stage_out_of_order),
		cmocka_unit_test(test_bad_clock),
		cmocka_unit_test(test_rule_without_source),
		cmocka_unit_test(test_other_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
