/*
 * case_view.c: reading a case for viewing, with the read audited, and
 * show's output (see case_view.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "case_view.h"
#include "links.h"
#include "case_int.h"
#include "vocabulary.h"

/* Does event a come before b: by the day it happened, then the moment
 * it was recorded? */
static int
event_before(const struct event_rec *a, const struct event_rec *b)
{
	if (a->date != b->date)
		return a->date < b->date;
	return strcmp(a->recorded ? a->recorded : "",
	    b->recorded ? b->recorded : "") < 0;
}

/*
 * The history by the day each thing happened, then by when it was
 * recorded: an action entered late (--date a day before another) takes
 * its place in the story. A stable insertion sort: the events come in
 * the order they were recorded, mostly in order already.
 */
static void
sort_events(struct event_rec *ev, int n)
{
	for (int i = 1; i < n; i++) {
		struct event_rec e = ev[i];
		int k = i;

		while (k > 0 && event_before(&e, &ev[k - 1])) {
			ev[k] = ev[k - 1];
			k--;
		}
		ev[k] = e;
	}
}

int
case_view(struct session *s, const char *ref, enum case_view_what what,
    struct case_view *v, struct cpl_error *err)
{
	int rc;

	memset(v, 0, sizeof(*v));
	rc = what == VIEW_WHOLE_CASE ? case_load_full(s, ref, &v->cf, err) :
	    case_load(s, ref, &v->cf, err);
	if (rc)
		return rc;
	v->loaded = 1;
	if (what == VIEW_WHOLE_CASE) {
		if ((v->d = calloc(v->cf.n_stages, sizeof(*v->d))) == NULL)
			return cpl_nomem(err);
		for (int i = 0; i < v->cf.n_stages; i++)
			if ((rc = stage_deadlines_now(&v->cf.pol->cal,
			    &v->cf.stages[i], &v->d[i], err)))
				return rc;
	}
	/* Recorded before the history is read, so this viewing is in it. */
	if ((rc = case_audit_read(s, &v->cf, "viewed", err)) ||
	    (rc = store_events(s->st, v->cf.c.id, &v->ev, &v->n_ev, err)))
		return rc;
	if (what == VIEW_WHOLE_CASE &&
	    ((rc = papers_of(s, &v->cf, &v->papers, &v->n_papers, err)) ||
	    (rc = case_linked(s, v->cf.c.id, &v->linked, &v->n_linked, err))))
		return rc;
	if (what == VIEW_HISTORY)
		sort_events(v->ev, v->n_ev);
	return 0;
}

void
case_view_free(struct case_view *v)
{
	store_events_free(v->ev, v->n_ev);
	papers_free(v->papers, v->n_papers);
	store_links_free(v->linked, v->n_linked);
	free(v->d);
	if (v->loaded)
		case_file_free(&v->cf);
	memset(v, 0, sizeof(*v));
}

int
restriction_list(struct session *s, const char *complainant, int all,
    struct restriction_rec **r, int *n, struct cpl_error *err)
{
	return store_restrictions(s->st, complainant, all, r, n, err);
}

/* --- show's output --- */

static const char *
fmt_date(cpl_date d, char buf[DATE_LEN])
{
	if (d == NO_DATE)
		return NULL;
	date_format(d, buf);
	return buf;
}

static const char *
case_status(const struct case_rec *c)
{
	return c->closed == NO_DATE ? "open" : "closed";
}

static const char *
case_officer(const struct case_file *cf)
{
	return cf->stages[cf->n_stages - 1].officer;
}

static void
json_field(FILE *f, const char *indent, const char *name, const char *v,
    int last)
{
	fprintf(f, "%s\"%s\": ", indent, name);
	put_json_str(f, v);
	fputs(last ? "\n" : ",\n", f);
}

/* One more member of an object on one line: , "name": "v". */
static void
json_member(FILE *f, const char *name, const char *v)
{
	fprintf(f, ", \"%s\": ", name);
	put_json_str(f, v);
}

static void
json_list(FILE *f, const char *indent, const char *name, char **v, int n)
{
	fprintf(f, "%s\"%s\": [", indent, name);
	for (int i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		put_json_str(f, v[i]);
	}
	fputs("],\n", f);
}

/* A service request has no complaint stages to show (its one stage row
 * only carries the officer). */
static int
shown_stages(const struct case_file *cf)
{
	return strcmp(cf->c.kind, "service-request") == 0 ? 0 : cf->n_stages;
}

static void ombudsman_text(FILE *f, const struct case_file *cf, int tty);

/* Did the council comply with the ombudsman's remedy by its due day: 1, 0,
 * or -1 (not yet, or no due day given). */
