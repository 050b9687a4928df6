/*
 * test_session.c: a policy the session hands out stays where it is.
 *
 * A store holds 40 versions of one policy's text (a comment apart); the
 * session reads the rules of each (case_policy) and the live file
 * (session_policy), and every pointer it gave stays good, and names the
 * text it was read from, after all the others were read: nothing is
 * evicted or moved while the session keeps it. Run under the sanitizers,
 * a pointer into a freed or moved policy is a failure, not a silent
 * wrong value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "session.h"
#include "store.h"
#include "util.h"

#define N_VERSIONS 40

struct fixture {
	char dir[64];
	char policies[128];
	struct session s;
	int64_t versions[N_VERSIONS];
};

static char *
get_file(const char *path)
{
	char *text;
	size_t len;

	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0)
		fail_msg("can't read %s", path);
	return text;
}

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct cpl_error err = {0};
	const char *src = getenv("SRCDIR");
	char path[1024], *text, *v;
	int found;

	if (fx == NULL)
		return -1;
	strcpy(fx->dir, "/tmp/cpl-session-unit.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->policies, sizeof(fx->policies), "%s/policies", fx->dir);
	snprintf(path, sizeof(path), "%s/calendars", fx->policies);
	if (mkdir(fx->policies, 0700) != 0 || mkdir(path, 0700) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/policies/psps.yaml", src ? src : ".");
	text = get_file(path);
	snprintf(path, sizeof(path), "%s/psps.yaml", fx->policies);
	put_file(path, text);
	snprintf(path, sizeof(path), "%s/policies/calendars/england-and-wales.yaml",
	    src ? src : ".");
	v = get_file(path);
	snprintf(path, sizeof(path), "%s/calendars/england-and-wales.yaml",
	    fx->policies);
	put_file(path, v);
	free(v);

	snprintf(path, sizeof(path), "%s/test.db", fx->dir);
	if (store_open(path, STORE_CREATE, &fx->s.st, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	fx->s.policies = fx->policies;
	fx->s.officer = "tester";
	for (int i = 0; i < N_VERSIONS; i++) {
		if ((v = malloc(strlen(text) + 32)) == NULL)
			return -1;
		sprintf(v, "%s# version %d\n", text, i);
		if (store_policy_version(fx->s.st, "psps", v, &fx->versions[i],
		    &found, &err) != 0) {
			print_error("%s\n", err.msg);
			return -1;
		}
		free(v);
	}
	free(text);
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

static void
pointers_stay_good(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	const struct policy *pol[N_VERSIONS], *live, *again;
	char mark[32];

	assert_int_equal(session_policy(&fx->s, "psps", &live, &err), 0);
	for (int i = 0; i < N_VERSIONS; i++)
		if (case_policy(&fx->s, fx->versions[i], &pol[i], &err) != 0)
			fail_msg("%s", err.msg);
	for (int i = 0; i < N_VERSIONS; i++) {
		snprintf(mark, sizeof(mark), "# version %d\n", i);
		assert_string_equal(pol[i]->id, "psps");
		assert_non_null(strstr(pol[i]->text, mark));
		assert_int_equal(pol[i]->cal.from_year, live->cal.from_year);
		/* Asked again: the same policy, where it was. */
		assert_int_equal(case_policy(&fx->s, fx->versions[i], &again,
		    &err), 0);
		assert_ptr_equal(again, pol[i]);
	}
	assert_int_equal(session_policy(&fx->s, "psps", &again, &err), 0);
	assert_ptr_equal(again, live);
	assert_string_equal(live->id, "psps");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pointers_stay_good, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
