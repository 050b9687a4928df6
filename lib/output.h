/*
 * output.h: what commands print, as a table for people, CSV (RFC 4180, a
 * header row) or JSON for scripts: rows of named columns, whatever they
 * hold (cases, report figures, policies), and text made safe to show.
 *
 * Table output escapes control characters (a name holding a terminal escape
 * sequence is shown, not obeyed); CSV and JSON carry text as stored. The
 * table is for people: it fits the terminal, its headers are words, and
 * on a terminal its dates carry the weekday and its times are local;
 * CSV and JSON keep the field names and the plain ISO 8601 of the SPEC.
 */
#ifndef CPL_OUTPUT_H
#define CPL_OUTPUT_H

#include <stdio.h>

/* The output formats of the global --format option. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

/* "table", "csv", "json" to an enum out_format; -1 if none. */
int out_format_parse(const char *s);

/*
 * What a column holds (struct out_col's kind): how JSON writes it, and how
 * much of a line the table format gives it. Widths are decided before the
 * first row, from the kinds and the width available (out_table_begin),
 * so that a table streams: no row is held to measure the others.
 */
enum out_kind {
	OUT_TEXT,	/* free text: the text columns share what the others
			 * leave; a longer value is cut, ending in "..." (U+2026) */
	OUT_NUMBER,	/* JSON: a number; the table: as wide as its header,
			 * at least 4 */
	OUT_DATE,	/* YYYY-MM-DD: 10 columns; on a terminal 14, the
			 * weekday after the date ("2026-01-16 Fri") */
	OUT_TIME,	/* a moment, UTC ISO 8601 as stored: on a terminal,
			 * in local time ("2026-01-16 09:30") */
	OUT_REF,	/* a case's reference: 15 columns */
	OUT_WORD_BASE = 0x100	/* OUT_WORD(n) */
};
/* A word of a known few (an action, a status, a policy id): n columns. In
 * the table no value but free text is ever cut: a longer one is shown
 * whole, and the text columns after it on its line give way. */
#define OUT_WORD(n) (OUT_WORD_BASE + (n))

struct out_col {
	const char *name;	/* CSV and JSON: the field's name (SPEC,
				 * the man pages); the table: its header,
				 * each '_' shown as a space */
	int kind;		/* an enum out_kind, or OUT_WORD(n) */
};

struct out_table;

/*
 * Rows of named columns; values NULL print as empty (JSON null, "-" in the
 * table). The table format prints nothing at all when there is no row;
 * else its header before the first row, and each row as it comes, fitted
 * to the width out_columns() gives: text cut where it would not fit, never
 * wrapped, no line longer than that width unless the columns that are not
 * free text are wider on their own. With out_set_wide(1), nothing is cut
 * and no width is kept to.
 */
struct out_table *out_table_begin(FILE *f, enum out_format fmt,
    const struct out_col *cols, int ncols);
/* 0, or -1 if out of memory. */
int out_table_row(struct out_table *t, const char *const *values);
/* Finish the table and free t; 0, or -1 if out of memory. */
int out_table_end(struct out_table *t);

/*
 * The width a table written to f is fitted to: COLUMNS, when set to a
 * number; else the terminal's width, when f is one; else 80.
 */
int out_columns(FILE *f);
/* The global option --wide: tables print every column and every value
 * whole, whatever the width (out_table_begin). Set once, by main. */
void out_set_wide(int on);
int out_wide(void);

/*
 * A date as people read it in the table format: on a terminal (tty), iso
 * ("YYYY-MM-DD") with its weekday after it, "2026-01-16 Fri", in buf;
 * else (or when iso is not a date, or NULL) iso itself.
 */
#define OUT_DATE_LEN 16
const char *out_date(const char *iso, int tty, char buf[OUT_DATE_LEN]);

/* The columns put_escaped(f, s) takes on a terminal: each character's
 * display width (wcwidth: 2 for a CJK ideograph, 0 for a combining
 * accent), each escape's length. */
int out_text_width(const char *s);

/* Text for a terminal: control characters (C0, DEL, C1, and Unicode's
 * bidirectional controls such as U+202E) as \n, \t or \xNN (a byte each),
 * and so are bytes that are not UTF-8; the rest as it is. */
void put_escaped(FILE *f, const char *s);
/* A CSV field (RFC 4180); tty: f is a terminal, where the text is shown
 * escaped as put_escaped shows it. */
void put_csv(FILE *f, const char *s, int tty);
/* A JSON string, or null for NULL: quotes, backslashes and control
 * characters escaped, a byte that is not UTF-8 as U+FFFD. */
void put_json_str(FILE *f, const char *s);
/* Is f a terminal? */
int output_to_terminal(FILE *f);

#endif
