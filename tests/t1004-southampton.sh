#!/bin/sh
# t1004-southampton.sh: a complaint's whole life under Southampton's policy
# (southampton.yaml), every deadline checked against a date worked out by
# hand.
#
# Southampton (seed 003 §4, §7 and §22, as southampton.yaml cites them):
# no acknowledgement timescale at either stage; stage 1 (service recovery)
# respond 10 wd from received, extensions not capped; stage 2 needs written
# reasons, respond 20 wd from the request, extendable to 30 wd in all
# (cap: 10 wd of extension), by an officer other than the stage 1
# responder; then the LGSCO or the Housing Ombudsman.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

# The complaint whose life this file follows.
ref=SCC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store southampton &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --service "Adult Social Care" --channel web \
	    --summary "Care visit missed" --received 2026-04-04 &&
	step ack cpl --officer alice ack "$ref" --date 2026-04-07 &&
	step extend12 cpl --officer alice extend "$ref" --days 12 --told \
	    --reason "Provider records" --date 2026-04-16 &&
	step respond cpl --officer alice respond "$ref" --outcome not-upheld \
	    --date 2026-05-06 &&
	step escalate cpl --officer alice escalate "$ref" \
	    --reason "Visits still missed" --date 2026-05-11 &&
	step assign cpl --officer alice assign "$ref" --to dave \
	    --date 2026-05-11 &&
	step ack2 cpl --officer dave ack "$ref" --date 2026-05-12 &&
	step extend6 cpl --officer dave extend "$ref" --days 6 --told \
	    --reason "Complex: notified in writing" --date 2026-06-01 &&
	step extend4 cpl --officer dave extend "$ref" --days 4 --told \
	    --reason "Expert report" --date 2026-06-08 &&
	step respond2 cpl --officer dave respond "$ref" --outcome upheld \
	    --remedy "Apology" --remedy "Care plan reviewed" --date 2026-06-22 &&
	step close cpl --officer dave close "$ref" --reason resolved \
	    --date 2026-06-23 &&
	story_end
}

test_expect_success 'init sets southampton as the default policy' '
	test_dir &&
	cpl init --policy southampton &&
	test "$(cpl log --complainant "A Resident" --summary s \
	    --received 2026-03-02)" = "$ref"
'

test_on 'fresh_store southampton' 'log a complaint received on Saturday 2026-04-04 (Easter weekend)' '
	cpl --officer alice log --complainant "A Resident" --service "Adult Social Care" \
		--channel web --summary "Care visit missed" --received 2026-04-04 >out &&
	test "$(cat out)" = "$ref"
'

test_on 'life logged' 'stage 1: no ack_due; response_due spans Easter Monday' '
	# the policy sets no acknowledgement timescale
	# received Sat 2026-04-04; 10 wd: (Mon 6 Easter Monday skipped) Tue 7,
	# Wed 8, Thu 9, Fri 10 (4), Mon 13 .. Fri 17 (9), Mon 20 -> 2026-04-20
	# (the same as from Good Friday 2026-04-03)
	case_is "$ref" .status=open .stage=1 .policy=southampton \
	    .received=2026-04-04 .officer=alice ".stages[0].officer=alice" \
	    ".stages[0].ack_due=null" ".stages[0].response_due=2026-04-20" \
	    ".stages[0].response_target=null"
'

test_on 'life logged' 'list --format csv: the next action is respond, due 2026-04-20' '
	row_is "$ref" "$ref,southampton,complaint,open,1,2026-04-04,respond,2026-04-20,alice,Adult Social Care"
'

test_on 'life logged' 'a stage with no ack timescale can still be acknowledged' '
	cpl --officer alice ack "$ref" --date 2026-04-07 &&
	case_is "$ref" ".stages[0].acknowledged=2026-04-07" \
	    ".stages[0].ack_due=null" ".stages[0].response_due=2026-04-20"
'

test_on 'life ack' 'stage 1 extensions are not capped: 12 wd, across early May' '
	cpl --officer alice extend "$ref" --days 12 --told --reason "Provider records" \
		--date 2026-04-16 &&
	# 2026-04-20 + 12 wd: Tue 21 .. Fri 24 (4), Mon 27 .. Thu 30 (8),
	# Fri 1 May (9), (Mon 4 May bank holiday skipped) Tue 5, Wed 6,
	# Thu 7 -> 2026-05-07
	case_is "$ref" ".stages[0].response_due=2026-05-07" \
	    ".stages[0].extensions[0].days=12"
'

test_on 'life extend12' 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome not-upheld --date 2026-05-06 &&
	case_is "$ref" ".stages[0].responded=2026-05-06" \
	    ".stages[0].outcome=not-upheld"
'

test_on 'life respond' 'escalating without written reasons is refused, db unchanged' '
	refused 1 "southampton" \
		cpl --officer alice escalate "$ref" --date 2026-05-11
'

test_on 'life respond' 'escalate with reasons on Monday 2026-05-11; stage 2 spans late May' '
	cpl --officer alice escalate "$ref" --reason "Visits still missed" \
		--date 2026-05-11 &&
	# request Mon 2026-05-11; 20 wd: Tue 12 .. Fri 15 (4), Mon 18 .. Fri 22
	# (9), (Mon 25 spring bank holiday skipped) Tue 26 .. Fri 29 (13),
	# Mon 1 .. Fri 5 Jun (18), Mon 8, Tue 9 -> 2026-06-09
	case_is "$ref" .stage=2 ".stages[1].opened=2026-05-11" \
	    ".stages[1].officer=null" ".stages[1].ack_due=null" \
	    ".stages[1].response_due=2026-06-09" \
	    ".stages[0].response_due=2026-05-07"
