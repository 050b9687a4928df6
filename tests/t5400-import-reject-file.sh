#!/bin/sh
# t5400-import-reject-file.sh: the reject file of import --skip-bad is a
# new file, made under a temporary name beside it and renamed into place
# before the import commits: a symbolic link or another account's file at
# its name is replaced, never written through; last night's reject file is
# replaced whole (a hard link to it keeps it); it is the owner's alone, or
# the store's group's in a store shared with a group; a failure leaves
# neither the temporary file nor a changed reject file, and imports nothing.
#
# Each test runs in a directory of its own, with its own store.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# A store, and web.csv: W-1 bad (no such date), W-2 good.
setup() {
	fresh_store south-staffordshire &&
	printf "external_ref,complainant,received\nW-1,Ann,2026-02-30\nW-2,Bob,2026-03-02\n" >web.csv &&
	printf "external_ref,complainant,received\nW-1,Ann,2026-02-30\n" >expect.rejects
}

# No temporary reject file is left in the directory.
no_temporary() {
	ls -A "${1:-.}" >ls.out &&
	if grep "^\.web\.csv\.rejects\." ls.out >&2; then
		echo "# a temporary reject file is left" >&2
		return 1
	fi
}

test_expect_success 'a symbolic link at the reject file is replaced, not written through' '
	setup &&
	echo precious >precious && chmod 644 precious &&
	ln -s precious web.csv.rejects &&
	ln -s nowhere/new other.rejects &&
	(umask 0 && cpl import --skip-bad web.csv >out 2>err) &&
	test "$(cat out)" = "imported 1, skipped 0 as duplicates, rejected 1 (written to web.csv.rejects)" &&
	test "$(cat precious)" = precious &&
	test "$(stat -c %a precious)" = 644 &&
	test ! -h web.csv.rejects &&
	test "$(stat -c %a web.csv.rejects)" = 600 &&
	test_cmp expect.rejects web.csv.rejects &&
	# a link to a file not there: the file is not made through it
	printf "external_ref,complainant,received\nW-3,Cy,2026-02-31\n" >w3.csv &&
	cpl import --skip-bad --rejects other.rejects w3.csv >out 2>err &&
	test ! -h other.rejects &&
	test ! -e nowhere &&
	grep -q "^W-3,Cy,2026-02-31\$" other.rejects &&
	no_temporary
'

test_expect_success 'last night'\''s reject file is replaced whole (a hard link to it keeps it), or left as it was' '
	setup &&
	printf "external_ref,complainant,received\nOLD-1,Old,2026-13-01\n" >web.csv.rejects &&
	chmod 644 web.csv.rejects &&
	ln web.csv.rejects monday.rejects &&
	cp web.csv.rejects monday.expect &&
	# without a bad row, no reject file is made: the last one stays
	printf "external_ref,complainant,received\nG-1,Gil,2026-03-02\n" >good.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" --skip-bad --rejects web.csv.rejects good.csv &&
	test_cmp monday.expect web.csv.rejects &&
	test ! -e good.csv.rejects &&
	# with one, it is replaced whole
	cpl import --skip-bad web.csv >out 2>err &&
	test_cmp expect.rejects web.csv.rejects &&
	test "$(stat -c %a web.csv.rejects)" = 600 &&
	test_cmp monday.expect monday.rejects &&
	test "$(stat -c %a monday.rejects)" = 644 &&
	no_temporary
'

# The temporary file exists from the first bad row to the rename; a
# command interrupted (TERM, INT, HUP) takes it away with it. The file
# imported is a FIFO whose end never comes: the import reads the bad row
# and 5,000 good ones (more than it reads at a time), makes the temporary
# file and waits for more, and is interrupted once the temporary file is
# there.
temporary_made() {
	ls -A >ls.out && grep -q "^\.web\.csv\.rejects\." ls.out
}

test_expect_success 'a failure or an interruption leaves last night'\''s reject file and no temporary one' '
	setup &&
	printf "external_ref,complainant,received\nOLD-1,Old,2026-13-01\n" >web.csv.rejects &&
	cp web.csv.rejects expect &&
	printf "external_ref,complainant,received\nK-0,Bad,2026-02-30\n" >rows &&
	seq 5000 | sed "s/.*/K-&,Resident &,2026-03-02/" >>rows &&
	rm web.csv && mkfifo web.csv &&
	dump_db >before || return 1
	"$COMPLAINTS" import --skip-bad web.csv >out 2>err &
	pid=$!
	exec 3<>web.csv
	# (were the import to die, nothing would read: the limit is a safety
	# net, no guess at a duration)
	timeout 120 cat rows >&3
	wait_for temporary_made
	made=$?
	kill -TERM $pid
	wait $pid
	status=$?
	exec 3>&-
	test $made = 0 &&
	test "$status" = 143 &&
	test_cmp expect web.csv.rejects &&
	no_temporary &&
	dump_db >after && test_cmp before after &&
	# a name that can'\''t be replaced (a directory): nothing imported (3)
	rm web.csv && cp rows web.csv &&
	mkdir dir.rejects &&
	test_must_fail 3 cpl import --skip-bad --rejects dir.rejects web.csv \
	    >out 2>err &&
	test ! -s out &&
	tail -1 err | grep -q "^complaints: can.t write the reject file .dir.rejects.: Is a directory: nothing imported\$" &&
	test -d dir.rejects &&
	test "$(ls -A | grep -c "^\.dir\.rejects\.")" = 0 &&
	dump_db >after && test_cmp before after
'

