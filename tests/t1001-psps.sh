#!/bin/sh
# t1001-psps.sh: a complaint's whole life under PSPS's policy (psps.yaml),
# every deadline checked against a date worked out by hand.
#
# PSPS (seed 000 §6 Stages, as psps.yaml cites it): stage 1 acknowledge 5 wd
# from received, respond 10 wd from the ACKNOWLEDGEMENT, extensions capped at
# 10 wd; stage 2 acknowledge 5 wd from the request, respond 20 wd from the
# acknowledgement, extensions capped at 20 wd, and a different officer from
# stage 1; then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

# The complaint whose life this file follows.
ref=PSPS-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store psps &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --service Waste --channel email --summary "Missed bin" \
	    --received 2026-03-27 &&
	step ack cpl --officer alice ack "$ref" --date 2026-04-02 &&
	step extend4 cpl --officer alice extend "$ref" --days 4 --told \
	    --reason "Contractor records awaited" --date 2026-04-15 &&
	step extend6 cpl --officer alice extend "$ref" --days 6 --told \
	    --reason "Site visit needed" --date 2026-04-22 &&
	step respond cpl --officer alice respond "$ref" --outcome partly-upheld \
	    --remedy "Apology" --remedy "Bin collected" \
	    --learning "Crews to report blocked access" --date 2026-05-01 &&
	step escalate cpl --officer alice escalate "$ref" --date 2026-05-05 &&
	step ack2 cpl --officer bob ack "$ref" --date 2026-05-11 &&
	step extend2 cpl --officer bob extend "$ref" --days 5 --told \
	    --reason "Legal advice awaited" --date 2026-06-01 &&
	step respond2 cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-06-12 &&
	step close cpl --officer bob close "$ref" --reason resolved \
	    --date 2026-06-15 &&
	story_end
}

test_expect_success 'init sets psps as the default policy' '
	test_dir &&
	cpl init --policy psps &&
	test "$(cpl log --anonymous --summary s --received 2026-03-27)" = "$ref"
'

test_on 'fresh_store psps' 'log a complaint received on Friday 2026-03-27' '
	cpl --officer alice log --complainant "A Resident" --service Waste \
		--channel email --summary "Missed bin" --received 2026-03-27 >out &&
	test "$(cat out)" = "$ref"
'

test_on 'life logged' 'stage 1 ack_due spans Easter; no response_due before the ack' '
	# received Fri 2026-03-27; 5 wd: Mon 30, Tue 31 Mar, Wed 1, Thu 2 Apr,
	# (Fri 3 Good Friday, Mon 6 Easter Monday skipped), Tue 7 Apr -> 2026-04-07;
	# the response is counted from the acknowledgement, which has not
	# been made
	case_is "$ref" .status=open .stage=1 .policy=psps \
	    .received=2026-03-27 .officer=alice .closed=null \
	    .close_reason=null ".stages[0].stage=1" \
	    ".stages[0].opened=2026-03-27" ".stages[0].officer=alice" \
	    ".stages[0].ack_due=2026-04-07" ".stages[0].response_due=null" \
	    ".stages[0].response_target=null" ".stages[0].acknowledged=null"
'

test_on 'life logged' 'list --format csv: acknowledge due 2026-04-07' '
	row_is "$ref" "$ref,psps,complaint,open,1,2026-03-27,acknowledge,2026-04-07,alice,Waste"
'

test_on 'life logged' 'ack on Thursday 2026-04-02 sets response_due across Easter' '
	cpl --officer alice ack "$ref" --date 2026-04-02 &&
	# acknowledged Thu 2026-04-02; 10 wd: (Fri 3, Mon 6 skipped) Tue 7,
	# Wed 8, Thu 9, Fri 10, Mon 13 .. Fri 17 (9), Mon 20 -> 2026-04-20
	case_is "$ref" ".stages[0].acknowledged=2026-04-02" \
	    ".stages[0].ack_due=2026-04-07" \
	    ".stages[0].response_due=2026-04-20"
'

test_on 'life ack' 'list --format csv: respond due 2026-04-20' '
	row_is "$ref" "$ref,psps,complaint,open,1,2026-03-27,respond,2026-04-20,alice,Waste"
'

test_on 'life ack' 'a 4-day extension moves response_due by 4 wd' '
	cpl --officer alice extend "$ref" --days 4 --told --reason "Contractor records awaited" \
		--date 2026-04-15 &&
	# 2026-04-20 + 4 wd: Tue 21, Wed 22, Thu 23, Fri 24 -> 2026-04-24
	case_is "$ref" ".stages[0].response_due=2026-04-24" \
	    ".stages[0].extensions[0].days=4" \
	    ".stages[0].extensions[0].reason=Contractor records awaited"
'

