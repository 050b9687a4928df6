/*
 * store_copy.c: the SQL of complaints copy (see store.h): every row of
 * every table of one store written into another, whichever engine holds
 * each, with the same ids.
 *
 * The tables are listed once, below, in an order their foreign keys
 * allow (a row's keys name rows already copied), each with its columns in
 * the order the table defines them and its key. A table's rows are read
 * with "SELECT cols FROM t ORDER BY key" and each written with "INSERT
 * INTO t(cols) VALUES (?1, ...)", both fixed text; each value is bound as
 * the kind it was read as (an integer, text or NULL). A server takes a
 * table's rows as one stream instead, "COPY t(cols) FROM STDIN" (fixed
 * text too), each value sent in COPY's escaped form (sql_copy_row), so
 * that nothing in it is read as anything but the value. The physical tables
 * are copied, not the views cases, stages and events (their rows are
 * case_rows, stage_rows and event_rows), nor the search index, which the
 * destination makes once, from the cases, before the commit: on SQLite
 * rebuilt (store_defer_indexes), on a server its triggers held back for
 * the copy's write and every case's row made in one statement
 * (schema_search_later_pg, schema_search_fill_pg). A server's foreign
 * keys and plain indexes are held back the same way, where the copy's
 * role owns the tables (schema_bulk_begin_pg), and made again after the
 * rows: an index built whole, a key checked by one join, not a lookup a
 * row.
 *
 * A new store already has the fixed words (ids 1 to FIXED_WORDS, the
 * vocabularies' words that SQL names: migration 18, schema_create_pg):
 * they are not copied, and a destination holding any other row is not
 * new. tests/t9550-copy.sh checks that the list names every table of
 * the schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"
#ifdef CPL_HAVE_POSTGRES
#include "store_schema_pg.h"
#endif

/* The last of the words every new store has (WORD_NOTE, id 21). */
#define FIXED_WORDS "21"

/* store_copy_older's search of an older file's tables. */
struct older {
	struct store *st;
	char *table;		/* the first holding a row ("": none yet) */
	size_t size;		/* table's size */
};

/* A table of the store: how its rows are read, written and counted. */
struct copy_table {
	const char *table;
	const char *read;	/* its rows, in key order, but the fixed */
	const char *write;	/* one row */
	const char *copy;	/* every row, on a server (COPY) */
	const char *count;	/* its rows */
	const char *beyond;	/* its rows a new store does not have */
	const char *shape;	/* a row with every column, to check that
				 * read names them all */
};

