/*
 * store_report.c: the SQL of `complaints report` (see store_report.h).
 *
 * Working days are looked up in the TEMP tables wd_day (day -> n, the
 * working days up to and including it) and wd_nth (n -> the nth working
 * day), filled from the calendars in use at the start of each report:
 *
 *   N working days after X  =  NTH(cal, ORD(cal, X) + N)
 *
 * which is working_days_after() of lib/calendar.c: X itself never counts
 * (its n is that of the last working day on or before it), and a lookup
 * outside the covered years gives NULL, which the report refuses
 * (CPL_POLICY) rather than guess. The rules of a stage's deadlines are those
 * of stage_deadlines() in lib/case.c: the acknowledgement ack_days after the
 * stage opened; the response respond_days, plus every extension's days,
 * after the stage opened or (respond_from 'acknowledged') after the
 * acknowledgement, and none while that has not been made.
 *
 * The summary and annual reports first work out each complaint stage of the
 * period once, into temp.rep_stage (its deadlines, dates, extensions,
 * handlers), then count over it: every figure is an aggregate in SQL, and
 * nothing is held in memory a case at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_report.h"

/* The working-day lookups, as SQL text (cal, day and n are SQL, never user
 * text). Qualify every column in them (b.cal, not cal): inside the
 * subquery a bare "cal" would be the lookup table's own. */
#define ORD(cal, day) "(SELECT d.n FROM temp.wd_day d WHERE d.cal = " cal \
	" AND d.day = " day ")"
#define NTH(cal, n) "(SELECT w.day FROM temp.wd_nth w WHERE w.cal = " cal \
	" AND w.n = " n ")"

/* What rows are grouped by: ?BY is NULL or a word of report summary --by;
 * the SQL is chosen by binding, never pasted. MONTH and OFFICER differ
 * between the stage rows and the case rows. */
#define GROUP_EXPR(by, month, officer) \
	"CASE " by " WHEN 'service' THEN c.service" \
	" WHEN 'month' THEN substr(" month ", 1, 7)" \
	" WHEN 'policy' THEN c.policy WHEN 'channel' THEN c.channel" \
	" WHEN 'officer' THEN " officer " END"
/* A case's officer: that of its current (last) stage, as in list. */
#define CASE_OFFICER "(SELECT o.officer FROM stages o WHERE o.case_id = c.id" \
	" ORDER BY o.stage DESC LIMIT 1)"

int
store_report_tables(struct store *st, struct cpl_error *err)
{
	return exec(st,
	    "DROP TABLE IF EXISTS temp.wd_cals;"
	    "DROP TABLE IF EXISTS temp.wd_cal;"
	    "DROP TABLE IF EXISTS temp.wd_day;"
	    "DROP TABLE IF EXISTS temp.wd_nth;"
	    "DROP TABLE IF EXISTS temp.rep_stage;"
	    "CREATE TEMP TABLE wd_cals("
	    "  cal INTEGER PRIMARY KEY,"
	    "  id TEXT NOT NULL,"
	    "  from_year INTEGER NOT NULL,"
	    "  to_year INTEGER NOT NULL);"
	    "CREATE TEMP TABLE wd_cal("
	    "  version INTEGER PRIMARY KEY,"
	    "  cal INTEGER NOT NULL);"
	    "CREATE TEMP TABLE wd_day("
	    "  cal INTEGER NOT NULL,"
	    "  day TEXT NOT NULL,"
	    "  n INTEGER NOT NULL,"
	    "  PRIMARY KEY(cal, day)) WITHOUT ROWID;"
	    "CREATE TEMP TABLE wd_nth("
	    "  cal INTEGER NOT NULL,"
	    "  n INTEGER NOT NULL,"
	    "  day TEXT NOT NULL,"
	    "  PRIMARY KEY(cal, n)) WITHOUT ROWID;"
	    /* One row a complaint stage of a report's period. */
	    "CREATE TEMP TABLE rep_stage("
	    "  period INTEGER NOT NULL,"
	    "  case_id INTEGER NOT NULL,"
	    "  ref TEXT NOT NULL,"
	    "  stage INTEGER NOT NULL,"
	    "  cal INTEGER NOT NULL,"
	    "  grp,"			/* the --by value, or NULL */
	    "  service TEXT,"
	    "  opened TEXT NOT NULL,"
	    "  ack_days INTEGER NOT NULL,"
	    "  respond_days INTEGER NOT NULL,"
	    "  start TEXT,"		/* the response clock's start */
	    "  contact TEXT,"		/* acknowledged, else responded */
	    "  responded TEXT,"
	    "  cutoff TEXT NOT NULL,"	/* closed, else today */
	    "  outcome TEXT,"
	    "  ext_n INTEGER NOT NULL,"	/* extensions granted */
	    "  ext_days INTEGER NOT NULL,"
	    "  escalated INTEGER NOT NULL,"
	    "  handler TEXT,"		/* who answered, else the officer */
	    "  prev_handler TEXT,"	/* the same, of the stage before */
	    "  code INTEGER NOT NULL,"	/* the code_* deadlines are wanted */
	    "  n_open INTEGER,"		/* working-day numbers (wd_day.n) */
	    "  n_resp INTEGER,"
	    "  ack_due TEXT,"
	    "  resp_due TEXT,"		/* with extensions */
	    "  orig_due TEXT,"		/* without them */
	    "  code_ack_due TEXT,"
	    "  code_resp_due TEXT);",
	    "can't set up the report", err);
}

