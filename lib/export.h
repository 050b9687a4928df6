/*
 * export.h: complaints export: every case as import reads it back
 * (lib/export.c; the columns are columns.h's), and with the history the
 * restrictions on their complainants (JSON lines only).
 */
#ifndef CPL_EXPORT_H
#define CPL_EXPORT_H

#include <stdio.h>

#include <jansson.h>

#include "case.h"
#include "columns.h"

enum export_format { EXPORT_CSV, EXPORT_JSONL };

/*
 * Write every case received from..to (NO_DATE: no bound), in the order
 * they were logged, as import reads them; with history, each case's every
 * event, so that an import into an empty store gives the same cases, and
 * (JSON lines) a line a restriction on a complainant of those cases after
 * them, with its own events. One snapshot. The history describes each
 * document of a case file (its "attached" events: name, media_type, size,
 * sha256, note), never with its bytes: with attachments (a directory),
 * each document is written there too, as a file named by its SHA-256.
 */
int export_cases(struct session *s, FILE *out, enum export_format fmt,
    cpl_date from, cpl_date to, int history, const char *attachments,
    long *n, struct cpl_error *err);

/* A stored case as export writes it: each column's text. */
struct export_row {
	const char *v[N_COLS];	/* NULL: nothing (the history's aside) */
	json_t *history;	/* its every event (with_history), or NULL */
	struct attachment_rec *att;	/* with_history: its documents */
	int n_att;
	struct letter_rec *letters;	/* with_history: the letters sent */
	int n_letters;
	int bad_text;		/* a text of the history is not UTF-8 */
	int64_t case_id;
	int n_stages;
	/* What the values point into. */
	struct case_file cf;
	char *owned[3 * CPL_MAX_STAGES];
	char dates[N_COLS][DATE_LEN], num[1 + CPL_MAX_STAGES][16];
};

/*
 * Read case ref as export writes it, with its history or each stage's in
 * its columns; with deadlines, the deadlines too (computed from today's
 * calendar). CPL_REFUSED "no case 'REF'" when it is not there. Free with
 * export_row_free, whatever the result.
 */
int export_row_read(struct session *s, const char *ref, int with_history,
    int deadlines, struct export_row *row, struct cpl_error *err);
void export_row_free(struct export_row *row);

/* A restriction as export writes it: its fields, and its events
 * (restricted, restriction-lifted), as the object of its line's
 * "restriction" key. NULL when out of memory; *bad set when a text is not
 * UTF-8. */
json_t *export_restriction(const struct restriction_rec *r,
    const struct event_rec *ev, int n_ev, int *bad);

#endif
