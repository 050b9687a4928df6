/*
 * store.c: the connection to the SQLite store (see store.h): opening it
 * (its files' rule is in store_files.c, its schema in store_schema.c),
 * the statements it keeps prepared, the helpers every lib/store_*.c file
 * uses to bind, step and read them (store_int.h), and its transactions:
 * writes, read snapshots, and the indexes a batch rebuilds at its
 * commit.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_int.h"
#include "util.h"

/* The rows of each index ANALYZE reads for the planner's statistics
 * (update_statistics). */
#define ANALYSIS_LIMIT "400"

int
db_fail(struct store *st, struct cpl_error *err, const char *what)
{
	return sql_fail(st->db, err, what);
}

int
lite_fail(struct store *st, int code, struct cpl_error *err, const char *what)
{
	sql_sqlite_error(st->db, code);
	return sql_fail(st->db, err, what);
}

int
prepare(struct store *st, const char *sql, struct sql_stmt **s,
    struct cpl_error *err)
{
	struct cached_stmt *c = NULL;

	for (int i = 0; i < st->n_cache; i++)
		if (st->cache[i].sql == sql && !st->cache[i].busy) {
			st->cache[i].busy = 1;
			*s = st->cache[i].s;
			return 0;
		}
	if (sql_prepare(st->db, sql, s) != SQL_OK)
		return sql_fault(st->db) == SQL_FAULT_NOMEM ? no_memory(err) :
		    cpl_fail(err, CPL_STORE, "%s: can't prepare '%s': %s",
		    st->path, sql, sql_errmsg(st->db));
	/* A statement already in use (a walk that calls back into the store
	 * with the same SQL) gets a copy of its own, not kept. */
	for (int i = 0; i < st->n_cache; i++)
		if (st->cache[i].sql == sql)
			return 0;
	if (st->n_cache < STMT_CACHE) {
		c = &st->cache[st->n_cache++];
		c->sql = sql;
		c->s = *s;
		c->busy = 1;
	}
	return 0;
}

void
finish(struct store *st, struct sql_stmt *s)
{
	for (int i = 0; i < st->n_cache; i++)
		if (st->cache[i].s == s) {
			sql_reset(s);
			sql_clear_bindings(s);
			st->cache[i].busy = 0;
			return;
		}
	sql_finalize(s);
}

void
bind_text(struct sql_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sql_bind_null(s, i);
	else
		sql_bind_text(s, i, v);
}

void
bind_text_static(struct sql_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sql_bind_null(s, i);
	else
		sql_bind_text_static(s, i, v);
}

void
bind_date(struct sql_stmt *s, int i, cpl_date d)
{
	if (d == NO_DATE)
		sql_bind_null(s, i);
	else
		sql_bind_int64(s, i, d);
}

/* The milliseconds since the epoch of a stamp "YYYY-MM-DDTHH:MM:SS.mmmZ";
 * -1 when text is not one. */
static int64_t
stamp_ms(const char *text)
{
	static const char form[] = "0000-00-00T00:00:00.000Z";
	char day[DATE_LEN];
	cpl_date d;
	int v[4] = {0, 0, 0, 0}, k = 0;

	/* exactly the form recorded_now writes, so the text comes back
	 * byte for byte from the number */
	if (strlen(text) != STAMP_LEN - 1)
		return -1;
	for (int i = 0; i < STAMP_LEN - 1; i++) {
		if (form[i] != '0') {
			if (text[i] != form[i])
				return -1;
			if (i > 10)
				k++;
		} else if (text[i] < '0' || text[i] > '9')
			return -1;
		else if (i > 10)
			v[k] = v[k] * 10 + (text[i] - '0');
	}
	memcpy(day, text, DATE_LEN - 1);
	day[DATE_LEN - 1] = '\0';
	if (date_parse(day, &d) != 0 || v[0] > 23 || v[1] > 59 || v[2] > 59)
		return -1;
	return (((int64_t)d * 24 + v[0]) * 60 + v[1]) * 60000 +
	    v[2] * 1000 + v[3];
}

void
stamp_text(int64_t ms, char buf[STAMP_LEN])
{
	int64_t day = ms / 86400000, rest = ms % 86400000;

	if (rest < 0) {
		rest += 86400000;
		day--;
	}
	date_format((cpl_date)day, buf);
	snprintf(buf + 10, STAMP_LEN - 10, "T%02d:%02d:%02d.%03dZ",
	    (int)(rest / 3600000), (int)(rest / 60000 % 60),
	    (int)(rest / 1000 % 60), (int)(rest % 1000));
}

