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

# The complaint whose two stages the tests of seed 004 App A follow.
ref=BC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store buckinghamshire &&
	step logged cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-03-02 &&
	step ack cpl --officer alice ack "$ref" --date 2026-03-03 &&
	step extend25 cpl extend "$ref" --days 25 --reason "Contractor records" \
	    --told --date 2026-03-25 &&
	step respond cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-04-28 &&
	step escalate cpl escalate "$ref" \
	    --reason "Bins still missed; want a refund" --date 2026-04-29 &&
	step assign cpl assign "$ref" --to carol --date 2026-04-30 &&
	step ack2 cpl --officer carol ack "$ref" --date 2026-04-30 &&
	step extend21 cpl extend "$ref" --days 21 --reason "Complex" --told \
	    --date 2026-05-20 &&
	step respond2 cpl --officer carol respond "$ref" --outcome partly-upheld \
	    --date 2026-06-19 &&
	step close cpl close "$ref" --reason resolved --date 2026-06-22 &&
	step referral cpl ombudsman "$ref" --date 2026-07-06 &&
	step reference cpl ombudsman "$ref" --reference 26-011-222 \
	    --date 2026-07-13 &&
	step decision cpl ombudsman "$ref" --decision not-upheld \
	    --date 2026-10-05 &&
	story_end
}

# Time limit, seed 004 App A, Appendix 1 Scope: not covered, an issue "known
# about for more than 12 months before the complaint ... unless there is a
# good reason for the delay". A matter of Tue 2025-09-30: 12 months later is
# Wed 2026-09-30, the last day in time; Thu 2026-10-01 is too late.
test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: more than 12 months after the matter is refused (1)' '
	refused 1 "--late-reason: the matter occurred on 2025-09-30, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-09-30 --received 2026-10-01
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-09-30 --received 2026-09-30 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: accepted late with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-09-30 --received 2026-10-01 \
	    --late-reason "Damage only found in September 2026") &&
	case_is "$l" ".late_reason=Damage only found in September 2026" \
	    "actions=logged accepted-late"
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-09-30 --received 2026-09-30 --late-reason "none needed"
'

# Anonymous, seed 004 App A, Appendix 1 Scope: "logged as service requests,
# unless the complaint raises issues of wider concern".
test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: an anonymous complaint is logged as a service request, warned' '
	a=$(cpl log --anonymous --summary "Pothole" --received 2026-03-02 2>err) &&
	test -n "$a" &&
	one_line_error err "warning: an anonymous complaint is logged as a service request under policy .buckinghamshire." &&
	case_is "$a" .anonymous=true .kind=service-request .stage=null \
	    ".stages=[]" .resolve_due=null
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: the anonymous service request has no complaint stages (1)' '
	a=$(cpl log --anonymous --summary "Pothole" --received 2026-03-02 2>/dev/null) &&
	refused 1 "is a service request" cpl ack "$a" --date 2026-03-03 &&
	never_answered "service request" "$a" 2026-03-03
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1 Scope: with --accept-anyway it is taken as a complaint' '
	w=$(cpl log --anonymous --summary "Asbestos dumped by the school" \
	    --received 2026-03-02 --accept-anyway "Wider concern: public health" 2>err) &&
	test ! -s err &&
	case_is "$w" .kind=complaint .anonymous=true \
	    ".accepted_anyway=Wider concern: public health"
'

# Exclusions, seed 004 App A, Appendix 1.
test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: planning-decision is refused, naming the appeals process (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .buckinghamshire.: the appeals process for planning decisions" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-03-02
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: councillor-conduct is refused, naming the Monitoring Officer (1)' '
	refused 1 "category .councillor-conduct. is outside the procedure of policy .buckinghamshire.: the council.s Monitoring Officer, under a separate policy and procedure" \
	    cpl log --complainant "Dee" --category councillor-conduct \
	    --summary "Councillor rude" --received 2026-03-02
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category planning-decision \
	    --summary "Handling of my application" --received 2026-03-02 \
	    --accept-anyway "About the handling, not the decision") &&
	case_is "$x" .kind=complaint .category=planning-decision \
	    ".accepted_anyway=About the handling, not the decision" \
	    "actions=logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category councillor-conduct --summary "s" \
	    --received 2026-03-02 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

