#!/usr/bin/env bash
# bench/pg-reports.sh: complaints report at scale on both stores. For each
# size N, an SQLite store of N generated cases (bench/gen-cases.sql, as
# bench/report-scale.sh makes it) and the same store on a PostgreSQL
# server (complaints copy --to), then on each store:
#
#   (a) complaints report overdue --format csv
#       complaints report summary --from YEAR-01-01 --to YEAR-12-31 --format csv
#       complaints report summary ... --by service --format csv
#       complaints report annual --year YEAR --format csv
#   (b) the same figures by hand-written SQL on that store, in the same
#       run: the sqlite3 shell on the file (bench/baseline-overdue.sql,
#       bench/baseline-summary.sql, bench/baseline-summary-service.sql,
#       bench/baseline-annual.sql), psql on the server
#       (bench/baseline-overdue-pg.sql, bench/baseline-summary-pg.sql,
#       bench/baseline-summary-service-pg.sql,
#       bench/baseline-annual-pg.sql), each after a working-day calendar
#       made from policies/calendars/england-and-wales.yaml
#
# each pair R times back to back, the order alternating; prints the median
# wall-clock time of each, the ratio complaints/hand-written SQL on each
# store, and last "worst ratio: X.XX" (the target: every ratio within 1.5).
# Checks that complaints prints the same on both stores (each report's CSV
# byte for byte) and that each baseline computes complaints' figures on
# its store (the overdue CSV byte for byte; every summary and annual
# figure, and the annual report's cases that missed a measure of the Code,
# reference by reference).
# The server is a throwaway one of tests/pg-server.sh (socket only, no
# fsync), unless BENCH_PG gives the connection string of a server where
# databases may be made (pgreports_N, kept and reused by the next run).
# A benchmark, not a test: exits 0 whatever the times; 1 when a command
# fails or the stores or the two sides disagree.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints in the source tree)
#   COMPLAINTS_POLICIES  the policies (default: the source tree's policies/)
#   SQLITE3              the sqlite3 shell (default: sqlite3)
#   BENCH_SIZES          the store sizes (default: "100000 1000000")
#   BENCH_RUNS           runs of each command (default: 3)
#   BENCH_YEAR           the summary's and annual report's year
#                        (default: 2025)
#   BENCH_KEEP           a directory to keep the SQLite stores in and reuse
#                        (default: none: a temporary directory, removed)
#   BENCH_PG             a server to use (default: a throwaway one)
#   TMPDIR               where the temporary directory goes (default /tmp)
# shellcheck disable=SC2317 # cpl_* and sql_* are called as "cpl_$1", "sql_$1"
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
export COMPLAINTS_POLICIES=${COMPLAINTS_POLICIES:-$SRCDIR/policies}
SQLITE3=${SQLITE3:-sqlite3}
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
YEAR=${BENCH_YEAR:-2025}
TODAY=2026-11-20
export COMPLAINTS_TODAY=$TODAY COMPLAINTS_OFFICER=bench
unset COMPLAINTS_DB

if [ ! -x "$COMPLAINTS" ]; then
	echo "no complaints binary at $COMPLAINTS (build it, or set COMPLAINTS)" >&2
	exit 2
fi
for tool in "$SQLITE3" psql; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "no $tool: apt-get install sqlite3 postgresql-client" >&2
		exit 2
	fi
done
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "this benchmark needs bash 5 or later (EPOCHREALTIME)" >&2
	exit 2
