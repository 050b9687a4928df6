#!/bin/sh
# t2004-southampton-rules.sh: each rule of Southampton City Council's policy
# (policies/southampton.yaml), one test per rule, named after the section of
# seed 003 that the rule cites in 'complaints policy show southampton'.
# Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Summer
# Mon 2026-08-31.
. "$(dirname "$0")/lib.sh"

# The complaint whose two stages the tests of seed 003 §4 follow.
ref=SCC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store southampton &&
	step logged cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-08-17 &&
	step ack cpl --officer alice ack "$ref" --date 2026-08-18 &&
	step extend12 cpl extend "$ref" --days 12 --reason "Crew records" --told \
	    --date 2026-08-27 &&
	step respond cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-09-16 &&
	step escalate cpl escalate "$ref" --reason "Bins still missed" \
	    --date 2026-09-21 &&
	step assign cpl assign "$ref" --to carol --date 2026-09-22 &&
	step ack2 cpl --officer carol ack "$ref" --date 2026-09-22 &&
	step extend4 cpl extend "$ref" --days 4 --reason "Complex" --told \
	    --date 2026-10-12 &&
	step extend6 cpl extend "$ref" --days 6 --reason "Site visit" --told \
	    --date 2026-10-20 &&
	step respond2 cpl --officer carol respond "$ref" --outcome partly-upheld \
	    --date 2026-10-30 &&
	step close cpl close "$ref" --reason resolved --date 2026-11-02 &&
	step referral cpl ombudsman "$ref" --date 2026-11-09 &&
	step reference cpl ombudsman "$ref" --reference 26-009-876 \
	    --date 2026-11-12 &&
	step decision cpl ombudsman "$ref" --decision not-upheld \
	    --date 2026-11-19 &&
	story_end
}

# Time limit, seed 003 §19: "within 12 months of the disputed occurrence". A
# matter of Sun 2024-12-01: 12 months later is Mon 2025-12-01, the last day
# in time; Tue 2025-12-02 is too late.
test_on 'fresh_store southampton' 'seed 003 §19 Time limit for initiating a complaint: more than 12 months is refused (1)' '
	refused 1 "--late-reason: the matter occurred on 2024-12-01, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02
'

test_on 'fresh_store southampton' 'seed 003 §19 Time limit for initiating a complaint: the last day is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2024-12-01 --received 2025-12-01 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_on 'fresh_store southampton' 'seed 003 §19 Time limit for initiating a complaint: accepted late with --late-reason and --late-granted-by' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "Executive Director agreed: in hospital" \
	    --late-granted-by "Dee Rector") &&
	case_is "$l" ".late_reason=Executive Director agreed: in hospital" \
	    ".late_granted_by=Dee Rector" \
	    "actions=logged accepted-late late-granted"
'

test_on 'fresh_store southampton' 'seed 003 §19 Time limit for initiating a complaint: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2024-12-01 --received 2025-12-01 --late-reason "none needed"
'

# Anonymous, seed 003 §15: refused, but safeguarding ones are considered.
test_on 'fresh_store southampton' 'seed 003 §15 Anonymous complaints: an anonymous complaint is refused (1)' '
	refused 1 "policy .southampton. does not accept anonymous complaints" \
	    cpl log --anonymous --summary "Noisy neighbours" --received 2026-08-17 &&
	refused 1 "does not accept anonymous complaints" \
	    cpl log --anonymous --category planning-decision --accept-anyway "x" \
	    --summary "Noisy neighbours" --received 2026-08-17
'

test_on 'fresh_store southampton' 'seed 003 §15 Anonymous complaints: a safeguarding one is logged, with a warning' '
	a=$(cpl log --anonymous --category safeguarding \
	    --summary "Neighbour left alone" --received 2026-08-17 2>err) &&
	test -n "$a" &&
	one_line_error err "warning: category .safeguarding. under policy .southampton.: Safeguarding Adults procedures" &&
	case_is "$a" .anonymous=true .kind=complaint .category=safeguarding
