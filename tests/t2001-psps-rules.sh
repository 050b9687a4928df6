#!/bin/sh
# t2001-psps-rules.sh: each rule of PSPS's policy (policies/psps.yaml), one
# test per rule, named after the section of seed 000 that the rule cites in
# 'complaints policy show psps'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

# The complaint whose two stages the tests of seed 000 §6 Stages follow.
ref=PSPS-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store psps &&
	step logged cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-03-23 &&
	step ack cpl --officer alice ack "$ref" --date 2026-03-24 &&
	step extend4 cpl extend "$ref" --days 4 --reason "Crew records" --told \
	    --date 2026-03-25 &&
	step extend6 cpl extend "$ref" --days 6 --reason "Crew on leave" --told \
	    --date 2026-04-08 &&
	step respond cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-04-21 &&
	step escalate cpl escalate "$ref" --date 2026-04-23 &&
	step assign cpl assign "$ref" --to carol --date 2026-04-24 &&
	step ack2 cpl --officer carol ack "$ref" --date 2026-04-27 &&
	step extend15 cpl extend "$ref" --days 15 --reason "Legal advice" --told \
	    --date 2026-05-20 &&
	step extend5 cpl extend "$ref" --days 5 --reason "Site visit" --told \
	    --date 2026-06-10 &&
	step respond2 cpl --officer carol respond "$ref" --outcome partly-upheld \
	    --date 2026-06-19 &&
	step close cpl close "$ref" --reason resolved --date 2026-06-22 &&
	step referral cpl ombudsman "$ref" --date 2026-07-01 &&
	step reference cpl ombudsman "$ref" --reference 26-004-321 \
	    --date 2026-07-08 &&
	step decision cpl ombudsman "$ref" --decision not-upheld \
	    --date 2026-09-14 &&
	story_end
}

# Time limit, seed 000 §6 Exclusions: "any complaint made within 12-months
# of an issue occurring will be accepted". A matter of Sun 2025-03-02:
# 12 months after it is Mon 2026-03-02, so a complaint received that day is
# in time and one received on Tue 2026-03-03 is more than 12 months after.
test_on 'fresh_store psps' 'seed 000 §6 Exclusions: more than 12 months after the matter is refused (1)' '
	refused 1 "more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-03-02 --received 2026-03-03 &&
	refused 1 "--late-reason: the matter occurred" \
	    cpl log --complainant "Late Lee" --summary "Older matter" \
	    --occurred 2024-11-15 --received 2026-03-03
'

test_on 'fresh_store psps' 'seed 000 §6 Exclusions: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-03-02 --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$t" .occurred=2025-03-02 .late_reason=null
'

test_on 'fresh_store psps' 'seed 000 §6 Exclusions: a late complaint is accepted with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-03-02 --received 2026-03-03 \
	    --late-reason "Abroad for a year") &&
	case_is "$l" .status=open .kind=complaint \
	    ".late_reason=Abroad for a year" &&
	json_is case.json "actions=logged accepted-late" \
	    ".history[1].detail=Abroad for a year"
'

test_on 'fresh_store psps' 'seed 000 §6 Exclusions: --late-reason on a complaint in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-03-02 --received 2026-03-02 --late-reason "none needed"
'

