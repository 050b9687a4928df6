#!/bin/sh
# t1005-buckinghamshire.sh: a complaint's whole life under Buckinghamshire's
# policy (buckinghamshire.yaml), every deadline checked against a date worked
# out by hand.
#
# Buckinghamshire (seed 004 App A, Stage 1 and Stage 2, as
# buckinghamshire.yaml cites them): stage 1 acknowledge 3 wd, respond 20 wd
# (target 10 wd), both from received, extensions not capped; stage 2 needs
# written reasons (which parts are unresolved), acknowledge 5 wd and respond
# 20 wd from the request, by the central team (not the stage 1 officer);
# then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Summer Mon 2026-08-31, Christmas Fri 2026-12-25,
# Boxing Day (substitute) Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

# The complaint whose life this file follows.
ref=BC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store buckinghamshire &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --service Highways --channel email --summary "Pothole not fixed" \
	    --received 2026-03-31 &&
	step ack cpl --officer alice ack "$ref" --date 2026-04-02 &&
	step extend cpl --officer alice extend "$ref" --days 5 --told \
	    --reason "Contractor survey" --date 2026-04-28 &&
	step respond cpl --officer alice respond "$ref" --outcome upheld \
	    --remedy "Pothole filled" --date 2026-05-07 &&
	step escalate cpl --officer alice escalate "$ref" \
	    --reason "Road edge still broken" --date 2026-05-15 &&
	step ack2 cpl --officer erin ack "$ref" --date 2026-05-20 &&
	step respond2 cpl --officer erin respond "$ref" --outcome partly-upheld \
	    --date 2026-06-12 &&
	step close cpl --officer erin close "$ref" --reason resolved \
	    --date 2026-06-12 &&
	story_end
}

test_expect_success 'init sets buckinghamshire as the default policy' '
	test_dir &&
	cpl init --policy buckinghamshire &&
	test "$(cpl log --complainant "A Resident" --summary s \
	    --received 2026-03-02)" = "$ref"
'

test_on 'fresh_store buckinghamshire' 'log a complaint received on Tuesday 2026-03-31' '
	cpl --officer alice log --complainant "A Resident" --service Highways \
		--channel email --summary "Pothole not fixed" --received 2026-03-31 >out &&
	test "$(cat out)" = "$ref"
'

test_on 'life logged' 'stage 1: ack_due, response_target (10 wd) and response_due (20 wd) span Easter' '
	# received Tue 2026-03-31; 3 wd: Wed 1, Thu 2, (Fri 3 Good Friday,
	# Mon 6 Easter Monday skipped) Tue 7 -> 2026-04-07
	# target 10 wd: Wed 1, Thu 2 (2), Tue 7 .. Fri 10 (6), Mon 13 .. Thu 16
	# (10) -> 2026-04-16
	# deadline 20 wd: ... Fri 17 (11), Mon 20 .. Fri 24 (16), Mon 27 ..
	# Thu 30 (20) -> 2026-04-30
	case_is "$ref" .status=open .stage=1 .policy=buckinghamshire \
	    .kind=complaint .officer=alice ".stages[0].officer=alice" \
	    ".stages[0].ack_due=2026-04-07" \
	    ".stages[0].response_target=2026-04-16" \
	    ".stages[0].response_due=2026-04-30"
'

test_on 'life logged' 'list --format csv: acknowledge due 2026-04-07' '
	row_is "$ref" "$ref,buckinghamshire,complaint,open,1,2026-03-31,acknowledge,2026-04-07,alice,Highways"
'

test_on 'life logged' 'ack at stage 1: the response clock does not move' '
	cpl --officer alice ack "$ref" --date 2026-04-02 &&
	case_is "$ref" ".stages[0].acknowledged=2026-04-02" \
	    ".stages[0].response_target=2026-04-16" \
	    ".stages[0].response_due=2026-04-30"
'

test_on 'life ack' 'list --format csv: respond due 2026-04-30 (the deadline, not the target)' '
	row_is "$ref" "$ref,buckinghamshire,complaint,open,1,2026-03-31,respond,2026-04-30,alice,Highways"
'

test_on 'life ack' 'a 5 wd extension moves response_due across early May; the target stays' '
	cpl --officer alice extend "$ref" --days 5 --told --reason "Contractor survey" \
		--date 2026-04-28 &&
	# 2026-04-30 + 5 wd: Fri 1 May (1), (Mon 4 May bank holiday skipped)
	# Tue 5, Wed 6, Thu 7, Fri 8 -> 2026-05-08
	case_is "$ref" ".stages[0].response_due=2026-05-08" \
	    ".stages[0].response_target=2026-04-16" \
	    ".stages[0].extensions[0].days=5"
'

test_on 'life extend' 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome upheld --remedy "Pothole filled" \
		--date 2026-05-07 &&
	case_is "$ref" ".stages[0].responded=2026-05-07" \
	    ".stages[0].outcome=upheld" \
	    ".stages[0].remedies=[\"Pothole filled\"]"
'

test_on 'life respond' 'escalating without saying what is unresolved is refused, db unchanged' '
	refused 1 "buckinghamshire" \
		cpl --officer alice escalate "$ref" --date 2026-05-15
'

