/*
 * sql_sqlite.c: the SQLite engine of the statement-level driver (see
 * sql.h): each call is the sqlite3_* call it names, on a file opened
 * with extended result codes and a busy timeout of the connection's
 * wait; a statement ending in FOR UPDATE is prepared without those words
 * (a write already holds the file's lock, BEGIN IMMEDIATE).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sql_int.h"

struct lite {
	struct sql base;
	sqlite3 *h;
};

struct lite_stmt {
	struct sql_stmt base;
	sqlite3_stmt *h;
};

const size_t sql_sqlite_size = sizeof(struct lite);

#define LITE(db) ((struct lite *)(db))
#define STMT(s) (((struct lite_stmt *)(s))->h)

/* Record SQLite's result code as the connection's failure. */
static int
fail_code(struct lite *l, int code)
{
	enum sql_fault f;

	switch (code & 0xff) {
	case SQLITE_NOMEM:
		return sql_set_nomem(&l->base);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		f = SQL_FAULT_BUSY;
		break;
	case SQLITE_FULL:
		f = SQL_FAULT_FULL;
		break;
	case SQLITE_IOERR:
		f = SQL_FAULT_IO;
		break;
	case SQLITE_READONLY:
		f = code == SQLITE_READONLY_DIRECTORY ? SQL_FAULT_READ_ONLY_DIR :
		    SQL_FAULT_READ_ONLY;
		break;
	case SQLITE_CANTOPEN:
		f = SQL_FAULT_CANT_OPEN;
		break;
	case SQLITE_CONSTRAINT:
		switch (code) {
		case SQLITE_CONSTRAINT_UNIQUE:
		case SQLITE_CONSTRAINT_PRIMARYKEY:
			f = SQL_FAULT_UNIQUE;
			break;
		case SQLITE_CONSTRAINT_FOREIGNKEY:
			f = SQL_FAULT_FOREIGN_KEY;
			break;
		case SQLITE_CONSTRAINT_CHECK:
			f = SQL_FAULT_CHECK;
			break;
		case SQLITE_CONSTRAINT_NOTNULL:
			f = SQL_FAULT_NOT_NULL;
			break;
		default:
			f = SQL_FAULT_CONSTRAINT;
		}
		break;
	default:
		f = SQL_FAULT_OTHER;
	}
	/* The connection's message where it is about this code; the
	 * code's own words otherwise. */
	return sql_set_error(&l->base, f, NULL, l->h != NULL &&
	    sqlite3_extended_errcode(l->h) == code ? sqlite3_errmsg(l->h) :
	    sqlite3_errstr(code));
}

