/*
 * test_sql.c: the statement-level driver (lib/sql.h) behaves the same on
 * both engines.
 *
 * "test_sql" runs every case on SQLite, in a new file each; "test_sql
 * postgres" runs the same cases on PostgreSQL, in a new database each,
 * on the server whose connection string COMPLAINTS_TEST_PG gives, or
 * that the file conninfo in COMPLAINTS_TEST_PG_DIR holds (ctest's
 * fixture, tests/pg-server.sh). With no server, or a build without
 * PostgreSQL, it says why and exits 77, which ctest reports as a skip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cmocka.h>

#include "sql.h"

/* The engine this run tests, and the server's connection string. */
static enum sql_engine engine = SQL_SQLITE;
static char server[1024];
static int n_databases;

struct fixture {
	char dir[64];		/* SQLite: the directory of the file */
	char path[1200];	/* the store's path */
	char dbname[64];	/* PostgreSQL: the database made */
	struct sql *db;
};

/* Run text on db, or fail the test with the driver's message. */
static void
ok_exec(struct sql *db, const char *text)
{
	struct cpl_error err = {0};

	if (sql_exec(db, text) != SQL_OK) {
		sql_fail(db, &err, "exec");
		fail_msg("%s: %s", text, err.msg);
	}
}

static struct sql *
open_or_fail(const char *path, int wait)
{
	struct cpl_error err = {0};
	struct sql *db;

	if (sql_open(path, engine == SQL_SQLITE ? SQL_CREATE : 0, wait, &db,
	    &err) != 0)
		fail_msg("%s", err.msg);
	return db;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sql *admin;
	char sql[256];

	if (fx == NULL)
		return -1;
	if (engine == SQL_SQLITE) {
		strcpy(fx->dir, "/tmp/cpl-sql-unit.XXXXXX");
		if (mkdtemp(fx->dir) == NULL)
			return -1;
		snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	} else {
		/* A database of its own for each case, with the C collation
		 * the store's databases are made with. */
		snprintf(fx->dbname, sizeof(fx->dbname), "cpl_sql_%ld_%d",
		    (long)getpid(), ++n_databases);
		admin = open_or_fail(server, 5);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE template0"
		    " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'",
		    fx->dbname);
		ok_exec(admin, sql);
		sql_close(admin);
		snprintf(fx->path, sizeof(fx->path), "%s dbname=%s", server,
		    fx->dbname);
	}
	fx->db = open_or_fail(fx->path, 1);
	ok_exec(fx->db, "CREATE TABLE t (k BIGINT PRIMARY KEY,"
	    " v TEXT CHECK (v IS NULL OR v <> 'bad'), n BIGINT NOT NULL DEFAULT 0)");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	struct sql *admin;
	char path[128];

	sql_close(fx->db);
	if (engine == SQL_SQLITE) {
		snprintf(path, sizeof(path), "%s/t.db", fx->dir);
		unlink(path);
		rmdir(fx->dir);
	} else {
		admin = open_or_fail(server, 5);
		snprintf(path, sizeof(path), "DROP DATABASE %s WITH (FORCE)",
		    fx->dbname);
		ok_exec(admin, path);
		sql_close(admin);
	}
	free(fx);
	return 0;
}

static struct sql_stmt *
prep(struct sql *db, const char *text)
{
	struct cpl_error err = {0};
	struct sql_stmt *s;

	if (sql_prepare(db, text, &s) != SQL_OK) {
		sql_fail(db, &err, "prepare");
		fail_msg("%s: %s", text, err.msg);
	}
	return s;
}

/* Step s to a row, or fail with the driver's message. */
static void
row(struct sql_stmt *s, struct sql *db)
{
	struct cpl_error err = {0};
	int rc = sql_step(s);

	if (rc != SQL_ROW) {
		sql_fail(db, &err, "step");
		fail_msg("no row (%d): %s", rc, rc == SQL_DONE ? "done" :
		    err.msg);
	}
}

static void
done(struct sql_stmt *s, struct sql *db)
{
	struct cpl_error err = {0};
	int rc = sql_step(s);

	if (rc != SQL_DONE) {
		sql_fail(db, &err, "step");
		fail_msg("not done (%d): %s", rc, err.msg);
	}
}

static int64_t
count_rows(struct sql *db)
{
	struct sql_stmt *s = prep(db, "SELECT count(*) FROM t");
	int64_t n;

	row(s, db);
	n = sql_col_int64(s, 0);
	done(s, db);
	sql_finalize(s);
	return n;
}

