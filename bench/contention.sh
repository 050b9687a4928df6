#!/usr/bin/env bash
# bench/contention.sh: do officers' commands wait, or fail, while a big
# import holds the store?
#
#   - a store of BENCH_BASE generated cases (bench/gen-import.py), copied
#     twice so both runs below start from the same file;
#   - (a) alone: complaints import of BENCH_ROWS new generated cases into
#     the first copy, timed;
#   - (b) under load: BENCH_PROCS officers, each its own loop of
#     log, ack, respond and report overdue (one process a command, as an
#     officer's shell runs them), for BENCH_SECONDS on the second copy,
#     and BENCH_DELAY seconds in, the same import, timed.
#
# Prints the commands that failed (target: none), the officers' commands
# by kind with the median, the 99th percentile and the longest time a
# command took (start to exit: its wait for the store included), the same
# for the commands that ran while the import did, and the import's time
# under load against alone. The machine's load average before and after
# is printed too: on a shared machine, other work slows both runs.
# A benchmark, not a test: it exits 0 whatever the figures; 1 when the
# setup fails or an import does not take every row.
#
# Environment:
#   COMPLAINTS      the binary (default: build/complaints in the source tree)
#   BENCH_SECONDS   how long the officers work (default: 60)
#   BENCH_ROWS      the rows of the import (default: 100000)
#   BENCH_BASE      the cases in the store before (default: 100000)
#   BENCH_PROCS     how many officers at once (default: 32)
#   BENCH_DELAY     seconds of officers' work before the import starts
#                   (default: 5)
#   TMPDIR          where the scratch directory goes (default /tmp)
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
SECONDS_=${BENCH_SECONDS:-60}
ROWS=${BENCH_ROWS:-100000}
BASE=${BENCH_BASE:-100000}
PROCS=${BENCH_PROCS:-32}
DELAY=${BENCH_DELAY:-5}
export COMPLAINTS_POLICIES=$SRCDIR/policies
export COMPLAINTS_OFFICER=bench
export COMPLAINTS_TODAY=2026-12-31	# after every generated date
unset COMPLAINTS_DB COMPLAINTS_WAIT

for v in "$SECONDS_" "$ROWS" "$PROCS" "$DELAY" "$BASE"; do
	case $v in
	'' | *[!0-9]*) echo "bench: BENCH_* must be whole numbers" >&2; exit 2 ;;
	esac
done
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "bench: needs bash 5 or later (EPOCHREALTIME)" >&2
	exit 2
fi
if [ ! -x "$COMPLAINTS" ]; then
	echo "bench: no complaints binary at $COMPLAINTS (build it, or set" \
	    "COMPLAINTS)" >&2
	exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/complaints-contention.XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 1' HUP INT TERM

# The clock, in microseconds, read in place (no process started).
now_us() {
	local t=${EPOCHREALTIME/[.,]/}
	echo "$t"
}

echo "complaints: $COMPLAINTS"
echo "officers:   $PROCS for ${SECONDS_} s; the import of $ROWS rows" \
    "starts ${DELAY} s in, into a store of $BASE cases"
echo "machine:    $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
    "before"

python3 "$SRCDIR/bench/gen-import.py" "$BASE" 2 BASE >"$dir/base.csv"
python3 "$SRCDIR/bench/gen-import.py" "$ROWS" 1 IMP >"$dir/import.csv"
"$COMPLAINTS" --db "$dir/seed.db" init --policy south-staffordshire
if [ "$BASE" -gt 0 ]; then
	"$COMPLAINTS" --db "$dir/seed.db" import "$dir/base.csv" >/dev/null
fi
cp "$dir/seed.db" "$dir/alone.db"
cp "$dir/seed.db" "$dir/load.db"
rm "$dir/seed.db"

# run_import DB OUT: the import, its time in seconds appended to OUT.
run_import() {
	local t0 t1
	t0=$(now_us)
	"$COMPLAINTS" --db "$1" import "$dir/import.csv" >"$1.out" 2>"$1.err" ||
	    { echo "bench: import failed: $(cat "$1.err")" >&2; return 1; }
	t1=$(now_us)
	grep -q "^imported $ROWS, skipped 0 as duplicates, rejected 0\$" \
	    "$1.out" || { echo "bench: import: $(cat "$1.out")" >&2; return 1; }
	echo "$(((t1 - t0) / 1000))" | awk '{ printf "%.2f\n", $1 / 1000 }' >"$2"
}

