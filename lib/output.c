/*
 * output.c: rows of named columns as a table, CSV or JSON, and text made
 * safe for a terminal (see output.h).
 */
/* wcwidth, uselocale and timegm. */
#define _GNU_SOURCE
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "date.h"
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


/* --- display width --- */

/*
 * How many columns a character takes, by its code point, where the locale
 * can't say (the C locale, or one not in UTF-8): 0 for combining marks
 * and other characters drawn over the one before, 2 for the East Asian
 * wide and full-width ones (CJK, Hangul, full-width forms, emoji), 1 for
 * the rest. The main ranges of Unicode's EastAsianWidth.txt and of its
 * general categories Mn and Me, as terminals draw them.
 */
static int
width_by_range(unsigned cp)
{
	static const unsigned zero[][2] = {
		{0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd},
		{0x05bf, 0x05bf}, {0x05c1, 0x05c2}, {0x05c4, 0x05c5},
		{0x05c7, 0x05c7}, {0x0610, 0x061a}, {0x064b, 0x065f},
		{0x0670, 0x0670}, {0x06d6, 0x06dc}, {0x06df, 0x06e4},
		{0x06e7, 0x06e8}, {0x06ea, 0x06ed}, {0x0900, 0x0902},
		{0x093c, 0x093c}, {0x0941, 0x0948}, {0x094d, 0x094d},
		{0x0e31, 0x0e31}, {0x0e34, 0x0e3a}, {0x0e47, 0x0e4e},
		{0x1160, 0x11ff}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff},
		{0x200b, 0x200d}, {0x20d0, 0x20ff}, {0x302a, 0x302d},
		{0x3099, 0x309a}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
		{0xfeff, 0xfeff}, {0xe0100, 0xe01ef},
	};
	static const unsigned wide[][2] = {
		{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a},
		{0x23e9, 0x23ec}, {0x23f0, 0x23f0}, {0x23f3, 0x23f3},
		{0x25fd, 0x25fe}, {0x2614, 0x2615}, {0x2648, 0x2653},
		{0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
		{0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5},
		{0x26ce, 0x26ce}, {0x26d4, 0x26d4}, {0x26ea, 0x26ea},
		{0x26f2, 0x26f3}, {0x26f5, 0x26f5}, {0x26fa, 0x26fa},
		{0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
		{0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e},
		{0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
		{0x27b0, 0x27b0}, {0x27bf, 0x27bf}, {0x2b1b, 0x2b1c},
		{0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
		{0x3041, 0x3247}, {0x3250, 0x4dbf}, {0x4e00, 0xa4cf},
		{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff},
		{0xfe10, 0xfe19}, {0xfe30, 0xfe6f}, {0xff00, 0xff60},
		{0xffe0, 0xffe6}, {0x16fe0, 0x16fe4}, {0x17000, 0x18cff},
		{0x1b000, 0x1b2ff}, {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf},
		{0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a}, {0x1f200, 0x1f251},
		{0x1f300, 0x1f320}, {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c},
		{0x1f37e, 0x1f393}, {0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3},
		{0x1f3e0, 0x1f3f0}, {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e},
		{0x1f440, 0x1f440}, {0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d},
		{0x1f54b, 0x1f54e}, {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a},
		{0x1f595, 0x1f596}, {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f},
		{0x1f680, 0x1f6c5}, {0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2},
		{0x1f6d5, 0x1f6d7}, {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc},
		{0x1f7e0, 0x1f7eb}, {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945},
		{0x1f947, 0x1f9ff}, {0x1fa70, 0x1faff}, {0x20000, 0x2fffd},
		{0x30000, 0x3fffd},
	};

	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

/*
 * The locale of the environment's LC_CTYPE (LC_ALL, LC_CTYPE, LANG), for
 * wcwidth, where it is one in UTF-8; else (the C locale, an 8-bit one)
 * (locale_t)0, and the code point ranges above. A locale object of its
 * own, used only while measuring: setting the process's LC_CTYPE would
 * change what isspace() and toupper() make of the bytes of names in the
 * rules, with the locale of whoever runs the command.
 */
static locale_t
text_locale(void)
{
	static int looked;
	static locale_t loc;

	if (!looked) {
		looked = 1;
		loc = newlocale(LC_CTYPE_MASK, "", (locale_t)0);
		if (loc != (locale_t)0 &&
		    strcmp(nl_langinfo_l(CODESET, loc), "UTF-8") != 0) {
			freelocale(loc);
			loc = (locale_t)0;
		}
	}
	return loc;
}

/* The columns character cp takes on a terminal (not a control). */
static int
char_width(unsigned cp, locale_t loc)
{
	int w = -1;

	if (cp < 0x7f)
		return 1;
	if (loc != (locale_t)0)
		w = wcwidth((wchar_t)cp);	/* under uselocale(loc) */
	return w >= 0 ? w : width_by_range(cp);
}

/* The columns of the unit of text at p (len bytes), as put_escaped shows it. */
static int
unit_width(const unsigned char *p, int *len, locale_t loc)
{
	unsigned cp;

	if (!unsafe(p, len)) {
		utf8_len(p, &cp);
		return char_width(cp, loc);
	}
	if (*p == '\n' || *p == '\t')
		return 2;
	return 4 * *len;
}

/*
 * Write s as put_escaped does, in at most limit columns (limit < 0: no
 * limit): when it is wider, as much of it as fits in limit - 1 columns
 * and an ellipsis (U+2026), never half a character or half an escape.
 * Returns the columns written.
 */
static int
put_fitted(FILE *f, const char *s, int limit)
{
	locale_t loc = text_locale(), old = (locale_t)0;
	const unsigned char *p = (const unsigned char *)s;
	int len, used = 0, total;

	if (limit < 0) {
		put_escaped(f, s);
		return out_text_width(s);
	}
	if ((total = out_text_width(s)) <= limit) {
		put_escaped(f, s);
		return total;
	}
	if (loc != (locale_t)0)
		old = uselocale(loc);
	for (; *p; p += len) {
		int w = unit_width(p, &len, loc);

		if (used + w > limit - 1)
			break;
		if (!unsafe(p, &len))
			fwrite(p, 1, (size_t)len, f);
		else {
			char one[5] = {0};
			memcpy(one, p, (size_t)len);
			put_escaped(f, one);
		}
		used += w;
	}
	if (loc != (locale_t)0)
		uselocale(old);
	if (limit >= 1) {
		fputs("\xe2\x80\xa6", f);	/* U+2026 */
		used++;
	}
	return used;
}

int
out_text_width(const char *s)
{
	locale_t loc = text_locale(), old = (locale_t)0;
	const unsigned char *p = (const unsigned char *)s;
	int len, n = 0;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	for (; *p; p += len)
		n += unit_width(p, &len, loc);
	if (loc != (locale_t)0)
		uselocale(old);
	return n;
}

/* --- dates and times for people --- */

const char *
out_date(const char *iso, int tty, char buf[OUT_DATE_LEN])
{
	static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun"};
	cpl_date d;

	if (iso == NULL || !tty || date_parse(iso, &d) != 0)
		return iso;
	snprintf(buf, OUT_DATE_LEN, "%s %s", iso, days[date_weekday(d)]);
	return buf;
}

/* A moment stored as UTC ISO 8601 ("2026-01-16T09:30:00.123Z"), in local
 * time: "2026-01-16 09:30" (as stored if it is not one). */
static const char *
local_time(const char *iso, char buf[32])
{
	struct tm tm;
	time_t t;
	int n = 0;

	memset(&tm, 0, sizeof(tm));
	snprintf(buf, 32, "%s", iso);
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != 19)
		return buf;
	if (iso[n] == '.')
		n += 1 + (int)strspn(iso + n + 1, "0123456789");
	tm.tm_year -= 1900;
	tm.tm_mon--;
	if (strcmp(iso + n, "Z") != 0 || (t = timegm(&tm)) == (time_t)-1 ||
	    localtime_r(&t, &tm) == NULL)
		return buf;
	strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

/* --- rows: a table, CSV or JSON --- */

#define GAP 2			/* spaces between a table's columns */
#define MIN_TEXT 4		/* the narrowest a text column is made */
#define MAX_TEXT 48		/* the widest a text column that is not the
				 * last is made (the last takes the rest) */
#define WIDE_TEXT 16		/* a text column's width with --wide */

static int wide_tables;

void
out_set_wide(int on)
{
	wide_tables = on;
}

int
out_wide(void)
{
	return wide_tables;
}

int
out_columns(FILE *f)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;

	if (c != NULL && *c != '\0' && strspn(c, "0123456789") == strlen(c) &&
	    strlen(c) <= 5 && atoi(c) > 0)
		return atoi(c);
	if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct out_table {
	FILE *f;
	enum out_format fmt;
	const struct out_col *cols;
	int ncols;
	long rows;		/* rows seen */
	int tty;		/* f is a terminal: CSV escaped; the table's
				 * dates with weekdays, times local */
	/* The table format: */
	int *width;		/* each column's, in display columns */
	int line;		/* the width fitted to; 0: none (--wide) */
	const char **cells;	/* a line's cells, as shown */
	char (*shown)[32];	/* a line's dates and times, as shown */
};

/* The header of column c in the table: its name, '_' as a space. */
static void
table_head(const struct out_col *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s", c->name);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
}

/* The width of a column that is not free text: its kind's, or wider to
 * hold its header. */
static int
kind_width(const struct out_col *c, int tty, int head)
{
	int w;

	switch (c->kind) {
	case OUT_NUMBER: w = 4; break;
	case OUT_DATE: w = tty ? 14 : 10; break;
	case OUT_TIME: w = tty ? 16 : 24; break;
	case OUT_REF: w = 15; break;
	default: w = c->kind > OUT_WORD_BASE ? c->kind - OUT_WORD_BASE : 0;
	}
	return w > head ? w : head;
}

/*
 * Each column's width, before any row is seen: the columns that are not
 * free text as their kind makes them; the text columns share what is
 * left of the line, each at least MIN_TEXT, and at most MAX_TEXT but for
 * a last one, which takes the rest. With --wide, a text column is as
 * wide as WIDE_TEXT or its header, and no value is cut.
 */
static void
table_widths(struct out_table *t)
{
	int used = 0, n_text = 0, avail, share, others = 0, last;
	char head[128];

	t->line = out_wide() ? 0 : out_columns(t->f);
	for (int i = 0; i < t->ncols; i++) {
		table_head(&t->cols[i], head, sizeof(head));
		if (t->cols[i].kind == OUT_TEXT) {
			int hw = out_text_width(head);
			t->width[i] = hw > WIDE_TEXT ? hw : WIDE_TEXT;
			n_text++;
			continue;
		}
		t->width[i] = kind_width(&t->cols[i], t->tty,
		    out_text_width(head));
		used += t->width[i];
	}
	used += GAP * (t->ncols - 1);
	if (t->line == 0 || n_text == 0)
		return;
	avail = t->line - used;
	share = avail / n_text;
	if (share < MIN_TEXT)
		share = MIN_TEXT;
	last = t->ncols - 1;
	for (int i = 0; i < last; i++) {
		if (t->cols[i].kind != OUT_TEXT)
			continue;
		t->width[i] = share < MAX_TEXT ? share : MAX_TEXT;
		others += t->width[i];
	}
	/* The last column takes the rest of the line (it is never padded,
	 * so a short value leaves no trail of spaces). */
	if (t->cols[last].kind == OUT_TEXT)
		t->width[last] = avail - others > share ? avail - others : share;
}

struct out_table *
out_table_begin(FILE *f, enum out_format fmt, const struct out_col *cols,
    int ncols)
{
	struct out_table *t = calloc(1, sizeof(*t));

	if (t == NULL || (t->width = calloc(ncols, sizeof(int))) == NULL ||
	    (t->cells = calloc(ncols, sizeof(*t->cells))) == NULL ||
	    (t->shown = calloc(ncols, sizeof(*t->shown))) == NULL) {
		if (t != NULL) {
			free(t->width);
			free(t->cells);
		}
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
		table_widths(t);
	}
	return t;
}

/*
 * One line of the table: cells[i] in column i. Each column starts where
 * the widths put it; a value wider than its column (a word or a number:
 * only free text is cut) moves what follows it along, the spaces between
 * columns shrink to one, and the text columns after it give way, so that
 * the line still ends within the width. head: the header line, whose
 * words are cut to their columns whatever their kind.
 */
static void
table_line(struct out_table *t, const char *const *cells, int head)
{
	int pos = 0, start = 0;

	for (int i = 0; i < t->ncols; i++) {
		int last = i == t->ncols - 1, limit = -1;
		const char *s = cells[i];

		if (i > 0) {
			int gap = start - pos;
			if (gap < 1)
				gap = 1;
			pos += fprintf(t->f, "%*s", gap, "");
		}
		if (t->line > 0 && (head || t->cols[i].kind == OUT_TEXT)) {
			limit = last ? t->line - pos : start + t->width[i] - pos;
			if (limit < 1)
				limit = 1;
		}
		pos += put_fitted(t->f, s, limit);
		start += t->width[i];
		if (!last && pos < start)
			pos += fprintf(t->f, "%*s", start - pos, "");
		start += GAP;
	}
	putc('\n', t->f);
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
			if (v[i] != NULL && t->cols[i].kind == OUT_NUMBER)
				fputs(v[i], f);
			else
				put_json_str(f, v[i]);
		}
		putc('}', f);
	} else {
		/* A table with no rows prints nothing (cron mails only
		 * news): the header comes with the first row. */
		if (t->rows == 0) {
			char (*head)[128] = calloc(t->ncols, sizeof(*head));

			if (head == NULL)
				return -1;
			for (int i = 0; i < t->ncols; i++) {
				table_head(&t->cols[i], head[i], sizeof(head[i]));
				t->cells[i] = head[i];
			}
			table_line(t, t->cells, 1);
			free(head);
		}
		for (int i = 0; i < t->ncols; i++) {
			const char *s = v[i] ? v[i] : "-";

			if (v[i] != NULL && t->cols[i].kind == OUT_DATE)
				s = out_date(s, t->tty, t->shown[i]);
			else if (v[i] != NULL && t->cols[i].kind == OUT_TIME &&
			    t->tty)
				s = local_time(s, t->shown[i]);
			t->cells[i] = s;
		}
		table_line(t, t->cells, 0);
	}
	t->rows++;
	return 0;
}

int
out_table_end(struct out_table *t)
{
	if (t->fmt == OUT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", t->f);
	free(t->width);
	free(t->cells);
	free(t->shown);
	free(t);
	return 0;
}
