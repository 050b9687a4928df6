#!/bin/sh
# t6200-concurrency.sh: several officers and cron jobs at once (README:
# Store). Eight processes each log 200 cases and acknowledge half of them,
# all at the same time: none fails ("database is locked" or anything
# else), no case is lost or doubled, every reference is distinct. Then
# eight processes open a store that init has only just made. And a long
# read (a report's snapshot) does not hold up an officer's write. Every
# test works in a directory of its own; the eight officers' work is done
# once, and its outcome copied for each test that checks it.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# worker N: log 200 cases, acknowledging every other one just after.
worker() {
	n=$1
	i=0
	while [ $i -lt 200 ]; do
		ref=$("$COMPLAINTS" --officer "w$n" log --complainant "W$n-$i" \
		    --summary s --received 2026-06-01 --external-ref "W$n-$i" \
		    </dev/null 2>>"err.$n") || { echo "log $i: $?" >>"fail.$n"; }
		if [ $((i % 2)) -eq 0 ] && [ -n "$ref" ]; then
			"$COMPLAINTS" --officer "w$n" ack "$ref" --date 2026-06-02 \
			    2>>"err.$n" || echo "ack $i: $?" >>"fail.$n"
		fi
		i=$((i + 1))
	done
}

# eight_officers: a store, and the eight workers' work in it, each one's
# failures in fail.N and its messages in err.N.
eight_officers() {
	cpl init --policy south-staffordshire &&
	for n in 1 2 3 4 5 6 7 8; do
		: >"fail.$n" && : >"err.$n" || return 1
		worker $n &
	done &&
	wait
}

test_expect_success 'eight processes log 200 cases each and acknowledge half, at once' '
	test_dir && fixture eight eight_officers &&
	for n in 1 2 3 4 5 6 7 8; do
		if [ -s "fail.$n" ]; then
			echo "# worker $n:" >&2
			sed "s/^/#   /" "fail.$n" "err.$n" | head -5 >&2
			return 1
		fi
		test ! -s "err.$n" || { sed "s/^/# /" "err.$n" >&2; return 1; }
	done
'

# Cases, distinct references and external references, cases acknowledged,
# the first and last reference, and "logged" events, as export gives them.
#
# SQLite-only: PRAGMA integrity_check, SQLite's own check of the file.
test_expect_success 'exactly 1,600 cases, 1,600 distinct references, 800 acknowledged' '
	test_dir && fixture eight eight_officers &&
	cpl export --include-history --format jsonl >cases.jsonl &&
	jq -s -r "[length, (map(.ref) | unique | length),
	    (map(.external_ref) | unique | length),
	    (map(select(.acknowledged != null)) | length),
	    (map(.ref) | min), (map(.ref) | max),
	    ([.[].history[] | select(.action == \"logged\")] | length)] |
	    map(tostring) | join(\" \")" cases.jsonl >got &&
	echo "1600 1600 1600 800 SSC-2026-00001 SSC-2026-01600 1600" >want &&
	test_cmp want got &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'eight processes open a store init has only just made' '
	test_dir &&
	for round in 1 2 3; do
		rm -f fresh.db fresh.db-wal fresh.db-shm &&
		cpl --db fresh.db init --policy psps || return 1
		for n in 1 2 3 4 5 6 7 8; do
			( "$COMPLAINTS" --db fresh.db --officer "f$n" log \
			    --complainant "F$n" --summary s </dev/null \
			    >"fresh.$n" 2>"ferr.$n"; echo $? >"frc.$n" ) &
		done
		wait
		for n in 1 2 3 4 5 6 7 8; do
			test "$(cat "frc.$n")" = 0 ||
			{ sed "s/^/# /" "ferr.$n" >&2; return 1; }
		done
		cpl --db fresh.db export --format jsonl >fresh.jsonl &&
		test "$(jq -s "map(.ref) | unique | length" fresh.jsonl)" = 8 ||
		return 1
	done
'

# A report holds one read transaction from its first query to its last:
# meanwhile an officer logs (WAL: readers do not block writers), at once
# (COMPLAINTS_WAIT=0: the log may not wait for any lock), and the reader
# still sees the store as it was.
#
# SQLite-only: the reader is a sqlite3 shell (hold_read).
#
# count NAME: the reader's count of cases, printed under the word NAME.
count() {
	echo "SELECT '$1|' || count(*) FROM cases;" >&3 &&
	wait_for grep -q "^$1|" hold.out &&
	sed -n "s/^$1|//p" hold.out
}

test_expect_success 'a long read (one snapshot) does not hold up officers'\'' writes' '
	fresh_store &&
	cpl log --complainant Before --summary s --received 2026-06-02 >/dev/null &&
	hold_read || return 1
	before=$(count before) &&
	COMPLAINTS_WAIT=0 COMPLAINTS_OFFICER=reader-test "$COMPLAINTS" log \
	    --complainant During --summary s --received 2026-06-03 >out 2>err &&
	still=$(count still) &&
	echo "COMMIT;" >&3 &&
	after=$(count after)
	st=$?
	let_go
	test $st = 0 &&
	test ! -s err &&
	test "$before" = 1 && test "$still" = 1 && test "$after" = 2
'

test_done
