/*
 * case.h: the case rules. What may be done to a case, when, by whom, and
 * what its deadlines are, under the policy it was logged under.
 *
 * Every action is one write transaction: the change and its event row are
 * committed together or not at all, and a refused action changes nothing.
 *
 * Each rule is in the file named for it: case.c (what every action
 * checks, and the listing), case_file.c (a case file read and written),
 * deadlines.c (working-day deadlines), intake.c (log: time limit,
 * anonymity, consent, exclusions), lifecycle.c (acknowledge, respond,
 * extend, escalate, close, assign, note, reopen), correction.c (amend,
 * correct), ombudsman.c (the stage after the last), restriction.c,
 * retention.c (the purge), audit.c (who read which case), settings.c
 * (init); the session and its policies are session.h's, the words a case
 * is recorded with vocabulary.h's.
 */
#ifndef CPL_CASE_H
#define CPL_CASE_H

#include "date.h"
#include "error.h"
#include "policy.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "store_actions.h"
#include "vocabulary.h"

/* What the rules did to a stored stage in memory (see case_write). */
struct stage_mark {
	int changed;		/* its row changed */
	int stored_ext;		/* extensions, remedies and lessons the */
	int stored_remedies;	/* store holds; later ones are new */
	int stored_learning;
	int stored_holds;	/* holds the store holds; later ones new */
	int resumed;		/* a stored hold resumed: its index, plus 1 */
};

/*
 * A case with its stages and the rules it was logged under: read from the
 * store (case_load), or new (case_file_new). The rules (lifecycle.c,
 * ombudsman.c, intake.c) work on it in memory only: they change it and
 * append what happened (events, extensions, texts, referrals); case_write
 * then writes what changed, in one go.
 */
struct case_file {
	struct case_rec c;
	struct stage_rec *stages;
	int n_stages;
	const struct policy *pol;	/* owned by the session */
	struct referral_rec *referrals;		/* the ombudsman stage */
	int n_referrals;
	/* Filled by case_load_full only: */
	struct restriction_rec *restrictions;	/* in force on the complainant */
	int n_restrictions;
	cpl_date today;				/* for "review overdue" */
	/* What the rules did in memory since it was read, for case_write: */
	int is_new;		/* not in the store: written whole */
	int case_changed;	/* closed or reopened */
	int stored_stages;	/* stages the store holds; later ones are new */
	struct stage_mark *marks;	/* one a stage (n_stages) */
	int stored_referrals;	/* referrals the store holds */
	int referral_changed;	/* a stored referral that changed, or -1 */
	struct event_rec *events;	/* what happened, not yet recorded */
	int n_events;
	char *warning;		/* a new case's, shown once it is logged */
	/* Documents to add to the case file, each with the file that holds
	 * its bytes (an import's): written by case_write
	 * (lib/attachment.c). */
	struct new_document *documents;
	int n_documents;
	/* Letters sent, each kept by case_write just after its
	 * "letter-sent" event (lib/letter.c). */
	struct letter_rec *letters;
	int n_letters;
	/* The outstanding actions after a response (lib/action.c): those
	 * the store holds first (stored_actions), then new ones; a stored
	 * one marked done has its changed set. */
	struct action_rec *actions;
	int n_actions;
	int stored_actions;
	/* The seeds' smaller rules the case keeps (lib/rules.c), and
	 * whether the rules changed them since it was read. */
	struct case_rules_rec rules;
	int rules_changed;
};

/* A document to add to a case file: what it is, and where its bytes are
 * read from: the file at path, or (complaints attach) what the command
 * has open (lib/attachment.c's, not the case file's to free). */
struct new_document {
	struct attachment_rec a;
	char *path;
	void *open;
};

void case_file_free(struct case_file *cf);
/* Read a case; CPL_REFUSED "no case 'REF'" if it is not there. */
int case_load(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err);
/* The id of the case ref names (as case_load finds it), or 0: none. For
 * a write of several cases, which locks them in the order of their ids
 * (store_lock_cases) before case_load reads each. */
int case_id_of(struct session *s, const char *ref, int64_t *id,
    struct cpl_error *err);
/* case_load, and the restrictions on the complainant, for showing the
 * whole case. */
int case_load_full(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err);
/*
 * Write what the rules did to cf in memory, in one go, inside the
 * caller's write transaction: a new case (numbered: case_number) as it
 * now is, one INSERT a row (the case with its closing, each stage with
 * its acknowledgement, response and officer, its extensions and texts,
 * the events, the referrals); a stored case's changed rows, each once.
 * Then cf is as the store has it.
 */
