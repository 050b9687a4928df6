/*
 * correction.c: complaints amend and correct (see case.h): a case's
 * details changed, or the last recorded action of a kind corrected, with
 * every rule of the case's policy checked again, as if the case had been
 * recorded right the first time, and nothing overwritten without a trace.
 *
 * How: the case's history (its events, in the order they were recorded)
 * is made a plan of steps, each with the values the case holds now
 * (a stage's acknowledgement, response, extensions, the closing, ...);
 * the change is made to the plan (a corrected step) or to the case as it
 * was logged (amended details); then the plan is replayed, in memory, on
 * a new case file made from those details, each step through the rule of
 * the command that recorded it (lifecycle.c, ombudsman.c), as the officer
 * who recorded it. A step a rule refuses refuses the change, naming the
 * step and the rule. Else the replayed case file is the case as it now
 * is: a stored case's rows that differ are written (store_corrections.c),
 * and each changed field is an event, "amended" or "corrected", with its
 * old and new value, who, when and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "case_int.h"
#include "util.h"
#include "vocabulary.h"

const char *const correctable_actions[] = {"ack", "respond", "extend",
    "escalate", "close", NULL};

/* The event each kind of action correct takes is recorded as, and what
 * it is called in messages. */
static const struct {
	const char *action;	/* correct --action */
	const char *event;	/* the event that records it */
	const char *name;	/* in words */
} corrected_kinds[] = {
	{"ack", "acknowledged", "acknowledgement"},
	{"respond", "responded", "response"},
	{"extend", "extended", "extension"},
	{"escalate", "escalated", "escalation"},
	{"close", "closed", "closing"},
};
#define N_KINDS_CORRECTED \
	(int)(sizeof(corrected_kinds) / sizeof(corrected_kinds[0]))

/* --- the plan: a case's history, a step an action --- */

/* One recorded action, with what replaying it takes. */
struct step {
	const char *action;	/* the event's: acknowledged, responded, ... */
	int stage;
	cpl_date date;
	const char *officer;	/* who recorded it */
	const char *text;	/* assigned: to whom; a note; a reason (of an
				 * extension, a request, a closing, a
				 * reopening) */
	const char *outcome;	/* responded */
	const char *const *remedies, *const *learning;
	int n_remedies, n_learning;
	int days, told;		/* extended */
	int informal;		/* closed: resolved informally (rules.c) */
	int item;		/* extended: its number in the stage, from 0 */
	cpl_date until;		/* held: the day it was to end, or NO_DATE */
	const char *body, *reference, *decision;	/* the ombudsman */
	const char *owner;	/* action-added: whose; text is what */
	cpl_date due;		/* action-added: by when; item its number */
	struct ombudsman_remedy m;	/* what its decision asks */
};

struct plan {
	struct step *v;
	int n;
};

/* The reference of a referral as it was made: its event says
 * "BODY[, reference REF]". */
static const char *
referral_reference(const char *detail)
{
	const char *r = detail ? strstr(detail, ", reference ") : NULL;

	return r ? r + 12 : NULL;
}

/*
 * The plan of cf's history ev (oldest first): each action that a rule
 * checked when it was recorded, with the values the case holds now. What
 * is no action on the case (its logging, a reading, an amendment) and an
 * event this version does not know are no steps. The steps point into cf
 * and ev.
 */
