/*
 * test_schema_pg.c: the store's schema on PostgreSQL
 * (lib/store_schema_pg.c) is the schema of a fresh SQLite store, made
 * by the real code in a temporary directory: the same tables and views
 * with the same columns in the same order (their NOT NULL, defaults and
 * primary keys too), the same indexes, foreign keys, unique constraints
 * and fixed rows; its version, its lock, its search index, and the
 * database settings it refuses.
 *
 * Every case runs in a new database of its own on the server whose
 * connection string COMPLAINTS_TEST_PG gives, or that the file conninfo
 * in COMPLAINTS_TEST_PG_DIR holds (ctest's fixture, tests/pg-server.sh).
 * With no server, or a build without PostgreSQL, it says why and exits
 * 77, which ctest reports as a skip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "sql.h"
#include "store.h"
#ifdef CPL_HAVE_POSTGRES
#include "store_schema_pg.h"

/* The server's connection string. */
static char server[1024];
static int n_databases;

struct fixture {
	char dbname[64];	/* the database made for the case */
	char path[1200];	/* its connection string */
	struct sql *db;
	char lite_dir[64];	/* a fresh SQLite store's directory, or "" */
};

static struct sql *
open_or_fail(const char *path, int flags, int wait)
{
	struct cpl_error err = {0};
	struct sql *db;

	if (sql_open(path, flags, wait, &db, &err) != 0)
		fail_msg("%s", err.msg);
	return db;
}

static void
ok_exec(struct sql *db, const char *text)
{
	struct cpl_error err = {0};

	if (sql_exec(db, text) != SQL_OK) {
		sql_fail(db, &err, "exec");
		fail_msg("%s: %s", text, err.msg);
	}
}

/* Run text (a statement of the server) on a connection of its own to
 * the server's first database. */
static void
admin_exec(const char *text)
{
	struct sql *admin = open_or_fail(server, 0, 5);

	ok_exec(admin, text);
	sql_close(admin);
}

/* A new database named name, made with these settings (after
 * TEMPLATE template0), and its connection string in path. */
static void
make_database(char *name, size_t name_len, char *path, size_t path_len,
    const char *settings)
{
	char sql[512];

	snprintf(name, name_len, "cpl_schema_%ld_%d", (long)getpid(),
	    ++n_databases);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE template0 %s",
	    name, settings);
	admin_exec(sql);
	snprintf(path, path_len, "%s dbname=%s", server, name);
}

static void
drop_database(const char *name)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", name);
	admin_exec(sql);
}

static void
remove_sqlite_store(const char *dir)
{
	static const char *const files[] = {"complaints.db",
	    "complaints.db-wal", "complaints.db-shm",
	    "complaints.db-journal"};
	char path[128];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	make_database(fx->dbname, sizeof(fx->dbname), fx->path,
	    sizeof(fx->path), "ENCODING 'UTF8' LC_COLLATE 'C'"
	    " LC_CTYPE 'C.UTF-8'");
	fx->db = open_or_fail(fx->path, 0, 5);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	sql_close(fx->db);
	drop_database(fx->dbname);
	if (fx->lite_dir[0] != '\0')
		remove_sqlite_store(fx->lite_dir);
	free(fx);
	return 0;
}

