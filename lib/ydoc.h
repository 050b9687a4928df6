/*
 * ydoc.h: strict reading of small YAML files (policies and calendars).
 *
 * A whole file is loaded as a libyaml document tree; readers then check each
 * mapping against the keys it may and must have, and read scalars with their
 * types. Every failure names the place as "FILE:LINE:COLUMN: message"
 * (1-based, from libyaml's marks) with status CPL_POLICY.
 *
 * A number, true/false or a date is written plain (days: 5), or with its
 * YAML type's tag (days: !!int 5); quoted ("5") it is text, and refused
 * where a number is wanted. A file nested deeper than YDOC_MAX_DEPTH is
 * refused at the first collection past it, one with more than
 * YDOC_MAX_ANCHORS anchors at the first past them, and an anchor defined
 * twice at the second.
 */
#ifndef CPL_YDOC_H
#define CPL_YDOC_H

#include <stddef.h>
#include <yaml.h>

#include "date.h"
#include "error.h"

/* No policy or calendar nests more than a few levels, or needs more than
 * a few anchors (&name) to repeat a value. */
#define YDOC_MAX_DEPTH 64
#define YDOC_MAX_ANCHORS 256

struct ydoc {
	yaml_document_t doc;
	int loaded;		/* doc must be deleted */
	char *name;		/* the file name used in messages */
	int loose;		/* take a quoted number, boolean or date (a
				 * text stored by an older complaints) */
};

/* Parse text (len bytes) as one YAML document; name is used in messages. */
int ydoc_parse(struct ydoc *y, const char *name, const char *text, size_t len,
    struct cpl_error *err);
void ydoc_free(struct ydoc *y);
yaml_node_t *ydoc_root(struct ydoc *y);

/* Fail at node n: "NAME:LINE:COL: message". */
int ydoc_fail(struct ydoc *y, const yaml_node_t *n, struct cpl_error *err,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Check that n is a mapping whose keys are all in allowed (a NULL-terminated
 * list) with no key twice, and that every key of required is there.
 */
int ydoc_map(struct ydoc *y, yaml_node_t *n, const char *what,
    const char *const *allowed, const char *const *required,
    struct cpl_error *err);
/* The value of key in mapping n, or NULL. */
yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *n, const char *key);
int ydoc_seq(struct ydoc *y, yaml_node_t *n, const char *what,
    struct cpl_error *err);
size_t ydoc_seq_len(const yaml_node_t *n);
yaml_node_t *ydoc_seq_item(struct ydoc *y, yaml_node_t *n, size_t i);

/* Scalars: a NUL-terminated string owned by the document. ydoc_int,
 * ydoc_bool and ydoc_date take only a value written as one (see above). */
int ydoc_str(struct ydoc *y, yaml_node_t *n, const char *what,
    const char **out, struct cpl_error *err);
int ydoc_int(struct ydoc *y, yaml_node_t *n, const char *what, long min,
    long max, int *out, struct cpl_error *err);
int ydoc_bool(struct ydoc *y, yaml_node_t *n, const char *what, int *out,
    struct cpl_error *err);
int ydoc_date(struct ydoc *y, yaml_node_t *n, const char *what,
    cpl_date *out, struct cpl_error *err);

/* Optional members: leave *out alone when key is absent. */
int ydoc_get_str(struct ydoc *y, yaml_node_t *map, const char *key,
    const char **out, struct cpl_error *err);
int ydoc_get_int(struct ydoc *y, yaml_node_t *map, const char *key, long min,
    long max, int *out, struct cpl_error *err);
int ydoc_get_bool(struct ydoc *y, yaml_node_t *map, const char *key,
    int *out, struct cpl_error *err);

#endif