test_expect_success 'the reject file is never the file imported, nor the store (2)' '
	setup &&
	cp web.csv web.csv.orig &&
	refused 2 "the reject file .web.csv. is the file being imported: give another with --rejects FILE" \
	    cpl import --skip-bad --rejects web.csv web.csv &&
	test_cmp web.csv.orig web.csv &&
	ln web.csv same-file &&
	refused 2 "the reject file .same-file. is the file being imported" \
	    cpl import --skip-bad --rejects same-file web.csv &&
	test "$(cpl list --format csv | wc -l)" = 1 &&
	refused 2 "import: --rejects is empty" \
	    cpl import --skip-bad --rejects "" web.csv &&
	test_cmp web.csv.orig web.csv &&
	no_temporary
'

# The test accounts (cpltest1, cpltest2) are made once for the whole suite;
# without them, the tests that need a second account are skipped.
if accounts_ready; then
	have_accounts=1
else
	have_accounts=
fi

# A directory every account may write in, with mode MODE, and cpltest1's
# store in a directory of its own; another account's file at the reject
# file's name. The store is a file on a server's run too (the test
# accounts can't reach the test server's socket): what these tests check
# is the reject file, which is the same whatever the store.
setup_shared() {
	test_dir && chmod 711 . && mkdir shared && chmod "$1" shared &&
	cd shared &&
	mkdir own && chown cpltest1 own && chmod 700 own &&
	printf "external_ref,complainant,received\nW-1,Ann,2026-02-30\nW-2,Bob,2026-03-02\n" >web.csv &&
	chmod 644 web.csv &&
	as_user cpltest1 "$COMPLAINTS" --db own/complaints.db init \
	    --policy south-staffordshire &&
	as_user cpltest2 sh -c "echo theirs >web.csv.rejects &&
	    chmod 666 web.csv.rejects && ln web.csv.rejects their.copy"
}

if [ -n "$have_accounts" ]; then
	test_expect_success 'another account'\''s file at the reject file'\''s name is replaced, not written into' '
		setup_shared 777 &&
		as_user cpltest1 "$COMPLAINTS" --db own/complaints.db import \
		    --skip-bad web.csv >out 2>err &&
		test "$(cat their.copy)" = theirs &&
		test "$(stat -c %U:%a web.csv.rejects)" = cpltest1:600 &&
		grep -q "^W-1,Ann,2026-02-30\$" web.csv.rejects &&
		no_temporary
	'

	test_expect_success 'in a sticky directory, another account'\''s file can'\''t be replaced: nothing imported (3)' '
		setup_shared 1777 &&
		as_user cpltest1 sh -c "$COMPLAINTS --db own/complaints.db \
		    export" >before &&
		test_must_fail 3 as_user cpltest1 "$COMPLAINTS" \
		    --db own/complaints.db import --skip-bad web.csv >out 2>err &&
		tail -1 err | grep -q "^complaints: can.t write the reject file .web.csv.rejects.: Operation not permitted: nothing imported\$" &&
		test "$(cat web.csv.rejects)" = theirs &&
		test "$(stat -c %U web.csv.rejects)" = cpltest2 &&
		as_user cpltest1 sh -c "$COMPLAINTS --db own/complaints.db \
		    export" >after &&
		test_cmp before after &&
		no_temporary
	'
else
	test_skip 'another account'\''s file at the reject file'\''s name is replaced' \
	    "$accounts_why"
	test_skip 'in a sticky directory, another account'\''s file can'\''t be replaced' \
	    "$accounts_why"
fi

# A store shared with a group (init --group, cpltestgrp: cpltest1 and
# cpltest2): the reject file is the group's as the store is, mode 0660,
# and no one else's, whatever the umask.
if on_server; then
	test_skip 'in a store shared with a group, the reject file is the group'\''s too' \
	    "SQLite-only: a store shared with a group (init --group) is a file; a server's access is its roles and grants"
elif [ -n "$have_accounts" ] && getent group cpltestgrp >/dev/null &&
    "$COMPLAINTS" init --help 2>/dev/null | grep -q -- "--group"; then
	test_expect_success 'in a store shared with a group, the reject file is the group'\''s too' '
		test_dir && chmod 711 . &&
		mkdir team && chgrp cpltestgrp team && chmod 2770 team &&
		cd team &&
		printf "external_ref,complainant,received\nW-1,Ann,2026-02-30\n" >web.csv &&
		chmod 644 web.csv &&
		as_user cpltest1 "$COMPLAINTS" init --policy south-staffordshire \
		    --group cpltestgrp &&
		as_user cpltest1 sh -c "umask 077 && $COMPLAINTS import \
		    --skip-bad web.csv" >out 2>err &&
		test "$(stat -c %U:%G:%a web.csv.rejects)" = cpltest1:cpltestgrp:660 &&
		as_user cpltest2 cat web.csv.rejects >read-by-cpltest2 &&
		grep -q "^W-1,Ann,2026-02-30\$" read-by-cpltest2
	'
else
	test_skip 'in a store shared with a group, the reject file is the group'\''s too' \
	    "${accounts_why:-no group cpltestgrp, or no init --group}"
fi

# A store that is a file is never the reject file either; a server's
# store has no file to name.
sqlite_only "a server's store has no file to give as the reject file" \
    'the reject file is never the store'\''s file (2)' '
	setup &&
	refused 2 "the reject file .complaints.db. is the store.s file .complaints.db." \
	    cpl import --skip-bad --rejects complaints.db web.csv &&
	test "$(cpl list --format csv | wc -l)" = 1 &&
	no_temporary
'

test_done
