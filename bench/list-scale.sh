#!/usr/bin/env bash
# bench/list-scale.sh: complaints list at scale. On generated stores of
# 100,000 and 1,000,000 cases (bench/gen-cases.sql), each filter of list
#
#   (a) complaints list FILTER --sort ref --format csv
#   (b) the same cases by a hand-written query in the sqlite3 shell, reading
#       through the index the filter has (the same columns the store holds:
#       reference, policy, kind, status, stage, day received, officer,
#       service, and what the next action and its due date are worked out
#       from: the current stage's dates and timescales, and an open case's
#       extensions), in the same order
#
# each run R times, interleaved, the order alternating; prints the median
# wall-clock time of each, the ratio complaints/sqlite3, the peak memory
# (maximum resident set size, from /usr/bin/time) of each, and checks:
#   - both sides list the same cases, in the same order;
#   - every ratio is within 1.5 at the largest size (the line
#     "worst ratio: X.XX" gives the largest of any filter at any size);
#   - complaints' peak memory (the most any filter takes) at the largest
#     size is within 1.5 times that at the smallest (flat: it does not grow
#     with the store).
# Then list's default order, by what is due next (worked out in C from
# the calendar, so no index gives it), against the same filter sorted by
# reference, both complaints: printed, not part of the worst ratio.
# A benchmark, not a test: it exits 0 whatever the times and memory; 1 when
# a command fails or the two sides disagree.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints in the source tree)
#   COMPLAINTS_POLICIES  the policies (default: the source tree's policies/)
#   SQLITE3              the sqlite3 shell (default: sqlite3)
#   BENCH_SIZES          the store sizes (default: "100000 1000000")
#   BENCH_RUNS           runs of each command (default: 5)
#   BENCH_KEEP           a directory to keep the generated stores in and reuse
#                        (default: none: a temporary directory, removed)
#   TMPDIR               where the temporary directory goes (default /tmp)
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
export COMPLAINTS_POLICIES=${COMPLAINTS_POLICIES:-$SRCDIR/policies}
SQLITE3=${SQLITE3:-sqlite3}
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-5}
TIME=/usr/bin/time
TODAY=2026-11-20
export COMPLAINTS_TODAY=$TODAY COMPLAINTS_OFFICER=officer7
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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/complaints-list.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
keep=${BENCH_KEEP:-$tmp}
mkdir -p "$keep"

# make_store N FILE: a complaints database with N generated cases (and the
# five cases, one a policy, that put the policy texts in it). gen-cases.sql
# writes the rows as the sqlite3 shell can: the keys of the names that
# complaints writes with them (name_key: for these ASCII names, trimmed
# and in lower case) are added after, and the planner's statistics made
# as an import of as many cases would leave them (PRAGMA optimize at its
# commit, reading 400 rows an index).
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
		echo "PRAGMA analysis_limit = 400; ANALYZE;"
	} | "$SQLITE3" -batch -bail "$db" >/dev/null
	local t1=${EPOCHREALTIME/[.,]/}
	echo "  generated $n cases in $(( (t1 - t0) / 1000000 )) s:" \
	    "$("$SQLITE3" "$db" "SELECT count(*) FILTER (WHERE closed IS NULL)
		|| ' open, ' || count(*) FILTER (WHERE closed IS NOT NULL)
		|| ' closed; ' || (SELECT count(*) FROM stages WHERE stage = 2)
		|| ' at stage 2' FROM cases")"
}

# The filters: a name, list's options (one a line), and the hand-written
# query's join and condition. Each query reads through the index its
# filter has: the open cases (cases_open), an officer's stages
# (stages_officer), the day received (cases_received), the complainant
# (cases_complainant_key), the words (the search index); a service and a
# reference pattern have none, and are read in full on both sides. They
# read the tables themselves (case_rows, stage_rows), not the views that
# give their words as text: an officer is the ids of the names of its key,
# and a word is looked up (table words) for the rows printed only.
CUR="s.stage = (SELECT max(stage) FROM stage_rows WHERE case_id = c.id)"
# day YYYY-MM-DD: the day number the store keeps for a date (days from
# 1970-01-01), as SQL text.
day() {
	echo "CAST(julianday('$1') - 2440587.5 AS INTEGER)"
}
FROM_CASES="FROM case_rows c JOIN stage_rows s ON s.case_id = c.id AND $CUR"
# An officer's: its stages (x) from the index stages_officer alone, then
# the case, then the current stage's row (the stages' table is keyed by
# case and stage: a stage reached through an index with a column of its
# row asked for is read at once, before the case is looked at).
FROM_STAGES="FROM stage_rows x JOIN case_rows c ON c.id = x.case_id
    JOIN stage_rows s ON s.case_id = c.id AND s.stage = x.stage AND $CUR"
