/*
 * correspondence.c: the entries of a case file (see correspondence.h),
 * gathered from each kind of entry the store keeps, listed (complaints
 * files) and written back out (complaints file).
 *
 * Each kind of entry is one row of sources[]: how its entries of a case
 * are read, and how one is written out: documents attached, notes,
 * letters sent. The numbering, the order and the listing are the same for
 * every kind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "correspondence.h"
#include "util.h"

/* A kind of entry of the case file. */
struct source {
	const char *kind;	/* what the listing calls it */
	/* Append the entries of case cf to *p (*n of them so far,
	 * reallocated), source set by the caller. */
	int (*read)(struct session *s, const struct case_file *cf,
	    struct paper **p, int *n, struct cpl_error *err);
	/* Write entry e's bytes to write(arg, ...). */
	int (*write_out)(struct session *s, const struct paper *e,
	    int (*write)(void *arg, const void *buf, size_t len,
	    struct cpl_error *err), void *arg, struct cpl_error *err);
};

/* Room for one more entry at the end of *p; NULL when out of memory. */
static struct paper *
one_more(struct paper **p, int *n)
{
	struct paper *grown = realloc(*p, (*n + 1) * sizeof(**p));

	if (grown == NULL)
		return NULL;
	*p = grown;
	memset(&grown[*n], 0, sizeof(**p));
	return &grown[(*n)++];
}

/* --- documents attached (attachment.c, store_attachments.c) --- */

static int
read_attachments(struct session *s, const struct case_file *cf,
    struct paper **p, int *n, struct cpl_error *err)
{
	struct attachment_rec *a;
	int na, rc;

	if ((rc = store_attachments(s->st, cf->c.id, &a, &na, err)))
		return rc;
	for (int i = 0; i < na; i++) {
		struct paper *e = one_more(p, n);

		if (e == NULL) {
			rc = cpl_nomem(err);
			for (; i < na; i++)
				attachment_rec_free(&a[i]);
			break;
		}
		/* The strings are the entry's now. */
		e->kind = "attachment";
		e->date = a[i].date;
		e->recorded = a[i].recorded;
		e->name = a[i].name;
		e->media_type = a[i].media_type;
		e->size = a[i].size;
		e->officer = a[i].officer;
		e->note = a[i].note;
		e->sha256 = a[i].sha256;
		e->event_id = a[i].event_id;
	}
	free(a);
	return rc;
}

