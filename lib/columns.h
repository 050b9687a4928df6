/*
 * columns.h: the columns of import and export, one table for both
 * directions (lib/columns.c): export writes them in this order, import
 * reads any subset in any order. A few are computed (the status, the
 * stage and the deadlines): export writes them for other tools and import
 * ignores them, so what export writes, import reads back. The reference
 * is read: it identifies a case already stored, and a new case keeps it.
 */
#ifndef CPL_COLUMNS_H
#define CPL_COLUMNS_H

#include "policy.h"

/*
 * The columns of a stage after the first, in this order: stage 2's are
 * escalated, escalation_reason, stage2_officer, ..., stage2_learning;
 * stage N's (N from 3 to CPL_MAX_STAGES) follow them, each named
 * stageN_escalated, stageN_escalation_reason, stageN_officer, ...
 */
enum stage_col {
	SC_ESCALATED, SC_ESCALATION_REASON, SC_OFFICER, SC_ACKNOWLEDGED,
	SC_ACK_DUE, SC_EXTENSION_DAYS, SC_EXTENSION_REASON, SC_EXTENSION_TOLD,
	SC_EXTENDED, SC_RESPONSE_DUE, SC_RESPONDED, SC_OUTCOME, SC_REMEDY,
	SC_LEARNING,
	N_STAGE_COLS
};

enum col {
	C_REF, C_EXTERNAL_REF, C_POLICY, C_KIND, C_STATUS, C_STAGE,
	C_COMPLAINANT, C_ANONYMOUS, C_CONTACT, C_ON_BEHALF_OF, C_CONSENT,
	C_CHANNEL, C_SERVICE, C_CATEGORY, C_SUMMARY, C_RECEIVED, C_OCCURRED,
	C_LATE_REASON, C_ACCEPT_ANYWAY, C_OFFICER, C_RESOLVE_DUE,
	C_ACKNOWLEDGED, C_ACK_DUE, C_EXTENSION_DAYS, C_EXTENSION_REASON,
	C_EXTENSION_TOLD, C_EXTENDED, C_RESPONSE_DUE, C_RESPONDED, C_OUTCOME,
	C_REMEDY, C_LEARNING,
	C_ESCALATED, C_ESCALATION_REASON, C_STAGE2_OFFICER,
	C_STAGE2_ACKNOWLEDGED, C_STAGE2_ACK_DUE, C_STAGE2_EXTENSION_DAYS,
	C_STAGE2_EXTENSION_REASON, C_STAGE2_EXTENSION_TOLD, C_STAGE2_EXTENDED,
	C_STAGE2_RESPONSE_DUE, C_STAGE2_RESPONDED, C_STAGE2_OUTCOME,
	C_STAGE2_REMEDY, C_STAGE2_LEARNING,
	/* then stage 3's to stage CPL_MAX_STAGES's, N_STAGE_COLS each */
	C_CLOSED = C_ESCALATED + (CPL_MAX_STAGES - 1) * N_STAGE_COLS,
	C_CLOSE_REASON,
	C_REFERRED, C_OMBUDSMAN_BODY, C_OMBUDSMAN_REFERENCE,
	C_OMBUDSMAN_DECISION, C_OMBUDSMAN_DECIDED,
	C_HISTORY,
	/* the seeds' smaller rules (lib/rules.c): after the history, the
	 * columns added last */
	C_ABOUT_STAFF, C_DISCRIMINATION, C_LATE_GRANTED_BY,
	C_RESOLVED_INFORMALLY,
	N_COLS
};

struct column {
	const char *name;
	int computed;		/* written by export, ignored by import */
};

extern const struct column columns[N_COLS];

/* One stage's columns in the flat form (-1: none, stage 1's escalated
 * and escalation_reason: it opens on the day the case was received). */
struct stage_cols {
	int escalated, escalation_reason, officer, acknowledged, ack_due, days,
	    reason, told, extended, response_due, responded, outcome, remedy,
	    learning;
};
extern const struct stage_cols stage_cols[CPL_MAX_STAGES];

/* The stage (from 0) a column is of, and which of its columns it is
 * (*which, an enum stage_col); -1 when it is not a stage's column. */
int column_stage(int col, int *which);

/* Does export write column col, when the policies of the store have at
 * most n_stages stages? Stage 1's and 2's columns are always written, so
 * a store of two-stage policies has the columns it always had. */
int column_written(int col, int n_stages);

/* The column a header names (-1: none), as a spreadsheet may write it
 * too: in any case of letters, with spaces around it, and '-' or ' ' for
 * '_' ("External-Ref" is external_ref). */
int column_of(const char *name);

#endif
