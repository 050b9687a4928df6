/*
 * store_search.c: the search index of list --search (see store.h), on
 * each engine its own.
 *
 * SQLite: an FTS5 table, case_search(complainant, category, summary,
 * notes), one row a case (its row id the case's id), made by migration 7
 * of lib/store_schema.c with the triggers that keep it in step. Its text
 * is not copied: it is read from the view case_search_text (external
 * content), where a case's notes are the details of its note events,
 * joined by spaces. Words are split and folded by FTS5's unicode61
 * tokenizer, accents taken off ("Siân" is found by "sian").
 *
 * PostgreSQL: a table case_search(case_id, doc), doc a tsvector of the
 * same texts in the configuration "simple" (lower case, no stemming, no
 * stop words), their accents taken off first as FTS5 takes them off
 * (case_search_fold, migration 19), made by lib/store_schema_pg.c with
 * the triggers that keep it in step. A query is a tsquery made by
 * to_tsquery('simple', case_search_fold(...)) of the text search_query
 * writes: the same fold, so "zoe" finds "Zoë" and "zoë" "Zoe".
 *
 * What a user searches for is never either engine's query syntax: each
 * word of it (split at spaces and tabs) becomes a quoted string, and the
 * strings are all to be found. A word that ends in '*' asks for the
 * words that start with the rest ("smi*" finds "Smith"). So no text typed
 * can make the query fail, or mean more than its words: "NOT", "OR",
 * "-", ":", "&", "!" and quotes are words, or nothing, like any other.
 *
 *   FTS5:     "w" "o""x" "smi" *      '"' doubled within a string; the
 *                                     strings' implicit AND; ("smi" *)
 *                                     FTS5's own form for a prefix
 *   tsquery:  'w' & 'o''x' & 'smi':*  "'" and "\" doubled within an
 *                                     operand; joined by "&";
 *                                     ":*" a prefix
 *
 * Each engine splits a quoted string into its own words, as it splits
 * the cases' texts ("o'brien" is the phrase "o" "brien" on both); a
 * string with no word in it (say "-") asks for nothing on both, and a
 * query of no word at all finds no case.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

char *
search_query(const char *text, int server)
{
	/* At worst every byte a quote or backslash (doubled) between
	 * quotes, and " & " and ":*" (or " *") a word. */
	char *q = malloc(4 * strlen(text) + 3), *o = q;
	const char *p = text;
	char quote = server ? '\'' : '"';

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
			if (o != q) {
				*o++ = ' ';
				if (server) {
					*o++ = '&';
					*o++ = ' ';
				}
			}
			*o++ = quote;
			for (size_t i = 0; i < n; i++) {
				if (p[i] == quote)
					*o++ = quote;
				else if (server && p[i] == '\\')
					*o++ = '\\';
				*o++ = p[i];
			}
			*o++ = quote;
			if (prefix && server) {
				*o++ = ':';
				*o++ = '*';
			} else if (prefix) {
				*o++ = ' ';
				*o++ = '*';
			}
		}
		p += strcspn(p, " \t\r\n");
	}
	/* No word at all: a query that matches no case (FTS5's empty
	 * string; tsquery's empty query, which to_tsquery makes of no
	 * text: an empty operand is its syntax error). */
	if (o == q && !server) {
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
	 * A server's index is a row a case, which the triggers make again
	 * whole from the case's texts: the purged words are in no row now.
	 * The rows' old versions stay in the table's pages until a VACUUM,
	 * which is the purge's to run, as for every table it changed.
	 */
	if (st->lite == NULL)
		return 0;
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
