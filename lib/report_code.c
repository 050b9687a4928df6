/*
 * report_code.c: the annual report's additions for the Complaint Handling
 * Code (see report_code.h): the ombudsman's decisions of the year, as its
 * annual review letter counts them, and the Regulator of Social Housing's
 * complaint measures (CH01, CH02) for a council whose cases include
 * housing matters.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "report_code.h"
#include "store.h"
#include "util.h"
#include "vocabulary.h"

/* --- the ombudsman's decisions --- */

/* A period's decisions, counted. */
struct letter_counts {
	int64_t decided, decision[N_DECISIONS];
	int64_t upheld, remedies, complied, with_due, on_time;
};

struct letter_walk {
	struct letter_counts *c;
	struct ombudsman_letter *keep;	/* NULL: the year before */
};

static char *
copy(const char *v)
{
	return v != NULL ? strdup(v) : NULL;
}

static int
letter_one(const struct decision_row *r, void *arg)
{
	struct letter_walk *w = arg;
	struct letter_counts *c = w->c;
	int i = r->decision ? word_index(ombudsman_decisions, r->decision) : -1;

	c->decided++;
	if (i >= 0)
		c->decision[i]++;
	if (i == DECISION_UPHELD || i == DECISION_PARTLY_UPHELD)
		c->upheld++;
	if (r->remedy != NULL) {
		c->remedies++;
		if (r->complied != NO_DATE) {
			c->complied++;
			if (r->due != NO_DATE) {
				c->with_due++;
				c->on_time += r->complied <= r->due;
			}
		}
	}
	if (w->keep != NULL) {
		struct ombudsman_letter *l = w->keep;
		struct letter_decision *nv, *d;

		if ((nv = realloc(l->v, (l->n + 1) * sizeof(*nv))) == NULL)
			return CPL_STORE;
		l->v = nv;
		d = &nv[l->n++];
		memset(d, 0, sizeof(*d));
		d->decided = r->decided;
		d->due = r->due;
		d->complied = r->complied;
		if ((d->ref = copy(r->ref)) == NULL ||
		    (d->body = copy(r->body)) == NULL ||
		    (d->decision = copy(r->decision)) == NULL ||
		    (r->remedy != NULL && (d->remedy = copy(r->remedy)) == NULL))
			return CPL_STORE;
	}
	return 0;
}

/* One figure of section ombudsman-letter, in both periods. */
static int
letter_figure(struct figures *fs, const char *name,
    const struct letter_counts c[2], size_t count, size_t of)
{
	struct fig *f = fig_add(fs, "ombudsman-letter", NULL, name);

	if (f == NULL)
		return -1;
	for (int k = 0; k < 2; k++) {
		const int64_t *v = (const int64_t *)((const char *)&c[k] + count);
		const int64_t *o = of != (size_t)-1 ?
		    (const int64_t *)((const char *)&c[k] + of) : NULL;

		fig_count(f, k, *v, o ? *o : -1);
	}
	return 0;
}

#define AT(field) offsetof(struct letter_counts, field)

int
report_ombudsman_letter(struct session *s, const cpl_date from[2],
    const cpl_date to[2], struct figures *fs, struct ombudsman_letter *l,
    struct cpl_error *err)
{
	struct letter_counts c[2];
	char name[64];
	int rc;

	memset(c, 0, sizeof(c));
	for (int k = 0; k < 2; k++) {
		struct letter_walk w = {&c[k], k == 0 ? l : NULL};

		if ((rc = store_ombudsman_decisions(s->st, from[k], to[k],
		    letter_one, &w, err)))
			return rc == CPL_STORE && err->msg[0] == '\0' ?
			    cpl_nomem(err) : rc;
	}
	if (letter_figure(fs, "decided", c, AT(decided), (size_t)-1))
		return cpl_nomem(err);
	for (int i = 0; i < N_DECISIONS; i++) {
		snprintf(name, sizeof(name), "decided.%s",
		    ombudsman_decisions[i]);
		if (letter_figure(fs, name, c, AT(decision[0]) +
		    (size_t)i * sizeof(int64_t), AT(decided)))
			return cpl_nomem(err);
	}
	if (letter_figure(fs, "remedy_recommended", c, AT(remedies),
	    AT(upheld)) ||
	    letter_figure(fs, "remedy_complied", c, AT(complied),
	    AT(remedies)) ||
	    letter_figure(fs, "remedy_complied_on_time", c, AT(on_time),
	    AT(with_due)))
		return cpl_nomem(err);
	return 0;
}

