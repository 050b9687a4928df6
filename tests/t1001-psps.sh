#!/bin/sh
# t1001-psps.sh: a complaint's whole life under PSPS's policy (psps.yaml),
# every deadline checked against a date worked out by hand.
#
# PSPS (SPEC section 5): stage 1 acknowledge 5 wd from received, respond 10 wd
# from the ACKNOWLEDGEMENT, extensions capped at 10 wd; stage 2 acknowledge
# 5 wd from the request, respond 20 wd from the acknowledgement, extensions
# capped at 20 wd, and a different officer from stage 1; then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04,
# Spring Mon 2026-05-25, Christmas Fri 2026-12-25, Boxing Day (substitute)
# Mon 2026-12-28, New Year Fri 2027-01-01.
. "$(dirname "$0")/lib.sh"

# Late enough for the Christmas 2026 case (dates after today are refused).
export COMPLAINTS_TODAY=2027-03-01

test_expect_success 'init sets psps as the default policy' '
	cpl init --policy psps
'

test_expect_success 'log a complaint received on Friday 2026-03-27' '
	cpl --officer alice log --complainant "A Resident" --service Waste \
		--channel email --summary "Missed bin" --received 2026-03-27 >out &&
	ref=$(cat out) &&
	test "$ref" = PSPS-2026-00001
'

test_expect_success 'stage 1 ack_due spans Easter; no response_due before the ack' '
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stage <case.json)" = 1 &&
	test "$(jfield .policy <case.json)" = psps &&
	test "$(jfield .received <case.json)" = 2026-03-27 &&
	test "$(jfield .officer <case.json)" = alice &&
	test "$(jfield .closed <case.json)" = null &&
	test "$(jfield .close_reason <case.json)" = null &&
	test "$(jfield .stages[0].stage <case.json)" = 1 &&
	test "$(jfield .stages[0].opened <case.json)" = 2026-03-27 &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	# received Fri 2026-03-27; 5 wd: Mon 30, Tue 31 Mar, Wed 1, Thu 2 Apr,
	# (Fri 3 Good Friday, Mon 6 Easter Monday skipped), Tue 7 Apr -> 2026-04-07
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-04-07 &&
	# counted from the acknowledgement, which has not been made
	test "$(jfield .stages[0].response_due <case.json)" = null &&
	test "$(jfield .stages[0].response_target <case.json)" = null &&
	test "$(jfield .stages[0].acknowledged <case.json)" = null
'

test_expect_success 'list --format csv: acknowledge due 2026-04-07' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,open,1,2026-03-27,acknowledge,2026-04-07,alice,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'ack on Thursday 2026-04-02 sets response_due across Easter' '
	cpl --officer alice ack "$ref" --date 2026-04-02 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-04-02 &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-04-07 &&
	# acknowledged Thu 2026-04-02; 10 wd: (Fri 3, Mon 6 skipped) Tue 7,
	# Wed 8, Thu 9, Fri 10, Mon 13 .. Fri 17 (9), Mon 20 -> 2026-04-20
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-20
'

test_expect_success 'list --format csv: respond due 2026-04-20' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,open,1,2026-03-27,respond,2026-04-20,alice,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'a 4-day extension moves response_due by 4 wd' '
	cpl --officer alice extend "$ref" --days 4 --told --reason "Contractor records awaited" \
		--date 2026-04-15 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-04-20 + 4 wd: Tue 21, Wed 22, Thu 23, Fri 24 -> 2026-04-24
	test "$(jfield .stages[0].response_due <case.json)" = 2026-04-24 &&
	test "$(jfield .stages[0].extensions[0].days <case.json)" = 4 &&
	test "$(jfield .stages[0].extensions[0].reason <case.json)" = "Contractor records awaited"
'

test_expect_success 'an extension past the 10 wd cap (4 + 7) is refused, db unchanged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice extend "$ref" --days 7 --told \
		--reason "More time" --date 2026-04-16 2>err &&
	one_line_error err "psps" &&
	grep -q "10 working days" err &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'an extension up to the cap (4 + 6 = 10) is allowed, across early May' '
	cpl --officer alice extend "$ref" --days 6 --told --reason "Site visit needed" \
		--date 2026-04-22 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-04-24 + 6 wd: Mon 27, Tue 28, Wed 29, Thu 30 Apr, Fri 1 May,
	# (Mon 4 May bank holiday skipped) Tue 5 May -> 2026-05-05
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-05 &&
	test "$(jfield .stages[0].extensions[1].days <case.json)" = 6
