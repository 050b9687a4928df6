#!/bin/sh
# t2002-south-staffordshire-rules.sh: each rule of South Staffordshire's
# policy (policies/south-staffordshire.yaml), one test per rule, named after
# the section of seed 001 that the rule cites in 'complaints policy show
# south-staffordshire'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Early May
# Mon 2026-05-04, Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

# The complaint whose two stages the tests of seed 001 §5 follow.
ref=SSC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store south-staffordshire &&
	step logged cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-04-20 &&
	step ack cpl --officer alice ack "$ref" --date 2026-04-21 &&
	step extend15 cpl extend "$ref" --days 15 --reason "Contractor records" \
	    --told --date 2026-04-30 &&
	step extend30 cpl extend "$ref" --days 30 \
	    --reason "Contractor in administration" --told --date 2026-05-26 &&
	step respond cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-05-07 &&
	step escalate cpl escalate "$ref" --date 2026-06-05 &&
	step assign cpl assign "$ref" --to bob --date 2026-06-08 &&
	step ack2 cpl --officer bob ack "$ref" --date 2026-06-08 &&
	step extend25 cpl extend "$ref" --days 25 --reason "Legal advice" --told \
	    --date 2026-06-08 &&
	step respond2 cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-08-03 &&
	step close cpl close "$ref" --reason resolved --date 2026-08-04 &&
	step referral cpl ombudsman "$ref" --date 2026-08-20 &&
	step reference cpl ombudsman "$ref" --reference 26-005-111 \
	    --date 2026-08-27 &&
	step decision cpl ombudsman "$ref" --decision not-upheld \
	    --date 2026-10-12 &&
	story_end
}

# Time limit, seed 001 §2 Timescales for making a complaint: "no later than
# twelve months after the date on which the matter occurred". A matter of
# Sun 2025-06-01: twelve months after it is Mon 2026-06-01, the last day in
# time; Tue 2026-06-02 is too late.
test_on 'fresh_store south-staffordshire' 'seed 001 §2 Timescales for making a complaint: more than 12 months after is refused (1)' '
	refused 1 "--late-reason: the matter occurred on 2025-06-01, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-01 --received 2026-06-02
'

test_on 'fresh_store south-staffordshire' 'seed 001 §2 Timescales for making a complaint: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-01 --received 2026-06-01 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_on 'fresh_store south-staffordshire' 'seed 001 §2 Timescales for making a complaint: accepted late with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-01 --received 2026-06-02 \
	    --late-reason "Only learnt of it in May 2026") &&
	case_is "$l" ".late_reason=Only learnt of it in May 2026" \
	    "actions=logged accepted-late"
'

test_on 'fresh_store south-staffordshire' 'seed 001 §2 Timescales for making a complaint: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-01 --received 2026-06-01 --late-reason "none needed"
'

# Anonymous, seed 001 §1 and §5: no rule, so accepted.
test_on 'fresh_store south-staffordshire' 'seed 001 §1 and §5: an anonymous complaint is accepted' '
	a=$(cpl log --anonymous --summary "Fly-tipping left" --received 2026-04-20 2>err) &&
	test ! -s err &&
	case_is "$a" .anonymous=true .kind=complaint
'

# Representative, seed 001 §5 Stage 1: "you may ask someone else to do this";
# no consent asked for.
test_on 'fresh_store south-staffordshire' 'seed 001 §5 Stage 1 - Complaint: a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Care visit" --received 2026-04-20 2>err) &&
	test ! -s err &&
	case_is "$r" ".on_behalf_of=Mary Smith" .consent=false
'

# Exclusions, seed 001 §4.
test_on 'fresh_store south-staffordshire' 'seed 001 §4: planning-decision is refused, naming the right of appeal (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .south-staffordshire.: the right of appeal on planning applications" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-04-20
'

test_on 'fresh_store south-staffordshire' 'seed 001 §4: fraud is refused, naming the Counter Fraud Manager (1)' '
	refused 1 "category .fraud. is outside the procedure of policy .south-staffordshire.: made to the Counter Fraud Manager" \
	    cpl log --complainant "Dee" --category fraud \
	    --summary "Officer taking bribes" --received 2026-04-20
'

# An officer typing the category in other capitals must not slip past the
# exclusion: an officer cannot break a council's procedure by accident.
test_on 'fresh_store south-staffordshire' 'seed 001 §4: planning-decision in other capitals is refused too (1)' '
	refused 1 "is outside the procedure of policy .south-staffordshire.: the right of appeal on planning applications" \
	    cpl log --complainant "Dee" --category Planning-Decision \
	    --summary "Extension refused" --received 2026-04-20
'