# Anonymous, seed 000 §6 Accessibility and Awareness: no rule, so accepted.
test_on 'fresh_store psps' 'seed 000 §6 Accessibility and Awareness: an anonymous complaint is accepted' '
	a=$(cpl log --anonymous --summary "Rude caller" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$a" .anonymous=true .kind=complaint .complainant=null
'

# Exclusions: partner-service (§4) and contractual-matter (§5) are refused,
# naming the route; employment (§6 Feedback - PSPS Procedure) only warns.
test_on 'fresh_store psps' 'seed 000 §4 Feedback - District Councils Residents: partner-service refused, route named (1)' '
	refused 1 "category .partner-service. is outside the procedure of policy .psps.: dealt with according to the respective Council.s policy and procedures" \
	    cpl log --complainant "Dee" --category partner-service \
	    --summary "Council tax bill" --received 2026-03-02
'

test_on 'fresh_store psps' 'seed 000 §5 Feedback - Council Employees: contractual-matter refused, route named (1)' '
	refused 1 "covered separately within the Master Service Level Agreement" \
	    cpl log --complainant "Dee" --category contractual-matter \
	    --summary "KPI missed" --received 2026-03-02
'

test_on 'fresh_store psps' 'seed 000 §4, §5: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category partner-service \
	    --summary "Handling of my call" --received 2026-03-02 \
	    --accept-anyway "About PSPS call handling, not the council") &&
	case_is "$x" .category=partner-service .kind=complaint \
	    ".accepted_anyway=About PSPS call handling, not the council" \
	    "actions=logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category contractual-matter \
	    --summary "Contract" --received 2026-03-02 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

test_on 'fresh_store psps' 'seed 000 §6 Feedback - PSPS Procedure: employment is logged with one warning' '
	e=$(cpl log --complainant "Former Employee" --category employment \
	    --summary "Reference" --received 2026-03-02 2>err) &&
	test -n "$e" &&
	one_line_error err "warning: category .employment. under policy .psps.: consider at logging whether it is better dealt with under the Grievance or the Whistleblowing Policies" &&
	test "$(cpl show "$e" --format json | jfield .kind)" = complaint
'

# Stage 1, seed 000 §6 Stages, Stage 1: acknowledge within 5 wd of receipt,
# respond within 10 wd of the ACKNOWLEDGEMENT, extend by at most 10 wd in
# all, telling the complainant.
#   received Mon 2026-03-23; ack_due 5 wd: Tue 24, Wed 25, Thu 26, Fri 27,
#   Mon 30 -> 2026-03-30.
#   acknowledged Tue 2026-03-24; response_due 10 wd: Wed 25, Thu 26, Fri 27,
#   Mon 30, Tue 31, Wed 1 Apr, Thu 2 (7), Fri 3 and Mon 6 are Easter,
#   Tue 7, Wed 8, Thu 9 (10) -> 2026-04-09.
test_on 'life logged' 'seed 000 §6 Stages, Stage 1: nothing to extend before the acknowledgement (1)' '
	test "$(cpl show "$ref" --format json | jfield .stages[0].ack_due)" = 2026-03-30 &&
	refused 1 "is not acknowledged" \
	    cpl extend "$ref" --days 2 --reason "Waiting" --told --date 2026-03-23
'

test_on 'life logged' 'seed 000 §6 Stages, Stage 1: response due 10 wd from the acknowledgement' '
	cpl --officer alice ack "$ref" --date 2026-03-24 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-04-09
'

test_on 'life ack' 'seed 000 §6 Stages, Stage 1: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 4 --reason "Crew records" --date 2026-03-25
'

#   extend 4 from Thu 2026-04-09: Fri 10, Mon 13, Tue 14, Wed 15 -> 2026-04-15
#   extend 6 more: Thu 16, Fri 17, Mon 20, Tue 21, Wed 22, Thu 23 -> 2026-04-23
#   (10 in all: the cap); one more day is refused.
test_on 'life ack' 'seed 000 §6 Stages, Stage 1: extensions add up to the 10 wd cap' '
	cpl extend "$ref" --days 4 --reason "Crew records" --told --date 2026-03-25 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-04-15 &&
	cpl extend "$ref" --days 6 --reason "Crew on leave" --told --date 2026-04-08 &&
	case_is "$ref" ".stages[0].response_due=2026-04-23" \
	    ".stages[0].extensions[0].days=4" \
	    ".stages[0].extensions[0].reason=Crew records" \
	    ".stages[0].extensions[0].told=true" \
	    ".stages[0].extensions[1].told=true"
'

test_on 'life extend6' 'seed 000 §6 Stages, Stage 1: an 11th working day of extension is refused (1)' '
	refused 1 "allows 10 working days of extension in all at stage 1.*10 already granted" \
	    cpl extend "$ref" --days 1 --reason "More" --told --date 2026-04-14
'

# A case received and acknowledged on Mon 2026-03-23, with no extension:
# its reference in f.
fresh_case() {
	f=$(cpl log --complainant "Fresh" --summary "s" --received 2026-03-23) &&
	cpl ack "$f" --date 2026-03-23
}

test_on 'fresh_store psps' 'seed 000 §6 Stages, Stage 1: more than 10 wd at once is refused on a fresh case (1)' '
	fresh_case &&
	refused 1 "allows 10 working days of extension in all at stage 1" \
	    cpl extend "$f" --days 11 --reason "Long" --told --date 2026-03-24
'

test_on 'fresh_store psps' 'seed 000 §6 Stages, Stage 1: an extension always needs a reason (2)' '
	fresh_case &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$f" --days 2 --told --date 2026-03-24 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$f" --days 2 --reason "" --told --date 2026-03-24
'

# Stage 2, seed 000 §6 Stages, Stage 2: only after the stage 1 response; no
# written reasons needed.
test_on 'life extend6' 'seed 000 §6 Stages, Stage 2: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-04-14
'

test_on 'life extend6' 'seed 000 §6 Stages, Stage 2: after the response, stage 2 needs no reasons' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-04-21 &&
	cpl escalate "$ref" --date 2026-04-23 &&
	case_is "$ref" .stage=2 ".stages[0].responded_by=bob" \
	    ".stages[1].opened=2026-04-23" \
	    ".stages[1].escalation_reason=null"
'

# Stage 2 acknowledge within 5 wd of the request: requested Thu 2026-04-23;
# Fri 24, Mon 27, Tue 28, Wed 29, Thu 30 -> 2026-04-30. The response is
# counted from the stage 2 acknowledgement, so none yet.
test_on 'life escalate' 'seed 000 §6 Stages, Stage 2: acknowledge due 5 wd from the request' '
	case_is "$ref" ".stages[1].ack_due=2026-04-30" \
	    ".stages[1].response_due=null"
'

# A different officer at stage 2: bob answered stage 1.
test_on 'life escalate' 'seed 000 §6 Stages, Stage 2: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .psps. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-04-24
'

test_on 'life escalate' 'seed 000 §6 Stages, Stage 2: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-04-24
'

test_on 'life escalate' 'seed 000 §6 Stages, Stage 2: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-04-24
'

# carol acknowledges on Mon 2026-04-27; response 20 wd from then: Tue 28,
# Wed 29, Thu 30, Fri 1 May (4), Mon 4 is a holiday, Tue 5 - Fri 8 (8),
# Mon 11 - Fri 15 (13), Mon 18 - Fri 22 (18), Mon 25 is a holiday, Tue 26
# (19), Wed 27 (20) -> 2026-05-27.
test_on 'life escalate' 'seed 000 §6 Stages, Stage 2: another officer takes stage 2; response 20 wd from the ack' '
	cpl assign "$ref" --to carol --date 2026-04-24 &&
	cpl --officer carol ack "$ref" --date 2026-04-27 &&
	case_is "$ref" ".stages[1].officer=carol" ".stages[0].officer=alice" \
	    ".stages[1].response_due=2026-05-27"
'

test_on 'life ack2' 'seed 000 §6 Stages, Stage 2: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 5 --reason "Legal advice" --date 2026-05-20
'

#   extend 15 from Wed 2026-05-27: Thu 28, Fri 29 (2), Mon 1 - Fri 5 Jun (7),
#   Mon 8 - Fri 12 (12), Mon 15, Tue 16, Wed 17 (15) -> 2026-06-17
#   extend 5 more: Thu 18, Fri 19, Mon 22, Tue 23, Wed 24 -> 2026-06-24
#   (20 in all: the cap); one more day is refused.
test_on 'life ack2' 'seed 000 §6 Stages, Stage 2: extensions add up to the 20 wd cap' '
	cpl extend "$ref" --days 15 --reason "Legal advice" --told --date 2026-05-20 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-06-17 &&
	cpl extend "$ref" --days 5 --reason "Site visit" --told --date 2026-06-10 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-06-24
'

test_on 'life extend5' 'seed 000 §6 Stages, Stage 2: a 21st working day of extension is refused (1)' '
	refused 1 "allows 20 working days of extension in all at stage 2.*20 already granted" \
	    cpl extend "$ref" --days 1 --reason "More" --told --date 2026-06-11
'

test_on 'life extend5' 'seed 000 §6 Stages, Stage 2: another officer answers; stage 2 is the last stage (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-06-19 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .psps.: after it the complainant may go to the Local Government and Social Care Ombudsman" \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-06-22
'

# The ombudsman, §6 Stages, Stage 2: the LGSCO, the only body PSPS names.
test_on 'life respond2' 'seed 000 §6 Stages, Stage 2: after the last stage, referral to the LGSCO' '
	cpl close "$ref" --reason resolved --date 2026-06-22 &&
	cpl ombudsman "$ref" --date 2026-07-01 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-004-321 --date 2026-07-08 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-09-14 &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-07-01" \
	    ".referrals[0].reference=26-004-321" \
	    ".referrals[0].decision=not-upheld" \
	    ".referrals[0].decided=2026-09-14"
'

test_on 'fresh_store psps' 'seed 000 §6 Stages, Stage 2: PSPS names no Housing Ombudsman (2 for --body)' '
	h=$(cpl log --complainant "Hal" --service Housing --summary "Repairs" \
	    --received 2026-03-02) &&
	refused 2 "--body: .housing-ombudsman. is not an ombudsman of policy .psps." \
	    cpl ombudsman "$h" --body housing-ombudsman --date 2026-03-10
'

test_on 'life decision' 'seed 000 §6 Stages, Stage 2: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-09-14" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-09-21
'

# The seed says the Ombudsman comes after stage 2, "the final stage"; a
# referral earlier is still recorded (the complainant may go at any time),
# with a warning.
test_on 'fresh_store psps' 'seed 000 §6 Stages, Stage 2: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --summary "Went straight to the LGSCO" \
	    --received 2026-03-02) &&
	cpl ombudsman "$o" --date 2026-03-10 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .psps." &&
	case_is "$o" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-03-10" .status=open
'

# Representatives: seed 000 has no rule on complaints made for someone else,
# so no consent is asked for.
test_on 'fresh_store psps' 'seed 000 §6 Accessibility and Awareness: a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Lifeline alarm" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$r" ".on_behalf_of=Mary Smith" .consent=false
'

# No overall clock in seed 000 (only buckinghamshire has one).
test_on 'life logged' 'seed 000 §6 Stages: no overall receipt-to-resolution clock (resolve_due null)' '
	test "$(cpl show "$ref" --format json | jfield .resolve_due)" = null &&
	cpl show "$ref" >case.txt &&
	test "$(grep -c "^resolve by" case.txt)" = 0
'

test_on 'fresh_store psps' 'seed 000 §4, §5: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .psps. keeps this complaint out" \
	    cpl log --complainant "Dee" --category missed-collection \
	    --summary "Bins" --received 2026-03-02 --accept-anyway "Just in case" &&
	refused 2 "nothing in policy .psps. keeps this complaint out" \
	    cpl log --complainant "Dee" \
	    --summary "Bins" --received 2026-03-02 --accept-anyway "Just in case"
'

test_on 'fresh_store psps' 'seed 000 §4, §5: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category telecare-lifeline \
	    --summary "Alarm not answered" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$k" .category=telecare-lifeline .kind=complaint \
	    .accepted_anyway=null \
	    "actions=logged"
'

# Kinds. Seed 000 §1 Policy Overview: customers "given the opportunity to
# provide feedback"; a comment or a compliment is acknowledged and closed,
# with no deadline, and never answered, extended or escalated.
# A comment received on Mon 2026-03-02: its reference in cm.
log_comment() {
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "Longer opening hours, please" --received 2026-03-02)
}