static const struct copy_table copy_tables[] = {
#define TABLE_BUT(name, cols, params, key, fixed) { #name, \
	"SELECT " cols " FROM " #name fixed " ORDER BY " key, \
	"INSERT INTO " #name "(" cols ") VALUES (" params ")", \
	"COPY " #name "(" cols ") FROM STDIN", \
	"SELECT count(*) FROM " #name, \
	"SELECT count(*) FROM " #name fixed, \
	"SELECT * FROM " #name " LIMIT 1" }
#define TABLE(name, cols, params, key) TABLE_BUT(name, cols, params, key, "")
	TABLE(settings, "key, value", "?1, ?2", "key"),
	TABLE(policy_versions, "id, policy, body, added", "?1, ?2, ?3, ?4",
	    "id"),
	TABLE(ref_numbers, "prefix, year, last", "?1, ?2, ?3",
	    "prefix, year"),
	TABLE_BUT(words, "id, word, key", "?1, ?2, ?3", "id",
	    " WHERE id > " FIXED_WORDS),
	TABLE(case_rows, "id, ref, policy_version, kind, anonymous,"
	    " complainant, contact, on_behalf_of, consent, channel, service,"
	    " category, summary, received, occurred, external_ref, logged_by,"
	    " closed, close_reason, late_reason, accepted_anyway, resolve_due,"
	    " purged, complainant_key, service_key",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
	    " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25", "id"),
	TABLE(stage_rows, "case_id, stage, opened, officer, ack_days,"
	    " respond_days, respond_from, respond_target, acknowledged,"
	    " responded, responded_by, outcome, escalation_reason",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13",
	    "case_id, stage"),
	TABLE(extensions, "id, case_id, stage, days, reason, date, officer,"
	    " told", "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8", "id"),
	TABLE(stage_texts, "id, case_id, stage, kind, text",
	    "?1, ?2, ?3, ?4, ?5", "id"),
	TABLE(restrictions, "id, complainant, kind, detail, reason, imposed,"
	    " review, officer, lifted, lifted_reason, complainant_key",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11", "id"),
	TABLE(event_rows, "id, case_id, stage, date, recorded, officer,"
	    " action, detail, restriction_id",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9", "id"),
	TABLE(referrals, "id, case_id, body, referred, reference, decision,"
	    " decided, officer", "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8", "id"),
	TABLE(corrections, "event_id, case_id, corrects, item, field,"
	    " old_value, new_value, reason, personal",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9", "event_id"),
	TABLE(attachment_content, "id, sha256, size, data", "?1, ?2, ?3, ?4",
	    "id"),
	TABLE(attachments, "id, case_id, content_id, name, media_type, note,"
	    " date, recorded, officer, event_id",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10", "id"),
	TABLE(letters, "id, case_id, stage, kind, via, sent, officer, text,"
	    " event_id", "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9", "id"),
	TABLE(actions, "case_id, n, stage, what, owner, owner_key, due, added,"
	    " officer, done, done_by",
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11", "case_id, n"),
	TABLE(holds, "id, case_id, stage, reason, held, until, resumed,"
	    " officer, resumed_by", "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9", "id"),
	TABLE(links, "case_id, grp, linked, officer, reason",
	    "?1, ?2, ?3, ?4, ?5", "case_id"),
	TABLE(case_rules, "case_id, about_staff, discrimination,"
	    " late_granted_by, informal", "?1, ?2, ?3, ?4, ?5", "case_id"),
	TABLE(restriction_deciders, "restriction_id, decided_by", "?1, ?2",
	    "restriction_id"),
	TABLE(ombudsman_remedies, "referral_id, case_id, remedy, due,"
	    " complied", "?1, ?2, ?3, ?4, ?5", "referral_id"),
#undef TABLE
#undef TABLE_BUT
};
#define N_COPY_TABLES (int)(sizeof(copy_tables) / sizeof(copy_tables[0]))

/* How many values a table's write binds: its placeholders. */
static int
columns_of(const struct copy_table *t)
{
	int n = 0;

	for (const char *p = t->write; *p; p++)
		n += *p == '?';
	return n;
}

/* A number in a statement's first column (a count). */
static int
count_of(struct store *st, const char *sql, int64_t *n,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*n = 0;
	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	return each_row(st, s, row_int64, n, "can't count the rows", err);
}

#ifdef CPL_HAVE_POSTGRES
/* Try the advisory lock key in st's transaction: *got 1 when taken. */
static int
try_lock(struct store *st, int64_t key, int64_t *got, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*got = 0;
	if ((rc = prepare(st, "SELECT CASE WHEN pg_try_advisory_xact_lock(?1)"
	    " THEN 1 ELSE 0 END", &s, err)))
		return rc;
	sql_bind_int64(s, 1, key);
	return each_row(st, s, row_int64, got, "can't read the store", err);
}
#endif

int
store_copy_same(struct store *from, struct store *to, int *same,
    struct cpl_error *err)
{
	struct stat a, b;

	*same = 0;
	if ((from->lite == NULL) != (to->lite == NULL))
		return 0;
	if (from->lite != NULL) {
		/* A new store's file is not in place yet: not the source. */
		*same = !to->fresh && stat(from->path, &a) == 0 &&
		    stat(to->path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino;
		return 0;
	}
#ifdef CPL_HAVE_POSTGRES
	/*
	 * One server may be named in many ways (a socket, a host, a
	 * service): a database is known by its locks instead. An advisory
	 * lock is the database's own: one that from's read holds, to's
	 * write can take only in another database. The key is this
	 * process's, so that two copies at once do not meet.
	 */
	for (int tries = 0; tries < 4; tries++) {
		int64_t key = ((int64_t)0x636f7079 << 32) ^
		    ((int64_t)getpid() << 8) ^ (int64_t)time(NULL) ^ tries;
		int64_t got;
		int rc;

		if ((rc = try_lock(from, key, &got, err)))
			return rc;
		/* Another process holds that key: another one then. */
		if (!got)
			continue;
		if ((rc = try_lock(to, key, &got, err)))
			return rc;
		*same = !got;
		return 0;
	}
#endif
	return 0;
}

/* Whether the table name of a file's own schema holds a row a new store
 * does not have (the fixed words aside). The name is the schema's, read
 * from sqlite_schema, never an officer's text; quoted as an identifier
 * all the same. */
static int
older_table_rows(struct store *st, const char *name, int *rows,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	char *text, *p;
	int rc;

	*rows = 0;
	if ((text = malloc(2 * strlen(name) + 80)) == NULL)
		return no_memory(err);
	p = text + sprintf(text, "SELECT 1 FROM \"");
	for (const char *c = name; *c; c++) {
		if (*c == '"')
			*p++ = '"';
		*p++ = *c;
	}
	sprintf(p, "\"%s LIMIT 1", strcmp(name, "words") == 0 ?
	    " WHERE id > " FIXED_WORDS : "");
	rc = sql_prepare(st->db, text, &s);
	free(text);
	if (rc != SQL_OK)
		return db_fail(st, err, "can't read the store");
	while ((rc = sql_step(s)) == SQL_ROW)
		*rows = 1;
	if (rc != SQL_DONE)
		rc = db_fail(st, err, "can't read the store");
	else
		rc = 0;
	sql_finalize(s);
	return rc;
}

/* The first table of an older file's schema that holds a row: its own
 * tables, in the order they were made, but SQLite's and the search
 * index's (made from the cases: none without a case). */
static int
older_first_rows(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct older *o = arg;
	const char *name = sql_col_text(s, 0);
	int rows, rc;

	if (o->table[0] != '\0' || name == NULL)
		return 0;
	if ((rc = older_table_rows(o->st, name, &rows, err)))
		return rc;
	if (rows)
		snprintf(o->table, o->size, "%s", name);
	return 0;
}

int
store_copy_older(struct store *to, char *table, size_t size,
    struct cpl_error *err)
{
	struct older o = {to, table, size};
	struct sql_stmt *s;
	int v = 0, rc;

	table[0] = '\0';
	/* A server's schema is brought up to date inside the copy's write
	 * (store_copy_ready), which a refusal rolls back. */
	if (to->lite == NULL)
		return 0;
	if ((rc = schema_version(to, &v, err)))
		return rc;
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	/* One snapshot: the tables and their rows as one moment has them. */
	if (sql_begin_read(to->db) != SQL_OK)
		return db_fail(to, err, "can't read the store");
	if ((rc = prepare(to, "SELECT name FROM sqlite_schema"
	    " WHERE type = 'table'"
	    "  AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	    "  AND name NOT LIKE 'case\\_search%' ESCAPE '\\'"
	    " ORDER BY rowid", &s, err)) ||
	    (rc = each_row(to, s, older_first_rows, &o, "can't read the store",
	    err))) {
		sql_rollback(to->db);
		return rc;
	}
	sql_rollback(to->db);
	/* None: nothing of its own to keep, so it is brought up to date as
	 * any command's open would, and copied into. */
	if (table[0] == '\0')
		return schema_upgrade(to, err);
	return 0;
}

int
store_copy_ready(struct store *to, const char **table,
    struct cpl_error *err)
{
	int rc;

	*table = NULL;
#ifdef CPL_HAVE_POSTGRES
	if (to->lite == NULL) {
		int v = 0;

		/* As init does on a server (store_server.c), but inside the
		 * copy's write: a copy that fails leaves no schema. */
		if ((rc = schema_lock_pg(to->db, err)) ||
		    (rc = schema_version_pg(to->db, &v, err)))
			return rc;
		if (v > STORE_SCHEMA_VERSION)
			return cpl_fail(err, CPL_STORE, "%s: the database is "
			    "schema version %d, newer than this complaints "
			    "knows (%d): use a newer complaints", to->path, v,
			    STORE_SCHEMA_VERSION);
		if ((rc = v == 0 ? schema_create_pg(to->db, err) :
		    schema_upgrade_pg(to->db, v, err)))
			return rc;
	}
#endif
	for (int i = 0; i < N_COPY_TABLES; i++) {
		int64_t n;

		if ((rc = count_of(to, copy_tables[i].beyond, &n, err)))
			return rc;
		if (n > 0) {
			*table = copy_tables[i].table;
			break;
		}
	}
	return 0;
}

/* Where a table's rows go. */
struct copy_to {
	struct store *to;
	const struct copy_table *t;
	int n;			/* its columns */
	struct sql_value *values;	/* a row's, on a server */
};

/* One row of the source written to the destination. */
static int
copy_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct copy_to *c = arg;
	struct sql_stmt *w;
	int rc;

	if ((rc = prepare(c->to, c->t->write, &w, err)))
		return rc;
	for (int i = 0; i < c->n; i++) {
		switch (sql_col_type(s, i)) {
		case SQL_NULL:
			sql_bind_null(w, i + 1);
			break;
		case SQL_INT:
			sql_bind_int64(w, i + 1, sql_col_int64(s, i));
			break;
		case SQL_TEXT:
			/* The source's text stays until its next step;
			 * run() steps w to its end and clears it first. */
			sql_bind_text_static(w, i + 1, sql_col_text(s, i));
			break;
		case SQL_BLOB: {
			/* A document's bytes, whole: no bigger than the
			 * policy lets a document be. */
			int len;
			const void *v = sql_col_blob(s, i, &len);

			/* An empty one comes back as no pointer at all. */
			sql_bind_blob(w, i + 1, v != NULL ? v : "", (size_t)len);
			break;
		}
		default:
			finish(c->to, w);
			return cpl_fail(err, CPL_STORE, "table '%s': column "
			    "'%s' holds a value the copy can't write (a "
			    "number with a fraction, or bytes)", c->t->table,
			    sql_col_name(s, i));
		}
	}
	return run(c->to, w, "can't copy the rows", err);
}

/* One row of the source sent down a server's copy (sql_copy_row): each
 * value as it was read, an integer, text, bytes or NULL. */
static int
copy_row_stream(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct copy_to *c = arg;
	struct sql_value *v = c->values;

	for (int i = 0; i < c->n; i++) {
		int len;

		v[i].type = sql_col_type(s, i);
		switch (v[i].type) {
		case SQL_NULL:
			break;
		case SQL_INT:
			v[i].i = sql_col_int64(s, i);
			break;
		case SQL_TEXT:
			v[i].text = sql_col_text(s, i);
			if (v[i].text == NULL)
				return no_memory(err);
			break;
		case SQL_BLOB:
			v[i].blob = sql_col_blob(s, i, &len);
			v[i].n = (size_t)len;
			break;
		default:
			return cpl_fail(err, CPL_STORE, "table '%s': column "
			    "'%s' holds a value the copy can't write (a "
			    "number with a fraction, or bytes)", c->t->table,
			    sql_col_name(s, i));
		}
	}
	if (sql_copy_row(c->to->db, v, c->n) != SQL_OK)
		return db_fail(c->to, err, "can't write the rows");
	return 0;
}

/* A table's rows into a server, in one COPY. */
static int
copy_table_stream(struct store *from, struct copy_to *ct,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((ct->values = calloc((size_t)ct->n, sizeof(*ct->values))) == NULL)
		return no_memory(err);
	if (sql_copy_begin(ct->to->db, ct->t->copy) != SQL_OK)
		rc = db_fail(ct->to, err, "can't write the rows");
	else if ((rc = prepare(from, ct->t->read, &s, err)) == 0 &&
	    (rc = each_row(from, s, copy_row_stream, ct,
	    "can't read the store", err)) == 0 &&
	    sql_copy_end(ct->to->db) != SQL_OK)
		rc = db_fail(ct->to, err, "can't write the rows");
	/* A copy left part-way is abandoned by the rollback that follows
	 * a failure. */
	free(ct->values);
	ct->values = NULL;
	return rc;
}

/* A table's rows written: a server takes them as one stream (COPY),
 * not a statement a row; a file one INSERT a row, which costs it no
 * round trip. */
static int
copy_table_rows(struct store *from, struct copy_to *ct,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if (ct->to->lite == NULL)
		return copy_table_stream(from, ct, err);
	if ((rc = prepare(from, ct->t->read, &s, err)))
		return rc;
	return each_row(from, s, copy_row, ct, "can't read the store", err);
}

/* The columns of a table's first row, if it has one, against the list:
 * a migration that adds a column must add it here too. */
static int
check_shape(struct store *st, const struct copy_table *t, int n,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc, cols = n;

	if ((rc = prepare(st, t->shape, &s, err)))
		return rc;
	rc = sql_step(s);
	if (rc == SQL_ROW)
		cols = sql_col_count(s);
	else if (rc != SQL_DONE) {
		rc = db_fail(st, err, "can't read the store");
		finish(st, s);
		return rc;
	}
	finish(st, s);
	if (cols != n)
		return cpl_fail(err, CPL_STORE, "the copy of table '%s' names "
		    "%d of its %d columns", t->table, n, cols);
	return 0;
}

int
store_copy_rows(struct store *from, struct store *to,
    struct copy_count **counts, int *n, struct cpl_error *err)
{
	struct copy_count *c;
	int rc;

	*counts = NULL;
	*n = 0;
	if ((c = calloc(N_COPY_TABLES, sizeof(*c))) == NULL)
		return no_memory(err);
	/* The search index is made once, from every case, before the
	 * commit, rather than row by row by its triggers: a file's with its
	 * other indexes, a server's by one statement after the rows. */
	if ((rc = store_defer_indexes(to, err)))
		goto out;
#ifdef CPL_HAVE_POSTGRES
	/* A server's foreign keys and plain indexes too, where this role
	 * may drop them: made again after the rows, at once. */
	if (to->lite == NULL && ((rc = schema_search_later_pg(to->db, 1, err)) ||
	    (rc = schema_bulk_begin_pg(to->db, err))))
		goto out;
#endif
	for (int i = 0; i < N_COPY_TABLES; i++) {
		const struct copy_table *t = &copy_tables[i];
		struct copy_to ct = {to, t, columns_of(t), NULL};
		int64_t here, there;

		if ((rc = check_shape(from, t, ct.n, err)) ||
		    (rc = copy_table_rows(from, &ct, err)) ||
		    (rc = count_of(from, t->count, &here, err)) ||
		    (rc = count_of(to, t->count, &there, err)))
			goto out;
		if (here != there) {
			rc = cpl_fail(err, CPL_STORE, "%s: table '%s' holds %lld "
			    "rows after the copy, the store copied %lld",
			    to->path, t->table, (long long)there,
			    (long long)here);
			goto out;
		}
		c[i].table = t->table;
		c[i].rows = here;
	}
#ifdef CPL_HAVE_POSTGRES
	/* Rows given their ids: a server's identities moved on past them,
	 * so the next row written there takes a new one. Its search index
	 * made of every case copied, and its triggers let fire again. */
	if (to->lite == NULL && ((rc = schema_reseed_pg(to->db, err)) ||
	    (rc = schema_search_fill_pg(to->db, err)) ||
	    (rc = schema_bulk_end_pg(to->db, err)) ||
	    (rc = schema_search_later_pg(to->db, 0, err))))
		goto out;
#endif
out:
	if (rc) {
		free(c);
		return rc;
	}
	*counts = c;
	*n = N_COPY_TABLES;
	return 0;
}