static int
plan_history(const struct case_file *cf, const struct event_rec *const *ev,
    int n_ev, struct plan *p, struct cpl_error *err)
{
	int *ext_seen, *held_seen, closes = 0, closes_seen = 0;
	int referred_seen = 0, actions_seen = 0, remedies_seen = 0;

	p->n = 0;
	ext_seen = held_seen = NULL;
	if ((p->v = calloc(n_ev + 1, sizeof(*p->v))) == NULL ||
	    (ext_seen = calloc(cf->n_stages + 1, sizeof(*ext_seen))) == NULL ||
	    (held_seen = calloc(cf->n_stages + 1, sizeof(*held_seen))) ==
	    NULL) {
		free(p->v);
		free(ext_seen);
		p->v = NULL;
		return cpl_nomem(err);
	}
	for (int i = 0; i < n_ev; i++)
		closes += strcmp(ev[i]->action, "closed") == 0;
	for (int i = 0; i < n_ev; i++) {
		const struct event_rec *e = ev[i];
		const struct stage_rec *st = e->stage >= 1 &&
		    e->stage <= cf->n_stages ? &cf->stages[e->stage - 1] : NULL;
		struct step *t = &p->v[p->n];

		memset(t, 0, sizeof(*t));
		t->m.due = t->m.complied = NO_DATE;
		t->action = e->action;
		t->stage = e->stage;
		t->date = e->date;
		t->officer = e->officer;
		if (strcmp(e->action, "acknowledged") == 0 && st != NULL) {
			if (st->acknowledged != NO_DATE)
				t->date = st->acknowledged;
		} else if (strcmp(e->action, "responded") == 0 && st != NULL) {
			if (st->responded != NO_DATE)
				t->date = st->responded;
			t->outcome = st->outcome ? st->outcome : e->detail;
			t->remedies = (const char *const *)st->remedies;
			t->n_remedies = st->n_remedies;
			t->learning = (const char *const *)st->learning;
			t->n_learning = st->n_learning;
		} else if (strcmp(e->action, "extended") == 0 && st != NULL &&
		    ext_seen[e->stage] < st->n_ext) {
			const struct extension_rec *x;

			t->item = ext_seen[e->stage]++;
			x = &st->ext[t->item];
			t->date = x->date;
			t->days = x->days;
			t->text = x->reason;
			t->told = x->told;
		} else if (strcmp(e->action, "escalated") == 0 && st != NULL) {
			t->date = st->opened;
			t->text = st->escalation_reason;
		} else if (strcmp(e->action, "held") == 0 && st != NULL &&
		    held_seen[e->stage] < st->n_holds) {
			/* A clock stop, as its row holds it (lib/hold.c). */
			const struct hold_rec *h = &st->holds[held_seen[e->stage]++];

			t->date = h->held;
			t->text = h->reason;
			t->until = h->until;
		} else if (strcmp(e->action, "resumed") == 0 && st != NULL) {
			;
		} else if (strcmp(e->action, "assigned") == 0 ||
		    strcmp(e->action, "note") == 0 ||
		    strcmp(e->action, "reopened") == 0) {
			t->text = e->detail;
		} else if (strcmp(e->action, "closed") == 0) {
			/* The last closing is the case's, as it stands; one
			 * undone by a reopening is as its event recorded it. */
			t->text = e->detail;
			if (++closes_seen == closes && cf->c.closed != NO_DATE) {
				t->date = cf->c.closed;
				t->text = cf->c.close_reason;
			}
		} else if (strcmp(e->action, "resolved-informally") == 0) {
			/* Recorded just after the closing it qualifies: that
			 * closing is replayed through the informal rule, so
			 * the day follows a corrected closing. */
			for (int k = p->n - 1; k >= 0; k--)
				if (strcmp(p->v[k].action, "closed") == 0) {
					p->v[k].informal = 1;
					break;
				}
			continue;
		} else if (strcmp(e->action, "referred") == 0 &&
		    referred_seen < cf->n_referrals) {
			t->body = cf->referrals[referred_seen++].body;
			t->reference = referral_reference(e->detail);
		} else if (strcmp(e->action, "ombudsman-reference") == 0) {
			t->reference = e->detail;
		} else if (strcmp(e->action, "ombudsman-decision") == 0) {
			t->decision = e->detail;
		} else if (strcmp(e->action, "action-added") == 0 &&
		    actions_seen < cf->n_actions &&
		    cf->actions[actions_seen].what != NULL) {
			/* An outstanding action follows a response: one moved
			 * after it refuses the change (lib/action.c). */
			const struct action_rec *x = &cf->actions[actions_seen++];

			t->item = x->n;
			t->text = x->what;
			t->owner = x->owner;
			t->due = x->due;
		} else if (strcmp(e->action, "action-done") == 0 &&
		    e->detail != NULL && strncmp(e->detail, "action ", 7) == 0 &&
		    (t->item = atoi(e->detail + 7)) >= 1) {
			/* "action N: ...": done on the day recorded. */
		} else if (strcmp(e->action, "ombudsman-remedy") == 0) {
			/* The remedies in the order of their referrals. */
			for (int k = 0, seen = 0; k < cf->n_referrals; k++)
				if (cf->referrals[k].remedy != NULL &&
				    seen++ == remedies_seen) {
					t->m.remedy = cf->referrals[k].remedy;
					t->m.due = cf->referrals[k].remedy_due;
					break;
				}
			remedies_seen++;
			if (t->m.remedy == NULL)
				continue;
		} else if (strcmp(e->action, "ombudsman-complied") == 0) {
			t->m.complied = t->date;
		} else {
			continue;
		}
		p->n++;
	}
	free(ext_seen);
	free(held_seen);
	return 0;
}

/* The step named in a refusal: "the stage 1 response of 2026-11-20". */
static void
step_name(const struct step *t, char *buf, size_t size)
{
	char d[DATE_LEN];
	const char *what = t->action;

	date_format(t->date, d);
	if (strcmp(t->action, "acknowledged") == 0)
		what = "acknowledgement";
	else if (strcmp(t->action, "responded") == 0)
		what = "response";
	else if (strcmp(t->action, "extended") == 0)
		what = "extension";
	else if (strcmp(t->action, "escalated") == 0)
		what = "request";
	else if (strcmp(t->action, "assigned") == 0)
		what = "assignment";
	else if (strcmp(t->action, "held") == 0)
		what = "hold";
	else if (strcmp(t->action, "resumed") == 0)
		what = "resumption";
	if (strcmp(t->action, "closed") == 0)
		snprintf(buf, size, "the closing of %s", d);
	else if (strcmp(t->action, "reopened") == 0)
		snprintf(buf, size, "the reopening of %s", d);
	else if (strcmp(t->action, "note") == 0)
		snprintf(buf, size, "the note of %s", d);
	else if (strcmp(t->action, "action-added") == 0)
		snprintf(buf, size, "action %d, undertaken on %s", t->item, d);
	else if (strcmp(t->action, "action-done") == 0)
		snprintf(buf, size, "action %d, done on %s", t->item, d);
	else if (strncmp(t->action, "ombudsman-", 10) == 0 ||
	    strcmp(t->action, "referred") == 0)
		snprintf(buf, size, "the ombudsman's %s of %s",
		    strcmp(t->action, "referred") == 0 ? "referral" :
		    t->action + 10, d);
	else
		snprintf(buf, size, "the stage %d %s of %s", t->stage, what, d);
}

/* One step, through the rule of the command that records it. */
static int
replay_step(struct session *s, struct case_file *nf, const struct step *t,
    struct cpl_error *err)
{
	const char *a = t->action;