/* ?N out of order and used twice; a number bound but not in the SQL;
 * a bare ? after ?2 is ?3; a NULL cast where nothing else types it. */
static void
placeholders(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;

	s = prep(fx->db, "SELECT ?2, ?1, ?2 || ?1, ?1 || '-' || ?3");
	sql_bind_text(s, 1, "one");
	sql_bind_text(s, 2, "two");
	sql_bind_text(s, 3, "three");
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), "two");
	assert_string_equal(sql_col_text(s, 1), "one");
	assert_string_equal(sql_col_text(s, 2), "twoone");
	assert_string_equal(sql_col_text(s, 3), "one-three");
	done(s, fx->db);
	/* The same statement again, with an integer where text was. */
	sql_reset(s);
	sql_bind_int64(s, 1, 7);
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 1), "7");
	assert_string_equal(sql_col_text(s, 2), "two7");
	sql_finalize(s);

	/* ?2 is bound (a filter left out) but not used. */
	s = prep(fx->db, "SELECT ?1 || ?3");
	sql_bind_text(s, 1, "a");
	sql_bind_null(s, 2);
	sql_bind_text(s, 3, "c");
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), "ac");
	sql_finalize(s);

	s = prep(fx->db, "SELECT ?2 || ?");
	sql_bind_text(s, 2, "x");
	sql_bind_text(s, 3, "y");
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), "xy");
	sql_finalize(s);

	s = prep(fx->db, "SELECT CAST(?1 AS TEXT) IS NULL, coalesce(?2, 5)");
	sql_bind_null(s, 1);
	sql_bind_null(s, 2);
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), 1);
	assert_int_equal(sql_col_int64(s, 1), 5);
	sql_finalize(s);
}

/* ?N inside literals, quoted identifiers and comments is SQL text. */
static void
literals_untouched(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;

	s = prep(fx->db, "SELECT '?1', 'it''s ?2', x.\"a?1\", ?1 -- ?2 '\n"
	    " /* ?3 ' */ FROM (SELECT 'q?' AS \"a?1\") AS x");
	sql_bind_text(s, 1, "O'Brien ?1 \"?2\"");
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), "?1");
	assert_string_equal(sql_col_text(s, 1), "it's ?2");
	assert_string_equal(sql_col_text(s, 2), "q?");
	assert_string_equal(sql_col_text(s, 3), "O'Brien ?1 \"?2\"");
	assert_string_equal(sql_col_name(s, 2), "a?1");
	assert_int_equal(sql_col_count(s), 4);
	done(s, fx->db);
	sql_finalize(s);
}

static void
int64_extremes(void **state)
{
	struct fixture *fx = *state;
	static const int64_t v[] = {INT64_MIN, INT64_MAX, 0, -1, 1,
	    (int64_t)1 << 53, -((int64_t)1 << 31) - 1};
	const int n = (int)(sizeof(v) / sizeof(v[0]));
	struct sql_stmt *ins, *s;

	ins = prep(fx->db, "INSERT INTO t (k, n) VALUES (?1, ?2)");
	for (int i = 0; i < n; i++) {
		sql_bind_int64(ins, 1, i);
		sql_bind_int64(ins, 2, v[i]);
		done(ins, fx->db);
		sql_reset(ins);
	}
	sql_finalize(ins);
	s = prep(fx->db, "SELECT n, ?1 FROM t WHERE k = ?2");
	for (int i = 0; i < n; i++) {
		sql_bind_int64(s, 1, v[i]);
		sql_bind_int64(s, 2, i);
		row(s, fx->db);
		assert_int_equal(sql_col_type(s, 0), SQL_INT);
		assert_true(sql_col_int64(s, 0) == v[i]);
		assert_true(sql_col_int64(s, 1) == v[i]);
		done(s, fx->db);
		sql_reset(s);
	}
	sql_finalize(s);
	/* A sum of integers is an integer, an average is not. */
	s = prep(fx->db, "SELECT sum(k), avg(k) FROM t");
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_INT);
	assert_int_equal(sql_col_int64(s, 0), n * (n - 1) / 2);
	assert_int_equal(sql_col_type(s, 1), SQL_FLOAT);
	assert_true(sql_col_double(s, 1) == (n - 1) / 2.0);
	sql_finalize(s);
}

