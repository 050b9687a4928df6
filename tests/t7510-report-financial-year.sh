#!/bin/sh
# t7510-report-financial-year.sh: complaints report annual for a financial
# year, April to March (man/complaints-report.1): --financial-year, or a
# policy's reporting_year: april (Buckinghamshire's: seed 004 reports "at
# the end of each financial year"), makes --year 2026 mean 2026/27, in
# every format, the page saying so; a reporting_year that is not a month
# (and an empty council) refused at its place; and on 200 generated cases,
# every row of two financial years equal to what tests/report-oracle.py
# works out independently. Every test makes its own store in its own
# directory.
. "$(dirname "$0")/lib.sh"

oracle() {
	python3 "$SRCDIR/tests/report-oracle.py" "$@"
}

# Today: after the end of the financial year 2026/27.
export COMPLAINTS_TODAY=2027-05-03

# year_cases: under the store's policy, complaints received on the last
# day of 2025/26 (Tue 31 Mar 2026), the first of 2026/27 (Wed 1 Apr 2026),
# in January 2027 and on its last day (Wed 31 Mar 2027), each answered
# the day after it was acknowledged, with a lesson of its own: a lesson
# counts in the year of its response.
year_cases() {
	for d in 2026-03-31 2026-04-01 2027-01-12 2027-03-31; do
		r=$(cpl log --complainant "C $d" --service Waste --summary s \
		    --received $d) &&
		cpl ack "$r" --date $d &&
		cpl respond "$r" --outcome upheld --learning "Lesson $d" \
		    --date "$(next_day $d)" || return 1
	done
}

# next_day D: the working day after D, for the four days above.
next_day() {
	case $1 in
	2026-03-31) echo 2026-04-01 ;;
	2026-04-01) echo 2026-04-02 ;;
	2027-01-12) echo 2027-01-13 ;;
	2027-03-31) echo 2027-04-01 ;;
	esac
}

# check SECTION GROUP FIGURE WANT: the row of annual.csv is WANT.
check() {
	check_row annual.csv "$@"
}

test_expect_success '--financial-year: 2026 is 1 April 2026 to 31 March 2027, in CSV, JSON and the table; without it, the calendar year' '
	fresh_store south-staffordshire && year_cases &&
	cpl report annual --year 2026 --financial-year --format csv >annual.csv &&
	check all "" stage1.opened 3,,,1,,,, &&
	check all "" stage1.responded_on_time 3,3,100.0,1,1,100.0,, &&
	grep "^month," annual.csv | cut -d, -f2 | tr "\n" " " >months &&
	echo >>months &&
	echo "2026-04 2026-05 2026-06 2026-07 2026-08 2026-09 2026-10 2026-11 2026-12 2027-01 2027-02 2027-03 " >want &&
	test_cmp want months &&
	check month 2026-04 stage1.opened 1,,,0,,,, &&
	check month 2027-01 stage1.opened 1,,,0,,,, &&
	check month 2027-03 stage1.opened 1,,,1,,,, &&
	grep "^learning," annual.csv | cut -d, -f11 >lessons &&
	printf "%s\n" "Lesson 2026-03-31" "Lesson 2026-04-01" \
	    "Lesson 2027-01-12" >want &&
	test_cmp want lessons &&
	cpl report annual --year 2026 --financial-year --format json >annual.json &&
	json_is_csv annual.csv annual.json value of percent previous_value \
	    previous_of previous_percent >/dev/null &&
	cpl report annual --year 2026 --financial-year --format table >table &&
	grep -q "2027-03" table &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	check all "" stage1.opened 2,,,0,,,, &&
	grep "^month," annual.csv | head -n 1 | grep -q "^month,2026-01," &&
	check month 2026-03 stage1.opened 1,,,0,,,,
'

