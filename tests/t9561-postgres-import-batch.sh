#!/bin/sh
# t9561-postgres-import-batch.sh: complaints import on a PostgreSQL store
# sends a batch of rows without a round trip each (docs/POSTGRES.md,
# "Import on a server"): when nothing else was committed on the server
# between the two passes, the write does not look each row's external_ref
# up again (the server's count of scans of its index says so), and a new
# case's id is taken with the batch's, so the cases, their ids' order and
# the next case are as in a file, across the batch's boundary of 1,000
# ids. The first test runs on a server of its own (tests/pg-server.sh),
# where no other test's commits change the snapshot between the passes.
. "$(dirname "$0")/lib.sh"

needs_server
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # skip no python3 (bench/gen-import.py)"
	exit 77
fi
export COMPLAINTS_TODAY=2026-12-31	# after every generated date

test_expect_success 'the write looks no row up again when nothing else was committed' '
	test_dir &&
	own_server &&
	COMPLAINTS_DB=$own &&
	export COMPLAINTS_DB &&
	python3 "$SRCDIR/bench/gen-import.py" 200 3 X >rows.csv &&
	cpl init --policy psps >/dev/null &&
	# A case stored first: the file is checked in a first pass, each
	# row'"'"'s external_ref looked up there, then written.
	cpl log --complainant "Kept Case" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	before=$(index_scans case_rows_external_ref_key) &&
	cpl import rows.csv >out &&
	grep "^imported 200, skipped 0 as duplicates, rejected 0" out &&
	after=$(index_scans case_rows_external_ref_key) &&
	echo "# scans: $before, then $after" &&
	# Once a row, in the first pass (twice a row when looked up again).
	test $((after - before)) -ge 200 &&
	test $((after - before)) -lt 300 &&
	cpl list --format csv >list &&
	test "$(wc -l <list)" -eq 202
'

# import_into NAME: cases.csv imported into the store COMPLAINTS_DB names
# (one case logged first), then a case logged; what they say, lists and
# exports, and each case'"'"'s id in the order of the references, in NAME.*.
import_into() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Kept Case" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	cpl import cases.csv >"$1.out" 2>"$1.err" &&
	cpl log --complainant "After" --service Housing \
	    --received 2026-03-03 >"$1.ref" &&
	cpl list --format csv >"$1.list" &&
	cpl export >"$1.export" &&
	dump_db | sed "s/recorded=\"[^\"]*\"/recorded=T/;
	    s/ added=\"[^\"]*\"/ added=T/" >"$1.dump"
}

test_expect_success 'more cases than a batch of ids: the same store as in a file' '
	new_db &&
	python3 "$SRCDIR/bench/gen-import.py" 1100 5 B >cases.csv &&
	import_into server &&
	COMPLAINTS_DB=$PWD/file.db import_into file &&
	grep "^imported 1100, skipped 0 as duplicates, rejected 0" server.out &&
	test_cmp file.out server.out &&
	test_cmp file.err server.err &&
	test_cmp file.ref server.ref &&
	test_cmp file.list server.list &&
	test "$(wc -l <server.list)" -eq 1103 &&
	test_cmp file.export server.export &&
	test_cmp file.dump server.dump &&
	# The cases'"'"' ids in the order of the import, the next case past
	# them, with no case given an id another had.
	psql "$COMPLAINTS_DB" -qAtX -c "SELECT count(*), count(DISTINCT id),
	    min(id), bool_and(id > 1) FROM case_rows WHERE external_ref IS NOT NULL" >ids &&
	echo "# ids: $(cat ids)" &&
	test "$(cat ids)" = "1100|1100|2|t" &&
	psql "$COMPLAINTS_DB" -qAtX -c "SELECT count(*) FROM (SELECT id,
	    lag(id) OVER (ORDER BY id) AS prev, external_ref,
	    lag(external_ref) OVER (ORDER BY id) AS prev_ref FROM case_rows
	    WHERE external_ref IS NOT NULL) AS o WHERE prev_ref > external_ref" >order &&
	test "$(cat order)" = 0
'

test_done
