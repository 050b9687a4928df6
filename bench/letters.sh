#!/usr/bin/env bash
# bench/letters.sh: does writing a letter cost about what the commands
# beside it cost?
#
#   - BENCH_N `letter REF acknowledgement --sent` calls (each one process
#     and one durable commit: the acknowledgement and the letter kept)
#     against BENCH_N `log` calls, in the same run, on one store;
#   - BENCH_N `letter REF response` calls (a read, the template filled)
#     against BENCH_N `show REF` calls.
#
# Prints each pair's seconds and their ratio (targets: within 1.5x). A
# benchmark, not a test: it exits 0 whatever the figures; 1 when a
# command fails.
#
# Environment:
#   COMPLAINTS  the binary (default: build/complaints in the source tree)
#   BENCH_N     calls of each kind (default: 1000)
#   TMPDIR      where the scratch directory goes (default /tmp)
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
N=${BENCH_N:-1000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-letters.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export COMPLAINTS_POLICIES="$SRCDIR/policies" COMPLAINTS_OFFICER=bench
export COMPLAINTS_TODAY=2026-03-02 COMPLAINTS_DB="$dir/complaints.db"
cpl() { "$COMPLAINTS" "$@"; }

cpl init --policy south-staffordshire >/dev/null
now() { date +%s.%N; }

t0=$(now)
for i in $(seq "$N"); do
	cpl log --complainant "Person $i" --service Waste --summary "Bin $i" \
	    --received 2026-03-02 >>refs
done
t1=$(now)
while read -r r; do
	cpl letter "$r" acknowledgement --sent --via email >/dev/null
done <refs
t2=$(now)
head -n 1 refs >one
r=$(cat one)
cpl respond "$r" --outcome upheld --remedy Apology >/dev/null
t3=$(now)
for i in $(seq "$N"); do cpl show "$r" >/dev/null; done
t4=$(now)
for i in $(seq "$N"); do cpl letter "$r" response >/dev/null; done
t5=$(now)

awk -v n="$N" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" \
    -v t4="$t4" -v t5="$t5" 'BEGIN {
	printf "%d log: %.2f s; %d letter --sent: %.2f s; ratio %.2f (target 1.5)\n",
	    n, t1 - t0, n, t2 - t1, (t2 - t1) / (t1 - t0)
	printf "%d show: %.2f s; %d letter: %.2f s; ratio %.2f (target 1.5)\n",
	    n, t4 - t3, n, t5 - t4, (t5 - t4) / (t4 - t3)
}'
