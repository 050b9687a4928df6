/*
 * restriction.c: restrictions on an unreasonably persistent or vexatious
 * complainant (see case.h, case_restrict): recorded with a review date,
 * lifted with a reason, and shown on every case of theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"



/* Warn of the restrictions in force on a complainant. The case is already
 * logged: a failure to read them loses only the warning. */
void
warn_restrictions(struct session *s, const char *complainant)
{
	struct restriction_rec *r;
	struct cpl_error ignored;
	char d[DATE_LEN];
	int n;

	if (s->warn == NULL || complainant == NULL ||
	    store_restrictions(s->st, complainant, 0, &r, &n, &ignored) != 0)
		return;
	for (int i = 0; i < n; i++) {
		date_format(r[i].review, d);
		session_warn(s, "'%s' is under restriction %lld: %s%s%s; review due %s",
		    r[i].complainant, (long long)r[i].id, r[i].kind,
		    r[i].detail ? ", " : "", r[i].detail ? r[i].detail : "", d);
	}
	store_restrictions_free(r, n);
}

/* A restriction imposed: in a write transaction of its own, or within
 * the caller's (within). */
static int
restrict_complainant(struct session *s, const char *complainant,
    const char *kind, const char *detail, const char *reason,
    const char *decided_by, cpl_date review, cpl_date date, int64_t *id,
    int within, struct cpl_error *err)
{
	struct restriction_rec r;
	char ev[1024], d[DATE_LEN], words[256], *name = NULL;
	int rc;

	if (blank(complainant))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_COMPLAINANT,
		    "the complainant's name is needed");
	if (kind == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_RESTRICTION_KIND,
		    "the kind of restriction is needed; use one of: %s",
		    word_list(restriction_kinds, words, sizeof(words)));
	if (!one_of(kind, restriction_kinds))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_RESTRICTION_KIND,
		    "'%s' is not a kind of restriction; use one of: %s", kind,
		    word_list(restriction_kinds, words, sizeof(words)));
	if (blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the restriction is imposed");
	if (detail != NULL && blank(detail))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DETAIL,
		    "the detail is empty");
	if (strcmp(kind, "other") == 0 && detail == NULL)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_DETAIL,
		    "a restriction of kind 'other' needs its detail: what the "
		    "restriction is");
	if (review == NO_DATE)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REVIEW,
		    "the day of its review is needed: restrictions are "
		    "reviewed");
	if ((rc = check_date(s, NULL, date, NO_DATE, NULL, err)))
		return rc;
	if (review <= date)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REVIEW,
		    "the review must be after the day the restriction starts");
	if ((rc = rule_restriction_decider(s, decided_by, err)))
		return rc;
	/* Checking only (an import's first pass): nothing is written. */
	if (id == NULL)
		return 0;
	if (!within && (rc = store_begin(s->st, err)))
		return rc;
	/* A restriction shows on the complainant's cases: a name with none is
	 * most likely mistyped. */
	if ((rc = store_complainant_name(s->st, complainant, &name, err)))
		goto fail;
	if (name == NULL) {
		rc = cpl_fail_about(err, CPL_REFUSED, CPL_ABOUT_COMPLAINANT,
		    "no case of a complainant named '%s'", complainant);
		goto fail;
	}
	memset(&r, 0, sizeof(r));
	r.complainant = name;		/* as the cases spell it */
	r.kind = (char *)kind;
	r.detail = (char *)detail;
	r.reason = (char *)reason;
	r.imposed = date;
	r.review = review;
	r.officer = (char *)s->officer;
	date_format(review, d);
	if ((rc = store_add_restriction(s->st, &r, err)) ||
	    (decided_by != NULL && (rc = store_set_restriction_decider(s->st,
	    r.id, decided_by, err))))
		goto fail;
	snprintf(ev, sizeof(ev), "restriction %lld on '%s': %s%s%s: %s; review "
	    "due %s", (long long)r.id, name, kind, detail ? ", " : "",
	    detail ? detail : "", reason, d);
	/* The id is the caller's before the commit, which may have it
	 * printed first (store_before_commit). */
	*id = r.id;
	if ((rc = store_add_restriction_event(s->st, r.id, date, s->officer,
	    "restricted", ev, err)) ||
	    (!within && (rc = store_commit(s->st, err))))
		goto fail;
	free(name);
	return 0;
fail:
	free(name);
	if (!within)
		store_rollback(s->st);
	return rc;
}

int
case_restrict(struct session *s, const char *complainant, const char *kind,
    const char *detail, const char *reason, const char *decided_by,
    cpl_date review, cpl_date date, int64_t *id, struct cpl_error *err)
{
	return restrict_complainant(s, complainant, kind, detail, reason,
	    decided_by, review, date, id, 0, err);
}

int
case_restrict_within(struct session *s, const char *complainant,
    const char *kind, const char *detail, const char *reason,
    const char *decided_by, cpl_date review, cpl_date date, int64_t *id,
    struct cpl_error *err)
{
	return restrict_complainant(s, complainant, kind, detail, reason,
	    decided_by, review, date, id, 1, err);
}

/* A restriction lifted: in a write transaction of its own, or within the
 * caller's (within). */
static int
lift_restriction(struct session *s, int64_t id, const char *reason,
    cpl_date date, int within, struct cpl_error *err)
{
	char ev[1024];
	int rc;

	if (blank(reason))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_REASON,
		    "a reason is needed: why the restriction is lifted");
	if ((rc = check_date(s, NULL, date, NO_DATE, NULL, err)))
		return rc;
	/* Checking only (an import's first pass): nothing is written. */
	if (id == 0)
		return 0;
	if (!within && (rc = store_begin(s->st, err)))
		return rc;
	snprintf(ev, sizeof(ev), "restriction %lld: %s", (long long)id, reason);
	if ((rc = store_lift_restriction(s->st, id, date, reason, err)) ||
	    (rc = store_add_restriction_event(s->st, id, date, s->officer,
	    "restriction-lifted", ev, err)) ||
	    (!within && (rc = store_commit(s->st, err)))) {
		if (!within)
			store_rollback(s->st);
		return rc;
	}
	return 0;
}

int
case_lift_restriction(struct session *s, int64_t id, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	return lift_restriction(s, id, reason, date, 0, err);
}

int
case_lift_restriction_within(struct session *s, int64_t id,
    const char *reason, cpl_date date, struct cpl_error *err)
{
	return lift_restriction(s, id, reason, date, 1, err);
}
