/*
 * test_policy_rules.c: the policy keys behind the seeds' rules, read from
 * the five seed policies ($SRCDIR/policies) and refused when malformed:
 * exclusions that refuse or only warn, anonymous handling and the
 * categories it spares, restrictions, telling the complainant of an
 * extension, the overall clock and the ombudsman bodies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "policy.h"

static void
load(struct policy *p, const char *id)
{
	const char *src = getenv("SRCDIR");
	struct cpl_error err = {0};
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/policies", src ? src : ".");
	if (policy_load(p, dir, id, &err) != 0)
		fail_msg("policy_load(%s): %s", id, err.msg);
}

/* The exclusion for category, which must be there. */
static const struct exclusion *
exclusion(const struct policy *p, const char *category)
{
	const struct exclusion *e = policy_exclusion(p, category);

	if (e == NULL)
		fail_msg("policy %s has no exclusion '%s'", p->id, category);
	assert_non_null(e->source);
	return e;
}

static void
test_psps(void **state)
{
	struct policy p;

	(void)state;
	load(&p, "psps");
	/* §4: services for the councils go by the council's policy: refused.
	 * §6: former employees' complaints are only to be considered for the
	 * Grievance or Whistleblowing route: a warning. */
	assert_int_equal(exclusion(&p, "partner-service")->refuse, 1);
	assert_non_null(exclusion(&p, "partner-service")->route);
	assert_int_equal(exclusion(&p, "employment")->refuse, 0);
	assert_null(policy_exclusion(&p, "no-such-category"));
	/* §6 Exclusions: restrictions, decided by named officers. */
	assert_non_null(p.restrictions_who);
	assert_non_null(strstr(p.restrictions_source, "seed 000"));
	/* §6 Stages: the complainant is informed of an extension, at both
	 * stages; 10 and 20 working days in all. */
	assert_int_equal(policy_stage(&p, 1)->extension_tell, 1);
	assert_int_equal(policy_stage(&p, 1)->extension_cap, 10);
	assert_int_equal(policy_stage(&p, 2)->extension_tell, 1);
	assert_int_equal(policy_stage(&p, 2)->extension_cap, 20);
	assert_int_equal(p.anonymous, ANON_ACCEPT);
	assert_int_equal(p.n_anonymous_unless, 0);
	assert_int_equal(p.overall_weeks, 0);
	assert_int_equal(p.n_ombudsmen, 1);
	assert_string_equal(p.ombudsmen[0].id, "lgsco");
	policy_free(&p);
}

static void
test_southampton(void **state)
{
	struct policy p;

	(void)state;
	load(&p, "southampton");
	/* §15: anonymous complaints refused, safeguarding aside; §9 the
	 * safeguarding route may defer a complaint, so it only warns. */
	assert_int_equal(p.anonymous, ANON_REFUSE);
	assert_int_equal(p.n_anonymous_unless, 1);
	assert_string_equal(p.anonymous_unless[0], "safeguarding");
	assert_int_equal(exclusion(&p, "safeguarding")->refuse, 0);
	assert_int_equal(exclusion(&p, "school")->refuse, 1);
	/* §13, §14: written consent for a representative. */
	assert_int_equal(p.consent_required, 1);
	/* §23: the LGSCO, and the Housing Ombudsman for housing: the
	 * housing services as the seed names them, and the landlord
	 * services the project reads into them. */
	assert_int_equal(p.n_ombudsmen, 2);
	assert_int_equal(p.ombudsmen[0].n_matters, 0);
	assert_string_equal(p.ombudsmen[1].id, "housing-ombudsman");
	assert_int_equal(p.ombudsmen[1].n_matters, 5);
	assert_string_equal(p.ombudsmen[1].matters[0], "housing");
	assert_string_equal(p.ombudsmen[1].matters[1],
	    "local authority housing");
	assert_string_equal(p.ombudsmen[1].matters[3], "housing repairs");
	/* §18: the separate vexatious behaviour policy; no one named. */
	assert_non_null(p.restrictions_source);
	assert_null(p.restrictions_who);
	policy_free(&p);
}

static void
test_buckinghamshire(void **state)
{
	struct policy p;

	(void)state;
	load(&p, "buckinghamshire");
	/* App A, Appendix 1: anonymous complaints become service requests;
	 * Timeliness: 12 weeks from receipt to resolution. */
	assert_int_equal(p.anonymous, ANON_SERVICE_REQUEST);
	assert_int_equal(p.overall_weeks, 12);
	assert_int_equal(p.consent_required, 0);
	assert_int_equal(exclusion(&p, "planning-decision")->refuse, 1);
	policy_free(&p);
}

static void
test_every_seed_tells_and_cites(void **state)
{
	static const char *const ids[] = {"psps", "south-staffordshire",
	    "corporate-procedure", "southampton", "buckinghamshire"};

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct policy p;

		load(&p, ids[i]);
		/* Every seed lets a stage's response be extended only with
		 * the complainant told (each extension's source in the
		 * policies: "will be informed", "let you know", "holding
		 * reply", "notified in writing", "progress report", "kept
		 * informed"). */
		for (int n = 1; n <= p.n_stages; n++) {
			const struct stage_rules *s = policy_stage(&p, n);
			assert_int_equal(s->extension_allowed, 1);
			assert_int_equal(s->extension_tell, 1);
			assert_non_null(s->extension_source);
		}
		assert_non_null(p.restrictions_source);
		assert_int_equal(p.time_limit_months, 12);
		for (int k = 0; k < p.n_exclusions; k++)
			assert_non_null(p.exclusions[k].source);
		policy_free(&p);
	}
}

