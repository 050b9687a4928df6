#!/bin/sh
# t2005-buckinghamshire-rules.sh: each rule of Buckinghamshire Council's
# policy (policies/buckinghamshire.yaml), one test per rule, named after the
# section of seed 004 that the rule cites in 'complaints policy show
# buckinghamshire'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: buckinghamshire is the default policy' '
	cpl init --policy buckinghamshire
'

# Time limit, seed 004 App A, Appendix 1 Scope: not covered, an issue "known
# about for more than 12 months before the complaint ... unless there is a
# good reason for the delay". A matter of Tue 2025-09-30: 12 months later is
# Wed 2026-09-30, the last day in time; Thu 2026-10-01 is too late.
test_expect_success 'seed 004 App A, Appendix 1 Scope: more than 12 months after the matter is refused (1)' '
	refused 1 "--late-reason: the matter occurred on 2025-09-30, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-09-30 --received 2026-10-01
'

test_expect_success 'seed 004 App A, Appendix 1 Scope: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-09-30 --received 2026-09-30 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_expect_success 'seed 004 App A, Appendix 1 Scope: accepted late with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-09-30 --received 2026-10-01 \
	    --late-reason "Damage only found in September 2026") &&
	cpl show "$l" --format json >case.json &&
	test "$(jfield .late_reason <case.json)" = "Damage only found in September 2026" &&
	test "$(hist_actions <case.json)" = "logged accepted-late"
'

test_expect_success 'seed 004 App A, Appendix 1 Scope: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-09-30 --received 2026-09-30 --late-reason "none needed"
'

# Anonymous, seed 004 App A, Appendix 1 Scope: "logged as service requests,
# unless the complaint raises issues of wider concern".
test_expect_success 'seed 004 App A, Appendix 1 Scope: an anonymous complaint is logged as a service request, warned' '
	a=$(cpl log --anonymous --summary "Pothole" --received 2026-03-02 2>err) &&
	test -n "$a" &&
	one_line_error err "warning: an anonymous complaint is logged as a service request under policy .buckinghamshire." &&
	cpl show "$a" --format json >case.json &&
	test "$(jfield .anonymous <case.json)" = true &&
	test "$(jfield .kind <case.json)" = service-request &&
	test "$(jfield .stage <case.json)" = null &&
	test "$(jfield .stages <case.json)" = "[]" &&
	test "$(jfield .resolve_due <case.json)" = null
'

test_expect_success 'seed 004 App A, Appendix 1 Scope: the anonymous service request has no complaint stages (1)' '
	refused 1 "is a service request" cpl ack "$a" --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl respond "$a" --outcome upheld --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl extend "$a" --days 2 --reason "r" --told --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl escalate "$a" --reason "r" --date 2026-03-03
'

test_expect_success 'seed 004 App A, Appendix 1 Scope: with --accept-anyway it is taken as a complaint' '
	w=$(cpl log --anonymous --summary "Asbestos dumped by the school" \
	    --received 2026-03-02 --accept-anyway "Wider concern: public health" 2>err) &&
	test ! -s err &&
	cpl show "$w" --format json >case.json &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .anonymous <case.json)" = true &&
	test "$(jfield .accepted_anyway <case.json)" = "Wider concern: public health"
'

# Exclusions, seed 004 App A, Appendix 1.
test_expect_success 'seed 004 App A, Appendix 1: planning-decision is refused, naming the appeals process (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .buckinghamshire.: the appeals process for planning decisions" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-03-02
'

test_expect_success 'seed 004 App A, Appendix 1: councillor-conduct is refused, naming the Monitoring Officer (1)' '
	refused 1 "category .councillor-conduct. is outside the procedure of policy .buckinghamshire.: the council.s Monitoring Officer, under a separate policy and procedure" \
	    cpl log --complainant "Dee" --category councillor-conduct \
	    --summary "Councillor rude" --received 2026-03-02
'

test_expect_success 'seed 004 App A, Appendix 1: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category planning-decision \
	    --summary "Handling of my application" --received 2026-03-02 \
	    --accept-anyway "About the handling, not the decision") &&
	cpl show "$x" --format json >case.json &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .category <case.json)" = planning-decision &&
	test "$(jfield .accepted_anyway <case.json)" = "About the handling, not the decision" &&
	test "$(hist_actions <case.json)" = "logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category councillor-conduct --summary "s" \
	    --received 2026-03-02 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

