/*
 * export.c: complaints export (see export.h): every case, as import reads
 * it back (the columns of columns.h), in CSV or JSON lines, with its
 * history when asked, and then (JSON lines) the restrictions on the
 * complainants of those cases, a line each:
 *
 *   {"restriction": {"complainant": ..., "kind": ..., "detail": ...,
 *     "reason": ..., "imposed": "YYYY-MM-DD", "review": "YYYY-MM-DD",
 *     "officer": ..., "lifted": "YYYY-MM-DD" or null,
 *     "lifted_reason": ..., "history": [{"date", "officer", "action",
 *     "detail"}, ...]}}
 *
 * One snapshot of the store, each case's read audited where reads are.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "columns.h"
#include "export.h"
#include "links_io.h"
#include "output.h"
#include "store_report.h"
#include "util.h"

struct exporter {
	struct session *s;
	const char *attachments;	/* where the documents go, or NULL */
	FILE *out;
	int tty;		/* out is a terminal */
	int audit;		/* the store audits reading */
	enum export_format fmt;
	int history;
	int n_stages;		/* the most stages of the store's policies */
	struct carried *carried;	/* with the history: the restrictions */
	long n;
	struct cpl_error *err;
	int rc;			/* a failure inside the walk */
};

/* Text lines joined by newlines (remedies, learning), or NULL. */
static char *
join(char **v, int n, const char *sep)
{
	size_t len = 1;
	char *s;

	if (n == 0)
		return NULL;
	for (int i = 0; i < n; i++)
		len += strlen(v[i]) + strlen(sep);
	if ((s = malloc(len)) == NULL)
		return NULL;
	*s = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, v[i]);
	}
	return s;
}

/* Text as a JSON string; *bad set (and null given) when it is not UTF-8,
 * which JSON can't carry: export then fails rather than drop it. */
static json_t *
jtext(const char *v, int *bad)
{
	json_t *j;

	if (v == NULL)
		return json_null();
	if ((j = json_string(v)) == NULL) {
		*bad = 1;
		return json_null();
	}
	return j;
}

static json_t *
text_list(char **v, int n, int *bad)
{
	json_t *a = json_array();

	for (int i = 0; a && i < n; i++)
		json_array_append_new(a, jtext(v[i], bad));
	return a;
}

/*
 * What a field of an action held when it was recorded, where a later
 * correction changed it: the old value of the first correction after
 * event i of that field of that action (corrects) of stage, and, for an
 * extension, of that one (item, from 1); NULL when none did. Import
 * replays the action as recorded, then the corrections.
 */
static const struct event_rec *
corrected_later(const struct event_rec *ev, int n_ev, int i,
    const char *corrects, int stage, int item, const char *field)
{
	for (int k = i + 1; k < n_ev; k++) {
		const struct event_rec *e = &ev[k];

		if (e->field != NULL && e->corrects != NULL &&
		    strcmp(e->corrects, corrects) == 0 && e->stage == stage &&
		    e->item == item && strcmp(e->field, field) == 0)
			return e;
	}
	return NULL;
}

/* Lines of text as a list of JSON strings ([] for NULL). */
static json_t *
lines_json(const char *text, int *bad)
{
	json_t *a = json_array();
	const char *p = text;

	while (a != NULL && p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);

		if (line == NULL) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, jtext(line, bad));
		free(line);
		p = nl ? nl + 1 : NULL;
	}
	return a;
}

/* An amendment's or a correction's parts: what import replays. */
static void
correction_json(json_t *o, const struct event_rec *e, int *bad)
{
	if (e->corrects != NULL)
		json_object_set_new(o, "corrects", json_string(e->corrects));
	if (e->item)
		json_object_set_new(o, "item", json_integer(e->item));
	json_object_set_new(o, "field", jtext(e->field, bad));
	json_object_set_new(o, "old", jtext(e->old_value, bad));
	json_object_set_new(o, "new", jtext(e->new_value, bad));
	json_object_set_new(o, "reason", jtext(e->reason, bad));
}

/* The case's every event, with what import needs to replay each: an
 * action with its values as recorded (a later correction changed them
 * since), an amendment or a correction with what it changed. */
