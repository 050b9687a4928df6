#!/bin/sh
# The smallest round trip: init, log, show.
. "$(dirname "$0")/lib.sh"

sqlite_only "the mode of the store file" \
    'init creates a database readable by its owner only' '
	fresh_store && test "$(stat -c %a complaints.db)" = 600
'

test_on fresh_store 'log prints the new reference alone on a line' '
	cpl log --complainant "A Resident" --received 2026-01-09 >out &&
	test "$(cat out)" = SSC-2026-00001
'

test_on fresh_store 'show gives the stage 1 deadlines' '
	cpl log --complainant "A Resident" --received 2026-01-09 >/dev/null &&
	cpl show SSC-2026-00001 --format json >case.json &&
	json_is case.json ".stages[0].ack_due=2026-01-16" \
	    ".stages[0].response_due=2026-01-23"
'

test_done