test_on 'fresh_store south-staffordshire' 'seed 001 §4: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category planning-decision \
	    --summary "How the application was handled" --received 2026-04-20 \
	    --accept-anyway "About the process, which the seed still considers") &&
	case_is "$x" .kind=complaint .category=planning-decision \
	    ".accepted_anyway=About the process, which the seed still considers" \
	    "actions=logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category fraud --summary "s" \
	    --received 2026-04-20 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

# Stage 1, seed 001 §5 Stage 1 - Complaint: acknowledge within 5 wd, respond
# within 10 wd, both from the day received; extensions uncapped, told.
#   received Mon 2026-04-20; ack_due: Tue 21, Wed 22, Thu 23, Fri 24,
#   Mon 27 -> 2026-04-27.
#   response_due 10 wd: Tue 21 - Fri 24 (4), Mon 27 - Thu 30 (8), Fri 1 May
#   (9), Mon 4 is a holiday, Tue 5 (10) -> 2026-05-05.
test_on 'life logged' 'seed 001 §5 Stage 1 - Complaint: acknowledge 5 wd, respond 10 wd from receipt' '
	cpl --officer alice ack "$ref" --date 2026-04-21 &&
	case_is "$ref" ".stages[0].ack_due=2026-04-27" \
	    ".stages[0].response_due=2026-05-05"
'

test_on 'life ack' 'seed 001 §5 Stage 1 - Complaint: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 15 --reason "Contractor records" --date 2026-04-30
'

#   extend 15 from Tue 2026-05-05: Wed 6, Thu 7, Fri 8 (3), Mon 11 - Fri 15
#   (8), Mon 18 - Fri 22 (13), Mon 25 is a holiday, Tue 26, Wed 27 (15)
#   -> 2026-05-27
#   extend 30 more: Thu 28, Fri 29 (2), Mon 1 - Fri 5 Jun (7), 8-12 (12),
#   15-19 (17), 22-26 (22), Mon 29, Tue 30 Jun (24), Wed 1 - Fri 3 Jul (27),
#   Mon 6, Tue 7, Wed 8 (30) -> 2026-07-08. 45 wd in all: no cap.
test_on 'life ack' 'seed 001 §5 Stage 1 - Complaint: extensions are not capped' '
	cpl extend "$ref" --days 15 --reason "Contractor records" --told --date 2026-04-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-05-27 &&
	cpl extend "$ref" --days 30 --reason "Contractor in administration" --told --date 2026-05-26 &&
	case_is "$ref" ".stages[0].response_due=2026-07-08" \
	    ".stages[0].extensions[1].days=30" \
	    ".stages[0].extensions[1].told=true"
'

# Stage 2, seed 001 §5 Stage 2 - Review: after the stage 1 response, "no later
# than 20 working days from our initial stage 1 reply"; no reasons required.
test_on 'life extend30' 'seed 001 §5 Stage 2 - Review: a review before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --date 2026-05-06
'

#   answered Thu 2026-05-07; 20 wd from then: Fri 8 (1), Mon 11 - Fri 15 (6),
#   Mon 18 - Fri 22 (11), Mon 25 is a holiday, Tue 26 - Fri 29 (15),
#   Mon 1 - Fri 5 Jun (20) -> the last day is Fri 2026-06-05. The next day,
#   Sat 2026-06-06, and the next working day, Mon 2026-06-08, are too late.
test_on 'life extend30' 'seed 001 §5 Stage 2 - Review: a request the day after the 20 wd window is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-05-07 &&
	refused 1 "takes stage 2 requests up to 20 working days after the stage 1 response: the last day was 2026-06-05" \
	    cpl escalate "$ref" --date 2026-06-06 &&
	refused 1 "the last day was 2026-06-05" \
	    cpl escalate "$ref" --date 2026-06-08
'

# Stage 2 acknowledge 5 wd from the request: Mon 8 - Fri 12 Jun -> 2026-06-12;
# respond 20 wd from the request: Mon 8 - Fri 12 (5), 15-19 (10), 22-26 (15),
# Mon 29, Tue 30 Jun, Wed 1 - Fri 3 Jul (20) -> 2026-07-03.
test_on 'life respond' 'seed 001 §5 Stage 2 - Review: the last day of the window is taken, with no reasons' '
	cpl escalate "$ref" --date 2026-06-05 &&
	case_is "$ref" .stage=2 ".stages[1].opened=2026-06-05" \
	    ".stages[1].escalation_reason=null" \
	    ".stages[1].ack_due=2026-06-12" \
	    ".stages[1].response_due=2026-07-03"
'