static json_t *
history_json(const struct case_file *cf, const struct event_rec *ev,
    int n_ev, const struct attachment_rec *att, int n_att,
    const struct letter_rec *let, int n_let, int *bad)
{
	json_t *a = json_array();
	int ext_seen[16] = {0}, referred_seen = 0, attached_seen = 0;
	int letters_seen = 0, actions_seen = 0, *done_seen = NULL;
	int holds_seen[CPL_MAX_STAGES + 1] = {0}, remedies_seen = 0;
	char d[DATE_LEN];

	if (cf->n_actions > 0 &&
	    (done_seen = calloc(cf->n_actions, sizeof(*done_seen))) == NULL) {
		json_decref(a);
		return NULL;
	}

	for (int i = 0; a && i < n_ev; i++) {
		const struct event_rec *e = &ev[i];
		const struct stage_rec *st = e->stage >= 1 &&
		    e->stage <= cf->n_stages ? &cf->stages[e->stage - 1] : NULL;
		json_t *o = json_object();

		date_format(e->date, d);
		json_object_set_new(o, "date", json_string(d));
		json_object_set_new(o, "officer", jtext(e->officer, bad));
		json_object_set_new(o, "action", jtext(e->action, bad));
		json_object_set_new(o, "stage", e->stage ? json_integer(e->stage) :
		    json_null());
		json_object_set_new(o, "detail", jtext(e->detail, bad));
		if (e->field != NULL) {
			correction_json(o, e, bad);
		} else if (st != NULL && strcmp(e->action, "responded") == 0) {
			const struct event_rec *c;

			c = corrected_later(ev, n_ev, i, "respond", e->stage, 0,
			    "outcome");
			json_object_set_new(o, "outcome", jtext(c ? c->old_value :
			    st->outcome, bad));
			c = corrected_later(ev, n_ev, i, "respond", e->stage, 0,
			    "remedies");
			json_object_set_new(o, "remedies", c ?
			    lines_json(c->old_value, bad) : text_list(st->remedies,
			    st->n_remedies, bad));
			c = corrected_later(ev, n_ev, i, "respond", e->stage, 0,
			    "learning");
			json_object_set_new(o, "learning", c ?
			    lines_json(c->old_value, bad) : text_list(st->learning,
			    st->n_learning, bad));
		} else if (st != NULL && strcmp(e->action, "extended") == 0 &&
		    e->stage < 16 && ext_seen[e->stage] < st->n_ext) {
			/* The stage's extensions, in the order they were made. */
			int item = ext_seen[e->stage]++;
			const struct extension_rec *x = &st->ext[item];
			const struct event_rec *c = corrected_later(ev, n_ev, i,
			    "extend", e->stage, item + 1, "days");
			json_object_set_new(o, "days", c && c->old_value ?
			    json_integer(atoi(c->old_value)) : json_integer(x->days));
			json_object_set_new(o, "reason", jtext(x->reason, bad));
			json_object_set_new(o, "told", json_boolean(x->told));
		} else if (st != NULL && strcmp(e->action, "escalated") == 0) {
			json_object_set_new(o, "reason",
			    jtext(st->escalation_reason, bad));
		} else if (st != NULL && strcmp(e->action, "held") == 0 &&
		    e->stage <= CPL_MAX_STAGES && holds_seen[e->stage] < st->n_holds) {
			/* The stage's holds, in the order made (the day it
			 * resumed is its "resumed" event's). */
			const struct hold_rec *h =
			    &st->holds[holds_seen[e->stage]++];

			json_object_set_new(o, "reason", jtext(h->reason, bad));
			if (h->until != NO_DATE) {
				date_format(h->until, d);
				json_object_set_new(o, "until", json_string(d));
			} else
				json_object_set_new(o, "until", json_null());
		} else if (strcmp(e->action, "attached") == 0 &&
		    attached_seen < n_att) {
			/* The document's description, never its bytes: those
			 * are files of their own (export_cases' attachments
			 * directory), named by their SHA-256. The documents
			 * in the order they were added, as their events. */
			const struct attachment_rec *x = &att[attached_seen++];

			json_object_set_new(o, "name", jtext(x->name, bad));
			json_object_set_new(o, "media_type",
			    jtext(x->media_type, bad));
			json_object_set_new(o, "size", json_integer(x->size));
			json_object_set_new(o, "sha256", jtext(x->sha256, bad));
			json_object_set_new(o, "note", jtext(x->note, bad));
		} else if (strcmp(e->action, "letter-sent") == 0 &&
		    letters_seen < n_let) {
			/* The letter whole, as it was sent (its stage is the
			 * event's): the letters in the order of their events. */
			const struct letter_rec *l = &let[letters_seen++];

			json_object_set_new(o, "kind", jtext(l->kind, bad));
			json_object_set_new(o, "via", jtext(l->via, bad));
			json_object_set_new(o, "text", jtext(l->text, bad));
		} else if (strcmp(e->action, "action-added") == 0 &&
		    actions_seen < cf->n_actions) {
			/* The actions in the order they were added, as their
			 * numbers. */
			const struct action_rec *x = &cf->actions[actions_seen++];

			json_object_set_new(o, "what", jtext(x->what, bad));
			date_format(x->due, d);
			json_object_set_new(o, "due", json_string(d));
			json_object_set_new(o, "owner", jtext(x->owner, bad));
		} else if (strcmp(e->action, "action-done") == 0) {
			/* Which action: the one the event names ("action N:
			 * ..."), else (its detail purged) the first done that
			 * day not yet given. */
			int n = e->detail && strncmp(e->detail, "action ", 7) == 0 ?
			    atoi(e->detail + 7) : 0;

			for (int k = 0; n == 0 && k < cf->n_actions; k++)
				if (!done_seen[k] && cf->actions[k].done == e->date)
					n = k + 1;
			if (n >= 1 && n <= cf->n_actions) {
				done_seen[n - 1] = 1;
				json_object_set_new(o, "number", json_integer(n));
			}
		} else if (strcmp(e->action, "referred") == 0 &&
		    referred_seen < cf->n_referrals) {
			/* The reference as it was at the referral: the event says
			 * "BODY[, reference REF]". */
			const char *r = e->detail ? strstr(e->detail, ", reference ") :
			    NULL;
			json_object_set_new(o, "body", jtext(
			    cf->referrals[referred_seen++].body, bad));
			json_object_set_new(o, "reference", r ? jtext(r + 12, bad) :
			    json_null());
		} else if (strcmp(e->action, "ombudsman-remedy") == 0) {
			/* The remedies in the order of their referrals. */
			const struct referral_rec *r = NULL;

			for (int k = 0, seen = 0; k < cf->n_referrals; k++)
				if (cf->referrals[k].remedy != NULL &&
				    seen++ == remedies_seen) {
					r = &cf->referrals[k];
					break;
				}
			remedies_seen++;
			json_object_set_new(o, "remedy", r ? jtext(r->remedy, bad) :
			    json_null());
			if (r != NULL && r->remedy_due != NO_DATE)
				date_format(r->remedy_due, d);
			json_object_set_new(o, "due", r != NULL &&
			    r->remedy_due != NO_DATE ? json_string(d) :
			    json_null());
		}
		json_array_append_new(a, o);
	}
	free(done_seen);
	return a;
}

