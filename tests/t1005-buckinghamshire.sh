#!/bin/sh
# t1005-buckinghamshire.sh: a complaint's whole life under Buckinghamshire's
# policy (buckinghamshire.yaml), every deadline checked against a date worked
# out by hand.
#
# Buckinghamshire (SPEC section 5): stage 1 acknowledge 3 wd, respond 20 wd
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

test_expect_success 'log a complaint received on Tuesday 2026-03-31' '
	fresh_store buckinghamshire &&
	cpl --officer alice log --complainant "A Resident" --service Highways \
		--channel email --summary "Pothole not fixed" --received 2026-03-31 >out &&
	test "$(cat out)" = "$ref"
'

test_expect_success 'stage 1: ack_due, response_target (10 wd) and response_due (20 wd) span Easter' '
	life logged &&
	cpl show "$ref" --format json >case.json &&
	# received Tue 2026-03-31; 3 wd: Wed 1, Thu 2, (Fri 3 Good Friday,
	# Mon 6 Easter Monday skipped) Tue 7 -> 2026-04-07
	# target 10 wd: Wed 1, Thu 2 (2), Tue 7 .. Fri 10 (6), Mon 13 .. Thu 16
	# (10) -> 2026-04-16
	# deadline 20 wd: ... Fri 17 (11), Mon 20 .. Fri 24 (16), Mon 27 ..
	# Thu 30 (20) -> 2026-04-30
	json_is case.json <<-EOF
	.status = open
	.stage = 1
	.policy = buckinghamshire
	.kind = complaint
	.officer = alice
	.stages[0].officer = alice
	.stages[0].ack_due = 2026-04-07
	.stages[0].response_target = 2026-04-16
	.stages[0].response_due = 2026-04-30
	EOF
'

test_expect_success 'list --format csv: acknowledge due 2026-04-07' '
	life logged &&
	csv_row "$ref" >row &&
	echo "$ref,buckinghamshire,complaint,open,1,2026-03-31,acknowledge,2026-04-07,alice,Highways" >expect &&
	test_cmp expect row
'

test_expect_success 'ack at stage 1: the response clock does not move' '
	life logged &&
	cpl --officer alice ack "$ref" --date 2026-04-02 &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json <<-EOF
	.stages[0].acknowledged = 2026-04-02
	.stages[0].response_target = 2026-04-16
	.stages[0].response_due = 2026-04-30
	EOF
'

test_expect_success 'list --format csv: respond due 2026-04-30 (the deadline, not the target)' '
	life ack &&
	csv_row "$ref" >row &&
	echo "$ref,buckinghamshire,complaint,open,1,2026-03-31,respond,2026-04-30,alice,Highways" >expect &&
	test_cmp expect row
'

test_expect_success 'a 5 wd extension moves response_due across early May; the target stays' '
	life ack &&
	cpl --officer alice extend "$ref" --days 5 --told --reason "Contractor survey" \
		--date 2026-04-28 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-04-30 + 5 wd: Fri 1 May (1), (Mon 4 May bank holiday skipped)
	# Tue 5, Wed 6, Thu 7, Fri 8 -> 2026-05-08
	json_is case.json <<-EOF
	.stages[0].response_due = 2026-05-08
	.stages[0].response_target = 2026-04-16
	.stages[0].extensions[0].days = 5
	EOF
'

test_expect_success 'respond at stage 1' '
	life extend &&
	cpl --officer alice respond "$ref" --outcome upheld --remedy "Pothole filled" \
		--date 2026-05-07 &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json <<-EOF
	.stages[0].responded = 2026-05-07
	.stages[0].outcome = upheld
	.stages[0].remedies = ["Pothole filled"]
	EOF
'

test_expect_success 'escalating without saying what is unresolved is refused, db unchanged' '
	life respond &&
	refused 1 "buckinghamshire" \
		cpl --officer alice escalate "$ref" --date 2026-05-15
'

test_expect_success 'escalate with reasons on Friday 2026-05-15; stage 2 spans late May' '
	life respond &&
	cpl --officer alice escalate "$ref" --reason "Road edge still broken" \
		--date 2026-05-15 &&
	cpl show "$ref" --format json >case.json &&
	# request Fri 2026-05-15; 5 wd: Mon 18 .. Fri 22 -> 2026-05-22
	# 20 wd: Mon 18 .. Fri 22 (5), (Mon 25 spring bank holiday skipped)
	# Tue 26 .. Fri 29 (9), Mon 1 .. Fri 5 Jun (14), Mon 8 .. Fri 12 (19),
	# Mon 15 -> 2026-06-15
	# stage 2 sets no target
	json_is case.json <<-EOF
	.stage = 2
	.stages[1].opened = 2026-05-15
	.stages[1].officer = null
	.stages[1].escalation_reason = Road edge still broken
	.stages[1].ack_due = 2026-05-22
	.stages[1].response_due = 2026-06-15
	.stages[1].response_target = null
	.stages[0].response_target = 2026-04-16
	.stages[0].response_due = 2026-05-08
	EOF
'

