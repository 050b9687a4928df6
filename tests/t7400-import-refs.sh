#!/bin/sh
# t7400-import-refs.sh: a case's own reference identifies it on import
# (man/complaints-import.1). What export writes, imported into the store
# it came from, changes nothing: each row names a case the store holds
# with the same values, a duplicate, skipped and counted. The same
# reference with other values is a bad row, named FILE:LINE (never
# dropped in silence). Into a store without them, the references are kept,
# and the store numbers its next cases after them. A reference that is
# not one of its policy's is a bad row. And import(1) shows a warning
# about a row as import writes it: FILE:LINE: warning: message.
#
# Every test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# make_cases: a store under psps with a case taken through both stages and
# closed (with a note and a reassignment, which only the history carries),
# an anonymous compliment, a late complaint and a southampton case; their
# references in the file refs.
make_cases() {
	cpl init --policy psps &&
	a=$(cpl --officer alice log --complainant "Ann, \"Nan\" Jones" \
	    --contact "1 High St
Town" --service Housing --summary "Damp" --received 2026-03-02 \
	    --external-ref WEB-1) &&
	cpl --officer alice ack "$a" --date 2026-03-03 &&
	cpl --officer alice extend "$a" --days 3 --reason Survey --told \
	    --date 2026-03-10 &&
	cpl --officer alice respond "$a" --outcome partly-upheld \
	    --remedy Apology --remedy "Repair, in 10 days" --date 2026-03-20 &&
	cpl --officer alice escalate "$a" --reason "Not fixed" --date 2026-03-25 &&
	cpl --officer alice assign "$a" --to bob --date 2026-03-26 &&
	cpl --officer bob note "$a" "Visited" --date 2026-03-27 &&
	cpl --officer bob ack "$a" --date 2026-03-27 &&
	cpl --officer bob respond "$a" --outcome upheld --date 2026-04-20 &&
	cpl --officer bob close "$a" --reason resolved --date 2026-04-21 &&
	b=$(cpl --officer carol log --anonymous --kind compliment \
	    --service Parks --summary Lovely --received 2026-04-01) &&
	c=$(cpl --officer carol log --complainant "Old Matter" \
	    --occurred 2024-01-05 --late-reason "In hospital" \
	    --received 2026-04-07) &&
	d=$(cpl --officer dave log --policy southampton --complainant "Sou Th" \
	    --received 2026-05-05) &&
	printf "%s\n" "$a" "$b" "$c" "$d" >refs
}

cases() {
	test_dir && fixture cases make_cases
}

# A test's second store, empty: other/c.db under psps.
other_store() {
	mkdir other && cpl --db other/c.db init --policy psps
}

for how in "--format csv" "--format csv --include-history" \
    "--format jsonl" "--format jsonl --include-history"; do
	test_expect_success "export $how, imported into the same store: every row a duplicate, nothing changed" '
		cases &&
		cpl export '"$how"' >all &&
		dump_db >before &&
		imports "imported 0, skipped 4 as duplicates, rejected 0" \
		    ${how%% --include-history} all &&
		test ! -s err &&
		dump_db >after && test_cmp before after &&
		test "$(case_count)" = 4
	'
done

test_expect_success 'into a store without them, the references are kept; a case logged then comes after them' '
	cases &&
	cpl export --include-history --format jsonl >all.jsonl &&
	other_store &&
	# a case the other store logged itself, under a psps number of its own
	mine=$(cpl --db other/c.db log --complainant Mine --received 2026-01-05) &&
	test "$mine" = PSPS-2026-00001 &&
	test_must_fail 2 cpl --db other/c.db import --format jsonl all.jsonl \
	    >out 2>err &&
	grep -q "^all.jsonl:1: ref: case .PSPS-2026-00001. is in the store already, and its external_ref differs" err &&
	# the same cases under references the other store has not given
	sed "s/PSPS-2026-0000/PSPS-2026-0010/" all.jsonl >moved.jsonl &&
	imports "imported 4, skipped 0 as duplicates, rejected 0" \
	    --db other/c.db --format jsonl moved.jsonl &&
	cpl --db other/c.db list --format csv | cut -d, -f1 | sort >got &&
	printf "%s\n" PSPS-2026-00001 PSPS-2026-00101 PSPS-2026-00102 \
	    PSPS-2026-00103 "$(sed -n 4p refs)" ref | sort >want &&
	test_cmp want got &&
	test "$(cpl --db other/c.db log --complainant Next --received 2026-06-01)" = \
	    PSPS-2026-00104
'

test_expect_success 'an export imported into an empty store: the same references, the same cases' '
	cases &&
	cpl export --include-history >all.csv &&
	other_store &&
	imports "imported 4, skipped 0 as duplicates, rejected 0" \
	    --db other/c.db all.csv &&
	while read -r ref; do
		cpl show "$ref" --format json |
		    jq -S "del(.history[].recorded) | del(.restrictions)" >want &&
		cpl --db other/c.db show "$ref" --format json |
		    jq -S "del(.history[].recorded) | del(.restrictions)" >got &&
		test_cmp want got || return 1
	done <refs &&
	# and imported again there, nothing more
	imports "imported 0, skipped 4 as duplicates, rejected 0" \
	    --db other/c.db all.csv
'

test_expect_success 'a row with no reference in the file is numbered after those the file keeps' '
	fresh_store psps &&
	printf "%s\n" "ref,complainant,received" ",New,2026-03-02" \
	    "PSPS-2026-00007,Kept,2026-03-03" "PSPS-2025-00002,Old Ref,2026-01-05" \
	    >k.csv &&
	imports "imported 3, skipped 0 as duplicates, rejected 0" k.csv &&
	cpl list --format csv | cut -d, -f1 >got &&
	printf "%s\n" ref PSPS-2025-00002 PSPS-2026-00008 PSPS-2026-00007 >want &&
	test_cmp want got &&
	test "$(cpl show PSPS-2026-00008 --format json | jfield .complainant)" = New &&
	test "$(cpl log --complainant A --received 2026-03-04)" = PSPS-2026-00009 &&
	test "$(cpl log --complainant B --received 2025-12-01)" = PSPS-2025-00003
'

test_expect_success 'a case changed since it was exported: its row is bad, named, and nothing is imported' '
	cases &&
	cpl export --include-history --format jsonl >all.jsonl &&
	cpl export >flat.csv &&
	ref=$(sed -n 3p refs) &&
	cpl --officer carol ack "$ref" --date 2026-04-08 &&
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl all.jsonl >out 2>err &&
	test ! -s out &&
	echo "all.jsonl:3: ref: case '\''$ref'\'' is in the store already, and its history differs: a stored case is changed with the commands, not imported again" >expect &&
	echo "complaints: all.jsonl: 1 bad row: nothing imported" >>expect &&
	test_cmp expect err &&
	dump_db >after && test_cmp before after &&
	test_must_fail 2 cpl import flat.csv >out 2>err &&
	# (the first case takes lines of its own: its contact, its remedies)
	line=$(line_of "$ref," flat.csv) &&
	grep -q "^flat.csv:$line: ref: case .$ref. is in the store already, and its acknowledged differs" err &&
	# with --skip-bad, the other rows are duplicates and the row is kept
	# to be looked at
	imports "imported 0, skipped 3 as duplicates, rejected 1 (written to flat.csv.rejects)" \
	    --skip-bad flat.csv &&
	sed -n "1p;${line}p" flat.csv >expect && test_cmp expect flat.csv.rejects
'

test_expect_success 'a column the row gives that differs is named; one it leaves out is not compared' '
	cases &&
	ref=$(sed -n 3p refs) &&
	printf "%s\n" "ref,complainant,summary" "$ref,Old Matter," >same.csv &&
	imports "imported 0, skipped 1 as duplicates, rejected 0" same.csv &&
	printf "%s\n" "ref,complainant" "$ref,Old Mattter" >typo.csv &&
	test_must_fail 2 cpl import typo.csv >out 2>err &&
	grep -q "^typo.csv:2: ref: case .$ref. is in the store already, and its complainant differs" err
'

test_expect_success 'a reference not of its policy is a bad row, saying what one is' '
	fresh_store psps &&
	printf "%s\n" "ref,complainant,received" "SSC-2026-00001,A,2026-03-02" \
	    "PSPS-2026-1,B,2026-03-02" "PSPS-26-00001,C,2026-03-02" \
	    "psps-2026-00004,D,2026-03-02" >r.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import r.csv >out 2>err &&
	cat >expect <<-\EOF &&
	r.csv:2: ref: '\''SSC-2026-00001'\'' is not a reference of policy '\''psps'\'', whose cases are PSPS-YYYY-NNNNN: leave ref empty for the case to be numbered anew
	r.csv:3: ref: '\''PSPS-2026-1'\'' is not a reference of policy '\''psps'\'', whose cases are PSPS-YYYY-NNNNN: leave ref empty for the case to be numbered anew
	r.csv:4: ref: '\''PSPS-26-00001'\'' is not a reference of policy '\''psps'\'', whose cases are PSPS-YYYY-NNNNN: leave ref empty for the case to be numbered anew
	complaints: r.csv: 3 bad rows: nothing imported
	EOF
	test_cmp expect err &&
	dump_db >after && test_cmp before after &&
	# a reference in small letters is the same reference
	sed -n "1p;5p" r.csv >d.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" d.csv &&
	test "$(cpl show PSPS-2026-00004 --format json | jfield .complainant)" = D
'

test_expect_success 'one reference on two rows of a file: the same row again is a duplicate, another is bad' '
	fresh_store psps &&
	printf "%s\n" "ref,complainant,received" "PSPS-2026-00003,A,2026-03-02" \
	    "PSPS-2026-00003,A,2026-03-02" "PSPS-2026-00003,B,2026-03-02" >r.csv &&
	test_must_fail 2 cpl import r.csv >out 2>err &&
	grep -q "^r.csv:4: ref: .PSPS-2026-00003. is on line 2 too, with other values\$" err &&
	test "$(wc -l <err)" = 2 &&
	sed "\$d" r.csv >ok.csv &&
	imports "imported 1, skipped 1 as duplicates, rejected 0" ok.csv
'

test_expect_success 'a store that audits reads: what its exports recorded is no difference' '
	test_dir && cpl init --policy psps --audit-reads on &&
	r=$(cpl log --complainant A --received 2026-03-02) &&
	cpl show "$r" >/dev/null &&
	cpl export --include-history --format jsonl >one.jsonl &&
	cpl export --include-history --format jsonl >two.jsonl &&
	imports "imported 0, skipped 1 as duplicates, rejected 0" \
	    --format jsonl one.jsonl
'

test_expect_success 'a purged case is not brought back by an old export' '
	test_dir && cpl init --policy psps &&
	r=$(cpl log --complainant "Private Person" --received 2019-03-04) &&
	COMPLAINTS_TODAY=2019-06-30 cpl close "$r" --reason withdrawn --date 2019-03-05 &&
	cpl export >before-purge.csv &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	test_must_fail 2 cpl import before-purge.csv >out 2>err &&
	grep -q "^before-purge.csv:2: ref: case .$r. is in the store, its personal data purged on 2026-10-30: it is not imported again\$" err
'

# A warning about a row that is imported: the line, "warning:" and the
# message, each after a space, in the binary and in its manual alike.
test_expect_success 'a warning about a row reads FILE:LINE: warning: message, as import(1) says' '
	fresh_store buckinghamshire &&
	printf "%s\n" "anonymous,summary,received" "true,Potholes,2026-03-02" >w.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" w.csv &&
	grep -q "^w.csv:2: warning: an anonymous complaint" err &&
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T ascii "$SRCDIR/man/complaints-import.1" | col -b |
		    grep -q "FILE:LINE: warning: message"
	fi
'

test_done
