#!/bin/sh
# t2003-corporate-procedure-rules.sh: each rule of the corporate complaints
# procedure (policies/corporate-procedure.yaml), one test per rule, named
# after the section of seed 002 that the rule cites in 'complaints policy
# show corporate-procedure'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

# The complaint whose two stages the tests of seed 002 §7 follow.
ref=CORP-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store corporate-procedure &&
	step logged cpl --officer alice log --complainant "Pat" --service Waste \
	    --summary "Missed bins" --received 2026-03-25 &&
	step ack cpl --officer alice ack "$ref" --date 2026-03-26 &&
	step extend12 cpl extend "$ref" --days 12 --reason "Crew records" --told \
	    --date 2026-04-08 &&
	step respond cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-04-24 &&
	step escalate cpl escalate "$ref" --reason "Bins still missed" \
	    --date 2026-04-27 &&
	step assign cpl assign "$ref" --to carol --date 2026-04-28 &&
	step ack2 cpl --officer carol ack "$ref" --date 2026-04-28 &&
	step extend25 cpl extend "$ref" --days 25 --reason "Complex" --told \
	    --date 2026-05-20 &&
	step respond2 cpl --officer carol respond "$ref" --outcome partly-upheld \
	    --date 2026-06-26 &&
	step close cpl close "$ref" --reason resolved --date 2026-06-29 &&
	step referral cpl ombudsman "$ref" --date 2026-07-06 &&
	step reference cpl ombudsman "$ref" --reference 26-007-001 \
	    --date 2026-07-13 &&
	step decision cpl ombudsman "$ref" --decision not-upheld \
	    --date 2026-09-30 &&
	story_end
}

# Time limit, seed 002 App B: "matters that the complainant knew about more
# than 12 months before the complaint was made unless there are good
# reasons". A matter of Sun 2025-06-15: 12 months later is Mon 2026-06-15,
# the last day in time; Tue 2026-06-16 is too late.
test_on 'fresh_store corporate-procedure' 'seed 002 App B: a complaint more than 12 months after the matter is refused (1)' '
	refused 1 "--late-reason: the matter occurred on 2025-06-15, more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-15 --received 2026-06-16
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: the last day of the 12 months is in time' '
	t=$(cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-15 --received 2026-06-15 2>err) &&
	test ! -s err &&
	test "$(cpl show "$t" --format json | jfield .late_reason)" = null
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: a late complaint is accepted with --late-reason' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2025-06-15 --received 2026-06-16 \
	    --late-reason "Seriously ill until May 2026") &&
	case_is "$l" ".late_reason=Seriously ill until May 2026" \
	    "actions=logged accepted-late"
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: --late-reason on a complaint in time is bad input (2)' '
	refused 2 "is within the 12 months" \
	    cpl log --complainant "Just In" --summary "Matter" \
	    --occurred 2025-06-15 --received 2026-06-15 --late-reason "none needed"
'

# Anonymous, seed 002 §12 Equalities and access: no rule, so accepted.
test_on 'fresh_store corporate-procedure' 'seed 002 §12 Equalities and access: an anonymous complaint is accepted' '
	a=$(cpl log --anonymous --summary "Graffiti" --received 2026-03-25 2>err) &&
	test ! -s err &&
	case_is "$a" .anonymous=true .kind=complaint
'

# Exclusions, seed 002 App B.
test_on 'fresh_store corporate-procedure' 'seed 002 App B: fraud is refused, naming the anti-fraud policy (1)' '
	refused 1 "category .fraud. is outside the procedure of policy .corporate-procedure.: the council.s anti-fraud and corruption policy or whistleblowing procedure" \
	    cpl log --complainant "Dee" --category fraud \
	    --summary "Officer fiddling expenses" --received 2026-03-25
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: councillor-conduct is refused, naming the Monitoring Officer (1)' '
	refused 1 "category .councillor-conduct. is outside the procedure of policy .corporate-procedure.: referred to the Monitoring Officer" \
	    cpl log --complainant "Dee" --category councillor-conduct \
	    --summary "Councillor rude" --received 2026-03-25
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: an excluded category is logged with --accept-anyway' '
	x=$(cpl log --complainant "Dee" --category councillor-conduct \
	    --summary "How my letter was handled" --received 2026-03-25 \
	    --accept-anyway "About the office, not the councillor") &&
	case_is "$x" .kind=complaint .category=councillor-conduct \
	    ".accepted_anyway=About the office, not the councillor" \
	    "actions=logged accepted-anyway" &&
	y=$(cpl log --complainant "Dee" --category fraud --summary "s" \
	    --received 2026-03-25 --accept-anyway "Reason") &&
	test "$(cpl show "$y" --format json | jfield .accepted_anyway)" = Reason
