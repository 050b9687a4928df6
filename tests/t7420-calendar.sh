#!/bin/sh
# t7420-calendar.sh: complaints calendar (man/complaints-calendar.1).
# calendar show lists the days off of a year: the shipped calendars of
# England and Wales, Scotland and Northern Ireland (2018-2030, from the
# official list), a policy's with its closure days. calendar import makes
# a calendar file from the official list of bank holidays (the JSON of
# https://www.gov.uk/bank-holidays.json), keeping the years it does not
# hold: the file policy check accepts, and the deadlines move over its
# holidays. A file that is not that list is refused, naming what is wrong,
# and nothing is written.
#
# Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

# here: a directory of this test's own, the shipped policies read, and
# today as tests/lib.sh has it (a test before may have set others).
here() {
	test_dir && COMPLAINTS_POLICIES=$SRCDIR/policies &&
	COMPLAINTS_TODAY=2026-11-20 && export COMPLAINTS_POLICIES COMPLAINTS_TODAY
}

# own_policies: here, with this test's own copy of the shipped policies,
# pol/, which the commands read (COMPLAINTS_POLICIES=pol).
own_policies() {
	here && cp -R "$SRCDIR/policies" pol &&
	COMPLAINTS_POLICIES=pol && export COMPLAINTS_POLICIES
}

