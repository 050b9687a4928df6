/*
 * store_actions.c: the outstanding actions of a case (table actions, see
 * store_actions.h): one row an action, numbered within its case, open
 * until its day done is recorded.
 */
#include <stdlib.h>

#include "store_actions.h"
#include "store_int.h"

int
store_add_action(struct store *st, int64_t case_id,
    const struct action_rec *a, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO actions(case_id, n, stage, what,"
	    " owner, owner_key, due, added, officer, done, done_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, a->n);
	sql_bind_int64(s, 3, a->stage);
	bind_text(s, 4, a->what);
	bind_text(s, 5, a->owner);
	if (bind_name_key(s, 6, a->owner) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	bind_date(s, 7, a->due);
	bind_date(s, 8, a->added);
	bind_text(s, 9, a->officer);
	bind_date(s, 10, a->done);
	bind_text(s, 11, a->done_by);
	return run(st, s, "can't record the action", err);
}

int
store_set_action_done(struct store *st, int64_t case_id,
    const struct action_rec *a, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE actions SET done = ?3, done_by = ?4"
	    " WHERE case_id = ?1 AND n = ?2", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, a->n);
	bind_date(s, 3, a->done);
	bind_text(s, 4, a->done_by);
	return run(st, s, "can't record the action done", err);
}

static void
read_action(struct sql_stmt *s, void *elem)
{
	struct action_rec *a = elem;

	a->case_id = sql_col_int64(s, 0);
	a->n = col_int(s, 1);
	a->stage = col_int(s, 2);
	a->what = col_text(s, 3);
	a->owner = col_text(s, 4);
	a->due = col_date(s, 5);
	a->added = col_date(s, 6);
	a->officer = col_text(s, 7);
	a->done = col_date(s, 8);
	a->done_by = col_text(s, 9);
	a->ref = col_text(s, 10);
}

#define ACTION_COLS "a.case_id, a.n, a.stage, a.what, a.owner, a.due," \
	" a.added, a.officer, a.done, a.done_by"

/* The rows of s (prepared and bound) into *out. */
static int
gather_actions(struct store *st, struct sql_stmt *s, struct action_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	int rc;

	if ((rc = gather(st, s, sizeof(**out), read_action, &got,
	    "can't read the actions", err))) {
		store_actions_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

int
store_actions(struct store *st, int64_t case_id, struct action_rec **out,
    int *n, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT " ACTION_COLS ", NULL FROM actions a"
	    " WHERE a.case_id = ?1 ORDER BY a.n", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return gather_actions(st, s, out, n, err);
}

int
store_actions_list(struct store *st, cpl_date overdue_on, const char *owner,
    struct action_rec **out, int *n, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	/* Two statements, not one with "?1 IS NULL OR": the overdue ones
	 * are read through the index of the open actions. */
#define LIST "SELECT " ACTION_COLS ", c.ref FROM actions a" \
	" JOIN cases c ON c.id = a.case_id" \
	" WHERE (CAST(?2 AS TEXT) IS NULL OR a.owner_key = ?2)"
	rc = overdue_on != NO_DATE ?
	    prepare(st, LIST " AND a.done IS NULL AND a.due < ?1"
	    " ORDER BY a.due, c.id, a.n", &s, err) :
	    prepare(st, LIST " ORDER BY c.id, a.n", &s, err);
#undef LIST
	if (rc)
		return rc;
	bind_date(s, 1, overdue_on);
	if (bind_name_key(s, 2, owner) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	return gather_actions(st, s, out, n, err);
}

void
action_rec_free(struct action_rec *a)
{
	free(a->ref);
	free(a->what);
	free(a->owner);
	free(a->officer);
	free(a->done_by);
}

void
store_actions_free(struct action_rec *a, int n)
{
	for (int i = 0; i < n; i++)
		action_rec_free(&a[i]);
	free(a);
}

static int
read_progress(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct action_progress *p = arg;

	(void)err;
	p->made = sql_col_int64(s, 0);
	p->on_time = sql_col_int64(s, 1);
	p->late = sql_col_int64(s, 2);
	p->open = sql_col_int64(s, 3);
	return 0;
}

int
store_action_progress(struct store *st, cpl_date from, cpl_date to,
    cpl_date asof, struct action_progress *p, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT count(*),"
	    " count(*) FILTER (WHERE done <= ?3 AND done <= due),"
	    " count(*) FILTER (WHERE done <= ?3 AND done > due),"
	    " count(*) FILTER (WHERE done IS NULL OR done > ?3)"
	    " FROM actions WHERE added >= ?1 AND added <= ?2", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_date(s, 3, asof);
	return each_row(st, s, read_progress, p, "can't count the actions",
	    err);
}

/* The caller's function of store_actions_due, and its argument. */
struct due_walk {
	int (*fn)(const struct action_due_row *r, void *arg,
	    struct cpl_error *err);
	void *arg;
};

static int
due_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct due_walk *w = arg;
	struct action_due_row r;

	r.ref = sql_col_text(s, 0);
	r.policy = sql_col_text(s, 1);
	r.policy_version = sql_col_int64(s, 2);
	r.stage = col_int(s, 3);
	r.n = col_int(s, 4);
	r.due = col_date(s, 5);
	r.owner = sql_col_text(s, 6);
	r.service = sql_col_text(s, 7);
	return w->fn(&r, w->arg, err);
}

int
store_actions_due(struct store *st, const char *officer, const char *service,
    const char *policy, cpl_date until,
    int (*fn)(const struct action_due_row *r, void *arg, struct cpl_error *err),
    void *arg, struct cpl_error *err)
{
	struct due_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT c.ref, " CASE_POLICY("c") ","
	    " c.policy_version,"
	    " a.stage, a.n, a.due, coalesce(a.owner, s.officer), c.service"
	    " FROM actions a"
	    " JOIN cases c ON c.id = a.case_id"
	    " JOIN stages s ON s.case_id = c.id AND s.stage ="
	    "  (SELECT max(x.stage) FROM stages x WHERE x.case_id = c.id)"
	    " WHERE a.done IS NULL AND a.due <= ?4"
	    "  AND (CAST(?1 AS TEXT) IS NULL"
	    "   OR coalesce(a.owner_key, s.officer_key) = ?1)"
	    "  AND (CAST(?2 AS TEXT) IS NULL OR c.service_key = ?2)"
	    "  AND (CAST(?3 AS TEXT) IS NULL OR " CASE_POLICY("c") " = ?3)"
	    " ORDER BY a.due, c.id, a.n", &s, err)))
		return rc;
	if (bind_name_key(s, 1, officer) != 0 ||
	    bind_name_key(s, 2, service) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	bind_text(s, 3, policy);
	bind_date(s, 4, until);
	return each_row(st, s, due_one, &w, "can't list the actions due", err);
}
