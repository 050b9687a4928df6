/*
 * import.h: cases in, in bulk, for shell scripts (complaints import; the
 * way out is export.h).
 *
 * Columns (CSV header names, JSON lines keys) are the options of `log`,
 * with '_' for '-', then what happened to the case afterwards; see
 * complaints-import(1). Import runs every row through the same rules as
 * the commands (case_file_new, case_file_ack, ...), so every rule of the
 * policy applies to an import exactly as to an officer. The file is read
 * twice: checked, with no lock taken, then written, as one transaction;
 * into a store with no case, a CSV file that gives no reference and no
 * history is read once, inside the write (lib/import.c, import_once).
 */
#ifndef CPL_IMPORT_H
#define CPL_IMPORT_H

#include <stdio.h>

#include "case.h"

enum import_format { IMPORT_CSV, IMPORT_JSONL };

/* Where an import is. */
enum import_phase {
	IMPORT_CHECKING,	/* the first pass: every row read and checked,
				 * no lock taken */
	IMPORT_WRITING,		/* the second: the rows read again and
				 * written, the store locked */
	IMPORT_COMMITTING,	/* the indexes built, the commit */
};

/* A row's bytes as read, and where they are in the input. */
struct import_raw {
	const char *bytes;	/* as read: all of them, or (a row over the
				 * limit of CSV_MAX_RECORD) the first ones */
	size_t len;
	long offset;		/* where the row starts in the input (from
				 * where reading began) */
	long size;		/* its length there: more than len when only
				 * the first bytes were kept */
};

struct import_opts {
	enum import_format format;
	int skip_bad;		/* import the good rows, reject the bad */
	/* A bad row: its line, "column: message", and its bytes. Non-zero
	 * (with err set) when it can't be kept where it must be (the
	 * reject file): the import stops and nothing is imported. */
	int (*bad_row)(void *arg, long line, const char *msg,
	    const struct import_raw *raw, struct cpl_error *err);
	/* Once every row is read and checked, just before the commit (or,
	 * with no row to write, once the file is checked): non-zero (with
	 * err set) and nothing is imported. */
	int (*before_commit)(void *arg, struct cpl_error *err);
	/* A warning about a row that was imported. */
	void (*warning)(void *arg, long line, const char *msg);
	/* Every so often: which pass, rows read, bytes read; once more,
	 * IMPORT_COMMITTING with bytes -1, when every row is written and the
	 * import is being committed (its indexes built: seconds, for a big
	 * file). */
	void (*progress)(void *arg, enum import_phase phase, long rows,
	    long bytes);
	void *arg;
	/* Where the documents of the case files are (export's attachments
	 * directory: a file each, named by its SHA-256), or NULL: a row
	 * whose history attaches one is then bad. */
	const char *attachments;
	/* The CSV header line, for the reject file (set by import). */
	const char *header;
	size_t header_len;
};

struct import_counts {
	long rows;		/* read (a restriction's line is one) */
	long imported;
	long duplicates;	/* a case or restriction already in the
				 * store, or the same row again in the file */
	long rejected;
};

/*
 * Import the rows of in (name: for messages), read twice: a file again
 * from where reading began, a pipe from a copy (see lib/import.c). All or
 * nothing: with a bad row (each one given to o->bad_row) nothing is
 * imported, and no lock was taken, and the result is CPL_USAGE, unless
 * o->skip_bad; so is a row that became bad while the file was checked. A
 * header that names an unknown column is CPL_USAGE at once.
 *
 * A row's ref names its case: one the store holds, with the same values
 * in every column the row gives (as export writes them), is a duplicate,
 * skipped, and with others a bad row; one it does not hold is kept (if it
 * is one of its policy's references) and the store's numbering goes on
 * after it. An external_ref is taken without the spaces around it, and
 * matched exactly (case matters). A row whose external_ref is in the
 * store is a duplicate, skipped. A row whose ref or external_ref an
 * earlier row of the file gave, with the same values in every column
 * import reads, is a duplicate too; with other values, a bad row.
 *
 * In JSON lines, a line {"restriction": {...}} (as export writes them) is
 * a restriction on a complainant with a case in the store or on a line
 * before it: imposed and lifted as its events say, under a number of
 * this store's; one the store holds (the same complainant, kind and day
 * imposed) is a duplicate, or with other values a bad row.
 */
int import_cases(struct session *s, FILE *in, const char *name,
    struct import_opts *o, struct import_counts *n, struct cpl_error *err);

#endif