'

test_on 'life escalate' 'list --format csv: stage 2 respond due 2026-06-09, no officer' '
	row_is "$ref" "$ref,southampton,complaint,open,2,2026-04-04,respond,2026-06-09,,Adult Social Care"
'

test_on 'life escalate' 'the stage 1 responder may not acknowledge stage 2' '
	refused 1 "southampton" \
		cpl --officer alice ack "$ref" --date 2026-05-12
'

test_on 'life escalate' 'stage 2 may not be assigned to the stage 1 responder' '
	refused 1 "southampton" \
		cpl --officer alice assign "$ref" --to alice \
		--date 2026-05-11
'

test_on 'life escalate' 'assign stage 2 to a senior manager; dave acknowledges' '
	cpl --officer alice assign "$ref" --to dave --date 2026-05-11 &&
	cpl --officer dave ack "$ref" --date 2026-05-12 &&
	case_is "$ref" ".stages[1].officer=dave" .officer=dave \
	    ".stages[1].acknowledged=2026-05-12" ".stages[1].ack_due=null" \
	    ".stages[1].response_due=2026-06-09"
'

test_on 'life ack2' 'a stage 2 extension of 11 wd (over the 10 wd cap) is refused' '
	refused 1 "southampton" \
		cpl --officer dave extend "$ref" --days 11 --told \
		--reason "Complex" --date 2026-06-01
'

test_on 'life ack2' 'a 6 wd stage 2 extension moves response_due by 6 wd' '
	cpl --officer dave extend "$ref" --days 6 --told --reason "Complex: notified in writing" \
		--date 2026-06-01 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-06-09 + 6 wd: Wed 10, Thu 11, Fri 12, Mon 15, Tue 16,
	# Wed 17 -> 2026-06-17
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-17
'

test_on 'life extend6' '5 more (11 in all) is refused, db unchanged' '
	refused 1 "southampton" \
		cpl --officer dave extend "$ref" --days 5 --told \
		--reason "More" --date 2026-06-08
'

test_on 'life extend6' '4 more (10 in all, 30 wd for the stage) is allowed' '
	cpl --officer dave extend "$ref" --days 4 --told --reason "Expert report" \
		--date 2026-06-08 &&
	# 2026-06-17 + 4 wd: Thu 18, Fri 19, Mon 22, Tue 23 -> 2026-06-23,
	# which is 30 wd from the request (2026-06-09 was the 20th)
	case_is "$ref" ".stages[1].response_due=2026-06-23" \
	    ".stages[1].extensions[0].days=6" \
	    ".stages[1].extensions[1].days=4"
'

test_on 'life extend4' 'list --format csv: stage 2 respond due 2026-06-23, dave' '
	row_is "$ref" "$ref,southampton,complaint,open,2,2026-04-04,respond,2026-06-23,dave,Adult Social Care"
'

test_on 'life extend4' 'the stage 1 responder may not respond at stage 2' '
	refused 1 "southampton" \
		cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-22
'

test_on 'life extend4' 'dave responds at stage 2' '
	cpl --officer dave respond "$ref" --outcome upheld --remedy "Apology" \
		--remedy "Care plan reviewed" --date 2026-06-22 &&
	case_is "$ref" ".stages[1].responded=2026-06-22" \
	    ".stages[1].outcome=upheld"
'

test_on 'life respond2' 'escalating past stage 2 is refused and names the ombudsman' '
	refused 1 "Ombudsman" \
		cpl --officer dave escalate "$ref" --reason "More" \
		--date 2026-06-23
'

test_on 'life respond2' 'close --reason resolved' '
	cpl --officer dave close "$ref" --reason resolved --date 2026-06-23 &&
	case_is "$ref" .status=closed .stage=2 .closed=2026-06-23 \
	    .close_reason=resolved ".stages[0].officer=alice" \
	    ".stages[1].officer=dave" ".stages[0].outcome=not-upheld" \
	    ".stages[1].outcome=upheld" \
	    "actions=logged acknowledged extended responded escalated assigned acknowledged extended extended responded closed"
'

test_on 'life close' 'list --format csv: the closed case has nothing due' '
	row_is "$ref" "$ref,southampton,complaint,closed,2,2026-04-04,none,,dave,Adult Social Care"
'

test_on 'fresh_store southampton' 'a case across Christmas 2026' '
	cpl --officer alice log --complainant "B Resident" --summary "Housing repair" \
		--received 2026-12-14 >out &&
	ref_xmas=$(cat out) &&
	# received Mon 2026-12-14; 10 wd: Tue 15 .. Fri 18 (4), Mon 21 .. Thu 24
	# (8), (Fri 25 Christmas, Mon 28 Boxing Day substitute skipped) Tue 29,
	# Wed 30 -> 2026-12-30
	case_is "$ref_xmas" ".stages[0].ack_due=null" \
	    ".stages[0].response_due=2026-12-30" &&
	row_is "$ref_xmas" "$ref_xmas,southampton,complaint,open,1,2026-12-14,respond,2026-12-30,alice,"
'

test_done
