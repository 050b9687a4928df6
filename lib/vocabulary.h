/*
 * vocabulary.h: the words a case is recorded with (its kind, channel,
 * outcomes, close reason, the ombudsman's decision, restrictions), each
 * defined once, with what the rules and the reports count it as.
 *
 * Each list is NULL-terminated (for one_of() and the messages that list
 * the words) and indexed by an enum, so that code that needs one word
 * (the compliments of the annual report) names it rather than its
 * position. The words are what commands take (`log --kind`, `respond
 * --outcome`, `close --reason` ...), the store keeps and export writes:
 * a word changed here is a change to the store's data and to every
 * script, and needs a migration.
 */
#ifndef CPL_VOCABULARY_H
#define CPL_VOCABULARY_H

#include <stddef.h>

/* What a case is (log --kind). */
enum case_kind {
	KIND_COMPLAINT, KIND_COMMENT, KIND_COMPLIMENT, KIND_SERVICE_REQUEST,
	N_KINDS
};
extern const char *const case_kinds[N_KINDS + 1];

/* How it reached the council (log --channel); the last is "other". */
enum case_channel {
	CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_LETTER, CHANNEL_WEB,
	CHANNEL_IN_PERSON, CHANNEL_SOCIAL, CHANNEL_OTHER, N_CHANNELS
};
extern const char *const case_channels[N_CHANNELS + 1];

/* The outcome of a stage's response (respond --outcome). */
enum case_outcome {
	OUTCOME_UPHELD, OUTCOME_PARTLY_UPHELD, OUTCOME_NOT_UPHELD, N_OUTCOMES
};
extern const char *const case_outcomes[N_OUTCOMES + 1];
/* Each outcome in words, for people (the annual report's chart). */
extern const char *const case_outcome_labels[N_OUTCOMES];

/* Why a case was closed (close --reason). */
enum close_reason {
	CLOSE_RESOLVED, CLOSE_WITHDRAWN, CLOSE_OUT_OF_SCOPE, CLOSE_REFUSED,
	CLOSE_OMBUDSMAN, CLOSE_NO_FURTHER_ACTION, N_CLOSE_REASONS
};
extern const char *const close_reasons[N_CLOSE_REASONS + 1];

/* How a letter was sent (letter --via), NULL-terminated. */
extern const char *const letter_vias[];

/* What a close reason counts as. */
struct close_reason_rules {
	int resolved;		/* the procedure resolved the case: the
				 * overall clock (receipt to resolution)
				 * measures it */
	int turned_away;	/* the procedure did not take the case up
				 * (outside it, or refused): the reports
				 * count these, by category, as figure
				 * "closed.REASON" */
	const char *label;	/* turned_away: the figure in words */
};
extern const struct close_reason_rules close_reason_rules[N_CLOSE_REASONS];

/* Was a case closed for reason (NULL: not closed) resolved by the
 * procedure? Not when it was withdrawn, out of scope or refused. */
int close_reason_resolves(const char *reason);

/* The ombudsman's decision (ombudsman --decision). */
enum ombudsman_decision {
	DECISION_UPHELD, DECISION_PARTLY_UPHELD, DECISION_NOT_UPHELD,
	DECISION_NOT_INVESTIGATED, DECISION_CLOSED_AFTER_INITIAL_ENQUIRIES,
	DECISION_REFERRED_BACK, N_DECISIONS
};
extern const char *const ombudsman_decisions[N_DECISIONS + 1];

/* A restriction on an unreasonably persistent or vexatious complainant
 * (restriction add --kind). */
enum restriction_kind {
	RESTRICTION_SINGLE_POINT_OF_CONTACT, RESTRICTION_WRITTEN_CONTACT_ONLY,
	RESTRICTION_NO_FURTHER_CORRESPONDENCE, RESTRICTION_LIMITED_CONTACT,
	RESTRICTION_OTHER, N_RESTRICTION_KINDS
};
extern const char *const restriction_kinds[N_RESTRICTION_KINDS + 1];

/*
 * Why a stage's clock stops (hold --reason): another procedure the
 * complaint must wait for (seed 003 §11: "an internal disciplinary
 * procedure ... it may not be possible to provide a full response to the
 * complaint until those proceedings have been completed"); information
 * or consent asked of the complainant and not yet given. A policy lists
 * those it allows (its 'holds' key).
 */
enum hold_reason {
	HOLD_OTHER_PROCEDURE, HOLD_AWAITING_COMPLAINANT, N_HOLD_REASONS
};
extern const char *const hold_reasons[N_HOLD_REASONS + 1];

/* The index of word in a list above (NULL-terminated), or -1. */
int word_index(const char *const *list, const char *word);
/* The words of a list above as "a, b, c", in buf (cut short to fit
 * size); buf. For the messages and the help that name them all. */
const char *word_list(const char *const *list, char *buf, size_t size);

#endif
