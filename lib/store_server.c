/*
 * store_server.c: a store on a PostgreSQL server (lib/sql_pg.c): the
 * connection made, and the schema made by init or brought up to date on
 * open, under the schema's lock, so that two officers who upgrade at once
 * take turns (lib/store_schema_pg.c). What a file needs (its modes, WAL,
 * secure delete, the busy handler) is SQLite's and has no part here: who
 * may use a server's store is its roles and grants.
 */
#include <stdio.h>

#include "store_int.h"
#include "store_schema_pg.h"

/* The schema of a store opened to read only: there, and this version. */
static int
schema_ready(struct store *st, struct cpl_error *err)
{
	int rc, v = 0;

	if (sql_begin_read(st->db) != SQL_OK)
		return db_fail(st, err, "can't read the schema");
	rc = schema_version_pg(st->db, &v, err);
	sql_rollback(st->db);
	if (rc)
		return rc;
	if (v == 0)
		return cpl_fail(err, CPL_STORE, "'%s' is not a complaints "
		    "database: run 'complaints init' first", st->path);
	if (v > STORE_SCHEMA_VERSION)
		return cpl_fail(err, CPL_STORE, "%s: the database is schema "
		    "version %d, newer than this complaints knows (%d): use a "
		    "newer complaints", st->path, v, STORE_SCHEMA_VERSION);
	if (v < STORE_SCHEMA_VERSION)
		return cpl_fail(err, CPL_STORE, "%s: the database is schema "
		    "version %d, older than this complaints uses (%d), and can't "
		    "be upgraded: %s", st->path, v, STORE_SCHEMA_VERSION,
		    st->read_only);
	return 0;
}

/* The schema made (create: init on an empty database) or upgraded, in
 * one write that holds the schema's lock. */
static int
schema_made(struct store *st, int create, struct cpl_error *err)
{
	int rc, v = 0;

	if (sql_begin_write(st->db) != SQL_OK)
		return db_fail(st, err, "can't read the schema");
	if ((rc = schema_lock_pg(st->db, err)) ||
	    (rc = schema_version_pg(st->db, &v, err)))
		goto out;
	if (v == 0 && !create)
		rc = cpl_fail(err, CPL_STORE, "'%s' is not a complaints "
		    "database: run 'complaints init' first", st->path);
	else if (v == 0)
		rc = schema_create_pg(st->db, err);
	else if (v > STORE_SCHEMA_VERSION)
		rc = cpl_fail(err, CPL_STORE, "%s: the database is schema "
		    "version %d, newer than this complaints knows (%d): use a "
		    "newer complaints", st->path, v, STORE_SCHEMA_VERSION);
	else if (v < STORE_SCHEMA_VERSION)
		rc = schema_upgrade_pg(st->db, v, err);
out:
	if (rc == 0 && sql_commit(st->db) != SQL_OK)
		rc = db_fail(st, err, "can't write the schema");
	if (rc)
		sql_rollback(st->db);
	return rc;
}

int
server_open(struct store *st, int flags, struct cpl_error *err)
{
	int rc;

	if (flags & STORE_READ_ONLY)
		snprintf(st->read_only, sizeof(st->read_only),
		    "it was opened to read only");
	if ((rc = sql_open(st->path, (flags & STORE_READ_ONLY) ?
	    SQL_READ_ONLY : 0, wait_limit(), &st->db, err)))
		return rc;
	sql_set_read_only_reason(st->db, st->read_only);
	/* A copy makes the schema inside its own write (store_copy_ready). */
	if (flags & STORE_BARE)
		return 0;
	if (flags & STORE_READ_ONLY)
		return schema_ready(st, err);
	return schema_made(st, flags & STORE_CREATE, err);
}