test_on 'life extend4' 'an extension past the 10 wd cap (4 + 7) is refused, db unchanged' '
	refused 1 psps cpl --officer alice extend "$ref" --days 7 --told \
		--reason "More time" --date 2026-04-16 &&
	grep -q "10 working days" err
'

test_on 'life extend4' 'an extension up to the cap (4 + 6 = 10) is allowed, across early May' '
	cpl --officer alice extend "$ref" --days 6 --told --reason "Site visit needed" \
		--date 2026-04-22 &&
	# 2026-04-24 + 6 wd: Mon 27, Tue 28, Wed 29, Thu 30 Apr, Fri 1 May,
	# (Mon 4 May bank holiday skipped) Tue 5 May -> 2026-05-05
	case_is "$ref" ".stages[0].response_due=2026-05-05" \
	    ".stages[0].extensions[1].days=6"
'

test_on 'life extend6' 'with the cap used up, even 1 more day is refused, db unchanged' '
	refused 1 psps cpl --officer alice extend "$ref" --days 1 --told \
		--reason "One more day" --date 2026-04-23
'

test_on 'life extend6' 'escalating before the stage 1 response is refused' '
	refused 1 "stage 1" cpl --officer alice escalate "$ref" --date 2026-04-23
'

test_on 'life extend6' 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome partly-upheld \
		--remedy "Apology" --remedy "Bin collected" \
		--learning "Crews to report blocked access" --date 2026-05-01 &&
	case_is "$ref" ".stages[0].responded=2026-05-01" \
	    ".stages[0].outcome=partly-upheld" \
	    ".stages[0].remedies=[\"Apology\", \"Bin collected\"]" \
	    ".stages[0].learning=[\"Crews to report blocked access\"]" \
	    .status=open .stage=1
'

test_on 'life respond' 'list --format csv: nothing to do once stage 1 is answered' '
	row_is "$ref" "$ref,psps,complaint,open,1,2026-03-27,none,,alice,Waste"
'

test_on 'life respond' 'escalate without a reason (psps needs none)' '
	cpl --officer alice escalate "$ref" --date 2026-05-05 &&
	# alice answered stage 1, so stage 2 waits for someone else (no
	# officer); request Tue 2026-05-05; 5 wd: Wed 6, Thu 7, Fri 8, Mon 11,
	# Tue 12 -> 2026-05-12; the response is counted from the stage 2
	# acknowledgement, not yet made; stage 1 keeps its dates
	case_is "$ref" .stage=2 .status=open ".stages[1].stage=2" \
	    ".stages[1].opened=2026-05-05" ".stages[1].officer=null" \
	    ".stages[1].ack_due=2026-05-12" ".stages[1].response_due=null" \
	    ".stages[0].response_due=2026-05-05" ".stages[0].officer=alice"
'

test_on 'life escalate' 'list --format csv: stage 2 acknowledge due 2026-05-12, no officer' '
	row_is "$ref" "$ref,psps,complaint,open,2,2026-03-27,acknowledge,2026-05-12,,Waste"
'

test_on 'life escalate' 'the stage 1 responder may not acknowledge stage 2' '
	refused 1 psps cpl --officer alice ack "$ref" --date 2026-05-11 &&
	grep -q alice err
'

test_on 'life escalate' 'stage 2 may not be assigned to the stage 1 responder' '
	refused 1 psps cpl --officer bob assign "$ref" --to alice --date 2026-05-11
'

test_on 'life escalate' 'another officer acknowledges stage 2; response_due spans late May' '
	cpl --officer bob ack "$ref" --date 2026-05-11 &&
	# acknowledged Mon 2026-05-11; 20 wd: Tue 12 .. Fri 15 (4), Mon 18 ..
	# Fri 22 (9), (Mon 25 spring bank holiday skipped) Tue 26 .. Fri 29 (13),
	# Mon 1 .. Fri 5 Jun (18), Mon 8 (19), Tue 9 Jun -> 2026-06-09
	case_is "$ref" ".stages[1].acknowledged=2026-05-11" \
	    ".stages[1].officer=bob" .officer=bob \
	    ".stages[1].ack_due=2026-05-12" \
	    ".stages[1].response_due=2026-06-09"
'

test_on 'life ack2' 'list --format csv: stage 2 respond due 2026-06-09, bob' '
	row_is "$ref" "$ref,psps,complaint,open,2,2026-03-27,respond,2026-06-09,bob,Waste"
'

test_on 'life ack2' 'a stage 2 extension past the 20 wd cap is refused, db unchanged' '
	refused 1 "20 working days" cpl --officer bob extend "$ref" --days 21 \
		--told --reason "Complex" --date 2026-06-01
'

test_on 'life ack2' 'a 5-day stage 2 extension moves response_due by 5 wd' '
	cpl --officer bob extend "$ref" --days 5 --told --reason "Legal advice awaited" \
		--date 2026-06-01 &&
	# 2026-06-09 + 5 wd: Wed 10, Thu 11, Fri 12, Mon 15, Tue 16 -> 2026-06-16;
	# stage 1 is untouched
	case_is "$ref" ".stages[1].response_due=2026-06-16" \
	    ".stages[1].extensions[0].days=5" \
	    ".stages[0].response_due=2026-05-05"
