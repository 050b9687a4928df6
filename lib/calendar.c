/*
 * calendar.c: working days (see calendar.h).
 *
 * The covered years are held as one byte a day, so a deadline is a short walk
 * over a small array; the walk stops at the edge of the covered years with an
 * error rather than after some number of steps.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "util.h"
#include "ydoc.h"

int
calendar_init(struct calendar *cal, const char *id, int from_year, int to_year,
    struct cpl_error *err)
{
	memset(cal, 0, sizeof(*cal));
	cal->id = strdup(id);
	cal->from_year = from_year;
	cal->to_year = to_year;
	cal->first = date_from_ymd(from_year, 1, 1);
	cal->last = date_from_ymd(to_year, 12, 31);
	cal->closed = calloc((size_t)(cal->last - cal->first + 1), 1);
	if (cal->id == NULL || cal->closed == NULL) {
		calendar_free(cal);
		return cpl_nomem(err);
	}
	return 0;
}

int
calendar_close_day(struct calendar *cal, cpl_date day)
{
	if (day < cal->first || day > cal->last)
		return -1;
	cal->closed[day - cal->first] = 1;
	return 0;
}

void
calendar_free(struct calendar *cal)
{
	for (int i = 0; i < cal->n_holidays; i++)
		free(cal->holidays[i].title);
	free(cal->holidays);
	free(cal->id);
	free(cal->name);
	free(cal->source);
	free(cal->closed);
	memset(cal, 0, sizeof(*cal));
}

int
calendar_covers(const struct calendar *cal, cpl_date day)
{
	return day >= cal->first && day <= cal->last;
}

int
calendar_is_working_day(const struct calendar *cal, cpl_date day)
{
	return date_weekday(day) < 5 && !cal->closed[day - cal->first];
}

static int
outside(const struct calendar *cal, cpl_date from, int n, struct cpl_error *err)
{
	char d[DATE_LEN];

	date_format(from, d);
	return cpl_fail(err, CPL_POLICY,
	    "%d working days after %s fall outside calendar '%s' "
	    "(it covers %d to %d)", n, d, cal->id, cal->from_year, cal->to_year);
}

int
working_days_after(const struct calendar *cal, cpl_date from, int n,
    cpl_date *out, struct cpl_error *err)
{
	cpl_date day = from;
	int counted = 0;

	while (counted < n) {
		day++;
		if (day < cal->first || day > cal->last)
			return outside(cal, from, n, err);
		if (calendar_is_working_day(cal, day))
			counted++;
	}
	*out = day;
	return 0;
}

int
working_days_between(const struct calendar *cal, cpl_date due, cpl_date day,
    int *out, struct cpl_error *err)
{
	int n = 0;

	for (cpl_date d = due + 1; d <= day; d++) {
		if (d < cal->first || d > cal->last)
			return outside(cal, due, day - due, err);
		n += calendar_is_working_day(cal, d);
	}
	*out = n;
	return 0;
}

int
calendar_load(const char *path, struct calendar *cal, struct cpl_error *err)
{
	const char *base = strrchr(path, '/');
	char *text = NULL, *id = NULL;
	size_t len = 0, n;
	int rc;

	memset(cal, 0, sizeof(*cal));
	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0)
		return cpl_fail(err, CPL_POLICY, "can't read calendar '%s': %s",
		    path, errno == EFBIG ? "it is longer than the "
		    POLICY_FILE_MAX_TEXT " a calendar file may be" :
		    strerror(errno));
	/* Calendars are found by id as ID.yaml: a file so named must say
	 * that id. */
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0 &&
	    (id = strndup(base, n - 5)) == NULL) {
		free(text);
		return cpl_nomem(err);
	}
	rc = calendar_parse(path, id, text, len, cal, err);
	free(id);
	free(text);
	return rc;
}

static const char *const weekday_name[] = {"Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday"};

/* The date node of a holiday, n: n itself, or the key of a map of one
 * pair, its title the value (*title; NULL for a bare date). */
static int
holiday_nodes(struct ydoc *y, yaml_node_t *n, yaml_node_t **date,
    yaml_node_t **title, struct cpl_error *err)
{
	yaml_node_pair_t *pair;

	*date = n;
	*title = NULL;
	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return 0;
	pair = n->data.mapping.pairs.start;
	if (n->data.mapping.pairs.top - pair != 1)
		return ydoc_fail(y, n, err, "a holiday is a date, or a date and "
		    "its title (2026-12-25 : Christmas Day)");
	*date = yaml_document_get_node(&y->doc, pair->key);
	*title = yaml_document_get_node(&y->doc, pair->value);
	return 0;
}

