/*
 * store_holds.c: the clock stops of a case's stages (table holds, see
 * store.h and lib/hold.c): one row a hold, its day resumed set when the
 * clock starts again.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_report.h"

int
store_add_hold(struct store *st, int64_t case_id, int stage,
    struct hold_rec *h, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO holds(case_id, stage, reason, held,"
	    " until, resumed, officer, resumed_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	bind_text(s, 3, h->reason);
	bind_date(s, 4, h->held);
	bind_date(s, 5, h->until);
	bind_date(s, 6, h->resumed);
	bind_text(s, 7, h->officer);
	bind_text(s, 8, h->resumed_by);
	return each_row(st, s, row_int64, &h->id, "can't record the hold", err);
}

int
store_set_resumed(struct store *st, const struct hold_rec *h,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE holds SET resumed = ?2, resumed_by = ?3"
	    " WHERE id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, h->id);
	bind_date(s, 2, h->resumed);
	bind_text(s, 3, h->resumed_by);
	return run(st, s, "can't record the resumption", err);
}

/* Where a case's holds go: its stages first..first + n - 1. */
struct stage_list {
	struct stage_rec *v;
	int first, n;
};

static int
hold_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct stage_list *l = arg;
	int stage = col_int(s, 0);
	struct stage_rec *r;
	struct hold_rec *nh;

	if (stage < l->first || stage >= l->first + l->n)
		return 0;
	r = &l->v[stage - l->first];
	if ((nh = realloc(r->holds, (r->n_holds + 1) * sizeof(*nh))) == NULL)
		return no_memory(err);
	r->holds = nh;
	nh = &r->holds[r->n_holds++];
	memset(nh, 0, sizeof(*nh));
	nh->id = sql_col_int64(s, 1);
	nh->reason = col_text(s, 2);
	nh->held = col_date(s, 3);
	nh->until = col_date(s, 4);
	nh->resumed = col_date(s, 5);
	nh->officer = col_text(s, 6);
	nh->resumed_by = col_text(s, 7);
	return 0;
}

int
store_holds(struct store *st, int64_t case_id, struct stage_rec *stages,
    int n, struct cpl_error *err)
{
	struct stage_list l = {stages, 1, n};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT stage, id, reason, held, until, resumed,"
	    " officer, resumed_by FROM holds WHERE case_id = ?1 ORDER BY id",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return each_row(st, s, hold_row, &l, "can't read the holds", err);
}

int
store_stage_holds(struct store *st, int64_t case_id, struct stage_rec *one,
    struct cpl_error *err)
{
	struct stage_list l = {one, one->stage, 1};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT stage, id, reason, held, until, resumed,"
	    " officer, resumed_by FROM holds WHERE case_id = ?1 AND stage = ?2"
	    " ORDER BY id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, one->stage);
	return each_row(st, s, hold_row, &l, "can't read the holds", err);
}

/*
 * report overdue --actions: the holds still in force whose day to resume
 * (until) has passed, as an action "resume" due on that day, how late in
 * the working days of the case's calendar (the report's temp.wd_day,
 * lib/store_report.c). The filters are report overdue's.
 */
static const char overdue_holds_sql[] =
    "SELECT c.ref, " CASE_POLICY("c") ", h.stage, h.until,"
    "  (SELECT d.upto FROM wd_day d WHERE d.cal = k.cal"
    "   AND d.day = ?5) -"
    "  (SELECT d.upto FROM wd_day d WHERE d.cal = k.cal"
    "   AND d.day = h.until), s.officer, c.service"
    " FROM holds h"
    " JOIN cases c ON c.id = h.case_id"
    " JOIN stages s ON s.case_id = h.case_id AND s.stage = h.stage"
    " JOIN wd_cal k ON k.version = c.policy_version"
    " WHERE h.resumed IS NULL AND c.closed IS NULL"
    "  AND h.until IS NOT NULL AND h.until < ?5"
    "  AND (CAST(?1 AS TEXT) IS NULL OR s.officer_key = ?1)"
    "  AND (CAST(?2 AS TEXT) IS NULL OR c.service_key = ?2)"
    "  AND (CAST(?3 AS TEXT) IS NULL OR " CASE_POLICY("c") " = ?3)"
    " ORDER BY h.until, c.ref";

struct holds_walk {
	int (*fn)(const struct overdue_row *r, void *arg);
	void *arg;
};

static int
overdue_hold_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct holds_walk *w = arg;
	struct overdue_row r;
	char due[DATE_LEN];

	(void)err;
	r.ref = sql_col_text(s, 0);
	r.policy = sql_col_text(s, 1);
	r.stage = col_int(s, 2);
	r.action = "resume";
	date_format(col_date(s, 3), due);
	r.due = due;
	/* A day outside the calendar: late by calendar days is no working
	 * day count, so it shows as due (0) rather than as a guess. */
	r.late = sql_col_type(s, 4) == SQL_NULL ? 0 :
	    col_int(s, 4);
	r.officer = sql_col_text(s, 5);
	r.service = sql_col_text(s, 6);
	return w->fn(&r, w->arg);
}

int
store_overdue_holds(struct store *st, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	struct holds_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, overdue_holds_sql, &s, err)) ||
	    (rc = bind_overdue_filter(st, s, f, err)))
		return rc;
	return each_row(st, s, overdue_hold_one, &w, "can't list the holds",
	    err);
}

/*
 * The reports' figures of the holds begun from..to (lib/report_holds.c):
 * the cases held, the working days held (each hold's, up to today while
 * in force: the report's temp.wd_day, lib/store_report.c), and the
 * complaint stages opened from..to whose deadlines a hold moved.
 */
static const char report_holds_sql[] =
    "SELECT count(DISTINCT h.case_id),"
    "  coalesce(sum((SELECT d.upto FROM wd_day d WHERE d.cal = k.cal"
    "   AND d.day = coalesce(h.resumed, ?3)) -"
    "  (SELECT d.upto FROM wd_day d WHERE d.cal = k.cal"
    "   AND d.day = h.held)), 0),"
    "  (SELECT count(*) FROM stages s JOIN cases x ON x.id = s.case_id"
    "   WHERE s.opened >= ?1 AND s.opened <= ?2 AND x.kind = ?4"
    "   AND EXISTS (SELECT 1 FROM holds y WHERE y.case_id = s.case_id"
    "    AND y.stage = s.stage))"
    " FROM holds h"
    " JOIN cases c ON c.id = h.case_id"
    " JOIN wd_cal k ON k.version = c.policy_version"
    " WHERE h.held >= ?1 AND h.held <= ?2 AND c.kind = ?4";

static int
holds_counts(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct hold_counts *n = arg;

	(void)err;
	n->cases = sql_col_int64(s, 0);
	n->working_days = sql_col_int64(s, 1);
	n->stages_moved = sql_col_int64(s, 2);
	return 0;
}

int
store_report_holds(struct store *st, cpl_date from, cpl_date to,
    cpl_date today, const char *kind, struct hold_counts *n,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = prepare(st, report_holds_sql, &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_date(s, 3, today);
	bind_text(s, 4, kind);
	return each_row(st, s, holds_counts, n, "can't count the holds", err);
}