'

test_on 'life extend2' 'the stage 1 responder may not respond at stage 2' '
	refused 1 psps cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-12
'

test_on 'life extend2' 'bob responds at stage 2' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-06-12 &&
	case_is "$ref" ".stages[1].responded=2026-06-12" \
	    ".stages[1].outcome=not-upheld" \
	    ".stages[0].outcome=partly-upheld"
'

test_on 'life respond2' 'escalating past the last stage is refused and names the ombudsman' '
	refused 1 "Local Government and Social Care Ombudsman" \
		cpl --officer bob escalate "$ref" --reason "Still unhappy" \
		--date 2026-06-15
'

test_on 'life respond2' 'close --reason resolved' '
	cpl --officer bob close "$ref" --reason resolved --date 2026-06-15 &&
	case_is "$ref" .status=closed .stage=2 .closed=2026-06-15 \
	    .close_reason=resolved ".stages[0].officer=alice" \
	    ".stages[1].officer=bob"
'

test_on 'life close' 'the history holds every change, and no refused one' '
	test_must_fail 1 cpl --officer alice extend "$ref" --days 7 --told \
		--reason "More time" --date 2026-06-16 2>err &&
	case_is "$ref" "actions=logged acknowledged extended extended responded escalated acknowledged extended responded closed" \
	    ".history[6].officer=bob" ".history[6].stage=2" \
	    ".history[6].date=2026-05-11"
'

test_on 'life close' 'list --format csv: the closed case has nothing due' '
	row_is "$ref" "$ref,psps,complaint,closed,2,2026-03-27,none,,bob,Waste"
'

test_on 'life close' 'a closed case cannot be acknowledged' '
	refused 1 closed cpl --officer bob ack "$ref" --date 2026-06-16
'

# The response clock starts at the acknowledgement: before it there is no
# deadline in force to extend (complaints(1), Working days: "adds N working
# days to the deadline in force"; complaints-extend(1)).
test_on 'fresh_store psps' 'extending before the acknowledgement is refused, db unchanged' '
	cpl --officer alice log --complainant "B Resident" --summary "Fence" \
		--received 2026-06-01 >out &&
	ref_noack=$(cat out) &&
	refused 1 "$ref_noack\\|psps" cpl --officer alice extend "$ref_noack" \
		--days 3 --told --reason "Early" --date 2026-06-02
'

test_on 'fresh_store psps' 'a case received on Saturday 2026-01-10' '
	cpl --officer alice log --complainant "C Resident" --summary "Noise" \
		--received 2026-01-10 >out &&
	ref_sat=$(cat out) &&
	# received Sat 2026-01-10; 5 wd: Mon 12, Tue 13, Wed 14, Thu 15, Fri 16
	# -> 2026-01-16 (the same as for Friday 2026-01-09, complaints(1),
	# Working days)
	case_is "$ref_sat" ".stages[0].ack_due=2026-01-16" \
	    ".stages[0].response_due=null" &&
	cpl --officer alice ack "$ref_sat" --date 2026-01-14 &&
	cpl show "$ref_sat" --format json >case.json &&
	# acknowledged Wed 2026-01-14; 10 wd: Thu 15, Fri 16, Mon 19 .. Fri 23 (7),
	# Mon 26, Tue 27, Wed 28 -> 2026-01-28
	test "$(jfield .stages[0].response_due <case.json)" = 2026-01-28
'

test_on 'fresh_store psps' 'a case across Christmas 2026' '
	cpl --officer alice log --complainant "D Resident" --summary "Potholes" \
		--received 2026-12-18 >out &&
	ref_xmas=$(cat out) &&
	cpl show "$ref_xmas" --format json >case.json &&
	# received Fri 2026-12-18; 5 wd: Mon 21, Tue 22, Wed 23, Thu 24,
	# (Fri 25 Christmas, Mon 28 Boxing Day substitute skipped) Tue 29 -> 2026-12-29
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-12-29 &&
	cpl --officer alice ack "$ref_xmas" --date 2026-12-24 &&
	cpl show "$ref_xmas" --format json >case.json &&
	# acknowledged Thu 2026-12-24; 10 wd: Tue 29, Wed 30, Thu 31,
	# (Fri 1 Jan 2027 New Year skipped) Mon 4 .. Fri 8 (8), Mon 11, Tue 12
	# -> 2027-01-12
	test "$(jfield .stages[0].response_due <case.json)" = 2027-01-12 &&
	row_is "$ref_xmas" "$ref_xmas,psps,complaint,open,1,2026-12-18,respond,2027-01-12,alice,"
'

test_done
