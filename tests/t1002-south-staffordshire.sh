#!/bin/sh
# t1002-south-staffordshire.sh: a complaint's whole life under South
# Staffordshire's policy (south-staffordshire.yaml), every deadline checked
# against a date worked out by hand.
#
# South Staffordshire (SPEC section 5): stage 1 acknowledge 5 wd and respond
# 10 wd, both from received, extensions uncapped; stage 2 must be asked for
# within 20 wd of the stage 1 response, reasons not required, acknowledge
# 5 wd and respond 20 wd from the request; no rule on the stage 2 officer;
# then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

test_expect_success 'init sets south-staffordshire as the default policy' '
	cpl init --policy south-staffordshire
'

test_expect_success 'log a complaint received on Saturday 2026-05-02' '
	cpl --officer alice log --complainant "A Resident" --service Planning \
		--channel letter --summary "Enforcement ignored" \
		--received 2026-05-02 >out &&
	ref=$(cat out) &&
	test "$ref" = SSC-2026-00001
'

test_expect_success 'stage 1 deadlines of a Saturday receipt span the early May holiday' '
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stage <case.json)" = 1 &&
	test "$(jfield .policy <case.json)" = south-staffordshire &&
	test "$(jfield .received <case.json)" = 2026-05-02 &&
	test "$(jfield .officer <case.json)" = alice &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	test "$(jfield .stages[0].opened <case.json)" = 2026-05-02 &&
	# received Sat 2026-05-02 (the Saturday itself does not count);
	# 5 wd: (Mon 4 May bank holiday skipped) Tue 5, Wed 6, Thu 7, Fri 8,
	# Mon 11 -> 2026-05-11
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-05-11 &&
	# 10 wd from received: Tue 5 .. Fri 8 (4), Mon 11 .. Fri 15 (9),
	# Mon 18 -> 2026-05-18
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-18 &&
	test "$(jfield .stages[0].response_target <case.json)" = null
'

test_expect_success 'list --format csv: acknowledge due 2026-05-11' '
	csv_row "$ref" >row &&
	echo "$ref,south-staffordshire,complaint,open,1,2026-05-02,acknowledge,2026-05-11,alice,Planning" >expect &&
	test_cmp expect row
'

test_expect_success 'ack does not move the response deadline (counted from received)' '
	cpl --officer alice ack "$ref" --date 2026-05-06 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-05-06 &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-05-11 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-18
'

test_expect_success 'list --format csv: respond due 2026-05-18' '
	csv_row "$ref" >row &&
	echo "$ref,south-staffordshire,complaint,open,1,2026-05-02,respond,2026-05-18,alice,Planning" >expect &&
	test_cmp expect row
'

test_expect_success 'extensions (no cap) move response_due, across late May' '
	cpl --officer alice extend "$ref" --days 3 --told --reason "Site visit" \
		--date 2026-05-14 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-05-18 + 3 wd: Tue 19, Wed 20, Thu 21 -> 2026-05-21
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-21 &&
	cpl --officer alice extend "$ref" --days 2 --told --reason "Officer off sick" \
		--date 2026-05-19 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-05-21 + 2 wd: Fri 22, (Mon 25 spring bank holiday skipped)
	# Tue 26 -> 2026-05-26
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-26 &&
	test "$(jfield .stages[0].extensions[0].days <case.json)" = 3 &&
	test "$(jfield .stages[0].extensions[1].days <case.json)" = 2 &&
	test "$(jfield .stages[0].extensions[1].reason <case.json)" = "Officer off sick"
'

test_expect_success 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome not-upheld --date 2026-05-20 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].responded <case.json)" = 2026-05-20 &&
	test "$(jfield .stages[0].outcome <case.json)" = not-upheld
'

test_expect_success 'a stage 2 request more than 20 wd after the response is refused' '
	dump_db >before &&
	# responded Wed 2026-05-20; 20 wd: Thu 21, Fri 22, (Mon 25 skipped)
	# Tue 26 .. Fri 29 (6), Mon 1 .. Fri 5 Jun (11), Mon 8 .. Fri 12 (16),
	# Mon 15, Tue 16, Wed 17, Thu 18 Jun (20): the last day is 2026-06-18,
	# so Fri 2026-06-19 is too late
	test_must_fail 1 cpl --officer alice escalate "$ref" \
		--reason "Nothing has changed" --date 2026-06-19 2>err &&
	one_line_error err "south-staffordshire" &&
	grep -q "20 working days" err &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a stage 2 request on the last day allowed, with no reason, is taken' '
	cpl --officer alice escalate "$ref" --date 2026-06-18 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stages[1].opened <case.json)" = 2026-06-18 &&
	# request Thu 2026-06-18; 5 wd: Fri 19, Mon 22, Tue 23, Wed 24,
	# Thu 25 -> 2026-06-25
	test "$(jfield .stages[1].ack_due <case.json)" = 2026-06-25 &&
	# 20 wd from the request: Fri 19 (1), Mon 22 .. Fri 26 (6),
	# Mon 29 Jun .. Fri 3 Jul (11), Mon 6 .. Fri 10 (16), Mon 13, Tue 14,
	# Wed 15, Thu 16 Jul -> 2026-07-16
	test "$(jfield .stages[1].response_due <case.json)" = 2026-07-16 &&
	test "$(jfield .stages[1].response_target <case.json)" = null &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-26
