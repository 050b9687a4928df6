/*
 * session.h: what every command works with: the store, who is doing
 * this, what day it is, where warnings go, and the policies read so far.
 *
 * A policy is read once a session and kept at one address until the
 * session lets it go (each is allocated on its own and never moved), so a
 * pointer to it (a case file's rules) stays good: the policies as cases
 * were logged under them until session_forget_store or session_free; the
 * policies as their files are now until session_free.
 */
#ifndef CPL_SESSION_H
#define CPL_SESSION_H

#include <stdint.h>

#include "date.h"
#include "error.h"
#include "policy.h"
#include "store.h"

/* A policy the session has read: one allocation, never moved. */
struct kept_policy {
	struct kept_policy *next;
	/* Stored: the policy_version it was read from. As the file is now:
	 * the version of the store that holds its text, once found (0 until
	 * then). */
	int64_t version;
	struct policy pol;
};

struct session {
	struct store *st;
	const char *policies;	/* the directory of policy files */
	const char *officer;	/* who is doing this; recorded on every change */
	cpl_date today;
	/* Told what a command should show but that refuses nothing (an
	 * exclusion that only warns, a restriction on the complainant); NULL:
	 * such warnings are dropped. lib/ never prints: the caller does. */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
	/* The policies as cases were logged under them (their stored text,
	 * with today's calendar), by policy_version. */
	struct kept_policy *stored;
	/* The policies as their files are now, by id: what a new case is
	 * logged under. Read once a session, so a batch reads each file
	 * once. */
	struct kept_policy *live;
};

/* The policy ID as its file is now (with its calendar), read once a
 * session; CPL_USAGE when there is no such file. */
int session_policy(struct session *s, const char *id,
    const struct policy **pol, struct cpl_error *err);
/*
 * The stored version of pol's text (pol from session_policy), added to
 * the store if new: inside a write transaction. Looked up once a session,
 * once it is found stored (a version added by a write that is then rolled
 * back is looked up again).
 */
int session_policy_version(struct session *s, const struct policy *pol,
    int64_t *version, struct cpl_error *err);
/*
 * The rules a stored case was logged under: the policy text stored as
 * version, with the calendar and the closure days of today's files, so a
 * bank holiday announced after the case was logged still moves its
 * deadlines.
 */
int case_policy(struct session *s, int64_t version, const struct policy **pol,
    struct cpl_error *err);

/* The file of policy p's calendar (DIR/calendars/NAME.yaml), for messages
 * that ask for it to be extended; the caller frees it (NULL: out of
 * memory). */
char *session_calendar_path(const struct session *s, const struct policy *p);

/* A policy to filter by names a policy of the store or of the policy
 * directory: else CPL_USAGE, so that a mistyped id in a cron job is an
 * error rather than an empty list. NULL is no filter. */
int session_known_policy(struct session *s, const char *id,
    struct cpl_error *err);

/* Tell the session's warn function (when there is one) a formatted line. */
void session_warn(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Forget what the session knows of the store's rows (the stored policies,
 * the versions of the live ones): after a rollback those ids may be given
 * again to other rows. The policies as parsed from their files are kept. */
void session_forget_store(struct session *s);
void session_free(struct session *s);

#endif