static int
write_attachment(struct session *s, const struct paper *e,
    int (*write)(void *arg, const void *buf, size_t len,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	return store_content_write(s->st, e->sha256, write, arg, err);
}

/* --- notes (complaints note) --- */

static int
read_notes(struct session *s, const struct case_file *cf, struct paper **p,
    int *n, struct cpl_error *err)
{
	struct note_rec *nr;
	int nn, rc;

	if ((rc = store_notes(s->st, cf->c.id, &nr, &nn, err)))
		return rc;
	for (int i = 0; i < nn && rc == 0; i++) {
		struct paper *e = one_more(p, n);

		if (e == NULL ||
		    (e->media_type = strdup("text/plain")) == NULL) {
			rc = cpl_nomem(err);
			break;
		}
		e->kind = "note";
		e->date = nr[i].date;
		e->recorded = nr[i].recorded;
		nr[i].recorded = NULL;
		e->name = nr[i].text;
		nr[i].text = NULL;
		e->officer = nr[i].officer;
		nr[i].officer = NULL;
		e->size = (int64_t)strlen(e->name);
		e->event_id = nr[i].event_id;
	}
	store_notes_free(nr, nn);
	return rc;
}

static int
write_note(struct session *s, const struct paper *e,
    int (*write)(void *arg, const void *buf, size_t len,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	(void)s;
	return write(arg, e->name, strlen(e->name), err);
}

/* --- letters sent (complaints letter --sent) --- */

static int
read_letters(struct session *s, const struct case_file *cf,
    struct paper **p, int *n, struct cpl_error *err)
{
	struct letter_rec *l;
	int nl, rc;

	if ((rc = store_letters(s->st, cf->c.id, &l, &nl, err)))
		return rc;
	for (int i = 0; i < nl && rc == 0; i++) {
		struct paper *e = one_more(p, n);
		char name[128];

		snprintf(name, sizeof(name), "%s, stage %d%s%s", l[i].kind,
		    l[i].stage, l[i].via ? ", by " : "", l[i].via ? l[i].via : "");
		if (e == NULL || (e->name = strdup(name)) == NULL ||
		    (e->media_type = strdup("text/plain")) ==
		    NULL) {
			rc = cpl_nomem(err);
			break;
		}
		e->kind = "letter";
		e->date = l[i].sent;
		e->recorded = l[i].recorded;
		l[i].recorded = NULL;
		e->officer = l[i].officer;
		l[i].officer = NULL;
		e->size = (int64_t)strlen(l[i].text);
		e->letter_text = l[i].text;
		l[i].text = NULL;
		e->event_id = l[i].event_id;
	}
	store_letters_free(l, nl);
	return rc;
}

static int
write_letter_text(struct session *s, const struct paper *e,
    int (*write)(void *arg, const void *buf, size_t len,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	(void)s;
	return write(arg, e->letter_text, strlen(e->letter_text), err);
}

/* Every kind of entry, in the order entries recorded at the same moment
 * are numbered. */
static const struct source sources[] = {
	{"attachment", read_attachments, write_attachment},
	{"note", read_notes, write_note},
	{"letter", read_letters, write_letter_text},
};
#define N_SOURCES (int)(sizeof(sources) / sizeof(sources[0]))

/* --- the case file --- */

void
papers_free(struct paper *p, int n)
{
	for (int i = 0; i < n; i++) {
		free(p[i].recorded);
		free(p[i].name);
		free(p[i].media_type);
		free(p[i].officer);
		free(p[i].note);
		free(p[i].sha256);
		free(p[i].letter_text);
	}
	free(p);
}

/* The order entries are numbered in: the order their events were
 * recorded in. */
static int
by_recording(const void *x, const void *y)
{
	const struct paper *a = x, *b = y;

	return (a->event_id > b->event_id) - (a->event_id < b->event_id);
}

/* The order of the listing: by the day, then by number. */
static int
by_date(const void *x, const void *y)
{
	const struct paper *a = x, *b = y;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

int
papers_of(struct session *s, const struct case_file *cf, struct paper **p,
    int *n, struct cpl_error *err)
{
	int rc = 0;

	*p = NULL;
	*n = 0;
	for (int k = 0; k < N_SOURCES; k++) {
		int from = *n;

		if ((rc = sources[k].read(s, cf, p, n, err)))
			break;
		for (int i = from; i < *n; i++)
			(*p)[i].source = k;
	}
	if (rc) {
		papers_free(*p, *n);
		*p = NULL;
		*n = 0;
		return rc;
	}
	if (*n > 1)
		qsort(*p, *n, sizeof(**p), by_recording);
	for (int i = 0; i < *n; i++)
		(*p)[i].n = i + 1;
	if (*n > 1)
		qsort(*p, *n, sizeof(**p), by_date);
	return 0;
}

int
case_papers(struct session *s, const char *ref, struct case_papers *cp,
    struct cpl_error *err)
{
	int rc;

	memset(cp, 0, sizeof(*cp));
	if ((rc = case_load(s, ref, &cp->cf, err)))
		return rc;
	cp->loaded = 1;
	if ((rc = case_audit_read(s, &cp->cf, "viewed", err)))
		return rc;
	return papers_of(s, &cp->cf, &cp->p, &cp->n, err);
}

void
case_papers_free(struct case_papers *cp)
{
	papers_free(cp->p, cp->n);
	if (cp->loaded)
		case_file_free(&cp->cf);
	memset(cp, 0, sizeof(*cp));
}

int
case_papers_print(FILE *f, enum out_format fmt, const struct case_papers *cp)
{
	/* The table: what tells the entries apart, fitted to the width. */
	static const struct out_col table[] = {{"n", OUT_NUMBER},
	    {"date", OUT_DATE}, {"kind", OUT_WORD(10)}, {"name", OUT_TEXT},
	    {"media_type", OUT_TEXT}, {"size", OUT_NUMBER},
	    {"officer", OUT_TEXT}};
	/* CSV and JSON: everything (complaints-files(1)). */
	static const struct out_col all[] = {{"n", OUT_NUMBER},
	    {"date", OUT_DATE}, {"kind", OUT_WORD(10)}, {"name", OUT_TEXT},
	    {"media_type", OUT_TEXT}, {"size", OUT_NUMBER},
	    {"officer", OUT_TEXT}, {"sha256", OUT_TEXT}, {"note", OUT_TEXT},
	    {"recorded", OUT_TIME}};
	int ncols = fmt == OUT_TABLE ? 7 : 10;
	struct out_table *t = out_table_begin(f, fmt,
	    fmt == OUT_TABLE ? table : all, ncols);
	int rc = 0;

	if (t == NULL)
		return -1;
	for (int i = 0; i < cp->n && rc == 0; i++) {
		const struct paper *e = &cp->p[i];
		char num[24], size[24], day[DATE_LEN];
		const char *v[10];

		snprintf(num, sizeof(num), "%d", e->n);
		snprintf(size, sizeof(size), "%lld", (long long)e->size);
		date_format(e->date, day);
		v[0] = num;
		v[1] = day;
		v[2] = e->kind;
		v[3] = e->name;
		v[4] = e->media_type;
		v[5] = size;
		v[6] = e->officer;
		v[7] = e->sha256;
		v[8] = e->note;
		v[9] = e->recorded;
		rc = out_table_row(t, v);
	}
	if (out_table_end(t) != 0)
		rc = -1;
	return rc;
}

int
case_paper_write(struct session *s, const char *ref, int n,
    int (*write)(void *arg, const void *buf, size_t len,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	struct case_file cf;
	struct paper *p = NULL, *e = NULL;
	char *what = NULL;
	int np = 0, rc;

	if ((rc = case_load(s, ref, &cf, err)))
		return rc;
	if ((rc = papers_of(s, &cf, &p, &np, err)))
		goto out;
	for (int i = 0; i < np; i++)
		if (p[i].n == n)
			e = &p[i];
	if (e == NULL) {
		rc = cpl_fail(err, CPL_REFUSED, "the case file of '%s' has no "
		    "entry %d (it has %d)", cf.c.ref, n, np);
		goto out;
	}
	/* Recorded before a byte is shown. */
	if ((what = malloc(strlen(e->name) + 64)) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	sprintf(what, "%s %d: %s", e->kind, e->n, e->name);
	if ((rc = case_audit_read_of(s, &cf, "opened", what, err)) ||
	    (rc = store_read_begin(s->st, err)))
		goto out;
	rc = sources[e->source].write_out(s, e, write, arg, err);
	store_read_end(s->st);
out:
	free(what);
	papers_free(p, np);
	case_file_free(&cf);
	return rc;
}
