/*
 * sql.c: what both engines of the statement-level driver share (see
 * sql.h): which engine a path names, the connection's last failure and
 * the store's message for it, the scanning of SQL text both engines'
 * files use (placeholders, literals, a final FOR UPDATE), and the calls
 * of sql.h passed to the engine's table of functions.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql_int.h"

enum sql_engine
sql_engine_of(const char *path)
{
	const char *p = path;

	/* libpq's URI prefixes, as libpq spells them (case matters). */
	if (strncmp(p, "postgresql://", 13) == 0 ||
	    strncmp(p, "postgres://", 11) == 0)
		return SQL_POSTGRES;
	/* A key=value string: a keyword first ("host", "dbname",
	 * "service"), then "="; blanks around it, as libpq allows. A file
	 * path starts otherwise ("/", ".", or has "/" or "." before any
	 * "="). */
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!isalpha((unsigned char)*p) && *p != '_')
		return SQL_SQLITE;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return *p == '=' ? SQL_POSTGRES : SQL_SQLITE;
}

int
sql_engine_built(enum sql_engine engine)
{
#ifdef CPL_HAVE_POSTGRES
	return engine == SQL_SQLITE || engine == SQL_POSTGRES;
#else
	return engine == SQL_SQLITE;
#endif
}

int
sql_fault_is_constraint(enum sql_fault fault)
{
	return fault == SQL_FAULT_UNIQUE || fault == SQL_FAULT_FOREIGN_KEY ||
	    fault == SQL_FAULT_CHECK || fault == SQL_FAULT_NOT_NULL ||
	    fault == SQL_FAULT_CONSTRAINT;
}

int
sql_set_error(struct sql *db, enum sql_fault fault, const char *sqlstate,
    const char *msg)
{
	char *p;
	size_t n;

	db->fault = fault;
	db->deferred_fault = 0;
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s",
	    sqlstate ? sqlstate : "");
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", msg ? msg : "");
	/* libpq's messages run over lines ("...\n\tIs the server
	 * running..."): one line, one space between its parts. */
	for (p = db->errmsg; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	while ((p = strstr(db->errmsg, "  ")) != NULL)
		memmove(p, p + 1, strlen(p));
	n = strlen(db->errmsg);
	while (n > 0 && db->errmsg[n - 1] == ' ')
		db->errmsg[--n] = '\0';
	return SQL_ERROR;
}

int
sql_set_nomem(struct sql *db)
{
	return sql_set_error(db, SQL_FAULT_NOMEM, NULL, "out of memory");
}

int
sql_placeholder(const char *p, int *len)
{
	int n = 0, i = 1;

	while (isdigit((unsigned char)p[i]) && n < 100000)
		n = n * 10 + (p[i++] - '0');
	*len = i;
	return n;
}

size_t
sql_skip_quoted(const char *p)
{
	const char *q;
	char quote;

	switch (*p) {
	case '\'':
	case '"':
		/* A doubled quote is one quote inside. */
		quote = *p;
		for (q = p + 1; *q; q++)
			if (*q == quote) {
				if (q[1] != quote)
					return (size_t)(q + 1 - p);
				q++;
			}
		return strlen(p);
	case '-':
		if (p[1] != '-')
			return 0;
		q = strchr(p, '\n');
		return q ? (size_t)(q + 1 - p) : strlen(p);
	case '/':
		if (p[1] != '*')
			return 0;
		q = strstr(p + 2, "*/");
		return q ? (size_t)(q + 2 - p) : strlen(p);
	default:
		return 0;
	}
}

/* Whether the word w (upper case) ends at end (exclusive) in text, after
 * a blank; its start in *at. */
static int
word_before(const char *text, const char *end, const char *w,
    const char **at)
{
	size_t n = strlen(w);

	if ((size_t)(end - text) < n + 1 ||
	    strncasecmp(end - n, w, n) != 0 ||
	    !isspace((unsigned char)end[-(ptrdiff_t)n - 1]))
		return 0;
	*at = end - n;
	return 1;
}

const char *
sql_for_update(const char *text)
{
	const char *end = text + strlen(text), *upd, *for_;

	while (end > text && (isspace((unsigned char)end[-1]) ||
	    end[-1] == ';'))
		end--;
	if (!word_before(text, end, "UPDATE", &upd))
		return NULL;
	end = upd;
	while (end > text && isspace((unsigned char)end[-1]))
		end--;
	if (!word_before(text, end, "FOR", &for_))
		return NULL;
	return for_;
}

int
sql_open(const char *path, int flags, int wait, struct sql **out,
    struct cpl_error *err)
{
	return sql_open_as(path, path, flags, wait, out, err);
}

