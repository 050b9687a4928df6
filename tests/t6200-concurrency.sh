#!/bin/sh
# t6200-concurrency.sh: several officers and cron jobs at once (issue 6).
# Eight processes each log 200 cases and acknowledge half of them, all at
# the same time: none fails ("database is locked" or anything else), no
# case is lost or doubled, every reference is distinct. Then eight
# processes open a store that init has only just made. And a long read (a
# report's snapshot) does not hold up an officer's write.
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

test_expect_success 'eight processes log 200 cases each and acknowledge half, at once' '
	cpl init --policy south-staffordshire &&
	for n in 1 2 3 4 5 6 7 8; do
		worker $n &
	done &&
	wait &&
	for n in 1 2 3 4 5 6 7 8; do
		if [ -s "fail.$n" ]; then
			echo "# worker $n:" >&2
			sed "s/^/#   /" "fail.$n" "err.$n" | head -5 >&2
			return 1
		fi
		test ! -s "err.$n" || { sed "s/^/# /" "err.$n" >&2; return 1; }
	done
'

test_expect_success 'exactly 1,600 cases, 1,600 distinct references, 800 acknowledged' '
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases")" = 1600 &&
	test "$(sqlite3 complaints.db "SELECT count(DISTINCT ref) FROM cases")" = 1600 &&
	test "$(sqlite3 complaints.db "SELECT count(DISTINCT external_ref) FROM cases")" = 1600 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM stages WHERE acknowledged IS NOT NULL")" = 800 &&
	test "$(sqlite3 complaints.db "SELECT min(ref) || \" \" || max(ref) FROM cases")" = "SSC-2026-00001 SSC-2026-01600" &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM events WHERE action = '\''logged'\''")" = 1600 &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'eight processes open a store init has only just made' '
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
		test "$(sqlite3 fresh.db "SELECT count(DISTINCT ref) FROM cases")" = 8 ||
		return 1
	done
'

# A report holds one read transaction from its first query to its last:
# meanwhile an officer logs and acknowledges (WAL: readers do not block
# writers), and the reader still sees the store as it was.
test_expect_success 'a long read (one snapshot) does not hold up officers'\'' writes' '
	python3 -c "
import os, sqlite3, subprocess, sys
db = sqlite3.connect(\"complaints.db\", isolation_level=None)
db.execute(\"BEGIN\")
before = db.execute(\"SELECT count(*) FROM cases\").fetchone()[0]
env = dict(os.environ, COMPLAINTS_OFFICER=\"reader-test\")
p = subprocess.run([os.environ[\"COMPLAINTS\"], \"log\", \"--complainant\",
    \"During\", \"--summary\", \"s\", \"--received\", \"2026-06-03\"],
    env=env, capture_output=True, text=True, timeout=25)
assert p.returncode == 0, p.stderr
still = db.execute(\"SELECT count(*) FROM cases\").fetchone()[0]
assert still == before, (before, still)
db.execute(\"COMMIT\")
after = db.execute(\"SELECT count(*) FROM cases\").fetchone()[0]
assert after == before + 1, (before, after)
"
'

test_done
