/*
 * store_report.c: the SQL of `complaints report` (see store_report.h).
 *
 * Working days are looked up in two TEMP tables filled from the calendars
 * in use at the start of each report:
 *
 *   wd_day(cal, day, upto, working)
 *                         upto: the working days of the calendar up to and
 *                         including day; working: 1 if day is one itself
 *   wd_nth(cal, n, day)   the nth working day
 *
 * so that, with UPTO(X) the upto of day X and BEFORE(X) = upto - working
 * (the working days before X):
 *
 *   the Nth working day after S        = wd_nth row UPTO(S) + N
 *   X <= the Nth working day after S   <=> BEFORE(X) < UPTO(S) + N
 *
 * The first is working_days_after() of lib/calendar.c: S itself never
 * counts (its upto is that of the last working day on or before it). The
 * second lets every "on time" of the summary be a comparison of numbers
 * (no date looked up): for a working day X, BEFORE(X) = UPTO(X) - 1; for a
 * day off, X is after the Nth working day as soon as UPTO(X) reaches N. A
 * lookup outside the covered years finds nothing, and a deadline past the
 * last working day is caught (wd_cal.max_n): the report fails
 * (CPL_POLICY), never guesses.
 *
 * The rules of a stage's deadlines are those of stage_deadlines() in
 * lib/deadlines.c: the acknowledgement ack_days after the stage opened; the
 * response respond_days, plus every extension's days, after the stage
 * opened or (respond_from 1) after the acknowledgement, and
 * none while that has not been made. They are written twice, in C and
 * here, and tests/unit/test_report_deadlines.c checks the two against
 * each other on every kind of stage.
 *
 * The queries read the rows themselves (case_rows, stage_rows), not the
 * views that give their words as text: a word is compared by its id
 * (lib/store_words.c), looked up once a query and bound, and a word is
 * looked up in table words only where it is shown or grouped by, and
 * only when it is (WORD_OF, inside the branch of a CASE that needs it).
 * The words of a case's fields that a query counts by (kinds, outcomes,
 * channels, the close reasons that are no resolution) are bound from
 * their one definition in lib/vocabulary.c. One query writes words out:
 * store_report_refusals names the ids of the close reasons
 * close_reason_rules marks turned_away (WORD_OUT_OF_SCOPE, WORD_REFUSED),
 * as the partial index cases_refused (migration 18) does, so that SQLite
 * can use the index.
 *
 * The summary and annual reports work out each complaint stage of the
 * period once (FILL_ROWS: which deadlines count and were met, working days
 * taken, extensions, handlers) and count them by group, stage and working
 * days to answer into temp.rep_group, a few rows a group: every figure is
 * a sum over those (grouped, the total is the sum of its groups':
 * lib/report.c), the medians too, and nothing is held in memory a case at
 * a time. The summary keeps no row a stage; the annual report, which
 * lists the cases that missed a measure and counts by month, keeps them in
 * temp.rep_stage, and reads those lists from it as they are printed.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_report.h"
#include "vocabulary.h"

/*
 * One SQL for both engines (docs/POSTGRES.md), in the subset both run: a
 * flag is compared "= 1" and stored as 0/1 (CAST(... AS INTEGER)), a
 * count of rows that meet a test is count(*) FILTER, a group's name is
 * min() of its spellings. The TEMP tables are named without "temp.": an
 * unqualified name finds the temporary table first on both engines.
 *
 * What the engines say differently is written as a macro of each (the
 * prefix LITE_ for SQLite, a file; PG_ for PostgreSQL, a server), the
 * queries that need one made twice from one text (a macro of the prefix,
 * D) and the store's engine choosing (ENGINE_SQL):
 *
 *   MONTH(day)  the month of a day number, "YYYY-MM"
 *   FENCE       ends a subquery the planner must run as it is, a row at a
 *               time, rather than fold it into the query around it (which
 *               would repeat its lookups at each use): SQLite's "LIMIT -1"
 *               (a co-routine), PostgreSQL's "OFFSET 0" (a subquery scan)
 *   LOOP_JOIN   a join in the order written: SQLite's CROSS JOIN;
 *               PostgreSQL has no CROSS JOIN ... ON, and orders joins itself
 */
#define LITE_MONTH(day) "strftime('%Y-%m', " day " + 2440587.5)"
#define PG_MONTH(day) "to_char(DATE '1970-01-01' + CAST(" day \
	" AS INTEGER), 'YYYY-MM')"
#define LITE_FENCE " LIMIT -1"
#define PG_FENCE " OFFSET 0"
#define LITE_LOOP_JOIN " CROSS JOIN "
#define PG_LOOP_JOIN " JOIN "
#define MONTH(D, day) D##_MONTH(day)
#define FENCE(D) D##_FENCE
#define LOOP_JOIN(D) D##_LOOP_JOIN
/* The text of a query made twice (an array of two: SQLite's, then
 * PostgreSQL's) for the store's engine. */
#define ENGINE_SQL(st, sql) ((st)->lite != NULL ? (sql)[0] : (sql)[1])
/* A test as a flag kept in a column, 1 or 0 (never NULL); how many rows
 * of a group pass a test. */
#define FLAG(test) "CASE WHEN " test " THEN 1 ELSE 0 END"
#define COUNT_IF(test) "count(*) FILTER (WHERE " test ")"

/* The days a stage's extensions add (of extensions e), a whole number
 * on both engines: PostgreSQL's sum of bigints is a numeric, and a
 * working-day number plus a numeric no longer matches wd_nth's key, so
 * each deadline's lookup would read the whole calendar (1.6 s for the
 * overdue cases of 100,000, against 0.1 s). */
#define EXT_DAYS_SUM "CAST(coalesce(sum(e.days), 0) AS BIGINT)"

/* The working-day lookups, as SQL text (cal, day and n are SQL, never user
 * text). Qualify every column in them (b.cal, not cal): inside the
 * subquery a bare "cal" would be the lookup table's own. */
#define UPTO(cal, day) "(SELECT d.upto FROM wd_day d WHERE d.cal = " \
	cal " AND d.day = " day ")"
#define NTH(cal, n) "(SELECT w.day FROM wd_nth w WHERE w.cal = " cal \
	" AND w.n = " n ")"

/*
 * The working days the holds of stage s (lib/hold.c) move a deadline of
 * it by: each hold's working days after the day held up to and including
 * the day resumed, or the day end (SQL) while it is in force. moves is
 * SQL that says whether the hold h moves that deadline: the
 * acknowledgement's while the stage was not acknowledged on the day held
 * (HOLD_MOVES_ACK), the response's once its clock ran
 * (HOLD_MOVES_RESPONSE). A day outside the calendar puts the deadline
 * past it, which the reports refuse, never guess.
 */
#define HELD_DAYS(cal, end, moves) "(SELECT coalesce(sum(coalesce(" \
	UPTO(cal, "coalesce(h.resumed, " end ")") " - " UPTO(cal, "h.held") \
	", 1000000000)), 0) FROM holds h WHERE h.case_id = s.case_id" \
	" AND h.stage = s.stage AND h.held <= coalesce(h.resumed, " end ")" \
	" AND (" moves "))"
#define HOLD_MOVES_ACK "s.acknowledged IS NULL OR s.acknowledged > h.held"
#define HOLD_MOVES_RESPONSE "s.respond_from <> 1" \
	" OR s.acknowledged <= h.held"


/* What rows are grouped by: ?BY is NULL or a word of report summary --by;
 * the SQL is chosen by binding, never pasted. MONTH and OFFICER differ
 * between the stage rows and the case rows. GROUP_EXPR is the name shown,
 * one of the group's spellings; GROUP_KEY what the rows are grouped by:
 * services and officers by the keys of their names (name_key in
 * lib/util.c, stored with each row), as the stage 2 rule tells one officer
 * from another, whatever the case of letters (accented ones too) and the
 * spaces around and within, so "Bob  Smith" is "bob smith" and an
 * officer's "waste " is the service Waste; months, policies and channels
 * as they are (they have one spelling). */
#define GROUP_EXPR(D, by, month, officer) \
	"CASE " by " WHEN 'service' THEN trim(c.service)" \
	" WHEN 'month' THEN " MONTH(D, month) \
	" WHEN 'policy' THEN " CASE_POLICY("c") \
	" WHEN 'channel' THEN " WORD_OF("c.channel") \
	" WHEN 'officer' THEN trim(" WORD_OF(officer) ") END"
#define GROUP_KEY(D, by, month, officer) \
	"CASE " by " WHEN 'service' THEN c.service_key" \
	" WHEN 'month' THEN " MONTH(D, month) \
	" WHEN 'policy' THEN " CASE_POLICY("c") \
	" WHEN 'channel' THEN " WORD_OF("c.channel") \
	" WHEN 'officer' THEN " KEY_OF(officer) " END"
/* The id of a case's officer: that of its current (last) stage, as in
 * list. */
#define CASE_OFFICER "(SELECT o.officer FROM stage_rows o" \
	" WHERE o.case_id = c.id ORDER BY o.stage DESC LIMIT 1)"

