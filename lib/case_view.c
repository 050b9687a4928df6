/*
 * case_view.c: reading a case for viewing, with the read audited, and
 * show's output (see case_view.h).
 */
#include <stdlib.h>
#include <string.h>

#include "case_view.h"
#include "vocabulary.h"

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
			if ((rc = stage_deadlines(&v->cf.pol->cal,
			    &v->cf.stages[i], &v->d[i], err)))
				return rc;
	}
	/* Recorded before the history is read, so this viewing is in it. */
	if ((rc = case_audit_read(s, &v->cf, "viewed", err)))
		return rc;
	return store_events(s->st, v->cf.c.id, &v->ev, &v->n_ev, err);
}

void
case_view_free(struct case_view *v)
{
	store_events_free(v->ev, v->n_ev);
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
		fputs("}", f);
	}
	fputs("],\n", f);
}

static void
case_json(FILE *f, const struct case_file *cf, const struct deadlines *d,
    const struct event_rec *ev, int n_ev)
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
	json_field(f, "  ", "resolve_due", fmt_date(c->resolve_due, b), 0);
	json_field(f, "  ", "purged", fmt_date(c->purged, b), 0);
	restrictions_referrals_json(f, cf);
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
		fputs("]\n    }", f);
	}
	fputs("\n  ],\n  \"history\": [", f);
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

static void
case_text(FILE *f, const struct case_file *cf, const struct deadlines *d,
    const struct event_rec *ev, int n_ev)
{
	const struct case_rec *c = &cf->c;
	char b[DATE_LEN], b2[DATE_LEN];

	fprintf(f, "%s  %s  %s", c->ref, c->kind, case_status(c));
	if (shown_stages(cf) > 0)
		fprintf(f, ", stage %d", cf->n_stages);
	putc('\n', f);
	line(f, "policy", c->policy);
	line(f, "complainant", c->anonymous ? "(anonymous)" : c->complainant);
	if (c->purged != NO_DATE)
		fprintf(f, "%-14s%s (personal data removed)\n", "purged",
		    fmt_date(c->purged, b));
	line(f, "on behalf of", c->on_behalf_of);
	line(f, "contact", c->contact);
	line(f, "service", c->service);
	line(f, "category", c->category);
	line(f, "channel", c->channel);
	line(f, "received", fmt_date(c->received, b));
	line(f, "occurred", fmt_date(c->occurred, b));
	line(f, "officer", case_officer(cf));
	line(f, "external ref", c->external_ref);
	if (c->closed != NO_DATE) {
		fprintf(f, "%-14s%s (%s)\n", "closed", fmt_date(c->closed, b),
		    c->close_reason);
	}
	if (c->resolve_due != NO_DATE) {
		/* The overall clock: receipt to resolution. */
		fprintf(f, "%-14s%s", "resolve by", fmt_date(c->resolve_due, b));
		if (c->closed != NO_DATE &&
		    !close_reason_resolves(c->close_reason))
			fprintf(f, " (not counted: %s)", c->close_reason);
		else if (c->closed != NO_DATE)
			fputs(c->closed <= c->resolve_due ? " (met)" : " (missed)", f);
		putc('\n', f);
	}
	line(f, "accepted late", c->late_reason);
	line(f, "accepted", c->accepted_anyway);
	for (int i = 0; i < cf->n_restrictions; i++) {
		const struct restriction_rec *r = &cf->restrictions[i];
		fprintf(f, "%-14s%lld: %s", "RESTRICTED", (long long)r->id,
		    r->kind);
		if (r->detail) {
			fputs(", ", f);
			put_escaped(f, r->detail);
		}
		fprintf(f, " (since %s, review %s", fmt_date(r->imposed, b),
		    fmt_date(r->review, b2));
		fputs(r->review < cf->today ? ", review overdue)\n" : ")\n", f);
	}
	line(f, "summary", c->summary);
	for (int i = 0; i < shown_stages(cf); i++) {
		const struct stage_rec *s = &cf->stages[i];
		const struct stage_rules *r = policy_stage(cf->pol, s->stage);
		const char *dash = "-";

		fprintf(f, "\n%s: opened %s, officer ", r ? r->name : "Stage",
		    fmt_date(s->opened, b));
		put_escaped(f, s->officer ? s->officer : "(unassigned)");
		putc('\n', f);
		if (s->escalation_reason) {
			fputs("  reason          ", f);
			put_escaped(f, s->escalation_reason);
			putc('\n', f);
		}
		if (s->ack_days || s->acknowledged != NO_DATE) {
			const char *due = fmt_date(d[i].ack_due, b);
			fprintf(f, "  acknowledge     due %-10s  done %s\n",
			    due ? due : dash,
			    s->acknowledged != NO_DATE ?
			    fmt_date(s->acknowledged, b2) : dash);
		}
		/* Comments and compliments are never answered. */
		if (strcmp(c->kind, "complaint") == 0) {
			const char *due = fmt_date(d[i].response_due, b);
			fprintf(f, "  respond         due %-10s  done %s",
			    due ? due : s->respond_days ? "(from ack)" : dash,
			    s->responded != NO_DATE ? fmt_date(s->responded, b2) :
			    dash);
			if (s->outcome)
				fprintf(f, " (%s)", s->outcome);
			putc('\n', f);
		}
		if (d[i].response_target != NO_DATE)
			fprintf(f, "  target          %s\n",
			    fmt_date(d[i].response_target, b));
		for (int k = 0; k < s->n_ext; k++) {
			fprintf(f, "  extended        +%d working days on %s%s: ",
			    s->ext[k].days, fmt_date(s->ext[k].date, b),
			    s->ext[k].told ? " (complainant told)" : "");
			put_escaped(f, s->ext[k].reason);
			putc('\n', f);
		}
		for (int k = 0; k < s->n_remedies; k++)
			line(f, "  remedy", s->remedies[k]);
		for (int k = 0; k < s->n_learning; k++)
			line(f, "  learning", s->learning[k]);
	}
	for (int i = 0; i < cf->n_referrals; i++) {
		const struct referral_rec *r = &cf->referrals[i];
		const char *name = r->body;
		for (int k = 0; cf->pol && k < cf->pol->n_ombudsmen; k++)
			if (strcmp(cf->pol->ombudsmen[k].id, r->body) == 0)
				name = cf->pol->ombudsmen[k].name;
		fprintf(f, "\nOmbudsman: %s, referred %s\n", name,
		    fmt_date(r->referred, b));
		line(f, "  reference", r->reference);
		if (r->decision)
			fprintf(f, "  decision        %s on %s\n", r->decision,
			    fmt_date(r->decided, b));
	}
	fputs("\nHistory:\n", f);
	for (int i = 0; i < n_ev; i++) {
		const struct event_rec *e = &ev[i];
		fprintf(f, "  %s  ", fmt_date(e->date, b));
		put_escaped(f, e->officer);
		fprintf(f, "  %s", e->action);
		if (e->stage)
			fprintf(f, " (stage %d)", e->stage);
		if (e->detail) {
			fputs(": ", f);
			put_escaped(f, e->detail);
		}
		putc('\n', f);
	}
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
		case_json(f, &v->cf, v->d, v->ev, v->n_ev);
	else if (fmt == OUT_CSV)
		case_csv(f, &v->cf, v->d);
	else
		case_text(f, &v->cf, v->d, v->ev, v->n_ev);
}