int
sql_open_as(const char *path, const char *name, int flags, int wait,
    struct sql **out, struct cpl_error *err)
{
	enum sql_engine engine = sql_engine_of(path);
	const struct sql_ops *ops = &sql_sqlite_ops;
	size_t size = sql_sqlite_size;
	struct sql *db;
	int rc;

	*out = NULL;
	if (engine == SQL_POSTGRES) {
#ifdef CPL_HAVE_POSTGRES
		ops = &sql_pg_ops;
		size = sql_pg_size;
#else
		return cpl_fail(err, CPL_STORE, "'%s' is a PostgreSQL database, "
		    "and this complaints was built without PostgreSQL support",
		    name);
#endif
	}
	if ((db = calloc(1, size)) == NULL)
		return cpl_nomem(err);
	db->ops = ops;
	db->engine = engine;
	db->flags = flags;
	db->wait = wait;
	if ((db->path = strdup(path)) == NULL ||
	    (db->name = strdup(name)) == NULL) {
		free(db->path);
		free(db);
		return cpl_nomem(err);
	}
	if ((rc = ops->open(db, err)) != 0) {
		free(db->name);
		free(db->path);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

void
sql_close(struct sql *db)
{
	if (db == NULL)
		return;
	db->closing = 1;
	while (db->stmts != NULL)
		sql_finalize(db->stmts);
	db->ops->close(db);
	free(db->copy_buf);
	free(db->name);
	free(db->path);
	free(db);
}

enum sql_engine
sql_engine(const struct sql *db)
{
	return db->engine;
}

const char *
sql_path(const struct sql *db)
{
	return db->name;
}

void
sql_set_read_only_reason(struct sql *db, const char *why)
{
	snprintf(db->read_only, sizeof(db->read_only), "%s", why ? why : "");
}

int
sql_prepare(struct sql *db, const char *text, struct sql_stmt **out)
{
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	if ((rc = db->ops->prepare(db, text, &s)) != SQL_OK)
		return rc;
	s->db = db;
	s->prev = NULL;
	if ((s->next = db->stmts) != NULL)
		s->next->prev = s;
	db->stmts = s;
	*out = s;
	return SQL_OK;
}

void
sql_bind_int64(struct sql_stmt *s, int i, int64_t v)
{
	s->db->ops->bind_int64(s, i, v);
}

void
sql_bind_text(struct sql_stmt *s, int i, const char *v)
{
	if (v == NULL)
		s->db->ops->bind_null(s, i);
	else
		s->db->ops->bind_text(s, i, v);
}

void
sql_bind_text_static(struct sql_stmt *s, int i, const char *v)
{
	if (v == NULL)
		s->db->ops->bind_null(s, i);
	else
		s->db->ops->bind_text_static(s, i, v);
}

void
sql_bind_null(struct sql_stmt *s, int i)
{
	s->db->ops->bind_null(s, i);
}

void
sql_bind_blob(struct sql_stmt *s, int i, const void *v, size_t n)
{
	if (v == NULL)
		s->db->ops->bind_null(s, i);
	else
		s->db->ops->bind_blob(s, i, v, n);
}

void
sql_clear_bindings(struct sql_stmt *s)
{
	s->db->ops->clear_bindings(s);
}

int
sql_step(struct sql_stmt *s)
{
	return s->db->ops->step(s);
}

void
sql_reset(struct sql_stmt *s)
{
	s->db->ops->reset(s);
}

void
sql_finalize(struct sql_stmt *s)
{
	if (s == NULL)
		return;
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		s->db->stmts = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	s->db->ops->finalize(s);
}

int
sql_col_count(struct sql_stmt *s)
{
	return s->db->ops->col_count(s);
}

const char *
sql_col_name(struct sql_stmt *s, int i)
{
	return s->db->ops->col_name(s, i);
}

enum sql_type
sql_col_type(struct sql_stmt *s, int i)
{
	return s->db->ops->col_type(s, i);
}

int64_t
sql_col_int64(struct sql_stmt *s, int i)
{
	return s->db->ops->col_int64(s, i);
}

double
sql_col_double(struct sql_stmt *s, int i)
{
	return s->db->ops->col_double(s, i);
}

const void *
sql_col_blob(struct sql_stmt *s, int i, int *len)
{
	return s->db->ops->col_blob(s, i, len);
}

const char *
sql_col_text(struct sql_stmt *s, int i)
{
	return s->db->ops->col_text(s, i);
}

int64_t
sql_changes(struct sql *db)
{
	return db->ops->changes(db);
}

int64_t
sql_total_changes(struct sql *db)
{
	return db->ops->total_changes(db);
}

int
sql_exec(struct sql *db, const char *text)
{
	return db->ops->exec(db, text);
}

void
sql_defer_begin(struct sql *db)
{
	if (db->ops->defer_begin != NULL)
		db->ops->defer_begin(db);
}

int
sql_defer_end(struct sql *db)
{
	return db->ops->defer_end != NULL ? db->ops->defer_end(db) : SQL_OK;
}

/* Room for need more bytes at *len in *buf. */
static int
copy_room(char **buf, size_t *len, size_t *cap, size_t need)
{
	char *nb;
	size_t want;

	if (*cap - *len >= need)
		return 0;
	if (need > SIZE_MAX / 2 - *len)
		return -1;
	want = *cap ? *cap : 256;
	while (want - *len < need)
		want *= 2;
	if ((nb = realloc(*buf, want)) == NULL)
		return -1;
	*buf = nb;
	*cap = want;
	return 0;
}

int
sql_copy_escape(char **buf, size_t *len, size_t *cap,
    const struct sql_value *v)
{
	static const char hex[] = "0123456789abcdef";
	char *p;

	switch (v->type) {
	case SQL_INT:
		if (copy_room(buf, len, cap, 24))
			return -1;
		*len += (size_t)snprintf(*buf + *len, 24, "%lld",
		    (long long)v->i);
		return 0;
	case SQL_TEXT: {
		/* Each byte at most two: COPY's text format, where only a
		 * backslash and the line's and columns' separators mean
		 * anything; every other byte (UTF-8's too) goes as it is. */
		size_t n = strlen(v->text);

		if (n > SIZE_MAX / 2 || copy_room(buf, len, cap, 2 * n))
			return -1;
		p = *buf + *len;
		for (const char *c = v->text; *c; c++) {
			const char *e = *c == '\\' ? "\\\\" :
			    *c == '\n' ? "\\n" : *c == '\r' ? "\\r" :
			    *c == '\t' ? "\\t" : NULL;

			if (e != NULL) {
				*p++ = e[0];
				*p++ = e[1];
			} else
				*p++ = *c;
		}
		*len = (size_t)(p - *buf);
		return 0;
	}
	case SQL_BLOB: {
		/* bytea's hex input, \x then two digits a byte, its
		 * backslash written \\ as any text's. */
		const unsigned char *b = v->blob;

		if (v->n > (SIZE_MAX - 3) / 2 ||
		    copy_room(buf, len, cap, 3 + 2 * v->n))
			return -1;
		p = *buf + *len;
		*p++ = '\\';
		*p++ = '\\';
		*p++ = 'x';
		for (size_t i = 0; i < v->n; i++) {
			*p++ = hex[b[i] >> 4];
			*p++ = hex[b[i] & 15];
		}
		*len = (size_t)(p - *buf);
		return 0;
	}
	default:
		/* NULL, and what is none of the kinds above. */
		if (copy_room(buf, len, cap, 2))
			return -1;
		(*buf)[(*len)++] = '\\';
		(*buf)[(*len)++] = 'N';
		return 0;
	}
}

int
sql_copy_begin(struct sql *db, const char *text)
{
	if (db->ops->copy_begin == NULL)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "this engine has no COPY: rows are written by INSERT");
	return db->ops->copy_begin(db, text);
}

int
sql_copy_row(struct sql *db, const struct sql_value *v, int n)
{
	size_t len = 0;

	if (db->ops->copy_row == NULL)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "this engine has no COPY: rows are written by INSERT");
	for (int i = 0; i < n; i++) {
		/* Columns apart by a tab, the row ended by a newline. */
		if (i > 0) {
			if (copy_room(&db->copy_buf, &len, &db->copy_cap, 1))
				return sql_set_nomem(db);
			db->copy_buf[len++] = '\t';
		}
		if (sql_copy_escape(&db->copy_buf, &len, &db->copy_cap, &v[i]))
			return sql_set_nomem(db);
	}
	if (copy_room(&db->copy_buf, &len, &db->copy_cap, 1))
		return sql_set_nomem(db);
	db->copy_buf[len++] = '\n';
	return db->ops->copy_row(db, db->copy_buf, len);
}