static void
nulls(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;

	s = prep(fx->db, "INSERT INTO t (k, v) VALUES (?1, ?2)");
	sql_bind_int64(s, 1, 1);
	sql_bind_text(s, 2, NULL);
	done(s, fx->db);
	sql_finalize(s);
	s = prep(fx->db, "SELECT v, v IS NULL, CAST(NULL AS BIGINT) FROM t");
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_NULL);
	assert_null(sql_col_text(s, 0));
	assert_int_equal(sql_col_int64(s, 0), 0);
	assert_int_equal(sql_col_int64(s, 1), 1);
	assert_int_equal(sql_col_type(s, 2), SQL_NULL);
	done(s, fx->db);
	sql_finalize(s);
}

static void
utf8_round_trip(void **state)
{
	struct fixture *fx = *state;
	const char *name = "Zo\xc3\xab \xc3\x93 D\xc3\xa1laigh \xe2\x80\x94 "
	    "\xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x99\x82";
	struct sql_stmt *s;

	s = prep(fx->db, "INSERT INTO t (k, v) VALUES (1, ?1)");
	sql_bind_text(s, 1, name);
	done(s, fx->db);
	sql_finalize(s);
	s = prep(fx->db, "SELECT v, length(v), v = ?1 FROM t");
	sql_bind_text(s, 1, name);
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), name);
	/* characters, not bytes, on both */
	assert_int_equal(sql_col_int64(s, 1), 20);
	assert_int_equal(sql_col_int64(s, 2), 1);
	sql_finalize(s);
}

/* The bytes the process has taken from malloc and not given back. */
static long
heap_in_use(void)
{
#ifdef __GLIBC__
	return (long)mallinfo2().uordblks;
#else
	return 0;
#endif
}

/*
 * A query with no end (no LIMIT, a recursive count that never stops):
 * its first row comes back, and a million rows are read with the heap as
 * it was after the first thousand, so nothing holds the result; then the
 * statement is reset and the connection serves the next one.
 */
static void
million_rows_flat(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;
	long before = 0, after;

	s = prep(fx->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n) SELECT i, 'row ' || i FROM n");
	for (int64_t i = 1; i <= 1000000; i++) {
		row(s, fx->db);
		if (sql_col_int64(s, 0) != i)
			fail_msg("row %lld is %lld", (long long)i,
			    (long long)sql_col_int64(s, 0));
		if (i == 1000)
			before = heap_in_use();
	}
	after = heap_in_use();
	if (after - before > 1 << 20)
		fail_msg("the heap grew by %ld bytes over a million rows",
		    after - before);
	sql_reset(s);
	sql_finalize(s);
	assert_int_equal(count_rows(fx->db), 0);
}

/* A statement read part-way while another runs on the same connection
 * (a row function that reads the store): both give every row. */
