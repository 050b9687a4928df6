#!/bin/sh
# t7030-correct-export.sh: amendments and corrections travel with export
# --include-history: each event holds what it changed (field, old, new,
# reason), an action its values as recorded; import replays them through
# amend's and correct's rules, so an empty store gets the same case and
# the same history, and a history whose correction breaks a rule is a bad
# row. Today is Fri 2026-11-20 (tests/lib.sh).
. "$(dirname "$0")/lib.sh"

ref=SSC-2026-00001

# corrected_case: a new store under South Staffordshire's policy and a
# complaint whose details were amended and whose actions were corrected,
# then taken on: logged by Jon Smith on Mon 2026-11-02, extended 3 working
# days (corrected to 5), answered today without its date (corrected to Fri
# 2026-11-13, partly upheld, two remedies), the name and the day received
# amended (Fri 2026-10-30), stage 2 asked for on Wed 2026-11-18.
corrected_case() {
	fresh_store south-staffordshire &&
	cpl log --complainant "Jon Smith" --contact "01234 567890" \
	    --summary "Bin missed" --received 2026-11-02 >/dev/null &&
	cpl ack "$ref" --date 2026-11-03 &&
	cpl extend "$ref" --days 3 --reason "Crew records" --told \
	    --date 2026-11-05 &&
	cpl --officer bob respond "$ref" --outcome upheld --remedy Sorry &&
	cpl --officer carol correct "$ref" --action respond --date 2026-11-13 \
	    --outcome partly-upheld --remedy Apology --remedy Refund \
	    --reason "typed without the date" &&
	cpl correct "$ref" --action extend --days 5 --reason "was 5" &&
	cpl amend "$ref" --complainant "John Smith" --received 2026-10-30 \
	    --reason "misread the form" &&
	cpl escalate "$ref" --date 2026-11-18
}

# case_without_times REF: show --format json of REF in the store here
# (the_store), without the times events were entered (which an import
# gives anew).
case_without_times() {
	cpl show "$1" --format json |
	    jq "del(.history[].recorded)"
}

