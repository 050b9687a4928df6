/*
 * session.c: the session's policies (see session.h).
 *
 * Each policy read is one struct kept_policy of its own, on a list: a
 * policy is never copied or moved once read, so the pointers handed out
 * stay good for as long as the session keeps it. A session reads a
 * handful (the policies in use, and the versions of them its cases were
 * logged under), so every one is kept: there is no eviction to invalidate
 * a pointer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "util.h"

static void
kept_free(struct kept_policy *k)
{
	while (k != NULL) {
		struct kept_policy *next = k->next;
		policy_free(&k->pol);
		free(k);
		k = next;
	}
}

void
session_forget_store(struct session *s)
{
	kept_free(s->stored);
	s->stored = NULL;
	for (struct kept_policy *k = s->live; k != NULL; k = k->next)
		k->version = 0;
}

void
session_free(struct session *s)
{
	session_forget_store(s);
	kept_free(s->live);
	s->live = NULL;
}

void
session_warn(struct session *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (s->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->warn(s->warn_arg, msg);
}

int
session_policy(struct session *s, const char *id, const struct policy **pol,
    struct cpl_error *err)
{
	struct kept_policy *k;
	int rc;

	for (k = s->live; k != NULL; k = k->next)
		if (strcmp(k->pol.id, id) == 0) {
			*pol = &k->pol;
			return 0;
		}
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return cpl_nomem(err);
	if ((rc = policy_load(&k->pol, s->policies, id, err))) {
		free(k);
		return rc;
	}
	k->next = s->live;
	s->live = k;
	*pol = &k->pol;
	return 0;
}

int
session_policy_version(struct session *s, const struct policy *pol,
    int64_t *version, struct cpl_error *err)
{
	struct kept_policy *k;
	int rc, found = 0;

	for (k = s->live; k != NULL && &k->pol != pol; k = k->next)
		;
	if (k != NULL && k->version != 0) {
		*version = k->version;
		return 0;
	}
	/* The text is the key. A version this write adds is not kept: should
	 * the write be rolled back, its id may be given to another text. */
	if ((rc = store_policy_version(s->st, pol->id, pol->text, version,
	    &found, err)))
		return rc;
	if (k != NULL && found)
		k->version = *version;
	return 0;
}

int
case_policy(struct session *s, int64_t version, const struct policy **pol,
    struct cpl_error *err)
{
	struct kept_policy *k;
	struct policy live;
	char *text = NULL, name[64];
	int rc, have_live = 0;

	for (k = s->stored; k != NULL; k = k->next)
		if (k->version == version) {
			*pol = &k->pol;
			return 0;
		}
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return cpl_nomem(err);
	if ((rc = store_policy_text(s->st, version, &text, err)))
		goto fail;
	snprintf(name, sizeof(name), "stored policy version %lld",
	    (long long)version);
	rc = policy_parse_stored(&k->pol, name, text, strlen(text), err);
	free(text);
	if (rc)
		goto fail;
	/* Today's closure days, when the council's file is still there. */
	rc = policy_read(&live, s->policies, k->pol.id, err);
	if (rc == 0)
		have_live = 1;
	else if (rc != CPL_USAGE) {	/* present but unusable */
		policy_free(&k->pol);
		goto fail;
	}
	rc = policy_load_calendar(&k->pol, s->policies,
	    have_live ? &live : NULL, err);
	if (have_live)
		policy_free(&live);
	if (rc) {
		policy_free(&k->pol);
		goto fail;
	}
	k->version = version;
	k->next = s->stored;
	s->stored = k;
	*pol = &k->pol;
	return 0;
fail:
	free(k);
	return rc;
}

char *
session_calendar_path(const struct session *s, const struct policy *p)
{
	char file[256];

	snprintf(file, sizeof(file), "calendars/%s.yaml", p->calendar_id);
	return path_join(s->policies, file);
}

int
session_known_policy(struct session *s, const char *id,
    struct cpl_error *err)
{
	const struct policy *p;
	int rc, known;

	if (id == NULL)
		return 0;
	if ((rc = store_policy_known(s->st, id, &known, err)) || known)
		return rc;
	if ((rc = session_policy(s, id, &p, err)) == CPL_USAGE)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_POLICY,
		    "policy '%s': no case was logged under it and there is no "
		    "such policy in '%s'", id, s->policies);
	return rc;
}