	s->officer = t->officer;
	if (strcmp(a, "acknowledged") == 0)
		return case_file_ack(s, nf, t->date, err);
	if (strcmp(a, "responded") == 0)
		return case_file_respond(s, nf, t->outcome, t->remedies,
		    t->n_remedies, t->learning, t->n_learning, t->date, err);
	if (strcmp(a, "extended") == 0)
		return case_file_extend(s, nf, t->days, t->text, t->told,
		    t->date, err);
	if (strcmp(a, "escalated") == 0)
		return case_file_escalate(s, nf, t->text, t->date, err);
	if (strcmp(a, "assigned") == 0)
		return case_file_assign(s, nf, t->text, t->date, err);
	if (strcmp(a, "held") == 0)
		return case_file_hold(s, nf, t->text, t->until, t->date, err);
	if (strcmp(a, "resumed") == 0)
		return case_file_resume(s, nf, t->date, err);
	if (strcmp(a, "note") == 0)
		return case_file_note(s, nf, t->text, t->date, err);
	if (strcmp(a, "action-added") == 0) {
		struct action_input in = {t->text, t->owner, t->due, t->date};

		return case_file_action_add(s, nf, &in, err);
	}
	if (strcmp(a, "action-done") == 0)
		return case_file_action_done(s, nf, t->item, t->date, err);
	if (strcmp(a, "closed") == 0 && t->informal)
		return case_file_close_informally(s, nf, t->date, err);
	if (strcmp(a, "closed") == 0)
		return case_file_close(s, nf, t->text, t->date, err);
	if (strcmp(a, "reopened") == 0)
		return case_file_reopen(s, nf, t->text, t->date, err);
	if (strcmp(a, "referred") == 0)
		return case_file_ombudsman(s, nf, t->body, t->reference, NULL,
		    t->date, err);
	if (strcmp(a, "ombudsman-reference") == 0)
		return case_file_ombudsman(s, nf, NULL, t->reference, NULL,
		    t->date, err);
	if (strcmp(a, "ombudsman-remedy") == 0 ||
	    strcmp(a, "ombudsman-complied") == 0)
		return case_file_ombudsman_remedy(s, nf, &t->m, t->date, err);
	return case_file_ombudsman(s, nf, NULL, NULL, t->decision, t->date,
	    err);
}

/*
 * Replay plan p on a new case file nf (free with case_file_free): the
 * case as it was logged with the details of base, its first stage with
 * the timescales of cf's, then each step. A step refused refuses it all:
 * "as VERB, STEP would be refused: why" (verb: amended, corrected).
 * Warnings the rules give again are not shown again.
 */
static int
replay(struct session *s, const struct case_file *cf,
    const struct case_rec *base, const struct case_rules_rec *rules,
    const struct plan *p, const char *verb, struct case_file *nf,
    struct cpl_error *err)
{
	const char *officer = s->officer;
	void (*warn)(void *, const char *) = s->warn;
	const struct stage_rec *s1 = &cf->stages[0];
	struct stage_rec first;
	int rc = 0;

	memset(nf, 0, sizeof(*nf));
	nf->referral_changed = -1;
	nf->is_new = 1;
	nf->pol = cf->pol;
	if (case_rec_copy(&nf->c, base) != 0 ||
	    set_text(&nf->rules.about_staff, rules->about_staff) != 0 ||
	    set_text(&nf->rules.late_granted_by, rules->late_granted_by) != 0)
		return cpl_nomem(err);
	nf->rules.discrimination = rules->discrimination;
	nf->rules.informal = rules->informal;
	nf->rules.informal_on = rules->informal_on;
	free(nf->c.close_reason);
	nf->c.close_reason = NULL;
	nf->c.closed = nf->c.reopened = NO_DATE;
	memset(&first, 0, sizeof(first));
	first.stage = 1;
	first.opened = base->received;
	first.officer = base->logged_by;
	first.ack_days = s1->ack_days;
	first.respond_days = s1->respond_days;
	first.respond_from = s1->respond_from;
	first.respond_target = s1->respond_target;
	first.acknowledged = first.responded = NO_DATE;
	if ((rc = case_add_stage(nf, &first, err)))
		return rc;
	s->warn = NULL;
	for (int i = 0; i < p->n; i++) {
		if ((rc = replay_step(s, nf, &p->v[i], err)) != 0) {
			char what[128], msg[sizeof(err->msg)];

			step_name(&p->v[i], what, sizeof(what));
			snprintf(msg, sizeof(msg), "%s", err->msg);
			/* About the step, not about what this command was
			 * given: named in the message, not as an option. */
			rc = cpl_fail(err, rc, "as %s, %s would be refused: %s",
			    verb, what, msg);
			break;
		}
	}
	s->warn = warn;
	s->officer = officer;
	return rc;
}

/* --- what may be corrected, and by whom --- */

/* Where the case's policy names who may correct it, only they may. */
static int
check_corrector(struct session *s, const struct case_file *cf,
    struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	char *key = NULL, cite[256];
	int ok = 0;

	if (!p->corrections_named)
		return 0;
	if ((key = name_key(s->officer)) == NULL)
		return cpl_nomem(err);
	for (int i = 0; !ok && i < p->n_correction_officers; i++) {
		char *k = name_key(p->correction_officers[i]);

		if (k == NULL) {
			free(key);
			return cpl_nomem(err);
		}
		ok = strcmp(k, key) == 0;
		free(k);
	}
	free(key);
	if (ok)
		return 0;
	policy_cite(p->corrections_source, cite, sizeof(cite));
	return cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_OFFICER, "policy "
	    "'%s' lets only the officers it names amend or correct a case "
	    "(%s): '%s' is not one of them", p->id, cite, s->officer);
}

/* The history of cf so far, oldest first: what the store holds of it
 * (a stored case), then what happened in memory. *stored (free with
 * store_events_free) holds the stored events. */