fi
COMPLAINTS=$(cd "$(dirname "$COMPLAINTS")" && pwd)/$(basename "$COMPLAINTS")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/complaints-pg-reports.XXXXXX")
server_dir=""
cleanup() {
	[ -z "$server_dir" ] ||
		sh "$SRCDIR/tests/pg-server.sh" stop "$server_dir" >/dev/null 2>&1 || :
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
keep=${BENCH_KEEP:-$tmp}
mkdir -p "$keep"
if [ -n "${BENCH_PG:-}" ]; then
	pg=$BENCH_PG
else
	server_dir=$tmp/pg
	pg=$(sh "$SRCDIR/tests/pg-server.sh" start "$server_dir" | tail -1) || {
		echo "can't start a PostgreSQL server (tests/pg-server.sh)" >&2
		exit 1
	}
fi

# now_us: the wall clock in microseconds.
now_us() {
	echo "${EPOCHREALTIME/[.,]/}"
}

# day YYYY-MM-DD: the day number the store keeps for a date.
day() {
	"$SQLITE3" :memory: "SELECT CAST(julianday('$1') - 2440587.5 AS INTEGER)"
}

# The baselines' calendar, one for each engine: the holidays listed in the
# calendar file, every day of the years it covers numbered by working days
# (n: up to and including the day), and the nth working day. The seed
# policies name no closure days, so this is the calendar complaints loads
# for each of them. Both sides pay for it each run, as complaints(1) says
# (Policies and the calendar: read afresh each time).
cal=$SRCDIR/policies/calendars/england-and-wales.yaml
from=$(awk '/^  from:/ { print $2 }' "$cal")
to=$(awk '/^  to:/ { print $2 }' "$cal")
holidays() {	# FORMAT: one line a holiday of the calendar file
	grep -E '^ *- *[0-9]{4}-[0-9]{2}-[0-9]{2}' "$cal" |
	    sed -E "s/^ *- *([0-9-]{10}).*/$1/"
}
{
	echo "CREATE TEMP TABLE today(day INTEGER);"
	echo "INSERT INTO today VALUES ($(day "$TODAY"));"
	echo "CREATE TEMP TABLE period(f INTEGER, t INTEGER);"
	echo "INSERT INTO period VALUES ($(day "$YEAR-01-01"), $(day "$YEAR-12-31"));"
	echo "CREATE TEMP TABLE hol(day TEXT PRIMARY KEY) WITHOUT ROWID;"
	holidays "INSERT INTO hol VALUES ('\\1');"
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
# The same on a server: the days from generate_series, the temporary
# tables analyzed (autovacuum never sees them).
{
	echo "CREATE TEMP TABLE today(day BIGINT);"
	echo "INSERT INTO today VALUES ($(day "$TODAY"));"
	echo "CREATE TEMP TABLE period(f BIGINT, t BIGINT);"
	echo "INSERT INTO period VALUES ($(day "$YEAR-01-01"), $(day "$YEAR-12-31"));"
	echo "CREATE TEMP TABLE hol(day DATE PRIMARY KEY);"
	holidays "INSERT INTO hol VALUES ('\\1');"
	cat <<EOF
CREATE TEMP TABLE wd_day(day BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO wd_day
SELECT CAST(g AS DATE) - DATE '1970-01-01',
  sum(CASE WHEN extract(isodow FROM g) < 6
    AND CAST(g AS DATE) NOT IN (SELECT day FROM hol) THEN 1 ELSE 0 END)
    OVER (ORDER BY g)
FROM generate_series(DATE '$from-01-01', DATE '$to-12-31', '1 day') AS g;
CREATE TEMP TABLE wd_nth(n BIGINT PRIMARY KEY, day BIGINT NOT NULL);
INSERT INTO wd_nth SELECT n, min(day) FROM wd_day WHERE n > 0 GROUP BY n;
ANALYZE today, period, hol, wd_day, wd_nth;
EOF
} >"$tmp/calendar-pg.sql"

# make_store N FILE: a complaints database with N generated cases (and the
# five cases, one a policy, that put the policy texts in it), as
# bench/report-scale.sh makes it (so BENCH_KEEP may name the same place).
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
	local t0 t1
	t0=$(now_us)
	{
		echo "CREATE TEMP TABLE params(n INTEGER); INSERT INTO params VALUES ($n);"
		cat "$SRCDIR/bench/gen-cases.sql"
	} | "$SQLITE3" -batch -bail "$db" >/dev/null
	t1=$(now_us)
	echo "  generated $n cases in $(( (t1 - t0) / 1000000 )) s"
}

# server_store N FILE: the store FILE on the server, as database
# pgreports_N (a new one, unless BENCH_PG names a server that has it
# whole); its connection string in $srv.
server_store() {
	local n=$1 file=$2 name=pgreports_$1 t0 t1 have
	srv=$(printf '%s\n' "$pg" | sed "s/dbname=[^ ]*/dbname=$name/")
	case $srv in *dbname=*) ;; *) srv="$srv dbname=$name" ;; esac
	have=$(psql "$srv" -qAtX -c "SELECT count(*) FROM case_rows" \
	    2>/dev/null || :)
	if [ -n "${BENCH_PG:-}" ] && [ "$have" = $((n + 5)) ]; then
		echo "  (reusing database $name)"
		return
	fi
	psql "$pg" -qAtX -v ON_ERROR_STOP=1 \
	    -c "SET client_min_messages = warning" \
	    -c "DROP DATABASE IF EXISTS $name" \
	    -c "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8'
		LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'" >/dev/null
	t0=$(now_us)
	"$COMPLAINTS" --db "$file" copy --to "$srv" </dev/null >"$tmp/copy.out"
	t1=$(now_us)
	echo "  copied to the server in $(( (t1 - t0) / 1000000 )) s" \
	    "(complaints copy --to)"
	# What autovacuum would do in a while: the planner's statistics of
	# the tables just filled (a report planned without them read the
	# stages of a year of 100,000 cases in 33 s, not 0.5 s).
	t0=$(now_us)
	psql "$srv" -qAtX -v ON_ERROR_STOP=1 -c "VACUUM ANALYZE" >/dev/null
	t1=$(now_us)
	echo "  VACUUM ANALYZE in $(( (t1 - t0) / 1000000 )) s"
}