/*
 * The TEMP tables, made again empty. The id of a stage's row: SQLite's
 * rowid, PostgreSQL's identity (LITE_ROW_ID, PG_ROW_ID); a table that is
 * its key: SQLite's WITHOUT ROWID, a heap and its key's index on
 * PostgreSQL (LITE_KEYED, PG_KEYED).
 */
#define LITE_ROW_ID "id INTEGER PRIMARY KEY"
#define PG_ROW_ID "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
#define LITE_KEYED " WITHOUT ROWID"
#define PG_KEYED ""
#define REPORT_TABLES(D) \
	    "DROP TABLE IF EXISTS wd_cals;" \
	    "DROP TABLE IF EXISTS wd_cal;" \
	    "DROP TABLE IF EXISTS wd_day;" \
	    "DROP TABLE IF EXISTS wd_nth;" \
	    "DROP TABLE IF EXISTS rep_stage;" \
	    "DROP TABLE IF EXISTS rep_period;" \
	    "DROP TABLE IF EXISTS rep_group;" \
	    "CREATE TEMP TABLE wd_cals(" \
	    "  cal INTEGER PRIMARY KEY," \
	    "  id TEXT NOT NULL," \
	    "  from_year INTEGER NOT NULL," \
	    "  to_year INTEGER NOT NULL," \
	    "  max_n INTEGER NOT NULL);"	/* its working days in all */ \
	    "CREATE TEMP TABLE wd_cal(" \
	    "  version INTEGER PRIMARY KEY," \
	    "  cal INTEGER NOT NULL," \
	    "  max_n INTEGER NOT NULL);" \
	    "CREATE TEMP TABLE wd_day(" \
	    "  cal INTEGER NOT NULL," \
	    "  day INTEGER NOT NULL," \
	    "  upto INTEGER NOT NULL,"	/* working days up to and with day */ \
	    "  working INTEGER NOT NULL,"	/* day is one: 1, else 0 */ \
	    "  PRIMARY KEY(cal, day))" D##_KEYED ";" \
	    "CREATE TEMP TABLE wd_nth(" \
	    "  cal INTEGER NOT NULL," \
	    "  n INTEGER NOT NULL," \
	    "  day INTEGER NOT NULL," \
	    "  PRIMARY KEY(cal, n))" D##_KEYED ";" \
	    /* One row a complaint stage of a report's period: what its \
	     * figures are counted from, small numbers (a year of a large \
	     * council's stages spills to a temporary file, not to memory). \
	     * The *_of columns say whether a deadline counts yet, *_ok \
	     * whether it was met (1/0). */ \
	    "CREATE TEMP TABLE rep_stage(" \
	    "  " D##_ROW_ID ","		/* PERIOD_ROWS */ \
	    "  period INTEGER NOT NULL," \
	    "  case_id BIGINT NOT NULL," \
	    "  ref TEXT,"			/* lists only (see fill_sql) */ \
	    "  stage INTEGER NOT NULL," \
	    "  cal INTEGER NOT NULL," \
	    "  grp TEXT,"		/* the --by value, or NULL */ \
	    "  grp_key TEXT,"		/* what groups are made by (GROUP_KEY): \
					 * worked out once a stage */ \
	    "  month TEXT,"		/* opened, YYYY-MM (lists only) */ \
	    "  bad INTEGER,"		/* a date outside the calendar */ \
	    "  ack_n INTEGER,"		/* the deadlines, as wd_nth.n */ \
	    "  resp_n INTEGER,"		/* (with extensions) */ \
	    "  orig_n INTEGER,"		/* (without them) */ \
	    "  code_ack_n INTEGER, code_resp_n INTEGER,"	/* the Code's */ \
	    "  ack_of INTEGER, ack_ok INTEGER," \
	    "  resp_of INTEGER, resp_ok INTEGER," \
	    "  orig_of INTEGER, orig_ok INTEGER,"	/* without extensions */ \
	    "  ext_n INTEGER NOT NULL,"	/* extensions granted */ \
	    "  ext_days INTEGER NOT NULL," \
	    "  wd INTEGER,"		/* working days to answer, or NULL */ \
	    "  outcome INTEGER,"		/* its word's id */ \
	    "  escalated INTEGER NOT NULL," \
	    "  other_handler INTEGER,"	/* 1: not the previous stage's \
					 * handler, 0: the same, NULL: \
					 * stage 1 or not known */ \
	    "  code_ack_of INTEGER, code_ack_ok INTEGER," \
	    "  code_resp_of INTEGER, code_resp_ok INTEGER," \
	    "  version BIGINT,"		/* the policy text of the case */ \
	    "  service TEXT,"		/* the case's, as the report shows it */ \
	    /* The working days (wd_day.upto) up to the first contact (the \
	     * acknowledgement, else the response), the response and the \
	     * cutoff: how late a deadline missed was met, or is by the \
	     * cutoff. NULL: no such day (or one outside the calendar). */ \
	    "  contact_upto INTEGER, resp_upto INTEGER, cut_upto INTEGER);" \
	    /* The rows of each period: one fill appends a period's stages, \
	     * so they have the ids lo to hi (PERIOD_ROWS). */ \
	    /* The stages of a period counted by group, stage and working \
	     * days to answer (GROUP_COUNTS): a few rows a group. */ \
	    "CREATE TEMP TABLE rep_group(" \
	    "  period INTEGER NOT NULL," \
	    "  grp TEXT, grp_key TEXT, stage INTEGER NOT NULL, wd INTEGER," \
	    "  n INTEGER NOT NULL, bad INTEGER," \
	    "  ack_of INTEGER, ack_ok INTEGER, resp_of INTEGER," \
	    "  resp_ok INTEGER, orig_of INTEGER, orig_ok INTEGER," \
	    "  noext_of INTEGER, noext_ok INTEGER, ext_of INTEGER," \
	    "  ext_ok INTEGER," \
	    "  outcome_1 INTEGER, outcome_2 INTEGER, outcome_3 INTEGER," \
	    "  extended INTEGER, ext_n INTEGER, ext_days INTEGER," \
	    "  escalated INTEGER, diff_of INTEGER, diff_ok INTEGER," \
	    "  code_ack_of INTEGER, code_ack_ok INTEGER," \
	    "  code_resp_of INTEGER, code_resp_ok INTEGER," \
	    "  code_ext_ok INTEGER);" \
	    "CREATE TEMP TABLE rep_period(" \
	    "  period INTEGER PRIMARY KEY," \
	    "  lo INTEGER NOT NULL," \
	    "  hi INTEGER NOT NULL);"

static const char *const report_tables_sql[] = {
	REPORT_TABLES(LITE), REPORT_TABLES(PG)
};

/*
 * On a server, bring the planner's statistics of the temporary tables
 * up to date once they are filled: autovacuum never sees them, and a
 * plan made for an empty table reads a year's stages badly. SQLite plans
 * without them.
 */
#define ANALYZE_CALENDARS "ANALYZE wd_cals, wd_cal, wd_day, wd_nth"
static int
analyze_pg(struct store *st, const char *sql, struct cpl_error *err)
{
	return st->lite != NULL ? 0 :
	    exec(st, sql, "can't set up the report", err);
}

int
store_report_tables(struct store *st, struct cpl_error *err)
{
	int rc, reading;

	if (st->lite != NULL)
		return exec(st, report_tables_sql[0], "can't set up the report",
		    err);
	/* A server's read-only transaction makes no table, not even a
	 * temporary one: they are made between the caller's BEGIN and its
	 * first read, whose snapshot is then taken as it would have been. */
	reading = sql_in_transaction(st->db);
	if (reading && sql_commit(st->db) != SQL_OK)
		return db_fail(st, err, "can't set up the report");
	if ((rc = exec(st, report_tables_sql[1], "can't set up the report",
	    err)))
		return rc;
	return reading ? store_read_begin(st, err) : 0;
}

int
store_report_versions(struct store *st, int64_t **versions, int *n,
    struct cpl_error *err)
{
	return select_ids(st, "SELECT id FROM policy_versions ORDER BY id",
	    versions, n, "can't read policy versions", err);
}

/*
 * A calendar on a server: a row at a time would be a round trip a day
 * (3 s for a calendar over a socket), so each table is filled by one
 * statement from the days as one text, a '1' a working day, a '0' a day
 * off, from the first day on. Returns the working days in all in *n.
 */