int
sql_copy_end(struct sql *db)
{
	if (db->ops->copy_end == NULL)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "this engine has no COPY: rows are written by INSERT");
	return db->ops->copy_end(db);
}

int
sql_begin_write(struct sql *db)
{
	return db->ops->exec(db, db->ops->begin_write);
}

int
sql_begin_read(struct sql *db)
{
	return db->ops->exec(db, db->ops->begin_read);
}

int
sql_commit(struct sql *db)
{
	return db->ops->exec(db, "COMMIT");
}

void
sql_rollback(struct sql *db)
{
	enum sql_fault fault = db->fault;
	char msg[sizeof(db->errmsg)], state[sizeof(db->sqlstate)];

	if (!db->ops->in_transaction(db))
		return;
	/* The failure that led here is the one to report, not the
	 * rollback's. */
	memcpy(msg, db->errmsg, sizeof(msg));
	memcpy(state, db->sqlstate, sizeof(state));
	db->ops->exec(db, "ROLLBACK");
	db->fault = fault;
	memcpy(db->errmsg, msg, sizeof(msg));
	memcpy(db->sqlstate, state, sizeof(state));
}

int
sql_in_transaction(struct sql *db)
{
	return db->ops->in_transaction(db);
}

enum sql_fault
sql_fault(const struct sql *db)
{
	return db->fault;
}

