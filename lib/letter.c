/*
 * letter.c: a letter the policy prescribes, filled from a case (see
 * letter.h); the template language is letter_template.c's.
 *
 * A letter is written in two forms from one template: plain text, the
 * values as typed (what is sent and kept), and one printable A4 HTML
 * page, the same text with every value escaped for CommonMark and turned
 * into HTML by libcmark, which leaves out any raw HTML (no
 * CMARK_OPT_UNSAFE): what a user typed is shown, never read as markup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "action.h"
#include "case_int.h"
#include "letter.h"
#include "letter_template.h"
#include "util.h"

/* Each element a template may name, and what it is, in the words of a
 * refusal ("must state the outcome"). */
enum element {
	E_REF, E_DATE, E_COUNCIL, E_COMPLAINANT, E_ON_BEHALF_OF, E_SUMMARY,
	E_SERVICE, E_CATEGORY, E_RECEIVED, E_REQUESTED, E_STAGE, E_STAGE_NAME,
	E_OFFICER, E_CONTACT, E_ACKNOWLEDGED, E_ACK_DUE, E_RESPONSE_DUE,
	E_RESPONSE_TARGET, E_EXTENSION_DAYS, E_EXTENSION_REASON,
	E_RESPONDED, E_OUTCOME, E_UPHELD, E_PARTLY_UPHELD, E_NOT_UPHELD,
	E_REMEDIES, E_LEARNING, E_ACTIONS, E_NEXT_STAGE, E_NEXT_STAGE_NAME,
	E_REVIEW_LAST_DAY, E_FINAL, E_OMBUDSMAN, E_OMBUDSMAN_ADDRESS,
	E_OMBUDSMAN_PHONE, E_OMBUDSMAN_EMAIL, E_OMBUDSMAN_WEBSITE,
	E_EXCLUSION, E_EXCLUSION_ROUTE, E_RESTRICTION, E_RESTRICTION_DETAIL,
	E_RESTRICTION_REVIEW, E_SINGLE_POINT_OF_CONTACT, E_ON_HOLD, E_HELD_SINCE,
	E_BODY, N_ELEMENTS
};

const char *const letter_elements[N_ELEMENTS + 1] = {
	"ref", "date", "council", "complainant", "on_behalf_of", "summary",
	"service", "category", "received", "requested", "stage",
	"stage_name", "officer",
	"contact", "acknowledged", "ack_due", "response_due",
	"response_target", "extension_days", "extension_reason",
	"responded", "outcome", "upheld", "partly_upheld", "not_upheld",
	"remedies", "learning", "actions", "next_stage", "next_stage_name",
	"review_last_day", "final", "ombudsman", "ombudsman_address",
	"ombudsman_phone", "ombudsman_email", "ombudsman_website",
	"exclusion", "exclusion_route", "restriction", "restriction_detail",
	"restriction_review", "single_point_of_contact", "on_hold", "held_since",
	"body", NULL
};

static const char *const element_what[N_ELEMENTS] = {
	"the case's reference", "the letter's date", "the council's name",
	"the complainant's name", "the person the complainant acts for",
	"what the complaint is about", "the service", "the category",
	"the day the complaint was received",
	"the day the stage was asked for", "the stage", "the stage's name",
	"the officer dealing with it", "how to contact the officer or "
	"section dealing with it", "the day it was acknowledged",
	"when it is to be acknowledged by",
	"when the complainant can expect a reply", "the target for a reply",
	"how much longer the reply will take", "why the reply is delayed",
	"the day it was answered", "the outcome", "that it was upheld",
	"that it was partly upheld", "that it was not upheld",
	"the remedy", "what was learnt", "the outstanding actions",
	"the next stage", "the next stage's name",
	"the last day to ask for the next stage", "that the procedure is "
	"completed", "the ombudsman", "the ombudsman's address",
	"the ombudsman's telephone number", "the ombudsman's email address",
	"the ombudsman's website", "why the complaint is outside the "
	"procedure", "where else the matter can be taken",
	"the restriction on contact", "what the restriction is",
	"when the restriction is reviewed", "the single point of contact",
	"that the stage is on hold", "the day the stage was put on hold",
	"the officer's own words"
};

int
letter_element_known(const char *name)
{
	for (int i = 0; i < N_ELEMENTS; i++)
		if (strcmp(letter_elements[i], name) == 0)
			return 1;
	return 0;
}

