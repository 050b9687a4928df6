/*
 * store_int.h: what store.c shares with its neighbours (store_*.c), and
 * nothing else may include. Every SQL statement of the project lives in
 * lib/store*.c; these are the small helpers they all use.
 */
#ifndef CPL_STORE_INT_H
#define CPL_STORE_INT_H

#include <sqlite3.h>
#include <time.h>

#include "store.h"

/* A prepared statement kept for reuse, found by its SQL text's address
 * (every statement of the store is a string literal). */
struct cached_stmt {
	const char *sql;
	sqlite3_stmt *s;
	int busy;		/* handed out and not yet finished */
};

#define STMT_CACHE 96
#define DEFERRED_MAX 12

struct store {
	sqlite3 *db;
	char *path;		/* the file, for messages */
	int depth;		/* open write transactions: the outermost is
				 * BEGIN IMMEDIATE, the others savepoints */
	int no_savepoints;	/* nested writes take none (store_nest) */
	int undone_part;	/* a nested write failed and, without its
				 * savepoint, could not be undone alone: the
				 * transaction may only be rolled back */
	struct cached_stmt cache[STMT_CACHE];
	int n_cache;
	/* The indexes a batch dropped in this transaction (their CREATE
	 * statements, as the schema keeps them), built again before it
	 * commits (store_defer_indexes). */
	char *deferred[DEFERRED_MAX];
	int n_deferred;
	/* The time an event is recorded (recorded_now): "YYYY-MM-DDTHH:MM:
	 * SS.mmmZ", the part to the second made for stamp_second. */
	char stamp[32];
	time_t stamp_second;
	/* Called by the next outermost commit before COMMIT, then forgotten
	 * (store_before_commit). */
	int (*before_commit)(void *arg, struct cpl_error *err);
	void *before_commit_arg;
	long commits;		/* outermost writes committed */
};

/* CPL_STORE "PATH: what: sqlite's message". */
int db_fail(struct store *st, struct cpl_error *err, const char *what);
/*
 * A statement for sql, which must be a string literal: prepared once and
 * kept, so a batch (an import) pays for parsing once. Give it back with
 * finish(). A failed prepare is a programming error: report the SQL with
 * the reason.
 */
int prepare(struct store *st, const char *sql, sqlite3_stmt **s,
    struct cpl_error *err);
/* Done with a statement from prepare(): reset it for the next use. */
void finish(struct store *st, sqlite3_stmt *s);
/* Bind text, or NULL when v is NULL. */
void bind_text(sqlite3_stmt *s, int i, const char *v);
/* Bind a date as "YYYY-MM-DD", or NULL for NO_DATE. */
void bind_date(sqlite3_stmt *s, int i, cpl_date d);
/* A column as a new string (NULL for NULL), or as a date (NO_DATE). */
char *col_text(sqlite3_stmt *s, int i);
cpl_date col_date(sqlite3_stmt *s, int i);
/* Step a statement that returns no rows, and finish it. */
int run(struct store *st, sqlite3_stmt *s, const char *what,
    struct cpl_error *err);
/* The first column of every row of sql (which binds nothing), as an
 * array of ids (*ids malloc'ed, caller frees); what says what for a
 * message. */
int select_ids(struct store *st, const char *sql, int64_t **ids, int *n,
    const char *what, struct cpl_error *err);
/* Run SQL text that binds nothing (pragmas, BEGIN, migrations). */
int exec(struct store *st, const char *sql, const char *what,
    struct cpl_error *err);

#endif
