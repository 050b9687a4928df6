/*
 * vocabulary.c: the words a case is recorded with (see vocabulary.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "vocabulary.h"

const char *const case_kinds[N_KINDS + 1] = {
	[KIND_COMPLAINT] = "complaint",
	[KIND_COMMENT] = "comment",
	[KIND_COMPLIMENT] = "compliment",
	[KIND_SERVICE_REQUEST] = "service-request",
	[N_KINDS] = NULL,
};

const char *const case_channels[N_CHANNELS + 1] = {
	[CHANNEL_EMAIL] = "email",
	[CHANNEL_PHONE] = "phone",
	[CHANNEL_LETTER] = "letter",
	[CHANNEL_WEB] = "web",
	[CHANNEL_IN_PERSON] = "in-person",
	[CHANNEL_SOCIAL] = "social",
	[CHANNEL_OTHER] = "other",
	[N_CHANNELS] = NULL,
};

const char *const case_outcomes[N_OUTCOMES + 1] = {
	[OUTCOME_UPHELD] = "upheld",
	[OUTCOME_PARTLY_UPHELD] = "partly-upheld",
	[OUTCOME_NOT_UPHELD] = "not-upheld",
	[N_OUTCOMES] = NULL,
};

const char *const case_outcome_labels[N_OUTCOMES] = {
	[OUTCOME_UPHELD] = "upheld",
	[OUTCOME_PARTLY_UPHELD] = "partly upheld",
	[OUTCOME_NOT_UPHELD] = "not upheld",
};

const char *const close_reasons[N_CLOSE_REASONS + 1] = {
	[CLOSE_RESOLVED] = "resolved",
	[CLOSE_WITHDRAWN] = "withdrawn",
	[CLOSE_OUT_OF_SCOPE] = "out-of-scope",
	[CLOSE_REFUSED] = "refused",
	[CLOSE_OMBUDSMAN] = "ombudsman",
	[CLOSE_NO_FURTHER_ACTION] = "no-further-action",
	[N_CLOSE_REASONS] = NULL,
};

/*
 * A withdrawn complaint, or one the procedure did not take (outside it,
 * or refused), was not resolved by it: the overall clock does not measure
 * it. One closed after the ombudsman, or with no further action, was.
 */
const struct close_reason_rules close_reason_rules[N_CLOSE_REASONS] = {
	[CLOSE_RESOLVED] = {.resolved = 1},
	[CLOSE_WITHDRAWN] = {.resolved = 0},
	[CLOSE_OUT_OF_SCOPE] = {.turned_away = 1,
	    .label = "closed as out of scope"},
	[CLOSE_REFUSED] = {.turned_away = 1, .label = "refused"},
	[CLOSE_OMBUDSMAN] = {.resolved = 1},
	[CLOSE_NO_FURTHER_ACTION] = {.resolved = 1},
};

/* The Local Government and Social Care Ombudsman's annual review letter
 * counts a complaint "closed after initial enquiries" apart from one it
 * decided not to investigate further: the case keeps the word given. */
const char *const ombudsman_decisions[N_DECISIONS + 1] = {
	[DECISION_UPHELD] = "upheld",
	[DECISION_PARTLY_UPHELD] = "partly-upheld",
	[DECISION_NOT_UPHELD] = "not-upheld",
	[DECISION_NOT_INVESTIGATED] = "not-investigated",
	[DECISION_CLOSED_AFTER_INITIAL_ENQUIRIES] =
	    "closed-after-initial-enquiries",
	[DECISION_REFERRED_BACK] = "referred-back",
	[N_DECISIONS] = NULL,
};

/* What the seeds describe (000 §6 Exclusions, 002 §14): one officer as the
 * single point of contact, contact in writing only, no reply to matters
 * already dealt with, contact limited in time or means. */
const char *const restriction_kinds[N_RESTRICTION_KINDS + 1] = {
	[RESTRICTION_SINGLE_POINT_OF_CONTACT] = "single-point-of-contact",
	[RESTRICTION_WRITTEN_CONTACT_ONLY] = "written-contact-only",
	[RESTRICTION_NO_FURTHER_CORRESPONDENCE] = "no-further-correspondence",
	[RESTRICTION_LIMITED_CONTACT] = "limited-contact",
	[RESTRICTION_OTHER] = "other",
	[N_RESTRICTION_KINDS] = NULL,
};

int
word_index(const char *const *list, const char *word)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

const char *
word_list(const char *const *list, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (int i = 0; list[i] != NULL && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? ", " : "", list[i]);
	return buf;
}

int
close_reason_resolves(const char *reason)
{
	int i = reason != NULL ? word_index(close_reasons, reason) : -1;

	/* A reason not in the list (never given by close) counts as
	 * resolving, as the reports' SQL counts it. */
	return reason != NULL && (i < 0 || close_reason_rules[i].resolved);
}

const char *const letter_vias[] = {"email", "post", "hand", NULL};

const char *const hold_reasons[N_HOLD_REASONS + 1] = {
	[HOLD_OTHER_PROCEDURE] = "other-procedure",
	[HOLD_AWAITING_COMPLAINANT] = "awaiting-complainant",
	[N_HOLD_REASONS] = NULL,
};