static int
history_of(struct session *s, struct case_file *cf,
    struct event_rec **stored, int *n_stored, const struct event_rec ***ev,
    int *n_ev, struct cpl_error *err)
{
	int rc;

	*stored = NULL;
	*n_stored = 0;
	*ev = NULL;
	if (!cf->is_new && (rc = store_events_recorded(s->st, cf->c.id, stored,
	    n_stored, err)))
		return rc;
	*n_ev = *n_stored + cf->n_events;
	if ((*ev = calloc(*n_ev + 1, sizeof(**ev))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < *n_stored; i++)
		(*ev)[i] = &(*stored)[i];
	for (int i = 0; i < cf->n_events; i++)
		(*ev)[*n_stored + i] = &cf->events[i];
	return 0;
}

/* --- the trace --- */

/* A changed field, for its event. */
struct change {
	const char *field;
	char *old_value, *new_value;	/* owned */
	int personal;
};

struct changes {
	struct change v[16];
	int n;
};

static void
changes_free(struct changes *ch)
{
	for (int i = 0; i < ch->n; i++) {
		free(ch->v[i].old_value);
		free(ch->v[i].new_value);
	}
	ch->n = 0;
}

static int
same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Record that field went from old to new (copies; NULL: none). */
static int
change(struct changes *ch, const char *field, const char *old,
    const char *new, int personal, struct cpl_error *err)
{
	struct change *c = &ch->v[ch->n];

	memset(c, 0, sizeof(*c));
	c->field = field;
	c->personal = personal;
	if (set_text(&c->old_value, old) != 0 ||
	    set_text(&c->new_value, new) != 0) {
		free(c->old_value);
		free(c->new_value);
		return cpl_nomem(err);
	}
	ch->n++;
	return 0;
}

static int
change_date(struct changes *ch, const char *field, cpl_date old,
    cpl_date new, struct cpl_error *err)
{
	char o[DATE_LEN], n[DATE_LEN];

	if (old != NO_DATE)
		date_format(old, o);
	if (new != NO_DATE)
		date_format(new, n);
	return change(ch, field, old != NO_DATE ? o : NULL,
	    new != NO_DATE ? n : NULL, 0, err);
}

/* Texts a line each (remedies, learning), or NULL for none: a new
 * string, or -1 when out of memory. */
static int
joined(const char *const *v, int n, char **out)
{
	size_t len = 1;

	*out = NULL;
	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	if ((*out = malloc(len)) == NULL)
		return -1;
	**out = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(*out, "\n");
		strcat(*out, v[i]);
	}
	return 0;
}

/* A value as the event's words show it: quoted, a long one cut short
 * (at a character's start) with "..."; the whole value is the
 * correction's row's. */
static void
quoted(char *buf, size_t size, const char *v)
{
	size_t n;

	if (v == NULL) {
		snprintf(buf, size, "(none)");
		return;
	}
	if ((n = strlen(v)) + 3 <= size) {
		snprintf(buf, size, "'%s'", v);
		return;
	}
	n = size - 6;
	while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, size, "'%.*s...'", (int)n, v);
}

/* An event a change: "WHAT FIELD: 'old' -> 'new' (reason)". */
static int
record_changes(struct session *s, struct case_file *cf, const char *action,
    const char *corrects, int stage, int item, const char *what,
    const struct changes *ch, const char *reason, cpl_date when,
    struct cpl_error *err)
{
	for (int i = 0; i < ch->n; i++) {
		const struct change *c = &ch->v[i];
		struct event_rec *e;
		char *detail, o[240], n[240];
		size_t len;
		int rc;

		quoted(o, sizeof(o), c->old_value);
		quoted(n, sizeof(n), c->new_value);
		len = strlen(what) + strlen(c->field) + strlen(o) + strlen(n) +
		    strlen(reason) + 32;
		if ((detail = malloc(len)) == NULL)
			return cpl_nomem(err);
		snprintf(detail, len, "%s%s%s: %s -> %s (%s)", what,
		    *what ? " " : "", strcmp(c->field, "days") == 0 ?
		    "working days" : c->field, o, n, reason);
		rc = case_event(cf, stage, when, s->officer, action, detail, err);
		free(detail);
		if (rc)
			return rc;
		e = &cf->events[cf->n_events - 1];
		e->item = item;
		e->personal = c->personal;
		if (set_text(&e->corrects, corrects) != 0 ||
		    set_text(&e->field, c->field) != 0 ||
		    set_text(&e->old_value, c->old_value) != 0 ||
		    set_text(&e->new_value, c->new_value) != 0 ||
		    set_text(&e->reason, reason) != 0)
			return cpl_nomem(err);
	}
	return 0;
}

/* --- the case as it now is --- */

/* Give cf (in memory only: a new case) what the replay made of it. */
static void
adopt(struct case_file *cf, struct case_file *nf)
{
	struct case_rec c = cf->c;
	struct stage_rec *stages = cf->stages;
	struct stage_mark *marks = cf->marks;
	struct referral_rec *refs = cf->referrals;
	int n_stages = cf->n_stages, n_refs = cf->n_referrals;

	cf->c = nf->c;
	cf->stages = nf->stages;
	cf->n_stages = nf->n_stages;
	cf->marks = nf->marks;
	cf->referrals = nf->referrals;
	cf->n_referrals = nf->n_referrals;
	nf->c = c;
	nf->stages = stages;
	nf->n_stages = n_stages;
	nf->marks = marks;
	nf->referrals = refs;
	nf->n_referrals = n_refs;
}