# Overall clock, seed 004 App A, six principles, Timeliness: "no longer than
# 12 weeks ... from receipt to resolution". Received Mon 2026-03-02; 84
# calendar days: 29 left in March (to Tue 31 Mar), 30 in April (59), 25 in
# May -> Mon 2026-05-25, twelve weeks on the same weekday. That day is the
# Spring bank holiday, but the clock is in weeks, not working days.
test_on 'life logged' 'seed 004 App A, six principles, Timeliness: resolve by received + 84 days' '
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .resolve_due <case.json)" = 2026-05-25 &&
	cpl show "$ref" >case.txt &&
	grep -q "^resolve by  *2026-05-25\$" case.txt
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, six principles, Timeliness: closed on the 84th day is (met)' '
	m=$(cpl log --complainant "Met" --summary "s" --received 2026-03-02) &&
	cpl respond "$m" --outcome upheld --date 2026-05-20 &&
	cpl close "$m" --reason resolved --date 2026-05-25 &&
	cpl show "$m" >case.txt &&
	grep -q "^resolve by  *2026-05-25 (met)\$" case.txt
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, six principles, Timeliness: closed the day after is (missed)' '
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
test_on 'life logged' 'seed 004 App A, Stage 1: acknowledge 3 wd, respond 20 wd, aim 10 wd' '
	cpl --officer alice ack "$ref" --date 2026-03-03 &&
	case_is "$ref" ".stages[0].ack_due=2026-03-05" \
	    ".stages[0].response_target=2026-03-16" \
	    ".stages[0].response_due=2026-03-30"
'

test_on 'life ack' 'seed 004 App A, Stage 1: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 25 --reason "Contractor records" --date 2026-03-25
'

#   extend 25 from Mon 2026-03-30: Tue 31, Wed 1, Thu 2 Apr (3), Fri 3 and
#   Mon 6 are Easter, Tue 7 - Fri 10 (7), 13-17 (12), 20-24 (17), Mon 27 -
#   Fri 1 May (22), Mon 4 is a holiday, Tue 5, Wed 6, Thu 7 (25) -> 2026-05-07.
test_on 'life ack' 'seed 004 App A, Stage 1: extensions are not capped' '
	cpl extend "$ref" --days 25 --reason "Contractor records" --told --date 2026-03-25 &&
	case_is "$ref" ".stages[0].response_due=2026-05-07" \
	    ".stages[0].extensions[0].days=25" \
	    ".stages[0].extensions[0].told=true"
'

# Stage 2, seed 004 App A, Stage 2: after the stage 1 response, in writing.
test_on 'life extend25' 'seed 004 App A, Stage 2: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-04-20
'

test_on 'life extend25' 'seed 004 App A, Stage 2: stage 2 without written reasons is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-04-28 &&
	refused 1 "--reason: policy .buckinghamshire. needs the complainant.s reasons for stage 2" \
	    cpl escalate "$ref" --date 2026-04-29
'

# requested Wed 2026-04-29; ack_due 5 wd: Thu 30, Fri 1 May, Mon 4 is a
# holiday, Tue 5, Wed 6, Thu 7 -> 2026-05-07. response_due 20 wd: Thu 30,
# Fri 1 (2), Tue 5 - Fri 8 (6), 11-15 (11), 18-22 (16), Mon 25 is a holiday,
# Tue 26 - Fri 29 (20) -> 2026-05-29.
test_on 'life respond' 'seed 004 App A, Stage 2: with reasons stage 2 opens; ack 5 wd, respond 20 wd' '
	cpl escalate "$ref" --reason "Bins still missed; want a refund" --date 2026-04-29 &&
	case_is "$ref" .stage=2 \
	    ".stages[1].escalation_reason=Bins still missed; want a refund" \
	    ".stages[1].ack_due=2026-05-07" \
	    ".stages[1].response_due=2026-05-29"
'

# A different officer at stage 2 (the central Stage 2 team): bob answered
# stage 1.
test_on 'life escalate' 'seed 004 App A, Stage 2: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .buckinghamshire. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-04-30
'

test_on 'life escalate' 'seed 004 App A, Stage 2: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-04-30
'

test_on 'life escalate' 'seed 004 App A, Stage 2: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-04-30
'

test_on 'life escalate' 'seed 004 App A, Stage 2: another officer is assigned and acknowledges' '
	cpl assign "$ref" --to carol --date 2026-04-30 &&
	cpl --officer carol ack "$ref" --date 2026-04-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = carol
'