static int
add_calendar_pg(struct store *st, int cal, const struct calendar *c, int *n,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	size_t days = (size_t)(c->last - c->first + 1);
	char *w;
	int rc;

	if ((w = malloc(days + 1)) == NULL)
		return no_memory(err);
	*n = 0;
	for (size_t i = 0; i < days; i++) {
		w[i] = calendar_is_working_day(c, c->first + (cpl_date)i) ?
		    '1' : '0';
		*n += w[i] == '1';
	}
	w[days] = '\0';
	if ((rc = prepare(st, "INSERT INTO wd_day(cal, day, upto, working)"
	    " SELECT ?1, ?2 + t.i - 1,"
	    "  sum(CAST(t.w AS INTEGER)) OVER (ORDER BY t.i),"
	    "  CAST(t.w AS INTEGER)"
	    " FROM unnest(string_to_array(?3, NULL)) WITH ORDINALITY"
	    "  AS t(w, i)", &s, err)))
		goto out;
	sql_bind_int64(s, 1, cal);
	bind_date(s, 2, c->first);
	sql_bind_text(s, 3, w);
	if ((rc = run(st, s, "can't load the calendar", err)) ||
	    (rc = prepare(st, "INSERT INTO wd_nth(cal, n, day)"
	    " SELECT cal, upto, day FROM wd_day WHERE cal = ?1 AND working = 1",
	    &s, err)))
		goto out;
	sql_bind_int64(s, 1, cal);
	rc = run(st, s, "can't load the calendar", err);
out:
	free(w);
	return rc;
}

int
store_report_add_calendar(struct store *st, int cal, const struct calendar *c,
    struct cpl_error *err)
{
	struct sql_stmt *s = NULL, *day = NULL, *nth = NULL;
	int rc, n = 0;

	if (st->lite == NULL) {
		if ((rc = add_calendar_pg(st, cal, c, &n, err)))
			return rc;
		goto cals;
	}
	if ((rc = prepare(st, "INSERT INTO wd_day(cal, day, upto, working)"
	    " VALUES (?1, ?2, ?3, ?4)", &day, err)) ||
	    (rc = prepare(st, "INSERT INTO wd_nth(cal, n, day)"
	    " VALUES (?1, ?2, ?3)", &nth, err)))
		goto out;
	sql_bind_int64(day, 1, cal);
	sql_bind_int64(nth, 1, cal);
	for (cpl_date d = c->first; d <= c->last; d++) {
		int working = calendar_is_working_day(c, d);

		n += working;
		bind_date(day, 2, d);
		sql_bind_int64(day, 3, n);
		sql_bind_int64(day, 4, working);
		if (sql_step(day) != SQL_DONE) {
			rc = db_fail(st, err, "can't load the calendar");
			goto out;
		}
		sql_reset(day);
		if (!working)
			continue;
		sql_bind_int64(nth, 2, n);
		bind_date(nth, 3, d);
		if (sql_step(nth) != SQL_DONE) {
			rc = db_fail(st, err, "can't load the calendar");
			goto out;
		}
		sql_reset(nth);
	}
cals:
	if ((rc = prepare(st, "INSERT INTO wd_cals(cal, id, from_year,"
	    " to_year, max_n) VALUES (?1, ?2, ?3, ?4, ?5)", &s, err)))
		goto out;
	sql_bind_int64(s, 1, cal);
	bind_text(s, 2, c->id);
	sql_bind_int64(s, 3, c->from_year);
	sql_bind_int64(s, 4, c->to_year);
	sql_bind_int64(s, 5, n);
	rc = run(st, s, "can't load the calendar", err);
out:
	finish(st, day);
	finish(st, nth);
	return rc;
}

int
store_report_use_calendar(struct store *st, int64_t version, int cal,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO wd_cal(version, cal, max_n)"
	    " SELECT ?1, cal, max_n FROM wd_cals WHERE cal = ?2", &s, err)))
		return rc;
	sql_bind_int64(s, 1, version);
	sql_bind_int64(s, 2, cal);
	return run(st, s, "can't load the calendar", err);
}

/* --- report overdue --- */

/*
 * The next action of each open case's current stage, as stage_next_action()
 * in lib/deadlines.c: nothing once answered; acknowledge while not
 * acknowledged and the stage has an acknowledgement timescale; else respond
 * (no deadline when the stage has no response timescale, or counts it from an
 * acknowledgement not yet made). A row whose dates fall outside the calendar
 * sorts first, so the report fails before printing a line. The FENCEs
 * make cur and due run a row at a time, each lookup made once (see
 * fill_sql); LOOP_JOIN keeps due the outer loop.
 */
#define OVERDUE_SQL(D) \
    "WITH cals AS MATERIALIZED (" \
    "  SELECT k.cal, k.id, k.from_year, k.to_year, " UPTO("k.cal", "?5") \
    "   AS n_today" \
    "  FROM wd_cals k)," \
    " horizon AS MATERIALIZED (" \
    "  SELECT k.*, " NTH("k.cal", "k.n_today + ?4") " AS horizon" \
    "  FROM cals k)," \
    " cur AS (" \
    "  SELECT c.ref, " CASE_POLICY("c") " AS policy, c.service, s.stage," \
    "   " WORD_OF("s.officer") " AS officer, k.cal," \
    "   s.acknowledged IS NULL AND s.ack_days > 0 AS ack," \
    "   CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.opened" \
    "    WHEN s.respond_days = 0 THEN NULL" \
    "    WHEN s.respond_from = 1 THEN s.acknowledged" \
    "    ELSE s.opened END AS start," \
    "   CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.ack_days" \
    "    + " HELD_DAYS("k.cal", "NULL", HOLD_MOVES_ACK) \
    "    ELSE s.respond_days + (SELECT " EXT_DAYS_SUM \
    "     FROM extensions e WHERE e.case_id = s.case_id" \
    "     AND e.stage = s.stage)" \
    "    + " HELD_DAYS("k.cal", "NULL", HOLD_MOVES_RESPONSE) " END AS days" \
    "  FROM case_rows c" \
    "  JOIN stage_rows s ON s.case_id = c.id AND s.stage =" \
    "   (SELECT max(x.stage) FROM stage_rows x WHERE x.case_id = c.id)" \
    "  JOIN wd_cal k ON k.version = c.policy_version" \
    "  WHERE c.closed IS NULL AND s.responded IS NULL" \
    /* a stage held has nothing due but its resumption (lib/hold.c) */ \
    "   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.case_id = c.id" \
    "    AND h.resumed IS NULL)" \
    /* as list filters them (store_list): ?1 and ?2 are keys */ \
    "   AND (CAST(?1 AS TEXT) IS NULL OR s.officer IN" \
    "    (SELECT w.id FROM words w WHERE w.key = ?1))" \
    "   AND (CAST(?2 AS TEXT) IS NULL OR c.service_key = ?2)" \
    "   AND (CAST(?3 AS TEXT) IS NULL OR " CASE_POLICY("c") " = ?3)" \
    FENCE(D) ")," \
    " due AS (" \
    "  SELECT cur.*, " NTH("cur.cal", UPTO("cur.cal", "cur.start") \
    " + cur.days") \
    "   AS due" \
    "  FROM cur WHERE cur.start IS NOT NULL" FENCE(D) ")," \
    " late AS (" \
    "  SELECT due.*, h.n_today - " UPTO("due.cal", "due.due") " AS late," \
    "   h.id, h.from_year, h.to_year, h.n_today, h.horizon" \
    "  FROM due" LOOP_JOIN(D) "horizon h ON h.cal = due.cal)" \
    " SELECT ref, policy, stage," \
    "  CASE WHEN ack THEN 'acknowledge' ELSE 'respond' END, due, late," \
    "  officer, service, start, days, id, from_year, to_year, n_today," \
    "  horizon" \
    " FROM late" \
    " WHERE due IS NULL OR n_today IS NULL OR (?4 > 0 AND horizon IS NULL)" \
    "  OR due < ?5 OR (?4 > 0 AND due <= horizon)" \
    " ORDER BY due IS NOT NULL AND n_today IS NOT NULL" \
    "  AND (?4 = 0 OR horizon IS NOT NULL), late DESC NULLS LAST," \
    "  due NULLS FIRST, ref"

static const char *const overdue_sql[] = {
	OVERDUE_SQL(LITE), OVERDUE_SQL(PG)
};

/* The message for a row whose dates the calendar does not cover. */
static int
overdue_outside(struct sql_stmt *s, int within, cpl_date today,
    struct cpl_error *err)
{
	const char *id = sql_col_text(s, 10);
	int from = col_int(s, 11), to = col_int(s, 12);
	char t[DATE_LEN], start[DATE_LEN];

	date_format(today, t);
	date_format(col_date(s, 8), start);
	if (sql_col_type(s, 13) == SQL_NULL)
		return cpl_fail(err, CPL_POLICY, "today (%s) is outside calendar "
		    "'%s' (it covers %d to %d)", t, id ? id : "?", from, to);
	if (sql_col_type(s, 4) == SQL_NULL)
		return cpl_fail(err, CPL_POLICY, "%d working days after %s fall "
		    "outside calendar '%s' (it covers %d to %d)",
		    col_int(s, 9), start, id ? id : "?",
		    from, to);
	return cpl_fail(err, CPL_POLICY, "%d working days after %s fall "
	    "outside calendar '%s' (it covers %d to %d)", within, t,
	    id ? id : "?", from, to);
}

/* The caller's function of store_overdue, its argument and filter. */
struct overdue_walk {
	const struct overdue_filter *f;
	int (*fn)(const struct overdue_row *r, void *arg);
	void *arg;
};

