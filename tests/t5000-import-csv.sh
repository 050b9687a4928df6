#!/bin/sh
# t5000-import-csv.sh: complaints import of CSV (man/complaints-import.1):
# RFC 4180 files as spreadsheets write them, every bad row named
# (FILE:LINE: column: message) and nothing imported, --skip-bad with its
# reject file, a second run that adds nothing, and the history columns
# replayed through the same rules as the commands. Every test makes its own
# store in its own directory.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# import_refused FILE LINE TEXT: import FILE exits 2 and changes nothing;
# stderr is "FILE:LINE: ..." holding TEXT, then the one line that says
# nothing was imported.
import_refused() {
	dump_db >before &&
	test_must_fail 2 cpl import "$1" >out 2>err &&
	test ! -s out &&
	test "$(wc -l <err)" = 2 &&
	head -1 err | grep -q "^$1:$2: " &&
	head -1 err | grep -q -- "$3" &&
	tail -1 err | grep -q "^complaints: $1: 1 bad row: nothing imported\$" &&
	dump_db >after &&
	test_cmp before after
}

# bad_row FILE LINE TEXT CONTENT: FILE written with CONTENT (as printf
# reads it), then import_refused FILE LINE TEXT.
bad_row() {
	printf "$4" >"$1" &&
	import_refused "$1" "$2" "$3"
}

# Quoted fields with commas, doubled quotes and a line break; a UTF-8 byte
# order mark; CRLF line ends; a blank line.
write_tricky() {
	printf "\357\273\277external_ref,complainant,summary,received\r\n" >tricky.csv &&
	printf "T-1,\"Smith, Jo\",\"She said \"\"no\"\", twice\",2026-03-02\r\n" >>tricky.csv &&
	printf "\r\n" >>tricky.csv &&
	printf "T-2,O'Brien,\"Line one\r\nLine two\",2026-03-03\r\n" >>tricky.csv &&
	printf "T-3,Plain,Last row without an end,2026-03-04" >>tricky.csv
}

# Lines: 1 header; 2 good; 3 bad date; 4-5 a good row whose summary spans
# two lines; 6 an unknown outcome; 7 a complaint too late (south-
# staffordshire: 12 months) without --late-reason; 8 a wrong number of
# fields; 9 good.
write_mixed() {
	cat >mixed.csv <<-EOF
	external_ref,complainant,summary,received,occurred,acknowledged,responded,outcome
	M-1,Ann,Fine,2026-04-01,,,,
	M-2,Bob,Bad date,2026-02-30,,,,
	M-3,Cat,"Two
	lines",2026-04-02,,,,
	M-4,Dan,Odd outcome,2026-04-01,,2026-04-02,2026-04-07,sort-of
	M-5,Eve,Too late,2026-04-01,2025-03-31,,,
	M-6,Fay,Too few
	M-7,Gus,Fine too,2026-04-03,,,,
	EOF
}

# A two-stage history in the flat columns, under psps, which needs another
# officer at stage 2 (seed 000 §6 Stages, Stage 2). Received Mon 2026-03-02;
# acknowledged Tue 03; psps counts the response from the acknowledgement:
# 10 wd after Tue 03 Mar is Tue 17 Mar. Stage 2 asked for on Mon 23 Mar,
# acknowledged Tue 24 Mar by bob; 20 wd from then: Wed 25 .. Tue 31 (5),
# Wed 1, Thu 2 Apr (7), Fri 3 Good Friday and Mon 6 Easter Monday skipped,
# Tue 7 .. Fri 10 (11), Mon 13 .. Fri 17 (16), Mon 20 .. Thu 23 (20):
# Thu 23 April.
write_history() {
	cat >history.csv <<-EOF
	policy,external_ref,complainant,received,officer,acknowledged,responded,outcome,remedy,escalated,escalation_reason,stage2_officer,stage2_acknowledged,stage2_responded,stage2_outcome,closed,close_reason
	psps,H-1,Hal,2026-03-02,alice,2026-03-03,2026-03-13,not-upheld,"Apology
	Refund",2026-03-23,Still wrong,bob,2026-03-24,2026-04-21,upheld,2026-04-22,resolved
	EOF
}