static int
lite_open(struct sql *db, struct cpl_error *err)
{
	struct lite *l = LITE(db);
	int flags = (db->flags & SQL_READ_ONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;

	if (db->flags & SQL_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (db->flags & SQL_URI)
		flags |= SQLITE_OPEN_URI;
	if (sqlite3_open_v2(db->path, &l->h, flags, NULL) != SQLITE_OK) {
		cpl_fail(err, CPL_STORE, "can't open '%s': %s", db->name,
		    l->h ? sqlite3_errmsg(l->h) : "out of memory");
		sqlite3_close(l->h);
		l->h = NULL;
		return CPL_STORE;
	}
	sqlite3_extended_result_codes(l->h, 1);
	sqlite3_busy_timeout(l->h, db->wait * 1000);
	return 0;
}

static void
lite_close(struct sql *db)
{
	sqlite3_close(LITE(db)->h);
}

static int
lite_prepare(struct sql *db, const char *text, struct sql_stmt **out)
{
	struct lite *l = LITE(db);
	struct lite_stmt *s;
	const char *fu = sql_for_update(text);
	char *cut = NULL;
	int rc;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return sql_set_nomem(db);
	if (fu != NULL) {
		if ((cut = strndup(text, (size_t)(fu - text))) == NULL) {
			free(s);
			return sql_set_nomem(db);
		}
		text = cut;
	}
	rc = sqlite3_prepare_v2(l->h, text, -1, &s->h, NULL);
	free(cut);
	if (rc != SQLITE_OK) {
		free(s);
		return fail_code(l, rc);
	}
	*out = &s->base;
	return SQL_OK;
}

static void
lite_bind_int64(struct sql_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(STMT(s), i, v);
}

static void
lite_bind_text(struct sql_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(STMT(s), i, v, -1, SQLITE_TRANSIENT);
}

static void
lite_bind_text_static(struct sql_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(STMT(s), i, v, -1, SQLITE_STATIC);
}

static void
lite_bind_null(struct sql_stmt *s, int i)
{
	sqlite3_bind_null(STMT(s), i);
}

static void
lite_bind_blob(struct sql_stmt *s, int i, const void *v, size_t n)
{
	/* SQLite binds NULL for no bytes at all: an empty blob is a
	 * zeroblob of none. */
	if (n == 0)
		sqlite3_bind_zeroblob(STMT(s), i, 0);
	else
		sqlite3_bind_blob64(STMT(s), i, v, n, SQLITE_TRANSIENT);
}

static void
lite_clear_bindings(struct sql_stmt *s)
{
	sqlite3_clear_bindings(STMT(s));
}

static int
lite_step(struct sql_stmt *s)
{
	int rc = sqlite3_step(STMT(s));

	if (rc == SQLITE_ROW)
		return SQL_ROW;
	if (rc == SQLITE_DONE)
		return SQL_DONE;
	return fail_code(LITE(s->db), rc);
}

static void
lite_reset(struct sql_stmt *s)
{
	sqlite3_reset(STMT(s));
}

static void
lite_finalize(struct sql_stmt *s)
{
	sqlite3_finalize(STMT(s));
	free(s);
}

static int
lite_col_count(struct sql_stmt *s)
{
	return sqlite3_column_count(STMT(s));
}

static const char *
lite_col_name(struct sql_stmt *s, int i)
{
	return sqlite3_column_name(STMT(s), i);
}

static enum sql_type
lite_col_type(struct sql_stmt *s, int i)
{
	switch (sqlite3_column_type(STMT(s), i)) {
	case SQLITE_NULL:
		return SQL_NULL;
	case SQLITE_INTEGER:
		return SQL_INT;
	case SQLITE_FLOAT:
		return SQL_FLOAT;
	case SQLITE_BLOB:
		return SQL_BLOB;
	default:
		return SQL_TEXT;
	}
}

static int64_t
lite_col_int64(struct sql_stmt *s, int i)
{
	return sqlite3_column_int64(STMT(s), i);
}

static double
lite_col_double(struct sql_stmt *s, int i)
{
	return sqlite3_column_double(STMT(s), i);
}

static const char *
lite_col_text(struct sql_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(STMT(s), i);
}

static const void *
lite_col_blob(struct sql_stmt *s, int i, int *len)
{
	const void *v = sqlite3_column_blob(STMT(s), i);

	*len = v == NULL ? 0 : sqlite3_column_bytes(STMT(s), i);
	return v;
}

static int64_t
lite_changes(struct sql *db)
{
	return sqlite3_changes64(LITE(db)->h);
}

static int64_t
lite_total_changes(struct sql *db)
{
	return sqlite3_total_changes64(LITE(db)->h);
}

static int
lite_exec(struct sql *db, const char *text)
{
	struct lite *l = LITE(db);
	int rc = sqlite3_exec(l->h, text, NULL, NULL, NULL);

	return rc == SQLITE_OK ? SQL_OK : fail_code(l, rc);
}

static int
lite_in_transaction(struct sql *db)
{
	return !sqlite3_get_autocommit(LITE(db)->h);
}

int
sql_sqlite_error(struct sql *db, int code)
{
	return fail_code(LITE(db), code);
}

struct sqlite3 *
sql_sqlite3(struct sql *db)
{
	return db->engine == SQL_SQLITE ? LITE(db)->h : NULL;
}

const struct sql_ops sql_sqlite_ops = {
	.open = lite_open,
	.close = lite_close,
	.prepare = lite_prepare,
	.bind_int64 = lite_bind_int64,
	.bind_text = lite_bind_text,
	.bind_text_static = lite_bind_text_static,
	.bind_null = lite_bind_null,
	.bind_blob = lite_bind_blob,
	.clear_bindings = lite_clear_bindings,
	.step = lite_step,
	.reset = lite_reset,
	.finalize = lite_finalize,
	.col_count = lite_col_count,
	.col_name = lite_col_name,
	.col_type = lite_col_type,
	.col_int64 = lite_col_int64,
	.col_double = lite_col_double,
	.col_text = lite_col_text,
	.col_blob = lite_col_blob,
	.changes = lite_changes,
	.total_changes = lite_total_changes,
	.exec = lite_exec,
	.in_transaction = lite_in_transaction,
	/* No defer_begin, defer_end: a step costs no round trip here, so
	 * every statement runs when it is stepped. No copy_begin either
	 * (sql_copy_begin fails): a file takes many rows by INSERT, at no
	 * cost a row beyond the row's own. */
	/* The write lock taken first, so that two writers never deadlock
	 * half-way; a read's snapshot from its first read (WAL). */
	.begin_write = "BEGIN IMMEDIATE",
	.begin_read = "BEGIN DEFERRED",
};
