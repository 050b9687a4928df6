#!/usr/bin/env bash
# bench/pg-officers.sh: officers at once, on a PostgreSQL store and on an
# SQLite file on the same machine. For N = 1, 8 and 32 officers, each
# officer (a process of its own) runs ROUNDS rounds of an officer's mix
# on the store,
#
#   log     a new complaint
#   ack     it
#   show    it
#   list    the officer's own open cases (--mine --status open)
#
# each command a new complaints process, as an officer's is; prints, per
# store and N, the commands a second and each command's median (p50) and
# 99th-percentile (p99) latency, and the commands that failed. The floor
# of one log on a server is psql doing the same thing by hand: a new psql
# process (and a new server backend) inserting one row into a table of
# the same columns, run ROUNDS times; the ratio of log's p50 at N = 1 to
# it is printed (the target: within 2x). Checks, at N = 32: no command
# fails, and every p99 is under 1 s (prints "ok" or what missed).
#
# The server is a throwaway one of tests/pg-server.sh (socket only, no
# fsync: what is measured is the client's and the SQL's work, not a
# disk's), unless BENCH_PG gives a connection string of a server where
# it may create databases (officers_PID_N and floor_PID). A benchmark, not a test: it exits 0 whatever the times; 1
# when the stores can't be set up.
#
# Environment:
#   COMPLAINTS           the binary (default: build/complaints)
#   COMPLAINTS_POLICIES  the policies (default: the source tree's policies/)
#   BENCH_OFFICERS       the numbers of officers (default: "1 8 32")
#   BENCH_ROUNDS         rounds of the mix each officer runs (default: 10)
#   BENCH_PG             a server to use (default: a throwaway one)
#   TMPDIR               where the temporary directory goes (default /tmp)
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
COMPLAINTS=${COMPLAINTS:-$SRCDIR/build/complaints}
export COMPLAINTS_POLICIES=${COMPLAINTS_POLICIES:-$SRCDIR/policies}
OFFICERS=${BENCH_OFFICERS:-1 8 32}
ROUNDS=${BENCH_ROUNDS:-10}
export COMPLAINTS_TODAY=2026-11-20
# Officers wait for one another's locks rather than fail.
export COMPLAINTS_WAIT=30
unset COMPLAINTS_DB

if [ ! -x "$COMPLAINTS" ]; then
	echo "no complaints binary at $COMPLAINTS (build it, or set COMPLAINTS)" >&2
	exit 2
fi
if ! command -v psql >/dev/null 2>&1; then
	echo "no psql: apt-get install postgresql-client" >&2
	exit 2
fi
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "bash 5 or later is needed (EPOCHREALTIME)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pg-officers.XXXXXX")
server_dir=""
cleanup() {
	if [ -n "$server_dir" ]; then
		sh "$SRCDIR/tests/pg-server.sh" stop "$server_dir" >/dev/null 2>&1 || :
	fi
	rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${BENCH_PG:-}" ]; then
	pg=$BENCH_PG
else
	server_dir=$work/pg
	pg=$(sh "$SRCDIR/tests/pg-server.sh" start "$server_dir" | tail -1) || {
		echo "can't start a PostgreSQL server (tests/pg-server.sh)" >&2
		exit 1
	}
fi

now_us() {
	local t=${EPOCHREALTIME/./}
	echo "$t"
}

# officer STORE NAME ROUNDS OUT: one officer's mix, "command microseconds
# status" a line in OUT.
officer() {
	local db=$1 name=$2 rounds=$3 out=$4 i t0 t1 ref rc
	for ((i = 0; i < rounds; i++)); do
		t0=$(now_us)
		ref=$(COMPLAINTS_OFFICER=$name "$COMPLAINTS" --db "$db" log \
		    --complainant "Resident $name $i" --service "Council Tax" \
		    --summary "Bill wrong" --received 2026-11-02 </dev/null \
		    2>>"$out.err") && rc=0 || rc=$?
		t1=$(now_us)
		echo "log $((t1 - t0)) $rc" >>"$out"
		[ "$rc" -eq 0 ] || continue
		t0=$(now_us)
		COMPLAINTS_OFFICER=$name "$COMPLAINTS" --db "$db" ack "$ref" \
		    --date 2026-11-03 >/dev/null 2>>"$out.err" && rc=0 || rc=$?
		t1=$(now_us)
		echo "ack $((t1 - t0)) $rc" >>"$out"
		t0=$(now_us)
		COMPLAINTS_OFFICER=$name "$COMPLAINTS" --db "$db" show "$ref" \
		    >/dev/null 2>>"$out.err" && rc=0 || rc=$?
		t1=$(now_us)
		echo "show $((t1 - t0)) $rc" >>"$out"
		t0=$(now_us)
		COMPLAINTS_OFFICER=$name "$COMPLAINTS" --db "$db" list --mine \
		    --status open --format csv >/dev/null 2>>"$out.err" &&
		    rc=0 || rc=$?
		t1=$(now_us)
		echo "list $((t1 - t0)) $rc" >>"$out"
	done
}

# pct FILE COMMAND P: the P-th percentile of COMMAND's microseconds.
pct() {
	awk -v c="$2" '$1 == c { print $2 }' "$1" | sort -n |
	    awk -v p="$3" '{ v[NR] = $1 } END {
		if (NR == 0) { print 0; exit }
		i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1
		print v[i] }'
}

