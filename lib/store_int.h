/*
 * store_int.h: what store.c shares with its neighbours (store_*.c), and
 * nothing else may include. Every SQL statement of the project lives in
 * lib/store*.c; these are the small helpers they all use.
 */
#ifndef CPL_STORE_INT_H
#define CPL_STORE_INT_H

#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "sql.h"
#include "store.h"

/* A prepared statement kept for reuse, found by its SQL text's address
 * (every statement of the store is a string literal). */
struct cached_stmt {
	const char *sql;
	struct sql_stmt *s;
	int busy;		/* handed out and not yet finished */
};

#define STMT_CACHE 96
#define DEFERRED_MAX 16

/* A word of table words and its id, as looked up (lib/store_words.c). */
struct cached_word {
	char *word;		/* NULL: an empty slot */
	int64_t id;
};

#define WORD_CACHE 1024
/* The case ids a batch on a server takes from the identity at once
 * (store_expect_cases). */
#define CASE_IDS 1000

struct store {
	struct sql *db;		/* the connection (lib/sql.h) */
	struct sqlite3 *lite;	/* its SQLite handle, for what only SQLite
				 * does (blobs, checkpoints, the busy
				 * handler); NULL on PostgreSQL */
	char *path;		/* the file, for messages */
	char *file;		/* the file SQLite opens: path, or a new
				 * store's temporary name (fresh) */
	int fresh;		/* a new store, not yet in place */
	int lock_fd;		/* a new store's file, locked (flock) while it
				 * is built, so no other init takes it for a
				 * leftover; -1 otherwise */
	/* Why the store can't be written, when it is open read-only ("" when
	 * it is not): the end of the message a write then fails with. */
	char read_only[512];
	/* The database file's mode and group before store_share changed
	 * them, for store_share_undo. */
	mode_t was_mode;
	gid_t was_gid;
	int shared_now;		/* store_share changed them */
	int writing;		/* inside a write (store_begin) */
	int keys_at_commit;	/* the write's references checked once,
				 * before it commits (store_begin_if_empty) */
	int64_t changes_before;	/* rows changed before this write
					 * began (update_statistics) */
	struct cached_stmt cache[STMT_CACHE];
	int n_cache;
	/* The indexes a batch dropped in this transaction (their CREATE
	 * statements, as the schema keeps them), built again before it
	 * commits (store_defer_indexes). */
	char *deferred[DEFERRED_MAX];
	int search_deferred;	/* the search index's triggers among them */
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
	/* Waiting for another process's lock (busy_wait): when this wait
	 * began, whether the officer was told (once a store), whether it is
	 * readers that are waited for (a checkpoint) rather than a writer,
	 * and the -shm file, opened to ask who holds its locks. */
	struct timespec wait_began;
	int wait_told;
	int wait_readers;
	int shm_fd;
	int shm_open;		/* shm_fd is open; kept until the connection
				 * is closed (see store_close) */
	/* The ids of the words this process has looked up or added (an
	 * open-addressed table by the word's hash), forgotten on rollback. */
	struct cached_word words[WORD_CACHE];
	int n_words;
	/* On a server, the cases an audited export wrote (store_audit_note):
	 * case id then stage, a pair a case, in the order written. */
	int64_t *audit_read;
	size_t n_audit_read, cap_audit_read;
	/* On a server, the ids taken from case_rows' identity for the
	 * batch's next new cases (case_ids[at_case_id] the next one, up to
	 * n_case_ids), and how many more new cases the batch expects
	 * (store_expect_cases); all forgotten when the write ends. */
	int64_t case_ids[CASE_IDS];
	int n_case_ids, at_case_id;
	long cases_expected;
	/* On a server, the open cases of the complainants an import named,
	 * read a batch at a time and kept in memory for the duplicate
	 * warning (store_open_cases_want); NULL: none kept. */
	struct open_case_set *open_cases;
};

/* CPL_STORE "PATH: what: the engine's message", in the officer's words
 * where the fault is one they can do something about. */