'

# Stage 1, seed 002 §7 Stage 1: acknowledge within 2 wd, respond within 10 wd
# of receipt; extensions uncapped, with a holding reply (told).
#   received Wed 2026-03-25; ack_due: Thu 26, Fri 27 -> 2026-03-27.
#   response_due: Thu 26, Fri 27 (2), Mon 30, Tue 31, Wed 1 Apr, Thu 2 (6),
#   Fri 3 and Mon 6 are Easter, Tue 7, Wed 8, Thu 9, Fri 10 (10) -> 2026-04-10.
test_on 'life logged' 'seed 002 §7 Stage 1: acknowledge 2 wd, respond 10 wd from receipt' '
	cpl --officer alice ack "$ref" --date 2026-03-26 &&
	case_is "$ref" ".stages[0].ack_due=2026-03-27" \
	    ".stages[0].response_due=2026-04-10"
'

test_on 'life ack' 'seed 002 §7 Stage 1: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 12 --reason "Crew records" --date 2026-04-08
'

#   extend 12 from Fri 2026-04-10: Mon 13 - Fri 17 (5), Mon 20 - Fri 24 (10),
#   Mon 27, Tue 28 (12) -> 2026-04-28. More than any seed's cap: none here.
test_on 'life ack' 'seed 002 §7 Stage 1: extensions are not capped' '
	cpl extend "$ref" --days 12 --reason "Crew records" --told --date 2026-04-08 &&
	case_is "$ref" ".stages[0].response_due=2026-04-28" \
	    ".stages[0].extensions[0].days=12" \
	    ".stages[0].extensions[0].told=true"
'

# Stage 2, seed 002 §7 Stage 2: after the stage 1 response, in writing,
# "explaining why they are unhappy".
test_on 'life extend12' 'seed 002 §7 Stage 2: stage 2 before the stage 1 response is refused (1)' '
	refused 1 "has not been answered" \
	    cpl escalate "$ref" --reason "Impatient" --date 2026-04-20
'

test_on 'life extend12' 'seed 002 §7 Stage 2: stage 2 without written reasons is refused (1)' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-04-24 &&
	refused 1 "--reason: policy .corporate-procedure. needs the complainant.s reasons for stage 2" \
	    cpl escalate "$ref" --date 2026-04-27
'

# requested Mon 2026-04-27; ack_due 2 wd: Tue 28, Wed 29 -> 2026-04-29.
# response_due 20 wd from the request: Tue 28 - Fri 1 May (4), Mon 4 is a
# holiday, Tue 5 - Fri 8 (8), 11-15 (13), 18-22 (18), Mon 25 is a holiday,
# Tue 26, Wed 27 (20) -> 2026-05-27.
test_on 'life respond' 'seed 002 §7 Stage 2: with reasons stage 2 opens; ack 2 wd, respond 20 wd' '
	cpl escalate "$ref" --reason "Bins still missed" --date 2026-04-27 &&
	case_is "$ref" .stage=2 \
	    ".stages[1].escalation_reason=Bins still missed" \
	    ".stages[1].ack_due=2026-04-29" \
	    ".stages[1].response_due=2026-05-27"
'

# A different officer at stage 2: bob answered stage 1.
test_on 'life escalate' 'seed 002 §7 Stage 2: the stage 1 responder cannot be assigned stage 2 (1)' '
	refused 1 ".bob. handled stage 1 of case .$ref.; policy .corporate-procedure. needs someone else at stage 2" \
	    cpl assign "$ref" --to bob --date 2026-04-28
'

test_on 'life escalate' 'seed 002 §7 Stage 2: the stage 1 responder cannot acknowledge stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob ack "$ref" --date 2026-04-28
'

