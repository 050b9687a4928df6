#!/bin/sh
# t6400-disk-faults.sh: a full disk and a read-only store give a clear
# message and exit 3, and change nothing (issue 6). A small tmpfs where the
# machine lets the test mount one (root); else a file-size limit
# (RLIMIT_FSIZE) for the full disk, and a read-only directory for a user
# who is not root.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30
trap 'umount "$TEST_DIR/mnt" 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
mkdir mnt
if mount -t tmpfs -o size=400k tmpfs mnt 2>/dev/null; then
	mounted=yes
else
	mounted=no
fi
long=$(python3 -c 'print("x" * 3000)')

# fill DB [PREFIX]: log cases with long summaries until one fails; leaves
# that command's stderr in err, its status in rc, the store's dump from
# just before it in before, and the number logged in logged.
fill() {
	logged=0
	while [ $logged -lt 5000 ]; do
		# the dump reads only: a checkpoint of the store's log on
		# closing would keep the limited process from writing far
		dump_db "$1" >before
		${2:-} "$COMPLAINTS" --db "$1" log --complainant "P$logged" \
		    --summary "$long" >out 2>err </dev/null
		rc=$?
		[ $rc -eq 0 ] || return 0
		logged=$((logged + 1))
	done
	return 1
}

# no_case_printed DB: stdout (out) names no stored case. A reference is
# written out before the case is committed, once its pages are in the
# log: the commit's last page can still find the disk full after it, and
# then the exit status, not stdout, says that nothing was logged.
no_case_printed() {
	test ! -s out ||
	test "$(sqlite3 "$1" "SELECT count(*) FROM cases WHERE ref = '$(cat out)'")" = 0
}

if [ $mounted = yes ]; then
	test_expect_success 'a full disk (a 400 KiB tmpfs): exit 3, "the disk is full", nothing changed' '
		cpl --db mnt/c.db init --policy psps &&
		fill mnt/c.db &&
		test $rc -eq 3 &&
		one_line_error err "mnt/c.db: .*the disk is full; nothing was changed" &&
		no_case_printed mnt/c.db &&
		dump_db mnt/c.db >after &&
		test_cmp before after &&
		test "$(sqlite3 mnt/c.db "PRAGMA integrity_check")" = ok &&
		test "$(sqlite3 mnt/c.db "SELECT count(*) FROM cases")" = $logged &&
		test $logged -gt 10
	'

	# On a read-only file system the store opens read-only: a write is
	# refused, saying why (t6640-read-only.sh shows that reading works).
	test_expect_success 'a read-only file system: exit 3, "read-only", nothing changed' '
		rm -f mnt/c.db* && cpl --db mnt/c.db init --policy psps &&
		ref=$(cpl --db mnt/c.db log --complainant R --summary s) &&
		cp mnt/c.db copy.db &&
		mount -o remount,ro mnt &&
		test_must_fail 3 cpl --db mnt/c.db log --complainant S --summary s \
		    >out 2>err &&
		one_line_error err "mnt/c.db: .*read-only.*; nothing was changed" &&
		test ! -s out &&
		test_must_fail 3 cpl --db mnt/c.db ack "$ref" >out 2>err &&
		one_line_error err "read-only" &&
		cmp copy.db mnt/c.db
	'
else
	# The file-size limit: a write past it fails (SIGXFSZ is ignored, so
	# the process sees the error rather than dying of it).
	limited() {
		( trap "" XFSZ; ulimit -f "$size"; exec "$@" )
	}
	test_expect_success 'a full disk (RLIMIT_FSIZE): exit 3, a clear message, nothing changed' '
		cpl --db c.db init --policy psps &&
		size=$(( ($(stat -c %s c.db) + 262144) / 512 )) &&
		fill c.db limited &&
		test $rc -eq 3 &&
		one_line_error err "c.db: .*could not be written.*; nothing was changed" &&
		dump_db c.db >after &&
		test_cmp before after &&
		test "$(sqlite3 c.db "PRAGMA integrity_check")" = ok
	'
	if [ "$(id -u)" -ne 0 ]; then
		test_expect_success 'a read-only store (file and directory): exit 3, nothing changed' '
			mkdir ro && cpl --db ro/c.db init --policy psps &&
			chmod 400 ro/c.db && chmod 500 ro &&
			dump_db ro/c.db >before &&
			test_must_fail 3 cpl --db ro/c.db log --complainant S \
			    --summary s >out 2>err &&
			one_line_error err "ro/c.db" &&
			dump_db ro/c.db >after &&
			chmod 700 ro &&
			test_cmp before after
		'
	else
		test_skip "a read-only store" "root may write any file, and this machine can't mount a read-only file system"
	fi
fi

test_done