run_import "$dir/alone.db" "$dir/alone.time"
rm -f "$dir"/alone.db*

# officer N END: log a case, acknowledge it, answer it, ask what is overdue,
# again and again until END (microseconds); one line a command in lat.N:
# "kind status start end" (microseconds).
officer() {
	local n=$1 end=$2 i=0 ref= kind rc t0 t1 db=$dir/load.db
	local -a cmd
	while :; do
		t0=$(now_us)
		[ "$t0" -lt "$end" ] || break
		case $((i % 4)) in
		0) kind=log cmd=(log --complainant "Bench $n-$i" --service Waste
		       --channel email --summary "Bin missed" --received 2026-12-01) ;;
		1) kind=ack cmd=(ack "$ref" --date 2026-12-02) ;;
		2) kind=respond cmd=(respond "$ref" --outcome upheld
		       --remedy Apology --date 2026-12-03) ;;
		3) kind=report cmd=(report overdue --within 2 --format csv) ;;
		esac
		rc=0
		if [ "$kind" = log ]; then
			ref=$("$COMPLAINTS" --db "$db" --officer "officer$n" \
			    "${cmd[@]}" </dev/null 2>>"$dir/err.$n") || rc=$?
		else
			"$COMPLAINTS" --db "$db" --officer "officer$n" "${cmd[@]}" \
			    </dev/null >/dev/null 2>>"$dir/err.$n" || rc=$?
		fi
		t1=$(now_us)
		echo "$kind $rc $t0 $t1" >>"$dir/lat.$n"
		# A case not logged can't be acknowledged: log the next.
		if [ "$kind" = log ] && [ "$rc" -ne 0 ]; then
			i=0
		else
			i=$((i + 1))
		fi
	done
}

start=$(now_us)
end=$((start + SECONDS_ * 1000000))
pids=()
for n in $(seq "$PROCS"); do
	officer "$n" "$end" &
	pids+=($!)
done
sleep "$DELAY"
import_start=$(now_us)
run_import "$dir/load.db" "$dir/load.time" || touch "$dir/import.failed"
import_end=$(now_us)
for p in "${pids[@]}"; do
	wait "$p"
done
echo "machine:    load average $(cut -d' ' -f1-3 /proc/loadavg) after"
[ ! -e "$dir/import.failed" ] || exit 1

echo
cat "$dir"/lat.* >"$dir/all"
failed=$(awk '$2 != 0' "$dir/all" | wc -l)
echo "commands:   $(wc -l <"$dir/all") by the officers, $failed failed" \
    "(target 0)"
if [ "$failed" -gt 0 ]; then
	cat "$dir"/err.* | sort | uniq -c | sort -rn | head -5 |
	    sed 's/^/            /'
fi
# stats LABEL: median, 99th percentile and longest of the seconds on stdin.
stats() {
	sort -g | awk -v label="$1" '{ v[NR] = $1 }
	    END {
		if (NR == 0) { printf "%-26s %6s\n", label, "none"; exit }
		p = int(NR * 0.99 + 0.999999); if (p > NR) p = NR
		printf "%-26s %6d  %8.2f  %8.2f  %8.2f\n", label, NR,
		    v[int((NR + 1) / 2)], v[p], v[NR] }'
}
printf "\n%-26s %6s  %8s  %8s  %8s\n" "officers' commands (s)" n median p99 \
    longest
for kind in log ack respond report; do
	awk -v k="$kind" '$1 == k && $2 == 0 { print ($4 - $3) / 1e6 }' \
	    "$dir/all" | stats "$kind"
done
awk '$2 == 0 { print ($4 - $3) / 1e6 }' "$dir/all" | stats "all"
awk -v s="$import_start" -v e="$import_end" '$2 == 0 && $4 > s && $3 < e {
	print ($4 - $3) / 1e6 }' "$dir/all" | stats "all, during the import"

alone=$(cat "$dir/alone.time")
load=$(cat "$dir/load.time")
echo
printf "import of %d rows: %.2f s alone, %.2f s under load (%.1fx)\n" \
    "$ROWS" "$alone" "$load" "$(echo "$load / $alone" | bc -l)"