int db_fail(struct store *st, struct cpl_error *err, const char *what);
/* As db_fail, for the result code of a call on the SQLite handle itself
 * (st->lite: a blob, a checkpoint, a cache flush), which the connection
 * has not recorded. */
int lite_fail(struct store *st, int code, struct cpl_error *err,
    const char *what);
/*
 * A statement for sql, which must be a string literal: prepared once and
 * kept, so a batch (an import) pays for parsing once. Give it back with
 * finish(). A failed prepare is a programming error: report the SQL with
 * the reason.
 */
int prepare(struct store *st, const char *sql, struct sql_stmt **s,
    struct cpl_error *err);
/*
 * An INSERT of one row whose new id the caller needs, and the running of
 * it: on PostgreSQL the SQL with "RETURNING id", whose row insert_id
 * reads; on SQLite the SQL as it is, and the connection's last row id
 * (SQLite's RETURNING buffers each step's rows in a table of its own:
 * an import took a third longer with it).
 */
#define INSERTING_ID(st, sql) ((st)->lite != NULL ? sql : sql " RETURNING id")
int insert_id(struct store *st, struct sql_stmt *s, int64_t *id,
    const char *what, struct cpl_error *err);
/* Done with a statement from prepare(): reset it for the next use. */
void finish(struct store *st, struct sql_stmt *s);
/* The policy of the case of table alias c, from its policy text (a case
 * keeps the id of the text only): SQL text. */
#define CASE_POLICY(c) "(SELECT p.policy FROM policy_versions p" \
	" WHERE p.id = " c ".policy_version)"
/* A stage's clock, as the store keeps it (stages.respond_from). */
#define FROM_OPENED 0
#define FROM_ACKNOWLEDGED 1
/* A column as an int (day numbers, counts, flags). */
static inline int
col_int(struct sql_stmt *s, int i)
{
	return (int)sql_col_int64(s, i);
}
/* Bind text, or NULL when v is NULL. */
void bind_text(struct sql_stmt *s, int i, const char *v);
/* As bind_text, without a copy: only where v outlives the statement's
 * step, and the statement is run (run, each_row: stepped, then its
 * bindings cleared) before v is changed or freed. For the writes an
 * import makes for every row, where copying each value is a cost. */
void bind_text_static(struct sql_stmt *s, int i, const char *v);
/* Bind a date as its day number (a DATE column), or NULL for NO_DATE. */
void bind_date(struct sql_stmt *s, int i, cpl_date d);
/* When a row was recorded, "YYYY-MM-DDTHH:MM:SS.mmmZ" (recorded_now), and
 * its terminating NUL. */
#define STAMP_LEN 25
/* Bind such a stamp as milliseconds since the epoch (a TIMESTAMP column),
 * or NULL when v is NULL; a text not of that form is bound as it is. */
void bind_stamp(struct sql_stmt *s, int i, const char *v);
/* Milliseconds since the epoch as such a stamp. */
void stamp_text(int64_t ms, char buf[STAMP_LEN]);
/* Bind the key of a name (name_key in lib/util.c: what tells one
 * complainant, officer or service from another), or NULL when name is
 * NULL; -1 when out of memory. */
int bind_name_key(struct sql_stmt *s, int i, const char *name);
struct overdue_filter;
/* Report overdue's filter, as every statement of its rows takes it: ?1
 * the officer's key, ?2 the service's, ?3 the policy, ?4 the working days
 * within, ?5 today. 0, or out of memory (s finished). */
int bind_overdue_filter(struct store *st, struct sql_stmt *s,
    const struct overdue_filter *f, struct cpl_error *err);
/* A column as a new string (NULL for NULL), or as a date (NO_DATE). */
char *col_text(struct sql_stmt *s, int i);
cpl_date col_date(struct sql_stmt *s, int i);
/* A TIMESTAMP column as a new stamp string (see bind_stamp), NULL for NULL. */
char *col_stamp(struct sql_stmt *s, int i);
/* Step a statement that returns no rows, and finish it. */
int run(struct store *st, struct sql_stmt *s, const char *what,
    struct cpl_error *err);