'

# Representative, seed 003 §13 / §14: written consent required.
test_on 'fresh_store southampton' 'seed 003 §13 Who can complain?: a representative without consent is refused (1)' '
	refused 1 "policy .southampton. needs the written consent of .Mary Smith. for a representative" \
	    cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Care visits" --received 2026-08-17
'

test_on 'fresh_store southampton' 'seed 003 §13 Who can complain?: with --consent the representative is accepted' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" --consent \
	    --summary "Care visits" --received 2026-08-17 2>err) &&
	test ! -s err &&
	case_is "$r" ".on_behalf_of=Mary Smith" .consent=true
'

# Exclusions, seed 003 §9 and §12; safeguarding (§9) only warns.
test_on 'fresh_store southampton' 'seed 003 §9: planning-decision is refused, naming the appeals process (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .southampton.: appeals process for the applicant (where applicable)" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-08-17
'

test_on 'fresh_store southampton' 'seed 003 §12 Exclusions: school is refused, naming the schools own process (1)' '
	refused 1 "category .school. is outside the procedure of policy .southampton.: each school has its own complaints process" \
	    cpl log --complainant "Dee" --category school \
	    --summary "Uniform rules" --received 2026-08-17
'

test_on 'fresh_store southampton' 'seed 003 §9, §12: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category school \
	    --summary "Council school transport letter" --received 2026-08-17 \
	    --accept-anyway "About the council, not the school") &&
	case_is "$x" .kind=complaint .category=school \
	    ".accepted_anyway=About the council, not the school" \
	    "actions=logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category planning-decision --summary "s" \
	    --received 2026-08-17 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

test_on 'fresh_store southampton' 'seed 003 §9: safeguarding only warns (named complainant)' '
	s=$(cpl log --complainant "Sam" --category safeguarding \
	    --summary "Care home" --received 2026-08-17 2>err) &&
	test -n "$s" &&
	one_line_error err "warning: category .safeguarding. under policy .southampton.: Safeguarding Adults procedures" &&
	test "$(cpl show "$s" --format json | jfield .kind)" = complaint
'

# Stage 1, seed 003 §4 / §7: no acknowledgement timescale; respond within
# 10 wd of receipt; extensions uncapped, the complainant updated (told).
#   received Mon 2026-08-17; 10 wd: Tue 18 - Fri 21 (4), Mon 24 - Fri 28 (9),
#   Mon 31 is the Summer bank holiday, Tue 1 Sep (10) -> 2026-09-01.
test_on 'life logged' 'seed 003 §4 Complaint Stages: stage 1 response due 10 wd from receipt; no ack due' '
	cpl --officer alice ack "$ref" --date 2026-08-18 &&
	case_is "$ref" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=2026-09-01"
'

test_on 'life ack' 'seed 003 §7 Complaints service standards: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 12 --reason "Crew records" --date 2026-08-27
'

#   extend 12 from Tue 2026-09-01: Wed 2, Thu 3, Fri 4 (3), Mon 7 - Fri 11
#   (8), Mon 14 - Thu 17 (12) -> 2026-09-17. Stage 1 has no cap.
test_on 'life ack' 'seed 003 §7 Complaints service standards: stage 1 extensions are not capped' '
	cpl extend "$ref" --days 12 --reason "Crew records" --told --date 2026-08-27 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-09-17
'

# Stage 2, seed 003 §22: after the stage 1 response, with written reasons.
test_on 'life extend12' 'seed 003 §22 Complaint Escalation: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-09-07
'

test_on 'life extend12' 'seed 003 §22 Complaint Escalation: stage 2 without written reasons is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-09-16 &&
	refused 1 "--reason: policy .southampton. needs the complainant.s reasons for stage 2" \
	    cpl escalate "$ref" --date 2026-09-21
