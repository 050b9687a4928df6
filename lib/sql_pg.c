/*
 * sql_pg.c: the PostgreSQL engine of the statement-level driver (see
 * sql.h), on libpq, the server's own client library.
 *
 * A statement's text has its ?N made $N when it is prepared here; the
 * server sees it at its first step, prepared under a name of this
 * connection's ("cpl_1", "cpl_2", ...) with the types of the values
 * bound (int8, text, bytea; a NULL left for the server to infer, text
 * where the SQL does not use the number), and again under a new name
 * when a later step binds another type. Values travel as text but for a
 * blob's bytes, which travel as they are (binary format), rows come back
 * as text
 * one at a time (single-row mode), each in a PGresult of its own that the
 * next step frees. One statement streams at a time: another that needs
 * the connection first reads the rest of its rows into memory (park).
 *
 * A batch's writes (sql_defer_begin) go down libpq's pipeline: each sent
 * without its reply read, and the replies of the run read, in order,
 * when anything else needs the connection (flush). Only a run of such
 * writes is piped; everything else runs as above, out of pipeline mode.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "sql_int.h"

/*
 * libpq is loaded when the first PostgreSQL store is opened, not linked:
 * some twenty libraries come with it (TLS, Kerberos, LDAP), and loading
 * them would cost every command on an SQLite store about 7 ms and 5 MiB.
 * Its soname has been libpq.so.5 since PostgreSQL 8.2.
 */
#define LIBPQ "libpq.so.5"
#define PQ_FUNCTIONS \
	X(PQcancel) X(PQclear) X(PQcmdStatus) \
	X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfoFree) \
	X(PQconninfoParse) X(PQenterPipelineMode) X(PQerrorMessage) \
	X(PQexec) X(PQexitPipelineMode) X(PQpipelineSync) \
	X(PQfinish) X(PQfname) X(PQfreeCancel) \
	X(PQfreemem) X(PQftype) X(PQgetCancel) \
	X(PQgetResult) X(PQgetisnull) X(PQgetvalue) \
	X(PQnfields) X(PQprepare) X(PQputCopyData) X(PQputCopyEnd) \
	X(PQresultErrorField) \
	X(PQresultErrorMessage) X(PQresultStatus) X(PQsendQueryPrepared) \
	X(PQserverVersion) X(PQsetNoticeProcessor) X(PQsetSingleRowMode) \
	X(PQstatus) X(PQtransactionStatus) X(PQunescapeBytea)

static struct {
#define X(f) __typeof__(f) *f;
	PQ_FUNCTIONS
#undef X
} pq;
static void *pq_library;

