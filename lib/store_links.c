/*
 * store_links.c: the groups of linked cases (table links, see
 * store_links.h).
 */
#include <stdlib.h>

#include "store_int.h"
#include "store_links.h"

int
store_link_group(struct store *st, int64_t case_id, int64_t *grp,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*grp = 0;
	if ((rc = prepare(st, "SELECT grp FROM links WHERE case_id = ?1", &s,
	    err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return each_row(st, s, row_int64, grp, "can't read the linked cases",
	    err);
}

int
store_link_new_group(struct store *st, int64_t *grp, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*grp = 0;
	if ((rc = prepare(st, "SELECT coalesce(max(grp), 0) + 1 FROM links",
	    &s, err)))
		return rc;
	return each_row(st, s, row_int64, grp, "can't read the linked cases",
	    err);
}

int
store_link_add(struct store *st, int64_t case_id, int64_t grp, cpl_date date,
    const char *officer, const char *reason, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO links(case_id, grp, linked, officer,"
	    " reason) VALUES (?1, ?2, ?3, ?4, ?5)", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, grp);
	bind_date(s, 3, date);
	bind_text(s, 4, officer);
	bind_text(s, 5, reason);
	return run(st, s, "can't link the case", err);
}

int
store_link_remove(struct store *st, int64_t case_id, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "DELETE FROM links WHERE case_id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return run(st, s, "can't unlink the case", err);
}

static void
read_link(struct sql_stmt *s, void *elem)
{
	struct link_rec *l = elem;

	l->case_id = sql_col_int64(s, 0);
	l->ref = col_text(s, 1);
	l->kind = col_text(s, 2);
	l->closed = col_date(s, 3);
	l->stage = col_int(s, 4);
	l->linked = col_date(s, 5);
	l->officer = col_text(s, 6);
	l->reason = col_text(s, 7);
	l->policy = col_text(s, 8);
	l->received = col_date(s, 9);
}

int
store_links(struct store *st, int64_t grp, struct link_rec **out, int *n,
    struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT c.id, c.ref, c.kind, c.closed,"
	    " (SELECT max(stage) FROM stages WHERE case_id = c.id),"
	    " l.linked, l.officer, l.reason, " CASE_POLICY("c") ", c.received"
	    " FROM links l JOIN cases c ON c.id = l.case_id"
	    " WHERE l.grp = ?1 ORDER BY c.id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, grp);
	if ((rc = gather(st, s, sizeof(**out), read_link, &got,
	    "can't read the linked cases", err))) {
		store_links_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

void
store_links_free(struct link_rec *l, int n)
{
	for (int i = 0; i < n; i++) {
		free(l[i].ref);
		free(l[i].kind);
		free(l[i].policy);
		free(l[i].officer);
		free(l[i].reason);
	}
	free(l);
}

int
store_link_groups(struct store *st, int64_t **grps, int *n,
    struct cpl_error *err)
{
	return select_ids(st, "SELECT DISTINCT grp FROM links ORDER BY grp",
	    grps, n, "can't read the linked cases", err);
}

/* The caller's function of store_link_groups_received, and its argument. */
struct group_walk {
	int (*fn)(int64_t grp, int64_t version, int64_t n, void *arg);
	void *arg;
};

static int
group_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct group_walk *w = arg;

	if (w->fn(sql_col_int64(s, 0), sql_col_int64(s, 1),
	    sql_col_int64(s, 2), w->arg))
		return cpl_nomem(err);
	return 0;
}

int
store_link_groups_received(struct store *st, const char *kind, cpl_date from,
    cpl_date to, int (*fn)(int64_t grp, int64_t version, int64_t n,
    void *arg), void *arg, struct cpl_error *err)
{
	struct group_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* A group is of one policy (link refuses two): its first case's
	 * version says how it is counted. */
	if ((rc = prepare(st, "SELECT l.grp, (SELECT c1.policy_version"
	    "  FROM links l1 JOIN cases c1 ON c1.id = l1.case_id"
	    "  WHERE l1.grp = l.grp ORDER BY c1.id LIMIT 1), count(*)"
	    " FROM links l JOIN cases c ON c.id = l.case_id"
	    " WHERE c.kind = ?1 AND c.received >= ?2 AND c.received <= ?3"
	    " GROUP BY l.grp ORDER BY l.grp", &s, err)))
		return rc;
	bind_text(s, 1, kind);
	bind_date(s, 2, from);
	bind_date(s, 3, to);
	return each_row(st, s, group_row, &w, "can't read the linked cases",
	    err);
}
