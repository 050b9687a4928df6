#!/bin/sh
# t0300-atomic.sh: a write that fails half-way leaves nothing behind. Each
# change is its rows plus its event in one transaction (README, Store); a
# trigger makes a later insert of the transaction fail, after the earlier
# ones went through, and the whole change must roll back.
#
# SQLite-only: the triggers that make an insert fail, and the counts of
# the rows they guard, are SQLite's own (sqlite3 on the store's tables).
#
# (chmod cannot make the file read-only to root: run as root, the
# read-only test runs as another account, cpltest1.)
. "$(dirname "$0")/lib.sh"

# failed TEXT CMD...: CMD exits 3, prints nothing on stdout and one line on
# stderr containing TEXT, and the database is unchanged.
failed() {
	text=$1
	shift
	dump_db >before &&
	{ test_must_fail 3 "$@" >out 2>err || { cat err >&2; false; }; } &&
	one_line_error err "$text" &&
	{ test ! -s out || { echo "# stdout:" >&2; sed "s/^/# /" out >&2; false; }; } &&
	dump_db >after &&
	test_cmp before after
}

# SQLite-only: the rows of a table, for a count.
rows() {
	sqlite3 complaints.db "SELECT count(*) FROM $1"
}

# SQLite-only: the last reference number taken.
last_number() {
	sqlite3 complaints.db "SELECT last FROM ref_numbers"
}

# SQLite-only: a trigger that makes every insert into table $1 fail (the
# rows of cases, stages and events are in the tables case_rows, stage_rows
# and event_rows, which those views read).
break_inserts() {
	case $1 in
	cases|stages|events) t_=${1%s}_rows ;;
	*) t_=$1 ;;
	esac
	sqlite3 complaints.db "CREATE TRIGGER boom_$1 BEFORE INSERT ON $t_
	    BEGIN SELECT RAISE(ABORT, 'boom: no $1'); END;"
}

# SQLite-only: the trigger of break_inserts gone.
mend_inserts() {
	sqlite3 complaints.db "DROP TRIGGER boom_$1"
}

# Each test's store: two cases, the second answered.
setup() {
	fresh_store south-staffordshire &&
	test "$(cpl log --complainant A --summary s --received 2026-03-02)" = \
	    SSC-2026-00001 &&
	test "$(cpl log --complainant B --summary s --received 2026-03-02)" = \
	    SSC-2026-00002 &&
	cpl respond SSC-2026-00002 --outcome upheld --date 2026-03-06
}

test_on setup 'two cases, the second answered: two rows, two numbers taken' '
	test "$(rows cases)" = 2 &&
	test "$(last_number)" = 2
'

test_on setup 'log: the event insert fails after the case insert: no case, no number' '
	break_inserts events &&
	failed "boom: no events" cpl log --complainant C --summary s \
	    --received 2026-03-03 &&
	test "$(rows cases)" = 2 &&
	test "$(rows stages)" = 2 &&
	test "$(last_number)" = 2
'

test_on setup 'ack: the stage update rolls back when the event insert fails' '
	break_inserts events &&
	failed "boom: no events" cpl ack SSC-2026-00001 --date 2026-03-03 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM stages
	    WHERE acknowledged IS NOT NULL")" = 0
'

test_on setup 'respond, with remedies and learning: rolled back' '
	break_inserts events &&
	failed "boom: no events" cpl respond SSC-2026-00001 --outcome upheld \
	    --remedy Apology --learning Lesson --date 2026-03-04 &&
	test "$(rows stage_texts)" = 0 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM stages
	    WHERE responded IS NOT NULL")" = 1
'

test_on setup 'extend, escalate, assign, close, note: each rolled back' '
	break_inserts events &&
	failed "boom: no events" cpl extend SSC-2026-00001 --days 5 --told --reason r \
	    --date 2026-03-04 &&
	test "$(rows extensions)" = 0 &&
	failed "boom: no events" cpl escalate SSC-2026-00002 --reason r \
	    --date 2026-03-09 &&
	test "$(rows stages)" = 2 &&
	failed "boom: no events" cpl assign SSC-2026-00001 --to bob \
	    --date 2026-03-04 &&
	failed "boom: no events" cpl close SSC-2026-00001 --reason withdrawn \
	    --date 2026-03-04 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases
	    WHERE closed IS NOT NULL")" = 0 &&
	failed "boom: no events" cpl note SSC-2026-00001 hello --date 2026-03-04 &&
	failed "boom: no events" cpl init --set-default-policy psps
