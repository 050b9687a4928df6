/*
 * letter_template.h: the language of a letter template,
 * policies/letters/ID/KIND.tmpl (complaints-policy(5), LETTERS).
 *
 * A template is plain text, paragraphs separated by a blank line, a list
 * item a line starting "- " (CommonMark, so that the HTML letter is the
 * same text), with:
 *
 *   {{name}}                   an element's value (a list element: its
 *                              items, one "- item" line each)
 *   {{#if name}} ... {{/if}}   the text only when name has a value (a
 *                              list: one item at least)
 *   {{#unless name}} ... {{/unless}}  the text only when it has none
 *
 * Names are the elements letter.h lists; anything else between "{{" and
 * "}}" is an error at FILE:LINE:COLUMN. Sections nest.
 */
#ifndef CPL_LETTER_TEMPLATE_H
#define CPL_LETTER_TEMPLATE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum tmpl_op { TMPL_TEXT, TMPL_VALUE, TMPL_IF, TMPL_UNLESS, TMPL_END };

struct tmpl_token {
	enum tmpl_op op;
	const char *text;	/* TMPL_TEXT: into the template's text */
	size_t len;		/* ... this long; else the element's name */
	char name[48];		/* TMPL_VALUE, TMPL_IF, TMPL_UNLESS */
	int line, column;	/* where it is written, from 1 */
};

struct tmpl {
	char *text;		/* the template, owned */
	char *file;		/* its file, for messages */
	struct tmpl_token *tok;
	int n_tok;
};

/* What an element is for one letter: text, or a list of items; neither
 * (text NULL, n_items 0) when the case has none. */
struct tmpl_value {
	const char *text;
	const char *const *items;
	int n_items;
};

/* The value of element name for the letter being written; NULL: not an
 * element (never for a name known_element accepts). */
typedef const struct tmpl_value *(*tmpl_lookup)(void *arg,
    const char *name);

/*
 * Parse template text (len bytes, from file) into t (free with
 * tmpl_free). Every name must be one known_element accepts; a fault is
 * CPL_POLICY at FILE:LINE:COLUMN.
 */
int tmpl_parse(struct tmpl *t, const char *file, const char *text,
    size_t len, int (*known_element)(const char *name),
    struct cpl_error *err);
void tmpl_free(struct tmpl *t);

/*
 * Can t produce element name: is it written as {{name}} where only a
 * condition on name itself (or on nothing) decides whether it appears?
 */
int tmpl_produces(const struct tmpl *t, const char *name);

/* Does t name element name anywhere: its value, or a condition on it? */
int tmpl_names(const struct tmpl *t, const char *name);

/*
 * Fill t on f. markdown: each value is escaped for CommonMark (every
 * ASCII punctuation character backslashed, each line break kept as a
 * hard break, leading blanks dropped), so that what a user typed is
 * shown, never read as markup; else values are written as they are.
 */
void tmpl_render(const struct tmpl *t, tmpl_lookup lookup, void *arg,
    int markdown, FILE *f);

#endif
