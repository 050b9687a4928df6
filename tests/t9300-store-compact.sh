#!/bin/sh
# t9300-store-compact.sh: the store keeps a date as its day number and the
# time an event was recorded as its milliseconds since the epoch, and
# writes a case's policy once (in its policy text). A store of schema
# version 11, which kept them as text, is converted when a command opens
# it, with every value kept: its dump, and what show, history and export
# print of its cases, are what the complaints of version 11 gave.
#
# The store of version 11 is tests/fixtures/store-v11.sql, made with the
# complaints of that version by tests/fixtures/store-v11.sh, which also
# wrote what it printed (store-v11.dump, store-v11.out).
. "$(dirname "$0")/lib.sh"

FIXTURES=$SRCDIR/tests/fixtures

# SQLite-only: the store of version 11 is loaded with the sqlite3 shell.
old_store() {
	store_v11 &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" = 11
}

# What show and history print of every case, then the export with the
# history, as store-v11.sh wrote them.
printed() {
	for ref in SSC-2026-00001 SSC-2026-00002 SSC-2026-00003 \
	    SSC-2026-00004 PSPS-2026-00001 SSC-2019-00001; do
		cpl show "$ref" && cpl history "$ref" || return 1
	done &&
	cpl export --include-history &&
	cpl export --include-history --format jsonl 2>/dev/null
}

test_expect_success 'a store of version 11 is converted on open, every value kept' '
	old_store &&
	cpl list --format csv >/dev/null &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 12 &&
	dump_db >dump &&
	sed 1d "$FIXTURES/store-v11.dump" >expect &&
	sed 1d dump >got &&
	test_cmp expect got
'

test_expect_success 'show, history and export print a converted case as before' '
	old_store &&
	printed >got &&
	test_cmp "$FIXTURES/store-v11.out" got
'

# SQLite-only: the schema is read with the sqlite3 shell.
test_expect_success 'a new store has the schema a converted store has' '
	old_store &&
	cpl list >/dev/null &&
	sqlite3 complaints.db .schema | sort >converted &&
	cpl --db new.db init --policy psps &&
	sqlite3 new.db .schema | sort >new &&
	test_cmp converted new
'

# SQLite-only: how SQLite holds the values, read with the sqlite3 shell.
test_expect_success 'dates are day numbers, times milliseconds, a policy once' '
	old_store &&
	cpl log --complainant "New Case" --summary s --received 2026-11-02 \
	    >/dev/null &&
	test "$(sqlite3 complaints.db "SELECT DISTINCT typeof(received)
	    || typeof(closed) FROM cases WHERE closed IS NOT NULL")" = \
	    integerinteger &&
	test "$(sqlite3 complaints.db "SELECT DISTINCT typeof(date)
	    || typeof(recorded) FROM events")" = integerinteger &&
	test "$(sqlite3 complaints.db "SELECT received FROM cases
	    WHERE complainant = '\''New Case'\''")" = \
	    "$(sqlite3 complaints.db "SELECT CAST(julianday('\''2026-11-02'\'')
	    - 2440587.5 AS INTEGER)")" &&
	test "$(sqlite3 complaints.db "SELECT count(*)
	    FROM pragma_table_info('\''cases'\'') WHERE name = '\''policy'\''")" = 0 &&
	test "$(sqlite3 complaints.db "SELECT DISTINCT typeof(respond_from)
	    FROM stages")" = integer
'

# SQLite-only: the schema is read with the sqlite3 shell.
test_expect_success 'the checks of one of a few words are no IN lists' '
	fresh_store &&
	sqlite3 complaints.db "SELECT sql FROM sqlite_schema
	    WHERE type = '\''table'\''" >tables &&
	grep -q "CHECK (anonymous = 0 OR anonymous = 1)" tables &&
	test_must_fail 1 grep -n "CHECK ([a-z_]* IN" tables
'

test_expect_success 'a converted store takes new cases and reports on them' '
	old_store &&
	ref=$(cpl log --complainant "Siân Jones" --service refuse \
	    --summary "Bins again" --received 2026-11-02) &&
	cpl ack "$ref" --date 2026-11-03 &&
	cpl report overdue --within 20 --format csv >overdue.csv &&
	grep -q "^$ref," overdue.csv &&
	cpl report summary --from 2026-01-01 --to 2026-12-31 --by month \
	    --format csv >summary.csv &&
	grep -q "2026-03" summary.csv && grep -q "2026-11" summary.csv &&
	cpl list --policy psps --format csv >psps.csv &&
	test "$(sed 1d psps.csv | cut -d, -f1)" = PSPS-2026-00001 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield ".restrictions | length" <case.json)" = 1
'

# SQLite-only: a key to nothing is made with the sqlite3 shell.
test_expect_success 'a store whose rows refer to nothing is not converted, and left as it was' '
	old_store &&
	sqlite3 complaints.db "INSERT INTO events(case_id, stage, date, recorded,
	    officer, action) VALUES (99, 1, '\''2026-01-05'\'',
	    '\''2026-01-05T10:00:00.000Z'\'', '\''tester'\'', '\''note'\'')" &&
	cp complaints.db before.db &&
	fails 3 cpl list &&
	one_line_error err "refers to a row of .cases. that is not there" &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" = 11 &&
	sqlite3 before.db .dump >before && sqlite3 complaints.db .dump >after &&
	test_cmp before after
'

test_done
