#!/bin/sh
# t2004-southampton-rules.sh: each rule of Southampton City Council's policy
# (policies/southampton.yaml), one test per rule, named after the section of
# seed 003 that the rule cites in 'complaints policy show southampton'.
# Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Summer
# Mon 2026-08-31.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: southampton is the default policy' '
	cpl init --policy southampton
'

# Time limit, seed 003 §19: "within 12 months of the disputed occurrence". A
# matter of Sun 2024-12-01: 12 months later is Mon 2025-12-01, the last day
# in time; Tue 2025-12-02 is too late.
test_expect_success 'seed 003 §19 Time limit for initiating a complaint: more than 12 months is refused (1)' '
	refused 1 "the matter occurred on 2024-12-01, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02
'

test_expect_success 'seed 003 §19 Time limit for initiating a complaint: the last day is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2024-12-01 --received 2025-12-01 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_expect_success 'seed 003 §19 Time limit for initiating a complaint: accepted late with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "Executive Director agreed: in hospital") &&
	test "$(cpl show "$l" --format json | jfield .late_reason)" = "Executive Director agreed: in hospital"
'

test_expect_success 'seed 003 §19 Time limit for initiating a complaint: --late-reason in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2024-12-01 --received 2025-12-01 --late-reason "none needed"
'

# Anonymous, seed 003 §15: refused, but safeguarding ones are considered.
test_expect_success 'seed 003 §15 Anonymous complaints: an anonymous complaint is refused (1)' '
	refused 1 "policy .southampton. does not accept anonymous complaints" \
	    cpl log --anonymous --summary "Noisy neighbours" --received 2026-08-17 &&
	refused 1 "does not accept anonymous complaints" \
	    cpl log --anonymous --category planning-decision --accept-anyway "x" \
	    --summary "Noisy neighbours" --received 2026-08-17
'

test_expect_success 'seed 003 §15 Anonymous complaints: a safeguarding one is logged, with a warning' '
	a=$(cpl log --anonymous --category safeguarding \
	    --summary "Neighbour left alone" --received 2026-08-17 2>err) &&
	test -n "$a" &&
	one_line_error err "warning: category .safeguarding. under policy .southampton." &&
	cpl show "$a" --format json >case.json &&
	test "$(jfield .anonymous <case.json)" = true &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .category <case.json)" = safeguarding
'

# Representative, seed 003 §13 / §14: written consent required.
test_expect_success 'seed 003 §13 Who can complain?: a representative without consent is refused (1)' '
	refused 1 "policy .southampton. needs the written consent of .Mary Smith. for a representative" \
	    cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Care visits" --received 2026-08-17
'

test_expect_success 'seed 003 §13 Who can complain?: with --consent the representative is accepted' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" --consent \
	    --summary "Care visits" --received 2026-08-17 2>err) &&
	test ! -s err &&
	cpl show "$r" --format json >case.json &&
	test "$(jfield .on_behalf_of <case.json)" = "Mary Smith" &&
	test "$(jfield .consent <case.json)" = true
'

# Exclusions, seed 003 §9 and §12; safeguarding (§9) only warns.
test_expect_success 'seed 003 §9: planning-decision is refused, naming the appeals process (1)' '
	refused 1 "category .planning-decision. is outside the procedure of policy .southampton.: appeals process for the applicant (where applicable)" \
	    cpl log --complainant "Dee" --category planning-decision \
	    --summary "Extension refused" --received 2026-08-17
'

test_expect_success 'seed 003 §12 Exclusions: school is refused, naming the schools own process (1)' '
	refused 1 "category .school. is outside the procedure of policy .southampton.: each school has its own complaints process" \
	    cpl log --complainant "Dee" --category school \
	    --summary "Uniform rules" --received 2026-08-17
'

test_expect_success 'seed 003 §9, §12: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category school \
	    --summary "Council school transport letter" --received 2026-08-17 \
	    --accept-anyway "About the council, not the school") &&
	cpl show "$x" --format json >case.json &&
	test "$(jfield .kind <case.json)" = complaint &&
	test "$(jfield .category <case.json)" = school &&
	test "$(jfield .accepted_anyway <case.json)" = "About the council, not the school" &&
	y=$(cpl log --complainant "Dee" --category planning-decision --summary "s" \
	    --received 2026-08-17 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

test_expect_success 'seed 003 §9: safeguarding only warns (named complainant)' '
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
test_expect_success 'seed 003 §4 Complaint Stages: stage 1 response due 10 wd from receipt; no ack due' '
	ref=$(cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-08-17) &&
	cpl --officer alice ack "$ref" --date 2026-08-18 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-09-01
'

test_expect_success 'seed 003 §7 Complaints service standards: an extension without --told is refused (1)' '
	refused 1 "give --told" \
	    cpl extend "$ref" --days 12 --reason "Crew records" --date 2026-08-27
'

#   extend 12 from Tue 2026-09-01: Wed 2, Thu 3, Fri 4 (3), Mon 7 - Fri 11
#   (8), Mon 14 - Thu 17 (12) -> 2026-09-17. Stage 1 has no cap.
test_expect_success 'seed 003 §7 Complaints service standards: stage 1 extensions are not capped' '
	cpl extend "$ref" --days 12 --reason "Crew records" --told --date 2026-08-27 &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].response_due)" = 2026-09-17
'

# Stage 2, seed 003 §22: after the stage 1 response, with written reasons.
test_expect_success 'seed 003 §22 Complaint Escalation: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-09-07
'