test_on 'life ack2' 'seed 004 App A, Stage 2: a stage 2 extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 21 --reason "Complex" --date 2026-05-20
'

#   extend 21 from Fri 2026-05-29: Mon 1 - Fri 5 Jun (5), 8-12 (10), 15-19
#   (15), 22-26 (20), Mon 29 (21) -> 2026-06-29. No cap.
test_on 'life ack2' 'seed 004 App A, Stage 2: stage 2 extensions are not capped' '
	cpl extend "$ref" --days 21 --reason "Complex" --told --date 2026-05-20 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-06-29
'

test_on 'life extend21' 'seed 004 App A, Stage 2: another officer answers; stage 2 is the last (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-06-19 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .buckinghamshire." \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-06-22
'

# Closed Mon 2026-06-22, after Mon 2026-05-25 (above): the 12 weeks missed.
test_on 'life respond2' 'seed 004 App A, six principles, Timeliness: the long case closes (missed)' '
	cpl close "$ref" --reason resolved --date 2026-06-22 &&
	cpl show "$ref" >case.txt &&
	grep -q "^resolve by  *2026-05-25 (missed)\$" case.txt
'

# The ombudsman, seed 004 App A, The LGSCO: after the Stage 2 response.
test_on 'life close' 'seed 004 App A, The Local Government and Social Care Ombudsman: referral after stage 2' '
	cpl ombudsman "$ref" --date 2026-07-06 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-011-222 --date 2026-07-13 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-10-05 &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-07-06" \
	    ".referrals[0].reference=26-011-222" \
	    ".referrals[0].decision=not-upheld" \
	    ".referrals[0].decided=2026-10-05"
'

test_on 'life decision' 'seed 004 App A, The LGSCO: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-10-05" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-10-12
'

# Seed 004 App A, The LGSCO: "If the customer is not satisfied after
# receiving the Stage 2 response"; a referral earlier is recorded, warned.
test_on 'fresh_store buckinghamshire' 'seed 004 App A, The LGSCO: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --summary "Went to the LGSCO first" \
	    --received 2026-03-02) &&
	cpl ombudsman "$o" --date 2026-03-09 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .buckinghamshire." &&
	case_is "$o" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-03-09"
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, The LGSCO: the seed names no Housing Ombudsman (2 for --body)' '
	h=$(cpl log --complainant "Hal" --service Housing --summary "Repairs" \
	    --received 2026-03-02) &&
	refused 2 "--body: .housing-ombudsman. is not an ombudsman of policy .buckinghamshire." \
	    cpl ombudsman "$h" --body housing-ombudsman --date 2026-03-09
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Stage 1 and Stage 2: an extension always needs a reason (2)' '
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
test_on 'fresh_store buckinghamshire' 'seed 004 App A, What is a complaint?: a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Blue badge" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$r" ".on_behalf_of=Mary Smith" .consent=false
'

# The 12 weeks across a year end: received Mon 2026-11-02; 84 days: 28 left
# in November (to Mon 30), 31 in December (59), 25 in January -> Mon
# 2027-01-25, twelve weeks on the same weekday.
test_on 'fresh_store buckinghamshire' 'seed 004 App A, six principles, Timeliness: the 12 weeks run across the year end' '
	y=$(cpl log --complainant "Yan" --summary "s" --received 2026-11-02) &&
	test "$(cpl show "$y" --format json | jfield .resolve_due)" = 2027-01-25 &&
	cpl show "$y" >case.txt &&
	grep -q "^resolve by  *2027-01-25\$" case.txt
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .buckinghamshire. keeps this complaint out" \
	    cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-02 --accept-anyway "Just in case"
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$k" .category=street-lighting .kind=complaint \
	    .accepted_anyway=null actions=logged
'