/* Load libpq, once; name is the store's, for the message. */
static int
pq_load(const char *name, struct cpl_error *err)
{
	void *h, *f;

	if (pq_library != NULL)
		return 0;
	if ((h = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return cpl_fail(err, CPL_STORE, "'%s' is a PostgreSQL database, "
		    "and PostgreSQL's client library can't be loaded (Debian's "
		    "libpq5): %s", name, dlerror());
#define X(fn) \
	if ((f = dlsym(h, #fn)) == NULL) { \
		dlclose(h); \
		return cpl_fail(err, CPL_STORE, "'%s' is a PostgreSQL " \
		    "database, and PostgreSQL's client library " LIBPQ " has " \
		    "no " #fn, name); \
	} \
	memcpy(&pq.fn, &f, sizeof(f));
	PQ_FUNCTIONS
#undef X
	pq_library = h;
	return 0;
}

/* The server's type OIDs this file tells apart (the server's
 * catalog/pg_type.dat; stable across versions). */
enum {
	BOOLOID = 16,
	BYTEAOID = 17,
	INT8OID = 20,
	INT2OID = 21,
	INT4OID = 23,
	TEXTOID = 25,
	OIDOID = 26,
	FLOAT4OID = 700,
	FLOAT8OID = 701,
	NUMERICOID = 1700,
};

/* SQLite's highest placeholder number, kept so that the same SQL is
 * refused alike. */
#define MAX_PARAM 32766

struct pg_stmt;

struct pg {
	struct sql base;
	PGconn *h;
	struct pg_stmt *streaming;	/* the statement whose rows are being
					 * read off the connection, if any */
	unsigned long names;	/* statement names made so far */
	int64_t changes, total_changes;
	int defer;		/* in a batch: writes may be piped */
	int piped;		/* in pipeline mode, with queued writes sent */
	size_t queued;		/* writes sent since the last flush */
	int copying;		/* in a COPY FROM STDIN (sql_copy_begin) */
	/* The first failure among piped writes: every call fails with it
	 * until the rollback (the server's transaction is aborted, and its
	 * own message for what follows would hide the cause). */
	int failed;
	enum sql_fault failed_fault;
	char failed_state[6];
	char failed_msg[512];
};

/* Piped writes sent before their replies are read: a bound, so that
 * neither side's socket buffer fills with what the other is not yet
 * reading (a blocking client writing while the server waits to write its
 * replies would never return). */
#define PIPE_MAX 1000

enum stmt_state {
	ST_IDLE,		/* not sent since its reset */
	ST_STREAMING,		/* sent; rows read one at a time */
	ST_PARKED,		/* the rest of its rows read into buf */
	ST_FINISHED,		/* stepped to its end, or failed */
};

struct pg_stmt {
	struct sql_stmt base;
	char *text;		/* the SQL, with $N */
	int n_params;		/* the highest placeholder number */
	unsigned char *used;	/* used[i]: $i+1 appears in text */
	Oid *types;		/* each value's type as bound: 0 for NULL */
	const char **values;	/* each value as text (a blob's bytes),
				 * NULL for NULL */
	char **owned;		/* text values and blobs copied here */
	int *lengths;		/* a blob's length, for libpq */
	int *formats;		/* 1 for a blob (binary), 0 for text */
	char (*nums)[24];	/* integer values written here */
	Oid *prepared;		/* the types it was prepared with */
	char name[32];		/* its name on the server; "" before */
	int nomem;		/* a bind ran out of memory */
	int read_only;		/* it only reads: a cancel undoes nothing */
	int deferrable;		/* an INSERT, UPDATE or DELETE with no
				 * RETURNING: its reply may wait (piped) */
	int in_block;		/* sent inside a transaction block */
	enum stmt_state state;
	PGresult *row;		/* the current row (one tuple) */
	unsigned char *blob;	/* the row's blob, decoded (pg_col_blob) */
	PGresult *desc;		/* the end's result, for its columns */
	PGresult **buf;		/* parked rows, buf[at..n-1] to come */
	size_t n, at, cap;
	/* How a parked statement ends: SQL_DONE, or SQL_ERROR with its
	 * fault, SQLSTATE and text. */
	int end_rc;
	enum sql_fault end_fault;
	char end_state[6];
	char end_msg[512];
};

const size_t sql_pg_size = sizeof(struct pg);

#define PG(db) ((struct pg *)(db))
#define PS(s) ((struct pg_stmt *)(s))

/* The kind of failure an SQLSTATE is. */
static enum sql_fault
fault_of(const char *state, PGconn *h)
{
	static const struct {
		const char *state;
		enum sql_fault fault;
	} known[] = {
		{"55P03", SQL_FAULT_BUSY},	/* lock_not_available */
		{"40001", SQL_FAULT_CONFLICT},	/* serialization_failure */
		{"40P01", SQL_FAULT_CONFLICT},	/* deadlock_detected */
		{"57014", SQL_FAULT_CANCELED},	/* query_canceled */
		{"53100", SQL_FAULT_FULL},	/* disk_full */
		{"58030", SQL_FAULT_IO},	/* io_error */
		{"25006", SQL_FAULT_READ_ONLY},	/* read_only_sql_transaction */
		{"22021", SQL_FAULT_NOT_UTF8},	/* character_not_in_repertoire */
		{"23505", SQL_FAULT_UNIQUE},
		{"23503", SQL_FAULT_FOREIGN_KEY},
		{"23514", SQL_FAULT_CHECK},
		{"23502", SQL_FAULT_NOT_NULL},
		{"57P01", SQL_FAULT_CONNECTION},	/* admin_shutdown */
		{"57P02", SQL_FAULT_CONNECTION},	/* crash_shutdown */
		{"57P03", SQL_FAULT_CONNECTION},	/* cannot_connect_now */
	};

	if (state == NULL || *state == '\0')
		return pq.PQstatus(h) == CONNECTION_BAD ? SQL_FAULT_CONNECTION :
		    SQL_FAULT_OTHER;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(state, known[i].state) == 0)
			return known[i].fault;
	if (strncmp(state, "23", 2) == 0)
		return SQL_FAULT_CONSTRAINT;
	if (strncmp(state, "08", 2) == 0)
		return SQL_FAULT_CONNECTION;
	return SQL_FAULT_OTHER;
}

/* Record the failure r reports (NULL: libpq ran out of memory, or the
 * connection's own message). */
static int
fail_result(struct pg *pg, const PGresult *r)
{
	const char *state = NULL, *msg = NULL;

	if (r == NULL && pq.PQstatus(pg->h) != CONNECTION_BAD)
		return sql_set_nomem(&pg->base);
	if (r != NULL) {
		state = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
		msg = pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
		if (msg == NULL || *msg == '\0')
			msg = pq.PQresultErrorMessage(r);
	}
	if (msg == NULL || *msg == '\0')
		msg = pq.PQerrorMessage(pg->h);
	return sql_set_error(&pg->base, fault_of(state, pg->h), state, msg);
}

/* A finished command's rows changed, counted as SQLite counts them:
 * INSERT, UPDATE and DELETE only. */
static void
count_changes(struct pg *pg, const PGresult *r)
{
	const char *tag = pq.PQcmdStatus((PGresult *)r);

	if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
	    strncmp(tag, "DELETE", 6) == 0 || strncmp(tag, "MERGE", 5) == 0 ||
	    strncmp(tag, "COPY", 4) == 0) {
		pg->changes = strtoll(pq.PQcmdTuples((PGresult *)r), NULL, 10);
		pg->total_changes += pg->changes;
	}
}

/* Read and drop what is left of the command in flight. */
static void
drain(struct pg *pg)
{
	PGresult *r;

	while ((r = pq.PQgetResult(pg->h)) != NULL)
		pq.PQclear(r);
	pg->streaming = NULL;
}

/* The rest of s's rows into memory, so that the connection is free for
 * another statement; s goes on from there. */
static void
park(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);
	PGresult *r, **nb;

	s->end_rc = SQL_DONE;
	while ((r = pq.PQgetResult(pg->h)) != NULL) {
		switch (pq.PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
			if (s->n == s->cap) {
				size_t cap = s->cap ? s->cap * 2 : 64;

				if ((nb = realloc(s->buf, cap * sizeof(*nb))) ==
				    NULL) {
					/* Out of memory: the rows are dropped
					 * and the statement ends so. */
					pq.PQclear(r);
					s->end_rc = SQL_ERROR;
					s->end_fault = SQL_FAULT_NOMEM;
					s->end_state[0] = '\0';
					snprintf(s->end_msg, sizeof(s->end_msg),
					    "out of memory");
					continue;
				}
				s->buf = nb;
				s->cap = cap;
			}
			s->buf[s->n++] = r;
			break;
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			count_changes(pg, r);
			pq.PQclear(s->desc);
			s->desc = r;
			break;
		default:
			fail_result(pg, r);
			pq.PQclear(r);
			s->end_rc = SQL_ERROR;
			s->end_fault = pg->base.fault;
			memcpy(s->end_state, pg->base.sqlstate,
			    sizeof(s->end_state));
			memcpy(s->end_msg, pg->base.errmsg, sizeof(s->end_msg));
		}
	}
	pg->streaming = NULL;
	s->state = ST_PARKED;
}

/* Keep the failure just recorded as the piped writes' (the first one
 * only). */
static void
set_failed(struct pg *pg)
{
	if (pg->failed)
		return;
	pg->failed = 1;
	pg->failed_fault = pg->base.fault;
	memcpy(pg->failed_state, pg->base.sqlstate, sizeof(pg->failed_state));
	memcpy(pg->failed_msg, pg->base.errmsg, sizeof(pg->failed_msg));
}

/* Repeat the failure of a piped write (see struct pg). */
static int
fail_again(struct pg *pg)
{
	sql_set_error(&pg->base, pg->failed_fault, pg->failed_state,
	    pg->failed_msg);
	pg->base.deferred_fault = 1;
	return SQL_ERROR;
}

/* Read the replies of the piped writes, in order, and leave pipeline
 * mode: SQL_ERROR when one of them failed (or had failed before). */
static int
flush(struct pg *pg)
{
	PGresult *r;
	size_t ends = 0;
	int synced = 0;

	if (!pg->piped)
		return pg->failed ? fail_again(pg) : SQL_OK;
	pg->piped = 0;
	if (!pq.PQpipelineSync(pg->h)) {
		if (!pg->failed) {
			fail_result(pg, NULL);
			set_failed(pg);
		}
		synced = 1;	/* nothing more will come */
	}
	/* Each write's replies end with a NULL, the sync with its own
	 * result; a lost connection gives NULLs only. */
	while (!synced && ends <= pg->queued) {
		if ((r = pq.PQgetResult(pg->h)) == NULL) {
			ends++;
			continue;
		}
		switch (pq.PQresultStatus(r)) {
		case PGRES_PIPELINE_SYNC:
			synced = 1;
			break;
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			count_changes(pg, r);
			break;
		case PGRES_PIPELINE_ABORTED:
			/* not run: a write before it failed */
			break;
		default:
			if (!pg->failed) {
				fail_result(pg, r);
				set_failed(pg);
			}
		}
		pq.PQclear(r);
	}
	pg->queued = 0;
	if (!synced && !pg->failed) {
		sql_set_error(&pg->base, SQL_FAULT_CONNECTION, NULL,
		    pq.PQerrorMessage(pg->h));
		set_failed(pg);
	}
	pq.PQexitPipelineMode(pg->h);
	return pg->failed ? fail_again(pg) : SQL_OK;
}

/* The connection free for a command: a statement streaming parked, the
 * piped writes' replies read. SQL_ERROR when a piped write failed. */
static int
free_connection(struct pg *pg)
{
	/* A copy left part-way (a failure while its rows were read):
	 * abandoned, its rows gone, the transaction failed on the server. */
	if (pg->copying) {
		pg->copying = 0;
		(void)pq.PQputCopyEnd(pg->h, "the copy was abandoned");
		drain(pg);
		return sql_set_error(&pg->base, SQL_FAULT_OTHER, NULL,
		    "a copy was abandoned part-way");
	}
	if (pg->streaming != NULL)
		park(pg->streaming);
	return flush(pg);
}

static void
drop_buffered(struct pg_stmt *s)
{
	for (size_t i = s->at; i < s->n; i++)
		pq.PQclear(s->buf[i]);
	free(s->buf);
	s->buf = NULL;
	s->n = s->at = s->cap = 0;
}

/* Make a connection string's "options" and ours one: the server's
 * settings of every connection (jit off: compiling a report's queries
 * costs more than it saves; the lock wait; read only when asked). */
static char *
server_options(const struct sql *db, const char *theirs)
{
	int ms = db->wait > 0 ? db->wait * 1000 : 1;
	size_t len = (theirs ? strlen(theirs) : 0) + 160;
	char *o = malloc(len);

	/* lock_timeout = 0 would wait for ever: no wait is 1 ms. */
	if (o != NULL)
		snprintf(o, len, "%s%s-c jit=off -c lock_timeout=%d%s",
		    theirs ? theirs : "", theirs && *theirs ? " " : "", ms,
		    (db->flags & SQL_READ_ONLY) ?
		    " -c default_transaction_read_only=on" : "");
	return o;
}

/* libpq's notices (a NOTICE from the server) are not printed: lib/
 * never prints. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int
pg_open(struct sql *db, struct cpl_error *err)
{
	struct pg *pg = PG(db);
	PQconninfoOption *opts;
	const char *kw[5], *val[5], *theirs = NULL;
	char *parse_err = NULL, *options;
	int password = 0, v;

	if ((v = pq_load(db->name, err)))
		return v;
	if ((opts = pq.PQconninfoParse(db->path, &parse_err)) == NULL) {
		if (parse_err == NULL)
			return cpl_nomem(err);
		sql_set_error(db, SQL_FAULT_OTHER, NULL, parse_err);
		pq.PQfreemem(parse_err);
		return cpl_fail(err, CPL_STORE, "can't use '%s': %s", db->path,
		    db->errmsg);
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    *o->val != '\0')
			password = 1;
		if (strcmp(o->keyword, "options") == 0)
			theirs = o->val;
	}
	/* A password in the string would be on a command line or in the
	 * environment for others to read; libpq has its own places for it.
	 * The string is not repeated here: it holds the password. */
	if (password) {
		pq.PQconninfoFree(opts);
		return cpl_fail(err, CPL_STORE, "the database's connection string "
		    "holds a password: give it in ~/.pgpass (or the file "
		    "PGPASSFILE names) or a service file instead");
	}
	options = server_options(db, theirs);
	pq.PQconninfoFree(opts);
	if (options == NULL)
		return cpl_nomem(err);
	/* Later entries win over what the string says. */
	kw[0] = "dbname";
	val[0] = db->path;
	kw[1] = "application_name";
	val[1] = "complaints";
	kw[2] = "client_encoding";
	val[2] = "UTF8";
	kw[3] = "options";
	val[3] = options;
	kw[4] = val[4] = NULL;
	pg->h = pq.PQconnectdbParams(kw, val, 1);
	free(options);
	if (pg->h == NULL)
		return cpl_nomem(err);
	if (pq.PQstatus(pg->h) != CONNECTION_OK) {
		sql_set_error(db, SQL_FAULT_CONNECTION, NULL,
		    pq.PQerrorMessage(pg->h));
		pq.PQfinish(pg->h);
		pg->h = NULL;
		return cpl_fail(err, CPL_STORE, "can't connect to '%s': %s",
		    db->path, db->errmsg);
	}
	pq.PQsetNoticeProcessor(pg->h, quiet, NULL);
	if ((v = pq.PQserverVersion(pg->h)) < 150000) {
		pq.PQfinish(pg->h);
		pg->h = NULL;
		return cpl_fail(err, CPL_STORE, "'%s' is PostgreSQL %d.%d: "
		    "complaints needs PostgreSQL 15 or later", db->path,
		    v / 10000, v >= 100000 ? v % 10000 : v / 100 % 100);
	}
	return 0;
}

static void
pg_close(struct sql *db)
{
	pq.PQfinish(PG(db)->h);
}

/* text with its ?N made $N (see sql.h), into s. */
static int
translate(struct pg_stmt *s, const char *text)
{
	size_t len = strlen(text), q, at = 0, marks = 0;
	int n, step;
	unsigned char *nu;

	for (const char *p = text; *p; p++)
		marks += *p == '?';
	/* "?" may become "$32766": six bytes more at most. */
	if ((s->text = malloc(len + marks * 6 + 1)) == NULL)
		return -1;
	for (const char *p = text; *p; ) {
		if ((q = sql_skip_quoted(p)) > 0) {
			memcpy(s->text + at, p, q);
			at += q;
			p += q;
			continue;
		}
		if (*p != '?') {
			s->text[at++] = *p++;
			continue;
		}
		/* A bare ? is one more than the highest number so far, as
		 * SQLite numbers it. */
		if ((n = sql_placeholder(p, &step)) == 0)
			n = s->n_params + 1;
		if (n > MAX_PARAM)
			return -2;
		if (n > s->n_params) {
			if ((nu = realloc(s->used, n)) == NULL)
				return -1;
			memset(nu + s->n_params, 0, n - s->n_params);
			s->used = nu;
			s->n_params = n;
		}
		s->used[n - 1] = 1;
		at += sprintf(s->text + at, "$%d", n);
		p += step;
	}
	s->text[at] = '\0';
	return 0;
}

/* The next word of SQL text at *p, outside literals, quoted names and
 * comments: its start, its length in *n, and *p past it; NULL at the
 * end. */
static const char *
next_word(const char **p, size_t *n)
{
	const char *w;
	size_t q;

	while (**p) {
		if ((q = sql_skip_quoted(*p)) > 0) {
			*p += q;
			continue;
		}
		if (!isalpha((unsigned char)**p)) {
			(*p)++;
			continue;
		}
		w = *p;
		for (*n = 0; isalnum((unsigned char)w[*n]) || w[*n] == '_';
		    (*n)++)
			;
		*p += *n;
		return w;
	}
	return NULL;
}

/* Whether word w (n bytes) is keyword, in any case. */
static int
is_word(const char *w, size_t n, const char *keyword)
{
	return n == strlen(keyword) && strncasecmp(w, keyword, n) == 0;
}

/* Whether text only reads: a SELECT, or a WITH whose words outside
 * literals and comments change nothing (no INSERT, UPDATE, DELETE or
 * MERGE), so that cancelling it undoes nothing. */
static int
is_read(const char *text)
{
	const char *p = text, *w;
	size_t n;

	if ((w = next_word(&p, &n)) == NULL)
		return 0;
	if (is_word(w, n, "SELECT"))
		return 1;
	if (!is_word(w, n, "WITH"))
		return 0;
	while ((w = next_word(&p, &n)) != NULL)
		if (is_word(w, n, "INSERT") || is_word(w, n, "UPDATE") ||
		    is_word(w, n, "DELETE") || is_word(w, n, "MERGE"))
			return 0;
	return 1;
}

/* Whether text is an INSERT, UPDATE or DELETE with no RETURNING: a
 * write whose reply holds nothing but its count, which may wait. */
static int
is_plain_write(const char *text)
{
	const char *p = text, *w;
	size_t n;

	if ((w = next_word(&p, &n)) == NULL ||
	    !(is_word(w, n, "INSERT") || is_word(w, n, "UPDATE") ||
	    is_word(w, n, "DELETE")))
		return 0;
	while ((w = next_word(&p, &n)) != NULL)
		if (is_word(w, n, "RETURNING"))
			return 0;
	return 1;
}

static void
free_stmt(struct pg_stmt *s)
{
	if (s->owned != NULL)
		for (int i = 0; i < s->n_params; i++)
			free(s->owned[i]);
	free(s->owned);
	free(s->text);
	free(s->used);
	free(s->types);
	free(s->values);
	free(s->lengths);
	free(s->formats);
	free(s->nums);
	free(s->prepared);
	pq.PQfreemem(s->blob);
	free(s);
}

static int
pg_prepare(struct sql *db, const char *text, struct sql_stmt **out)
{
	struct pg_stmt *s;
	int rc, n;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return sql_set_nomem(db);
	if ((rc = translate(s, text)) != 0) {
		free_stmt(s);
		return rc == -2 ? sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "a placeholder's number is over 32766") : sql_set_nomem(db);
	}
	n = s->n_params ? s->n_params : 1;
	if ((s->types = calloc(n, sizeof(*s->types))) == NULL ||
	    (s->values = calloc(n, sizeof(*s->values))) == NULL ||
	    (s->owned = calloc(n, sizeof(*s->owned))) == NULL ||
	    (s->lengths = calloc(n, sizeof(*s->lengths))) == NULL ||
	    (s->formats = calloc(n, sizeof(*s->formats))) == NULL ||
	    (s->nums = calloc(n, sizeof(*s->nums))) == NULL ||
	    (s->prepared = calloc(n, sizeof(*s->prepared))) == NULL) {
		free_stmt(s);
		return sql_set_nomem(db);
	}
	s->read_only = is_read(s->text);
	s->deferrable = is_plain_write(s->text);
	*out = &s->base;
	return SQL_OK;
}

