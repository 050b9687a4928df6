/*
 * store.c: the SQLite store (see store.h). Every SQL statement of the
 * project is in this file.
 *
 * Schema (PRAGMA user_version counts the migrations applied):
 *   settings(key, value)                  the default policy, ...
 *   policy_versions(id, policy, body)     each policy text a case was logged under
 *   ref_numbers(prefix, year, last)       the last reference number given out
 *   cases(...)                            one row a case
 *   stages(case_id, stage, ...)           one row a stage a case has reached
 *   extensions(case_id, stage, days, ...) deadline extensions
 *   stage_texts(case_id, stage, kind, text)  remedies and learning
 *   events(case_id, stage, date, recorded, officer, action, detail)
 *                                         the trace of every change
 *   restrictions(complainant, kind, ...)  contact restrictions on a complainant
 *   referrals(case_id, body, referred, reference, decision, decided)
 *                                         the ombudsman stage
 */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "policy.h"
#include "store_int.h"
#include "util.h"

/* Migration N brings the schema from version N-1 to N. Never edit one that
 * has shipped: add the next. */
static const char *const migrations[] = {
	/* 1: the case lifecycle */
	"CREATE TABLE settings("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE policy_versions("
	"  id INTEGER PRIMARY KEY,"
	"  policy TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  added TEXT NOT NULL"
	");"
	"CREATE INDEX policy_versions_policy ON policy_versions(policy);"
	"CREATE TABLE ref_numbers("
	"  prefix TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  last INTEGER NOT NULL,"
	"  PRIMARY KEY(prefix, year)"
	") WITHOUT ROWID;"
	"CREATE TABLE cases("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  policy TEXT NOT NULL,"
	"  policy_version INTEGER NOT NULL REFERENCES policy_versions(id),"
	"  kind TEXT NOT NULL CHECK (kind IN"
	"    ('complaint','comment','compliment','service-request')),"
	"  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),"
	"  complainant TEXT,"
	"  contact TEXT,"
	"  on_behalf_of TEXT,"
	"  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
	"  channel TEXT,"
	"  service TEXT,"
	"  category TEXT,"
	"  summary TEXT,"
	"  received TEXT NOT NULL,"
	"  occurred TEXT,"
	"  external_ref TEXT UNIQUE,"
	"  logged_by TEXT NOT NULL,"
	"  closed TEXT,"
	"  close_reason TEXT,"
	"  CHECK ((closed IS NULL) = (close_reason IS NULL))"
	");"
	"CREATE INDEX cases_received ON cases(received);"
	"CREATE TABLE stages("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  stage INTEGER NOT NULL CHECK (stage >= 1),"
	"  opened TEXT NOT NULL,"
	"  officer TEXT,"
	"  ack_days INTEGER NOT NULL,"
	"  respond_days INTEGER NOT NULL,"
	"  respond_from TEXT NOT NULL CHECK (respond_from IN"
	"    ('opened', 'acknowledged')),"
	"  respond_target INTEGER NOT NULL,"
	"  acknowledged TEXT,"
	"  responded TEXT,"
	"  responded_by TEXT,"
	"  outcome TEXT CHECK (outcome IN"
	"    ('upheld', 'partly-upheld', 'not-upheld')),"
	"  escalation_reason TEXT,"
	"  PRIMARY KEY(case_id, stage)"
	") WITHOUT ROWID;"
	"CREATE TABLE extensions("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  days INTEGER NOT NULL CHECK (days > 0),"
	"  reason TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"CREATE INDEX extensions_stage ON extensions(case_id, stage);"
	"CREATE TABLE stage_texts("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('remedy', 'learning')),"
	"  text TEXT NOT NULL,"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"CREATE INDEX stage_texts_stage ON stage_texts(case_id, stage);"
	"CREATE TABLE events("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  stage INTEGER,"
	"  date TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT"
	");"
	"CREATE INDEX events_case ON events(case_id);",

	/* 2: every rule of the seed policies (issue 3) */
	/* Why a complaint past the policy's time limit, or in a category the
	 * policy excludes, was accepted all the same. */
	"ALTER TABLE cases ADD COLUMN late_reason TEXT;"
	"ALTER TABLE cases ADD COLUMN accepted_anyway TEXT;"
	/* The overall clock (receipt to resolution) in calendar weeks, fixed
	 * when the case is logged, so reports can count it in SQL. */
	"ALTER TABLE cases ADD COLUMN resolve_due TEXT;"
	"CREATE INDEX cases_complainant ON cases(complainant COLLATE NOCASE);"
	/* The complainant was told of the extension (and why). */
	"ALTER TABLE extensions ADD COLUMN told INTEGER NOT NULL DEFAULT 0"
	"  CHECK (told IN (0, 1));"
	/* Restrictions on an unreasonably persistent or vexatious complainant,
	 * shown on every case of theirs until lifted. */
	"CREATE TABLE restrictions("
	"  id INTEGER PRIMARY KEY,"
	"  complainant TEXT NOT NULL COLLATE NOCASE,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT,"
	"  reason TEXT NOT NULL,"
	"  imposed TEXT NOT NULL,"
	"  review TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  lifted TEXT,"
	"  lifted_reason TEXT,"
	"  CHECK ((lifted IS NULL) = (lifted_reason IS NULL))"
	");"
	"CREATE INDEX restrictions_complainant ON restrictions(complainant);"
	/* The ombudsman stage, after the policy's last stage. */
	"CREATE TABLE referrals("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  body TEXT NOT NULL,"
	"  referred TEXT NOT NULL,"
	"  reference TEXT,"
	"  decision TEXT,"
	"  decided TEXT,"
	"  officer TEXT NOT NULL,"
	"  CHECK ((decision IS NULL) = (decided IS NULL))"
	");"
	"CREATE INDEX referrals_case ON referrals(case_id);",

	/* 3: reports (issue 4). report overdue reads the open cases only;
	 * report summary and annual read the stages opened, the responses
	 * sent, the referrals made and the cases refused in a period. */
	"CREATE INDEX cases_open ON cases(id) WHERE closed IS NULL;"
	"CREATE INDEX stages_opened ON stages(opened);"
	"CREATE INDEX stages_responded ON stages(responded)"
	"  WHERE responded IS NOT NULL;"
	"CREATE INDEX referrals_referred ON referrals(referred);"
	"CREATE INDEX cases_refused ON cases(received)"
	"  WHERE close_reason IN ('out-of-scope', 'refused');",

	/* 4: the retention purge (issue 6): the day a closed case's personal
	 * data was removed; its figures stay for the reports. */
	("ALTER TABLE cases ADD COLUMN purged TEXT;"
	"CREATE INDEX cases_closed ON cases(closed) WHERE purged IS NULL;"),

	/* 5: a complainant is found by a key of their name (name_key: the
	 * spaces around it dropped, the letters in lower case, accented and
	 * Greek and Cyrillic ones too, which SQLite's NOCASE leaves), so a
	 * restriction on "Siân Jones" shows on the case of "SIÂN JONES".
	 * The rows already stored get SQLite's ASCII lower case. */
	"ALTER TABLE cases ADD COLUMN complainant_key TEXT;"
	"UPDATE cases SET complainant_key = lower(trim(complainant));"
	"DROP INDEX cases_complainant;"
	"CREATE INDEX cases_complainant_key ON cases(complainant_key);"
	"ALTER TABLE restrictions ADD COLUMN complainant_key TEXT;"
	"UPDATE restrictions SET complainant_key = lower(trim(complainant));"
	"DROP INDEX restrictions_complainant;"
	"CREATE INDEX restrictions_complainant_key"
	"  ON restrictions(complainant_key);",
};
#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION must count the migrations");