static int
element_index(const char *name)
{
	for (int i = 0; i < N_ELEMENTS; i++)
		if (strcmp(letter_elements[i], name) == 0)
			return i;
	return -1;
}

/* The values of one letter's elements. */
struct facts {
	struct tmpl_value v[N_ELEMENTS];
	char dates[N_ELEMENTS][DATE_WORDS_LEN];
	char words[N_ELEMENTS][64];	/* numbers and short words */
	char *owned[N_ELEMENTS];	/* texts made for the letter */
	char **actions;			/* the open actions, in words */
	int n_actions;
};

static void
facts_free(struct facts *f)
{
	for (int i = 0; i < N_ELEMENTS; i++)
		free(f->owned[i]);
	action_letter_items_free(f->actions, f->n_actions);
}

static const struct tmpl_value *
lookup(void *arg, const char *name)
{
	struct facts *f = arg;
	int i = element_index(name);

	return i < 0 ? NULL : &f->v[i];
}

static void
set(struct facts *f, enum element e, const char *text)
{
	f->v[e].text = text;
}

static void
set_date(struct facts *f, enum element e, cpl_date d)
{
	if (d == NO_DATE)
		return;
	date_words(d, f->dates[e]);
	f->v[e].text = f->dates[e];
}

static void
set_number(struct facts *f, enum element e, int n)
{
	snprintf(f->words[e], sizeof(f->words[e]), "%d", n);
	f->v[e].text = f->words[e];
}

static void
set_list(struct facts *f, enum element e, char **items, int n)
{
	f->v[e].items = (const char *const *)items;
	f->v[e].n_items = n;
}

/* Lines joined: "a, b" of the texts given (NULL ones left out). */
static char *
joined(const char *sep, const char *a, const char *b, const char *c)
{
	const char *v[3] = {a, b, c};
	size_t len = 1;
	char *s;

	for (int i = 0; i < 3; i++)
		if (v[i] != NULL)
			len += strlen(v[i]) + strlen(sep);
	if ((s = malloc(len)) == NULL)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < 3; i++)
		if (v[i] != NULL) {
			if (s[0] != '\0')
				strcat(s, sep);
			strcat(s, v[i]);
		}
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static struct stage_rec *
stage_of(struct case_file *cf, int n)
{
	for (int i = 0; i < cf->n_stages; i++)
		if (cf->stages[i].stage == n)
			return &cf->stages[i];
	return NULL;
}

/*
 * The facts of case cf at stage st for a letter: rules and deadlines from
 * the case's policy (stage_deadlines_now, as show works them out); the
 * letterhead and the ombudsman's contact details from live, the policy
 * file as it is now.
 */