test_on corrected_case 'export --include-history: each change with its field, old and new values, and why' '
	cpl export --include-history --format jsonl >e.jsonl &&
	jq -c ".history[]" e.jsonl >events &&
	test "$(wc -l <events)" = 11 &&
	# the response as it was recorded, then what corrected it
	sed -n 4p events | jq -e ".action == \"responded\" and
	    .date == \"2026-11-20\" and .outcome == \"upheld\" and
	    .remedies == [\"Sorry\"]" >/dev/null &&
	sed -n 5p events | jq -e ".action == \"corrected\" and
	    .corrects == \"respond\" and .field == \"date\" and
	    .old == \"2026-11-20\" and .new == \"2026-11-13\" and
	    .reason == \"typed without the date\" and .officer == \"carol\"" \
	    >/dev/null &&
	sed -n 7p events | jq -e ".field == \"remedies\" and
	    .old == \"Sorry\" and .new == \"Apology\nRefund\"" >/dev/null &&
	# the extension as made, 3 days; then its correction, item 1
	sed -n 3p events | jq -e ".action == \"extended\" and .days == 3" \
	    >/dev/null &&
	sed -n 8p events | jq -e ".corrects == \"extend\" and .item == 1 and
	    .field == \"days\" and .old == \"3\" and .new == \"5\"" >/dev/null &&
	sed -n 9p events | jq -e ".action == \"amended\" and
	    .field == \"complainant\" and .old == \"Jon Smith\" and
	    .new == \"John Smith\" and (has(\"corrects\") | not)" >/dev/null &&
	# the row holds the case as it now is
	jq -e ".complainant == \"John Smith\" and .received == \"2026-10-30\"
	    and .responded == \"2026-11-13\" and .extension_days == 5" \
	    e.jsonl >/dev/null
'

test_on corrected_case 'into an empty store: the same case, deadlines and history' '
	cpl export --include-history >e.csv &&
	case_without_times "$ref" >want.json &&
	other_dir new && cpl init --policy south-staffordshire &&
	imports "imported 1, skipped 0 as duplicates, rejected 0" ../e.csv &&
	test ! -s err &&
	case_without_times "$ref" >got.json &&
	test_cmp ../want.json got.json &&
	json_is got.json ".complainant=John Smith" .received=2026-10-30 \
	    .stages[0].responded=2026-11-13 .stages[0].outcome=partly-upheld \
	    .stages[0].extensions[0].days=5 \
	    ".history[8].old=Jon Smith" ".history[9].old=2026-11-02"
'

test_on corrected_case 'the imported case is corrected again as a stored one' '
	cpl export --include-history --format jsonl >e.jsonl &&
	other_dir new && cpl init --policy south-staffordshire &&
	cpl import --format jsonl ../e.jsonl >/dev/null &&
	cpl correct "$ref" --action respond --date 2026-11-12 \
	    --reason "it went on the Thursday" &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json .stages[0].responded=2026-11-12 \
	    ".history[11].old=2026-11-13"
'

test_on 'fresh_store south-staffordshire' 'a detail amended twice in a row comes back as two amendments' '
	r=$(cpl log --complainant "Jon Smyth" --received 2026-11-02) &&
	cpl amend "$r" --complainant "John Smyth" --reason typo &&
	cpl amend "$r" --complainant "John Smith" --reason typo &&
	cpl export --include-history --format jsonl >e.jsonl &&
	other_dir new && cpl init --policy south-staffordshire &&
	cpl import --format jsonl ../e.jsonl >/dev/null &&
	case_without_times "$r" >got.json &&
	json_is got.json ".complainant=John Smith" \
	    "actions=logged amended amended" ".history[1].old=Jon Smyth" \
	    ".history[1].new=John Smyth" ".history[2].old=John Smyth" \
	    ".history[2].new=John Smith"
'

# history_row FILE: a JSON lines file holding one case, logged Mon
# 2026-11-02 and acknowledged Tue 2026-11-03, whose history is the events
# of the file events.json (a JSON list), after its logging.
history_row() {
	jq -c --slurpfile ev events.json \
	    "{policy: \"south-staffordshire\", complainant: \"Pat\",
	      received: \"2026-11-02\", officer: \"tester\",
	      history: ([{date: \"2026-11-02\", officer: \"tester\",
		action: \"logged\", stage: 1, detail: \"complaint\"},
		{date: \"2026-11-03\", officer: \"tester\",
		action: \"acknowledged\", stage: 1}] + \$ev[0])}" \
	    -n >"$1"
}

test_on 'fresh_store south-staffordshire' 'a history whose correction breaks a rule is a bad row, naming the event and the rule' '
	cat >events.json <<-\EOF &&
	[{"date": "2026-11-05", "officer": "bob", "action": "responded",
	  "stage": 1, "outcome": "upheld"},
	 {"date": "2026-11-06", "officer": "carol", "action": "corrected",
	  "stage": 1, "corrects": "respond", "field": "date",
	  "old": "2026-11-05", "new": "2026-11-02", "reason": "r"}]
	EOF
	history_row row.jsonl &&
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl row.jsonl >out 2>err &&
	grep -q "^row.jsonl:1: history: event 4 (corrected 2026-11-06): as corrected, the stage 1 response of 2026-11-02 would be refused: 2026-11-02 is before the acknowledgement (2026-11-03)\$" err &&
	dump_db >after && test_cmp before after
'

test_on 'fresh_store south-staffordshire' 'an amendment or a correction the history gives badly is a bad row (2)' '
	cat >events.json <<-\EOF &&
	[{"date": "2026-11-06", "officer": "carol", "action": "amended",
	  "stage": 1, "field": "colour", "old": "red", "new": "blue",
	  "reason": "r"}]
	EOF
	history_row row.jsonl &&
	test_must_fail 2 cpl import --format jsonl row.jsonl >out 2>err &&
	grep -q "^row.jsonl:1: history: event 3: .colour. is not a detail amend changes\$" err &&
	cat >events.json <<-\EOF &&
	[{"date": "2026-11-06", "officer": "carol", "action": "corrected",
	  "stage": 1, "corrects": "ack", "field": "date", "old": "2026-11-03",
	  "new": "3 Nov", "reason": "r"}]
	EOF
	history_row row.jsonl &&
	test_must_fail 2 cpl import --format jsonl row.jsonl >out 2>err &&
	grep -q "^row.jsonl:1: history: event 3: new: .3 Nov. is not a date (YYYY-MM-DD)\$" err &&
	test "$(case_count)" = 0
'

test_done
