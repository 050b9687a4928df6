#!/bin/sh
# t7220-show-deadlines.sh: show marks each deadline of the open case's
# current stage not yet met, as of today (COMPLAINTS_TODAY, a Friday):
# "overdue by N working days", "due today", "due in N working days"; a
# response that counts from an acknowledgement not yet made says so
# ("10 working days after the acknowledgement") until its date can be
# known. A summary's line breaks are shown as line breaks, indented. Every
# test makes its own store.
#
# PSPS (policies/psps.yaml): acknowledge within 5 working days of receipt,
# respond within 10 of the acknowledgement. Today is Friday 20 November
# 2026; no bank holiday falls in these weeks.
. "$(dirname "$0")/lib.sh"

unset COLUMNS

# log_on DAY: a complaint received on DAY; its reference on stdout.
log_on() {
	cpl log --complainant "Pat" --service Waste --summary "Bins" \
	    --received "$1"
}

# Received Mon 2 November: acknowledgement due Mon 9 November; nine
# working days since (10 to 13, 16 to 20).
test_on 'fresh_store psps' 'an acknowledgement not made: overdue by N working days; the response waits for it' '
	r=$(log_on 2026-11-02) &&
	cpl show "$r" >show.txt &&
	grep -q "^  acknowledge     due 2026-11-09  overdue by 9 working days\$" show.txt &&
	grep -q "^  respond         due 10 working days after the acknowledgement\$" show.txt
'

# Received Fri 13 November: due Fri 20, today. Thu 12: due Thu 19, one
# working day late. Mon 16: due Mon 23, the next working day. Thu 19: due
# Thu 26 (23, 24, 25, 26).
test_on 'fresh_store psps' 'due today, overdue by 1 working day, due in 1 and in 4 working days' '
	today=$(log_on 2026-11-13) && late=$(log_on 2026-11-12) &&
	next=$(log_on 2026-11-16) && four=$(log_on 2026-11-19) &&
	cpl show "$today" | grep -q "^  acknowledge     due 2026-11-20  due today\$" &&
	cpl show "$late" | grep -q "^  acknowledge     due 2026-11-19  overdue by 1 working day\$" &&
	cpl show "$next" | grep -q "^  acknowledge     due 2026-11-23  due in 1 working day\$" &&
	cpl show "$four" | grep -q "^  acknowledge     due 2026-11-26  due in 4 working days\$"
'

# Acknowledged Tue 10 November: the response is due 10 working days later,
# Tue 24 November (11 to 13, 16 to 20, 23, 24): in 2 working days.
test_on 'fresh_store psps' 'once acknowledged, the response has its date, and where it stands' '
	r=$(log_on 2026-11-02) &&
	cpl ack "$r" --date 2026-11-10 &&
	cpl show "$r" >show.txt &&
	grep -q "^  acknowledge     due 2026-11-09  done 2026-11-10\$" show.txt &&
	grep -q "^  respond         due 2026-11-24  due in 2 working days\$" show.txt &&
	case_is "$r" ".stages[0].response_due=2026-11-24"
'

test_on 'fresh_store psps' 'a closed case, and a stage before the current one, are not marked' '
	r=$(log_on 2026-11-02) &&
	cpl ack "$r" --date 2026-11-03 &&
	cpl respond "$r" --outcome not-upheld --date 2026-11-04 &&
	cpl escalate "$r" --date 2026-11-05 &&
	cpl show "$r" >show.txt &&
	sed -n "/^Stage 1/,/^\$/p" show.txt >stage1.txt &&
	test "$(grep -c "overdue\|due in\|due today" stage1.txt)" = 0 &&
	sed -n "/^Stage 2/,/^\$/p" show.txt | grep -q "^  acknowledge     due 2026-11-12  overdue by 6 working days\$" &&
	c=$(log_on 2026-11-02) &&
	cpl close "$c" --reason withdrawn --date 2026-11-04 &&
	cpl show "$c" >closed.txt &&
	grep -q "^  acknowledge     due 2026-11-09  done -\$" closed.txt &&
	test "$(grep -c "overdue\|due in\|due today" closed.txt)" = 0
'

test_on 'fresh_store psps' 'a summary of several lines: each on a line, under the first, still escaped' '
	s=$(printf "First line\nsecond line\r\n\tthird, with a tab and \033[31mred\n") &&
	r=$(cpl log --complainant Pat --summary "$s" --received 2026-11-02) &&
	cpl show "$r" >show.txt &&
	printf "%s\n" "summary       First line" "              second line" \
	    "              \\tthird, with a tab and \\x1b[31mred" >want &&
	grep -A2 "^summary " show.txt >got &&
	test_cmp want got &&
	test "$(LC_ALL=C grep -c "$(printf "\033")" show.txt)" = 0 &&
	test "$(cpl show "$r" --format json | jq -r .summary)" = "$s"
'

test_done