ms() {
	awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'
}

checks=""
log_p50_pg=0
printf '%-10s %4s %9s  %-18s %-18s %-18s %-18s %s\n' store N cmds/s \
    "log p50/p99 ms" "ack p50/p99" "show p50/p99" "list p50/p99" failed
for n in $OFFICERS; do
	for store in postgresql sqlite; do
		if [ "$store" = postgresql ]; then
			name="officers_$$_$n"
			psql "$pg" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name
			    TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'
			    LC_CTYPE 'C.UTF-8'" >/dev/null
			db=$(printf '%s\n' "$pg" |
			    sed "s/dbname=[^ ]*/dbname=$name/")
		else
			db=$work/officers-$n.db
		fi
		"$COMPLAINTS" --db "$db" init --policy psps >/dev/null
		out=$work/$store-$n
		: >"$out"
		t0=$(now_us)
		for ((o = 0; o < n; o++)); do
			officer "$db" "officer$o" "$ROUNDS" "$out.$o" &
		done
		wait
		t1=$(now_us)
		for ((o = 0; o < n; o++)); do cat "$out.$o"; done >"$out"
		total=$(wc -l <"$out")
		failed=$(awk '$3 != 0' "$out" | wc -l)
		rate=$(awk -v c="$total" -v us=$((t1 - t0)) \
		    'BEGIN { printf "%.1f", c / (us / 1e6) }')
		line=$(printf '%-10s %4s %9s ' "$store" "$n" "$rate")
		for c in log ack show list; do
			p50=$(pct "$out" $c 50)
			p99=$(pct "$out" $c 99)
			line="$line $(printf '%-18s' "$(ms "$p50")/$(ms "$p99")")"
			if [ "$n" -eq 32 ] && [ "$p99" -ge 1000000 ]; then
				checks="$checks $store:$c p99 $(ms "$p99") ms at 32;"
			fi
		done
		echo "$line $failed"
		# A failure at any N is shown with its message; the target is
		# checked at 32.
		if [ "$failed" -ne 0 ]; then
			sed 's/^/  /' "$out".[0-9]*.err | sort | uniq -c | head -5
		fi
		if [ "$n" -eq 32 ] && [ "$failed" -ne 0 ]; then
			checks="$checks $store: $failed commands failed at 32;"
		fi
		if [ "$store" = postgresql ] && [ "$n" -eq 1 ]; then
			log_p50_pg=$(pct "$out" log 50)
		fi
	done
done

# The floor of one log on a server: a new psql process inserting one row
# of a case's columns, as each log is a new complaints process.
psql "$pg" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE floor_$$
    TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'" \
    >/dev/null
pg=$(printf '%s\n' "$pg" | sed "s/dbname=[^ ]*/dbname=floor_$$/")
psql "$pg" -qAtX -v ON_ERROR_STOP=1 -c "CREATE TABLE floor_cases(
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ref TEXT UNIQUE,
    complainant TEXT, service TEXT, summary TEXT, received BIGINT)" >/dev/null
floor=$work/floor
: >"$floor"
for ((i = 0; i < ROUNDS; i++)); do
	t0=$(now_us)
	psql "$pg" -qAtX -v ON_ERROR_STOP=1 -c "INSERT INTO floor_cases(ref,
	    complainant, service, summary, received) VALUES ('PSPS-2026-$i',
	    'Resident $i', 'Council Tax', 'Bill wrong', 20759)" >/dev/null
	t1=$(now_us)
	echo "insert $((t1 - t0)) 0" >>"$floor"
done
floor_p50=$(pct "$floor" insert 50)
echo
printf 'one log on the server at N = 1: p50 %s ms; psql inserting one row: p50 %s ms; ratio %s (target 2.00)\n' \
    "$(ms "$log_p50_pg")" "$(ms "$floor_p50")" \
    "$(awk -v a="$log_p50_pg" -v b="$floor_p50" 'BEGIN { printf "%.2f", a / b }')"
if [ -z "$checks" ]; then
	echo "at 32 officers: ok (no command failed; every p99 under 1 s)"
else
	echo "at 32 officers:$checks"
fi
