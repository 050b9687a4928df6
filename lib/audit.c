/*
 * audit.c: who read which case, where the store audits reading (see
 * case.h, case_audit_read).
 */
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

/* Is reading audited in this store? */
static int
audited(struct session *s, int *on, struct cpl_error *err)
{
	char *v = NULL;
	int rc;

	*on = 0;
	if ((rc = store_get_setting(s->st, "audit_reads", &v, err)))
		return rc;
	*on = v != NULL && strcmp(v, "on") == 0;
	free(v);
	return 0;
}

int
case_audit_read(struct session *s, const struct case_file *cf,
    const char *action, struct cpl_error *err)
{
	return case_audit_read_of(s, cf, action, NULL, err);
}

int
case_audit_read_of(struct session *s, const struct case_file *cf,
    const char *action, const char *detail, struct cpl_error *err)
{
	int rc, on;

	if ((rc = audited(s, &on, err)) || !on)
		return rc;
	if (s->officer == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_OFFICER,
		    "reading is audited in this store: who is reading? (name "
		    "them, or set COMPLAINTS_OFFICER)");
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = store_add_event(s->st, cf->c.id, cf->n_stages, s->today,
	    s->officer, action, detail, err)) ||
	    (rc = store_commit(s->st, err))) {
		store_rollback(s->st);
		return rc;
	}
	return 0;
}