test_expect_success 'tricky CSV: BOM, CRLF, quotes, commas and newlines in fields' '
	fresh_store &&
	write_tricky &&
	cpl import tricky.csv >out 2>err &&
	test ! -s err &&
	echo "imported 3, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	cpl show SSC-2026-00001 --format json >c1.json &&
	test "$(jfield .complainant <c1.json)" = "Smith, Jo" &&
	test "$(jfield .summary <c1.json)" = "She said \"no\", twice" &&
	test "$(jfield .external_ref <c1.json)" = T-1 &&
	cpl show SSC-2026-00002 --format json >c2.json &&
	test "$(jfield .complainant <c2.json)" = "O'\''Brien" &&
	test "$(jq .summary c2.json)" = "\"Line one\\r\\nLine two\"" &&
	test "$(cpl show SSC-2026-00003 --format json | jfield .summary)" = "Last row without an end"
'

test_expect_success 'importing the same file again adds nothing' '
	fresh_store &&
	write_tricky && cpl import tricky.csv >/dev/null &&
	dump_db >before &&
	cpl import tricky.csv >out 2>err &&
	echo "imported 0, skipped 3 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'an unknown column: the header line named, nothing imported (2)' '
	fresh_store &&
	printf "complainant,colour\nA,blue\n" >badhead.csv &&
	refused 2 "badhead.csv:1: column .colour. is not one complaints knows" \
	    cpl import badhead.csv
'

test_expect_success 'a column named twice, an empty file, a missing file (2)' '
	fresh_store &&
	printf "complainant,complainant\nA,B\n" >twice.csv &&
	refused 2 "twice.csv:1: column .complainant. is named twice" \
	    cpl import twice.csv &&
	: >empty.csv &&
	refused 2 "empty.csv: the file is empty" cpl import empty.csv &&
	refused 2 "can.t read .nowhere.csv." cpl import nowhere.csv
'

test_expect_success 'every bad row is named by its line and column; nothing imported (2)' '
	fresh_store &&
	write_mixed &&
	dump_db >before &&
	test_must_fail 2 cpl import mixed.csv >out 2>err &&
	test ! -s out &&
	grep -q "^mixed.csv:3: received: .2026-02-30. is not a date (YYYY-MM-DD)\$" err &&
	grep -q "^mixed.csv:6: outcome: outcome .sort-of. is not one of" err &&
	grep -q "^mixed.csv:7: late_reason: the matter occurred on 2025-03-31, more than 12 months" err &&
	grep -q "^mixed.csv:8: row: 3 fields where the header names 8 columns\$" err &&
	tail -1 err | grep -q "^complaints: mixed.csv: 4 bad rows: nothing imported\$" &&
	test "$(wc -l <err)" = 5 &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success '--skip-bad: the good rows go in; the bad ones, as they were, to the reject file' '
	fresh_store &&
	write_mixed &&
	# the reject file holds residents'\'' data: the owner'\''s only
	(umask 022 && cpl import --skip-bad mixed.csv >out 2>err) &&
	test "$(stat -c %a mixed.csv.rejects)" = 600 &&
	echo "imported 3, skipped 0 as duplicates, rejected 4 (written to mixed.csv.rejects)" >expect &&
	test_cmp expect out &&
	test "$(grep -c "^mixed.csv:[0-9]*: " err)" = 4 &&
	# the header, then lines 3, 6, 7 and 8 of the file, unchanged
	sed -n "1p;3p;6p;7p;8p" mixed.csv >expect &&
	test_cmp expect mixed.csv.rejects &&
	cpl list --format csv >list.csv &&
	test "$(grep -c ",south-staffordshire," list.csv)" = 3
'

test_expect_success 'the reject file, corrected, imports (and the good rows are duplicates)' '
	fresh_store &&
	write_mixed &&
	cpl import --skip-bad mixed.csv >/dev/null 2>&1 &&
	test -s mixed.csv.rejects &&
	sed -e "s/2026-02-30/2026-02-27/" -e "s/sort-of/upheld/" \
	    -e "s/,Fay,Too few/,Fay,Too few,2026-04-01,,,,/" \
	    -e "s/2025-03-31,,,/2025-04-01,,,/" mixed.csv.rejects >fixed.csv &&
	cpl import fixed.csv >out 2>err &&
	echo "imported 4, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	cpl import mixed.csv >out &&
	echo "imported 0, skipped 7 as duplicates, rejected 0" >expect &&
	test_cmp expect out