# No rule on who handles stage 2 in seed 001: the stage 1 responder may.
test_on 'life escalate' 'seed 001 §5 Stage 2 - Review: no rule against the stage 1 responder at stage 2' '
	cpl assign "$ref" --to bob --date 2026-06-08 &&
	cpl --officer bob ack "$ref" --date 2026-06-08 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = bob
'

test_on 'life ack2' 'seed 001 §5 Stage 2 - Review: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 25 --reason "Legal advice" --date 2026-06-08
'

#   extend 25 from Fri 2026-07-03: Mon 6 - Fri 10 Jul (5), 13-17 (10),
#   20-24 (15), 27-31 (20), Mon 3 - Fri 7 Aug (25) -> 2026-08-07. No cap.
test_on 'life ack2' 'seed 001 §5 Stage 2 - Review: stage 2 extensions are not capped' '
	cpl extend "$ref" --days 25 --reason "Legal advice" --told --date 2026-06-08 &&
	case_is "$ref" ".stages[1].response_due=2026-08-07" \
	    ".stages[1].extensions[0].told=true" &&
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-08-03 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = bob
'

# The ombudsman, seed 001 §10: the LGSCO, after the last stage.
test_on 'life respond2' 'seed 001 §10 Role of the LGSCO: stage 2 is the last; the referral goes to the LGSCO' '
	refused 1 "stage 2 is the last stage of policy .south-staffordshire.: after it the complainant may go to the Local Government and Social Care Ombudsman" \
	    cpl escalate "$ref" --date 2026-08-04 &&
	cpl close "$ref" --reason resolved --date 2026-08-04 &&
	cpl ombudsman "$ref" --date 2026-08-20 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-005-111 --date 2026-08-27 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-10-12 &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-08-20" \
	    ".referrals[0].reference=26-005-111" \
	    ".referrals[0].decision=not-upheld" \
	    ".referrals[0].decided=2026-10-12"
'

test_on 'life decision' 'seed 001 §10 Role of the LGSCO: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-10-12" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-10-19
'

# Seed 001 §5 Complaint stages: "You may wish to contact the Local
# Government and Social Care Ombudsman about your complaint at any stage,
# although the Ombudsman will usually expect any complaint to have been
# through local complaint processes": recorded, with a warning.
test_on 'fresh_store south-staffordshire' 'seed 001 §5 Complaint stages: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --summary "Went to the LGSCO first" \
	    --received 2026-04-20) &&
	cpl ombudsman "$o" --date 2026-04-27 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .south-staffordshire." &&
	case_is "$o" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-04-27"
'

test_on 'fresh_store south-staffordshire' 'seed 001 §10 Role of the LGSCO: the seed names no Housing Ombudsman (2 for --body)' '
	h=$(cpl log --complainant "Hal" --service Housing --summary "Repairs" \
	    --received 2026-04-20) &&
	refused 2 "--body: .housing-ombudsman. is not an ombudsman of policy .south-staffordshire." \
	    cpl ombudsman "$h" --body housing-ombudsman --date 2026-04-27
'

test_on 'fresh_store south-staffordshire' 'seed 001 §5 Stage 1 - Complaint: an extension always needs a reason (2)' '
	e=$(cpl log --complainant "Eve" --summary "s" --received 2026-04-20) &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-04-21 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --reason "" --told --date 2026-04-21
'

# No overall clock in seed 001 (only buckinghamshire has one).
test_on 'life logged' 'seed 001 §5 Complaint stages: no overall receipt-to-resolution clock (resolve_due null)' '
	e=$(cpl log --complainant "Eve" --summary "s" --received 2026-04-20) &&
	test "$(cpl show "$ref" --format json | jfield .resolve_due)" = null &&
	test "$(cpl show "$e" --format json | jfield .resolve_due)" = null &&
	cpl show "$e" >case.txt &&
	test "$(grep -c "^resolve by" case.txt)" = 0
'

test_on 'fresh_store south-staffordshire' 'seed 001 §4: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .south-staffordshire. keeps this complaint out" \
	    cpl log --complainant "Dee" --category street-cleaning \
	    --summary "Litter" --received 2026-04-20 --accept-anyway "Just in case"
'

test_on 'fresh_store south-staffordshire' 'seed 001 §4: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category street-cleaning \
	    --summary "Litter" --received 2026-04-20 2>err) &&
	test ! -s err &&
	case_is "$k" .category=street-cleaning .accepted_anyway=null \
	    actions=logged
'

