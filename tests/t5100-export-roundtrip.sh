#!/bin/sh
# t5100-export-roundtrip.sh: complaints export, and import of JSON lines
# (man/complaints-export.1, man/complaints-import.1). What export writes,
# import reads back into an empty store to the same cases, deadlines and
# history: every case of a store built by the commands (both stages,
# extensions, remedies, notes, reassignment, a reopened case, the
# ombudsman, a late complaint, one accepted anyway), compared by show
# --format json. Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# make_history: a store with every kind of history, the references of its
# cases in the file refs (made once, copied for each test that asks).
make_history() {
	cpl init --policy psps &&
	a=$(cpl --officer alice log --complainant "Ann, \"Nan\" Jones" \
	    --contact "1 High St
Town" --service Housing --channel letter --category repairs \
	    --summary "Damp, mould" --received 2026-03-02 --occurred 2026-02-01 \
	    --external-ref WEB-1) &&
	cpl --officer alice ack "$a" --date 2026-03-03 &&
	cpl --officer alice extend "$a" --days 3 --reason "Survey" --told \
	    --date 2026-03-10 &&
	cpl --officer alice extend "$a" --days 2 --reason "More" --told \
	    --date 2026-03-12 &&
	cpl --officer alice respond "$a" --outcome partly-upheld --remedy Apology \
	    --remedy "Repair, within 10 days" --learning Check --date 2026-03-20 &&
	cpl --officer alice escalate "$a" --reason "Not fixed" --date 2026-03-25 &&
	cpl --officer alice assign "$a" --to bob --date 2026-03-26 &&
	cpl --officer bob ack "$a" --date 2026-03-27 &&
	cpl --officer bob note "$a" "Visited the flat" --date 2026-04-02 &&
	cpl --officer bob respond "$a" --outcome upheld --date 2026-04-20 &&
	cpl --officer bob close "$a" --reason resolved --date 2026-04-21 &&
	cpl --officer bob reopen "$a" --reason "Repair not done" --date 2026-05-01 &&
	cpl --officer bob close "$a" --reason resolved --date 2026-05-08 &&
	cpl --officer bob ombudsman "$a" --reference 26-1 --date 2026-06-01 &&
	cpl --officer bob ombudsman "$a" --decision referred-back --date 2026-06-10 &&
	cpl --officer bob ombudsman "$a" --date 2026-07-01 &&
	cpl --officer bob ombudsman "$a" --decision not-upheld --date 2026-09-01 &&
	b=$(cpl --officer carol log --anonymous --kind compliment --service Parks \
	    --summary "Lovely" --received 2026-04-01) &&
	cpl --officer carol ack "$b" --date 2026-04-02 &&
	c=$(cpl --officer carol log --complainant "Old Matter" --occurred 2024-01-05 \
	    --late-reason "In hospital" --received 2026-04-07) &&
	d=$(cpl --officer carol log --complainant "Con Tract" --category partner-service \
	    --accept-anyway "Our own service after all" --received 2026-04-08) &&
	e=$(cpl --officer dave log --complainant "New One" --received 2026-10-28) &&
	f=$(cpl --officer dave log --policy southampton --complainant "Sou Th" \
	    --on-behalf-of "Mother" --consent --received 2026-05-05) &&
	printf "%s\n" "$a" "$b" "$c" "$d" "$e" "$f" >refs
}

# The whole case as show gives it, less what can't be the same in another
# store: when each event was entered (recorded), and the restrictions, which
# belong to the complainant, not the case (export carries cases).
comparable() {
	jq -S 'del(.history[].recorded) | del(.restrictions)'
}

# round_trip FORMAT: export the store here, with the history, in FORMAT;
# import it into a new store, empty/c.db.
round_trip() {
	cpl export --include-history --format "$1" >"all.$1" &&
	mkdir empty &&
	cpl --db empty/c.db init &&
	cpl --db empty/c.db import --format "$1" "all.$1" >out
}

test_expect_success 'a store with every kind of history: each command done' '
	test_dir && fixture history make_history &&
	test "$(wc -l <refs)" = 6
'

for fmt in csv jsonl; do
	test_expect_success "export --include-history ($fmt), import into an empty store: the same cases" '
		test_dir && fixture history make_history &&
		round_trip '$fmt' &&
		echo "imported 6, skipped 0 as duplicates, rejected 0" >expect &&
		test_cmp expect out &&
		while read ref; do
			cpl show "$ref" --format json | comparable >want &&
			cpl --db empty/c.db show "$ref" --format json | comparable >got &&
			test_cmp want got || return 1
		done <refs
	'
done

test_expect_success 'the round trip kept what matters (not merely equal)' '
	test_dir && fixture history make_history &&
	round_trip jsonl &&
	cpl --db empty/c.db show "$(head -1 refs)" --format json >a.json &&
	test "$(jfield .complainant <a.json)" = "Ann, \"Nan\" Jones" &&
	test "$(jfield .stages[0].extensions[1].days <a.json)" = 2 &&
	test "$(jfield .stages[0].remedies[1] <a.json)" = "Repair, within 10 days" &&
	test "$(jfield .stages[1].officer <a.json)" = bob &&
	test "$(jfield .referrals[1].decision <a.json)" = not-upheld &&
	test "$(hist_actions <a.json)" = "logged acknowledged extended extended responded escalated assigned acknowledged note responded closed reopened closed referred ombudsman-decision referred ombudsman-decision"
'

# PSPS-2026-00001: received Mon 2 Mar, acknowledged Tue 3 Mar; psps
# answers within 10 wd of the acknowledgement: Tue 17 Mar, + 3 + 2 wd of
# extensions: Tue 24 Mar.
test_expect_success 'export CSV: the header, one row a case, deadlines for other tools' '
	test_dir && fixture history make_history &&
	cpl export >flat.csv &&
	head -1 flat.csv | grep -q "^ref,external_ref,policy,kind,status,stage,complainant," &&
	head -1 flat.csv >header &&
	test_must_fail 1 grep -q history header &&
	csv_json flat.csv >flat.json &&
	test "$(jq length flat.json)" = 6 &&
	jq -r ".[] | select(.ref == \"PSPS-2026-00001\") |
	    .ack_due, .response_due, .extension_days, .extension_reason,
	    .stage2_officer, .status, (.contact | tojson)" flat.json >got &&
	printf "%s\n" 2026-03-09 2026-03-24 5 "Survey; More" bob closed \
	    "\"1 High St\\nTown\"" >want &&
	test_cmp want got
'

test_expect_success 'export --from/--to: the cases received between' '
	test_dir && fixture history make_history &&
	cpl export --from 2026-04-01 --to 2026-04-07 --format jsonl >some.jsonl &&
	jq -r .ref some.jsonl >got &&
	printf "%s\n" PSPS-2026-00002 PSPS-2026-00003 >want &&
	test_cmp want got &&
	refused 2 "--from is after --to" cpl export --from 2026-05-01 --to 2026-04-01 &&
	refused 2 "--format .xml. is not csv or jsonl" cpl export --format xml
'

test_expect_success 'flat export, imported: the same cases where no history is lost' '
	test_dir && fixture history make_history &&
	cpl export --format csv >flat.csv &&
	mkdir flat && cpl --db flat/c.db init &&
	cpl --db flat/c.db import flat.csv >out &&
	# the compliment and the three simple complaints have nothing the
	# flat columns lose
	for ref in $(sed -n "2p;3p;4p;5p" refs); do
		cpl show "$ref" --format json | comparable >want &&
		cpl --db flat/c.db show "$ref" --format json | comparable >got &&
		test_cmp want got || return 1
	done
'

test_expect_success 'JSON lines: bad lines named, with their line numbers' '
	test_dir &&
	cat >bad.jsonl <<-EOF &&
	{"complainant": "J1", "received": "2026-03-02"}
	{"complainant": "J2", "received": "2026-03-02",
	{"complainant": "J3", "received": "2026-03-02", "colour": "red"}

	{"complainant": "J4", "received": "2026-03-02", "anonymous": "maybe"}
	["not", "an", "object"]
	{"complainant": "J5", "received": "2026-03-02", "extension_days": 5}
	EOF
	mkdir j && cpl --db j/c.db init --policy psps &&
	test_must_fail 2 cpl --db j/c.db import --format jsonl bad.jsonl >out 2>err &&
	grep -q "^bad.jsonl:2: row: not JSON" err &&
	grep -q "^bad.jsonl:3: colour: not a column complaints knows" err &&
	grep -q "^bad.jsonl:5: anonymous: .maybe. is not true or false" err &&
	grep -q "^bad.jsonl:6: row: not a JSON object" err &&
	grep -q "^bad.jsonl:7: extension_reason: a reason is needed" err &&
	tail -1 err | grep -q "5 bad rows: nothing imported" &&
	test "$(case_count j/c.db)" = 0
'

test_expect_success 'JSON lines: true/false and numbers are taken as they are' '
	test_dir &&
	mkdir j && cpl --db j/c.db init --policy psps &&
	printf "{\"complainant\": \"K\", \"received\": \"2026-03-02\", \"consent\": false, \"anonymous\": false, \"external_ref\": 42}\n" >ok.jsonl &&
	cpl --db j/c.db import --format jsonl ok.jsonl >out &&
	cpl --db j/c.db export --format jsonl >cases.jsonl &&
	test "$(jq -r "[.external_ref, .consent, .anonymous] | join(\" \")" cases.jsonl)" = "42 false false"
'

# JSON has one kind of number: a writer of floats gives 5 days as 5.0.
# A fraction is no number of days, and the message names the column.
test_expect_success 'JSON lines: days given as 5.0 are 5 days; 5.5 is refused, naming the column' '
	test_dir &&
	mkdir n && cpl --db n/c.db init --policy psps &&
	cat >frac.jsonl <<-\EOF &&
	{"external_ref": "N-1", "complainant": "N1", "received": "2026-03-02", "acknowledged": "2026-03-03", "extension_days": 5.5, "extension_reason": "Site visit", "extension_told": true}
	{"external_ref": "N-2", "complainant": "N2", "received": "2026-03-02", "history": [{"action": "acknowledged", "date": "2026-03-03"}, {"action": "extended", "date": "2026-03-04", "days": 4.5, "reason": "r", "told": true}]}
	EOF
	test_must_fail 2 cpl --db n/c.db import --format jsonl frac.jsonl >out 2>err &&
	grep -q "^frac.jsonl:1: extension_days: 5.5 is not a whole number (text goes in quotes)\$" err &&
	grep -q "^frac.jsonl:2: history: event 2: an extension needs its days, a whole number\$" err &&
	test "$(case_count n/c.db)" = 0 &&
	sed "1!d; s/5\.5/1e20/" frac.jsonl >huge.jsonl &&
	test_must_fail 2 cpl --db n/c.db import --format jsonl huge.jsonl 2>err &&
	grep -q "^huge.jsonl:1: extension_days: 1e+20 is too big a number\$" err &&
	sed "s/5\.5/5.0/; s/4\.5/4.0/" frac.jsonl >whole.jsonl &&
	cpl --db n/c.db import --format jsonl whole.jsonl >out &&
	n1=$(ref_of N-1 n/c.db) && n2=$(ref_of N-2 n/c.db) &&
	test "$(cpl --db n/c.db show "$n1" --format json | jfield .stages[0].extensions[0].days)" = 5 &&
	test "$(cpl --db n/c.db show "$n2" --format json | jfield .stages[0].extensions[0].days)" = 4
'

# Text is stored as given, bytes that are not UTF-8 too (t6100); JSON
# can't carry them, so an export in JSON stops rather than drop them, and
# CSV without the history carries them as stored.
test_expect_success 'text that is not UTF-8: JSON export stops (3); CSV carries it as stored' '
	test_dir &&
	mkdir u && cpl --db u/c.db init --policy psps &&
	r=$(cpl --db u/c.db log --complainant "$(printf "Jos\351")" --summary s \
	    --received 2026-03-02) &&
	test_must_fail 3 cpl --db u/c.db export --format jsonl >out 2>err &&
	test ! -s out &&
	one_line_error err "case .$r.: a text of it is not UTF-8, which JSON can.t carry: export stopped" &&
	cpl --db u/c.db export --include-history >out.csv &&
	LC_ALL=C grep -q "$(printf ",Jos\351,")" out.csv &&
	# a note in the history: its JSON can'\''t carry it either
	cpl --db u/c.db note "$r" "$(printf "caf\351")" --date 2026-03-03 &&
	test_must_fail 3 cpl --db u/c.db export --include-history >out 2>err &&
	one_line_error err "case .$r.: a text of its history is not UTF-8" &&
	cpl --db u/c.db export >out.csv &&
	LC_ALL=C grep -q "$(printf ",Jos\351,")" out.csv
'

test_done