OFFICER7="x.officer IN (SELECT id FROM words WHERE key = 'officer7')"
filters=(
	"open|--status open|$FROM_CASES WHERE c.closed IS NULL"
	"officer|--officer officer7|$FROM_STAGES WHERE $OFFICER7"
	"officer+open|--officer officer7 --status open|$FROM_STAGES
	    WHERE $OFFICER7 AND c.closed IS NULL"
	"mine|--mine|$FROM_STAGES WHERE $OFFICER7
	    AND c.closed IS NULL"
	"month|--from 2025-03-01 --to 2025-03-31|$FROM_CASES
	    WHERE c.received BETWEEN $(day 2025-03-01) AND $(day 2025-03-31)"
	"service|--service Service 3|$FROM_CASES
	    WHERE c.service_key = 'service 3'"
	"complainant|--complainant Resident 50000|$FROM_CASES
	    WHERE c.complainant_key = 'resident 50000'"
	"ref-like|--ref-like SSC-2025-*|$FROM_CASES
	    WHERE c.ref LIKE 'SSC-2025-%'"
	"search|--search 50000|$FROM_CASES WHERE c.id IN
	    (SELECT rowid FROM case_search WHERE case_search MATCH '50000')"
)
# The order of --sort ref: prefix and year, then the number as a number.
ORDER="ORDER BY rtrim(c.ref, '0123456789'), length(c.ref), c.ref"
# The columns list prints, and what its next action and due date are
# worked out from (in C, from the calendar): the current stage's dates and
# timescales, and, for an open case, the days its extensions add. The
# query reads them as complaints does (the same rows and pages), without
# the calendar's arithmetic.
COLS="SELECT c.ref, (SELECT p.policy FROM policy_versions p
    WHERE p.id = c.policy_version), (SELECT w.word FROM words w
    WHERE w.id = c.kind), CASE WHEN c.closed IS NULL
    THEN 'open' ELSE 'closed' END, s.stage, date(c.received + 2440587.5),
    (SELECT w.word FROM words w WHERE w.id = s.officer), c.service,
    s.opened, s.ack_days, s.respond_days, s.respond_from, s.acknowledged,
    s.responded, CASE WHEN c.closed IS NULL THEN
    (SELECT coalesce(sum(e.days), 0) FROM extensions e
    WHERE e.case_id = s.case_id AND e.stage = s.stage) ELSE 0 END"