'

test_expect_success '--rejects FILE names the reject file; none is made without a bad row' '
	fresh_store &&
	printf "complainant,received\nZed,2026-13-01\n" >one-bad.csv &&
	cpl import --skip-bad --rejects bad-rows.csv one-bad.csv >out 2>err &&
	test -f bad-rows.csv &&
	test "$(sed -n 2p bad-rows.csv)" = "Zed,2026-13-01" &&
	printf "complainant,received\nZoe,2026-01-05\n" >all-good.csv &&
	cpl import --skip-bad all-good.csv >out &&
	test ! -e all-good.csv.rejects
'

test_expect_success 'a quoted field never closed is named at the line it starts' '
	fresh_store &&
	bad_row unclosed.csv 3 "row: a quoted field is never closed" \
	    "complainant,summary\nAl,ok\nBo,\"open\nand on\n"
'

test_expect_success 'standard input (-) is <stdin> in messages' '
	fresh_store &&
	printf "complainant,received\nVi,2026-02-31\n" |
	    test_must_fail 2 cpl import - >out 2>err &&
	grep -q "^<stdin>:2: received: .2026-02-31. is not a date" err &&
	printf "complainant,received,external_ref\nVi,2026-02-03,IN-1\n" |
	    cpl import - >out &&
	echo "imported 1, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out
'

test_expect_success 'history columns: a case through both stages, each as its officer' '
	fresh_store &&
	write_history &&
	cpl import history.csv >out &&
	ref=$(ref_of H-1) && test -n "$ref" &&
	cpl show "$ref" --format json >h.json &&
	test "$(jfield .stages[0].response_due <h.json)" = 2026-03-17 &&
	test "$(jfield .stages[0].responded_by <h.json)" = alice &&
	test "$(jfield .stages[0].remedies <h.json)" = "[\"Apology\", \"Refund\"]" &&
	test "$(jfield .stages[1].escalation_reason <h.json)" = "Still wrong" &&
	test "$(jfield .stages[1].response_due <h.json)" = 2026-04-23 &&
	test "$(jfield .stages[1].responded_by <h.json)" = bob &&
	test "$(jfield .closed <h.json)" = 2026-04-22 &&
	test "$(hist_actions <h.json)" = "logged acknowledged responded escalated acknowledged responded closed"
'

test_expect_success 'history columns obey the policy: the stage 1 responder at stage 2 is refused' '
	fresh_store &&
	write_history &&
	sed -e "s/H-1/H-2/" -e "s/,bob,/,alice,/" history.csv >same.csv &&
	import_refused same.csv 2 "stage2_officer: .alice. handled stage 1"
'

# Each step of a row sees the steps before it, in the order given: an
# acknowledgement after the answer, an answer after the close, a second
# acknowledgement are each refused, as the commands would refuse them.
test_expect_success 'a row'\''s history in the wrong order is bad, each event named' '
	fresh_store &&
	cat >order.jsonl <<-EOF &&
	{"policy":"psps","external_ref":"O-1","complainant":"Ola","received":"2026-03-02","history":[{"date":"2026-03-02","action":"logged"},{"date":"2026-03-05","action":"responded","outcome":"upheld"},{"date":"2026-03-06","action":"acknowledged"}]}
	{"policy":"psps","external_ref":"O-2","complainant":"Pip","received":"2026-03-02","history":[{"date":"2026-03-02","action":"logged"},{"date":"2026-03-03","action":"acknowledged"},{"date":"2026-03-04","action":"closed","detail":"resolved"},{"date":"2026-03-05","action":"responded","outcome":"upheld"}]}
	{"policy":"psps","external_ref":"O-3","complainant":"Quin","received":"2026-03-02","history":[{"date":"2026-03-02","action":"logged"},{"date":"2026-03-03","action":"acknowledged"},{"date":"2026-03-04","action":"acknowledged"}]}
	EOF
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl order.jsonl >out 2>err &&
	grep -q "^order.jsonl:1: history: event 3 (acknowledged 2026-03-06): stage 1 of case .PSPS-2026-[0-9]*. was answered on 2026-03-05: an acknowledgement after the answer is refused\$" err &&
	grep -q "^order.jsonl:2: history: event 4 (responded 2026-03-05): case .PSPS-2026-[0-9]*. is closed (resolved, 2026-03-04)\$" err &&
	grep -q "^order.jsonl:3: history: event 3 (acknowledged 2026-03-04): stage 1 of case .PSPS-2026-[0-9]*. was acknowledged on 2026-03-03\$" err &&
	test "$(wc -l <err)" = 4 &&
	dump_db >after &&
	test_cmp before after
