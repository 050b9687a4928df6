/*
 * calendar_files.c: the calendar files of a policies directory (see
 * calendar_files.h): the days off of a calendar, for a year; and a
 * calendar file made from the official list of bank holidays, in the JSON
 * format of https://www.gov.uk/bank-holidays.json, read with jansson, and
 * written as complaints-policy(5) describes calendar files:
 *
 *   # Scotland bank holidays, 2018-2030.
 *   # ... (where each year came from)
 *   id: scotland
 *   name: "Scotland bank holidays"
 *   source: "https://www.gov.uk/bank-holidays"
 *   covers:
 *     from: 2018
 *     to: 2030
 *   holidays:
 *     # 2018
 *     - 2018-01-01 : "New Year’s Day"   # Mon
 *     - 2018-01-02 : "2nd January"   # Tue
 */
#define _GNU_SOURCE		/* open_memstream */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "calendar_files.h"
#include "policy_files.h"
#include "util.h"

static const char *const wday[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
    "Sun"};

/* --- the days off of a year --- */

static int
by_day(const void *a, const void *b)
{
	const struct day_off *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

int
calendar_days_off(const struct calendar *cal, const char *path,
    const struct policy *p, int year, struct day_off **out, int *n,
    struct cpl_error *err)
{
	cpl_date first = date_from_ymd(year, 1, 1), last =
	    date_from_ymd(year, 12, 31);
	struct day_off *v;
	int cnt = 0, cap = cal->n_holidays + (p ? p->n_closures : 0);

	*out = NULL;
	*n = 0;
	if (year < cal->from_year || year > cal->to_year)
		return cpl_fail(err, CPL_POLICY, "calendar '%s' covers %d to %d; "
		    "%d is outside it: add %d's bank holidays to '%s' (complaints "
		    "calendar import reads the official list)", cal->id,
		    cal->from_year, cal->to_year, year, year, path);
	if ((v = calloc(cap > 0 ? cap : 1, sizeof(*v))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < cal->n_holidays; i++) {
		const struct holiday *h = &cal->holidays[i];

		if (h->day < first || h->day > last)
			continue;
		v[cnt].calendar = cal->id;
		v[cnt].day = h->day;
		v[cnt].title = h->title;
		cnt++;
	}
	/* A closure day that is a weekend or a bank holiday closes nothing
	 * more (a range over Christmas holds both). */
	for (int i = 0; p != NULL && i < p->n_closures; i++) {
		cpl_date d = p->closures[i];
		int off = date_weekday(d) >= 5;

		if (d < first || d > last)
			continue;
		for (int k = 0; !off && k < cal->n_holidays; k++)
			off = cal->holidays[k].day == d;
		for (int k = 0; !off && k < cnt; k++)
			off = v[k].day == d;
		if (off)
			continue;
		v[cnt].calendar = cal->id;
		v[cnt].day = d;
		v[cnt].closure = 1;
		cnt++;
	}
	qsort(v, cnt, sizeof(*v), by_day);
	*out = v;
	*n = cnt;
	return 0;
}

int
calendar_ids(const char *dir, char ***ids, int *n, struct cpl_error *err)
{
	DIR *d;

	*ids = NULL;
	*n = 0;
	/* Said of calendars, not of policies as policy_ids would. */
	if ((d = opendir(dir)) == NULL)
		return cpl_fail(err, CPL_POLICY, "can't read the calendars in "
		    "'%s': %s", dir, strerror(errno));
	closedir(d);
	return policy_ids(dir, ids, n, err);
}

/* --- the official list --- */

/* A holiday of the calendar being made. */
struct day {
	cpl_date day;
	char *title;
};

struct days {
	struct day *v;
	int n, cap;
};

static void
days_free(struct days *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->v[i].title);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* Add a day and its title (taken: freed with the list). */
static int
days_add(struct days *d, cpl_date day, char *title)
{
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		struct day *nv = realloc(d->v, cap * sizeof(*nv));

		if (nv == NULL) {
			free(title);
			return -1;
		}
		d->v = nv;
		d->cap = cap;
	}
	d->v[d->n].day = day;
	d->v[d->n].title = title;
	d->n++;
	return 0;
}

static int
by_date(const void *a, const void *b)
{
	const struct day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* The file is not the official list: what is wrong with it. */
static int
not_list(struct cpl_error *err, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
not_list(struct cpl_error *err, const char *name, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cpl_fail(err, CPL_USAGE, "%s: %s", name, msg);
}

/* A title with its note: "Boxing Day (substitute day)". A new string. */
static char *
titled(const char *title, const char *note)
{
	size_t n = strlen(title) + (note ? strlen(note) : 0) + 4;
	char *t = malloc(n);

	if (t == NULL)
		return NULL;
	if (note == NULL || *note == '\0') {
		snprintf(t, n, "%s", title);
		return t;
	}
	snprintf(t, n, "%s (%s)", title, note);
	/* The note as the list writes it, its first letter in lower case
	 * after the title ("Substitute day"). */
	t[strlen(title) + 2] = (char)tolower((unsigned char)note[0]);
	return t;
}

/* The events of the division: every one a weekday, each day once, and
 * every year between the first and the last with some. */
static int
read_events(const char *name, const char *division, json_t *events,
    struct days *d, int *from, int *to, struct cpl_error *err)
{
	json_t *ev;
	size_t i;

	if (!json_is_array(events))
		return not_list(err, name, "division '%s' has no list of "
		    "\"events\"", division);
	if (json_array_size(events) == 0)
		return not_list(err, name, "division '%s' lists no events",
		    division);
	json_array_foreach(events, i, ev) {
		json_t *t = json_object_get(ev, "title"), *dt =
		    json_object_get(ev, "date"), *nt = json_object_get(ev,
		    "notes"), *b = json_object_get(ev, "bunting");
		const char *date;
		char *title;
		cpl_date day;
		int y, wd;

		if (!json_is_object(ev))
			return not_list(err, name, "%s: event %zu is not an "
			    "object", division, i + 1);
		if (!json_is_string(dt) ||
		    date_parse(date = json_string_value(dt), &day) != 0)
			return not_list(err, name, "%s: event %zu: \"date\" is not "
			    "a date (YYYY-MM-DD)", division, i + 1);
		if (!json_is_string(t) || *json_string_value(t) == '\0')
			return not_list(err, name, "%s: event %zu (%s): no "
			    "\"title\"", division, i + 1, date);
		if (nt != NULL && !json_is_string(nt) && !json_is_null(nt))
			return not_list(err, name, "%s: event %zu (%s): \"notes\" "
			    "is not text", division, i + 1, date);
		if (b != NULL && !json_is_boolean(b))
			return not_list(err, name, "%s: event %zu (%s): "
			    "\"bunting\" is not true or false", division, i + 1,
			    date);
		if ((y = date_year(day)) < 1900 || y > 9999)
			return not_list(err, name, "%s: event %zu: %s is not a "
			    "year a calendar covers", division, i + 1, date);
		if ((wd = date_weekday(day)) >= 5)
			return not_list(err, name, "%s: event %zu: %s is a %s: the "
			    "official list gives the weekday that replaces it",
			    division, i + 1, date, wd == 5 ? "Saturday" :
			    "Sunday");
		for (int k = 0; k < d->n; k++)
			if (d->v[k].day == day)
				return not_list(err, name, "%s: event %zu: %s is "
				    "listed twice", division, i + 1, date);
		if ((title = titled(json_string_value(t), json_is_string(nt) ?
		    json_string_value(nt) : NULL)) == NULL ||
		    days_add(d, day, title) != 0)
			return cpl_nomem(err);
		if (i == 0 || y < *from)
			*from = y;
		if (i == 0 || y > *to)
			*to = y;
	}
	if (*to - *from > 200)
		return not_list(err, name, "%s: its events run from %d to %d: a "
		    "calendar covers 200 years at most", division, *from, *to);
	for (int y = *from; y <= *to; y++) {
		int some = 0;

		for (int k = 0; !some && k < d->n; k++)
			some = date_year(d->v[k].day) == y;
		if (!some)
			return not_list(err, name, "%s: no bank holiday in %d, "
			    "between %d and %d: the list is not whole", division,
			    y, *from, *to);
	}
	return 0;
}

/* --- writing the calendar file --- */

/* Text in YAML's double quotes: every character as it is, but the
 * quote, the backslash and the characters YAML takes for control or line
 * breaks, escaped. */
static void
yaml_quoted(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(f, "\\u%04x", p[1]);	/* C1, NEL */
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			fprintf(f, "\\u%04x", 0x2000 | p[2]);	/* LS, PS */
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			fputs("\\ufeff", f);
			p += 2;
		} else
			putc(*p, f);
	}
	putc('"', f);
}

/* Text in a comment: a control character (a line break would end the
 * comment) as '?'. */
static void
comment_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		putc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
}

