#!/bin/sh
# t1004-southampton.sh: a complaint's whole life under Southampton's policy
# (southampton.yaml), every deadline checked against a date worked out by
# hand.
#
# Southampton (SPEC section 5): no acknowledgement timescale at either stage;
# stage 1 (service recovery) respond 10 wd from received, extensions not
# capped; stage 2 needs written reasons, respond 20 wd from the request,
# extendable to 30 wd in all (cap: 10 wd of extension), by an officer other
# than the stage 1 responder; then the LGSCO or the Housing Ombudsman.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

test_expect_success 'init sets southampton as the default policy' '
	cpl init --policy southampton
'

test_expect_success 'log a complaint received on Saturday 2026-04-04 (Easter weekend)' '
	cpl --officer alice log --complainant "A Resident" --service "Adult Social Care" \
		--channel web --summary "Care visit missed" --received 2026-04-04 >out &&
	ref=$(cat out) &&
	test "$ref" = SCC-2026-00001
'

test_expect_success 'stage 1: no ack_due; response_due spans Easter Monday' '
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stage <case.json)" = 1 &&
	test "$(jfield .policy <case.json)" = southampton &&
	test "$(jfield .received <case.json)" = 2026-04-04 &&
	test "$(jfield .officer <case.json)" = alice &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	# the policy sets no acknowledgement timescale
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	# received Sat 2026-04-04; 10 wd: (Mon 6 Easter Monday skipped) Tue 7,
	# Wed 8, Thu 9, Fri 10 (4), Mon 13 .. Fri 17 (9), Mon 20 -> 2026-04-20
	# (the same as from Good Friday 2026-04-03)
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-20 &&
	test "$(jfield .stages[0].response_target <case.json)" = null
'

test_expect_success 'list --format csv: the next action is respond, due 2026-04-20' '
	csv_row "$ref" >row &&
	echo "$ref,southampton,complaint,open,1,2026-04-04,respond,2026-04-20,alice,Adult Social Care" >expect &&
	test_cmp expect row
'

test_expect_success 'a stage with no ack timescale can still be acknowledged' '
	cpl --officer alice ack "$ref" --date 2026-04-07 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-04-07 &&
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-20
'

test_expect_success 'stage 1 extensions are not capped: 12 wd, across early May' '
	cpl --officer alice extend "$ref" --days 12 --told --reason "Provider records" \
		--date 2026-04-16 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-04-20 + 12 wd: Tue 21 .. Fri 24 (4), Mon 27 .. Thu 30 (8),
	# Fri 1 May (9), (Mon 4 May bank holiday skipped) Tue 5, Wed 6,
	# Thu 7 -> 2026-05-07
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-07 &&
	test "$(jfield .stages[0].extensions[0].days <case.json)" = 12
'

test_expect_success 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome not-upheld --date 2026-05-06 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].responded <case.json)" = 2026-05-06 &&
	test "$(jfield .stages[0].outcome <case.json)" = not-upheld
'

test_expect_success 'escalating without written reasons is refused, db unchanged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice escalate "$ref" --date 2026-05-11 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'escalate with reasons on Monday 2026-05-11; stage 2 spans late May' '
	cpl --officer alice escalate "$ref" --reason "Visits still missed" \
		--date 2026-05-11 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .stages[1].opened <case.json)" = 2026-05-11 &&
	test "$(jfield .stages[1].officer <case.json)" = null &&
	test "$(jfield .stages[1].ack_due <case.json)" = null &&
	# request Mon 2026-05-11; 20 wd: Tue 12 .. Fri 15 (4), Mon 18 .. Fri 22
	# (9), (Mon 25 spring bank holiday skipped) Tue 26 .. Fri 29 (13),
	# Mon 1 .. Fri 5 Jun (18), Mon 8, Tue 9 -> 2026-06-09
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-09 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-07
'

test_expect_success 'list --format csv: stage 2 respond due 2026-06-09, no officer' '
	csv_row "$ref" >row &&
	echo "$ref,southampton,complaint,open,2,2026-04-04,respond,2026-06-09,,Adult Social Care" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 responder may not acknowledge stage 2' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice ack "$ref" --date 2026-05-12 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'stage 2 may not be assigned to the stage 1 responder' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice assign "$ref" --to alice \
		--date 2026-05-11 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'assign stage 2 to a senior manager; dave acknowledges' '
	cpl --officer alice assign "$ref" --to dave --date 2026-05-11 &&
	cpl --officer dave ack "$ref" --date 2026-05-12 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].officer <case.json)" = dave &&
	test "$(jfield .officer <case.json)" = dave &&
	test "$(jfield .stages[1].acknowledged <case.json)" = 2026-05-12 &&
	test "$(jfield .stages[1].ack_due <case.json)" = null &&
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-09
'

