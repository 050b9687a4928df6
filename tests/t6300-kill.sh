#!/bin/sh
# t6300-kill.sh: a process killed (SIGKILL) at any moment of a write leaves
# the store as it was before that command or as it is after it, never
# between (README: Store). log, escalate and import are killed after
# random delays, sixty times; after each kill the store is sound (PRAGMA
# integrity_check), every case is whole, and every command that finished
# (exit 0) before it could be killed is in the store. The kills are made
# once per file (the fixture "kills"); each test checks what they left.
. "$(dirname "$0")/lib.sh"

# After every date bench/gen-import.py writes.
export COMPLAINTS_TODAY=2026-12-31

# whole: every case has stage 1 and its 'logged' event, its stages have no
# gap and each one past the first its 'escalated' event; no event, stage or
# extension belongs to no case.
#
# SQLite-only: SQLite's integrity_check, and the store's own tables read
# for rows that belong to no case, which no command can show.
whole() {
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 complaints.db "
SELECT (SELECT count(*) FROM cases c WHERE NOT EXISTS
          (SELECT 1 FROM stages s WHERE s.case_id = c.id AND s.stage = 1))
     + (SELECT count(*) FROM cases c WHERE NOT EXISTS
          (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.action = 'logged'))
     + (SELECT count(*) FROM cases c WHERE
          (SELECT count(*) FROM stages s WHERE s.case_id = c.id) !=
          (SELECT max(stage) FROM stages s WHERE s.case_id = c.id))
     + (SELECT count(*) FROM stages s WHERE s.stage > 1 AND NOT EXISTS
          (SELECT 1 FROM events e WHERE e.case_id = s.case_id
           AND e.stage = s.stage AND e.action = 'escalated'))
     + (SELECT count(*) FROM events e WHERE e.case_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id))
     + (SELECT count(*) FROM stages s WHERE NOT EXISTS
          (SELECT 1 FROM cases c WHERE c.id = s.case_id))")" = 0
}

# answered_store: a store of 40 complaints answered at stage 1 (their
# references in the file answered), and b60.csv, 1,500 cases to import.
answered_store() {
	cpl init --policy south-staffordshire &&
	i=0 &&
	while [ $i -lt 40 ]; do
		r=$(cpl log --complainant "K$i" --summary s --received 2026-06-01) &&
		cpl ack "$r" --date 2026-06-02 &&
		cpl respond "$r" --outcome not-upheld --date 2026-06-03 &&
		echo "$r" >>answered || return 1
		i=$((i + 1))
	done &&
	python3 "$SRCDIR/bench/gen-import.py" 1500 60 B60 >b60.csv &&
	: >done && : >killed
}

# time_commands: how long a log and an import of 1,500 cases take with
# this build (a sanitizer build is much slower), in a scratch store, as
# "LOG IMPORT" (seconds): the kills land within twice that, so some
# commands are killed part-way and some finish.
time_commands() {
	COMPLAINTS_DB=scratch.db cpl init --policy south-staffordshire &&
	t0=$(date +%s.%N) &&
	for i in 1 2 3 4 5; do
		COMPLAINTS_DB=scratch.db cpl log --complainant T --summary s \
		    >/dev/null || return 1
	done &&
	t1=$(date +%s.%N) &&
	COMPLAINTS_DB=scratch.db cpl import b60.csv >/dev/null &&
	t2=$(date +%s.%N) &&
	awk -v t0="$t0" -v t1="$t1" -v t2="$t2" \
	    'BEGIN { printf "%.4f %.4f\n", (t1 - t0) / 5, t2 - t1 }'
}

# round N OP DELAY: run OP (log, escalate or import) in the background and
# kill it after DELAY seconds; note whether it was killed or had finished
# (and then what it did), and check the store: what is wrong goes to the
# file broken.
round() {
	n=$1 op=$2 delay=$3
	case $op in
	log)
		"$COMPLAINTS" log --complainant "L$n" --summary s \
		    --external-ref "L$n" --received 2026-06-01 </dev/null \
		    >out.$n 2>/dev/null &
		;;
	escalate)
		ref=$(sed -n "$(( (n % 40) + 1 ))p" answered)
		"$COMPLAINTS" escalate "$ref" --reason again \
		    --date 2026-06-10 >/dev/null 2>&1 &
		;;
	import)
		# b60.csv under external references of its own, B<N>-...
		sed "s/^B60-/B$n-/" b60.csv >b.csv
		"$COMPLAINTS" import b.csv >out.$n 2>/dev/null &
		;;
	esac
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid
	rc=$?
	# Finished before the kill: its work must be in the store.
	if [ $rc -eq 0 ]; then
		case $op in
		log) echo "log L$n $(cat out.$n)" >>done ;;
		escalate) echo "escalate $ref" >>done ;;
		import) echo "import B$n" >>done ;;
		esac
	elif [ $rc -eq 137 ]; then
		echo "$op" >>killed
	elif [ $op != escalate ]; then
		# escalate may be refused (1): that case is at stage 2
		echo "round $n: $op exited $rc" >>broken
		return 1
	fi
	whole || {
		echo "not whole after kill $n ($op at $delay s)" >>broken
		return 1
	}
}

