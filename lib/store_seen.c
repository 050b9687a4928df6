/*
 * store_seen.c: the external references an import has met (see
 * store_seen.h), in a private temporary SQLite database: one table, the
 * reference its key (WITHOUT ROWID: one b-tree, the rows in it).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_seen.h"

struct store_seen {
	sqlite3 *db;
	sqlite3_stmt *add;	/* insert, unless there */
	sqlite3_stmt *get;	/* the first time's line and hash */
	sqlite3_stmt *add_mark;	/* a line's mark */
	sqlite3_stmt *next_mark;	/* the next line marked */
};

static int
seen_fail(struct store_seen *sn, struct cpl_error *err)
{
	return cpl_fail(err, CPL_STORE, "can't keep the external references "
	    "of the file: %s", sn->db ? sqlite3_errmsg(sn->db) :
	    "out of memory");
}

int
store_seen_open(struct store_seen **out, struct cpl_error *err)
{
	struct store_seen *sn;

	*out = NULL;
	if ((sn = calloc(1, sizeof(*sn))) == NULL)
		return cpl_nomem(err);
	/*
	 * "": a database of this connection's own, on disk but written only
	 * when its cache (2 MiB) is full, deleted on close. Nothing in it
	 * needs to survive a crash: no journal, no sync, and one
	 * transaction, never committed, so that nothing is written until
	 * the cache must spill.
	 */
	if (sqlite3_open_v2("", &sn->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(sn->db, "PRAGMA temp_store = FILE;"
	    " PRAGMA cache_size = -2048; PRAGMA journal_mode = OFF;"
	    " PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
	    " CREATE TABLE seen(ref TEXT PRIMARY KEY, line INTEGER NOT NULL,"
	    "  hash INTEGER NOT NULL) WITHOUT ROWID;"
	    " CREATE TABLE marks(line INTEGER PRIMARY KEY,"
	    "  last INTEGER NOT NULL, what INTEGER NOT NULL);"
	    " CREATE INDEX marks_last ON marks(last); BEGIN",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sn->db, "INSERT INTO seen(ref, line, hash)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (ref) DO NOTHING", -1, &sn->add,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sn->db, "SELECT line, hash FROM seen"
	    " WHERE ref = ?1", -1, &sn->get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sn->db, "INSERT OR REPLACE INTO marks(line,"
	    " last, what) VALUES (?1, ?2, ?3)", -1, &sn->add_mark,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sn->db, "SELECT line, last, what FROM marks"
	    " WHERE last >= ?1 ORDER BY last LIMIT 1", -1, &sn->next_mark,
	    NULL) != SQLITE_OK) {
		int rc = seen_fail(sn, err);
		store_seen_close(sn);
		return rc;
	}
	*out = sn;
	return 0;
}

void
store_seen_close(struct store_seen *sn)
{
	if (sn == NULL)
		return;
	sqlite3_finalize(sn->add);
	sqlite3_finalize(sn->get);
	sqlite3_finalize(sn->add_mark);
	sqlite3_finalize(sn->next_mark);
	sqlite3_close(sn->db);
	free(sn);
}

int
store_seen_add(struct store_seen *sn, const char *ref, long line,
    uint64_t hash, long *first_line, uint64_t *first_hash,
    struct cpl_error *err)
{
	int rc;

	*first_line = 0;
	*first_hash = 0;
	sqlite3_bind_text(sn->add, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(sn->add, 2, line);
	/* The hash's 64 bits as SQLite's signed integer, and back. */
	sqlite3_bind_int64(sn->add, 3, (sqlite3_int64)hash);
	rc = sqlite3_step(sn->add);
	sqlite3_reset(sn->add);
	if (rc != SQLITE_DONE)
		return seen_fail(sn, err);
	if (sqlite3_changes(sn->db) == 1)
		return 0;
	sqlite3_bind_text(sn->get, 1, ref, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(sn->get)) == SQLITE_ROW) {
		*first_line = (long)sqlite3_column_int64(sn->get, 0);
		*first_hash = (uint64_t)sqlite3_column_int64(sn->get, 1);
	}
	sqlite3_reset(sn->get);
	if (rc != SQLITE_ROW)
		return seen_fail(sn, err);
	return 0;
}

int
store_seen_first(struct store_seen *sn, const char *ref, long *first_line,
    struct cpl_error *err)
{
	int rc;

	*first_line = 0;
	sqlite3_bind_text(sn->get, 1, ref, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(sn->get)) == SQLITE_ROW)
		*first_line = (long)sqlite3_column_int64(sn->get, 0);
	sqlite3_reset(sn->get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return seen_fail(sn, err);
	return 0;
}

int
store_seen_mark(struct store_seen *sn, long first, long last,
    enum seen_mark what, struct cpl_error *err)
{
	int rc;

	sqlite3_bind_int64(sn->add_mark, 1, first);
	sqlite3_bind_int64(sn->add_mark, 2, last);
	sqlite3_bind_int(sn->add_mark, 3, (int)what);
	rc = sqlite3_step(sn->add_mark);
	sqlite3_reset(sn->add_mark);
	return rc == SQLITE_DONE ? 0 : seen_fail(sn, err);
}

int
store_seen_next_mark(struct store_seen *sn, long line, long *first,
    long *last, enum seen_mark *what, struct cpl_error *err)
{
	int rc;

	*first = *last = 0;
	*what = SEEN_BAD;
	/* Runs do not overlap: ordered by their last lines, they are in the
	 * order of their first. */
	sqlite3_bind_int64(sn->next_mark, 1, line);
	if ((rc = sqlite3_step(sn->next_mark)) == SQLITE_ROW) {
		*first = (long)sqlite3_column_int64(sn->next_mark, 0);
		*last = (long)sqlite3_column_int64(sn->next_mark, 1);
		*what = (enum seen_mark)sqlite3_column_int(sn->next_mark, 2);
	}
	sqlite3_reset(sn->next_mark);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : seen_fail(sn, err);
}
