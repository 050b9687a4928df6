#!/bin/sh
# t6640-read-only.sh: a store that can't be written (a read-only file
# system, a directory or file without write permission) is opened
# read-only (complaints(1), "Read-only media"): a command that only reads
# works, and sees every committed change, one still in the -wal file
# included; a write fails with exit 3, saying what can't be written and
# why, and changes nothing; so do a read where reading is audited (an
# unaudited read is not allowed) and a store whose schema needs upgrading.
# A read-only file system is a read-only bind mount, where the test may
# mount one (root); permissions stop an ordinary account only: cpltest1
# when run as root, else the test's own. Every test works in a directory
# of its own.
. "$(dirname "$0")/lib.sh"

mounts=
trap 'for m in $mounts; do umount "$m" 2>/dev/null; done; rm -rf "$TEST_DIR"' EXIT

# read_only_mount DIR MNT: DIR, read-only, at MNT (a new directory),
# unmounted when the test ends.
read_only_mount() {
	mkdir "$2" && mount --bind "$1" "$2" && mounts="$PWD/$2 $mounts" &&
	mount -o remount,bind,ro "$2"
}

# reads_work [RUN] DB REF: the reading commands work on the store DB
# and show case REF (run by RUN, an account's runner, when given).
reads_work() {
	if [ $# -eq 3 ]; then run_=$1; shift; else run_=; fi
	$run_ "$COMPLAINTS" --db "$1" list --format csv >out &&
	grep -q "^$2," out &&
	$run_ "$COMPLAINTS" --db "$1" show "$2" --format json >out &&
	test "$(jfield .ref <out)" = "$2" &&
	$run_ "$COMPLAINTS" --db "$1" history "$2" >out && grep -q logged out &&
	$run_ "$COMPLAINTS" --db "$1" export >out && grep -q "^$2," out &&
	$run_ "$COMPLAINTS" --db "$1" report overdue --within 100 \
	    --format csv >out && grep -q "^$2," out &&
	$run_ "$COMPLAINTS" --db "$1" report summary --from 2026-01-01 \
	    --to 2026-12-31 --format csv >out &&
	grep -q "^all,,received,1," out &&
	$run_ "$COMPLAINTS" --db "$1" restriction list >out
}

cd "$TEST_DIR" && mkdir probe
if [ "$(id -u)" -ne 0 ]; then
	mount_why="not run as root, so no read-only file system can be mounted"
elif ! read_only_mount probe probe.ro 2>/dev/null; then
	mount_why="this machine won't mount a read-only bind mount"
else
	mount_why=
fi

if [ -z "$mount_why" ]; then
	test_expect_success 'a read-only file system: every reading command works; a write is refused (3), nothing changed' '
		mkdir "$TEST_DIR/t1" && cd "$TEST_DIR/t1" && mkdir src &&
		cpl --db src/x.db init --policy psps &&
		ref=$(cpl --db src/x.db log --complainant "A Resident" --summary s) &&
		test ! -e src/x.db-wal &&
		read_only_mount src ro && cp src/x.db before.db &&
		reads_work ro/x.db "$ref" &&
		fails 3 cpl --db ro/x.db log --complainant B --summary s &&
		one_line_error err "ro/x.db: .*the database can.t be written: it is on a read-only file system; nothing was changed" &&
		test ! -s out &&
		fails 3 cpl --db ro/x.db ack "$ref" &&
		one_line_error err "read-only file system" &&
		cmp before.db ro/x.db && test ! -e ro/x.db-wal
	'

	# Another process keeps the store open (hold_open) while the change is
	# made, so that the command's close does not copy it into the file.
	#
	# SQLite-only: the -wal file, and the store's file searched.
	test_expect_success 'a read-only file system: a change committed but still in the -wal file is seen' '
		mkdir "$TEST_DIR/t2" && cd "$TEST_DIR/t2" && mkdir src && cd src &&
		cpl --db x.db init --policy psps &&
		cpl --db x.db log --complainant "In The File" --summary s >/dev/null &&
		hold_open x.db &&
		b=$(cpl --db x.db log --complainant "Only In The Log" --summary s) &&
		kill_holder &&
		test -s x.db-wal && test -e x.db-shm &&
		test "$(LC_ALL=C grep -c "Only In The Log" x.db)" = 0 &&
		cd .. && read_only_mount src ro &&
		cpl --db ro/x.db show "$b" --format json >out &&
		test "$(jfield .complainant <out)" = "Only In The Log" &&
		test "$(cpl --db ro/x.db list --format csv | wc -l)" = 3
	'

	test_expect_success 'a read-only file system: where reading is audited, show, history and export are refused (3); list works' '
		mkdir "$TEST_DIR/t3" && cd "$TEST_DIR/t3" && mkdir src &&
		cpl --db src/x.db init --policy psps --audit-reads on &&
		ref=$(cpl --db src/x.db log --complainant "A Resident" --summary s) &&
		read_only_mount src ro &&
		for cmd in "show $ref" "history $ref" "export"; do
			# shellcheck disable=SC2086 # the words are the arguments
			fails 3 cpl --db ro/x.db $cmd &&
			one_line_error err "reading is audited in this store, and the audit can.t be recorded: ro/x.db can.t be written: it is on a read-only file system" &&
			test ! -s out || return 1
		done &&
		cpl --db ro/x.db list --format csv >out && grep -q "^$ref," out
	'

	# SQLite-only: an older schema is made by setting SQLite's
	# PRAGMA user_version back.
	test_expect_success 'a read-only file system: a store of an older schema is refused (3), plainly' '
		mkdir "$TEST_DIR/t4" && cd "$TEST_DIR/t4" && mkdir src &&
		cpl --db src/x.db init --policy psps &&
		schema=$(sqlite3 src/x.db "PRAGMA user_version") &&
		sqlite3 src/x.db "PRAGMA user_version = $((schema - 1))" &&
		read_only_mount src ro &&
		fails 3 cpl --db ro/x.db list &&
		one_line_error err "ro/x.db: the database is schema version $((schema - 1)), older than this complaints uses ($schema), and can.t be upgraded: it is on a read-only file system" &&
		test ! -s out
	'
else
	test_skip "a store on a read-only file system" "$mount_why"
fi

# The permission tests: an account that permissions stop (root is not).
if [ "$(id -u)" -ne 0 ]; then
	officer() { "$@"; }
	perm_why=
elif accounts_ready; then
	officer() { as_user cpltest1 "$@"; }
	perm_why=
else
	perm_why=$accounts_why
fi

# mine NAME: work in a new directory of the officer's.
mine() {
	mkdir "$TEST_DIR/$1" && cd "$TEST_DIR/$1" &&
	{ [ "$(id -u)" -ne 0 ] || chown cpltest1 . ; }
}

if [ -z "$perm_why" ]; then
	test_expect_success 'a directory the officer may not write: reading works; a write is refused (3), saying the directory must be writable' '
		mine t5 && mkdir d && chown --reference=. d &&
		officer "$COMPLAINTS" --db d/x.db init --policy psps &&
		ref=$(officer "$COMPLAINTS" --db d/x.db log --complainant A --summary s) &&
		officer chmod 555 d && cp d/x.db before.db &&
		reads_work officer d/x.db "$ref" &&
		fails 3 officer "$COMPLAINTS" --db d/x.db log --complainant B --summary s &&
		one_line_error err "d/x.db: .*the database can.t be written: its directory .d. must be writable (SQLite keeps the -wal and -shm files there); nothing was changed" &&
		cmp before.db d/x.db && officer chmod 755 d
	'

	test_expect_success 'a read-only file in a read-only directory: reading works; a write is refused (3), saying the file is read-only' '
		mine t6 && mkdir d && chown --reference=. d &&
		officer "$COMPLAINTS" --db d/x.db init --policy psps &&
		ref=$(officer "$COMPLAINTS" --db d/x.db log --complainant A --summary s) &&
		officer chmod 400 d/x.db && officer chmod 555 d &&
		reads_work officer d/x.db "$ref" &&
		fails 3 officer "$COMPLAINTS" --db d/x.db close "$ref" --reason resolved &&
		one_line_error err "the database can.t be written: the file is read-only for this account; nothing was changed" &&
		officer chmod 755 d
	'

	# SQLite-only: SQLite's -wal and -shm files.
	test_expect_success 'a read-only directory whose -wal file holds changes but has no -shm beside it: refused (3), saying why' '
		mine t7 && mkdir d && chown --reference=. d && cd d &&
		officer "$COMPLAINTS" --db x.db init --policy psps &&
		hold_open x.db &&
		officer "$COMPLAINTS" --db x.db log --complainant A --summary s >/dev/null &&
		kill_holder &&
		test -s x.db-wal && rm -f x.db-shm && cd .. &&
		officer chmod 555 d &&
		fails 3 officer "$COMPLAINTS" --db d/x.db list &&
		one_line_error err "d/x.db: can.t be read: its log .d/x.db-wal. holds changes not yet in the file, which can.t be read without a -shm file beside it: its directory .d. must be writable" &&
		officer chmod 755 d
	'

	# Its group may still write there (mode 575): a store that may change
	# while it is read is read only with SQLite's -wal and -shm files.
	test_expect_success 'a directory the officer may not write but others may: reading is refused (3), saying why' '
		mine t8 && mkdir d && chown --reference=. d &&
		officer "$COMPLAINTS" --db d/x.db init --policy psps &&
		officer chmod 575 d &&
		fails 3 officer "$COMPLAINTS" --db d/x.db list &&
		one_line_error err "d/x.db: can.t be read: its directory .d. must be writable (SQLite keeps the -wal and -shm files there), even to read a store that others may write" &&
		officer chmod 755 d
	'
else
	test_skip "a store in a directory the officer may not write" "$perm_why"
fi

test_done
