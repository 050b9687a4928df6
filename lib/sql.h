/*
 * sql.h: one statement-level driver for the store's two engines, SQLite
 * (a file) and PostgreSQL (a server, through libpq), so that the store's
 * SQL is written once, in the subset both run (SQLite 3.40, PostgreSQL
 * 15), and engine-specific code is left only where the engines really
 * differ (search, the reports' working-day tables, bulk import, the
 * locks a write takes). lib/sql.c holds what both share, lib/sql_sqlite.c
 * and lib/sql_pg.c one engine each; docs/POSTGRES.md the design.
 *
 * Which engine: sql_engine_of(path). "postgresql://..." or
 * "postgres://..." (a libpq URI), or a libpq key=value string
 * ("host=/run/pg dbname=complaints": a keyword, then "="), is a server;
 * anything else is an SQLite file ("./a=b.db" is a file). A connection
 * string never carries a password: libpq's own sources give it
 * (~/.pgpass, PGPASSFILE, a service file), and TLS comes from theirs too
 * (PGSSLMODE, sslmode in a service file), never from a command line.
 *
 * Statements are written with numbered placeholders, ?1 ?2 ..., as the
 * store's SQL is (a bare ? is the next number, as SQLite counts). For
 * PostgreSQL they become $1 $2 ..., outside string literals, quoted
 * identifiers and comments. A statement that ends in "FOR UPDATE" (the
 * row lock a write takes on PostgreSQL in its first read) is run without
 * those words on SQLite, whose write transaction already holds the whole
 * file.
 *
 * Values are bound as int64, text or NULL, and read back as int64, text
 * or double; a column's kind is sql_col_type. On PostgreSQL each
 * statement is prepared at its first step, when the bound values' types
 * are known (int8 for an int64, text for a text), and again when a later
 * step binds another type. A NULL carries no type: where the server
 * cannot infer one from the SQL (?1 IS NULL on its own, a select list),
 * the SQL says it, CAST(?1 AS TEXT). A number bound but not used in the
 * SQL is sent as text, so a statement may skip one. Rows are read one at
 * a time (libpq's single-row mode): a million-row report never holds its
 * result in memory. One statement at a time streams on a connection;
 * when another runs while a statement is part-way through its rows (a
 * row function that reads the store again), the rest of the first one's
 * rows are read into memory, then stepped from there.
 *
 * Errors: a call that fails returns SQL_ERROR (or -1) and leaves the
 * failure in the connection: sql_fault says what kind it was, sql_errmsg
 * the engine's text, and sql_fail makes it the store's message, "PATH:
 * what: ...", with the plain words of store.c for a lock held too long,
 * a full disk, a file that can't be written; a constraint failure
 * (unique, foreign key, check, not null) is a fault of its own.
 *
 * The store's wrappers on it, one for one (lib/store.c, store_int.h):
 *   sqlite3_open_v2 + busy handler     sql_open (its wait: store_wait's)
 *   sqlite3_close                      sql_close
 *   prepare()'s sqlite3_prepare_v2     sql_prepare
 *   finish(): reset + clear_bindings   sql_reset + sql_clear_bindings
 *   sqlite3_finalize                   sql_finalize
 *   sqlite3_bind_int/int64             sql_bind_int64
 *   bind_text, bind_name_key           sql_bind_text (NULL text: NULL)
 *   bind_text_static                   sql_bind_text_static
 *   sqlite3_bind_blob64                sql_bind_blob
 *   bind_date, bind_stamp              sql_bind_int64 / sql_bind_null
 *   sqlite3_bind_null                  sql_bind_null
 *   sqlite3_step                       sql_step (SQL_ROW, SQL_DONE, SQL_ERROR)
 *   run(), each_row(), gather()        the same loops over sql_step
 *   sqlite3_column_int/int64           sql_col_int64
 *   sqlite3_column_text, col_text      sql_col_text (NULL for NULL)
 *   sqlite3_column_double              sql_col_double
 *   sqlite3_column_type (col_date,     sql_col_type (SQL_NULL, SQL_INT,
 *     col_stamp, row_text)               SQL_FLOAT, SQL_TEXT, SQL_BLOB)
 *   sqlite3_column_count/name          sql_col_count / sql_col_name
 *   sqlite3_changes                    sql_changes
 *   sqlite3_total_changes64            sql_total_changes
 *   sqlite3_last_insert_rowid          "INSERT ... RETURNING id", read as
 *                                        a row (the store's insert_id:
 *                                        SQLite's own last row id where
 *                                        the insert is hot)
 *   sqlite3_column_blob/bytes          sql_col_blob
 *   exec()'s sqlite3_exec              sql_exec
 *   "BEGIN IMMEDIATE"                  sql_begin_write
 *   "BEGIN DEFERRED"                   sql_begin_read
 *   "COMMIT", "ROLLBACK"               sql_commit, sql_rollback
 *   sqlite3_get_autocommit             !sql_in_transaction
 *   db_fail, fail_rc, fail_with        sql_fail (sql_fault for the kind)
 *   what is SQLite's alone (blob I/O,  sql_sqlite3 (the sqlite3 handle),
 *     checkpoints, cache flush,          NULL on PostgreSQL; sql_pgconn
 *     busy handler, db_config)           for libpq's
 */
