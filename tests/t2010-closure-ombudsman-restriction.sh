#!/bin/sh
# t2010-closure-ombudsman-restriction.sh: the mechanics of the procedure that
# no one seed owns: reopening (dates, history), the ombudsman stage across
# referrals, restrictions listed, lifted and shown; list's next action by kind
# of case. The per-seed rules are in t2001..t2005.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# A south-staffordshire complaint answered at both stages:
#   received Mon 2026-03-02; stage 1 answered Fri 2026-03-13; stage 2 asked
#   for Mon 2026-03-16 (within 20 wd of the reply), answered Fri 2026-04-17;
#   closed, reopened, closed again, and referred to the ombudsman.
ref=SSC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store south-staffordshire &&
	step logged cpl log --complainant "Pat Example" --service Housing \
	    --summary "Damp" --received 2026-03-02 &&
	step ack cpl ack "$ref" --date 2026-03-03 &&
	step respond cpl respond "$ref" --outcome not-upheld --date 2026-03-13 &&
	step escalate cpl escalate "$ref" --date 2026-03-16 &&
	step ack2 cpl ack "$ref" --date 2026-03-17 &&
	step respond2 cpl respond "$ref" --outcome partly-upheld \
	    --date 2026-04-17 &&
	step close cpl close "$ref" --reason resolved --date 2026-04-20 &&
	step reopen cpl reopen "$ref" --reason "Remedy not delivered" \
	    --date 2026-05-04 &&
	step note cpl note "$ref" "Remedy booked" --date 2026-05-05 &&
	step close2 cpl close "$ref" --reason resolved --date 2026-05-11 &&
	step referral cpl ombudsman "$ref" --date 2026-06-01 &&
	story_end
}

test_on 'life close' 'a complaint through both stages, closed' '
	case_is "$ref" .status=closed .stage=2 \
	    ".stages[1].outcome=partly-upheld"
'

test_on 'life close' 'reopen before the day it was closed is refused, nothing changed' '
	refused 1 "before the day the case was closed (2026-04-20)" \
	    cpl reopen "$ref" --reason "sent in error" --date 2026-04-17
'

test_on 'life close' 'reopen needs a reason (2), and an open case cannot be reopened (1)' '
	refused 2 "--reason: a reason is needed" cpl reopen "$ref" &&
	refused 2 "--reason: a reason is needed" cpl reopen "$ref" --reason "" &&
	cpl reopen "$ref" --reason "Remedy not delivered" --date 2026-05-04 &&
	refused 1 "is open" cpl reopen "$ref" --reason again --date 2026-05-05
'

test_on 'life reopen' 'a reopened case is open at the stage it was closed at, with its history' '
	case_is "$ref" .status=open .stage=2 .closed=null .close_reason=null \
	    "actions=logged acknowledged responded escalated acknowledged responded closed reopened" \
	    ".history[7].detail=Remedy not delivered" \
	    ".history[7].date=2026-05-04" &&
	cpl note "$ref" "Remedy booked" --date 2026-05-05 &&
	cpl close "$ref" --reason resolved --date 2026-05-11
'

# South Staffordshire names one ombudsman, the LGSCO (seed 001 §10), so
# even a Housing case goes there.
test_on 'life close2' 'ombudsman: the referral is recorded on the closed case' '
	cpl ombudsman "$ref" --date 2026-06-01 >out 2>err &&
	test ! -s out && test ! -s err &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-06-01" \
	    ".referrals[0].decision=null" .status=closed
'

test_on 'life referral' 'ombudsman: a call with nothing to add is a usage error; the dates must follow' '
	refused 2 "what is there to record? the ombudsman.s reference or decision" cpl ombudsman "$ref" &&
	refused 1 "before the day of the referral (2026-06-01)" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-05-30 &&
	refused 2 "--decision: decision .maybe. is not one of" \
	    cpl ombudsman "$ref" --decision maybe
'

