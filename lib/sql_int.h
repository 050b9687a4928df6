/*
 * sql_int.h: what lib/sql.c shares with the engines' files
 * (lib/sql_sqlite.c, lib/sql_pg.c), and nothing else includes. Each
 * engine fills a table of functions (struct sql_ops); its connection and
 * statement structs start with struct sql and struct sql_stmt, which
 * sql.c reads and the engine's functions cast back.
 */
#ifndef CPL_SQL_INT_H
#define CPL_SQL_INT_H

#include "sql.h"

/* The engine's functions behind sql.h (see there for each). */
struct sql_ops {
	/* Connect db (its path, flags and wait already set). */
	int (*open)(struct sql *db, struct cpl_error *err);
	void (*close)(struct sql *db);
	int (*prepare)(struct sql *db, const char *text,
	    struct sql_stmt **out);
	void (*bind_int64)(struct sql_stmt *s, int i, int64_t v);
	void (*bind_text)(struct sql_stmt *s, int i, const char *v);
	void (*bind_text_static)(struct sql_stmt *s, int i, const char *v);
	void (*bind_null)(struct sql_stmt *s, int i);
	/* v is not NULL. */
	void (*bind_blob)(struct sql_stmt *s, int i, const void *v, size_t n);
	void (*clear_bindings)(struct sql_stmt *s);
	int (*step)(struct sql_stmt *s);
	void (*reset)(struct sql_stmt *s);
	void (*finalize)(struct sql_stmt *s);
	int (*col_count)(struct sql_stmt *s);
	const char *(*col_name)(struct sql_stmt *s, int i);
	enum sql_type (*col_type)(struct sql_stmt *s, int i);
	int64_t (*col_int64)(struct sql_stmt *s, int i);
	double (*col_double)(struct sql_stmt *s, int i);
	const char *(*col_text)(struct sql_stmt *s, int i);
	const void *(*col_blob)(struct sql_stmt *s, int i, int *len);
	int64_t (*changes)(struct sql *db);
	int64_t (*total_changes)(struct sql *db);
	int (*exec)(struct sql *db, const char *text);
	int (*in_transaction)(struct sql *db);
	/* sql_defer_begin and sql_defer_end (NULL: nothing deferred). */
	void (*defer_begin)(struct sql *db);
	int (*defer_end)(struct sql *db);
	/* sql_copy_begin, sql_copy_row, sql_copy_end (NULL: no copy). The
	 * row comes escaped (sql_copy_escape): len bytes, ending in a
	 * newline. */
	int (*copy_begin)(struct sql *db, const char *text);
	int (*copy_row)(struct sql *db, const char *row, size_t len);
	int (*copy_end)(struct sql *db);
	/* How a write and a read begin. */
	const char *begin_write;
	const char *begin_read;
};

/* The engine's connection begins with this. */
struct sql {
	const struct sql_ops *ops;
	enum sql_engine engine;
	char *path;		/* as opened */
	char *name;		/* the store's name in messages: path, or
				 * sql_open_as's name */
	int flags;		/* sql_open's */
	int wait;		/* seconds to wait for a lock */
	char read_only[512];	/* why it can't be written ("" if it can) */
	/* The last failure: its kind, the engine's text, PostgreSQL's
	 * SQLSTATE. */
	enum sql_fault fault;
	char errmsg[512];
	char sqlstate[6];
	struct sql_stmt *stmts;	/* its statements not yet finalized */
	int closing;		/* sql_close is finalizing them: nothing
				 * more is sent */
	int deferred_fault;	/* the last failure was a deferred write's
				 * (sql_defer_begin), not the call's own */
	/* sql_copy_row's row, escaped, kept from row to row. */
	char *copy_buf;
	size_t copy_cap;
};

/* The engine's statement begins with this. */
struct sql_stmt {
	struct sql *db;
	struct sql_stmt *prev, *next;	/* in db->stmts */
};

/* Record a failure in db: kind, and the engine's text made one line;
 * returns SQL_ERROR. */
int sql_set_error(struct sql *db, enum sql_fault fault, const char *sqlstate,
    const char *msg);
/* The same for out of memory. */
int sql_set_nomem(struct sql *db);

/* The number of a numbered placeholder at p ("?12"), its length in *len;
 * 0 when p is a bare "?". */
int sql_placeholder(const char *p, int *len);
/* The length of the string literal, quoted identifier or comment that
 * starts at p, or 0 when none does ('...' and "..." with their doubled
 * quotes, -- to the end of the line, C-style comments). */
size_t sql_skip_quoted(const char *p);
/* Where a final "FOR UPDATE" (words, any case, then only blanks or ";")
 * starts in text, or NULL. */
const char *sql_for_update(const char *text);

extern const struct sql_ops sql_sqlite_ops;
#ifdef CPL_HAVE_POSTGRES
extern const struct sql_ops sql_pg_ops;
/* The size of each engine's connection struct, for sql_open. */
extern const size_t sql_pg_size;
#endif
extern const size_t sql_sqlite_size;

#endif