'

test_expect_success 'with the cap used up, even 1 more day is refused, db unchanged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice extend "$ref" --days 1 --told \
		--reason "One more day" --date 2026-04-23 2>err &&
	one_line_error err "psps" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'escalating before the stage 1 response is refused' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice escalate "$ref" --date 2026-04-23 2>err &&
	one_line_error err "stage 1" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'respond at stage 1' '
	cpl --officer alice respond "$ref" --outcome partly-upheld \
		--remedy "Apology" --remedy "Bin collected" \
		--learning "Crews to report blocked access" --date 2026-05-01 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].responded <case.json)" = 2026-05-01 &&
	test "$(jfield .stages[0].outcome <case.json)" = partly-upheld &&
	test "$(jfield .stages[0].remedies <case.json)" = "[\"Apology\", \"Bin collected\"]" &&
	test "$(jfield .stages[0].learning <case.json)" = "[\"Crews to report blocked access\"]" &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stage <case.json)" = 1
'

test_expect_success 'list --format csv: nothing to do once stage 1 is answered' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,open,1,2026-03-27,none,,alice,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'escalate without a reason (psps needs none)' '
	cpl --officer alice escalate "$ref" --date 2026-05-05 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .status <case.json)" = open &&
	test "$(jfield .stages[1].stage <case.json)" = 2 &&
	test "$(jfield .stages[1].opened <case.json)" = 2026-05-05 &&
	# alice answered stage 1, so stage 2 waits for someone else
	test "$(jfield .stages[1].officer <case.json)" = null &&
	# request Tue 2026-05-05; 5 wd: Wed 6, Thu 7, Fri 8, Mon 11, Tue 12 -> 2026-05-12
	test "$(jfield .stages[1].ack_due <case.json)" = 2026-05-12 &&
	# counted from the stage 2 acknowledgement, not yet made
	test "$(jfield .stages[1].response_due <case.json)" = null &&
	# stage 1 keeps its dates
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-05 &&
	test "$(jfield .stages[0].officer <case.json)" = alice
'

test_expect_success 'list --format csv: stage 2 acknowledge due 2026-05-12, no officer' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,open,2,2026-03-27,acknowledge,2026-05-12,,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'the stage 1 responder may not acknowledge stage 2' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice ack "$ref" --date 2026-05-11 2>err &&
	one_line_error err "psps" &&
	grep -q alice err &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'stage 2 may not be assigned to the stage 1 responder' '
	dump_db >before &&
	test_must_fail 1 cpl --officer bob assign "$ref" --to alice --date 2026-05-11 2>err &&
	one_line_error err "psps" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'another officer acknowledges stage 2; response_due spans late May' '
	cpl --officer bob ack "$ref" --date 2026-05-11 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].acknowledged <case.json)" = 2026-05-11 &&
	test "$(jfield .stages[1].officer <case.json)" = bob &&
	test "$(jfield .officer <case.json)" = bob &&
	test "$(jfield .stages[1].ack_due <case.json)" = 2026-05-12 &&
	# acknowledged Mon 2026-05-11; 20 wd: Tue 12 .. Fri 15 (4), Mon 18 ..
	# Fri 22 (9), (Mon 25 spring bank holiday skipped) Tue 26 .. Fri 29 (13),
	# Mon 1 .. Fri 5 Jun (18), Mon 8 (19), Tue 9 Jun -> 2026-06-09
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-09
'

test_expect_success 'list --format csv: stage 2 respond due 2026-06-09, bob' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,open,2,2026-03-27,respond,2026-06-09,bob,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'a stage 2 extension past the 20 wd cap is refused, db unchanged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer bob extend "$ref" --days 21 --told \
		--reason "Complex" --date 2026-06-01 2>err &&
	one_line_error err "20 working days" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a 5-day stage 2 extension moves response_due by 5 wd' '
	cpl --officer bob extend "$ref" --days 5 --told --reason "Legal advice awaited" \
		--date 2026-06-01 &&
	cpl show "$ref" --format json >case.json &&
	# 2026-06-09 + 5 wd: Wed 10, Thu 11, Fri 12, Mon 15, Tue 16 -> 2026-06-16
	test "$(jfield .stages[1].response_due <case.json)" = 2026-06-16 &&
	test "$(jfield .stages[1].extensions[0].days <case.json)" = 5 &&
	# stage 1 is untouched
	test "$(jfield .stages[0].response_due <case.json)" = 2026-05-05