static void
nested_statements(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *outer, *inner;

	ok_exec(fx->db, "INSERT INTO t (k, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
	outer = prep(fx->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n");
	inner = prep(fx->db, "SELECT v FROM t WHERE k = ?1");
	for (int64_t i = 1; i <= 1000; i++) {
		row(outer, fx->db);
		assert_int_equal(sql_col_int64(outer, 0), i);
		if (i % 100 == 0) {
			sql_bind_int64(inner, 1, i / 100 % 3 + 1);
			row(inner, fx->db);
			assert_int_equal(sql_col_text(inner, 0)[0],
			    'a' + i / 100 % 3);
			done(inner, fx->db);
			sql_reset(inner);
		}
	}
	done(outer, fx->db);
	sql_finalize(inner);
	sql_finalize(outer);
}

static void
changes_counted(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;
	int64_t total = sql_total_changes(fx->db);

	ok_exec(fx->db, "INSERT INTO t (k, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
	assert_int_equal(sql_changes(fx->db), 3);
	s = prep(fx->db, "UPDATE t SET v = 'x' WHERE k >= ?1");
	sql_bind_int64(s, 1, 2);
	done(s, fx->db);
	assert_int_equal(sql_changes(fx->db), 2);
	sql_finalize(s);
	/* A read changes nothing, and leaves the count as it was. */
	assert_int_equal(count_rows(fx->db), 3);
	assert_int_equal(sql_changes(fx->db), 2);
	/* What an insert made, as both engines return it. */
	s = prep(fx->db, "INSERT INTO t (k, v) VALUES (?1, 'd') RETURNING k");
	sql_bind_int64(s, 1, 4);
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), 4);
	done(s, fx->db);
	assert_int_equal(sql_changes(fx->db), 1);
	sql_finalize(s);
	s = prep(fx->db, "DELETE FROM t WHERE v = 'x'");
	done(s, fx->db);
	assert_int_equal(sql_changes(fx->db), 2);
	sql_finalize(s);
	assert_int_equal(sql_total_changes(fx->db) - total, 3 + 2 + 1 + 2);
}

/* Insert (k, v): the fault of the failure, SQL_FAULT_NONE when done. */
static enum sql_fault
insert(struct sql *db, int64_t k, const char *v)
{
	struct sql_stmt *s = prep(db, "INSERT INTO t (k, v) VALUES (?1, ?2)");
	int rc;

	sql_bind_int64(s, 1, k);
	sql_bind_text(s, 2, v);
	rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_FAULT_NONE : sql_fault(db);
}

static void
constraints_told(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct sql_stmt *s;

	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(insert(fx->db, 1, "b"), SQL_FAULT_UNIQUE);
	assert_true(sql_fault_is_constraint(sql_fault(fx->db)));
	assert_int_equal(sql_fail(fx->db, &err, "can't add"), CPL_STORE);
	assert_non_null(strstr(err.msg, ": can't add: "));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(insert(fx->db, 2, "bad"), SQL_FAULT_CHECK);
	assert_true(sql_fault_is_constraint(sql_fault(fx->db)));
	s = prep(fx->db, "INSERT INTO t (k, n) VALUES (3, CAST(?1 AS BIGINT))");
	sql_bind_null(s, 1);
	assert_int_equal(sql_step(s), SQL_ERROR);
	assert_int_equal(sql_fault(fx->db), SQL_FAULT_NOT_NULL);
	sql_finalize(s);
	/* Not a constraint: an error in the SQL. */
	assert_int_equal(sql_exec(fx->db, "SELECT nosuch FROM t"), SQL_ERROR);
	assert_int_equal(sql_fault(fx->db), SQL_FAULT_OTHER);
	assert_false(sql_fault_is_constraint(sql_fault(fx->db)));
	/* Nothing but the first row; the connection still serves. */
	assert_int_equal(count_rows(fx->db), 1);
}

/* A batch's plain writes (sql_defer_begin): every row there after the
 * end and the commit, a read between them seeing those before it, and
 * the counts as if each had run when stepped. */
static void
deferred_writes_kept(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s, *u;

	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	sql_defer_begin(fx->db);
	s = prep(fx->db, "INSERT INTO t (k, v) VALUES (?1, ?2)");
	for (int64_t k = 1; k <= 2500; k++) {
		sql_reset(s);
		sql_bind_int64(s, 1, k);
		sql_bind_text(s, 2, "a");
		done(s, fx->db);
		if (k == 1200)
			assert_int_equal(count_rows(fx->db), 1200);
	}
	sql_finalize(s);
	u = prep(fx->db, "UPDATE t SET n = 1 WHERE k <= ?1");
	sql_bind_int64(u, 1, 10);
	done(u, fx->db);
	assert_int_equal(sql_changes(fx->db), 10);
	sql_finalize(u);
	assert_true(sql_in_transaction(fx->db));
	assert_int_equal(sql_defer_end(fx->db), SQL_OK);
	assert_int_equal(sql_commit(fx->db), SQL_OK);
	assert_int_equal(count_rows(fx->db), 2500);
}

/* A deferred write the engine refuses: the call that finds it fails with
 * the refusal's own fault, as does every call after it, and the rollback
 * keeps nothing of the transaction. */
static void
deferred_failure_told(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct sql_stmt *s;
	int rc = SQL_DONE;

	assert_int_equal(insert(fx->db, 1, "kept"), SQL_FAULT_NONE);
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	sql_defer_begin(fx->db);
	s = prep(fx->db, "INSERT INTO t (k, v) VALUES (?1, ?2)");
	for (int64_t k = 2; k <= 20 && rc == SQL_DONE; k++) {
		sql_reset(s);
		sql_bind_int64(s, 1, k);
		sql_bind_text(s, 2, k == 10 ? "bad" : "a");
		rc = sql_step(s);
	}
	sql_finalize(s);
	/* SQLite runs each when stepped; a server finds it at the end. */
	if (rc == SQL_DONE)
		rc = sql_defer_end(fx->db);
	assert_int_equal(rc, SQL_ERROR);
	assert_int_equal(sql_fault(fx->db), SQL_FAULT_CHECK);
	assert_int_equal(sql_fail(fx->db, &err, "can't add"), CPL_STORE);
	assert_null(strchr(err.msg, '\n'));
	if (engine == SQL_POSTGRES) {
		assert_non_null(strstr(err.msg, ": can't write the rows: "));
		assert_int_equal(sql_commit(fx->db), SQL_ERROR);
		assert_int_equal(sql_fault(fx->db), SQL_FAULT_CHECK);
	}
	sql_rollback(fx->db);
	assert_int_equal(sql_defer_end(fx->db), SQL_OK);
	assert_false(sql_in_transaction(fx->db));
	assert_int_equal(count_rows(fx->db), 1);
	/* The connection serves on. */
	assert_int_equal(insert(fx->db, 2, "b"), SQL_FAULT_NONE);
	assert_int_equal(count_rows(fx->db), 2);
}

/* A second connection waits a second for the first's write, then fails
 * with the store's plain message. */
static void
lock_timeout_busy(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct sql *other = open_or_fail(fx->path, 1);
	struct timespec t0, t1;
	int rc;

	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	ok_exec(fx->db, "UPDATE t SET v = 'first' WHERE k = 1");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* SQLite waits at BEGIN IMMEDIATE, PostgreSQL at the row. */
	if ((rc = sql_begin_write(other)) == SQL_OK)
		rc = sql_exec(other, "UPDATE t SET v = 'second' WHERE k = 1");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(rc, SQL_ERROR);
	assert_int_equal(sql_fault(other), SQL_FAULT_BUSY);
	assert_true((t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 900);
	sql_fail(other, &err, "can't record the response");
	assert_non_null(strstr(err.msg, ": can't record the response: another "
	    "process has held the database for over 1 second; nothing was "
	    "changed: try again"));
	sql_rollback(other);
	assert_false(sql_in_transaction(other));
	assert_int_equal(sql_commit(fx->db), SQL_OK);
	sql_close(other);
}

static void
begin_rollback(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;

	assert_false(sql_in_transaction(fx->db));
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_true(sql_in_transaction(fx->db));
	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(insert(fx->db, 2, "b"), SQL_FAULT_NONE);
	/* The row lock a write takes in its first read. */
	s = prep(fx->db, "SELECT v FROM t WHERE k = ?1 FOR UPDATE");
	sql_bind_int64(s, 1, 2);
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 0), "b");
	done(s, fx->db);
	sql_finalize(s);
	sql_rollback(fx->db);
	assert_false(sql_in_transaction(fx->db));
	assert_int_equal(count_rows(fx->db), 0);
	/* A failure inside a write: rolled back, its fault kept. */
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_UNIQUE);
	sql_rollback(fx->db);
	assert_int_equal(sql_fault(fx->db), SQL_FAULT_UNIQUE);
	assert_int_equal(count_rows(fx->db), 0);
	/* A commit keeps; a read sees one snapshot. */
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(sql_commit(fx->db), SQL_OK);
	assert_int_equal(sql_begin_read(fx->db), SQL_OK);
	assert_true(sql_in_transaction(fx->db));
	assert_int_equal(count_rows(fx->db), 1);
	assert_int_equal(sql_commit(fx->db), SQL_OK);
	assert_false(sql_in_transaction(fx->db));
}

