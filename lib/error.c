/* error.c: filling a struct cpl_error (see error.h). */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int
cpl_fail(struct cpl_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->code = code;
	return code;
}
