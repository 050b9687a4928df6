#!/bin/sh
# t9245-rules-export-import.sh: export carries the seeds' smaller rules a
# case keeps (the officer complained about, discrimination, who accepted a
# late complaint, an informal resolution) in columns of their own after
# all the others, and import reads them back: the flat form as the case
# now is, the history as it happened (an amendment of them replayed).
. "$(dirname "$0")/lib.sh"

# marked: a southampton store with a late complaint about Sam Driver, about
# discrimination, accepted by Dee Rector ($r), whose officer complained
# about was then amended to Sam Drover; and a plain complaint ($p).
marked() {
	fresh_store southampton &&
	r=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "In hospital" --late-granted-by "Dee Rector" \
	    --about-staff "Sam Driver" --discrimination) &&
	cpl amend "$r" --about-staff "Sam Drover" --reason misspelt &&
	p=$(cpl log --complainant "Pat" --summary s --received 2026-03-02)
}

# same_rules DB: the cases of store DB have the rules of marked's.
same_rules() {
	cpl --db "$1" show "$r" --format json >r.json &&
	json_is r.json ".about_staff=Sam Drover" ".discrimination=true" \
	    ".late_granted_by=Dee Rector" ".resolved_informally=null" &&
	cpl --db "$1" show "$p" --format json >p.json &&
	json_is p.json ".about_staff=null" ".discrimination=false" \
	    ".late_granted_by=null"
}

test_on marked 'export: the four columns after all the others, CSV and JSON' '
	cpl export --format csv >flat.csv &&
	head -n 1 flat.csv | tr , "\n" | tail -n 5 >cols &&
	printf "ombudsman_decided\nabout_staff\ndiscrimination\nlate_granted_by\nresolved_informally\n" >want &&
	test_cmp want cols &&
	grep "^$r," flat.csv | grep -q ",Sam Drover,true,Dee Rector,\$" &&
	cpl export --format jsonl >all.jsonl &&
	test "$(jq -r "select(.ref == \"$r\") | [.about_staff, .discrimination, .late_granted_by] | join(\"|\")" all.jsonl)" = "Sam Drover|true|Dee Rector"
'

test_on marked 'import of the flat export: the rules as the cases now have them' '
	cpl export --format csv >flat.csv &&
	mkdir o && cpl --db o/c.db init --policy southampton &&
	imports "imported 2, skipped 0 as duplicates, rejected 0" \
	    --db o/c.db --format csv flat.csv &&
	same_rules o/c.db
'

test_on marked 'import of the export with the history: the amendment replayed, its old value kept' '
	cpl export --include-history --format jsonl >all.jsonl &&
	mkdir o && cpl --db o/c.db init --policy southampton &&
	imports "imported 2, skipped 0 as duplicates, rejected 0" \
	    --db o/c.db --format jsonl all.jsonl &&
	same_rules o/c.db &&
	test "$(jq -r "[.history[] | select(.action == \"amended\") | .old] | join(\"|\")" r.json)" = "Sam Driver" &&
	imports "imported 0, skipped 2 as duplicates, rejected 0" \
	    --db o/c.db --format jsonl all.jsonl
'

test_on marked 'import: a bad value of discrimination is bad input, nothing imported (2)' '
	cpl export --format csv >flat.csv &&
	sed "s/,Sam Drover,true,/,Sam Drover,maybe,/" flat.csv >bad.csv &&
	mkdir o && cpl --db o/c.db init --policy southampton &&
	test_must_fail 2 cpl --db o/c.db import --format csv bad.csv >out 2>err &&
	grep -q "^bad.csv:2: discrimination: .maybe. is not true or false" err
'

test_done