/* schema_create_pg in a write of its own, or fail with its message. */
static void
create_or_fail(struct sql *db)
{
	struct cpl_error err = {0};

	assert_int_equal(sql_begin_write(db), SQL_OK);
	if (schema_create_pg(db, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(sql_commit(db), SQL_OK);
}

/*
 * The rows text gives on db, a line each, their columns joined by
 * spaces (NULL as "-"); text binds ?1 to arg when arg is not NULL.
 * Free the result.
 */
static char *
rows(struct sql *db, const char *text, const char *arg)
{
	struct cpl_error err = {0};
	struct sql_stmt *s;
	size_t len = 0, cap = 256;
	char *out = malloc(cap);
	int rc;

	assert_non_null(out);
	out[0] = '\0';
	if (sql_prepare(db, text, &s) != SQL_OK) {
		sql_fail(db, &err, "prepare");
		fail_msg("%s: %s", text, err.msg);
	}
	if (arg != NULL)
		sql_bind_text(s, 1, arg);
	while ((rc = sql_step(s)) == SQL_ROW) {
		for (int i = 0; i < sql_col_count(s); i++) {
			const char *v = sql_col_text(s, i);
			size_t n = strlen(v ? v : "-") + 2;

			if (len + n + 1 > cap) {
				cap = (len + n + 1) * 2;
				assert_non_null(out = realloc(out, cap));
			}
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
			    i > 0 ? " " : "", v ? v : "-");
		}
		if (len + 2 > cap)
			assert_non_null(out = realloc(out, cap *= 2));
		out[len++] = '\n';
		out[len] = '\0';
	}
	if (rc != SQL_DONE) {
		sql_fail(db, &err, "step");
		fail_msg("%s: %s", text, err.msg);
	}
	sql_finalize(s);
	return out;
}

/* Assert that text gives the same rows on both connections. */
static void
same_rows(struct sql *lite, const char *lite_text, struct sql *pg,
    const char *pg_text)
{
	char *want = rows(lite, lite_text, NULL), *got = rows(pg, pg_text,
	    NULL);

	assert_true(strlen(want) > 0);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

/* A fresh SQLite store, made by store_open as init makes one, in a
 * temporary directory: its path in path. */
static void
fresh_sqlite_store(char *dir, char *path, size_t len)
{
	struct cpl_error err = {0};
	struct store *st;
	int taken = 0;

	strcpy(dir, "/tmp/cpl-schema-unit.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, len, "%s/complaints.db", dir);
	if (store_open(path, STORE_CREATE, &st, &err) != 0 ||
	    store_publish(&st, &taken, &err) != 0)
		fail_msg("%s", err.msg);
	assert_false(taken);
}

/* Of SQLite's schema m: its tables and views but its own (sqlite_*) and
 * FTS5's shadow tables of case_search (case_search_data, ...;
 * case_search_text is a view). */
#define LITE_RELATIONS \
	" (m.type = 'table' OR m.type = 'view')" \
	" AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'" \
	" AND NOT (m.type = 'table' AND m.name LIKE 'case\\_search\\_%'" \
	"  ESCAPE '\\')"
/* Of PostgreSQL's pg_class t: the tables and views of the store's
 * schema, joined to it as ns. */
#define PG_RELATIONS \
	" pg_class t JOIN pg_namespace ns ON ns.oid = t.relnamespace" \
	"  AND ns.nspname = current_schema()" \
	"  AND (t.relkind = 'r' OR t.relkind = 'v')"
/* The tables only PostgreSQL has (the search index's columns are its
 * own, and the version is SQLite's user_version). */
#define PG_ONLY " t.relname <> 'case_search' AND t.relname <> 'schema_version'"

/* (1) Every table and view of a fresh SQLite store, with its columns in
 * order, their NOT NULL, defaults and place in the primary key; the
 * indexes by name, their tables, uniqueness and partiality; the foreign
 * keys and unique constraints; the triggers by name and table. */
static void
same_tables_columns_indexes(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	struct sql *lite;

	fresh_sqlite_store(fx->lite_dir, path, sizeof(path));
	lite = open_or_fail(path, 0, 5);
	create_or_fail(fx->db);

	/* The relations, and what each is: the search index is a table on
	 * both, and the version a table on PostgreSQL only. */
	same_rows(lite, "SELECT name, kind FROM (SELECT m.name AS name,"
	    " m.type AS kind FROM sqlite_master m WHERE" LITE_RELATIONS
	    " UNION ALL SELECT 'schema_version', 'table') ORDER BY name",
	    fx->db, "SELECT t.relname, CASE t.relkind WHEN 'r' THEN 'table'"
	    " ELSE 'view' END FROM" PG_RELATIONS " ORDER BY t.relname");
	/* The columns of each: name, place, NOT NULL, default, place in
	 * the primary key. */
	same_rows(lite, "SELECT m.name, p.cid, p.name,"
	    " p.\"notnull\" OR p.pk > 0, coalesce(p.dflt_value, ''), p.pk"
	    " FROM sqlite_master m, pragma_table_info(m.name) p WHERE"
	    LITE_RELATIONS " AND m.name <> 'case_search'"
	    " ORDER BY m.name, p.cid", fx->db,
	    "SELECT t.relname, a.attnum - 1, a.attname,"
	    " CAST(a.attnotnull AS INT),"
	    " coalesce(pg_get_expr(d.adbin, d.adrelid), ''),"
	    " coalesce(array_position(k.conkey, a.attnum), 0) FROM" PG_RELATIONS
	    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0"
	    "  AND NOT a.attisdropped"
	    " LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum"
	    " LEFT JOIN pg_constraint k ON k.conrelid = t.oid"
	    "  AND k.contype = 'p'"
	    " WHERE" PG_ONLY " ORDER BY t.relname, a.attnum");
	/* The indexes made by name (not those of a key or UNIQUE):
	 * table, unique, partial. */
	same_rows(lite, "SELECT i.name, m.name, i.\"unique\", i.partial"
	    " FROM sqlite_master m, pragma_index_list(m.name) i"
	    " WHERE m.type = 'table' AND i.origin = 'c' ORDER BY i.name",
	    fx->db, "SELECT i.relname, t.relname, CAST(x.indisunique AS INT),"
	    " CAST(x.indpred IS NOT NULL AS INT) FROM" PG_RELATIONS
	    " JOIN pg_index x ON x.indrelid = t.oid"
	    " JOIN pg_class i ON i.oid = x.indexrelid"
	    " WHERE" PG_ONLY " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
	    "  WHERE c.conindid = x.indexrelid"
	    "  AND (c.contype = 'p' OR c.contype = 'u'))"
	    " ORDER BY i.relname");
	/* The foreign keys, a line a column. */
	same_rows(lite, "SELECT m.name, f.\"from\", f.\"table\", f.\"to\""
	    " FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
	    " WHERE m.type = 'table' ORDER BY 1, 2, 3, 4", fx->db,
	    "SELECT t.relname, a.attname, r.relname, ra.attname FROM"
	    PG_RELATIONS " JOIN pg_constraint c ON c.conrelid = t.oid"
	    "  AND c.contype = 'f'"
	    " JOIN unnest(c.conkey, c.confkey) AS u(k, rk) ON true"
	    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.k"
	    " JOIN pg_class r ON r.oid = c.confrelid"
	    " JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = u.rk"
	    " WHERE" PG_ONLY " ORDER BY 1, 2, 3, 4");
	/* The UNIQUE constraints, a line a column. */
	same_rows(lite, "SELECT m.name, c.name"
	    " FROM sqlite_master m, pragma_index_list(m.name) i,"
	    "  pragma_index_info(i.name) c"
	    " WHERE m.type = 'table' AND i.origin = 'u' ORDER BY 1, 2", fx->db,
	    "SELECT t.relname, a.attname FROM" PG_RELATIONS
	    " JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'u'"
	    " JOIN pg_attribute a ON a.attrelid = t.oid"
	    "  AND a.attnum = ANY (c.conkey)"
	    " WHERE" PG_ONLY " ORDER BY 1, 2");
	/* The triggers, by name and table. */
	same_rows(lite, "SELECT name, tbl_name FROM sqlite_master"
	    " WHERE type = 'trigger' ORDER BY name", fx->db,
	    "SELECT g.tgname, t.relname FROM" PG_RELATIONS
	    " JOIN pg_trigger g ON g.tgrelid = t.oid AND NOT g.tgisinternal"
	    " ORDER BY g.tgname");
	sql_close(lite);
}

/* (2) The fixed rows: the words of the vocabularies, and what a fresh
 * store's other tables hold (nothing, until init adds its own); the
 * next word added takes the next id on both, so the identity has been
 * moved on past the fixed ids. */
static void
same_fixed_rows(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	struct sql *lite;

	fresh_sqlite_store(fx->lite_dir, path, sizeof(path));
	lite = open_or_fail(path, 0, 5);
	create_or_fail(fx->db);
	same_rows(lite, "SELECT id, word, key FROM words ORDER BY id", fx->db,
	    "SELECT id, word, key FROM words ORDER BY id");
	same_rows(lite, "SELECT (SELECT count(*) FROM settings),"
	    " (SELECT count(*) FROM ref_numbers),"
	    " (SELECT count(*) FROM policy_versions),"
	    " (SELECT count(*) FROM case_rows)", fx->db,
	    "SELECT (SELECT count(*) FROM settings),"
	    " (SELECT count(*) FROM ref_numbers),"
	    " (SELECT count(*) FROM policy_versions),"
	    " (SELECT count(*) FROM case_rows)");
	same_rows(lite, "INSERT INTO words(word, key) VALUES ('officer.a',"
	    " 'officer.a') RETURNING id", fx->db,
	    "INSERT INTO words(word, key) VALUES ('officer.a', 'officer.a')"
	    " RETURNING id");
	sql_close(lite);
}

/* (3) The version: 0 on an empty database, STORE_SCHEMA_VERSION once
 * made; a second schema_create_pg is refused. */
static void
version_before_and_after(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	int v = -1;

	assert_int_equal(schema_version_pg(fx->db, &v, &err), 0);
	assert_int_equal(v, 0);
	create_or_fail(fx->db);
	assert_int_equal(schema_version_pg(fx->db, &v, &err), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);

	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(schema_create_pg(fx->db, &err), CPL_STORE);
	assert_non_null(strstr(err.msg, "is another program's database, not "
	    "a complaints database"));
	sql_rollback(fx->db);

	/* An upgrade from the current version does nothing; one from a
	 * version no PostgreSQL store has, or a newer one, is refused. */
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	assert_int_equal(schema_upgrade_pg(fx->db, STORE_SCHEMA_VERSION, &err),
	    0);
	assert_int_equal(schema_upgrade_pg(fx->db, 17, &err), CPL_STORE);
	assert_non_null(strstr(err.msg, "can't upgrade the schema from "
	    "version 17: a PostgreSQL store starts at version 18"));
	assert_int_equal(schema_upgrade_pg(fx->db, STORE_SCHEMA_VERSION + 1,
	    &err), CPL_STORE);
	sql_rollback(fx->db);
	assert_int_equal(schema_version_pg(fx->db, &v, &err), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
}

/* Milliseconds since t0. */
static long
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* (4) The lock: while another process holds it in an open transaction,
 * a connection that will not wait fails as busy, and one that waits
 * gets it when the other commits, not before. */
static void
lock_takes_turns(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};
	struct sql *nowait, *waits;
	struct timespec t0;
	int ready[2], status;
	char c;
	pid_t pid;

	assert_int_equal(pipe(ready), 0);
	if ((pid = fork()) == 0) {
		/* The holder: its own connection, the lock, then 800 ms
		 * before it commits. */
		struct sql *holder;
		struct cpl_error e = {0};

		close(ready[0]);
		if (sql_open(fx->path, 0, 5, &holder, &e) != 0 ||
		    sql_begin_write(holder) != SQL_OK ||
		    schema_lock_pg(holder, &e) != 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep(800 * 1000);
		_exit(sql_commit(holder) == SQL_OK ? 0 : 1);
	}
	assert_true(pid > 0);
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	nowait = open_or_fail(fx->path, 0, 0);
	assert_int_equal(sql_begin_write(nowait), SQL_OK);
	assert_int_equal(schema_lock_pg(nowait, &err), CPL_STORE);
	assert_int_equal(sql_fault(nowait), SQL_FAULT_BUSY);
	assert_non_null(strstr(err.msg, "can't take the schema's lock: "
	    "another process has held the database"));
	sql_rollback(nowait);
	sql_close(nowait);

	waits = open_or_fail(fx->path, 0, 10);
	assert_int_equal(sql_begin_write(waits), SQL_OK);
	if (schema_lock_pg(waits, &err) != 0)
		fail_msg("%s", err.msg);
	/* It had to wait for the holder's commit. */
	assert_true(since(&t0) >= 600);
	assert_int_equal(sql_commit(waits), SQL_OK);
	sql_close(waits);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Outside a transaction it is refused: the lock would go at once. */
	assert_int_equal(schema_lock_pg(fx->db, &err), CPL_STORE);
}

/* The number of cases the search index finds for words, their accents
 * taken off as the documents' are. */
static int
found(struct sql *db, const char *words)
{
	char *r = rows(db, "SELECT count(*) FROM case_search"
	    " WHERE doc @@ plainto_tsquery('simple', case_search_fold(?1))",
	    words);
	int n = atoi(r);

	free(r);
	return n;
}

/* (5) The search index follows a case's complainant, category, summary
 * and notes (only notes) as SQLite's triggers do. */
static void
search_follows_the_case(void **state)
{
	struct fixture *fx = *state;

	create_or_fail(fx->db);
	assert_int_equal(sql_begin_write(fx->db), SQL_OK);
	ok_exec(fx->db, "INSERT INTO words(word, key) VALUES"
	    " ('officer.a', 'officer.a');"
	    "INSERT INTO policy_versions(id, policy, body, added)"
	    " VALUES (1, 'demo', 'id: demo', '2026-01-05');"
	    "INSERT INTO case_rows(id, ref, policy_version, kind, anonymous,"
	    " complainant, consent, category, summary, received, logged_by)"
	    " VALUES (7, 'DEMO-2026-00001', 1, 1, 0, 'Siân JONES', 0,"
	    " 'Waste', 'Bins missed', 20458,"
	    " (SELECT id FROM words WHERE word = 'officer.a'));"
	    "INSERT INTO case_rows(id, ref, policy_version, kind, anonymous,"
	    " complainant, consent, received, logged_by)"
	    " VALUES (8, 'DEMO-2026-00002', 1, 1, 0, 'Ola Nowak', 0, 20458,"
	    " (SELECT id FROM words WHERE word = 'officer.a'));"
	    /* a note, and an event of another kind with a detail */
	    "INSERT INTO event_rows(case_id, stage, date, recorded, officer,"
	    " action, detail) VALUES (7, 1, 20458, 1767571200000,"
	    " (SELECT id FROM words WHERE word = 'officer.a'), 21,"
	    " 'Called on Tuesday about the crew');"
	    "INSERT INTO event_rows(case_id, stage, date, recorded, officer,"
	    " action, detail) VALUES (7, 1, 20458, 1767571200001,"
	    " (SELECT id FROM words WHERE word = 'officer.a'), 12,"
	    " 'upheld on Wednesday');");
	assert_int_equal(sql_commit(fx->db), SQL_OK);
	assert_int_equal(found(fx->db, "siân"), 1);
	assert_int_equal(found(fx->db, "SIÂN jones"), 1);
	/* accents folded as FTS5's remove_diacritics folds them */
	assert_int_equal(found(fx->db, "sian"), 1);
	assert_int_equal(found(fx->db, "bins waste"), 1);
	assert_int_equal(found(fx->db, "tuesday"), 1);
	assert_int_equal(found(fx->db, "jones tuesday crew"), 1);
	assert_int_equal(found(fx->db, "wednesday"), 0);
	assert_int_equal(found(fx->db, "nowak"), 1);

	/* The complainant changed (case_search_changed): the old name
	 * is gone, the new one found, the notes kept. */
	ok_exec(fx->db, "UPDATE case_rows SET complainant = 'Alex Smith'"
	    " WHERE id = 7");
	assert_int_equal(found(fx->db, "jones"), 0);
	assert_int_equal(found(fx->db, "smith tuesday"), 1);
	/* The note changed (case_search_note_changed). */
	ok_exec(fx->db, "UPDATE event_rows SET detail = 'Emailed the depot'"
	    " WHERE action = 21");
	assert_int_equal(found(fx->db, "tuesday"), 0);
	assert_int_equal(found(fx->db, "depot smith"), 1);
	/* A second note joins the first (case_search_noted). */
	ok_exec(fx->db, "INSERT INTO event_rows(case_id, stage, date,"
	    " recorded, officer, action, detail) VALUES (7, 1, 20459,"
	    " 1767657600000, 22, 21, 'Crew retrained')");
	assert_int_equal(found(fx->db, "depot retrained"), 1);
	/* The purge's empty texts leave nothing of them. */
	ok_exec(fx->db, "UPDATE case_rows SET complainant = NULL,"
	    " category = NULL, summary = NULL WHERE id = 7;"
	    "UPDATE event_rows SET detail = '' WHERE action = 21");
	assert_int_equal(found(fx->db, "smith"), 0);
	assert_int_equal(found(fx->db, "depot"), 0);
	assert_int_equal(found(fx->db, "bins"), 0);
}

/* A database made with settings (after TEMPLATE template0) is refused
 * with a message that says how to make one, and nothing is made in it. */
static void
refused_with(const char *settings, const char *names)
{
	struct cpl_error err = {0};
	char name[64], path[1200];
	struct sql *db;
	int v = -1;

	make_database(name, sizeof(name), path, sizeof(path), settings);
	db = open_or_fail(path, 0, 5);
	assert_int_equal(sql_begin_write(db), SQL_OK);
	assert_int_equal(schema_create_pg(db, &err), CPL_STORE);
	sql_rollback(db);
	assert_null(strchr(err.msg, '\n'));
	assert_non_null(strstr(err.msg, names));
	assert_non_null(strstr(err.msg, "can't hold a complaints store"));
	assert_non_null(strstr(err.msg, "make the database with CREATE "
	    "DATABASE"));
	assert_non_null(strstr(err.msg, "LC_COLLATE 'C'"));
	assert_int_equal(schema_collation_pg(db, &err), CPL_STORE);
	assert_int_equal(schema_version_pg(db, &v, &err), 0);
	assert_int_equal(v, 0);
	sql_close(db);
	drop_database(name);
}

/* (6) A database whose text would sort or fold otherwise is refused. */
static void
collation_refused(void **state)
{
	struct fixture *fx = *state;
	struct cpl_error err = {0};

	/* The fixture's own database will do. */
	assert_int_equal(schema_collation_pg(fx->db, &err), 0);
	refused_with("ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'",
	    "its collation is 'C.UTF-8', not C");
	refused_with("ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-GB'"
	    " LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", "its locale is ICU's");
	refused_with("ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
	    "its character type is 'C', not a UTF-8 one");
	refused_with("ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'",
	    "its encoding is 'SQL_ASCII', not UTF8");
}

/* The server's connection string, or 0 when there is none to test on. */
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
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_tables_columns_indexes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(same_fixed_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(version_before_and_after, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(lock_takes_turns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search_follows_the_case, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(collation_refused, setup,
		    teardown),
	};

	if (!find_server()) {
		printf("skip: no PostgreSQL server to test on (set "
		    "COMPLAINTS_TEST_PG, or start tests/pg-server.sh)\n");
		return 77;
	}
	return cmocka_run_group_tests_name("the schema on PostgreSQL", tests,
	    NULL, NULL);
}
#else
int
main(void)
{
	printf("skip: built without PostgreSQL support\n");
	return 77;
}
#endif