/* A text stored as given that is not UTF-8 (see complaints-export(1)). */
static int
not_utf8(struct exporter *x, const char *ref, const char *where)
{
	return cpl_fail(x->err, CPL_STORE, "case '%s': a text of %s is not "
	    "UTF-8, which JSON can't carry: export stopped (CSV without the "
	    "history carries text as stored)", ref, where);
}

/* Letters in the order of their events, as the history lists them. */
static int
by_event(const void *a, const void *b)
{
	const struct letter_rec *x = a, *y = b;

	return (x->event_id > y->event_id) - (x->event_id < y->event_id);
}

void
export_row_free(struct export_row *row)
{
	json_decref(row->history);
	for (int i = 0; i < row->n_att; i++)
		attachment_rec_free(&row->att[i]);
	free(row->att);
	store_letters_free(row->letters, row->n_letters);
	for (int i = 0; i < 3 * CPL_MAX_STAGES; i++)
		free(row->owned[i]);
	case_file_free(&row->cf);
	memset(row, 0, sizeof(*row));
}

int
export_row_read(struct session *s, const char *ref, int with_history,
    int deadlines, struct export_row *row, struct cpl_error *err)
{
	struct case_file *cf = &row->cf;
	struct deadlines d[CPL_MAX_STAGES];
	struct event_rec *ev = NULL;
	const char **v = row->v;
	int n_ev = 0, rc;

	memset(row, 0, sizeof(*row));
	for (int i = 0; i < CPL_MAX_STAGES; i++)
		d[i].ack_due = d[i].response_due = d[i].response_target =
		    NO_DATE;
	if ((rc = case_load(s, ref, cf, err)))
		return rc;
	row->case_id = cf->c.id;
	row->n_stages = cf->n_stages;
	for (int i = 0; deadlines && i < cf->n_stages && i < CPL_MAX_STAGES;
	    i++)
		if ((rc = stage_deadlines_now(&cf->pol->cal, &cf->stages[i],
		    &d[i], err)))
			return rc;
	if (with_history &&
	    (rc = store_events(s->st, cf->c.id, &ev, &n_ev, err)))
		return rc;

#define DATE(col, when) do {						\
	if ((when) != NO_DATE) {					\
		date_format((when), row->dates[col]);			\
		v[col] = row->dates[col];				\
	}								\
} while (0)
	v[C_REF] = cf->c.ref;
	v[C_EXTERNAL_REF] = cf->c.external_ref;
	v[C_POLICY] = cf->c.policy;
	v[C_KIND] = cf->c.kind;
	v[C_STATUS] = cf->c.closed == NO_DATE ? "open" : "closed";
	snprintf(row->num[0], sizeof(row->num[0]), "%d", cf->n_stages);
	v[C_STAGE] = row->num[0];
	v[C_COMPLAINANT] = cf->c.complainant;
	v[C_ANONYMOUS] = cf->c.anonymous ? "true" : "false";
	v[C_CONTACT] = cf->c.contact;
	v[C_ON_BEHALF_OF] = cf->c.on_behalf_of;
	v[C_CONSENT] = cf->c.consent ? "true" : "false";
	v[C_CHANNEL] = cf->c.channel;
	v[C_SERVICE] = cf->c.service;
	v[C_CATEGORY] = cf->c.category;
	v[C_SUMMARY] = cf->c.summary;
	DATE(C_RECEIVED, cf->c.received);
	DATE(C_OCCURRED, cf->c.occurred);
	v[C_LATE_REASON] = cf->c.late_reason;
	v[C_ACCEPT_ANYWAY] = cf->c.accepted_anyway;
	v[C_OFFICER] = cf->c.logged_by;
	/* A deadline a hold in force stops is empty, as show gives it. */
	DATE(C_RESOLVE_DUE, case_resolve_due_now(cf));
	v[C_ABOUT_STAFF] = cf->rules.about_staff;
	v[C_DISCRIMINATION] = cf->rules.discrimination ? "true" : "false";
	v[C_LATE_GRANTED_BY] = cf->rules.late_granted_by;
	if (cf->rules.informal)
		DATE(C_RESOLVED_INFORMALLY, cf->rules.informal_on);
	for (int k = 0; k < CPL_MAX_STAGES && k < cf->n_stages; k++) {
		const struct stage_cols *c = &stage_cols[k];
		const struct stage_rec *st = &cf->stages[k];
		int days = 0, told = 1;

		if (strcmp(cf->c.kind, "service-request") == 0)
			break;
		/* Without the history, who handled the stage. */
		if (!with_history)
			v[c->officer] = st->responded_by ? st->responded_by :
			    st->officer;
		DATE(c->acknowledged, st->acknowledged);
		DATE(c->ack_due, d[k].ack_due);
		/* Several extensions, flat: their days summed, their
		 * reasons joined, the last one's date. */
		for (int i = 0; i < st->n_ext; i++) {
			days += st->ext[i].days;
			told &= st->ext[i].told;
		}
		if (st->n_ext > 0) {
			char **reasons = calloc(st->n_ext, sizeof(char *));
			snprintf(row->num[1 + k], sizeof(row->num[1 + k]), "%d",
			    days);
			v[c->days] = row->num[1 + k];
			for (int i = 0; reasons && i < st->n_ext; i++)
				reasons[i] = st->ext[i].reason;
			v[c->reason] = row->owned[k * 3] = reasons ?
			    join(reasons, st->n_ext, "; ") : NULL;
			free(reasons);
			v[c->told] = told ? "true" : "false";
			DATE(c->extended, st->ext[st->n_ext - 1].date);
		}
		DATE(c->response_due, d[k].response_due);
		DATE(c->responded, st->responded);
		v[c->outcome] = st->outcome;
		v[c->remedy] = row->owned[k * 3 + 1] = join(st->remedies,
		    st->n_remedies, "\n");
		v[c->learning] = row->owned[k * 3 + 2] = join(st->learning,
		    st->n_learning, "\n");
		if (k > 0) {
			DATE(c->escalated, st->opened);
			v[c->escalation_reason] = st->escalation_reason;
		}
	}
	DATE(C_CLOSED, cf->c.closed);
	v[C_CLOSE_REASON] = cf->c.close_reason;
	if (cf->n_referrals > 0) {
		const struct referral_rec *r = &cf->referrals[cf->n_referrals - 1];
		DATE(C_REFERRED, r->referred);
		v[C_OMBUDSMAN_BODY] = r->body;
		v[C_OMBUDSMAN_REFERENCE] = r->reference;
		v[C_OMBUDSMAN_DECISION] = r->decision;
		DATE(C_OMBUDSMAN_DECIDED, r->decided);
	}
