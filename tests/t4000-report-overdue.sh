#!/bin/sh
# t4000-report-overdue.sh: complaints report overdue, the morning cron job
# (issue 4, SPEC section 3): nothing at all in the table format when nothing
# is overdue; CSV's header; deadlines around bank holidays worked out by
# hand; the calendar read afresh; --within; the filters; closed cases,
# answered stages and service requests never listed; bad input refused; a
# report neither waits for nor blocks an officer's write; and on 200
# generated cases, exactly the list tests/report-oracle.py works out from the
# calendar file itself.
. "$(dirname "$0")/lib.sh"

HEADER=ref,policy,stage,action,due,working_days_overdue,officer,service

oracle() {
	python3 "$SRCDIR/tests/report-oracle.py" "$@"
}

# The rows of a report's JSON, as CSV lines without the header.
json_rows() {
	python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(",".join("" if r[k] is None else str(r[k]) for k in sys.argv[1].split(",")))
' "$HEADER"
}


# On hand.db, as of a given day: h DAY ARGS...
h() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" --db hand.db "$@"
}

test_expect_success 'no case at all: the table prints nothing, CSV the header, JSON []' '
	cpl init --policy south-staffordshire &&
	cpl report overdue >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl report overdue --format csv >out &&
	echo "$HEADER" >want && test_cmp want out &&
	cpl report overdue --format json >out &&
	test "$(tr -d " \n" <out)" = "[]"
'

# Case A, south-staffordshire: received Wednesday 1 April 2026. Acknowledge
# within 5 working days: Thu 2 (1), [Good Friday 3, weekend, Easter Monday
# 6], Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5): due Friday 10 April.
test_expect_success 'Easter: due Friday 10 April, not overdue that day, 1 working day on Monday 13' '
	h 2026-04-01 init --policy south-staffordshire &&
	a=$(h 2026-04-01 --officer alice log --complainant A --service Waste \
	    --summary "Missed bin" --received 2026-04-01) &&
	h 2026-04-10 report overdue >out && test ! -s out &&
	h 2026-04-13 report overdue --format csv >out &&
	printf "%s\n%s\n" "$HEADER" \
	    "$a,south-staffordshire,1,acknowledge,2026-04-10,1,alice,Waste" >want &&
	test_cmp want out
'

test_expect_success 'due on a Friday: listed on the Saturday, 0 working days overdue' '
	h 2026-04-11 report overdue --format csv >out &&
	printf "%s\n%s\n" "$HEADER" \
	    "$a,south-staffordshire,1,acknowledge,2026-04-10,0,alice,Waste" >want &&
	test_cmp want out
'

test_expect_success 'the table has a header and one line a case when there is something to do' '
	h 2026-04-13 report overdue >out &&
	test $(wc -l <out) -eq 2 &&
	head -n 1 out | grep -q "^ref  *policy  *stage  *action  *due  *working_days_overdue  *officer  *service$" &&
	sed -n 2p out | grep -q "^$a  *south-staffordshire  *1  *acknowledge  *2026-04-10  *1  *alice  *Waste$"
'

# A bank holiday announced at short notice: with Thursday 9 April added to
# the calendar, the fifth working day is Monday 13 April, and on the 13th
# case A is not overdue yet. The calendar is read as each report runs.
test_expect_success 'a holiday added to the calendar moves the deadline at once' '
	cp -R "$SRCDIR/policies" pol &&
	sed "s/^  - 2026-04-06 .*/&\n  - 2026-04-09   # a one-off day (test)/" \
	    "$SRCDIR/policies/calendars/england-and-wales.yaml" \
	    >pol/calendars/england-and-wales.yaml &&
	grep -q "^  - 2026-04-09" pol/calendars/england-and-wales.yaml &&
	COMPLAINTS_POLICIES=$PWD/pol h 2026-04-13 report overdue >out &&
	test ! -s out &&
	COMPLAINTS_POLICIES=$PWD/pol h 2026-04-14 report overdue --format csv >out &&
	grep -q "^$a,south-staffordshire,1,acknowledge,2026-04-13,1," out
'