'

# The first pass reads every row for its faults, and a bad one means
# nothing is imported: a good row before the bad one, and its duplicate
# after, are neither imported nor reported.
test_expect_success 'a bad row after good ones: only the bad one named, nothing imported' '
	fresh_store &&
	cat >late.csv <<-EOF &&
	external_ref,complainant,received,acknowledged
	L-1,Lee,2026-04-01,2026-04-02
	L-2,Lou,2026-04-01,2026-03-31
	L-1,Lee,2026-04-01,2026-04-02
	L-3,Lyn,2026-04-01,2026-04-30
	EOF
	dump_db >before &&
	test_must_fail 2 cpl import late.csv >out 2>err &&
	grep -q "^late.csv:3: acknowledged: 2026-03-31 is before the day the case was received" err &&
	grep -q "^complaints: late.csv: 1 bad row: nothing imported\$" err &&
	test "$(wc -l <err)" = 2 &&
	dump_db >after &&
	test_cmp before after &&
	# the same file, corrected, imports every row once
	sed "s/2026-03-31/2026-04-02/" late.csv >fixed.csv &&
	imports "imported 3, skipped 1 as duplicates, rejected 0" fixed.csv
'

test_expect_success 'a column of what happened without the event it follows is bad' '
	fresh_store &&
	bad_row orphan.csv 2 "outcome: given without responded" \
	    "complainant,received,outcome\nOz,2026-03-02,upheld\n"
'

test_expect_success 'a warning about a row that is imported names its line' '
	fresh_store &&
	printf "policy,complainant,received,category\npsps,Wyn,2026-03-02,employment\n" >warn.csv &&
	cpl import warn.csv >out 2>err &&
	grep -q "^warn.csv:2: warning: category .employment. under policy .psps." err
'

test_expect_success 'a row that warns and is then refused is named once, by its error' '
	fresh_store &&
	printf "policy,complainant,received,category,acknowledged\npsps,Wyn2,2026-03-02,employment,2026-02-27\n" >warn2.csv &&
	test_must_fail 2 cpl import warn2.csv >out 2>err &&
	test_must_fail 1 grep -q "warning" err &&
	grep -q "^warn2.csv:2: acknowledged: 2026-02-27 is before" err
'

# After a bad row, the next must still be checked under its own policy,
# not the bad row's: PV-1 (buckinghamshire) is bad; PV-2 asks
# corporate-procedure's stage 2 without the reasons that policy needs
# (seed 002 §7), which must be refused.
#
# The store holds one case already; every row of the file is rejected,
# with --skip-bad too, so the store must stay as it was.
test_expect_success 'after a bad row, the next is checked under its own policy' '
	fresh_store &&
	cpl log --complainant Earlier --summary s --received 2026-04-01 >/dev/null &&
	cat >policies.csv <<-EOF &&
	external_ref,policy,complainant,received,acknowledged,responded,outcome,escalated,stage2_officer
	PV-1,buckinghamshire,A,2026-05-01,2026-11-30,,,,
	PV-2,corporate-procedure,B,2026-05-01,2026-05-01,2026-05-05,upheld,2026-05-06,carol
	EOF
	dump_db >before &&
	test_must_fail 2 cpl --officer bob import policies.csv >out 2>err &&
	grep -q "^policies.csv:3: escalation_reason: policy .corporate-procedure. needs the complainant.s reasons" err &&
	cpl --officer bob import --skip-bad --rejects pv.rejects \
	    policies.csv >out 2>err &&
	grep -q "^policies.csv:3: escalation_reason: policy .corporate-procedure." err &&
	test "$(cat out)" = "imported 0, skipped 0 as duplicates, rejected 2 (written to pv.rejects)" &&
	dump_db >after && test_cmp before after
'