#ifndef CPL_SQL_H
#define CPL_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The handles of each engine's own library, for what only it does. */
struct sqlite3;
struct pg_conn;

enum sql_engine {
	SQL_SQLITE,		/* a file */
	SQL_POSTGRES,		/* a server */
};

/* The engine of a store's path (see above). */
enum sql_engine sql_engine_of(const char *path);
/* Whether this build has the engine: PostgreSQL only where the build
 * found libpq. */
int sql_engine_built(enum sql_engine engine);

/* sql_step's results, and the failure of any call. */
enum {
	SQL_OK = 0,
	SQL_ERROR = 1,
	SQL_ROW = 100,
	SQL_DONE = 101,
};

/* What kind of failure the connection's last one was. */
enum sql_fault {
	SQL_FAULT_NONE = 0,
	SQL_FAULT_OTHER,	/* anything not below: the engine's words */
	SQL_FAULT_NOMEM,	/* out of memory, here */
	SQL_FAULT_BUSY,		/* another's lock held past the wait
				 * (SQLite BUSY or LOCKED; PostgreSQL 55P03
				 * lock_not_available) */
	SQL_FAULT_CONFLICT,	/* a write that met another's at the same
				 * rows (40001 serialization_failure, 40P01
				 * deadlock_detected): try again */
	SQL_FAULT_CANCELED,	/* the server cancelled the statement
				 * (57014 query_canceled: a timeout, or an
				 * administrator) */
	SQL_FAULT_FULL,		/* the disk is full (53100 disk_full) */
	SQL_FAULT_IO,		/* the disk could not be read or written */
	SQL_FAULT_READ_ONLY,	/* opened to read only, or made so (25006) */
	SQL_FAULT_READ_ONLY_DIR,	/* SQLite: the file's directory can't
					 * be written (its -wal and -shm) */
	SQL_FAULT_CANT_OPEN,	/* SQLite: the file, or the files beside
				 * it, went or became unusable */
	SQL_FAULT_CONNECTION,	/* PostgreSQL: the connection was lost */
	SQL_FAULT_NOT_UTF8,	/* PostgreSQL: a text with a byte that is not
				 * UTF-8 (22021 character_not_in_repertoire) */
	/* Constraint failures (SQLite CONSTRAINT; SQLSTATE class 23): */
	SQL_FAULT_UNIQUE,	/* unique or primary key (23505) */
	SQL_FAULT_FOREIGN_KEY,	/* 23503 */
	SQL_FAULT_CHECK,	/* 23514 */
	SQL_FAULT_NOT_NULL,	/* 23502 */
	SQL_FAULT_CONSTRAINT,	/* another of class 23 */
};

/* Whether a fault is a constraint's failure (unique ... constraint). */
int sql_fault_is_constraint(enum sql_fault fault);

/* A column's kind in the row just stepped to: on SQLite the value's own
 * type; on PostgreSQL the column's (a numeric with no fraction is
 * SQL_INT, as SQLite's sum of integers is an integer). */
enum sql_type {
	SQL_NULL,
	SQL_INT,
	SQL_FLOAT,
	SQL_TEXT,
	SQL_BLOB,
};

/* How sql_open opens. */
enum {
	SQL_READ_ONLY = 1,	/* no write (SQLite: opened read-only;
				 * PostgreSQL: every transaction read only) */
	SQL_URI = 2,		/* SQLite: path is a "file:" URI (the
				 * store's immutable read) */
	SQL_CREATE = 4,		/* SQLite: make the file if it is not there
				 * (the store makes its files itself) */
};

struct sql;
struct sql_stmt;

