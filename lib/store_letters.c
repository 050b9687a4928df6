/*
 * store_letters.c: the letters sent to a complainant (table letters, see
 * store.h): each kept whole, as it was sent, with the case file.
 */
#include <stdlib.h>

#include "store_int.h"

int
store_add_letter(struct store *st, int64_t case_id, int stage,
    const char *kind, const char *via, cpl_date sent, const char *officer,
    const char *text, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	/* Its event is the case's last "letter-sent", written just before. */
	if ((rc = prepare(st, "INSERT INTO letters(case_id, stage, kind, via,"
	    " sent, officer, text, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " (SELECT max(id) FROM events WHERE case_id = ?1"
	    "  AND action = 'letter-sent'))", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	bind_text(s, 3, kind);
	bind_text(s, 4, via);
	bind_date(s, 5, sent);
	bind_text(s, 6, officer);
	bind_text(s, 7, text);
	return run(st, s, "can't record the letter", err);
}

static void
read_letter(struct sql_stmt *s, void *elem)
{
	struct letter_rec *l = elem;

	l->stage = col_int(s, 0);
	l->kind = col_text(s, 1);
	l->via = col_text(s, 2);
	l->sent = col_date(s, 3);
	l->officer = col_text(s, 4);
	l->text = col_text(s, 5);
	l->recorded = col_stamp(s, 6);
	l->event_id = sql_col_int64(s, 7);
}

int
store_letters(struct store *st, int64_t case_id, struct letter_rec **out,
    int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT l.stage, l.kind, l.via, l.sent, l.officer,"
	    " l.text, e.recorded, l.event_id FROM letters l"
	    " JOIN events e ON e.id = l.event_id"
	    " WHERE l.case_id = ?1 ORDER BY l.sent, l.id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	if ((rc = gather(st, s, sizeof(**out), read_letter, &got,
	    "can't read the letters", err))) {
		store_letters_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

void
store_letters_free(struct letter_rec *l, int n)
{
	for (int i = 0; i < n; i++) {
		free(l[i].kind);
		free(l[i].via);
		free(l[i].officer);
		free(l[i].text);
		free(l[i].recorded);
	}
	free(l);
}
