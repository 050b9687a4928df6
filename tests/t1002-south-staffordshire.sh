#!/bin/sh
# t1002-south-staffordshire.sh: a complaint's whole life under South
# Staffordshire's policy (south-staffordshire.yaml), every deadline checked
# against a date worked out by hand.
#
# South Staffordshire (seed 001 §5, as south-staffordshire.yaml cites it):
# stage 1 acknowledge 5 wd and respond 10 wd, both from received, extensions
# uncapped; stage 2 must be asked for within 20 wd of the stage 1 response,
# reasons not required, acknowledge 5 wd and respond 20 wd from the request;
# no rule on the stage 2 officer; then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

# The complaint whose life this file follows.
ref=SSC-2026-00001

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP.
life() {
	story_to "$1" && fresh_store south-staffordshire &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --service Planning --channel letter --summary "Enforcement ignored" \
	    --received 2026-05-02 &&
	step ack cpl --officer alice ack "$ref" --date 2026-05-06 &&
	step extend3 cpl --officer alice extend "$ref" --days 3 --told \
	    --reason "Site visit" --date 2026-05-14 &&
	step extend2 cpl --officer alice extend "$ref" --days 2 --told \
	    --reason "Officer off sick" --date 2026-05-19 &&
	step respond cpl --officer alice respond "$ref" --outcome not-upheld \
	    --date 2026-05-20 &&
	step escalate cpl --officer alice escalate "$ref" --date 2026-06-18 &&
	step ack2 cpl --officer alice ack "$ref" --date 2026-06-22 &&
	step respond2 cpl --officer alice respond "$ref" --outcome partly-upheld \
	    --remedy "Enforcement visit booked" --date 2026-07-10 &&
	step close cpl --officer alice close "$ref" --reason resolved \
	    --date 2026-07-14 &&
	story_end
}

test_expect_success 'init sets south-staffordshire as the default policy' '
	test_dir &&
	cpl init --policy south-staffordshire &&
	test "$(cpl log --anonymous --summary s --received 2026-05-02)" = "$ref"
'

test_on 'fresh_store south-staffordshire' 'log a complaint received on Saturday 2026-05-02' '
	cpl --officer alice log --complainant "A Resident" --service Planning \
		--channel letter --summary "Enforcement ignored" \
		--received 2026-05-02 >out &&
	test "$(cat out)" = "$ref"
'

test_on 'life logged' 'stage 1 deadlines of a Saturday receipt span the early May holiday' '
	# received Sat 2026-05-02 (the Saturday itself does not count);
	# 5 wd: (Mon 4 May bank holiday skipped) Tue 5, Wed 6, Thu 7, Fri 8,
	# Mon 11 -> 2026-05-11
	# 10 wd from received: Tue 5 .. Fri 8 (4), Mon 11 .. Fri 15 (9),
	# Mon 18 -> 2026-05-18
	case_is "$ref" .status=open .stage=1 .policy=south-staffordshire \
	    .received=2026-05-02 .officer=alice ".stages[0].officer=alice" \
	    ".stages[0].opened=2026-05-02" ".stages[0].ack_due=2026-05-11" \
	    ".stages[0].response_due=2026-05-18" \
	    ".stages[0].response_target=null"
'

test_on 'life logged' 'list --format csv: acknowledge due 2026-05-11' '
	row_is "$ref" "$ref,south-staffordshire,complaint,open,1,2026-05-02,acknowledge,2026-05-11,alice,Planning"
'

test_on 'life logged' 'ack does not move the response deadline (counted from received)' '
	cpl --officer alice ack "$ref" --date 2026-05-06 &&
	case_is "$ref" ".stages[0].acknowledged=2026-05-06" \
	    ".stages[0].ack_due=2026-05-11" \
	    ".stages[0].response_due=2026-05-18"
'

test_on 'life ack' 'list --format csv: respond due 2026-05-18' '
	row_is "$ref" "$ref,south-staffordshire,complaint,open,1,2026-05-02,respond,2026-05-18,alice,Planning"
'

test_on 'life ack' 'extensions (no cap) move response_due, across late May' '
	cpl --officer alice extend "$ref" --days 3 --told --reason "Site visit" \
		--date 2026-05-14 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-05-18 + 3 wd: Tue 19, Wed 20, Thu 21 -> 2026-05-21
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-21 &&
	cpl --officer alice extend "$ref" --days 2 --told --reason "Officer off sick" \
		--date 2026-05-19 &&
	# 2026-05-21 + 2 wd: Fri 22, (Mon 25 spring bank holiday skipped)
	# Tue 26 -> 2026-05-26
	case_is "$ref" ".stages[0].response_due=2026-05-26" \
	    ".stages[0].extensions[0].days=3" \
	    ".stages[0].extensions[1].days=2" \
	    ".stages[0].extensions[1].reason=Officer off sick"
'

test_on 'life extend2' 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome not-upheld --date 2026-05-20 &&
	case_is "$ref" ".stages[0].responded=2026-05-20" \
	    ".stages[0].outcome=not-upheld"
'