# Overall clock, seed 004 App A, six principles, Timeliness: "no longer than
# 12 weeks ... from receipt to resolution". Received Mon 2026-03-02; 84
# calendar days: 29 left in March (to Tue 31 Mar), 30 in April (59), 25 in
# May -> Mon 2026-05-25, twelve weeks on the same weekday. That day is the
# Spring bank holiday, but the clock is in weeks, not working days.
test_expect_success 'seed 004 App A, six principles, Timeliness: resolve by received + 84 days' '
	ref=$(cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-03-02) &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .resolve_due <case.json)" = 2026-05-25 &&
	cpl show "$ref" >case.txt &&
	grep -q "^resolve by  *2026-05-25\$" case.txt
'

test_expect_success 'seed 004 App A, six principles, Timeliness: closed on the 84th day is (met)' '
	m=$(cpl log --complainant "Met" --summary "s" --received 2026-03-02) &&
	cpl respond "$m" --outcome upheld --date 2026-05-20 &&
	cpl close "$m" --reason resolved --date 2026-05-25 &&
	cpl show "$m" >case.txt &&
	grep -q "^resolve by  *2026-05-25 (met)\$" case.txt
'

test_expect_success 'seed 004 App A, six principles, Timeliness: closed the day after is (missed)' '
	n=$(cpl log --complainant "Missed" --summary "s" --received 2026-03-02) &&
	cpl respond "$n" --outcome upheld --date 2026-05-20 &&
	cpl close "$n" --reason resolved --date 2026-05-26 &&
	cpl show "$n" >case.txt &&
	grep -q "^resolve by  *2026-05-25 (missed)\$" case.txt
'

# Stage 1, seed 004 App A, Stage 1: acknowledge within 3 wd, respond within
# 20 wd (aim 10), from receipt; extensions uncapped, the customer told.
#   received Mon 2026-03-02; ack_due: Tue 3, Wed 4, Thu 5 -> 2026-03-05.
#   target 10 wd: Tue 3 - Fri 6 (4), Mon 9 - Fri 13 (9), Mon 16 (10)
#   -> 2026-03-16. response_due 20 wd: Tue 17 - Fri 20 (14), Mon 23 - Fri 27
#   (19), Mon 30 (20) -> 2026-03-30.
test_expect_success 'seed 004 App A, Stage 1: acknowledge 3 wd, respond 20 wd, aim 10 wd' '
	cpl --officer alice ack "$ref" --date 2026-03-03 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-03-05 &&
	test "$(jfield .stages[0].response_target <case.json)" = 2026-03-16 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-03-30
'

test_expect_success 'seed 004 App A, Stage 1: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 25 --reason "Contractor records" --date 2026-03-25
'

#   extend 25 from Mon 2026-03-30: Tue 31, Wed 1, Thu 2 Apr (3), Fri 3 and
#   Mon 6 are Easter, Tue 7 - Fri 10 (7), 13-17 (12), 20-24 (17), Mon 27 -
#   Fri 1 May (22), Mon 4 is a holiday, Tue 5, Wed 6, Thu 7 (25) -> 2026-05-07.
test_expect_success 'seed 004 App A, Stage 1: extensions are not capped' '
	cpl extend "$ref" --days 25 --reason "Contractor records" --told --date 2026-03-25 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-07 &&
	test "$(jfield .stages[0].extensions[0].days <case.json)" = 25 &&
	test "$(jfield .stages[0].extensions[0].told <case.json)" = true
'

# Stage 2, seed 004 App A, Stage 2: after the stage 1 response, in writing.
test_expect_success 'seed 004 App A, Stage 2: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-04-20
'

test_expect_success 'seed 004 App A, Stage 2: stage 2 without written reasons is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-04-28 &&
	refused 1 "--reason: policy .buckinghamshire. needs the complainant.s reasons for stage 2" \
	    cpl escalate "$ref" --date 2026-04-29
'