static int
same_texts(char **a, int na, char **b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/*
 * Write what the replay changed of a stored case (cf as stored, nf as
 * replayed): its details, its closing, each stage's row, extension and
 * texts that differ. The replay makes the same stages, extensions and
 * referrals from the same history, or the store holds what its history
 * does not say: then nothing is written.
 */
static int
write_changed(struct session *s, const struct case_file *cf,
    struct case_file *nf, struct cpl_error *err)
{
	const struct case_rec *o = &cf->c;
	struct case_rec *c = &nf->c;
	int rc;

	if (nf->n_stages != cf->n_stages || nf->n_referrals != cf->n_referrals)
		goto differs;
	for (int i = 0; i < cf->n_stages; i++)
		if (nf->stages[i].n_ext != cf->stages[i].n_ext)
			goto differs;
	c->id = o->id;
	if ((!same_text(c->complainant, o->complainant) ||
	    !same_text(c->contact, o->contact) ||
	    !same_text(c->channel, o->channel) ||
	    !same_text(c->service, o->service) ||
	    !same_text(c->category, o->category) ||
	    !same_text(c->summary, o->summary) || c->received != o->received ||
	    c->occurred != o->occurred || c->resolve_due != o->resolve_due) &&
	    (rc = store_amend_case(s->st, c, err)))
		return rc;
	if ((c->closed != o->closed ||
	    !same_text(c->close_reason, o->close_reason)) &&
	    (rc = store_set_closed(s->st, o->id, c->closed, c->close_reason,
	    err)))
		return rc;
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *a = &cf->stages[i];
		const struct stage_rec *b = &nf->stages[i];

		if ((a->opened != b->opened || a->acknowledged != b->acknowledged ||
		    a->responded != b->responded ||
		    !same_text(a->officer, b->officer) ||
		    !same_text(a->responded_by, b->responded_by) ||
		    !same_text(a->outcome, b->outcome) ||
		    !same_text(a->escalation_reason, b->escalation_reason)) &&
		    (rc = store_correct_stage(s->st, o->id, b, err)))
			return rc;
		for (int j = 0; j < a->n_ext; j++)
			if ((a->ext[j].days != b->ext[j].days ||
			    a->ext[j].date != b->ext[j].date) &&
			    (rc = store_correct_extension(s->st, o->id, b->stage, j,
			    &b->ext[j], err)))
				return rc;
		if (!same_texts(a->remedies, a->n_remedies, b->remedies,
		    b->n_remedies) &&
		    (rc = store_set_stage_texts(s->st, o->id, b->stage, "remedy",
		    b->remedies, b->n_remedies, err)))
			return rc;
		if (!same_texts(a->learning, a->n_learning, b->learning,
		    b->n_learning) &&
		    (rc = store_set_stage_texts(s->st, o->id, b->stage,
		    "learning", b->learning, b->n_learning, err)))
			return rc;
	}
	return 0;
differs:
	return cpl_fail(err, CPL_STORE, "case '%s': its history does not "
	    "replay to the case as stored, so it can't be corrected",
	    o->ref);
}

/* --- amend --- */

static int
amendment_given(const struct amendment *a, struct cpl_error *err)
{
	const struct given_text texts[] = {
		{CPL_ABOUT_COMPLAINANT, "the complainant's name",
		    a->complainant},
		{CPL_ABOUT_CONTACT, "the contact details", a->contact},
		{CPL_ABOUT_SERVICE, "the service", a->service},
		{CPL_ABOUT_CATEGORY, "the category", a->category},
		{CPL_ABOUT_CHANNEL, "the channel", a->channel},
		{CPL_ABOUT_SUMMARY, "the summary", a->summary},
		{CPL_ABOUT_REASON, "the reason", a->reason},
		{CPL_ABOUT_ABOUT_STAFF, "the name of the officer complained "
		    "about", a->about_staff},
	};
	int rc;

	if ((rc = check_given_texts(texts, sizeof(texts) / sizeof(texts[0]), 1,
	    err)))
		return rc;
	if (a->channel != NULL && !one_of(a->channel, case_channels))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_CHANNEL,
		    "channel '%s' is not one of email, phone, letter, web, "
		    "in-person, social, other", a->channel);
	if (a->complainant == NULL && a->contact == NULL && a->service == NULL &&
	    a->category == NULL && a->channel == NULL && a->summary == NULL &&
	    a->received == NO_DATE && a->occurred == NO_DATE &&
	    a->about_staff == NULL && a->discrimination < 0)
		return cpl_fail(err, CPL_USAGE, "nothing to amend: give the "
		    "corrected complainant, contact, service, category, channel, "
		    "summary, received, occurred, officer complained about or "
		    "discrimination");
	if (a->reason == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON, "a reason "
		    "is needed: why the case's details are amended");
	return 0;
}

/* Set a text of the case to v where it is given and differs, noting the
 * change. */
static int
amend_text(struct changes *ch, char **field, const char *name,
    const char *v, int personal, struct cpl_error *err)
{
	int rc;

	if (v == NULL || same_text(*field, v))
		return 0;
	if ((rc = change(ch, name, *field, v, personal, err)))
		return rc;
	if (set_text(field, v) != 0)
		return cpl_nomem(err);
	return 0;
}

/*
 * The seeds' smaller rules as amended (rules, a copy of cf's), and the
 * changes in ch: the officer complained about (personal data), and
 * whether the complaint is about discrimination. A complaint's only.
 */
static int
amended_rules(const struct case_file *cf, const struct amendment *a,
    struct case_rules_rec *rules, struct changes *ch, struct cpl_error *err)
{
	int rc;

