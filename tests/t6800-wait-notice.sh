#!/bin/sh
# t6800-wait-notice.sh: a command kept waiting by another process's lock on
# the store says so once, on a terminal, naming the process that holds it
# (pid, command line, account); off a terminal (a script, cron) it waits in
# silence. The default wait is 120 seconds (COMPLAINTS_WAIT overrides it);
# past it, exit 3 and nothing changed. script(1) gives the command a
# terminal; a sqlite3 shell in a transaction begun IMMEDIATE holds the
# store's write lock, fed through a FIFO so the test says when it lets go.
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

# hold_write: a sqlite3 shell holds complaints.db's write lock (BEGIN
# IMMEDIATE) until let_go; its process id in $holder. The FIFO is the
# shell's input, open on descriptor 3 of this shell.
hold_write() {
	rm -f hold.fifo hold.out &&
	mkfifo hold.fifo &&
	{ sqlite3 complaints.db <hold.fifo >hold.out 2>&1 & } &&
	holder=$! &&
	exec 3>hold.fifo &&
	echo "BEGIN IMMEDIATE; SELECT 'holding';" >&3 &&
	wait_for "grep -q holding hold.out"
}

# let_go: the sqlite3 shell of hold_write ends its transaction and exits.
let_go() {
	{ echo "ROLLBACK;"; echo ".quit"; } >&3
	exec 3>&-
	wait $holder
}

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

test_expect_success 'on a terminal, a waiting command says once which process holds the store' '
	cd "$TEST_DIR" && mkdir tty && cd tty &&
	cpl init --policy psps &&
	hold_write &&
	on_tty tty.out "\"$COMPLAINTS\" log --complainant Waiting --summary s" &&
	wait_for "grep -qs \"waiting for\" tty.out" &&
	sleep 1.5 &&
	let_go &&
	wait $waiter &&
	tr -d "\r" <tty.out >tty.txt &&
	test "$(grep -c "waiting for" tty.txt)" = 1 &&
	grep -q "^complaints: waiting for .complaints.db. (up to 120 seconds): .sqlite3 complaints.db. (pid $holder, account $(id -un)) is writing to it\$" tty.txt &&
	grep -q "^PSPS-2026-00001\$" tty.txt &&
	test "$(sqlite3 complaints.db "SELECT complainant FROM cases")" = Waiting
'

test_expect_success 'COMPLAINTS_WAIT sets the wait the notice gives' '
	cd "$TEST_DIR" && mkdir env && cd env &&
	cpl init --policy psps &&
	hold_write &&
	on_tty tty.out "COMPLAINTS_WAIT=45 \"$COMPLAINTS\" log --complainant Env --summary s" &&
	wait_for "grep -qs \"waiting for\" tty.out" &&
	let_go &&
	wait $waiter &&
	grep -q "waiting for .complaints.db. (up to 45 seconds): .sqlite3 complaints.db. (pid $holder, " tty.out
'

test_expect_success 'off a terminal, a waiting command prints nothing but its result' '
	cd "$TEST_DIR" && mkdir quiet && cd quiet &&
	cpl init --policy psps &&
	hold_write &&
	{ "$COMPLAINTS" log --complainant Quiet --summary s >out 2>err 3>&- & } &&
	waiter=$! &&
	sleep 2 &&
	kill -0 $waiter &&
	let_go &&
	wait $waiter &&
	test "$(cat out)" = PSPS-2026-00001 &&
	test ! -s err
'

test_expect_success 'past the wait: exit 3, the plain message after the notice, nothing changed' '
	cd "$TEST_DIR" && mkdir late && cd late &&
	cpl init --policy psps &&
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
