#!/bin/sh
# t9520-postgres-search.sh: search, documents and the read audit on a
# PostgreSQL store as in an SQLite file. The same words find the same
# cases in the same order on both (list --search); a document attached
# on a server comes back byte for byte (NUL bytes, over 1 MiB, empty),
# by file and by export; an audited read is recorded on a server as in
# a file. Needs the test server (tests/pg-server.sh, a ctest fixture): a
# skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# cases: four cases and a note on the store COMPLAINTS_DB names.
cases() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Siân O'Brien" --service "Council Tax" \
	    --summary "Bill wrong for the flat" --received 2026-03-02 \
	    >/dev/null &&
	cpl log --complainant "John Smith" --service Housing \
	    --summary "Damp in the flat, bins missed" \
	    --received 2026-03-03 >/dev/null &&
	cpl log --complainant "Ann Smithson" --service Waste \
	    --summary "Bin missed on Elm Road; bin missed again" \
	    --received 2026-03-04 >/dev/null &&
	cpl log --complainant "O Brien" --service Waste \
	    --summary "A well-known problem" --received 2026-03-05 >/dev/null &&
	cpl note PSPS-2026-00002 "Called back about the damp" >/dev/null
}

# searches NAME: what each search finds, in NAME.N, the best first.
searches() {
	n=0 &&
	for q in "smi*" flat "o'brien" "bin missed" BIN "damp called" \
	    SIÂN well-known "- flat" "OR" "NOT flat" "a\\b" "'" "x&y" \
	    "elm*  road" "bin*" "o'bri*" "'smith' | flat" "flat:*" "!"; do
		n=$((n + 1)) &&
		cpl list --search "$q" --format csv >"$1.$n" || return 1
	done
}

test_expect_success 'the same words find the same cases on a server as in a file' '
	new_db &&
	cases && searches server &&
	COMPLAINTS_DB=$PWD/file.db && cases && searches file &&
	for n in $(seq 1 20); do test_cmp file.$n server.$n || return 1; done &&
	cut -d, -f1 server.1 >refs &&
	printf "%s\n" ref PSPS-2026-00003 PSPS-2026-00002 >expect &&
	test_cmp expect refs &&
	cut -d, -f1 server.3 >refs &&
	printf "%s\n" ref PSPS-2026-00004 PSPS-2026-00001 >expect &&
	test_cmp expect refs &&
	test "$(wc -l <server.6)" -eq 2 &&
	test "$(wc -l <server.10)" -eq 1
'

test_expect_success 'a search on a server, with other filters and another order' '
	new_db &&
	cases &&
	cpl list --search "bin* missed" --service waste --format csv >server &&
	cpl list --search flat --sort ref --format csv >server.ref &&
	COMPLAINTS_DB=$PWD/file.db && cases &&
	cpl list --search "bin* missed" --service waste --format csv >file &&
	cpl list --search flat --sort ref --format csv >file.ref &&
	test_cmp file server &&
	test_cmp file.ref server.ref &&
	test "$(wc -l <server)" -eq 2 &&
	grep "^PSPS-2026-00003," server
'

# docs FILE...: attach each to a new case; what files says, and each
# read back by file into got.N.
docs() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant A --received 2026-03-02 >/dev/null &&
	for f in "$@"; do
		cpl attach PSPS-2026-00001 "$f" --date 2026-03-03 >/dev/null ||
		    return 1
	done &&
	cpl files PSPS-2026-00001 --format csv >files.csv &&
	n=0 &&
	for f in "$@"; do
		n=$((n + 1)) &&
		cpl file PSPS-2026-00001 $n --out got.$n || return 1
	done
}

test_expect_success 'a document attached on a server is read back byte for byte' '
	new_db &&
	printf "a\000b\000\000c\n" >nul.bin &&
	awk "BEGIN { for (i = 0; i < 90000; i++) printf \"%05d line of text\\n\", i }" >big.txt &&
	: >empty.bin &&
	dd if=/dev/urandom of=random.bin bs=1024 count=1500 2>/dev/null &&
	test "$(wc -c <big.txt)" -gt 1048576 &&
	docs nul.bin big.txt empty.bin random.bin &&
	cmp nul.bin got.1 &&
	cmp big.txt got.2 &&
	cmp empty.bin got.3 &&
	cmp random.bin got.4 &&
	cpl file PSPS-2026-00001 1 >stdout.bin &&
	cmp nul.bin stdout.bin &&
	grep ",nul.bin,.*,7," files.csv &&
	mv files.csv server.csv &&
	mkdir f && cd f && COMPLAINTS_DB=$PWD/file.db &&
	docs ../nul.bin ../big.txt ../empty.bin ../random.bin &&
	# When each was recorded is the clock'"'"'s, not the store'"'"'s.
	cut -d, -f1-9 files.csv >file.cut &&
	cut -d, -f1-9 ../server.csv >server.cut &&
	test_cmp file.cut server.cut
'

test_expect_success 'documents on a server: the same bytes kept once, and exported' '
	new_db &&
	printf "x\000y" >d.bin &&
	docs d.bin d.bin &&
	cmp d.bin got.2 &&
	mkdir out &&
	cpl export --include-history --attachments out >cases.csv &&
	test "$(ls out | wc -l)" -eq 1 &&
	cmp d.bin out/* &&
	dump_db >dump &&
	test "$(grep -c "^attachment_content " dump)" -eq 1
'

# audited: a store that audits reading, two cases, a document, reads by
# several officers; each case's history (when recorded left out).
audited() {
	cpl init --policy psps --audit-reads on >/dev/null &&
	cpl log --complainant A --received 2026-03-02 >/dev/null &&
	cpl log --complainant B --received 2026-03-03 >/dev/null &&
	printf "x\000y" >d.bin &&
	cpl attach PSPS-2026-00001 d.bin --date 2026-03-04 >/dev/null &&
	cpl --officer carol show PSPS-2026-00001 >/dev/null &&
	cpl --officer erin export --to 2026-03-02 >/dev/null &&
	cpl --officer fred file PSPS-2026-00001 1 >/dev/null &&
	cpl --officer gina export --format jsonl >/dev/null &&
	for r in PSPS-2026-00001 PSPS-2026-00002; do
		cpl --officer hal history $r --format csv | cut -d, -f1,3- ||
		    return 1
	done >"$1"
}

test_expect_success 'an audited read is recorded on a server as in a file' '
	new_db &&
	audited server &&
	COMPLAINTS_DB=$PWD/file.db && audited file &&
	test_cmp file server &&
	grep ",erin,1,exported,\$" server &&
	test "$(grep -c ",gina,1,exported,\$" server)" -eq 2 &&
	grep ",fred,1,opened,attachment 1: d.bin\$" server
'

test_done
