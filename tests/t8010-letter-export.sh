#!/bin/sh
# t8010-letter-export.sh: the letters sent through export and import: the
# history's "letter-sent" event carries the letter (its kind, via and
# whole text; its stage the event's), and import keeps it again with its
# event, so that the case file lists the same entries and writes out the
# same bytes in the new store. Every test makes its own store in a
# directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-11-30

# two_letters: a south-staffordshire store with one complaint of Ann
# Lee's ($ref), received Mon 2026-11-16, acknowledged by a letter sent by
# email on Tue 2026-11-17 (ack.txt), then a holding reply sent by post on
# Mon 2026-11-23 (hold.txt) granting 5 more days, and a note between.
two_letters() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant "Ann Lee" --summary "Bins" \
	    --received 2026-11-16) &&
	cpl letter "$ref" acknowledgement --sent --via email \
	    --date 2026-11-17 >ack.txt &&
	cpl note "$ref" "Rang her back" --date 2026-11-18 &&
	cpl letter "$ref" holding-reply --days 5 --reason "Waiting for the crew" \
	    --sent --via post --date 2026-11-23 >hold.txt
}

# into_new_store FILE: import FILE (JSON lines) into a new store, new.db.
into_new_store() {
	cpl --db new.db init --policy south-staffordshire >/dev/null &&
	cpl --db new.db import --format jsonl "$1"
}

test_on two_letters 'export carries each letter sent whole on its event' '
	cpl export --include-history --format jsonl >cases.jsonl &&
	jq -c "[.history[] | select(.action == \"letter-sent\")
	    | [.date, .stage, .kind, .via]]" cases.jsonl >got &&
	echo "[[\"2026-11-17\",1,\"acknowledgement\",\"email\"],[\"2026-11-23\",1,\"holding-reply\",\"post\"]]" \
	    >want &&
	test_cmp want got &&
	jq -j "[.history[] | select(.action == \"letter-sent\")][1].text" \
	    cases.jsonl >text &&
	cmp hold.txt text
'

test_on two_letters 'the round trip into a new store gives the same case file and the same letters, byte for byte' '
	cpl export --include-history --format jsonl >cases.jsonl &&
	into_new_store cases.jsonl >out &&
	grep -q "^imported 1," out &&
	cpl files "$ref" --format json | jq -c "[.[] | del(.recorded)]" >want &&
	cpl --db new.db files "$ref" --format json |
	    jq -c "[.[] | del(.recorded)]" >got &&
	test_cmp want got &&
	jq -e "length == 3" got >/dev/null &&
	cpl --db new.db file "$ref" 1 >got.1 &&
	cmp ack.txt got.1 &&
	cpl --db new.db file "$ref" 3 >got.3 &&
	cmp hold.txt got.3 &&
	cpl --db new.db show "$ref" --format json >case.json &&
	json_is case.json ".stages[0].acknowledged=2026-11-17" \
	    ".stages[0].extensions[0].days=5" ".stages[0].extensions[0].told=true" &&
	cpl --db new.db history "$ref" --format csv >h &&
	grep -q "holding-reply letter sent by post" h
'

test_on two_letters 'a letter sent with no text in the file is refused, naming the event, and nothing is imported' '
	cpl export --include-history --format jsonl |
	    jq -c "(.history[] | select(.action == \"letter-sent\")) |= del(.text)" \
	    >cases.jsonl &&
	cpl --db new.db init --policy south-staffordshire >/dev/null &&
	dump_db new.db >before &&
	test_must_fail 2 cpl --db new.db import --format jsonl cases.jsonl \
	    >out 2>err &&
	grep -q "a letter sent needs its kind and its text" err out &&
	dump_db new.db >after &&
	test_cmp before after
'

test_done