/* The i-th value (from 1) emptied, for a new one; 0 when i is none of
 * the statement's. */
static int
unbind(struct pg_stmt *s, int i)
{
	if (i < 1 || i > s->n_params)
		return 0;
	free(s->owned[i - 1]);
	s->owned[i - 1] = NULL;
	s->values[i - 1] = NULL;
	s->types[i - 1] = 0;
	s->lengths[i - 1] = 0;
	s->formats[i - 1] = 0;
	return 1;
}

static void
pg_bind_int64(struct sql_stmt *base, int i, int64_t v)
{
	struct pg_stmt *s = PS(base);

	if (!unbind(s, i))
		return;
	snprintf(s->nums[i - 1], sizeof(s->nums[i - 1]), "%lld",
	    (long long)v);
	s->values[i - 1] = s->nums[i - 1];
	s->types[i - 1] = INT8OID;
}

static void
pg_bind_text(struct sql_stmt *base, int i, const char *v)
{
	struct pg_stmt *s = PS(base);

	if (!unbind(s, i))
		return;
	if ((s->owned[i - 1] = strdup(v)) == NULL) {
		s->nomem = 1;
		return;
	}
	s->values[i - 1] = s->owned[i - 1];
	s->types[i - 1] = TEXTOID;
}

/* The bytes as they are, a bytea in binary format: no escaping, and no
 * more bytes on the wire than the blob's. */