#undef DATE
	if (with_history && (rc = store_attachments(s->st, cf->c.id,
	    &row->att, &row->n_att, err)) == 0 &&
	    (rc = store_letters(s->st, cf->c.id, &row->letters,
	    &row->n_letters, err)) == 0) {
		if (row->n_letters > 1)
			qsort(row->letters, row->n_letters,
			    sizeof(*row->letters), by_event);
		if ((row->history = history_json(cf, ev, n_ev, row->att,
		    row->n_att, row->letters, row->n_letters,
		    &row->bad_text)) == NULL)
			rc = cpl_nomem(err);
	}
	store_events_free(ev, n_ev);
	return rc;
}

/* A restriction's fields (NULL: none) and events, as JSON. */
json_t *
export_restriction(const struct restriction_rec *r,
    const struct event_rec *ev, int n_ev, int *bad)
{
	json_t *o = json_object(), *h = json_array();
	char imposed[DATE_LEN], review[DATE_LEN], lifted[DATE_LEN];

	if (o == NULL || h == NULL) {
		json_decref(o);
		json_decref(h);
		return NULL;
	}
	date_format(r->imposed, imposed);
	date_format(r->review, review);
	if (r->lifted != NO_DATE)
		date_format(r->lifted, lifted);
	json_object_set_new(o, "complainant", jtext(r->complainant, bad));
	json_object_set_new(o, "kind", jtext(r->kind, bad));
	json_object_set_new(o, "detail", jtext(r->detail, bad));
	json_object_set_new(o, "reason", jtext(r->reason, bad));
	json_object_set_new(o, "imposed", json_string(imposed));
	json_object_set_new(o, "review", json_string(review));
	json_object_set_new(o, "officer", jtext(r->officer, bad));
	json_object_set_new(o, "lifted", r->lifted != NO_DATE ?
	    json_string(lifted) : json_null());
	json_object_set_new(o, "lifted_reason", jtext(r->lifted_reason, bad));
	if (r->decided_by != NULL)
		json_object_set_new(o, "decided_by", jtext(r->decided_by, bad));
	for (int i = 0; i < n_ev; i++) {
		json_t *e = json_object();
		char d[DATE_LEN];

		date_format(ev[i].date, d);
		json_object_set_new(e, "date", json_string(d));
		json_object_set_new(e, "officer", jtext(ev[i].officer, bad));
		json_object_set_new(e, "action", jtext(ev[i].action, bad));
		json_object_set_new(e, "detail", jtext(ev[i].detail, bad));
		json_array_append_new(h, e);
	}
	json_object_set_new(o, "history", h);
	return o;
}

