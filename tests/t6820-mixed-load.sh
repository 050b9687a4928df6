#!/bin/sh
# t6820-mixed-load.sh: 64 processes at once, for several seconds, each its
# own loop of officers' and cron jobs' commands (log, ack, respond, report
# overdue and summary, list, an import of a few hundred cases, purge),
# all with the default wait: not one fails. A purge waits for readers
# without holding up writers, and retries when another process's
# checkpoint is running; an import holds the store for less than the wait.
# Afterwards the store is sound and holds exactly what the commands did,
# as export shows it.
. "$(dirname "$0")/lib.sh"

# After every date bench/gen-import.py writes.
export COMPLAINTS_TODAY=2026-12-31
unset COMPLAINTS_WAIT

# How long the processes go on starting commands (seconds).
LOAD=8

# worker N END: commands until END (seconds since the epoch); one line a
# command in res.N: "what exit-status". Worker 16k is a purge in a loop,
# 16k+1 imports and reads; the others log a case, acknowledge it, answer
# it, and read.
worker() {
	n=$1 end=$2 i=0 ref=
	while [ "$(date +%s)" -lt "$end" ]; do
		case $((n % 16)):$((i % 4)) in
		0:*) what=purge ;;
		1:0) what=import ;;
		1:*) what=read ;;
		*:0) what=log ;;
		*:1) what=ack ;;
		*:2) what=respond ;;
		*) what=read ;;
		esac
		case $what in
		purge)	"$COMPLAINTS" purge --yes --closed-before 2026-11-06 \
			    >/dev/null 2>>"err.$n" ;;
		import)	f=imp.$n.$((i / 4)).csv
			[ -e "$f" ] || f=imp.$n.0.csv
			"$COMPLAINTS" import "$f" >/dev/null 2>>"err.$n" ;;
		log)	ref=$("$COMPLAINTS" --officer "o$n" log \
			    --complainant "W$n-$i" --summary s \
			    --received 2026-12-01 </dev/null 2>>"err.$n") ;;
		ack)	"$COMPLAINTS" --officer "o$n" ack "$ref" \
			    --date 2026-12-02 2>>"err.$n" ;;
		respond) "$COMPLAINTS" --officer "o$n" respond "$ref" \
			    --outcome upheld --date 2026-12-03 2>>"err.$n" ;;
		read)	case $((n % 4)) in
			0|1) "$COMPLAINTS" report overdue ;;
			2) "$COMPLAINTS" report summary --from 2026-01-01 \
			       --to 2026-12-31 ;;
			3) "$COMPLAINTS" list --status open ;;
			esac >/dev/null 2>>"err.$n" ;;
		esac
		echo "$what $?" >>"res.$n"
		i=$((i + 1))
	done
}

# What export shows of the commands' work, on a line: cases logged by the
# workers (complainant Wn-i), their acknowledgements and answers (by
# officers on), cases of the big import, cases of the small ones, and
# cases of the old complainants not purged.
work_done() {
	cpl export --include-history --format jsonl >cases.jsonl &&
	jq -s -r '
	    def events($a): [.[].history[] |
		select((.officer // "") | test("^o[0-9]")) |
		select(.action == $a)] | length;
	    def cases(f): map(select(f)) | length;
	    [cases((.complainant // "") | test("^W[0-9].*-[0-9]")),
	     events("acknowledged"), events("responded"),
	     cases((.external_ref // "") | startswith("BIG-")),
	     cases((.external_ref // "") | startswith("I")),
	     cases((.complainant // "") | startswith("Old "))] |
	    map(tostring) | join(" ")' cases.jsonl
}

# SQLite-only: SQLite's integrity_check, and its -wal file emptied.
test_expect_success 'sixty-four processes at once, with imports and purges: none fails' '
	fresh_store south-staffordshire &&
	i=0 &&
	while [ $i -lt 30 ]; do
		r=$(cpl log --complainant "Old $i" --summary "Old" \
		    --received 2019-01-07) &&
		cpl close "$r" --reason withdrawn --date 2019-02-01 || return 1
		i=$((i + 1))
	done &&
	python3 "$SRCDIR/bench/gen-import.py" 2000 1 BIG >big.csv &&
	python3 "$SRCDIR/bench/gen-import.py" 300 10 I >imp.csv &&
	# the same 300 cases under external references of their own, In-k-...
	for n in 1 17 33 49; do
		for k in 0 1 2 3; do
			sed "s/^I-/I$n-$k-/" imp.csv >"imp.$n.$k.csv" || return 1
		done
	done &&
	end=$(($(date +%s) + LOAD)) &&
	{ "$COMPLAINTS" import big.csv >big.out 2>big.err & } &&
	n=1 &&
	while [ $n -le 64 ]; do
		worker $n $end &
		n=$((n + 1))
	done &&
	wait &&
	cat res.* >all &&
	for what in log ack respond read import purge; do
		grep -q "^$what 0\$" all ||
		{ echo "# no $what ran" >&2; return 1; }
	done &&
	{ test_must_fail 1 grep -v " 0\$" all ||
	  { cat err.* | sort | uniq -c | head >&2; false; }; } &&
	# nothing but the imports'\'' warnings (the same complainants again,
	# about the same services, case by case)
	test "$(grep -hv "^[^:]*:[0-9]*: warning: possible duplicate or related case: " big.err err.*)" = "" &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
	logged=$(grep -c "^log 0\$" all) &&
	acked=$(grep -c "^ack 0\$" all) &&
	answered=$(grep -c "^respond 0\$" all) &&
	imports=$(grep -c "^import 0\$" all) &&
	work_done >work &&
	read w_logged w_acked w_answered w_big w_small w_old <work &&
	test "$w_logged" = "$logged" &&
	test "$w_acked" = "$acked" &&
	test "$w_answered" = "$answered" &&
	test "$w_big" = 2000 &&
	test "$w_small" -le $((imports * 300)) &&
	test "$w_old" = 0 &&
	test ! -s complaints.db-wal
'

test_done
