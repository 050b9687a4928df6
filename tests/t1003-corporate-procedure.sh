#!/bin/sh
# t1003-corporate-procedure.sh: a complaint's whole life under the corporate
# complaints procedure (corporate-procedure.yaml), every deadline checked
# against a date worked out by hand.
#
# Corporate procedure (seed 002 §7, as corporate-procedure.yaml cites it):
# stage 1 acknowledge 2 wd and respond 10 wd, both from received, extensions
# (holding reply) uncapped; stage 2 needs written reasons, acknowledge 2 wd
# and respond 20 wd from the request, by an officer other than stage 1's (the
# Customer Feedback Team); then the LGSCO or the Housing Ombudsman.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

# The complaint whose life this file follows.
ref=CORP-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store corporate-procedure &&
	step logged cpl --officer alice log --complainant "A Tenant" \
	    --service Housing --channel phone --summary "Repair not done" \
	    --received 2026-04-02 &&
	step ack cpl --officer alice ack "$ref" --date 2026-04-07 &&
	step extend5 cpl --officer alice extend "$ref" --days 5 --told \
	    --reason "Contractor report" --date 2026-04-16 &&
	step extend15 cpl --officer alice extend "$ref" --days 15 --told \
	    --reason "Surveyor needed" --date 2026-04-24 &&
	step respond cpl --officer alice respond "$ref" --outcome partly-upheld \
	    --remedy "Repair booked" --date 2026-05-14 &&
	step escalate cpl --officer alice escalate "$ref" \
	    --reason "Repair still not done" --date 2026-05-20 &&
	step assign cpl --officer alice assign "$ref" --to carol \
	    --date 2026-05-21 &&
	step ack2 cpl --officer carol ack "$ref" --date 2026-05-21 &&
	step respond2 cpl --officer carol respond "$ref" --outcome upheld \
	    --learning "Repairs to be chased weekly" --date 2026-06-15 &&
	step close cpl --officer carol close "$ref" --reason resolved \
	    --date 2026-06-16 &&
	story_end
}

test_expect_success 'init sets corporate-procedure as the default policy' '
	test_dir &&
	cpl init --policy corporate-procedure &&
	test "$(cpl log --anonymous --summary s --received 2026-03-02)" = "$ref"
'

test_on 'fresh_store corporate-procedure' 'log a complaint received on Thursday 2026-04-02' '
	cpl --officer alice log --complainant "A Tenant" --service Housing \
		--channel phone --summary "Repair not done" --received 2026-04-02 >out &&
	test "$(cat out)" = "$ref"
'

test_on 'life logged' 'stage 1 deadlines span Easter' '
	# received Thu 2026-04-02; 2 wd: (Fri 3 Good Friday, Mon 6 Easter Monday
	# skipped) Tue 7, Wed 8 -> 2026-04-08
	# 10 wd: Tue 7 .. Fri 10 (4), Mon 13 .. Fri 17 (9), Mon 20 -> 2026-04-20
	case_is "$ref" .status=open .stage=1 .policy=corporate-procedure \
	    .officer=alice ".stages[0].officer=alice" \
	    ".stages[0].ack_due=2026-04-08" \
	    ".stages[0].response_due=2026-04-20" \
	    ".stages[0].response_target=null"
'

test_on 'life logged' 'list --format csv: acknowledge due 2026-04-08' '
	row_is "$ref" "$ref,corporate-procedure,complaint,open,1,2026-04-02,acknowledge,2026-04-08,alice,Housing"
'

test_on 'life logged' 'ack at stage 1' '
	cpl --officer alice ack "$ref" --date 2026-04-07 &&
	case_is "$ref" ".stages[0].acknowledged=2026-04-07" \
	    ".stages[0].ack_due=2026-04-08" \
	    ".stages[0].response_due=2026-04-20"
'

test_on 'life ack' 'list --format csv: respond due 2026-04-20' '
	row_is "$ref" "$ref,corporate-procedure,complaint,open,1,2026-04-02,respond,2026-04-20,alice,Housing"
'

test_on 'life ack' 'holding replies: 5 then 15 wd (no cap), across early May' '
	cpl --officer alice extend "$ref" --days 5 --told --reason "Contractor report" \
		--date 2026-04-16 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-04-20 + 5 wd: Tue 21, Wed 22, Thu 23, Fri 24, Mon 27 -> 2026-04-27
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-27 &&
	cpl --officer alice extend "$ref" --days 15 --told --reason "Surveyor needed" \
		--date 2026-04-24 &&
	# 2026-04-27 + 15 wd: Tue 28, Wed 29, Thu 30, Fri 1 May (4), (Mon 4 May
	# bank holiday skipped) Tue 5 .. Fri 8 (8), Mon 11 .. Fri 15 (13),
	# Mon 18, Tue 19 -> 2026-05-19
	case_is "$ref" ".stages[0].response_due=2026-05-19" \
	    ".stages[0].extensions[1].days=15"
'

test_on 'life extend15' 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome partly-upheld \
		--remedy "Repair booked" --date 2026-05-14 &&
	case_is "$ref" ".stages[0].responded=2026-05-14" \
	    ".stages[0].outcome=partly-upheld"
'

test_on 'life respond' 'escalating without written reasons is refused, db unchanged' '
	refused 1 "corporate-procedure" \
		cpl --officer alice escalate "$ref" --date 2026-05-20 &&
	grep -q -- "--reason" err