const char *
sql_errmsg(const struct sql *db)
{
	return db->errmsg;
}

const char *
sql_sqlstate(const struct sql *db)
{
	return db->sqlstate;
}

int
sql_fail(struct sql *db, struct cpl_error *err, const char *what)
{
	const char *path = db->name;

	/* A deferred write's failure, found by a later call: what failed
	 * was writing the rows, whatever that call was for. */
	if (db->deferred_fault)
		what = "can't write the rows";

	/* The faults an officer can do something about, in words (those of
	 * lib/store.c); every write is one transaction, so a failed one
	 * changed nothing. */
	switch (db->fault) {
	case SQL_FAULT_NOMEM:
		return cpl_nomem(err);
	case SQL_FAULT_FULL:
		return cpl_fail(err, CPL_STORE, "%s: %s: the disk is full; "
		    "nothing was changed", path, what);
	case SQL_FAULT_IO:
		return cpl_fail(err, CPL_STORE, "%s: %s: the disk could not be "
		    "written or read (%s); nothing was changed", path, what,
		    db->errmsg);
	case SQL_FAULT_READ_ONLY:
		if (db->read_only[0] != '\0')
			return cpl_fail(err, CPL_STORE, "%s: %s: the database "
			    "can't be written: %s; nothing was changed", path,
			    what, db->read_only);
		return cpl_fail(err, CPL_STORE, "%s: %s: the database can't be "
		    "written (%s); nothing was changed", path, what,
		    db->errmsg);
	case SQL_FAULT_READ_ONLY_DIR:
		return cpl_fail(err, CPL_STORE, "%s: %s: the database can't be "
		    "written: its directory must be writable (SQLite keeps the "
		    "-wal and -shm files there); nothing was changed", path,
		    what);
	case SQL_FAULT_CANT_OPEN:
		return cpl_fail(err, CPL_STORE, "%s: %s: can't open the database "
		    "file or the -wal and -shm files beside it: they, or their "
		    "directory, are missing or can't be used; nothing was changed",
		    path, what);
	case SQL_FAULT_BUSY:
		return cpl_fail(err, CPL_STORE, "%s: %s: another process has "
		    "held the database for over %d second%s; nothing was "
		    "changed: try again", path, what, db->wait,
		    db->wait == 1 ? "" : "s");
	case SQL_FAULT_CONFLICT:
		return cpl_fail(err, CPL_STORE, "%s: %s: another process changed "
		    "the same rows at the same time; nothing was changed: try "
		    "again", path, what);
	case SQL_FAULT_CANCELED:
		return cpl_fail(err, CPL_STORE, "%s: %s: the server cancelled "
		    "the statement (%s); nothing was changed: try again", path,
		    what, db->errmsg);
	case SQL_FAULT_CONNECTION:
		return cpl_fail(err, CPL_STORE, "%s: %s: the connection to the "
		    "server was lost (%s)", path, what, db->errmsg);
	/* A file keeps text as given; a server's database is UTF-8 and
	 * refuses the text, as the bad input it is there. */
	case SQL_FAULT_NOT_UTF8:
		return cpl_fail(err, CPL_USAGE, "%s: %s: a text holds a byte "
		    "that is not UTF-8, which a PostgreSQL store can't keep; "
		    "nothing was changed", path, what);
	default:
		return cpl_fail(err, CPL_STORE, "%s: %s: %s", path, what,
		    db->errmsg);
	}
}

#ifndef CPL_HAVE_POSTGRES
struct pg_conn *
sql_pgconn(struct sql *db)
{
	(void)db;
	return NULL;
}
#endif