test_on 'life escalate' 'seed 002 §7 Stage 2: the stage 1 responder cannot answer stage 2 (1)' '
	refused 1 ".bob. handled stage 1" \
	    cpl --officer bob respond "$ref" --outcome upheld --date 2026-04-28
'

test_on 'life escalate' 'seed 002 §7 Stage 2: another officer is assigned and acknowledges' '
	cpl assign "$ref" --to carol --date 2026-04-28 &&
	cpl --officer carol ack "$ref" --date 2026-04-28 &&
	case_is "$ref" ".stages[1].officer=carol" \
	    ".stages[1].acknowledged=2026-04-28"
'

test_on 'life ack2' 'seed 002 §7 Stage 2: an extension without --told is refused (1)' '
	refused 1 "--told: policy .*says the complainant is told of an extension" \
	    cpl extend "$ref" --days 25 --reason "Complex" --date 2026-05-20
'

#   extend 25 from Wed 2026-05-27: Thu 28, Fri 29 (2), Mon 1 - Fri 5 Jun (7),
#   8-12 (12), 15-19 (17), 22-26 (22), Mon 29, Tue 30 Jun, Wed 1 Jul (25)
#   -> 2026-07-01. No cap at stage 2 either.
test_on 'life ack2' 'seed 002 §7 Stage 2: stage 2 extensions are not capped' '
	cpl extend "$ref" --days 25 --reason "Complex" --told --date 2026-05-20 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].response_due)" = 2026-07-01
'

test_on 'life extend25' 'seed 002 §7 Stage 2: another officer answers; stage 2 is the last stage (1)' '
	cpl --officer carol respond "$ref" --outcome partly-upheld --date 2026-06-26 &&
	test "$(cpl show "$ref" --format json | jfield .stages[1].responded_by)" = carol &&
	refused 1 "stage 2 is the last stage of policy .corporate-procedure." \
	    cpl escalate "$ref" --reason "Still unhappy" --date 2026-06-29
'

# The ombudsman, seed 002 §7 Stage 2 / §4 / §8: the LGSCO, or the Housing
# Ombudsman for housing.
test_on 'life respond2' 'seed 002 §7 Stage 2 (ombudsman): a Waste case goes to the LGSCO' '
	cpl close "$ref" --reason resolved --date 2026-06-29 &&
	cpl ombudsman "$ref" --date 2026-07-06 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$ref" --reference 26-007-001 --date 2026-07-13 &&
	cpl ombudsman "$ref" --decision not-upheld --date 2026-09-30 &&
	case_is "$ref" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-07-06" \
	    ".referrals[0].reference=26-007-001" \
	    ".referrals[0].decision=not-upheld" \
	    ".referrals[0].decided=2026-09-30"
'

test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 2 (ombudsman): a Housing case goes to the Housing Ombudsman' '
	h=$(cpl --officer alice log --complainant "Hal" --service Housing \
	    --summary "Repairs" --received 2026-03-25) &&
	cpl --officer alice respond "$h" --outcome not-upheld --date 2026-04-02 &&
	cpl escalate "$h" --reason "Leak not fixed" --date 2026-04-07 &&
	cpl --officer carol respond "$h" --outcome upheld --date 2026-04-30 &&
	cpl ombudsman "$h" --date 2026-05-11 >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl ombudsman "$h" --reference HOS-202600123 --date 2026-05-18 &&
	cpl ombudsman "$h" --decision not-upheld --date 2026-08-03 &&
	case_is "$h" ".referrals[0].body=housing-ombudsman" \
	    ".referrals[0].reference=HOS-202600123" \
	    ".referrals[0].decision=not-upheld"
'

test_on 'life decision' 'seed 002 §8 Ombudsman complaints: a second ombudsman decision is refused (1)' '
	refused 1 "decision on case .$ref. (not-upheld) was recorded on 2026-09-30" \
	    cpl ombudsman "$ref" --decision upheld --date 2026-10-05
'

