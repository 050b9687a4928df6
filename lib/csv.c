/*
 * csv.c: a streaming RFC 4180 reader (see csv.h).
 *
 * Written here rather than taken from a library (Debian's libcsv was the
 * candidate) because import needs what libcsv does not give: the raw bytes
 * of each record, to write a bad one unchanged to the reject file, and the
 * physical line each record starts on, to name it in a message. The state
 * machine is small and is fuzzed (tests/fuzz).
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

void
csv_init(struct csv_reader *r, FILE *f)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->line = 1;
}

void
csv_free(struct csv_reader *r)
{
	free(r->raw);
	free(r->text);
	free(r->field);
	r->raw = r->text = NULL;
	r->field = NULL;
}

/* The next byte, or -1 at the end (or on a read error: ferror tells). */
static int
next_byte(struct csv_reader *r)
{
	if (r->in_pos == r->in_len) {
		if (r->eof)
			return -1;
		r->in_len = fread(r->in, 1, sizeof(r->in), r->f);
		r->in_pos = 0;
		if (r->in_len == 0) {
			r->eof = 1;
			return -1;
		}
		r->bytes += (long)r->in_len;
	}
	return r->in[r->in_pos++];
}

/* The input's byte that next_byte gives next. */
static long
offset(const struct csv_reader *r)
{
	return r->bytes - (long)r->in_len + (long)r->in_pos;
}

static int
peek_byte(struct csv_reader *r)
{
	int c = next_byte(r);

	if (c >= 0)
		r->in_pos--;
	return c;
}

static int
grow(char **buf, size_t *cap, size_t need)
{
	char *nb;
	size_t n = *cap ? *cap : 256;

	while (n < need)
		n *= 2;
	if (n == *cap)
		return 0;
	if ((nb = realloc(*buf, n)) == NULL)
		return -1;
	*buf = nb;
	*cap = n;
	return 0;
}

/* Keep byte c of the record's raw text. */
static int
keep_raw(struct csv_reader *r, int c)
{
	if (r->raw_len + 1 > r->raw_cap &&
	    grow(&r->raw, &r->raw_cap, r->raw_len + 1) != 0)
		return -1;
	r->raw[r->raw_len++] = (char)c;
	return 0;
}

static int
put_text(struct csv_reader *r, int c)
{
	if (r->text_len + 1 > r->text_cap &&
	    grow(&r->text, &r->text_cap, r->text_len + 1) != 0)
		return -1;
	r->text[r->text_len++] = (char)c;
	return 0;
}

static int
end_field(struct csv_reader *r)
{
	if (put_text(r, '\0') != 0)
		return -1;
	if (r->n_fields == r->field_cap) {
		size_t *nf;
		int cap = r->field_cap ? r->field_cap * 2 : 32;
		if ((nf = realloc(r->field, cap * sizeof(*nf))) == NULL)
			return -1;
		r->field = nf;
		r->field_cap = cap;
	}
	r->field[r->n_fields++] = r->text_len;
	return 0;
}