# Acknowledged (late) on Monday 13 April; respond within 10 working days of
# receipt: Mon 13 (6), Tue 14 (7), Wed 15 (8), Thu 16 (9), Fri 17 (10).
# Extended by 3: Mon 20, Tue 21, Wed 22 April.
test_expect_success 'then respond: due 17 April, extended by 3 working days to 22 April' '
	h 2026-04-13 --officer alice ack "$a" --date 2026-04-13 &&
	h 2026-04-20 report overdue --format csv >out &&
	grep -q "^$a,south-staffordshire,1,respond,2026-04-17,1,alice,Waste$" out &&
	h 2026-04-20 --officer alice extend "$a" --days 3 \
	    --reason "Waiting for the crew" --date 2026-04-20 --told &&
	h 2026-04-20 report overdue >out && test ! -s out
'

test_expect_success '--within: due within N working days, as minus the working days left' '
	h 2026-04-20 report overdue --within 1 >out && test ! -s out &&
	h 2026-04-20 report overdue --within 2 --format csv >out &&
	grep -q "^$a,south-staffordshire,1,respond,2026-04-22,-2,alice,Waste$" out &&
	h 2026-04-22 report overdue --within 1 --format csv >out &&
	grep -q "^$a,south-staffordshire,1,respond,2026-04-22,0,alice,Waste$" out &&
	h 2026-04-22 report overdue >out && test ! -s out
'

# Case B, psps: received Saturday 2 May 2026 (Monday 4 May a bank holiday):
# Tue 5 (1), Wed 6 (2), Thu 7 (3), Fri 8 (4), Mon 11 (5). Its response runs
# from the acknowledgement, so none is due before it. Case C, southampton
# (no acknowledgement timescale): received Thursday 27 August 2026, respond
# within 10 working days: Fri 28 (1), [Mon 31 a bank holiday], Tue 1 Sep (2)
# ... Fri 11 September (10); on Tuesday 15 September: Mon 14, Tue 15: 2.
test_expect_success 'received on a Saturday, and a policy with no acknowledgement timescale' '
	b=$(h 2026-05-02 --officer carol log --policy psps --complainant B \
	    --service Housing --summary "Damp" --received 2026-05-02) &&
	h 2026-05-12 report overdue --policy psps --format csv >out &&
	grep -q "^$b,psps,1,acknowledge,2026-05-11,1,carol,Housing$" out &&
	h 2026-05-12 --officer carol ack "$b" --date 2026-05-12 &&
	c=$(h 2026-08-27 --officer carol log --policy southampton \
	    --complainant C --service Parking --summary "Fine" \
	    --received 2026-08-27) &&
	h 2026-09-15 report overdue --policy southampton --format csv >out &&
	printf "%s\n%s\n" "$HEADER" \
	    "$c,southampton,1,respond,2026-09-11,2,carol,Parking" >want &&
	test_cmp want out
'

test_expect_success 'most overdue first; --officer, --service (any case, any spaces), --policy filter' '
	h 2026-09-15 report overdue --format csv >all.csv &&
	test $(wc -l <all.csv) -eq 4 &&
	sed -n 2p all.csv | grep -q "^$a," &&
	sed -n 3p all.csv | grep -q "^$b," &&
	sed -n 4p all.csv | grep -q "^$c," &&
	h 2026-09-15 report overdue --format csv --officer carol >out &&
	test $(wc -l <out) -eq 3 && ! grep -q "^$a," out &&
	env COMPLAINTS_OFFICER=carol COMPLAINTS_TODAY=2026-09-15 "$COMPLAINTS" \
	    --db hand.db report overdue --format csv >out &&
	test_cmp all.csv out &&
	h 2026-09-15 report overdue --format csv --service housing >out &&
	test $(wc -l <out) -eq 2 && grep -q "^$b," out &&
	# as the reports group them: the case of letters and the spaces
	h 2026-09-15 report overdue --format csv --service " HOUSING " >again &&
	test_cmp out again &&
	h 2026-09-15 report overdue --format csv --officer " Carol" >out &&
	test $(wc -l <out) -eq 3 && ! grep -q "^$a," out &&
	h 2026-09-15 report overdue --format csv --policy south-staffordshire >out &&
	test $(wc -l <out) -eq 2 && grep -q "^$a," out &&
	# a policy with no case here: the header only
	h 2026-09-15 report overdue --format csv --policy buckinghamshire >out &&
	echo "$HEADER" >want && test_cmp want out
'

test_expect_success 'answered and closed cases are never listed' '
	h 2026-09-15 --officer alice respond "$a" --outcome upheld \
	    --date 2026-09-15 &&
	h 2026-09-15 --officer carol close "$b" --reason withdrawn \
	    --date 2026-09-15 &&
	h 2026-09-15 report overdue --format csv >out &&
	printf "%s\n%s\n" "$HEADER" \
	    "$c,southampton,1,respond,2026-09-11,2,carol,Parking" >want &&
	test_cmp want out