/* How long to wait for another process's lock (store_wait), and who is
 * told that a command is waiting (store_wait_notice). */
static int wait_seconds = STORE_DEFAULT_WAIT;
static void (*wait_notice)(void *arg, const char *msg);
static void *wait_notice_arg;

/* What failed (code, SQLite's message for it), in the officer's words. */
static int
fail_with(struct store *st, int code, const char *msg, struct cpl_error *err,
    const char *what)
{
	/* The faults an officer can do something about, in words; every
	 * write is one transaction, so a failed one changed nothing. */
	switch (code & 0xff) {
	case SQLITE_FULL:
		return cpl_fail(err, CPL_STORE, "%s: %s: the disk is full; "
		    "nothing was changed", st->path, what);
	case SQLITE_IOERR:
		return cpl_fail(err, CPL_STORE, "%s: %s: the disk could not be "
		    "written or read (%s); nothing was changed", st->path, what,
		    msg);
	case SQLITE_READONLY:
		/* Opened read-only (store_open says why), or made so since. */
		if (st->read_only[0] != '\0')
			return cpl_fail(err, CPL_STORE, "%s: %s: the database "
			    "can't be written: %s; nothing was changed", st->path,
			    what, st->read_only);
		if (code == SQLITE_READONLY_DIRECTORY)
			return cpl_fail(err, CPL_STORE, "%s: %s: the database "
			    "can't be written: its directory must be writable "
			    "(SQLite keeps the -wal and -shm files there); nothing "
			    "was changed", st->path, what);
		return cpl_fail(err, CPL_STORE, "%s: %s: the database can't be "
		    "written (%s); nothing was changed", st->path, what, msg);
	case SQLITE_CANTOPEN:
		/* What store_open could not foresee: the file, or the -wal and
		 * -shm files SQLite keeps beside it, gone or made unusable
		 * since it looked. */
		return cpl_fail(err, CPL_STORE, "%s: %s: can't open the database "
		    "file or the -wal and -shm files beside it: they, or their "
		    "directory, are missing or can't be used; nothing was changed",
		    st->path, what);
	case SQLITE_BUSY:
		return cpl_fail(err, CPL_STORE, "%s: %s: another process has "
		    "held the database for over %d second%s; nothing was "
		    "changed: try again", st->path, what, wait_seconds,
		    wait_seconds == 1 ? "" : "s");
	default:
		return cpl_fail(err, CPL_STORE, "%s: %s: %s", st->path, what,
		    msg);
	}
}

int
db_fail(struct store *st, struct cpl_error *err, const char *what)
{
	return fail_with(st, sqlite3_errcode(st->db), sqlite3_errmsg(st->db),
	    err, what);
}

/* As db_fail, for the result code of a call that leaves the connection's
 * own error as it was (sqlite3_db_cacheflush). */
static int
fail_rc(struct store *st, int code, struct cpl_error *err, const char *what)
{
	return fail_with(st, code, sqlite3_errstr(code), err, what);
}

int
prepare(struct store *st, const char *sql, sqlite3_stmt **s,
    struct cpl_error *err)
{
	struct cached_stmt *c = NULL;

	for (int i = 0; i < st->n_cache; i++)
		if (st->cache[i].sql == sql && !st->cache[i].busy) {
			st->cache[i].busy = 1;
			*s = st->cache[i].s;
			return 0;
		}
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
		return cpl_fail(err, CPL_STORE, "%s: can't prepare '%s': %s",
		    st->path, sql, sqlite3_errmsg(st->db));
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
finish(struct store *st, sqlite3_stmt *s)
{
	for (int i = 0; i < st->n_cache; i++)
		if (st->cache[i].s == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			st->cache[i].busy = 0;
			return;
		}
	sqlite3_finalize(s);
}

void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void
bind_date(sqlite3_stmt *s, int i, cpl_date d)
{
	char buf[DATE_LEN];

	if (d == NO_DATE) {
		sqlite3_bind_null(s, i);
		return;
	}
	date_format(d, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

char *
col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v == NULL ? NULL : strdup((const char *)v);
}

cpl_date
col_date(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	cpl_date d;

	if (v == NULL || date_parse((const char *)v, &d) != 0)
		return NO_DATE;
	return d;
}

int
run(struct store *st, sqlite3_stmt *s, const char *what, struct cpl_error *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_fail(st, err, what);
		finish(st, s);
		return rc;
	}
	finish(st, s);
	return 0;
}

int
each_row(struct store *st, sqlite3_stmt *s,
    int (*fn)(sqlite3_stmt *s, void *arg, struct cpl_error *err), void *arg,
    const char *what, struct cpl_error *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(s, arg, err)) != 0) {
			finish(st, s);
			return rc;
		}
	rc = rc == SQLITE_DONE ? 0 : db_fail(st, err, what);
	finish(st, s);
	return rc;
}

int
select_ids(struct store *st, const char *sql, int64_t **ids, int *n,
    const char *what, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int64_t *v = NULL;
	int rc, cnt = 0;

	*ids = NULL;
	*n = 0;
	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL)
			break;
		v = nv;
		v[cnt++] = sqlite3_column_int64(s, 0);
	}
	finish(st, s);
	if (rc != SQLITE_DONE) {
		free(v);
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, what);
	}
	*ids = v;
	*n = cnt;
	return 0;
}

