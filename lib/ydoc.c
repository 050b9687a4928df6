/*
 * ydoc.c: strict reading of small YAML files (see ydoc.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ydoc.h"

int
ydoc_parse(struct ydoc *y, const char *name, const char *text, size_t len,
    struct cpl_error *err)
{
	yaml_parser_t parser;
	yaml_node_t *root;
	int rc = 0;

	memset(y, 0, sizeof(*y));
	y->name = strdup(name);
	if (y->name == NULL)
		return cpl_fail(err, CPL_POLICY, "out of memory");
	if (!yaml_parser_initialize(&parser))
		return cpl_fail(err, CPL_POLICY, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &y->doc)) {
		yaml_mark_t m = parser.problem_mark, c = parser.context_mark;
		char begun[64] = "";

		/* The problem is often found far from its cause (an unclosed
		 * bracket at the end of the file): say where that began. */
		if (parser.context != NULL &&
		    (c.line != m.line || c.column != m.column))
			snprintf(begun, sizeof(begun), " begun at %zu:%zu",
			    c.line + 1, c.column + 1);
		rc = cpl_fail(err, CPL_POLICY, "%s:%zu:%zu: %s%s%s%s", name,
		    m.line + 1, m.column + 1,
		    parser.problem ? parser.problem : "malformed YAML",
		    parser.context ? " " : "",
		    parser.context ? parser.context : "", begun);
		goto out;
	}
	y->loaded = 1;
	root = yaml_document_get_root_node(&y->doc);
	if (root == NULL)
		rc = cpl_fail(err, CPL_POLICY, "%s:1:1: the file is empty", name);
out:
	yaml_parser_delete(&parser);
	return rc;
}

void
ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
	free(y->name);
	y->name = NULL;
}

yaml_node_t *
ydoc_root(struct ydoc *y)
{
	return yaml_document_get_root_node(&y->doc);
}

int
ydoc_fail(struct ydoc *y, const yaml_node_t *n, struct cpl_error *err,
    const char *fmt, ...)
{
	char text[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return cpl_fail(err, CPL_POLICY, "%s:%zu:%zu: %s", y->name,
	    n->start_mark.line + 1, n->start_mark.column + 1, text);
}

static int
in_list(const char *s, const char *const *list)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int
ydoc_map(struct ydoc *y, yaml_node_t *n, const char *what,
    const char *const *allowed, const char *const *required,
    struct cpl_error *err)
{
	yaml_node_pair_t *p, *q;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, n, err, "%s must be a mapping of keys", what);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		const char *ks;

		if (k->type != YAML_SCALAR_NODE)
			return ydoc_fail(y, k, err, "a key of %s must be a word", what);
		ks = (const char *)k->data.scalar.value;
		if (!in_list(ks, allowed))
			return ydoc_fail(y, k, err, "unknown key '%s' in %s", ks, what);
		for (q = n->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *k2 = yaml_document_get_node(&y->doc, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)k2->data.scalar.value, ks) == 0)
				return ydoc_fail(y, k, err,
				    "key '%s' appears twice in %s", ks, what);
		}
	}
	for (; required != NULL && *required != NULL; required++)
		if (ydoc_get(y, n, *required) == NULL)
			return ydoc_fail(y, n, err, "%s has no '%s'", what, *required);
	return 0;
}

yaml_node_t *
ydoc_get(struct ydoc *y, yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p;

	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

int
ydoc_seq(struct ydoc *y, yaml_node_t *n, const char *what, struct cpl_error *err)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_fail(y, n, err, "%s must be a list", what);
	return 0;
}

size_t
ydoc_seq_len(const yaml_node_t *n)
{
	return n->data.sequence.items.top - n->data.sequence.items.start;
}

yaml_node_t *
ydoc_seq_item(struct ydoc *y, yaml_node_t *n, size_t i)
{
	return yaml_document_get_node(&y->doc, n->data.sequence.items.start[i]);
}

int
ydoc_str(struct ydoc *y, yaml_node_t *n, const char *what, const char **out,
    struct cpl_error *err)
{
	if (n->type != YAML_SCALAR_NODE)
		return ydoc_fail(y, n, err, "%s must be a single value", what);
	if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length)
		return ydoc_fail(y, n, err, "%s holds a NUL byte", what);
	*out = (const char *)n->data.scalar.value;
	return 0;
}

int
ydoc_int(struct ydoc *y, yaml_node_t *n, const char *what, long min, long max,
    int *out, struct cpl_error *err)
{
	/* NULL: gcc -O2 can't see that ydoc_str sets it whenever it returns 0. */
	const char *s = NULL;
	char *end;
	long v;

	if (ydoc_str(y, n, what, &s, err))
		return err->code;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return ydoc_fail(y, n, err, "%s must be a whole number, not '%s'",
		    what, s);
	if (v < min || v > max)
		return ydoc_fail(y, n, err, "%s must be from %ld to %ld, not %ld",
		    what, min, max, v);
	*out = (int)v;
	return 0;
}

int
ydoc_bool(struct ydoc *y, yaml_node_t *n, const char *what, int *out,
    struct cpl_error *err)
{
	const char *s = NULL;

	if (ydoc_str(y, n, what, &s, err))
		return err->code;
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
		*out = 1;
	else if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
		*out = 0;
	else
		return ydoc_fail(y, n, err, "%s must be true or false, not '%s'",
		    what, s);
	return 0;
}

int
ydoc_date(struct ydoc *y, yaml_node_t *n, const char *what, cpl_date *out,
    struct cpl_error *err)
{
	const char *s = NULL;

	if (ydoc_str(y, n, what, &s, err))
		return err->code;
	if (date_parse(s, out) != 0)
		return ydoc_fail(y, n, err, "%s must be a date (YYYY-MM-DD), not '%s'",
		    what, s);
	return 0;
}

int
ydoc_get_str(struct ydoc *y, yaml_node_t *map, const char *key,
    const char **out, struct cpl_error *err)
{
	yaml_node_t *v = ydoc_get(y, map, key);

	return v == NULL ? 0 : ydoc_str(y, v, key, out, err);
}

int
ydoc_get_int(struct ydoc *y, yaml_node_t *map, const char *key, long min,
    long max, int *out, struct cpl_error *err)
{
	yaml_node_t *v = ydoc_get(y, map, key);

	return v == NULL ? 0 : ydoc_int(y, v, key, min, max, out, err);
}

int
ydoc_get_bool(struct ydoc *y, yaml_node_t *map, const char *key, int *out,
    struct cpl_error *err)
{
	yaml_node_t *v = ydoc_get(y, map, key);

	return v == NULL ? 0 : ydoc_bool(y, v, key, out, err);
}