static int
overdue_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct overdue_walk *w = arg;
	struct overdue_row r;
	char due[DATE_LEN];

	if (sql_col_type(s, 4) == SQL_NULL ||
	    sql_col_type(s, 13) == SQL_NULL ||
	    (w->f->within > 0 && sql_col_type(s, 14) == SQL_NULL))
		return overdue_outside(s, w->f->within, w->f->today, err);
	r.ref = sql_col_text(s, 0);
	r.policy = sql_col_text(s, 1);
	r.stage = col_int(s, 2);
	r.action = sql_col_text(s, 3);
	date_format(col_date(s, 4), due);
	r.due = due;
	r.late = col_int(s, 5);
	r.officer = sql_col_text(s, 6);
	r.service = sql_col_text(s, 7);
	return w->fn(&r, w->arg);
}

int
bind_overdue_filter(struct store *st, struct sql_stmt *s,
    const struct overdue_filter *f, struct cpl_error *err)
{
	if (bind_name_key(s, 1, f->officer) != 0 ||
	    bind_name_key(s, 2, f->service) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	bind_text(s, 3, f->policy);
	sql_bind_int64(s, 4, f->within);
	bind_date(s, 5, f->today);
	return 0;
}

int
store_overdue(struct store *st, const struct overdue_filter *f,
    int (*fn)(const struct overdue_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	struct overdue_walk w = {f, fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = analyze_pg(st, ANALYZE_CALENDARS, err)) ||
	    (rc = prepare(st, ENGINE_SQL(st, overdue_sql), &s, err)) ||
	    (rc = bind_overdue_filter(st, s, f, err)))
		return rc;
	return each_row(st, s, overdue_one, &w, "can't list overdue cases", err);
}

/* --- report summary and report annual --- */

/*
 * Three steps: b looks up the working-day numbers of the stage's dates
 * (and its extensions, escalation and handlers) once a stage: its FENCEs
 * keep the planner from folding b into the steps after it, which would
 * repeat the lookups at each use, and make b hand over a row at a time
 * (not a table of the period's stages in memory). n and d turn them
 * into numbers (UPTO, BEFORE) and deadlines (as n of wd_nth); the last
 * SELECT says which deadlines count and which were met. A deadline
 * counts (its "of") once the stage has been acknowledged (answered), or
 * once it passed before the case was closed, or before today while it
 * is open (the cutoff); a response counts as the acknowledgement too.
 */
#define FILL_ROWS(D) \
    " WITH b AS (" \
    "  SELECT s.case_id, CASE WHEN ?11 = 1 THEN c.ref END AS ref, s.stage," \
    "   k.cal, k.max_n," \
    "   CASE WHEN ?11 = 1 THEN c.policy_version END AS version," \
    "   CASE WHEN ?11 = 1 THEN trim(c.service) END AS service," \
    "   " GROUP_EXPR(D, "?4", "s.opened", "s.officer") " AS grp," \
    "   " GROUP_KEY(D, "?4", "s.opened", "s.officer") " AS grp_key," \
    "   CASE WHEN ?11 = 1 THEN " MONTH(D, "s.opened") " END AS month," \
    "   s.ack_days, s.respond_days," \
    "   s.respond_from = 1 AS from_ack," \
    "   s.acknowledged IS NOT NULL AS acked," \
    "   s.responded IS NOT NULL AS answered, s.outcome," \
    "   (SELECT count(*) FROM extensions e" \
    "    WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_n," \
    "   (SELECT " EXT_DAYS_SUM " FROM extensions e" \
    "    WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_days," \
    "   CAST(EXISTS (SELECT 1 FROM stage_rows x" \
    "    WHERE x.case_id = s.case_id AND x.stage = s.stage + 1) AS INTEGER)" \
    "    AS escalated," \
    /* Who handled a stage: who answered it, else its officer; the same \
     * person whatever the case of letters or spaces, as the stage 2 rule \
     * has it: by the keys of their names, looked up only when the two \
     * names differ (a name has one key; no name, no key). */ \
    "   CASE WHEN s.stage > 1 THEN (SELECT CASE WHEN h.now = h.was THEN 0" \
    "    ELSE CAST(" KEY_OF("h.now") " <> " KEY_OF("h.was") " AS INTEGER) END" \
    "    FROM (SELECT coalesce(s.responded_by, s.officer) AS now," \
    "     coalesce(p.responded_by, p.officer) AS was FROM stage_rows p" \
    "     WHERE p.case_id = s.case_id AND p.stage = s.stage - 1) h)" \
    "    END AS other_handler," \
    /* The working days the stage's holds move its deadlines by: up to \
     * the cutoff for one still in force. */ \
    "   CASE WHEN ?12 = 1 THEN " \
    HELD_DAYS("k.cal", "coalesce(c.closed, ?5)", HOLD_MOVES_ACK) \
    "    ELSE 0 END AS held_ack," \
    "   CASE WHEN ?12 = 1 THEN " \
    HELD_DAYS("k.cal", "coalesce(c.closed, ?5)", HOLD_MOVES_RESPONSE) \
    "    ELSE 0 END AS held_resp," \
    "   o.upto AS open_upto," \
    "   a.upto AS ack_upto, a.upto - a.working AS ack_before," \
    "   r.upto AS resp_upto, r.upto - r.working AS resp_before," \
    "   u.upto AS cut_upto, u.upto - u.working AS cut_before" \
    "  FROM stage_rows s" \
    "  JOIN case_rows c ON c.id = s.case_id" \
    "  JOIN wd_cal k ON k.version = c.policy_version" \
    "  LEFT JOIN wd_day o ON o.cal = k.cal AND o.day = s.opened" \
    "  LEFT JOIN wd_day a ON a.cal = k.cal AND a.day = s.acknowledged" \
    "  LEFT JOIN wd_day r ON r.cal = k.cal AND r.day = s.responded" \
    /* The cutoff matters only to a deadline not yet met. */ \
    "  LEFT JOIN wd_day u ON u.cal = k.cal AND u.day =" \
    "   CASE WHEN s.acknowledged IS NULL OR s.responded IS NULL" \
    "   THEN coalesce(c.closed, ?5) END" \
    "  WHERE s.opened >= ?2 AND s.opened <= ?3 AND c.kind = ?10" \
    FENCE(D) ")," \
    " n AS (" \
    "  SELECT b.*, b.open_upto AS n_open," \
    "   CASE WHEN b.from_ack THEN b.ack_upto ELSE b.open_upto END" \
    "    AS n_start," \
    "   coalesce(b.ack_before, b.resp_before) AS m_contact," \
    "   b.resp_before AS m_resp," \
    /* A cutoff past the calendar's years is after every deadline in them. */ \
    "   coalesce(b.cut_before, 1000000000) AS m_cut" \
    "  FROM b)," \
    " d AS (" \
    "  SELECT n.*," \
    "   CASE WHEN n.ack_days > 0 THEN n.n_open + n.ack_days + n.held_ack" \
    "    END AS ack_n," \
    "   CASE WHEN n.respond_days > 0" \
    "    THEN n.n_start + n.respond_days + n.ext_days + n.held_resp" \
    "    END AS resp_n," \
    "   CASE WHEN n.respond_days > 0" \
    "    THEN n.n_start + n.respond_days + n.held_resp END AS orig_n," \
    "   CASE WHEN ?6 = 1 THEN n.n_open + ?7 END AS code_ack_n," \
    "   CASE WHEN ?6 = 1 THEN coalesce(n.ack_upto, n.n_open)" \
    "    + CASE WHEN n.stage = 1 THEN ?8 ELSE ?9 END END AS code_resp_n" \
    "  FROM n)" \
    " SELECT ?1 AS period, case_id, ref, stage, cal, grp, grp_key, month," \
    "  CAST(open_upto IS NULL OR (acked AND ack_upto IS NULL)" \
    "   OR (answered AND resp_upto IS NULL) OR ack_n > max_n" \
    "   OR resp_n > max_n OR code_ack_n > max_n OR code_resp_n > max_n" \
    "   AS INTEGER) AS bad," \
    "  ack_n, resp_n, orig_n, code_ack_n, code_resp_n," \
    "  " FLAG("ack_n IS NOT NULL" \
    "   AND (m_contact IS NOT NULL OR m_cut >= ack_n)") " AS ack_of," \
    "  " FLAG("m_contact < ack_n") " AS ack_ok," \
    "  " FLAG("resp_n IS NOT NULL AND (answered OR m_cut >= resp_n)") \
    "   AS resp_of," \
    "  " FLAG("m_resp < resp_n") " AS resp_ok," \
    "  " FLAG("orig_n IS NOT NULL AND (answered OR m_cut >= orig_n)") \
    "   AS orig_of," \
    "  " FLAG("m_resp < orig_n") " AS orig_ok," \
    "  ext_n, ext_days," \
    "  CASE WHEN answered THEN resp_upto - n_open END AS wd," \
    "  outcome, escalated, other_handler," \
    "  " FLAG("code_ack_n IS NOT NULL" \
    "   AND (m_contact IS NOT NULL OR m_cut >= code_ack_n)") \
    "   AS code_ack_of," \
    "  " FLAG("m_contact < code_ack_n") " AS code_ack_ok," \
    "  " FLAG("code_resp_n IS NOT NULL" \
    "   AND (answered OR m_cut >= code_resp_n)") " AS code_resp_of," \
    "  " FLAG("m_resp < code_resp_n") " AS code_resp_ok," \
    "  version, service," \
    "  CASE WHEN ?11 = 1 THEN coalesce(ack_upto, resp_upto) END" \
    "   AS contact_upto," \
    "  CASE WHEN ?11 = 1 THEN resp_upto END AS resp_upto," \
    "  CASE WHEN ?11 = 1 THEN cut_upto END AS cut_upto" \
    " FROM d" FENCE(D)

#define FILL_SQL(D) \
    "INSERT INTO rep_stage(period, case_id, ref, stage, cal, grp," \
    " grp_key, month, bad, ack_n, resp_n, orig_n, code_ack_n, code_resp_n," \
    " ack_of, ack_ok, resp_of, resp_ok, orig_of, orig_ok," \
    " ext_n, ext_days, wd, outcome, escalated, other_handler," \
    " code_ack_of, code_ack_ok, code_resp_of, code_resp_ok," \
    " version, service, contact_upto, resp_upto, cut_upto) " FILL_ROWS(D)

static const char *const fill_sql[] = {FILL_SQL(LITE), FILL_SQL(PG)};

/* Extended by more than the Code allows at the stage (?8, ?9 of
 * FILL_ROWS). */
#define FILL_CODE_EXT_LIMIT "CASE WHEN stage = 1 THEN ?8 ELSE ?9 END"

_Static_assert(N_OUTCOMES == 3, "GROUP_COUNTS counts three outcomes");

/*
 * The stages of a period (rows, SQL: FILL_ROWS or those of temp.rep_stage)
 * counted by group, stage and working days to answer, into temp.rep_group:
 * every figure of the summary is a sum over these few rows, and the
 * medians are read from how many stages took each number of days.
 * The outcomes are case_outcomes, in their order (?13-?15).
 */
#define GROUP_COUNTS(rows) \
    "INSERT INTO rep_group(period, grp, grp_key, stage, wd, n, bad," \
    " ack_of, ack_ok, resp_of, resp_ok, orig_of, orig_ok," \
    " noext_of, noext_ok, ext_of, ext_ok, outcome_1, outcome_2, outcome_3," \
    " extended, ext_n, ext_days, escalated, diff_of, diff_ok," \
    " code_ack_of, code_ack_ok, code_resp_of, code_resp_ok, code_ext_ok)" \
    " SELECT ?1, min(grp), grp_key, stage, wd, count(*), max(bad)," \
    "  sum(ack_of), sum(ack_ok), sum(resp_of), sum(resp_ok)," \
    "  sum(orig_of), sum(orig_ok)," \
    "  " COUNT_IF("ext_n = 0 AND resp_of = 1") "," \
    "  " COUNT_IF("ext_n = 0 AND resp_ok = 1") "," \
    "  " COUNT_IF("ext_n > 0 AND resp_of = 1") "," \
    "  " COUNT_IF("ext_n > 0 AND resp_ok = 1") "," \
    "  " COUNT_IF("outcome = ?13") ", " COUNT_IF("outcome = ?14") "," \
    "  " COUNT_IF("outcome = ?15") "," \
    "  " COUNT_IF("ext_n > 0") ", sum(ext_n), sum(ext_days)," \
    "  sum(escalated)," \
    "  count(other_handler), coalesce(sum(other_handler), 0)," \
    "  sum(code_ack_of), sum(code_ack_ok), sum(code_resp_of)," \
    "  sum(code_resp_ok)," \
    "  " COUNT_IF("ext_n > 0 AND ext_days <= " FILL_CODE_EXT_LIMIT) \
    " FROM " rows " GROUP BY grp_key, stage, wd"

/*
 * The rows of period p in temp.rep_stage (of table t, "" or "r."): a
 * range of ids, so that a count over one period reads that period's
 * rows only, not those of the other period of an annual report too.
 */
#define PERIOD_ROWS(t, p) t "id BETWEEN" \
	" (SELECT lo FROM rep_period WHERE period = " p ") AND" \
	" (SELECT hi FROM rep_period WHERE period = " p ")" \
	" AND " t "period = " p

/* Extended by more than the Code allows at the stage (?3, ?4). */
#define CODE_EXT_LIMIT "CASE WHEN stage = 1 THEN ?3 ELSE ?4 END"

/* The rows of a group: every row (total) or its --by value; KEY_OF_ROW
 * is what the rows are grouped by (GROUP_KEY, worked out in the fill). */
#define GROUP_OF_ROW "CASE WHEN ?2 = 1 THEN NULL ELSE min(grp) END"
#define KEY_OF_ROW "CASE WHEN ?2 = 1 THEN NULL ELSE grp_key END"

/* A stage of the report whose dates or deadlines fall outside its
 * calendar: an error, never a guess. */
static int
outside_calendar(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	(void)arg;
	return cpl_fail(err, CPL_POLICY, "a date or deadline of case '%s' "
	    "(stage %d) falls outside calendar '%s' (it covers %d to %d)",
	    sql_col_text(s, 0), col_int(s, 1),
	    sql_col_text(s, 2), col_int(s, 3),
	    col_int(s, 4));
}

/* What FILL_ROWS is given. */
struct fill_args {
	int period;
	cpl_date from, to, today;
	const char *by;
	const struct code_days *code;
	int lists;
	int held;		/* some stage was held */
};

/* Bind the parameters of FILL_ROWS and GROUP_COUNTS in s. */
static int
bind_fill(struct store *st, struct sql_stmt *s, const struct fill_args *a,
    struct cpl_error *err)
{
	const struct code_days *code = a->code;
	int rc;

	sql_bind_int64(s, 1, a->period);
	bind_date(s, 2, a->from);
	bind_date(s, 3, a->to);
	bind_text(s, 4, a->by);
	bind_date(s, 5, a->today);
	sql_bind_int64(s, 6, code != NULL);
	sql_bind_int64(s, 7, code ? code->ack : 0);
	sql_bind_int64(s, 8, code ? code->respond[0] : 0);
	sql_bind_int64(s, 9, code ? code->respond[1] : 0);
	sql_bind_int64(s, 11, a->lists);
	sql_bind_int64(s, 12, a->held);
	/* complaints */
	if ((rc = bind_found_word(st, s, 10, case_kinds[0], err)))
		return rc;
	for (int i = 0; i < N_OUTCOMES; i++)
		if ((rc = bind_found_word(st, s, 13 + i, case_outcomes[i], err)))
			return rc;
	return 0;
}

/* What a period's stages are counted by, with no row kept a stage. */
static const char *const count_sql[] = {
	GROUP_COUNTS("(" FILL_ROWS(LITE) ") f"),
	GROUP_COUNTS("(" FILL_ROWS(PG) ") f")
};

/* The first stage whose dates or deadlines fall outside its calendar,
 * for its name: the first case by reference. */
#define BAD_SQL(D) "SELECT c.ref, r.stage, k.id, k.from_year, k.to_year" \
	" FROM (" FILL_ROWS(D) ") r" \
	" JOIN wd_cals k ON k.cal = r.cal" \
	" JOIN case_rows c ON c.id = r.case_id" \
	" WHERE r.bad = 1 ORDER BY c.ref, r.stage LIMIT 1"
static const char *const bad_sql[] = {BAD_SQL(LITE), BAD_SQL(PG)};

int
store_report_fill(struct store *st, int period, cpl_date from, cpl_date to,
    const char *by, cpl_date today, const struct code_days *code, int lists,
    struct cpl_error *err)
{
	struct fill_args a = {period, from, to, today, by, code, lists, 0};
	struct sql_stmt *s;
	int64_t lo = 0, held = 0, bad = 0;
	int rc;

	/* Whether any stage was held: if none, no stage's holds are looked
	 * up. */
	if ((rc = prepare(st, "SELECT EXISTS (SELECT 1 FROM holds)", &s,
	    err)) ||
	    (rc = each_row(st, s, row_int64, &held, "can't read holds", err)))
		return rc;
	a.held = held != 0;

	if ((rc = analyze_pg(st, ANALYZE_CALENDARS, err)))
		return rc;
	if (!lists) {
		/* Only counted: grouped as they are worked out, no row kept
		 * a stage. */
		if ((rc = prepare(st, ENGINE_SQL(st, count_sql), &s, err)) ||
		    (rc = bind_fill(st, s, &a, err)) ||
		    (rc = run(st, s, "can't work out the stages", err)))
			return rc;
	} else {
		/* The id the period's first row gets: they follow the rows
		 * there are, in the order inserted. */
		if ((rc = prepare(st, "SELECT coalesce(max(id), 0) + 1"
		    " FROM rep_stage", &s, err)) ||
		    (rc = each_row(st, s, row_int64, &lo,
		    "can't work out the stages", err)))
			return rc;
		if ((rc = prepare(st, ENGINE_SQL(st, fill_sql), &s, err)) ||
		    (rc = bind_fill(st, s, &a, err)) ||
		    (rc = run(st, s, "can't work out the stages", err)))
			return rc;
		if ((rc = prepare(st, "INSERT INTO rep_period(period, lo, hi)"
		    " SELECT ?1, ?2, coalesce(max(id), ?2 - 1)"
		    " FROM rep_stage WHERE true"	/* SQLite: not a join's ON */
		    " ON CONFLICT(period) DO UPDATE SET lo = excluded.lo,"
		    " hi = excluded.hi", &s, err)))
			return rc;
		sql_bind_int64(s, 1, period);
		sql_bind_int64(s, 2, lo);
		if ((rc = run(st, s, "can't work out the stages", err)) ||
		    (rc = analyze_pg(st, "ANALYZE rep_stage", err)) ||
		    (rc = prepare(st, GROUP_COUNTS("rep_stage WHERE "
		    PERIOD_ROWS("", "?1")), &s, err)) ||
		    (rc = bind_fill(st, s, &a, err)) ||
		    (rc = run(st, s, "can't work out the stages", err)))
			return rc;
	}
	if ((rc = analyze_pg(st, "ANALYZE rep_group", err)))
		return rc;

	/* A deadline outside the calendar: an error, never a guess. The
	 * first such stage is found again, for its name. */
	if ((rc = prepare(st, "SELECT EXISTS (SELECT 1 FROM rep_group"
	    " WHERE period = ?1 AND bad = 1)", &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	if ((rc = each_row(st, s, row_int64, &bad, "can't check the deadlines",
	    err)) || !bad)
		return rc;
	if ((rc = prepare(st, ENGINE_SQL(st, bad_sql), &s, err)) ||
	    (rc = bind_fill(st, s, &a, err)))
		return rc;
	return each_row(st, s, outside_calendar, NULL,
	    "can't check the deadlines", err);
}

/* The caller's function of store_report_deadlines, and its argument. */
struct deadlines_walk {
	int (*fn)(const struct stage_deadline *d, void *arg);
	void *arg;
};

static int
deadline_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct deadlines_walk *w = arg;
	struct stage_deadline d;

	(void)err;
	d.ref = sql_col_text(s, 0);
	d.stage = col_int(s, 1);
	d.ack_due = col_date(s, 2);
	d.response_due = col_date(s, 3);
	d.original_due = col_date(s, 4);
	d.code_ack_due = col_date(s, 5);
	d.code_response_due = col_date(s, 6);
	d.ack_counted = col_int(s, 7);
	d.ack_met = col_int(s, 8);
	d.response_counted = col_int(s, 9);
	d.response_met = col_int(s, 10);
	d.original_counted = col_int(s, 11);
	d.original_met = col_int(s, 12);
	d.code_ack_counted = col_int(s, 13);
	d.code_ack_met = col_int(s, 14);
	d.code_response_counted = col_int(s, 15);
	d.code_response_met = col_int(s, 16);
	d.working_days = sql_col_type(s, 17) == SQL_NULL ? -1 :
	    col_int(s, 17);
	d.other_handler = sql_col_type(s, 18) == SQL_NULL ? -1 :
	    col_int(s, 18);
	d.extensions = col_int(s, 19);
	d.extension_days = col_int(s, 20);
	return w->fn(&d, w->arg);
}

int
store_report_deadlines(struct store *st, int period,
    int (*fn)(const struct stage_deadline *d, void *arg), void *arg,
    struct cpl_error *err)
{
	struct deadlines_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT r.ref, r.stage, "
	    NTH("r.cal", "r.ack_n") ", " NTH("r.cal", "r.resp_n") ", "
	    NTH("r.cal", "r.orig_n") ", " NTH("r.cal", "r.code_ack_n") ", "
	    NTH("r.cal", "r.code_resp_n") ","
	    " r.ack_of, r.ack_ok, r.resp_of, r.resp_ok, r.orig_of, r.orig_ok,"
	    " r.code_ack_of, r.code_ack_ok, r.code_resp_of, r.code_resp_ok,"
	    " r.wd, r.other_handler, r.ext_n, r.ext_days"
	    " FROM rep_stage r WHERE " PERIOD_ROWS("r.", "?1")
	    " ORDER BY r.ref, r.stage",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	return each_row(st, s, deadline_one, &w, "can't read deadlines", err);
}

static const char stages_sql[] =
    "SELECT " GROUP_OF_ROW " AS g, stage, sum(n),"
    " sum(ack_of), sum(ack_ok), sum(resp_of), sum(resp_ok),"
    " sum(orig_of), sum(orig_ok),"
    " sum(noext_of), sum(noext_ok), sum(ext_of), sum(ext_ok),"
    " coalesce(sum(n) FILTER (WHERE wd IS NOT NULL), 0),"
    " coalesce(sum(wd * n), 0),"
    " sum(outcome_1), sum(outcome_2), sum(outcome_3),"
    " sum(extended), sum(ext_n), sum(ext_days),"
    " sum(escalated), sum(diff_of), sum(diff_ok),"
    " sum(code_ack_of), sum(code_ack_ok), sum(code_resp_of),"
    " sum(code_resp_ok), sum(extended), sum(code_ext_ok)"
    " FROM rep_group WHERE period = ?1"
    " GROUP BY " KEY_OF_ROW ", stage"
    " ORDER BY " KEY_OF_ROW " NULLS FIRST, stage";

/* The caller's function of store_report_stages, and its argument. */
struct stages_walk {
	int (*fn)(const char *group, int stage, const struct stage_counts *c,
	    void *arg);
	void *arg;
};

static int
stage_counts_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct stages_walk *w = arg;
	struct stage_counts c;
	int64_t *v[] = {&c.opened, &c.ack_of, &c.ack_ok, &c.resp_of,
	    &c.resp_ok, &c.orig_of, &c.orig_ok, &c.noext_of, &c.noext_ok,
	    &c.ext_of, &c.ext_ok, &c.responded, &c.wd_sum, &c.outcome[0],
	    &c.outcome[1], &c.outcome[2], &c.extended, &c.extensions,
	    &c.ext_days, &c.escalated, &c.diff_of, &c.diff_ok, &c.code_ack_of,
	    &c.code_ack_ok, &c.code_resp_of, &c.code_resp_ok, &c.code_ext_of,
	    &c.code_ext_ok};

	(void)err;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		*v[i] = sql_col_int64(s, (int)i + 2);
	return w->fn(sql_col_text(s, 0),
	    col_int(s, 1), &c, w->arg);
}

int
store_report_stages(struct store *st, int period, int total,
    int (*fn)(const char *group, int stage, const struct stage_counts *c,
    void *arg), void *arg, struct cpl_error *err)
{
	struct stages_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, stages_sql, &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	sql_bind_int64(s, 2, total);
	return each_row(st, s, stage_counts_one, &w, "can't count the stages", err);
}

/* The caller's function of store_report_medians, and its argument. */
struct medians_walk {
	int (*fn)(const char *group, int total, int stage, double median,
	    void *arg);
	void *arg;
};

static int
median_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct medians_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 1),
	    col_int(s, 0), col_int(s, 2),
	    sql_col_double(s, 3), w->arg);
}