int
exec(struct store *st, const char *sql, const char *what, struct cpl_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(st, err, what);
	return 0;
}

int
schema_version(struct store *st, int *v, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "PRAGMA user_version", &s, err)))
		return rc;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = db_fail(st, err, "can't read the schema version");
		finish(st, s);
		return rc;
	}
	*v = sqlite3_column_int(s, 0);
	finish(st, s);
	return 0;
}

static int
migrate(struct store *st, struct cpl_error *err)
{
	char sql[64];
	int v = 0, rc;

	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v == N_MIGRATIONS)
		return 0;
	if ((rc = store_begin(st, err)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = schema_version(st, &v, err)))
		goto fail;
	for (; v < N_MIGRATIONS; v++) {
		if ((rc = exec(st, migrations[v], "can't upgrade the schema", err)))
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, sql, "can't record the schema version", err)))
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/*
 * Before anything writes to the file (even a pragma): refuse a database of
 * a newer complaints, another program's SQLite file, and (unless creating)
 * a file that init never made. The version and the tables are read in one
 * statement, so in one snapshot: another process creating the store at the
 * same moment is seen before or after its first migration, never between
 * (two reads could see no version, then its tables: "another program's").
 */
static int
check_version(struct store *st, int create, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int v = 0, rc, tables;

	/* A version once set is final: no need to look further (and the
	 * schema can't always be read, on a read-only file system). */
	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v > N_MIGRATIONS)
		return cpl_fail(err, CPL_STORE,
		    "%s: the database is schema version %d, newer than this "
		    "complaints knows (%d): use a newer complaints", st->path, v,
		    N_MIGRATIONS);
	if (v > 0)
		return 0;
	if ((rc = prepare(st, "SELECT (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_master"
	    " WHERE name NOT LIKE 'sqlite_%')", &s, err)))
		return rc;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = db_fail(st, err, "can't read the schema");
		finish(st, s);
		return rc;
	}
	v = sqlite3_column_int(s, 0);
	tables = sqlite3_column_int(s, 1);
	finish(st, s);
	if (v > N_MIGRATIONS)
		return cpl_fail(err, CPL_STORE,
		    "%s: the database is schema version %d, newer than this "
		    "complaints knows (%d): use a newer complaints", st->path, v,
		    N_MIGRATIONS);
	if (v > 0)
		return 0;
	if (tables > 0)
		return cpl_fail(err, CPL_STORE, "'%s' is another program's "
		    "database, not a complaints database", st->path);
	if (!create)
		return cpl_fail(err, CPL_STORE, "'%s' is not a complaints "
		    "database: run 'complaints init' first", st->path);
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
	sqlite3_stmt *s;
	const unsigned char *mode;
	int rc, tries = 0;

	for (;;) {
		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
		    NULL) != SQLITE_OK)
			return db_fail(st, err, "can't use WAL");
		rc = sqlite3_step(s);
		mode = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
		if (mode != NULL && strcmp((const char *)mode, "wal") == 0) {
			sqlite3_finalize(s);
			return 0;
		}
		if (rc == SQLITE_ROW) {
			/* The file system can't do WAL: SQLite kept the mode. */
			rc = cpl_fail(err, CPL_STORE, "%s: can't use WAL: the "
			    "journal mode stays '%s'", st->path, mode ?
			    (const char *)mode : "?");
			sqlite3_finalize(s);
			return rc;
		}
		sqlite3_finalize(s);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return db_fail(st, err, "can't use WAL");
		if (!busy_wait(st, tries++))
			return db_fail(st, err, "can't use WAL");
	}
}

static void
sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *v = sqlite3_value_text(argv[0]);
	char *key;

	(void)argc;
	if (v == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((key = name_key((const char *)v)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, key, -1, free);
}

void
store_wait(int seconds)
{
	wait_seconds = seconds;
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
	sqlite3_stmt *s;
	int rc, on = 0;

	if ((rc = exec(st, "PRAGMA secure_delete = ON", "can't delete securely",
	    err)) ||
	    (rc = prepare(st, "PRAGMA secure_delete", &s, err)))
		return rc;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		on = sqlite3_column_int(s, 0);
	finish(st, s);
	if (rc != SQLITE_ROW)
		return db_fail(st, err, "can't delete securely");
	if (on != 1)
		return cpl_fail(err, CPL_STORE, "%s: SQLite will not overwrite "
		    "what is deleted (secure delete stays off), so removed "
		    "personal data would stay in the file; nothing was changed",
		    st->path);
	return 0;
}

/* A store open read-only serves what needs no write. */
static int
read_only_ready(struct store *st, int flags, struct cpl_error *err)
{
	char *audit = NULL;
	int rc, v = 0;

	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v < N_MIGRATIONS)
		return cpl_fail(err, CPL_STORE, "%s: the database is schema "
		    "version %d, older than this complaints uses (%d), and can't "
		    "be upgraded: %s", st->path, v, N_MIGRATIONS, st->read_only);
	if (!(flags & STORE_AUDITED))
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

void
store_wait_notice(void (*fn)(void *arg, const char *msg), void *arg)
{
	wait_notice = fn;
	wait_notice_arg = arg;
}

/*
 * The locks SQLite takes on the -shm file of a store in WAL mode: POSIX
 * advisory locks of one byte each from offset 120 (SQLite's src/os_unix.c,
 * UNIX_SHM_BASE; src/wal.c, WAL_WRITE_LOCK, WAL_CKPT_LOCK,
 * WAL_RECOVER_LOCK, then WAL_READ_LOCK(0..4), one a reader holds shared).
 */
enum {
	SHM_WRITE_LOCK = 120,
	SHM_RECOVER_LOCK = 122,
	SHM_READ_LOCK = 123,
	SHM_READERS = 5
};

/* The process holding a lock on byte of fd (F_GETLK never reports this
 * process's own), or 0 when none is, or none this system can name. */
static pid_t
lock_holder(int fd, off_t byte)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = byte;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK ||
	    fl.l_pid <= 0)
		return 0;
	return fl.l_pid;
}

/* "'complaints import web.csv' (pid 4242, account bob)": the process's
 * command line and owner as /proc shows them, or what of it can be read. */