# Kinds. Seed 004 App A, What is a comment? / What is a compliment?: no
# deadline set; acknowledged and closed, never answered, extended or
# escalated; no overall clock either (it is for complaints).
test_on 'fresh_store buckinghamshire' 'seed 004 App A, What is a comment?: acknowledged and closed, never answered; no 12-week clock (1)' '
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "Suggest a recycling point" --received 2026-03-02 2>err) &&
	test ! -s err &&
	case_is "$cm" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=null" .resolve_due=null &&
	never_answered comment "$cm" 2026-03-03 &&
	cpl ack "$cm" --date 2026-03-03 &&
	cpl close "$cm" --reason no-further-action --date 2026-03-04 &&
	case_is "$cm" .status=closed "actions=logged acknowledged closed" &&
	cpl show "$cm" >case.txt &&
	test "$(grep -c "^resolve by" case.txt)" = 0
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, What is a compliment?: acknowledged and closed, never answered; no 12-week clock (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Above and beyond" --received 2026-03-02) &&
	case_is "$cp" ".stages[0].ack_due=null" .resolve_due=null &&
	never_answered compliment "$cp" 2026-03-03 &&
	cpl ack "$cp" --date 2026-03-03 &&
	cpl close "$cp" --reason no-further-action --date 2026-03-03 &&
	test "$(cpl show "$cp" --format json | jfield .status)" = closed
'

# Seed 004 App A, Appendix 1: "Requests for a service - for example, a
# missed bin report" are not covered; a service request has no complaint
# stages and no 12-week clock.
# A service request received on Mon 2026-03-02: its reference in sr.
log_service_request() {
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "Missed bin" --received 2026-03-02)
}

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: a service request has no complaint stages, no 12-week clock (1)' '
	log_service_request 2>err &&
	test ! -s err &&
	case_is "$sr" .kind=service-request .stage=null ".stages=[]" \
	    .resolve_due=null &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-03-03 &&
	never_answered "service request" "$sr" 2026-03-03
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Appendix 1: a service request is assigned, noted and closed' '
	log_service_request &&
	cpl assign "$sr" --to dan --date 2026-03-03 &&
	cpl note "$sr" "Crew sent back" --date 2026-03-03 &&
	cpl close "$sr" --reason resolved --date 2026-03-04 &&
	case_is "$sr" .officer=dan .status=closed \
	    "actions=logged assigned note closed"
'

# Withdrawal: seed 004 sets no rule; the project lets a complainant withdraw
# at any stage (close --reason withdrawn).
#   received Mon 2026-03-02: response due Mon 2026-03-30 (worked out above).
w=BC-2026-00001

# wendy STEP: a store of this test's own, and Wendy's complaint, w, taken
# up to STEP.
wendy() {
	story_to "$1" && fresh_store buckinghamshire &&
	step logged cpl log --complainant "Wendy" --summary "Library fines" \
	    --received 2026-03-02 &&
	step ack cpl ack "$w" --date 2026-03-03 &&
	step withdrawn cpl close "$w" --reason withdrawn --date 2026-03-04 &&
	story_end
}

test_on 'wendy ack' 'seed 004 App A, Stage 1 (withdrawal): withdrawn before the response' '
	cpl close "$w" --reason withdrawn --date 2026-03-04 &&
	case_is "$w" .status=closed .closed=2026-03-04 \
	    .close_reason=withdrawn ".stages[0].responded=null"
'

test_on 'wendy withdrawn' 'seed 004 App A, Stage 1 (withdrawal): a closed case refuses every action (1)' '
	refused_when_closed "$w" 2026-03-05
'

test_on 'wendy withdrawn' 'seed 004 App A, Stage 1 (withdrawal): a note, then a reopen with a reason' '
	cpl note "$w" "Wants it looked at after all" --date 2026-03-05 &&
	cpl reopen "$w" --reason "Withdrawal retracted by email" --date 2026-03-06 &&
	case_is "$w" .status=open \
	    "actions=logged acknowledged closed note reopened" \
	    ".history[4].detail=Withdrawal retracted by email" \
	    ".stages[0].response_due=2026-03-30" .resolve_due=2026-05-25 &&
	cpl respond "$w" --outcome upheld --date 2026-03-09 &&
	test "$(cpl show "$w" --format json | jfield .stages[0].outcome)" = upheld
'

test_on 'fresh_store buckinghamshire' 'seed 004 App A, Stage 2 (withdrawal): withdrawn at stage 2' '
	w2=$(cpl --officer alice log --complainant "Walt" --summary "Council tax" \
	    --received 2026-03-02) &&
	cpl --officer alice respond "$w2" --outcome not-upheld --date 2026-03-04 &&
	cpl escalate "$w2" --reason "Bill still wrong" --date 2026-03-05 &&
	cpl close "$w2" --reason withdrawn --date 2026-03-06 &&
	case_is "$w2" .stage=2 .close_reason=withdrawn &&
	refused 1 "is closed" cpl --officer carol ack "$w2" --date 2026-03-09
'

test_done
