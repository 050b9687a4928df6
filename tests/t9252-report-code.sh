#!/bin/sh
# t9252-report-code.sh: what report annual adds for the Complaint Handling
# Code: the Code's paragraph beside each measure of the self-assessment;
# the ombudsman's decisions of the year as its annual review letter counts
# them (Code §8.1); and, where the policy sends services to the Housing
# Ombudsman, the Regulator of Social Housing's measures CH01 and CH02.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-01

oracle() {
	python3 "$SRCDIR/tests/report-oracle.py" "$@"
}

# check SECTION GROUP FIGURE WANT: the row of annual.csv, from its value
# on, is WANT.
check() {
	check_row annual.csv "$@"
}

# housing: a store under Southampton (housing matters go to the Housing
# Ombudsman) with, in 2026:
#   H1 Housing Repairs: received Wed 19 Aug, answered Tue 25 Aug (stage 1);
#      stage 2 asked Wed 26 Aug, acknowledged Thu 27 Aug, answered Mon 28
#      Sep (the 21st working day after the acknowledgement, the August
#      bank holiday Mon 31 Aug not counted: past the Code's 20, Fri 25 Sep);
#   H2 Housing: received Mon 2 Mar, acknowledged Tue 3 Mar, answered Fri
#      13 Mar (8 working days: within the Code's 10);
#   W1 Waste: received Mon 2 Mar, answered Tue 3 Mar (not housing).
housing() {
	fresh_store southampton &&
	h1=$(cpl --officer alice log --complainant A --service "Housing Repairs" \
	    --summary s --received 2026-08-19) &&
	cpl --officer alice respond "$h1" --outcome not-upheld --date 2026-08-25 &&
	cpl --officer alice escalate "$h1" --reason r --date 2026-08-26 &&
	cpl --officer bob ack "$h1" --date 2026-08-27 &&
	cpl --officer bob respond "$h1" --outcome not-upheld --date 2026-09-28 &&
	h2=$(cpl --officer alice log --complainant B --service Housing \
	    --summary s --received 2026-03-02) &&
	cpl --officer alice ack "$h2" --date 2026-03-03 &&
	cpl --officer alice respond "$h2" --outcome upheld --date 2026-03-13 &&
	w1=$(cpl --officer alice log --complainant C --service Waste \
	    --summary s --received 2026-03-02) &&
	cpl --officer alice respond "$w1" --outcome upheld --date 2026-03-03
}

test_expect_success 'the self-assessment names the Code paragraph of each measure' '
	fresh_store psps &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	grep "^self-assessment," annual.csv | cut -d, -f2,3 >got &&
	cat >want <<-\EOF &&
	6.2,stage1.acknowledged_within_5_working_days
	6.3,stage1.answered_within_10_working_days_of_acknowledgement
	6.11,stage2.acknowledged_within_5_working_days
	6.14,stage2.answered_within_20_working_days_of_acknowledgement
	6.4,stage1.extended_by_no_more_than_10_working_days
	6.15,stage2.extended_by_no_more_than_20_working_days
	6.13,stage2.handled_by_different_person
	EOF
	test_cmp want got &&
	cpl report annual --year 2026 --format html >page.html &&
	grep -q "Stage 1: Acknowledged within 5 working days (Code &sect;6.2)" page.html
'

test_on housing 'housing: CH01 stage 1 and 2 complaints per 1,000 homes; CH02 answered within the Code' '
	cpl report annual --year 2026 --homes 4000 --format csv >annual.csv &&
	check housing CH01 stage1.complaints 2,,,0,,,, &&
	check housing CH01 stage2.complaints 1,,,0,,,, &&
	check housing CH01 stage1.complaints_per_1000_homes 0.5,4000,,0.0,4000,,, &&
	check housing CH01 stage2.complaints_per_1000_homes 0.2,4000,,0.0,4000,,, &&
	check housing CH02 stage1.answered_within_code_timescale \
	    2,2,100.0,0,0,,, &&
	check housing CH02 stage2.answered_within_code_timescale \
	    0,1,0.0,0,0,,,
'

test_on housing 'housing: without --homes the rate has no value; a bad --homes is refused (2)' '
	cpl report annual --year 2026 --format csv >annual.csv &&
	check housing CH01 stage1.complaints_per_1000_homes ,0,,,0,,, &&
	test_must_fail 2 cpl report annual --year 2026 --homes 0 2>err &&
	one_line_error err "^complaints: --homes" &&
	test_must_fail 2 cpl report summary --from 2026-01-01 --to 2026-12-01 \
	    --homes 10 2>err &&
	one_line_error err "unknown option .--homes."
'

