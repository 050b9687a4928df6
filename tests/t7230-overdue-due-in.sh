#!/bin/sh
# t7230-overdue-due-in.sh: report overdue --within N in the table format
# says how late each case is in words: the working days overdue, "due
# today", or "due in N" for a case not yet due; CSV and JSON keep
# working_days_overdue, negative for a case not yet due
# (complaints-report(1)). Every test makes its own store.
#
# PSPS: acknowledge within 5 working days of receipt. Today is Friday 20
# November 2026.
. "$(dirname "$0")/lib.sh"

unset COLUMNS

# Three unacknowledged complaints: received Mon 2 November (due Mon 9, 9
# working days overdue), Fri 13 (due today) and Tue 17 (due Tue 24, in 2
# working days: Mon 23, Tue 24); their references in $late, $today, $soon.
three() {
	fresh_store psps &&
	late=$(cpl log --complainant A --service Waste --summary s \
	    --received 2026-11-02) &&
	today=$(cpl log --complainant B --service Waste --summary s \
	    --received 2026-11-13) &&
	soon=$(cpl log --complainant C --service Waste --summary s \
	    --received 2026-11-17)
}

test_on three 'the table: overdue by N, "due today", "due in N"; CSV and JSON keep 9, 0 and -2' '
	cpl report overdue --within 2 >out &&
	test "$(wc -l <out)" = 4 &&
	head -n 1 out | grep -q "^ref  *action  *due  *overdue by  *officer  *service\$" &&
	sed -n 2p out | grep -q "^$late  *acknowledge  *2026-11-09  *9  *tester  *Waste\$" &&
	sed -n 3p out | grep -q "^$today  *acknowledge  *2026-11-20  *due today  *tester  *Waste\$" &&
	sed -n 4p out | grep -q "^$soon  *acknowledge  *2026-11-24  *due in 2  *tester  *Waste\$" &&
	cpl report overdue --within 2 --format csv >out.csv &&
	printf "%s\n" "ref,policy,stage,action,due,working_days_overdue,officer,service" \
	    "$late,psps,1,acknowledge,2026-11-09,9,tester,Waste" \
	    "$today,psps,1,acknowledge,2026-11-20,0,tester,Waste" \
	    "$soon,psps,1,acknowledge,2026-11-24,-2,tester,Waste" >want &&
	test_cmp want out.csv &&
	test "$(cpl report overdue --within 2 --format json |
	    jq -c "[.[].working_days_overdue]")" = "[9,0,-2]"
'

test_on three '--wide: every column, the words of the table kept' '
	cpl report overdue --within 2 --wide >out &&
	head -n 1 out | grep -q "^ref  *policy  *stage  *action  *due  *working days overdue  *officer  *service\$" &&
	sed -n 4p out | grep -q "^$soon  *psps  *1  *acknowledge  *2026-11-24  *due in 2  *tester  *Waste\$"
'

test_done
