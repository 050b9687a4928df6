#!/bin/sh
# t9562-postgres-import-related.sh: complaints import on a PostgreSQL
# store reads the open cases of a batch's complainants in one statement
# for the duplicate warning, keeps them in memory and adds the file's own
# new cases to them (docs/POSTGRES.md, "Import on a server"): the
# warnings are a file's, word for word and in the same order, for a
# duplicate of a stored case, of an earlier row across the first pass's
# batch of 4,096 rows, a name written in other capitals, and a closed
# case that is none. The test runs on a server of its own
# (tests/pg-server.sh), where no other test's commits change the
# snapshot between the passes (else the store is read row by row), and
# the server counts the reads of the cases: once a batch, not once a row.
. "$(dirname "$0")/lib.sh"

needs_server
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # skip no python3 (bench/gen-import.py)"
	exit 77
fi
export COMPLAINTS_TODAY=2026-12-31	# after every generated date

# related_file: cases.csv, 4,300 generated rows with the rows below
# among them, the first of each pair before the batch's end at 4,096.
related_file() {
	python3 "$SRCDIR/bench/gen-import.py" 4300 7 G >gen.csv &&
	e=",,,,,,,,," &&
	{
		sed -n 1,11p gen.csv &&
		echo "R-1,psps,complaint,Ann Example,email,Housing,Leak again,2026-03-10,officer0$e,," &&
		echo "R-2,psps,complaint,Dan Early,email,Parking,Fine,2026-04-01,officer0$e,," &&
		echo "R-3,psps,complaint,Cara Closed,email,Waste,Bin,2026-05-01,officer0$e,2026-05-02,no-further-action" &&
		sed -n 12,4200p gen.csv &&
		echo "R-4,psps,complaint,ANN EXAMPLE,email,Housing,Leak three,2026-03-20,officer0$e,," &&
		echo "R-5,psps,complaint,Dan Early,email,Parking,Fine again,2026-04-10,officer0$e,," &&
		echo "R-6,psps,complaint,Cara Closed,email,Waste,Bin again,2026-05-05,officer0$e,," &&
		echo "R-7,psps,complaint,Ann Example,email,Planning,Other,2026-03-21,officer0$e,," &&
		sed -n '4201,$p' gen.csv
	} >cases.csv
}

# import_into NAME: a case of Ann Example stored first, cases.csv
# imported; what the import says in NAME.out and NAME.err, the cases in
# NAME.list.
import_into() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Ann Example" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	cpl import cases.csv >"$1.out" 2>"$1.err" &&
	cpl list --format csv >"$1.list"
}

# case_reads: the reads of the cases' table the server counts, but for
# those by id (each stage's and event's key checks one) and by external
# reference (the first pass's look-up of each row): a scan of the whole
# table or of any other index.
case_reads() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "SELECT t.seq_scan +
	    (SELECT sum(i.idx_scan) FROM pg_stat_user_indexes i
	     WHERE i.relid = t.relid AND i.indexrelname NOT IN
	     ('case_rows_pkey', 'case_rows_external_ref_key'))
	    FROM pg_stat_user_tables t WHERE t.relname = 'case_rows'"
}

test_expect_success 'the duplicate warnings of an import are a file'"'"'s' '
	test_dir &&
	own_server &&
	related_file &&
	COMPLAINTS_DB=$own import_into server &&
	COMPLAINTS_DB=$PWD/file.db import_into file &&
	grep "^imported 4307, skipped 0 as duplicates, rejected 0" server.out &&
	test_cmp file.out server.out &&
	test_cmp file.err server.err &&
	test_cmp file.list server.list &&
	# The open cases of the complainants read once a batch, not once a
	# row (4,307 rows: before, a read each).
	reads=$(COMPLAINTS_DB=$own case_reads) &&
	echo "# reads of the cases: $reads" &&
	test "$reads" -lt 100 &&
	# A duplicate of the stored case, then of it and the first row.
	grep "^cases.csv:12: warning: possible duplicate or related case: '"'"'PSPS-2026-00001'"'"'" server.err &&
	grep "^cases.csv:4204: warning: possible duplicate .* and 1 more are of the same complainant" server.err &&
	# Of an earlier row, across the batch.
	grep "^cases.csv:4205: warning: possible duplicate" server.err &&
	# A closed case, or another service: none.
	test_must_fail grep "^cases.csv:4206:" server.err &&
	test_must_fail grep "^cases.csv:4207:" server.err
'

test_done