/* A decision and what it asks of the council, in words: "decided
 * 2026-09-02; remedy: Apology; due 2026-10-01; complied 2026-09-28, on
 * time". */
static void
decision_detail(const struct letter_decision *d, char *buf, size_t size)
{
	char when[DATE_LEN], due[DATE_LEN], done[DATE_LEN];
	int n;

	date_format(d->decided, when);
	n = snprintf(buf, size, "decided %s", when);
	if (d->remedy == NULL || n < 0 || (size_t)n >= size)
		return;
	buf += n;
	size -= (size_t)n;
	if (d->due != NO_DATE)
		date_format(d->due, due);
	if (d->complied != NO_DATE)
		date_format(d->complied, done);
	snprintf(buf, size, "; remedy: %s%s%s; %s%s%s", d->remedy,
	    d->due != NO_DATE ? "; due " : "", d->due != NO_DATE ? due : "",
	    d->complied != NO_DATE ? "complied " : "not complied yet",
	    d->complied != NO_DATE ? done : "",
	    d->complied == NO_DATE || d->due == NO_DATE ? "" :
	    d->complied <= d->due ? ", on time" : ", late");
}

int
ombudsman_letter_rows(struct out_table *t, const struct ombudsman_letter *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct letter_decision *d = &l->v[i];
		char detail[2048];
		const char *v[11] = {"ombudsman-decision", d->body, d->decision,
		    NULL, NULL, NULL, NULL, NULL, NULL, d->ref, detail};

		decision_detail(d, detail, sizeof(detail));
		if (out_table_row(t, v))
			return -1;
	}
	return 0;
}

void
ombudsman_letter_free(struct ombudsman_letter *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].ref);
		free(l->v[i].body);
		free(l->v[i].decision);
		free(l->v[i].remedy);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* --- the Regulator of Social Housing's measures --- */

int
housing_service(const struct policy *p, const char *service)
{
	return p != NULL && p->n_ombudsmen > 0 && service != NULL &&
	    ombudsman_for(p, service, NULL)->n_matters > 0;
}

int
report_housing_measures(struct figures *fs, const struct housing_counts *hc,
    int64_t homes)
{
	char name[96];

	if (!hc->any)
		return 0;
	for (int st = 1; st <= 2; st++) {
		struct fig *f;

		snprintf(name, sizeof(name), "stage%d.complaints", st);
		if ((f = fig_add(fs, "housing", "CH01", name)) == NULL)
			return -1;
		for (int k = 0; k < 2; k++)
			fig_count(f, k, hc->opened[k][st - 1], -1);
		snprintf(name, sizeof(name), "stage%d.complaints_per_1000_homes",
		    st);
		if ((f = fig_add(fs, "housing", "CH01", name)) == NULL)
			return -1;
		f->decimal = 1;
		for (int k = 0; k < 2; k++) {
			f->period[k].set = homes > 0;
			f->period[k].of = homes;
			f->period[k].average = homes > 0 ? 1000.0 *
			    (double)hc->opened[k][st - 1] / (double)homes : 0;
		}
	}
	for (int st = 1; st <= 2; st++) {
		struct fig *f;

		snprintf(name, sizeof(name), "stage%d.answered_within_code_"
		    "timescale", st);
		if ((f = fig_add(fs, "housing", "CH02", name)) == NULL)
			return -1;
		for (int k = 0; k < 2; k++)
			fig_count(f, k, hc->answered_ok[k][st - 1],
			    hc->answered_of[k][st - 1]);
	}
	return 0;
}

/* --- the page --- */

