/*
 * links.h: linked cases (lib/links.c). Several people complaining about
 * the same issue are told that all points are investigated together and
 * one report is issued in response (seed 002 §7): their cases are linked
 * in a group, shown on each, listed together, answered in one go
 * (respond --for-linked), and counted once in the reports where the
 * policy says so (its 'linked' key).
 *
 * A case is in one group at most. link puts cases in a group: a new one
 * when none of them is in one, else the one group they name (the others
 * join it); cases of two different groups are refused (unlink first:
 * two investigations are never merged by accident). unlink takes cases
 * out of their group; a group left with one case is no group, and that
 * case leaves it too. Each case that joins or leaves has an event
 * ("linked", "unlinked") naming the others.
 */
#ifndef CPL_LINKS_H
#define CPL_LINKS_H

#include "case.h"
#include "store_links.h"

/* Link the n cases of refs (two at least, all logged under one policy),
 * on date, for reason (or NULL), in one write. */
int case_link(struct session *s, const char *const *refs, int n,
    const char *reason, cpl_date date, struct cpl_error *err);
/* Take the n cases of refs out of their groups, on date, in one write. */
int case_unlink(struct session *s, const char *const *refs, int n,
    cpl_date date, struct cpl_error *err);
/* The other cases of the group of case case_id, none when it is in
 * none (free with store_links_free). */
int case_linked(struct session *s, int64_t case_id, struct link_rec **out,
    int *n, struct cpl_error *err);

/* A case respond --for-linked answered: its reference and stage. */
struct linked_answer {
	char *ref;
	int stage;
};
/*
 * The response of case ref recorded on it and on every open case linked
 * to it whose current stage is not yet answered, each at its own current
 * stage and by its own rules, in one write: if one is refused, nothing is
 * recorded and the message names that case. *answered (ref first; free
 * with linked_answers_free) is set before the commit, for a
 * store_before_commit hook.
 */
int case_respond_linked(struct session *s, const char *ref,
    const char *outcome, const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct linked_answer **answered, int *n_answered, struct cpl_error *err);
void linked_answers_free(struct linked_answer *a, int n);

/* A "linked" or "unlinked" event of a history replayed on a case in
 * memory (an import): kept as it was recorded, the group itself being
 * the import's line of it (lib/links_io.c). */
int case_file_link_event(struct session *s, struct case_file *cf,
    const char *action, const char *detail, cpl_date date,
    struct cpl_error *err);

#endif
