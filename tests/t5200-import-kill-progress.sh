#!/bin/sh
# t5200-import-kill-progress.sh: an import killed part-way (SIGKILL) leaves
# the store as it was before, sound (man/complaints-import.1); the progress
# line appears on a terminal and only there. Every test makes its own store
# in its own directory; the 20,000 rows to import are made once.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-31

# rows: 20,000 rows to import, big.csv (made once, copied for each test).
make_rows() {
	python3 "$SRCDIR/bench/gen-import.py" 20000 7 >big.csv
}

# three_cases: a new store in this test's directory with three cases
# logged, and big.csv beside it.
three_cases() {
	fresh_store psps &&
	for i in 1 2 3; do
		cpl log --complainant "Before $i" --received 2026-03-0$i >/dev/null ||
		return 1
	done &&
	fixture rows make_rows
}

# kill_part_way N: import big.csv through a FIFO, given the header and the
# first N rows of it, and kill the import (SIGKILL) once they are written.
# The end of the file never comes, so it is killed before it can commit,
# however fast or slow this machine; by then it has taken in all but what
# the pipe and its own buffer hold (128 KiB, some 800 rows). Its exit
# status in $rc.
kill_part_way() {
	rm -f rows.fifo && mkfifo rows.fifo || return 1
	"$COMPLAINTS" import rows.fifo >out 2>err &
	pid=$!
	# read and write: opening never waits for the reader, and the reader
	# sees no end of file while this shell holds it
	exec 3<>rows.fifo
	# (were the import to die, nothing would read: the limit is a safety
	# net, no guess at a duration)
	timeout 120 head -n $(($1 + 1)) big.csv >&3
	kill -9 $pid 2>/dev/null
	wait $pid
	rc=$?
	exec 3>&-
}

test_expect_success 'a store with a few cases, and 20,000 rows to import' '
	three_cases &&
	test "$(case_count)" = 3 &&
	test "$(wc -l <big.csv)" = 20001
'

# Killed after 1,500 rows (before the import drops the indexes it builds
# again at the end, at 4,096), then after 5,000, 8,000, 13,000 and all but
# the last of the 20,000 (after it): each time the store is as it was, and
# sound.
#
# SQLite-only: PRAGMA integrity_check, SQLite's own check of the file.
test_expect_success 'kill -9 part-way: the store is as it was, and sound' '
	three_cases &&
	dump_db >before &&
	for rows in 1500 5000 8000 13000 19999; do
		kill_part_way $rows &&
		test $rc -eq 137 &&
		test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
		dump_db >after &&
		test_cmp before after || {
			echo "# killed after $rows rows (exit $rc)" >&2
			return 1
		}
	done
'

test_expect_success 'after a kill, the whole file imports' '
	three_cases &&
	kill_part_way 8000 && test $rc -eq 137 &&
	cpl import big.csv >out &&
	echo "imported 20000, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	test "$(case_count)" = 20003
'

test_expect_success 'no progress line when standard error is not a terminal' '
	fresh_store psps && fixture rows make_rows &&
	cpl import big.csv >out 2>err &&
	# nothing but the rows'\'' warnings (a complainant with two cases
	# about a service)
	test "$(grep -vc "^big.csv:[0-9]*: warning: " err)" = 0
'

# script(1) runs the import on a pseudo-terminal, so its standard error is
# one. The line comes at most every quarter second, the first a quarter
# second after the import starts: so that it comes however fast this
# machine imports, another process holds the store's write lock when the
# import starts, and lets go once the import says (after a second) that it
# is waiting for it.
#
# SQLite-only: the other process is a sqlite3 shell (hold_write).
test_expect_success 'on a terminal, a progress line: rows, rows a second, time left; then the writing' '
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	fresh_store psps && fixture rows make_rows && hold_write || return 1
	script -qec "\"$COMPLAINTS\" import big.csv" /dev/null >tty.out 3>&- &
	importer=$!
	wait_for grep -q "waiting for" tty.out
	st=$?
	let_go
	wait $importer &&
	test $st = 0 &&
	grep -q "rows, [0-9]* rows/s, about [0-9]* s left" tty.out &&
	# then, while the rows are committed (and the indexes built)
	grep -q "20000 rows read; writing them to the store" tty.out &&
	grep -q "imported 20000, skipped 0 as duplicates, rejected 0" tty.out
'

test_done
