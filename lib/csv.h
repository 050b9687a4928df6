/*
 * csv.h: reading CSV (RFC 4180) a record at a time, for import.
 *
 * Fields are separated by commas; a field may be quoted with '"', and then
 * holds commas, doubled quotes ("") and line breaks. Records end at LF,
 * CRLF or CR. A UTF-8 byte order mark at the start is skipped; empty lines
 * are skipped. Each record comes with the physical line it starts on and its
 * raw bytes, terminator included, so a bad one can be named (FILE:LINE) and
 * written out unchanged. Memory is one record's worth: a record longer than
 * CSV_MAX_RECORD bytes is an error, and only that much of it is kept; where
 * it starts in the input and how long it is there are kept too, so that it
 * can be copied whole from a file that can be read again.
 */
#ifndef CPL_CSV_H
#define CPL_CSV_H

#include <stdio.h>

#include "error.h"

#define CSV_MAX_RECORD (1 << 20)

struct csv_reader {
	FILE *f;
	unsigned char in[65536];	/* input buffer */
	size_t in_len, in_pos;
	int eof;
	long line;		/* the physical line the next byte is on */
	long bytes;		/* bytes read so far (for progress) */
	int started;		/* the BOM check is done */
	/* the current record */
	long rec_line;		/* the line it starts on */
	long rec_offset;	/* the input's byte it starts at */
	long rec_size;		/* its bytes in the input, terminator
				 * included: more than raw_len when it
				 * was too long to keep */
	char *raw;		/* its bytes, terminator included */
	size_t raw_len, raw_cap;
	char *text;		/* its fields, each NUL-terminated */
	size_t text_len, text_cap;
	size_t *field;		/* offsets of the fields in text */
	int n_fields, field_cap;
};

void csv_init(struct csv_reader *r, FILE *f);
void csv_free(struct csv_reader *r);
/*
 * Read the next record: 1, or 0 at the end of the input. A malformed
 * record (a quote not closed, text after a closing quote, a NUL byte, too
 * long) is CPL_USAGE with "row: message", r->rec_line its line; the reader
 * has then skipped to the end of it, so reading may go on. A read error is
 * CPL_STORE, and running out of memory CPL_NOMEM: reading can't go on.
 */
int csv_next(struct csv_reader *r, struct cpl_error *err);
/* Field i of the current record (0 <= i < r->n_fields). */
const char *csv_field(const struct csv_reader *r, int i);

#endif
