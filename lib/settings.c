/*
 * settings.c: complaints init: the store made (or upgraded) and its
 * settings: the default policy, read auditing, the group it is shared
 * with (see case.h, case_init).
 */
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

/* init's settings, in one write on the open store: the default policy,
 * read auditing, and the group it is shared with (its files too). */
static int
init_settings(struct session *s, const char *policy, int change_default,
    const char *audit_reads, const char *group, struct cpl_error *err)
{
	char *current = NULL, *audit = NULL, *shared = NULL;
	int rc, changed = 0;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = store_get_setting(s->st, "default_policy", &current, err)))
		goto out;
	/* A store's default policy decides the rules of every case logged
	 * without one: set up again (a script run twice, a slip of the
	 * wrong id), init leaves it, and changes it only when asked. */
	if (policy != NULL && current != NULL && strcmp(current, policy) != 0 &&
	    !change_default) {
		rc = cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_DEFAULT_POLICY,
		    "the store's default policy is '%s': to make it '%s', for "
		    "the cases logged from now on without a policy of their "
		    "own (those logged keep theirs), ask for the change",
		    current, policy);
		goto out;
	}
	if (policy != NULL && (current == NULL || strcmp(current, policy) != 0) &&
	    ((rc = store_set_setting(s->st, "default_policy", policy, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "default-policy", policy, err))))
		goto out;
	if (audit_reads != NULL &&
	    ((rc = store_get_setting(s->st, "audit_reads", &audit, err)) ||
	    (strcmp(audit ? audit : "off", audit_reads) != 0 &&
	    ((rc = store_set_setting(s->st, "audit_reads", audit_reads, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "audit-reads", audit_reads, err))))))
		goto out;
	/* The files change with the setting, and change back should it not
	 * commit. Recorded whenever either changes (files made the owner's
	 * only again by hand, then shared again, are in the history too). */
	if (group != NULL &&
	    ((rc = store_get_setting(s->st, "group", &shared, err)) ||
	    (rc = store_share(s->st, group, &changed, err)) ||
	    ((changed || shared == NULL || strcmp(shared, group) != 0) &&
	    ((rc = store_set_setting(s->st, "group", group, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer, "group",
	    group, err))))))
		goto out;
	rc = store_commit(s->st, err);
out:
	free(current);
	free(audit);
	free(shared);
	if (rc) {
		store_rollback(s->st);
		store_share_undo(s->st);
	}
	return rc;
}

int
case_init(struct session *s, const char *db_path, const char *policy,
    int change_default, const char *audit_reads, const char *group,
    struct cpl_error *err)
{
	struct policy p;
	int rc, taken;

	/* Only a policy that loads may become the default, and only a group
	 * this officer is in may share the store: checked before any file
	 * is made, so a refused init leaves nothing behind. */
	if (policy != NULL) {
		if ((rc = policy_load(&p, s->policies, policy, err)))
			return rc;
		policy_free(&p);
	}
	if (group != NULL && (rc = store_group_check(group, err)))
		return rc;
	/* A new store is set up whole before it takes its name; if another
	 * init's store took the name first, that one is set up instead, as
	 * an existing store is. */
	for (;;) {
		if ((rc = store_open(db_path, STORE_CREATE, &s->st, err)) ||
		    (rc = init_settings(s, policy, change_default, audit_reads,
		    group, err)) ||
		    !store_is_new(s->st) ||
		    (rc = store_publish(&s->st, &taken, err)) || !taken)
			return rc;
	}
}
