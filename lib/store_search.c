/*
 * store_search.c: the search index of list --search (see store.h).
 *
 * An FTS5 table, case_search(complainant, category, summary, notes), one
 * row a case (its row id the case's id), made by migration 7 of
 * lib/store_schema.c with the triggers that keep it in step. Its text is
 * not copied: it is read from the view case_search_text (external
 * content), where a case's notes are the details of its note events,
 * joined by spaces. Words are split and folded by FTS5's unicode61
 * tokenizer, accents taken off ("Siân" is found by "sian").
 *
 * What a user searches for is never FTS5's query syntax: each word of it
 * (split at spaces and tabs) becomes an FTS5 string, '"' doubled within,
 * and the strings are all to be found (FTS5's implicit AND). A word that
 * ends in '*' asks for the words that start with the rest ("smi*" finds
 * "Smith"), in FTS5's own form for it ("smi" *). So no text typed can
 * make the query fail, or mean more than its words: "NOT", "OR", "-",
 * ":" and '"' are words, or nothing, like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

char *
search_query(const char *text)
{
	/* At worst every byte a '"' (doubled) between quotes, a space and
	 * " *" a word. */
	char *q = malloc(4 * strlen(text) + 3), *o = q;
	const char *p = text;

	if (q == NULL)
		return NULL;
	for (;;) {
		size_t n;
		int prefix = 0;

		p += strspn(p, " \t\r\n");
		if (*p == '\0')
			break;
		n = strcspn(p, " \t\r\n");
		while (n > 0 && p[n - 1] == '*') {
			prefix = 1;
			n--;
		}
		if (n > 0) {
			if (o != q)
				*o++ = ' ';
			*o++ = '"';
			for (size_t i = 0; i < n; i++) {
				if (p[i] == '"')
					*o++ = '"';
				*o++ = p[i];
			}
			*o++ = '"';
			if (prefix) {
				*o++ = ' ';
				*o++ = '*';
			}
		}
		p += strcspn(p, " \t\r\n");
	}
	/* No word at all: an empty string, which matches no case. */
	if (o == q) {
		*o++ = '"';
		*o++ = '"';
	}
	*o = '\0';
	return q;
}

int
store_search_compact(struct store *st, struct cpl_error *err)
{
	/*
	 * FTS5 takes a case's words out of its index by adding a record that
	 * they are gone: the words stay in the index's older pages until
	 * those are merged. 'optimize' merges every page of the index into
	 * one new set, without the words taken out, and deletes the old
	 * pages, which the connection's secure delete overwrites.
	 */
	return exec(st, "INSERT INTO case_search(case_search)"
	    " VALUES ('optimize')", "can't write the search index anew", err);
}
