#!/bin/sh
# t9600-import-one-pass.sh: into a store with no case, a CSV file that
# gives no ref and no history column is read once, inside the write (when
# the write lock is free); what a user sees is what two passes give: the
# same counts, the same messages in the same order, the same cases, the
# same reject file. A file read from a pipe is still read twice (it is
# copied, then read again), so each test imports the same file both ways,
# into two new stores, and compares.
#
# Each test runs in a directory of its own, with its own stores.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-11-20

# both [OPTION] FILE: "cpl import [OPTION] FILE" on the file itself into
# a new store in once/ (read once), and from a pipe into one in twice/
# (read twice), each a second store of the test's (other_dir: a database
# of its own on a server), each given its own copy of FILE; each one's
# exit status, standard output and standard error in once.* and twice.*
# here, the file's name and the reject file's made the same in *.named;
# then the stores' cases as export writes them, in once.csv and
# twice.csv; the reject files (with --skip-bad) in once.rejects and
# twice.rejects.
both() {
	[ $# -eq 2 ] || set -- "" "$1"
	for s_ in once twice; do
		# A subshell: the second store is this one's alone.
		(other_dir $s_ && cp "../$2" . &&
		 cpl init --policy south-staffordshire || exit 1
		 if [ $s_ = once ]; then
			 cpl import $1 "$2" >../once.out 2>../once.err
			 echo $? >../once.status
			 [ ! -e "$2.rejects" ] || mv "$2.rejects" ../once.rejects
		 else
			 cat "$2" | cpl import $1 - >../twice.out 2>../twice.err
			 echo $? >../twice.status
			 [ ! -e import.csv.rejects ] ||
			     mv import.csv.rejects ../twice.rejects
		 fi
		 cpl export --format csv >../$s_.csv) || return 1
		sed "s|^$2:|FILE:|; s|^<stdin>:|FILE:|; s|: $2:|: FILE:|;
		    s|: <stdin>:|: FILE:|" $s_.err >$s_.err.named &&
		sed "s|(written to .*)|(written)|" $s_.out >$s_.out.named ||
		return 1
	done
}

# same: both imports told the user the same and left the same cases.
same() {
	test_cmp twice.status once.status &&
	test_cmp twice.out.named once.out.named &&
	test_cmp twice.err.named once.err.named &&
	test_cmp twice.csv once.csv
}

# rows N DATE: N rows of one complainant about one service, all received
# on DATE: each row after the first is warned of the open cases before it.
rows() {
	awk -v n="$1" -v d="$2" 'BEGIN {
		print "external_ref,complainant,service,summary,received,officer,acknowledged"
		for (i = 1; i <= n; i++)
			printf "R-%d,Ann Smith,Highways,pothole %d,%s,jo,%s\n", i, i, d, d
	}'
}

test_expect_success 'a bad row: nothing imported, no warning, only the bad rows named' '
	test_dir &&
	{ rows 3 2026-11-02 && echo "R-4,Bob,Parks,bench,2026-02-30,jo," &&
	  echo "R-5,Cy,Parks,gate,2026-11-02,jo,2026-11-01"; } >in.csv &&
	both in.csv &&
	same &&
	test "$(cat once.status)" = 2 &&
	test ! -s once.out &&
	cat >expect <<-\EOF &&
	in.csv:5: received: '"'"'2026-02-30'"'"' is not a date (YYYY-MM-DD)
	in.csv:6: acknowledged: 2026-11-01 is before the day the case was received (2026-11-02)
	complaints: in.csv: 2 bad rows: nothing imported
	EOF
	test_cmp expect once.err &&
	test "$(wc -l <once.csv)" = 1
'

test_expect_success 'a bad row leaves the store as it was' '
	test_dir &&
	cpl init --policy south-staffordshire &&
	{ rows 50 2026-11-02 && echo "R-51,Bob,Parks,bench,2026-02-30,jo,"; } >in.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import in.csv >out 2>err &&
	dump_db >after &&
	test_cmp before after &&
	test "$(grep -c warning err)" = 0
'