static int
gather(struct session *s, struct case_file *cf, struct stage_rec *st,
    const struct policy *live, const struct letter_request *rq,
    const char *officer, struct facts *f, struct cpl_error *err)
{
	const struct policy *p = cf->pol;
	const struct stage_rules *r = policy_stage(p, st->stage);
	const struct stage_rules *next = policy_stage(p, st->stage + 1);
	const struct ombudsman *o, *ol;
	const struct exclusion *ex;
	const struct hold_rec *h;
	struct deadlines d;
	int rc;

	memset(f, 0, sizeof(*f));
	/* While a hold is in force, the deadlines it stops are not known:
	 * the letter says the stage is on hold instead (write_letter). */
	if ((rc = stage_deadlines_now(&p->cal, st, &d, err)))
		return rc;
	if (cf->c.closed == NO_DATE && (h = hold_in_force(st)) != NULL) {
		set(f, E_ON_HOLD, "yes");
		set_date(f, E_HELD_SINCE, h->held);
	}
	set(f, E_REF, cf->c.ref);
	set_date(f, E_DATE, rq->date);
	set(f, E_COUNCIL, live->letterhead_name ? live->letterhead_name :
	    live->council);
	set(f, E_COMPLAINANT, cf->c.complainant);
	set(f, E_ON_BEHALF_OF, cf->c.on_behalf_of);
	set(f, E_SUMMARY, cf->c.summary);
	set(f, E_SERVICE, cf->c.service);
	set(f, E_CATEGORY, cf->c.category);
	set_date(f, E_RECEIVED, cf->c.received);
	set_date(f, E_REQUESTED, st->opened);
	set_number(f, E_STAGE, st->stage);
	set(f, E_STAGE_NAME, r ? r->name : NULL);
	set(f, E_OFFICER, st->officer ? st->officer : officer);
	f->owned[E_CONTACT] = joined(", ", live->letterhead_email,
	    live->letterhead_phone, NULL);
	set(f, E_CONTACT, f->owned[E_CONTACT]);
	set_date(f, E_ACKNOWLEDGED, st->acknowledged);
	set_date(f, E_ACK_DUE, d.ack_due);
	set_date(f, E_RESPONSE_DUE, d.response_due);
	set_date(f, E_RESPONSE_TARGET, d.response_target);
	if (st->n_ext > 0) {
		set_number(f, E_EXTENSION_DAYS, st->ext[st->n_ext - 1].days);
		set(f, E_EXTENSION_REASON, st->ext[st->n_ext - 1].reason);
	}
	set_date(f, E_RESPONDED, st->responded);
	if (st->outcome != NULL) {
		for (int i = 0; i < N_OUTCOMES; i++)
			if (strcmp(st->outcome, case_outcomes[i]) == 0)
				set(f, E_OUTCOME, case_outcome_labels[i]);
		if (strcmp(st->outcome, "upheld") == 0)
			set(f, E_UPHELD, "yes");
		else if (strcmp(st->outcome, "partly-upheld") == 0)
			set(f, E_PARTLY_UPHELD, "yes");
		else
			set(f, E_NOT_UPHELD, "yes");
	}
	set_list(f, E_REMEDIES, st->remedies, st->n_remedies);
	set_list(f, E_LEARNING, st->learning, st->n_learning);
	/* The actions the response promised: the case's actions still
	 * open (lib/action.c), else its remedies. */
	if ((rc = action_letter_items(cf, st->stage, rq->date, &f->actions,
	    &f->n_actions, err)))
		return rc;
	/* The outstanding actions are those tracked (complaints action) and
	 * still open: the remedies are an element of their own. */
	if (f->n_actions > 0)
		set_list(f, E_ACTIONS, f->actions, f->n_actions);
	if (next != NULL) {
		set_number(f, E_NEXT_STAGE, next->stage);
		set(f, E_NEXT_STAGE_NAME, next->name);
		if (next->review_request_window >= 0 &&
		    st->responded != NO_DATE) {
			cpl_date last;

			if ((rc = review_request_window_end(s, cf, next->stage,
			    next, st->responded, &last, err)))
				return rc;
			set_date(f, E_REVIEW_LAST_DAY, last);
		}
	} else
		set(f, E_FINAL, "yes");
	/* The body the rules choose; its details as the file gives them
	 * now (the same id), else as the case's copy has them. */
	o = choose_ombudsman(p, &cf->c);
	if ((ol = policy_ombudsman(live, o->id)) != NULL)
		o = ol;
	set(f, E_OMBUDSMAN, o->name);
	/* A block scalar's final newline would end the address's paragraph
	 * before the telephone line. */
	if (o->address != NULL &&
	    (f->owned[E_OMBUDSMAN_ADDRESS] = trimmed(o->address)) == NULL)
		return cpl_nomem(err);
	set(f, E_OMBUDSMAN_ADDRESS, f->owned[E_OMBUDSMAN_ADDRESS]);
	set(f, E_OMBUDSMAN_PHONE, o->phone);
	set(f, E_OMBUDSMAN_EMAIL, o->email);
	set(f, E_OMBUDSMAN_WEBSITE, o->website);
	if (cf->c.category != NULL &&
	    (ex = policy_exclusion(p, cf->c.category)) != NULL) {
		set(f, E_EXCLUSION, ex->category);
		set(f, E_EXCLUSION_ROUTE, ex->route);
	}
	/* The restriction in force on the complainant: the latest. */
	if (cf->n_restrictions > 0) {
		const struct restriction_rec *x =
		    &cf->restrictions[cf->n_restrictions - 1];

		snprintf(f->words[E_RESTRICTION], sizeof(f->words[0]), "%s",
		    x->kind);
		for (char *c = f->words[E_RESTRICTION]; *c; c++)
			if (*c == '-')
				*c = ' ';
		set(f, E_RESTRICTION, f->words[E_RESTRICTION]);
		set(f, E_RESTRICTION_DETAIL, x->detail);
		set_date(f, E_RESTRICTION_REVIEW, x->review);
		if (strcmp(x->kind, "single-point-of-contact") == 0)
			set(f, E_SINGLE_POINT_OF_CONTACT, x->detail);
	}
	set(f, E_BODY, rq->body);
	return 0;
}