static void
pg_bind_blob(struct sql_stmt *base, int i, const void *v, size_t n)
{
	struct pg_stmt *s = PS(base);

	if (!unbind(s, i))
		return;
	/* A parameter's length is an int; a bytea is at most 1 GB. */
	if (n > INT_MAX || (s->owned[i - 1] = malloc(n ? n : 1)) == NULL) {
		s->nomem = 1;
		return;
	}
	memcpy(s->owned[i - 1], v, n);
	s->values[i - 1] = s->owned[i - 1];
	s->lengths[i - 1] = (int)n;
	s->formats[i - 1] = 1;
	s->types[i - 1] = BYTEAOID;
}

static void
pg_bind_null(struct sql_stmt *base, int i)
{
	unbind(PS(base), i);
}

static void
pg_clear_bindings(struct sql_stmt *base)
{
	struct pg_stmt *s = PS(base);

	for (int i = 1; i <= s->n_params; i++)
		unbind(s, i);
	s->nomem = 0;
}

/* Forget s's name on the server (not inside a failed transaction, where
 * the server refuses everything but a rollback: the statement then
 * lasts until the connection ends, its name never used again). */
static void
deallocate(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);
	char sql[64];

	if (s->name[0] == '\0')
		return;
	if (!pg->base.closing && pq.PQstatus(pg->h) == CONNECTION_OK &&
	    pq.PQtransactionStatus(pg->h) != PQTRANS_INERROR) {
		(void)free_connection(pg);
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
		pq.PQclear(pq.PQexec(pg->h, sql));
	}
	s->name[0] = '\0';
}

