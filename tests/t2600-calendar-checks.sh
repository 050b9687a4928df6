#!/bin/sh
# t2600-calendar-checks.sh: what is wrong with a calendar, or with the way
# a policy names one, is refused (exit 4) at its FILE:LINE:COLUMN, as every
# other policy error is (complaints-policy(5)): a calendar whose id is not
# its file name, a holiday listed twice, a holiday on a Saturday or a
# Sunday, a calendar file that is not there (at the policy's 'calendar'
# key), and a closure day outside the calendar's years (at that day).
. "$(dirname "$0")/lib.sh"

CAL=pol/calendars/england-and-wales.yaml

# Each test works in a directory of its own on a copy of the shipped
# policies, pol/ (own_policies_store).
export COMPLAINTS_POLICIES=pol

test_expect_success 'a calendar whose id is not its file name is refused at the id' '
	own_policies_store &&
	sed -i "s/^id: england-and-wales\$/id: england/" $CAL &&
	policy_refused "pol/calendars/england-and-wales.yaml:14:5: the id inside is .england., not .england-and-wales.: a calendar is found by its file name, ID.yaml"
'

test_expect_success 'a calendar copied under another name keeps the other id: refused at the id' '
	own_policies_store &&
	cp $CAL pol/calendars/wales.yaml &&
	sed -i "s/^calendar: england-and-wales\$/calendar: wales/" pol/psps.yaml &&
	policy_refused "pol/calendars/wales.yaml:14:5: the id inside is .england-and-wales., not .wales.: a calendar is found by its file name, ID.yaml"
'

test_expect_success 'a holiday listed twice is refused at the second, naming the first' '
	own_policies_store &&
	first=$(line_of "  - 2026-12-25" $CAL) &&
	sed -i "/^  - 2026-12-28 /a\\  - 2026-12-25   # a typo for another day" $CAL &&
	second=$(grep -n "^  - 2026-12-25" $CAL | sed -n 2p | cut -d: -f1) &&
	test "$second" = $((first + 2)) &&
	policy_refused "pol/calendars/england-and-wales.yaml:$second:5: holiday 2026-12-25 is listed twice (first at line $first)"
'

test_expect_success 'a holiday on a Saturday is refused, asking for the substitute day' '
	own_policies_store &&
	sed -i "s/^  - 2026-12-28 .*/  - 2026-12-26/" $CAL &&
	line=$(line_of "  - 2026-12-26" $CAL) &&
	policy_refused "pol/calendars/england-and-wales.yaml:$line:5: holiday 2026-12-26 is a Saturday: list the substitute weekday the official list gives"
'

test_expect_success 'a holiday on a Sunday is refused, asking for the substitute day' '
	own_policies_store &&
	sed -i "s/^  - 2027-12-27 .*/  - 2027-12-26/" $CAL &&
	line=$(line_of "  - 2027-12-26" $CAL) &&
	policy_refused "pol/calendars/england-and-wales.yaml:$line:5: holiday 2027-12-26 is a Sunday: list the substitute weekday the official list gives"
'

test_expect_success 'a calendar that is not there is named at the policy.s calendar key' '
	own_policies_store &&
	sed -i "s/^calendar: england-and-wales\$/calendar: wales/" pol/psps.yaml &&
	line=$(line_of calendar: pol/psps.yaml) &&
	policy_refused "pol/psps.yaml:$line:11: can.t read calendar .pol/calendars/wales.yaml.: No such file or directory"
'

test_expect_success 'a closure day outside the calendar is named where it is written' '
	own_policies_store &&
	sed -i "s/^calendar: england-and-wales\$/&\\nclosure_days: [2026-12-29, 2035-12-24]/" \
	    pol/psps.yaml &&
	line=$(line_of closure_days: pol/psps.yaml) &&
	# "closure_days: [2026-12-29, " is 27 characters.
	policy_refused "pol/psps.yaml:$line:28: closure day 2035-12-24 is outside calendar .england-and-wales. (2018-2030)"
'

test_expect_success 'a closure range running past the calendar is named at its end' '
	own_policies_store &&
	sed -i "s/^calendar: england-and-wales\$/&\\nclosure_days:\\n  - {from: 2030-12-27, to: 2031-01-02}/" \
	    pol/psps.yaml &&
	line=$(line_of "  - {from: 2030" pol/psps.yaml) &&
	# "  - {from: 2030-12-27, to: " is 27 characters.
	policy_refused "pol/psps.yaml:$line:28: closure day 2031-01-01 is outside calendar .england-and-wales. (2018-2030)"
'

test_expect_success 'a case logged earlier: a bad closure day added since is named where it is written' '
	own_policies_store &&
	ref=$(cpl log --complainant B --summary s --received 2026-03-02) &&
	sed -i "s/^calendar: england-and-wales\$/&\\nclosure_days: [2035-12-24]/" \
	    pol/psps.yaml &&
	line=$(line_of closure_days: pol/psps.yaml) &&
	refused 4 "^complaints: pol/psps.yaml:$line:16: closure day 2035-12-24 is outside calendar .england-and-wales. (2018-2030)\$" \
	    cpl ack "$ref" --date 2026-03-03
'

test_done
