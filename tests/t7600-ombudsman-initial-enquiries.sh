#!/bin/sh
# t7600-ombudsman-initial-enquiries.sh: the ombudsman's decision
# "closed after initial enquiries" (the Local Government and Social Care
# Ombudsman's own words, which its annual review letter counts apart) is
# kept as given, apart from not-investigated: in show, the store, the
# export and import, an amendment's replay, and the reports.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-01

# answered: a store under psps (its general ombudsman, the LGSCO) and a
# case answered at both stages and referred on 2026-07-01; $ref names it.
answered() {
	fresh_store psps &&
	ref=$(cpl --officer alice log --complainant "A Resident" \
	    --service Waste --summary "Missed bins" --received 2026-03-02) &&
	cpl --officer alice ack "$ref" --date 2026-03-03 &&
	cpl --officer alice respond "$ref" --outcome not-upheld \
	    --date 2026-03-10 &&
	cpl --officer alice escalate "$ref" --date 2026-03-11 &&
	cpl --officer bob ack "$ref" --date 2026-03-12 &&
	cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-03-20 &&
	cpl ombudsman "$ref" --reference 26-001-234 --date 2026-07-01
}

# decided: answered, and the ombudsman closed it after initial enquiries
# on 2026-09-02.
decided() {
	answered &&
	cpl ombudsman "$ref" --decision closed-after-initial-enquiries \
	    --date 2026-09-02
}

test_on decided 'show, history and the store keep closed-after-initial-enquiries' '
	case_is "$ref" ".referrals[0].decision=closed-after-initial-enquiries" \
	    ".referrals[0].decided=2026-09-02" &&
	cpl show "$ref" >show &&
	grep -q "^  decision        closed-after-initial-enquiries on 2026-09-02\$" show &&
	cpl history "$ref" --format csv >h &&
	grep -q ",ombudsman-decision,closed-after-initial-enquiries\$" h &&
	dump_db >dump &&
	grep "^referrals" dump >rows &&
	grep -q "closed-after-initial-enquiries" rows &&
	test_must_fail 1 grep -q "not-investigated" dump
'

test_on answered 'not-investigated is kept as not-investigated' '
	cpl ombudsman "$ref" --decision not-investigated --date 2026-09-02 &&
	case_is "$ref" ".referrals[0].decision=not-investigated"
'

test_on decided 'the flat export writes it, and import brings it back as given' '
	cpl export --format csv >cases.csv &&
	csv_json cases.csv >cases.json &&
	test "$(jq -r ".[0].ombudsman_decision" cases.json)" = \
	    closed-after-initial-enquiries &&
	mkdir other && cd other && cpl init --policy psps &&
	cpl import ../cases.csv >/dev/null &&
	case_is "$ref" ".referrals[0].decision=closed-after-initial-enquiries"
'

test_on decided 'export --include-history and import replay it as given' '
	cpl export --include-history --format jsonl >cases.jsonl &&
	mkdir other && cd other && cpl init --policy psps &&
	cpl import --format jsonl ../cases.jsonl >/dev/null &&
	case_is "$ref" ".referrals[0].decision=closed-after-initial-enquiries"
'

test_on decided 'an amendment replays the decision as given' '
	cpl amend "$ref" --service Refuse --reason "Not the waste team" &&
	case_is "$ref" ".service=Refuse" \
	    ".referrals[0].decision=closed-after-initial-enquiries"
'

test_on decided 'the annual report and the summary count it apart from not-investigated' '
	cpl report annual --year 2026 --format csv >annual.csv &&
	check_row annual.csv ombudsman-letter "" decided 1,,,0,,,, &&
	check_row annual.csv ombudsman-letter "" \
	    decided.closed-after-initial-enquiries 1,1,100.0,0,0,,, &&
	check_row annual.csv ombudsman-letter "" decided.not-investigated \
	    0,1,0.0,0,0,,, &&
	grep -q "^ombudsman-decision,lgsco,closed-after-initial-enquiries,.*,$ref,decided 2026-09-02\$" \
	    annual.csv &&
	cpl report summary --from 2026-07-01 --to 2026-07-31 --format csv >sum.csv &&
	check_row sum.csv all "" ombudsman.closed-after-initial-enquiries 1,1,100.0 &&
	check_row sum.csv all "" ombudsman.not-investigated 0,1,0.0
'

test_on answered 'a decision not in the list is bad input, naming every word' '
	refused 2 "^complaints: --decision: decision .closed. is not one of upheld, partly-upheld, not-upheld, not-investigated, closed-after-initial-enquiries, referred-back\$" \
	    cpl ombudsman "$ref" --decision closed --date 2026-09-02
'

test_done
