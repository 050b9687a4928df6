#!/bin/sh
# t9560-postgres-import.sh: complaints import on a PostgreSQL store, whose
# batch sends its plain writes down libpq's pipeline (docs/POSTGRES.md):
# a few hundred rows with their history, duplicates and a bad row give
# the same output, lists, export and dump on a server as in a file; a
# write the server refuses part-way (a check constraint the first pass
# knows nothing of) fails the import with one line and leaves the store
# as it was. Needs the test server (tests/pg-server.sh, a ctest
# fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # skip no python3 (bench/gen-import.py)"
	exit 77
fi
export COMPLAINTS_TODAY=2026-12-31	# after every generated date

# rows N: N generated cases (every policy, both stages, closures:
# bench/gen-import.py), each twice over for the duplicates, and one bad
# row (a date that is no date), in rows.csv.
rows() {
	python3 "$SRCDIR/bench/gen-import.py" "$1" 7 T >gen.csv &&
	cp gen.csv rows.csv &&
	sed -n "2,41p" gen.csv >>rows.csv &&
	echo "BAD-1,psps,complaint,A Person,email,Housing,Bad,2026-02-30,o1,,,,,,,,,,," \
	    >>rows.csv
}

# import_into NAME: rows.csv imported (bad rows skipped) into the store
# COMPLAINTS_DB names, what it says, lists and exports in NAME.*.
import_into() {
	cpl init --policy psps >/dev/null &&
	cpl import --skip-bad --rejects rejects rows.csv \
	    >"$1.out" 2>"$1.err" &&
	mv rejects "$1.rejects" &&
	cpl list --format csv >"$1.list" &&
	cpl list --status open --service housing --format csv >"$1.open" &&
	cpl export >"$1.export" &&
	# When each event was recorded, and each policy's version added,
	# is the clock's, not the store's.
	dump_db | sed "s/recorded=\"[^\"]*\"/recorded=T/;
	    s/ added=\"[^\"]*\"/ added=T/" >"$1.dump"
}

test_expect_success 'an import gives the same store on a server as in a file' '
	new_db &&
	rows 300 &&
	import_into server &&
	COMPLAINTS_DB=$PWD/file.db import_into file &&
	grep "^imported 300, skipped 40 as duplicates, rejected 1" server.out &&
	test_cmp file.out server.out &&
	test_cmp file.err server.err &&
	test_cmp file.rejects server.rejects &&
	test_cmp file.list server.list &&
	test "$(wc -l <server.list)" -eq 301 &&
	test_cmp file.open server.open &&
	test_cmp file.export server.export &&
	test_cmp file.dump server.dump
'

test_expect_success 'a write the server refuses part-way fails the import and keeps nothing' '
	new_db &&
	rows 200 &&
	cpl init --policy psps >/dev/null &&
	# The constraint is the server'"'"'s alone (the first pass knows
	# nothing of it): psql adds it.
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "ALTER TABLE event_rows
	    ADD CONSTRAINT t9560_poison CHECK (detail IS DISTINCT FROM '"'"'poison'"'"')" &&
	awk -F, -v OFS=, "NR > 1 && \$13 != \"\" && !done { \$14 = \"poison\"; done = 1 } 1" \
	    gen.csv >poison.csv &&
	grep -c ",poison," poison.csv >n && test "$(cat n)" -eq 1 &&
	cpl log --complainant "Kept Case" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	refused 3 "can.t write the rows: new row for relation \"event_rows\" violates check constraint \"t9560_poison\"" \
	    cpl import poison.csv &&
	cpl list --format csv >list &&
	test "$(wc -l <list)" -eq 2 &&
	grep "^PSPS-2026-00001,psps,complaint,open," list &&
	cpl log --complainant "After" --service Housing \
	    --received 2026-03-03 >ref &&
	test "$(cat ref)" = PSPS-2026-00002
'

test_done