/* A file's name in a comment: its last part. */
static void
comment_name(FILE *f, const char *name)
{
	const char *slash = strrchr(name, '/');

	comment_text(f, slash ? slash + 1 : name);
}

/* "England and Wales" of "england-and-wales". */
static void
division_words(FILE *f, const char *division)
{
	int start = 1;

	for (const char *p = division; *p; p++) {
		if (*p == '-') {
			putc(' ', f);
			start = 1;
			continue;
		}
		if (start && strncmp(p, "and-", 4) != 0 &&
		    strncmp(p, "of-", 3) != 0)
			putc(toupper((unsigned char)*p), f);
		else
			putc(*p, f);
		start = 0;
	}
}

/* The years from..to, as a comment says them. */
static void
years(FILE *f, int from, int to)
{
	if (from == to)
		fprintf(f, "%d", from);
	else
		fprintf(f, "%d-%d", from, to);
}

static void
write_calendar(FILE *f, const char *name, const char *division,
    const struct calendar *base, const char *base_name,
    const struct days *d, const struct official_import *w)
{
	char date[DATE_LEN];
	int year = 0;

	fputs("# ", f);
	if (base != NULL && base->name != NULL)
		comment_text(f, base->name);
	else {
		division_words(f, division);
		fputs(" bank holidays", f);
	}
	fprintf(f, ", ");
	years(f, w->from, w->to);
	fputs(".\n#\n# Written by complaints calendar import: ", f);
	years(f, w->list_from, w->list_to);
	fputs(" from the official list\n# (", f);
	comment_name(f, name);
	fprintf(f, ", division %s, in the format of\n"
	    "# https://www.gov.uk/bank-holidays.json)", division);
	if (w->from < w->list_from || w->to > w->list_to) {
		fputs(";\n# ", f);
		if (w->from < w->list_from)
			years(f, w->from, w->list_from - 1);
		if (w->from < w->list_from && w->to > w->list_to)
			fputs(" and ", f);
		if (w->to > w->list_to)
			years(f, w->list_to + 1, w->to);
		fputs(" as the calendar had them before (", f);
		comment_name(f, base_name);
		fputs(")", f);
	}
	fputs(".\n# Each holiday is its date and its title; a substitute day is "
	    "the list's\n# \"Substitute day\".\n#\n"
	    "# A deadline outside 'covers' is an error, never a guess.\n", f);
	fprintf(f, "id: %s\nname: ", division);
	if (base != NULL && base->name != NULL)
		yaml_quoted(f, base->name);
	else {
		char *words = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&words, &len);

		if (m != NULL) {
			division_words(m, division);
			fputs(" bank holidays", m);
			fclose(m);
		}
		yaml_quoted(f, words ? words : division);
		free(words);
	}
	fputs("\nsource: ", f);
	yaml_quoted(f, base != NULL && base->source != NULL ? base->source :
	    "https://www.gov.uk/bank-holidays");
	fprintf(f, "\ncovers:\n  from: %d\n  to: %d\nholidays:\n", w->from,
	    w->to);
	for (int i = 0; i < d->n; i++) {
		if (date_year(d->v[i].day) != year) {
			year = date_year(d->v[i].day);
			fprintf(f, "  # %d\n", year);
		}
		date_format(d->v[i].day, date);
		fprintf(f, "  - %s", date);
		if (d->v[i].title != NULL) {
			fputs(" : ", f);
			yaml_quoted(f, d->v[i].title);
		}
		fprintf(f, "   # %s\n", wday[date_weekday(d->v[i].day)]);
	}
}