void
bind_stamp(struct sql_stmt *s, int i, const char *v)
{
	int64_t ms;

	if (v == NULL)
		sql_bind_null(s, i);
	else if ((ms = stamp_ms(v)) >= 0)
		sql_bind_int64(s, i, ms);
	else
		sql_bind_text(s, i, v);
}

int
bind_name_key(struct sql_stmt *s, int i, const char *name)
{
	char *key;

	if (name == NULL) {
		sql_bind_null(s, i);
		return 0;
	}
	if ((key = name_key(name)) == NULL)
		return -1;
	sql_bind_text(s, i, key);
	free(key);
	return 0;
}

char *
col_text(struct sql_stmt *s, int i)
{
	const char *v = sql_col_text(s, i);

	return v == NULL ? NULL : strdup((const char *)v);
}

cpl_date
col_date(struct sql_stmt *s, int i)
{
	const char *v;
	cpl_date d;

	switch (sql_col_type(s, i)) {
	case SQL_NULL:
		return NO_DATE;
	case SQL_INT:
		return (cpl_date)col_int(s, i);
	default:
		/* a date no migration could read as one stays as it was */
		v = sql_col_text(s, i);
		if (v == NULL || date_parse((const char *)v, &d) != 0)
			return NO_DATE;
		return d;
	}
}

char *
col_stamp(struct sql_stmt *s, int i)
{
	char buf[STAMP_LEN];

	if (sql_col_type(s, i) != SQL_INT)
		return col_text(s, i);
	stamp_text(sql_col_int64(s, i), buf);
	return strdup(buf);
}

int
run(struct store *st, struct sql_stmt *s, const char *what, struct cpl_error *err)
{
	int rc = sql_step(s);

	if (rc != SQL_DONE && rc != SQL_ROW) {
		rc = db_fail(st, err, what);
		finish(st, s);
		return rc;
	}
	finish(st, s);
	return 0;
}

int
each_row(struct store *st, struct sql_stmt *s,
    int (*fn)(struct sql_stmt *s, void *arg, struct cpl_error *err), void *arg,
    const char *what, struct cpl_error *err)
{
	int rc;

	while ((rc = sql_step(s)) == SQL_ROW)
		if ((rc = fn(s, arg, err)) != 0) {
			finish(st, s);
			return rc;
		}
	rc = rc == SQL_DONE ? 0 : db_fail(st, err, what);
	finish(st, s);
	return rc;
}

int
row_int64(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	(void)err;
	*(int64_t *)arg = sql_col_int64(s, 0);
	return 0;
}

int
row_text(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	char **text = arg;

	free(*text);
	if ((*text = col_text(s, 0)) == NULL &&
	    sql_col_type(s, 0) != SQL_NULL)
		return no_memory(err);
	return 0;
}

int
row_exists(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	(void)s;
	(void)err;
	*(int *)arg = 1;
	return 0;
}

/* What gather is filling, and how. */
struct gathering {
	struct rows *to;
	size_t size;
	void (*read)(struct sql_stmt *s, void *elem);
};

static int
gather_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct gathering *g = arg;
	char *nv = realloc(g->to->v, (g->to->n + 1) * g->size);

	if (nv == NULL)
		return no_memory(err);
	g->to->v = nv;
	nv += g->to->n++ * g->size;
	memset(nv, 0, g->size);
	g->read(s, nv);
	return 0;
}

int
gather(struct store *st, struct sql_stmt *s, size_t size,
    void (*read)(struct sql_stmt *s, void *elem), struct rows *to,
    const char *what, struct cpl_error *err)
{
	struct gathering g = {to, size, read};

	to->v = NULL;
	to->n = 0;
	return each_row(st, s, gather_row, &g, what, err);
}

static void
read_id(struct sql_stmt *s, void *elem)
{
	*(int64_t *)elem = sql_col_int64(s, 0);
}

int
select_ids(struct store *st, const char *sql, int64_t **ids, int *n,
    const char *what, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	if ((rc = gather(st, s, sizeof(**ids), read_id, &got, what, err))) {
		free(got.v);
		return rc;
	}
	*ids = got.v;
	*n = got.n;
	return 0;
}

int
insert_id(struct store *st, struct sql_stmt *s, int64_t *id,
    const char *what, struct cpl_error *err)
{
	int rc;

	if (st->lite == NULL)
		return each_row(st, s, row_int64, id, what, err);
	if ((rc = run(st, s, what, err)) == 0)
		*id = sqlite3_last_insert_rowid(st->lite);
	return rc;
}

