#!/bin/sh
# t9250-complaint-handling-code.sh: a complaint's life under the shipped
# Complaint Handling Code policy (policies/complaint-handling-code.yaml),
# every deadline checked against a date worked out by hand, and the
# ombudsman a case goes to after the last stage.
#
# The Code: stage 1 acknowledge 5 wd from receipt (§6.2), respond 10 wd
# from the acknowledgement (§6.3), extend by up to 10 wd (§6.4); stage 2
# acknowledge 5 wd from the request (§6.11), no reasons needed (§6.12), a
# different person (§6.13), respond 20 wd from the acknowledgement,
# extend by up to 20 wd; exactly two stages.
#
# The August bank holiday, Mon 2026-08-31, falls in stage 1.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-01
ref=CHC-2026-00001

# life STEP: a store of this test's own under the Code, and a housing
# repairs complaint taken through its life up to STEP.
life() {
	story_to "$1" && fresh_store complaint-handling-code &&
	step logged cpl --officer alice log --complainant "A Tenant" \
	    --service "Housing Repairs" --summary "Damp in the bedroom" \
	    --received 2026-08-19 &&
	step ack cpl --officer alice ack "$ref" --date 2026-08-25 &&
	step extend cpl --officer alice extend "$ref" --days 10 --told \
	    --reason "Surveyor's report awaited" --date 2026-09-08 &&
	step respond cpl --officer alice respond "$ref" --outcome not-upheld \
	    --date 2026-09-22 &&
	step escalate cpl --officer alice escalate "$ref" --date 2026-09-24 &&
	step ack2 cpl --officer bob ack "$ref" --date 2026-09-28 &&
	step extend2 cpl --officer bob extend "$ref" --days 20 --told \
	    --reason "Contractor's records awaited" --date 2026-10-20 &&
	step respond2 cpl --officer bob respond "$ref" --outcome upheld \
	    --date 2026-11-20 &&
	story_end
}

test_expect_success 'the shipped policy is valid: two stages, England and Wales' '
	test_dir &&
	cpl policy check "$SRCDIR/policies/complaint-handling-code.yaml" >out &&
	grep -q "is valid: 2 stages, calendar .england-and-wales." out
'

test_expect_success 'stage 1: acknowledge within 5 working days of receipt (Wed 19 Aug: Wed 26 Aug)' '
	life logged &&
	case_is "$ref" ".stages[0].ack_due=2026-08-26" \
	    ".stages[0].response_due=null"
'

test_expect_success 'stage 1: respond within 10 working days of the acknowledgement, the bank holiday not counted (Tue 25 Aug: Wed 9 Sep)' '
	life ack &&
	case_is "$ref" ".stages[0].response_due=2026-09-09"
'

test_expect_success 'stage 1: an extension of up to 10 working days (Wed 9 Sep: Wed 23 Sep)' '
	life extend &&
	case_is "$ref" ".stages[0].response_due=2026-09-23"
'

test_expect_success 'stage 1: no more than 10 working days of extension' '
	life ack &&
	refused 1 "allows 10 working days of extension in all at stage 1 (Complaint Handling Code §6.4: " \
	    cpl extend "$ref" --days 11 --told --reason r --date 2026-09-08
'

test_expect_success 'holding reply: the reason and the ombudsman for the case (the Housing Ombudsman for housing repairs)' '
	life extend &&
	cpl letter "$ref" holding-reply --date 2026-09-08 >letter &&
	grep -q "Surveyor.s report awaited" letter &&
	grep -q "23 September 2026" letter &&
	grep -q "^Housing Ombudsman$" letter &&
	grep -q "^Telephone: 0300 111 3000$" letter &&
	grep -q "^Website: www.housing-ombudsman.org.uk$" letter
'