int
store_report_versions(struct store *st, int64_t **versions, int *n,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int64_t *v = NULL;
	int rc, cnt = 0;

	*versions = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT id FROM policy_versions ORDER BY id", &s,
	    err)))
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL)
			break;
		v = nv;
		v[cnt++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, "can't read policy versions");
	}
	*versions = v;
	*n = cnt;
	return 0;
}

int
store_report_add_calendar(struct store *st, int cal, const struct calendar *c,
    struct cpl_error *err)
{
	sqlite3_stmt *s = NULL, *day = NULL, *nth = NULL;
	int rc, n = 0;

	if ((rc = prepare(st, "INSERT INTO temp.wd_cals(cal, id, from_year,"
	    " to_year) VALUES (?1, ?2, ?3, ?4)", &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, cal);
	bind_text(s, 2, c->id);
	sqlite3_bind_int(s, 3, c->from_year);
	sqlite3_bind_int(s, 4, c->to_year);
	if ((rc = run(st, s, "can't load the calendar", err)))
		return rc;
	if ((rc = prepare(st, "INSERT INTO temp.wd_day(cal, day, n)"
	    " VALUES (?1, ?2, ?3)", &day, err)) ||
	    (rc = prepare(st, "INSERT INTO temp.wd_nth(cal, n, day)"
	    " VALUES (?1, ?2, ?3)", &nth, err)))
		goto out;
	sqlite3_bind_int(day, 1, cal);
	sqlite3_bind_int(nth, 1, cal);
	for (cpl_date d = c->first; d <= c->last; d++) {
		int working = calendar_is_working_day(c, d);

		n += working;
		bind_date(day, 2, d);
		sqlite3_bind_int(day, 3, n);
		if (sqlite3_step(day) != SQLITE_DONE) {
			rc = db_fail(st, err, "can't load the calendar");
			goto out;
		}
		sqlite3_reset(day);
		if (!working)
			continue;
		sqlite3_bind_int(nth, 2, n);
		bind_date(nth, 3, d);
		if (sqlite3_step(nth) != SQLITE_DONE) {
			rc = db_fail(st, err, "can't load the calendar");
			goto out;
		}
		sqlite3_reset(nth);
	}
out:
	sqlite3_finalize(day);
	sqlite3_finalize(nth);
	return rc;
}

int
store_report_use_calendar(struct store *st, int64_t version, int cal,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO temp.wd_cal(version, cal)"
	    " VALUES (?1, ?2)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, version);
	sqlite3_bind_int(s, 2, cal);
	return run(st, s, "can't load the calendar", err);
}

/* --- report overdue --- */

/*
 * The next action of each open case's current stage, as stage_next_action()
 * in lib/case.c: nothing once answered; acknowledge while not acknowledged
 * and the stage has an acknowledgement timescale; else respond (no deadline
 * when the stage has no response timescale, or counts it from an
 * acknowledgement not yet made). A row whose dates fall outside the calendar
 * sorts first, so the report fails before printing a line.
 */
static const char overdue_sql[] =
    "WITH cals AS MATERIALIZED ("
    "  SELECT k.cal, k.id, k.from_year, k.to_year, " ORD("k.cal", "?5")
    "   AS n_today"
    "  FROM temp.wd_cals k),"
    " horizon AS MATERIALIZED ("
    "  SELECT k.*, " NTH("k.cal", "k.n_today + ?4") " AS horizon"
    "  FROM cals k),"
    " cur AS ("
    "  SELECT c.ref, c.policy, c.service, s.stage, s.officer, k.cal,"
    "   s.acknowledged IS NULL AND s.ack_days > 0 AS ack,"
    "   CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.opened"
    "    WHEN s.respond_days = 0 THEN NULL"
    "    WHEN s.respond_from = 'acknowledged' THEN s.acknowledged"
    "    ELSE s.opened END AS start,"
    "   CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.ack_days"
    "    ELSE s.respond_days + (SELECT coalesce(sum(e.days), 0)"
    "     FROM extensions e WHERE e.case_id = s.case_id"
    "     AND e.stage = s.stage) END AS days"
    "  FROM cases c"
    "  JOIN stages s ON s.case_id = c.id AND s.stage ="
    "   (SELECT max(x.stage) FROM stages x WHERE x.case_id = c.id)"
    "  JOIN temp.wd_cal k ON k.version = c.policy_version"
    "  WHERE c.closed IS NULL AND s.responded IS NULL"
    "   AND (?1 IS NULL OR s.officer = ?1)"
    "   AND (?2 IS NULL OR c.service = ?2 COLLATE NOCASE)"
    "   AND (?3 IS NULL OR c.policy = ?3)),"
    " due AS MATERIALIZED ("
    "  SELECT cur.*, " NTH("cur.cal", ORD("cur.cal", "cur.start") " + cur.days")
    "   AS due"
    "  FROM cur WHERE cur.start IS NOT NULL),"
    " late AS MATERIALIZED ("
    "  SELECT due.*, h.n_today - " ORD("due.cal", "due.due") " AS late,"
    "   h.id, h.from_year, h.to_year, h.n_today, h.horizon"
    "  FROM due JOIN horizon h ON h.cal = due.cal)"
    " SELECT ref, policy, stage,"
    "  CASE WHEN ack THEN 'acknowledge' ELSE 'respond' END, due, late,"
    "  officer, service, start, days, id, from_year, to_year, n_today,"
    "  horizon"
    " FROM late"
    " WHERE due IS NULL OR n_today IS NULL OR (?4 > 0 AND horizon IS NULL)"
    "  OR due < ?5 OR (?4 > 0 AND due <= horizon)"
    " ORDER BY due IS NOT NULL AND n_today IS NOT NULL"
    "  AND (?4 = 0 OR horizon IS NOT NULL), late DESC, due, ref";

/* The message for a row whose dates the calendar does not cover. */
static int
overdue_outside(sqlite3_stmt *s, int within, cpl_date today,
    struct cpl_error *err)
{
	const char *id = (const char *)sqlite3_column_text(s, 10);
	int from = sqlite3_column_int(s, 11), to = sqlite3_column_int(s, 12);
	char t[DATE_LEN];

	date_format(today, t);
	if (sqlite3_column_type(s, 13) == SQLITE_NULL)
		return cpl_fail(err, CPL_POLICY, "today (%s) is outside calendar "
		    "'%s' (it covers %d to %d)", t, id ? id : "?", from, to);
	if (sqlite3_column_type(s, 4) == SQLITE_NULL)
		return cpl_fail(err, CPL_POLICY, "%d working days after %s fall "
		    "outside calendar '%s' (it covers %d to %d)",
		    sqlite3_column_int(s, 9),
		    (const char *)sqlite3_column_text(s, 8), id ? id : "?",
		    from, to);
	return cpl_fail(err, CPL_POLICY, "%d working days after %s fall "
	    "outside calendar '%s' (it covers %d to %d)", within, t,
	    id ? id : "?", from, to);
}

int
store_overdue(struct store *st, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct overdue_row r;
	int rc;

	if ((rc = prepare(st, overdue_sql, &s, err)))
		return rc;
	bind_text(s, 1, f->officer);
	bind_text(s, 2, f->service);
	bind_text(s, 3, f->policy);
	sqlite3_bind_int(s, 4, f->within);
	bind_date(s, 5, f->today);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 4) == SQLITE_NULL ||
		    sqlite3_column_type(s, 13) == SQLITE_NULL ||
		    (f->within > 0 && sqlite3_column_type(s, 14) == SQLITE_NULL)) {
			rc = overdue_outside(s, f->within, f->today, err);
			sqlite3_finalize(s);
			return rc;
		}
		r.ref = (const char *)sqlite3_column_text(s, 0);
		r.policy = (const char *)sqlite3_column_text(s, 1);
		r.stage = sqlite3_column_int(s, 2);
		r.action = (const char *)sqlite3_column_text(s, 3);
		r.due = (const char *)sqlite3_column_text(s, 4);
		r.late = sqlite3_column_int(s, 5);
		r.officer = (const char *)sqlite3_column_text(s, 6);
		r.service = (const char *)sqlite3_column_text(s, 7);
		if ((rc = fn(&r, arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't list overdue cases");
}

/* --- report summary and report annual --- */

static const char fill_sql[] =
    "INSERT INTO temp.rep_stage(period, case_id, ref, stage, cal, grp,"
    " service, opened, ack_days, respond_days, start, contact, responded,"
    " cutoff, outcome, ext_n, ext_days, escalated, handler, prev_handler,"
    " code, n_open, n_resp, ack_due, resp_due, orig_due, code_ack_due,"
    " code_resp_due)"
    " WITH b AS MATERIALIZED ("
    "  SELECT c.id AS case_id, c.ref, s.stage, k.cal,"
    "   " GROUP_EXPR("?4", "s.opened", "s.officer") " AS grp,"
    "   c.service, s.opened, s.ack_days, s.respond_days, s.respond_from,"
    "   CASE WHEN s.respond_from = 'acknowledged' THEN s.acknowledged"
    "    ELSE s.opened END AS start,"
    "   coalesce(s.acknowledged, s.responded) AS contact, s.responded,"
    "   coalesce(c.closed, ?5) AS cutoff, s.outcome,"
    "   (SELECT count(*) FROM extensions e"
    "    WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_n,"
    "   (SELECT coalesce(sum(e.days), 0) FROM extensions e"
    "    WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_days,"
    "   EXISTS (SELECT 1 FROM stages x"
    "    WHERE x.case_id = s.case_id AND x.stage = s.stage + 1) AS escalated,"
    "   coalesce(s.responded_by, s.officer) AS handler,"
    "   CASE WHEN s.stage > 1 THEN (SELECT coalesce(p.responded_by, p.officer)"
    "    FROM stages p WHERE p.case_id = s.case_id AND p.stage = s.stage - 1)"
    "    END AS prev_handler,"
    "   " ORD("k.cal", "s.opened") " AS n_open,"
    "   CASE WHEN s.acknowledged IS NOT NULL THEN "
    ORD("k.cal", "s.acknowledged") " END AS n_ack,"
    "   CASE WHEN s.responded IS NOT NULL THEN "
    ORD("k.cal", "s.responded") " END AS n_resp"
    "  FROM stages s"
    "  JOIN cases c ON c.id = s.case_id"
    "  JOIN temp.wd_cal k ON k.version = c.policy_version"
    "  WHERE s.opened >= ?2 AND s.opened <= ?3 AND c.kind = 'complaint')"
    " SELECT ?1, case_id, ref, stage, cal, grp, service, opened, ack_days,"
    "  respond_days, start, contact, responded, cutoff, outcome, ext_n,"
    "  ext_days, escalated, handler, prev_handler, ?6, n_open, n_resp,"
    "  CASE WHEN b.ack_days > 0 THEN "
    NTH("b.cal", "b.n_open + b.ack_days") " END,"
    "  CASE WHEN b.respond_days > 0 THEN " NTH("b.cal",
    "CASE WHEN b.respond_from = 'acknowledged' THEN b.n_ack ELSE b.n_open END"
    " + b.respond_days + b.ext_days") " END,"
    "  CASE WHEN b.respond_days > 0 THEN " NTH("b.cal",
    "CASE WHEN b.respond_from = 'acknowledged' THEN b.n_ack ELSE b.n_open END"
    " + b.respond_days") " END,"
    "  CASE WHEN ?6 THEN " NTH("b.cal", "b.n_open + ?7") " END,"
    "  CASE WHEN ?6 THEN " NTH("b.cal", "coalesce(b.n_ack, b.n_open) + CASE"
    " WHEN b.stage = 1 THEN ?8 ELSE ?9 END") " END"
    " FROM b";

/* A stage whose dates a deadline needs fall outside its calendar. */
#define BAD "(n_open IS NULL" \
	" OR (ack_days > 0 AND ack_due IS NULL)" \
	" OR (respond_days > 0 AND start IS NOT NULL AND resp_due IS NULL)" \
	" OR (responded IS NOT NULL AND n_resp IS NULL)" \
	" OR (code AND (code_ack_due IS NULL OR code_resp_due IS NULL)))"

/*
 * When a deadline counts (its "of"): the stage was acknowledged (answered),
 * or the deadline passed before the case was closed, or before today if it
 * is open. A stage closed, or still open, before its deadline is not yet
 * measured. A response also counts as the acknowledgement.
 */
#define ACK_OF "(ack_due IS NOT NULL AND (contact IS NOT NULL" \
	" OR ack_due < cutoff))"
#define ACK_OK "(ack_due IS NOT NULL AND contact <= ack_due)"
#define RESP_OF "(resp_due IS NOT NULL AND (responded IS NOT NULL" \
	" OR resp_due < cutoff))"
#define RESP_OK "(resp_due IS NOT NULL AND responded <= resp_due)"
#define ORIG_OF "(orig_due IS NOT NULL AND (responded IS NOT NULL" \
	" OR orig_due < cutoff))"
#define ORIG_OK "(orig_due IS NOT NULL AND responded <= orig_due)"
#define DIFF_OF "(stage > 1 AND handler IS NOT NULL AND prev_handler IS NOT NULL)"
#define CODE_ACK_OF "(code AND code_ack_due IS NOT NULL" \
	" AND (contact IS NOT NULL OR code_ack_due < cutoff))"
#define CODE_ACK_OK "(code AND contact <= code_ack_due)"
#define CODE_RESP_OF "(code AND code_resp_due IS NOT NULL" \
	" AND (responded IS NOT NULL OR code_resp_due < cutoff))"
#define CODE_RESP_OK "(code AND responded <= code_resp_due)"
#define CODE_EXT_LIMIT "CASE WHEN stage = 1 THEN ?3 ELSE ?4 END"

/* The rows of a group: every row (total) or its --by value. */
#define GROUP_OF_ROW "CASE WHEN ?2 THEN NULL ELSE grp END"

int
store_report_fill(struct store *st, int period, cpl_date from, cpl_date to,
    const char *by, cpl_date today, const struct code_days *code,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, fill_sql, &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	bind_date(s, 2, from);
	bind_date(s, 3, to);
	bind_text(s, 4, by);
	bind_date(s, 5, today);
	sqlite3_bind_int(s, 6, code != NULL);
	sqlite3_bind_int(s, 7, code ? code->ack : 0);
	sqlite3_bind_int(s, 8, code ? code->respond[0] : 0);
	sqlite3_bind_int(s, 9, code ? code->respond[1] : 0);
	if ((rc = run(st, s, "can't work out the stages", err)))
		return rc;

	/* A deadline outside the calendar: an error, never a guess. */
	if ((rc = prepare(st, "SELECT r.ref, r.stage, k.id, k.from_year,"
	    " k.to_year FROM temp.rep_stage r JOIN temp.wd_cals k"
	    " ON k.cal = r.cal WHERE r.period = ?1 AND " BAD " LIMIT 1", &s,
	    err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		rc = cpl_fail(err, CPL_POLICY, "a date or deadline of case '%s' "
		    "(stage %d) falls outside calendar '%s' (it covers %d to %d)",
		    (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3), sqlite3_column_int(s, 4));
	else
		rc = rc == SQLITE_DONE ? 0 :
		    db_fail(st, err, "can't check the deadlines");
	sqlite3_finalize(s);
	return rc;
}

int
store_report_deadlines(struct store *st, int period,
    int (*fn)(int64_t case_id, int stage, cpl_date ack_due,
    cpl_date response_due, void *arg), void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT case_id, stage, ack_due, resp_due"
	    " FROM temp.rep_stage WHERE period = ?1 ORDER BY case_id, stage", &s,
	    err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn(sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1),
		    col_date(s, 2), col_date(s, 3), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't read deadlines");
}

static const char stages_sql[] =
    "SELECT " GROUP_OF_ROW " AS g, stage, count(*),"
    " count(*) FILTER (WHERE " ACK_OF "), count(*) FILTER (WHERE " ACK_OK "),"
    " count(*) FILTER (WHERE " RESP_OF "), count(*) FILTER (WHERE " RESP_OK "),"
    " count(*) FILTER (WHERE " ORIG_OF "), count(*) FILTER (WHERE " ORIG_OK "),"
    " count(*) FILTER (WHERE ext_n = 0 AND " RESP_OF "),"
    " count(*) FILTER (WHERE ext_n = 0 AND " RESP_OK "),"
    " count(*) FILTER (WHERE ext_n > 0 AND " RESP_OF "),"
    " count(*) FILTER (WHERE ext_n > 0 AND " RESP_OK "),"
    " count(responded), coalesce(sum(n_resp - n_open), 0),"
    " count(*) FILTER (WHERE outcome = 'upheld'),"
    " count(*) FILTER (WHERE outcome = 'partly-upheld'),"
    " count(*) FILTER (WHERE outcome = 'not-upheld'),"
    " count(*) FILTER (WHERE ext_n > 0), sum(ext_n), sum(ext_days),"
    " sum(escalated),"
    " count(*) FILTER (WHERE " DIFF_OF "),"
    " count(*) FILTER (WHERE " DIFF_OF " AND handler <> prev_handler),"
    " count(*) FILTER (WHERE " CODE_ACK_OF "),"
    " count(*) FILTER (WHERE " CODE_ACK_OK "),"
    " count(*) FILTER (WHERE " CODE_RESP_OF "),"
    " count(*) FILTER (WHERE " CODE_RESP_OK "),"
    " count(*) FILTER (WHERE code AND ext_n > 0),"
    " count(*) FILTER (WHERE code AND ext_n > 0"
    "  AND ext_days <= " CODE_EXT_LIMIT ")"
    " FROM temp.rep_stage WHERE period = ?1"
    " GROUP BY g, stage ORDER BY g, stage";

int
store_report_stages(struct store *st, int period, int total,
    const struct code_days *code,
    int (*fn)(const char *group, int stage, const struct stage_counts *c,
    void *arg), void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct stage_counts c;
	int rc;

	if ((rc = prepare(st, stages_sql, &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	sqlite3_bind_int(s, 2, total);
	sqlite3_bind_int(s, 3, code ? code->respond[0] : 0);
	sqlite3_bind_int(s, 4, code ? code->respond[1] : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *v[] = {&c.opened, &c.ack_of, &c.ack_ok, &c.resp_of,
		    &c.resp_ok, &c.orig_of, &c.orig_ok, &c.noext_of,
		    &c.noext_ok, &c.ext_of, &c.ext_ok, &c.responded, &c.wd_sum,
		    &c.outcome[0], &c.outcome[1], &c.outcome[2], &c.extended,
		    &c.extensions, &c.ext_days, &c.escalated, &c.diff_of,
		    &c.diff_ok, &c.code_ack_of, &c.code_ack_ok,
		    &c.code_resp_of, &c.code_resp_ok, &c.code_ext_of,
		    &c.code_ext_ok};

		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			*v[i] = sqlite3_column_int64(s, (int)i + 2);
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1), &c, arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't count the stages");
}

int
store_report_medians(struct store *st, int period, int total,
    int (*fn)(const char *group, int stage, double median, void *arg),
    void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	/* The middle value, or the mean of the two middle ones. */
	if ((rc = prepare(st, "SELECT g, stage, avg(wd) FROM ("
	    "  SELECT " GROUP_OF_ROW " AS g, stage, n_resp - n_open AS wd,"
	    "   row_number() OVER (PARTITION BY " GROUP_OF_ROW ", stage"
	    "    ORDER BY n_resp - n_open) AS rn,"
	    "   count(*) OVER (PARTITION BY " GROUP_OF_ROW ", stage) AS cnt"
	    "  FROM temp.rep_stage WHERE period = ?1 AND responded IS NOT NULL)"
	    " WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2)"
	    " GROUP BY g, stage", &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	sqlite3_bind_int(s, 2, total);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1), sqlite3_column_double(s, 2),
		    arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't work out medians");
}

int
store_report_months(struct store *st, int period,
    int (*fn)(const char *month, int64_t n, void *arg), void *arg,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT substr(opened, 1, 7) AS m, count(*)"
	    " FROM temp.rep_stage WHERE period = ?1 AND stage = 1"
	    " GROUP BY m ORDER BY m", &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't count by month");
}

int
store_report_missed(struct store *st, int period, int stage,
    enum code_measure m, const struct code_days *code, char **refs,
    struct cpl_error *err)
{
	/* Counted (of) and not met: by enum code_measure. */
	static const char *const sql[] = {
		"SELECT group_concat(ref, ' ') FROM (SELECT ref"
		" FROM temp.rep_stage WHERE period = ?1 AND stage = ?2"
		" AND " CODE_ACK_OF " AND NOT coalesce(" CODE_ACK_OK ", 0)"
		" ORDER BY ref)",
		"SELECT group_concat(ref, ' ') FROM (SELECT ref"
		" FROM temp.rep_stage WHERE period = ?1 AND stage = ?2"
		" AND " CODE_RESP_OF " AND NOT coalesce(" CODE_RESP_OK ", 0)"
		" ORDER BY ref)",
		"SELECT group_concat(ref, ' ') FROM (SELECT ref"
		" FROM temp.rep_stage WHERE period = ?1 AND stage = ?2"
		" AND ext_n > 0 AND ext_days > " CODE_EXT_LIMIT " ORDER BY ref)",
		"SELECT group_concat(ref, ' ') FROM (SELECT ref"
		" FROM temp.rep_stage WHERE period = ?1 AND stage = ?2"
		" AND " DIFF_OF " AND handler = prev_handler ORDER BY ref)",
	};
	sqlite3_stmt *s;
	int rc;

	*refs = NULL;
	if ((rc = prepare(st, sql[m], &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, period);
	sqlite3_bind_int(s, 2, stage);
	sqlite3_bind_int(s, 3, code->respond[0]);
	sqlite3_bind_int(s, 4, code->respond[1]);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL &&
		    (*refs = col_text(s, 0)) == NULL)
			rc = cpl_fail(err, CPL_STORE, "out of memory");
		else
			rc = 0;
	} else {
		rc = db_fail(st, err, "can't list the cases that missed");
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_report_cases(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *kind, const char *channel,
    const char *refusal, const char *category, int64_t n, void *arg),
    void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT CASE WHEN ?4 THEN NULL ELSE "
	    GROUP_EXPR("?3", "c.received", CASE_OFFICER) " END AS g,"
	    " c.kind, c.channel,"
	    " CASE WHEN c.close_reason IN ('out-of-scope', 'refused')"
	    "  THEN c.close_reason END AS refusal,"
	    " CASE WHEN c.close_reason IN ('out-of-scope', 'refused')"
	    "  THEN c.category END AS category,"
	    " count(*)"
	    " FROM cases c WHERE c.received >= ?1 AND c.received <= ?2"
	    " GROUP BY 1, 2, 3, 4, 5", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sqlite3_bind_int(s, 4, total);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4),
		    sqlite3_column_int64(s, 5), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't count the cases");
}

int
store_report_referrals(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *decision, int64_t n, void *arg),
    void *arg, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT CASE WHEN ?4 THEN NULL ELSE "
	    GROUP_EXPR("?3", "r.referred", CASE_OFFICER) " END AS g,"
	    " r.decision, count(*)"
	    " FROM referrals r JOIN cases c ON c.id = r.case_id"
	    " WHERE r.referred >= ?1 AND r.referred <= ?2"
	    " GROUP BY 1, 2", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sqlite3_bind_int(s, 4, total);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int64(s, 2), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't count ombudsman referrals");
}

int
store_report_texts(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, const char *service, int stage,
    const char *kind, const char *text, void *arg), void *arg,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT c.ref, c.service, t.stage, t.kind, t.text"
	    " FROM stages s"
	    " JOIN cases c ON c.id = s.case_id"
	    " JOIN stage_texts t ON t.case_id = s.case_id AND t.stage = s.stage"
	    " WHERE s.responded >= ?1 AND s.responded <= ?2"
	    "  AND c.kind = 'complaint'"
	    " ORDER BY c.service IS NULL, c.service, c.ref, t.stage, t.id", &s,
	    err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't read remedies and learning");
}