int
store_report_medians(struct store *st, int period, int by_group,
    int (*fn)(const char *group, int total, int stage, double median,
    void *arg), void *arg, struct cpl_error *err)
{
	struct medians_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* The middle value, or the mean of the two middle ones: from how
	 * many stages took each number of working days (a short list, made
	 * in one pass over the period's stages: h), the smallest number
	 * whose running count reaches the middle place(s). The total's list
	 * is the sum of the groups' (t = 1); the groups' own (t = 0) only
	 * when the rows are grouped (?2). */
	if ((rc = prepare(st, "WITH h AS MATERIALIZED ("
	    "  SELECT grp AS g, grp_key AS gk, stage, wd, n AS k"
	    "  FROM rep_group WHERE period = ?1 AND wd IS NOT NULL),"
	    " a AS ("
	    "  SELECT 0 AS t, g, gk, stage, wd, k FROM h WHERE ?2 = 1"
	    "  UNION ALL"
	    "  SELECT 1, NULL, NULL, stage, wd, sum(k) FROM h GROUP BY stage, wd),"
	    " c AS ("
	    "  SELECT t, g, gk, stage, wd,"
	    /* whole numbers on both engines (PostgreSQL's sum of
	     * bigints is a numeric, which / would not truncate) */
	    "   CAST(sum(k) OVER (PARTITION BY t, gk, stage ORDER BY wd)"
	    "    AS BIGINT) AS upto,"
	    "   CAST(sum(k) OVER (PARTITION BY t, gk, stage) AS BIGINT) AS cnt"
	    "  FROM a)"
	    " SELECT t, min(g), stage,"
	    "  (min(wd) FILTER (WHERE upto >= (cnt + 1) / 2)"
	    "  + min(wd) FILTER (WHERE upto >= cnt / 2 + 1)) / 2.0"
	    " FROM c GROUP BY t, gk, stage", &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	sql_bind_int64(s, 2, by_group);
	return each_row(st, s, median_one, &w, "can't work out medians", err);
}

/* The caller's function of store_report_months, and its argument. */
struct months_walk {
	int (*fn)(const char *month, int64_t n, void *arg);
	void *arg;
};

static int
month_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct months_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_int64(s, 1), w->arg);
}

int
store_report_months(struct store *st, int period,
    int (*fn)(const char *month, int64_t n, void *arg), void *arg,
    struct cpl_error *err)
{
	struct months_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT month, count(*)"
	    " FROM rep_stage WHERE " PERIOD_ROWS("", "?1")
	    " AND stage = 1"
	    " GROUP BY month ORDER BY month", &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	return each_row(st, s, month_one, &w, "can't count by month", err);
}

/* The caller's function of store_report_missed, and its argument. */
struct missed_walk {
	int (*fn)(const char *ref, const char *service, int late, void *arg);
	void *arg;
};

static int
missed_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct missed_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_text(s, 1),
	    sql_col_type(s, 2) == SQL_NULL ? -1 :
	    col_int(s, 2), w->arg);
}