'

test_expect_success 'list --format csv: stage 2 acknowledge due 2026-06-25' '
	csv_row "$ref" >row &&
	grep -q "^$ref,south-staffordshire,complaint,open,2,2026-05-02,acknowledge,2026-06-25," row
'

test_expect_success 'no different-officer rule: the stage 1 officer may acknowledge stage 2' '
	cpl --officer alice ack "$ref" --date 2026-06-22 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].acknowledged <case.json)" = 2026-06-22 &&
	test "$(jfield .stages[1].officer <case.json)" = alice &&
	test "$(jfield .stages[1].response_due <case.json)" = 2026-07-16
'

test_expect_success 'list --format csv: stage 2 respond due 2026-07-16' '
	csv_row "$ref" >row &&
	echo "$ref,south-staffordshire,complaint,open,2,2026-05-02,respond,2026-07-16,alice,Planning" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 officer may respond at stage 2 too' '
	cpl --officer alice respond "$ref" --outcome partly-upheld \
		--remedy "Enforcement visit booked" --date 2026-07-10 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].responded <case.json)" = 2026-07-10 &&
	test "$(jfield .stages[1].outcome <case.json)" = partly-upheld
'

test_expect_success 'escalating past stage 2 is refused and names the ombudsman' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice escalate "$ref" --date 2026-07-13 2>err &&
	one_line_error err "Local Government and Social Care Ombudsman" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'close --reason resolved' '
	cpl --officer alice close "$ref" --reason resolved --date 2026-07-14 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .closed <case.json)" = 2026-07-14 &&
	test "$(jfield .close_reason <case.json)" = resolved &&
	test "$(jfield .stages[0].outcome <case.json)" = not-upheld &&
	test "$(jfield .stages[1].outcome <case.json)" = partly-upheld &&
	echo "logged acknowledged extended extended responded escalated acknowledged responded closed" >expect &&
	hist_actions <case.json >actions &&
	test_cmp expect actions
'

test_expect_success 'list --format csv: the closed case has nothing due' '
	csv_row "$ref" >row &&
	echo "$ref,south-staffordshire,complaint,closed,2,2026-05-02,none,,alice,Planning" >expect &&
	test_cmp expect row
'

test_expect_success 'a case across Easter 2026' '
	cpl --officer alice log --complainant "B Resident" --summary "Leisure centre" \
		--received 2026-04-01 >out &&
	ref_easter=$(cat out) &&
	cpl show "$ref_easter" --format json >case.json &&
	# received Wed 2026-04-01; 5 wd: Thu 2, (Fri 3 Good Friday, Mon 6
	# Easter Monday skipped) Tue 7, Wed 8, Thu 9, Fri 10 -> 2026-04-10
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-04-10 &&
	# 10 wd: Thu 2, Tue 7 .. Fri 10 (5), Mon 13 .. Fri 17 (10) -> 2026-04-17
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-17
'

test_expect_success 'a case across Christmas 2026' '
	cpl --officer alice log --complainant "C Resident" --summary "Street lights" \
		--received 2026-12-21 >out &&
	ref_xmas=$(cat out) &&
	cpl show "$ref_xmas" --format json >case.json &&
	# received Mon 2026-12-21; 5 wd: Tue 22, Wed 23, Thu 24, (Fri 25
	# Christmas, Mon 28 Boxing Day substitute skipped) Tue 29, Wed 30
	# -> 2026-12-30
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-12-30 &&
	# 10 wd: Tue 22, Wed 23, Thu 24, Tue 29, Wed 30, Thu 31 (6), (Fri 1 Jan
	# New Year skipped) Mon 4, Tue 5, Wed 6, Thu 7 Jan -> 2027-01-07
	test "$(jfield .stages[0].response_due <case.json)" = 2027-01-07 &&
	csv_row "$ref_xmas" >row &&
	echo "$ref_xmas,south-staffordshire,complaint,open,1,2026-12-21,acknowledge,2026-12-30,alice," >expect &&
	test_cmp expect row
'

test_done