test_expect_success '--skip-bad: the bad rows named first, then the warnings, the same cases and reject file' '
	test_dir &&
	{ rows 3 2026-11-02 && echo "R-4,Bob,Parks,bench,2026-02-30,jo," &&
	  rows 2 2026-11-03 | sed 1d | sed "s/^R-/S-/"; } >in.csv &&
	both --skip-bad in.csv &&
	same &&
	test_cmp twice.rejects once.rejects &&
	test "$(cat once.out)" = "imported 5, skipped 0 as duplicates, rejected 1 (written to in.csv.rejects)" &&
	sed -n 1p once.err | grep -q "^in.csv:5: received:" &&
	test "$(sed 1d once.err | grep -vc ": warning: ")" = 0 &&
	test "$(grep -c ": warning: " once.err)" = 4
'

test_expect_success 'a row given twice: the same values a duplicate, others a bad row' '
	test_dir &&
	{ rows 3 2026-11-02 && rows 3 2026-11-02 | sed -n 3p &&
	  echo "R-1,Ann Smith,Highways,pothole 9,2026-11-02,jo,2026-11-02"; } >in.csv &&
	both --skip-bad in.csv &&
	same &&
	test "$(cat once.out)" = "imported 3, skipped 1 as duplicates, rejected 1 (written to in.csv.rejects)" &&
	grep -q "^in.csv:6: external_ref: '"'"'R-1'"'"' is on line 2 too, with other values" once.err
'

test_expect_success 'the warnings of many rows (past what is held in memory) all given, in order' '
	test_dir &&
	rows 1500 2026-11-02 >in.csv &&
	both in.csv &&
	same &&
	test "$(cat once.out)" = "imported 1500, skipped 0 as duplicates, rejected 0" &&
	test "$(grep -c ": warning: " once.err)" = 1499 &&
	test "$(wc -c <once.err)" -gt 262144 &&
	cut -d: -f2 once.err >lines &&
	seq 3 1501 >expect &&
	test_cmp expect lines
'

test_expect_success 'while another holds the write lock, a bad row is named without waiting' '
	test_dir &&
	cpl init --policy south-staffordshire &&
	{ rows 3 2026-11-02 && echo "R-4,Bob,Parks,bench,2026-02-30,jo,"; } >in.csv &&
	hold_write &&
	while_held test_must_fail 2 env COMPLAINTS_WAIT=30 timeout 20 \
	    "$COMPLAINTS" import in.csv >out 2>err &&
	test "$(tail -1 err)" = "complaints: in.csv: 1 bad row: nothing imported" &&
	test "$(cpl list --format csv | wc -l)" = 1
'

test_expect_success 'while another holds the write lock, the good file waits for it and is imported' '
	test_dir &&
	cpl init --policy south-staffordshire &&
	rows 3 2026-11-02 >in.csv &&
	hold_write &&
	{ COMPLAINTS_WAIT=60 cpl import in.csv >out 2>err 3>&- & imp=$!; } &&
	let_go &&
	wait $imp &&
	test "$(cat out)" = "imported 3, skipped 0 as duplicates, rejected 0" &&
	test "$(cpl list --format csv | wc -l)" = 4
'

test_expect_success 'a row that refers to nothing fails the import, and the store is as it was' '
	test_dir &&
	cpl init --policy south-staffordshire &&
	rows 3 2026-11-02 >in.csv &&
	# A trigger takes away the word an event refers to, as no command
	# would: the import must not commit the broken row. Made by each
	# engine'"'"'s shell, in its own language (sqlite3; psql on a server).
	if on_server; then
		store_sql "CREATE FUNCTION t9600() RETURNS trigger
		    LANGUAGE plpgsql AS \$\$ BEGIN
		    DELETE FROM words WHERE id = NEW.action; RETURN NULL;
		    END \$\$;
		    CREATE TRIGGER t9600 AFTER INSERT ON event_rows FOR EACH ROW
		    WHEN (NEW.case_id = 2) EXECUTE FUNCTION t9600()"
	else
		# SQLite-only: the trigger in SQLite'"'"'s language.
		sqlite3 complaints.db "CREATE TRIGGER t9600 AFTER INSERT ON event_rows
		    WHEN new.case_id = 2 BEGIN
		    DELETE FROM words WHERE id = new.action; END"
	fi &&
	dump_db >before &&
	test_must_fail 3 cpl import in.csv >out 2>err &&
	test "$(cat out)" = "" &&
	test "$(grep -vc ": warning: " err)" = 1 &&
	tail -1 err | grep -q "^complaints: " &&
	dump_db >after &&
	test_cmp before after
'

test_done