# Corporate-procedure names two ombudsmen (seed 002 §4, §7): a case
# referred to one is not then recorded as referred to the other.
test_on 'fresh_store south-staffordshire' 'ombudsman: a case referred to one body is not taken by another (1)' '
	h=$(cpl log --policy corporate-procedure --complainant "Lee" \
	    --service "housing " --summary "Repairs" \
	    --received 2026-06-01) &&
	cpl ombudsman "$h" --date 2026-06-02 2>err &&
	grep -q "warning: .*before the last stage" err &&
	test "$(cpl show "$h" --format json | jfield .referrals[0].body)" = housing-ombudsman &&
	refused 1 "was referred to .housing-ombudsman. on 2026-06-02" \
	    cpl ombudsman "$h" --body lgsco
'

test_on 'life referral' 'ombudsman: referred back for local resolution, then referred again' '
	cpl ombudsman "$ref" --reference 26-001-234 --decision referred-back \
	    --date 2026-06-15 &&
	cpl ombudsman "$ref" --reference 26-002-999 --date 2026-09-01 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-10-01 &&
	refused 1 "decision on case .* (not-upheld) was recorded on 2026-10-01" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-10-02 &&
	case_is "$ref" ".referrals[0].reference=26-001-234" \
	    ".referrals[0].decision=referred-back" \
	    ".referrals[0].decided=2026-06-15" \
	    ".referrals[1].referred=2026-09-01" \
	    ".referrals[1].reference=26-002-999" \
	    ".referrals[1].decision=not-upheld" &&
	cpl show "$ref" >case.txt &&
	test "$(grep -c "^Ombudsman: Local Government and Social Care Ombudsman" case.txt)" = 2
'

# Corporate-procedure'''s Housing Ombudsman takes housing, not housing
# benefit decisions (seed 002 §4): the match is the whole service.
test_on 'fresh_store south-staffordshire' 'ombudsman: a "Housing Benefit" case goes to the general ombudsman' '
	hb=$(cpl log --policy corporate-procedure --complainant "Ben" \
	    --service "Housing Benefit" --summary "Claim" --received 2026-06-01) &&
	cpl ombudsman "$hb" --date 2026-06-02 2>/dev/null &&
	test "$(cpl show "$hb" --format json | jfield .referrals[0].body)" = lgsco
'

test_on 'life close2' 'ombudsman: not for a compliment (1), nor an unknown body (2)' '
	c=$(cpl log --kind compliment --complainant "Sam" --summary "Thanks" \
	    --received 2026-06-01) &&
	refused 1 "never referred" cpl ombudsman "$c" &&
	refused 2 "--body: .hmrc. is not an ombudsman of policy .south-staffordshire. (lgsco)" \
	    cpl ombudsman "$ref" --body hmrc
'

test_on 'life logged' 'restriction: on a complainant with no case (1); bad dates, kinds (2)' '
	refused 1 "no case of a complainant named .Nobody." \
	    cpl restriction add Nobody --kind other --detail x --reason r \
	    --review 2026-12-01 &&
	refused 2 "--review: the review must be after" cpl restriction add "Pat Example" \
	    --kind written-contact-only --reason r --review 2026-10-30 &&
	refused 2 "--review: the day of its review is needed" cpl restriction add \
	    "Pat Example" --kind written-contact-only --reason r &&
	refused 2 "--kind: .ban. is not a kind of restriction; use one of: " cpl restriction add "Pat Example" \
	    --kind ban --reason r --review 2026-12-01 &&
	refused 2 "--detail: a restriction of kind .other. needs its detail" cpl restriction add \
	    "Pat Example" --kind other --reason r --review 2026-12-01 &&
	refused 2 "add, lift or list" cpl restriction &&
	refused 2 "not a restriction number" cpl restriction lift x --reason r
'

# Written contact only for Pat Example, from 2026-07-01: its number, 1,
# in out.
restrict_pat() {
	cpl restriction add "pat example" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-10-01 --date 2026-07-01 >out
}

