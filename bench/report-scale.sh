#!/usr/bin/env bash
# bench/report-scale.sh: complaints report at scale. On generated stores of
# 100,000 and 1,000,000 cases (bench/gen-cases.sql):
#
#   (a) complaints report overdue --format csv
#       complaints report summary --from YEAR-01-01 --to YEAR-12-31 --format csv
#       complaints report summary ... --by service --format csv
#       complaints report annual --year YEAR --format csv
#   (b) the same figures by hand-written SQL in the sqlite3 shell, in the same
#       run (bench/baseline-overdue.sql, bench/baseline-summary.sql,
#       bench/baseline-summary-service.sql, bench/baseline-annual.sql, after
#       a working-day calendar made from policies/calendars/*.yaml)
#
# each run R times, interleaved, the order alternating; prints the median
# wall-clock time of each, the ratio complaints/sqlite3, the peak memory
# (maximum resident set size, from /usr/bin/time) of each, and checks:
#   - at 1,000,000 cases, overdue and summary take under a second each;
#     summary --by service is within 1.1 times its baseline, annual within
#     1.5 times;
#   - complaints' peak memory at 1,000,000 cases is within 1.5 times that at
#     100,000 (flat: it does not grow with the store);
#   - both sides agree: the overdue CSV is the same, byte for byte, and every
#     figure each other baseline computes equals complaints' (the annual
#     report's cases that missed a measure too, reference by reference).
# A benchmark, not a test: it exits 0 whatever the times and memory; 1 when
# a command fails or the two sides disagree.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints in the source tree)
#   COMPLAINTS_POLICIES  the policies (default: the source tree's policies/)
#   SQLITE3              the sqlite3 shell (default: sqlite3)
#   BENCH_SIZES          the store sizes (default: "100000 1000000")
#   BENCH_RUNS           runs of each command (default: 5)
#   BENCH_YEAR           the summary's year (default: 2025)
#   BENCH_KEEP           a directory to keep the generated stores in and reuse
#                        (default: none: a temporary directory, removed)
#   TMPDIR               where the temporary directory goes (default /tmp)
# shellcheck disable=SC2317 # cpl_* and sql_* are called as "cpl_$1", "sql_$1"
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
export COMPLAINTS_POLICIES=${COMPLAINTS_POLICIES:-$SRCDIR/policies}
SQLITE3=${SQLITE3:-sqlite3}
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-5}
YEAR=${BENCH_YEAR:-2025}
TIME=/usr/bin/time
TODAY=2026-11-20
export COMPLAINTS_TODAY=$TODAY COMPLAINTS_OFFICER=bench
unset COMPLAINTS_DB

if [ ! -x "$COMPLAINTS" ]; then
	echo "no complaints binary at $COMPLAINTS (build it, or set COMPLAINTS)" >&2
	exit 2
fi
for tool in "$SQLITE3" "$TIME"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "no $tool: apt-get install sqlite3 time" >&2
		exit 2
	fi
done
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "this benchmark needs bash 5 or later (EPOCHREALTIME)" >&2
	exit 2
fi
COMPLAINTS=$(cd "$(dirname "$COMPLAINTS")" && pwd)/$(basename "$COMPLAINTS")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/complaints-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
keep=${BENCH_KEEP:-$tmp}
mkdir -p "$keep"

# day YYYY-MM-DD: the day number the store keeps for a date.
day() {
	"$SQLITE3" :memory: "SELECT CAST(julianday('$1') - 2440587.5 AS INTEGER)"
}