int
no_memory(struct cpl_error *err)
{
	return cpl_nomem(err);
}

int
exec(struct store *st, const char *sql, const char *what, struct cpl_error *err)
{
	if (sql_exec(st->db, sql) != SQL_OK)
		return db_fail(st, err, what);
	return 0;
}

/*
 * WAL mode, so that readers and one writer go on together. Changing the
 * journal mode takes an exclusive lock and SQLite does not wait for it (no
 * busy handler there): when several processes open a fresh store at once,
 * retry for as long as the busy handler would have waited.
 */
static int
use_wal(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	const char *mode;
	int rc, tries = 0;

	for (;;) {
		if (sql_prepare(st->db, "PRAGMA journal_mode = WAL", &s) != SQL_OK)
			return db_fail(st, err, "can't use WAL");
		rc = sql_step(s);
		mode = rc == SQL_ROW ? sql_col_text(s, 0) : NULL;
		if (mode != NULL && strcmp(mode, "wal") == 0) {
			sql_finalize(s);
			return 0;
		}
		if (rc == SQL_ROW) {
			/* The file system can't do WAL: SQLite kept the mode. */
			rc = cpl_fail(err, CPL_STORE, "%s: can't use WAL: the "
			    "journal mode stays '%s'", st->path, mode ? mode : "?");
			sql_finalize(s);
			return rc;
		}
		sql_finalize(s);
		if (sql_fault(st->db) != SQL_FAULT_BUSY)
			return db_fail(st, err, "can't use WAL");
		if (!busy_wait(st, tries++))
			return db_fail(st, err, "can't use WAL");
	}
}

/*
 * Every connection that can write overwrites with zeros what it deletes or
 * moves: a purged name, and the old copy of a row an update rewrote, are
 * not left in free space, where a copy of the file would still show them.
 * Debian's SQLite is built so; upstream's default is off. Set, and checked.
 */
static int
secure_delete(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t on = 0;
	int rc;

	if ((rc = exec(st, "PRAGMA secure_delete = ON", "can't delete securely",
	    err)) ||
	    (rc = prepare(st, "PRAGMA secure_delete", &s, err)) ||
	    (rc = each_row(st, s, row_int64, &on, "can't delete securely", err)))
		return rc;
	if (on != 1)
		return cpl_fail(err, CPL_STORE, "%s: SQLite will not overwrite "
		    "what is deleted (secure delete stays off), so removed "
		    "personal data would stay in the file; nothing was changed",
		    st->path);
	return 0;
}

/* An unaudited read is not allowed where reads are audited: a store
 * that can't be written can't record them. */
static int
audit_recordable(struct store *st, int flags, struct cpl_error *err)
{
	char *audit = NULL;
	int rc;

	if (!(flags & STORE_AUDITED) || st->read_only[0] == '\0')
		return 0;
	/* An unaudited read is not allowed where reads are audited. */
	if ((rc = store_get_setting(st, "audit_reads", &audit, err)))
		return rc;
	if (audit != NULL && strcmp(audit, "on") == 0)
		rc = cpl_fail(err, CPL_STORE, "reading is audited in this store, "
		    "and the audit can't be recorded: %s can't be written: %s",
		    st->path, st->read_only);
	free(audit);
	return rc;
}

/* A store open read-only serves what needs no write. */
static int
read_only_ready(struct store *st, int flags, struct cpl_error *err)
{
	int rc, v = 0;

	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v < STORE_SCHEMA_VERSION)
		return cpl_fail(err, CPL_STORE, "%s: the database is schema "
		    "version %d, older than this complaints uses (%d), and can't "
		    "be upgraded: %s", st->path, v, STORE_SCHEMA_VERSION,
		    st->read_only);
	return audit_recordable(st, flags, err);
}

/* A store open to write: its schema made, or brought up to date; one
 * of an older schema opened STORE_BARE is left as it stands, for a copy
 * to look at before anything is written (store_copy_older). */
static int
schema_to_write(struct store *st, int flags, struct cpl_error *err)
{
	int rc, v = 0;

	if ((flags & STORE_BARE) && ((rc = schema_version(st, &v, err)) ||
	    v > 0))
		return rc;
	return schema_upgrade(st, err);
}

