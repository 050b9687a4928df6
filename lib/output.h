/*
 * output.h: what commands print, as a table for people, CSV (RFC 4180, a
 * header row) or JSON for scripts: rows of named columns, whatever they
 * hold (cases, report figures, policies), and text made safe to show.
 *
 * Table output escapes control characters (a name holding a terminal escape
 * sequence is shown, not obeyed); CSV and JSON carry text as stored.
 */
#ifndef CPL_OUTPUT_H
#define CPL_OUTPUT_H

#include <stdio.h>

/* The output formats of the global --format option. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

/* "table", "csv", "json" to an enum out_format; -1 if none. */
int out_format_parse(const char *s);

struct out_col {
	const char *name;
	int numeric;		/* JSON: a number, not a string */
};

struct out_table;

/* Rows of named columns; values NULL print as empty (JSON null). The
 * table format is buffered to line the columns up, and prints nothing at
 * all when there is no row. */
struct out_table *out_table_begin(FILE *f, enum out_format fmt,
    const struct out_col *cols, int ncols);
int out_table_row(struct out_table *t, const char *const *values);
/* Print what is buffered and free t; 0, or -1 if out of memory. */
int out_table_end(struct out_table *t);

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