/* Whether s is not prepared on the server with types its values fit. */
static int
needs_prepare(const struct pg_stmt *s)
{
	if (s->name[0] == '\0')
		return 1;
	for (int i = 0; i < s->n_params; i++)
		if (s->types[i] != 0 && s->types[i] != s->prepared[i])
			return 1;
	return 0;
}

/* Prepare s on the server with the types of the values bound, unless it
 * already is with types they fit. */
static int
prepare_on_server(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);
	PGresult *r;
	Oid *want = s->prepared;

	if (!needs_prepare(s))
		return SQL_OK;
	deallocate(s);
	for (int i = 0; i < s->n_params; i++)
		/* A number the SQL does not use must have a type: text. */
		want[i] = s->types[i] != 0 ? s->types[i] :
		    s->used[i] ? 0 : TEXTOID;
	snprintf(s->name, sizeof(s->name), "cpl_%lu", ++pg->names);
	r = pq.PQprepare(pg->h, s->name, s->text, s->n_params, want);
	if (r == NULL || pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
		s->name[0] = '\0';
		fail_result(pg, r);
		pq.PQclear(r);
		return SQL_ERROR;
	}
	pq.PQclear(r);
	return SQL_OK;
}

/* Send s, to be read a row at a time. */
static int
start(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);

	if (s->nomem)
		return sql_set_nomem(&pg->base);
	if (free_connection(pg) != SQL_OK)
		return SQL_ERROR;
	if (prepare_on_server(s) != SQL_OK)
		return SQL_ERROR;
	s->in_block = pq.PQtransactionStatus(pg->h) != PQTRANS_IDLE;
	if (!pq.PQsendQueryPrepared(pg->h, s->name, s->n_params, s->values,
	    s->lengths, s->formats, 0))
		return fail_result(pg, NULL);
	pq.PQsetSingleRowMode(pg->h);
	s->state = ST_STREAMING;
	pg->streaming = s;
	return SQL_OK;
}