int case_write(struct session *s, struct case_file *cf,
    struct cpl_error *err);

/* --- deadlines (deadlines.c) --- */

/* A stage's deadlines; NO_DATE where there is none (or its clock has not
 * started: a response counted from an acknowledgement not yet made). */
struct deadlines {
	cpl_date ack_due;
	cpl_date response_due;		/* with extensions */
	cpl_date response_target;	/* the aim, when the policy sets one */
};

int stage_deadlines(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct cpl_error *err);

/* The next thing to do at a stage: "acknowledge", "respond", "resume"
 * (held: due on the day the hold was expected to end, or NO_DATE) or
 * NULL. */
const char *stage_next_action(const struct stage_rec *st,
    const struct deadlines *d, cpl_date *due);

/* --- the clock stops (hold.c) --- */

/* The hold in force on stage st, or NULL. */
const struct hold_rec *hold_in_force(const struct stage_rec *st);
/* The working days the holds resumed of stage st move its
 * acknowledgement deadline and its response deadline by. */
int stage_held_days(const struct calendar *cal, const struct stage_rec *st,
    int *ack_days, int *response_days, struct cpl_error *err);
/* While a hold is in force on stage st (of an open case): 1, with the
 * deadlines it stops (*ack, *response) set, for they are not known until
 * it resumes; else 0. */
int hold_stops(const struct stage_rec *st, int *ack, int *response);
/* The working days the holds of stage st have stopped its clock so far:
 * those resumed, and the one in force up to today. */
int stage_days_held(const struct calendar *cal, const struct stage_rec *st,
    cpl_date today, int *days, struct cpl_error *err);
/* The end of the case's overall clock, moved by the calendar days it was
 * held; NO_DATE where it has none. */
cpl_date case_resolve_due(const struct case_file *cf);
/* The deadlines of stage st as they stand today, the same in every
 * output (show, export, letters): stage_deadlines, but NO_DATE for each
 * deadline a hold in force stops, for it is not known until the stage
 * resumes. */
int stage_deadlines_now(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct cpl_error *err);
/* case_resolve_due as it stands today: NO_DATE while a hold is in force
 * on the open case's current stage. */
cpl_date case_resolve_due_now(const struct case_file *cf);
/* Stop the current stage's clock of case ref, for reason (a word of
 * hold_reasons the case's policy allows), from date, expected to end on
 * until (NO_DATE: not said); start it again. */
int case_hold(struct session *s, const char *ref, const char *reason,
    cpl_date until, cpl_date date, struct cpl_error *err);
int case_resume(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err);
int case_file_hold(struct session *s, struct case_file *cf,
    const char *reason, cpl_date until, cpl_date date,
    struct cpl_error *err);
int case_file_resume(struct session *s, struct case_file *cf, cpl_date date,
    struct cpl_error *err);

/* --- taking a case in (intake.c) --- */

/* What an officer types to log a case (strings may be NULL). */
struct log_input {
	const char *policy;		/* NULL: the store's default */
	const char *kind;		/* NULL: complaint */
	int anonymous;
	const char *complainant, *contact, *on_behalf_of;
	int consent;
	const char *channel, *service, *category, *summary;
	cpl_date received;		/* NO_DATE: today */
	cpl_date occurred;
	const char *external_ref;
	int external_ref_new;		/* the caller found no case with it,
					 * inside the write this log is part of
					 * (a batch): not looked up again */
	const char *late_reason;	/* why a complaint past the time limit
					 * is accepted (--late-reason) */
	const char *accept_anyway;	/* why a case in an excluded category
					 * is accepted (--accept-anyway) */
	/* The seeds' smaller rules (lib/rules.c): */
	const char *about_staff;	/* the officer complained about */
	int discrimination;		/* a complaint about discrimination */
	const char *late_granted_by;	/* who accepted it late, where the
					 * policy names who may */
	int resolved_informally;	/* resolved, informally, the day
					 * received */
};

/* Log a case; *ref (caller frees) is its new reference, set before the
 * case is committed (for a store_before_commit hook) and NULL again if
 * the commit fails. */
int case_log(struct session *s, const struct log_input *in, char **ref,
    struct cpl_error *err);
/* The policy a case is logged under: in->policy as its file is now, or
 * (NULL) the store's default. */
int case_log_policy(struct session *s, const struct log_input *in,
    const struct policy **pol, struct cpl_error *err);