# A NUL byte inside a quoted field that runs over several lines: the whole
# record is bad, and the lines quoted in it are never read as rows.
test_expect_success 'a bad byte inside a quoted field: its other lines are not rows' '
	fresh_store &&
	printf "external_ref,complainant,received,summary\nQN-1,A,2026-05-01,\"first\000\nQN-9,Mallory,2026-05-02,injected\nlast\"\nQN-2,B,2026-05-01,fine\n" >nul.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 1 (written to nul.csv.rejects)" --skip-bad nul.csv &&
	test "$(cat err)" = "nul.csv:2: row: a NUL byte" &&
	test -z "$(ref_of QN-9)" && test -n "$(ref_of QN-2)" &&
	# the reject file holds the record whole, as it was
	sed -n "1,4p" nul.csv >expect && test_cmp expect nul.csv.rejects
'

test_expect_success 'a reject file that cannot be written: nothing imported (3)' '
	fresh_store &&
	printf "external_ref,complainant,received\nRW-1,A,bad\nRW-2,B,2026-05-01\n" >rw.csv &&
	dump_db >before &&
	test_must_fail 3 cpl import --skip-bad --rejects no-such-dir/rw.rejects \
	    rw.csv >out 2>err &&
	test ! -s out &&
	tail -1 err | grep -q "^complaints: can.t write the reject file .no-such-dir/rw.rejects.: No such file or directory: nothing imported\$" &&
	dump_db >after && test_cmp before after
'

test_expect_success 'a file that cannot be read (a directory) is a fault (3), not a bad row' '
	fresh_store &&
	mkdir -p adir &&
	refused 3 "adir: can.t read: Is a directory" cpl import adir &&
	refused 3 "adir: can.t read: Is a directory" cpl import --format jsonl adir
'

test_expect_success 'stage 2 columns without escalated are bad' '
	fresh_store &&
	bad_row s2.csv 2 "stage2_outcome: given without escalated" \
	    "external_ref,complainant,received,stage2_outcome\nS2-1,A,2026-05-01,upheld\n"
'

# Spreadsheets write headers in their own way: any case, spaces around,
# "-" for "_", and a trailing comma (an empty column, which must stay empty).
test_expect_success 'a header as a spreadsheet writes it; an unnamed column must be empty' '
	fresh_store &&
	bad_row hd.csv 3 "row: field 4 holds .oops. under a column the header does not name" \
	    "External-Ref, Complainant ,RECEIVED,\nHD-1,A,2026-05-01,\nHD-2,B,2026-05-02,oops\n" &&
	sed "/HD-2/d" hd.csv >hd1.csv &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" hd1.csv &&
	cpl show "$(ref_of HD-1)" --format json >hd1.json &&
	test "$(jfield .complainant <hd1.json)" = A
'

test_expect_success 'JSON lines: a UTF-8 byte order mark before the first line' '
	fresh_store &&
	printf "\357\273\277{\"external_ref\":\"JB-1\",\"complainant\":\"A\",\"received\":\"2026-05-01\"}\n" >bom.jsonl &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" --format jsonl bom.jsonl
'

# After a bad byte the rest of the record is read as the parser reads it:
# a quote inside an unquoted field is text, and a record that ends on the
# byte found bad ends there.
test_expect_success 'a bad record ends where the parser says: stray quotes, a row at the limit' '
	fresh_store &&
	printf "external_ref,complainant,received,summary\nSQ-1,\"Ann\"x,2026-05-01,12\" pipe\nSQ-2,B,2026-05-01,fine\nSQ-3,C,2026-05-01,fine\n" >stray.csv &&
	imports "imported 2, skipped 0 as duplicates, rejected 1 (written to stray.csv.rejects)" --skip-bad stray.csv &&
	grep -q "^stray.csv:2: row: field 2: a quoted field goes on after its closing quote\$" err &&
	# the header, then a row of exactly 1048576 bytes before its line end
	{
		printf "external_ref,complainant,received,summary\nLM-1,A,2026-05-01," &&
		head -c $((1048576 - 18)) /dev/zero | tr "\\000" x &&
		printf "\nLM-2,D,2026-05-01,fine\nLM-3,E,2026-05-01,fine\n"
	} >limit.csv &&
	test "$(sed -n 2p limit.csv | wc -c)" = 1048577 &&
	imports "imported 2, skipped 0 as duplicates, rejected 1 (written to limit.csv.rejects)" --skip-bad limit.csv &&
	test "$(cat err)" = "limit.csv:2: row: longer than 1048576 bytes"
'

test_done
