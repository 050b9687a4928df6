/*
 * output.h: what commands print, as a table for people, CSV (RFC 4180, a
 * header row) or JSON for scripts.
 *
 * Table output escapes control characters (a name holding a terminal escape
 * sequence is shown, not obeyed); CSV and JSON carry text as stored.
 */
#ifndef CPL_OUTPUT_H
#define CPL_OUTPUT_H

#include <stdio.h>

#include "case.h"

enum format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* "table", "csv", "json" to an enum format; -1 if none. */
int format_parse(const char *s);

struct out_col {
	const char *name;
	int numeric;		/* JSON: a number, not a string */
};

struct out_table;

/* Rows of named columns; values NULL print as empty (JSON null). */
struct out_table *out_table_begin(FILE *f, enum format fmt,
    const struct out_col *cols, int ncols);
int out_table_row(struct out_table *t, const char *const *values);
/* Print what is buffered and free t; 0, or -1 if out of memory. */
int out_table_end(struct out_table *t);

/* The whole case: details, stages with deadlines, history. d has one
 * entry per stage. */
void output_case(FILE *f, enum format fmt, const struct case_file *cf,
    const struct deadlines *d, const struct event_rec *ev, int n_ev);

/* Text for a terminal: control characters (C0, DEL, C1, and Unicode's
 * bidirectional controls such as U+202E) as \n, \t or \xNN (a byte each),
 * and so are bytes that are not UTF-8; the rest as it is. */
void put_escaped(FILE *f, const char *s);
/* A CSV field (RFC 4180); tty: f is a terminal, where the text is shown
 * escaped as put_escaped shows it. */
void put_csv(FILE *f, const char *s, int tty);
/* Is f a terminal? */
int output_to_terminal(FILE *f);

#endif
