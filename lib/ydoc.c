/*
 * ydoc.c: strict reading of small YAML files (see ydoc.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ydoc.h"

/* The parser's own failure (a syntax error), where it was found and, when
 * that is far from its cause (an unclosed bracket at the end of the file),
 * where the construct began. */
static int
syntax_error(const char *name, const yaml_parser_t *parser,
    struct cpl_error *err)
{
	yaml_mark_t m = parser->problem_mark, c = parser->context_mark;
	char begun[64] = "";

	if (parser->error == YAML_MEMORY_ERROR)
		return cpl_nomem(err);
	if (parser->context != NULL &&
	    (c.line != m.line || c.column != m.column))
		snprintf(begun, sizeof(begun), " begun at %zu:%zu",
		    c.line + 1, c.column + 1);
	return cpl_fail(err, CPL_POLICY, "%s:%zu:%zu: %s%s%s%s", name,
	    m.line + 1, m.column + 1,
	    parser->problem ? parser->problem : "malformed YAML",
	    parser->context ? " " : "",
	    parser->context ? parser->context : "", begun);
}

/* Fail at a mark of the file being read. */
static int
fail_at(const char *name, yaml_mark_t m, struct cpl_error *err,
    const char *what)
{
	return cpl_fail(err, CPL_POLICY, "%s:%zu:%zu: %s", name, m.line + 1,
	    m.column + 1, what);
}

/* An anchor (&name) and the node it names, for the aliases (*name) after
 * it. */
struct anchor {
	char *name;
	int node;
	yaml_mark_t mark;	/* where it is defined */
};

/* What the tree is being built from: the anchors seen so far. */
struct builder {
	struct anchor anchors[YDOC_MAX_ANCHORS];
	size_t n_anchors;
};

/* Name node as anchor name (when it has one), defined at mark. */
static int
add_anchor(struct ydoc *y, struct builder *b, const yaml_char_t *name,
    int node, yaml_mark_t mark, struct cpl_error *err)
{
	char what[160];

	if (name == NULL)
		return 0;
	for (size_t i = 0; i < b->n_anchors; i++)
		if (strcmp(b->anchors[i].name, (const char *)name) == 0) {
			snprintf(what, sizeof(what), "anchor '&%.64s' is "
			    "defined twice (first at %zu:%zu)", name,
			    b->anchors[i].mark.line + 1,
			    b->anchors[i].mark.column + 1);
			return fail_at(y->name, mark, err, what);
		}
	/* Every alias is looked for among them: a bound keeps that short. */
	if (b->n_anchors == YDOC_MAX_ANCHORS) {
		snprintf(what, sizeof(what), "more than %d anchors",
		    YDOC_MAX_ANCHORS);
		return fail_at(y->name, mark, err, what);
	}
	if ((b->anchors[b->n_anchors].name = strdup((const char *)name)) ==
	    NULL)
		return cpl_nomem(err);
	b->anchors[b->n_anchors].node = node;
	b->anchors[b->n_anchors++].mark = mark;
	return 0;
}

/* The node of anchor name, or 0. */
static int
find_anchor(const struct builder *b, const yaml_char_t *name)
{
	for (size_t i = 0; i < b->n_anchors; i++)
		if (strcmp(b->anchors[i].name, (const char *)name) == 0)
			return b->anchors[i].node;
	return 0;
}

/* An open sequence or mapping: its node, and for a mapping the key read
 * whose value is still to come (0: none). */
struct frame {
	int node;
	int key;
};

/* Put node into the innermost open collection (none: it is the root). */
static int
attach(yaml_document_t *doc, struct frame *stack, int depth, int node)
{
	struct frame *f;

	if (depth == 0)
		return 1;
	f = &stack[depth - 1];
	if (doc->nodes.start[f->node - 1].type == YAML_SEQUENCE_NODE)
		return yaml_document_append_sequence_item(doc, f->node, node);
	if (f->key == 0) {
		f->key = node;
		return 1;
	}
	node = yaml_document_append_mapping_pair(doc, f->node, f->key, node);
	f->key = 0;
	return node;
}

/*
 * The tag a scalar is kept with: its own, or YAML's non-specific tags for
 * one without: "?" for a plain scalar (its type comes from its text, as a
 * number's does) and "!" for a quoted or block one (text, whatever it
 * holds). ydoc_int and the others read a value only from the first kind.
 */
static const yaml_char_t *
scalar_tag(const yaml_event_t *ev)
{
	if (ev->data.scalar.tag != NULL)
		return ev->data.scalar.tag;
	return (const yaml_char_t *)(ev->data.scalar.plain_implicit ? "?" :
	    "!");
}

/*
 * Build the document from the parser's events, as yaml_parser_load would,
 * but refuse at once a collection nested deeper than YDOC_MAX_DEPTH: the
 * parser's work for each event grows with the depth, so a file of nothing
 * but '[' would otherwise take minutes to be refused.
 */