/* A rollback while a read with no end is part-way: it ends the read at
 * once, and the connection serves the next statement. */
static void
rollback_ends_a_read(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;

	assert_int_equal(sql_begin_read(fx->db), SQL_OK);
	s = prep(fx->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n) SELECT i FROM n");
	for (int i = 1; i <= 10; i++)
		row(s, fx->db);
	sql_rollback(fx->db);
	assert_false(sql_in_transaction(fx->db));
	sql_reset(s);
	sql_finalize(s);
	assert_int_equal(insert(fx->db, 1, "a"), SQL_FAULT_NONE);
	assert_int_equal(count_rows(fx->db), 1);
}

/* Which engine a store's path names. */
static void
engine_of_paths(void **state)
{
	static const struct {
		const char *path;
		enum sql_engine engine;
	} cases[] = {
		{"complaints.db", SQL_SQLITE},
		{"/var/lib/complaints/council.db", SQL_SQLITE},
		{"./a=b.db", SQL_SQLITE},
		{"/tmp/x=y/complaints.db", SQL_SQLITE},
		{"file:complaints.db?immutable=1", SQL_SQLITE},
		{"", SQL_SQLITE},
		{"postgres", SQL_SQLITE},
		{"postgresql:/host/db", SQL_SQLITE},
		{"POSTGRESQL://host/db", SQL_SQLITE},
		{"postgresql://db.council.local/complaints", SQL_POSTGRES},
		{"postgresql:///complaints?host=/run/postgresql", SQL_POSTGRES},
		{"postgres://officer@db:5433/complaints", SQL_POSTGRES},
		{"host=/run/postgresql dbname=complaints", SQL_POSTGRES},
		{"dbname=complaints", SQL_POSTGRES},
		{"  service = complaints", SQL_POSTGRES},
		{"sslmode=require host=db", SQL_POSTGRES},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (sql_engine_of(cases[i].path) != cases[i].engine)
			fail_msg("'%s' is not %s", cases[i].path,
			    cases[i].engine == SQL_SQLITE ? "SQLite" :
			    "PostgreSQL");
}

/* A PostgreSQL path: refused with one line where this build has no
 * PostgreSQL; with it, refused when it holds a password (never shown). */
static void
postgres_paths_refused(void **state)
{
	struct cpl_error err = {0};
	struct sql *db = NULL;

	(void)state;
	if (!sql_engine_built(SQL_POSTGRES)) {
		assert_int_equal(sql_open("postgresql://db/complaints", 0, 1, &db,
		    &err), CPL_STORE);
		assert_string_equal(err.msg, "'postgresql://db/complaints' is a "
		    "PostgreSQL database, and this complaints was built without "
		    "PostgreSQL support");
		return;
	}
	assert_int_equal(sql_open("postgresql://officer:s3cret@db/complaints",
	    0, 1, &db, &err), CPL_STORE);
	assert_null(db);
	assert_non_null(strstr(err.msg, "holds a password"));
	assert_null(strstr(err.msg, "s3cret"));
	assert_int_equal(sql_open("host=/nonexistent password=s3cret "
	    "dbname=x", 0, 1, &db, &err), CPL_STORE);
	assert_null(strstr(err.msg, "s3cret"));
}

/* The server's connection string, or 0 when there is none to test on. */
/* Bytes bound and read back as they are: every byte value, NULs among
 * them, a piece of 3 MiB, an empty blob (not NULL) and NULL; the same
 * statement with text then a blob; what SQL sees of them (length, substr)
 * the same on both. */
static void
blobs_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct sql_stmt *s;
	size_t big = 3 << 20;
	unsigned char *b = malloc(big), small[512];
	const unsigned char *got;
	int len;

	assert_non_null(b);
	for (size_t i = 0; i < sizeof(small); i++)
		small[i] = (unsigned char)(i % 256);
	for (size_t i = 0; i < big; i++)
		b[i] = (unsigned char)((i * 7919) >> 3);
	ok_exec(fx->db, "CREATE TABLE b (k BIGINT PRIMARY KEY, d BYTEA)");
	s = prep(fx->db, "INSERT INTO b(k, d) VALUES (?1, ?2)");
	sql_bind_int64(s, 1, 1);
	sql_bind_blob(s, 2, small, sizeof(small));
	done(s, fx->db);
	sql_reset(s);
	sql_bind_int64(s, 1, 2);
	sql_bind_blob(s, 2, b, big);
	done(s, fx->db);
	sql_reset(s);
	sql_bind_int64(s, 1, 3);
	sql_bind_blob(s, 2, small, 0);
	done(s, fx->db);
	sql_reset(s);
	sql_bind_int64(s, 1, 4);
	sql_bind_blob(s, 2, NULL, 0);
	done(s, fx->db);
	sql_finalize(s);

	s = prep(fx->db, "SELECT d, length(d), substr(d, 2, 3) FROM b"
	    " ORDER BY k");
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_BLOB);
	got = sql_col_blob(s, 0, &len);
	assert_int_equal(len, sizeof(small));
	assert_memory_equal(got, small, sizeof(small));
	assert_int_equal(sql_col_int64(s, 1), sizeof(small));
	got = sql_col_blob(s, 2, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(got, small + 1, 3);
	row(s, fx->db);
	got = sql_col_blob(s, 0, &len);
	assert_int_equal(len, big);
	assert_memory_equal(got, b, big);
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_BLOB);
	assert_int_equal(sql_col_int64(s, 1), 0);
	sql_col_blob(s, 0, &len);
	assert_int_equal(len, 0);
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_NULL);
	assert_null(sql_col_blob(s, 0, &len));
	done(s, fx->db);
	sql_finalize(s);

	/* Bytes compared as bytes. */
	s = prep(fx->db, "SELECT k FROM b WHERE d = ?1");
	sql_bind_blob(s, 1, small, sizeof(small));
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), 1);
	done(s, fx->db);
	sql_finalize(s);

	/* A statement stepped with text, then given bytes. */
	s = prep(fx->db, "SELECT ?1");
	sql_bind_text(s, 1, "text");
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_TEXT);
	assert_string_equal(sql_col_text(s, 0), "text");
	done(s, fx->db);
	sql_reset(s);
	sql_bind_blob(s, 1, "a\0b", 3);
	row(s, fx->db);
	assert_int_equal(sql_col_type(s, 0), SQL_BLOB);
	got = sql_col_blob(s, 0, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(got, "a\0b", 3);
	done(s, fx->db);
	sql_finalize(s);
	free(b);
}