int
store_report_missed(struct store *st, int period, int stage,
    enum code_measure m, const struct code_days *code,
    int (*fn)(const char *ref, const char *service, int late, void *arg),
    void *arg, struct cpl_error *err)
{
	/*
	 * Counted (of) and not met, by enum code_measure, with how far: the
	 * working days from the deadline to the day it was met, or to the
	 * cutoff while it is not (0: met on the day off after it); the
	 * working days of extension past the Code's; nothing for the handler.
	 */
	static const char *const sql[] = {
		"SELECT ref, service,"
		" coalesce(contact_upto, cut_upto) - code_ack_n"
		" FROM rep_stage WHERE " PERIOD_ROWS("", "?1")
		" AND stage = ?2"
		" AND code_ack_of = 1 AND code_ack_ok = 0 ORDER BY ref",
		"SELECT ref, service,"
		" coalesce(resp_upto, cut_upto) - code_resp_n"
		" FROM rep_stage WHERE " PERIOD_ROWS("", "?1")
		" AND stage = ?2"
		" AND code_resp_of = 1 AND code_resp_ok = 0 ORDER BY ref",
		"SELECT ref, service, ext_days - " CODE_EXT_LIMIT
		" FROM rep_stage WHERE " PERIOD_ROWS("", "?1")
		" AND stage = ?2"
		" AND ext_n > 0 AND ext_days > " CODE_EXT_LIMIT " ORDER BY ref",
		"SELECT ref, service, NULL"
		" FROM rep_stage WHERE " PERIOD_ROWS("", "?1")
		" AND stage = ?2"
		" AND other_handler = 0 ORDER BY ref",
	};
	struct missed_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, sql[m], &s, err)))
		return rc;
	sql_bind_int64(s, 1, period);
	sql_bind_int64(s, 2, stage);
	sql_bind_int64(s, 3, code->respond[0]);
	sql_bind_int64(s, 4, code->respond[1]);
	return each_row(st, s, missed_one, &w,
	    "can't list the cases that missed", err);
}