'

test_on 'fresh_store southampton' 'seed 003 §22 Complaint Escalation: blank reasons are no written reasons (1)' '
	b=$(cpl --officer alice log --complainant "Blanche" --summary "s" \
	    --received 2026-08-17) &&
	cpl --officer alice respond "$b" --outcome not-upheld --date 2026-08-20 &&
	refused 1 "--reason: policy .southampton. needs the complainant.s reasons for stage 2" \
	    cpl escalate "$b" --reason "   " --date 2026-08-21
'

# requested Mon 2026-09-21; no acknowledgement timescale; respond 20 wd from
# the request: Tue 22 - Fri 25 (4), Mon 28 Sep - Fri 2 Oct (9), Oct 5-9 (14),
# Oct 12-16 (19), Mon 19 (20) -> 2026-10-19.
test_on 'life respond' 'seed 003 §4 Complaint Stages: with reasons stage 2 opens, response due 20 wd' '
	cpl escalate "$ref" --reason "Bins still missed" --date 2026-09-21 &&
	case_is "$ref" .stage=2 \
	    ".stages[1].escalation_reason=Bins still missed" \
	    ".stages[1].ack_due=null" ".stages[1].response_due=2026-10-19"
'

# A different officer at stage 2, seed 003 §4: bob answered stage 1.
test_on 'life escalate' 'seed 003 §4 Complaint Stages: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .southampton. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-09-22
'

test_on 'life escalate' 'seed 003 §4 Complaint Stages: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-09-22
'

test_on 'life escalate' 'seed 003 §4 Complaint Stages: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-09-22
'

test_on 'life escalate' 'seed 003 §4 Complaint Stages: another officer is assigned and acknowledges' '
	cpl assign "$ref" --to carol --date 2026-09-22 &&
	cpl --officer carol ack "$ref" --date 2026-09-22 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = carol
'

test_on 'life ack2' 'seed 003 §4 Complaint Stages: a stage 2 extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 4 --reason "Complex" --date 2026-10-12
'

# "20 working days - extendable to 30": 10 wd of extension in all.
#   extend 4 from Mon 2026-10-19: Tue 20, Wed 21, Thu 22, Fri 23 -> 2026-10-23
#   extend 6 more: Mon 26 - Fri 30 (5), Mon 2 Nov (6) -> 2026-11-02, which is
#   also 30 wd from the request (20 wd to 19 Oct, then 10 more).
test_on 'life ack2' 'seed 003 §4 Complaint Stages: stage 2 extensions add up to the 10 wd cap (30 in all)' '
	cpl extend "$ref" --days 4 --reason "Complex" --told --date 2026-10-12 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-10-23 &&
	cpl extend "$ref" --days 6 --reason "Site visit" --told --date 2026-10-20 &&
	case_is "$ref" ".stages[1].response_due=2026-11-02" \
	    ".stages[1].extensions[0].days=4" \
	    ".stages[1].extensions[0].told=true" \
	    ".stages[1].extensions[1].told=true"
'

test_on 'life extend6' 'seed 003 §4 Complaint Stages: an 11th wd of stage 2 extension is refused (1)' '
	refused 1 "allows 10 working days of extension in all at stage 2.*10 already granted" \
	    cpl extend "$ref" --days 1 --reason "More" --told --date 2026-10-21
'

test_on 'fresh_store southampton' 'seed 003 §4 Complaint Stages: 11 wd at once at stage 2 is refused on a fresh case (1)' '
	f=$(cpl --officer alice log --complainant "Fresh" --summary "s" --received 2026-08-17) &&
	cpl --officer alice respond "$f" --outcome upheld --date 2026-08-20 &&
	cpl escalate "$f" --reason "r" --date 2026-08-24 &&
	refused 1 "allows 10 working days of extension in all at stage 2" \
	    cpl extend "$f" --days 11 --reason "Long" --told --date 2026-08-25