# official FILE: a list in the official format, as gov.uk gives it (its
# titles with their curly apostrophes), in FILE: England and Wales's 2030
# with a one-off day of its own (Monday 3 June) and 2031, and Scotland's
# 2031.
official() {
	cat >"$1" <<-\EOF
	{"england-and-wales":{"division":"england-and-wales","events":[
	{"title":"New Year’s Day","date":"2030-01-01","notes":"","bunting":true},
	{"title":"Good Friday","date":"2030-04-19","notes":"","bunting":false},
	{"title":"Easter Monday","date":"2030-04-22","notes":"","bunting":true},
	{"title":"Early May bank holiday","date":"2030-05-06","notes":"","bunting":true},
	{"title":"Spring bank holiday","date":"2030-05-27","notes":"","bunting":true},
	{"title":"A one-off bank holiday","date":"2030-06-03","notes":"Extra bank holiday","bunting":true},
	{"title":"Summer bank holiday","date":"2030-08-26","notes":"","bunting":true},
	{"title":"Christmas Day","date":"2030-12-25","notes":"","bunting":true},
	{"title":"Boxing Day","date":"2030-12-26","notes":"","bunting":true},
	{"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
	{"title":"Good Friday","date":"2031-04-11","notes":"","bunting":false},
	{"title":"Easter Monday","date":"2031-04-14","notes":"","bunting":true},
	{"title":"Early May bank holiday","date":"2031-05-05","notes":"","bunting":true},
	{"title":"Spring bank holiday","date":"2031-05-26","notes":"","bunting":true},
	{"title":"Summer bank holiday","date":"2031-08-25","notes":"","bunting":true},
	{"title":"Christmas Day","date":"2031-12-25","notes":"","bunting":true},
	{"title":"Boxing Day","date":"2031-12-26","notes":"","bunting":true}]},
	"scotland":{"division":"scotland","events":[
	{"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
	{"title":"2nd January","date":"2031-01-02","notes":"","bunting":true},
	{"title":"Good Friday","date":"2031-04-11","notes":"","bunting":false},
	{"title":"Early May bank holiday","date":"2031-05-05","notes":"","bunting":true},
	{"title":"Spring bank holiday","date":"2031-05-26","notes":"","bunting":true},
	{"title":"Summer bank holiday","date":"2031-08-04","notes":"","bunting":true},
	{"title":"St Andrew’s Day","date":"2031-12-01","notes":"Substitute day","bunting":true},
	{"title":"Christmas Day","date":"2031-12-25","notes":"","bunting":true},
	{"title":"Boxing Day","date":"2031-12-26","notes":"","bunting":true}]},
	"northern-ireland":{"division":"northern-ireland","events":[]}}
	EOF
}

test_expect_success 'calendar show: England and Wales in 2022, the one-off days and substitutes with their titles' '
	here &&
	cpl calendar show england-and-wales --year 2022 --format csv >got &&
	cat >want <<-\EOF &&
	calendar,date,weekday,title,kind
	england-and-wales,2022-01-03,Mon,New Year’s Day (substitute day),bank-holiday
	england-and-wales,2022-04-15,Fri,Good Friday,bank-holiday
	england-and-wales,2022-04-18,Mon,Easter Monday,bank-holiday
	england-and-wales,2022-05-02,Mon,Early May bank holiday,bank-holiday
	england-and-wales,2022-06-02,Thu,Spring bank holiday,bank-holiday
	england-and-wales,2022-06-03,Fri,Platinum Jubilee bank holiday,bank-holiday
	england-and-wales,2022-08-29,Mon,Summer bank holiday,bank-holiday
	england-and-wales,2022-09-19,Mon,Bank Holiday for the State Funeral of Queen Elizabeth II,bank-holiday
	england-and-wales,2022-12-26,Mon,Boxing Day,bank-holiday
	england-and-wales,2022-12-27,Tue,Christmas Day (substitute day),bank-holiday
	EOF
	test_cmp want got
'

test_expect_success 'calendar show: Scotland in 2022 (2 January, St Andrew.s Day, no Easter Monday)' '
	here &&
	cpl calendar show scotland --year 2022 --format csv >got &&
	cat >want <<-\EOF &&
	calendar,date,weekday,title,kind
	scotland,2022-01-03,Mon,New Year’s Day (substitute day),bank-holiday
	scotland,2022-01-04,Tue,2nd January (substitute day),bank-holiday
	scotland,2022-04-15,Fri,Good Friday,bank-holiday
	scotland,2022-05-02,Mon,Early May bank holiday,bank-holiday
	scotland,2022-06-02,Thu,Spring bank holiday,bank-holiday
	scotland,2022-06-03,Fri,Platinum Jubilee bank holiday,bank-holiday
	scotland,2022-08-01,Mon,Summer bank holiday,bank-holiday
	scotland,2022-09-19,Mon,Bank Holiday for the State Funeral of Queen Elizabeth II,bank-holiday
	scotland,2022-11-30,Wed,St Andrew’s Day,bank-holiday
	scotland,2022-12-26,Mon,Boxing Day,bank-holiday
	scotland,2022-12-27,Tue,Christmas Day (substitute day),bank-holiday
	EOF
	test_cmp want got
'

test_expect_success 'calendar show: Northern Ireland in 2022 (St Patrick.s Day, the Battle of the Boyne)' '
	here &&
	cpl calendar show northern-ireland --year 2022 --format csv >got &&
	cat >want <<-\EOF &&
	calendar,date,weekday,title,kind
	northern-ireland,2022-01-03,Mon,New Year’s Day (substitute day),bank-holiday
	northern-ireland,2022-03-17,Thu,St Patrick’s Day,bank-holiday
	northern-ireland,2022-04-15,Fri,Good Friday,bank-holiday
	northern-ireland,2022-04-18,Mon,Easter Monday,bank-holiday
	northern-ireland,2022-05-02,Mon,Early May bank holiday,bank-holiday
	northern-ireland,2022-06-02,Thu,Spring bank holiday,bank-holiday
	northern-ireland,2022-06-03,Fri,Platinum Jubilee bank holiday,bank-holiday
	northern-ireland,2022-07-12,Tue,Battle of the Boyne (Orangemen’s Day),bank-holiday
	northern-ireland,2022-08-29,Mon,Summer bank holiday,bank-holiday
	northern-ireland,2022-09-19,Mon,Bank Holiday for the State Funeral of Queen Elizabeth II,bank-holiday
	northern-ireland,2022-12-26,Mon,Boxing Day,bank-holiday
	northern-ireland,2022-12-27,Tue,Christmas Day (substitute day),bank-holiday
	EOF
	test_cmp want got
'

# The days each division has off, a year a line (dates without the year),
# for the years whose substitute days differ most between them.
test_expect_success 'calendar show: the substitute days of 2020, 2023, 2024 and 2025 in each division' '
	here &&
	for d in england-and-wales scotland northern-ireland; do
		for y in 2020 2023 2024 2025; do
			cpl calendar show $d --year $y --format json |
			    jq -r --arg d "$d $y:" "[\$d] + [.[].date[5:]] | join(\" \")" ||
			    return 1
		done
	done >got &&
	cat >want <<-\EOF &&
	england-and-wales 2020: 01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28
	england-and-wales 2023: 01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26
	england-and-wales 2024: 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
	england-and-wales 2025: 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
	scotland 2020: 01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28
	scotland 2023: 01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26
	scotland 2024: 01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26
	scotland 2025: 01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26
	northern-ireland 2020: 01-01 03-17 04-10 04-13 05-08 05-25 07-13 08-31 12-25 12-28
	northern-ireland 2023: 01-02 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26
	northern-ireland 2024: 01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26
	northern-ireland 2025: 01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26
	EOF
	test_cmp want got
'

test_expect_success 'calendar show, no calendar named: every calendar, for this year' '
	here &&
	COMPLAINTS_TODAY=2026-03-01 cpl calendar show --format csv >got &&
	test "$(cut -d, -f1 got | sort | uniq -c | awk "{ print \$2 \"=\" \$1 }" |
	    tr "\n" " ")" = "calendar=1 england-and-wales=8 northern-ireland=10 scotland=9 " &&
	grep -q "^scotland,2026-11-30,Mon,St Andrew’s Day,bank-holiday\$" got &&
	grep -q "^northern-ireland,2026-07-13,Mon,Battle of the Boyne (Orangemen’s Day) (substitute day),bank-holiday\$" got
'

test_expect_success 'calendar show --policy: its calendar and its closure days that are not off already' '
	own_policies &&
	sed -i "s/^calendar: england-and-wales\$/&\\nclosure_days:\\n  - { from: 2026-12-24, to: 2026-12-31 }/" \
	    pol/psps.yaml &&
	cpl calendar show --policy psps --year 2026 --format csv >got &&
	tail -6 got >tail &&
	cat >want <<-\EOF &&
	england-and-wales,2026-12-24,Thu,,closure-day
	england-and-wales,2026-12-25,Fri,Christmas Day,bank-holiday
	england-and-wales,2026-12-28,Mon,Boxing Day (substitute day),bank-holiday
	england-and-wales,2026-12-29,Tue,,closure-day
	england-and-wales,2026-12-30,Wed,,closure-day
	england-and-wales,2026-12-31,Thu,,closure-day
	EOF
	test_cmp want tail &&
	refused 2 "a calendar or a policy.s (--policy), not both" \
	    cpl calendar show scotland --policy psps
'

test_expect_success 'calendar show: a year the calendar does not cover is refused (4), naming its file' '
	here &&
	refused 4 "^complaints: calendar .scotland. covers 2018 to 2030; 2031 is outside it: add 2031.s bank holidays to .$SRCDIR/policies/calendars/scotland.yaml." \
	    cpl calendar show scotland --year 2031 &&
	refused 2 "no calendar .wales. in" cpl calendar show wales &&
	refused 2 "is not a calendar.s id" cpl calendar show ../psps
'

test_expect_success 'calendar import: the official list, printed as a calendar file; the years it lacks kept' '
	own_policies && official bh.json &&
	cpl calendar import bh.json >england-and-wales.yaml &&
	head -1 england-and-wales.yaml >got &&
	echo "# England and Wales bank holidays, 2018-2031." >want &&
	test_cmp want got &&
	grep -q "^  - 2031-01-01 : \"New Year’s Day\"   # Wed\$" england-and-wales.yaml &&
	grep -q "^  - 2030-06-03 : \"A one-off bank holiday (extra bank holiday)\"   # Mon\$" \
	    england-and-wales.yaml &&
	# the years before the list, as the calendar had them
	grep "^  - 2018-" england-and-wales.yaml >got &&
	grep "^  - 2018-" pol/calendars/england-and-wales.yaml >want &&
	test_cmp want got &&
	cp england-and-wales.yaml pol/calendars/ &&
	cpl policy check pol/psps.yaml >out &&
	echo "pol/psps.yaml: policy '\''psps'\'' is valid: 2 stages, calendar '\''england-and-wales'\'' (2018-2031)" >want &&
	test_cmp want out &&
	cpl calendar show --year 2031 england-and-wales --format csv >got &&
	test "$(wc -l <got)" = 9
'

# Received on Friday 27 December 2030: psps acknowledges within 5 working
# days. With 2030 alone the fifth falls outside the calendar, and log is
# refused; once 2031 is imported it is Monday 6 January, New Year's Day
# (Wednesday 1 January) skipped.
test_expect_success 'calendar import --out: the calendar extended; a deadline over its New Year.s Day moves' '
	own_policies && official bh.json &&
	cpl init --policy psps &&
	export COMPLAINTS_TODAY=2030-12-27 &&
	test_must_fail 4 cpl log --complainant A --summary s >out 2>err &&
	grep -q "calendar .england-and-wales. covers 2018 to 2030; the stage 1 acknowledgement deadline" err &&
	cpl calendar import bh.json --out pol/calendars/england-and-wales.yaml >out &&
	echo "calendar '\''england-and-wales'\'' (2018-2031) written to pol/calendars/england-and-wales.yaml: 2030-2031 from bh.json, the other years as in pol/calendars/england-and-wales.yaml" >want &&
	test_cmp want out &&
	ref=$(cpl log --complainant A --summary s) &&
	case_is "$ref" ".stages[0].ack_due=2031-01-06"
'

test_expect_success 'calendar import --out keeps the mode of the calendar it replaces; a new one is readable as the umask makes it' '
	own_policies && official bh.json &&
	chmod 0640 pol/calendars/england-and-wales.yaml &&
	cpl calendar import bh.json --out pol/calendars/england-and-wales.yaml >out &&
	test "$(stat -c %a pol/calendars/england-and-wales.yaml)" = 640 &&
	(umask 022 && cpl calendar import bh.json --out new.yaml >out) &&
	test "$(stat -c %a new.yaml)" = 644 &&
	test "$(ls -a | grep -c "^\\.new")" = 0
'

test_expect_success 'calendar import --division scotland: the Scottish calendar extended to 2031' '
	own_policies && official bh.json &&
	cpl calendar import --division scotland bh.json \
	    --out pol/calendars/scotland.yaml >out &&
	cpl calendar show scotland --year 2031 --format csv >got &&
	grep -q "^scotland,2031-12-01,Mon,St Andrew’s Day (substitute day),bank-holiday\$" got &&
	test "$(cpl calendar show scotland --year 2030 --format csv | wc -l)" = 10
'

test_expect_success 'a policy chooses its calendar: St Andrew.s Day moves a deadline under Scotland.s' '
	own_policies &&
	sed -e "s/^id: psps\$/id: psps-scot/" -e "s/^calendar: england-and-wales\$/calendar: scotland/" \
	    -e "s/^reference_prefix: PSPS\$/reference_prefix: PSCOT/" \
	    pol/psps.yaml >pol/psps-scot.yaml &&
	cpl init --policy psps &&
	export COMPLAINTS_TODAY=2026-11-23 &&
	# received Monday 23 November 2026: 5 working days
	e=$(cpl log --complainant A --summary s) &&
	s=$(cpl log --policy psps-scot --complainant B --summary s) &&
	case_is "$e" ".stages[0].ack_due=2026-11-30" &&
	case_is "$s" ".stages[0].ack_due=2026-12-01"
'

test_expect_success 'calendar import refuses a file that is not the official list (2), and writes nothing' '
	own_policies && official bh.json &&
	printf "not json\n" >bad.json &&
	refused 2 "^complaints: bad.json:1:[0-9]*: not JSON: " \
	    cpl calendar import bad.json --out out.yaml &&
	echo "[1, 2]" >list.json &&
	refused 2 "^complaints: list.json: not the official list of bank holidays" \
	    cpl calendar import list.json --out out.yaml &&
	refused 2 "^complaints: bh.json: no division .wales. in it (it has .england-and-wales., .scotland., .northern-ireland.)\$" \
	    cpl calendar import bh.json --division wales --out out.yaml &&
	refused 2 "^complaints: bh.json: division .northern-ireland. lists no events\$" \
	    cpl calendar import bh.json --division northern-ireland --out out.yaml &&
	sed "s/2031-12-26/2031-12-27/" bh.json >sat.json &&
	refused 2 "^complaints: sat.json: england-and-wales: event 17: 2031-12-27 is a Saturday: the official list gives the weekday that replaces it\$" \
	    cpl calendar import sat.json --out out.yaml &&
	sed "s/\"title\":\"Boxing Day\",//" bh.json >untitled.json &&
	refused 2 "^complaints: untitled.json: england-and-wales: event 9 (2030-12-26): no \"title\"\$" \
	    cpl calendar import untitled.json --out out.yaml &&
	sed "s/2031-01-01/2030-12-25/" bh.json >twice.json &&
	refused 2 "^complaints: twice.json: england-and-wales: event 10: 2030-12-25 is listed twice\$" \
	    cpl calendar import twice.json --out out.yaml &&
	# 2033 alone, after a calendar that ends in 2030
	echo "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":[{\"title\":\"New Year’s Day\",\"date\":\"2033-01-03\",\"notes\":\"Substitute day\",\"bunting\":true}]}}" \
	    >far.json &&
	refused 2 "^complaints: far.json: the official list covers 2033 to 2033, and calendar .england-and-wales. (pol/calendars/england-and-wales.yaml) 2018 to 2030: 2031 to 2032 would have no bank holidays\$" \
	    cpl calendar import far.json --out out.yaml &&
	test ! -e out.yaml &&
	ls -a >files && test "$(grep -c "^\.out" files)" = 0
'

test_expect_success 'a holiday is a date, or a date and its title; either is checked as a date is' '
	own_policies && cpl init --policy psps &&
	CAL=pol/calendars/england-and-wales.yaml &&
	cp $CAL orig.yaml &&
	line=$(line_of "  - 2026-12-25" $CAL) &&
	sed -i "${line}s/.*/  - 2026-12-25/" $CAL &&
	cpl policy check pol/psps.yaml >/dev/null &&
	cpl calendar show england-and-wales --year 2026 --format csv >got &&
	grep -q "^england-and-wales,2026-12-25,Fri,,bank-holiday\$" got &&
	sed "${line}s/.*/  - { 2026-12-25 : Christmas, 2026-12-24 : Eve }/" orig.yaml >$CAL &&
	policy_refused "$CAL:$line:5: a holiday is a date, or a date and its title (2026-12-25 : Christmas Day)" &&
	sed "${line}s/.*/  - 2026-12-28 : \"Boxing Day again\"/" orig.yaml >$CAL &&
	policy_refused "$CAL:$((line + 1)):5: holiday 2026-12-28 is listed twice (first at line $line)" &&
	sed "${line}s/.*/  - 2026-12-26 : \"Boxing Day\"/" orig.yaml >$CAL &&
	policy_refused "$CAL:$line:5: holiday 2026-12-26 is a Saturday: list the substitute weekday the official list gives"
'

test_done