test_on 'life respond' 'a stage 2 request more than 20 wd after the response is refused' '
	# responded Wed 2026-05-20; 20 wd: Thu 21, Fri 22, (Mon 25 skipped)
	# Tue 26 .. Fri 29 (6), Mon 1 .. Fri 5 Jun (11), Mon 8 .. Fri 12 (16),
	# Mon 15, Tue 16, Wed 17, Thu 18 Jun (20): the last day is 2026-06-18,
	# so Fri 2026-06-19 is too late
	refused 1 south-staffordshire cpl --officer alice escalate "$ref" \
		--reason "Nothing has changed" --date 2026-06-19 &&
	grep -q "20 working days" err
'

test_on 'life respond' 'a stage 2 request on the last day allowed, with no reason, is taken' '
	cpl --officer alice escalate "$ref" --date 2026-06-18 &&
	# request Thu 2026-06-18; 5 wd: Fri 19, Mon 22, Tue 23, Wed 24,
	# Thu 25 -> 2026-06-25
	# 20 wd from the request: Fri 19 (1), Mon 22 .. Fri 26 (6),
	# Mon 29 Jun .. Fri 3 Jul (11), Mon 6 .. Fri 10 (16), Mon 13, Tue 14,
	# Wed 15, Thu 16 Jul -> 2026-07-16
	case_is "$ref" .stage=2 .status=open ".stages[1].opened=2026-06-18" \
	    ".stages[1].ack_due=2026-06-25" \
	    ".stages[1].response_due=2026-07-16" \
	    ".stages[1].response_target=null" \
	    ".stages[0].response_due=2026-05-26"
'

test_on 'life escalate' 'list --format csv: stage 2 acknowledge due 2026-06-25' '
	csv_row "$ref" >row &&
	grep -q "^$ref,south-staffordshire,complaint,open,2,2026-05-02,acknowledge,2026-06-25," row
'

test_on 'life escalate' 'no different-officer rule: the stage 1 officer may acknowledge stage 2' '
	cpl --officer alice ack "$ref" --date 2026-06-22 &&
	case_is "$ref" ".stages[1].acknowledged=2026-06-22" \
	    ".stages[1].officer=alice" ".stages[1].response_due=2026-07-16"
'

test_on 'life ack2' 'list --format csv: stage 2 respond due 2026-07-16' '
	row_is "$ref" "$ref,south-staffordshire,complaint,open,2,2026-05-02,respond,2026-07-16,alice,Planning"
'

test_on 'life ack2' 'the stage 1 officer may respond at stage 2 too' '
	cpl --officer alice respond "$ref" --outcome partly-upheld \
		--remedy "Enforcement visit booked" --date 2026-07-10 &&
	case_is "$ref" ".stages[1].responded=2026-07-10" \
	    ".stages[1].outcome=partly-upheld"
'

test_on 'life respond2' 'escalating past stage 2 is refused and names the ombudsman' '
	refused 1 "Local Government and Social Care Ombudsman" \
		cpl --officer alice escalate "$ref" --date 2026-07-13
'

test_on 'life respond2' 'close --reason resolved' '
	cpl --officer alice close "$ref" --reason resolved --date 2026-07-14 &&
	case_is "$ref" .status=closed .stage=2 .closed=2026-07-14 \
	    .close_reason=resolved ".stages[0].outcome=not-upheld" \
	    ".stages[1].outcome=partly-upheld" \
	    "actions=logged acknowledged extended extended responded escalated acknowledged responded closed"
'

test_on 'life close' 'list --format csv: the closed case has nothing due' '
	row_is "$ref" "$ref,south-staffordshire,complaint,closed,2,2026-05-02,none,,alice,Planning"
'

test_on 'fresh_store south-staffordshire' 'a case across Easter 2026' '
	cpl --officer alice log --complainant "B Resident" --summary "Leisure centre" \
		--received 2026-04-01 >out &&
	ref_easter=$(cat out) &&
	# received Wed 2026-04-01; 5 wd: Thu 2, (Fri 3 Good Friday, Mon 6
	# Easter Monday skipped) Tue 7, Wed 8, Thu 9, Fri 10 -> 2026-04-10
	# 10 wd: Thu 2, Tue 7 .. Fri 10 (5), Mon 13 .. Fri 17 (10) -> 2026-04-17
	case_is "$ref_easter" ".stages[0].ack_due=2026-04-10" \
	    ".stages[0].response_due=2026-04-17"
'

test_on 'fresh_store south-staffordshire' 'a case across Christmas 2026' '
	cpl --officer alice log --complainant "C Resident" --summary "Street lights" \
		--received 2026-12-21 >out &&
	ref_xmas=$(cat out) &&
	# received Mon 2026-12-21; 5 wd: Tue 22, Wed 23, Thu 24, (Fri 25
	# Christmas, Mon 28 Boxing Day substitute skipped) Tue 29, Wed 30
	# -> 2026-12-30
	# 10 wd: Tue 22, Wed 23, Thu 24, Tue 29, Wed 30, Thu 31 (6), (Fri 1 Jan
	# New Year skipped) Mon 4, Tue 5, Wed 6, Thu 7 Jan -> 2027-01-07
	case_is "$ref_xmas" ".stages[0].ack_due=2026-12-30" \
	    ".stages[0].response_due=2027-01-07" &&
	row_is "$ref_xmas" "$ref_xmas,south-staffordshire,complaint,open,1,2026-12-21,acknowledge,2026-12-30,alice,"
'

test_done