/* Whether s goes down the pipeline: a plain write, in a batch, inside a
 * transaction (one on its own would commit with no one reading whether
 * it failed). */
static int
can_pipe(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);

	if (!pg->defer || !s->deferrable || s->nomem)
		return 0;
	if (pg->piped)
		return 1;
	if (pg->streaming != NULL)
		park(pg->streaming);
	return pq.PQtransactionStatus(pg->h) == PQTRANS_INTRANS;
}

/* Send s down the pipeline, its reply left to flush: SQL_DONE. */
static int
send_piped(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);

	if (pg->failed)
		return fail_again(pg);
	/* Prepared out of pipeline mode, where a prepare is one call. */
	if (pg->piped && (needs_prepare(s) || pg->queued >= PIPE_MAX) &&
	    flush(pg) != SQL_OK)
		return SQL_ERROR;
	if (!pg->piped) {
		if (prepare_on_server(s) != SQL_OK)
			return SQL_ERROR;
		if (!pq.PQenterPipelineMode(pg->h))
			return fail_result(pg, NULL);
		pg->piped = 1;
	}
	if (!pq.PQsendQueryPrepared(pg->h, s->name, s->n_params, s->values,
	    s->lengths, s->formats, 0)) {
		fail_result(pg, NULL);
		set_failed(pg);
		return flush(pg);
	}
	pg->queued++;
	s->in_block = 1;
	return SQL_DONE;
}

/* The next row of s off the connection. */
static int
next_streamed(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);
	PGresult *r = pq.PQgetResult(pg->h);
	int rc;

	if (r != NULL && pq.PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		s->row = r;
		return SQL_ROW;
	}
	s->state = ST_FINISHED;
	if (r == NULL) {
		pg->streaming = NULL;
		return SQL_DONE;
	}
	switch (pq.PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		count_changes(pg, r);
		s->desc = r;
		rc = SQL_DONE;
		break;
	default:
		rc = fail_result(pg, r);
		pq.PQclear(r);
	}
	drain(pg);
	return rc;
}

/* The next row of a parked s, from memory. */
static int
next_parked(struct pg_stmt *s)
{
	struct pg *pg = PG(s->base.db);

	if (s->at < s->n) {
		s->row = s->buf[s->at++];
		return SQL_ROW;
	}
	drop_buffered(s);
	s->state = ST_FINISHED;
	if (s->end_rc == SQL_DONE)
		return SQL_DONE;
	sql_set_error(&pg->base, s->end_fault, s->end_state, s->end_msg);
	return SQL_ERROR;
}