static int
complied_on_time(const struct referral_rec *r)
{
	if (r->complied == NO_DATE || r->remedy_due == NO_DATE)
		return -1;
	return r->complied <= r->remedy_due;
}

/* What the ombudsman's decision asks of the council, in a referral's
 * object. */
static void
remedy_json(FILE *f, const struct referral_rec *r)
{
	char b[DATE_LEN];
	int t = complied_on_time(r);

	json_member(f, "remedy", r->remedy);
	json_member(f, "remedy_due", fmt_date(r->remedy_due, b));
	json_member(f, "complied", fmt_date(r->complied, b));
	fprintf(f, ", \"complied_on_time\": %s", t < 0 ? "null" :
	    t ? "true" : "false");
}

static void
restrictions_referrals_json(FILE *f, const struct case_file *cf)
{
	char b[DATE_LEN];

	fputs("  \"restrictions\": [", f);
	for (int i = 0; i < cf->n_restrictions; i++) {
		const struct restriction_rec *r = &cf->restrictions[i];
		fprintf(f, "%s{\"id\": %lld, \"kind\": ", i ? ", " : "",
		    (long long)r->id);
		put_json_str(f, r->kind);
		json_member(f, "detail", r->detail);
		json_member(f, "reason", r->reason);
		json_member(f, "imposed", fmt_date(r->imposed, b));
		json_member(f, "review", fmt_date(r->review, b));
		fputs("}", f);
	}
	fputs("],\n  \"referrals\": [", f);
	for (int i = 0; i < cf->n_referrals; i++) {
		const struct referral_rec *r = &cf->referrals[i];
		fputs(i ? ", {\"body\": " : "{\"body\": ", f);
		put_json_str(f, r->body);
		json_member(f, "referred", fmt_date(r->referred, b));
		json_member(f, "reference", r->reference);
		json_member(f, "decision", r->decision);
		json_member(f, "decided", fmt_date(r->decided, b));
		remedy_json(f, r);
		fputs("}", f);
	}
	fputs("],\n", f);
	/* The ombudsman the case goes to after the last stage, as the
	 * referral and the letters choose it. */
	if (cf->pol != NULL && cf->pol->n_ombudsmen > 0)
		json_field(f, "  ", "ombudsman",
		    choose_ombudsman(cf->pol, &cf->c)->id, 0);
}

/* The outstanding actions, in JSON: each with its state in words. */
static void
actions_json(FILE *f, const struct case_file *cf)
{
	char b[DATE_LEN], state[96];

	fputs("  \"actions\": [", f);
	for (int i = 0; i < cf->n_actions; i++) {
		const struct action_rec *a = &cf->actions[i];

		action_state(&cf->pol->cal, a, cf->today, state, sizeof(state));
		fprintf(f, "%s{\"n\": %d, \"stage\": %d, \"what\": ",
		    i ? ", " : "", a->n, a->stage);
		put_json_str(f, a->what);
		json_member(f, "owner", a->owner);
		json_member(f, "due", fmt_date(a->due, b));
		json_member(f, "added", fmt_date(a->added, b));
		json_member(f, "officer", a->officer);
		json_member(f, "done", fmt_date(a->done, b));
		json_member(f, "done_by", a->done_by);
		json_member(f, "state", state);
		fprintf(f, ", \"working_days_overdue\": %d}",
		    action_days_overdue(&cf->pol->cal, a, cf->today));
	}
	fputs("],\n", f);
}

/* The other cases of its group of linked cases: reference, status and
 * current stage, as show gives them. */
static void
linked_json(FILE *f, const struct link_rec *l, int n)
{
	fputs("  \"linked\": [", f);
	for (int i = 0; i < n; i++) {
		fputs(i ? ", {\"ref\": " : "{\"ref\": ", f);
		put_json_str(f, l[i].ref);
		json_member(f, "status", l[i].closed == NO_DATE ? "open" :
		    "closed");
		fprintf(f, ", \"stage\": %d}", l[i].stage);
	}
	fputs("],\n", f);
}

/* The working days a hold resumed held the stage, or -1: not known (a
 * day outside the calendar). */
static int
held_days(const struct case_file *cf, const struct hold_rec *h)
{
	struct cpl_error ignored;
	int n;

	if (h->resumed == NO_DATE || working_days_between(&cf->pol->cal,
	    h->held, h->resumed, &n, &ignored) != 0)
		return -1;
	return n;
}

/* The working days stage s has been held so far, or -1: not known (a day
 * outside the calendar). */