# delay T TRIES PER: T * TRIES / PER seconds, as sleep takes them.
delay() {
	awk -v t="$1" -v k="$2" -v per="$3" 'BEGIN { printf "%.4f\n", t * k / per }'
}

# until_seen OP FILE PATTERN MAX TIMES PER WHAT: more rounds of OP, the
# k-th killed after TIMES * k / PER times what OP takes, until FILE holds
# PATTERN; past MAX of them, "OP never WHAT" goes to the file missing. 1
# when a round finds something wrong.
until_seen() {
	t=$log_t
	[ "$1" = import ] && t=$import_t
	tries=0
	until grep -q "$3" "$2"; do
		n=$((n + 1)) tries=$((tries + 1))
		if [ $tries -gt "$4" ]; then
			echo "$1 never $7" >>missing
			return 0
		fi
		round $n "$1" "$(delay "$t" $(($5 * tries)) "$6")" || return 1
	done
}

# kills: the answered store, the times of this build, then sixty rounds,
# each killed after a random moment up to twice what the command takes on
# this build (the plan in the file plan, a line a round: "OP DELAY"). The
# rounds done go to the file rounds, the first one after which the store
# was not whole to the file broken.
#
# On a loaded machine the times drift: where a kind of command was never
# killed part-way, or never finished, more rounds with shorter (longer)
# delays until it has been, so that no test passes without trying both;
# a kind that never was, after 30 (10) more rounds, goes to the file
# missing.
kills() {
	answered_store &&
	time_commands >times &&
	read log_t import_t <times &&
	awk -v lt="$log_t" -v it="$import_t" 'BEGIN {
		srand(6)
		for (k = 0; k < 60; k++) {
			r = int(rand() * 4)
			op = r < 2 ? "log" : r == 2 ? "escalate" : "import"
			printf "%s %.3f\n", op,
			    rand() * 2 * (op == "import" ? it : lt)
		}
	}' >plan &&
	: >rounds && : >broken && : >missing || return 1
	n=0
	while read op delay; do
		n=$((n + 1))
		round $n $op $delay || return 0
		echo $n >>rounds
	done <plan
	n=100
	for op in log escalate import; do
		until_seen $op killed "^$op\$" 30 1 60 killed || return 0
	done
	for op in log import; do
		until_seen $op done "^$op " 10 3 1 finished || return 0
	done
}

# The store after the kills, a line a case: its external reference (or
# "-"), its reference and its stage.
cases_table() {
	cpl export --format jsonl >cases.jsonl &&
	jq -r '[.external_ref // "-", .ref, .stage] | map(tostring) | join(" ")' \
	    cases.jsonl >cases
}

test_expect_success 'a store of 40 complaints answered at stage 1, a file to import' '
	test_dir && answered_store &&
	test "$(wc -l <answered)" = 40 && test "$(wc -l <b60.csv)" = 1501
'

test_expect_success 'time a log and an import on this build' '
	test_dir && fixture kills kills &&
	read log_t import_t <times &&
	awk -v l="$log_t" -v i="$import_t" "BEGIN { exit !(l > 0 && i > 0) }"
'

test_expect_success 'sixty kills: after each, the store is sound and every case whole' '
	test_dir && fixture kills kills &&
	test "$(wc -l <plan)" = 60 &&
	{ test ! -s broken || { sed "s/^/# /" broken >&2; false; }; } &&
	test "$(wc -l <rounds)" = 60
'

test_expect_success 'every kind was killed part-way, and log and import also finished' '
	test_dir && fixture kills kills &&
	{ test ! -s broken || { sed "s/^/# /" broken >&2; false; }; } &&
	{ test ! -s missing || { sed "s/^/# /" missing >&2; false; }; } &&
	for op in log escalate import; do
		grep -q "^$op\$" killed || return 1
	done &&
	grep -q "^log " done && grep -q "^import " done
'

test_expect_success 'every command that finished before its kill is in the store' '
	test_dir && fixture kills kills &&
	cases_table &&
	while read what a b; do
		case $what in
		log)
			test "$(awk -v x="$a" "\$1 == x { print \$2 }" cases)" = "$b" ;;
		escalate)
			test "$(awk -v r="$a" "\$2 == r { print \$3 }" cases)" = 2 ;;
		import)
			test "$(grep -c "^$a-" cases)" = 1500 ;;
		esac || { echo "# missing: $what $a $b" >&2; return 1; }
	done <done
'

test_expect_success 'each import is all or nothing: 0 or 1,500 of its cases, never between' '
	test_dir && fixture kills kills &&
	cases_table &&
	sed -n "s/^\(B[0-9]*\)-.*/\1/p" cases | sort | uniq -c >imports &&
	while read c import; do
		test "$c" = 1500 || { echo "# import $import: $c cases" >&2; return 1; }
	done <imports
'

test_done