static void
esc(FILE *f, const char *v)
{
	for (; v != NULL && *v; v++)
		switch (*v) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: putc(*v, f);
		}
}

/* A row of a figure: its name, and its value, "of" and percentage this
 * year and the year before, each cell naming its CSV column. */
static void
figure_row(FILE *f, const struct fig *fg, const char *label)
{
	static const char *const cols[] = {"value", "of", "percent",
	    "previous_value", "previous_of", "previous_percent"};
	char b[FIG_TEXT];

	fputs("<tr data-section=\"", f);
	esc(f, fg->section);
	fputs("\" data-group=\"", f);
	esc(f, fg->group ? fg->group : "");
	fputs("\" data-figure=\"", f);
	esc(f, fg->figure);
	fputs("\"><th>", f);
	esc(f, label);
	fputs("</th>", f);
	for (int i = 0; i < 6; i++) {
		const char *v = i % 3 == 0 ? fig_value(fg, i / 3, b) :
		    i % 3 == 1 ? fig_of(fg, i / 3, b) : fig_percent(fg, i / 3, b);
		fprintf(f, "<td data-col=\"%s\">", cols[i]);
		esc(f, v ? v : "\xe2\x80\x93");
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
}

static const char table_head[] = "<table class=\"narrow\">\n<thead><tr>"
    "<th>Measure</th><th class=\"n\">This year</th><th class=\"n\">Out "
    "of</th><th class=\"n\">%</th><th class=\"n prev\">The year before"
    "</th><th class=\"n prev\">Out of</th><th class=\"n prev\">%</th>"
    "</tr></thead>\n<tbody>\n";

void
html_code_sections(FILE *f, const struct figures *fs,
    const struct ombudsman_letter *l)
{
	int housing = 0;

	fputs("<h2 id=\"ombudsman-letter\">The Ombudsman's decisions</h2>\n"
	    "<p>The decisions the ombudsman made on the council's complaints "
	    "in the year, as its annual review letter counts them (the "
	    "Complaint Handling Code, paragraph 8.1): the remedies it "
	    "recommended, and whether the council complied by the day "
	    "given.</p>\n", f);
	fputs(table_head, f);
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].section, "ombudsman-letter") == 0)
			figure_row(f, &fs->v[i], fs->v[i].figure);
	fputs("</tbody>\n</table>\n", f);
	if (l->n > 0) {
		fputs("<table class=\"narrow\">\n<thead><tr><th>Case</th>"
		    "<th>Ombudsman</th><th>Decision</th><th>When, the remedy "
		    "and the council's compliance</th></tr></thead>\n<tbody>\n",
		    f);
		for (int i = 0; i < l->n; i++) {
			char detail[2048];

			decision_detail(&l->v[i], detail, sizeof(detail));
			fputs("<tr><td>", f);
			esc(f, l->v[i].ref);
			fputs("</td><td>", f);
			esc(f, l->v[i].body);
			fputs("</td><td>", f);
			esc(f, l->v[i].decision);
			fputs("</td><td>", f);
			esc(f, detail);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table>\n", f);
	}
	for (size_t i = 0; i < fs->n; i++)
		housing |= strcmp(fs->v[i].section, "housing") == 0;
	if (!housing)
		return;
	fputs("<h2 id=\"housing\">Housing: the Regulator of Social Housing's "
	    "complaint measures</h2>\n<p>The complaints about the services "
	    "the policy sends to the Housing Ombudsman: CH01, stage 1 and "
	    "stage 2 complaints, and per 1,000 homes where the number of homes "
	    "is given (<code>--homes</code>); CH02, the share answered within "
	    "the Code's timescale (stage 1: 10 working days of the "
	    "acknowledgement; stage 2: 20).</p>\n", f);
	fputs(table_head, f);
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].section, "housing") == 0) {
			char label[128];

			snprintf(label, sizeof(label), "%s %s",
			    fs->v[i].group ? fs->v[i].group : "",
			    fs->v[i].figure);
			figure_row(f, &fs->v[i], label);
		}
	fputs("</tbody>\n</table>\n", f);
}
