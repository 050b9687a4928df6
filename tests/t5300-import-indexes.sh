#!/bin/sh
# t5300-import-indexes.sh: an import that brings more cases than the store
# held drops the indexes only reports and lists read, and builds them again
# before it commits, for speed (man/complaints-import.1). Whatever
# happens to it, the store ends with every index, complete: after a good
# import, a refused one, one with --skip-bad, and one that runs out of disk
# part-way. Every test makes its own store in its own directory.
#
# SQLite-only, the whole file: the indexes dropped and built again are
# SQLite's, read from its schema and checked by its integrity_check.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-31

# The store's schema: every table and index, as SQLite keeps them.
schema() {
	sqlite3 "${1:-complaints.db}" \
	    "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
}

# sound [DB]: the schema is init's, and every index holds every row it
# should (integrity_check compares each index with its table).
sound() {
	schema "$@" >schema.now &&
	test_cmp schema.init schema.now &&
	test "$(sqlite3 "${1:-complaints.db}" "PRAGMA integrity_check")" = ok
}

# rows: 6,000 generated rows to import, rows.csv (made once, copied for
# each test that asks).
make_rows() {
	python3 "$SRCDIR/bench/gen-import.py" 6000 5 >rows.csv
}

# indexed_store: a new store in this test's directory, its schema as init
# made it in schema.init, and rows.csv beside it.
indexed_store() {
	fresh_store psps &&
	schema >schema.init &&
	fixture rows make_rows
}

test_expect_success 'a fresh store has its indexes; 6,000 generated rows' '
	indexed_store &&
	test "$(schema | grep -c "^index|")" -gt 10 &&
	test "$(wc -l <rows.csv)" = 6001
'

test_expect_success 'into an empty store: every index back, complete, and read by the reports' '
	indexed_store &&
	cpl import rows.csv >out &&
	echo "imported 6000, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	sound &&
	# list and report overdue read cases_received and cases_open
	test "$(cpl list --format csv | tail -n +2 | wc -l)" = 6000 &&
	cpl export --format jsonl >cases.jsonl &&
	test "$(cpl list --status open --format csv | tail -n +2 | wc -l)" = \
	    "$(jq -n "[inputs | select(.status == \"open\")] | length" cases.jsonl)"
'

test_expect_success 'a file bigger than the store: indexes dropped part-way, built again' '
	indexed_store &&
	for i in 1 2 3; do
		cpl log --complainant "Before $i" --received 2026-03-0$i >/dev/null ||
		return 1
	done &&
	python3 "$SRCDIR/bench/gen-import.py" 9000 6 OUT >more.csv &&
	cpl import more.csv >out &&
	echo "imported 9000, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	sound &&
	test "$(case_count)" = 9003
'

# bad.csv: rows.csv with a month 13 on line 5900.
write_bad() {
	sed "5900s/,2024-\([0-9][0-9]\)-\([0-9][0-9]\),/,2024-13-\2,/" rows.csv >bad.csv &&
	test_must_fail 1 cmp -s rows.csv bad.csv
}

test_expect_success 'a bad row near the end: nothing imported, every index as it was' '
	indexed_store &&
	write_bad &&
	dump_db >before &&
	test_must_fail 2 cpl import bad.csv >out 2>err &&
	grep -q "^bad.csv:5900: received: " err &&
	dump_db >after &&
	test_cmp before after &&
	sound
'

test_expect_success '--skip-bad: the good rows imported, every index back' '
	indexed_store &&
	write_bad &&
	cpl import --skip-bad --rejects rej.csv bad.csv >out 2>err &&
	echo "imported 5999, skipped 0 as duplicates, rejected 1 (written to rej.csv)" >expect &&
	test_cmp expect out &&
	sound
'

# The file-size limit stands in for a full disk: a write past it fails
# (SIGXFSZ is ignored, so the process sees the error rather than dying of
# it). Set in bytes by prlimit(1), whatever shell runs this (ulimit -f
# counts 512 or 1024 byte blocks). The limits run from too small for the rows (it fails
# writing them out before the indexes are built: the sign that they were
# dropped) to just short of what the whole import needs (it fails at the
# commit), and past it.
limited() {
	(trap "" XFSZ && exec prlimit --fsize="$size:$size" "$@")
}

test_expect_success 'out of disk at any point: exit 3 or all imported, never half' '
	indexed_store &&
	cp complaints.db empty.db &&
	cpl import rows.csv >/dev/null &&
	full=$(stat -c %s complaints.db) &&
	failed=0 && before_indexes=0 &&
	for pct in 20 50 80 90 95 98 99 100 102 105 110 150; do
		rm -f complaints.db* && cp empty.db complaints.db &&
		dump_db >before &&
		size=$(( full * pct / 100 )) &&
		rc=0 &&
		limited "$COMPLAINTS" import rows.csv >out 2>err || rc=$? &&
		if [ $rc -eq 0 ]; then
			echo "imported 6000, skipped 0 as duplicates, rejected 0" >expect &&
			test_cmp expect out &&
			test "$(case_count)" = 6000 ||
			return 1
		else
			failed=$((failed + 1)) &&
			test $rc -eq 3 &&
			# the rows'\'' warnings aside (a complainant with two
			# cases about a service), the one error
			{ grep -v "^rows.csv:[0-9]*: warning: " err >errors || true; } &&
			one_line_error errors "nothing was changed" &&
			if grep -q "before building the indexes" errors; then
				before_indexes=$((before_indexes + 1))
			fi &&
			dump_db >after &&
			test_cmp before after || return 1
		fi &&
		sound || return 1
	done &&
	# the smaller limits failed, the larger did not; some while the
	# rows were written out for the indexes to be built
	test $failed -gt 3 && test $failed -lt 12 && test $before_indexes -gt 0
'

test_done