# args_of FILTER: list's options of the filter, one a line ("--service",
# "Service 3").
args_of() {
	local opts=${1#*|}
	opts=${opts%%|*}
	awk '{ for (i = 1; i <= NF; i++)
		if ($i ~ /^--/) { if (o != "") print o; print $i; o = "" }
		else o = o == "" ? $i : o " " $i
	    } END { if (o != "") print o }' <<<"$opts"
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

# cpl_list OUT DB FILTER [ORDER]: complaints' side (ORDER: ref, or due).
cpl_list() {
	local out=$1 db=$2 f=$3 order=${4:-ref} args=()
	mapfile -t args < <(args_of "$f")
	if [ "$order" = ref ]; then
		args+=(--sort ref)
	fi
	measure "$out" "$COMPLAINTS" --db "$db" list "${args[@]}" --format csv
}
# sql_list OUT DB FILTER: the hand-written query's side.
sql_list() {
	local out=$1 db=$2 f=$3
	measure "$out" "$SQLITE3" -batch -bail -csv "$db" \
	    "$COLS ${f##*|} $ORDER"
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
echo "today:      $TODAY; $RUNS runs of each, interleaved; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

status=0
results=$tmp/results
due=$tmp/due
: >"$results"
: >"$due"
for n in $SIZES; do
	db=$keep/list-$n.db
	echo "store of $n cases:"
	make_store "$n" "$db"
	d=$tmp/run-$n
	mkdir -p "$d"
	for i in "${!filters[@]}"; do
		f=${filters[$i]}
		name=${f%%|*}
		# One run of each first, untimed: the pages into the cache.
		cpl_list "$d/warm" "$db" "$f"
		sql_list "$d/warm" "$db" "$f"
		for r in $(seq "$RUNS"); do
			if [ $((r % 2)) -eq 1 ]; then
				cpl_list "$d/c$i" "$db" "$f"
				sql_list "$d/s$i" "$db" "$f"
			else
				sql_list "$d/s$i" "$db" "$f"
				cpl_list "$d/c$i" "$db" "$f"
			fi
		done
		# The same cases, in the same order.
		sed 1d "$d/c$i" | cut -d, -f1 >"$d/c$i.refs"
		cut -d, -f1 "$d/s$i" >"$d/s$i.refs"
		if ! cmp -s "$d/c$i.refs" "$d/s$i.refs"; then
			echo "  MISMATCH: $name: complaints and the query differ:" >&2
			diff "$d/c$i.refs" "$d/s$i.refs" | head -n 10 >&2
			status=1
		fi
		read -r tc mc <<<"$(median "$d/c$i.t")"
		read -r ts ms <<<"$(median "$d/s$i.t")"
		echo "$n $name $(wc -l <"$d/s$i.refs") $tc $ts $mc $ms" >>"$results"
		echo "  $name: $(wc -l <"$d/s$i.refs") cases, ${tc}s against ${ts}s"
	done
	# By what is due next, against by reference: the filters whose
	# cases are open (what is due is worked out for those).
	for i in 0 3; do
		f=${filters[$i]}
		cpl_list "$d/warm" "$db" "$f" due
		for r in $(seq "$RUNS"); do
			if [ $((r % 2)) -eq 1 ]; then
				cpl_list "$d/d$i" "$db" "$f" due
				cpl_list "$d/r$i" "$db" "$f"
			else
				cpl_list "$d/r$i" "$db" "$f"
				cpl_list "$d/d$i" "$db" "$f" due
			fi
		done
		if ! cmp -s <(sed 1d "$d/d$i" | cut -d, -f1 | sort) \
		    <(sed 1d "$d/r$i" | cut -d, -f1 | sort); then
			echo "  MISMATCH: ${f%%|*}: by due and by ref differ" >&2
			status=1
		fi
		read -r td md <<<"$(median "$d/d$i.t")"
		read -r tr mr <<<"$(median "$d/r$i.t")"
		echo "$n ${f%%|*} $td $tr $md $mr" >>"$due"
	done
	echo
done

awk -v first="${SIZES%% *}" '
	BEGIN {
		printf "%-9s %-12s %7s %10s %10s %7s %12s %12s\n", "cases",
		    "filter", "rows", "complaints", "sqlite3", "ratio",
		    "cpl max RSS", "sql max RSS"
	}
	{
		r = $5 > 0 ? $4 / $5 : 0
		printf "%-9s %-12s %7d %9.3fs %9.3fs %7.2f %9d KB %9d KB\n", $1,
		    $2, $3, $4, $5, r, $6, $7
		if (r > worst) { worst = r; wf = $2 " at " $1 }
		last = $1
		if (r > lworst[$1]) lworst[$1] = r
		if ($6 > peak[$1]) { peak[$1] = $6; pf[$1] = $2 }
	}
	END {
		print ""
		# Memory is flat when the most any filter takes does not grow
		# with the store. (A filter of few rows at the smaller size
		# leaves part of the page cache of SQLite empty: the growth of
		# one filter alone shows the cache filling, up to its bound.)
		if (("" last) != ("" first)) {
			x = peak[last] / peak[first]
			printf "peak memory: %d KB at %d cases (%s), %d KB at %d" \
			    " (%s): %.2f times (target <= 1.5: %s)\n", peak[first],
			    first, pf[first], peak[last], last, pf[last], x,
			    (x <= 1.5 ? "flat" : "NOT flat")
		}
		printf "worst ratio at %d cases: %.2f (target <= 1.5: %s)\n",
		    last, lworst[last], (lworst[last] <= 1.5 ? "met" : "NOT met")
		printf "worst ratio: %.2f (%s)\n", worst, wf
	}' "$results" >"$tmp/summary"
echo
echo "list by what is due next (the default) against by reference, both complaints:"
awk '{ printf "%-9s %-12s due %7.3fs  ref %7.3fs  ratio %5.2f  max RSS %d KB, %d KB\n",
    $1, $2, $3, $4, ($4 > 0 ? $3 / $4 : 0), $5, $6 }' "$due"
echo
# The table, and last the worst ratio.
cat "$tmp/summary"
exit $status