/*
 * The intake rules of the case's policy (case_log_policy) applied to in,
 * in memory: *cf (free with case_file_free) the new case, its first stage
 * and what log records, not yet numbered or stored; a warning for once it
 * is logged in cf->warning. What log refuses, refused.
 */
int case_file_new(struct session *s, const struct log_input *in,
    struct case_file *cf, struct cpl_error *err);
/* Give a new case its reference (PREFIX-YYYY-NNNNN, the policy's next
 * number for the year received) and its policy version: inside the write
 * transaction that writes it. */
int case_number(struct session *s, struct case_file *cf,
    struct cpl_error *err);

/*
 * --- the stages (lifecycle.c) ---
 *
 * Each action on a stored case (case_ack, ...) is one write transaction:
 * the case read, the rule applied in memory (case_file_ack, ...), the
 * change written (case_write). The case_file_* functions are the rules
 * alone, on a case in memory, for a batch (import) that applies several
 * to one case before writing it; the officer is s->officer.
 */

int case_ack(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err);
int case_respond(struct session *s, const char *ref, const char *outcome,
    const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err);
/* told: the complainant has been told (where the policy says they must). */
int case_extend(struct session *s, const char *ref, int days,
    const char *reason, int told, cpl_date date, struct cpl_error *err);
int case_escalate(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err);
int case_close(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err);
int case_assign(struct session *s, const char *ref, const char *to,
    cpl_date date, struct cpl_error *err);
int case_note(struct session *s, const char *ref, const char *text,
    cpl_date date, struct cpl_error *err);
/* Close a complaint as resolved informally (lib/rules.c): on the day
 * received or within the policy's informal resolution step; reason, when
 * given, must be "resolved". */
int case_close_informally(struct session *s, const char *ref,
    const char *reason, cpl_date date, struct cpl_error *err);
/* The same on a case in memory (an import's row), on date. */
int case_file_close_informally(struct session *s, struct case_file *cf,
    cpl_date date, struct cpl_error *err);
/* Open a closed case again, recording why. */
int case_reopen(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err);

int case_file_ack(struct session *s, struct case_file *cf, cpl_date date,
    struct cpl_error *err);
int case_file_respond(struct session *s, struct case_file *cf,
    const char *outcome, const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err);
int case_file_extend(struct session *s, struct case_file *cf, int days,
    const char *reason, int told, cpl_date date, struct cpl_error *err);
int case_file_escalate(struct session *s, struct case_file *cf,
    const char *reason, cpl_date date, struct cpl_error *err);
int case_file_close(struct session *s, struct case_file *cf,
    const char *reason, cpl_date date, struct cpl_error *err);
int case_file_assign(struct session *s, struct case_file *cf, const char *to,
    cpl_date date, struct cpl_error *err);
int case_file_note(struct session *s, struct case_file *cf, const char *text,
    cpl_date date, struct cpl_error *err);
int case_file_reopen(struct session *s, struct case_file *cf,
    const char *reason, cpl_date date, struct cpl_error *err);

/*
 * --- amendments and corrections (correction.c) ---
 *
 * A case's details changed (amend), or the last recorded action of a
 * kind corrected (correct), each in one write transaction. The case's
 * history is replayed in memory as if it had been recorded right the
 * first time, every rule of the policy checked again (an amended
 * received moves every deadline counted from it); what the replayed
 * history breaks refuses the change, naming the action and the rule.
 * Nothing is overwritten without a trace: each changed field is an event
 * ("amended", "corrected") holding the old and the new value, who, when
 * and why. Where the case's policy names who may correct (its
 * 'corrections' key), only they may. The reference keeps its year.
 */

/* What amend changes: NULL, NO_DATE, -1: left as it is. */
struct amendment {
	const char *complainant, *contact, *service, *category, *channel,
	    *summary;
	cpl_date received, occurred;
	const char *about_staff;	/* the officer complained about */
	int discrimination;		/* 1, 0, or -1: as it is */
	const char *reason;		/* why: needed */
};

/* What correct changes of the last recorded action of a kind. */
struct correction {
	const char *action;		/* ack|respond|extend|escalate|close */
	cpl_date date;			/* the day it happened; NO_DATE: as
					 * recorded */
	const char *outcome;		/* respond: NULL, as recorded */
	const char *const *remedies;	/* respond: in place of those
					 * recorded, when remedies_given */
	int n_remedies, remedies_given;
	const char *const *learning;	/* the same, for the lessons */
	int n_learning, learning_given;
	int days;			/* extend: its working days; 0: as
					 * recorded */
	const char *reason;		/* why: needed */
};