	memset(rules, 0, sizeof(*rules));
	if (set_text(&rules->about_staff, cf->rules.about_staff) != 0 ||
	    set_text(&rules->late_granted_by, cf->rules.late_granted_by) != 0)
		return cpl_nomem(err);
	rules->discrimination = cf->rules.discrimination;
	rules->informal = cf->rules.informal;
	rules->informal_on = cf->rules.informal_on;
	if ((a->about_staff != NULL || a->discrimination >= 0) &&
	    !is_complaint(&cf->c))
		return cpl_fail_about(err, CPL_USAGE, a->about_staff ?
		    CPL_ABOUT_ABOUT_STAFF : CPL_ABOUT_DISCRIMINATION, "case '%s' "
		    "is a %s: only a complaint is about an officer or about "
		    "discrimination", cf->c.ref, cf->c.kind);
	if ((rc = amend_text(ch, &rules->about_staff, "about_staff",
	    a->about_staff, 1, err)))
		return rc;
	if (a->discrimination >= 0 &&
	    (a->discrimination != 0) != rules->discrimination) {
		if ((rc = change(ch, "discrimination", rules->discrimination ?
		    "true" : "false", a->discrimination ? "true" : "false", 0,
		    err)))
			return rc;
		rules->discrimination = a->discrimination != 0;
	}
	return 0;
}

/*
 * The case's details as amended (base, a copy of cf's), and the changes
 * in ch: each one given that differs, checked as log checks it; an
 * amended received moves the end of the overall clock.
 */
static int
amended_details(struct session *s, const struct case_file *cf,
    const struct amendment *a, struct case_rec *base,
    struct case_rules_rec *rules, struct changes *ch, struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	const struct exclusion *ex;
	const char *category = a->category;
	int rc;

	if (a->complainant != NULL && cf->c.anonymous)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_COMPLAINANT,
		    "case '%s' is anonymous: it names no complainant", cf->c.ref);
	if (a->received != NO_DATE && (rc = check_day(s, p,
	    CPL_ABOUT_RECEIVED, a->received, NO_DATE, NULL, err)))
		return rc;
	if (a->occurred != NO_DATE && a->occurred > s->today) {
		char d[DATE_LEN], t[DATE_LEN];

		date_format(a->occurred, d);
		date_format(s->today, t);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OCCURRED,
		    "%s is in the future (today is %s)", d, t);
	}
	/* A category the policy names is kept as the policy spells it, as
	 * log keeps it. */
	if (category != NULL && (ex = policy_exclusion(p, category)) != NULL)
		category = ex->category;
	if (case_rec_copy(base, &cf->c) != 0)
		return cpl_nomem(err);
	if ((rc = amend_text(ch, &base->complainant, "complainant",
	    a->complainant, 1, err)) ||
	    (rc = amend_text(ch, &base->contact, "contact", a->contact, 1,
	    err)) ||
	    (rc = amend_text(ch, &base->service, "service", a->service, 0,
	    err)) ||
	    (rc = amend_text(ch, &base->category, "category", category, 0,
	    err)) ||
	    (rc = amend_text(ch, &base->channel, "channel", a->channel, 0,
	    err)) ||
	    (rc = amend_text(ch, &base->summary, "summary", a->summary, 1,
	    err)))
		return rc;
	if (a->received != NO_DATE && a->received != base->received) {
		if ((rc = change_date(ch, "received", base->received, a->received,
		    err)))
			return rc;
		base->received = a->received;
		/* The overall clock counts calendar weeks from receipt; its
		 * end, like every deadline, lies inside the calendar. */
		if (base->resolve_due != NO_DATE) {
			base->resolve_due = base->received + 7 * p->overall_weeks;
			if (!calendar_covers(&p->cal, base->resolve_due)) {
				char r[DATE_LEN], what[128];

				date_format(base->resolve_due, r);
				snprintf(what, sizeof(what), "the end of the %d weeks "
				    "to resolution, %s,", p->overall_weeks, r);
				return beyond_calendar(s, p, what,
				    date_year(base->resolve_due), err);
			}
		}
	}
	if (a->occurred != NO_DATE && a->occurred != base->occurred) {
		if ((rc = change_date(ch, "occurred", base->occurred, a->occurred,
		    err)))
			return rc;
		base->occurred = a->occurred;
	}
	if ((rc = amended_rules(cf, a, rules, ch, err)))
		return rc;
	if (ch->n == 0)
		return cpl_fail(err, CPL_USAGE, "nothing to amend: case '%s' "
		    "already has those details", cf->c.ref);
	return 0;
}

/*
 * An amendment of cf in memory: the new case file in *nf (to write, for
 * a stored case; a new one is given it), the events in cf->events, and
 * an exclusion's warning in *warning (caller frees).
 */
static int
amend_in_memory(struct session *s, struct case_file *cf,
    const struct amendment *a, cpl_date when, struct case_file *nf,
    char **warning, struct cpl_error *err)
{
	struct case_file details;
	struct event_rec *stored = NULL;
	const struct event_rec **ev = NULL;
	struct changes ch = {.n = 0};
	struct plan p = {NULL, 0};
	int rc, n_stored = 0, n_ev = 0;

	memset(nf, 0, sizeof(*nf));
	memset(&details, 0, sizeof(details));
	*warning = NULL;
	if ((rc = amendment_given(a, err)) ||
	    (rc = check_not_purged(cf, err)) ||
	    (rc = check_corrector(s, cf, err)) ||
	    (rc = amended_details(s, cf, a, &details.c, &details.rules, &ch,
	    err)))
		goto out;
	/* The intake rules, as if it had been logged so: the time limit
	 * against the amended days, the exclusions against the category. */
	details.pol = cf->pol;
	if ((rc = case_intake_recheck(s, &details, warning, err))) {
		if (err->subject == CPL_ABOUT_LATE_REASON)
			err->subject = a->occurred != NO_DATE ? CPL_ABOUT_OCCURRED :
			    CPL_ABOUT_RECEIVED;
		else if (err->subject == CPL_ABOUT_ACCEPT_ANYWAY)
			err->subject = CPL_ABOUT_CATEGORY;
		goto out;
	}
	if ((rc = history_of(s, cf, &stored, &n_stored, &ev, &n_ev, err)) ||
	    (rc = plan_history(cf, ev, n_ev, &p, err)) ||
	    (rc = replay(s, cf, &details.c, &details.rules, &p, "amended", nf,
	    err)) ||
	    (rc = rules_check_handlers(nf, err)) ||
	    (rc = record_changes(s, cf, "amended", NULL,
	    current_stage(cf)->stage, 0, "", &ch, a->reason, when, err)))
		goto out;
	/* The rules as amended, written with the case (case_write). */
	case_rules_rec_free(&cf->rules);
	cf->rules = details.rules;
	memset(&details.rules, 0, sizeof(details.rules));
	cf->rules_changed = 1;
	if (cf->is_new)
		adopt(cf, nf);
out:
	free(p.v);
	free(ev);
	store_events_free(stored, n_stored);
	case_rec_free(&details.c);
	case_rules_rec_free(&details.rules);
	changes_free(&ch);
	return rc;
}