static void
clear_results(struct pg_stmt *s)
{
	pq.PQclear(s->row);
	s->row = NULL;
	pq.PQclear(s->desc);
	s->desc = NULL;
}

static int
pg_step(struct sql_stmt *base)
{
	struct pg_stmt *s = PS(base);
	int rc;

	pq.PQclear(s->row);
	s->row = NULL;
	switch (s->state) {
	case ST_STREAMING:
		return next_streamed(s);
	case ST_PARKED:
		return next_parked(s);
	default:
		clear_results(s);
		if (can_pipe(s)) {
			s->state = ST_FINISHED;
			return send_piped(s);
		}
		if ((rc = start(s)) != SQL_OK) {
			s->state = ST_FINISHED;
			return rc;
		}
		return next_streamed(s);
	}
}

/* Ask the server to stop the command in flight. */
static void
cancel(struct pg *pg)
{
	PGcancel *c;
	char why[256];

	if ((c = pq.PQgetCancel(pg->h)) != NULL) {
		pq.PQcancel(c, why, sizeof(why));
		pq.PQfreeCancel(c);
	}
}

static void
pg_reset(struct sql_stmt *base)
{
	struct pg_stmt *s = PS(base);
	struct pg *pg = PG(s->base.db);

	/* Closing, the connection goes with what it was reading. */
	if (s->state == ST_STREAMING && pg->base.closing)
		pg->streaming = NULL;
	else if (s->state == ST_STREAMING) {
		/* A read on its own is cancelled rather than read to its end
		 * (it may have no end); inside a transaction, a cancel would
		 * fail the transaction, so the rows are read and dropped. */
		if (s->read_only && !s->in_block)
			cancel(pg);
		drain(pg);
	}
	drop_buffered(s);
	clear_results(s);
	s->state = ST_IDLE;
}

static void
pg_finalize(struct sql_stmt *base)
{
	struct pg_stmt *s = PS(base);

	pg_reset(base);
	deallocate(s);
	free_stmt(s);
}

/* The row's value, or NULL before a row and for NULL. */
static const char *
value(struct pg_stmt *s, int i)
{
	if (s->row == NULL || i < 0 || i >= pq.PQnfields(s->row) ||
	    pq.PQgetisnull(s->row, 0, i))
		return NULL;
	return pq.PQgetvalue(s->row, 0, i);
}

static int
pg_col_count(struct sql_stmt *base)
{
	struct pg_stmt *s = PS(base);

	return s->row ? pq.PQnfields(s->row) : s->desc ? pq.PQnfields(s->desc) : 0;
}

static const char *
pg_col_name(struct sql_stmt *base, int i)
{
	struct pg_stmt *s = PS(base);
	const PGresult *r = s->row ? s->row : s->desc;

	return r != NULL && i >= 0 && i < pq.PQnfields(r) ? pq.PQfname(r, i) : NULL;
}

static enum sql_type
pg_col_type(struct sql_stmt *base, int i)
{
	struct pg_stmt *s = PS(base);
	const char *v = value(s, i);

	if (v == NULL)
		return SQL_NULL;
	switch (pq.PQftype(s->row, i)) {
	case BOOLOID:
	case INT2OID:
	case INT4OID:
	case INT8OID:
	case OIDOID:
		return SQL_INT;
	case NUMERICOID:
		/* as SQLite's value would be: a sum of integers is one */
		return strpbrk(v, ".eEN") ? SQL_FLOAT : SQL_INT;
	case FLOAT4OID:
	case FLOAT8OID:
		return SQL_FLOAT;
	case BYTEAOID:
		return SQL_BLOB;
	default:
		return SQL_TEXT;
	}
}