/* file as an SQLite URI that reads it as it stands (OPEN_FROZEN). */
static char *
frozen_uri(const char *file)
{
	static const char keep[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._~-";
	size_t len = strlen(file);
	char *uri = malloc(len * 3 + 32), *p;

	if (uri == NULL)
		return NULL;
	/* "file:" then "//" (no authority) before an absolute path, so
	 * that one starting "//" is not read as a host. */
	p = uri + sprintf(uri, "file:%s", file[0] == '/' ? "//" : "");
	for (const unsigned char *c = (const unsigned char *)file; *c; c++)
		p += strchr(keep, *c) != NULL ? sprintf(p, "%c", *c) :
		    sprintf(p, "%%%02X", *c);
	strcpy(p, "?immutable=1");
	return uri;
}

/* Several officers and cron jobs share the file: a command waits for
 * another's lock rather than fail (busy_wait), and readers go on while
 * one writes. */
static void
wait_for_locks(struct store *st)
{
	sqlite3_busy_handler(st->lite, busy_wait, st);
}

int
store_open(const char *path, int flags, struct store **out,
    struct cpl_error *err)
{
	struct store *st;
	struct stat sb;
	enum open_mode mode = OPEN_WRITE;
	char *uri = NULL;
	int rc, exists_now;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return no_memory(err);
	st->lock_fd = -1;
	if ((st->path = strdup(path)) == NULL ||
	    (st->file = strdup(path)) == NULL) {
		rc = no_memory(err);
		goto fail;
	}
	if (sql_engine_of(path) == SQL_POSTGRES) {
#ifdef CPL_HAVE_POSTGRES
		if ((rc = server_open(st, flags, err)) ||
		    (rc = audit_recordable(st, flags, err)))
			goto fail;
#else
		/* Refused, saying this build has no PostgreSQL. */
		if ((rc = sql_open(path, 0, 0, &st->db, err)))
			goto fail;
#endif
		*out = st;
		return 0;
	}
	if (flags & STORE_CREATE)
		files_tidy(st);
	while (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE)) {
			rc = cpl_fail(err, CPL_STORE, errno == ENOENT ?
			    "no database at '%s': run 'complaints init' first" :
			    "can't use database '%s': %s", path, strerror(errno));
			goto fail;
		}
		if ((rc = files_new(st, &exists_now, err)))
			goto fail;
		if (!exists_now) {
			if (fstat(st->lock_fd, &sb) != 0) {
				rc = cpl_fail(err, CPL_STORE, "can't create "
				    "'%s': %s", path, strerror(errno));
				goto fail;
			}
			break;
		}
	}
	/* Init fills an empty file left where a store should be only if it
	 * is this account's: another's would keep what is written in it. */
	if ((flags & STORE_CREATE) && !st->fresh && sb.st_size == 0 &&
	    sb.st_uid != geteuid()) {
		rc = cpl_fail(err, CPL_STORE, "'%s' is an empty file of another "
		    "account's, not a database: remove it", path);
		goto fail;
	}
	if ((rc = files_check(st, &sb, err)) ||
	    (!st->fresh && (rc = files_open_mode(st, &mode, err))) ||
	    (mode == OPEN_WRITE && !st->fresh &&
	    (rc = files_make_beside(st, &sb, err))))
		goto fail;
	if ((flags & STORE_READ_ONLY) && mode == OPEN_WRITE && !st->fresh) {
		mode = OPEN_READ;
		snprintf(st->read_only, sizeof(st->read_only),
		    "it was opened to read only");
	}
	if (mode == OPEN_FROZEN && (uri = frozen_uri(st->file)) == NULL) {
		rc = no_memory(err);
		goto fail;
	}
	/* One thread, one connection, and no use for SQLite's memory
	 * statistics: without their mutexes and counts, every call is
	 * cheaper (an import's rows by a seventh). Set before SQLite's first
	 * use; refused, harmlessly, after it. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* Never SQLITE_OPEN_CREATE: the file is there, checked, or made by
	 * files_new; whatever replaced it meanwhile is not taken. */
	if ((rc = sql_open_as(uri ? uri : st->file, path, mode == OPEN_WRITE ?
	    0 : mode == OPEN_READ ? SQL_READ_ONLY : SQL_READ_ONLY | SQL_URI,
	    wait_limit(), &st->db, err)))
		goto fail;
	st->lite = sql_sqlite3(st->db);
	sql_set_read_only_reason(st->db, st->read_only);
	/* A database this complaints must not touch (a newer one, another
	 * program's) may have a -wal file: closing the last connection would
	 * checkpoint it into the file. Only once the file is known to be ours
	 * may a close write to it. */
	sqlite3_db_config(st->lite, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* Several officers and cron jobs share the file: wait for the lock
	 * rather than fail, and let readers go on while one writes. */
	wait_for_locks(st);
	if ((rc = schema_check(st, flags & STORE_CREATE, err)) == 0)
		sqlite3_db_config(st->lite, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
		    NULL);
	/* The files SQLite has opened (the first read opens the log and its
	 * index; use_wal makes them for a new store) are checked before
	 * anything is written: another account may have made them after
	 * files_check looked. */
	if (rc || (rc = files_check_group(st, &sb, err)) ||
	    (mode == OPEN_WRITE && (rc = use_wal(st, err))) ||
	    (rc = files_check_open(st, &sb, err)) ||
	    (mode == OPEN_WRITE && (rc = secure_delete(st, err))) ||
	    (rc = exec(st, "PRAGMA synchronous = FULL", "can't set sync", err)) ||
	    (rc = exec(st, "PRAGMA foreign_keys = ON", "can't check keys", err)) ||
	    (rc = exec(st, "PRAGMA analysis_limit = " ANALYSIS_LIMIT,
	    "can't set up the statistics", err)) ||
	    (rc = mode == OPEN_WRITE ? schema_to_write(st, flags, err) :
	    read_only_ready(st, flags, err))) {
		if (strstr(err->msg, "file is not a database") != NULL)
			cpl_fail(err, CPL_STORE, "'%s' is not a complaints database",
			    path);
		goto fail;
	}
	free(uri);
	*out = st;
	return 0;
fail:
	free(uri);
	store_close(st);
	return rc;
}

