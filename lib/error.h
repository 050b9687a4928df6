/*
 * error.h: how lib/ reports failure.
 *
 * lib/ never prints and never exits. A function that can fail takes a
 * struct cpl_error, fills it with a status and one line of text (lowercase
 * first word, no full stop, the thing named in quotes) and returns the status;
 * main reports it once as "complaints: <message>" and exits with the status.
 * The statuses are the exit statuses of SPEC section 2: every one but
 * CPL_INCOMPLETE means that nothing was changed.
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
};

struct cpl_error {
	int code;		/* an enum cpl_status */
	char msg[1024];		/* one line, no trailing newline */
};

/* Set err to code and the formatted message; return code. */
int cpl_fail(struct cpl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