# requested Wed 2026-04-29; ack_due 5 wd: Thu 30, Fri 1 May, Mon 4 is a
# holiday, Tue 5, Wed 6, Thu 7 -> 2026-05-07. response_due 20 wd: Thu 30,
# Fri 1 (2), Tue 5 - Fri 8 (6), 11-15 (11), 18-22 (16), Mon 25 is a holiday,
# Tue 26 - Fri 29 (20) -> 2026-05-29.
test_expect_success 'seed 004 App A, Stage 2: with reasons stage 2 opens; ack 5 wd, respond 20 wd' '
	cpl escalate "$ref" --reason "Bins still missed; want a refund" --date 2026-04-29 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .stages[1].escalation_reason <case.json)" = "Bins still missed; want a refund" &&
	test "$(jfield .stages[1].ack_due <case.json)" = 2026-05-07 &&
	test "$(jfield .stages[1].response_due <case.json)" = 2026-05-29
'

# A different officer at stage 2 (the central Stage 2 team): bob answered
# stage 1.
test_expect_success 'seed 004 App A, Stage 2: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .buckinghamshire. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-04-30
'

test_expect_success 'seed 004 App A, Stage 2: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-04-30
'

test_expect_success 'seed 004 App A, Stage 2: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-04-30
'

test_expect_success 'seed 004 App A, Stage 2: another officer is assigned and acknowledges' '
	cpl assign "$ref" --to carol --date 2026-04-30 &&
	cpl --officer carol ack "$ref" --date 2026-04-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = carol
'

test_expect_success 'seed 004 App A, Stage 2: a stage 2 extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 21 --reason "Complex" --date 2026-05-20
'

#   extend 21 from Fri 2026-05-29: Mon 1 - Fri 5 Jun (5), 8-12 (10), 15-19
#   (15), 22-26 (20), Mon 29 (21) -> 2026-06-29. No cap.
test_expect_success 'seed 004 App A, Stage 2: stage 2 extensions are not capped' '
	cpl extend "$ref" --days 21 --reason "Complex" --told --date 2026-05-20 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-06-29
'

test_expect_success 'seed 004 App A, Stage 2: another officer answers; stage 2 is the last (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-06-19 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .buckinghamshire." \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-06-22
'

# Closed Mon 2026-06-22, after Mon 2026-05-25 (above): the 12 weeks missed.
test_expect_success 'seed 004 App A, six principles, Timeliness: the long case closes (missed)' '
	cpl close "$ref" --reason resolved --date 2026-06-22 &&
	cpl show "$ref" >case.txt &&
	grep -q "^resolve by  *2026-05-25 (missed)\$" case.txt
'

# The ombudsman, seed 004 App A, The LGSCO: after the Stage 2 response.
test_expect_success 'seed 004 App A, The Local Government and Social Care Ombudsman: referral after stage 2' '
	cpl ombudsman "$ref" --date 2026-07-06 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-011-222 --date 2026-07-13 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-10-05 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .referrals[0].body <case.json)" = lgsco &&
	test "$(jfield .referrals[0].referred <case.json)" = 2026-07-06 &&
	test "$(jfield .referrals[0].reference <case.json)" = 26-011-222 &&
	test "$(jfield .referrals[0].decision <case.json)" = not-upheld &&
	test "$(jfield .referrals[0].decided <case.json)" = 2026-10-05
'

test_expect_success 'seed 004 App A, The LGSCO: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-10-05" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-10-12
'

# Seed 004 App A, The LGSCO: "If the customer is not satisfied after
# receiving the Stage 2 response"; a referral earlier is recorded, warned.
test_expect_success 'seed 004 App A, The LGSCO: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --summary "Went to the LGSCO first" \
	    --received 2026-03-02) &&
	cpl ombudsman "$o" --date 2026-03-09 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .buckinghamshire." &&
	cpl show "$o" --format json >case.json &&
	test "$(jfield .referrals[0].body <case.json)" = lgsco &&
	test "$(jfield .referrals[0].referred <case.json)" = 2026-03-09
'

test_expect_success 'seed 004 App A, The LGSCO: the seed names no Housing Ombudsman (2 for --body)' '
	h=$(cpl log --complainant "Hal" --service Housing --summary "Repairs" \
	    --received 2026-03-02) &&
	refused 2 "--body: .housing-ombudsman. is not an ombudsman of policy .buckinghamshire." \
	    cpl ombudsman "$h" --body housing-ombudsman --date 2026-03-09
'