# Kinds. Seed 001, Customer Feedback Policy: "What will happen when you send
# us a comment? You will receive an acknowledgment of your comment and it
# will be sent to the service." The same for a compliment (and §1
# Introduction, Compliments). No deadline is set for either.
test_on 'fresh_store south-staffordshire' 'seed 001 Customer Feedback Policy (comment): acknowledged and closed, never answered (1)' '
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "More benches in the park" --received 2026-04-20 2>err) &&
	test ! -s err &&
	case_is "$cm" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=null" &&
	never_answered comment "$cm" 2026-04-21 &&
	cpl ack "$cm" --date 2026-04-21 &&
	cpl close "$cm" --reason no-further-action --date 2026-04-22 &&
	case_is "$cm" .status=closed "actions=logged acknowledged closed"
'

test_on 'fresh_store south-staffordshire' 'seed 001 Customer Feedback Policy (compliment): acknowledged and closed, never answered (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Bin crew very kind" --received 2026-04-20) &&
	test "$(cpl show "$cp" --format json | jfield .stages[0].ack_due)" = null &&
	never_answered compliment "$cp" 2026-04-21 &&
	cpl ack "$cp" --date 2026-04-21 &&
	cpl close "$cp" --reason no-further-action --date 2026-04-21 &&
	test "$(cpl show "$cp" --format json | jfield .status)" = closed
'

# Seed 001 §4: "Some matters raised with us are requests for service and will
# be responded to without being treated as complaint."
# A service request received on Mon 2026-04-20: its reference in sr.
log_service_request() {
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "Missed bin" --received 2026-04-20)
}

test_on 'fresh_store south-staffordshire' 'seed 001 §4: a service request has no complaint stages (1)' '
	log_service_request 2>err &&
	test ! -s err &&
	case_is "$sr" .kind=service-request .stage=null ".stages=[]" &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-04-21 &&
	never_answered "service request" "$sr" 2026-04-21
'

test_on 'fresh_store south-staffordshire' 'seed 001 §4: a service request is assigned, noted and closed' '
	log_service_request &&
	cpl assign "$sr" --to dan --date 2026-04-21 &&
	cpl note "$sr" "Crew sent back" --date 2026-04-21 &&
	cpl close "$sr" --reason resolved --date 2026-04-22 &&
	case_is "$sr" .officer=dan .status=closed \
	    "actions=logged assigned note closed"
'

# Withdrawal: seed 001 sets no rule; the project lets a complainant withdraw
# at any stage (close --reason withdrawn).
#   received Mon 2026-04-20: response due 2026-05-05 (worked out above).
w=SSC-2026-00001

# wendy STEP: a store of this test's own, and Wendy's complaint, w, taken
# up to STEP.
wendy() {
	story_to "$1" && fresh_store south-staffordshire &&
	step logged cpl log --complainant "Wendy" --summary "Planning enquiry" \
	    --received 2026-04-20 &&
	step withdrawn cpl close "$w" --reason withdrawn --date 2026-04-22 &&
	story_end
}

test_on 'wendy logged' 'seed 001 §5 Stage 1 - Complaint (withdrawal): withdrawn before the response' '
	cpl close "$w" --reason withdrawn --date 2026-04-22 &&
	case_is "$w" .status=closed .closed=2026-04-22 \
	    .close_reason=withdrawn
'

test_on 'wendy withdrawn' 'seed 001 §5 Stage 1 - Complaint (withdrawal): a closed case refuses every action (1)' '
	refused_when_closed "$w" 2026-04-23
'

test_on 'wendy withdrawn' 'seed 001 §5 Stage 1 - Complaint (withdrawal): a note, then a reopen with a reason' '
	cpl note "$w" "Wants to go on after all" --date 2026-04-23 &&
	cpl reopen "$w" --reason "Complainant changed her mind" --date 2026-04-24 &&
	case_is "$w" .status=open "actions=logged closed note reopened" \
	    ".history[3].detail=Complainant changed her mind" \
	    ".stages[0].response_due=2026-05-05" &&
	cpl ack "$w" --date 2026-04-24 &&
	cpl respond "$w" --outcome upheld --date 2026-04-28 &&
	test "$(cpl show "$w" --format json | jfield .stages[0].outcome)" = upheld
'

test_on 'fresh_store south-staffordshire' 'seed 001 §5 Stage 2 - Review (withdrawal): withdrawn at stage 2' '
	w2=$(cpl log --complainant "Walt" --summary "Council tax letter" \
	    --received 2026-04-20) &&
	cpl respond "$w2" --outcome not-upheld --date 2026-04-23 &&
	cpl escalate "$w2" --date 2026-04-27 &&
	cpl close "$w2" --reason withdrawn --date 2026-04-29 &&
	case_is "$w2" .stage=2 .close_reason=withdrawn &&
	refused 1 "is closed" cpl ack "$w2" --date 2026-04-30
'

test_done