/* The caller's function of store_report_stage_versions, and its
 * argument. */
struct versions_walk {
	int (*fn)(int stage, int64_t version, void *arg);
	void *arg;
};

static int
version_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct versions_walk *w = arg;

	(void)err;
	return w->fn(col_int(s, 0), sql_col_int64(s, 1),
	    w->arg);
}

int
store_report_stage_versions(struct store *st,
    int (*fn)(int stage, int64_t version, void *arg), void *arg,
    struct cpl_error *err)
{
	struct versions_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT DISTINCT stage, version"
	    " FROM rep_stage ORDER BY stage, version", &s, err)))
		return rc;
	return each_row(st, s, version_one, &w, "can't read policy versions",
	    err);
}

/* The counts of a group's cases: kinds ?5-?8, channels ?9-?15 (bound). */
/* Closed as a resolution (case_resolution): the overall clock measures
 * these, not those closed for a reason close_reason_rules does not mark
 * resolved (lib/vocabulary.c; bound as ?17-?19). */
#define RESOLVED "c.close_reason NOT IN (?17, ?18, ?19)"
/* The end of a case's overall clock, moved by the calendar days it was
 * held (lib/hold.c): up to today (?16) for a hold still in force. */
#define RESOLVE_DUE "(c.resolve_due + (SELECT" \
	" coalesce(sum(coalesce(h.resumed, ?16) - h.held), 0)" \
	" FROM holds h WHERE h.case_id = c.id))"
/* As many as close_reason_rules marks unresolved (checked as bound). */
#define N_UNRESOLVED_REASONS 3

#define CASE_COUNTS "count(*)," \
	" count(*) FILTER (WHERE c.kind = ?5)," \
	" count(*) FILTER (WHERE c.kind = ?6)," \
	" count(*) FILTER (WHERE c.kind = ?7)," \
	" count(*) FILTER (WHERE c.kind = ?8)," \
	" count(*) FILTER (WHERE c.channel = ?9)," \
	" count(*) FILTER (WHERE c.channel = ?10)," \
	" count(*) FILTER (WHERE c.channel = ?11)," \
	" count(*) FILTER (WHERE c.channel = ?12)," \
	" count(*) FILTER (WHERE c.channel = ?13)," \
	" count(*) FILTER (WHERE c.channel = ?14)," \
	" count(*) FILTER (WHERE c.channel = ?15)," \
	" count(*) FILTER (WHERE c.channel NOT IN" \
	"  (?9, ?10, ?11, ?12, ?13, ?14, ?15))," \
	" count(*) FILTER (WHERE c.channel IS NULL)," \
	/* The overall clock: decided once the case closed or the clock ran \
	 * out (today is ?16); met when closed by its end. */ \
	" count(*) FILTER (WHERE c.resolve_due IS NOT NULL" \
	"  AND ((c.closed IS NOT NULL AND " RESOLVED ")" \
	"   OR (c.closed IS NULL AND " RESOLVE_DUE " < ?16)))," \
	" count(*) FILTER (WHERE c.resolve_due IS NOT NULL" \
	"  AND c.closed <= " RESOLVE_DUE " AND " RESOLVED ")"

/* The caller's function of store_report_cases, and its argument. */
struct cases_walk {
	int (*fn)(const char *group, const struct case_counts *n, void *arg);
	void *arg;
};

static int
case_counts_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct cases_walk *w = arg;
	struct case_counts n;

	(void)err;
	n.received = sql_col_int64(s, 1);
	for (int i = 0; i < 4; i++)
		n.kind[i] = sql_col_int64(s, 2 + i);
	for (int i = 0; i < 9; i++)
		n.channel[i] = sql_col_int64(s, 6 + i);
	n.overall_of = sql_col_int64(s, 15);
	n.overall_ok = sql_col_int64(s, 16);
	return w->fn(sql_col_text(s, 0), &n, w->arg);
}

int
store_report_cases(struct store *st, cpl_date from, cpl_date to,
    cpl_date today, const char *by, int total, const char *const kinds[4],
    const char *const channels[7],
    int (*fn)(const char *group, const struct case_counts *n, void *arg),
    void *arg, struct cpl_error *err)
{
	/* The total in one pass with no sorting at all. (Binding a parameter
	 * a statement lacks is a harmless SQLITE_RANGE.) */
	static const char total_sql[] = "SELECT NULL, " CASE_COUNTS
	    " FROM case_rows c WHERE c.received >= ?1 AND c.received <= ?2";
#define CASES_SQL(D) "SELECT min("					\
	    GROUP_EXPR(D, "?3", "c.received", CASE_OFFICER) ") AS g, "	\
	    CASE_COUNTS " FROM case_rows c"					\
	    " WHERE c.received >= ?1 AND c.received <= ?2"			\
	    " GROUP BY " GROUP_KEY(D, "?3", "c.received", CASE_OFFICER)
	static const char *const group_sql[] = {
		CASES_SQL(LITE), CASES_SQL(PG)
	};
	struct cases_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, total ? total_sql : ENGINE_SQL(st, group_sql),
	    &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sql_bind_int64(s, 4, total);
	for (int i = 0; i < 4; i++)
		if ((rc = bind_found_word(st, s, 5 + i, kinds[i], err)))
			return rc;
	for (int i = 0; i < 7; i++)
		if ((rc = bind_found_word(st, s, 9 + i, channels[i], err)))
			return rc;
	bind_date(s, 16, today);
	for (int i = 0, k = 17; i < N_CLOSE_REASONS; i++)
		if (!close_reason_rules[i].resolved) {
			if (k == 17 + N_UNRESOLVED_REASONS) {
				finish(st, s);
				return cpl_fail(err, CPL_STORE, "more close "
				    "reasons are unresolved than the query binds");
			}
			if ((rc = bind_found_word(st, s, k++, close_reasons[i],
			    err)))
				return rc;
		}
	return each_row(st, s, case_counts_one, &w, "can't count the cases", err);
}