int
store_is_new(const struct store *st)
{
	return st->fresh;
}

/* Let go of what store_defer_indexes kept: the transaction that dropped
 * the indexes has ended. */
static void
forget_deferred(struct store *st)
{
	for (int i = 0; i < st->n_deferred; i++)
		free(st->deferred[i]);
	st->n_deferred = 0;
	st->search_deferred = 0;
}

/* Close the connection, with every statement it still has. */
static void
disconnect(struct store *st)
{
	for (int i = 0; i < st->n_cache; i++)
		sql_finalize(st->cache[i].s);
	st->n_cache = 0;
	forget_deferred(st);
	sql_close(st->db);
	st->db = NULL;
	st->lite = NULL;
	/* The -shm file tell_waiting opened: only once SQLite has let go of
	 * its locks on it (closing any descriptor of a file drops this
	 * process's locks on it). */
	if (st->shm_open)
		close(st->shm_fd);
	st->shm_open = 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	disconnect(st);
	/* A new store never put in place goes. */
	if (st->fresh)
		files_discard(st);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	words_forget(st);
	free(st->audit_read);
	free(st->file);
	free(st->path);
	free(st);
}

int
store_publish(struct store **stp, int *taken, struct cpl_error *err)
{
	struct store *st = *stp;
	int rc;

	/* Everything into the database file and the log emptied; closed,
	 * the new store is that one file, whole. */
	rc = sqlite3_wal_checkpoint_v2(st->lite, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	if (rc != SQLITE_OK)
		rc = lite_fail(st, rc, err, "can't write the new store");
	else {
		disconnect(st);
		rc = files_publish(st, taken, err);
	}
	store_close(st);
	*stp = NULL;
	return rc;
}

/* Every row's references checked as it is written again, once the
 * write that checked them at its commit has ended. */
static void
keys_checked_by_row(struct store *st)
{
	if (!st->keys_at_commit)
		return;
	st->keys_at_commit = 0;
	(void)sql_exec(st->db, "PRAGMA foreign_keys = ON");
}

/* The references of the rows the write wrote (store_begin_if_empty):
 * each row of any table whose parent is not there is one
 * PRAGMA foreign_key_check gives; none, and the write may commit. */
static int
check_keys(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (!st->keys_at_commit)
		return 0;
	if ((rc = prepare(st, "PRAGMA foreign_key_check", &s, err)))
		return rc;
	if ((rc = sql_step(s)) == SQL_ROW) {
		const char *table = sql_col_text(s, 0), *parent =
		    sql_col_text(s, 2);

		rc = cpl_fail(err, CPL_STORE, "%s: can't commit: row %lld of "
		    "'%s' refers to a row of '%s' that is not there", st->path,
		    (long long)sql_col_int64(s, 1), table ? table : "?",
		    parent ? parent : "?");
	} else if (rc != SQL_DONE)
		rc = db_fail(st, err, "can't check the references");
	else
		rc = 0;
	finish(st, s);
	return rc;
}

/* A write is not begun inside another. */
static int
not_writing(struct store *st, struct cpl_error *err)
{
	if (st->writing)
		return cpl_fail(err, CPL_STORE, "%s: can't start a write inside "
		    "another", st->path);
	return 0;
}

/* BEGIN a write: 0, or -1 with the driver's fault to read. */
static int
write_begins(struct store *st)
{
	if (sql_begin_write(st->db) != SQL_OK)
		return -1;
	st->writing = 1;
	st->changes_before = sql_total_changes(st->db);
	return 0;
}

/*
 * A write is one transaction, BEGIN IMMEDIATE ... COMMIT: the write lock
 * taken up front, so that two officers never deadlock half-way. A write
 * never begins inside another (every change of a command, or of a whole
 * import, is the one transaction its caller began).
 */
int
store_begin(struct store *st, struct cpl_error *err)
{
	int rc;

	if ((rc = not_writing(st, err)))
		return rc;
	return write_begins(st) ? db_fail(st, err, "can't start a write") : 0;
}

/* Dropped by store_defer_indexes: what only the reports, lists,
 * the purge and restrictions read. A write checks a case by its id, ref
 * and external_ref (unique, so never dropped), a stage by its key, and
 * its events by events_case (kept: appended in order, it costs little);
 * and the open cases of the same complainant (log's warning, an import's
 * every row) through cases_complainant_key, kept too.
 * And the triggers that keep the search index in step: each row they
 * write at a statement's savepoint is a segment of the index of its
 * own, merged with the others as they grow, which makes a big import's
 * time grow faster than its rows; the index is rebuilt once instead. */
static const struct {
	const char *name;
	const char *drop;
} deferrable[] = {
#define DEFER(name) { #name, "DROP INDEX " #name }
#define DEFER_TRIGGER(name) { #name, "DROP TRIGGER " #name }
	DEFER(cases_received), DEFER(cases_open), DEFER(cases_refused),
	DEFER(cases_closed),
	DEFER(stages_opened), DEFER(stages_responded), DEFER(stages_officer),
	DEFER_TRIGGER(case_search_logged), DEFER_TRIGGER(case_search_changed),
	DEFER_TRIGGER(case_search_noted),
	DEFER_TRIGGER(case_search_note_changed),
#undef DEFER_TRIGGER
#undef DEFER
};
_Static_assert(sizeof(deferrable) / sizeof(deferrable[0]) <= DEFERRED_MAX,
    "DEFERRED_MAX must hold every deferrable index");

int
store_defer_indexes(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	/* Only between the writes of a transaction: outside one, a DROP
	 * would commit at once, and the indexes be gone for good. A server
	 * keeps its indexes: other officers' queries use them meanwhile. */
	if (st->lite == NULL || st->n_deferred > 0 || !st->writing ||
	    !sql_in_transaction(st->db))
		return 0;
	for (size_t i = 0; i < sizeof(deferrable) / sizeof(deferrable[0]); i++) {
		if ((rc = prepare(st, "SELECT sql FROM sqlite_schema"
		    " WHERE type IN ('index', 'trigger') AND name = ?1", &s,
		    err)))
			return rc;
		bind_text(s, 1, deferrable[i].name);
		st->deferred[st->n_deferred] = NULL;
		if ((rc = each_row(st, s, row_text,
		    &st->deferred[st->n_deferred], "can't read the schema", err)))
			return rc;
		/* Not in this store's schema: nothing to drop. */
		if (st->deferred[st->n_deferred] == NULL)
			continue;
		st->n_deferred++;
		if (strncmp(deferrable[i].drop, "DROP TRIGGER", 12) == 0)
			st->search_deferred = 1;
		if ((rc = exec(st, deferrable[i].drop, "can't set up the import",
		    err)))
			return rc;
	}
	return 0;
}

/* Build again what store_defer_indexes dropped, before the commit. */
static int
restore_indexes(struct store *st, struct cpl_error *err)
{
	int rc = 0;

	/*
	 * A CREATE INDEX sorts in as much memory as the page cache may use,
	 * on top of the cache, and with temp_store = MEMORY (store_bulk_writes)
	 * all of it in memory. So that memory stays flat: write the cache's
	 * changed pages out (to the WAL, uncommitted) so that they can go,
	 * shrink the cache to a quarter, hand the memory freed back, and
	 * sort through temporary files. The last is refused only while
	 * temporary tables are open, which a batch doesn't use.
	 */
	if (st->n_deferred > 0) {
		if ((rc = sqlite3_db_cacheflush(st->lite)) != SQLITE_OK)
			rc = lite_fail(st, rc, err, "can't write the rows before "
			    "building the indexes");
		else
			rc = exec(st, "PRAGMA cache_size = -8192;"
			    " PRAGMA temp_store = FILE",
			    "can't build the indexes", err);
#ifdef __GLIBC__
		malloc_trim(0);
#endif
	}
	for (int i = 0; i < st->n_deferred && rc == 0; i++)
		rc = exec(st, st->deferred[i], "can't build the indexes", err);
	if (rc == 0 && st->search_deferred)
		rc = exec(st, "INSERT INTO case_search(case_search)"
		    " VALUES ('rebuild')", "can't build the search index", err);
	forget_deferred(st);
	return rc;
}

/*
 * The hook of store_before_commit, taken down before it runs: it is for
 * one commit, and what it calls may not commit again. The change's pages
 * are written to the log (uncommitted) first, so that a full disk is
 * found before anything is printed about the change; COMMIT then adds one
 * frame, the only write that can still fail after the hook.
 */
static int
call_before_commit(struct store *st, struct cpl_error *err)
{
	int (*fn)(void *, struct cpl_error *) = st->before_commit;
	int rc;

	if (fn == NULL)
		return 0;
	st->before_commit = NULL;
	/* A server writes nothing before COMMIT that it could be short of
	 * room for then: its WAL holds the change already. */
	if (st->lite != NULL &&
	    (rc = sqlite3_db_cacheflush(st->lite)) != SQLITE_OK)
		return lite_fail(st, rc, err, "can't commit");
	return fn(st->before_commit_arg, err);
}

/*
 * The statistics SQLite's planner chooses an index by (sqlite_stat1),
 * brought up to date after a write of many rows (an import, a purge), as
 * SQLite advises: PRAGMA optimize looks again at a table whose indexes
 * the planner read this time, when one of them has no statistics yet or
 * the table has grown many times over since it was last looked at, and
 * then reads ANALYSIS_LIMIT rows of each index, whatever the table's
 * size. Inside the write, so it costs no commit of its own. Not after a
 * write of a few rows (a command on one case): the tables it finds to
 * look at again are mostly those with an index still empty (no refusal
 * yet, say), which have no statistics however often they are made, and
 * a few rows more change nothing the planner goes by.
 */
#define STATISTICS_AFTER 1000	/* rows changed by the write */

static int
update_statistics(struct store *st, int rebuilt, struct cpl_error *err)
{
	/* Indexes built again by this write (store_defer_indexes) have no
	 * statistics yet: the tables they index are read for them, as many
	 * rows of each as the limit lets ANALYZE read. */
	if (st->lite == NULL)
		return 0;	/* server_statistics, once the writes are answered */
	if (rebuilt)
		return exec(st, "ANALYZE case_rows; ANALYZE stage_rows",
		    "can't commit", err);
	if (sql_total_changes(st->db) - st->changes_before <
	    STATISTICS_AFTER)
		return 0;
	return exec(st, "PRAGMA optimize", "can't commit", err);
}

/*
 * A server's statistics after a write of many rows. Its autovacuum
 * analyzes a table once a tenth of it has changed, at its next round (a
 * minute), so a report made just after a copy or an import into a new
 * store plans with none and reads whole tables. The tables never
 * analyzed, or whose pages have more than doubled since they were, are
 * analyzed inside the write, which counts the write's own rows; a write
 * into a large store leaves the rest to autovacuum.
 */
static int
server_statistics(struct store *st, struct cpl_error *err)
{
	if (st->lite != NULL || sql_total_changes(st->db) -
	    st->changes_before < STATISTICS_AFTER)
		return 0;
	return exec(st,
	    "DO $$ DECLARE t regclass; BEGIN"
	    " FOR t IN SELECT c.oid FROM pg_class c"
	    "  WHERE c.relnamespace = current_schema()::regnamespace"
	    "  AND c.relkind = 'r' AND (c.reltuples < 0 OR"
	    "  pg_relation_size(c.oid) / current_setting('block_size')::int"
	    "  > 2 * c.relpages)"
	    " LOOP EXECUTE format('ANALYZE %s', t); END LOOP; END $$",
	    "can't commit", err);
}

int
store_commit(struct store *st, struct cpl_error *err)
{
	int rebuilt = st->n_deferred > 0, rc;

	/* A batch's writes all answered (sql_defer_end) before anything is
	 * printed about them. */
	if ((rc = check_keys(st, err)) ||
	    (rc = restore_indexes(st, err)) ||
	    (rc = update_statistics(st, rebuilt, err)) ||
	    (sql_defer_end(st->db) != SQL_OK &&
	    (rc = db_fail(st, err, "can't write the rows"))) ||
	    (rc = server_statistics(st, err)) ||
	    (rc = call_before_commit(st, err)) ||
	    (sql_commit(st->db) != SQL_OK &&
	    (rc = db_fail(st, err, "can't commit"))))
		store_rollback(st);
	else
		st->commits++;
	case_ids_forget(st);
	st->writing = 0;
	keys_checked_by_row(st);
	return rc;
}

void
store_before_commit(struct store *st,
    int (*fn)(void *arg, struct cpl_error *err), void *arg)
{
	st->before_commit = fn;
	st->before_commit_arg = arg;
}

long
store_commits(const struct store *st)
{
	return st->commits;
}

int
store_bulk_writes(struct store *st, struct cpl_error *err)
{
	/* A batch (an import) touches many pages: keep them in memory (32
	 * MiB at most, so memory stays flat however big the file), and the
	 * statement journals too. A server's memory is its own; there each
	 * statement is a round trip, and the batch's writes whose results
	 * it does not read are sent without waiting for each reply (until
	 * the commit or the rollback). */
	if (st->lite == NULL) {
		sql_defer_begin(st->db);
		return 0;
	}
	return exec(st, "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
	    "can't set up a batch", err);
}

int
store_begin_if_empty(struct store *st, int *taken, struct cpl_error *err)
{
	int64_t last = 0;
	int rc;

	*taken = 0;
	/* A server's writes lock the rows they change, not the store. */
	if (st->lite == NULL)
		return 0;
	if ((rc = not_writing(st, err)))
		return rc;
	/* Only outside a transaction does SQLite take this. */
	if ((rc = exec(st, "PRAGMA foreign_keys = OFF", "can't start a write",
	    err)))
		return rc;
	st->keys_at_commit = 1;
	/* No busy handler for this one BEGIN: busy at once, not after the
	 * wait. */
	sqlite3_busy_handler(st->lite, NULL, NULL);
	rc = write_begins(st);
	wait_for_locks(st);
	if (rc != 0) {
		rc = sql_fault(st->db) == SQL_FAULT_BUSY ? 0 :
		    db_fail(st, err, "can't start a write");
		keys_checked_by_row(st);
		return rc;
	}
	if ((rc = store_last_case_id(st, &last, err)) || last != 0) {
		store_rollback(st);
		return rc;
	}
	*taken = 1;
	return 0;
}

int
store_version(struct store *st, int64_t *version, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	/* SQLite's data_version: the same for this connection's own
	 * writes, another for each commit by any other. A server's is its
	 * snapshot (the first transaction id not yet given, the oldest
	 * still running, and those running): a change committed in
	 * between finished a transaction that was running or not yet begun
	 * at the first, and either changes the snapshot's text. Conservative:
	 * a write to any database of the server changes it too, and the
	 * rows are then looked up again. */
	*version = 0;
	if ((rc = prepare(st, st->lite != NULL ? "PRAGMA data_version" :
	    "SELECT hashtextextended(CAST(pg_current_snapshot() AS TEXT), 0)",
	    &s, err)))
		return rc;
	return each_row(st, s, row_int64, version, "can't read the store",
	    err);
}

int
store_read_begin(struct store *st, struct cpl_error *err)
{
	/* DEFERRED takes no lock until the first read; from then on every
	 * query sees the same snapshot (WAL), and writers are not blocked. */
	if (sql_begin_read(st->db) != SQL_OK)
		return db_fail(st, err, "can't start a read");
	return 0;
}

void
store_read_end(struct store *st)
{
	if (sql_in_transaction(st->db))
		sql_commit(st->db);
}

void
store_rollback(struct store *st)
{
	st->writing = 0;
	/* The dropped indexes come back with the rollback, and the words
	 * added go. */
	forget_deferred(st);
	words_forget(st);
	case_ids_forget(st);
	sql_rollback(st->db);
	(void)sql_defer_end(st->db);
	keys_checked_by_row(st);
}