test_expect_success 'seed 004 App A, Stage 1 and Stage 2: an extension always needs a reason (2)' '
	e=$(cpl --officer alice log --complainant "Eve" --summary "s" \
	    --received 2026-03-02) &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-03-03 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --reason "" --told --date 2026-03-03 &&
	cpl --officer alice respond "$e" --outcome not-upheld --date 2026-03-04 &&
	cpl escalate "$e" --reason "Refund not given" --date 2026-03-05 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-03-06
'

# Representatives, seed 004 App A, What is a complaint?: "anyone acting on
# behalf of a person": no written consent asked for.
test_expect_success 'seed 004 App A, What is a complaint?: a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Blue badge" --received 2026-03-02 2>err) &&
	test ! -s err &&
	cpl show "$r" --format json >case.json &&
	test "$(jfield .on_behalf_of <case.json)" = "Mary Smith" &&
	test "$(jfield .consent <case.json)" = false
'

# The 12 weeks across a year end: received Mon 2026-11-02; 84 days: 28 left
# in November (to Mon 30), 31 in December (59), 25 in January -> Mon
# 2027-01-25, twelve weeks on the same weekday.
test_expect_success 'seed 004 App A, six principles, Timeliness: the 12 weeks run across the year end' '
	y=$(cpl log --complainant "Yan" --summary "s" --received 2026-11-02) &&
	test "$(cpl show "$y" --format json | jfield .resolve_due)" = 2027-01-25 &&
	cpl show "$y" >case.txt &&
	grep -q "^resolve by  *2027-01-25\$" case.txt
'

test_expect_success 'seed 004 App A, Appendix 1: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .buckinghamshire. keeps this complaint out" \
	    cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-02 --accept-anyway "Just in case"
'

test_expect_success 'seed 004 App A, Appendix 1: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-02 2>err) &&
	test ! -s err &&
	cpl show "$k" --format json >case.json &&
	test "$(jfield .category <case.json)" = street-lighting &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .accepted_anyway <case.json)" = null &&
	test "$(hist_actions <case.json)" = logged
'

# Kinds. Seed 004 App A, What is a comment? / What is a compliment?: no
# deadline set; acknowledged and closed, never answered, extended or
# escalated; no overall clock either (it is for complaints).
test_expect_success 'seed 004 App A, What is a comment?: acknowledged and closed, never answered; no 12-week clock (1)' '
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "Suggest a recycling point" --received 2026-03-02 2>err) &&
	test ! -s err &&
	cpl show "$cm" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	test "$(jfield .stages[0].response_due <case.json)" = null &&
	test "$(jfield .resolve_due <case.json)" = null &&
	refused 1 "is a comment" \
	    cpl respond "$cm" --outcome upheld --date 2026-03-03 &&
	refused 1 "is a comment" \
	    cpl extend "$cm" --days 2 --reason "r" --told --date 2026-03-03 &&
	refused 1 "is a comment" \
	    cpl escalate "$cm" --reason "r" --date 2026-03-03 &&
	cpl ack "$cm" --date 2026-03-03 &&
	cpl close "$cm" --reason no-further-action --date 2026-03-04 &&
	cpl show "$cm" --format json >case.json &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(hist_actions <case.json)" = "logged acknowledged closed" &&
	cpl show "$cm" >case.txt &&
	! grep -q "^resolve by" case.txt
'

test_expect_success 'seed 004 App A, What is a compliment?: acknowledged and closed, never answered; no 12-week clock (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Above and beyond" --received 2026-03-02) &&
	cpl show "$cp" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	test "$(jfield .resolve_due <case.json)" = null &&
	refused 1 "is a compliment" \
	    cpl respond "$cp" --outcome upheld --date 2026-03-03 &&
	refused 1 "is a compliment" \
	    cpl extend "$cp" --days 2 --reason "r" --told --date 2026-03-03 &&
	refused 1 "is a compliment" \
	    cpl escalate "$cp" --reason "r" --date 2026-03-03 &&
	cpl ack "$cp" --date 2026-03-03 &&
	cpl close "$cp" --reason no-further-action --date 2026-03-03 &&
	test "$(cpl show "$cp" --format json | jfield .status)" = closed
'