/*
 * Step s (prepared and bound) to its end, calling fn for each row; fn's
 * non-zero return (err set) stops the walk and is returned. s is finished
 * on every path; a failed step is reported as db_fail(what).
 */
int each_row(struct store *st, struct sql_stmt *s,
    int (*fn)(struct sql_stmt *s, void *arg, struct cpl_error *err), void *arg,
    const char *what, struct cpl_error *err);
/*
 * The row functions of each_row that most reads need: the first column
 * as an integer (arg: int64_t *), or as a new string (arg: char **, NULL
 * for NULL; what it held is freed), or only that there is a row (arg:
 * int *, set to 1). The last row wins.
 */
int row_int64(struct sql_stmt *s, void *arg, struct cpl_error *err);
int row_text(struct sql_stmt *s, void *arg, struct cpl_error *err);
int row_exists(struct sql_stmt *s, void *arg, struct cpl_error *err);
/* CPL_NOMEM "out of memory" (cpl_nomem). */
int no_memory(struct cpl_error *err);
/* The rows gather has read: n elements, malloc'ed. */
struct rows {
	void *v;
	int n;
};
/*
 * Every row of s (prepared and bound) as an array: read fills each
 * element (size bytes, zeroed first) from its row. On failure, *to
 * holds the elements read so far, for the caller to free.
 */
int gather(struct store *st, struct sql_stmt *s, size_t size,
    void (*read)(struct sql_stmt *s, void *elem), struct rows *to,
    const char *what, struct cpl_error *err);
/* The first column of every row of sql (which binds nothing), as an
 * array of ids (*ids malloc'ed, caller frees); what says what for a
 * message. */
int select_ids(struct store *st, const char *sql, int64_t **ids, int *n,
    const char *what, struct cpl_error *err);
/* When a row is recorded: now, UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ"
 * (lib/store_events.c); good until the next call. */
const char *recorded_now(struct store *st);
/* Run SQL text that binds nothing (pragmas, BEGIN, migrations). */
int exec(struct store *st, const char *sql, const char *what,
    struct cpl_error *err);

/* Waiting for another process's lock (lib/store_wait.c). */

/*
 * The busy handler of every connection (sqlite3_busy_handler): sleeps a
 * little longer each time, up to the wait of store_wait, telling
 * store_wait_notice's function once what it waits for; 0 when the wait
 * is over. A loop that retries what SQLite does not wait for itself
 * calls it too, count 0 first.
 */
int busy_wait(void *st, int count);
/* How long a command waits for another's lock (store_wait), seconds. */
int wait_limit(void);

/* The words and names the store keeps once (lib/store_words.c). */

/* The ids of the words migration 18 gives every store, which SQL text
 * names (a partial index's WHERE, the search index's triggers). */
#define WORD_OUT_OF_SCOPE "17"
#define WORD_REFUSED "18"
#define WORD_NOTE "21"
/* The word of id (SQL), or NULL; the key of the name of id. Where a
 * query shows or groups by a word it reads the rows' ids and looks the
 * word up only for what it gives back. */
#define WORD_OF(id) "(SELECT w.word FROM words w WHERE w.id = " id ")"
#define KEY_OF(id) "(SELECT w.key FROM words w WHERE w.id = " id ")"
/* The id of word, added to the words if it is not there yet (inside a
 * write); 0 for NULL. */
int word_id(struct store *st, const char *word, int64_t *id,
    struct cpl_error *err);
/* Bind word's id, or NULL for NULL; on failure, s is finished. */
int bind_word(struct store *st, struct sql_stmt *s, int i, const char *word,
    struct cpl_error *err);
/* The id of word if the store has it, else 0 (a read: nothing is
 * added); 0 for NULL. */
int word_find(struct store *st, const char *word, int64_t *id,
    struct cpl_error *err);
/* An id no word has (ids are positive): what a word the store has never
 * seen is bound as, so that a comparison with it matches nothing. */
#define NO_WORD (-1)
/* Bind word's id as word_find finds it, NO_WORD when the store has no
 * such word, NULL for NULL; on failure, s is finished. */