'

# A service request has no complaint stages, so no timescales.
test_expect_success 'a service request (no timescales) is never listed' '
	s=$(h 2026-09-01 log --kind service-request --complainant D \
	    --summary "New bin" --received 2026-09-01) &&
	h 2026-09-15 report overdue --within 30 --format csv >out &&
	! grep -q "^$s," out && grep -q "^$c," out
'

test_expect_success 'today outside the calendar: exit 4, one line, nothing printed' '
	COMPLAINTS_TODAY=2031-01-06 refused 4 "calendar '\''england-and-wales'\''" \
	    cpl --db hand.db report overdue
'

test_expect_success 'bad input is refused (2), nothing printed, nothing changed' '
	refused 2 "which report" cpl report &&
	refused 2 "unknown report '\''late'\''" cpl report late &&
	refused 2 "unexpected argument" cpl report overdue summary &&
	refused 2 "--within" cpl report overdue --within -1 &&
	refused 2 "--within" cpl report overdue --within soon &&
	refused 2 "--within" cpl report overdue --within 401 &&
	refused 2 "unknown option '\''--from'\''" cpl report overdue --from 2026-01-01 &&
	refused 2 "html" cpl report overdue --format html &&
	refused 2 "--format" cpl report overdue --format xml &&
	refused 2 "unknown option" cpl report overdue --late &&
	# a mistyped policy in a cron line is an error, not "nothing overdue";
	# list likewise
	refused 2 "--policy: policy .south-staffs.: no case was logged under it and there is no such policy" \
	    cpl report overdue --policy south-staffs &&
	refused 2 "--policy: policy .south-staffs.: no case was logged under it" \
	    cpl list --policy south-staffs --format csv &&
	cpl report overdue --policy psps >out && test ! -s out
'

test_expect_success 'report --help prints the three forms and exits 0' '
	cpl report --help >out &&
	grep -q "^usage: complaints report overdue" out &&
	grep -q "^       complaints report summary --from" out &&
	grep -q "^       complaints report annual --year" out
'

# A report reads one snapshot and takes no write lock: while an officer's
# write is under way (BEGIN IMMEDIATE, closing case C, not yet committed),
# the report runs at once and still lists C. Were it to wait for the lock,
# it would give up after the store's busy timeout and fail.
test_expect_success 'a report neither waits for an officer'\''s write nor sees it half done' '
	python3 -c "
import os, sqlite3, sys, time
db = sqlite3.connect(\"hand.db\", isolation_level=None)
db.execute(\"BEGIN IMMEDIATE\")
db.execute(\"UPDATE cases SET closed = \x272026-09-15\x27, close_reason = \x27resolved\x27 WHERE ref = ?\", (sys.argv[1],))
open(\"ready\", \"w\").close()
for _ in range(1200):
    if os.path.exists(\"done\"):
        break
    time.sleep(0.05)
db.execute(\"ROLLBACK\")
" "$c" &
	writer=$!
	i=0
	while [ ! -e ready ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	{ test -e ready && h 2026-09-15 report overdue --format csv >out 2>err
	  echo $? >rc; }
	touch done
	wait $writer
	test "$(cat rc)" = 0 && test ! -s err &&
	grep -q "^$c,southampton,1,respond,2026-09-11,2,carol,Parking$" out
'

test_expect_success 'set up: 200 generated cases (tests/report-oracle.py)' '
	oracle build plan.json &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM cases")" -eq 200
'

for args in "" "--within 3" "--within 10" "--within 400" "--officer alice" \
    "--officer bob" "--service housing" "--policy psps" \
    "--policy southampton --within 20"; do
	test_expect_success "generated cases: report overdue $args is the oracle's list" '
		oracle overdue plan.json $args >want &&
		test $(wc -l <want) -gt 1 &&
		cpl report overdue --format csv $args >out &&
		test_cmp want out
	'
done

test_expect_success 'generated cases: JSON and the table hold the CSV rows' '
	cpl report overdue --within 10 --format csv >csv &&
	cpl report overdue --within 10 --format json | json_rows >json &&
	tail -n +2 csv >rows && test_cmp rows json &&
	cpl report overdue --within 10 >table &&
	test $(wc -l <table) -eq $(wc -l <csv)
'

test_done
