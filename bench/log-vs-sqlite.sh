#!/usr/bin/env bash
# bench/log-vs-sqlite.sh: how much does "complaints log" cost over the
# floor of one process that opens the database and commits one row?
#
#   (a) N "complaints log" calls, each its own process, into a fresh
#       database made by "complaints init --policy south-staffordshire";
#   (b) N single-row INSERTs into an equivalent cases table, each by its
#       own sqlite3 command-line shell, with the pragmas complaints sets on
#       every open (lib/store.c: journal_mode = WAL, synchronous = FULL,
#       foreign_keys = ON), so both pay a process start and a durable commit.
#
# Prints both wall-clock times, the ratio complaints/sqlite3 and the target
# (ratio <= 1.5). A benchmark, not a test: it exits 0 whatever the ratio,
# and non-zero only when a command fails.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints in the source tree)
#   COMPLAINTS_POLICIES  the policies (default: the source tree's policies/)
#   SQLITE3              the sqlite3 shell (default: sqlite3)
#   BENCH_N              how many of each (default: 1000)
#   TMPDIR               where the scratch databases go (default /tmp); put it
#                        on the file system you care about: fsync costs differ

set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
export COMPLAINTS_POLICIES=${COMPLAINTS_POLICIES:-$SRCDIR/policies}
SQLITE3=${SQLITE3:-sqlite3}
N=${BENCH_N:-1000}
TARGET=1.5

# A fixed "today", officer and database: nothing from the caller's setting.
export COMPLAINTS_TODAY=2026-03-02
export COMPLAINTS_OFFICER=bench
unset COMPLAINTS_DB

case $N in
'' | *[!0-9]* | 0) echo "BENCH_N must be a positive number" >&2; exit 2 ;;
esac
if [ ! -x "$COMPLAINTS" ]; then
	echo "no complaints binary at $COMPLAINTS (build it, or set COMPLAINTS)" >&2
	exit 2
fi
if ! command -v "$SQLITE3" >/dev/null 2>&1; then
	echo "no sqlite3 shell ($SQLITE3): apt-get install sqlite3" >&2
	exit 2
fi
COMPLAINTS=$(cd "$(dirname "$COMPLAINTS")" && pwd)/$(basename "$COMPLAINTS")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/complaints-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
cdb=$tmp/complaints.db
sdb=$tmp/sqlite.db

# The clock: bash 5's EPOCHREALTIME, read in place (no process started),
# as microseconds: ${EPOCHREALTIME/[.,]/}.
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "this benchmark needs bash 5 or later (EPOCHREALTIME)" >&2
	exit 2
fi

# --- the two databases ---------------------------------------------------

"$COMPLAINTS" --db "$cdb" init --policy south-staffordshire </dev/null

# (b)'s database: the same schema, taken from the fresh complaints database
# before anything is logged (but SQLite's own tables: the planner's
# statistics), and the policy row a case refers to.
"$SQLITE3" -batch -bail "$cdb" ".schema --nosys" | "$SQLITE3" -batch -bail "$sdb"
"$SQLITE3" -batch -bail "$sdb" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
INSERT INTO policy_versions(id, policy, body, added)
  VALUES (1, 'south-staffordshire',
          readfile('$COMPLAINTS_POLICIES/south-staffordshire.yaml'),
          '2026-03-02T00:00:00Z');
EOF

echo "complaints: $COMPLAINTS"
echo "sqlite3:    $(command -v "$SQLITE3") ($("$SQLITE3" -version | cut -d' ' -f1))"
echo "scratch:    $tmp ($(df -PT "$tmp" | awk 'NR == 2 { print $2 }'))"
echo "runs:       $N of each, interleaved"
echo

# The two run interleaved, call by call (the order alternating), each call
# timed on its own: the disk's fsync latency drifts over a run, and timing
# (a) then (b) would charge the drift to whichever ran in the slow spell.

log_one() {
	"$COMPLAINTS" --db "$cdb" log --complainant "Resident $1" \
	    --service Waste --channel email \
	    --summary "Bin not collected on the usual day (bench $1)" \
	    --received 2026-01-05 </dev/null >/dev/null
}

insert_one() {
	local ref
	printf -v ref 'SSC-2026-%05d' "$1"
	"$SQLITE3" -batch -bail -init /dev/null "$sdb" \
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
	     PRAGMA foreign_keys = ON;
	     INSERT INTO cases(ref, policy, policy_version, kind, anonymous,
	       complainant, consent, channel, service, summary, received,
	       logged_by)
	     VALUES ('$ref', 'south-staffordshire', 1, 'complaint', 0,
	       'Resident $1', 0, 'email', 'Waste',
	       'Bin not collected on the usual day (bench $1)', '2026-01-05',
	       'bench');" </dev/null >/dev/null
}

us_cpl=0
us_sql=0
i=1
while [ "$i" -le "$N" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		t0=${EPOCHREALTIME/[.,]/}; log_one "$i"; t1=${EPOCHREALTIME/[.,]/}; insert_one "$i"; t2=${EPOCHREALTIME/[.,]/}
		us_cpl=$((us_cpl + t1 - t0))
		us_sql=$((us_sql + t2 - t1))
	else
		t0=${EPOCHREALTIME/[.,]/}; insert_one "$i"; t1=${EPOCHREALTIME/[.,]/}; log_one "$i"; t2=${EPOCHREALTIME/[.,]/}
		us_sql=$((us_sql + t1 - t0))
		us_cpl=$((us_cpl + t2 - t1))
	fi
	i=$((i + 1))
done
t_cpl=$(awk -v u="$us_cpl" 'BEGIN { printf "%.3f", u / 1e6 }')
t_sql=$(awk -v u="$us_sql" 'BEGIN { printf "%.3f", u / 1e6 }')

# --- both did what they were asked ----------------------------------------

got_c=$("$SQLITE3" -batch "$cdb" "SELECT count(*) FROM cases")
got_s=$("$SQLITE3" -batch "$sdb" "SELECT count(*) FROM cases")
if [ "$got_c" -ne "$N" ] || [ "$got_s" -ne "$N" ]; then
	echo "expected $N cases in each database; complaints has $got_c," \
	    "sqlite3 has $got_s" >&2
	exit 1
fi

awk -v c="$t_cpl" -v s="$t_sql" -v n="$N" -v target="$TARGET" 'BEGIN {
	r = c / s
	printf "complaints log:  %8.3f s  (%.2f ms a call)\n", c, 1000 * c / n
	printf "sqlite3 INSERT:  %8.3f s  (%.2f ms a call)\n", s, 1000 * s / n
	printf "ratio complaints/sqlite3: %.2f  (target <= %.1f: %s)\n", r,
	    target, r <= target ? "met" : "NOT met"
}'
