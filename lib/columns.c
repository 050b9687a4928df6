/* columns.c: the columns of import and export (see columns.h). */
#include <ctype.h>
#include <string.h>

#include "columns.h"

const struct column columns[N_COLS] = {
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

const struct stage_cols stage_cols[2] = {
	{C_OFFICER, C_ACKNOWLEDGED, C_EXTENSION_DAYS, C_EXTENSION_REASON,
	    C_EXTENSION_TOLD, C_EXTENDED, C_RESPONDED, C_OUTCOME, C_REMEDY,
	    C_LEARNING},
	{C_STAGE2_OFFICER, C_STAGE2_ACKNOWLEDGED, C_STAGE2_EXTENSION_DAYS,
	    C_STAGE2_EXTENSION_REASON, C_STAGE2_EXTENSION_TOLD,
	    C_STAGE2_EXTENDED, C_STAGE2_RESPONDED, C_STAGE2_OUTCOME,
	    C_STAGE2_REMEDY, C_STAGE2_LEARNING},
};