int
calendar_from_official(const char *name, const char *text, size_t len,
    const char *division, const struct calendar *base, const char *base_name,
    char **yaml, size_t *yaml_len, struct official_import *what,
    struct cpl_error *err)
{
	struct days d = {NULL, 0, 0};
	struct calendar check;
	json_error_t je;
	json_t *root, *div, *dv;
	FILE *f;
	int rc;

	*yaml = NULL;
	*yaml_len = 0;
	memset(what, 0, sizeof(*what));
	if ((root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return cpl_fail(err, CPL_USAGE, "%s:%d:%d: not JSON: %s", name,
		    je.line, je.column, je.text);
	if (!json_is_object(root)) {
		rc = not_list(err, name, "not the official list of bank holidays "
		    "(an object of divisions, as "
		    "https://www.gov.uk/bank-holidays.json)");
		goto out;
	}
	if ((div = json_object_get(root, division)) == NULL) {
		char have[400] = "";
		const char *key;
		json_t *v;
		size_t n = 0;

		json_object_foreach(root, key, v)
			if (n < sizeof(have))
				n += (size_t)snprintf(have + n, sizeof(have) - n,
				    "%s'%.60s'", n ? ", " : "", key);
		rc = not_list(err, name, "no division '%s' in it (it has %s)",
		    division, n ? have : "none");
		goto out;
	}
	if (!json_is_object(div)) {
		rc = not_list(err, name, "division '%s' is not an object with its "
		    "events", division);
		goto out;
	}
	dv = json_object_get(div, "division");
	if (dv != NULL && (!json_is_string(dv) ||
	    strcmp(json_string_value(dv), division) != 0)) {
		rc = not_list(err, name, "division '%s' says it is \"division\" "
		    "%s", division, json_is_string(dv) ? json_string_value(dv) :
		    "(not text)");
		goto out;
	}
	if ((rc = read_events(name, division, json_object_get(div, "events"),
	    &d, &what->list_from, &what->list_to, err)))
		goto out;
	what->from = what->list_from;
	what->to = what->list_to;
	/* The years the calendar had that the list does not: kept. */
	if (base != NULL) {
		if (what->list_from > base->to_year + 1 ||
		    what->list_to < base->from_year - 1) {
			int gap_from = what->list_from > base->to_year ?
			    base->to_year + 1 : what->list_to + 1;
			int gap_to = what->list_from > base->to_year ?
			    what->list_from - 1 : base->from_year - 1;
			rc = cpl_fail(err, CPL_USAGE, "%s: the official list covers "
			    "%d to %d, and calendar '%s' (%s) %d to %d: %d to %d "
			    "would have no bank holidays", name, what->list_from,
			    what->list_to, base->id, base_name, base->from_year,
			    base->to_year, gap_from, gap_to);
			goto out;
		}
		if (base->from_year < what->from)
			what->from = base->from_year;
		if (base->to_year > what->to)
			what->to = base->to_year;
		if (what->to - what->from > 200) {
			rc = not_list(err, name, "with calendar '%s', %d to %d: a "
			    "calendar covers 200 years at most", base->id,
			    what->from, what->to);
			goto out;
		}
		for (int i = 0; i < base->n_holidays; i++) {
			const struct holiday *h = &base->holidays[i];
			int y = date_year(h->day);
			char *t = NULL;

			if (y >= what->list_from && y <= what->list_to)
				continue;
			if ((h->title != NULL && (t = strdup(h->title)) == NULL) ||
			    days_add(&d, h->day, t) != 0) {
				rc = cpl_nomem(err);
				goto out;
			}
		}
	}
	qsort(d.v, d.n, sizeof(*d.v), by_date);
	if ((f = open_memstream(yaml, yaml_len)) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	write_calendar(f, name, division, base, base_name, &d, what);
	if (fclose(f) != 0 || *yaml == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	/* What is written is a calendar file the other commands read. */
	if ((rc = calendar_parse("the calendar made", division, *yaml,
	    *yaml_len, &check, err)) == 0)
		calendar_free(&check);
out:
	if (rc) {
		free(*yaml);
		*yaml = NULL;
		*yaml_len = 0;
	}
	days_free(&d);
	json_decref(root);
	return rc;
}
