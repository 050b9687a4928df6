/*
 * links.c: linked cases (see links.h): link, unlink, the cases linked to
 * one, and one response recorded on every case of a group.
 *
 * Seed 002 §7 (corporate-procedure): several people complaining about
 * the same issue "should be advised that all points will be collectively
 * investigated and one report will be issued in response".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "links.h"
#include "util.h"

/* The cases an action on a group works on, read inside its write. */
struct group_work {
	struct case_file *cf;
	int64_t *grp;		/* each case's group, 0: none */
	int n;
};

static void
group_work_free(struct group_work *w)
{
	for (int i = 0; i < w->n; i++)
		case_file_free(&w->cf[i]);
	free(w->cf);
	free(w->grp);
}

/* Inside a write on a server: the cases refs name, and every case of
 * their groups, locked in the order of their ids before any is read
 * (lib/store_locks.c), so that two writes of linked cases never each
 * hold a case the other waits for. */
static int
lock_linked(struct session *s, const char *const *refs, int n,
    struct cpl_error *err)
{
	int64_t *ids = NULL, id, grp;
	int n_ids = 0, rc = 0;

	if (!store_locks_cases(s->st))
		return 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		struct link_rec *l = NULL;
		int64_t *more;
		int n_l = 0;

		if ((rc = case_id_of(s, refs[i], &id, err)) || id == 0)
			continue;
		if ((rc = store_link_group(s->st, id, &grp, err)) ||
		    (grp != 0 && (rc = store_links(s->st, grp, &l, &n_l, err))))
			break;
		if ((more = realloc(ids, (n_ids + 1 + n_l) * sizeof(*ids))) ==
		    NULL)
			rc = cpl_nomem(err);
		else {
			ids = more;
			ids[n_ids++] = id;
			for (int k = 0; k < n_l; k++)
				ids[n_ids++] = l[k].case_id;
		}
		store_links_free(l, n_l);
	}
	if (rc == 0)
		rc = store_lock_cases(s->st, ids, n_ids, err);
	free(ids);
	return rc;
}

/* Read the n cases of refs, each once, with their groups. */
static int
group_read(struct session *s, const char *const *refs, int n,
    struct group_work *w, struct cpl_error *err)
{
	int rc;

	memset(w, 0, sizeof(*w));
	if ((rc = lock_linked(s, refs, n, err)))
		return rc;
	if ((w->cf = calloc(n, sizeof(*w->cf))) == NULL ||
	    (w->grp = calloc(n, sizeof(*w->grp))) == NULL)
		return cpl_nomem(err);
	for (int i = 0; i < n; i++) {
		if ((rc = case_load(s, refs[i], &w->cf[i], err)))
			return rc;
		w->n++;
		for (int k = 0; k < i; k++)
			if (w->cf[k].c.id == w->cf[i].c.id)
				return cpl_fail(err, CPL_USAGE, "case '%s' is "
				    "given twice: a case is not linked to "
				    "itself", w->cf[i].c.ref);
		if ((rc = check_not_purged(&w->cf[i], err)) ||
		    (rc = store_link_group(s->st, w->cf[i].c.id, &w->grp[i],
		    err)))
			return rc;
	}
	return 0;
}

/* The references of the cases of l but skip (its case), as "'A', 'B'",
 * into buf. */
static void
refs_text(const struct link_rec *l, int n, int64_t skip, char *buf,
    size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		if (l[i].case_id == skip)
			continue;
		len += snprintf(buf + len, size - len, "%s'%s'",
		    len ? ", " : "", l[i].ref);
	}
}

/* An event on each case of the group whose case file w holds (joined:
 * it joined now), naming the group's other cases. */
static int
link_events(struct session *s, struct group_work *w, int64_t grp,
    const char *reason, cpl_date date, struct cpl_error *err)
{
	struct link_rec *l;
	char others[768], detail[1024];
	int n, rc;

	if ((rc = store_links(s->st, grp, &l, &n, err)))
		return rc;
	for (int i = 0; rc == 0 && i < w->n; i++) {
		refs_text(l, n, w->cf[i].c.id, others, sizeof(others));
		snprintf(detail, sizeof(detail), "with %s%s%s", others,
		    reason ? ": " : "", reason ? reason : "");
		rc = case_event(&w->cf[i], current_stage(&w->cf[i])->stage,
		    date, s->officer, "linked", detail, err);
	}
	store_links_free(l, n);
	return rc;
}