static int
present(const struct tmpl_value *v)
{
	return (v->text != NULL && v->text[strspn(v->text, " \t\n")] != '\0') ||
	    v->n_items > 0;
}

/* The letter rules for kind at stage n: "KIND-stageN", else "KIND". */
static const struct letter_rules *
rules_for(const struct policy *live, const char *kind, int n, char *key,
    size_t size)
{
	const struct letter_rules *l;

	snprintf(key, size, "%s-stage%d", kind, n);
	if ((l = policy_letter(live, key)) != NULL)
		return l;
	snprintf(key, size, "%s", kind);
	return policy_letter(live, key);
}

static int
load_template(const char *dir, const struct policy *p, const char *key,
    struct tmpl *t, struct cpl_error *err)
{
	char name[256], *path, *text = NULL;
	size_t len;
	int rc;

	snprintf(name, sizeof(name), "letters/%s/%s.tmpl", p->id, key);
	if ((path = path_join(dir, name)) == NULL)
		return cpl_nomem(err);
	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0) {
		rc = cpl_fail(err, CPL_POLICY, "can't read the template of "
		    "letter '%s' of policy '%s', '%s': %s", key, p->id, path,
		    strerror(errno));
		free(path);
		return rc;
	}
	rc = tmpl_parse(t, path, text, len, letter_element_known, err);
	free(text);
	free(path);
	return rc;
}

int
letter_check_templates(const struct policy *p, const char *dir,
    struct cpl_error *err)
{
	struct ydoc *y = (struct ydoc *)&p->y;
	int rc = 0;

	for (int i = 0; rc == 0 && i < p->n_letters; i++) {
		const struct letter_rules *l = &p->letters[i];
		struct tmpl t;

		for (int e = 0; e < l->n_requires; e++)
			if (!letter_element_known(l->requires[e]))
				return ydoc_fail(y, l->requires_nodes[e], err,
				    "unknown element '%s' (complaints-policy(5), "
				    "LETTERS, lists them)", l->requires[e]);
		if ((rc = load_template(dir, p, l->kind, &t, err)))
			return rc;
		for (int e = 0; rc == 0 && e < l->n_requires; e++)
			if (!tmpl_produces(&t, l->requires[e]))
				rc = ydoc_fail(y, l->requires_nodes[e], err,
				    "letter '%s' must state %s ('%s'), but its "
				    "template '%s' never writes {{%s}}", l->kind,
				    element_what[element_index(l->requires[e])],
				    l->requires[e], t.file, l->requires[e]);
		tmpl_free(&t);
	}
	return rc;
}

/* HTML text of s, for the letterhead (policy text, escaped all the
 * same). */
static void
put_html(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char u = (unsigned char)*s;

		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if (*s == '\n')
			fputs("<br>\n", f);
		else if (u >= 0x20 && u != 0x7f)
			fputc(*s, f);
	}
}

/* A line of the letter's CommonMark that starts a block of its own
 * (a list item, a heading, a quote), or is blank. */
static int
starts_block(const char *line, const char *end)
{
	while (line < end && (*line == ' ' || *line == '\t'))
		line++;
	if (line == end || *line == '\n' || *line == '#' || *line == '>')
		return 1;
	if ((*line == '-' || *line == '*' || *line == '+') && line + 1 < end &&
	    (line[1] == ' ' || line[1] == '\t'))
		return 1;
	while (line < end && *line >= '0' && *line <= '9')
		line++;
	return line < end && (*line == '.' || *line == ')') && line + 1 < end &&
	    line[1] == ' ';
}

/*
 * The letter's CommonMark with each line kept a line of its own, as the
 * plain text has it: a line followed by another of the same paragraph
 * ends with a hard break (a backslash), unless it has one already (an
 * odd run of backslashes: an even one is escaped backslashes). The
 * ombudsman's name, address, telephone, email and website are lines of
 * their own so. NULL: no memory.
 */