test_expect_success 'the page of a financial year says so: 2026/27, the period, the year before 2025/26' '
	fresh_store south-staffordshire && year_cases &&
	cpl report annual --year 2026 --financial-year --format html >page.html &&
	grep -qF "<h1>South Staffordshire Council: complaints annual report 2026/27</h1>" page.html &&
	grep -qF "1 April 2026 to 31 March 2027: the financial year 2026/27. Produced on Monday 3 May 2027." page.html &&
	grep -qF "2025/26, the year before" page.html &&
	grep -qF "Recorded with the responses sent from 1 April 2026 to 31 March 2027" page.html &&
	test_must_fail 1 grep -q "Provisional" page.html &&
	grep -o "<text x=\"[0-9]*\" y=\"[0-9]*\">[A-Z][a-z][a-z]</text></g>" page.html |
	    sed "s/.*>\([A-Z][a-z][a-z]\)<.*/\1/" | tr "\n" " " >months &&
	echo >>months &&
	echo "Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar " >want &&
	test_cmp want months &&
	COMPLAINTS_TODAY=2027-03-31 cpl report annual --year 2026 \
	    --financial-year --format html >page.html &&
	grep -qF "<strong>Provisional.</strong> The year ends on 31 March 2027" page.html
'

test_expect_success 'a policy with reporting_year: april: --year 2026 is 2026/27, as with --financial-year' '
	fresh_store buckinghamshire && year_cases &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	cpl report annual --year 2026 --financial-year --format csv >fy.csv &&
	test_cmp fy.csv annual.csv &&
	check all "" stage1.opened 3,,,1,,,, &&
	grep "^month," annual.csv | head -n 1 | grep -q "^month,2026-04," &&
	cpl report annual --year 2026 --format html >page.html &&
	grep -qF "<h1>Buckinghamshire Council: complaints annual report 2026/27</h1>" page.html
'

test_expect_success 'reporting_year not a month, or an empty council: refused (4) at its place' '
	own_policies_store &&
	cp pol/psps.yaml psps.yaml &&
	sed "s/^calendar: .*/&\nreporting_year: spring/" psps.yaml >pol/psps.yaml &&
	n=$(line_of "reporting_year" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused "pol/psps.yaml:$n:17: reporting_year is the month the year starts (january, april, ...), not '\''spring'\''" &&
	sed "s/^calendar: .*/&\nreporting_year: April/" psps.yaml >pol/psps.yaml &&
	COMPLAINTS_POLICIES=pol policy_refused "pol/psps.yaml:$n:17: reporting_year is the month the year starts (january, april, ...), not '\''April'\''" &&
	sed "s/^council: .*/council: \" \"/" psps.yaml >pol/psps.yaml &&
	n=$(line_of "council" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused "pol/psps.yaml:$n:10: council is empty: leave it out where the document names no council" &&
	sed "s/^calendar: .*/&\nreporting_year: april/" psps.yaml >pol/psps.yaml &&
	COMPLAINTS_POLICIES=pol cpl policy check pol/psps.yaml >out
'

# make_generated: 200 generated cases (tests/report-oracle.py), made once.
# Its cases run to 20 November 2026, as the oracle's today.
make_generated() {
	COMPLAINTS_TODAY=2026-11-20 && export COMPLAINTS_TODAY &&
	cpl init --policy south-staffordshire &&
	oracle build plan.json
}

for year in 2025 2026; do
	test_expect_success "generated cases: the financial year $year/$(( (year + 1) % 100 )), every row the oracle's" '
		test_dir && fixture generated make_generated && (
		COMPLAINTS_TODAY=2026-11-20 && export COMPLAINTS_TODAY &&
		cpl report annual --year $year --financial-year --format csv \
		    >annual.csv &&
		oracle annual plan.json $year annual.csv 4 &&
		cpl report annual --year $year --format csv >calendar.csv &&
		test_must_fail 1 oracle annual plan.json $year calendar.csv 4 \
		    >out )
	'
done

test_done