# The baseline's calendar: the holidays listed in the calendar file, every
# day of the years it covers numbered by working days (n: up to and
# including the day), and the nth working day. The seed policies name no
# closure days, so this is the calendar complaints loads for each of them.
cal=$SRCDIR/policies/calendars/england-and-wales.yaml
from=$(awk '/^  from:/ { print $2 }' "$cal")
to=$(awk '/^  to:/ { print $2 }' "$cal")
{
	# every day as the store keeps it: its day number from 1970-01-01
	echo "CREATE TEMP TABLE today(day INTEGER);"
	echo "INSERT INTO today VALUES ($(day "$TODAY"));"
	echo "CREATE TEMP TABLE period(f INTEGER, t INTEGER);"
	echo "INSERT INTO period VALUES ($(day "$YEAR-01-01"), $(day "$YEAR-12-31"));"
	echo "CREATE TEMP TABLE hol(day TEXT PRIMARY KEY) WITHOUT ROWID;"
	grep -E '^ *- *[0-9]{4}-[0-9]{2}-[0-9]{2}' "$cal" |
	    sed -E "s/^ *- *([0-9-]{10}).*/INSERT INTO hol VALUES ('\\1');/"
	cat <<EOF
CREATE TEMP TABLE wd_day(day INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO wd_day
WITH RECURSIVE d(j) AS (SELECT julianday('$from-01-01') UNION ALL
  SELECT j + 1 FROM d WHERE j < julianday('$to-12-31'))
SELECT CAST(j - 2440587.5 AS INTEGER), sum(strftime('%w', j) NOT IN ('0', '6')
  AND date(j) NOT IN (SELECT day FROM hol)) OVER (ORDER BY j) FROM d;
CREATE TEMP TABLE wd_nth(n INTEGER PRIMARY KEY, day INTEGER NOT NULL);
INSERT INTO wd_nth SELECT n, min(day) FROM wd_day WHERE n > 0 GROUP BY n;
EOF
} >"$tmp/calendar.sql"

# make_store N FILE: a complaints database with N generated cases (and the
# five cases, one a policy, that put the policy texts in it).
make_store() {
	local n=$1 db=$2 ref
	if [ -s "$db" ] && [ "$("$SQLITE3" "$db" "SELECT count(*) FROM cases")" -eq $((n + 5)) ]; then
		echo "  (reusing $db)"
		return
	fi
	rm -f "$db" "$db-wal" "$db-shm"
	"$COMPLAINTS" --db "$db" init --policy south-staffordshire </dev/null
	for p in south-staffordshire psps corporate-procedure southampton \
	    buckinghamshire; do
		ref=$("$COMPLAINTS" --db "$db" log --policy "$p" \
		    --complainant Seed --summary seed --received 2018-06-04 \
		    </dev/null)
		"$COMPLAINTS" --db "$db" close "$ref" --reason withdrawn \
		    --date 2018-06-04 </dev/null
	done
	local t0=${EPOCHREALTIME/[.,]/}
	{
		echo "CREATE TEMP TABLE params(n INTEGER); INSERT INTO params VALUES ($n);"
		cat "$SRCDIR/bench/gen-cases.sql"
	} | "$SQLITE3" -batch -bail "$db" >/dev/null
	local t1=${EPOCHREALTIME/[.,]/}
	echo "  generated $n cases in $(( (t1 - t0) / 1000000 )) s:" \
	    "$("$SQLITE3" "$db" "SELECT count(*) FILTER (WHERE closed IS NULL)
		|| ' open, ' || count(*) FILTER (WHERE closed IS NOT NULL)
		|| ' closed; ' || (SELECT count(*) FROM stages WHERE stage = 2)
		|| ' at stage 2; ' || (SELECT count(*) FROM extensions)
		|| ' extensions; ' || (SELECT count(*) FROM referrals)
		|| ' ombudsman referrals' FROM cases")"
}

# measure OUT CMD...: run CMD (stdout to OUT), append "microseconds maxrss_kb"
# to OUT.t.
measure() {
	local out=$1 t0 t1
	shift
	t0=${EPOCHREALTIME/[.,]/}
	"$TIME" -f %M -o "$out.rss" "$@" >"$out" </dev/null
	t1=${EPOCHREALTIME/[.,]/}
	echo "$((t1 - t0)) $(tail -n 1 "$out.rss")" >>"$out.t"
}

cpl_overdue() {
	measure "$1" "$COMPLAINTS" --db "$2" report overdue --format csv
}
cpl_summary() {
	measure "$1" "$COMPLAINTS" --db "$2" report summary \
	    --from "$YEAR-01-01" --to "$YEAR-12-31" --format csv
}
sql_overdue() {
	measure "$1" "$SQLITE3" -batch -bail "$2" ".read $tmp/calendar.sql" \
	    ".read $SRCDIR/bench/baseline-overdue.sql"
}
sql_summary() {
	measure "$1" "$SQLITE3" -batch -bail "$2" ".read $tmp/calendar.sql" \
	    ".read $SRCDIR/bench/baseline-summary.sql"
}
cpl_by_service() {
	measure "$1" "$COMPLAINTS" --db "$2" report summary \
	    --from "$YEAR-01-01" --to "$YEAR-12-31" --by service --format csv
}
sql_by_service() {
	measure "$1" "$SQLITE3" -batch -bail "$2" ".read $tmp/calendar.sql" \
	    ".read $SRCDIR/bench/baseline-summary-service.sql"
}
cpl_annual() {
	measure "$1" "$COMPLAINTS" --db "$2" report annual --year "$YEAR" \
	    --format csv
}
sql_annual() {
	measure "$1" "$SQLITE3" -batch -bail "$2" ".read $tmp/calendar.sql" \
	    ".read $SRCDIR/bench/baseline-annual.sql"
}

# median FILE.t: the median time in seconds and the largest RSS in KB.
median() {
	sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
	    END {
		h = int(NR / 2)
		if (NR % 2) med = t[h + 1]; else med = (t[h] + t[h + 1]) * 0.5
		printf "%.3f %d\n", med * 0.000001, m
	    }'
}

echo "complaints: $COMPLAINTS"
echo "sqlite3:    $(command -v "$SQLITE3") ($("$SQLITE3" -version | cut -d' ' -f1))"
echo "stores:     $keep ($(df -PT "$keep" | awk 'NR == 2 { print $2 }'))"
echo "today:      $TODAY; summary and annual report of $YEAR;" \
    "$RUNS runs of each, interleaved"
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) ($(nproc) CPUs)"
echo

