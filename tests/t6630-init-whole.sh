#!/bin/sh
# t6630-init-whole.sh: init makes a new store whole or not at all
# (complaints-init(1)). It builds it under a temporary name beside the
# store's (.NAME.init-XXXXXX) and gives it the name only once complete,
# and only if the name is still free: an init killed at any moment leaves
# no store or one that works, with its default policy; of two inits at
# once, the second finds the first's store and sets it up as an existing
# one. The next init removes what a killed one left, once no init holds
# it. Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

# leftovers: the temporary files of inits in this directory.
leftovers() {
	ls -A | grep "^\.x\.db\.init-" || :
}

# init_time: how long an init takes with this build (a sanitizer build is
# much slower), the best of three, in seconds.
init_time() {
	for i in 1 2 3; do
		rm -f t.db &&
		t0=$(date +%s.%N) &&
		cpl --db t.db init --policy south-staffordshire &&
		echo "$t0 $(date +%s.%N)" || return 1
	done | awk '{ t = $2 - $1; if (NR == 1 || t < best) best = t }
	    END { printf "%.4f\n", best }'
}

# The kills land at random moments within 1.2 times an init's time
# (sleep's own start included).
#
# SQLite-only: PRAGMA integrity_check, SQLite's own check of the file.
test_expect_success 'sixty inits killed at random moments: each leaves no store, or one that logs under its default policy' '
	test_dir &&
	best=$(init_time) &&
	awk -v best="$best" "BEGIN { srand(6630);
	    for (k = 0; k < 60; k++) printf \"%.4f\\n\", rand() * 1.2 * best }" \
	    >delays &&
	test "$(wc -l <delays)" = 60 &&
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

# Each asks for its own default policy (--set-default-policy: an init
# that only names one leaves another in place). Reads are audited, as the
# second init asks (a read is recorded); the
# default policy is recorded (SQLite-only: the store's own event, which no
# command shows, is read from its table).
test_expect_success 'two inits at once, thirty times over: one store, both succeed, no temporary file left' '
	test_dir &&
	round=1 &&
	while [ $round -le 30 ]; do
		rm -f x.db || return 1
		cpl --db x.db init --set-default-policy psps 2>err1 & p1=$!
		cpl --db x.db init --set-default-policy south-staffordshire --audit-reads on \
		    2>err2 & p2=$!
		wait $p1 && wait $p2 &&
		test ! -s err1 && test ! -s err2 && test -z "$(leftovers)" &&
		test "$(sqlite3 x.db "SELECT count(*) FROM events
		    WHERE action = '\''default-policy'\''")" -ge 1 &&
		ref=$(cpl --db x.db log --complainant A --summary s) &&
		cpl --db x.db show "$ref" >/dev/null &&
		cpl --db x.db history "$ref" --format csv >h.csv &&
		grep -q ",tester,1,viewed,\$" h.csv ||
		    { echo "# round $round" >&2; cat err1 err2 >&2; return 1; }
		round=$((round + 1))
	done
'

test_expect_success 'init removes what a killed init left, but not one still at work, nor another account'\''s' '
	test_dir &&
	: >.x.db.init-AAAAAA && : >.x.db.init-AAAAAA-wal && : >.x.db.init-AAAAAA-shm &&
	: >.x.db.init-BBBBBB || return 1
	# an init at work holds its file locked (here: a subshell, the lock on
	# the descriptor it keeps, until the test lets it go)
	( exec 9<.x.db.init-BBBBBB && flock -x 9 && : >held &&
	  wait_for test -e release ) &
	holder=$!
	wait_for test -e held &&
	cpl --db x.db init --policy psps &&
	test "$(leftovers)" = .x.db.init-BBBBBB
	st=$?
	: >release && wait $holder &&
	test $st = 0 &&
	cpl --db x.db init &&
	test -z "$(leftovers)" &&
	test -f x.db
'

if accounts_ready; then
	test_expect_success 'init leaves another account'\''s leftovers, and refuses its empty file where the store would be (3)' '
		test_dir && chmod 1777 . &&
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
