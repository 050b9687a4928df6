/*
 * links_io.c: groups of linked cases in export and import (see
 * links_io.h).
 */
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "links_io.h"
#include "store_links.h"

/* A case of a group's line. */
struct link_in {
	const char *ref, *officer, *reason;
	cpl_date linked;
};

static int
in_period(cpl_date d, cpl_date from, cpl_date to)
{
	return (from == NO_DATE || d >= from) && (to == NO_DATE || d <= to);
}

/* Text as JSON, or NULL (*bad set) when it is not UTF-8. */
static json_t *
text_json(const char *v, int *bad)
{
	json_t *j;

	if (v == NULL)
		return json_null();
	if ((j = json_string(v)) == NULL)
		*bad = 1;
	return j;
}

static int
export_group(struct session *s, FILE *out, int64_t grp, cpl_date from,
    cpl_date to, struct cpl_error *err)
{
	struct link_rec *l;
	json_t *a, *line = NULL;
	char d[DATE_LEN];
	int n, rc, k = 0, bad = 0;

	if ((rc = store_links(s->st, grp, &l, &n, err)))
		return rc;
	if ((a = json_array()) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		json_t *o;

		if (!in_period(l[i].received, from, to))
			continue;
		date_format(l[i].linked, d);
		if ((o = json_object()) == NULL ||
		    json_array_append_new(a, o) != 0) {
			rc = cpl_nomem(err);
			goto out;
		}
		json_object_set_new(o, "ref", text_json(l[i].ref, &bad));
		json_object_set_new(o, "linked", json_string(d));
		json_object_set_new(o, "officer", text_json(l[i].officer, &bad));
		json_object_set_new(o, "reason", text_json(l[i].reason, &bad));
		k++;
	}
	/* A group is two cases or more of those exported. */
	if (k < 2)
		goto out;
	if (bad) {
		rc = cpl_fail(err, CPL_STORE, "the group of case '%s': a text of "
		    "it is not UTF-8, which JSON can't carry: export stopped",
		    l[0].ref);
		goto out;
	}
	if ((line = json_pack("{s:O}", "linked", a)) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	if (json_dumpf(line, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
		rc = cpl_fail(err, CPL_STORE, "can't write the linked cases");
	else
		putc('\n', out);
out:
	json_decref(line);
	json_decref(a);
	store_links_free(l, n);
	return rc;
}

int
links_export(struct session *s, FILE *out, cpl_date from, cpl_date to,
    struct cpl_error *err)
{
	int64_t *g = NULL;
	int n = 0, rc;

	if ((rc = store_link_groups(s->st, &g, &n, err)))
		return rc;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = export_group(s, out, g[i], from, to, err);
	free(g);
	return rc;
}

/* The cases of a group's line, checked for shape; *in (caller frees)
 * points into line. */
static int
line_read(json_t *line, struct link_in **in, int *n, struct cpl_error *err)
{
	json_t *a = line, *o;
	size_t i;

	*in = NULL;
	*n = 0;
	if (!json_is_array(a) || json_array_size(a) < 2)
		return cpl_fail(err, CPL_USAGE, "linked: not a list of two cases "
		    "or more");
	if ((*in = calloc(json_array_size(a), sizeof(**in))) == NULL)
		return cpl_nomem(err);
	json_array_foreach(a, i, o) {
		struct link_in *c = &(*in)[i];
		json_t *r = json_object_get(o, "reason");
		const char *d;

		c->ref = json_string_value(json_object_get(o, "ref"));
		c->officer = json_string_value(json_object_get(o, "officer"));
		d = json_string_value(json_object_get(o, "linked"));
		if (!json_is_object(o) || c->ref == NULL || c->officer == NULL ||
		    d == NULL || date_parse(d, &c->linked) != 0 ||
		    (r != NULL && !json_is_null(r) && !json_is_string(r)))
			return cpl_fail(err, CPL_USAGE, "linked: case %zu: needs "
			    "its ref, the day it was linked (YYYY-MM-DD), the "
			    "officer, and a reason or null", i + 1);
		c->reason = json_string_value(r);
		for (size_t k = 0; k < i; k++)
			if (strcmp((*in)[k].ref, c->ref) == 0)
				return cpl_fail(err, CPL_USAGE, "linked: case "
				    "'%s' is given twice", c->ref);
		++*n;
	}
	return 0;
}

int
links_line_check(struct session *s, json_t *line,
    int (*known)(void *arg, const char *ref, int *yes,
    struct cpl_error *err), void *arg, struct cpl_error *err)
{
	struct link_in *in;
	int n, rc;

	(void)s;
	rc = line_read(line, &in, &n, err);
	for (int i = 0; rc == 0 && i < n; i++) {
		int yes = 0;

		if ((rc = known(arg, in[i].ref, &yes, err)) == 0 && !yes)
			rc = cpl_fail(err, CPL_USAGE, "linked: no case '%s' in "
			    "the store or the file", in[i].ref);
	}
	free(in);
	return rc;
}

/* On a server, the cases of a group's line that the store holds locked
 * in the order of their ids before their groups are read: a link command
 * at the same time (which locks them so too) finishes first, or waits,
 * and neither waits for the other (lib/store_locks.c). */
static int
lock_line(struct session *s, const struct link_in *in, int n,
    struct cpl_error *err)
{
	int64_t *ids;
	int rc = 0, k = 0;

	if (!store_locks_cases(s->st))
		return 0;
	if ((ids = calloc(n > 0 ? n : 1, sizeof(*ids))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; rc == 0 && i < n; i++) {
		struct case_rec c;

		if ((rc = store_find_case(s->st, in[i].ref, &c, err)) == 0)
			ids[k++] = c.id;
		case_rec_free(&c);
		if (rc == CPL_REFUSED)
			rc = 0;
	}
	if (rc == 0)
		rc = store_lock_cases(s->st, ids, k, err);
	free(ids);
	return rc;
}

int
links_line_write(struct session *s, json_t *line, int *dup,
    struct cpl_error *err)
{
	struct link_in *in;
	struct case_rec *c = NULL;
	int64_t *grp = NULL, to = 0;
	int n, rc, joining = 0;

	*dup = 0;
	if ((rc = line_read(line, &in, &n, err)) ||
	    (rc = lock_line(s, in, n, err)))
		goto out;
	if ((c = calloc(n, sizeof(*c))) == NULL ||
	    (grp = calloc(n, sizeof(*grp))) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		if ((rc = store_find_case(s->st, in[i].ref, &c[i], err))) {
			if (rc == CPL_REFUSED)
				rc = cpl_fail(err, CPL_USAGE, "linked: no case "
				    "'%s' in the store or the file", in[i].ref);
			goto out;
		}
		if (strcmp(c[i].policy, c[0].policy) != 0) {
			rc = cpl_fail(err, CPL_USAGE, "linked: case '%s' is under "
			    "policy '%s' and case '%s' under '%s': only cases of "
			    "one policy are linked", c[0].ref, c[0].policy,
			    c[i].ref, c[i].policy);
			goto out;
		}
		if ((rc = store_link_group(s->st, c[i].id, &grp[i], err)))
			goto out;
		if (grp[i] == 0)
			joining++;
		else if (to != 0 && grp[i] != to) {
			rc = cpl_fail(err, CPL_USAGE, "linked: case '%s' is linked "
			    "in another group than case '%s' in the store",
			    c[i].ref, in[0].ref);
			goto out;
		} else
			to = grp[i];
	}
	/* Linked together already: the same line imported again. */
	if (joining == 0) {
		*dup = 1;
		goto out;
	}
	if (to == 0 && (rc = store_link_new_group(s->st, &to, err)))
		goto out;
	for (int i = 0; rc == 0 && i < n; i++)
		if (grp[i] == 0)
			rc = store_link_add(s->st, c[i].id, to, in[i].linked,
			    in[i].officer, in[i].reason, err);
out:
	for (int i = 0; c != NULL && i < n; i++)
		case_rec_free(&c[i]);
	free(c);
	free(grp);
	free(in);
	return rc;
}