# Seed 002 §8: "Any member of the public can complain to an Ombudsman, at
# any time but they would normally expect to see that the council's own
# complaints procedure had been exhausted first": recorded, with a warning.
test_on 'fresh_store corporate-procedure' 'seed 002 §8 Ombudsman complaints: a referral before the last stage is recorded, with a warning' '
	o=$(cpl log --complainant "Olive" --service Waste \
	    --summary "Went to the LGSCO first" --received 2026-03-25) &&
	cpl ombudsman "$o" --date 2026-03-30 >out 2>err &&
	test ! -s out &&
	one_line_error err "warning: .*before the last stage of policy .corporate-procedure." &&
	case_is "$o" ".referrals[0].body=lgsco" \
	    ".referrals[0].referred=2026-03-30"
'

test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 2 (ombudsman): a body the policy does not name is bad input (2)' '
	o=$(cpl log --complainant "Olive" --service Waste \
	    --summary "Went to the LGSCO first" --received 2026-03-25) &&
	refused 2 "--body: .hmrc. is not an ombudsman of policy .corporate-procedure." \
	    cpl ombudsman "$o" --body hmrc --date 2026-03-31
'

# An extension always needs a reason: at stage 1 (the holding reply explains
# why) and at stage 2 too.
test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 1, Replying to the complaint: an extension needs a reason (2)' '
	e=$(cpl --officer alice log --complainant "Eve" --summary "s" \
	    --received 2026-03-25) &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-03-26 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --reason "" --told --date 2026-03-26
'

test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 2: a stage 2 extension needs a reason too (2)' '
	e=$(cpl --officer alice log --complainant "Eve" --summary "s" \
	    --received 2026-03-25) &&
	cpl --officer alice respond "$e" --outcome not-upheld --date 2026-03-27 &&
	cpl escalate "$e" --reason "Not answered properly" --date 2026-03-30 &&
	refused 2 "--reason: a reason is needed" \
	    cpl extend "$e" --days 3 --told --date 2026-03-31
'

# Representatives: seed 002 §7 Stage 2 ("the complainant or their
# advocate"): no written consent asked for.
test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 2 (advocate): a representative needs no written consent' '
	r=$(cpl log --complainant "John Smith" --on-behalf-of "Mary Smith" \
	    --summary "Housing repairs" --received 2026-03-25 2>err) &&
	test ! -s err &&
	case_is "$r" ".on_behalf_of=Mary Smith" .consent=false
'

# No overall clock in seed 002 (only buckinghamshire has one).
test_on 'life logged' 'seed 002 §7: no overall receipt-to-resolution clock (resolve_due null)' '
	e=$(cpl --officer alice log --complainant "Eve" --summary "s" \
	    --received 2026-03-25) &&
	test "$(cpl show "$ref" --format json | jfield .resolve_due)" = null &&
	test "$(cpl show "$e" --format json | jfield .resolve_due)" = null &&
	cpl show "$e" >case.txt &&
	test "$(grep -c "^resolve by" case.txt)" = 0
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: --accept-anyway where nothing excludes the complaint is bad input (2)' '
	refused 2 "nothing in policy .corporate-procedure. keeps this complaint out" \
	    cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-25 --accept-anyway "Just in case"
'

test_on 'fresh_store corporate-procedure' 'seed 002 App B: a category the policy does not exclude is logged silently' '
	k=$(cpl log --complainant "Dee" --category street-lighting \
	    --summary "Lamp out" --received 2026-03-25 2>err) &&
	test ! -s err &&
	case_is "$k" .category=street-lighting .accepted_anyway=null \
	    actions=logged
'

# Kinds. Seed 002 §5 Compliments: recorded and reported; comments have no
# section of their own. Neither has a deadline; both are acknowledged and
# closed, never answered, extended or escalated.
test_on 'fresh_store corporate-procedure' 'seed 002 §5 Compliments: a compliment is acknowledged and closed, never answered (1)' '
	cp=$(cpl log --kind compliment --complainant "Carla" \
	    --summary "Library staff very helpful" --received 2026-03-25 2>err) &&
	test ! -s err &&
	case_is "$cp" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=null" &&
	never_answered compliment "$cp" 2026-03-26 &&
	cpl ack "$cp" --date 2026-03-26 &&
	cpl close "$cp" --reason no-further-action --date 2026-03-27 &&
	case_is "$cp" .status=closed "actions=logged acknowledged closed"
'