static int
days_held_so_far(const struct case_file *cf, const struct stage_rec *s)
{
	struct cpl_error ignored;
	int n;

	if (stage_days_held(&cf->pol->cal, s, cf->today, &n, &ignored) != 0)
		return -1;
	return n;
}

static void
holds_json(FILE *f, const struct case_file *cf, const struct stage_rec *s)
{
	char b[DATE_LEN];
	int held;

	fputs(",\n      \"holds\": [", f);
	for (int k = 0; k < s->n_holds; k++) {
		const struct hold_rec *h = &s->holds[k];

		fprintf(f, "%s{\"reason\": ", k ? ", " : "");
		put_json_str(f, h->reason);
		json_member(f, "held", fmt_date(h->held, b));
		json_member(f, "until", fmt_date(h->until, b));
		json_member(f, "resumed", fmt_date(h->resumed, b));
		json_member(f, "officer", h->officer);
		json_member(f, "resumed_by", h->resumed_by);
		if (held_days(cf, h) >= 0)
			fprintf(f, ", \"working_days\": %d", held_days(cf, h));
		else
			fputs(", \"working_days\": null", f);
		fputs("}", f);
	}
	fputs("]", f);
	fprintf(f, ",\n      \"on_hold\": %s", hold_in_force(s) != NULL ?
	    "true" : "false");
	if ((held = days_held_so_far(cf, s)) >= 0)
		fprintf(f, ",\n      \"working_days_held\": %d", held);
	else
		fputs(",\n      \"working_days_held\": null", f);
}

static void
linked_text(FILE *f, const struct link_rec *l, int n)
{
	for (int i = 0; i < n; i++) {
		fprintf(f, "%-14s", "linked");
		put_escaped(f, l[i].ref);
		if (l[i].closed != NO_DATE)
			fputs(" (closed", f);
		else
			fputs(" (open", f);
		if (strcmp(l[i].kind, "complaint") == 0)
			fprintf(f, ", stage %d)\n", l[i].stage);
		else
			fprintf(f, ", %s)\n", l[i].kind);
	}
}

/* The seeds' smaller rules the case keeps (lib/rules.c), as JSON members
 * of the case. */
static void
rules_json(FILE *f, const struct case_file *cf)
{
	const struct case_rules_rec *r = &cf->rules;
	char b[DATE_LEN];

	json_field(f, "  ", "about_staff", r->about_staff, 0);
	fprintf(f, "  \"discrimination\": %s,\n", r->discrimination ? "true" :
	    "false");
	json_field(f, "  ", "late_granted_by", r->late_granted_by, 0);
	json_field(f, "  ", "resolved_informally", r->informal ?
	    fmt_date(r->informal_on, b) : NULL, 0);
}