'

test_on setup 'log: the stage insert fails after the case insert: nothing' '
	break_inserts stages &&
	failed "boom: no stages" cpl log --complainant C --summary s \
	    --received 2026-03-03 &&
	test "$(rows cases)" = 2 &&
	test "$(last_number)" = 2
'

test_on setup 'respond: the learning insert fails after the remedy: nothing' '
	sqlite3 complaints.db "CREATE TRIGGER boom_learning BEFORE INSERT ON
	    stage_texts WHEN NEW.kind = '\''learning'\''
	    BEGIN SELECT RAISE(ABORT, '\''boom: no learning'\''); END;" &&
	failed "boom: no learning" cpl respond SSC-2026-00001 --outcome upheld \
	    --remedy Apology --learning Lesson --date 2026-03-04 &&
	test "$(rows stage_texts)" = 0
'

# Each failure of the tests above, in one store: what it leaves behind
# (nothing) must not trip up what comes after.
fail_each() {
	break_inserts events &&
	for args in "log --complainant C --summary s --received 2026-03-03" \
	    "ack SSC-2026-00001 --date 2026-03-03" \
	    "respond SSC-2026-00001 --outcome upheld --remedy Apology --learning Lesson --date 2026-03-04" \
	    "extend SSC-2026-00001 --days 5 --told --reason r --date 2026-03-04" \
	    "escalate SSC-2026-00002 --reason r --date 2026-03-09" \
	    "close SSC-2026-00001 --reason withdrawn --date 2026-03-04"; do
		# shellcheck disable=SC2086 # the words are the arguments
		failed "boom: no events" cpl $args || return 1
	done &&
	mend_inserts events &&
	break_inserts stages &&
	failed "boom: no stages" cpl log --complainant C --summary s \
	    --received 2026-03-03 &&
	mend_inserts stages
}

test_on setup 'with the triggers gone, the next case takes the next number' '
	fail_each &&
	test "$(cpl log --complainant C --summary s --received 2026-03-03)" = \
	    SSC-2026-00003 &&
	cpl ack SSC-2026-00001 --date 2026-03-03 &&
	cpl show SSC-2026-00001 --format json >case.json &&
	json_is case.json ".stages[0].acknowledged=2026-03-03" \
	    ".history | length=2"
'

test_on setup 'the database is sound' '
	fail_each &&
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
	test -z "$(sqlite3 complaints.db "PRAGMA foreign_key_check")" &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases c
	    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id
	    AND e.action = '\''logged'\'')")" = 0
'

# A file mode stops the account that owns the file, but not root: as root,
# the store and the commands are another account's.
if [ "$(id -u)" -ne 0 ]; then
	officer() { "$@"; }
	officer_why=
elif accounts_ready; then
	officer() { as_user cpltest1 "$@"; }
	officer_why=
else
	officer_why=$accounts_why
fi

if [ -z "$officer_why" ]; then
	test_expect_success 'a read-only database: log and ack exit 3, nothing changed' '
		test_dir &&
		{ [ "$(id -u)" -ne 0 ] || chown cpltest1 . ; } &&
		officer "$COMPLAINTS" --db ro.db init --policy south-staffordshire &&
		officer "$COMPLAINTS" --db ro.db log --complainant B --summary s \
		    --received 2026-03-02 >/dev/null &&
		officer chmod 400 ro.db &&
		officer cp ro.db ro.orig &&
		dump_db ro.orig >before &&
		test_must_fail 3 officer "$COMPLAINTS" --db ro.db log --complainant D \
		    --summary s --received 2026-03-04 >out 2>err &&
		one_line_error err ro.db && test ! -s out &&
		test_must_fail 3 officer "$COMPLAINTS" --db ro.db ack SSC-2026-00001 \
		    --date 2026-03-04 >out 2>err &&
		one_line_error err ro.db && test ! -s out &&
		cmp ro.orig ro.db &&
		dump_db ro.db >after &&
		test_cmp before after
	'
else
	test_skip "a read-only database: log and ack exit 3, nothing changed" \
	    "$officer_why"
fi

test_done