test_on 'fresh_store corporate-procedure' 'seed 002 §5 Compliments (comments alike): a comment is acknowledged and closed, never answered (1)' '
	cm=$(cpl log --kind comment --complainant "Cal" \
	    --summary "Open the tip on Sundays" --received 2026-03-25) &&
	test "$(cpl show "$cm" --format json | jfield .stages[0].ack_due)" = null &&
	never_answered comment "$cm" 2026-03-26 &&
	cpl ack "$cm" --date 2026-03-26 &&
	cpl close "$cm" --reason no-further-action --date 2026-03-26 &&
	test "$(cpl show "$cm" --format json | jfield .status)" = closed
'

# Seed 002 §2 What a complaint is: "An enquiry or service request is not to
# be treated as a complaint."
# A service request received on Wed 2026-03-25: its reference in sr.
log_service_request() {
	sr=$(cpl log --kind service-request --complainant "Sid" \
	    --summary "Pothole on Mill Lane" --received 2026-03-25)
}

test_on 'fresh_store corporate-procedure' 'seed 002 §2 What a complaint is: a service request has no complaint stages (1)' '
	log_service_request 2>err &&
	test ! -s err &&
	case_is "$sr" .kind=service-request .stage=null ".stages=[]" &&
	refused 1 "is a service request" cpl ack "$sr" --date 2026-03-26 &&
	never_answered "service request" "$sr" 2026-03-26
'

test_on 'fresh_store corporate-procedure' 'seed 002 §2 What a complaint is: a service request is assigned, noted and closed' '
	log_service_request &&
	cpl assign "$sr" --to dan --date 2026-03-26 &&
	cpl note "$sr" "Highways told" --date 2026-03-26 &&
	cpl close "$sr" --reason resolved --date 2026-03-27 &&
	case_is "$sr" .officer=dan .status=closed \
	    "actions=logged assigned note closed"
'

# Withdrawal: seed 002 sets no rule; the project lets a complainant withdraw
# at any stage (close --reason withdrawn).
#   received Wed 2026-03-25: response due 2026-04-10 (worked out above).
w=CORP-2026-00001

# wendy STEP: a store of this test's own, and Wendy's complaint, w, taken
# up to STEP.
wendy() {
	story_to "$1" && fresh_store corporate-procedure &&
	step logged cpl log --complainant "Wendy" --summary "Parking scheme" \
	    --received 2026-03-25 &&
	step ack cpl ack "$w" --date 2026-03-26 &&
	step withdrawn cpl close "$w" --reason withdrawn --date 2026-03-27 &&
	story_end
}

test_on 'wendy ack' 'seed 002 §7 Stage 1 (withdrawal): withdrawn before the response' '
	cpl close "$w" --reason withdrawn --date 2026-03-27 &&
	case_is "$w" .status=closed .closed=2026-03-27 \
	    .close_reason=withdrawn ".stages[0].responded=null"
'

test_on 'wendy withdrawn' 'seed 002 §7 Stage 1 (withdrawal): a closed case refuses every action (1)' '
	refused_when_closed "$w" 2026-03-30
'

test_on 'wendy withdrawn' 'seed 002 §7 Stage 1 (withdrawal): a note, then a reopen with a reason' '
	cpl note "$w" "Rang back: still wants an answer" --date 2026-03-30 &&
	cpl reopen "$w" --reason "Withdrawal retracted" --date 2026-03-31 &&
	case_is "$w" .status=open \
	    "actions=logged acknowledged closed note reopened" \
	    ".history[4].detail=Withdrawal retracted" \
	    ".stages[0].response_due=2026-04-10" &&
	cpl respond "$w" --outcome partly-upheld --date 2026-04-01 &&
	test "$(cpl show "$w" --format json | jfield .stages[0].outcome)" = partly-upheld
'

test_on 'fresh_store corporate-procedure' 'seed 002 §7 Stage 2 (withdrawal): withdrawn at stage 2' '
	w2=$(cpl --officer alice log --complainant "Walt" --summary "Grass verges" \
	    --received 2026-03-25) &&
	cpl --officer alice respond "$w2" --outcome not-upheld --date 2026-03-27 &&
	cpl escalate "$w2" --reason "Verges still uncut" --date 2026-03-30 &&
	cpl close "$w2" --reason withdrawn --date 2026-04-01 &&
	case_is "$w2" .stage=2 .close_reason=withdrawn &&
	refused 1 "is closed" cpl --officer carol ack "$w2" --date 2026-04-02