/* The kinds of action correct takes, NULL-terminated. */
extern const char *const correctable_actions[];

int case_amend(struct session *s, const char *ref, const struct amendment *a,
    struct cpl_error *err);
int case_correct(struct session *s, const char *ref,
    const struct correction *c, struct cpl_error *err);
/* The same on a new case file, not yet stored (an import replaying a
 * history), recorded as made on the day when. */
int case_file_amend(struct session *s, struct case_file *cf,
    const struct amendment *a, cpl_date when, struct cpl_error *err);
int case_file_correct(struct session *s, struct case_file *cf,
    const struct correction *c, cpl_date when, struct cpl_error *err);

/*
 * The ombudsman stage (ombudsman.c). The first call records the referral
 * (body: one of the policy's ombudsman ids, or NULL to choose by the
 * case's service or category); later calls add the ombudsman's reference
 * and decision, and what the decision asks of the council (m, NULL for
 * nothing): the remedy and the day it is due, given together, and the day
 * the council complied.
 */
struct ombudsman_remedy {
	const char *remedy;	/* NULL: none given */
	cpl_date due;		/* NO_DATE: none given */
	cpl_date complied;	/* NO_DATE: none given */
};
int case_ombudsman(struct session *s, const char *ref, const char *body,
    const char *reference, const char *decision,
    const struct ombudsman_remedy *m, cpl_date date, struct cpl_error *err);
int case_file_ombudsman(struct session *s, struct case_file *cf,
    const char *body, const char *reference, const char *decision,
    cpl_date date, struct cpl_error *err);
/* The remedy (with its due day) or the compliance alone, on a new case
 * file (an import or a correction replaying a history). */
int case_file_ombudsman_remedy(struct session *s, struct case_file *cf,
    const struct ombudsman_remedy *m, cpl_date date, struct cpl_error *err);

/* Restrictions on an unreasonably persistent or vexatious complainant
 * (restriction.c); decided_by: who decided it (NULL: not said), needed
 * and one of them where the store's default policy lists who may. case_restrict sets *id before the commit (for a
 * store_before_commit hook). With id NULL (case_restrict) or 0
 * (case_lift_restriction), what is given is only checked, nothing
 * written (an import's first pass; the complainant's cases are not looked
 * for). */
int case_restrict(struct session *s, const char *complainant,
    const char *kind, const char *detail, const char *reason,
    const char *decided_by, cpl_date review, cpl_date date, int64_t *id,
    struct cpl_error *err);
int case_lift_restriction(struct session *s, int64_t id, const char *reason,
    cpl_date date, struct cpl_error *err);
/* The same within the caller's write transaction (an import's second
 * pass), which a failure leaves for the caller to roll back. */
int case_restrict_within(struct session *s, const char *complainant,
    const char *kind, const char *detail, const char *reason,
    const char *decided_by, cpl_date review, cpl_date date, int64_t *id,
    struct cpl_error *err);
int case_lift_restriction_within(struct session *s, int64_t id,
    const char *reason, cpl_date date, struct cpl_error *err);
/* Warn (session_warn) of the restrictions in force on a complainant, as
 * a case of theirs is logged; a failure to read them loses only the
 * warning. */
void warn_restrictions(struct session *s, const char *complainant);
/* Warn (session_warn) of the open cases of the same complainant about the
 * same service received in the 30 days before an open case cf (stored or
 * not): a duplicate, or a related complaint (intake.c); a failure to read
 * them loses only the warning. */
void warn_related(struct session *s, const struct case_file *cf);

/*
 * Create or upgrade the store at db_path (settings.c); set the default
 * policy, read auditing ("on", "off") and the group the store is shared
 * with, each when given (NULL: left as it is). A new store takes its name
 * only once it is complete. A policy that does not load, or a group this
 * officer is not in, is refused before any file is made.
 *
 * The default policy of a store that has one is changed only when
 * change_default asks for it; else another policy is refused
 * (CPL_REFUSED, about CPL_ABOUT_DEFAULT_POLICY), saying what would change,
 * and nothing is: init on an existing store changes nothing unless asked.
 */
int case_init(struct session *s, const char *db_path, const char *policy,
    int change_default, const char *audit_reads, const char *group,
    struct cpl_error *err);

