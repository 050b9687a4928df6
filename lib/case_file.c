/*
 * case_file.c: a case file in memory (see case.h): read from the store,
 * changed by the rules, written back in one go.
 *
 * The rules never call the store: they change the case file and append
 * what happened to it. What is new or changed is known from what was read
 * (the counts of stages, extensions, texts and referrals the store holds,
 * and a mark on each row that changed), so case_write writes each row
 * once: a new case's rows in their final state, one INSERT each (no
 * INSERT followed by UPDATEs); a stored case's changed rows, one
 * statement each.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "case_int.h"

void
case_file_free(struct case_file *cf)
{
	case_rec_free(&cf->c);
	store_stages_free(cf->stages, cf->n_stages);
	store_restrictions_free(cf->restrictions, cf->n_restrictions);
	store_referrals_free(cf->referrals, cf->n_referrals);
	store_events_free(cf->events, cf->n_events);
	free(cf->marks);
	free(cf->warning);
	new_documents_free(cf->documents, cf->n_documents);
	store_letters_free(cf->letters, cf->n_letters);
	store_actions_free(cf->actions, cf->n_actions);
	case_rules_rec_free(&cf->rules);
	memset(cf, 0, sizeof(*cf));
	cf->referral_changed = -1;
}

/* The marks of a case file as the store has it: nothing changed. */
static int
marks_stored(struct case_file *cf, struct cpl_error *err)
{
	struct stage_mark *m = NULL;

	if (cf->n_stages > 0 &&
	    (m = calloc(cf->n_stages, sizeof(*m))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < cf->n_stages; i++) {
		m[i].stored_ext = cf->stages[i].n_ext;
		m[i].stored_remedies = cf->stages[i].n_remedies;
		m[i].stored_learning = cf->stages[i].n_learning;
		m[i].stored_holds = cf->stages[i].n_holds;
	}
	free(cf->marks);
	cf->marks = m;
	cf->is_new = 0;
	cf->case_changed = 0;
	cf->stored_stages = cf->n_stages;
	cf->stored_referrals = cf->n_referrals;
	cf->referral_changed = -1;
	cf->stored_actions = cf->n_actions;
	for (int i = 0; i < cf->n_actions; i++)
		cf->actions[i].changed = 0;
	cf->rules_changed = 0;
	store_events_free(cf->events, cf->n_events);
	cf->events = NULL;
	cf->n_events = 0;
	return 0;
}

/* The case ref names, as typed or else in capitals: "ssc-2026-00001" is
 * SSC-2026-00001 (references are the policy's prefix, in capitals in
 * every shipped policy). */
static int
find_case(struct session *s, const char *ref, struct case_rec *c,
    struct cpl_error *err)
{
	char upper[64];
	size_t n = strlen(ref);
	int rc, lower = 0;

	if ((rc = store_find_case(s->st, ref, c, err)) != CPL_REFUSED ||
	    n >= sizeof(upper))
		return rc;
	for (size_t i = 0; i <= n; i++) {
		upper[i] = (char)toupper((unsigned char)ref[i]);
		lower |= upper[i] != ref[i];
	}
	if (!lower)
		return rc;
	if ((rc = store_find_case(s->st, upper, c, err)) == CPL_REFUSED)
		return cpl_fail(err, CPL_REFUSED, "no case '%s'", ref);
	return rc;
}

int
case_id_of(struct session *s, const char *ref, int64_t *id,
    struct cpl_error *err)
{
	struct case_rec c;
	int rc;

	*id = 0;
	rc = find_case(s, ref, &c, err);
	if (rc == 0)
		*id = c.id;
	case_rec_free(&c);
	return rc == CPL_REFUSED ? 0 : rc;
}

/* Inside a write on a server, the case c found locked, then read again
 * as the lock leaves it: another write of it may have committed since it
 * was read (lib/store_locks.c). */
static int
lock_case(struct session *s, struct case_rec *c, struct cpl_error *err)
{
	char *ref;
	int rc;

	if (!store_locks_cases(s->st))
		return 0;
	if ((rc = store_lock_case(s->st, c->id, err)))
		return rc;
	ref = c->ref;
	c->ref = NULL;
	case_rec_free(c);
	rc = store_find_case(s->st, ref, c, err);
	free(ref);
	return rc;
}

int
case_load(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	memset(cf, 0, sizeof(*cf));
	cf->referral_changed = -1;
	if ((rc = find_case(s, ref, &cf->c, err)) ||
	    (rc = lock_case(s, &cf->c, err)) ||
	    (rc = store_stages(s->st, cf->c.id, &cf->stages, &cf->n_stages,
	    err)) ||
	    (rc = store_holds(s->st, cf->c.id, cf->stages, cf->n_stages,
	    err)) ||
	    (rc = store_referrals(s->st, cf->c.id, &cf->referrals,
	    &cf->n_referrals, err)) ||
	    (rc = store_actions(s->st, cf->c.id, &cf->actions, &cf->n_actions,
	    err)) ||
	    (rc = store_case_rules(s->st, cf->c.id, &cf->rules, err)) ||
	    (rc = case_policy(s, cf->c.policy_version, &cf->pol, err)))
		goto fail;
	if (cf->n_stages == 0) {
		rc = cpl_fail(err, CPL_STORE, "case '%s' has no stage", ref);
		goto fail;
	}
	if ((rc = marks_stored(cf, err)))
		goto fail;
	return 0;
fail:
	case_file_free(cf);
	return rc;
}

int
case_load_full(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	if ((rc = case_load(s, ref, cf, err)))
		return rc;
	cf->today = s->today;
	if (!cf->c.anonymous && cf->c.complainant != NULL &&
	    (rc = store_restrictions(s->st, cf->c.complainant, 0,
	    &cf->restrictions, &cf->n_restrictions, err)))
		case_file_free(cf);
	return rc;
}

int
set_text(char **field, const char *v)
{
	char *copy = NULL;

	if (v != NULL && (copy = strdup(v)) == NULL)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

int
case_event(struct case_file *cf, int stage, cpl_date date,
    const char *officer, const char *action, const char *detail,
    struct cpl_error *err)
{
	struct event_rec *nv, *e;

	if ((nv = realloc(cf->events, (cf->n_events + 1) * sizeof(*nv))) ==
	    NULL)
		return cpl_nomem(err);
	cf->events = nv;
	e = &nv[cf->n_events];
	memset(e, 0, sizeof(*e));
	e->stage = stage;
	e->date = date;
	if (set_text(&e->officer, officer) != 0 ||
	    set_text(&e->action, action) != 0 ||
	    set_text(&e->detail, detail) != 0) {
		event_rec_free(e);
		return cpl_nomem(err);
	}
	cf->n_events++;
	return 0;
}

/* A copy of stage st's own fields (what a new stage holds: no
 * extensions or texts yet). */
static int
stage_copy(struct stage_rec *dst, const struct stage_rec *src)
{
	*dst = *src;
	dst->officer = dst->responded_by = dst->outcome = NULL;
	dst->escalation_reason = NULL;
	dst->ext = NULL;
	dst->n_ext = 0;
	dst->remedies = dst->learning = NULL;
	dst->n_remedies = dst->n_learning = 0;
	dst->holds = NULL;
	dst->n_holds = 0;
	if (set_text(&dst->officer, src->officer) != 0 ||
	    set_text(&dst->responded_by, src->responded_by) != 0 ||
	    set_text(&dst->outcome, src->outcome) != 0 ||
	    set_text(&dst->escalation_reason, src->escalation_reason) != 0) {
		stage_rec_free(dst);
		return -1;
	}
	return 0;
}

int
case_add_stage(struct case_file *cf, const struct stage_rec *st,
    struct cpl_error *err)
{
	struct stage_rec *nv;
	struct stage_mark *nm;

	if ((nm = realloc(cf->marks, (cf->n_stages + 1) * sizeof(*nm))) == NULL)
		return cpl_nomem(err);
	cf->marks = nm;
	memset(&nm[cf->n_stages], 0, sizeof(*nm));
	if ((nv = realloc(cf->stages, (cf->n_stages + 1) * sizeof(*nv))) ==
	    NULL)
		return cpl_nomem(err);
	cf->stages = nv;
	if (stage_copy(&nv[cf->n_stages], st) != 0)
		return cpl_nomem(err);
	cf->n_stages++;
	return 0;
}

void
stage_changed(struct case_file *cf, const struct stage_rec *st)
{
	cf->marks[st->stage - 1].changed = 1;
}

int
case_number(struct session *s, struct case_file *cf, struct cpl_error *err)
{
	char ref[64];
	int rc, number = 0, year = date_year(cf->c.received);

	if ((rc = session_policy_version(s, cf->pol, &cf->c.policy_version,
	    err)) ||
	    (rc = store_next_ref_number(s->st, cf->pol->prefix, year, &number,
	    err)))
		return rc;
	/* PREFIX-YYYY-NNNNN: five digits, zero-padded, and as many as it
	 * takes past 99999 (SSC-2026-100000); list orders them by number
	 * (store_list), not as text. */
	snprintf(ref, sizeof(ref), "%s-%04d-%05d", cf->pol->prefix, year,
	    number);
	if (set_text(&cf->c.ref, ref) != 0)
		return cpl_nomem(err);
	return 0;
}

/* Whether case_write writes something just after event e, which it
 * follows: a document (attached) or a letter (letter-sent). */
static int
followed(const struct event_rec *e)
{
	return strcmp(e->action, "attached") == 0 ||
	    strcmp(e->action, "letter-sent") == 0;
}

int
case_write(struct session *s, struct case_file *cf, struct cpl_error *err)
{
	struct store *st = s->st;
	int64_t id;
	int rc;

	if (cf->is_new) {
		if ((rc = store_insert_case(st, &cf->c, err)))
			return rc;
	} else if (cf->case_changed &&
	    (rc = store_set_closed(st, cf->c.id, cf->c.closed,
	    cf->c.close_reason, err)))
		return rc;
	id = cf->c.id;
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *sr = &cf->stages[i];
		const struct stage_mark *m = &cf->marks[i];

		rc = 0;
		if (i >= cf->stored_stages || cf->is_new)
			rc = store_insert_stage(st, id, sr, err);
		else if (m->changed)
			rc = store_update_stage(st, id, sr, err);
		for (int j = m->stored_ext; rc == 0 && j < sr->n_ext; j++)
			rc = store_add_extension(st, id, sr->stage, &sr->ext[j],
			    err);
		for (int j = m->stored_remedies; rc == 0 && j < sr->n_remedies;
		    j++)
			rc = store_add_stage_text(st, id, sr->stage, "remedy",
			    sr->remedies[j], err);
		for (int j = m->stored_learning; rc == 0 && j < sr->n_learning;
		    j++)
			rc = store_add_stage_text(st, id, sr->stage, "learning",
			    sr->learning[j], err);
		if (rc == 0)
			rc = case_write_holds(s, cf, i, err);
		if (rc)
			return rc;
	}
	if (cf->referral_changed >= 0 &&
	    cf->referral_changed < cf->stored_referrals &&
	    (rc = store_set_referral(st, id,
	    &cf->referrals[cf->referral_changed], err)))
		return rc;
	for (int j = cf->stored_referrals; j < cf->n_referrals; j++)
		if ((rc = store_add_referral(st, id, &cf->referrals[j], err)))
			return rc;
	if ((rc = case_actions_write(s, cf, err)))
		return rc;
	if ((cf->rules_changed || (cf->is_new && (cf->rules.about_staff ||
	    cf->rules.discrimination || cf->rules.late_granted_by ||
	    cf->rules.informal))) &&
	    (rc = store_set_case_rules(st, id, &cf->rules, err)))
		return rc;
	for (int j = 0, doc = 0, let = 0; j < cf->n_events; j++) {
		const struct event_rec *e = &cf->events[j];
		int k = 1;

		/* An amendment's or a correction's, with what it changed. */
		if (e->field != NULL)
			rc = store_add_correction(st, id, e, err);
		else {
			/* With the plain events after it, written together,
			 * up to one that a document or a letter follows. */
			while (j + k < cf->n_events && e[k].field == NULL &&
			    !followed(&e[k - 1]))
				k++;
			rc = store_add_events(st, id, e, k, err);
			j += k - 1;
			e += k - 1;
		}
		/* A document added, just after its event, which it
		 * follows in the case file. */
		if (rc == 0 && strcmp(e->action, "attached") == 0 &&
		    doc < cf->n_documents)
			rc = case_document_write(s, cf, doc++, err);
		/* A letter sent, just after its event, which names it. */
		if (rc == 0 && strcmp(e->action, "letter-sent") == 0 &&
		    let < cf->n_letters) {
			const struct letter_rec *l = &cf->letters[let++];
			rc = store_add_letter(st, id, l->stage, l->kind, l->via,
			    l->sent, l->officer, l->text, err);
		}
		if (rc)
			return rc;
	}
	if (cf->n_letters > 0) {
		store_letters_free(cf->letters, cf->n_letters);
		cf->letters = NULL;
		cf->n_letters = 0;
	}
	if (cf->n_documents > 0) {
		new_documents_free(cf->documents, cf->n_documents);
		cf->documents = NULL;
		cf->n_documents = 0;
	}
	return marks_stored(cf, err);
}