static char *
hard_breaks(const char *md, size_t len, size_t *out_len)
{
	char *out = malloc(2 * len + 1), *o = out;
	const char *p = md, *end = md + len;

	if (out == NULL)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *eol = nl ? nl : end;
		size_t slashes = 0;

		memcpy(o, p, eol - p);
		o += eol - p;
		for (const char *b = eol; b > p && b[-1] == '\\'; b--)
			slashes++;
		if (nl != NULL && nl + 1 < end && !starts_block(p, eol) &&
		    *p != '#' && !starts_block(nl + 1, end) && slashes % 2 == 0)
			*o++ = '\\';
		if (nl == NULL)
			break;
		*o++ = '\n';
		p = nl + 1;
	}
	*o = '\0';
	*out_len = o - out;
	return out;
}

/* One printable A4 page: the letterhead, then the letter as CommonMark
 * made HTML (raw HTML left out), with nothing fetched from elsewhere. */
static int
html_page(FILE *f, const struct policy *live, const char *md, size_t len,
    const char *title, struct cpl_error *err)
{
	size_t hard_len;
	char *hard = hard_breaks(md, len, &hard_len), *body;

	if (hard == NULL)
		return cpl_nomem(err);
	body = cmark_markdown_to_html(hard, hard_len, CMARK_OPT_DEFAULT);
	free(hard);
	if (body == NULL)
		return cpl_nomem(err);
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; style-src 'unsafe-inline'\">\n<title>", f);
	put_html(f, title);
	fputs("</title>\n<style>\n"
	    "@page { size: A4; margin: 20mm 20mm 20mm 25mm; }\n"
	    "html { font: 11pt/1.4 \"DejaVu Serif\", Georgia, serif; "
	    "color: #000; background: #fff; }\n"
	    "body { max-width: 165mm; margin: 0 auto; }\n"
	    "header { text-align: right; margin-bottom: 12mm; }\n"
	    "header .council { font-size: 14pt; font-weight: bold; }\n"
	    "p, li { orphans: 3; widows: 3; }\n"
	    "@media screen { body { margin: 20mm auto; } }\n"
	    "</style>\n</head>\n<body>\n<header>\n", f);
	if (live->letterhead_name || live->council) {
		fputs("<div class=\"council\">", f);
		put_html(f, live->letterhead_name ? live->letterhead_name :
		    live->council);
		fputs("</div>\n", f);
	}
	if (live->letterhead_address) {
		fputs("<address>", f);
		put_html(f, live->letterhead_address);
		fputs("</address>\n", f);
	}
	for (int i = 0; i < 3; i++) {
		const char *v = i == 0 ? live->letterhead_phone : i == 1 ?
		    live->letterhead_email : live->letterhead_website;

		if (v == NULL)
			continue;
		fputs("<div>", f);
		put_html(f, v);
		fputs("</div>\n", f);
	}
	fputs("</header>\n<main>\n", f);
	fputs(body, f);
	fputs("</main>\n</body>\n</html>\n", f);
	free(body);
	return 0;
}

/* Is element i a deadline a hold stops? */
static int
stopped_deadline(int i)
{
	return i == E_ACK_DUE || i == E_RESPONSE_DUE || i == E_RESPONSE_TARGET;
}

/* While a hold is in force on stage st, a template that states a deadline
 * the hold stops must say the stage is on hold ('on_hold'): else the
 * letter would promise no day, or one the hold has moved. */
static int
check_hold_said(const struct case_file *cf, const struct stage_rec *st,
    const struct facts *f, const struct tmpl *t, const char *kind,
    struct cpl_error *err)
{
	const struct hold_rec *h = hold_in_force(st);
	char d[DATE_LEN];

	if (!present(&f->v[E_ON_HOLD]) || tmpl_names(t, "on_hold"))
		return 0;
	for (int i = 0; i < N_ELEMENTS; i++)
		if (stopped_deadline(i) && !present(&f->v[i]) &&
		    tmpl_names(t, letter_elements[i])) {
			date_format(h->held, d);
			return cpl_fail(err, CPL_POLICY, "case '%s' is on hold "
			    "since %s (%s): the %s letter can't state %s "
			    "('%s') until its clock resumes, and '%s' says "
			    "nothing of the hold ('on_hold')", cf->c.ref, d,
			    h->reason, kind, element_what[i],
			    letter_elements[i], t->file);
		}
	return 0;
}

/* The text of the letter rq asks for, of case cf (live: its policy file
 * as it is now, dir its directory), into *out. */