'

test_on 'life extend6' 'seed 003 §4 Complaint Stages: another officer answers; stage 2 is the last (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-10-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .southampton." \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-11-02
'

# The ombudsman, seed 003 §23: the LGSCO, or the Housing Ombudsman Service
# for Local Authority housing.
test_on 'life respond2' 'seed 003 §23 Further Escalation: a Waste case goes to the LGSCO' '
	cpl close "$ref" --reason resolved --date 2026-11-02 &&
	cpl ombudsman "$ref" --date 2026-11-09 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-009-876 --date 2026-11-12 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-11-19 &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-11-09" \
	    ".referrals[0].reference=26-009-876" \
	    ".referrals[0].decision=not-upheld" \
	    ".referrals[0].decided=2026-11-19"
'

test_on 'fresh_store southampton' 'seed 003 §23 Further Escalation: a Housing case goes to the Housing Ombudsman' '
	h=$(cpl --officer alice log --complainant "Hal" --service Housing \
	    --summary "Repairs" --received 2026-08-17) &&
	cpl --officer alice respond "$h" --outcome not-upheld --date 2026-08-24 &&
	cpl escalate "$h" --reason "Leak not fixed" --date 2026-08-25 &&
	cpl --officer carol respond "$h" --outcome upheld --date 2026-09-15 &&
	cpl ombudsman "$h" --date 2026-09-28 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$h" --reference HOS-202600456 --date 2026-10-05 &&
	cpl ombudsman "$h" --decision not-upheld --date 2026-11-16 &&
	case_is "$h" ".referrals[0].body=housing-ombudsman" \
	    ".referrals[0].reference=HOS-202600456" \
	    ".referrals[0].decision=not-upheld"
'

# A council names its own housing services: matters may be a list.
test_expect_success 'seed 003 §23: a council'\''s list of housing matters (Housing Repairs)' '
	test_dir &&
	mkdir -p hpol && cp -R "$SRCDIR/policies/." hpol/ &&
	sed "s/^      matters: \[.*\]\$/      matters: [housing, housing repairs, tenancy]/" \
	    "$SRCDIR/policies/southampton.yaml" >hpol/southampton.yaml &&
	grep -q "matters: \[housing, housing repairs, tenancy\]" hpol/southampton.yaml &&
	cpl --policies hpol policy show southampton --format csv |
	    grep -q "Housing Ombudsman Service (housing-ombudsman), for housing, housing repairs or tenancy" &&
	rm -f hr.db* && cpl --db hr.db --policies hpol init --policy southampton &&
	r=$(cpl --db hr.db --policies hpol --officer alice log --complainant "Rae" \
	    --service "Housing Repairs" --summary "Leak" --received 2026-08-17) &&
	cpl --db hr.db --policies hpol close "$r" --reason resolved --date 2026-08-20 &&
	cpl --db hr.db --policies hpol ombudsman "$r" --date 2026-09-01 &&
	test "$(cpl --db hr.db --policies hpol show "$r" --format json |
	    jfield .referrals[0].body)" = housing-ombudsman &&
	sed "s/^      matters: \[.*\]\$/      matters: []/" \
	    "$SRCDIR/policies/southampton.yaml" >empty-matters.yaml &&
	test_must_fail 4 cpl policy check empty-matters.yaml >out 2>err &&
	grep -q "matters names nothing" err
'

test_on 'life decision' 'seed 003 §23 Further Escalation: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-11-19" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-11-20
'

# Seed 003 §23: the Ombudsman "once both stages of the complaint's procedure
# have been exhausted"; a referral earlier is recorded, with a warning.
test_on 'fresh_store southampton' 'seed 003 §23 Further Escalation: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --service Waste \
	    --summary "Went to the LGSCO first" --received 2026-08-17) &&
	cpl ombudsman "$o" --date 2026-08-24 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .southampton." &&
	case_is "$o" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-08-24"
