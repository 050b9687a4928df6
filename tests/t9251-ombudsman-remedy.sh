#!/bin/sh
# t9251-ombudsman-remedy.sh: what the ombudsman's decision asks of the
# council, as the Local Government and Social Care Ombudsman's annual
# review letter counts it: the remedy recommended, the day it is due, the
# day the council complied and whether that was on time.
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

test_on answered 'upheld with a remedy due on 1 October, complied on 28 September: on time' '
	cpl ombudsman "$ref" --decision upheld --remedy "Pay 150 for the distress" \
	    --remedy-due 2026-10-01 --date 2026-09-02 &&
	cpl ombudsman "$ref" --complied 2026-09-28 &&
	case_is "$ref" ".referrals[0].decision=upheld" \
	    ".referrals[0].remedy=Pay 150 for the distress" \
	    ".referrals[0].remedy_due=2026-10-01" \
	    ".referrals[0].complied=2026-09-28" \
	    ".referrals[0].complied_on_time=true" &&
	cpl show "$ref" >show &&
	grep -q "^  remedy          Pay 150 for the distress$" show &&
	grep -q "^  remedy due      2026-10-01$" show &&
	grep -q "^  complied        2026-09-28 (on time)$" show &&
	cpl history "$ref" --format csv >h &&
	grep -q ",ombudsman-remedy,\"Pay 150 for the distress, due 2026-10-01\"$" h &&
	grep -q "^2026-09-28,.*,ombudsman-complied,on time$" h
'

test_on answered 'complied after the day due: late; not yet and past due: show says so' '
	cpl ombudsman "$ref" --decision partly-upheld --remedy "Review the round" \
	    --remedy-due 2026-10-01 --date 2026-09-02 &&
	cpl show "$ref" >show &&
	grep -q "^  complied        not yet: due 2026-10-01$" show &&
	cpl ombudsman "$ref" --complied 2026-10-02 --date 2026-10-02 &&
	case_is "$ref" ".referrals[0].complied_on_time=false" &&
	cpl show "$ref" | grep -q "^  complied        2026-10-02 (late)$"
'

test_on answered 'a remedy with no day due: complied, on time unknown' '
	cpl ombudsman "$ref" --decision upheld --remedy "Apologise" \
	    --date 2026-09-02 &&
	cpl ombudsman "$ref" --complied 2026-09-10 &&
	case_is "$ref" ".referrals[0].remedy_due=null" \
	    ".referrals[0].complied=2026-09-10" \
	    ".referrals[0].complied_on_time=null"
'

test_on answered 'a remedy before the decision, or with one that does not uphold, is refused (1)' '
	refused 1 "^complaints: --remedy: the ombudsman has not decided case .$ref.: its remedy follows the decision\$" \
	    cpl ombudsman "$ref" --remedy "Pay 50" --date 2026-09-02 &&
	refused 1 "^complaints: --remedy: the ombudsman.s decision on case .$ref. is .not-upheld.: a remedy follows a decision that upholds the complaint (upheld or partly-upheld)\$" \
	    cpl ombudsman "$ref" --decision not-upheld --remedy "Pay 50" \
	    --date 2026-09-02
'

test_on answered 'each is recorded once; compliance needs a remedy and follows the decision (1)' '
	refused 1 "^complaints: --complied: the ombudsman has not decided case" \
	    cpl ombudsman "$ref" --complied 2026-09-02 &&
	cpl ombudsman "$ref" --decision upheld --date 2026-09-02 &&
	refused 1 "^complaints: --complied: no remedy of the ombudsman is recorded on case .$ref.: there is nothing to comply with\$" \
	    cpl ombudsman "$ref" --complied 2026-09-03 &&
	cpl ombudsman "$ref" --remedy "Pay 50" --date 2026-09-03 &&
	refused 1 "^complaints: --remedy: the ombudsman.s remedy on case .$ref. is already recorded\$" \
	    cpl ombudsman "$ref" --remedy "Pay 60" --date 2026-09-04 &&
	refused 1 "^complaints: --complied: 2026-09-01 is before the ombudsman.s decision (2026-09-02)\$" \
	    cpl ombudsman "$ref" --complied 2026-09-01 &&
	cpl ombudsman "$ref" --complied 2026-09-05 &&
	refused 1 "^complaints: --complied: the council complied with the ombudsman.s remedy on case .$ref. on 2026-09-05\$" \
	    cpl ombudsman "$ref" --complied 2026-09-06
'