test_expect_success 'housing: the homes from the default policy when --homes is not given' '
	test_dir && mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	printf "homes:\n  number: 2000\n  source: \"the council.s stock return\"\n" \
	    >>pol/southampton.yaml &&
	cpl --policies pol policy check pol/southampton.yaml >/dev/null &&
	cpl --policies pol init --policy southampton &&
	r=$(cpl --policies pol log --complainant A --service Housing \
	    --summary s --received 2026-03-02) &&
	cpl --policies pol report annual --year 2026 --format csv >annual.csv &&
	check housing CH01 stage1.complaints_per_1000_homes 0.5,2000,,0.0,2000,,, &&
	cpl --policies pol report annual --year 2026 --homes 500 --format csv \
	    >annual.csv &&
	check housing CH01 stage1.complaints_per_1000_homes 2.0,500,,0.0,500,,, &&
	printf "homes:\n  number: 0\n" >>pol/psps.yaml &&
	test_must_fail 4 cpl --policies pol policy check pol/psps.yaml 2>err &&
	one_line_error err "pol/psps.yaml:.*number"
'

test_expect_success 'no housing section where the policy sends nothing to the Housing Ombudsman' '
	fresh_store psps &&
	r=$(cpl log --complainant A --service Housing --summary s \
	    --received 2026-03-02) &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	test_must_fail 1 grep -q "^housing," annual.csv
'

test_on housing 'the ombudsman.s decisions of the year: counted, each listed with its remedy and compliance' '
	cpl ombudsman "$h1" --decision upheld --remedy "Repair and pay 250" \
	    --remedy-due 2026-10-30 --date 2026-10-02 &&
	cpl ombudsman "$h1" --complied 2026-10-20 &&
	cpl ombudsman "$h2" --decision partly-upheld --remedy "Apologise" \
	    --remedy-due 2026-09-01 --date 2026-08-03 &&
	cpl ombudsman "$w1" --decision closed-after-initial-enquiries \
	    --date 2026-07-01 &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	check ombudsman-letter "" decided 3,,,0,,,, &&
	check ombudsman-letter "" decided.upheld 1,3,33.3,0,0,,, &&
	check ombudsman-letter "" decided.partly-upheld 1,3,33.3,0,0,,, &&
	check ombudsman-letter "" decided.not-investigated 0,3,0.0,0,0,,, &&
	check ombudsman-letter "" decided.closed-after-initial-enquiries 1,3,33.3,0,0,,, &&
	check ombudsman-letter "" remedy_recommended 2,2,100.0,0,0,,, &&
	check ombudsman-letter "" remedy_complied 1,2,50.0,0,0,,, &&
	check ombudsman-letter "" remedy_complied_on_time 1,1,100.0,0,0,,, &&
	grep "^ombudsman-decision," annual.csv >rows &&
	cat >want <<-EOF &&
	ombudsman-decision,lgsco,closed-after-initial-enquiries,,,,,,,$w1,decided 2026-07-01
	ombudsman-decision,housing-ombudsman,partly-upheld,,,,,,,$h2,decided 2026-08-03; remedy: Apologise; due 2026-09-01; not complied yet
	ombudsman-decision,housing-ombudsman,upheld,,,,,,,$h1,"decided 2026-10-02; remedy: Repair and pay 250; due 2026-10-30; complied 2026-10-20, on time"
	EOF
	test_cmp want rows &&
	cpl report annual --year 2026 --format html >page.html &&
	cpl report annual --year 2026 --format csv >page.csv &&
	python3 "$SRCDIR/tests/report-html.py" match page.html page.csv >matched &&
	grep -q "ombudsman-letter=10" matched && grep -q "housing=6" matched &&
	grep -q "The Ombudsman.s decisions" page.html &&
	grep -q "Repair and pay 250" page.html &&
	cpl report annual --year 2026 --format json >annual.json &&
	jq -e "map(select(.section == \"ombudsman-decision\")) | length == 3" \
	    annual.json >/dev/null
'

make_generated() {
	cpl init --policy southampton &&
	oracle build plan.json
}

test_expect_success 'generated cases under Southampton: the housing and ombudsman rows are the oracle.s' '
	test_dir && fixture generated make_generated &&
	cpl report annual --year 2026 --homes 2500 --format csv >annual.csv &&
	grep -q "^housing,CH01,stage1.complaints,[1-9]" annual.csv &&
	grep -q "^ombudsman-letter,,remedy_recommended,[1-9]" annual.csv &&
	ORACLE_DEFAULT_POLICY=southampton ORACLE_HOMES=2500 \
	    oracle annual plan.json 2026 annual.csv &&
	cpl report annual --year 2025 --format csv >annual.csv &&
	ORACLE_DEFAULT_POLICY=southampton oracle annual plan.json 2025 annual.csv
'

test_done