/* --- correct --- */

static int
correction_given(struct session *s, const struct correction *c,
    struct cpl_error *err)
{
	int k = c->action ? word_index(correctable_actions, c->action) : -1;
	int respond = k == 1, extend = k == 2;

	if (c->action == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ACTION, "the "
		    "kind of action to correct is needed: ack, respond, extend, "
		    "escalate or close");
	if (k < 0)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_ACTION, "'%s' is "
		    "not an action that can be corrected: ack, respond, extend, "
		    "escalate or close", c->action);
	if (c->outcome != NULL && !respond)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME, "only a "
		    "response has an outcome");
	if (c->outcome != NULL && !one_of(c->outcome, case_outcomes))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OUTCOME,
		    "outcome '%s' is not one of upheld, partly-upheld, "
		    "not-upheld", c->outcome);
	if (c->remedies_given && !respond)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY, "only a "
		    "response has remedies");
	if (c->learning_given && !respond)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LEARNING, "only a "
		    "response has lessons learnt");
	for (int i = 0; c->remedies_given && i < c->n_remedies; i++)
		if (blank(c->remedies[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REMEDY,
			    "a remedy is empty");
	for (int i = 0; c->learning_given && i < c->n_learning; i++)
		if (blank(c->learning[i]))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_LEARNING,
			    "a lesson learnt is empty");
	if (c->days != 0 && !extend)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DAYS, "only an "
		    "extension has working days");
	if (c->days != 0 && (c->days < 1 || c->days > 400))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DAYS,
		    "an extension is a number of working days from 1 to 400");
	if (c->date != NO_DATE && c->date > s->today) {
		char d[DATE_LEN], t[DATE_LEN];

		date_format(c->date, d);
		date_format(s->today, t);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DATE,
		    "%s is in the future (today is %s)", d, t);
	}
	if (c->date == NO_DATE && c->outcome == NULL && !c->remedies_given &&
	    !c->learning_given && c->days == 0)
		return cpl_fail(err, CPL_USAGE, "nothing to correct: give the "
		    "corrected date%s", respond ? ", outcome, remedies or "
		    "learning" : extend ? " or working days" : "");
	if (blank(c->reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON, "a reason "
		    "is needed: why the record is corrected");
	if (strlen(c->reason) > TEXT_MAX)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "the reason is longer than %d bytes", TEXT_MAX);
	return 0;
}

/* The texts of a step (remedies, learning) replaced by those given,
 * where they differ, noting the change. */
static int
correct_texts(struct changes *ch, const char *field,
    const char *const **v, int *n, const char *const *given, int n_given,
    struct cpl_error *err)
{
	char *old = NULL, *new = NULL;
	int rc = 0;

	if (joined(*v, *n, &old) != 0 || joined(given, n_given, &new) != 0) {
		rc = cpl_nomem(err);
		goto out;
	}
	if (same_text(old, new))
		goto out;
	if ((rc = change(ch, field, old, new, 1, err)))
		goto out;
	*v = given;
	*n = n_given;
out:
	free(old);
	free(new);
	return rc;
}

/*
 * The day a case was resolved informally is the day of the closing that
 * resolved it (seed 002 §6): where the replay (nf) moved that closing,
 * the case's day moves with it, a change of its own.
 */
static int
informal_day_follows(struct case_file *cf, const struct case_file *nf,
    struct changes *ch, struct cpl_error *err)
{
	int rc;

	if (!cf->rules.informal || !nf->rules.informal ||
	    nf->rules.informal_on == cf->rules.informal_on)
		return 0;
	if ((rc = change_date(ch, "resolved_informally", cf->rules.informal_on,
	    nf->rules.informal_on, err)))
		return rc;
	cf->rules.informal_on = nf->rules.informal_on;
	cf->rules_changed = 1;
	return 0;
}

/*
 * A correction of cf in memory: as amend_in_memory, for the last step of
 * the plan that records the kind of action corrected.
 */
static int
correct_in_memory(struct session *s, struct case_file *cf,
    const struct correction *c, cpl_date when, struct case_file *nf,
    struct cpl_error *err)
{
	struct event_rec *stored = NULL;
	const struct event_rec **ev = NULL;
	struct changes ch = {.n = 0};
	struct plan p = {NULL, 0};
	struct step *t = NULL;
	char what[128];
	int rc, k, n_stored = 0, n_ev = 0, stage;