test_expect_success 'list --format csv: stage 2 acknowledge due 2026-05-22, no officer' '
	life escalate &&
	csv_row "$ref" >row &&
	echo "$ref,buckinghamshire,complaint,open,2,2026-03-31,acknowledge,2026-05-22,,Highways" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 responder may not acknowledge stage 2' '
	life escalate &&
	refused 1 "buckinghamshire" \
		cpl --officer alice ack "$ref" --date 2026-05-20
'

test_expect_success 'stage 2 may not be assigned to the stage 1 responder' '
	life escalate &&
	refused 1 "buckinghamshire" \
		cpl --officer erin assign "$ref" --to alice \
		--date 2026-05-20
'

test_expect_success 'the central team acknowledges stage 2 and takes it' '
	life escalate &&
	cpl --officer erin ack "$ref" --date 2026-05-20 &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json <<-EOF
	.stages[1].acknowledged = 2026-05-20
	.stages[1].officer = erin
	.officer = erin
	.stages[1].response_due = 2026-06-15
	EOF
'

test_expect_success 'list --format csv: stage 2 respond due 2026-06-15, erin' '
	life ack2 &&
	csv_row "$ref" >row &&
	echo "$ref,buckinghamshire,complaint,open,2,2026-03-31,respond,2026-06-15,erin,Highways" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 responder may not respond at stage 2' '
	life ack2 &&
	refused 1 "buckinghamshire" \
		cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-12
'

test_expect_success 'erin responds at stage 2' '
	life ack2 &&
	cpl --officer erin respond "$ref" --outcome partly-upheld --date 2026-06-12 &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json <<-EOF
	.stages[1].responded = 2026-06-12
	.stages[1].outcome = partly-upheld
	EOF
'

test_expect_success 'escalating past stage 2 is refused and names the ombudsman' '
	life respond2 &&
	refused 1 "Local Government and Social Care Ombudsman" \
		cpl --officer erin escalate "$ref" --reason "More" \
		--date 2026-06-12
'

test_expect_success 'close --reason resolved' '
	life respond2 &&
	cpl --officer erin close "$ref" --reason resolved --date 2026-06-12 &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json <<-EOF
	.status = closed
	.stage = 2
	.closed = 2026-06-12
	.close_reason = resolved
	.stages[0].officer = alice
	.stages[1].officer = erin
	[.history[].action] | join(" ") = logged acknowledged extended responded escalated acknowledged responded closed
	EOF
'

test_expect_success 'list --format csv: the closed case has nothing due' '
	life close &&
	csv_row "$ref" >row &&
	echo "$ref,buckinghamshire,complaint,closed,2,2026-03-31,none,,erin,Highways" >expect &&
	test_cmp expect row
'

test_expect_success 'a case received two days before Christmas 2026' '
	fresh_store buckinghamshire &&
	cpl --officer alice log --complainant "B Resident" --summary "Gritting" \
		--received 2026-12-23 >out &&
	ref_xmas=$(cat out) &&
	cpl show "$ref_xmas" --format json >case.json &&
	# received Wed 2026-12-23; 3 wd: Thu 24, (Fri 25 Christmas, Mon 28 Boxing
	# Day substitute skipped) Tue 29, Wed 30 -> 2026-12-30
	# target 10 wd: Thu 24, Tue 29, Wed 30, Thu 31 (4), (Fri 1 Jan New Year
	# skipped) Mon 4 .. Fri 8 (9), Mon 11 -> 2027-01-11
	# deadline 20 wd: Tue 12 .. Fri 15 (14), Mon 18 .. Fri 22 (19),
	# Mon 25 -> 2027-01-25
	json_is case.json <<-EOF
	.stages[0].ack_due = 2026-12-30
	.stages[0].response_target = 2027-01-11
	.stages[0].response_due = 2027-01-25
	EOF
'

test_expect_success 'a case received on Saturday 2026-08-29, before the summer holiday' '
	fresh_store buckinghamshire &&
	cpl --officer alice log --complainant "C Resident" --summary "Verges" \
		--received 2026-08-29 >out &&
	ref_sat=$(cat out) &&
	cpl show "$ref_sat" --format json >case.json &&
	# received Sat 2026-08-29; 3 wd: (Mon 31 Aug bank holiday skipped)
	# Tue 1, Wed 2, Thu 3 Sep -> 2026-09-03
	# target 10 wd: Tue 1 .. Fri 4 (4), Mon 7 .. Fri 11 (9), Mon 14 -> 2026-09-14
	# deadline 20 wd: Tue 15 .. Fri 18 (14), Mon 21 .. Fri 25 (19),
	# Mon 28 -> 2026-09-28
	json_is case.json <<-EOF &&
	.stages[0].ack_due = 2026-09-03
	.stages[0].response_target = 2026-09-14
	.stages[0].response_due = 2026-09-28
	EOF
	csv_row "$ref_sat" >row &&
	echo "$ref_sat,buckinghamshire,complaint,open,1,2026-08-29,acknowledge,2026-09-03,alice," >expect &&
	test_cmp expect row
'

test_done