# Seed 004 App A, Appendix 1: "Requests for a service - for example, a
# missed bin report" are not covered; a service request has no complaint
# stages and no 12-week clock.
test_expect_success 'seed 004 App A, Appendix 1: a service request has no complaint stages, no 12-week clock (1)' '
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "Missed bin" --received 2026-03-02 2>err) &&
	test ! -s err &&
	cpl show "$sr" --format json >case.json &&
	test "$(jfield .kind <case.json)" = service-request &&
	test "$(jfield .stage <case.json)" = null &&
	test "$(jfield .stages <case.json)" = "[]" &&
	test "$(jfield .resolve_due <case.json)" = null &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl respond "$sr" --outcome upheld --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl extend "$sr" --days 2 --reason "r" --told --date 2026-03-03 &&
	refused 1 "is a service request" \
	    cpl escalate "$sr" --reason "r" --date 2026-03-03
'

test_expect_success 'seed 004 App A, Appendix 1: a service request is assigned, noted and closed' '
	cpl assign "$sr" --to dan --date 2026-03-03 &&
	cpl note "$sr" "Crew sent back" --date 2026-03-03 &&
	cpl close "$sr" --reason resolved --date 2026-03-04 &&
	cpl show "$sr" --format json >case.json &&
	test "$(jfield .officer <case.json)" = dan &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(hist_actions <case.json)" = "logged assigned note closed"
'

# Withdrawal: seed 004 sets no rule; the project lets a complainant withdraw
# at any stage (close --reason withdrawn).
#   received Mon 2026-03-02: response due Mon 2026-03-30 (worked out above).
test_expect_success 'seed 004 App A, Stage 1 (withdrawal): withdrawn before the response' '
	w=$(cpl log --complainant "Wendy" --summary "Library fines" \
	    --received 2026-03-02) &&
	cpl ack "$w" --date 2026-03-03 &&
	cpl close "$w" --reason withdrawn --date 2026-03-04 &&
	cpl show "$w" --format json >case.json &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(jfield .closed <case.json)" = 2026-03-04 &&
	test "$(jfield .close_reason <case.json)" = withdrawn &&
	test "$(jfield .stages[0].responded <case.json)" = null
'

test_expect_success 'seed 004 App A, Stage 1 (withdrawal): a closed case refuses every action (1)' '
	refused 1 "is closed" cpl ack "$w" --date 2026-03-05 &&
	refused 1 "is closed" cpl respond "$w" --outcome upheld --date 2026-03-05 &&
	refused 1 "is closed" \
	    cpl extend "$w" --days 2 --reason "r" --told --date 2026-03-05 &&
	refused 1 "is closed" cpl escalate "$w" --reason "r" --date 2026-03-05 &&
	refused 1 "is closed" cpl assign "$w" --to erin --date 2026-03-05 &&
	refused 1 "is closed" cpl close "$w" --reason resolved --date 2026-03-05
'

test_expect_success 'seed 004 App A, Stage 1 (withdrawal): a note, then a reopen with a reason' '
	cpl note "$w" "Wants it looked at after all" --date 2026-03-05 &&
	cpl reopen "$w" --reason "Withdrawal retracted by email" --date 2026-03-06 &&
	cpl show "$w" --format json >case.json &&
	test "$(jfield .status <case.json)" = open &&
	test "$(hist_actions <case.json)" = "logged acknowledged closed note reopened" &&
	test "$(jfield .history[4].detail <case.json)" = "Withdrawal retracted by email" &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-03-30 &&
	test "$(jfield .resolve_due <case.json)" = 2026-05-25 &&
	cpl respond "$w" --outcome upheld --date 2026-03-09 &&
	test "$(cpl show "$w" --format json | jfield .stages[0].outcome)" = upheld
'

test_expect_success 'seed 004 App A, Stage 2 (withdrawal): withdrawn at stage 2' '
	w2=$(cpl --officer alice log --complainant "Walt" --summary "Council tax" \
	    --received 2026-03-02) &&
	cpl --officer alice respond "$w2" --outcome not-upheld --date 2026-03-04 &&
	cpl escalate "$w2" --reason "Bill still wrong" --date 2026-03-05 &&
	cpl close "$w2" --reason withdrawn --date 2026-03-06 &&
	cpl show "$w2" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .close_reason <case.json)" = withdrawn &&
	refused 1 "is closed" cpl --officer carol ack "$w2" --date 2026-03-09
'

test_done
