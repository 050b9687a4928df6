#!/bin/sh
# t0002-demo.sh: the README's first command ends with examples/demo.sh;
# it must run, on its own scratch database, and show the deadlines right.
. "$(dirname "$0")/lib.sh"

# South Staffordshire (seed 001 §5, as south-staffordshire.yaml cites it):
# received Fri 9 Jan 2026, stage 1 acknowledgement 5 wd later
# (Mon 12 .. Fri 16 Jan), response 10 wd from receipt (Fri 23 Jan).
# Stage 2 asked for Mon 2 Feb: acknowledgement 5 wd (Tue 3 .. Mon 9 Feb),
# response 20 wd (Mon 2 Mar), extended by 5 wd (Tue 3 .. Mon 9 Mar).
test_expect_success 'examples/demo.sh runs and shows the deadlines worked out by hand' '
	test_dir &&
	COMPLAINTS="$COMPLAINTS" sh "$SRCDIR/examples/demo.sh" >out 2>err &&
	test ! -s err &&
	grep -q "^  acknowledge     due 2026-01-16  done 2026-01-12\$" out &&
	grep -q "^  respond         due 2026-01-23  done 2026-01-21 (partly-upheld)\$" out &&
	grep -q "^  acknowledge     due 2026-02-09  done 2026-02-04\$" out &&
	grep -q "^  respond         due 2026-03-09  done 2026-03-06 (upheld)\$" out &&
	grep -q "^SSC-2026-00001  *closed  *none  " out &&
	grep -q "^SSC-2026-00002  *compliment  *acknowledge  " out
'

test_expect_success 'the demonstration leaves nothing behind in the working directory' '
	test_dir &&
	COMPLAINTS="$COMPLAINTS" sh "$SRCDIR/examples/demo.sh" >../demo.out 2>&1 &&
	test -z "$(ls -A)"
'

test_done
