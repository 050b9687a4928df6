#!/bin/sh
# t9310-store-words.sh: the store keeps each word and name its rows repeat
# once (table words, migration 18): a case's kind, channel, close reason
# and who logged it, a stage's officer, responder and outcome, an event's
# officer and action are the ids of their words, and a name's key is kept
# once, beside it. A store of schema version 17, which wrote them out in
# every row, is converted when a command opens it, with every value kept:
# its dump, and what show, history and export print of its cases, are what
# the complaints of version 17 gave.
#
# The store of version 17 is tests/fixtures/store-v17.sql, made with the
# complaints of that version by tests/fixtures/store-v17.sh, which also
# wrote what it printed (store-v17.dump, store-v17.out).
. "$(dirname "$0")/lib.sh"

FIXTURES=$SRCDIR/tests/fixtures

# SQLite-only: the schema version is SQLite's PRAGMA user_version.
version() {
	sqlite3 complaints.db "PRAGMA user_version"
}

# What show and history print of every case, then the export with the
# history, as store-v17.sh wrote them.
printed() {
	for ref in $(sqlite3 complaints.db "SELECT ref FROM cases ORDER BY id")
	do
		cpl show "$ref" && cpl history "$ref" || return 1
	done &&
	cpl export --include-history &&
	cpl export --include-history --format jsonl 2>/dev/null
}

test_expect_success 'a store of version 17 is converted on open, every value kept' '
	store_v17 && test "$(version)" = 17 &&
	cpl list --format csv >/dev/null &&
	test "$(version)" -ge 18 &&
	dump_db >dump &&
	sed 1d "$FIXTURES/store-v17.dump" >expect &&
	sed 1d dump >got &&
	test_cmp expect got
'

test_expect_success 'show, history and export print a converted case as before' '
	store_v17 &&
	printed >got &&
	test "$(version)" -ge 18 &&
	test_cmp "$FIXTURES/store-v17.out" got
'

# SQLite-only: the schema is read with the sqlite3 shell.
test_expect_success 'a new store has the schema a converted store has' '
	store_v17 &&
	cpl list >/dev/null &&
	test "$(version)" -ge 18 &&
	sqlite3 complaints.db .schema | sort >converted &&
	cpl --db new.db init --policy psps &&
	sqlite3 new.db .schema | sort >new &&
	test_cmp converted new
'

# SQLite-only: how SQLite holds the values, read with the sqlite3 shell.
test_expect_success 'a word or a name is written once, its rows keep its id' '
	store_v17 &&
	cpl --officer "Bob  Smith" log --complainant "New Case" --summary s \
	    --received 2026-11-02 --channel phone >/dev/null &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM words
	    WHERE word IN ('\''tester'\'', '\''Bob  Smith'\'', '\''logged'\'',
	    '\''complaint'\'', '\''phone'\'')")" = 5 &&
	test "$(sqlite3 complaints.db "SELECT key FROM words
	    WHERE word = '\''Bob  Smith'\''")" = "bob smith" &&
	test "$(sqlite3 complaints.db "SELECT DISTINCT typeof(kind)
	    || typeof(logged_by) FROM case_rows")" = integerinteger &&
	test "$(sqlite3 complaints.db "SELECT DISTINCT typeof(officer)
	    || typeof(action) FROM event_rows")" = integerinteger &&
	test "$(sqlite3 complaints.db "SELECT count(*)
	    FROM pragma_table_info('\''stage_rows'\'')
	    WHERE name LIKE '\''%_key'\''")" = 0 &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM sqlite_schema
	    WHERE name = '\''cases_open_complainant'\''")" = 0
'

test_expect_success 'a new word and a new name need no migration, and are found by their keys' '
	fresh_store &&
	a=$(cpl --officer "Zoë  Field" log --complainant A --summary s \
	    --received 2026-11-02 --channel in-person) &&
	b=$(cpl --officer "zoë field" log --complainant B --summary s \
	    --received 2026-11-03) &&
	cpl list --officer "ZOË FIELD" --format csv >list.csv &&
	test "$(sed 1d list.csv | cut -d, -f1 | sort | tr "\n" " ")" = "$a $b " &&
	case_is "$a" ".officer=Zoë  Field" ".channel=in-person" &&
	cpl respond "$b" --outcome not-upheld --date 2026-11-05 &&
	cpl report summary --from 2026-11-01 --to 2026-11-30 --by officer \
	    --format csv >summary.csv &&
	grep -q "^officer,Zoë  Field,received,2," summary.csv &&
	test_must_fail 1 grep -q "^officer,zoë field," summary.csv
'

# SQLite-only: the failure is a trigger made with the sqlite3 shell.
test_expect_success 'a write rolled back leaves none of its new words' '
	fresh_store &&
	sqlite3 complaints.db "CREATE TRIGGER boom BEFORE INSERT ON event_rows
	    BEGIN SELECT RAISE(ABORT, '\''boom'\''); END;" &&
	fails 3 cpl --officer "Never Here" log --complainant A --summary s \
	    --received 2026-11-02 &&
	sqlite3 complaints.db "DROP TRIGGER boom" &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM words
	    WHERE word = '\''Never Here'\''")" = 0
'

test_expect_success 'a converted store takes new cases, and the history and search work' '
	store_v17 &&
	ref=$(cpl log --complainant "Siân Jones" --service refuse \
	    --summary "Bins again" --received 2026-11-02 2>warn) &&
	grep -q "under restriction 1" warn &&
	cpl note "$ref" "Fox in the bins" --date 2026-11-03 &&
	cpl list --search fox --format csv >found.csv &&
	test "$(sed 1d found.csv | cut -d, -f1)" = "$ref" &&
	cpl close "$ref" --reason refused --date 2026-11-04 &&
	cpl report summary --from 2026-11-01 --to 2026-11-30 --format csv \
	    >summary.csv &&
	grep -q "refused" summary.csv &&
	case_is "$ref" ".status=closed" ".close_reason=refused"
'

test_done
