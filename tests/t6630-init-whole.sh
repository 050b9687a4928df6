#!/bin/sh
# t6630-init-whole.sh: init makes a new store whole or not at all
# (complaints-init(1)). It builds it under a temporary name beside the
# store's (.NAME.init-XXXXXX) and gives it the name only once complete,
# and only if the name is still free: an init killed at any moment leaves
# no store or one that works, with its default policy; of two inits at
# once, the second finds the first's store and sets it up as an existing
# one. The next init removes what a killed one left, once no init holds
# it.
. "$(dirname "$0")/lib.sh"

# within NAME: work in a new directory.
within() {
	mkdir "$TEST_DIR/$1" && cd "$TEST_DIR/$1"
}

# leftovers: the temporary files of inits in this directory.
leftovers() {
	ls -A | grep "^\.x\.db\.init-" || :
}

# How long an init takes with this build (a sanitizer build is much
# slower): the kills land within 1.2 times that (sleep's own start
# included).
test_expect_success 'sixty inits killed at random moments: each leaves no store, or one that logs under its default policy' '
	within t1 &&
	python3 - "$COMPLAINTS" <<-PY >delays &&
	import os, random, subprocess, sys, time
	best = None
	for i in range(3):
	    if os.path.exists("t.db"):
	        os.remove("t.db")
	    t = time.time()
	    subprocess.run([sys.argv[1], "--db", "t.db", "init", "--policy",
	        "south-staffordshire"], stdin=subprocess.DEVNULL, check=True)
	    t = time.time() - t
	    best = t if best is None else min(best, t)
	r = random.Random(6630)
	for k in range(60):
	    print("%.4f" % (r.random() * 1.2 * best))
	PY
	k=0 && none=0 && whole=0 &&
	while read -r delay; do
		k=$((k + 1)) &&
		mkdir "r$k" && cd "r$k" || return 1
		"$COMPLAINTS" --db x.db init --policy south-staffordshire \
		    >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -9 $pid 2>/dev/null
		wait $pid
		if [ -e x.db ]; then
			ref=$("$COMPLAINTS" --db x.db log --complainant A --summary s) ||
			    { echo "# round $k ($delay s): the store left is refused" >&2; return 1; }
			case $ref in
			SSC-*) whole=$((whole + 1)) ;;
			*) echo "# round $k ($delay s): logged as $ref" >&2; return 1 ;;
			esac
		else
			none=$((none + 1))
		fi
		# whatever was left, the next init finishes the job and tidies up
		"$COMPLAINTS" --db x.db init --policy south-staffordshire &&
		test -z "$(leftovers)" &&
		test "$(sqlite3 x.db "PRAGMA integrity_check")" = ok || return 1
		cd ..
	done <delays &&
	echo "# $none left no store, $whole a whole one" >&2 &&
	test $((none + whole)) = 60
'

test_expect_success 'two inits at once, thirty times over: one store, both succeed, no temporary file left' '
	within t2 &&
	round=1 &&
	while [ $round -le 30 ]; do
		rm -f x.db || return 1
		cpl --db x.db init --policy psps 2>err1 & p1=$!
		cpl --db x.db init --policy south-staffordshire --audit-reads on \
		    2>err2 & p2=$!
		wait $p1 && wait $p2 &&
		test ! -s err1 && test ! -s err2 && test -z "$(leftovers)" &&
		test "$(sqlite3 x.db "SELECT value FROM settings
		    WHERE key = '\''audit_reads'\''")" = on &&
		test "$(sqlite3 x.db "SELECT count(*) FROM events
		    WHERE action = '\''default-policy'\''")" -ge 1 &&
		cpl --db x.db log --complainant A --summary s >/dev/null ||
		    { echo "# round $round" >&2; cat err1 err2 >&2; return 1; }
		round=$((round + 1))
	done
'

test_expect_success 'init removes what a killed init left, but not one still at work, nor another account'\''s' '
	within t3 &&
	: >.x.db.init-AAAAAA && : >.x.db.init-AAAAAA-wal && : >.x.db.init-AAAAAA-shm &&
	: >.x.db.init-BBBBBB || return 1
	# an init at work holds its file locked (here: sleep, the lock on the
	# descriptor it keeps)
	( exec 9<.x.db.init-BBBBBB && flock -x 9 && : >held && exec sleep 5 ) &
	holder=$!
	n=0 && while [ ! -e held ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done &&
	cpl --db x.db init --policy psps &&
	test "$(leftovers)" = .x.db.init-BBBBBB &&
	kill $holder && { wait $holder 2>/dev/null; : ; } &&
	cpl --db x.db init &&
	test -z "$(leftovers)" &&
	test -f x.db
'

if accounts_ready; then
	test_expect_success 'init leaves another account'\''s leftovers, and refuses its empty file where the store would be (3)' '
		within t4 && chmod 1777 . &&
		as_user cpltest2 sh -c "umask 077 && : >.x.db.init-CCCCCC && : >x.db" &&
		fails 3 cpl --db x.db init --policy psps &&
		one_line_error err "x.db. is an empty file of another account.s, not a database: remove it" &&
		test "$(stat -c "%U %s" x.db)" = "cpltest2 0" &&
		test "$(leftovers)" = .x.db.init-CCCCCC
	'
else
	test_skip "init leaves another account's files" "$accounts_why"
fi

test_done