/* The restrictions an export with the history carries: those on the
 * complainants of the cases it writes (marked as each case is written),
 * lifted ones too. */
struct carried {
	struct restriction_rec *r;
	int n;
	char **keys;		/* each one's complainant, as name_key has it */
	char *marked;		/* a case of theirs is in the export */
};

static void
carried_free(struct carried *c)
{
	for (int i = 0; c->keys != NULL && i < c->n; i++)
		free(c->keys[i]);
	free(c->keys);
	free(c->marked);
	store_restrictions_free(c->r, c->n);
	memset(c, 0, sizeof(*c));
}

static int
carried_read(struct session *s, struct carried *c, struct cpl_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = store_restrictions(s->st, NULL, 1, &c->r, &c->n, err)))
		return rc;
	if (c->n == 0)
		return 0;
	if ((c->keys = calloc(c->n, sizeof(*c->keys))) == NULL ||
	    (c->marked = calloc(c->n, 1)) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < c->n; i++)
		if ((c->keys[i] = name_key(c->r[i].complainant)) == NULL)
			return cpl_nomem(err);
	return 0;
}

/* Mark the restrictions on complainant, whose case is written. */
static int
carried_mark(struct carried *c, const char *complainant)
{
	char *key;

	if (c->n == 0 || complainant == NULL)
		return 0;
	if ((key = name_key(complainant)) == NULL)
		return -1;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0)
			c->marked[i] = 1;
	free(key);
	return 0;
}