test_expect_success 'a stage 2 extension of 11 wd (over the 10 wd cap) is refused' '
	dump_db >before &&
	test_must_fail 1 cpl --officer dave extend "$ref" --days 11 --told \
		--reason "Complex" --date 2026-06-01 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a 6 wd stage 2 extension moves response_due by 6 wd' '
	cpl --officer dave extend "$ref" --days 6 --told --reason "Complex: notified in writing" \
		--date 2026-06-01 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-06-09 + 6 wd: Wed 10, Thu 11, Fri 12, Mon 15, Tue 16,
	# Wed 17 -> 2026-06-17
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-17
'

test_expect_success '5 more (11 in all) is refused, db unchanged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer dave extend "$ref" --days 5 --told \
		--reason "More" --date 2026-06-08 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success '4 more (10 in all, 30 wd for the stage) is allowed' '
	cpl --officer dave extend "$ref" --days 4 --told --reason "Expert report" \
		--date 2026-06-08 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-06-17 + 4 wd: Thu 18, Fri 19, Mon 22, Tue 23 -> 2026-06-23,
	# which is 30 wd from the request (2026-06-09 was the 20th)
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-23 &&
	test "$(jfield .stages[1].extensions[0].days <case.json)" = 6 &&
	test "$(jfield .stages[1].extensions[1].days <case.json)" = 4
'

test_expect_success 'list --format csv: stage 2 respond due 2026-06-23, dave' '
	csv_row "$ref" >row &&
	echo "$ref,southampton,complaint,open,2,2026-04-04,respond,2026-06-23,dave,Adult Social Care" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 responder may not respond at stage 2' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-22 2>err &&
	one_line_error err "southampton" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'dave responds at stage 2' '
	cpl --officer dave respond "$ref" --outcome upheld --remedy "Apology" \
		--remedy "Care plan reviewed" --date 2026-06-22 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].responded <case.json)" = 2026-06-22 &&
	test "$(jfield .stages[1].outcome <case.json)" = upheld
'

test_expect_success 'escalating past stage 2 is refused and names the ombudsman' '
	dump_db >before &&
	test_must_fail 1 cpl --officer dave escalate "$ref" --reason "More" \
		--date 2026-06-23 2>err &&
	one_line_error err "Ombudsman" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'close --reason resolved' '
	cpl --officer dave close "$ref" --reason resolved --date 2026-06-23 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .closed <case.json)" = 2026-06-23 &&
	test "$(jfield .close_reason <case.json)" = resolved &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	test "$(jfield .stages[1].officer <case.json)" = dave &&
	test "$(jfield .stages[0].outcome <case.json)" = not-upheld &&
	test "$(jfield .stages[1].outcome <case.json)" = upheld &&
	echo "logged acknowledged extended responded escalated assigned acknowledged extended extended responded closed" >expect &&
	hist_actions <case.json >actions &&
	test_cmp expect actions
'

test_expect_success 'list --format csv: the closed case has nothing due' '
	csv_row "$ref" >row &&
	echo "$ref,southampton,complaint,closed,2,2026-04-04,none,,dave,Adult Social Care" >expect &&
	test_cmp expect row
'

test_expect_success 'a case across Christmas 2026' '
	cpl --officer alice log --complainant "B Resident" --summary "Housing repair" \
		--received 2026-12-14 >out &&
	ref_xmas=$(cat out) &&
	cpl show "$ref_xmas" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = null &&
	# received Mon 2026-12-14; 10 wd: Tue 15 .. Fri 18 (4), Mon 21 .. Thu 24
	# (8), (Fri 25 Christmas, Mon 28 Boxing Day substitute skipped) Tue 29,
	# Wed 30 -> 2026-12-30
	test "$(jfield .stages[0].response_due <case.json)" = 2026-12-30 &&
	csv_row "$ref_xmas" >row &&
	echo "$ref_xmas,southampton,complaint,open,1,2026-12-14,respond,2026-12-30,alice," >expect &&
	test_cmp expect row
'

test_done