'

test_expect_success 'the stage 1 responder may not respond at stage 2' '
	dump_db >before &&
	test_must_fail 1 cpl --officer alice respond "$ref" --outcome upheld \
		--date 2026-06-12 2>err &&
	one_line_error err "psps" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'bob responds at stage 2' '
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-06-12 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[1].responded <case.json)" = 2026-06-12 &&
	test "$(jfield .stages[1].outcome <case.json)" = not-upheld &&
	test "$(jfield .stages[0].outcome <case.json)" = partly-upheld
'

test_expect_success 'escalating past the last stage is refused and names the ombudsman' '
	dump_db >before &&
	test_must_fail 1 cpl --officer bob escalate "$ref" --reason "Still unhappy" \
		--date 2026-06-15 2>err &&
	one_line_error err "Local Government and Social Care Ombudsman" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'close --reason resolved' '
	cpl --officer bob close "$ref" --reason resolved --date 2026-06-15 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .closed <case.json)" = 2026-06-15 &&
	test "$(jfield .close_reason <case.json)" = resolved &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	test "$(jfield .stages[1].officer <case.json)" = bob
'

test_expect_success 'the history holds every change, and no refused one' '
	cpl show "$ref" --format json >case.json &&
	echo "logged acknowledged extended extended responded escalated acknowledged extended responded closed" >expect &&
	hist_actions <case.json >actions &&
	test_cmp expect actions &&
	test "$(jfield .history[6].officer <case.json)" = bob &&
	test "$(jfield .history[6].stage <case.json)" = 2 &&
	test "$(jfield .history[6].date <case.json)" = 2026-05-11
'

test_expect_success 'list --format csv: the closed case has nothing due' '
	csv_row "$ref" >row &&
	echo "$ref,psps,complaint,closed,2,2026-03-27,none,,bob,Waste" >expect &&
	test_cmp expect row
'

test_expect_success 'a closed case cannot be acknowledged' '
	dump_db >before &&
	test_must_fail 1 cpl --officer bob ack "$ref" --date 2026-06-16 2>err &&
	one_line_error err "closed" &&
	dump_db >after &&
	test_cmp before after
'

# The response clock starts at the acknowledgement: before it there is no
# deadline in force to extend (SPEC section 4: "adds N working days to the
# deadline in force"; complaints-extend(1)).
test_expect_success 'extending before the acknowledgement is refused, db unchanged' '
	cpl --officer alice log --complainant "B Resident" --summary "Fence" \
		--received 2026-06-01 >out &&
	ref_noack=$(cat out) &&
	dump_db >before &&
	test_must_fail 1 cpl --officer alice extend "$ref_noack" --days 3 --told \
		--reason "Early" --date 2026-06-02 2>err &&
	one_line_error err "$ref_noack\\|psps" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a case received on Saturday 2026-01-10' '
	cpl --officer alice log --complainant "C Resident" --summary "Noise" \
		--received 2026-01-10 >out &&
	ref_sat=$(cat out) &&
	cpl show "$ref_sat" --format json >case.json &&
	# received Sat 2026-01-10; 5 wd: Mon 12, Tue 13, Wed 14, Thu 15, Fri 16
	# -> 2026-01-16 (the same as for Friday 2026-01-09, SPEC section 4)
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-01-16 &&
	test "$(jfield .stages[0].response_due <case.json)" = null &&
	cpl --officer alice ack "$ref_sat" --date 2026-01-14 &&
	cpl show "$ref_sat" --format json >case.json &&
	# acknowledged Wed 2026-01-14; 10 wd: Thu 15, Fri 16, Mon 19 .. Fri 23 (7),
	# Mon 26, Tue 27, Wed 28 -> 2026-01-28
	test "$(jfield .stages[0].response_due <case.json)" = 2026-01-28
'

test_expect_success 'a case across Christmas 2026' '
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
	csv_row "$ref_xmas" >row &&
	echo "$ref_xmas,psps,complaint,open,1,2026-12-18,respond,2027-01-12,alice," >expect &&
	test_cmp expect row
'

test_done