int
case_link(struct session *s, const char *const *refs, int n,
    const char *reason, cpl_date date, struct cpl_error *err)
{
	struct group_work w;
	char before[128];
	int64_t grp = 0;
	int rc, joining = 0;

	if (n < 2)
		return cpl_fail(err, CPL_USAGE, "a case is linked to another: "
		    "give two references or more");
	if (reason != NULL && blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "the reason is empty");
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = group_read(s, refs, n, &w, err)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct case_file *cf = &w.cf[i];

		snprintf(before, sizeof(before), "the day case '%s' was "
		    "received", cf->c.ref);
		if ((rc = check_date(s, cf->pol, date, cf->c.received, before,
		    err)))
			goto out;
		/* One policy's rules answer the group. */
		if (strcmp(cf->c.policy, w.cf[0].c.policy) != 0) {
			rc = cpl_fail(err, CPL_REFUSED, "case '%s' is under "
			    "policy '%s' and case '%s' under '%s': only cases "
			    "of one policy are linked", w.cf[0].c.ref,
			    w.cf[0].c.policy, cf->c.ref, cf->c.policy);
			goto out;
		}
		if (w.grp[i] == 0) {
			joining++;
			continue;
		}
		if (grp != 0 && w.grp[i] != grp) {
			int k = 0;

			while (w.grp[k] != grp)
				k++;
			rc = cpl_fail(err, CPL_REFUSED, "case '%s' and case '%s' "
			    "are linked in different groups: unlink one of them "
			    "first", w.cf[k].c.ref, cf->c.ref);
			goto out;
		}
		grp = w.grp[i];
	}
	if (joining == 0) {
		rc = cpl_fail(err, CPL_REFUSED, "case '%s' and case '%s' are "
		    "already linked", w.cf[0].c.ref, w.cf[1].c.ref);
		goto out;
	}
	if (grp == 0 && (rc = store_link_new_group(s->st, &grp, err)))
		goto out;
	for (int i = 0; i < n; i++)
		if (w.grp[i] == 0 && (rc = store_link_add(s->st, w.cf[i].c.id,
		    grp, date, s->officer, reason, err)))
			goto out;
	if ((rc = link_events(s, &w, grp, reason, date, err)))
		goto out;
	for (int i = 0; i < n; i++)
		if ((rc = case_write(s, &w.cf[i], err)))
			goto out;
	rc = store_commit(s->st, err);
out:
	group_work_free(&w);
	if (rc)
		store_rollback(s->st);
	return rc;
}

/* The event on a case leaving group grp (others: the cases it leaves). */
static int
unlink_event(struct session *s, struct case_file *cf, const char *others,
    const char *why, cpl_date date, struct cpl_error *err)
{
	char detail[1024];

	snprintf(detail, sizeof(detail), "from %s%s", others, why);
	return case_event(cf, current_stage(cf)->stage, date, s->officer,
	    "unlinked", detail, err);
}

/* Take the case of cf out of its group grp; a group left with one case
 * is no group: that case leaves too, with its own event. */
static int
unlink_one(struct session *s, struct case_file *cf, int64_t grp,
    cpl_date date, struct cpl_error *err)
{
	struct link_rec *l;
	struct case_file last;
	char others[768];
	int n, rc;

	if ((rc = store_links(s->st, grp, &l, &n, err)))
		return rc;
	refs_text(l, n, cf->c.id, others, sizeof(others));
	if ((rc = store_link_remove(s->st, cf->c.id, err)) ||
	    (rc = unlink_event(s, cf, others, "", date, err)) ||
	    (rc = case_write(s, cf, err)) || n != 2)
		goto out;
	/* The one case left. */
	for (int i = 0; i < n; i++)
		if (l[i].case_id != cf->c.id) {
			char who[80];

			snprintf(who, sizeof(who), "'%s'", cf->c.ref);
			if ((rc = case_load(s, l[i].ref, &last, err)))
				goto out;
			if ((rc = store_link_remove(s->st, l[i].case_id, err)) ==
			    0 && (rc = unlink_event(s, &last, who, " (the last "
			    "case of its group)", date, err)) == 0)
				rc = case_write(s, &last, err);
			case_file_free(&last);
		}
out:
	store_links_free(l, n);
	return rc;
}

int
case_unlink(struct session *s, const char *const *refs, int n, cpl_date date,
    struct cpl_error *err)
{
	struct group_work w;
	char before[128];
	int rc;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = group_read(s, refs, n, &w, err)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct case_file *cf = &w.cf[i];

		if (w.grp[i] == 0) {
			rc = cpl_fail(err, CPL_REFUSED, "case '%s' is linked to "
			    "no other case", cf->c.ref);
			goto out;
		}
		snprintf(before, sizeof(before), "the day case '%s' was "
		    "received", cf->c.ref);
		if ((rc = check_date(s, cf->pol, date, cf->c.received, before,
		    err)))
			goto out;
	}
	for (int i = 0; i < n; i++) {
		int64_t grp;

		/* Left already, as the last of its group. */
		if ((rc = store_link_group(s->st, w.cf[i].c.id, &grp, err)))
			goto out;
		if (grp != 0 && (rc = unlink_one(s, &w.cf[i], grp, date, err)))
			goto out;
	}
	rc = store_commit(s->st, err);