# time_it OUT CMD...: run CMD (stdout to OUT), append its microseconds to
# OUT.t.
time_it() {
	local out=$1 t0 t1
	shift
	t0=$(now_us)
	"$@" >"$out" </dev/null
	t1=$(now_us)
	echo "$((t1 - t0))" >>"$out.t"
}

summary_args() {
	echo "report summary --from $YEAR-01-01 --to $YEAR-12-31"
}
# cpl_REPORT OUT STORE, sql_REPORT OUT STORE ENGINE (lite or pg)
cpl_overdue() {
	time_it "$1" "$COMPLAINTS" --db "$2" report overdue --format csv
}
cpl_summary() {
	# shellcheck disable=SC2046 # the words of the report's arguments
	time_it "$1" "$COMPLAINTS" --db "$2" $(summary_args) --format csv
}
cpl_by_service() {
	# shellcheck disable=SC2046
	time_it "$1" "$COMPLAINTS" --db "$2" $(summary_args) --by service \
	    --format csv
}
baseline() {	# OUT STORE ENGINE FILE
	if [ "$3" = lite ]; then
		time_it "$1" "$SQLITE3" -batch -bail "$2" \
		    ".read $tmp/calendar.sql" ".read $SRCDIR/bench/$4.sql"
	else
		time_it "$1" psql "$2" -qX -v ON_ERROR_STOP=1 \
		    -f "$tmp/calendar-pg.sql" -f "$SRCDIR/bench/$4-pg.sql"
	fi
}
cpl_annual() {
	time_it "$1" "$COMPLAINTS" --db "$2" report annual --year "$YEAR" \
	    --format csv
}
sql_overdue() { baseline "$1" "$2" "$3" baseline-overdue; }
sql_summary() { baseline "$1" "$2" "$3" baseline-summary; }
sql_by_service() { baseline "$1" "$2" "$3" baseline-summary-service; }
sql_annual() { baseline "$1" "$2" "$3" baseline-annual; }

# median FILE.t: the median time in seconds.
median() {
	sort -n "$1" | awk '{ t[NR] = $1 }
	    END {
		h = int(NR / 2)
		if (NR % 2) med = t[h + 1]; else med = (t[h] + t[h + 1]) * 0.5
		printf "%.3f\n", med * 0.000001
	    }'
}

# check D: complaints' figures in D/c* and the baseline's in D/s* agree.
check() {
	local d=$1 bad=0
	if ! cmp -s "$d/co" "$d/so"; then
		echo "  MISMATCH: report overdue and the baseline differ:" >&2
		diff "$d/co" "$d/so" | head -n 10 >&2
		bad=1
	fi
	# summary: by,group,figure,value,of against figure,value,of
	if ! awk -F, 'NR == FNR { if ($1 == "all") v[$3] = $4 "," $5; next }
	    { n++; k = $1; w = $2 "," $3
	      if (!(k in v) || v[k] != w) {
		  printf "  MISMATCH: %s: complaints %s, baseline %s\n", k, v[k], w
		  bad = 1 } }
	    END { if (n < 20) { print "  MISMATCH: too few baseline figures"; bad = 1 }
		  exit bad }' "$d/cs" "$d/ss" >&2; then
		bad=1
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
		bad=1
	fi
	# annual: section,group,figure,value,of,previous_value,previous_of;
	# missed,figure,references against the detail column; as many
	# remedies and learning (as bench/report-scale.sh checks them).
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
		bad=1
	fi
	return $bad
}

