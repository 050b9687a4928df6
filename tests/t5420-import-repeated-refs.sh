#!/bin/sh
# t5420-import-repeated-refs.sh: an external_ref given twice in one file.
# The same row again (the same values in every column import reads,
# however quoted or ordered) is a duplicate, skipped and counted; another
# row under the same external_ref is a bad row, named FILE:LINE with the
# line of the first, rejected with --skip-bad and failing the import
# without it. An external_ref is matched, and kept, without the spaces
# around it, by log and by import alike; its letters' case matters.
#
# Each test runs in a directory of its own, with its own store.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

setup() {
	fresh_store south-staffordshire
}

test_expect_success 'another row under an external_ref already given is bad, naming both lines (2)' '
	setup &&
	printf "external_ref,complainant,received,summary\nNEW-1,Ann,2026-03-02,x\nNEW-1,Ann,2026-03-02,y\n" >web.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import web.csv >out 2>err &&
	test ! -s out &&
	echo "web.csv:3: external_ref: '\''NEW-1'\'' is on line 2 too, with other values" >expect &&
	echo "complaints: web.csv: 1 bad row: nothing imported" >>expect &&
	test_cmp expect err &&
	dump_db >after && test_cmp before after
'

test_expect_success '--skip-bad: the first row goes in, the other to the reject file' '
	setup &&
	printf "external_ref,complainant,received,summary\nNEW-1,Ann,2026-03-02,x\nNEW-1,Ann,2026-03-02,y\nNEW-2,Bob,2026-03-02,z\n" >web.csv &&
	imports "imported 2, skipped 0 as duplicates, rejected 1 (written to web.csv.rejects)" --skip-bad web.csv &&
	grep -q "^web.csv:3: external_ref: .NEW-1. is on line 2 too, with other values\$" err &&
	sed -n "1p;3p" web.csv >expect && test_cmp expect web.csv.rejects &&
	ref_of NEW-1 >refs && test "$(wc -l <refs)" = 1 &&
	test "$(cpl show "$(cat refs)" --format json | jfield .summary)" = x
'

test_expect_success 'the same row again, however quoted or ordered, is a duplicate; another is not' '
	setup &&
	printf "external_ref,complainant,received,summary\nD-1,Ann,2026-03-02,same\n\"D-1\",\"Ann\",2026-03-02,\"same\"\r\nD-2,Bob,2026-03-02,x\nD-2,Bob,2026-03-03,x\n" >web.csv &&
	test_must_fail 2 cpl import web.csv >out 2>err &&
	grep -q "^web.csv:5: external_ref: .D-2. is on line 4 too, with other values\$" err &&
	test "$(wc -l <err)" = 2 &&
	sed "\$d" web.csv >fixed.csv &&
	imports "imported 2, skipped 1 as duplicates, rejected 0" fixed.csv &&
	# JSON lines: the same keys in another order are the same row
	cat >web.jsonl <<-\EOF &&
	{"external_ref":"J-1","complainant":"Cy","received":"2026-03-02","history":[{"date":"2026-03-02","action":"logged"},{"date":"2026-03-03","action":"acknowledged","officer":"al"}]}
	{"history":[{"action":"logged","date":"2026-03-02"},{"officer":"al","action":"acknowledged","date":"2026-03-03"}],"received":"2026-03-02","complainant":"Cy","external_ref":"J-1"}
	{"external_ref":"J-1","complainant":"Cy","received":"2026-03-02","history":[{"date":"2026-03-02","action":"logged"},{"date":"2026-03-04","action":"acknowledged","officer":"al"}]}
	EOF
	test_must_fail 2 cpl import --format jsonl web.jsonl >out 2>err &&
	grep -q "^web.jsonl:3: external_ref: .J-1. is on line 1 too, with other values\$" err &&
	test "$(wc -l <err)" = 2
'

# Without --skip-bad, a bad row does not end the first pass: the rest of
# the file is read for its faults, and the rows given before the bad one
# are still known.
test_expect_success 'after a bad row, a row repeating an earlier external_ref is still found' '
	setup &&
	printf "external_ref,complainant,received\nR-1,Ann,2026-03-02\nR-2,Bob,2026-02-30\nR-1,Ann,2026-03-03\nR-1,Ann,2026-03-02\n" >web.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import web.csv >out 2>err &&
	grep -q "^web.csv:3: received: .2026-02-30. is not a date" err &&
	grep -q "^web.csv:4: external_ref: .R-1. is on line 2 too, with other values\$" err &&
	tail -1 err | grep -q "^complaints: web.csv: 2 bad rows: nothing imported\$" &&
	test "$(wc -l <err)" = 3 &&
	dump_db >after && test_cmp before after
'

test_expect_success 'spaces around an external_ref: matched and kept without them, by log and import; case matters' '
	setup &&
	ref=$(cpl log --complainant Ann --received 2026-03-02 \
	    --external-ref "  LOG-1 " --summary x) &&
	test "$(cpl show "$ref" --format json | jfield .external_ref)" = LOG-1 &&
	refused 1 "a case with external reference .LOG-1. is already logged" \
	    cpl log --complainant Ann --received 2026-03-02 \
	    --external-ref LOG-1 --summary x &&
	refused 1 "a case with external reference .LOG-1. is already logged" \
	    cpl log --complainant Ann --received 2026-03-02 \
	    --external-ref " LOG-1" --summary x &&
	# in the store: a duplicate, however padded
	printf "external_ref,complainant,received\n\" LOG-1\",Ann,2026-03-02\n" >a.csv &&
	imports "imported 0, skipped 1 as duplicates, rejected 0" a.csv &&
	# in one file: padded or not, one external_ref
	printf "external_ref,complainant,received\n\" P-1 \",Bob,2026-03-02\nP-1,Bob,2026-03-03\n" >b.csv &&
	test_must_fail 2 cpl import b.csv >out 2>err &&
	grep -q "^b.csv:3: external_ref: .P-1. is on line 2 too, with other values\$" err &&
	printf "{\"external_ref\":\"P-2 \",\"complainant\":\"Cy\",\"received\":\"2026-03-02\"}\n" >c.jsonl &&
	cpl import --format jsonl c.jsonl >out &&
	test "$(ref_of P-2 | wc -l)" = 1 &&
	# case matters: WEB-1 and web-1 are two cases
	printf "external_ref,complainant,received\nWEB-1,Ann,2026-03-02\nweb-1,Bob,2026-03-02\n" >d.csv &&
	imports "imported 2, skipped 0 as duplicates, rejected 0" d.csv
'

test_done
