/* fuzz_calendar.c: any bytes as a calendar file; and when one is read, a
 * deadline over it, which stays inside its years or is refused. */
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar cal;
	struct cpl_error err;
	cpl_date due;

	if (calendar_parse("fuzz.yaml", NULL, (const char *)data, size, &cal,
	    &err) == 0) {
		working_days_after(&cal, cal.first, 20, &due, &err);
		working_days_after(&cal, cal.last - 3, 5, &due, &err);
		calendar_free(&cal);
	}
	return 0;
}