static void
describe_process(pid_t pid, char *buf, size_t len)
{
	char path[64], cmd[200], account[64] = "";
	const char *name;
	struct passwd *pw;
	struct stat sb;
	ssize_t n = 0;
	size_t at;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, cmd, sizeof(cmd) - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	cmd[n] = '\0';
	/* The arguments are NUL-separated; the program by its name only. */
	while (n > 0 && cmd[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (cmd[i] == '\0')
			cmd[i] = ' ';
	at = strcspn(cmd, " ");
	name = cmd;
	for (size_t i = 0; i < at; i++)
		if (cmd[i] == '/')
			name = cmd + i + 1;
	snprintf(path, sizeof(path), "/proc/%ld", (long)pid);
	if (stat(path, &sb) == 0) {
		if ((pw = getpwuid(sb.st_uid)) != NULL)
			snprintf(account, sizeof(account), ", account %s",
			    pw->pw_name);
		else
			snprintf(account, sizeof(account), ", account %ld",
			    (long)sb.st_uid);
	}
	if (*name != '\0')
		snprintf(buf, len, "'%s%s' (pid %ld%s)", name,
		    (size_t)n == sizeof(cmd) - 1 ? "..." : "", (long)pid,
		    account);
	else
		snprintf(buf, len, "process %ld%s%s%s", (long)pid,
		    *account ? " (" : "", *account ? account + 2 : "",
		    *account ? ")" : "");
}

/* Tell store_wait_notice's function what this store waits for: the
 * process holding the lock SQLite waits on, asked of the -shm file. */
static void
tell_waiting(struct store *st)
{
	char shm[4096], who[320], msg[512];
	const char *doing = NULL;
	pid_t pid = 0;

	/* Opened once and kept: closing any descriptor of a file drops every
	 * POSIX lock this process holds on it, SQLite's own included. */
	if (!st->shm_open &&
	    (size_t)snprintf(shm, sizeof(shm), "%s-shm", st->path) <
	    sizeof(shm) && (st->shm_fd = open(shm, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) >= 0)
		st->shm_open = 1;
	for (int i = 0; st->shm_open && st->wait_readers && pid == 0 &&
	    i < SHM_READERS; i++)
		if ((pid = lock_holder(st->shm_fd, SHM_READ_LOCK + i)) != 0)
			doing = "is reading it";
	if (st->shm_open && pid == 0 && !st->wait_readers &&
	    (pid = lock_holder(st->shm_fd, SHM_WRITE_LOCK)) != 0)
		doing = "is writing to it";
	if (st->shm_open && pid == 0 && !st->wait_readers &&
	    (pid = lock_holder(st->shm_fd, SHM_RECOVER_LOCK)) != 0)
		doing = "is recovering it after a crash";
	if (pid != 0) {
		describe_process(pid, who, sizeof(who));
		snprintf(msg, sizeof(msg), "waiting for '%s' (up to %d "
		    "second%s): %s %s", st->path, wait_seconds,
		    wait_seconds == 1 ? "" : "s", who, doing);
	} else
		snprintf(msg, sizeof(msg), "waiting for '%s' (up to %d "
		    "second%s): another process holds it", st->path,
		    wait_seconds, wait_seconds == 1 ? "" : "s");
	wait_notice(wait_notice_arg, msg);
}

/* How long a command waits before it says so (busy_wait), in ms. */
#define NOTICE_AFTER 1000

int
busy_wait(void *arg, int count)
{
	/* Sleeps in ms: short at first (most locks are held for one
	 * commit), then a steady poll, short enough that a lock let go is
	 * taken again at once by one of the processes waiting for it. */
	static const int delays[] = {1, 2, 5, 10, 15, 20, 25};
	const int n_delays = (int)(sizeof(delays) / sizeof(delays[0]));
	struct store *st = arg;
	struct timespec now, nap;
	long waited, left, delay;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		st->wait_began = now;
	waited = (long)(now.tv_sec - st->wait_began.tv_sec) * 1000 +
	    (now.tv_nsec - st->wait_began.tv_nsec) / 1000000;
	left = (long)wait_seconds * 1000 - waited;
	if (left <= 0)
		return 0;
	if (waited >= NOTICE_AFTER && !st->wait_told && wait_notice != NULL) {
		st->wait_told = 1;
		tell_waiting(st);
	}
	delay = delays[count < n_delays ? count : n_delays - 1];
	if (delay > left)
		delay = left;
	nap.tv_sec = delay / 1000;
	nap.tv_nsec = (delay % 1000) * 1000000;
	nanosleep(&nap, NULL);
	return 1;
}

/* Several officers and cron jobs share the file: a command waits for
 * another's lock rather than fail (busy_wait), and readers go on while
 * one writes. */
static void
wait_for_locks(struct store *st)
{
	sqlite3_busy_handler(st->db, busy_wait, st);
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
		return cpl_fail(err, CPL_STORE, "out of memory");
	st->lock_fd = -1;
	if ((st->path = strdup(path)) == NULL ||
	    (st->file = strdup(path)) == NULL) {
		rc = cpl_fail(err, CPL_STORE, "out of memory");
		goto fail;
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
		rc = cpl_fail(err, CPL_STORE, "out of memory");
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
	if (sqlite3_open_v2(uri ? uri : st->file, &st->db, mode == OPEN_WRITE ?
	    SQLITE_OPEN_READWRITE : mode == OPEN_READ ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		rc = cpl_fail(err, CPL_STORE, "can't open '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* name_key(TEXT) in SQL, as in C: the reports compare officers as
	 * the rules do (lib/util.c). */
	sqlite3_create_function(st->db, "name_key", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_name_key, NULL,
	    NULL);
	/* A database this complaints must not touch (a newer one, another
	 * program's) may have a -wal file: closing the last connection would
	 * checkpoint it into the file. Only once the file is known to be ours
	 * may a close write to it. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* Several officers and cron jobs share the file: wait for the lock
	 * rather than fail, and let readers go on while one writes. */
	wait_for_locks(st);
	if ((rc = check_version(st, flags & STORE_CREATE, err)) == 0)
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
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
	    (rc = mode == OPEN_WRITE ? migrate(st, err) :
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
}

/* Close the connection: 0, or SQLite's result. */
static int
disconnect(struct store *st)
{
	int rc;

	for (int i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].s);
	st->n_cache = 0;
	forget_deferred(st);
	if ((rc = sqlite3_close(st->db)) == SQLITE_OK) {
		st->db = NULL;
		/* The -shm file tell_waiting opened: only once SQLite has let
		 * go of its locks on it (closing any descriptor of a file drops
		 * this process's locks on it). */
		if (st->shm_open)
			close(st->shm_fd);
		st->shm_open = 0;
	}
	return rc;
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
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		rc = fail_rc(st, rc, err, "can't write the new store");
	else if ((rc = disconnect(st)) != SQLITE_OK)
		rc = fail_rc(st, rc, err, "can't close the new store");
	else
		rc = files_publish(st, taken, err);
	store_close(st);
	*stp = NULL;
	return rc;
}

/* Run one fixed statement through the cache (a savepoint a row costs no
 * parsing). */
static int
exec_once(struct store *st, const char *sql, const char *what,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	return run(st, s, what, err);
}

/*
 * Writes nest: the outermost is BEGIN IMMEDIATE ... COMMIT, and a write
 * begun inside another is a savepoint, so a batch (an import) can run the
 * same case functions as the single commands, each row its own savepoint
 * inside one transaction, and undo one row without the others (or, told
 * by store_nest, go without and undo everything on a failure). Deeper
 * writes (a case function inside a row) take no savepoint of their own: a
 * failure inside a row undoes the whole row.
 */
int
store_begin(struct store *st, struct cpl_error *err)
{
	int rc = 0;

	if (st->depth == 0) {
		rc = exec(st, "BEGIN IMMEDIATE", "can't start a write", err);
		st->undone_part = 0;
	} else if (st->depth == 1 && !st->no_savepoints)
		rc = exec_once(st, "SAVEPOINT nest", "can't start a write", err);
	if (rc == 0)
		st->depth++;
	return rc;
}

void
store_nest(struct store *st, int savepoints)
{
	st->no_savepoints = !savepoints;
}

/* Dropped by store_defer_indexes: what only the reports (issue 4), lists,
 * the purge and restrictions read. A write checks a case by its id, ref
 * and external_ref (unique, so never dropped), a stage by its key, and
 * its events by events_case (kept: appended in order, it costs little). */
static const struct {
	const char *name;
	const char *drop;
} deferrable[] = {
#define DEFER(name) { #name, "DROP INDEX " #name }
	DEFER(cases_received), DEFER(cases_open), DEFER(cases_refused),
	DEFER(cases_closed), DEFER(cases_complainant_key),
	DEFER(stages_opened), DEFER(stages_responded),
#undef DEFER
};
_Static_assert(sizeof(deferrable) / sizeof(deferrable[0]) <= DEFERRED_MAX,
    "DEFERRED_MAX must hold every deferrable index");

int
store_defer_indexes(struct store *st, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	/* Only between the writes of a transaction: outside one, a DROP
	 * would commit at once, and the indexes be gone for good. */
	if (st->n_deferred > 0 || st->depth != 1 ||
	    sqlite3_get_autocommit(st->db))
		return 0;
	for (size_t i = 0; i < sizeof(deferrable) / sizeof(deferrable[0]); i++) {
		if ((rc = prepare(st, "SELECT sql FROM sqlite_schema"
		    " WHERE type = 'index' AND name = ?1", &s, err)))
			return rc;
		bind_text(s, 1, deferrable[i].name);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			if ((st->deferred[st->n_deferred] =
			    col_text(s, 0)) == NULL) {
				finish(st, s);
				return cpl_fail(err, CPL_STORE, "out of memory");
			}
			st->n_deferred++;
		}
		finish(st, s);
		if (rc == SQLITE_ROW)
			rc = exec(st, deferrable[i].drop,
			    "can't set up the import", err);
		else if (rc == SQLITE_DONE)
			rc = 0;	/* not in this store's schema */
		else
			rc = db_fail(st, err, "can't read the schema");
		if (rc)
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
	 * on top of the cache, and with temp_store = MEMORY (store_batch)
	 * all of it in memory. So that memory stays flat: write the cache's
	 * changed pages out (to the WAL, uncommitted) so that they can go,
	 * shrink the cache to a quarter, hand the memory freed back, and
	 * sort through temporary files. The last is refused only while
	 * temporary tables are open, which a batch doesn't use.
	 */
	if (st->n_deferred > 0) {
		if ((rc = sqlite3_db_cacheflush(st->db)) != SQLITE_OK)
			rc = fail_rc(st, rc, err, "can't write the rows before "
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
	forget_deferred(st);
	return rc;
}

int
store_last_case_id(struct store *st, int64_t *id, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT max(id) FROM cases", &s, err)))
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		rc = db_fail(st, err, "can't count the cases");
	finish(st, s);
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
	if ((rc = sqlite3_db_cacheflush(st->db)) != SQLITE_OK)
		return fail_rc(st, rc, err, "can't commit");
	return fn(st->before_commit_arg, err);
}

int
store_commit(struct store *st, struct cpl_error *err)
{
	int rc;

	if (st->depth > 2) {
		st->depth--;
		return 0;
	}
	if (st->depth > 1) {
		if (!st->no_savepoints &&
		    (rc = exec_once(st, "RELEASE nest", "can't commit", err))) {
			store_rollback(st);
			return rc;
		}
		st->depth--;
		return 0;
	}
	if (st->undone_part) {
		store_rollback(st);
		return cpl_fail(err, CPL_STORE, "%s: can't commit: a failed "
		    "change inside it could not be undone alone", st->path);
	}
	if ((rc = restore_indexes(st, err)) ||
	    (rc = call_before_commit(st, err)) ||
	    (rc = exec(st, "COMMIT", "can't commit", err)))
		store_rollback(st);
	else
		st->commits++;
	st->depth = 0;
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
store_batch(struct store *st, struct cpl_error *err)
{
	/* A batch (an import) touches many pages: keep them in memory (32
	 * MiB at most, so memory stays flat however big the file), and the
	 * savepoints' statement journals too. */
	return exec(st, "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
	    "can't set up a batch", err);
}

int
store_read_begin(struct store *st, struct cpl_error *err)
{
	/* DEFERRED takes no lock until the first read; from then on every
	 * query sees the same snapshot (WAL), and writers are not blocked. */
	return exec(st, "BEGIN DEFERRED", "can't start a read", err);
}

void
store_read_end(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

void
store_rollback(struct store *st)
{
	struct cpl_error ignored;

	if (st->depth > 2) {
		/* The row this write is part of fails, and is undone whole. */
		st->depth--;
		return;
	}
	if (st->depth > 1) {
		/* Undo this write only; the savepoint itself goes too. */
		if (st->no_savepoints)
			st->undone_part = 1;
		else if (exec_once(st, "ROLLBACK TO nest", "can't roll back",
		    &ignored) == 0)
			exec_once(st, "RELEASE nest", "can't roll back", &ignored);
		st->depth--;
		return;
	}
	st->depth = 0;
	/* The dropped indexes come back with the rollback. */
	forget_deferred(st);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_get_setting(struct store *st, const char *key, char **value,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*value = NULL;
	if ((rc = prepare(st, "SELECT value FROM settings WHERE key = ?1", &s,
	    err)))
		return rc;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = col_text(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't read settings");
	finish(st, s);
	return rc;
}

int
store_set_setting(struct store *st, const char *key, const char *value,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO settings(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err)))
		return rc;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return run(st, s, "can't save a setting", err);
}

int
store_policy_version(struct store *st, const char *policy, const char *text,
    int64_t *version, int *found, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*found = 0;
	if ((rc = prepare(st, "SELECT id FROM policy_versions"
	    " WHERE policy = ?1 AND body = ?2", &s, err)))
		return rc;
	bind_text(s, 1, policy);
	bind_text(s, 2, text);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int64(s, 0);
		*found = 1;
		finish(st, s);
		return 0;
	}
	finish(st, s);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "can't read policy versions");
	if ((rc = prepare(st, "INSERT INTO policy_versions(policy, body, added)"
	    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &s, err)))
		return rc;
	bind_text(s, 1, policy);
	bind_text(s, 2, text);
	if ((rc = run(st, s, "can't save the policy text", err)))
		return rc;
	*version = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_policy_known(struct store *st, const char *id, int *known,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*known = 0;
	if ((rc = prepare(st, "SELECT 1 FROM policy_versions WHERE policy = ?1"
	    " LIMIT 1", &s, err)))
		return rc;
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	*known = rc == SQLITE_ROW;
	finish(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't read the policies");
}

int
store_policy_text(struct store *st, int64_t version, char **text,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT body FROM policy_versions WHERE id = ?1",
	    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, version);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*text = col_text(s, 0);
		rc = *text ? 0 : cpl_fail(err, CPL_STORE, "out of memory");
	} else {
		rc = cpl_fail(err, CPL_STORE, "%s: policy version %lld is missing",
		    st->path, (long long)version);
	}
	finish(st, s);
	return rc;
}

int
store_next_ref_number(struct store *st, const char *prefix, int year,
    int *number, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO ref_numbers(prefix, year, last)"
	    " VALUES (?1, ?2, 1) ON CONFLICT(prefix, year)"
	    " DO UPDATE SET last = last + 1 RETURNING last", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sqlite3_bind_int(s, 2, year);
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = db_fail(st, err, "can't number the case");
		finish(st, s);
		return rc;
	}
	*number = sqlite3_column_int(s, 0);
	return run(st, s, "can't number the case", err);
}

int
store_external_ref_exists(struct store *st, const char *external_ref,
    int *exists, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT 1 FROM cases WHERE external_ref = ?1", &s,
	    err)))
		return rc;
	bind_text(s, 1, external_ref);
	rc = sqlite3_step(s);
	*exists = rc == SQLITE_ROW;
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(st, err, "can't look up the external reference");
	finish(st, s);
	return rc;
}

int
store_add_case(struct store *st, struct case_rec *c, struct cpl_error *err)
{
	sqlite3_stmt *s;
	char *key = NULL;
	int rc;

	if ((rc = prepare(st, "INSERT INTO cases(ref, policy, policy_version,"
	    " kind, anonymous, complainant, contact, on_behalf_of, consent,"
	    " channel, service, category, summary, received, occurred,"
	    " external_ref, logged_by, late_reason, accepted_anyway, resolve_due,"
	    " complainant_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)", &s, err)))
		return rc;
	if (c->complainant != NULL && (key = name_key(c->complainant)) == NULL) {
		finish(st, s);
		return cpl_fail(err, CPL_STORE, "out of memory");
	}
	bind_text(s, 1, c->ref);
	bind_text(s, 2, c->policy);
	sqlite3_bind_int64(s, 3, c->policy_version);
	bind_text(s, 4, c->kind);
	sqlite3_bind_int(s, 5, c->anonymous);
	bind_text(s, 6, c->complainant);
	bind_text(s, 7, c->contact);
	bind_text(s, 8, c->on_behalf_of);
	sqlite3_bind_int(s, 9, c->consent);
	bind_text(s, 10, c->channel);
	bind_text(s, 11, c->service);
	bind_text(s, 12, c->category);
	bind_text(s, 13, c->summary);
	bind_date(s, 14, c->received);
	bind_date(s, 15, c->occurred);
	bind_text(s, 16, c->external_ref);
	bind_text(s, 17, c->logged_by);
	bind_text(s, 18, c->late_reason);
	bind_text(s, 19, c->accepted_anyway);
	bind_date(s, 20, c->resolve_due);
	bind_text(s, 21, key);
	rc = run(st, s, "can't add the case", err);
	free(key);
	if (rc)
		return rc;
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define CASE_COLS "c.id, c.ref, c.policy, c.policy_version, c.kind," \
	" c.anonymous, c.complainant, c.contact, c.on_behalf_of, c.consent," \
	" c.channel, c.service, c.category, c.summary, c.received, c.occurred," \
	" c.external_ref, c.logged_by, c.closed, c.close_reason," \
	" c.late_reason, c.accepted_anyway, c.resolve_due, c.purged"
#define N_CASE_COLS 24

static void
read_case(sqlite3_stmt *s, struct case_rec *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	c->ref = col_text(s, 1);
	c->policy = col_text(s, 2);
	c->policy_version = sqlite3_column_int64(s, 3);
	c->kind = col_text(s, 4);
	c->anonymous = sqlite3_column_int(s, 5);
	c->complainant = col_text(s, 6);
	c->contact = col_text(s, 7);
	c->on_behalf_of = col_text(s, 8);
	c->consent = sqlite3_column_int(s, 9);
	c->channel = col_text(s, 10);
	c->service = col_text(s, 11);
	c->category = col_text(s, 12);
	c->summary = col_text(s, 13);
	c->received = col_date(s, 14);
	c->occurred = col_date(s, 15);
	c->external_ref = col_text(s, 16);
	c->logged_by = col_text(s, 17);
	c->closed = col_date(s, 18);
	c->close_reason = col_text(s, 19);
	c->late_reason = col_text(s, 20);
	c->accepted_anyway = col_text(s, 21);
	c->resolve_due = col_date(s, 22);
	c->purged = col_date(s, 23);
	c->reopened = NO_DATE;
}

int
store_find_case(struct store *st, const char *ref, struct case_rec *c,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(c, 0, sizeof(*c));
	/* The reopening is kept only as an event; the actions that need the
	 * case open must come after it (check_open in lib/case.c). */
	if ((rc = prepare(st, "SELECT " CASE_COLS ", (SELECT max(e.date)"
	    " FROM events e WHERE e.case_id = c.id AND e.action = 'reopened')"
	    " FROM cases c WHERE c.ref = ?1", &s, err)))
		return rc;
	bind_text(s, 1, ref);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_case(s, c);
		c->reopened = col_date(s, N_CASE_COLS);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = cpl_fail(err, CPL_REFUSED, "no case '%s'", ref);
	} else {
		rc = db_fail(st, err, "can't read the case");
	}
	finish(st, s);
	return rc;
}

int
store_close_case(struct store *st, int64_t case_id, cpl_date date,
    const char *reason, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE cases SET closed = ?2, close_reason = ?3"
	    " WHERE id = ?1 AND closed IS NULL", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	bind_date(s, 2, date);
	bind_text(s, 3, reason);
	return run(st, s, "can't close the case", err);
}

int
store_reopen_case(struct store *st, int64_t case_id, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE cases SET closed = NULL,"
	    " close_reason = NULL WHERE id = ?1 AND closed IS NOT NULL", &s,
	    err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	return run(st, s, "can't reopen the case", err);
}

int
store_add_stage(struct store *st, int64_t case_id, const struct stage_rec *r,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO stages(case_id, stage, opened,"
	    " officer, ack_days, respond_days, respond_from, respond_target,"
	    " escalation_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, r->stage);
	bind_date(s, 3, r->opened);
	bind_text(s, 4, r->officer);
	sqlite3_bind_int(s, 5, r->ack_days);
	sqlite3_bind_int(s, 6, r->respond_days);
	bind_text(s, 7, r->respond_from == CLOCK_ACKNOWLEDGED ?
	    "acknowledged" : "opened");
	sqlite3_bind_int(s, 8, r->respond_target);
	bind_text(s, 9, r->escalation_reason);
	return run(st, s, "can't add the stage", err);
}

#define STAGE_COLS "s.stage, s.opened, s.officer, s.ack_days," \
	" s.respond_days, s.respond_from, s.respond_target, s.acknowledged," \
	" s.responded, s.responded_by, s.outcome, s.escalation_reason," \
	" (SELECT coalesce(sum(e.days), 0) FROM extensions e" \
	"  WHERE e.case_id = s.case_id AND e.stage = s.stage)"

static void
read_stage(sqlite3_stmt *s, int i, struct stage_rec *r)
{
	const unsigned char *from;

	memset(r, 0, sizeof(*r));
	r->stage = sqlite3_column_int(s, i);
	r->opened = col_date(s, i + 1);
	r->officer = col_text(s, i + 2);
	r->ack_days = sqlite3_column_int(s, i + 3);
	r->respond_days = sqlite3_column_int(s, i + 4);
	from = sqlite3_column_text(s, i + 5);
	r->respond_from = from && strcmp((const char *)from, "acknowledged") == 0 ?
	    CLOCK_ACKNOWLEDGED : CLOCK_OPENED;
	r->respond_target = sqlite3_column_int(s, i + 6);
	r->acknowledged = col_date(s, i + 7);
	r->responded = col_date(s, i + 8);
	r->responded_by = col_text(s, i + 9);
	r->outcome = col_text(s, i + 10);
	r->escalation_reason = col_text(s, i + 11);
	r->ext_days = sqlite3_column_int(s, i + 12);
}

static int
push_text(char ***list, int *n, char *text)
{
	char **nl = realloc(*list, (*n + 1) * sizeof(**list));

	if (nl == NULL || text == NULL) {
		free(text);
		if (nl)
			*list = nl;
		return -1;
	}
	*list = nl;
	nl[(*n)++] = text;
	return 0;
}

static int
stage_details(struct store *st, int64_t case_id, struct stage_rec *stages,
    int n, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT stage, days, reason, date, officer, told"
	    " FROM extensions WHERE case_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 0);
		struct stage_rec *r;
		struct extension_rec *ne;

		if (k < 1 || k > n)
			continue;
		r = &stages[k - 1];
		if ((ne = realloc(r->ext, (r->n_ext + 1) * sizeof(*ne))) == NULL)
			break;
		r->ext = ne;
		ne = &r->ext[r->n_ext++];
		ne->days = sqlite3_column_int(s, 1);
		ne->reason = col_text(s, 2);
		ne->date = col_date(s, 3);
		ne->officer = col_text(s, 4);
		ne->told = sqlite3_column_int(s, 5);
	}
	finish(st, s);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "can't read extensions");
	if ((rc = prepare(st, "SELECT stage, kind, text FROM stage_texts"
	    " WHERE case_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 0);
		const unsigned char *kind = sqlite3_column_text(s, 1);
		struct stage_rec *r;

		if (k < 1 || k > n || kind == NULL)
			continue;
		r = &stages[k - 1];
		if (strcmp((const char *)kind, "remedy") == 0 ?
		    push_text(&r->remedies, &r->n_remedies, col_text(s, 2)) :
		    push_text(&r->learning, &r->n_learning, col_text(s, 2)))
			break;
	}
	finish(st, s);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, "can't read remedies and learning");
	return 0;
}

int
store_stages(struct store *st, int64_t case_id, struct stage_rec **out,
    int *n, struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct stage_rec *v = NULL;
	int rc, cnt = 0;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT " STAGE_COLS " FROM stages s"
	    " WHERE s.case_id = ?1 ORDER BY s.stage", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct stage_rec *nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL)
			break;
		v = nv;
		read_stage(s, 0, &v[cnt++]);
	}
	finish(st, s);
	if (rc != SQLITE_DONE) {
		store_stages_free(v, cnt);
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, "can't read the stages");
	}
	/* Stages are numbered 1..n with no gap (escalation adds the next). */
	for (int i = 0; i < cnt; i++)
		if (v[i].stage != i + 1) {
			store_stages_free(v, cnt);
			return cpl_fail(err, CPL_STORE, "%s: case %lld has a gap in"
			    " its stages", st->path, (long long)case_id);
		}
	if ((rc = stage_details(st, case_id, v, cnt, err))) {
		store_stages_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return 0;
}

void
store_stages_free(struct stage_rec *s, int n)
{
	for (int i = 0; i < n; i++)
		stage_rec_free(&s[i]);
	free(s);
}

static int
update_stage(struct store *st, const char *sql, int64_t case_id, int stage,
    cpl_date date, const char *a, const char *b, const char *what,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	/* Binding a parameter the statement lacks is a harmless SQLITE_RANGE. */
	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, stage);
	bind_date(s, 3, date);
	bind_text(s, 4, a);
	bind_text(s, 5, b);
	return run(st, s, what, err);
}

int
store_set_acknowledged(struct store *st, int64_t case_id, int stage,
    cpl_date date, struct cpl_error *err)
{
	return update_stage(st, "UPDATE stages SET acknowledged = ?3"
	    " WHERE case_id = ?1 AND stage = ?2",
	    case_id, stage, date, NULL, NULL, "can't record the acknowledgement",
	    err);
}

int
store_set_response(struct store *st, int64_t case_id, int stage,
    cpl_date date, const char *outcome, const char *officer,
    struct cpl_error *err)
{
	return update_stage(st, "UPDATE stages SET responded = ?3,"
	    " outcome = ?4, responded_by = ?5 WHERE case_id = ?1 AND stage = ?2",
	    case_id, stage, date, outcome, officer, "can't record the response",
	    err);
}

int
store_set_stage_officer(struct store *st, int64_t case_id, int stage,
    const char *officer, struct cpl_error *err)
{
	return update_stage(st, "UPDATE stages SET officer = ?4"
	    " WHERE case_id = ?1 AND stage = ?2", case_id, stage, NO_DATE, officer, NULL,
	    "can't assign the stage", err);
}

int
store_add_extension(struct store *st, int64_t case_id, int stage,
    const struct extension_rec *e, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO extensions(case_id, stage, days,"
	    " reason, date, officer, told) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, stage);
	sqlite3_bind_int(s, 3, e->days);
	bind_text(s, 4, e->reason);
	bind_date(s, 5, e->date);
	bind_text(s, 6, e->officer);
	sqlite3_bind_int(s, 7, e->told);
	return run(st, s, "can't record the extension", err);
}

int
store_add_stage_text(struct store *st, int64_t case_id, int stage,
    const char *kind, const char *text, struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO stage_texts(case_id, stage, kind,"
	    " text) VALUES (?1, ?2, ?3, ?4)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, stage);
	bind_text(s, 3, kind);
	bind_text(s, 4, text);
	return run(st, s, "can't record the text", err);
}

/*
 * When an event is recorded: the time now in UTC, to the millisecond, as
 * SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') writes it. Made here, the
 * calendar part once a second: an import records millions of events, and
 * the SQL function took a fifteenth of its time.
 */
static const char *
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

int
store_add_event(struct store *st, int64_t case_id, int stage, cpl_date date,
    const char *officer, const char *action, const char *detail,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO events(case_id, stage, date,"
	    " recorded, officer, action, detail) VALUES (?1, ?2, ?3,"
	    " ?7, ?4, ?5, ?6)", &s, err)))
		return rc;
	sqlite3_bind_text(s, 7, recorded_now(st), -1, SQLITE_TRANSIENT);
	if (case_id)
		sqlite3_bind_int64(s, 1, case_id);
	else
		sqlite3_bind_null(s, 1);
	if (stage)
		sqlite3_bind_int(s, 2, stage);
	else
		sqlite3_bind_null(s, 2);
	bind_date(s, 3, date);
	bind_text(s, 4, officer);
	bind_text(s, 5, action);
	bind_text(s, 6, detail);
	return run(st, s, "can't record the event", err);
}

int
store_events(struct store *st, int64_t case_id, struct event_rec **out,
    int *n, struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct event_rec *v = NULL;
	int rc, cnt = 0;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT date, recorded, officer, action, stage,"
	    " detail FROM events WHERE case_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct event_rec *nv = realloc(v, (cnt + 1) * sizeof(*v)), *e;
		if (nv == NULL)
			break;
		v = nv;
		e = &v[cnt++];
		e->date = col_date(s, 0);
		e->recorded = col_text(s, 1);
		e->officer = col_text(s, 2);
		e->action = col_text(s, 3);
		e->stage = sqlite3_column_int(s, 4);
		e->detail = col_text(s, 5);
	}
	finish(st, s);
	if (rc != SQLITE_DONE) {
		store_events_free(v, cnt);
		return rc == SQLITE_ROW ? cpl_fail(err, CPL_STORE, "out of memory") :
		    db_fail(st, err, "can't read the history");
	}
	*out = v;
	*n = cnt;
	return 0;
}

void
store_events_free(struct event_rec *e, int n)
{
	for (int i = 0; i < n; i++)
		event_rec_free(&e[i]);
	free(e);
}

int
store_list(struct store *st, const struct list_filter *f,
    int (*fn)(const struct list_row *row, void *arg), void *arg,
    struct cpl_error *err)
{
	sqlite3_stmt *s;
	struct list_row row;
	int rc;

	if ((rc = prepare(st, "SELECT " CASE_COLS ", " STAGE_COLS
	    " FROM cases c JOIN stages s ON s.case_id = c.id"
	    "  AND s.stage = (SELECT max(stage) FROM stages WHERE case_id = c.id)"
	    " WHERE (?1 IS NULL OR (?1 = 'open') = (c.closed IS NULL))"
	    "  AND (?2 = 0 OR s.stage = ?2)"
	    "  AND (?3 IS NULL OR c.kind = ?3)"
	    "  AND (?4 IS NULL OR c.policy = ?4)"
	    /* as the reports group them, and the stage 2 rule tells one
	     * officer from another: name_key (lib/util.c) */
	    "  AND (?5 IS NULL OR name_key(c.service) = name_key(?5))"
	    "  AND (?6 IS NULL OR name_key(s.officer) = name_key(?6))"
	    "  AND (?7 IS NULL OR c.received >= ?7)"
	    "  AND (?8 IS NULL OR c.received <= ?8)"
	    /* Case ids rise in the order cases are logged, as the numbers
	     * of a policy's references in a year do, whatever their width
	     * (SSC-2026-99999 before SSC-2026-100000); the index on received
	     * holds its rows in this order, so there is nothing to sort. */
	    " ORDER BY c.received, c.id", &s, err)))
		return rc;
	bind_text(s, 1, f->status);
	sqlite3_bind_int(s, 2, f->stage);
	bind_text(s, 3, f->kind);
	bind_text(s, 4, f->policy);
	bind_text(s, 5, f->service);
	bind_text(s, 6, f->officer);
	bind_date(s, 7, f->from);
	bind_date(s, 8, f->to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_case(s, &row.c);
		read_stage(s, N_CASE_COLS, &row.s);
		rc = fn(&row, arg);
		case_rec_free(&row.c);
		stage_rec_free(&row.s);
		if (rc != 0) {
			finish(st, s);
			return rc;
		}
	}
	finish(st, s);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "can't list cases");
}