/*
 * A connection to the store at path. wait is how many seconds a
 * statement waits for another's lock before it fails as SQL_FAULT_BUSY
 * (the store's store_wait, from COMPLAINTS_WAIT): SQLite's busy timeout
 * (the store may set its own busy handler through sql_sqlite3), and
 * PostgreSQL's lock_timeout (0: fail at once). A PostgreSQL connection
 * also sets jit = off, client_encoding UTF8 and application_name
 * complaints, and refuses a server older than 15 and a connection string
 * that holds a password. CPL_STORE when it can't connect.
 */
int sql_open(const char *path, int flags, int wait, struct sql **out,
    struct cpl_error *err);
/* As sql_open, the messages naming the store name rather than path (the
 * store opens a new store's temporary file, or a URI of its file, under
 * the name the officer gave). */
int sql_open_as(const char *path, const char *name, int flags, int wait,
    struct sql **out, struct cpl_error *err);
/* Close db and finalize what statements it still has; NULL is a no-op. */
void sql_close(struct sql *db);
enum sql_engine sql_engine(const struct sql *db);
/* The store's name in messages: the path it was opened with, or
 * sql_open_as's name. */
const char *sql_path(const struct sql *db);
/* Why db can't be written, for the message of a write that fails so
 * (store.c's read_only): the end of "the database can't be written: ...". */
void sql_set_read_only_reason(struct sql *db, const char *why);

/*
 * A statement of text (one statement; the placeholders above). On
 * PostgreSQL nothing is sent yet: an error in the SQL shows at the first
 * step. SQL_ERROR (sql_fail says why) when it can't be prepared.
 */
int sql_prepare(struct sql *db, const char *text, struct sql_stmt **out);
/* Bind the i-th placeholder (from 1). A number past the statement's
 * placeholders is ignored; out of memory shows at the next step. */
void sql_bind_int64(struct sql_stmt *s, int i, int64_t v);
/* Text, copied; a NULL v binds NULL. */
void sql_bind_text(struct sql_stmt *s, int i, const char *v);
/* As sql_bind_text, without a copy where the engine can take the text
 * as it is (SQLite): v must stay as it is until the statement has been
 * stepped to its end and its bindings cleared. For the writes a bulk
 * import makes for every row. */
void sql_bind_text_static(struct sql_stmt *s, int i, const char *v);
void sql_bind_null(struct sql_stmt *s, int i);
/* Bytes, n of them, copied (a document's piece); a NULL v binds NULL,
 * and n 0 an empty blob. PostgreSQL takes them as a bytea in binary,
 * as they are, not written out as text. */
void sql_bind_blob(struct sql_stmt *s, int i, const void *v, size_t n);
/* Every placeholder NULL again. */
void sql_clear_bindings(struct sql_stmt *s);
/* The next row (SQL_ROW), the end (SQL_DONE), or SQL_ERROR. After
 * SQL_DONE or SQL_ERROR, the next step runs the statement again. */
int sql_step(struct sql_stmt *s);
/* Back to before the first step, bindings kept. A statement stopped
 * part-way: on PostgreSQL a read outside any transaction is cancelled
 * on the server; otherwise the rest of its rows are read and dropped, so
 * a query stopped early should say LIMIT. */
void sql_reset(struct sql_stmt *s);
/* Reset and forget s (on PostgreSQL, DEALLOCATE). NULL is a no-op. */
void sql_finalize(struct sql_stmt *s);

/* The columns of the row just stepped to (on PostgreSQL, known from the
 * first step; on SQLite, from the prepare). */
int sql_col_count(struct sql_stmt *s);
const char *sql_col_name(struct sql_stmt *s, int i);
enum sql_type sql_col_type(struct sql_stmt *s, int i);
/* A column's value: 0 for NULL (a text read as its leading number). */
int64_t sql_col_int64(struct sql_stmt *s, int i);
double sql_col_double(struct sql_stmt *s, int i);
/* As text, good until the next step or reset; NULL for NULL. */
const char *sql_col_text(struct sql_stmt *s, int i);
/* A blob's bytes and their number, good until the next step or reset;
 * NULL (and 0) for NULL or out of memory. */
const void *sql_col_blob(struct sql_stmt *s, int i, int *len);

/* Rows inserted, updated or deleted by the last such statement done,
 * and by all of them since the connection was opened. */
int64_t sql_changes(struct sql *db);
int64_t sql_total_changes(struct sql *db);

/* Run text that binds nothing: one statement or several (a migration).
 * SQL_OK or SQL_ERROR. */
