#!/bin/sh
# t6810-purge-readers.sh: a purge that waits for a reader to let go of old
# pages (to empty the store's log of the purged text) holds no lock while
# it waits: an officer's write goes through at once, before the purge
# ends, and the purge finishes when the reader does. On a terminal the
# purge says it waits, naming the reader.
. "$(dirname "$0")/lib.sh"

# wait_for CONDITION: until the shell condition holds (30 s at most).
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ $n -lt 600 ] || { echo "# gave up waiting for: $1" >&2; return 1; }
		sleep 0.05
	done
}

# hold_read: another process (a long report, a backup) holds a read
# transaction on complaints.db, begun now, until the file release appears
# (60 s at most); its process id in $reader.
hold_read() {
	rm -f holding release
	python3 -c "
import os, sqlite3, time
c = sqlite3.connect('complaints.db', isolation_level=None)
c.execute('BEGIN')
c.execute('SELECT count(*) FROM cases').fetchone()
open('holding', 'w').close()
for i in range(1200):
    if os.path.exists('release'):
        break
    time.sleep(0.05)
c.execute('ROLLBACK')
" &
	reader=$!
	wait_for "test -e holding"
}

let_go() {
	: >release
	wait $reader
}

# closed_long_ago NAME: a case of NAME, closed in 2019 (purge fodder).
closed_long_ago() {
	cpl init --policy south-staffordshire &&
	old=$(cpl log --complainant "$1" --summary "About $1" \
	    --received 2019-03-04) &&
	cpl close "$old" --reason withdrawn --date 2019-03-05
}

# purged: the purge has committed (its wait for readers is what is left).
purged() {
	test "$(sqlite3 complaints.db \
	    "SELECT count(*) FROM cases WHERE purged IS NOT NULL")" = 1
}

# During the purge's wait: a log, done at once (30 s at most, COMPLAINTS_WAIT),
# while the purge is still waiting; then the reader lets go.
log_during_purge() {
	hold_read &&
	{ COMPLAINTS_WAIT=60 "$COMPLAINTS" purge --closed-before 2020-01-01 \
	    --format csv >purge.out 2>purge.err & } &&
	purger=$! &&
	wait_for purged &&
	new=$(COMPLAINTS_WAIT=30 cpl log --complainant "During Purge" \
	    --summary s --received 2026-11-02) &&
	kill -0 $purger
}

test_expect_success 'a purge waiting for a reader holds up no officer: a log goes through before it ends' '
	cd "$TEST_DIR" && mkdir log && cd log &&
	closed_long_ago "Ursula Oldpage" &&
	{ log_during_purge; st=$?; let_go; test $st = 0; } &&
	wait $purger &&
	test ! -s purge.err &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-05\n" "$old" >expect &&
	test_cmp expect purge.out &&
	test "$(cpl show "$new" --format json | jfield .complainant)" = "During Purge" &&
	test ! -s complaints.db-wal &&
	! LC_ALL=C grep -q Oldpage complaints.db &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'on a terminal, a purge waiting for a reader says so once, naming it' '
	cd "$TEST_DIR" && mkdir tty && cd tty &&
	command -v script >/dev/null &&
	closed_long_ago "Vera Readwait" &&
	hold_read &&
	{ script -qec "\"$COMPLAINTS\" purge --closed-before 2020-01-01" \
	    /dev/null >tty.out & } &&
	purger=$! &&
	{ wait_for "grep -qs \"waiting for\" tty.out"; st=$?; let_go; test $st = 0; } &&
	wait $purger &&
	tr -d "\r" <tty.out >tty.txt &&
	test "$(grep -c "waiting for" tty.txt)" = 1 &&
	grep -q "^complaints: waiting for .complaints.db. (up to 120 seconds): .python3 -c .* (pid $reader, account $(id -un)) is reading it\$" tty.txt &&
	! LC_ALL=C grep -q Readwait complaints.db
'

test_done
