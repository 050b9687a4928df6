/*
 * store_attachments.c: the documents of the case file (tables
 * attachment_content and attachments, see store.h and store_schema.c).
 *
 * A document's bytes are one row of attachment_content, found by their
 * SHA-256 (64 lowercase hex digits): written once, however many cases
 * keep a copy, and copied in and out a piece at a time, so neither copy
 * holds the whole document in memory (a piece, and what the engine's
 * library holds of it, at most).
 *
 * SQLite: a zeroblob of the right size filled a piece at a time
 * (sqlite3_blob_write), and read back the same way (sqlite3_blob_read).
 *
 * PostgreSQL (a bytea): the pieces are sent, as bytes, to a temporary
 * table of the transaction (attachment_pieces, dropped at its end), and
 * the row made of them on the server in one statement (string_agg), so
 * each byte crosses the connection once and is written once; appending
 * piece after piece to the row would write it again whole each time.
 * Read back a piece at a time with substr. A document the server keeps
 * compressed (text does, already compressed formats do not) is
 * decompressed from its start for each piece: a piece of 1 MiB keeps
 * that to a few times the whole for the 25 MiB a policy allows by
 * default.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_int.h"

/* The pieces a document is copied in: what SQLite writes a page or a few
 * at a time; on a server, where each piece is a round trip, more. */
#define PIECE (64 * 1024)
#define PIECE_PG (1024 * 1024)

void
attachment_rec_free(struct attachment_rec *a)
{
	free(a->name);
	free(a->media_type);
	free(a->sha256);
	free(a->note);
	free(a->recorded);
	free(a->officer);
	memset(a, 0, sizeof(*a));
}

int
store_content_exists(struct store *st, const char *sha256, int *found,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*found = 0;
	if ((rc = prepare(st, "SELECT 1 FROM attachment_content"
	    " WHERE sha256 = ?1", &s, err)))
		return rc;
	bind_text(s, 1, sha256);
	return each_row(st, s, row_exists, found, "can't read the case file",
	    err);
}

/* The row id of sha256's bytes; 0 when the store does not hold them. */
static int
content_id(struct store *st, const char *sha256, int64_t *id,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*id = 0;
	if ((rc = prepare(st, "SELECT id FROM attachment_content"
	    " WHERE sha256 = ?1", &s, err)))
		return rc;
	bind_text(s, 1, sha256);
	return each_row(st, s, row_int64, id, "can't read the case file", err);
}

/* store_add_content on a server (see above); inside the write. Another
 * officer's write may be keeping the same bytes at this moment: the
 * insert waits for its commit and then keeps nothing, the bytes being
 * there once. */
static int
add_content_pg(struct store *st, const char *sha256, int64_t size,
    content_reader read, void *arg, struct cpl_error *err)
{
	struct sql_stmt *s;
	char *buf = NULL;
	int64_t off;
	int rc;

	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS attachment_pieces("
	    "n BIGINT PRIMARY KEY, piece BYTEA NOT NULL) ON COMMIT DROP",
	    "can't keep the document", err)))
		return rc;
	if (size > 0 && (buf = malloc(PIECE_PG)) == NULL)
		return no_memory(err);
	for (off = 0; off < size; off += PIECE_PG) {
		size_t n = size - off < PIECE_PG ? (size_t)(size - off) :
		    PIECE_PG;

		if ((rc = read(arg, buf, n, off, err)) ||
		    (rc = prepare(st, "INSERT INTO pg_temp.attachment_pieces("
		    "n, piece) VALUES (?1, ?2)", &s, err)))
			goto out;
		sql_bind_int64(s, 1, off);
		sql_bind_blob(s, 2, buf, n);
		if ((rc = run(st, s, "can't keep the document", err)))
			goto out;
	}
	if ((rc = prepare(st, "INSERT INTO attachment_content(sha256, size,"
	    " data) SELECT ?1, ?2, coalesce((SELECT string_agg(p.piece,"
	    " CAST('' AS BYTEA) ORDER BY p.n) FROM pg_temp.attachment_pieces p),"
	    " CAST('' AS BYTEA)) ON CONFLICT (sha256) DO NOTHING", &s, err)))
		goto out;
	bind_text(s, 1, sha256);
	sql_bind_int64(s, 2, size);
	if ((rc = run(st, s, "can't keep the document", err)))
		goto out;
	/* Another document of the same write starts from none. */
	rc = exec(st, "DELETE FROM pg_temp.attachment_pieces",
	    "can't keep the document", err);