'

# Restrictions, seed 002 §14 Dealing with unreasonable or unreasonably
# persistent complainants: "In exceptional circumstances a 'single point of
# contact' should be appointed".
# A store of this test's own with two cases of Percy Persistent's, under
# two capitalisations of his name: r1 and r0.
percy_cases() {
	fresh_store corporate-procedure &&
	r1=$(cpl log --complainant "Percy Persistent" --summary "Parking" \
	    --received 2026-03-25) &&
	r0=$(cpl log --complainant "percy PERSISTENT" --summary "Parking again" \
	    --received 2026-03-26)
}

# A single point of contact for him, from 2026-04-01: its number in rid,
# what the command said on standard error in err.
restrict_percy() {
	cpl restriction add "Percy Persistent" --kind single-point-of-contact \
	    --detail "A Manager, Customer Feedback Team" \
	    --reason "Thirty emails on a matter already dealt with" \
	    --review 2026-12-15 --date 2026-04-01 >out 2>err &&
	rid=$(cat out)
}

test_on percy_cases 'seed 002 §14: a restriction is recorded, its number printed' '
	restrict_percy &&
	test ! -s err &&
	case "$rid" in ""|*[!0-9]*) false ;; esac
'

test_on percy_cases 'seed 002 §14: the restriction shows on every case of the complainant, any capitals' '
	restrict_percy &&
	for c in "$r1" "$r0"; do
		cpl show "$c" --format json >case.json &&
		json_is case.json ".restrictions[0].id=$rid" \
		    ".restrictions[0].kind=single-point-of-contact" \
		    ".restrictions[0].detail=A Manager, Customer Feedback Team" \
		    ".restrictions[0].imposed=2026-04-01" \
		    ".restrictions[0].review=2026-12-15" || return 1
	done &&
	cpl show "$r0" >case.txt &&
	grep -q "^RESTRICTED .*single-point-of-contact" case.txt
'

test_on percy_cases 'seed 002 §14: logging for a restricted complainant warns, and logs' '
	restrict_percy &&
	r3=$(cpl log --complainant "PERCY PERSISTENT" --summary "Parking, third" \
	    --received 2026-04-02 2>err) &&
	test -n "$r3" &&
	# and, their other cases being open, that it may repeat one of them
	test "$(wc -l <err)" = 2 &&
	grep -q "^complaints: warning: .* under restriction $rid" err &&
	grep -q "^complaints: warning: possible duplicate or related case: .CORP-2026-00002. " err &&
	test "$(cpl show "$r3" --format json | jfield .restrictions[0].id)" = "$rid"
'

test_on percy_cases 'seed 002 §14: restriction refusals (unknown name 1; bad review, kind 2)' '
	refused 1 "no case of a complainant named .Percy Persistant." \
	    cpl restriction add "Percy Persistant" --kind written-contact-only \
	    --reason "r" --review 2026-12-01 --date 2026-04-01 &&
	refused 2 "--review: the review must be after" \
	    cpl restriction add "Percy Persistent" --kind written-contact-only \
	    --reason "r" --review 2026-04-01 --date 2026-04-01 &&
	refused 2 "--kind: .ban. is not a kind of restriction; use one of: " \
	    cpl restriction add "Percy Persistent" --kind ban \
	    --reason "r" --review 2026-12-01 --date 2026-04-01
'

test_on percy_cases 'seed 002 §14: a lifted restriction no longer shows, nor warns' '
	restrict_percy &&
	r3=$(cpl log --complainant "PERCY PERSISTENT" --summary "Parking, third" \
	    --received 2026-04-02 2>/dev/null) &&
	cpl restriction lift "$rid" --reason "Reviewed with the Customer Feedback Team" \
	    --date 2026-09-01 &&
	for c in "$r1" "$r0" "$r3"; do
		test "$(cpl show "$c" --format json | jfield .restrictions)" = "[]" || return 1
	done &&
	r4=$(cpl log --complainant "Percy Persistent" --summary "New matter" \
	    --received 2026-09-02 2>err) &&
	test ! -s err
'

test_done
