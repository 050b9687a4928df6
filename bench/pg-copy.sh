#!/usr/bin/env bash
# bench/pg-copy.sh: complaints copy --to a PostgreSQL server. For each
# size N, an SQLite store of N generated cases (bench/gen-cases.sql, as
# bench/pg-reports.sh and bench/report-scale.sh make it), then:
#
#   (a) complaints copy --to a new, empty database on the server (the
#       schema made, every table's rows sent as one COPY, the search
#       index made, the counts checked, the statistics made, one commit)
#   (b) the floor: psql's \copy of the same tables' rows (each table's
#       rows written to a CSV file by the sqlite3 shell beforehand, not
#       timed) into plain tables of the same columns, all text, in a new
#       database: no checks, no indexes, no search index, no statistics
#   (c) complaints copy --to a new SQLite file, for reference
#
# each run R times, the order alternating; prints the median wall-clock
# time of each, the ratio (a)/(b) and the peak memory of (a) (maximum
# resident set size); then, on a throwaway server, where (a)'s time goes:
# the statements of its last run that took 50 ms or more on the server
# (from the server's log), and checks that the copy and the file list
# and search the same cases.
# The server is a throwaway one of tests/pg-server.sh (socket only, no
# fsync), unless BENCH_PG names one where databases may be made (then
# no breakdown).
# A benchmark, not a test: exits 0 whatever the times; 1 when a command
# fails or the two stores differ.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints)
#   SQLITE3              the sqlite3 shell (default: sqlite3)
#   BENCH_SIZES          the numbers of cases (default: 100000)
#   BENCH_RUNS           runs of each (default: 3)
#   BENCH_KEEP           a directory to keep the SQLite stores in and reuse
#                        (default: none: a temporary directory, removed)
#   BENCH_PG             a server to use (default: a throwaway one)
#   TMPDIR               where the scratch directory goes (default /tmp)
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
SQLITE3=${SQLITE3:-sqlite3}
SIZES=${BENCH_SIZES:-100000}
RUNS=${BENCH_RUNS:-3}
export COMPLAINTS_POLICIES=$SRCDIR/policies
export COMPLAINTS_OFFICER=bench
export COMPLAINTS_TODAY=2026-11-20	# gen-cases.sql's today
unset COMPLAINTS_DB
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs /usr/bin/time (Debian: time)" >&2; exit 1; }
for tool in "$SQLITE3" psql; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "bench: needs $tool (Debian: sqlite3, postgresql-client)" >&2
		exit 1
	}
done
COMPLAINTS=$(cd "$(dirname "$COMPLAINTS")" && pwd)/$(basename "$COMPLAINTS")

