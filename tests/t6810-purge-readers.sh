#!/bin/sh
# t6810-purge-readers.sh: a purge that waits for a reader to let go of old
# pages (to empty the store's log of the purged text) holds no lock while
# it waits: an officer's write goes through at once, before the purge
# ends, and the purge finishes when the reader does. On a terminal the
# purge says it waits, naming the reader. The reader is a sqlite3 shell
# in a read transaction until the test lets go (tests/lib.sh: hold_read).
# Every test makes its own store in its own directory.
#
# SQLite-only, the whole file: the reader is a sqlite3 shell, and the
# notice names it.
. "$(dirname "$0")/lib.sh"

# closed_long_ago NAME: a new store in this test's directory holding a
# case of NAME, closed in 2019 (purge fodder); its reference in $old.
closed_long_ago() {
	fresh_store south-staffordshire &&
	old=$(cpl log --complainant "$1" --summary "About $1" \
	    --received 2019-03-04) &&
	cpl close "$old" --reason withdrawn --date 2019-03-05
}

# purged: the purge has committed (its wait for readers is what is left).
purged() {
	cpl show "$old" --format json >old.json &&
	test "$(jfield .purged <old.json)" != null
}

# During the purge's wait: a log, done at once (30 s at most, COMPLAINTS_WAIT),
# while the purge is still waiting; then the reader lets go.
log_during_purge() {
	hold_read &&
	{ COMPLAINTS_WAIT=60 "$COMPLAINTS" purge --yes --closed-before 2020-01-01 \
	    --format csv >purge.out 2>purge.err 3>&- & } &&
	purger=$! &&
	wait_for purged &&
	new=$(COMPLAINTS_WAIT=30 cpl log --complainant "During Purge" \
	    --summary s --received 2026-11-02 3>&-) &&
	kill -0 $purger
}

# SQLite-only: the store's -wal file and its file searched, and SQLite's
# integrity_check.
test_expect_success 'a purge waiting for a reader holds up no officer: a log goes through before it ends' '
	closed_long_ago "Ursula Oldpage" &&
	{ log_during_purge; st=$?; let_go; test $st = 0; } &&
	wait $purger &&
	test ! -s purge.err &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-05\n" "$old" >expect &&
	test_cmp expect purge.out &&
	test "$(cpl show "$new" --format json | jfield .complainant)" = "During Purge" &&
	test ! -s complaints.db-wal &&
	test_must_fail 1 env LC_ALL=C grep -q Oldpage complaints.db &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok
'

# SQLite-only: the store's file searched.
test_expect_success 'on a terminal, a purge waiting for a reader says so once, naming it' '
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	closed_long_ago "Vera Readwait" &&
	hold_read &&
	{ script -qec "\"$COMPLAINTS\" purge --yes --closed-before 2020-01-01" \
	    /dev/null >tty.out 3>&- & } &&
	purger=$! &&
	{ wait_for grep -qs "waiting for" tty.out; st=$?; let_go; test $st = 0; } &&
	wait $purger &&
	tr -d "\r" <tty.out >tty.txt &&
	test "$(grep -c "waiting for" tty.txt)" = 1 &&
	grep -q "^complaints: waiting for .complaints.db. (up to 120 seconds): .sqlite3 complaints.db. (pid $holder, account $(id -un)) is reading it\$" tty.txt &&
	test_must_fail 1 env LC_ALL=C grep -q Readwait complaints.db
'

test_done
