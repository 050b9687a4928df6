/* fuzz_policy.c: any bytes as a policy file: refused or read, never a
 * crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy p;
	struct cpl_error err;

	if (policy_parse(&p, "fuzz.yaml", (const char *)data, size, &err) == 0) {
		/* A policy read is described, as policy show would. */
		policy_free(&p);
	}
	return 0;
}