status=0
results=$tmp/results
: >"$results"
for n in $SIZES; do
	db=$keep/scale-$n.db
	echo "store of $n cases:"
	make_store "$n" "$db"
	d=$tmp/run-$n
	mkdir -p "$d"
	# One run of each first, untimed: the store into the page cache.
	for f in cpl_overdue sql_overdue cpl_summary sql_summary \
	    cpl_by_service sql_by_service cpl_annual sql_annual; do
		"$f" "$d/warm" "$db"
	done
	# Each pair of runs back to back, the order alternating: what the
	# machine's other work costs falls on both sides alike.
	for r in $(seq "$RUNS"); do
		for p in "overdue co so" "summary cs ss" "by_service cb sb" \
		    "annual ca sa"; do
			# shellcheck disable=SC2086 # the report and its files
			set -- $p
			if [ $((r % 2)) -eq 1 ]; then
				"cpl_$1" "$d/$2" "$db"; "sql_$1" "$d/$3" "$db"
			else
				"sql_$1" "$d/$3" "$db"; "cpl_$1" "$d/$2" "$db"
			fi
		done
	done

	# Both sides computed the same figures.
	if ! cmp -s "$d/co" "$d/so"; then
		echo "  MISMATCH: report overdue and the baseline differ:" >&2
		diff "$d/co" "$d/so" | head -n 10 >&2
		status=1
	fi
	if ! awk -F, 'NR == FNR { if ($1 == "all") v[$3] = $4 "," $5; next }
	    { n++; k = $1; w = $2 "," $3
	      if (!(k in v) || v[k] != w) {
		  printf "  MISMATCH: %s: complaints %s, baseline %s\n", k, v[k], w
		  bad = 1 } }
	    END { if (n < 20) { print "  MISMATCH: too few baseline figures"; bad = 1 }
		  exit bad }' "$d/cs" "$d/ss" >&2; then
		status=1
	fi
	# summary --by service: section,group,figure,value,of.
	if ! awk -F, 'NR == FNR { v[$1 "," $2 "," $3] = $4 "," $5; next }
	    { n++; k = $1 "," $2 "," $3; w = $4 "," $5
	      if (!(k in v) || v[k] != w) {
		  printf "  MISMATCH: by service: %s: complaints %s," \
		      " baseline %s\n", k, v[k], w
		  bad = 1 } }
	    END { if (n < 100) {
		      print "  MISMATCH: too few baseline figures"; bad = 1 }
		  exit bad }' "$d/cb" "$d/sb" >&2; then
		status=1
	fi
	# annual: section,group,figure,value,of,previous_value,previous_of;
	# missed,figure,references against the detail column; as many
	# remedies and learning.
	# (complaints names the Code's paragraph of each self-assessment
	# measure in the group column; the baseline leaves it empty)
	if ! awk -F, 'NR == FNR { g = $1 == "self-assessment" ? "" : $2
		v[$1 "," g "," $3] = $4 "," $5 "," $7 "," $8
		if ($1 == "self-assessment") m[$3] = $11
		if ($1 == "learning") lc++
		next }
	    $1 == "learning" { ls++; next }
	    $1 == "missed" { nm++
		if (m[$2] != $3) {
		    printf "  MISMATCH: annual: the cases that missed" \
			" %s differ\n", $2
		    bad = 1 }
		next }
	    { n++; k = $1 "," $2 "," $3; w = $4 "," $5 "," $6 "," $7
	      if (!(k in v) || v[k] != w) {
		  printf "  MISMATCH: annual: %s: complaints %s, baseline %s\n",
		      k, v[k], w
		  bad = 1 } }
	    END { if (n < 100 || nm < 2) {
		      print "  MISMATCH: too few baseline figures"; bad = 1 }
		  if (lc != ls) {
		      printf "  MISMATCH: annual: %d remedies and learning," \
			  " baseline %d\n", lc, ls
		      bad = 1 }
		  exit bad }' "$d/ca" "$d/sa" >&2; then
		status=1
	fi
	echo "  overdue: $(($(wc -l <"$d/co") - 1)) cases listed by both;" \
	    "summary: $(wc -l <"$d/ss") figures the same on both sides;" \
	    "by service: $(wc -l <"$d/sb");" \
	    "annual: $(grep -vc '^learning,' "$d/sa") and" \
	    "$(grep -c '^learning,' "$d/sa") remedies and learning"

	read -r tco mco <<<"$(median "$d/co.t")"
	read -r tso mso <<<"$(median "$d/so.t")"
	read -r tcs mcs <<<"$(median "$d/cs.t")"
	read -r tss mss <<<"$(median "$d/ss.t")"
	echo "$n overdue $tco $tso $mco $mso" >>"$results"
	echo "$n summary $tcs $tss $mcs $mss" >>"$results"
	read -r tcb mcb <<<"$(median "$d/cb.t")"
	read -r tsb msb <<<"$(median "$d/sb.t")"
	read -r tca mca <<<"$(median "$d/ca.t")"
	read -r tsa msa <<<"$(median "$d/sa.t")"
	echo "$n by-service $tcb $tsb $mcb $msb" >>"$results"
	echo "$n annual $tca $tsa $mca $msa" >>"$results"
	echo