static void
case_json(FILE *f, const struct case_file *cf, const struct deadlines *d,
    const struct event_rec *ev, int n_ev, const struct paper *p, int np,
    const struct link_rec *l, int nl)
{
	const struct case_rec *c = &cf->c;
	char b[DATE_LEN];

	fputs("{\n", f);
	json_field(f, "  ", "ref", c->ref, 0);
	json_field(f, "  ", "policy", c->policy, 0);
	json_field(f, "  ", "kind", c->kind, 0);
	json_field(f, "  ", "status", case_status(c), 0);
	if (shown_stages(cf) == 0)
		fputs("  \"stage\": null,\n", f);
	else
		fprintf(f, "  \"stage\": %d,\n", cf->n_stages);
	json_field(f, "  ", "complainant", c->complainant, 0);
	fprintf(f, "  \"anonymous\": %s,\n", c->anonymous ? "true" : "false");
	json_field(f, "  ", "contact", c->contact, 0);
	json_field(f, "  ", "on_behalf_of", c->on_behalf_of, 0);
	fprintf(f, "  \"consent\": %s,\n", c->consent ? "true" : "false");
	json_field(f, "  ", "service", c->service, 0);
	json_field(f, "  ", "category", c->category, 0);
	json_field(f, "  ", "channel", c->channel, 0);
	json_field(f, "  ", "summary", c->summary, 0);
	json_field(f, "  ", "received", fmt_date(c->received, b), 0);
	json_field(f, "  ", "occurred", fmt_date(c->occurred, b), 0);
	json_field(f, "  ", "officer", case_officer(cf), 0);
	json_field(f, "  ", "logged_by", c->logged_by, 0);
	json_field(f, "  ", "external_ref", c->external_ref, 0);
	json_field(f, "  ", "closed", fmt_date(c->closed, b), 0);
	json_field(f, "  ", "close_reason", c->close_reason, 0);
	json_field(f, "  ", "late_reason", c->late_reason, 0);
	json_field(f, "  ", "accepted_anyway", c->accepted_anyway, 0);
	rules_json(f, cf);
	json_field(f, "  ", "resolve_due", fmt_date(case_resolve_due_now(cf), b),
	    0);
	json_field(f, "  ", "purged", fmt_date(c->purged, b), 0);
	restrictions_referrals_json(f, cf);
	actions_json(f, cf);
	linked_json(f, l, nl);
	fputs("  \"stages\": [", f);
	for (int i = 0; i < shown_stages(cf); i++) {
		const struct stage_rec *s = &cf->stages[i];
		const char *in = "      ";
		fprintf(f, "%s\n    {\n      \"stage\": %d,\n", i ? "," : "",
		    s->stage);
		json_field(f, in, "opened", fmt_date(s->opened, b), 0);
		json_field(f, in, "officer", s->officer, 0);
		json_field(f, in, "ack_due", fmt_date(d[i].ack_due, b), 0);
		json_field(f, in, "acknowledged", fmt_date(s->acknowledged, b), 0);
		json_field(f, in, "response_due", fmt_date(d[i].response_due, b), 0);
		json_field(f, in, "response_target",
		    fmt_date(d[i].response_target, b), 0);
		json_field(f, in, "responded", fmt_date(s->responded, b), 0);
		json_field(f, in, "responded_by", s->responded_by, 0);
		json_field(f, in, "outcome", s->outcome, 0);
		json_field(f, in, "escalation_reason", s->escalation_reason, 0);
		json_list(f, in, "remedies", s->remedies, s->n_remedies);
		json_list(f, in, "learning", s->learning, s->n_learning);
		fputs("      \"extensions\": [", f);
		for (int k = 0; k < s->n_ext; k++) {
			fprintf(f, "%s{\"days\": %d, \"reason\": ", k ? ", " : "",
			    s->ext[k].days);
			put_json_str(f, s->ext[k].reason);
			json_member(f, "date", fmt_date(s->ext[k].date, b));
			json_member(f, "officer", s->ext[k].officer);
			fprintf(f, ", \"told\": %s}", s->ext[k].told ? "true" :
			    "false");
		}
		fputs("]", f);
		holds_json(f, cf, s);
		fputs("\n    }", f);
	}
	/* The case file, as complaints files gives it (when each entry
	 * was recorded aside: a copy imported elsewhere is recorded anew,
	 * as its history is). */
	fputs("\n  ],\n  \"files\": [", f);
	for (int i = 0; i < np; i++) {
		fprintf(f, "%s\n    {\"n\": %d, \"date\": ", i ? "," : "",
		    p[i].n);
		put_json_str(f, fmt_date(p[i].date, b));
		json_member(f, "kind", p[i].kind);
		json_member(f, "name", p[i].name);
		json_member(f, "media_type", p[i].media_type);
		fprintf(f, ", \"size\": %lld", (long long)p[i].size);
		json_member(f, "officer", p[i].officer);
		json_member(f, "sha256", p[i].sha256);
		json_member(f, "note", p[i].note);
		fputs("}", f);
	}
	fputs(np ? "\n  ],\n  \"history\": [" : "],\n  \"history\": [", f);
	for (int i = 0; i < n_ev; i++) {
		const struct event_rec *e = &ev[i];
		fprintf(f, "%s\n    {\"date\": ", i ? "," : "");
		put_json_str(f, fmt_date(e->date, b));
		json_member(f, "recorded", e->recorded);
		json_member(f, "officer", e->officer);
		json_member(f, "action", e->action);
		if (e->stage)
			fprintf(f, ", \"stage\": %d", e->stage);
		else
			fputs(", \"stage\": null", f);
		json_member(f, "detail", e->detail);
		/* An amendment's or a correction's parts, as history gives
		 * them. */
		if (e->field != NULL) {
			json_member(f, "corrects", e->corrects);
			if (e->item)
				fprintf(f, ", \"item\": %d", e->item);
			json_member(f, "field", e->field);
			json_member(f, "old", e->old_value);
			json_member(f, "new", e->new_value);
			json_member(f, "reason", e->reason);
		}
		fputs("}", f);
	}
	fputs("\n  ]\n}\n", f);
}

/* --- show's text --- */

/* A complaint, with its stages (not a comment, compliment or service
 * request). */
static int
complaint(const struct case_rec *c)
{
	return strcmp(c->kind, case_kinds[KIND_COMPLAINT]) == 0;
}

/* A day as people read it: on a terminal (tty), with its weekday. NULL
 * for NO_DATE. */