	memset(nf, 0, sizeof(*nf));
	if ((rc = correction_given(s, c, err)) ||
	    (rc = check_not_purged(cf, err)) ||
	    (rc = check_corrector(s, cf, err)) ||
	    (rc = history_of(s, cf, &stored, &n_stored, &ev, &n_ev, err)) ||
	    (rc = plan_history(cf, ev, n_ev, &p, err)))
		goto out;
	k = word_index(correctable_actions, c->action);
	for (int i = p.n - 1; t == NULL && i >= 0; i--)
		if (strcmp(p.v[i].action, corrected_kinds[k].event) == 0)
			t = &p.v[i];
	if (t == NULL) {
		rc = cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_ACTION, "case '%s' "
		    "has no %s to correct", cf->c.ref, corrected_kinds[k].name);
		goto out;
	}
	/* A closing undone by a reopening is history: only the case's
	 * closing, as it stands, is corrected. */
	if (strcmp(c->action, "close") == 0 && cf->c.closed == NO_DATE) {
		rc = cpl_fail(err, CPL_REFUSED, "case '%s' is open: it was "
		    "reopened after its last closing, which stays as recorded",
		    cf->c.ref);
		goto out;
	}
	stage = strcmp(c->action, "close") == 0 ? current_stage(cf)->stage :
	    t->stage;
	if (c->date != NO_DATE && c->date != t->date) {
		if ((rc = change_date(&ch, "date", t->date, c->date, err)))
			goto out;
		t->date = c->date;
	}
	if (c->outcome != NULL && !same_text(c->outcome, t->outcome)) {
		if ((rc = change(&ch, "outcome", t->outcome, c->outcome, 0, err)))
			goto out;
		t->outcome = c->outcome;
	}
	if (c->remedies_given && (rc = correct_texts(&ch, "remedies",
	    &t->remedies, &t->n_remedies, c->remedies, c->n_remedies, err)))
		goto out;
	if (c->learning_given && (rc = correct_texts(&ch, "learning",
	    &t->learning, &t->n_learning, c->learning, c->n_learning, err)))
		goto out;
	if (c->days != 0 && c->days != t->days) {
		char o[16], n[16];

		snprintf(o, sizeof(o), "%d", t->days);
		snprintf(n, sizeof(n), "%d", c->days);
		if ((rc = change(&ch, "days", o, n, 0, err)))
			goto out;
		t->days = c->days;
	}
	if (ch.n == 0) {
		rc = cpl_fail(err, CPL_USAGE, "nothing to correct: the %s is "
		    "recorded so already", corrected_kinds[k].name);
		goto out;
	}
	/* What was corrected, the event's stage beside it: "response",
	 * "extension 2" (of the stage), "closing". */
	if (strcmp(c->action, "extend") == 0)
		snprintf(what, sizeof(what), "extension %d", t->item + 1);
	else
		snprintf(what, sizeof(what), "%s", corrected_kinds[k].name);
	if ((rc = replay(s, cf, &cf->c, &cf->rules, &p, "corrected", nf, err)) ||
	    (rc = informal_day_follows(cf, nf, &ch, err)) ||
	    (rc = record_changes(s, cf, "corrected", c->action, stage,
	    strcmp(c->action, "extend") == 0 ? t->item + 1 : 0, what, &ch,
	    c->reason, when, err)))
		goto out;
	if (cf->is_new)
		adopt(cf, nf);
out:
	free(p.v);
	free(ev);
	store_events_free(stored, n_stored);
	changes_free(&ch);
	return rc;
}

/* --- a stored case, in one write --- */

/* Amend (a) or correct (c) stored case ref. */
static int
fix_stored(struct session *s, const char *ref, const struct amendment *a,
    const struct correction *c, struct cpl_error *err)
{
	struct case_file cf, nf;
	char *warning = NULL, *complainant = NULL;
	int rc, loaded = 0;

	memset(&nf, 0, sizeof(nf));
	/* What is given is checked before any case is read. */
	if ((rc = a ? amendment_given(a, err) : correction_given(s, c, err)))
		return rc;
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = case_load(s, ref, &cf, err)))
		goto fail;
	loaded = 1;
	if ((rc = a ? amend_in_memory(s, &cf, a, s->today, &nf, &warning, err) :
	    correct_in_memory(s, &cf, c, s->today, &nf, err)) ||
	    (rc = write_changed(s, &cf, &nf, err)) ||
	    (rc = case_write(s, &cf, err)))
		goto fail;
	if (a != NULL && a->complainant != NULL && nf.c.complainant != NULL &&
	    (complainant = strdup(nf.c.complainant)) == NULL) {
		rc = cpl_nomem(err);
		goto fail;
	}
	if ((rc = store_commit(s->st, err)))
		goto fail;
	if (warning != NULL)
		session_warn(s, "%s", warning);
	/* Restrictions match the complainant's name as amended. */
	if (complainant != NULL)
		warn_restrictions(s, complainant);
	goto out;
fail:
	store_rollback(s->st);
out:
	if (loaded)
		case_file_free(&cf);
	case_file_free(&nf);
	free(warning);
	free(complainant);
	return rc;
}

int
case_amend(struct session *s, const char *ref, const struct amendment *a,
    struct cpl_error *err)
{
	return fix_stored(s, ref, a, NULL, err);
}

int
case_correct(struct session *s, const char *ref, const struct correction *c,
    struct cpl_error *err)
{
	return fix_stored(s, ref, NULL, c, err);
}

int
case_file_amend(struct session *s, struct case_file *cf,
    const struct amendment *a, cpl_date when, struct cpl_error *err)
{
	struct case_file nf;
	char *warning = NULL;
	int rc;

	if ((rc = amend_in_memory(s, cf, a, when, &nf, &warning, err)) == 0 &&
	    warning != NULL)
		session_warn(s, "%s", warning);
	free(warning);
	case_file_free(&nf);
	return rc;
}

int
case_file_correct(struct session *s, struct case_file *cf,
    const struct correction *c, cpl_date when, struct cpl_error *err)
{
	struct case_file nf;
	int rc;

	rc = correct_in_memory(s, cf, c, when, &nf, err);
	case_file_free(&nf);
	return rc;
}