'

test_on 'life respond' 'escalate with reasons on Wednesday 2026-05-20; stage 2 spans late May' '
	cpl --officer alice escalate "$ref" --reason "Repair still not done" \
		--date 2026-05-20 &&
	# request Wed 2026-05-20; 2 wd: Thu 21, Fri 22 -> 2026-05-22
	# 20 wd: Thu 21, Fri 22 (2), (Mon 25 spring bank holiday skipped)
	# Tue 26 .. Fri 29 (6), Mon 1 .. Fri 5 Jun (11), Mon 8 .. Fri 12 (16),
	# Mon 15, Tue 16, Wed 17, Thu 18 -> 2026-06-18
	case_is "$ref" .stage=2 ".stages[1].opened=2026-05-20" \
	    ".stages[1].escalation_reason=Repair still not done" \
	    ".stages[1].officer=null" ".stages[1].ack_due=2026-05-22" \
	    ".stages[1].response_due=2026-06-18"
'

test_on 'life escalate' 'list --format csv: stage 2 acknowledge due 2026-05-22, no officer' '
	row_is "$ref" "$ref,corporate-procedure,complaint,open,2,2026-04-02,acknowledge,2026-05-22,,Housing"
'

test_on 'life escalate' 'the stage 1 responder may not acknowledge stage 2' '
	refused 1 "corporate-procedure" \
		cpl --officer alice ack "$ref" --date 2026-05-21
'

test_on 'life escalate' 'stage 2 may not be assigned to the stage 1 responder' '
	refused 1 "corporate-procedure" \
		cpl --officer carol assign "$ref" --to alice \
		--date 2026-05-21
'

test_on 'life escalate' 'assign stage 2 to the Customer Feedback Manager' '
	cpl --officer alice assign "$ref" --to carol --date 2026-05-21 &&
	case_is "$ref" ".stages[1].officer=carol" .officer=carol \
	    ".stages[0].officer=alice"
'

test_on 'life assign' 'carol acknowledges stage 2; the deadlines stay' '
	cpl --officer carol ack "$ref" --date 2026-05-21 &&
	case_is "$ref" ".stages[1].acknowledged=2026-05-21" \
	    ".stages[1].ack_due=2026-05-22" \
	    ".stages[1].response_due=2026-06-18"
'

test_on 'life ack2' 'list --format csv: stage 2 respond due 2026-06-18, carol' '
	row_is "$ref" "$ref,corporate-procedure,complaint,open,2,2026-04-02,respond,2026-06-18,carol,Housing"
'

test_on 'life ack2' 'the stage 1 responder may not respond at stage 2' '
	refused 1 "corporate-procedure" \
		cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-15
'

test_on 'life ack2' 'carol responds at stage 2' '
	cpl --officer carol respond "$ref" --outcome upheld \
		--learning "Repairs to be chased weekly" --date 2026-06-15 &&
	case_is "$ref" ".stages[1].responded=2026-06-15" \
	    ".stages[1].outcome=upheld"
'

test_on 'life respond2' 'escalating past stage 2 is refused and names the ombudsman' '
	refused 1 "Ombudsman" \
		cpl --officer carol escalate "$ref" --reason "Want more" \
		--date 2026-06-16
'

test_on 'life respond2' 'close --reason resolved' '
	cpl --officer carol close "$ref" --reason resolved --date 2026-06-16 &&
	case_is "$ref" .status=closed .stage=2 .closed=2026-06-16 \
	    .close_reason=resolved ".stages[0].officer=alice" \
	    ".stages[1].officer=carol" \
	    "actions=logged acknowledged extended extended responded escalated assigned acknowledged responded closed"
'

test_on 'fresh_store corporate-procedure' 'a case received on Saturday 2026-05-23, before the spring holiday' '
	cpl --officer alice log --complainant "B Resident" --summary "Parks" \
		--received 2026-05-23 >out &&
	ref_sat=$(cat out) &&
	# received Sat 2026-05-23; 2 wd: (Mon 25 bank holiday skipped) Tue 26,
	# Wed 27 -> 2026-05-27
	# 10 wd: Tue 26 .. Fri 29 (4), Mon 1 .. Fri 5 Jun (9), Mon 8 -> 2026-06-08
	case_is "$ref_sat" ".stages[0].ack_due=2026-05-27" \
	    ".stages[0].response_due=2026-06-08"
'

test_on 'fresh_store corporate-procedure' 'a case received on Christmas Eve 2026' '
	cpl --officer alice log --complainant "C Resident" --summary "Gritting" \
		--received 2026-12-24 >out &&
	ref_xmas=$(cat out) &&
	# received Thu 2026-12-24; 2 wd: (Fri 25 Christmas, Mon 28 Boxing Day
	# substitute skipped) Tue 29, Wed 30 -> 2026-12-30
	# 10 wd: Tue 29, Wed 30, Thu 31 (3), (Fri 1 Jan New Year skipped)
	# Mon 4 .. Fri 8 (8), Mon 11, Tue 12 -> 2027-01-12
	case_is "$ref_xmas" ".stages[0].ack_due=2026-12-30" \
	    ".stages[0].response_due=2027-01-12" &&
	row_is "$ref_xmas" "$ref_xmas,corporate-procedure,complaint,open,1,2026-12-24,acknowledge,2026-12-30,alice,"
'

test_done