/*
 * A document of a new case file (an import's history), its bytes in the
 * file at path, which must hold exactly a->size bytes of SHA-256
 * a->sha256 (read to check it): on the day a->date, by the session's
 * officer; the "attached" event appended, the document kept in
 * cf->documents for case_write (lib/attachment.c).
 */
int case_file_attach_from(struct session *s, struct case_file *cf,
    const struct attachment_rec *a, const char *path, struct cpl_error *err);

/*
 * A letter sent to the complainant about stage, its whole text as sent:
 * on the day date, by the session's officer, by via (NULL: not said);
 * the "letter-sent" event appended, the letter kept in cf->letters for
 * case_write (lib/letter.c). The rule its sending is (an acknowledgement,
 * an extension) is the caller's.
 */
int case_file_letter_sent(struct session *s, struct case_file *cf,
    int stage, const char *kind, const char *via, cpl_date date,
    const char *text, struct cpl_error *err);

/*
 * Where the store audits reading (init --audit-reads on; audit.c), record
 * that the session's officer read the case: action "viewed" (show,
 * history); an event in the case's history. Nothing where it does not.
 */
int case_audit_read(struct session *s, const struct case_file *cf,
    const char *action, struct cpl_error *err);
/* The same, the event saying what was read (detail: which entry of the
 * case file was opened). */
int case_audit_read_of(struct session *s, const struct case_file *cf,
    const char *action, const char *detail, struct cpl_error *err);

/* --- the retention purge (retention.c) --- */

/* A case the retention purge takes. */
struct purge_row {
	int64_t id;
	char *ref, *policy;
	cpl_date closed;
	int early;		/* still within its policy's retention
				 * period: taken for purge_request's
				 * early_reason */
};
void purge_rows_free(struct purge_row *v, int n);

/* What a purge is asked to do. */
struct purge_request {
	cpl_date closed_before;		/* the cases closed before this day;
					 * NO_DATE: before the end of the
					 * retention period of the policy
					 * each was logged under */
	const char *early_reason;	/* why cases still within their
					 * policy's retention period go too
					 * (recorded in their purge events);
					 * NULL: such a case is refused */
	int dry_run;			/* only say which cases */
	/* Asked once the cases are known, holding no lock, before anything
	 * is purged (not in a dry run, nor with no case to purge): 0 goes
	 * on; else the purge stops with that status, nothing purged. NULL:
	 * nothing is asked. */
	int (*confirm)(void *arg, const struct purge_row *rows, int n,
	    struct cpl_error *err);
	void *confirm_arg;
};

/*
 * The retention purge: the personal data (names, contact, summary, free
 * text) of the cases req chooses is removed and overwritten; the figures
 * the reports read stay. A case closed within its policy's retention
 * period is refused (CPL_REFUSED, about CPL_ABOUT_EARLY_PURGE) unless
 * req->early_reason says why it goes. *rows (free with purge_rows_free)
 * says which cases, in the order they were logged, set before the purge
 * is committed (for a store_before_commit hook): those confirmed that are
 * still to purge then (a case reopened meanwhile is not). When the cases
 * were purged but their old pages could not be written out of the files
 * (a reader kept them, see store_checkpoint), the result is
 * CPL_INCOMPLETE, with *rows set: the purge stands.
 */
int case_purge(struct session *s, const struct purge_request *req,
    struct purge_row **rows, int *n, struct cpl_error *err);

/* Was a closed case resolved (for the overall clock): closed for a reason
 * that close_reason_rules marks resolved (lib/vocabulary.c)? */
int case_resolution(const struct case_rec *c);

/* Is word one of the values of a list (NULL-terminated)? */
int one_of(const char *word, const char *const *values);
/* case_kinds, case_channels, case_outcomes, close_reasons: vocabulary.h. */

/* One case of a listing, with its current stage's deadlines. */
struct case_summary {
	const struct list_row *row;
	struct deadlines d;		/* of the current stage (an open
					 * case's: NO_DATE when closed, or
					 * stopped by a hold in force) */
	const char *next_action;	/* acknowledge|respond|resume|close, or
					 * NULL (closed) */
	cpl_date due;			/* of next_action, or NO_DATE */
};

/* Call fn for each case matching f (see store_list), in f->order:
 * LIST_DUE, the open cases by the due date of their next action (none
 * last), then the closed ones, by the day received. */
int case_list(struct session *s, const struct list_filter *f,
    int (*fn)(const struct case_summary *cs, void *arg), void *arg,
    struct cpl_error *err);
#endif