test_on 'fresh_store psps' 'seed 000 §1 Policy Overview (feedback): a comment has no deadlines and is never answered (1)' '
	log_comment 2>err &&
	test ! -s err &&
	case_is "$cm" .kind=comment ".stages[0].ack_due=null" \
	    ".stages[0].response_due=null" .resolve_due=null &&
	never_answered comment "$cm" 2026-03-03
'

test_on 'fresh_store psps' 'seed 000 §1 Policy Overview (feedback): a comment is acknowledged and closed' '
	log_comment &&
	cpl ack "$cm" --date 2026-03-03 &&
	cpl close "$cm" --reason no-further-action --date 2026-03-04 &&
	case_is "$cm" .status=closed ".stages[0].acknowledged=2026-03-03" \
	    "actions=logged acknowledged closed"
'

test_on 'fresh_store psps' 'seed 000 §1 Policy Overview (feedback): a compliment is acknowledged and closed, never answered (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Very helpful adviser" --received 2026-03-02) &&
	test "$(cpl show "$cp" --format json | jfield .stages[0].ack_due)" = null &&
	never_answered compliment "$cp" 2026-03-03 &&
	cpl ack "$cp" --date 2026-03-03 &&
	cpl close "$cp" --reason no-further-action --date 2026-03-03 &&
	test "$(cpl show "$cp" --format json | jfield .status)" = closed
