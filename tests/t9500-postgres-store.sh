#!/bin/sh
# t9500-postgres-store.sh: the same commands on a PostgreSQL store as on
# an SQLite file. init makes the schema on an empty database; a case
# taken through both stages reads the same on both, in text, JSON and a
# list; a refusal says the same and changes nothing; what only a file
# has (a group to share it with) is refused on a server. Needs the test
# server (tests/pg-server.sh, a ctest fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# story NAME: a complaint through both stages of PSPS's procedure
# (seeds/README: psps, stage 1 then stage 2), and another case, on the
# store COMPLAINTS_DB names; what show and list say in NAME.*.
story() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Siân O'Brien" --service "Council Tax" \
	    --summary "Bill wrong" --received 2026-03-02 >ref &&
	ref=$(cat ref) &&
	cpl ack "$ref" --date 2026-03-03 &&
	cpl respond "$ref" --date 2026-03-10 --outcome upheld &&
	cpl escalate "$ref" --date 2026-03-12 --reason "Not happy" &&
	cpl log --complainant "B Resident" --service Housing \
	    --received 2026-03-05 >/dev/null &&
	cpl show "$ref" >"$1.show" &&
	# When each event was recorded is the clock's, not the store's.
	cpl show "$ref" --format json |
	    sed "s/\"recorded\": \"[^\"]*\"/\"recorded\": T/" >"$1.json" &&
	cpl list --format csv >"$1.list" &&
	cpl list --status open --service "council tax" --format csv \
	    >"$1.filtered"
}

test_expect_success 'a case reads the same on a server as in a file' '
	new_db &&
	story server &&
	COMPLAINTS_DB=$PWD/file.db story file &&
	grep "^PSPS-2026-00001 .*open, stage 2" server.show &&
	grep "acknowledge     due 2026-03-19" server.show &&
	test_cmp file.show server.show &&
	grep "\"recorded\": T" server.json &&
	test_cmp file.json server.json &&
	test_cmp file.list server.list &&
	test_cmp file.filtered server.filtered &&
	test "$(wc -l <server.filtered)" -eq 2
'

test_expect_success 'a database with no store is refused until init' '
	new_db &&
	test_must_fail 3 cpl list 2>err &&
	one_line_error err "is not a complaints database: run .complaints init. first" &&
	cpl init --policy psps &&
	cpl list --format csv >out &&
	test "$(wc -l <out)" -eq 1 &&
	dump_db >dump &&
	grep "^schema_version " dump &&
	grep "^settings key=\"default_policy\" value=\"psps\"" dump
'

test_expect_success 'init again on a server store keeps its cases' '
	new_db &&
	cpl init --policy psps &&
	cpl log --complainant A --received 2026-03-02 >ref &&
	cpl init --policy psps &&
	cpl show "$(cat ref)" >out &&
	grep "^PSPS-2026-00001" out
'

test_expect_success 'a refusal on a server says what a file says and changes nothing' '
	new_db &&
	cpl init --policy psps &&
	cpl log --complainant A --received 2026-03-02 >ref &&
	refused 1 "" cpl ack "$(cat ref)" --date 2026-03-01 &&
	cp err server.err &&
	cd .. && mkdir file && cd file &&
	COMPLAINTS_DB=$PWD/c.db && cpl init --policy psps &&
	cpl log --complainant A --received 2026-03-02 >ref &&
	refused 1 "" cpl ack "$(cat ref)" --date 2026-03-01 &&
	test_cmp err ../t$test_count/server.err
'

test_expect_success 'a server store is not shared with a group' '
	new_db &&
	cpl init --policy psps &&
	refused 3 "is a PostgreSQL database: who may use it is the server.s roles and grants" \
	    cpl init --group "$(id -gn)"
'

test_done