'

test_on 'fresh_store southampton' 'seed 003 §23 Further Escalation: a body the policy does not name is bad input (2)' '
	o=$(cpl log --complainant "Olive" --service Waste \
	    --summary "Went to the LGSCO first" --received 2026-08-17) &&
	refused 2 "--body: .hmrc. is not an ombudsman of policy .southampton." \
	    cpl ombudsman "$o" --body hmrc --date 2026-08-25
'

#   received Mon 2026-08-17: response due Tue 2026-09-01 (above); extend 40:
#   Wed 2 - Fri 4 Sep (3), 7-11 (8), 14-18 (13), 21-25 (18), 28 Sep - 2 Oct
#   (23), Oct 5-9 (28), 12-16 (33), 19-23 (38), Mon 26 (39), Tue 27 (40)
#   -> 2026-10-27. Stage 1 has no cap.
# A complaint received on Mon 2026-08-17 and extended by 40 wd: its
# reference in g.
gus_case() {
	g=$(cpl log --complainant "Gus" --summary "s" --received 2026-08-17) &&
	cpl extend "$g" --days 40 --reason "Contractor investigation" --told \
	    --date 2026-08-28
}

test_on 'fresh_store southampton' 'seed 003 §7 Complaints service standards: a large stage 1 extension is taken' '
	gus_case &&
	case_is "$g" ".stages[0].response_due=2026-10-27" \
	    ".stages[0].extensions[0].told=true"
'

test_on 'fresh_store southampton' 'seed 003 §7 Complaints service standards: an extension always needs a reason (2)' '
	e=$(cpl --officer alice log --complainant "Eve" --summary "s" \
	    --received 2026-08-17) &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-08-18 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --reason "" --told --date 2026-08-18 &&
	cpl --officer alice respond "$e" --outcome not-upheld --date 2026-08-19 &&
	cpl escalate "$e" --reason "Not put right" --date 2026-08-20 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-08-21
'

# No overall clock in seed 003 (only buckinghamshire has one).
test_on 'life logged' 'seed 003 §4 Complaint Stages: no overall receipt-to-resolution clock (resolve_due null)' '
	gus_case &&
	test "$(cpl show "$ref" --format json | jfield .resolve_due)" = null &&
	test "$(cpl show "$g" --format json | jfield .resolve_due)" = null &&
	cpl show "$g" >case.txt &&
	test "$(grep -c "^resolve by" case.txt)" = 0
'

test_on 'fresh_store southampton' 'seed 003 §9, §12: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .southampton. keeps this complaint out" \
	    cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-08-17 --accept-anyway "Just in case"
'

test_on 'fresh_store southampton' 'seed 003 §9, §12: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-08-17 2>err) &&
	test ! -s err &&
	case_is "$k" .category=street-lighting .accepted_anyway=null \
	    actions=logged
'

# Kinds. Seed 003 §3 Comments and Compliments: welcome, no deadline set;
# acknowledged and closed, never answered, extended or escalated.
test_on 'fresh_store southampton' 'seed 003 §3 Comments and Compliments: a comment is acknowledged and closed, never answered (1)' '
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "A bus stop bench, please" --received 2026-08-17 2>err) &&
	test ! -s err &&
	case_is "$cm" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=null" &&
	never_answered comment "$cm" 2026-08-18 &&
	cpl ack "$cm" --date 2026-08-18 &&
	cpl close "$cm" --reason no-further-action --date 2026-08-19 &&
	case_is "$cm" .status=closed "actions=logged acknowledged closed"
'

test_on 'fresh_store southampton' 'seed 003 §3 Comments and Compliments: a compliment is acknowledged and closed, never answered (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Carers were wonderful" --received 2026-08-17) &&
	test "$(cpl show "$cp" --format json | jfield .stages[0].ack_due)" = null &&
	never_answered compliment "$cp" 2026-08-18 &&
	cpl ack "$cp" --date 2026-08-18 &&
	cpl close "$cp" --reason no-further-action --date 2026-08-18 &&
	test "$(cpl show "$cp" --format json | jfield .status)" = closed