int bind_found_word(struct store *st, struct sql_stmt *s, int i,
    const char *word, struct cpl_error *err);
/* Forget the ids looked up (a rollback may have taken some away). */
void words_forget(struct store *st);
/* The batch's case ids not used, and its expectation, forgotten (the
 * write's end): the ids stay unused, a gap in the identity's values. */
void case_ids_forget(struct store *st);

/* The search index (lib/store_search.c). */

/* What list --search was given, as a query of its words (see
 * store_search.c): FTS5's, or on a server (server non-zero) the text of
 * a tsquery; the caller frees it. NULL: out of memory. */
char *search_query(const char *text, int server);

/* A store on a PostgreSQL server (lib/store_server.c). */

/* Connect st (st->path a server's connection string), and make its
 * schema (STORE_CREATE, on an empty database) or bring it up to date. */
int server_open(struct store *st, int flags, struct cpl_error *err);

/* The store's schema (lib/store_schema.c). */

/* The schema version: how many migrations the store has had. */
int schema_version(struct store *st, int *v, struct cpl_error *err);
/*
 * Before anything writes to the file: refuse a database of a newer
 * complaints, another program's SQLite file, and (unless create) a file
 * that init never made.
 */
int schema_check(struct store *st, int create, struct cpl_error *err);
/* Apply the migrations the store has not had, in one write. */
int schema_upgrade(struct store *st, struct cpl_error *err);

/* The store's files (lib/store_files.c). */

/* How a store that exists is opened (files_open_mode). */
enum open_mode {
	OPEN_WRITE,		/* read and write */
	OPEN_READ,		/* read-only: SQLite reads the -wal and -shm
				 * files beside it, which are there or can be
				 * made */
	OPEN_FROZEN,		/* read-only and nothing can change it (a
				 * read-only file system, or a directory no
				 * one may write), with no log beside it: read
				 * as the file stands */
};
/*
 * Check the database file (sb, from stat) and the -wal, -shm and -journal
 * files beside it, where they exist, against the rule of the store's
 * files (see store_files.c). A database with group access is taken as
 * shared with its group here; store_open confirms it against the store's
 * settings once it can read them.
 */
int files_check(struct store *st, const struct stat *sb,
    struct cpl_error *err);
/*
 * Make the -wal and -shm files of a store in WAL mode, where they are not
 * there, before SQLite opens it: as SQLite would make them (the
 * database's mode and group; its owner too, run as root), but made
 * exclusively, so that no other account can make them first, between
 * files_check and the open (run as root, SQLite would take such a file
 * over, and its maker keep what it had open of it). A shared store's get
 * its group whichever officer opens it first.
 */
int files_make_beside(struct store *st, const struct stat *sb,
    struct cpl_error *err);
/* The same rule for the -wal, -shm and -journal files SQLite has opened
 * (found through /proc/self/fd; by their names where there is no /proc):
 * once SQLite has them open, before anything is written. */
int files_check_open(struct store *st, const struct stat *sb,
    struct cpl_error *err);
/* A store with group access: refused unless the store is shared with
 * exactly the database file's group (its "group" setting). */
int files_check_group(struct store *st, const struct stat *sb,
    struct cpl_error *err);
/* How to open an existing store: st->read_only says why when it can't be
 * written. CPL_STORE when it can't even be read. */
int files_open_mode(struct store *st, enum open_mode *mode,
    struct cpl_error *err);
/* Remove what inits of this store killed part-way left beside it: their
 * temporary files, where this account's and no living init's. */
void files_tidy(struct store *st);
/*
 * A new store where path has none: st->file a new empty file
 * .NAME.init-XXXXXX beside it, mode 0600, locked while this process
 * lives. *exists: a store appeared at path meanwhile (nothing made; open
 * that one).
 */
int files_new(struct store *st, int *exists, struct cpl_error *err);
/* Link a new store, closed, to its name, unless the name is taken
 * (*taken). */
int files_publish(struct store *st, int *taken, struct cpl_error *err);
/* Remove a new store's temporary file and the files beside it (closed). */
void files_discard(struct store *st);

#endif