test_on answered 'bad input is refused (2): an empty remedy, a due day alone or before the decision, a day to come' '
	refused 2 "^complaints: --remedy: the ombudsman.s remedy is empty\$" \
	    cpl ombudsman "$ref" --decision upheld --remedy " " --date 2026-09-02 &&
	refused 2 "^complaints: --remedy-due: the day a remedy is due is given with the remedy\$" \
	    cpl ombudsman "$ref" --decision upheld --remedy-due 2026-10-01 \
	    --date 2026-09-02 &&
	refused 2 "^complaints: --remedy-due: the remedy.s due day 2026-08-01 is before the ombudsman.s decision (2026-09-02)\$" \
	    cpl ombudsman "$ref" --decision upheld --remedy "Pay 50" \
	    --remedy-due 2026-08-01 --date 2026-09-02 &&
	refused 2 "^complaints: --remedy-due: .2026-13-01. is not a date (YYYY-MM-DD)\$" \
	    cpl ombudsman "$ref" --decision upheld --remedy "Pay 50" \
	    --remedy-due 2026-13-01 --date 2026-09-02 &&
	cpl ombudsman "$ref" --decision upheld --remedy "Pay 50" \
	    --date 2026-09-02 &&
	refused 2 "^complaints: --complied: 2026-12-02 is in the future (today is 2026-12-01)\$" \
	    cpl ombudsman "$ref" --complied 2026-12-02
'

test_on answered 'the ombudsman.s "closed after initial enquiries" is kept as given, apart from not-investigated' '
	cpl ombudsman "$ref" --decision closed-after-initial-enquiries \
	    --date 2026-09-02 &&
	case_is "$ref" ".referrals[0].decision=closed-after-initial-enquiries"
'

test_on answered 'export --include-history and import carry the remedy and the compliance' '
	cpl ombudsman "$ref" --decision upheld --remedy "Pay 150" \
	    --remedy-due 2026-10-01 --date 2026-09-02 &&
	cpl ombudsman "$ref" --complied 2026-10-05 &&
	cpl export --include-history --format jsonl >cases.jsonl &&
	jq -c ".history[] | select(.action == \"ombudsman-remedy\") | [.remedy, .due]" \
	    cases.jsonl >remedy &&
	echo "[\"Pay 150\",\"2026-10-01\"]" >expect && test_cmp expect remedy &&
	mkdir other && cd other && cpl init --policy psps &&
	cpl import --format jsonl ../cases.jsonl >/dev/null &&
	case_is "$ref" ".referrals[0].remedy=Pay 150" \
	    ".referrals[0].remedy_due=2026-10-01" \
	    ".referrals[0].complied=2026-10-05" \
	    ".referrals[0].complied_on_time=false"
'

test_on answered 'an amendment of the case keeps the remedy and the compliance' '
	cpl ombudsman "$ref" --decision upheld --remedy "Pay 150" \
	    --remedy-due 2026-10-01 --date 2026-09-02 &&
	cpl ombudsman "$ref" --complied 2026-09-30 &&
	cpl amend "$ref" --service Refuse --reason "Not the waste team" &&
	case_is "$ref" ".service=Refuse" ".referrals[0].remedy=Pay 150" \
	    ".referrals[0].complied=2026-09-30" \
	    ".referrals[0].complied_on_time=true"
'

test_on answered 'purge: the remedy words go with the personal data, the days stay for the reports' '
	cpl ombudsman "$ref" --decision upheld --remedy "Pay Mrs Smith 150" \
	    --remedy-due 2026-10-01 --date 2026-09-02 &&
	cpl ombudsman "$ref" --complied 2026-09-30 &&
	cpl close "$ref" --reason ombudsman --date 2026-10-01 &&
	cpl purge --closed-before 2026-11-01 --yes >/dev/null &&
	dump_db >dump &&
	grep "^ombudsman_remedies" dump >row &&
	grep -q "2026-10-01" row && grep -q "2026-09-30" row &&
	test_must_fail 1 grep -q "Smith" dump
'

test_expect_success 'show names the ombudsman the answered case would go to' '
	fresh_store southampton &&
	r=$(cpl --officer alice log --complainant "A Tenant" \
	    --service "Housing Repairs" --summary "Leak" --received 2026-08-19) &&
	cpl --officer alice respond "$r" --outcome not-upheld --date 2026-08-20 &&
	cpl show "$r" >show && test_must_fail 1 grep -q "^Ombudsman" show &&
	case_is "$r" ".ombudsman=housing-ombudsman" &&
	cpl --officer alice escalate "$r" --reason "Still leaking" \
	    --date 2026-08-21 &&
	cpl --officer bob respond "$r" --outcome not-upheld --date 2026-08-24 &&
	cpl show "$r" >show &&
	grep -q "^Ombudsman: Housing Ombudsman Service, if the complainant remains dissatisfied$" show
'

test_done