'

# A service request received on Mon 2026-03-02: its reference in sr.
log_service_request() {
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "New bin, please" --received 2026-03-02)
}

test_on 'fresh_store psps' 'seed 000 §6 Service Requests and Complaints: a service request has no complaint stages (1)' '
	log_service_request 2>err &&
	test ! -s err &&
	case_is "$sr" .kind=service-request .stage=null ".stages=[]" \
	    .resolve_due=null &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-03-03 &&
	never_answered "service request" "$sr" 2026-03-03
'

test_on 'fresh_store psps' 'seed 000 §6 Service Requests and Complaints: a service request is assigned, noted and closed' '
	log_service_request &&
	cpl assign "$sr" --to dan --date 2026-03-03 &&
	cpl note "$sr" "Bin ordered" --date 2026-03-03 &&
	cpl close "$sr" --reason resolved --date 2026-03-05 &&
	case_is "$sr" .officer=dan .status=closed \
	    "actions=logged assigned note closed"
'

# Withdrawal: seed 000 sets no rule; the project lets a complainant withdraw
# at any stage (close --reason withdrawn).
#   received Mon 2026-03-02, acknowledged Tue 2026-03-03; response 10 wd from
#   the ack: Wed 4, Thu 5, Fri 6 (3), Mon 9 - Fri 13 (8), Mon 16, Tue 17
#   (10) -> 2026-03-17.
w=PSPS-2026-00001

