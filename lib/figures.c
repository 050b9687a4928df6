/*
 * figures.c: the list of a report's figures (see figures.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "figures.h"

struct fig *
fig_add(struct figures *fs, const char *section, const char *group,
    const char *figure)
{
	struct fig *f;

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 128;
		struct fig *nv = realloc(fs->v, cap * sizeof(*nv));
		if (nv == NULL)
			return NULL;
		fs->v = nv;
		fs->cap = cap;
	}
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->section = section;
	f->figure = strdup(figure);
	if (group != NULL)
		f->group = strdup(group);
	if (f->figure == NULL || (group != NULL && f->group == NULL)) {
		free(f->figure);
		free(f->group);
		return NULL;
	}
	fs->n++;
	return f;
}

void
fig_count(struct fig *f, int k, int64_t count, int64_t of)
{
	f->period[k].set = 1;
	f->period[k].count = count;
	f->period[k].of = of < 0 ? 0 : of;
	f->has_of = of >= 0;
}

const struct fig *
fig_find(const struct figures *fs, const char *section, const char *group,
    const char *figure)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *f = &fs->v[i];

		if (strcmp(f->section, section) == 0 &&
		    (f->group == NULL || group == NULL ? f->group == group :
		    strcasecmp(f->group, group) == 0) &&
		    strcmp(f->figure, figure) == 0)
			return f;
	}
	return NULL;
}

void
figures_free(struct figures *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct fig *f = &fs->v[i];

		free(f->group);
		free(f->figure);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

const char *
fig_value(const struct fig *f, int k, char *buf)
{
	if (!f->period[k].set)
		return NULL;
	if (f->decimal)
		snprintf(buf, FIG_TEXT, "%.1f", f->period[k].average);
	else
		snprintf(buf, FIG_TEXT, "%lld", (long long)f->period[k].count);
	return buf;
}

const char *
fig_of(const struct fig *f, int k, char *buf)
{
	if (!f->has_of && !f->decimal)
		return NULL;
	snprintf(buf, FIG_TEXT, "%lld", (long long)f->period[k].of);
	return buf;
}

const char *
fig_percent(const struct fig *f, int k, char *buf)
{
	if (!f->has_of || f->decimal || !f->period[k].set ||
	    f->period[k].of <= 0)
		return NULL;
	snprintf(buf, FIG_TEXT, "%.1f", 100.0 * (double)f->period[k].count /
	    (double)f->period[k].of);
	return buf;
}
