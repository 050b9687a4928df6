/*
 * dump.c: complaints-dump PATH, the store at PATH as text (store_dump in
 * lib/store.h), for the tests' dump_db (tests/lib.sh): two dumps are
 * equal exactly when the store holds the same rows. Where there is no
 * store at PATH it says so, on one line, and exits 0, so that a test can
 * show that a refused command made none.
 *
 * The store is opened as any command that reads it opens it (store_open),
 * to read only: the dump writes nothing into the store's files (not even
 * a checkpoint of its log on closing). Files open to others, or a schema
 * this build does not use, are refused, exit 3, as the commands refuse
 * them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sql.h"
#include "store.h"

int
main(int argc, char **argv)
{
	struct cpl_error err = {0};
	struct store *st;
	struct stat sb;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: complaints-dump PATH\n");
		return CPL_USAGE;
	}
	if (sql_engine_of(argv[1]) == SQL_SQLITE && stat(argv[1], &sb) != 0 &&
	    errno == ENOENT) {
		puts("no store");
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : CPL_STORE;
	}
	if ((rc = store_open(argv[1], STORE_READ_ONLY, &st, &err)) == 0) {
		rc = store_dump(st, stdout, &err);
		store_close(st);
	}
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = cpl_fail(&err, CPL_STORE, "can't write the dump: %s",
		    strerror(errno));
	if (rc != 0)
		fprintf(stderr, "complaints-dump: %s\n", err.msg);
	return rc;
}
