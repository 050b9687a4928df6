/* fuzz_csv.c: any bytes as a CSV file for import, read record by record
 * to the end, every field looked at. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	struct cpl_error err;
	FILE *f;
	size_t total = 0;
	int rc, records = 0;

	if (size == 0 || (f = fmemopen((void *)data, size, "rb")) == NULL)
		return 0;
	csv_init(&r, f);
	/* An error is about one record: reading goes on, as import does. */
	while ((rc = csv_next(&r, &err)) != 0 && records++ < 100000) {
		/* Where the record is in the input (for a reject file's copy
		 * of a record too long to keep): its bytes are the ones kept. */
		if (r.raw_len > 0 && (r.rec_offset < 0 ||
		    (size_t)r.rec_offset + (size_t)r.rec_size > size ||
		    (size_t)r.rec_size < r.raw_len ||
		    (r.raw_len <= CSV_MAX_RECORD &&
		    ((size_t)r.rec_size != r.raw_len ||
		    memcmp(data + r.rec_offset, r.raw, r.raw_len) != 0))))
			__builtin_trap();
		if (rc != 1)
			continue;
		for (int i = 0; i < r.n_fields; i++)
			total += strlen(csv_field(&r, i));
		if (r.raw_len > size + 3)
			__builtin_trap();	/* more bytes than were read */
	}
	(void)total;
	csv_free(&r);
	fclose(f);
	return 0;
}
