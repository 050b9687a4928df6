#!/bin/sh
# t6600-store-files.sh: the files SQLite keeps beside a store (x.db-wal,
# x.db-shm, x.db-journal) hold or lead to its cases, so they are refused
# unless they follow the store's own rule: owned by the store's owner, and
# open to no one else (complaints(1), "The store's files"). In a directory
# every account may write (mode 1777, as /tmp), another account that makes
# them first gets none of the officer's data: the command is refused,
# names the file, and writes nothing, into them or into the store. The
# officer is root, then an ordinary account (cpltest1); the other account
# is cpltest2. Every test works in a directory of its own.
#
# SQLite-only, the whole file: the -wal, -shm and -journal files are
# SQLite's.
. "$(dirname "$0")/lib.sh"

# shared NAME: work in a new directory every account may write in, sticky
# as /tmp is.
shared() {
	mkdir "$TEST_DIR/$1" && chmod 1777 "$TEST_DIR/$1" && cd "$TEST_DIR/$1"
}

# plant FILE...: cpltest2 makes each FILE, empty, mode 0666, before the
# officer runs anything.
plant() {
	as_user cpltest2 sh -c 'umask 0 && for f; do : >"$f"; done' plant "$@"
}

# untouched FILE...: each planted FILE is still cpltest2's, mode 0666, and
# empty: nothing of the officer's went into it.
untouched() {
	for f in "$@"; do
		test "$(stat -c '%U %a %s' "$f")" = "cpltest2 666 0" ||
		    { echo "# $f: $(stat -c '%U %a %s' "$f")" >&2; return 1; }
	done
}

# only FILE...: the directory holds these files and no other (no store,
# no temporary file left by init).
only() {
	left=$(ls -A | grep -v -x -e out -e err $(printf ' -e %s' "$@") || :)
	test -z "$left" || { echo "# also here: $left" >&2; false; }
}

if accounts_ready; then
	test_expect_success 'root: init where another account made x.db-wal and x.db-shm first is refused (3), naming them; no store' '
		shared t1 && plant x.db-wal x.db-shm &&
		fails 3 cpl --db x.db init --policy psps &&
		one_line_error err "x.db-wal. (of .cpltest2., mode 666) is there but .x.db. is not" &&
		test ! -s out &&
		untouched x.db-wal x.db-shm && only x.db-wal x.db-shm
	'

	test_expect_success 'root: log where another account made x.db-wal and x.db-shm is refused (3): not a byte written, into them or the store' '
		shared t2 && cpl --db x.db init --policy psps &&
		cp x.db before.db && plant x.db-wal x.db-shm &&
		fails 3 cpl --db x.db log --complainant "Zadie Secretname" \
		    --summary s &&
		one_line_error err "x.db-wal. belongs to .cpltest2., not to .root. who owns .x.db., so that account could read or change the cases through it: nothing was written; have it removed" &&
		test ! -s out && cmp before.db x.db &&
		untouched x.db-wal x.db-shm
	'

	test_expect_success 'cpltest1: init where cpltest2 made x.db-wal and x.db-shm first is refused (3); no store' '
		shared t3 && plant x.db-wal x.db-shm &&
		fails 3 as_user cpltest1 "$COMPLAINTS" --db x.db init \
		    --policy psps &&
		one_line_error err "x.db-wal. (of .cpltest2., mode 666) is there but .x.db. is not" &&
		untouched x.db-wal x.db-shm && only x.db-wal x.db-shm
	'

	test_expect_success 'cpltest1: log and list where cpltest2 made x.db-wal and x.db-shm are refused (3): nothing in them' '
		shared t4 && as_user cpltest1 "$COMPLAINTS" --db x.db init --policy psps &&
		as_user cpltest1 "$COMPLAINTS" --db x.db log --complainant "Known Name" \
		    --summary s >/dev/null &&
		cp x.db before.db && plant x.db-wal x.db-shm &&
		fails 3 as_user cpltest1 "$COMPLAINTS" --db x.db log \
		    --complainant "Zadie Secretname" --summary s &&
		one_line_error err "x.db-wal. belongs to .cpltest2., not to .cpltest1. who owns .x.db." &&
		fails 3 as_user cpltest1 "$COMPLAINTS" --db x.db list &&
		one_line_error err "x.db-wal. belongs to .cpltest2." && test ! -s out &&
		cmp before.db x.db && untouched x.db-wal x.db-shm
	'

	test_expect_success 'cpltest1: x.db-shm alone, or a rollback journal, made by cpltest2: refused too (3)' '
		shared t5 && as_user cpltest1 "$COMPLAINTS" --db x.db init --policy psps &&
		cp x.db before.db && plant x.db-shm &&
		fails 3 as_user cpltest1 "$COMPLAINTS" --db x.db log \
		    --complainant "Zadie Secretname" --summary s &&
		one_line_error err "x.db-shm. belongs to .cpltest2." &&
		untouched x.db-shm && rm -f x.db-shm &&
		plant x.db-journal &&
		fails 3 as_user cpltest1 "$COMPLAINTS" --db x.db log \
		    --complainant "Zadie Secretname" --summary s &&
		one_line_error err "x.db-journal. belongs to .cpltest2." &&
		untouched x.db-journal &&
		cmp before.db x.db
	'
else
	test_skip "another account's -wal and -shm files are refused" "$accounts_why"
fi

test_expect_success 'the owner'\''s own x.db-wal open to others is refused (3) with the fix, and used once mended' '
	mkdir "$TEST_DIR/t6" && cd "$TEST_DIR/t6" &&
	cpl --db x.db init --policy psps && cp x.db before.db &&
	: >x.db-wal && chmod 644 x.db-wal &&
	fails 3 cpl --db x.db log --complainant "Zadie Secretname" \
	    --summary s &&
	one_line_error err "x.db-wal. holds personal data but its mode is 644, open to others: make it the owner.s only (.chmod 600 x.db-wal.)" &&
	test ! -s out && cmp before.db x.db && test ! -s x.db-wal &&
	chmod 600 x.db-wal &&
	cpl --db x.db log --complainant "Zadie Secretname" --summary s >out &&
	test "$(cat out)" = PSPS-2026-00001
'

test_done