/* Rows sent by sql_copy_row: on SQLite refused (a file takes rows by
 * INSERT); on a server each value as it was, text COPY would read
 * otherwise and every byte value among them, counted as changes; a row
 * the server refuses fails the copy with its constraint's fault, the
 * rollback undoes it, and the connection goes on. The escaping itself on
 * both. */
static void
copy_rows(void **state)
{
	struct fixture *fx = *state;
	static const char nasty[] = "tab\there\nnew\r\\N\\.\n\\.\n\\x41 'q' \"q\"";
	unsigned char bytes[256];
	struct sql_value v[3], e = {.type = SQL_TEXT, .text = "a\tb\\N\n\r"};
	struct sql_stmt *s;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	const unsigned char *got;
	int glen;

	assert_int_equal(sql_copy_escape(&buf, &len, &cap, &e), 0);
	assert_int_equal(len, strlen("a\\tb\\\\N\\n\\r"));
	assert_memory_equal(buf, "a\\tb\\\\N\\n\\r", len);
	e = (struct sql_value){.type = SQL_BLOB, .blob = "\x01\xff", .n = 2};
	len = 0;
	assert_int_equal(sql_copy_escape(&buf, &len, &cap, &e), 0);
	assert_memory_equal(buf, "\\\\x01ff", len);
	e = (struct sql_value){.type = SQL_NULL};
	len = 0;
	assert_int_equal(sql_copy_escape(&buf, &len, &cap, &e), 0);
	assert_memory_equal(buf, "\\N", len);
	free(buf);

	for (int i = 0; i < 256; i++)
		bytes[i] = (unsigned char)i;
	ok_exec(fx->db, "CREATE TABLE c (k BIGINT PRIMARY KEY, t TEXT,"
	    " d BYTEA, CHECK (t IS DISTINCT FROM 'bad'))");
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	if (engine == SQL_SQLITE) {
		assert_int_equal(sql_copy_begin(fx->db,
		    "COPY c(k, t, d) FROM STDIN"), SQL_ERROR);
		sql_rollback(fx->db);
		return;
	}
	assert_int_equal(sql_copy_begin(fx->db, "COPY c(k, t, d) FROM STDIN"),
	    SQL_OK);
	v[0] = (struct sql_value){.type = SQL_INT, .i = 1};
	v[1] = (struct sql_value){.type = SQL_TEXT, .text = nasty};
	v[2] = (struct sql_value){.type = SQL_BLOB, .blob = bytes, .n = 256};
	assert_int_equal(sql_copy_row(fx->db, v, 3), SQL_OK);
	v[0].i = 2;
	v[1] = (struct sql_value){.type = SQL_TEXT, .text = "\\N"};
	v[2] = (struct sql_value){.type = SQL_BLOB, .blob = bytes, .n = 0};
	assert_int_equal(sql_copy_row(fx->db, v, 3), SQL_OK);
	v[0].i = INT64_MIN;
	v[1] = (struct sql_value){.type = SQL_NULL};
	v[2] = (struct sql_value){.type = SQL_NULL};
	assert_int_equal(sql_copy_row(fx->db, v, 3), SQL_OK);
	assert_int_equal(sql_copy_end(fx->db), SQL_OK);
	assert_int_equal(sql_changes(fx->db), 3);
	assert_int_equal(sql_commit(fx->db), SQL_OK);

	s = prep(fx->db, "SELECT k, t, d FROM c ORDER BY k");
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), INT64_MIN);
	assert_int_equal(sql_col_type(s, 1), SQL_NULL);
	assert_int_equal(sql_col_type(s, 2), SQL_NULL);
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 1), nasty);
	got = sql_col_blob(s, 2, &glen);
	assert_int_equal(glen, 256);
	assert_memory_equal(got, bytes, 256);
	row(s, fx->db);
	assert_string_equal(sql_col_text(s, 1), "\\N");
	assert_int_equal(sql_col_type(s, 2), SQL_BLOB);
	sql_col_blob(s, 2, &glen);
	assert_int_equal(glen, 0);
	done(s, fx->db);
	sql_finalize(s);

	/* Refused first, then many rows more: the failure shows at a row
	 * or at the end, and nothing of it stays. */
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(sql_copy_begin(fx->db, "COPY c(k, t) FROM STDIN"),
	    SQL_OK);
	v[0] = (struct sql_value){.type = SQL_INT, .i = 10};
	v[1] = (struct sql_value){.type = SQL_TEXT, .text = "bad"};
	int rc = sql_copy_row(fx->db, v, 2);
	v[1].text = "good";
	for (int i = 11; rc == SQL_OK && i < 200000; i++) {
		v[0].i = i;
		rc = sql_copy_row(fx->db, v, 2);
	}
	if (rc == SQL_OK)
		rc = sql_copy_end(fx->db);
	assert_int_equal(rc, SQL_ERROR);
	assert_int_equal(sql_fault(fx->db), SQL_FAULT_CHECK);
	sql_rollback(fx->db);
	s = prep(fx->db, "SELECT count(*) FROM c");
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), 3);
	done(s, fx->db);
	sql_finalize(s);

	/* A copy left part-way is abandoned by the rollback. */
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(sql_copy_begin(fx->db, "COPY c(k, t) FROM STDIN"),
	    SQL_OK);
	v[0].i = 20;
	assert_int_equal(sql_copy_row(fx->db, v, 2), SQL_OK);
	sql_rollback(fx->db);
	s = prep(fx->db, "SELECT count(*) FROM c");
	row(s, fx->db);
	assert_int_equal(sql_col_int64(s, 0), 3);
	done(s, fx->db);
	sql_finalize(s);
}

