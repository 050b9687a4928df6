/*
 * store_events.c: the history of every change (table events, see
 * store.h), and the audit of what officers read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

/*
 * When an event is recorded: the time now in UTC, to the millisecond, as
 * SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') writes it. Made here, the
 * calendar part once a second: an import records millions of events, and
 * the SQL function took a fifteenth of its time.
 */
const char *
recorded_now(struct store *st)
{
	struct timespec ts;
	struct tm tm;
	long ms;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != st->stamp_second || st->stamp[0] == '\0') {
		gmtime_r(&ts.tv_sec, &tm);
		strftime(st->stamp, sizeof(st->stamp), "%Y-%m-%dT%H:%M:%S.",
		    &tm);
		st->stamp_second = ts.tv_sec;
	}
	ms = ts.tv_nsec / 1000000;
	st->stamp[20] = (char)('0' + ms / 100);
	st->stamp[21] = (char)('0' + ms / 10 % 10);
	st->stamp[22] = (char)('0' + ms % 10);
	st->stamp[23] = 'Z';
	st->stamp[24] = '\0';
	return st->stamp;
}

/*
 * When an event is recorded, as the number the store keeps (a TIMESTAMP
 * column: milliseconds since the epoch, UTC): the same instant
 * recorded_now would write, bound without being made as text and read
 * back.
 */
static int64_t
recorded_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* An event row: about a case (case_id, 0: the store itself), one of its
 * stages (0: none), or a restriction (restriction_id, 0: none). */
static int
add_event(struct store *st, int64_t case_id, int stage,
    int64_t restriction_id, cpl_date date, const char *officer,
    const char *action, const char *detail, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO event_rows(case_id, stage, date,"
	    " recorded, officer, action, detail, restriction_id) VALUES (?1, ?2,"
	    " ?3, ?7, ?4, ?5, ?6, ?8)", &s, err)) ||
	    (rc = bind_word(st, s, 4, officer, err)) ||
	    (rc = bind_word(st, s, 5, action, err)))
		return rc;
	sql_bind_int64(s, 7, recorded_ms());
	if (case_id)
		sql_bind_int64(s, 1, case_id);
	else
		sql_bind_null(s, 1);
	if (stage)
		sql_bind_int64(s, 2, stage);
	else
		sql_bind_null(s, 2);
	bind_date(s, 3, date);
	/* detail outlives the run below: bound without a copy */
	bind_text_static(s, 6, detail);
	if (restriction_id)
		sql_bind_int64(s, 8, restriction_id);
	else
		sql_bind_null(s, 8);
	return run(st, s, "can't record the event", err);
}

int
store_add_event(struct store *st, int64_t case_id, int stage, cpl_date date,
    const char *officer, const char *action, const char *detail,
    struct cpl_error *err)
{
	return add_event(st, case_id, stage, 0, date, officer, action, detail,
	    err);
}

/*
 * The most events one statement writes (store_add_events), and the
 * statement for each number of them: the same columns as add_event's, a
 * row of placeholders an event (case_id, stage, date, recorded, officer,
 * action, detail), numbered on from the row before. OR FAIL: a row that
 * fails stops the statement without undoing the rows before it in the
 * statement, so that SQLite keeps no journal of the pages the statement
 * changes (a copy of each) to undo them with; a write is one transaction
 * its caller rolls back whole on any failure (store_begin).
 */
#define EVENTS_A_STATEMENT 8
#define EVENTS_INSERT "INSERT OR FAIL INTO event_rows(case_id, stage, date," \
	" recorded, officer, action, detail, restriction_id) VALUES "
/* A server's statement undoes its own rows when one fails (it has no OR
 * FAIL), and every failure ends the write anyway. */
#define EVENTS_INSERT_PG "INSERT INTO event_rows(case_id, stage, date," \
	" recorded, officer, action, detail, restriction_id) VALUES "
#define EVENT_ROW "(?, ?, ?, ?, ?, ?, ?, NULL)"
#define EVENT_ROWS_2 EVENT_ROW ", " EVENT_ROW
#define EVENT_ROWS_4 EVENT_ROWS_2 ", " EVENT_ROWS_2
static const char *const events_sql[EVENTS_A_STATEMENT] = {
	EVENTS_INSERT EVENT_ROW,
	EVENTS_INSERT EVENT_ROWS_2,
	EVENTS_INSERT EVENT_ROWS_2 ", " EVENT_ROW,
	EVENTS_INSERT EVENT_ROWS_4,
	EVENTS_INSERT EVENT_ROWS_4 ", " EVENT_ROW,
	EVENTS_INSERT EVENT_ROWS_4 ", " EVENT_ROWS_2,
	EVENTS_INSERT EVENT_ROWS_4 ", " EVENT_ROWS_2 ", " EVENT_ROW,
	EVENTS_INSERT EVENT_ROWS_4 ", " EVENT_ROWS_4,
};
static const char *const events_sql_pg[EVENTS_A_STATEMENT] = {
	EVENTS_INSERT_PG EVENT_ROW,
	EVENTS_INSERT_PG EVENT_ROWS_2,
	EVENTS_INSERT_PG EVENT_ROWS_2 ", " EVENT_ROW,
	EVENTS_INSERT_PG EVENT_ROWS_4,
	EVENTS_INSERT_PG EVENT_ROWS_4 ", " EVENT_ROW,
	EVENTS_INSERT_PG EVENT_ROWS_4 ", " EVENT_ROWS_2,
	EVENTS_INSERT_PG EVENT_ROWS_4 ", " EVENT_ROWS_2 ", " EVENT_ROW,
	EVENTS_INSERT_PG EVENT_ROWS_4 ", " EVENT_ROWS_4,
};
#define EVENT_PARAMS 7

