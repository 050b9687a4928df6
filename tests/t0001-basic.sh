#!/bin/sh
# The smallest round trip: init, log, show.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init creates a database readable by its owner only' '
	cpl init --policy south-staffordshire &&
	test "$(stat -c %a complaints.db)" = 600
'

test_expect_success 'log prints the new reference alone on a line' '
	cpl log --complainant "A Resident" --received 2026-01-09 >out &&
	test "$(cat out)" = SSC-2026-00001
'

test_expect_success 'show gives the stage 1 deadlines' '
	cpl show SSC-2026-00001 --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-01-16 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-01-23
'

test_done
