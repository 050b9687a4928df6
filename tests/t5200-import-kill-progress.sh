#!/bin/sh
# t5200-import-kill-progress.sh: an import killed part-way (SIGKILL) leaves
# the store as it was before, sound (issue 5); the progress line appears on
# a terminal and only there.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-31

test_expect_success 'set up: a store with a few cases, and 20,000 rows to import' '
	cpl init --policy psps &&
	for i in 1 2 3; do
		cpl log --complainant "Before $i" --received 2026-03-0$i >/dev/null ||
		return 1
	done &&
	python3 "$SRCDIR/bench/gen-import.py" 20000 7 >big.csv &&
	dump_db >before &&
	# how long the whole import takes here, into a copy of the store
	cp complaints.db timed.db &&
	start=$(date +%s.%N) &&
	cpl --db timed.db import big.csv >/dev/null &&
	echo "$start $(date +%s.%N)" >took
'

# Killed after a random moment, from 5% to 75% of the time the whole import
# took (most of them after it has dropped the indexes it builds again at
# the end), five times over. A run that was killed only after its commit
# (or finished first: a machine busier when timing it) holds every row,
# sound; it is put back as it was, and at least three of the five must
# have been killed before their commit.
test_expect_success 'kill -9 part-way: the store is as it was, and sound' '
	cp complaints.db pristine.db &&
	as_before=0 &&
	for delay in $(python3 -c "
import random
start, end = map(float, open(\"took\").read().split())
r = random.Random(11)
print(\" \".join(\"%.2f\" % (r.uniform(0.05, 0.75) * (end - start))
               for _ in range(5)))"); do
		"$COMPLAINTS" import big.csv >out 2>err &
		pid=$!
		sleep $delay
		kill -9 $pid 2>/dev/null
		wait $pid
		rc=$?
		test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
		dump_db >after || return 1
		if [ $rc -eq 137 ] && cmp -s before after; then
			as_before=$((as_before + 1))
		else
			echo "# at $delay s (exit $rc): committed already" >&2 &&
			test "$(sqlite3 complaints.db "SELECT count(*) FROM cases")" = 20003 &&
			rm -f complaints.db complaints.db-wal complaints.db-shm &&
			cp pristine.db complaints.db || return 1
		fi
	done &&
	test $as_before -ge 3
'

test_expect_success 'after the kills, the whole file imports' '
	cpl import big.csv >out &&
	echo "imported 20000, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases")" = 20003
'

test_expect_success 'no progress line when standard error is not a terminal' '
	rm -f complaints.db* && cpl init --policy psps &&
	cpl import big.csv >out 2>err &&
	test ! -s err
'

# script(1) runs the import on a pseudo-terminal, so its standard error is
# one.
test_expect_success 'on a terminal, a progress line: rows, rows a second, time left; then the writing' '
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	rm -f complaints.db* && cpl init --policy psps &&
	script -qec "\"$COMPLAINTS\" import big.csv" /dev/null >tty.out &&
	grep -q "rows, [0-9]* rows/s, about [0-9]* s left" tty.out &&
	# then, while the rows are committed (and the indexes built)
	grep -q "20000 rows read; writing them to the store" tty.out &&
	grep -q "imported 20000, skipped 0 as duplicates, rejected 0" tty.out
'

test_done
