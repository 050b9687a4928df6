#!/bin/sh
# t0300-atomic.sh: a write that fails half-way leaves nothing behind. Each
# change is its rows plus its event in one transaction (SPEC section 6); a
# trigger makes a later insert of the transaction fail, after the earlier
# ones went through, and the whole change must roll back.
#
# (chmod cannot make the file read-only to root, which these tests may run
# as; the read-only test runs only for another user.)
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

# The rows of a table, for a count.
rows() {
	sqlite3 complaints.db "SELECT count(*) FROM $1"
}

# A trigger that makes every insert into table $1 fail.
break_inserts() {
	sqlite3 complaints.db "CREATE TRIGGER boom_$1 BEFORE INSERT ON $1
	    BEGIN SELECT RAISE(ABORT, 'boom: no $1'); END;"
}

test_expect_success 'set up: two cases, the second answered' '
	cpl init --policy south-staffordshire &&
	test "$(cpl log --complainant A --summary s --received 2026-03-02)" = \
	    SSC-2026-00001 &&
	test "$(cpl log --complainant B --summary s --received 2026-03-02)" = \
	    SSC-2026-00002 &&
	cpl respond SSC-2026-00002 --outcome upheld --date 2026-03-06 &&
	test "$(rows cases)" = 2 &&
	test "$(sqlite3 complaints.db "SELECT last FROM ref_numbers")" = 2
'

test_expect_success 'log: the event insert fails after the case insert: no case, no number' '
	break_inserts events &&
	failed "boom: no events" cpl log --complainant C --summary s \
	    --received 2026-03-03 &&
	test "$(rows cases)" = 2 &&
	test "$(rows stages)" = 2 &&
	test "$(sqlite3 complaints.db "SELECT last FROM ref_numbers")" = 2
'

test_expect_success 'ack: the stage update rolls back when the event insert fails' '
	failed "boom: no events" cpl ack SSC-2026-00001 --date 2026-03-03 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM stages
	    WHERE acknowledged IS NOT NULL")" = 0
'

test_expect_success 'respond, with remedies and learning: rolled back' '
	failed "boom: no events" cpl respond SSC-2026-00001 --outcome upheld \
	    --remedy Apology --learning Lesson --date 2026-03-04 &&
	test "$(rows stage_texts)" = 0 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM stages
	    WHERE responded IS NOT NULL")" = 1
'

test_expect_success 'extend, escalate, assign, close, note: each rolled back' '
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
	failed "boom: no events" cpl init --policy psps
'

test_expect_success 'log: the stage insert fails after the case insert: nothing' '
	sqlite3 complaints.db "DROP TRIGGER boom_events" &&
	break_inserts stages &&
	failed "boom: no stages" cpl log --complainant C --summary s \
	    --received 2026-03-03 &&
	test "$(rows cases)" = 2 &&
	test "$(sqlite3 complaints.db "SELECT last FROM ref_numbers")" = 2 &&
	sqlite3 complaints.db "DROP TRIGGER boom_stages"
'

test_expect_success 'respond: the learning insert fails after the remedy: nothing' '
	sqlite3 complaints.db "CREATE TRIGGER boom_learning BEFORE INSERT ON
	    stage_texts WHEN NEW.kind = '\''learning'\''
	    BEGIN SELECT RAISE(ABORT, '\''boom: no learning'\''); END;" &&
	failed "boom: no learning" cpl respond SSC-2026-00001 --outcome upheld \
	    --remedy Apology --learning Lesson --date 2026-03-04 &&
	test "$(rows stage_texts)" = 0 &&
	sqlite3 complaints.db "DROP TRIGGER boom_learning"
'

test_expect_success 'with the triggers gone, the next case takes the next number' '
	test "$(cpl log --complainant C --summary s --received 2026-03-03)" = \
	    SSC-2026-00003 &&
	cpl ack SSC-2026-00001 --date 2026-03-03 &&
	cpl show SSC-2026-00001 --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-03-03 &&
	test "$(jfield .history <case.json |
	    python3 -c "import json, sys; print(len(json.load(sys.stdin)))")" = 2
'

test_expect_success 'the database is sound' '
	test "$(sqlite3 complaints.db "PRAGMA integrity_check")" = ok &&
	test -z "$(sqlite3 complaints.db "PRAGMA foreign_key_check")" &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases c
	    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id
	    AND e.action = '\''logged'\'')")" = 0
'

if [ "$(id -u)" -ne 0 ]; then
	test_expect_success 'a read-only database: log and ack exit 3, nothing changed' '
		cp complaints.db ro.db &&
		chmod 400 ro.db &&
		dump_db ro.db >before &&
		test_must_fail 3 cpl --db ro.db log --complainant D --summary s \
		    --received 2026-03-04 >out 2>err &&
		one_line_error err ro.db && test ! -s out &&
		test_must_fail 3 cpl --db ro.db ack SSC-2026-00002 \
		    --date 2026-03-04 >out 2>err &&
		one_line_error err ro.db && test ! -s out &&
		dump_db ro.db >after &&
		test_cmp before after
	'
fi

test_done
