#!/bin/sh
# t4400-report-calendar-ending.sh: report overdue, the morning cron job,
# announces a calendar that is running out: from 1 October of the last year
# a calendar in use covers (three months before its first uncovered day),
# one line on standard error a calendar, naming it, its last day and its
# file, while the list on standard output and the exit status stay as they
# were. From that last day on, actions are refused (t2700), so the cron
# mail says so a quarter ahead instead of turning into an error on the
# day. Every test makes its own store in its own directory.
. "$(dirname "$0")/lib.sh"

HEADER=ref,policy,stage,action,due,working_days_overdue,officer,service
CALFILE="$SRCDIR/policies/calendars/england-and-wales.yaml"
WARNING="complaints: warning: calendar 'england-and-wales' covers days up to 2030-12-31 only: an action dated after it, or whose deadline falls after it, is refused; add 2031's bank holidays to '$CALFILE'"

# fresh NAME POLICY: a new store for one test, in the directory NAME, read
# with the shipped policies (a test before may have chosen its own).
fresh() {
	COMPLAINTS_POLICIES=$SRCDIR/policies &&
	test_dir &&
	COMPLAINTS_TODAY=2030-06-03 cpl init --policy "$2"
}

# at DAY ARGS...: the binary as of DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

# A policies directory of the test's own: the shipped policies, and
# tiny-council, South Staffordshire's rules over a calendar of 2026 alone.
tiny_policies() {
	cp -R "$SRCDIR/policies" pol &&
	printf "%s\n" "id: tiny" "name: A test calendar" \
	    "source: tests/t4400-report-calendar-ending.sh" \
	    "covers: { from: 2026, to: 2026 }" \
	    "holidays: [ 2026-12-25, 2026-12-28 ]" >pol/calendars/tiny.yaml &&
	sed -e "s/^id: south-staffordshire/id: tiny-council/" \
	    -e "s/^calendar: england-and-wales/calendar: tiny/" \
	    -e "s/^reference_prefix: SSC/reference_prefix: TINY/" \
	    pol/south-staffordshire.yaml >pol/tiny-council.yaml &&
	export COMPLAINTS_POLICIES="$PWD/pol"
}

test_expect_success 'on 1 October 2030 the overdue list warns that the shipped calendar ends; the list is unchanged' '
	fresh t1 south-staffordshire &&
	# received Mon 2030-09-02: acknowledge within 5 wd, Mon 2030-09-09;
	# on Tue 2030-10-01, 16 working days overdue
	a=$(at 2030-09-02 --officer alice log --complainant A --service Waste \
	    --summary "Missed bin") &&
	at 2030-10-01 report overdue --format csv >out 2>err &&
	printf "%s\n%s\n" "$HEADER" \
	    "$a,south-staffordshire,1,acknowledge,2030-09-09,16,alice,Waste" >want &&
	test_cmp want out &&
	echo "$WARNING" >want.err &&
	test_cmp want.err err
'

test_expect_success 'before 1 October of its last year (2030-09-30, 2030-09-01) there is no warning' '
	fresh t2 south-staffordshire &&
	a=$(at 2030-08-01 log --complainant A --summary "Missed bin") &&
	at 2030-09-30 report overdue >out 2>err &&
	test -s out && test ! -s err &&
	at 2030-09-01 report overdue >out 2>err &&
	test -s out && test ! -s err
'

test_expect_success 'nothing overdue: the table prints nothing and the warning alone goes to cron (exit 0)' '
	fresh t3 south-staffordshire &&
	a=$(at 2030-11-01 log --complainant A --summary s) &&
	at 2030-11-01 ack "$a" &&
	at 2030-11-01 respond "$a" --outcome upheld &&
	at 2030-12-31 report overdue >out 2>err &&
	test ! -s out &&
	echo "$WARNING" >want.err &&
	test_cmp want.err err
'

test_expect_success 'each format: the same stdout as before the warning, one warning for all the policies of one calendar' '
	fresh t4 south-staffordshire &&
	at 2030-09-02 log --complainant A --summary s >/dev/null &&
	at 2030-09-02 log --policy psps --complainant B --summary s >/dev/null &&
	for f in table csv json; do
		at 2030-09-30 report overdue --format $f >before.$f 2>err &&
		test ! -s err &&
		at 2030-10-01 report overdue --format $f >after.$f 2>err &&
		echo "$WARNING" >want.err &&
		test_cmp want.err err || return 1
	done &&
	# Tue 30 Sep to Wed 1 Oct: one more working day overdue, nothing else
	sed "s/,15,/,16,/" before.csv >want &&
	test_cmp want after.csv
'

test_expect_success 'a calendar of the test'\''s own: warned from 1 October of its one year, its file named' '
	fresh t5 south-staffordshire &&
	tiny_policies &&
	a=$(at 2026-09-01 log --policy tiny-council --complainant A --summary s) &&
	at 2026-09-30 report overdue >out 2>err &&
	test -s out && test ! -s err &&
	at 2026-10-01 report overdue >out 2>err &&
	test -s out &&
	echo "complaints: warning: calendar '\''tiny'\'' covers days up to 2026-12-31 only: an action dated after it, or whose deadline falls after it, is refused; add 2027'\''s bank holidays to '\''$PWD/pol/calendars/tiny.yaml'\''" >want.err &&
	test_cmp want.err err
'

test_expect_success 'a calendar of the test'\''s own: actions past it are refused (4) naming its file' '
	fresh t6 south-staffordshire &&
	tiny_policies &&
	a=$(at 2026-12-01 log --policy tiny-council --complainant A --summary s) &&
	COMPLAINTS_TODAY=2027-01-04 refused 4 \
	    "calendar .tiny. covers 2026 to 2026; 2027-01-04 is outside it: add 2027.s bank holidays to .$PWD/pol/calendars/tiny.yaml." \
	    cpl ack "$a" &&
	# received Mon 2026-12-21; 5 wd: Tue 22, Wed 23, Thu 24, (Fri 25, Mon 28
	# closed) Tue 29, Wed 30: inside; 10 wd: Thu 31 (6), then 2027
	COMPLAINTS_TODAY=2026-12-21 refused 4 \
	    "calendar .tiny. covers 2026 to 2026; the stage 1 response deadline, 10 working days after 2026-12-21, is outside it" \
	    cpl log --policy tiny-council --complainant B --summary s
'

test_expect_success 'two calendars in use: one warning each, only for the one running out' '
	fresh t7 south-staffordshire &&
	tiny_policies &&
	at 2026-09-01 log --policy tiny-council --complainant A --summary s >/dev/null &&
	at 2026-09-01 log --complainant B --summary s >/dev/null &&
	at 2026-10-01 report overdue >out 2>err &&
	test "$(wc -l <err)" = 1 &&
	grep -q "calendar .tiny. covers days up to 2026-12-31 only" err &&
	test "$(wc -l <out)" = 3
'

test_expect_success 'a failing report is one line (the error), not the warning too' '
	fresh t8 south-staffordshire &&
	at 2030-09-02 log --complainant A --summary s >/dev/null &&
	COMPLAINTS_TODAY=2031-01-06 refused 4 "england-and-wales" cpl report overdue
'

test_done
