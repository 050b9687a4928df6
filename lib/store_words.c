/*
 * store_words.c: the words and names the store repeats, each kept once
 * (table words, migration 18): the vocabularies a case is recorded with
 * (kinds, channels, outcomes, close reasons, the actions of its history)
 * and the names of the officers. A row of a case, a stage or an event
 * keeps the word's id; the views cases, stages and events give the words
 * back as text, and each name's key (name_key) is kept beside it, once.
 *
 *   words(id, word, key)   word: the text as written (unique); key: its
 *                          name_key, what tells one officer from another
 *
 * A word is added the first time it is written (a new action needs no
 * migration). The ids a process has looked up are kept in struct store
 * (a big import looks each word up once), and forgotten with a rollback:
 * an id added by a write rolled back no longer exists.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

static unsigned
word_hash(const char *w)
{
	unsigned h = 2166136261u;

	for (; *w != '\0'; w++)
		h = (h ^ (unsigned char)*w) * 16777619u;
	return h;
}

void
words_forget(struct store *st)
{
	for (int i = 0; i < WORD_CACHE; i++) {
		free(st->words[i].word);
		st->words[i].word = NULL;
	}
	st->n_words = 0;
}

/* The slot of word in the cache: where it is, or the empty one where it
 * would go. */
static struct cached_word *
word_slot(struct store *st, const char *word)
{
	unsigned i = word_hash(word) % WORD_CACHE;

	while (st->words[i].word != NULL &&
	    strcmp(st->words[i].word, word) != 0)
		i = (i + 1) % WORD_CACHE;
	return &st->words[i];
}

static int
lookup(struct store *st, const char *word, int64_t *id,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*id = 0;
	if ((rc = prepare(st, "SELECT id FROM words WHERE word = ?1", &s,
	    err)))
		return rc;
	bind_text(s, 1, word);
	return each_row(st, s, row_int64, id, "can't read the words", err);
}

int
word_id(struct store *st, const char *word, int64_t *id,
    struct cpl_error *err)
{
	struct cached_word *w;
	struct sql_stmt *s;
	int rc;

	*id = 0;
	if (word == NULL)
		return 0;
	w = word_slot(st, word);
	if (w->word != NULL) {
		*id = w->id;
		return 0;
	}
	if ((rc = lookup(st, word, id, err)))
		return rc;
	if (*id == 0) {
		/* On a server another officer's write may be adding the same
		 * word at this moment: the insert waits for its commit, then
		 * adds nothing, and the word is read again. A file's write
		 * holds the whole store, so no other write adds it there. */
		if ((rc = prepare(st, st->lite != NULL ?
		    "INSERT INTO words(word, key) VALUES (?1, ?2)" :
		    "INSERT INTO words(word, key) VALUES (?1, ?2)"
		    " ON CONFLICT (word) DO NOTHING RETURNING id", &s, err)))
			return rc;
		bind_text(s, 1, word);
		if (bind_name_key(s, 2, word) != 0) {
			finish(st, s);
			return no_memory(err);
		}
		if ((rc = insert_id(st, s, id, "can't record a word", err)))
			return rc;
		if (*id == 0 && (rc = lookup(st, word, id, err)))
			return rc;
	}
	/* A full cache starts again: the words a batch repeats come back
	 * at once. */
	if (st->n_words >= WORD_CACHE * 3 / 4) {
		words_forget(st);
		w = word_slot(st, word);
	}
	if ((w->word = strdup(word)) == NULL)
		return no_memory(err);
	w->id = *id;
	st->n_words++;
	return 0;
}

int
word_find(struct store *st, const char *word, int64_t *id,
    struct cpl_error *err)
{
	struct cached_word *w;

	*id = 0;
	if (word == NULL)
		return 0;
	w = word_slot(st, word);
	if (w->word != NULL) {
		*id = w->id;
		return 0;
	}
	/* A word not found is not kept: a write may add it later. */
	return lookup(st, word, id, err);
}

/* Binds word's id, looked up by how (word_find or word_id); NULL binds
 * NULL, and a word never recorded NO_WORD, which no row holds. */
static int
bind_id(struct store *st, struct sql_stmt *s, int i, const char *word,
    int (*how)(struct store *, const char *, int64_t *, struct cpl_error *),
    struct cpl_error *err)
{
	int64_t id;
	int rc;

	if ((rc = how(st, word, &id, err))) {
		finish(st, s);
		return rc;
	}
	if (word == NULL)
		sql_bind_null(s, i);
	else
		sql_bind_int64(s, i, id != 0 ? id : NO_WORD);
	return 0;
}

int
bind_found_word(struct store *st, struct sql_stmt *s, int i, const char *word,
    struct cpl_error *err)
{
	return bind_id(st, s, i, word, word_find, err);
}

int
bind_word(struct store *st, struct sql_stmt *s, int i, const char *word,
    struct cpl_error *err)
{
	return bind_id(st, s, i, word, word_id, err);
}
