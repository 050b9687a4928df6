/* columns.c: the columns of import and export (see columns.h). */
#include <ctype.h>
#include <string.h>

#include "columns.h"

/* Stage N's columns after stage 2 (see enum stage_col): as many as
 * CPL_MAX_STAGES, which the table's size (N_COLS) checks. */
#define STAGE_COLUMNS(n)						\
	{"stage" n "_escalated", 0}, {"stage" n "_escalation_reason", 0},	\
	{"stage" n "_officer", 0}, {"stage" n "_acknowledged", 0},	\
	{"stage" n "_ack_due", 1}, {"stage" n "_extension_days", 0},	\
	{"stage" n "_extension_reason", 0},				\
	{"stage" n "_extension_told", 0}, {"stage" n "_extended", 0},	\
	{"stage" n "_response_due", 1}, {"stage" n "_responded", 0},	\
	{"stage" n "_outcome", 0}, {"stage" n "_remedy", 0},		\
	{"stage" n "_learning", 0}

const struct column columns[] = {
	{"ref", 0}, {"external_ref", 0}, {"policy", 0}, {"kind", 0},
	{"status", 1}, {"stage", 1},
	{"complainant", 0}, {"anonymous", 0}, {"contact", 0},
	{"on_behalf_of", 0}, {"consent", 0},
	{"channel", 0}, {"service", 0}, {"category", 0}, {"summary", 0},
	{"received", 0}, {"occurred", 0},
	{"late_reason", 0}, {"accept_anyway", 0}, {"officer", 0},
	{"resolve_due", 1},
	{"acknowledged", 0}, {"ack_due", 1}, {"extension_days", 0},
	{"extension_reason", 0}, {"extension_told", 0}, {"extended", 0},
	{"response_due", 1}, {"responded", 0}, {"outcome", 0},
	{"remedy", 0}, {"learning", 0},
	{"escalated", 0}, {"escalation_reason", 0}, {"stage2_officer", 0},
	{"stage2_acknowledged", 0}, {"stage2_ack_due", 1},
	{"stage2_extension_days", 0}, {"stage2_extension_reason", 0},
	{"stage2_extension_told", 0}, {"stage2_extended", 0},
	{"stage2_response_due", 1}, {"stage2_responded", 0},
	{"stage2_outcome", 0}, {"stage2_remedy", 0}, {"stage2_learning", 0},
	STAGE_COLUMNS("3"), STAGE_COLUMNS("4"), STAGE_COLUMNS("5"),
	STAGE_COLUMNS("6"), STAGE_COLUMNS("7"), STAGE_COLUMNS("8"),
	STAGE_COLUMNS("9"),
	{"closed", 0}, {"close_reason", 0},
	{"referred", 0}, {"ombudsman_body", 0}, {"ombudsman_reference", 0},
	{"ombudsman_decision", 0}, {"ombudsman_decided", 0},
	{"history", 0},
	{"about_staff", 0}, {"discrimination", 0}, {"late_granted_by", 0},
	{"resolved_informally", 0},
};


int
column_of(const char *name)
{
	char key[64];
	size_t n = 0;

	while (*name == ' ' || *name == '\t')
		name++;
	for (; *name != '\0' && n < sizeof(key) - 1; name++)
		key[n++] = *name == '-' || *name == ' ' ? '_' :
		    (char)tolower((unsigned char)*name);
	while (n > 0 && (key[n - 1] == '_' || key[n - 1] == '\t'))
		n--;
	if (*name != '\0')
		return -1;
	key[n] = '\0';
	for (int i = 0; i < N_COLS; i++)
		if (strcmp(columns[i].name, key) == 0)
			return i;
	return -1;
}

#define LATER_STAGE(k) {						\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_ESCALATED,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_ESCALATION_REASON,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_OFFICER,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_ACKNOWLEDGED,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_ACK_DUE,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_EXTENSION_DAYS,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_EXTENSION_REASON,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_EXTENSION_TOLD,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_EXTENDED,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_RESPONSE_DUE,	\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_RESPONDED,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_OUTCOME,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_REMEDY,		\
	C_ESCALATED + ((k) - 1) * N_STAGE_COLS + SC_LEARNING}

_Static_assert(C_STAGE2_LEARNING == C_ESCALATED + SC_LEARNING,
    "stage 2's columns are in the order of enum stage_col");
_Static_assert(CPL_MAX_STAGES == 9,
    "STAGE_COLUMNS and LATER_STAGE are written out for stages 3 to 9");

const struct stage_cols stage_cols[CPL_MAX_STAGES] = {
	{-1, -1, C_OFFICER, C_ACKNOWLEDGED, C_ACK_DUE, C_EXTENSION_DAYS,
	    C_EXTENSION_REASON, C_EXTENSION_TOLD, C_EXTENDED, C_RESPONSE_DUE,
	    C_RESPONDED, C_OUTCOME, C_REMEDY, C_LEARNING},
	LATER_STAGE(1), LATER_STAGE(2), LATER_STAGE(3), LATER_STAGE(4),
	LATER_STAGE(5), LATER_STAGE(6), LATER_STAGE(7), LATER_STAGE(8),
};

int
column_stage(int col, int *which)
{
	static const int first[N_STAGE_COLS] = {-1, -1, C_OFFICER,
	    C_ACKNOWLEDGED, C_ACK_DUE, C_EXTENSION_DAYS, C_EXTENSION_REASON,
	    C_EXTENSION_TOLD, C_EXTENDED, C_RESPONSE_DUE, C_RESPONDED,
	    C_OUTCOME, C_REMEDY, C_LEARNING};

	if (col >= C_ESCALATED && col < C_CLOSED) {
		*which = (col - C_ESCALATED) % N_STAGE_COLS;
		return 1 + (col - C_ESCALATED) / N_STAGE_COLS;
	}
	/* Stage 1's are among the case's. */
	for (int j = SC_OFFICER; j < N_STAGE_COLS; j++)
		if (first[j] == col) {
			*which = j;
			return 0;
		}
	return -1;
}

int
column_written(int col, int n_stages)
{
	int which, k = column_stage(col, &which);

	return k < 2 || k < n_stages;
}
