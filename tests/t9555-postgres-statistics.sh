#!/bin/sh
# t9555-postgres-statistics.sh: a write of many rows into a server store
# (a copy, an import) leaves its tables analyzed, so the reports made
# just after it plan with statistics rather than read whole tables; a
# write of a few rows leaves them to the server's autovacuum. What
# complaints analyzes is counted apart from what autovacuum does
# (pg_stat_user_tables: analyze_count, autoanalyze_count). Needs the test
# server (tests/pg-server.sh).
. "$(dirname "$0")/lib.sh"

needs_server

export COMPLAINTS_TODAY=2026-12-31

# psql_store SQL: SQL on this test's server database.
psql_store() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

# analyzed TABLE: how many times the table has been analyzed by a
# command (not by autovacuum) on this test's database.
analyzed() {
	psql_store "SELECT analyze_count FROM pg_stat_user_tables
	    WHERE relname = '$1'"
}

# planned_cases: the server planner's estimate of the cases' rows (-1:
# never analyzed).
planned_cases() {
	psql_store "SELECT reltuples::bigint FROM pg_class
	    WHERE oid = 'case_rows'::regclass"
}

test_expect_success 'a copy of 1,500 cases to a server leaves them analyzed' '
	test_dir &&
	python3 "$SRCDIR/bench/gen-import.py" 1500 >cases.csv &&
	(unset COMPLAINTS_DB && cpl init --policy south-staffordshire &&
	 cpl import cases.csv >/dev/null) &&
	server_db &&
	cpl --db complaints.db copy --to "$COMPLAINTS_DB" >/dev/null &&
	test "$(analyzed case_rows)" = 1 &&
	test "$(analyzed event_rows)" = 1 &&
	test "$(planned_cases)" = 1500
'

test_expect_success 'an import of 1,500 cases into a server leaves them analyzed' '
	test_dir &&
	python3 "$SRCDIR/bench/gen-import.py" 1500 >cases.csv &&
	server_db &&
	cpl init --policy south-staffordshire &&
	cpl import cases.csv >/dev/null &&
	test "$(analyzed case_rows)" = 1 &&
	test "$(planned_cases)" = 1500
'

test_expect_success 'a few cases more leave the statistics to autovacuum' '
	test_dir &&
	python3 "$SRCDIR/bench/gen-import.py" 1500 >cases.csv &&
	server_db &&
	cpl init --policy south-staffordshire &&
	cpl import cases.csv >/dev/null &&
	cpl log --complainant "A Resident" --summary "Bin missed" \
	    --received 2026-03-02 >/dev/null &&
	test "$(analyzed case_rows)" = 1
'

test_done