int
calendar_parse(const char *name, const char *want_id, const char *text,
    size_t len, struct calendar *cal, struct cpl_error *err)
{
	static const char *const keys[] = {"id", "name", "source", "covers",
	    "holidays", NULL};
	static const char *const cover_keys[] = {"from", "to", NULL};
	struct ydoc y;
	yaml_node_t *root, *covers, *hols;
	const char *id = NULL, *name_of = NULL, *source = NULL;
	int from = 0, to = 0, rc;

	memset(cal, 0, sizeof(*cal));
	if ((rc = ydoc_parse(&y, name, text, len, err)))
		goto out;
	root = ydoc_root(&y);
	if ((rc = ydoc_map(&y, root, "a calendar", keys, keys, err)))
		goto out;
	if ((rc = ydoc_str(&y, ydoc_get(&y, root, "id"), "id", &id, err)))
		goto out;
	if (want_id != NULL && strcmp(id, want_id) != 0) {
		rc = ydoc_fail(&y, ydoc_get(&y, root, "id"), err,
		    "the id inside is '%s', not '%s': a calendar is found by "
		    "its file name, ID.yaml", id, want_id);
		goto out;
	}
	covers = ydoc_get(&y, root, "covers");
	if ((rc = ydoc_map(&y, covers, "covers", cover_keys, cover_keys, err)) ||
	    (rc = ydoc_int(&y, ydoc_get(&y, covers, "from"), "covers.from",
	    1900, 9999, &from, err)) ||
	    (rc = ydoc_int(&y, ydoc_get(&y, covers, "to"), "covers.to",
	    from, from + 200, &to, err)))
		goto out;
	if ((rc = ydoc_get_str(&y, root, "name", &name_of, err)) ||
	    (rc = ydoc_get_str(&y, root, "source", &source, err)) ||
	    (rc = calendar_init(cal, id, from, to, err)))
		goto out;
	if ((cal->name = strdup(name_of)) == NULL ||
	    (cal->source = strdup(source)) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	hols = ydoc_get(&y, root, "holidays");
	if ((rc = ydoc_seq(&y, hols, "holidays", err)))
		goto out;
	if (ydoc_seq_len(hols) > 0 && (cal->holidays = calloc(ydoc_seq_len(hols),
	    sizeof(*cal->holidays))) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < ydoc_seq_len(hols); i++) {
		yaml_node_t *n = ydoc_seq_item(&y, hols, i), *title = NULL;
		const char *day = NULL, *what = NULL;
		struct holiday *h = &cal->holidays[cal->n_holidays];
		cpl_date d = 0;
		int wd;

		if ((rc = holiday_nodes(&y, n, &n, &title, err)) ||
		    (rc = ydoc_date(&y, n, "a holiday", &d, err)) ||
		    (title != NULL &&
		    (rc = ydoc_str(&y, title, "a holiday's title", &what, err))))
			goto out;
		day = (const char *)n->data.scalar.value;
		if (d < cal->first || d > cal->last) {
			rc = ydoc_fail(&y, n, err,
			    "holiday %s is outside the covered years %d-%d",
			    day, from, to);
			goto out;
		}
		/* The official list gives a substitute weekday for a holiday
		 * that falls at a weekend: a weekend date is a mistake for
		 * another day, and would close nothing. */
		if ((wd = date_weekday(d)) >= 5) {
			rc = ydoc_fail(&y, n, err, "holiday %s is a %s: list the "
			    "substitute weekday the official list gives", day,
			    weekday_name[wd]);
			goto out;
		}
		/* A date twice usually hides a typo of another date. */
		if (cal->closed[d - cal->first]) {
			for (size_t k = 0; k < i; k++) {
				yaml_node_t *first = ydoc_seq_item(&y, hols, k), *t;

				if (holiday_nodes(&y, first, &first, &t, err) == 0 &&
				    first->type == YAML_SCALAR_NODE &&
				    strcmp((const char *)first->data.scalar.value,
				    day) == 0) {
					rc = ydoc_fail(&y, n, err, "holiday %s is "
					    "listed twice (first at line %zu)",
					    day, first->start_mark.line + 1);
					goto out;
				}
			}
			rc = ydoc_fail(&y, n, err, "holiday %s is listed twice",
			    day);
			goto out;
		}
		calendar_close_day(cal, d);
		h->day = d;
		if (what != NULL && *what != '\0' &&
		    (h->title = strdup(what)) == NULL) {
			rc = cpl_nomem(err);
			goto out;
		}
		cal->n_holidays++;
	}
out:
	ydoc_free(&y);
	if (rc)
		calendar_free(cal);
	return rc;
}
