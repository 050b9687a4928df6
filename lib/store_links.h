/*
 * store_links.h: the groups of linked cases (table links, see
 * lib/store_schema.c): several complaints about the same issue,
 * investigated together and answered in one response. A case is in one
 * group at most; a group is known by its number.
 */
#ifndef CPL_STORE_LINKS_H
#define CPL_STORE_LINKS_H

#include <stdint.h>

#include "date.h"
#include "error.h"

struct store;

/* A case of a group, as show and respond --for-linked need it. */
struct link_rec {
	int64_t case_id;
	char *ref;
	char *kind;		/* complaint, comment, ... */
	char *policy;		/* the policy it was logged under */
	cpl_date received;
	cpl_date closed;	/* NO_DATE: open */
	int stage;		/* its current stage */
	cpl_date linked;	/* the day it joined the group */
	char *officer;		/* who linked it */
	char *reason;		/* why, or NULL */
};

/* The group case_id is in, or 0: none. */
int store_link_group(struct store *st, int64_t case_id, int64_t *grp,
    struct cpl_error *err);
/* A number no group has yet. */
int store_link_new_group(struct store *st, int64_t *grp,
    struct cpl_error *err);
/* Put case_id in group grp, inside a write. */
int store_link_add(struct store *st, int64_t case_id, int64_t grp,
    cpl_date date, const char *officer, const char *reason,
    struct cpl_error *err);
/* Take case_id out of its group, inside a write. */
int store_link_remove(struct store *st, int64_t case_id,
    struct cpl_error *err);
/* The cases of group grp, in the order they were logged (free with
 * store_links_free). */
int store_links(struct store *st, int64_t grp, struct link_rec **out,
    int *n, struct cpl_error *err);
void store_links_free(struct link_rec *l, int n);
/* Every group's number, in order (*grps malloc'ed: caller frees). */
int store_link_groups(struct store *st, int64_t **grps, int *n,
    struct cpl_error *err);
/* For the reports: each group with complaints (kind) received from..to,
 * the policy version of its first case and how many of its complaints
 * were received then; fn's non-zero return stops the walk. Inside the
 * report's read. */
int store_link_groups_received(struct store *st, const char *kind,
    cpl_date from, cpl_date to,
    int (*fn)(int64_t grp, int64_t version, int64_t n, void *arg),
    void *arg, struct cpl_error *err);

#endif