# wendy STEP: a store of this test's own, and Wendy's complaint, w, taken
# up to STEP.
wendy() {
	story_to "$1" && fresh_store psps &&
	step logged cpl --officer dan log --complainant "Wendy" \
	    --summary "Parking permit" --received 2026-03-02 &&
	step ack cpl --officer dan ack "$w" --date 2026-03-03 &&
	step withdrawn cpl close "$w" --reason withdrawn --date 2026-03-04 &&
	story_end
}

test_on 'wendy ack' 'seed 000 §6 Stages, Stage 1 (withdrawal): withdrawn before the stage 1 response' '
	test "$(cpl show "$w" --format json | jfield .stages[0].response_due)" = 2026-03-17 &&
	cpl close "$w" --reason withdrawn --date 2026-03-04 &&
	case_is "$w" .status=closed .closed=2026-03-04 \
	    .close_reason=withdrawn ".stages[0].responded=null"
'

test_on 'wendy withdrawn' 'seed 000 §6 Stages, Stage 1 (withdrawal): a closed case refuses every action (1)' '
	refused_when_closed "$w" 2026-03-05
'

test_on 'wendy withdrawn' 'seed 000 §6 Stages, Stage 1 (withdrawal): a closed case takes a note, and a reopen with a reason' '
	cpl note "$w" "Complainant rang: not resolved after all" --date 2026-03-05 &&
	cpl reopen "$w" --reason "Complainant withdrew by mistake" --date 2026-03-06 &&
	case_is "$w" .status=open .closed=null \
	    "actions=logged acknowledged closed note reopened" \
	    ".history[4].detail=Complainant withdrew by mistake" \
	    ".stages[0].response_due=2026-03-17" &&
	cpl --officer dan respond "$w" --outcome upheld --date 2026-03-09 &&
	cpl close "$w" --reason resolved --date 2026-03-10 &&
	test "$(cpl show "$w" --format json | jfield .close_reason)" = resolved
'

test_on 'fresh_store psps' 'seed 000 §6 Stages, Stage 2 (withdrawal): withdrawn at stage 2' '
	w2=$(cpl --officer dan log --complainant "Walt" --summary "Benefit letter" \
	    --received 2026-03-02) &&
	cpl --officer dan respond "$w2" --outcome not-upheld --date 2026-03-05 &&
	cpl escalate "$w2" --date 2026-03-06 &&
	cpl close "$w2" --reason withdrawn --date 2026-03-09 &&
	case_is "$w2" .stage=2 .status=closed .close_reason=withdrawn \
	    ".stages[1].responded=null" &&
	refused 1 "is closed" cpl --officer erin ack "$w2" --date 2026-03-10
'

# Restrictions, seed 000 §6 Exclusions ("Any restrictions will be
# appropriate and proportionate") and §6 Complaint Handling Process.
# A store of this test's own with two cases of Rita Persistent's, under
# two capitalisations of her name: r1 and r0.
rita_cases() {
	fresh_store psps &&
	r1=$(cpl log --complainant "Rita Persistent" --summary "Bill" \
	    --received 2026-03-02) &&
	r0=$(cpl log --complainant "RITA PERSISTENT" --summary "Letter" \
	    --received 2026-03-03)
}

# A single point of contact for her, from 2026-04-01: its number in rid,
# what the command said on standard error in err.
restrict_rita() {
	cpl restriction add --decided-by "Chief Finance Officer" "Rita Persistent" --kind single-point-of-contact \
	    --detail "Jo Bloggs, Corporate Services" \
	    --reason "Daily calls to several officers" \
	    --review 2026-12-01 --date 2026-04-01 >out 2>err &&
	rid=$(cat out)
}