int sql_exec(struct sql *db, const char *text);
/*
 * A write, one transaction: on SQLite BEGIN IMMEDIATE (the file's write
 * lock taken first); on PostgreSQL BEGIN, READ COMMITTED, and the write's
 * first read locks the rows it will change (FOR UPDATE). A read: one
 * snapshot for every query until sql_commit (SQLite BEGIN DEFERRED in
 * WAL; PostgreSQL REPEATABLE READ, READ ONLY). SQL_OK or SQL_ERROR.
 */
int sql_begin_write(struct sql *db);
int sql_begin_read(struct sql *db);
int sql_commit(struct sql *db);
/* Roll back what is open, if anything; never fails. A statement part-way
 * through its rows ends with it (reset it before stepping it again). */
void sql_rollback(struct sql *db);
/* Inside a transaction (sqlite3_get_autocommit's opposite). */
int sql_in_transaction(struct sql *db);

/*
 * A batch of writes whose results are not read (a bulk import's rows):
 * from sql_defer_begin on, a statement that is an INSERT, UPDATE or
 * DELETE with no RETURNING, stepped inside a write transaction, may be
 * sent without waiting for its reply: its step returns SQL_DONE at once.
 * On PostgreSQL such statements go down libpq's pipeline, and their
 * replies are read, in order, before anything else is sent (a read, a
 * statement with RETURNING, sql_changes, sql_exec, a commit): one round
 * trip for the run of writes, not one each. A deferred statement that
 * failed fails the next call that reads its replies (the step, exec or
 * commit), with its own fault and text, and every call after it until
 * the rollback: nothing of the transaction can be committed. sql_defer_end
 * reads what is still to come (SQL_ERROR for a failure among it) and ends
 * the batch. On SQLite, where a step costs no round trip, both do nothing
 * and every statement runs when stepped.
 */
void sql_defer_begin(struct sql *db);
int sql_defer_end(struct sql *db);

/*
 * Many rows into one table at once, on PostgreSQL by COPY table (cols)
 * FROM STDIN (text format): the rows go down the connection as a stream,
 * not one statement each. text is that statement, fixed SQL; each
 * sql_copy_row sends one row, n values in the order the statement names
 * the columns; sql_copy_end ends the stream and reads the server's
 * answer, where a row it refused shows (a constraint's fault, as a
 * statement's). The values are never interpreted: each is written in
 * COPY's escaped form (see sql_copy_escape). Inside a write transaction;
 * nothing else runs on db until sql_copy_end, or a rollback, which
 * abandons the copy. SQLite has no such thing: sql_copy_begin fails there
 * (a file takes its rows by INSERT, a step costing no round trip).
 */
struct sql_value {
	enum sql_type type;	/* SQL_NULL, SQL_INT, SQL_TEXT or SQL_BLOB */
	int64_t i;		/* SQL_INT's */
	const char *text;	/* SQL_TEXT's, NUL-terminated */
	const void *blob;	/* SQL_BLOB's bytes, n of them */
	size_t n;
};

int sql_copy_begin(struct sql *db, const char *text);
int sql_copy_row(struct sql *db, const struct sql_value *v, int n);
int sql_copy_end(struct sql *db);
/* One value in COPY's text format, appended to buf (from *len on, *len
 * moved on; buf grown as needed, *cap its size): a NULL as \N; an
 * integer in decimal; text with backslash, newline, carriage return and
 * tab written \\, \n, \r, \t; bytes as bytea's hex input, \x and
 * two hex digits a byte, its backslash escaped. -1 when out of memory. */
int sql_copy_escape(char **buf, size_t *len, size_t *cap,
    const struct sql_value *v);

/* The last failure of db: its kind, and the engine's text (one line). */
enum sql_fault sql_fault(const struct sql *db);
const char *sql_errmsg(const struct sql *db);
/* PostgreSQL's SQLSTATE of the last failure ("" on SQLite or none). */
const char *sql_sqlstate(const struct sql *db);
/* The last failure as err: CPL_STORE "PATH: what: ..." in the store's
 * words (CPL_NOMEM when out of memory); returns the code. */
int sql_fail(struct sql *db, struct cpl_error *err, const char *what);

/* Each engine's own handle, for what only it can do (NULL from the
 * other engine's connection). */
struct sqlite3 *sql_sqlite3(struct sql *db);
/* Record SQLite's result code of a call made on sql_sqlite3's handle
 * (a checkpoint, a blob) as db's last failure, for sql_fail; returns
 * SQL_ERROR. */
int sql_sqlite_error(struct sql *db, int code);
struct pg_conn *sql_pgconn(struct sql *db);

#endif