out:
	group_work_free(&w);
	if (rc)
		store_rollback(s->st);
	return rc;
}

int
case_linked(struct session *s, int64_t case_id, struct link_rec **out, int *n,
    struct cpl_error *err)
{
	struct link_rec *l;
	int64_t grp;
	int rc, k = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_link_group(s->st, case_id, &grp, err)) || grp == 0)
		return rc;
	if ((rc = store_links(s->st, grp, &l, n, err)))
		return rc;
	/* The others only. */
	for (int i = 0; i < *n; i++) {
		if (l[i].case_id == case_id) {
			free(l[i].ref);
			free(l[i].kind);
			free(l[i].policy);
			free(l[i].officer);
			free(l[i].reason);
			continue;
		}
		l[k++] = l[i];
	}
	*n = k;
	*out = l;
	return 0;
}

void
linked_answers_free(struct linked_answer *a, int n)
{
	for (int i = 0; i < n; i++)
		free(a[i].ref);
	free(a);
}

/* A refusal on a linked case other than the one named: the message names
 * it. */
static int
about_case(struct cpl_error *err, const char *ref)
{
	char msg[sizeof(err->msg)];

	if (strstr(err->msg, ref) != NULL)
		return err->code;
	/* Cut, rather than overflow, a message already near its size. */
	snprintf(msg, sizeof(msg), "linked case '%s': %.*s", ref, 900, err->msg);
	memcpy(err->msg, msg, sizeof(msg));
	return err->code;
}

int
case_respond_linked(struct session *s, const char *ref, const char *outcome,
    const char *const *remedies, int n_remedies, const char *const *learning,
    int n_learning, cpl_date date, struct linked_answer **answered,
    int *n_answered, struct cpl_error *err)
{
	struct case_file *cf = NULL;
	struct link_rec *l = NULL;
	int n = 0, n_cf = 0, rc;

	*answered = NULL;
	*n_answered = 0;
	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((cf = calloc(1, sizeof(*cf))) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	if ((rc = lock_linked(s, &ref, 1, err)) ||
	    (rc = case_load(s, ref, &cf[0], err)))
		goto out;
	n_cf = 1;
	if ((rc = case_linked(s, cf[0].c.id, &l, &n, err)))
		goto out;
	if (n == 0) {
		rc = cpl_fail(err, CPL_REFUSED, "case '%s' is linked to no "
		    "other case: there is no group to answer", cf[0].c.ref);
		goto out;
	}
	{
		struct case_file *more = realloc(cf, (n + 1) * sizeof(*cf));

		if (more == NULL) {
			rc = cpl_nomem(err);
			goto out;
		}
		cf = more;
	}
	/* The case named first, as respond answers it alone. */
	if ((rc = case_file_respond(s, &cf[0], outcome, remedies, n_remedies,
	    learning, n_learning, date, err)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct case_file *o = &cf[n_cf];

		/* Closed, or answered at its stage and waiting for the
		 * complainant: nothing to answer now. */
		if (l[i].closed != NO_DATE)
			continue;
		if ((rc = case_load(s, l[i].ref, o, err)))
			goto out;
		n_cf++;
		if (current_stage(o)->responded != NO_DATE) {
			case_file_free(o);
			n_cf--;
			continue;
		}
		if ((rc = case_file_respond(s, o, outcome, remedies, n_remedies,
		    learning, n_learning, date, err))) {
			about_case(err, o->c.ref);
			goto out;
		}
	}
	if ((*answered = calloc(n_cf, sizeof(**answered))) == NULL) {
		rc = cpl_nomem(err);
		goto out;
	}
	for (int i = 0; i < n_cf; i++) {
		if ((rc = case_write(s, &cf[i], err)))
			goto out;
		(*answered)[i].stage = current_stage(&cf[i])->stage;
		if (((*answered)[i].ref = strdup(cf[i].c.ref)) == NULL) {
			rc = cpl_nomem(err);
			goto out;
		}
		++*n_answered;
	}
	rc = store_commit(s->st, err);
out:
	for (int i = 0; i < n_cf; i++)
		case_file_free(&cf[i]);
	free(cf);
	store_links_free(l, n);
	if (rc) {
		store_rollback(s->st);
		linked_answers_free(*answered, *n_answered);
		*answered = NULL;
		*n_answered = 0;
	}
	return rc;
}

int
case_file_link_event(struct session *s, struct case_file *cf,
    const char *action, const char *detail, cpl_date date,
    struct cpl_error *err)
{
	int rc;

	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_date(s, cf->pol, date, cf->c.received,
	    "the day the case was received", err)))
		return rc;
	return case_event(cf, current_stage(cf)->stage, date, s->officer,
	    action, detail, err);
}