int
store_add_events(struct store *st, int64_t case_id,
    const struct event_rec *e, int n, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc, k;

	/* On a server too, a case's events in one statement: each
	 * statement is work for the server, piped or not. */
	if (case_id == 0) {
		for (int i = 0; i < n; i++)
			if ((rc = store_add_event(st, case_id, e[i].stage,
			    e[i].date, e[i].officer, e[i].action, e[i].detail,
			    err)))
				return rc;
		return 0;
	}
	for (; n > 0; e += k, n -= k) {
		k = n < EVENTS_A_STATEMENT ? n : EVENTS_A_STATEMENT;
		if ((rc = prepare(st, (st->lite != NULL ? events_sql :
		    events_sql_pg)[k - 1], &s, err)))
			return rc;
		for (int i = 0; i < k; i++) {
			int at = i * EVENT_PARAMS;

			if ((rc = bind_word(st, s, at + 5, e[i].officer, err)) ||
			    (rc = bind_word(st, s, at + 6, e[i].action, err)))
				return rc;
			sql_bind_int64(s, at + 1, case_id);
			if (e[i].stage)
				sql_bind_int64(s, at + 2, e[i].stage);
			else
				sql_bind_null(s, at + 2);
			bind_date(s, at + 3, e[i].date);
			sql_bind_int64(s, at + 4, recorded_ms());
			/* e's details outlive the run below: bound without a
			 * copy */
			bind_text_static(s, at + 7, e[i].detail);
		}
		if ((rc = run(st, s, "can't record the event", err)))
			return rc;
	}
	return 0;
}

int
store_add_restriction_event(struct store *st, int64_t restriction_id,
    cpl_date date, const char *officer, const char *action,
    const char *detail, struct cpl_error *err)
{
	return add_event(st, 0, 0, restriction_id, date, officer, action,
	    detail, err);
}

static void
read_event(struct sql_stmt *s, void *elem)
{
	struct event_rec *e = elem;

	e->date = col_date(s, 0);
	e->recorded = col_stamp(s, 1);
	e->officer = col_text(s, 2);
	e->action = col_text(s, 3);
	e->stage = col_int(s, 4);
	e->detail = col_text(s, 5);
	e->corrects = col_text(s, 6);
	e->item = col_int(s, 7);
	e->field = col_text(s, 8);
	e->old_value = col_text(s, 9);
	e->new_value = col_text(s, 10);
	e->reason = col_text(s, 11);
}