test_expect_success 'letters: acknowledgement and response at each stage; the final one names the ombudsman' '
	life respond2 &&
	cpl letter "$ref" acknowledgement --stage 1 >ack1 &&
	grep -q "reply by Wednesday 23 September 2026" ack1 &&
	cpl letter "$ref" response --stage 1 >resp1 &&
	grep -q "escalated to Stage 2, quoting the reference $ref. You do not need to explain why." resp1 &&
	cpl letter "$ref" acknowledgement-stage2 >ack2 &&
	grep -q "You do not need to tell us why" ack2 &&
	grep -q "reply by Monday 23 November 2026" ack2 &&
	cpl letter "$ref" response-stage2 >resp2 &&
	grep -q "^Housing Ombudsman$" resp2 &&
	grep -q "^Email: info@housing-ombudsman.org.uk$" resp2
'

test_expect_success 'stage 2: asked for without reasons; acknowledge within 5 working days (Thu 24 Sep: Thu 1 Oct)' '
	life escalate &&
	case_is "$ref" ".stages[1].ack_due=2026-10-01"
'

test_expect_success 'stage 2: not by the person who considered stage 1' '
	life escalate &&
	refused 1 "needs someone else at stage 2 (Complaint Handling Code §6.13: " \
	    cpl --officer alice ack "$ref" --date 2026-09-28
'

test_expect_success 'stage 2: respond within 20 working days of the acknowledgement (Mon 28 Sep: Mon 26 Oct)' '
	life ack2 &&
	case_is "$ref" ".stages[1].response_due=2026-10-26"
'

test_expect_success 'stage 2: an extension of up to 20 working days (Mon 26 Oct: Mon 23 Nov), no more' '
	life ack2 &&
	refused 1 "allows 20 working days of extension in all at stage 2 (Complaint Handling Code §6.15: " \
	    cpl --officer bob extend "$ref" --days 21 --told \
	    --reason r --date 2026-10-20 &&
	cpl --officer bob extend "$ref" --days 20 --told --reason r \
	    --date 2026-10-20 &&
	case_is "$ref" ".stages[1].response_due=2026-11-23"
'

test_expect_success 'exactly two stages: after stage 2 a housing repairs case goes to the Housing Ombudsman, as the referral does' '
	life respond2 &&
	refused 1 "^complaints: stage 2 is the last stage of policy .complaint-handling-code.: after it the complainant may go to the Housing Ombudsman\$" \
	    cpl escalate "$ref" --date 2026-11-23 &&
	cpl ombudsman "$ref" --date 2026-11-24 &&
	case_is "$ref" ".referrals[0].body=housing-ombudsman"
'

test_expect_success 'exactly two stages: another case goes to the Local Government and Social Care Ombudsman' '
	fresh_store complaint-handling-code &&
	r=$(cpl --officer alice log --complainant B --service Waste \
	    --summary "Missed bin" --received 2026-08-19) &&
	cpl --officer alice respond "$r" --outcome not-upheld --date 2026-08-20 &&
	cpl --officer alice escalate "$r" --date 2026-08-21 &&
	cpl --officer bob respond "$r" --outcome not-upheld --date 2026-08-24 &&
	refused 1 "after it the complainant may go to the Local Government and Social Care Ombudsman\$" \
	    cpl escalate "$r" --date 2026-08-25
'

test_expect_success 'Southampton: a Housing Repairs case answered at both stages and escalated again names the Housing Ombudsman, as ombudsman sends it there' '
	fresh_store southampton &&
	r=$(cpl --officer alice log --complainant "A Tenant" \
	    --service "Housing Repairs" --summary "Leaking roof" \
	    --received 2026-08-19) &&
	cpl --officer alice respond "$r" --outcome not-upheld --date 2026-08-20 &&
	cpl --officer alice escalate "$r" --reason "Still leaking" \
	    --date 2026-08-21 &&
	cpl --officer bob respond "$r" --outcome not-upheld --date 2026-08-24 &&
	refused 1 "after it the complainant may go to the Housing Ombudsman Service\$" \
	    cpl escalate "$r" --date 2026-08-25 &&
	cpl ombudsman "$r" --date 2026-08-25 &&
	case_is "$r" ".referrals[0].body=housing-ombudsman"
'

test_done