/* export_cases' writer of a document's bytes: to the file descriptor
 * *arg. */
static int
to_fd(void *arg, const void *buf, size_t len, struct cpl_error *err)
{
	if (write_all(*(int *)arg, buf, len) != 0)
		return cpl_fail(err, CPL_USAGE, "can't write a document: %s",
		    strerror(errno));
	return 0;
}

/* The document of sha256 as the file dir/SHA256, whole (written anew,
 * so a copy there that was changed is put right). */
static int
write_document(struct session *s, const char *dir, const char *sha256,
    struct cpl_error *err)
{
	struct atomic_file af;
	char *path = path_join(dir, sha256);
	int rc;

	if (path == NULL)
		return cpl_nomem(err);
	if ((rc = atomic_open(&af, path, err)) == 0) {
		if ((rc = store_content_write(s->st, sha256, to_fd, &af.fd,
		    err)) == 0)
			rc = atomic_commit(&af, err);
		else
			atomic_abort(&af);
	}
	free(path);
	return rc;
}

static int
export_one(const char *ref, void *arg)
{
	struct exporter *x = arg;
	struct session *s = x->s;
	struct export_row row;
	const char **v = row.v;
	int rc, bad = 0;

	if ((rc = export_row_read(s, ref, x->history, 1, &row, x->err)))
		goto out;
	if (row.bad_text) {
		rc = not_utf8(x, ref, "its history");
		goto out;
	}
	if (x->history && !row.cf.c.anonymous &&
	    carried_mark(x->carried, row.cf.c.complainant) != 0) {
		rc = cpl_nomem(x->err);
		goto out;
	}
	if (x->fmt == EXPORT_CSV) {
		char *h = row.history ? json_dumps(row.history, JSON_COMPACT |
		    JSON_PRESERVE_ORDER) : NULL;

		for (int i = 0; i < N_COLS; i++) {
			if (i == C_HISTORY && !x->history)
				continue;
			if (!column_written(i, x->n_stages))
				continue;
			if (i)
				putc(',', x->out);
			put_csv(x->out, i == C_HISTORY ? h : v[i], x->tty);
		}
		putc('\n', x->out);
		free(h);
	} else {
		json_t *o = json_object();

		for (int i = 0; o && i < N_COLS; i++) {
			json_t *j;
			int which = -1;

			if (!column_written(i, x->n_stages))
				continue;
			column_stage(i, &which);
			if (i == C_HISTORY) {
				if (x->history)
					json_object_set(o, "history", row.history);
				continue;
			}
			if (v[i] == NULL)
				j = json_null();
			else if (i == C_ANONYMOUS || i == C_CONSENT ||
			    which == SC_EXTENSION_TOLD || i == C_DISCRIMINATION)
				j = json_boolean(strcmp(v[i], "true") == 0);
			else if (i == C_STAGE || which == SC_EXTENSION_DAYS)
				j = json_integer(atoi(v[i]));
			else
				j = jtext(v[i], &bad);
			json_object_set_new(o, columns[i].name, j);
		}
		if (bad) {
			json_decref(o);
			rc = not_utf8(x, ref, "it");
			goto out;
		}
		if (o == NULL || json_dumpf(o, x->out, JSON_COMPACT |
		    JSON_PRESERVE_ORDER) != 0)
			rc = cpl_fail(x->err, CPL_STORE, "can't write the case");
		putc('\n', x->out);
		json_decref(o);
	}
	for (int i = 0; rc == 0 && x->attachments && i < row.n_att; i++)
		rc = write_document(s, x->attachments, row.att[i].sha256,
		    x->err);
	if (rc == 0 && x->audit)
		rc = store_audit_note(s->st, row.case_id, row.n_stages, x->err);
	if (rc == 0)
		x->n++;
out:
	export_row_free(&row);
	if (rc)
		x->rc = rc;
	return rc ? 1 : 0;
}

/*
 * After the cases, a line a restriction on their complainants:
 * {"restriction": {...}} (JSON lines; a CSV holds cases only, and says
 * so).
 */