/* The caller's function of store_report_refusals, and its argument. */
struct refusals_walk {
	int (*fn)(const char *group, const char *reason, const char *category,
	    int64_t n, void *arg);
	void *arg;
};

static int
refusal_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct refusals_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_text(s, 1),
	    sql_col_text(s, 2),
	    sql_col_int64(s, 3), w->arg);
}

int
store_report_refusals(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *reason, const char *category,
    int64_t n, void *arg), void *arg, struct cpl_error *err)
{
	struct refusals_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* The WHERE matches the partial index cases_refused: its words are
	 * the close reasons close_reason_rules marks turned_away. */
#define REFUSALS_SQL(D) "SELECT CASE WHEN ?4 = 1 THEN NULL ELSE min("	\
	    GROUP_EXPR(D, "?3", "c.received", CASE_OFFICER)			\
	    ") END AS g, " WORD_OF("c.close_reason") ", c.category, count(*)" \
	    " FROM case_rows c"						\
	    " WHERE (c.close_reason = " WORD_OUT_OF_SCOPE			\
	    "  OR c.close_reason = " WORD_REFUSED ")"			\
	    "  AND c.received >= ?1 AND c.received <= ?2"			\
	    " GROUP BY " GROUP_KEY(D, "?3", "c.received", CASE_OFFICER)	\
	    ", c.close_reason, c.category"
	static const char *const sql[] = {
		REFUSALS_SQL(LITE), REFUSALS_SQL(PG)
	};

	if ((rc = prepare(st, ENGINE_SQL(st, sql), &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sql_bind_int64(s, 4, total);
	return each_row(st, s, refusal_one, &w, "can't count the cases refused", err);
}

/* The caller's function of store_report_referrals, and its argument. */
struct referrals_walk {
	int (*fn)(const char *group, const char *decision, int64_t n,
	    void *arg);
	void *arg;
};

static int
referral_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct referrals_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_text(s, 1),
	    sql_col_int64(s, 2), w->arg);
}

int
store_report_referrals(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total,
    int (*fn)(const char *group, const char *decision, int64_t n, void *arg),
    void *arg, struct cpl_error *err)
{
	struct referrals_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

#define REFERRALS_SQL(D) "SELECT CASE WHEN ?4 = 1 THEN NULL ELSE min("	\
	    GROUP_EXPR(D, "?3", "r.referred", CASE_OFFICER)			\
	    ") END AS g, r.decision, count(*)"				\
	    " FROM referrals r JOIN case_rows c ON c.id = r.case_id"	\
	    " WHERE r.referred >= ?1 AND r.referred <= ?2"			\
	    " GROUP BY " GROUP_KEY(D, "?3", "r.referred", CASE_OFFICER)	\
	    ", r.decision"
	static const char *const sql[] = {
		REFERRALS_SQL(LITE), REFERRALS_SQL(PG)
	};

	if ((rc = prepare(st, ENGINE_SQL(st, sql), &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sql_bind_int64(s, 4, total);
	return each_row(st, s, referral_one, &w, "can't count ombudsman referrals", err);
}

/* The caller's function of store_report_texts, and its argument. */
struct texts_walk {
	int (*fn)(const char *ref, const char *service, int stage,
	    const char *kind, const char *text, void *arg);
	void *arg;
};

static int
text_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct texts_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_text(s, 1), col_int(s, 2),
	    sql_col_text(s, 3),
	    sql_col_text(s, 4), w->arg);
}

int
store_report_texts(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, const char *service, int stage,
    const char *kind, const char *text, void *arg), void *arg,
    struct cpl_error *err)
{
	struct texts_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT c.ref, c.service, t.stage, t.kind, t.text"
	    " FROM stage_rows s"
	    " JOIN case_rows c ON c.id = s.case_id"
	    " JOIN stage_texts t ON t.case_id = s.case_id AND t.stage = s.stage"
	    " WHERE s.responded >= ?1 AND s.responded <= ?2"
	    "  AND c.kind = ?3"
	    /* a service's texts together, as its group (GROUP_KEY) */
	    " ORDER BY c.service IS NULL, c.service_key, c.ref, t.stage, t.id",
	    &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	if ((rc = bind_found_word(st, s, 3, case_kinds[0], err)))	/* complaints */
		return rc;
	return each_row(st, s, text_one, &w, "can't read remedies and learning", err);
}

/* The caller's function of store_report_lessons, and its argument. */
struct lessons_walk {
	int (*fn)(const struct lesson_row *r, void *arg);
	void *arg;
};

static int
lesson_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct lessons_walk *w = arg;
	struct lesson_row r;

	(void)err;
	r.kind = sql_col_text(s, 0);
	r.text = sql_col_text(s, 1);
	r.cases = sql_col_int64(s, 2);
	r.services = sql_col_int64(s, 3);
	r.service = sql_col_text(s, 4);
	r.first = col_int(s, 5) == 1;
	return w->fn(&r, w->arg);
}

int
store_report_lessons(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const struct lesson_row *r, void *arg), void *arg,
    struct cpl_error *err)
{
	struct lessons_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* A text is one lesson whatever the case of its letters and the
	 * spaces around it; a service one whatever its spelling (its key,
	 * as the figures group it). One pass groups the texts by lesson and
	 * service (ls): a case has one service, so a lesson's cases are the
	 * sum of its services', and its services (no service recorded one
	 * more, as in the figures) its rows; nothing of the year's texts is
	 * held but those groups. */
	if ((rc = prepare(st, "WITH ls AS ("
	    "  SELECT t.kind, lower(trim(t.text)) AS k,"
	    "   min(trim(t.text)) AS text, c.service_key AS sk,"
	    "   min(trim(c.service)) AS service, count(DISTINCT c.id) AS n"
	    "  FROM stage_rows s"
	    "  JOIN case_rows c ON c.id = s.case_id"
	    "  JOIN stage_texts t ON t.case_id = s.case_id AND t.stage = s.stage"
	    "  WHERE s.responded >= ?1 AND s.responded <= ?2 AND c.kind = ?3"
	    "  GROUP BY t.kind, k, sk),"
	    " l AS ("
	    "  SELECT kind, k, sk, service, min(text) OVER w AS text,"
	    "   sum(n) OVER w AS n, count(*) OVER w AS ns,"
	    "   row_number() OVER (PARTITION BY kind, k"
	    "    ORDER BY sk IS NULL, sk) AS i"
	    "  FROM ls WINDOW w AS (PARTITION BY kind, k))"
	    " SELECT kind, text, n, ns, service, i FROM l"
	    /* learning first, then remedies; each the most frequent first */
	    " ORDER BY kind <> 'learning', n DESC, k, sk IS NULL, sk", &s,
	    err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	if ((rc = bind_found_word(st, s, 3, case_kinds[0], err)))	/* complaints */
		return rc;
	return each_row(st, s, lesson_one, &w, "can't read remedies and learning",
	    err);
}

/* The caller's function of store_report_rules, and its argument. */
struct rules_walk {
	int (*fn)(const char *group, int64_t discrimination, int64_t informal,
	    void *arg);
	void *arg;
};

static int
rules_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct rules_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0),
	    sql_col_int64(s, 1), sql_col_int64(s, 2), w->arg);
}

int
store_report_rules(struct store *st, cpl_date from, cpl_date to,
    const char *by, int total, const char *complaint,
    int (*fn)(const char *group, int64_t discrimination, int64_t informal,
    void *arg), void *arg, struct cpl_error *err)
{
	struct rules_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* Only the cases that have a row of the rules: a few. */
#define RULES_SQL(D) "SELECT CASE WHEN ?4 = 1 THEN NULL ELSE min("	\
	    GROUP_EXPR(D, "?3", "c.received", CASE_OFFICER)			\
	    ") END AS g, sum(r.discrimination),"				\
	    " " COUNT_IF("r.informal IS NOT NULL")				\
	    " FROM case_rules r JOIN case_rows c ON c.id = r.case_id"	\
	    " WHERE c.received >= ?1 AND c.received <= ?2 AND c.kind = ?5"	\
	    " GROUP BY CASE WHEN ?4 = 1 THEN NULL ELSE "			\
	    GROUP_KEY(D, "?3", "c.received", CASE_OFFICER) " END"
	static const char *const sql[] = {RULES_SQL(LITE), RULES_SQL(PG)};

	if ((rc = prepare(st, ENGINE_SQL(st, sql), &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	bind_text(s, 3, by);
	sql_bind_int64(s, 4, total);
	if ((rc = bind_found_word(st, s, 5, complaint, err)))
		return rc;
	return each_row(st, s, rules_one, &w, "can't count the seeds' rules",
	    err);
}