test_expect_success 'seed 003 §22 Complaint Escalation: stage 2 without written reasons is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-09-16 &&
	refused 1 "policy .southampton. needs the complainant.s reasons for stage 2: give --reason" \
	    cpl escalate "$ref" --date 2026-09-21
'

# requested Mon 2026-09-21; no acknowledgement timescale; respond 20 wd from
# the request: Tue 22 - Fri 25 (4), Mon 28 Sep - Fri 2 Oct (9), Oct 5-9 (14),
# Oct 12-16 (19), Mon 19 (20) -> 2026-10-19.
test_expect_success 'seed 003 §4 Complaint Stages: with reasons stage 2 opens, response due 20 wd' '
	cpl escalate "$ref" --reason "Bins still missed" --date 2026-09-21 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .stages[1].escalation_reason <case.json)" = "Bins still missed" &&
	test "$(jfield .stages[1].ack_due <case.json)" = null &&
	test "$(jfield .stages[1].response_due <case.json)" = 2026-10-19
'

# A different officer at stage 2, seed 003 §4: bob answered stage 1.
test_expect_success 'seed 003 §4 Complaint Stages: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .southampton. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-09-22
'

test_expect_success 'seed 003 §4 Complaint Stages: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-09-22
'

test_expect_success 'seed 003 §4 Complaint Stages: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-09-22
'

test_expect_success 'seed 003 §4 Complaint Stages: another officer is assigned and acknowledges' '
	cpl assign "$ref" --to carol --date 2026-09-22 &&
	cpl --officer carol ack "$ref" --date 2026-09-22 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].officer)" = carol
'

test_expect_success 'seed 003 §4 Complaint Stages: a stage 2 extension without --told is refused (1)' '
	refused 1 "give --told" \
	    cpl extend "$ref" --days 4 --reason "Complex" --date 2026-10-12
'

# "20 working days - extendable to 30": 10 wd of extension in all.
#   extend 4 from Mon 2026-10-19: Tue 20, Wed 21, Thu 22, Fri 23 -> 2026-10-23
#   extend 6 more: Mon 26 - Fri 30 (5), Mon 2 Nov (6) -> 2026-11-02, which is
#   also 30 wd from the request (20 wd to 19 Oct, then 10 more).
test_expect_success 'seed 003 §4 Complaint Stages: stage 2 extensions add up to the 10 wd cap (30 in all)' '
	cpl extend "$ref" --days 4 --reason "Complex" --told --date 2026-10-12 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-10-23 &&
	cpl extend "$ref" --days 6 --reason "Site visit" --told --date 2026-10-20 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-11-02
'

test_expect_success 'seed 003 §4 Complaint Stages: an 11th wd of stage 2 extension is refused (1)' '
	refused 1 "allows 10 working days of extension in all at stage 2.*10 already granted" \
	    cpl extend "$ref" --days 1 --reason "More" --told --date 2026-10-21
'

test_expect_success 'seed 003 §4 Complaint Stages: 11 wd at once at stage 2 is refused on a fresh case (1)' '
	f=$(cpl --officer alice log --complainant "Fresh" --summary "s" --received 2026-08-17) &&
	cpl --officer alice respond "$f" --outcome upheld --date 2026-08-20 &&
	cpl escalate "$f" --reason "r" --date 2026-08-24 &&
	refused 1 "allows 10 working days of extension in all at stage 2" \
	    cpl extend "$f" --days 11 --reason "Long" --told --date 2026-08-25
'

test_expect_success 'seed 003 §4 Complaint Stages: another officer answers; stage 2 is the last (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-10-30 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .southampton." \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-11-02
'

# The ombudsman, seed 003 §23: the LGSCO, or the Housing Ombudsman Service
# for Local Authority housing.
test_expect_success 'seed 003 §23 Further Escalation: a Waste case goes to the LGSCO' '
	cpl close "$ref" --reason resolved --date 2026-11-02 &&
	cpl ombudsman "$ref" --date 2026-11-09 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-009-876 --date 2026-11-12 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-11-19 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .referrals[0].body <case.json)" = lgsco &&
	test "$(jfield .referrals[0].referred <case.json)" = 2026-11-09 &&
	test "$(jfield .referrals[0].reference <case.json)" = 26-009-876 &&
	test "$(jfield .referrals[0].decision <case.json)" = not-upheld &&
	test "$(jfield .referrals[0].decided <case.json)" = 2026-11-19
'

test_expect_success 'seed 003 §23 Further Escalation: a Housing case goes to the Housing Ombudsman' '
	h=$(cpl --officer alice log --complainant "Hal" --service Housing \
	    --summary "Repairs" --received 2026-08-17) &&
	cpl --officer alice respond "$h" --outcome not-upheld --date 2026-08-24 &&
	cpl escalate "$h" --reason "Leak not fixed" --date 2026-08-25 &&
	cpl --officer carol respond "$h" --outcome upheld --date 2026-09-15 &&
	cpl ombudsman "$h" --date 2026-09-28 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$h" --reference HOS-202600456 --date 2026-10-05 &&
	cpl ombudsman "$h" --decision not-upheld --date 2026-11-16 &&
	cpl show "$h" --format json >case.json &&
	test "$(jfield .referrals[0].body <case.json)" = housing-ombudsman &&
	test "$(jfield .referrals[0].reference <case.json)" = HOS-202600456 &&
	test "$(jfield .referrals[0].decision <case.json)" = not-upheld
'

test_done