static int
write_letter(struct session *s, struct case_file *cf,
    const struct policy *live, const struct letter_request *rq, int html,
    char **out, size_t *len, struct cpl_error *err)
{
	struct stage_rec *st;
	const struct letter_rules *l;
	struct facts f;
	struct tmpl t;
	char key[128], cite[256];
	FILE *mf;
	char *md = NULL;
	size_t md_len = 0;
	int rc, n = rq->stage ? rq->stage : cf->stages[cf->n_stages - 1].stage;

	*out = NULL;
	if ((st = stage_of(cf, n)) == NULL)
		return cpl_fail(err, CPL_REFUSED, "case '%s' has no stage %d",
		    cf->c.ref, n);
	if ((l = rules_for(live, rq->kind, n, key, sizeof(key))) == NULL) {
		char kinds[512] = "";

		for (int i = 0; i < live->n_letters; i++)
			snprintf(kinds + strlen(kinds), sizeof(kinds) -
			    strlen(kinds), "%s%s", i ? ", " : "",
			    live->letters[i].kind);
		return cpl_fail(err, CPL_USAGE, "policy '%s' prescribes no "
		    "'%s' letter%s%s%s", live->id, rq->kind,
		    kinds[0] ? " (its letters: " : "", kinds,
		    kinds[0] ? ")" : "");
	}
	if ((rc = gather(s, cf, st, live, rq, s->officer, &f, err)))
		return rc;
	policy_cite(l->source, cite, sizeof(cite));
	for (int e = 0; e < l->n_requires; e++) {
		int i = element_index(l->requires[e]);

		/* A deadline the hold stops is not known: the letter says
		 * the stage is on hold in its place (checked below). */
		if (i >= 0 && !present(&f.v[i]) &&
		    !(stopped_deadline(i) && present(&f.v[E_ON_HOLD]))) {
			rc = cpl_fail(err, CPL_REFUSED, "the %s letter of case "
			    "'%s' at stage %d must state %s ('%s', %s), and the "
			    "case has none", l->kind, cf->c.ref, n,
			    element_what[i], l->requires[e], cite);
			facts_free(&f);
			return rc;
		}
	}
	if ((rc = load_template(s->policies, live, key, &t, err))) {
		facts_free(&f);
		return rc;
	}
	if ((rc = check_hold_said(cf, st, &f, &t, l->kind, err)))
		goto done;
	if ((mf = open_memstream(&md, &md_len)) == NULL) {
		rc = cpl_nomem(err);
		goto done;
	}
	tmpl_render(&t, lookup, &f, html, mf);
	if (fclose(mf) != 0) {
		rc = cpl_nomem(err);
		goto done;
	}
	if (!html) {
		*out = md;
		*len = md_len;
		md = NULL;
		goto done;
	}
	if ((mf = open_memstream(out, len)) == NULL) {
		rc = cpl_nomem(err);
		goto done;
	}
	{
		char title[200];

		snprintf(title, sizeof(title), "%s: %s", cf->c.ref, l->kind);
		rc = html_page(mf, live, md, md_len, title, err);
	}
	if (fclose(mf) != 0 && rc == 0)
		rc = cpl_nomem(err);
	if (rc) {
		free(*out);
		*out = NULL;
	}
done:
	free(md);
	tmpl_free(&t);
	facts_free(&f);
	return rc;
}

/* A holding reply's extension, as extend grants it (the complainant is
 * told: by this letter). */
static int
apply_extension(struct session *s, struct case_file *cf,
    const struct letter_request *rq, struct cpl_error *err)
{
	if (rq->days == 0)
		return 0;
	return case_file_extend(s, cf, rq->days, rq->reason, 1, rq->date, err);
}

/* An acknowledgement not yet recorded is shown as if made on the
 * letter's day: a response counted from it then has its deadline. */
static int
preview_ack(struct session *s, struct case_file *cf,
    const struct letter_request *rq, struct cpl_error *err)
{
	struct stage_rec *st = &cf->stages[cf->n_stages - 1];

	if (strcmp(rq->kind, "acknowledgement") != 0 ||
	    (rq->stage != 0 && rq->stage != st->stage) ||
	    st->acknowledged != NO_DATE)
		return 0;
	return case_file_ack(s, cf, rq->date, err);
}

/* A copy of v (NULL stays NULL); *nomem set when there is no memory. */
static char *
copy_or_null(const char *v, int *nomem)
{
	char *c;

	if (v == NULL)
		return NULL;
	if ((c = strdup(v)) == NULL)
		*nomem = 1;
	return c;
}

