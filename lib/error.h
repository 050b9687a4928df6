/*
 * error.h: how lib/ reports failure.
 *
 * lib/ never prints and never exits. A function that can fail takes a
 * struct cpl_error, fills it with a status, what the failure is about and
 * one line of text (lowercase first word, no full stop, the thing named in
 * quotes), and returns the status; main reports it once as
 * "complaints: <message>" and exits with the status.
 *
 * The statuses are the exit statuses of complaints(1) (EXIT STATUS):
 * every one but CPL_INCOMPLETE means that nothing was changed.
 *
 * The message speaks of the thing (the day, the reason, the complainant
 * must be told), never of how a command or a file gives it: the subject
 * says what it is about, as data, and the caller names it the way its
 * user gives it. cmd/ as the option of the command that failed
 * ("--told: ..."), import as the column of the step it was replaying
 * ("extension_told: ...").
 */
#ifndef CPL_ERROR_H
#define CPL_ERROR_H

enum cpl_status {
	CPL_OK = 0,
	CPL_REFUSED = 1,	/* refused by a rule, or the case is not there */
	CPL_USAGE = 2,		/* usage or bad input */
	CPL_STORE = 3,		/* the store could not be used */
	CPL_POLICY = 4,		/* a policy or calendar file could not be used */
	CPL_INCOMPLETE = 5,	/* done, but a last step after the commit
				 * failed: the change stands */
	CPL_NOMEM = 6,		/* out of memory: nothing was changed (a
				 * failure of the moment, not of the input,
				 * the store or a policy: try again) */
};

/*
 * What a message is about: the one thing to change to put it right (a
 * value given, or missing). CPL_ABOUT_NOTHING: the case, the store or a
 * file as a whole.
 */
enum cpl_subject {
	CPL_ABOUT_NOTHING = 0,
	CPL_ABOUT_DATE,		/* the day the action happened */
	CPL_ABOUT_RECEIVED,	/* the day a case was received */
	CPL_ABOUT_OCCURRED,	/* the day the matter complained of occurred */
	CPL_ABOUT_COMPLAINANT,
	CPL_ABOUT_ANONYMOUS,	/* that the complainant is not named */
	CPL_ABOUT_CONTACT,
	CPL_ABOUT_ON_BEHALF_OF,	/* the representative */
	CPL_ABOUT_CONSENT,	/* the complainant's written consent to one */
	CPL_ABOUT_KIND,		/* complaint, comment, ... */
	CPL_ABOUT_CHANNEL,
	CPL_ABOUT_SERVICE,
	CPL_ABOUT_CATEGORY,
	CPL_ABOUT_SUMMARY,
	CPL_ABOUT_POLICY,
	CPL_ABOUT_EXTERNAL_REF,
	CPL_ABOUT_LATE_REASON,	/* why a complaint past the time limit is
				 * accepted */
	CPL_ABOUT_ACCEPT_ANYWAY,	/* why a case a rule keeps out is
					 * accepted */
	CPL_ABOUT_OUTCOME,
	CPL_ABOUT_REMEDY,
	CPL_ABOUT_LEARNING,
	CPL_ABOUT_DAYS,		/* an extension's working days */
	CPL_ABOUT_REASON,	/* the reason of the action */
	CPL_ABOUT_TOLD,		/* the complainant was told of the extension */
	CPL_ABOUT_STAGE_OFFICER,	/* who handles the stage */
	CPL_ABOUT_NOTE,
	CPL_ABOUT_BODY,		/* the ombudsman */
	CPL_ABOUT_REFERENCE,	/* the ombudsman's reference */
	CPL_ABOUT_DECISION,	/* the ombudsman's decision */
	CPL_ABOUT_RESTRICTION_KIND,
	CPL_ABOUT_DETAIL,	/* what a restriction is */
	CPL_ABOUT_REVIEW,	/* the day a restriction is reviewed */
	CPL_ABOUT_CLOSED_BEFORE,	/* the purge's day */
	CPL_ABOUT_OFFICER,	/* who is doing this */
	CPL_ABOUT_DEFAULT_POLICY,	/* that the store's default policy is
					 * to change */
	CPL_ABOUT_EARLY_PURGE,	/* why a purge takes cases still within
				 * their retention period */
	CPL_ABOUT_ACTION,	/* the kind of recorded action corrected */
	CPL_ABOUT_NAME,		/* a document's name in the case file */
	CPL_ABOUT_FILE_NOTE,	/* why a document is kept */
	CPL_ABOUT_WHAT,		/* what an outstanding action is */
	CPL_ABOUT_DUE,		/* the day an outstanding action is due */
	CPL_ABOUT_OWNER,	/* who carries out an outstanding action */
	CPL_ABOUT_UNTIL,	/* the day a hold is expected to end */
	CPL_ABOUT_ABOUT_STAFF,	/* the officer a complaint is about */
	CPL_ABOUT_DISCRIMINATION,	/* a complaint about discrimination */
	CPL_ABOUT_LATE_GRANTED_BY,	/* who accepted a late complaint */
	CPL_ABOUT_DECIDED_BY,	/* who decided a restriction */
	CPL_ABOUT_INFORMAL,	/* resolved informally */
	CPL_ABOUT_REMEDY_DUE,	/* the day the ombudsman's remedy is due */
	CPL_ABOUT_COMPLIED,	/* the day the council complied with it */
	CPL_ABOUT_N
};

struct cpl_error {
	int code;		/* an enum cpl_status */
	char msg[1024];		/* one line, no trailing newline */
	enum cpl_subject subject;	/* what msg is about */
};

/* Set err to code and the formatted message, about nothing in
 * particular; return code. */
int cpl_fail(struct cpl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, about subject. */
int cpl_fail_about(struct cpl_error *err, int code, enum cpl_subject subject,
    const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* CPL_NOMEM, "out of memory". */
int cpl_nomem(struct cpl_error *err);

#endif