dir=$(mktemp -d "${TMPDIR:-/tmp}/complaints-pg-copy.XXXXXX")
server_dir=""
cleanup() {
	[ -z "$server_dir" ] ||
		sh "$SRCDIR/tests/pg-server.sh" stop "$server_dir" >/dev/null 2>&1 || :
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
keep=${BENCH_KEEP:-$dir}
mkdir -p "$keep"
log=""
if [ -n "${BENCH_PG:-}" ]; then
	pg=$BENCH_PG
else
	server_dir=$dir/pg
	pg=$(sh "$SRCDIR/tests/pg-server.sh" start "$server_dir" | tail -1) || {
		echo "bench: can't start a PostgreSQL server (tests/pg-server.sh)" >&2
		exit 1
	}
	log=$(cat "$server_dir/server")/server.log
fi

median() {
	sort -g | awk '{ v[NR] = $1 }
	    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The tables complaints copy writes (lib/store_copy.c), in its order.
tables="settings policy_versions ref_numbers words case_rows stage_rows
extensions stage_texts restrictions event_rows referrals corrections
attachment_content attachments letters actions holds links case_rules
restriction_deciders ombudsman_remedies"

n_db=0
# new_db: an empty database on the server (C collation), its connection
# string in $db.
new_db() {
	n_db=$((n_db + 1))
	name="pgcopy_$$_$n_db"
	psql "$pg" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name
	    TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'" \
	    >/dev/null
	db=$(printf '%s\n' "$pg" | sed "s/dbname=[^ ]*/dbname=$name/")
}

# make_store N FILE: a complaints database with N generated cases (and
# the five cases, one a policy, that put the policy texts in it), as
# bench/pg-reports.sh makes it (so BENCH_KEEP may name the same place).
make_store() {
	local n=$1 file=$2 ref
	if [ -s "$file" ] && [ "$("$SQLITE3" "$file" "SELECT count(*) FROM case_rows")" -eq $((n + 5)) ]; then
		echo "  (reusing $file)"
		return
	fi
	rm -f "$file" "$file-wal" "$file-shm"
	"$COMPLAINTS" --db "$file" init --policy south-staffordshire </dev/null
	for p in south-staffordshire psps corporate-procedure southampton \
	    buckinghamshire; do
		ref=$("$COMPLAINTS" --db "$file" log --policy "$p" \
		    --complainant Seed --summary seed --received 2018-06-04 \
		    </dev/null)
		"$COMPLAINTS" --db "$file" close "$ref" --reason withdrawn \
		    --date 2018-06-04 </dev/null
	done
	{
		echo "CREATE TEMP TABLE params(n INTEGER); INSERT INTO params VALUES ($n);"
		cat "$SRCDIR/bench/gen-cases.sql"
	} | "$SQLITE3" -batch -bail "$file" >/dev/null
}

# floor_files FILE: each table's rows of FILE in $dir/rows/TABLE.csv and
# its columns in $dir/rows/TABLE.cols (the fixed words aside, as the copy
# leaves them).
floor_files() {
	rm -rf "$dir/rows" && mkdir "$dir/rows"
	for t in $tables; do
		"$SQLITE3" "$1" "SELECT group_concat(name, ', ')
		    FROM pragma_table_info('$t')" >"$dir/rows/$t.cols"
		where=""
		[ "$t" != words ] || where=" WHERE id > 21"
		"$SQLITE3" -csv "$1" "SELECT * FROM $t$where" >"$dir/rows/$t.csv"
	done
}

run_copy() {	# FILE DEST: seconds, then the peak RSS in KiB
	"$TIME" -f "%e %M" -o "$dir/time" "$COMPLAINTS" --db "$1" copy \
	    --to "$2" >/dev/null 2>"$dir/err" </dev/null ||
	    { cat "$dir/err" >&2; exit 1; }
	cat "$dir/time"
}

run_floor() {	# seconds
	new_db
	{
		for t in $tables; do
			echo "CREATE TABLE $t ($(sed 's/,/ text,/g; s/$/ text/' \
			    "$dir/rows/$t.cols"));"
		done
	} | psql "$db" -qAtX -v ON_ERROR_STOP=1 >/dev/null
	{
		for t in $tables; do
			echo "\\copy $t FROM '$dir/rows/$t.csv' WITH (FORMAT csv)"
		done
	} >"$dir/floor.psql"
	"$TIME" -f "%e" -o "$dir/time" psql "$db" -qAtX -v ON_ERROR_STOP=1 \
	    -f "$dir/floor.psql" >/dev/null
	cat "$dir/time"
}

for n in $SIZES; do
	file=$keep/store-$n.db
	echo "N=$n"
	make_store "$n" "$file"
	# The source as every run reads it: brought to this complaints'
	# schema once, by a read, before anything is timed.
	"$COMPLAINTS" --db "$file" list --status open --format csv >/dev/null
	floor_files "$file"
	: >"$dir/a"; : >"$dir/b"; : >"$dir/c"; : >"$dir/m"
	for r in $(seq "$RUNS"); do
		if [ $((r % 2)) -eq 1 ]; then order="a b c"; else order="c b a"; fi
		for w in $order; do
			case $w in
			a)	new_db
				if [ -n "$log" ]; then
					psql "$db" -qAtX -c "ALTER DATABASE $name
					    SET log_min_duration_statement = 50"
					from=$(($(wc -c <"$log") + 1))
				fi
				run_copy "$file" "$db" >"$dir/t"
				cut -d' ' -f1 "$dir/t" >>"$dir/a"
				cut -d' ' -f2 "$dir/t" >>"$dir/m"
				[ -z "$log" ] || tail -c "+$from" "$log" >"$dir/a.log"
				last_db=$db ;;
			b)	run_floor >>"$dir/b" ;;
			c)	rm -f "$dir/copy.db"
				run_copy "$file" "$dir/copy.db" |
				    cut -d' ' -f1 >>"$dir/c" ;;
			esac
		done
	done
	a=$(median <"$dir/a"); b=$(median <"$dir/b"); c=$(median <"$dir/c")
	m=$(median <"$dir/m")
	printf '  (a) copy --to a server %ss  (b) psql \\copy %ss  (c) copy --to a file %ss\n' \
	    "$a" "$b" "$c"
	awk -v a="$a" -v b="$b" -v m="$m" -v n="$n" 'BEGIN {
	    printf "  (a)/(b) %.1f  %.0f us a case  peak RSS %.1f MiB\n",
	        a / b, a * 1e6 / n, m / 1024 }'
	if [ -n "$log" ]; then
		echo "  where (a)'s last run spent its time on the server (50 ms or more):"
		sed -n 's/.*duration: \([0-9.]*\) ms  statement: \(.\{0,60\}\).*/\1 \2/p' \
		    "$dir/a.log" | awk '{ t = $1; $1 = "";
		    printf "    %8.2f s %s\n", t / 1000, $0 }'
	fi
	# The same cases found on both.
	for q in "list --status open --format csv" \
	    "list --search seed --format csv"; do
		# shellcheck disable=SC2086 # the words of the command
		"$COMPLAINTS" --db "$last_db" $q >"$dir/server.out"
		# shellcheck disable=SC2086
		"$COMPLAINTS" --db "$file" $q >"$dir/file.out"
		cmp -s "$dir/server.out" "$dir/file.out" || {
			echo "  the copy and the file differ: $q" >&2
			exit 1
		}
	done
	echo "  same cases listed and searched on both: ok"
done