out:
	free(buf);
	return rc;
}

int
store_add_content(struct store *st, const char *sha256, int64_t size,
    content_reader read, void *arg, struct cpl_error *err)
{
	struct sql_stmt *s;
	sqlite3_blob *b = NULL;
	char *buf = NULL;
	int64_t id, off;
	int rc, brc;

	if (st->lite == NULL)
		return add_content_pg(st, sha256, size, read, arg, err);
	if ((rc = prepare(st, "INSERT INTO attachment_content(sha256, size,"
	    " data) VALUES (?1, ?2, zeroblob(?2)) RETURNING id", &s, err)))
		return rc;
	bind_text(s, 1, sha256);
	sql_bind_int64(s, 2, size);
	if ((rc = each_row(st, s, row_int64, &id, "can't keep the document",
	    err)))
		return rc;
	if (size == 0)
		return 0;
	if ((buf = malloc(PIECE)) == NULL)
		return no_memory(err);
	if ((brc = sqlite3_blob_open(st->lite, "main", "attachment_content",
	    "data", id, 1, &b)) != SQLITE_OK) {
		rc = lite_fail(st, brc, err, "can't keep the document");
		goto out;
	}
	for (off = 0; off < size; off += PIECE) {
		size_t n = size - off < PIECE ? (size_t)(size - off) : PIECE;

		if ((rc = read(arg, buf, n, off, err)))
			goto out;
		if ((brc = sqlite3_blob_write(b, buf, (int)n, (int)off)) !=
		    SQLITE_OK) {
			rc = lite_fail(st, brc, err, "can't keep the document");
			goto out;
		}
	}
out:
	if (b != NULL && (brc = sqlite3_blob_close(b)) != SQLITE_OK && rc == 0)
		rc = lite_fail(st, brc, err, "can't keep the document");
	free(buf);
	return rc;
}

/* The new row's event and id (RETURNING event_id, id). */
static int
added_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct attachment_rec *a = arg;

	(void)err;
	a->event_id = sql_col_int64(s, 0);
	a->id = sql_col_int64(s, 1);
	return 0;
}

