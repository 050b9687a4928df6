/*
 * store_schema_pg.h: the store's schema on a PostgreSQL server
 * (lib/store_schema_pg.c): made whole at the current version, its
 * version read, and the lock that makes two processes take turns at it.
 * docs/POSTGRES.md says how it differs from SQLite's and why.
 */
#ifndef CPL_STORE_SCHEMA_PG_H
#define CPL_STORE_SCHEMA_PG_H

#include "error.h"

struct sql;

/*
 * The key of the advisory lock schema_lock_pg takes: "complain" in
 * ASCII, read as a big-endian 64-bit number. Any process that makes or
 * upgrades the schema takes it first.
 */
#define SCHEMA_LOCK_PG 7165065861791836526LL

/*
 * Inside a transaction the caller opened, wait for the schema's lock
 * (pg_advisory_xact_lock), held until that transaction ends: two
 * processes that init or upgrade at once take turns, and the second then
 * finds the schema made. The wait is the connection's lock_timeout
 * (sql_open's wait): past it, CPL_STORE in the store's words for a lock
 * held too long (sql_fault: SQL_FAULT_BUSY).
 */
int schema_lock_pg(struct sql *db, struct cpl_error *err);

/*
 * *v: the schema version of the store, from its one-row table
 * schema_version; 0 for a database without that table (an empty one).
 */
int schema_version_pg(struct sql *db, int *v, struct cpl_error *err);

/*
 * Refuse (CPL_STORE, saying how to make one that will do) a database
 * whose text would not sort and fold as the store needs: a collation
 * other than C (or POSIX), an ICU locale, a character type of C or
 * POSIX (accented capitals would not fold to lower case in the search
 * index), an encoding other than UTF-8.
 */
int schema_collation_pg(struct sql *db, struct cpl_error *err);

/*
 * On an empty database (CPL_STORE for one that holds any table, view or
 * sequence), inside a transaction the caller opened and ideally after
 * schema_lock_pg: every table, index, view and trigger of the schema of
 * version STORE_SCHEMA_VERSION at once, its fixed rows (the words of
 * the vocabularies, ids 1-21): the schema of version 18 and the
 * migrations after it (schema_upgrade_pg), schema_version set to
 * STORE_SCHEMA_VERSION. Checks schema_collation_pg first.
 */
int schema_create_pg(struct sql *db, struct cpl_error *err);

/*
 * Inside a transaction, after schema_lock_pg and schema_version_pg
 * (from: the version read): the migrations from version from to
 * STORE_SCHEMA_VERSION, each in its PostgreSQL text, and the version
 * recorded. Nothing to do when from is the current version; CPL_STORE
 * for a version no PostgreSQL store has (before 18, or newer than this
 * complaints knows).
 */
int schema_upgrade_pg(struct sql *db, int from, struct cpl_error *err);

/*
 * Move every id's identity on past the largest id its table holds. An
 * insert may give its own id (a copy of a store, the fixed words), and
 * an identity, unlike SQLite's rowid, does not follow it: the next
 * insert without an id would take one already used. Call it, inside the
 * same write, after any such insert.
 */
int schema_reseed_pg(struct sql *db, struct cpl_error *err);

/*
 * Inside a transaction: later 1, the search triggers hold back for the
 * rest of it (the transaction's setting of migration 20), so that a
 * write of many cases makes the index once, by schema_search_fill_pg,
 * rather than a row at a time; later 0, they fire again.
 */
int schema_search_later_pg(struct sql *db, int later,
    struct cpl_error *err);

/*
 * Make every case's row of the search index from its texts now, in one
 * statement: the same document the triggers make. After a write held
 * the triggers back (schema_search_later_pg), before its commit.
 */
int schema_search_fill_pg(struct sql *db, struct cpl_error *err);

/*
 * Inside a write of many rows into a store with none (a copy): hold
 * back, until schema_bulk_end_pg in the same transaction, the foreign
 * keys and the indexes that back no constraint of the tables this role
 * owns, so that the rows are written without a lookup or an index
 * entry each. Takes each such table's exclusive lock to the commit.
 */
int schema_bulk_begin_pg(struct sql *db, struct cpl_error *err);

/*
 * The indexes and foreign keys schema_bulk_begin_pg held back made
 * again, each index built from the rows at once, each foreign key
 * checked against them by one query (CPL_STORE, "can't write the rows"
 * and the server's words, for a row that breaks one).
 */
int schema_bulk_end_pg(struct sql *db, struct cpl_error *err);

#endif