static int64_t
pg_col_int64(struct sql_stmt *base, int i)
{
	struct pg_stmt *s = PS(base);
	const char *v = value(s, i);

	if (v == NULL)
		return 0;
	if (pq.PQftype(s->row, i) == BOOLOID)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

static double
pg_col_double(struct sql_stmt *base, int i)
{
	const char *v = value(PS(base), i);

	return v == NULL ? 0 : strtod(v, NULL);
}

static const char *
pg_col_text(struct sql_stmt *base, int i)
{
	return value(PS(base), i);
}

/* A bytea column comes as text, "\\x" and two hex digits a byte: its
 * bytes, decoded into the statement's buffer. */
static const void *
pg_col_blob(struct sql_stmt *base, int i, int *len)
{
	struct pg_stmt *s = PS(base);
	const char *v = value(s, i);
	size_t n;

	*len = 0;
	pq.PQfreemem(s->blob);
	s->blob = NULL;
	if (v == NULL)
		return NULL;
	if ((s->blob = pq.PQunescapeBytea((const unsigned char *)v, &n)) == NULL)
		return NULL;
	*len = (int)n;
	return s->blob;
}

/* The counts wait for the piped writes' replies (a failure among them
 * is the next call's). */
static int64_t
pg_changes(struct sql *db)
{
	(void)flush(PG(db));
	return PG(db)->changes;
}

static int64_t
pg_total_changes(struct sql *db)
{
	(void)flush(PG(db));
	return PG(db)->total_changes;
}

static int
pg_exec(struct sql *db, const char *text)
{
	struct pg *pg = PG(db);
	struct pg_stmt *s;
	PGresult *r;
	int rc = SQL_OK;

	/* A rollback ends the statement reading: cancelled, as what it
	 * read is undone anyway, rather than read to its end. */
	if ((s = pg->streaming) != NULL && strcmp(text, "ROLLBACK") == 0) {
		cancel(pg);
		drain(pg);
		s->state = ST_FINISHED;
	}
	if (strcmp(text, "ROLLBACK") == 0) {
		/* What the piped writes did goes with the rollback. */
		(void)free_connection(pg);
		pg->failed = 0;
	} else if (free_connection(pg) != SQL_OK)
		return SQL_ERROR;
	r = pq.PQexec(pg->h, text);
	if (r != NULL && (pq.PQresultStatus(r) == PGRES_COMMAND_OK ||
	    pq.PQresultStatus(r) == PGRES_TUPLES_OK))
		count_changes(pg, r);
	else
		rc = fail_result(pg, r);
	pq.PQclear(r);
	return rc;
}

static int
pg_in_transaction(struct sql *db)
{
	struct pg *pg = PG(db);

	/* Writes are piped, and rows copied, inside a transaction only. */
	if (pg->piped || pg->copying)
		return 1;
	switch (pq.PQtransactionStatus(pg->h)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return 1;
	case PQTRANS_ACTIVE:
		/* A statement streaming: in a transaction if it was sent in
		 * one (one on its own ends with it). */
		return pg->streaming != NULL && pg->streaming->in_block;
	default:
		return 0;
	}
}

static void
pg_defer_begin(struct sql *db)
{
	PG(db)->defer = 1;
}

static int
pg_defer_end(struct sql *db)
{
	struct pg *pg = PG(db);

	pg->defer = 0;
	return flush(pg);
}

/*
 * COPY ... FROM STDIN: the statement sent as a simple query, whose
 * answer is that the server waits for the rows; each row then sent as
 * copy data (libpq gathers them into messages of its own size and
 * writes them as its buffer fills); the end told, and the answer read.
 * A row the server refuses fails the copy at once on the server, which
 * then reads and drops what comes until the end: the failure shows at
 * the next row sent or at the end, with the server's own words.
 */
static int
pg_copy_begin(struct sql *db, const char *text)
{
	struct pg *pg = PG(db);
	PGresult *r;
	int rc = SQL_OK;

	if (free_connection(pg) != SQL_OK)
		return SQL_ERROR;
	r = pq.PQexec(pg->h, text);
	if (r != NULL && pq.PQresultStatus(r) == PGRES_COPY_IN)
		pg->copying = 1;
	else if (r != NULL && (pq.PQresultStatus(r) == PGRES_COMMAND_OK ||
	    pq.PQresultStatus(r) == PGRES_TUPLES_OK))
		rc = sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "not a copy into a table");
	else
		rc = fail_result(pg, r);
	pq.PQclear(r);
	return rc;
}

/* The copy's end, read: the server's answer to it, then nothing. */
static int
copy_answer(struct pg *pg)
{
	PGresult *r = pq.PQgetResult(pg->h);
	int rc = SQL_OK;

	if (r != NULL && pq.PQresultStatus(r) == PGRES_COMMAND_OK)
		count_changes(pg, r);
	else
		rc = fail_result(pg, r);
	pq.PQclear(r);
	drain(pg);
	return rc;
}

static int
pg_copy_row(struct sql *db, const char *row, size_t len)
{
	struct pg *pg = PG(db);

	if (!pg->copying)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "no copy to write a row into");
	if (len > INT_MAX)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "a row too big to copy");
	if (pq.PQputCopyData(pg->h, row, (int)len) == 1)
		return SQL_OK;
	/* The server ended the copy (a row it refused): its answer says
	 * why; or the connection was lost. */
	pg->copying = 0;
	if (copy_answer(pg) == SQL_OK)
		return fail_result(pg, NULL);
	return SQL_ERROR;
}

static int
pg_copy_end(struct sql *db)
{
	struct pg *pg = PG(db);

	if (!pg->copying)
		return sql_set_error(db, SQL_FAULT_OTHER, NULL,
		    "no copy to end");
	pg->copying = 0;
	if (pq.PQputCopyEnd(pg->h, NULL) == 1)
		return copy_answer(pg);
	/* Not sent: the server's answer, if any, or the connection's. */
	if (copy_answer(pg) == SQL_OK)
		return fail_result(pg, NULL);
	return SQL_ERROR;
}

struct pg_conn *
sql_pgconn(struct sql *db)
{
	return db->engine == SQL_POSTGRES ? PG(db)->h : NULL;
}

const struct sql_ops sql_pg_ops = {
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_text_static = pg_bind_text,
	.bind_null = pg_bind_null,
	.bind_blob = pg_bind_blob,
	.clear_bindings = pg_clear_bindings,
	.step = pg_step,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_int64 = pg_col_int64,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.total_changes = pg_total_changes,
	.exec = pg_exec,
	.in_transaction = pg_in_transaction,
	.defer_begin = pg_defer_begin,
	.defer_end = pg_defer_end,
	.copy_begin = pg_copy_begin,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
	/* READ COMMITTED: a write locks the rows it changes in its first
	 * read (FOR UPDATE), and the counters it numbers references from
	 * stay gapless under that lock. A read: one snapshot throughout. */
	.begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED",
	.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
};