echo "complaints: $COMPLAINTS"
echo "sqlite3:    $(command -v "$SQLITE3") ($("$SQLITE3" -version | cut -d' ' -f1))"
echo "server:     $(psql "$pg" -qAtX -c "SHOW server_version")" \
    "($(psql "$pg" -qAtX -c "SHOW shared_buffers") shared buffers," \
    "fsync $(psql "$pg" -qAtX -c "SHOW fsync"))"
echo "stores:     $keep ($(df -PT "$keep" | awk 'NR == 2 { print $2 }'))"
echo "today:      $TODAY; summary and annual report of $YEAR; $RUNS runs" \
    "of each, paired," \
    "the order alternating"
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) ($(nproc) CPUs)"
echo

status=0
results=$tmp/results
: >"$results"
for n in $SIZES; do
	file=$keep/scale-$n.db
	echo "store of $n cases:"
	make_store "$n" "$file"
	server_store "$n" "$file"
	for engine in lite pg; do
		if [ $engine = lite ]; then store=$file; else store=$srv; fi
		d=$tmp/run-$n-$engine
		mkdir -p "$d"
		# One run of each first, untimed: the store into the caches.
		for r in overdue summary by_service annual; do
			"cpl_$r" "$d/warm" "$store"
			"sql_$r" "$d/warm" "$store" $engine
		done
		# Each pair back to back, the order alternating: what the
		# machine's other work costs falls on both sides alike.
		for r in $(seq "$RUNS"); do
			for p in "overdue co so" "summary cs ss" \
			    "by_service cb sb" "annual ca sa"; do
				# shellcheck disable=SC2086 # the report, its files
				set -- $p
				if [ $((r % 2)) -eq 1 ]; then
					"cpl_$1" "$d/$2" "$store"
					"sql_$1" "$d/$3" "$store" $engine
				else
					"sql_$1" "$d/$3" "$store" $engine
					"cpl_$1" "$d/$2" "$store"
				fi
			done
		done
		if check "$d"; then
			echo "  $engine: the baselines' figures are complaints'" \
			    "($(($(wc -l <"$d/co") - 1)) cases overdue," \
			    "$(wc -l <"$d/ss") summary figures," \
			    "$(wc -l <"$d/sb") by service," \
			    "$(grep -vc '^learning,' "$d/sa") annual and" \
			    "$(grep -c '^learning,' "$d/sa") remedies and" \
			    "learning)"
		else
			echo "  $engine: the baselines disagree with complaints" >&2
			status=1
		fi
		for p in "overdue co so" "summary cs ss" "by-service cb sb" \
		    "annual ca sa"; do
			# shellcheck disable=SC2086
			set -- $p
			echo "$n $engine $1 $(median "$d/$2.t") $(median "$d/$3.t")" \
			    >>"$results"
		done
	done
	# complaints prints the same on both stores.
	for f in co cs cb ca; do
		if ! cmp -s "$tmp/run-$n-lite/$f" "$tmp/run-$n-pg/$f"; then
			echo "  MISMATCH: complaints' $f differs between the" \
			    "stores:" >&2
			diff "$tmp/run-$n-lite/$f" "$tmp/run-$n-pg/$f" |
			    head -n 10 >&2
			status=1
		fi
	done
	[ $status -ne 0 ] ||
		echo "  complaints' CSV the same on both stores, byte for byte"
	echo
done

awk '
	BEGIN {
		printf "%-9s %-11s %-10s %10s %10s %7s\n", "cases", "store",
		    "report", "complaints", "SQL", "ratio"
		worst = 0
	}
	{
		q = $5 > 0 ? $4 / $5 : 0
		printf "%-9s %-11s %-10s %9.3fs %9.3fs %7.2f\n", $1,
		    $2 == "pg" ? "postgresql" : "sqlite", $3, $4, $5, q
		if (q > worst) worst = q
	}
	END {
		print ""
		printf "target: each within 1.5 times its hand-written SQL: %s\n",
		    worst <= 1.5 ? "met" : "NOT met"
		printf "worst ratio: %.2f\n", worst
	}' "$results"
exit $status
