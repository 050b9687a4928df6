/*
 * output.c: rows of named columns as a table, CSV or JSON, and text made
 * safe for a terminal (see output.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

int
out_format_parse(const char *s)
{
	if (strcmp(s, "table") == 0)
		return OUT_TABLE;
	if (strcmp(s, "csv") == 0)
		return OUT_CSV;
	if (strcmp(s, "json") == 0)
		return OUT_JSON;
	return -1;
}

/*
 * The length of the UTF-8 sequence at s: 1 to 4, or 0 when it is not one
 * (a stray byte, an overlong form, a surrogate, past U+10FFFF). *cp is the
 * code point.
 */
static int
utf8_len(const unsigned char *s, unsigned *cp)
{
	int n;
	unsigned c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * A control character: C0, DEL, C1 (an escape sequence starts with one),
 * or one of Unicode's bidirectional formatting characters (U+061C, U+200E,
 * U+200F, U+202A to U+202E, U+2066 to U+2069), which a terminal obeys as
 * well: a right-to-left override in a name shows the rest of the line,
 * the dates and reference after it too, reversed.
 */
static int
control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * What a terminal would obey rather than show: the control characters,
 * and bytes that are not UTF-8 (a terminal may take a stray 0x9b for CSI).
 */
static int
unsafe(const unsigned char *s, int *len)
{
	unsigned cp;

	*len = utf8_len(s, &cp);
	if (*len == 0) {
		*len = 1;
		return 1;
	}
	return control(cp);
}

/* The columns put_escaped(s) takes (a character each). */
static size_t
escaped_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int len;

	while (*p) {
		if (!unsafe(p, &len))
			n += 1;
		else if (*p == '\n' || *p == '\t')
			n += 2;
		else
			n += 4 * (size_t)len;
		p += len;
	}
	return n;
}

void
put_escaped(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int len;

	while (*p) {
		if (!unsafe(p, &len))
			fwrite(p, 1, (size_t)len, f);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else
			for (int i = 0; i < len; i++)
				fprintf(f, "\\x%02x", p[i]);
		p += len;
	}
}

int
output_to_terminal(FILE *f)
{
	return isatty(fileno(f));
}

void
put_csv(FILE *f, const char *s, int tty)
{
	const unsigned char *p;
	int len;

	if (s == NULL)
		return;
	/* Quoted when it must be (RFC 4180); on a terminal, also when it
	 * holds what put_escaped shows escaped. */
	if (strpbrk(s, ",\"\r\n") == NULL && *s != ' ' &&
	    (*s == '\0' || s[strlen(s) - 1] != ' ') &&
	    (!tty || escaped_len(s) == strlen(s))) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (p = (const unsigned char *)s; *p; p += len) {
		if (*p == '"') {
			fputs("\"\"", f);
			len = 1;
		} else if (!tty || !unsafe(p, &len)) {
			/* A program reads it as it is stored; a person sees
			 * safe text. */
			len = tty ? len : 1;
			fwrite(p, 1, (size_t)len, f);
		} else {
			char one[5] = {0};
			memcpy(one, p, (size_t)len);
			put_escaped(f, one);
		}
	}
	putc('"', f);
}

void
put_json_str(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default: {
			unsigned cp;
			int len = utf8_len((const unsigned char *)s, &cp);

			/* JSON is UTF-8: a byte that is not is shown as the
			 * replacement character; controls are escaped (the
			 * same text to a program that reads it). */
			if (len == 0)
				fputs("\\ufffd", f);
			else if (control(cp))
				fprintf(f, "\\u%04x", cp);
			else
				fwrite(s, 1, (size_t)len, f);
			if (len > 1)
				s += len - 1;
		}
		}
	}
	putc('"', f);
}

struct out_table {
	FILE *f;
	enum out_format fmt;
	const struct out_col *cols;
	int ncols;
	long rows;		/* rows seen */
	char **cells;		/* table format: rows * ncols, buffered */
	size_t n_cells, cap_cells;
	size_t *width;		/* table format: widest cell per column */
	int tty;		/* CSV shown on a terminal: escape */
};

struct out_table *
out_table_begin(FILE *f, enum out_format fmt, const struct out_col *cols,
    int ncols)
{
	struct out_table *t = calloc(1, sizeof(*t));

	if (t == NULL || (t->width = calloc(ncols, sizeof(size_t))) == NULL) {
		free(t);
		return NULL;
	}
	t->f = f;
	t->fmt = fmt;
	t->cols = cols;
	t->ncols = ncols;
	t->tty = output_to_terminal(f);
	if (fmt == OUT_CSV) {
		for (int i = 0; i < ncols; i++) {
			if (i)
				putc(',', f);
			put_csv(f, cols[i].name, t->tty);
		}
		putc('\n', f);
	} else if (fmt == OUT_JSON) {
		putc('[', f);
	} else {
		for (int i = 0; i < ncols; i++)
			t->width[i] = strlen(cols[i].name);
	}
	return t;
}

int
out_table_row(struct out_table *t, const char *const *v)
{
	FILE *f = t->f;

	if (t->fmt == OUT_CSV) {
		for (int i = 0; i < t->ncols; i++) {
			if (i)
				putc(',', f);
			put_csv(f, v[i], t->tty);
		}
		putc('\n', f);
	} else if (t->fmt == OUT_JSON) {
		fputs(t->rows ? ",\n {" : "\n {", f);
		for (int i = 0; i < t->ncols; i++) {
			fprintf(f, "%s\"%s\": ", i ? ", " : "", t->cols[i].name);
			if (v[i] != NULL && t->cols[i].numeric)
				fputs(v[i], f);
			else
				put_json_str(f, v[i]);
		}
		putc('}', f);
	} else {
		if (t->n_cells + t->ncols > t->cap_cells) {
			size_t cap = t->cap_cells ? t->cap_cells * 2 :
			    64 * (size_t)t->ncols;
			char **nc = realloc(t->cells, cap * sizeof(*nc));
			if (nc == NULL)
				return -1;
			t->cells = nc;
			t->cap_cells = cap;
		}
		for (int i = 0; i < t->ncols; i++) {
			const char *s = v[i] ? v[i] : "-";
			size_t w = escaped_len(s);
			if ((t->cells[t->n_cells++] = strdup(s)) == NULL)
				return -1;
			if (w > t->width[i])
				t->width[i] = w;
		}
	}
	t->rows++;
	return 0;
}

int
out_table_end(struct out_table *t)
{
	FILE *f = t->f;

	if (t->fmt == OUT_JSON) {
		fputs(t->rows ? "\n]\n" : "]\n", f);
	} else if (t->fmt == OUT_TABLE && t->rows > 0) {
		/* A table with no rows prints nothing: cron mails only news. */
		for (long r = -1; r < t->rows; r++) {
			for (int i = 0; i < t->ncols; i++) {
				const char *s = r < 0 ? t->cols[i].name :
				    t->cells[r * t->ncols + i];
				int last = i == t->ncols - 1;
				put_escaped(f, s);
				if (!last)
					fprintf(f, "%*s", (int)(t->width[i] -
					    escaped_len(s) + 2), "");
			}
			putc('\n', f);
		}
	}
	for (size_t i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t);
	return 0;
}
