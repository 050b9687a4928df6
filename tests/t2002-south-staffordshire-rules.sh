#!/bin/sh
# t2002-south-staffordshire-rules.sh: each rule of South Staffordshire's
# policy (policies/south-staffordshire.yaml), one test per rule, named after
# the section of seed 001 that the rule cites in 'complaints policy show
# south-staffordshire'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Early May
# Mon 2026-05-04, Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: south-staffordshire is the default policy' '
	cpl init --policy south-staffordshire
'

# Time limit, seed 001 §2 Timescales for making a complaint: "no later than
# twelve months after the date on which the matter occurred". A matter of
# Sun 2025-06-01: twelve months after it is Mon 2026-06-01, the last day in
# time; Tue 2026-06-02 is too late.
test_expect_success 'seed 001 §2 Timescales for making a complaint: more than 12 months after is refused (1)' '
	refused 1 "the matter occurred on 2025-06-01, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-01 --received 2026-06-02
'

test_expect_success 'seed 001 §2 Timescales for making a complaint: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-01 --received 2026-06-01 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_expect_success 'seed 001 §2 Timescales for making a complaint: accepted late with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-01 --received 2026-06-02 \
	    --late-reason "Only learnt of it in May 2026") &&
	test "$(cpl show "$l" --format json | jfield .late_reason)" = "Only learnt of it in May 2026"
'

test_expect_success 'seed 001 §2 Timescales for making a complaint: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-01 --received 2026-06-01 --late-reason "none needed"
'

# Anonymous, seed 001 §1 and §5: no rule, so accepted.
test_expect_success 'seed 001 §1 and §5: an anonymous complaint is accepted' '
	a=$(cpl log --anonymous --summary "Fly-tipping left" --received 2026-04-20 2>err) &&
	test ! -s err &&
	cpl show "$a" --format json >case.json &&
	test "$(jfield .anonymous <case.json)" = true &&
	test "$(jfield .kind <case.json)" = complaint
'

# Representative, seed 001 §5 Stage 1: "you may ask someone else to do this";
# no consent asked for.
test_expect_success 'seed 001 §5 Stage 1 - Complaint: a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Care visit" --received 2026-04-20 2>err) &&
	test ! -s err &&
	cpl show "$r" --format json >case.json &&
	test "$(jfield .on_behalf_of <case.json)" = "Mary Smith" &&
	test "$(jfield .consent <case.json)" = false
'

# Exclusions, seed 001 §4.
test_expect_success 'seed 001 §4: planning-decision is refused, naming the right of appeal (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .south-staffordshire.: the right of appeal on planning applications" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-04-20
'

test_expect_success 'seed 001 §4: fraud is refused, naming the Counter Fraud Manager (1)' '
	refused 1 "category .fraud. is outside the procedure of policy .south-staffordshire.: made to the Counter Fraud Manager" \
	    cpl log --complainant "Dee" --category fraud \
	    --summary "Officer taking bribes" --received 2026-04-20
'

test_expect_success 'seed 001 §4: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category planning-decision \
	    --summary "How the application was handled" --received 2026-04-20 \
	    --accept-anyway "About the process, which the seed still considers") &&
	cpl show "$x" --format json >case.json &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .category <case.json)" = planning-decision &&
	test "$(jfield .accepted_anyway <case.json)" = "About the process, which the seed still considers" &&
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
test_expect_success 'seed 001 §5 Stage 1 - Complaint: acknowledge 5 wd, respond 10 wd from receipt' '
	ref=$(cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-04-20) &&
	cpl --officer alice ack "$ref" --date 2026-04-21 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-04-27 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-05
'

test_expect_success 'seed 001 §5 Stage 1 - Complaint: an extension without --told is refused (1)' '
	refused 1 "give --told" \
	    cpl extend "$ref" --days 15 --reason "Contractor records" --date 2026-04-30
'

#   extend 15 from Tue 2026-05-05: Wed 6, Thu 7, Fri 8 (3), Mon 11 - Fri 15
#   (8), Mon 18 - Fri 22 (13), Mon 25 is a holiday, Tue 26, Wed 27 (15)
#   -> 2026-05-27
#   extend 30 more: Thu 28, Fri 29 (2), Mon 1 - Fri 5 Jun (7), 8-12 (12),
#   15-19 (17), 22-26 (22), Mon 29, Tue 30 Jun (24), Wed 1 - Fri 3 Jul (27),
#   Mon 6, Tue 7, Wed 8 (30) -> 2026-07-08. 45 wd in all: no cap.
test_expect_success 'seed 001 §5 Stage 1 - Complaint: extensions are not capped' '
	cpl extend "$ref" --days 15 --reason "Contractor records" --told --date 2026-04-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-05-27 &&
	cpl extend "$ref" --days 30 --reason "Contractor in administration" --told --date 2026-05-26 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-07-08 &&
	test "$(jfield .stages[0].extensions[1].days <case.json)" = 30 &&
	test "$(jfield .stages[0].extensions[1].told <case.json)" = true
