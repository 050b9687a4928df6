/*
 * correspondence.h: the case file: the correspondence and documents kept
 * with a case (seed 000 §6: "a full record ... including the original
 * complaint and all related correspondence"; 002 §7: a copy of the
 * response, or notes of the call, on the case management system).
 *
 *   attachment.c      complaints attach: a document (an email as .eml, a
 *                     scanned letter, a photo) kept with the case, its
 *                     bytes once in the store whatever cases keep them;
 *   correspondence.c  complaints files and file: every entry of the case
 *                     file (documents attached, notes, letters sent), in
 *                     date order, and one written back out byte for byte.
 *
 * An entry's number N is given in the order the entries were recorded
 * (the order of their events in the history), so it never changes: an
 * entry added later, even dated earlier, takes the next number.
 */
#ifndef CPL_CORRESPONDENCE_H
#define CPL_CORRESPONDENCE_H

#include <stdint.h>
#include <stdio.h>

#include "case.h"
#include "output.h"

/* The largest document a case file keeps, MiB, where the policy sets
 * none (its attachments: max_mib). */
#define ATTACH_MAX_MIB 25

/* What complaints attach is given. */
struct attach_input {
	const char *path;	/* the document's file; "-": standard input */
	const char *name;	/* NULL: the file's base name */
	const char *note;	/* why it is kept, or NULL */
	cpl_date date;		/* the day it came */
};

/*
 * Keep the document in the case file of ref: its name, media type (the
 * file(1) database, libmagic), size and SHA-256, in one write with its
 * event ("attached"). Read a piece at a time, whatever its size; its
 * bytes are kept once in the store, however many cases keep them. A
 * document larger than the policy's limit (ATTACH_MAX_MIB by default) is
 * refused, and so is a path that is not a file (a directory, a device);
 * a pipe is read to its end. *n: the entry's number in the case file.
 */
int case_attach(struct session *s, const char *ref,
    const struct attach_input *in, int *n, struct cpl_error *err);

/* One entry of a case file. */
struct paper {
	int n;			/* its number: in the order recorded, from 1 */
	const char *kind;	/* "attachment", "note", ... (static) */
	cpl_date date;		/* the day it came, or was written */
	char *recorded;		/* when it was recorded, UTC ISO 8601 */
	char *name;		/* a document's name; a note's text */
	char *media_type;
	int64_t size;		/* bytes */
	char *officer;		/* who added it */
	char *note;		/* why a document is kept, or NULL */
	char *sha256;		/* a document's bytes, or NULL */
	char *letter_text;	/* a letter sent: its text, or NULL */
	int source;		/* which kind of entry (correspondence.c) */
	int64_t event_id;	/* its event: where it is in the history,
				 * which numbers it */
};

/* The case file of a case read for viewing (case_papers). */
struct case_papers {
	struct case_file cf;
	struct paper *p;	/* by date, then the order recorded */
	int n;
	int loaded;		/* cf holds a case (to free) */
};

/* The entries of cf's case file, by date then in the order recorded
 * (*p: free with papers_free). */
int papers_of(struct session *s, const struct case_file *cf,
    struct paper **p, int *n, struct cpl_error *err);
void papers_free(struct paper *p, int n);

/* Read ref's case file for viewing (complaints files), the read recorded
 * where the store audits reading ("viewed"). Free with
 * case_papers_free, whatever the result. */
int case_papers(struct session *s, const char *ref, struct case_papers *cp,
    struct cpl_error *err);
void case_papers_free(struct case_papers *cp);
/* The listing of files: a table (fitted to the width), CSV or JSON. */
int case_papers_print(FILE *f, enum out_format fmt,
    const struct case_papers *cp);

/*
 * Entry n of ref's case file, its bytes as kept, a piece at a time to
 * write(arg, buf, len); the read recorded first where the store audits
 * reading ("opened", naming the entry). CPL_REFUSED when the case file
 * has no entry n.
 */
int case_paper_write(struct session *s, const char *ref, int n,
    int (*write)(void *arg, const void *buf, size_t len,
    struct cpl_error *err), void *arg, struct cpl_error *err);

#endif