done

awk -v first="${SIZES%% *}" '
	BEGIN {
		printf "%-9s %-10s %10s %10s %7s %12s %12s\n", "cases", "report",
		    "complaints", "sqlite3", "ratio", "cpl max RSS", "sql max RSS"
	}
	{
		printf "%-9s %-10s %9.3fs %9.3fs %7.2f %9d KB %9d KB\n", $1, $2,
		    $3, $4, $3 / $4, $5, $6
		t[$1, $2] = $3; q[$1, $2] = $3 / $4; m[$1, $2] = $5; last = $1
		if ($1 == first) base[$2] = $5
	}
	END {
		print ""
		for (r in base) {
			if (("" last) == ("" first))
				continue
			ratio = m[last, r] / base[r]
			printf "%s: peak memory at %d cases is %.2f times that at %d" \
			    " (target <= 1.5: %s)\n", r, last, ratio, first,
			    ratio <= 1.5 ? "flat" : "NOT flat"
		}
		for (r in base) {
			if (r == "annual" || r == "by-service") {
				lim = r == "annual" ? 1.5 : 1.1
				met = q[last, r] <= lim ? "met" : "NOT met"
				printf "%s at %d cases: %.2f times its baseline" \
				    " (target <= %.1f: %s)\n", r, last,
				    q[last, r], lim, met
				continue
			}
			printf "%s at %d cases: %.3f s (target < 1 s: %s)\n", r,
			    last, t[last, r], t[last, r] < 1 ? "met" : "NOT met"
		}
	}' "$results"
exit $status