static int
export_restrictions(struct exporter *x, struct carried *c,
    struct cpl_error *err)
{
	int n = 0, rc = 0;

	for (int i = 0; i < c->n; i++)
		n += c->marked[i];
	if (n == 0)
		return 0;
	if (x->fmt == EXPORT_CSV) {
		session_warn(x->s, "the %d restriction%s on complainants of these "
		    "cases %s not in a CSV file: JSON lines carry them", n,
		    n == 1 ? "" : "s", n == 1 ? "is" : "are");
		return 0;
	}
	for (int i = 0; rc == 0 && i < c->n; i++) {
		struct event_rec *ev = NULL;
		json_t *o, *line;
		int n_ev = 0, bad = 0;

		if (!c->marked[i])
			continue;
		if ((rc = store_restriction_events(x->s->st, c->r[i].id, &ev,
		    &n_ev, err)))
			break;
		o = export_restriction(&c->r[i], ev, n_ev, &bad);
		store_events_free(ev, n_ev);
		if (o == NULL || (line = json_pack("{s:o}", "restriction",
		    o)) == NULL)
			return cpl_nomem(err);
		if (bad)
			rc = cpl_fail(err, CPL_STORE, "restriction %lld: a text of "
			    "it is not UTF-8, which JSON can't carry: export "
			    "stopped", (long long)c->r[i].id);
		else if (json_dumpf(line, x->out, JSON_COMPACT |
		    JSON_PRESERVE_ORDER) != 0)
			rc = cpl_fail(err, CPL_STORE, "can't write the restriction");
		else
			putc('\n', x->out);
		json_decref(line);
	}
	return rc;
}

/* The most stages of a policy any case of the store was logged under:
 * the stages export writes columns for. */
static int
most_stages(struct session *s, int *n_stages, struct cpl_error *err)
{
	int64_t *versions = NULL;
	int rc, n = 0;

	if ((rc = store_report_versions(s->st, &versions, &n, err)))
		return rc;
	for (int i = 0; i < n; i++) {
		const struct policy *pol;

		if ((rc = case_policy(s, versions[i], &pol, err)))
			break;
		if (pol->n_stages > *n_stages)
			*n_stages = pol->n_stages;
	}
	free(versions);
	return rc;
}

int
export_cases(struct session *s, FILE *out, enum export_format fmt,
    cpl_date from, cpl_date to, int history, const char *attachments,
    long *n, struct cpl_error *err)
{
	struct carried carried;
	struct exporter x = {s, attachments, out, output_to_terminal(out), 0,
	    fmt, history, 2, &carried, 0, err, 0};
	char *audit = NULL;
	int rc;

	*n = 0;
	/* Where reading is audited, who exported which case is recorded. */
	if ((rc = store_get_setting(s->st, "audit_reads", &audit, err)))
		return rc;
	x.audit = audit != NULL && strcmp(audit, "on") == 0;
	free(audit);
	if (x.audit && s->officer == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OFFICER,
		    "reading is audited in this store: who is exporting? (name "
		    "them, or set COMPLAINTS_OFFICER)");
	/* One snapshot: the export is the store as it was at one moment,
	 * whatever officers do meanwhile. */
	if ((rc = store_read_begin(s->st, err)))
		return rc;
	if ((rc = most_stages(s, &x.n_stages, err)) == 0 && fmt == EXPORT_CSV) {
		for (int i = 0; i < N_COLS; i++) {
			if (i == C_HISTORY && !history)
				continue;
			if (column_written(i, x.n_stages))
				fprintf(out, "%s%s", i ? "," : "", columns[i].name);
		}
		putc('\n', out);
	}
	memset(&carried, 0, sizeof(carried));
	if (rc == 0 && (!history || (rc = carried_read(s, &carried, err)) == 0) &&
	    (rc = store_case_refs(s->st, from, to, export_one, &x, err)) == 0 &&
	    x.rc == 0 && history &&
	    (rc = export_restrictions(&x, &carried, err)) == 0 &&
	    fmt != EXPORT_CSV)
		rc = links_export(s, out, from, to, err);
	store_read_end(s->st);
	carried_free(&carried);
	*n = x.n;
	if (x.rc)
		return x.rc;
	if (rc == 0 && x.audit)
		rc = store_audit_record(s->st, s->today, s->officer, "exported",
		    err);
	return rc;
}
