#!/bin/sh
# t9350-import-marks.sh: what the first pass of an import finds of each
# row (bad, the same row as an earlier line, a case the store holds) is
# what the second pass does with it, in runs of such rows among good ones
# and rows over more than one line: each counted once, the good rows
# written once, the bad ones left out.
#
# Each test runs in a directory of its own, with its own store.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# A store holding S-1, and a file of runs: S-1 again (the store's), S-1 and
# N-1 again (the file's), a bad row, good rows between.
setup() {
	fresh_store south-staffordshire &&
	printf "external_ref,complainant,received,summary\nS-1,Ann,2026-03-02,x\n" >first.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" first.csv &&
	cat >web.csv <<-\EOF
	external_ref,complainant,received,summary
	S-1,Ann,2026-03-02,x
	S-1,Ann,2026-03-02,x
	N-1,Bob,2026-03-02,"two
	lines"
	N-1,Bob,2026-03-02,"two
	lines"
	B-1,Cy,2026-02-30,x
	N-2,Di,2026-03-03,y
	S-1,Ann,2026-03-02,x
	N-1,Bob,2026-03-02,"two
	lines"
	N-3,Ed,2026-03-04,z
	EOF
}

test_expect_success 'runs of duplicates and a bad row among good rows: each row counted once (--skip-bad)' '
	setup &&
	imports "imported 3, skipped 5 as duplicates, rejected 1 (written to web.csv.rejects)" --skip-bad web.csv &&
	grep -q "^web.csv:8: received: .2026-02-30. is not a date" err &&
	sed -n "1p;8p" web.csv >expect && test_cmp expect web.csv.rejects &&
	for x in S-1 N-1 N-2 N-3; do
		ref_of "$x" >refs && test "$(wc -l <refs)" = 1 || return 1
	done &&
	test -z "$(ref_of B-1)" &&
	test "$(cpl show "$(ref_of N-1)" --format json | jfield .summary)" = "two
lines" &&
	test "$(cpl show "$(ref_of N-3)" --format json | jfield .summary)" = z
'

test_expect_success 'the same file again: every row a duplicate or bad, nothing written' '
	setup &&
	imports "imported 3, skipped 5 as duplicates, rejected 1 (written to web.csv.rejects)" --skip-bad web.csv &&
	dump_db >before &&
	imports "imported 0, skipped 8 as duplicates, rejected 1 (written to web.csv.rejects)" --skip-bad web.csv &&
	dump_db >after && test_cmp before after
'

test_expect_success 'without --skip-bad the bad row fails the file, nothing written' '
	setup &&
	dump_db >before &&
	test_must_fail 2 cpl import web.csv >out 2>err &&
	echo "web.csv:8: received: '\''2026-02-30'\'' is not a date (YYYY-MM-DD)" >expect &&
	echo "complaints: web.csv: 1 bad row: nothing imported" >>expect &&
	test_cmp expect err && test ! -s out &&
	dump_db >after && test_cmp before after
'

test_done