'

# Seed 003 §5 Service Recovery: "'Requests for service' are not treated as
# complaints".
# A service request received on Mon 2026-08-17: its reference in sr.
log_service_request() {
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "Streetlight out" --received 2026-08-17)
}

test_on 'fresh_store southampton' 'seed 003 §5 Service Recovery: a service request has no complaint stages (1)' '
	log_service_request 2>err &&
	test ! -s err &&
	case_is "$sr" .kind=service-request .stage=null ".stages=[]" &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-08-18 &&
	never_answered "service request" "$sr" 2026-08-18
'

test_on 'fresh_store southampton' 'seed 003 §5 Service Recovery: a service request is assigned, noted and closed' '
	log_service_request &&
	cpl assign "$sr" --to dan --date 2026-08-18 &&
	cpl note "$sr" "Lighting contractor called" --date 2026-08-18 &&
	cpl close "$sr" --reason resolved --date 2026-08-19 &&
	case_is "$sr" .officer=dan .status=closed \
	    "actions=logged assigned note closed"
'

# Withdrawal, seed 003 §24 Withdrawing a complaint: "may be withdrawn ... at
# any time by the complainant".
#   received Mon 2026-08-17: response due Tue 2026-09-01 (above).
w=SCC-2026-00001

# wendy STEP: a store of this test's own, and Wendy's complaint, w, taken
# up to STEP.
wendy() {
	story_to "$1" && fresh_store southampton &&
	step logged cpl log --complainant "Wendy" --summary "Housing letter" \
	    --received 2026-08-17 &&
	step ack cpl ack "$w" --date 2026-08-18 &&
	step withdrawn cpl close "$w" --reason withdrawn --date 2026-08-19 &&
	story_end
}

test_on 'wendy ack' 'seed 003 §24 Withdrawing a complaint: withdrawn at stage 1 before the response' '
	cpl close "$w" --reason withdrawn --date 2026-08-19 &&
	case_is "$w" .status=closed .closed=2026-08-19 \
	    .close_reason=withdrawn ".stages[0].responded=null"
'

test_on 'wendy withdrawn' 'seed 003 §24 Withdrawing a complaint: a closed case refuses every action (1)' '
	refused_when_closed "$w" 2026-08-20
'

test_on 'wendy withdrawn' 'seed 003 §24 Withdrawing a complaint: a note, then a reopen with a reason' '
	cpl note "$w" "Written confirmation of the withdrawal requested" --date 2026-08-20 &&
	cpl reopen "$w" --reason "Complainant did not confirm the withdrawal" --date 2026-08-21 &&
	case_is "$w" .status=open \
	    "actions=logged acknowledged closed note reopened" \
	    ".history[4].detail=Complainant did not confirm the withdrawal" \
	    ".stages[0].response_due=2026-09-01" &&
	cpl respond "$w" --outcome upheld --date 2026-08-24 &&
	test "$(cpl show "$w" --format json | jfield .stages[0].outcome)" = upheld
'

test_on 'fresh_store southampton' 'seed 003 §24 Withdrawing a complaint: withdrawn at stage 2' '
	w2=$(cpl --officer alice log --complainant "Walt" --summary "Rent account" \
	    --received 2026-08-17) &&
	cpl --officer alice respond "$w2" --outcome not-upheld --date 2026-08-19 &&
	cpl escalate "$w2" --reason "Arrears still wrong" --date 2026-08-20 &&
	cpl close "$w2" --reason withdrawn --date 2026-08-21 &&
	case_is "$w2" .stage=2 .close_reason=withdrawn &&
	refused 1 "is closed" cpl --officer carol ack "$w2" --date 2026-08-24
'

test_done
