/*
 * record.h: a case as the store holds it.
 *
 * Strings are owned by the record (freed by the *_free functions) and may be
 * NULL where the store holds NULL; dates are NO_DATE where none is recorded.
 */
#ifndef CPL_RECORD_H
#define CPL_RECORD_H

#include <stdint.h>

#include "date.h"

#define NO_DATE INT32_MIN

struct case_rec {
	int64_t id;		/* rowid; 0 before the case is stored */
	char *ref;		/* PREFIX-YYYY-NNNNN */
	char *policy;		/* policy id */
	int64_t policy_version;	/* the policy text it was logged under */
	char *kind;		/* complaint|comment|compliment|service-request */
	int anonymous;
	char *complainant, *contact, *on_behalf_of;
	int consent;		/* written consent from the complainant */
	char *channel, *service, *category, *summary;
	cpl_date received, occurred;
	char *external_ref;
	char *logged_by;	/* the officer who logged it */
	cpl_date closed;
	char *close_reason;
	char *late_reason;	/* why a complaint past the time limit was
				 * accepted, or NULL */
	char *accepted_anyway;	/* why a case in an excluded category was
				 * accepted, or NULL */
	cpl_date resolve_due;	/* the overall clock's end, or NO_DATE */
	cpl_date purged;	/* its personal data removed, or NO_DATE */
	cpl_date reopened;	/* the day it was last reopened, or NO_DATE:
				 * from its events (store_find_case only) */
};

struct extension_rec {
	int days;		/* working days added */
	char *reason;
	cpl_date date;		/* when it was granted */
	char *officer;
	int told;		/* the complainant was told */
};

/*
 * A clock stop on a stage (complaints hold, resume): while it holds, the
 * stage's deadlines still running on the day it began stop; on resume
 * they move by the working days after that day up to and including the
 * day resumed (lib/hold.c).
 */
struct hold_rec {
	int64_t id;		/* rowid; 0 before it is stored */
	char *reason;		/* a word of hold_reasons */
	cpl_date held;		/* the day the clock stopped */
	cpl_date until;		/* the day it is expected to resume, or
				 * NO_DATE */
	cpl_date resumed;	/* NO_DATE while it holds */
	char *officer;		/* who stopped the clock */
	char *resumed_by;	/* who started it again, or NULL */
};

struct stage_rec {
	int stage;
	cpl_date opened;	/* received (stage 1) or escalated */
	char *officer;		/* who handles it, or NULL: unassigned */
	/*
	 * The stage's timescales, copied from the case's policy when the stage
	 * opens, so that reports can compute deadlines without the policy text.
	 * 0 days: the policy sets no timescale.
	 */
	int ack_days;
	int respond_days;
	int respond_from;	/* an enum clock */
	int respond_target;	/* target days, or 0 */
	cpl_date acknowledged, responded;
	char *responded_by;	/* the officer who sent the response */
	char *outcome;		/* upheld|partly-upheld|not-upheld */
	char *escalation_reason;
	struct extension_rec *ext;
	int n_ext;
	int ext_days;		/* sum of ext[].days */
	char **remedies;
	int n_remedies;
	char **learning;
	int n_learning;
	struct hold_rec *holds;	/* the clock stops, in the order made */
	int n_holds;
};

struct event_rec {
	cpl_date date;		/* the day the action happened (--date) */
	char *recorded;		/* when it was recorded, UTC, ISO 8601 */
	char *officer;
	char *action;		/* logged, acknowledged, responded, ... */
	int stage;		/* 0: not about one stage */
	char *detail;		/* free text, or NULL */
	/*
	 * An amendment or a correction (action "amended", "corrected"): the
	 * field changed, its old and new values as text (dates ISO 8601,
	 * remedies and learning a line each), and why. field is NULL on
	 * every other event.
	 */
	char *corrects;		/* the kind of action corrected (ack,
				 * respond, extend, escalate, close), or
				 * NULL: a detail of the case (amended) */
	int item;		/* extend: the extension's number in its
				 * stage, from 1; else 0 */
	char *field;
	char *old_value, *new_value;
	char *reason;
	int personal;		/* the values are personal data, which the
				 * retention purge removes */
};

/* A restriction on how the council deals with a complainant. */
struct restriction_rec {
	int64_t id;
	char *complainant;	/* as logged on their cases (any case) */
	char *kind;		/* single-point-of-contact, ... */
	char *detail;		/* e.g. the officer who is the single point */
	char *reason;
	cpl_date imposed, review;
	char *officer;		/* who recorded it */
	cpl_date lifted;	/* NO_DATE while in force */
	char *lifted_reason;
	char *decided_by;	/* who decided it, where recorded, or NULL */
};

/* The ombudsman stage of a case. */
struct referral_rec {
	int64_t id;
	char *body;		/* the policy's ombudsman id: lgsco, ... */
	cpl_date referred;
	char *reference;	/* the ombudsman's, or NULL */
	char *decision;		/* upheld, ..., or NULL: not decided */
	cpl_date decided;
	char *officer;		/* who recorded the referral */
	/* What the decision asks of the council (table ombudsman_remedies):
	 * the remedy recommended (NULL: none), the day it is due and the
	 * day the council complied (NO_DATE: none given, not yet). */
	char *remedy;
	cpl_date remedy_due, complied;
	int remedy_stored;	/* its row is in the store */
};

void case_rec_free(struct case_rec *c);
/* A deep copy of src's strings: 0, or -1 (dst empty) when out of memory. */
int case_rec_copy(struct case_rec *dst, const struct case_rec *src);
void restriction_rec_free(struct restriction_rec *r);
void referral_rec_free(struct referral_rec *r);
void stage_rec_free(struct stage_rec *s);
void event_rec_free(struct event_rec *e);

#endif