'

# Stage 2, seed 001 §5 Stage 2 - Review: after the stage 1 response, "no later
# than 20 working days from our initial stage 1 reply"; no reasons required.
test_expect_success 'seed 001 §5 Stage 2 - Review: a review before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --date 2026-05-06
'

#   answered Thu 2026-05-07; 20 wd from then: Fri 8 (1), Mon 11 - Fri 15 (6),
#   Mon 18 - Fri 22 (11), Mon 25 is a holiday, Tue 26 - Fri 29 (15),
#   Mon 1 - Fri 5 Jun (20) -> the last day is Fri 2026-06-05. The next day,
#   Sat 2026-06-06, and the next working day, Mon 2026-06-08, are too late.
test_expect_success 'seed 001 §5 Stage 2 - Review: a request the day after the 20 wd window is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-05-07 &&
	refused 1 "takes stage 2 requests up to 20 working days after the stage 1 response: the last day was 2026-06-05" \
	    cpl escalate "$ref" --date 2026-06-06 &&
	refused 1 "the last day was 2026-06-05" \
	    cpl escalate "$ref" --date 2026-06-08
'

# Stage 2 acknowledge 5 wd from the request: Mon 8 - Fri 12 Jun -> 2026-06-12;
# respond 20 wd from the request: Mon 8 - Fri 12 (5), 15-19 (10), 22-26 (15),
# Mon 29, Tue 30 Jun, Wed 1 - Fri 3 Jul (20) -> 2026-07-03.
test_expect_success 'seed 001 §5 Stage 2 - Review: the last day of the window is taken, with no reasons' '
	cpl escalate "$ref" --date 2026-06-05 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .stages[1].opened <case.json)" = 2026-06-05 &&
	test "$(jfield .stages[1].escalation_reason <case.json)" = null &&
	test "$(jfield .stages[1].ack_due <case.json)" = 2026-06-12 &&
	test "$(jfield .stages[1].response_due <case.json)" = 2026-07-03
'

# No rule on who handles stage 2 in seed 001: the stage 1 responder may.
test_expect_success 'seed 001 §5 Stage 2 - Review: no rule against the stage 1 responder at stage 2' '
	cpl assign "$ref" --to bob --date 2026-06-08 &&
	cpl --officer bob ack "$ref" --date 2026-06-08 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = bob
'

test_expect_success 'seed 001 §5 Stage 2 - Review: an extension without --told is refused (1)' '
	refused 1 "give --told" \
	    cpl extend "$ref" --days 25 --reason "Legal advice" --date 2026-06-08
'

#   extend 25 from Fri 2026-07-03: Mon 6 - Fri 10 Jul (5), 13-17 (10),
#   20-24 (15), 27-31 (20), Mon 3 - Fri 7 Aug (25) -> 2026-08-07. No cap.
test_expect_success 'seed 001 §5 Stage 2 - Review: stage 2 extensions are not capped' '
	cpl extend "$ref" --days 25 --reason "Legal advice" --told --date 2026-06-08 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-08-07 &&
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-08-03 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = bob
'

# The ombudsman, seed 001 §10: the LGSCO, after the last stage.
test_expect_success 'seed 001 §10 Role of the LGSCO: stage 2 is the last; the referral goes to the LGSCO' '
	refused 1 "stage 2 is the last stage of policy .south-staffordshire.: after it the complainant may go to the Local Government and Social Care Ombudsman" \
	    cpl escalate "$ref" --date 2026-08-04 &&
	cpl close "$ref" --reason resolved --date 2026-08-04 &&
	cpl ombudsman "$ref" --date 2026-08-20 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-005-111 --date 2026-08-27 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-10-12 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .referrals[0].body <case.json)" = lgsco &&
	test "$(jfield .referrals[0].referred <case.json)" = 2026-08-20 &&
	test "$(jfield .referrals[0].reference <case.json)" = 26-005-111 &&
	test "$(jfield .referrals[0].decision <case.json)" = not-upheld &&
	test "$(jfield .referrals[0].decided <case.json)" = 2026-10-12
'

test_done
