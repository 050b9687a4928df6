/* error.c: filling a struct cpl_error (see error.h). */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static int
fill(struct cpl_error *err, int code, enum cpl_subject subject,
    const char *fmt, va_list ap)
{
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->code = code;
	err->subject = subject;
	return code;
}

int
cpl_fail(struct cpl_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fill(err, code, CPL_ABOUT_NOTHING, fmt, ap);
	va_end(ap);
	return rc;
}

int
cpl_fail_about(struct cpl_error *err, int code, enum cpl_subject subject,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fill(err, code, subject, fmt, ap);
	va_end(ap);
	return rc;
}

int
cpl_nomem(struct cpl_error *err)
{
	return cpl_fail(err, CPL_NOMEM, "out of memory");
}