test_on 'life respond' 'escalate with reasons on Friday 2026-05-15; stage 2 spans late May' '
	cpl --officer alice escalate "$ref" --reason "Road edge still broken" \
		--date 2026-05-15 &&
	# request Fri 2026-05-15; 5 wd: Mon 18 .. Fri 22 -> 2026-05-22
	# 20 wd: Mon 18 .. Fri 22 (5), (Mon 25 spring bank holiday skipped)
	# Tue 26 .. Fri 29 (9), Mon 1 .. Fri 5 Jun (14), Mon 8 .. Fri 12 (19),
	# Mon 15 -> 2026-06-15
	# stage 2 sets no target
	case_is "$ref" .stage=2 ".stages[1].opened=2026-05-15" \
	    ".stages[1].officer=null" \
	    ".stages[1].escalation_reason=Road edge still broken" \
	    ".stages[1].ack_due=2026-05-22" \
	    ".stages[1].response_due=2026-06-15" \
	    ".stages[1].response_target=null" \
	    ".stages[0].response_target=2026-04-16" \
	    ".stages[0].response_due=2026-05-08"
'

test_on 'life escalate' 'list --format csv: stage 2 acknowledge due 2026-05-22, no officer' '
	row_is "$ref" "$ref,buckinghamshire,complaint,open,2,2026-03-31,acknowledge,2026-05-22,,Highways"
'

test_on 'life escalate' 'the stage 1 responder may not acknowledge stage 2' '
	refused 1 "buckinghamshire" \
		cpl --officer alice ack "$ref" --date 2026-05-20
'

test_on 'life escalate' 'stage 2 may not be assigned to the stage 1 responder' '
	refused 1 "buckinghamshire" \
		cpl --officer erin assign "$ref" --to alice \
		--date 2026-05-20
'

test_on 'life escalate' 'the central team acknowledges stage 2 and takes it' '
	cpl --officer erin ack "$ref" --date 2026-05-20 &&
	case_is "$ref" ".stages[1].acknowledged=2026-05-20" \
	    ".stages[1].officer=erin" .officer=erin \
	    ".stages[1].response_due=2026-06-15"
'

test_on 'life ack2' 'list --format csv: stage 2 respond due 2026-06-15, erin' '
	row_is "$ref" "$ref,buckinghamshire,complaint,open,2,2026-03-31,respond,2026-06-15,erin,Highways"
'

test_on 'life ack2' 'the stage 1 responder may not respond at stage 2' '
	refused 1 "buckinghamshire" \
		cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-12
'

test_on 'life ack2' 'erin responds at stage 2' '
	cpl --officer erin respond "$ref" --outcome partly-upheld --date 2026-06-12 &&
	case_is "$ref" ".stages[1].responded=2026-06-12" \
	    ".stages[1].outcome=partly-upheld"
'

test_on 'life respond2' 'escalating past stage 2 is refused and names the ombudsman' '
	refused 1 "Local Government and Social Care Ombudsman" \
		cpl --officer erin escalate "$ref" --reason "More" \
		--date 2026-06-12
'

test_on 'life respond2' 'close --reason resolved' '
	cpl --officer erin close "$ref" --reason resolved --date 2026-06-12 &&
	case_is "$ref" .status=closed .stage=2 .closed=2026-06-12 \
	    .close_reason=resolved ".stages[0].officer=alice" \
	    ".stages[1].officer=erin" \
	    "actions=logged acknowledged extended responded escalated acknowledged responded closed"
'

test_on 'life close' 'list --format csv: the closed case has nothing due' '
	row_is "$ref" "$ref,buckinghamshire,complaint,closed,2,2026-03-31,none,,erin,Highways"
'

test_on 'fresh_store buckinghamshire' 'a case received two days before Christmas 2026' '
	cpl --officer alice log --complainant "B Resident" --summary "Gritting" \
		--received 2026-12-23 >out &&
	ref_xmas=$(cat out) &&
	# received Wed 2026-12-23; 3 wd: Thu 24, (Fri 25 Christmas, Mon 28 Boxing
	# Day substitute skipped) Tue 29, Wed 30 -> 2026-12-30
	# target 10 wd: Thu 24, Tue 29, Wed 30, Thu 31 (4), (Fri 1 Jan New Year
	# skipped) Mon 4 .. Fri 8 (9), Mon 11 -> 2027-01-11
	# deadline 20 wd: Tue 12 .. Fri 15 (14), Mon 18 .. Fri 22 (19),
	# Mon 25 -> 2027-01-25
	case_is "$ref_xmas" ".stages[0].ack_due=2026-12-30" \
	    ".stages[0].response_target=2027-01-11" \
	    ".stages[0].response_due=2027-01-25"
'

test_on 'fresh_store buckinghamshire' 'a case received on Saturday 2026-08-29, before the summer holiday' '
	cpl --officer alice log --complainant "C Resident" --summary "Verges" \
		--received 2026-08-29 >out &&
	ref_sat=$(cat out) &&
	# received Sat 2026-08-29; 3 wd: (Mon 31 Aug bank holiday skipped)
	# Tue 1, Wed 2, Thu 3 Sep -> 2026-09-03
	# target 10 wd: Tue 1 .. Fri 4 (4), Mon 7 .. Fri 11 (9), Mon 14 -> 2026-09-14
	# deadline 20 wd: Tue 15 .. Fri 18 (14), Mon 21 .. Fri 25 (19),
	# Mon 28 -> 2026-09-28
	case_is "$ref_sat" ".stages[0].ack_due=2026-09-03" \
	    ".stages[0].response_target=2026-09-14" \
	    ".stages[0].response_due=2026-09-28" &&
	row_is "$ref_sat" "$ref_sat,buckinghamshire,complaint,open,1,2026-08-29,acknowledge,2026-09-03,alice,"
'

test_done