test_on 'life logged' 'restriction: added (its number printed), shown on the case, marked when the review is overdue' '
	restrict_pat &&
	test "$(cat out)" = 1 &&
	cpl show "$ref" >case.txt &&
	grep -q "^RESTRICTED    1: written-contact-only (since 2026-07-01, review 2026-10-01, review overdue)\$" case.txt &&
	cpl restriction list --format csv >list.csv &&
	grep -q "^1,Pat Example,written-contact-only,,Abusive calls,2026-07-01,2026-10-01,tester,,,\$" list.csv
'

test_on 'life logged' 'restriction: lifted once (a second time is refused), kept on record' '
	restrict_pat &&
	cpl restriction lift 1 --reason "Reviewed" --date 2026-10-02 &&
	refused 1 "no restriction 1 in force" cpl restriction lift 1 --reason again &&
	cpl restriction list --format csv >list.csv &&
	test "$(wc -l <list.csv)" = 1 &&
	cpl restriction list --all --format csv >all.csv &&
	grep -q "^1,Pat Example,.*,2026-10-02,Reviewed,\$" all.csv &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .restrictions <case.json)" = "[]"
'

test_on 'fresh_store south-staffordshire' 'list: next action by kind (a compliment is acknowledged then closed)' '
	p=$(cpl log --kind compliment --complainant A --summary s --received 2026-10-01) &&
	s=$(cpl log --kind service-request --complainant B --summary s --received 2026-10-01) &&
	cpl list --status open --format csv >list.csv &&
	grep -q "^$p,south-staffordshire,compliment,open,1,2026-10-01,acknowledge,," list.csv &&
	grep -q "^$s,south-staffordshire,service-request,open,1,2026-10-01,close,," list.csv &&
	cpl ack "$p" --date 2026-10-02 &&
	cpl list --status open --format csv >list.csv &&
	grep -q "^$p,south-staffordshire,compliment,open,1,2026-10-01,close,," list.csv
'

# psps counts its response from the acknowledgement (seed 000 §6): an
# acknowledgement recorded after the answer, dated before it, still sets
# the response deadline. Received Mon 2026-03-02, answered Wed 04,
# acknowledged (recorded late) Tue 03: 10 wd after Tue 03 is Tue 17 Mar.
test_on 'fresh_store psps' 'an acknowledgement recorded after the answer, dated before it, is taken' '
	r=$(cpl log --complainant "Ack Late" --summary s --received 2026-03-02) &&
	cpl respond "$r" --outcome upheld --date 2026-03-04 &&
	refused 1 "was answered on 2026-03-04: an acknowledgement after the answer is refused" \
	    cpl ack "$r" --date 2026-03-05 &&
	cpl ack "$r" --date 2026-03-03 &&
	cpl show "$r" --format json >late.json &&
	json_is late.json ".stages[0].acknowledged=2026-03-03" \
	    ".stages[0].response_due=2026-03-17"
'

# What closes, assigns, notes or refers a case comes after what it follows.
test_on 'fresh_store south-staffordshire' 'close, assign, note and ombudsman dated before what they follow are refused' '
	r=$(cpl log --complainant "Back Dated" --summary s --received 2026-03-02) &&
	cpl ack "$r" --date 2026-03-03 &&
	cpl respond "$r" --outcome upheld --date 2026-03-10 &&
	cpl escalate "$r" --date 2026-03-12 &&
	cpl --officer bob ack "$r" --date 2026-03-16 &&
	refused 1 "2026-03-03 is before the stage 2 acknowledgement (2026-03-16)" \
	    cpl close "$r" --reason resolved --date 2026-03-03 &&
	refused 1 "2026-03-11 is before the stage 2 request (2026-03-12)" \
	    cpl assign "$r" --to carol --date 2026-03-11 &&
	refused 1 "2019-01-01 is before the day the case was received (2026-03-02)" \
	    cpl note "$r" "From long ago" --date 2019-01-01 &&
	refused 1 "2026-03-13 is before the stage 2 acknowledgement (2026-03-16)" \
	    cpl ombudsman "$r" --date 2026-03-13 &&
	cpl close "$r" --reason resolved --date 2026-03-16 &&
	cpl ombudsman "$r" --date 2026-03-20
'

