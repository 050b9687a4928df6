#!/bin/sh
# t5410-import-long-rows.sh: a bad row longer than the 1 MiB a row may
# hold goes to the reject file of import --skip-bad exactly as it was
# (copied from the file, read again), never cut short: the reject file can
# always be imported again. A row too long to keep (over 64 MiB, or from a
# pipe, which can't be read again) is named and left out of it, and the
# last line says how many were.
#
# Each test runs in a directory of its own, with its own store.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

setup() {
	fresh_store south-staffordshire
}

# long_csv FILE BYTES: a header; line 2 a row of about BYTES whose quoted
# summary holds line breaks, commas and doubled quotes all along (cut
# anywhere, it would be cut inside its quotes), a line of 24 bytes after
# another; then a good row and a row with a bad date. Its line 2 alone
# goes to FILE.row.
long_csv() {
	{
		printf "%s" "LONG-1,Ann,2026-03-02,\"" &&
		yes "a line, with \"\"quotes\"\"" | head -n $(($2 / 24)) &&
		printf "%s\n" "end\""
	} >"$1.row" &&
	{
		echo "external_ref,complainant,received,summary" &&
		cat "$1.row" &&
		printf "%s\n" "OK-1,Bob,2026-03-02,fine" "BAD-1,Cy,2026-02-30,bad date"
	} >"$1"
}

test_expect_success 'a bad row of 2 MiB goes to the reject file whole, and imports again as it was' '
	setup &&
	long_csv long.csv 2097152 &&
	imports "imported 1, skipped 0 as duplicates, rejected 2 (written to long.csv.rejects)" --skip-bad long.csv &&
	grep -q "^long.csv:2: row: longer than 1048576 bytes\$" err &&
	grep -q "^long.csv:[0-9]*: received: .2026-02-30. is not a date" err &&
	test "$(wc -l <err)" = 2 &&
	# the header, the long row byte for byte, the row with the bad date
	{ head -1 long.csv && cat long.csv.row && tail -1 long.csv; } >expect &&
	cmp expect long.csv.rejects &&
	# imported again: the same two rows are bad for the same reasons
	# (a row cut inside its quotes would swallow the one after it)
	test_must_fail 2 cpl import long.csv.rejects >out 2>err &&
	grep -q "^long.csv.rejects:2: row: longer than 1048576 bytes\$" err &&
	grep -q "^long.csv.rejects:[0-9]*: received: .2026-02-30. is not a date" err &&
	tail -1 err | grep -q "^complaints: long.csv.rejects: 2 bad rows: nothing imported\$"
'

test_expect_success 'standard input from a file, read from part-way: the long row is copied all the same' '
	setup &&
	long_csv long.csv 2097152 &&
	{ echo "a line before the import reads" && cat long.csv; } >with-junk &&
	{ read -r junk && cpl import --skip-bad --rejects stdin.rejects - \
	    >out 2>err; } <with-junk &&
	test "$(cat out)" = "imported 1, skipped 0 as duplicates, rejected 2 (written to stdin.rejects)" &&
	{ head -1 long.csv && cat long.csv.row && tail -1 long.csv; } >expect &&
	cmp expect stdin.rejects
'

test_expect_success 'JSON lines: a bad line of 2 MiB goes to the reject file whole' '
	setup &&
	{
		printf "%s" "{\"external_ref\": \"J-1\", \"complainant\": \"Ann\", \"received\": \"2026-03-02\", \"summary\": \"" &&
		head -c 2097152 /dev/zero | tr "\\000" x &&
		printf "%s\n" "\"}"
	} >expect &&
	jq -e ".summary | length == 2097152" expect >/dev/null &&
	{
		cat expect &&
		echo "{\"external_ref\": \"J-2\", \"complainant\": \"Bob\", \"received\": \"2026-03-02\"}"
	} >long.jsonl &&
	imports "imported 1, skipped 0 as duplicates, rejected 1 (written to long.jsonl.rejects)" --format jsonl --skip-bad long.jsonl &&
	grep -q "^long.jsonl:1: row: longer than 1048576 bytes\$" err &&
	cmp expect long.jsonl.rejects
'

test_expect_success 'a row over 64 MiB is named and left out of the reject file, which stays whole' '
	setup &&
	long_csv huge.csv 67200000 &&
	size=$(wc -c <huge.csv.row) &&
	imports "imported 1, skipped 0 as duplicates, rejected 2 (written to huge.csv.rejects; 1 too long for the reject file, left out)" --skip-bad huge.csv &&
	grep -q "^huge.csv:2: row: longer than 1048576 bytes\$" err &&
	grep -q "^huge.csv:2: row: $size bytes, too long to keep in the reject file (64 MiB at most): correct it in huge.csv\$" err &&
	{ head -1 huge.csv && tail -1 huge.csv; } >expect &&
	test_cmp expect huge.csv.rejects
'

test_expect_success 'from a pipe, a row over 1 MiB is named and left out of the reject file' '
	setup &&
	long_csv long.csv 2097152 &&
	size=$(wc -c <long.csv.row) &&
	cat long.csv | cpl import --skip-bad --rejects pipe.rejects - >out 2>err &&
	test "$(cat out)" = "imported 1, skipped 0 as duplicates, rejected 2 (written to pipe.rejects; 1 too long for the reject file, left out)" &&
	grep -q "^<stdin>:2: row: $size bytes, too long to keep in the reject file from a pipe (1048576 bytes at most): correct it at its source\$" err &&
	{ head -1 long.csv && tail -1 long.csv; } >expect &&
	test_cmp expect pipe.rejects &&
	# the long row the only bad one: no reject file at all
	sed "\$d" long.csv | cpl import --skip-bad --rejects none.rejects - \
	    >out 2>err &&
	test "$(cat out)" = "imported 0, skipped 1 as duplicates, rejected 1 (1 too long for the reject file, left out)" &&
	test ! -e none.rejects
'

test_done