static int
build(struct ydoc *y, yaml_parser_t *parser, struct cpl_error *err)
{
	struct frame stack[YDOC_MAX_DEPTH];
	struct builder b;
	yaml_event_t ev;
	int depth = 0, done = 0, rc = 0;

	b.n_anchors = 0;
	if (!yaml_document_initialize(&y->doc, NULL, NULL, NULL, 1, 1))
		return cpl_nomem(err);
	y->loaded = 1;
	while (!done && rc == 0) {
		int node = 0, ok = 1;

		if (!yaml_parser_parse(parser, &ev)) {
			rc = syntax_error(y->name, parser, err);
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			/* One document, as yaml_parser_load reads: what
			 * follows its end is not read. */
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			if ((node = find_anchor(&b, ev.data.alias.anchor)) == 0)
				rc = fail_at(y->name, ev.start_mark, err,
				    "found undefined alias");
			else
				ok = attach(&y->doc, stack, depth, node);
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > INT_MAX) {
				rc = fail_at(y->name, ev.start_mark, err,
				    "a value too long to read");
				break;
			}
			node = yaml_document_add_scalar(&y->doc, scalar_tag(&ev),
			    ev.data.scalar.value, (int)ev.data.scalar.length,
			    ev.data.scalar.style);
			if ((ok = node != 0) &&
			    (rc = add_anchor(y, &b, ev.data.scalar.anchor, node,
			    ev.start_mark, err)) == 0)
				ok = attach(&y->doc, stack, depth, node);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == YDOC_MAX_DEPTH) {
				char what[64];

				snprintf(what, sizeof(what), "nested deeper "
				    "than %d levels", YDOC_MAX_DEPTH);
				rc = fail_at(y->name, ev.start_mark, err, what);
				break;
			}
			node = ev.type == YAML_SEQUENCE_START_EVENT ?
			    yaml_document_add_sequence(&y->doc,
			    ev.data.sequence_start.tag,
			    ev.data.sequence_start.style) :
			    yaml_document_add_mapping(&y->doc,
			    ev.data.mapping_start.tag,
			    ev.data.mapping_start.style);
			if ((ok = node != 0) &&
			    (rc = add_anchor(y, &b,
			    ev.type == YAML_SEQUENCE_START_EVENT ?
			    ev.data.sequence_start.anchor :
			    ev.data.mapping_start.anchor, node, ev.start_mark,
			    err)) == 0)
				ok = attach(&y->doc, stack, depth, node);
			if (ok && rc == 0) {
				stack[depth].node = node;
				stack[depth++].key = 0;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			y->doc.nodes.start[stack[depth].node - 1].end_mark =
			    ev.end_mark;
			break;
		default:
			break;
		}
		/* The marks say where the node is for every message about
		 * it. */
		if (ok && node != 0 && ev.type != YAML_ALIAS_EVENT) {
			y->doc.nodes.start[node - 1].start_mark = ev.start_mark;
			y->doc.nodes.start[node - 1].end_mark = ev.end_mark;
		}
		if (!ok && rc == 0)
			rc = cpl_nomem(err);
		yaml_event_delete(&ev);
	}
	for (size_t i = 0; i < b.n_anchors; i++)
		free(b.anchors[i].name);
	return rc;
}

int
ydoc_parse(struct ydoc *y, const char *name, const char *text, size_t len,
    struct cpl_error *err)
{
	yaml_parser_t parser;
	int rc;

	memset(y, 0, sizeof(*y));
	y->name = strdup(name);
	if (y->name == NULL)
		return cpl_nomem(err);
	if (!yaml_parser_initialize(&parser))
		return cpl_nomem(err);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	rc = build(y, &parser, err);
	if (rc == 0 && ydoc_root(y) == NULL)
		rc = cpl_fail(err, CPL_POLICY, "%s:1:1: the file is empty", name);
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

/*
 * Is scalar n written as a value of YAML's core type (int, bool,
 * timestamp): plain, or tagged with that type? A quoted "5" is the text 5,
 * not a number, and a file that says so is refused rather than read as
 * it probably meant. A text stored with cases by an older complaints is
 * read as it was taken.
 */
static int
typed(const struct ydoc *y, const yaml_node_t *n, const char *type)
{
	static const char core[] = "tag:yaml.org,2002:";
	const char *tag = (const char *)n->tag;

	if (y->loose || tag == NULL || strcmp(tag, "?") == 0)
		return 1;
	return strncmp(tag, core, sizeof(core) - 1) == 0 &&
	    strcmp(tag + sizeof(core) - 1, type) == 0;
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
	if (!typed(y, n, "int"))
		return ydoc_fail(y, n, err, "%s is a number: write it as %s, "
		    "without quotes or a tag", what, s);
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
	if (!typed(y, n, "bool"))
		return ydoc_fail(y, n, err, "%s is true or false: write it as "
		    "%s, without quotes or a tag", what, s);
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
	if (!typed(y, n, "timestamp"))
		return ydoc_fail(y, n, err, "%s is a date: write it as %s, "
		    "without quotes or a tag", what, s);
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
