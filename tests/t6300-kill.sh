#!/bin/sh
# t6300-kill.sh: a process killed (SIGKILL) at any moment of a write leaves
# the store as it was before that command or as it is after it, never
# between (issue 6). log, escalate and import are killed after random
# delays, sixty times; after each kill the store is sound (PRAGMA
# integrity_check), every case is whole, and every command that finished
# (exit 0) before it could be killed is in the store.
. "$(dirname "$0")/lib.sh"

# After every date bench/gen-import.py writes.
export COMPLAINTS_TODAY=2026-12-31

# whole: every case has stage 1 and its 'logged' event, its stages have no
# gap and each one past the first its 'escalated' event; no event, stage or
# extension belongs to no case.
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

test_expect_success 'set up: 40 complaints answered at stage 1, a file to import' '
	cpl init --policy south-staffordshire &&
	i=0 &&
	while [ $i -lt 40 ]; do
		r=$(cpl log --complainant "K$i" --summary s --received 2026-06-01) &&
		cpl ack "$r" --date 2026-06-02 &&
		cpl respond "$r" --outcome not-upheld --date 2026-06-03 &&
		echo "$r" >>answered || return 1
		i=$((i + 1))
	done &&
	for n in $(seq 60); do
		python3 "$SRCDIR/bench/gen-import.py" 1500 $n "B$n" >b$n.csv ||
		return 1
	done &&
	: >done && : >killed
'

# How long a log and an import of 1,500 cases take with this build (a
# sanitizer build is much slower), in a scratch store: the kills land
# within twice that, so some commands are killed part-way and some finish.
test_expect_success 'time a log and an import on this build' '
	python3 - "$COMPLAINTS" <<-PY >times
	import os, subprocess, sys, time
	env = dict(os.environ, COMPLAINTS_DB="scratch.db")
	run = lambda *a: subprocess.run([sys.argv[1], *a], env=env,
	    stdin=subprocess.DEVNULL, capture_output=True, check=True)
	run("init", "--policy", "south-staffordshire")
	t = time.time()
	for i in range(5):
	    run("log", "--complainant", "T", "--summary", "s")
	log = (time.time() - t) / 5
	t = time.time()
	run("import", "b60.csv")
	print("%.4f %.4f" % (log, time.time() - t))
	PY
'

# Each round: a command in the background, killed after a random moment.
test_expect_success 'sixty kills: after each, the store is sound and every case whole' '
	read log_t import_t <times &&
	python3 -c "
import random
r = random.Random(6)
for k in range(60):
    op = r.choice([\"log\", \"log\", \"escalate\", \"import\"])
    d = r.uniform(0, 2 * ($import_t if op == \"import\" else $log_t))
    print(op, \"%.3f\" % d)
" >plan &&
	n=0 &&
	while read op delay; do
		n=$((n + 1))
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
			"$COMPLAINTS" import b$n.csv >out.$n 2>/dev/null &
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
			echo "# $op exited $rc" >&2; return 1
		fi
		whole || { echo "# not whole after kill $n ($op at $delay s)" >&2; return 1; }
	done <plan &&
	kills=$(grep -c . plan) && test $kills = 60
'

test_expect_success 'every command that finished before its kill is in the store' '
	while read what a b; do
		case $what in
		log)
			test "$(sqlite3 complaints.db "SELECT ref FROM cases WHERE external_ref = '\''$a'\''")" = "$b" ;;
		escalate)
			test "$(sqlite3 complaints.db "SELECT max(s.stage) FROM stages s JOIN cases c ON c.id = s.case_id WHERE c.ref = '\''$a'\''")" = 2 ;;
		import)
			test "$(sqlite3 complaints.db "SELECT count(*) FROM cases WHERE external_ref LIKE '\''$a-%'\''")" = 1500 ;;
		esac || { echo "# missing: $what $a $b" >&2; return 1; }
	done <done
'

# Not a test that cannot fail: commands were killed part-way, and others
# finished, of each kind.
test_expect_success 'the kills landed: log and import both killed and finished' '
	grep -q "^log\$" killed && grep -q "^import\$" killed &&
	grep -q "^log " done &&
	test "$(wc -l <killed)" -ge 20
'

test_expect_success 'each import is all or nothing: 0 or 1,500 of its cases, never between' '
	for n in $(seq 60); do
		c=$(sqlite3 complaints.db "SELECT count(*) FROM cases WHERE external_ref LIKE '\''B$n-%'\''") &&
		{ test "$c" = 0 || test "$c" = 1500; } ||
		{ echo "# import $n: $c cases" >&2; return 1; }
	done
'

test_done
