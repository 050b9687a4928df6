#!/bin/sh
# t6400-disk-faults.sh: a full disk and a read-only store give a clear
# message and exit 3, and change nothing (README: Store). A small tmpfs
# where the machine lets the test mount one (root); else a file-size limit
# (RLIMIT_FSIZE) for the full disk, and a read-only directory, the store's
# owner not root (the test account cpltest1 when this runs as root). Every
# test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30
trap 'for m_ in "$TEST_DIR"/t*/mnt; do umount "$m_" 2>/dev/null; done;
    rm -rf "$TEST_DIR"' EXIT
mkdir probe
if mount -t tmpfs -o size=600k tmpfs probe 2>/dev/null; then
	umount probe
	mounted=yes
else
	mounted=no
fi
long=$(head -c 3000 /dev/zero | tr "\000" x)

# tmpfs: test_dir, with mnt a 600 KiB tmpfs.
tmpfs() {
	test_dir && mkdir mnt && mount -t tmpfs -o size=600k tmpfs mnt
}

# fill DB [PREFIX]: log cases with long summaries until one fails; leaves
# that command's stderr in err, its status in rc, the store's dump from
# just before it in before, and the number logged in logged.
#
# SQLite-only: the dump is made by a sqlite3 shell that opens the store
# read-only, so that it never checkpoints the store's WAL on closing (the
# limited process would then never write far).
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
	test_must_fail 1 cpl --db "$1" show "$(cat out)" >/dev/null 2>&1
}

if [ $mounted = yes ]; then
	# SQLite-only: PRAGMA integrity_check, SQLite's own check of the file.
	test_expect_success 'a full disk (a 600 KiB tmpfs): exit 3, "the disk is full", nothing changed' '
		tmpfs &&
		cpl --db mnt/c.db init --policy psps &&
		fill mnt/c.db &&
		test $rc -eq 3 &&
		one_line_error err "mnt/c.db: .*the disk is full; nothing was changed" &&
		no_case_printed mnt/c.db &&
		dump_db mnt/c.db >after &&
		test_cmp before after &&
		test "$(sqlite3 mnt/c.db "PRAGMA integrity_check")" = ok &&
		test "$(case_count mnt/c.db)" = $logged &&
		test $logged -gt 10
	'

	# On a read-only file system the store opens read-only: a write is
	# refused, saying why (t6640-read-only.sh shows that reading works).
	test_expect_success 'a read-only file system: exit 3, "read-only", nothing changed' '
		tmpfs &&
		cpl --db mnt/c.db init --policy psps &&
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
	# The file-size limit, in bytes (prlimit): a write past it fails
	# (SIGXFSZ is ignored, so the process sees the error rather than
	# dying of it).
	limited() {
		(trap "" XFSZ && exec prlimit --fsize="$size:$size" "$@")
	}

	# SQLite-only: PRAGMA integrity_check, SQLite's own check of the file.
	test_expect_success 'a full disk (RLIMIT_FSIZE): exit 3, a clear message, nothing changed' '
		test_dir &&
		cpl --db c.db init --policy psps &&
		size=$(( $(stat -c %s c.db) + 262144 )) &&
		fill c.db limited &&
		test $rc -eq 3 &&
		one_line_error err "c.db: .*could not be written.*; nothing was changed" &&
		dump_db c.db >after &&
		test_cmp before after &&
		test "$(sqlite3 c.db "PRAGMA integrity_check")" = ok
	'

	# A read-only directory holding a read-only store: root may write any
	# file, so as root the store is another account's (cpltest1's) and
	# the command runs as that account.
	if [ "$(id -u)" -ne 0 ]; then
		owner=
	elif accounts_ready; then
		owner=cpltest1
	else
		owner=none
	fi
	# as_owner CMD...: CMD as the store's owner.
	as_owner() {
		if [ -n "$owner" ]; then
			as_user "$owner" "$@"
		else
			"$@"
		fi
	}
	if [ "$owner" != none ]; then
		test_expect_success 'a read-only store (file and directory): exit 3, nothing changed' '
			test_dir && mkdir ro &&
			{ test -z "$owner" || chown "$owner" ro; } &&
			as_owner "$COMPLAINTS" --db ro/c.db init --policy psps &&
			as_owner chmod 400 ro/c.db && as_owner chmod 500 ro &&
			cp ro/c.db before.db &&
			test_must_fail 3 as_owner "$COMPLAINTS" --db ro/c.db log \
			    --complainant S --summary s >out 2>err &&
			one_line_error err "ro/c.db" &&
			test ! -s out &&
			ls -A ro >files && echo c.db >expect && test_cmp expect files &&
			cmp before.db ro/c.db
		'
	else
		test_skip "a read-only store" "root may write any file, this machine can't mount a read-only file system, and $accounts_why"
	fi
fi

test_done