# A reopening is kept only as an event, not as a stage date: an action
# that needs the case open, dated before the reopening, would have been
# taken while the case was closed. A note may be (a closed case takes
# notes), and the reopening day itself is open.
test_on 'fresh_store south-staffordshire' 'after a reopen, close, ack, respond, extend, escalate and assign dated before it are refused' '
	r=$(cpl log --complainant "Re Opened" --summary s --received 2026-03-02) &&
	cpl close "$r" --reason withdrawn --date 2026-03-04 &&
	cpl reopen "$r" --reason "Withdrawal retracted" --date 2026-03-20 &&
	refused 1 "2026-03-10 is before the day the case was reopened (2026-03-20)" \
	    cpl close "$r" --reason resolved --date 2026-03-10 &&
	refused 1 "2026-03-19 is before the day the case was reopened (2026-03-20)" \
	    cpl ack "$r" --date 2026-03-19 &&
	refused 1 "2026-03-05 is before the day the case was reopened (2026-03-20)" \
	    cpl respond "$r" --outcome upheld --date 2026-03-05 &&
	refused 1 "2026-03-05 is before the day the case was reopened (2026-03-20)" \
	    cpl extend "$r" --days 5 --reason r --told --date 2026-03-05 &&
	refused 1 "2026-03-05 is before the day the case was reopened (2026-03-20)" \
	    cpl assign "$r" --to carol --date 2026-03-05 &&
	cpl note "$r" "Phoned on the 5th" --date 2026-03-05 &&
	cpl ack "$r" --date 2026-03-20 &&
	cpl respond "$r" --outcome upheld --date 2026-03-23 &&
	cpl close "$r" --reason resolved --date 2026-03-24 &&
	cpl reopen "$r" --reason "Remedy not delivered" --date 2026-04-01 &&
	refused 1 "2026-03-30 is before the day the case was reopened (2026-04-01)" \
	    cpl escalate "$r" --reason "Still not fixed" --date 2026-03-30 &&
	refused 1 "2026-03-31 is before the day the case was reopened (2026-04-01)" \
	    cpl close "$r" --reason resolved --date 2026-03-31 &&
	cpl close "$r" --reason resolved --date 2026-04-01 &&
	case_is "$r" .closed=2026-04-01 \
	    "actions=logged closed reopened note acknowledged responded closed reopened closed"
'

test_on 'fresh_store south-staffordshire' 'import: a close dated before the reopening in the history is refused' '
	cat >h.jsonl <<-\EOF &&
	{"external_ref": "H-1", "complainant": "Hist", "summary": "s", "received": "2026-03-02", "history": [{"action": "closed", "date": "2026-03-04", "reason": "withdrawn"}, {"action": "reopened", "date": "2026-03-20", "reason": "retracted"}, {"action": "closed", "date": "2026-03-10", "reason": "resolved"}]}
	EOF
	test_must_fail 2 cpl import --format jsonl h.jsonl 2>err &&
	grep -q "^h.jsonl:1: history: event 3 (closed 2026-03-10): 2026-03-10 is before the day the case was reopened (2026-03-20)$" err &&
	test -z "$(cpl list --format csv | sed 1d)"
'

test_expect_success 'a category in other words (case, spaces, underscores) is the policy'\''s' '
	fresh_store south-staffordshire &&
	refused 1 "planning" \
	    cpl log --complainant A --summary s --category "Planning Decision" &&
	r=$(cpl log --complainant A --summary s --category "planning_decision" \
	    --accept-anyway "Asked by the director") &&
	test "$(cpl show "$r" --format json | jfield .category)" = planning-decision
'

test_on 'life logged' 'a reference typed in small letters finds the case; an unknown one is named as typed' '
	r=$(cpl list --format csv | sed -n 2p | cut -d, -f1) &&
	lower=$(printf "%s" "$r" | tr A-Z a-z) &&
	test "$(cpl show "$lower" --format json | jfield .ref)" = "$r" &&
	refused 1 "no case .ssc-2099-00001." cpl show ssc-2099-00001
'

test_done