static const char *
day(cpl_date d, int tty, char buf[OUT_DATE_LEN])
{
	char iso[DATE_LEN];

	if (d == NO_DATE)
		return NULL;
	date_format(d, iso);
	if (out_date(iso, tty, buf) == iso)
		memcpy(buf, iso, DATE_LEN);
	return buf;
}

static void
line(FILE *f, const char *label, const char *v)
{
	if (v == NULL)
		return;
	/* Stage lines ("  remedy") line up with the deadlines beside them. */
	fprintf(f, label[0] == ' ' ? "%-18s" : "%-14s", label);
	put_escaped(f, v);
	putc('\n', f);
}

/* line() for a text of several lines (a summary): each of its lines on a
 * line of its own, under the first ("\r\n" is a line break too). */
static void
lines(FILE *f, const char *label, const char *v)
{
	const char *p = v, *nl;
	int first = 1;

	if (v == NULL)
		return;
	for (;;) {
		size_t n;
		char *one;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (nl && n > 0 && p[n - 1] == '\r')
			n--;
		/* A text that ends in line breaks ends at its last word. */
		if (nl != NULL && strspn(nl, "\r\n") == strlen(nl)) {
			nl = NULL;
		}
		fprintf(f, "%-14s", first ? label : "");
		if ((one = strndup(p, n)) != NULL) {
			put_escaped(f, one);
			free(one);
		}
		putc('\n', f);
		first = 0;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/*
 * Where a deadline not yet met stands today, as a stage's line says it:
 * "overdue by 3 working days", "overdue" (due on the last working day,
 * before today: no working day since), "due today", "due in 2 working
 * days". Empty when the calendar can't count it (today outside it).
 */
static void
standing(const struct calendar *cal, cpl_date due, cpl_date today,
    char *buf, size_t size)
{
	struct cpl_error ignored;
	int n;

	buf[0] = '\0';
	if (due == today)
		snprintf(buf, size, "due today");
	else if (due < today &&
	    working_days_between(cal, due, today, &n, &ignored) == 0)
		snprintf(buf, size, n > 0 ? "overdue by %d working day%s" :
		    "overdue", n, n == 1 ? "" : "s");
	else if (due > today &&
	    working_days_between(cal, today, due, &n, &ignored) == 0)
		snprintf(buf, size, "due in %d working day%s", n,
		    n == 1 ? "" : "s");
}

/*
 * A deadline of a stage: "  acknowledge     due 2026-01-16  done
 * 2026-01-15", or where it is not met and the stage is the open case's
 * current one, where it stands today; due is NULL where the date can't be
 * known yet, and then when says from what it will count.
 */
static void
deadline_line(FILE *f, const struct case_file *cf, const char *what,
    cpl_date due, const char *when, cpl_date done, int current, int tty)
{
	char b[OUT_DATE_LEN], mark[64] = "";
	const char *d = day(due, tty, b);

	fprintf(f, "  %-16sdue %s", what, d ? d : when ? when : "-");
	if (done != NO_DATE) {
		fprintf(f, "  done %s", day(done, tty, b));
		return;
	}
	if (d == NULL && when != NULL)
		return;
	if (current && due != NO_DATE)
		standing(&cf->pol->cal, due, cf->today, mark, sizeof(mark));
	fprintf(f, "  %s", mark[0] ? mark : "done -");
}

/* A deadline a hold in force stops, in place of its day. */
#define STOPPED "- (stopped while on hold)"

/* A stage's clock stops (hold.c): when, why, and the working days each
 * moved its deadlines by; while one is in force, the working days held so
 * far. */
static void
holds_text(FILE *f, const struct case_file *cf, const struct stage_rec *s,
    int tty)
{
	char b[OUT_DATE_LEN], b2[OUT_DATE_LEN];

	for (int k = 0; k < s->n_holds; k++) {
		const struct hold_rec *h = &s->holds[k];

		if (h->resumed == NO_DATE) {
			int held = days_held_so_far(cf, s);

			fprintf(f, "  ON HOLD         since %s (%s)",
			    day(h->held, tty, b), h->reason);
			if (h->until != NO_DATE)
				fprintf(f, ", to resume by %s%s",
				    day(h->until, tty, b2), h->until < cf->today &&
				    cf->c.closed == NO_DATE ? " (past)" : "");
			fputs(": its deadlines are stopped\n", f);
			if (held > 0)
				fprintf(f, "  held so far     %d working day%s, "
				    "added to them on resume\n", held,
				    held == 1 ? "" : "s");
			continue;
		}
		fprintf(f, "  held            %s to %s (%s)", day(h->held, tty, b),
		    day(h->resumed, tty, b2), h->reason);
		if (held_days(cf, h) >= 0)
			fprintf(f, ": +%d working days", held_days(cf, h));
		putc('\n', f);
	}
}

/* The heading of a stage: the policy's name for it ("Stage 1 -
 * Complaint"); a comment or compliment is named for what it is. */
static void
stage_heading(FILE *f, const struct case_file *cf, const struct stage_rec *s,
    int tty)
{
	const struct stage_rules *r = policy_stage(cf->pol, s->stage);
	char b[OUT_DATE_LEN];

	if (complaint(&cf->c))
		fprintf(f, "\n%s: opened %s, officer ", r ? r->name : "Stage",
		    day(s->opened, tty, b));
	else
		fprintf(f, "\n%c%s: received %s, officer ",
		    toupper((unsigned char)cf->c.kind[0]), cf->c.kind + 1,
		    day(s->opened, tty, b));
	put_escaped(f, s->officer ? s->officer : "(unassigned)");
	putc('\n', f);
}

/* The outstanding actions, in text: number, what, whose, by when, and
 * where each stands today. */
static void
actions_text(FILE *f, const struct case_file *cf, int tty)
{
	char b[OUT_DATE_LEN], state[96];

	if (cf->n_actions > 0)
		fputs("\nActions:\n", f);
	for (int i = 0; i < cf->n_actions; i++) {
		const struct action_rec *a = &cf->actions[i];

		action_state(&cf->pol->cal, a, cf->today, state, sizeof(state));
		fprintf(f, "  %d  ", a->n);
		put_escaped(f, a->what ? a->what : "(purged)");
		if (a->owner) {
			fputs(" (", f);
			put_escaped(f, a->owner);
			putc(')', f);
		}
		fprintf(f, ": due %s, %s\n", day(a->due, tty, b), state);
	}
}

/* The same as lines of show's text. */
static void
rules_text(FILE *f, const struct case_file *cf, int tty)
{
	const struct case_rules_rec *r = &cf->rules;
	char b[OUT_DATE_LEN];

	line(f, "about staff", r->about_staff);
	if (r->discrimination)
		line(f, "monitoring", "a complaint about discrimination");
	line(f, "late, granted", r->late_granted_by);
	if (r->informal)
		fprintf(f, "%-14s%s\n", "informally", day(r->informal_on, tty, b));
}

static void
case_text(FILE *f, const struct case_file *cf, const struct deadlines *d,
    const struct event_rec *ev, int n_ev, const struct paper *p, int np,
    const struct link_rec *l, int nl)
{
	const struct case_rec *c = &cf->c;
	char b[OUT_DATE_LEN], b2[OUT_DATE_LEN];
	int tty = output_to_terminal(f), open = c->closed == NO_DATE;
	struct event_rec *by_date = NULL;

	fprintf(f, "%s  %s  %s", c->ref, c->kind, case_status(c));
	if (shown_stages(cf) > 0 && complaint(c))
		fprintf(f, ", stage %d", cf->n_stages);
	putc('\n', f);
	line(f, "policy", c->policy);
	line(f, "complainant", c->anonymous ? "(anonymous)" : c->complainant);
	if (c->purged != NO_DATE)
		fprintf(f, "%-14s%s (personal data removed)\n", "purged",
		    day(c->purged, tty, b));
	line(f, "on behalf of", c->on_behalf_of);
	line(f, "contact", c->contact);
	line(f, "service", c->service);
	line(f, "category", c->category);
	line(f, "channel", c->channel);
	line(f, "received", day(c->received, tty, b));
	line(f, "occurred", day(c->occurred, tty, b));
	line(f, "officer", case_officer(cf));
	line(f, "external ref", c->external_ref);
	if (c->closed != NO_DATE) {
		fprintf(f, "%-14s%s (%s)\n", "closed", day(c->closed, tty, b),
		    c->close_reason);
	}
	if (c->resolve_due != NO_DATE && case_resolve_due_now(cf) == NO_DATE)
		fprintf(f, "%-14s%s\n", "resolve by", STOPPED);
	else if (c->resolve_due != NO_DATE) {
		/* The overall clock: receipt to resolution, moved by the
		 * days held. */
		cpl_date due = case_resolve_due(cf);

		fprintf(f, "%-14s%s", "resolve by", day(due, tty, b));
		if (c->closed != NO_DATE &&
		    !close_reason_resolves(c->close_reason))
			fprintf(f, " (not counted: %s)", c->close_reason);
		else if (c->closed != NO_DATE)
			fputs(c->closed <= due ? " (met)" : " (missed)", f);
		if (due != c->resolve_due)
			fprintf(f, " (%d days held)", due - c->resolve_due);
		putc('\n', f);
	}
	line(f, "accepted late", c->late_reason);
	line(f, "accepted", c->accepted_anyway);
	linked_text(f, l, nl);
	rules_text(f, cf, tty);
	for (int i = 0; i < cf->n_restrictions; i++) {
		const struct restriction_rec *r = &cf->restrictions[i];
		fprintf(f, "%-14s%lld: %s", "RESTRICTED", (long long)r->id,
		    r->kind);
		if (r->detail) {
			fputs(", ", f);
			put_escaped(f, r->detail);
		}
		fprintf(f, " (since %s, review %s", day(r->imposed, tty, b),
		    day(r->review, tty, b2));
		fputs(r->review < cf->today ? ", review overdue)\n" : ")\n", f);
	}
	lines(f, "summary", c->summary);
	for (int i = 0; i < shown_stages(cf); i++) {
		const struct stage_rec *s = &cf->stages[i];
		/* Where deadlines stand today: the open case's stage only,
		 * unless its clock is stopped. */
		int current = open && i == cf->n_stages - 1 &&
		    hold_in_force(s) == NULL;
		int ack_stopped, response_stopped;

		hold_stops(s, &ack_stopped, &response_stopped);

		stage_heading(f, cf, s, tty);
		if (s->escalation_reason) {
			fputs("  reason          ", f);
			put_escaped(f, s->escalation_reason);
			putc('\n', f);
		}
		/* A comment or compliment is acknowledged, whether or not
		 * the policy sets a time for it. */
		if (s->ack_days || s->acknowledged != NO_DATE ||
		    !complaint(c)) {
			deadline_line(f, cf, "acknowledge", d[i].ack_due,
			    ack_stopped ? STOPPED : NULL, s->acknowledged,
			    current, tty);
			putc('\n', f);
		}
		/* Comments and compliments are never answered. */
		if (complaint(c)) {
			char when[96] = "";

			/* A response counted from an acknowledgement not yet
			 * made: its date is known once it is. */
			if (s->respond_days)
				snprintf(when, sizeof(when), "%d working days "
				    "after the acknowledgement", s->respond_days +
				    s->ext_days);
			deadline_line(f, cf, "respond", d[i].response_due,
			    response_stopped ? STOPPED : when[0] ? when : NULL,
			    s->responded, current, tty);
			if (s->outcome)
				fprintf(f, " (%s)", s->outcome);
			putc('\n', f);
		}
		if (d[i].response_target != NO_DATE)
			fprintf(f, "  target          %s\n",
			    day(d[i].response_target, tty, b));
		for (int k = 0; k < s->n_ext; k++) {
			fprintf(f, "  extended        +%d working days on %s%s: ",
			    s->ext[k].days, day(s->ext[k].date, tty, b),
			    s->ext[k].told ? " (complainant told)" : "");
			put_escaped(f, s->ext[k].reason);
			putc('\n', f);
		}
		holds_text(f, cf, s, tty);
		for (int k = 0; k < s->n_remedies; k++)
			line(f, "  remedy", s->remedies[k]);
		for (int k = 0; k < s->n_learning; k++)
			line(f, "  learning", s->learning[k]);
	}
	ombudsman_text(f, cf, tty);
	actions_text(f, cf, tty);
	/* The case file's documents, by date (complaints files): the
	 * notes are in the history below. */
	for (int i = 0, first = 1; i < np; i++) {
		if (strcmp(p[i].kind, "note") == 0)
			continue;
		if (first)
			fputs("\nCase file:\n", f);
		first = 0;
		fprintf(f, "  %d  %s  %s  ", p[i].n, day(p[i].date, tty, b),
		    p[i].kind);
		put_escaped(f, p[i].name);
		fprintf(f, " (");
		put_escaped(f, p[i].media_type);
		fprintf(f, ", %lld bytes)", (long long)p[i].size);
		if (p[i].note) {
			fputs(": ", f);
			put_escaped(f, p[i].note);
		}
		putc('\n', f);
	}
	/* By date, as history shows it (a copy: the JSON keeps the order
	 * recorded). */
	fputs("\nHistory:\n", f);
	if (n_ev > 1 &&
	    (by_date = malloc(n_ev * sizeof(*by_date))) != NULL) {
		memcpy(by_date, ev, n_ev * sizeof(*by_date));
		sort_events(by_date, n_ev);
		ev = by_date;
	}
	for (int i = 0; i < n_ev; i++) {
		const struct event_rec *e = &ev[i];
		fprintf(f, "  %s  ", day(e->date, tty, b));
		put_escaped(f, e->officer);
		fprintf(f, "  %s", e->action);
		if (e->stage && complaint(c))
			fprintf(f, " (stage %d)", e->stage);
		if (e->detail) {
			fputs(": ", f);
			put_escaped(f, e->detail);
		}
		putc('\n', f);
	}
	free(by_date);
}

static void
case_csv(FILE *f, const struct case_file *cf, const struct deadlines *d)
{
	static const struct out_col cols[] = {{"ref", 0}, {"policy", 0},
	    {"kind", 0}, {"status", 0}, {"stage", 1}, {"complainant", 0},
	    {"service", 0}, {"channel", 0}, {"received", 0}, {"officer", 0},
	    {"stage_opened", 0}, {"ack_due", 0}, {"acknowledged", 0},
	    {"response_due", 0}, {"responded", 0}, {"outcome", 0},
	    {"closed", 0}, {"close_reason", 0}};
	struct out_table *t = out_table_begin(f, OUT_CSV, cols, 18);
	char b[8][DATE_LEN], n[16];

	if (t == NULL)
		return;
	/* One row per stage: the case's columns repeat. */
	for (int i = 0; i < cf->n_stages; i++) {
		const struct stage_rec *s = &cf->stages[i];
		const char *v[18] = {cf->c.ref, cf->c.policy, cf->c.kind,
		    case_status(&cf->c), n, cf->c.complainant, cf->c.service,
		    cf->c.channel, fmt_date(cf->c.received, b[0]), s->officer,
		    fmt_date(s->opened, b[1]), fmt_date(d[i].ack_due, b[2]),
		    fmt_date(s->acknowledged, b[3]),
		    fmt_date(d[i].response_due, b[4]),
		    fmt_date(s->responded, b[5]), s->outcome,
		    fmt_date(cf->c.closed, b[6]), cf->c.close_reason};
		snprintf(n, sizeof(n), "%d", s->stage);
		out_table_row(t, v);
	}
	out_table_end(t);
}

void
case_view_print(FILE *f, enum out_format fmt, const struct case_view *v)
{
	if (fmt == OUT_JSON)
		case_json(f, &v->cf, v->d, v->ev, v->n_ev, v->papers,
		    v->n_papers, v->linked, v->n_linked);
	else if (fmt == OUT_CSV)
		case_csv(f, &v->cf, v->d);
	else
		case_text(f, &v->cf, v->d, v->ev, v->n_ev, v->papers,
		    v->n_papers, v->linked, v->n_linked);
}

/* The ombudsman stage: each referral, with what the decision asks of the
 * council; or, once the last stage is answered and nothing is referred,
 * the ombudsman the complainant may go to (the one the referral would
 * choose). */
static void
ombudsman_text(FILE *f, const struct case_file *cf, int tty)
{
	char b[OUT_DATE_LEN], b2[OUT_DATE_LEN];

	if (cf->n_referrals == 0 && cf->pol != NULL &&
	    cf->pol->n_ombudsmen > 0 && cf->n_stages == cf->pol->n_stages &&
	    cf->n_stages > 0 && cf->stages[cf->n_stages - 1].responded !=
	    NO_DATE && strcmp(cf->c.kind, "complaint") == 0)
		fprintf(f, "\nOmbudsman: %s, if the complainant remains "
		    "dissatisfied\n", choose_ombudsman(cf->pol, &cf->c)->name);
	for (int i = 0; i < cf->n_referrals; i++) {
		const struct referral_rec *r = &cf->referrals[i];
		const struct ombudsman *o = cf->pol ?
		    policy_ombudsman(cf->pol, r->body) : NULL;
		int t = complied_on_time(r);

		fprintf(f, "\nOmbudsman: %s, referred %s\n", o ? o->name :
		    r->body, day(r->referred, tty, b));
		line(f, "  reference", r->reference);
		if (r->decision)
			fprintf(f, "  decision        %s on %s\n", r->decision,
			    day(r->decided, tty, b));
		line(f, "  remedy", r->remedy);
		if (r->remedy_due != NO_DATE)
			fprintf(f, "  remedy due      %s\n",
			    day(r->remedy_due, tty, b));
		if (r->complied != NO_DATE)
			fprintf(f, "  complied        %s%s\n",
			    day(r->complied, tty, b), t < 0 ? "" : t ?
			    " (on time)" : " (late)");
		else if (r->remedy != NULL && r->remedy_due != NO_DATE &&
		    r->remedy_due < cf->today)
			fprintf(f, "  complied        not yet: due %s\n",
			    day(r->remedy_due, tty, b2));
	}
}