int
case_file_letter_sent(struct session *s, struct case_file *cf,
    int stage, const char *kind, const char *via, cpl_date date,
    const char *text, struct cpl_error *err)
{
	struct letter_rec *grown, *l;
	char detail[256];
	int nomem = 0;

	if ((grown = realloc(cf->letters, (cf->n_letters + 1) *
	    sizeof(*grown))) == NULL)
		return cpl_nomem(err);
	cf->letters = grown;
	l = &grown[cf->n_letters++];
	memset(l, 0, sizeof(*l));
	l->stage = stage;
	l->sent = date;
	l->kind = copy_or_null(kind, &nomem);
	l->via = copy_or_null(via, &nomem);
	l->officer = copy_or_null(s->officer, &nomem);
	l->text = copy_or_null(text, &nomem);
	if (nomem)
		return cpl_nomem(err);
	snprintf(detail, sizeof(detail), "%s letter%s%s", kind,
	    via ? " sent by " : "", via ? via : "");
	return case_event(cf, stage, date, s->officer, "letter-sent", detail,
	    err);
}

/* The letter sent: the rule its sending is (an acknowledgement is the
 * stage's; a holding reply grants its extension), then its text kept. */
static int
send_letter(struct session *s, const char *ref,
    const struct letter_request *rq, const struct policy **live,
    char **out, size_t *len, struct cpl_error *err)
{
	struct case_file cf;
	char *text = NULL;
	size_t text_len = 0;
	int rc, stage;

	*out = NULL;
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = case_load_full(s, ref, &cf, err)))
		goto fail;
	stage = rq->stage ? rq->stage : cf.stages[cf.n_stages - 1].stage;
	if ((rc = check_not_purged(&cf, err)) ||
	    (rc = session_policy(s, cf.c.policy, live, err)))
		goto done;
	if (strcmp(rq->kind, "acknowledgement") == 0 &&
	    (stage != cf.stages[cf.n_stages - 1].stage ||
	    (rc = case_file_ack(s, &cf, rq->date, err))))
		goto not_current;
	if ((rc = apply_extension(s, &cf, rq, err)))
		goto done;
	if ((rc = write_letter(s, &cf, *live, rq, 0, &text, &text_len, err)))
		goto done;
	if ((rc = case_file_letter_sent(s, &cf, stage, rq->kind, rq->via,
	    rq->date, text, err)) ||
	    (rc = case_write(s, &cf, err)))
		goto done;
	if (rq->html)
		rc = write_letter(s, &cf, *live, rq, 1, out, len, err);
	else {
		*out = text;
		*len = text_len;
		text = NULL;
	}
	if (rc == 0)
		rc = store_commit(s->st, err);
	goto done;
not_current:
	if (rc == 0)
		rc = cpl_fail(err, CPL_REFUSED, "an acknowledgement letter sent is "
		    "the acknowledgement of case '%s' at its current stage "
		    "(%d), not of stage %d", cf.c.ref,
		    cf.stages[cf.n_stages - 1].stage, stage);
done:
	free(text);
	case_file_free(&cf);
fail:
	if (rc) {
		free(*out);
		*out = NULL;
		store_rollback(s->st);
	}
	return rc;
}

int
case_letter(struct session *s, const char *ref,
    const struct letter_request *rq, char **out, size_t *len,
    struct cpl_error *err)
{
	const struct policy *live = NULL;
	struct case_file cf;
	int rc;

	if (rq->days != 0 && blank(rq->reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the response needs longer");
	if (rq->sent)
		return send_letter(s, ref, rq, &live, out, len, err);
	/* Read as show reads a case, the read audited where the store
	 * audits reading; an extension asked for is shown, not granted. */
	if ((rc = case_load_full(s, ref, &cf, err)))
		return rc;
	if ((rc = case_audit_read(s, &cf, "viewed", err)) == 0 &&
	    (rc = session_policy(s, cf.c.policy, &live, err)) == 0 &&
	    (rc = preview_ack(s, &cf, rq, err)) == 0 &&
	    (rc = apply_extension(s, &cf, rq, err)) == 0)
		rc = write_letter(s, &cf, live, rq, rq->html, out, len, err);
	case_file_free(&cf);
	return rc;
}