/* A small valid policy; the tests below break one thing each. */
static const char minimal[] =
    "id: t\n"						/* 1 */
    "name: T\n"
    "version: '1'\n"
    "seed: none\n"
    "reference_prefix: TT\n"				/* 5 */
    "calendar: england-and-wales\n"
    "time_limit: {months: 12, late: 'never', source: s}\n"
    "anonymous:\n"
    "  handling: refuse\n"
    "  unless_categories: [safeguarding]\n"		/* 10 */
    "  source: s\n"
    "restrictions: {decided_by: 'a manager', source: s}\n"
    "exclusions:\n"
    "  - category: planning\n"
    "    refuse: true\n"				/* 15 */
    "    source: s\n"
    "  - category: employment\n"
    "    refuse: false\n"
    "    source: s\n"
    "ombudsman:\n"					/* 20 */
    "  bodies: [{id: lgsco, name: LGSCO}]\n"
    "  source: s\n"
    "stages:\n"
    "  - stage: 1\n"
    "    name: One\n"					/* 25 */
    "    respond: {days: 10, from: received, source: s}\n"
    "    extension: {tell_complainant: false, source: s}\n";

static char *
mutate(const char *find, const char *replace)
{
	const char *at = strstr(minimal, find);
	char *text;

	if (at == NULL)
		fail_msg("test bug: '%s' is not in the minimal policy", find);
	text = malloc(sizeof(minimal) + strlen(replace));
	assert_non_null(text);
	memcpy(text, minimal, (size_t)(at - minimal));
	strcpy(text + (at - minimal), replace);
	strcat(text, at + strlen(find));
	return text;
}

static void
expect_refused(const char *find, const char *replace, int line, int col,
    const char *word)
{
	struct policy p;
	struct cpl_error err = {0};
	char *text = mutate(find, replace), want[64];
	int rc = policy_parse(&p, "bad.yaml", text, strlen(text), &err);

	if (rc == 0) {
		policy_free(&p);
		fail_msg("accepted a bad policy:\n%s", text);
	}
	free(text);
	assert_int_equal(rc, CPL_POLICY);
	snprintf(want, sizeof(want), "bad.yaml:%d:%d: ", line, col);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("want a message starting '%s', got: %s", want, err.msg);
	if (strstr(err.msg, word) == NULL)
		fail_msg("message does not say '%s': %s", word, err.msg);
}

static void
test_minimal(void **state)
{
	struct policy p;
	struct cpl_error err = {0};

	(void)state;
	if (policy_parse(&p, "ok.yaml", minimal, strlen(minimal), &err) != 0)
		fail_msg("minimal policy refused: %s", err.msg);
	assert_int_equal(policy_exclusion(&p, "planning")->refuse, 1);
	assert_int_equal(policy_exclusion(&p, "employment")->refuse, 0);
	assert_int_equal(p.n_anonymous_unless, 1);
	assert_string_equal(p.restrictions_who, "a manager");
	assert_int_equal(policy_stage(&p, 1)->extension_tell, 0);
	policy_free(&p);
}

static void
test_broken(void **state)
{
	(void)state;
	/* The same category twice: at the second one's category. */
	expect_refused("category: employment", "category: planning", 17, 15,
	    "'planning' is listed twice");
	/* refuse must be a boolean. */
	expect_refused("refuse: false", "refuse: sometimes", 18, 13, "refuse");
	/* unless_categories is a list of categories. */
	expect_refused("unless_categories: [safeguarding]",
	    "unless_categories: safeguarding", 10, 22, "unless_categories");
	/* restrictions cite their source. */
	expect_refused("restrictions: {decided_by: 'a manager', source: s}",
	    "restrictions: {decided_by: 'a manager'}", 12, 15, "source");
	/* and take no other key. */
	expect_refused("restrictions: {decided_by: 'a manager', source: s}",
	    "restrictions: {kinds: [x], source: s}", 12, 16, "kinds");
}

/* An officer's spelling of a category is the policy's, whatever the case
 * and separators; other words are not. */
static void
test_same_category(void **state)
{
	(void)state;
	assert_true(policy_same_category("planning-decision",
	    "planning-decision"));
	assert_true(policy_same_category("Planning Decision ",
	    "planning-decision"));
	assert_true(policy_same_category("  planning__decision",
	    "planning-decision"));
	assert_true(policy_same_category("planning - decision",
	    "planning-decision"));
	assert_false(policy_same_category("planningdecision",
	    "planning-decision"));
	assert_false(policy_same_category("planning-decisions",
	    "planning-decision"));
	assert_false(policy_same_category("planning", "planning-decision"));
	assert_false(policy_same_category("", "planning"));
	assert_true(policy_same_category(" ", ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psps),
		cmocka_unit_test(test_southampton),
		cmocka_unit_test(test_buckinghamshire),
		cmocka_unit_test(test_every_seed_tells_and_cites),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_same_category),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