int
store_add_attachment(struct store *st, int64_t case_id,
    struct attachment_rec *a, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t cid;
	int rc;

	if ((rc = content_id(st, a->sha256, &cid, err)))
		return rc;
	if (cid == 0)
		return cpl_fail(err, CPL_STORE, "%s: no document of SHA-256 "
		    "'%s' is kept", st->path, a->sha256);
	free(a->recorded);
	if ((a->recorded = strdup(recorded_now(st))) == NULL)
		return no_memory(err);
	if ((rc = prepare(st, "INSERT INTO attachments(case_id, content_id,"
	    " name, media_type, note, date, recorded, officer, event_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT max(id)"
	    "  FROM events WHERE case_id = ?1 AND action = 'attached'))"
	    " RETURNING event_id, id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, cid);
	bind_text(s, 3, a->name);
	bind_text(s, 4, a->media_type);
	bind_text(s, 5, a->note);
	bind_date(s, 6, a->date);
	bind_stamp(s, 7, a->recorded);
	bind_text(s, 8, a->officer);
	return each_row(st, s, added_row, a,
	    "can't add the document to the case file", err);
}

static void
read_attachment(struct sql_stmt *s, void *elem)
{
	struct attachment_rec *a = elem;

	a->id = sql_col_int64(s, 0);
	a->name = col_text(s, 1);
	a->media_type = col_text(s, 2);
	a->size = sql_col_int64(s, 3);
	a->sha256 = col_text(s, 4);
	a->note = col_text(s, 5);
	a->date = col_date(s, 6);
	a->recorded = col_stamp(s, 7);
	a->officer = col_text(s, 8);
	a->event_id = sql_col_int64(s, 9);
}

int
store_attachments(struct store *st, int64_t case_id,
    struct attachment_rec **out, int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT a.id, a.name, a.media_type, c.size,"
	    " c.sha256, a.note, a.date, a.recorded, a.officer, a.event_id"
	    " FROM attachments a JOIN attachment_content c"
	    "  ON c.id = a.content_id"
	    " WHERE a.case_id = ?1 ORDER BY a.id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	rc = gather(st, s, sizeof(**out), read_attachment, &got,
	    "can't read the case file", err);
	*out = got.v;
	*n = got.n;
	if (rc) {
		for (int i = 0; i < got.n; i++)
			attachment_rec_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The bytes of document id from byte off (from 0) on, n of them, to
 * write: a piece of a server's bytea. */
static int
piece_pg(struct store *st, int64_t id, int64_t off, size_t n,
    int (*write)(void *arg, const void *buf, size_t n,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	struct sql_stmt *s;
	const void *b;
	int rc, len = 0;

	if ((rc = prepare(st, "SELECT substr(data, CAST(?2 AS INTEGER),"
	    " CAST(?3 AS INTEGER))"
	    " FROM attachment_content WHERE id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, id);
	sql_bind_int64(s, 2, off + 1);
	sql_bind_int64(s, 3, (int64_t)n);
	if ((rc = sql_step(s)) != SQL_ROW) {
		rc = rc == SQL_DONE ? cpl_fail(err, CPL_STORE, "%s: the "
		    "document went while it was read", st->path) :
		    db_fail(st, err, "can't read the document");
		finish(st, s);
		return rc;
	}
	b = sql_col_blob(s, 0, &len);
	if (b == NULL || (size_t)len != n)
		rc = b == NULL ? no_memory(err) : cpl_fail(err, CPL_STORE,
		    "%s: the document holds %lld bytes, not %lld", st->path,
		    (long long)(off + len), (long long)(off + (int64_t)n));
	else
		rc = write(arg, b, n, err);
	/* Stepped to its end: a read stopped part-way would be cancelled
	 * on the server. */
	if (rc == 0 && sql_step(s) != SQL_DONE)
		rc = db_fail(st, err, "can't read the document");
	finish(st, s);
	return rc;
}

int
store_content_write(struct store *st, const char *sha256,
    int (*write)(void *arg, const void *buf, size_t n,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	struct sql_stmt *s;
	sqlite3_blob *b = NULL;
	char *buf = NULL;
	int64_t id, size = 0;
	int rc, brc;

	if ((rc = content_id(st, sha256, &id, err)))
		return rc;
	if (id == 0)
		return cpl_fail(err, CPL_STORE, "%s: no document of SHA-256 "
		    "'%s' is kept", st->path, sha256);
	if ((rc = prepare(st, "SELECT size FROM attachment_content"
	    " WHERE id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, id);
	if ((rc = each_row(st, s, row_int64, &size, "can't read the case file",
	    err)))
		return rc;
	if (size == 0)
		return 0;
	if (st->lite == NULL) {
		for (int64_t off = 0; off < size && rc == 0; off += PIECE_PG)
			rc = piece_pg(st, id, off, size - off < PIECE_PG ?
			    (size_t)(size - off) : PIECE_PG, write, arg, err);
		return rc;
	}
	if ((buf = malloc(PIECE)) == NULL)
		return no_memory(err);
	if ((brc = sqlite3_blob_open(st->lite, "main", "attachment_content",
	    "data", id, 0, &b)) != SQLITE_OK) {
		rc = lite_fail(st, brc, err, "can't read the document");
		goto out;
	}
	if (sqlite3_blob_bytes(b) != size) {
		rc = cpl_fail(err, CPL_STORE, "%s: the document of SHA-256 "
		    "'%s' holds %d bytes, not %lld", st->path, sha256,
		    sqlite3_blob_bytes(b), (long long)size);
		goto out;
	}
	for (int64_t off = 0; off < size; off += PIECE) {
		size_t n = size - off < PIECE ? (size_t)(size - off) : PIECE;

		if ((brc = sqlite3_blob_read(b, buf, (int)n, (int)off)) !=
		    SQLITE_OK) {
			rc = lite_fail(st, brc, err, "can't read the document");
			goto out;
		}
		if ((rc = write(arg, buf, n, err)))
			goto out;
	}
out:
	if (b != NULL)
		sqlite3_blob_close(b);
	free(buf);
	return rc;
}
