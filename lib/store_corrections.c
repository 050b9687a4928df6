/*
 * store_corrections.c: the rows an amendment or a correction changes (see
 * store.h): a case's details, a stage's row whole, one extension, a
 * stage's remedies or learning; and the trace of each changed field, an
 * event with its row in table corrections:
 *
 *   corrections(event_id, case_id, corrects, item, field, old_value,
 *               new_value, reason, personal)
 *
 * event_id is the event's (action "amended" or "corrected"); corrects the
 * kind of action corrected (ack, respond, extend, escalate, close), NULL
 * for a detail of the case; item which extension of the stage, from 1
 * (extend only); old_value and new_value the field's values as text;
 * personal: the values are personal data, which the retention purge
 * removes (lib/store_purge.c).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int
store_add_correction(struct store *st, int64_t case_id,
    const struct event_rec *e, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = store_add_event(st, case_id, e->stage, e->date, e->officer,
	    e->action, e->detail, err)) ||
	    (rc = prepare(st, "INSERT INTO corrections(event_id, case_id,"
	    " corrects, item, field, old_value, new_value, reason, personal)"
	    " VALUES ((SELECT max(e.id) FROM event_rows e WHERE e.case_id = ?2),"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &s, err)))
		return rc;
	sql_bind_int64(s, 2, case_id);
	bind_text(s, 3, e->corrects);
	if (e->item > 0)
		sql_bind_int64(s, 4, e->item);
	else
		sql_bind_null(s, 4);
	bind_text(s, 5, e->field);
	bind_text(s, 6, e->old_value);
	bind_text(s, 7, e->new_value);
	bind_text(s, 8, e->reason);
	sql_bind_int64(s, 9, e->personal != 0);
	return run(st, s, "can't record the correction", err);
}

static void
read_recorded(struct sql_stmt *s, void *elem)
{
	struct event_rec *e = elem;

	e->date = col_date(s, 0);
	e->recorded = col_stamp(s, 1);
	e->officer = col_text(s, 2);
	e->action = col_text(s, 3);
	e->stage = col_int(s, 4);
	e->detail = col_text(s, 5);
	e->corrects = col_text(s, 6);
	e->item = col_int(s, 7);
	e->field = col_text(s, 8);
	e->old_value = col_text(s, 9);
	e->new_value = col_text(s, 10);
	e->reason = col_text(s, 11);
}

/* A case's events in the order they were recorded (their ids), whatever
 * order the history is shown in: the order a correction replays them. */
int
store_events_recorded(struct store *st, int64_t case_id,
    struct event_rec **out, int *n, struct cpl_error *err)
{
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT e.date, e.recorded, e.officer, e.action,"
	    " e.stage, e.detail, c.corrects, c.item, c.field, c.old_value,"
	    " c.new_value, c.reason FROM events e"
	    " LEFT JOIN corrections c ON c.event_id = e.id"
	    " WHERE e.case_id = ?1 ORDER BY e.id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	if ((rc = gather(st, s, sizeof(**out), read_recorded, &got,
	    "can't read the history", err))) {
		store_events_free(got.v, got.n);
		return rc;
	}
	*out = got.v;
	*n = got.n;
	return 0;
}

/* The details amend changes, and what follows from them: the keys the
 * names are found by, and the end of the overall clock. */
int
store_amend_case(struct store *st, const struct case_rec *c,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE case_rows SET complainant = ?2,"
	    " complainant_key = ?3, contact = ?4, channel = ?5, service = ?6,"
	    " service_key = ?7, category = ?8, summary = ?9, received = ?10,"
	    " occurred = ?11, resolve_due = ?12 WHERE id = ?1", &s, err)) ||
	    (rc = bind_word(st, s, 5, c->channel, err)))
		return rc;
	sql_bind_int64(s, 1, c->id);
	bind_text(s, 2, c->complainant);
	bind_text(s, 4, c->contact);
	bind_text(s, 6, c->service);
	bind_text(s, 8, c->category);
	bind_text(s, 9, c->summary);
	bind_date(s, 10, c->received);
	bind_date(s, 11, c->occurred);
	bind_date(s, 12, c->resolve_due);
	if (bind_name_key(s, 3, c->complainant) != 0 ||
	    bind_name_key(s, 7, c->service) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	return run(st, s, "can't amend the case", err);
}

/* A stored stage's row as it now is, its opening too (a corrected
 * request for it), the names by the ids of their words. */
int
store_correct_stage(struct store *st, int64_t case_id,
    const struct stage_rec *r, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE stage_rows SET opened = ?3,"
	    " officer = ?4, acknowledged = ?5, responded = ?6,"
	    " responded_by = ?7, outcome = ?8, escalation_reason = ?9"
	    " WHERE case_id = ?1 AND stage = ?2", &s, err)) ||
	    (rc = bind_word(st, s, 4, r->officer, err)) ||
	    (rc = bind_word(st, s, 7, r->responded_by, err)) ||
	    (rc = bind_word(st, s, 8, r->outcome, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, r->stage);
	bind_date(s, 3, r->opened);
	bind_date(s, 5, r->acknowledged);
	bind_date(s, 6, r->responded);
	bind_text(s, 9, r->escalation_reason);
	return run(st, s, "can't correct the stage", err);
}

/* Extension number item (from 0, in the order they were made) of a
 * stage: its days and its date. */
int
store_correct_extension(struct store *st, int64_t case_id, int stage,
    int item, const struct extension_rec *e, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE extensions SET days = ?4, date = ?5"
	    " WHERE id = (SELECT id FROM extensions"
	    "  WHERE case_id = ?1 AND stage = ?2 ORDER BY id LIMIT 1 OFFSET ?3)",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	sql_bind_int64(s, 3, item);
	sql_bind_int64(s, 4, e->days);
	bind_date(s, 5, e->date);
	return run(st, s, "can't correct the extension", err);
}

/* A stage's remedies or learning (kind) replaced by texts. */
int
store_set_stage_texts(struct store *st, int64_t case_id, int stage,
    const char *kind, char *const *texts, int n, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "DELETE FROM stage_texts"
	    " WHERE case_id = ?1 AND stage = ?2 AND kind = ?3", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	bind_text(s, 3, kind);
	if ((rc = run(st, s, "can't correct the texts", err)))
		return rc;
	for (int i = 0; i < n; i++)
		if ((rc = store_add_stage_text(st, case_id, stage, kind, texts[i],
		    err)))
			return rc;
	return 0;
}
