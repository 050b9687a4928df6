#!/bin/sh
# t6800-wait-notice.sh: a command kept waiting by another process's lock on
# the store says so once, on a terminal, naming the process that holds it
# (pid, command line, account); off a terminal (a script, cron) it waits in
# silence. The default wait is 120 seconds (COMPLAINTS_WAIT overrides it);
# past it, exit 3 and nothing changed. script(1) gives the command a
# terminal; a sqlite3 shell in a transaction begun IMMEDIATE holds the
# store's write lock until the test lets go (tests/lib.sh: hold_write).
# Every test makes its own store in its own directory.
#
# SQLite-only, the whole file: the process holding the store is a sqlite3
# shell, and the notice names it.
. "$(dirname "$0")/lib.sh"

# on_tty OUT CMD: CMD (one shell word list, quoted for sh -c) on a
# pseudo-terminal, what the terminal shows in OUT (lines end in CR LF);
# in the background, its process id in $waiter.
on_tty() {
	out=$1
	shift
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	{ script -qec "$*" /dev/null >"$out" 3>&- & } &&
	waiter=$!
}

# waited PID SECONDS: process PID has been running for SECONDS at least
# (as ps counts, in whole seconds).
waited() {
	test "$(ps -o etimes= -p "$1")" -ge "$2"
}

# The notice comes after a second of waiting; once it has, the command is
# kept waiting until it has waited three seconds in all, and says nothing
# more.
test_expect_success 'on a terminal, a waiting command says once which process holds the store' '
	fresh_store psps &&
	hold_write &&
	on_tty tty.out "\"$COMPLAINTS\" log --complainant Waiting --summary s" &&
	wait_for grep -qs "waiting for" tty.out &&
	wait_for waited $waiter 3 &&
	let_go &&
	wait $waiter &&
	tr -d "\r" <tty.out >tty.txt &&
	test "$(grep -c "waiting for" tty.txt)" = 1 &&
	grep -q "^complaints: waiting for .complaints.db. (up to 120 seconds): .sqlite3 complaints.db. (pid $holder, account $(id -un)) is writing to it\$" tty.txt &&
	grep -q "^PSPS-2026-00001\$" tty.txt &&
	test "$(case_count)" = 1 &&
	test "$(cpl show PSPS-2026-00001 --format json | jfield .complainant)" = Waiting
'

test_expect_success 'COMPLAINTS_WAIT sets the wait the notice gives' '
	fresh_store psps &&
	hold_write &&
	on_tty tty.out "COMPLAINTS_WAIT=45 \"$COMPLAINTS\" log --complainant Env --summary s" &&
	wait_for grep -qs "waiting for" tty.out &&
	let_go &&
	wait $waiter &&
	grep -q "waiting for .complaints.db. (up to 45 seconds): .sqlite3 complaints.db. (pid $holder, " tty.out
'

# Off a terminal, the command is kept waiting until it has waited two
# seconds, past the second after which a terminal is told.
test_expect_success 'off a terminal, a waiting command prints nothing but its result' '
	fresh_store psps &&
	hold_write &&
	{ "$COMPLAINTS" log --complainant Quiet --summary s >out 2>err 3>&- & } &&
	waiter=$! &&
	wait_for waited $waiter 2 &&
	kill -0 $waiter &&
	let_go &&
	wait $waiter &&
	test "$(cat out)" = PSPS-2026-00001 &&
	test ! -s err
'

test_expect_success 'past the wait: exit 3, the plain message after the notice, nothing changed' '
	fresh_store psps &&
	dump_db >before &&
	hold_write &&
	on_tty tty.out "COMPLAINTS_WAIT=2 \"$COMPLAINTS\" log --complainant Late --summary s" &&
	{ wait $waiter; st=$?; let_go; test "$st" = 3; } &&
	tr -d "\r" <tty.out >tty.txt &&
	test "$(wc -l <tty.txt)" = 2 &&
	grep -q "^complaints: waiting for .complaints.db. (up to 2 seconds): .sqlite3 complaints.db. (pid $holder, " tty.txt &&
	grep -q "^complaints: complaints.db: can.t start a write: another process has held the database for over 2 seconds; nothing was changed: try again\$" tty.txt &&
	dump_db >after &&
	test_cmp before after
'

test_done