enum csv_state { START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* The bytes next_record must look at inside a field: [1] in a quoted
 * one (a quote, a line break, a NUL), [0] in an unquoted one (a comma,
 * a line break, a NUL: a quote there is kept as it is). */
static const unsigned char stops[2][256] = {
	{[','] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1},
	{['"'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1},
};

/*
 * The bytes of the buffer from in_pos that a field in state st takes as
 * they are (the text and the raw bytes both), up to the first of stops.
 * A record is mostly such runs: copied a run at a time, not a byte.
 */
static size_t
plain_run(const struct csv_reader *r, enum csv_state st)
{
	const unsigned char *stop = stops[st == QUOTED];
	const unsigned char *p = r->in + r->in_pos, *end = r->in + r->in_len;
	const unsigned char *q = p;

	while (q < end && !stop[*q])
		q++;
	return (size_t)(q - p);
}

/* Take a run of n plain bytes (plain_run) into the record. */
static int
take_run(struct csv_reader *r, size_t n)
{
	const unsigned char *p = r->in + r->in_pos;

	if ((r->raw_len + n > r->raw_cap &&
	    grow(&r->raw, &r->raw_cap, r->raw_len + n) != 0) ||
	    (r->text_len + n > r->text_cap &&
	    grow(&r->text, &r->text_cap, r->text_len + n) != 0))
		return -1;
	memcpy(r->raw + r->raw_len, p, n);
	memcpy(r->text + r->text_len, p, n);
	r->raw_len += n;
	r->text_len += n;
	r->in_pos += n;
	return 0;
}

/*
 * After a malformed byte c (already kept) in state st: go on to the end of
 * the record as csv_next would read it, keeping its raw bytes (for the
 * reject file) up to the record limit, the text thrown away. Line breaks
 * inside a quoted field are the field's, not the record's end: the lines
 * quoted in a bad record are never read as records of their own.
 */
static void
skip_record(struct csv_reader *r, enum csv_state st, int c)
{
	for (;;) {
		int eol = 0;

		if (c == '\r' && peek_byte(r) == '\n') {
			int lf = next_byte(r);
			if (r->raw_len <= CSV_MAX_RECORD)
				keep_raw(r, lf);
			eol = 1;
		} else if (c == '\n' || c == '\r')
			eol = 1;
		switch (st) {
		case QUOTED:
			if (c == '"')
				st = QUOTE_IN_QUOTED;
			break;
		case QUOTE_IN_QUOTED:
			/* "" is a quote in the field; anything else ends it. */
			st = c == '"' ? QUOTED : c == ',' ? START : UNQUOTED;
			break;
		case START:
			st = c == '"' ? QUOTED : c == ',' ? START : UNQUOTED;
			break;
		case UNQUOTED:
			if (c == ',')
				st = START;
			break;
		}
		if (eol) {
			r->line++;
			if (st != QUOTED)
				return;
		}
		if ((c = next_byte(r)) < 0)
			return;
		if (r->raw_len <= CSV_MAX_RECORD)
			keep_raw(r, c);
	}
}

static int
next_record(struct csv_reader *r, struct cpl_error *err)
{
	enum csv_state state = START;
	int c, any = 0;

	r->raw_len = r->text_len = 0;
	r->n_fields = 0;
	if (!r->started) {
		r->started = 1;
		/* A UTF-8 byte order mark, as spreadsheets write. */
		if (peek_byte(r) == 0xEF) {
			unsigned char bom[3];
			int i;
			for (i = 0; i < 3 && (c = next_byte(r)) >= 0; i++)
				bom[i] = (unsigned char)c;
			if (i < 3 || bom[1] != 0xBB || bom[2] != 0xBF) {
				r->rec_line = 1;
				return cpl_fail(err, CPL_USAGE, "row: the file starts "
				    "with a byte that is not UTF-8 text");
			}
		}
	}
	for (;;) {
		if (state == START && r->raw_len == 0 && r->text_len == 0 &&
		    r->n_fields == 0) {
			r->rec_line = r->line;
			r->rec_offset = offset(r);
		}
		/* Inside a field, the plain bytes that follow at once; a run
		 * that would take the record past its limit goes a byte at a
		 * time, below, to stop where the limit is. */
		if (state == UNQUOTED || state == QUOTED) {
			size_t n = plain_run(r, state);

			if (n > 0 && r->raw_len + n <= CSV_MAX_RECORD) {
				if (take_run(r, n) != 0)
					goto nomem;
				continue;
			}
		}
		c = next_byte(r);
		if (c < 0) {
			/* Not a bad row: the file can't be read on. */
			if (ferror(r->f))
				return cpl_fail(err, CPL_STORE, "can't read the file");
			if (state == QUOTED)
				return cpl_fail(err, CPL_USAGE, "row: a quoted "
				    "field is never closed");
			if (!any)
				return 0;
			if (end_field(r) != 0)
				goto nomem;
			return 1;
		}
		if (keep_raw(r, c) != 0)
			goto nomem;
		if (r->raw_len > CSV_MAX_RECORD) {
			skip_record(r, state, c);
			return cpl_fail(err, CPL_USAGE, "row: longer than %d bytes",
			    CSV_MAX_RECORD);
		}
		if (c == 0) {
			skip_record(r, state, c);
			return cpl_fail(err, CPL_USAGE, "row: a NUL byte");
		}
		if (state == QUOTED) {
			if (c == '"')
				state = QUOTE_IN_QUOTED;
			else {
				if (c == '\n' || (c == '\r' && peek_byte(r) != '\n'))
					r->line++;
				if (put_text(r, c) != 0)
					goto nomem;
			}
			continue;
		}
		if (state == QUOTE_IN_QUOTED && c == '"') {
			/* A doubled quote inside quotes is one quote. */
			state = QUOTED;
			if (put_text(r, '"') != 0)
				goto nomem;
			continue;
		}
		if (c == ',') {
			if (end_field(r) != 0)
				goto nomem;
			state = START;
			any = 1;
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (c == '\r' && peek_byte(r) == '\n' &&
			    keep_raw(r, next_byte(r)) != 0)
				goto nomem;
			r->line++;
			if (!any && state == START) {
				/* An empty line: no record. */
				r->raw_len = 0;
				continue;
			}
			if (end_field(r) != 0)
				goto nomem;
			return 1;
		}
		if (state == QUOTE_IN_QUOTED) {
			skip_record(r, UNQUOTED, c);
			return cpl_fail(err, CPL_USAGE, "row: field %d: a quoted "
			    "field goes on after its closing quote",
			    r->n_fields + 1);
		}
		any = 1;
		if (state == START && c == '"') {
			state = QUOTED;
			continue;
		}
		/* A quote inside an unquoted field is kept as it is. */
		state = UNQUOTED;
		if (put_text(r, c) != 0)
			goto nomem;
	}
nomem:
	return cpl_nomem(err);
}

int
csv_next(struct csv_reader *r, struct cpl_error *err)
{
	int rc = next_record(r, err);

	r->rec_size = offset(r) - r->rec_offset;
	return rc;
}

const char *
csv_field(const struct csv_reader *r, int i)
{
	return r->text + (i == 0 ? 0 : r->field[i - 1]);
}