static int
find_server(void)
{
	const char *v = getenv("COMPLAINTS_TEST_PG"), *d;
	char path[1024];
	FILE *f;
	size_t n;

	if (v != NULL && *v != '\0') {
		snprintf(server, sizeof(server), "%s", v);
		return 1;
	}
	if ((d = getenv("COMPLAINTS_TEST_PG_DIR")) == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/conninfo", d);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(server, 1, sizeof(server) - 1, f);
	fclose(f);
	server[n] = '\0';
	server[strcspn(server, "\n")] = '\0';
	return server[0] != '\0';
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest on_engine[] = {
		cmocka_unit_test_setup_teardown(placeholders, setup, teardown),
		cmocka_unit_test_setup_teardown(literals_untouched, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(int64_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(nulls, setup, teardown),
		cmocka_unit_test_setup_teardown(utf8_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(blobs_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(million_rows_flat, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(nested_statements, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(changes_counted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(constraints_told, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(lock_timeout_busy, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(begin_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_ends_a_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(deferred_writes_kept, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(copy_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(deferred_failure_told, setup,
		    teardown),
	};
	const struct CMUnitTest paths[] = {
		cmocka_unit_test(engine_of_paths),
		cmocka_unit_test(postgres_paths_refused),
	};
	int failed;

	if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
		if (!sql_engine_built(SQL_POSTGRES)) {
			printf("skip: built without PostgreSQL support\n");
			return 77;
		}
		if (!find_server()) {
			printf("skip: no PostgreSQL server to test on (set "
			    "COMPLAINTS_TEST_PG, or start tests/pg-server.sh)\n");
			return 77;
		}
		engine = SQL_POSTGRES;
		return cmocka_run_group_tests_name("sql on PostgreSQL",
		    on_engine, NULL, NULL);
	}
	failed = cmocka_run_group_tests_name("sql paths", paths, NULL, NULL);
	return failed + cmocka_run_group_tests_name("sql on SQLite", on_engine,
	    NULL, NULL);
}