int
store_events(struct store *st, int64_t case_id, struct event_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	/* An amendment's or a correction's event with what it changed
	 * (lib/store_corrections.c). */
	if ((rc = prepare(st, "SELECT e.date, e.recorded, e.officer, e.action,"
	    " e.stage, e.detail, c.corrects, c.item, c.field, c.old_value,"
	    " c.new_value, c.reason FROM events e"
	    " LEFT JOIN corrections c ON c.event_id = e.id"
	    " WHERE e.case_id = ?1 ORDER BY e.id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	if ((rc = gather(st, s, sizeof(**out), read_event, &got,
	    "can't read the history", err))) {
		store_events_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

static void
read_note(struct sql_stmt *s, void *elem)
{
	struct note_rec *r = elem;

	r->event_id = sql_col_int64(s, 0);
	r->date = col_date(s, 1);
	r->recorded = col_stamp(s, 2);
	r->officer = col_text(s, 3);
	r->text = col_text(s, 4);
}

int
store_notes(struct store *st, int64_t case_id, struct note_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	/* A purged note has no text left: nothing of it is in the file. */
	if ((rc = prepare(st, "SELECT id, date, recorded, officer, detail"
	    " FROM events WHERE case_id = ?1 AND action = 'note'"
	    "  AND detail IS NOT NULL ORDER BY id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	rc = gather(st, s, sizeof(**out), read_note, &got,
	    "can't read the notes", err);
	if (rc) {
		store_notes_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

void
store_notes_free(struct note_rec *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].recorded);
		free(r[i].officer);
		free(r[i].text);
	}
	free(r);
}

void
store_events_free(struct event_rec *e, int n)
{
	for (int i = 0; i < n; i++)
		event_rec_free(&e[i]);
	free(e);
}

/*
 * The cases an audited export wrote, noted during its read snapshot (the
 * main store is not written during a read), then recorded as events at
 * the end in one write: exactly the cases in the file. SQLite notes them
 * in a TEMP table; a server's read is a READ ONLY transaction, in which
 * no table can be made, so there they are noted in memory (two numbers a
 * case) and sent at the end in arrays of AUDIT_CHUNK cases a statement.
 */
#define AUDIT_CHUNK 10000

int
store_audit_note(struct store *st, int64_t case_id, int stage,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (st->lite == NULL) {
		if (st->n_audit_read + 2 > st->cap_audit_read) {
			size_t cap = st->cap_audit_read ?
			    2 * st->cap_audit_read : 256;
			int64_t *v = realloc(st->audit_read, cap * sizeof(*v));

			if (v == NULL)
				return no_memory(err);
			st->audit_read = v;
			st->cap_audit_read = cap;
		}
		st->audit_read[st->n_audit_read++] = case_id;
		st->audit_read[st->n_audit_read++] = stage;
		return 0;
	}
	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS audit_read("
	    "case_id INTEGER NOT NULL, stage INTEGER NOT NULL)",
	    "can't note the export", err)) ||
	    (rc = prepare(st, "INSERT INTO temp.audit_read(case_id, stage)"
	    " VALUES (?1, ?2)", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	return run(st, s, "can't note the export", err);
}

/* The n noted cases from pair at on (case id and stage each) as two
 * array texts, "{1,2}", into ids and stages. */
static void
audit_arrays(const int64_t *v, size_t at, size_t n, char *ids, char *stages)
{
	char *i = ids, *s = stages;

	*i++ = '{';
	*s++ = '{';
	for (size_t k = 0; k < n; k++) {
		i += sprintf(i, "%s%lld", k ? "," : "",
		    (long long)v[2 * (at + k)]);
		s += sprintf(s, "%s%lld", k ? "," : "",
		    (long long)v[2 * (at + k) + 1]);
	}
	strcpy(i, "}");
	strcpy(s, "}");
}

/* store_audit_record on a server: the noted cases' events, in the order
 * noted, a chunk a statement. */
static int
audit_record_pg(struct store *st, cpl_date date, const char *officer,
    const char *action, struct cpl_error *err)
{
	size_t cases = st->n_audit_read / 2, n;
	/* A number is at most 20 characters and a comma. */
	char *ids = malloc(AUDIT_CHUNK * 21 + 3), *stages =
	    malloc(AUDIT_CHUNK * 21 + 3);
	struct sql_stmt *s;
	int rc = 0;

	if (ids == NULL || stages == NULL) {
		rc = no_memory(err);
		goto out;
	}
	if ((rc = store_begin(st, err)))
		goto out;
	for (size_t at = 0; at < cases; at += n) {
		n = cases - at < AUDIT_CHUNK ? cases - at : AUDIT_CHUNK;
		audit_arrays(st->audit_read, at, n, ids, stages);
		if ((rc = prepare(st, "INSERT INTO event_rows(case_id, stage,"
		    " date, recorded, officer, action)"
		    " SELECT a.case_id, a.stage, ?1, ?4, ?2, ?3"
		    " FROM unnest(CAST(?5 AS BIGINT[]), CAST(?6 AS BIGINT[]))"
		    "  WITH ORDINALITY AS a(case_id, stage, n) ORDER BY a.n",
		    &s, err)) ||
		    (rc = bind_word(st, s, 2, officer, err)) ||
		    (rc = bind_word(st, s, 3, action, err)))
			goto fail;
		bind_date(s, 1, date);
		sql_bind_int64(s, 4, recorded_ms());
		bind_text(s, 5, ids);
		bind_text(s, 6, stages);
		if ((rc = run(st, s, "can't record the export", err)))
			goto fail;
	}
	if ((rc = store_commit(st, err)))
		goto fail;
	st->n_audit_read = 0;
	goto out;
fail:
	store_rollback(st);
out:
	free(ids);
	free(stages);
	return rc;
}

int
store_audit_record(struct store *st, cpl_date date, const char *officer,
    const char *action, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (st->lite == NULL)
		return audit_record_pg(st, date, officer, action, err);
	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS audit_read("
	    "case_id INTEGER NOT NULL, stage INTEGER NOT NULL)",
	    "can't record the export", err)) ||
	    (rc = store_begin(st, err)))
		return rc;
	if ((rc = prepare(st, "INSERT INTO event_rows(case_id, stage, date,"
	    " recorded, officer, action) SELECT case_id, stage, ?1, ?4, ?2, ?3"
	    " FROM temp.audit_read ORDER BY rowid", &s, err)) ||
	    (rc = bind_word(st, s, 2, officer, err)) ||
	    (rc = bind_word(st, s, 3, action, err)))
		goto fail;
	bind_date(s, 1, date);
	sql_bind_int64(s, 4, recorded_ms());
	if ((rc = run(st, s, "can't record the export", err)) ||
	    (rc = exec(st, "DELETE FROM temp.audit_read",
	    "can't record the export", err)) ||
	    (rc = store_commit(st, err)))
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return rc;
}