test_on rita_cases 'seed 000 §6 Exclusions: a restriction is recorded, its number printed' '
	restrict_rita &&
	test ! -s err &&
	case "$rid" in ""|*[!0-9]*) false ;; esac
'

test_on rita_cases 'seed 000 §6 Exclusions: the restriction shows on every case of the complainant, any capitals' '
	restrict_rita &&
	for c in "$r1" "$r0"; do
		cpl show "$c" --format json >case.json &&
		json_is case.json ".restrictions[0].id=$rid" \
		    ".restrictions[0].kind=single-point-of-contact" \
		    ".restrictions[0].detail=Jo Bloggs, Corporate Services" \
		    ".restrictions[0].imposed=2026-04-01" \
		    ".restrictions[0].review=2026-12-01" || return 1
	done &&
	cpl show "$r1" >case.txt &&
	grep -q "^RESTRICTED .*single-point-of-contact" case.txt
'

test_on rita_cases 'seed 000 §6 Exclusions: logging for a restricted complainant warns, and logs' '
	restrict_rita &&
	r3=$(cpl log --complainant "rita persistent" --summary "Another bill" \
	    --received 2026-04-02 2>err) &&
	test -n "$r3" &&
	# and, their other cases being open, that it may repeat one of them
	test "$(wc -l <err)" = 2 &&
	grep -q "^complaints: warning: .* under restriction $rid" err &&
	grep -q "^complaints: warning: possible duplicate or related case: .PSPS-2026-00002. " err &&
	test "$(cpl show "$r3" --format json | jfield .restrictions[0].id)" = "$rid"
'

test_on rita_cases 'seed 000 §6 Exclusions: restriction refusals (unknown name 1; bad review, kind 2)' '
	refused 1 "no case of a complainant named .Rita Persistant." \
	    cpl restriction add --decided-by "Chief Finance Officer" "Rita Persistant" --kind written-contact-only \
	    --reason "r" --review 2026-12-01 --date 2026-04-01 &&
	refused 2 "--review: the review must be after" \
	    cpl restriction add --decided-by "Chief Finance Officer" "Rita Persistent" --kind written-contact-only \
	    --reason "r" --review 2026-04-01 --date 2026-04-01 &&
	refused 2 "--review: the review must be after" \
	    cpl restriction add --decided-by "Chief Finance Officer" "Rita Persistent" --kind written-contact-only \
	    --reason "r" --review 2026-03-31 --date 2026-04-01 &&
	refused 2 "--kind: .banned. is not a kind of restriction; use one of: " \
	    cpl restriction add --decided-by "Chief Finance Officer" "Rita Persistent" --kind banned \
	    --reason "r" --review 2026-12-01 --date 2026-04-01
'

test_on rita_cases 'seed 000 §6 Exclusions: a lifted restriction no longer shows, nor warns' '
	restrict_rita &&
	r3=$(cpl log --complainant "rita persistent" --summary "Another bill" \
	    --received 2026-04-02 2>/dev/null) &&
	cpl restriction lift "$rid" --reason "Reviewed: calls now reasonable" \
	    --date 2026-10-01 &&
	for c in "$r1" "$r0" "$r3"; do
		test "$(cpl show "$c" --format json | jfield .restrictions)" = "[]" || return 1
	done &&
	r4=$(cpl log --complainant "Rita Persistent" --summary "Thanks" \
	    --received 2026-10-02 2>err) &&
	test ! -s err
'

# "in any capitalisation" (complaints-restriction(1)) includes the capitals
# of names that are not plain ASCII, such as Welsh ones: Siân / SIÂN.
test_on 'fresh_store psps' 'seed 000 §6 Exclusions: a restriction matches a non-ASCII name in other capitals' '
	s1=$(cpl log --complainant "Siân Jones" --summary "Rates" \
	    --received 2026-03-02) &&
	cpl restriction add --decided-by "Chief Finance Officer" "SIÂN JONES" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-12-01 --date 2026-04-01 >out &&
	sid=$(cat out) &&
	test "$(cpl show "$s1" --format json | jfield .restrictions[0].id)" = "$sid" &&
	s2=$(cpl log --complainant "SIÂN JONES" --summary "Rates again" \
	    --received 2026-04-02 2>err) &&
	one_line_error err "warning: .* under restriction $sid"
'

test_done
