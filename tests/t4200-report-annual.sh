#!/bin/sh
# t4200-report-annual.sh: complaints report annual --year Y (issue 4): the
# self-assessment against the Complaint Handling Code worked out by hand on
# a few cases (the cases that missed listed), the learning and remedies,
# compliments by service, the year before beside; bad input refused; and on
# 200 generated cases, every row equal to what tests/report-oracle.py works
# out independently, for two years.
. "$(dirname "$0")/lib.sh"

oracle() {
	python3 "$SRCDIR/tests/report-oracle.py" "$@"
}


# row SECTION GROUP FIGURE < CSV: the row's columns from value on.
row() {
	awk -F, -v s="$1" -v g="$2" -v f="$3" \
	    '$1 == s && $2 == g && $3 == f { sub(/^[^,]*,[^,]*,[^,]*,/, ""); print; n++ }
	     END { if (n != 1) exit 1 }'
}

check() {
	got=$(row "$1" "$2" "$3" <annual.csv) || {
		echo "# no row $1,$2,$3" >&2
		return 1
	}
	[ "$got" = "$4" ] || {
		echo "# $1,$2,$3: got $got, want $4" >&2
		return 1
	}
}

told=--told

# south-staffordshire (stage 2 by the same officer is allowed; no cap on
# extensions). The Code: acknowledge within 5 working days; answer stage 1
# within 10 working days of the acknowledgement, stage 2 within 20; extend
# by no more than 10 (stage 1) / 20 (stage 2); stage 2 by someone else.
#
# H1: received Mon 2 Mar 2026, acknowledged Mon 9 Mar (5th working day:
#     on time), extended 6 + 6 = 12 working days (beyond 10: missed),
#     answered by alice Fri 20 Mar (10 working days after 9 Mar is Mon 23:
#     on time). Stage 2 asked Mon 23 Mar, acknowledged Tue 24 and answered
#     Mon 30 Mar, both by alice: on time, but the same person: missed.
# H2: received Mon 2 Mar, acknowledged Tue 3 by alice, answered Tue 10 Mar
#     (remedy "Apology and a visit", learning "Crews to check the lane");
#     stage 2 asked Wed 11, acknowledged Thu 12 and answered Fri 13 Mar by
#     bob: all on time, a different person.
# A compliment for Parks in 2026 and one in 2025; a complaint in 2025 (so
# the year before has a stage 1 complaint).
test_expect_success 'set up: a few cases of 2025 and 2026' '
	cpl init --policy south-staffordshire &&
	h1=$(cpl --officer alice log --complainant H1 --service Waste \
	    --summary h1 --received 2026-03-02) &&
	h2=$(cpl --officer alice log --complainant H2 --service Waste \
	    --summary h2 --received 2026-03-02) &&
	cpl --officer alice ack "$h1" --date 2026-03-09 &&
	cpl --officer alice extend "$h1" --days 6 --reason "Survey" \
	    --date 2026-03-10 $told &&
	cpl --officer alice extend "$h1" --days 6 --reason "Survey again" \
	    --date 2026-03-11 $told &&
	cpl --officer alice respond "$h1" --outcome partly-upheld \
	    --date 2026-03-20 &&
	cpl --officer alice escalate "$h1" --reason "Not fixed" --date 2026-03-23 &&
	cpl --officer alice ack "$h1" --date 2026-03-24 &&
	cpl --officer alice respond "$h1" --outcome not-upheld --date 2026-03-30 &&
	cpl --officer alice ack "$h2" --date 2026-03-03 &&
	cpl --officer alice respond "$h2" --outcome upheld \
	    --remedy "Apology and a visit" --learning "Crews to check the lane" \
	    --date 2026-03-10 &&
	cpl --officer alice escalate "$h2" --reason "Late" --date 2026-03-11 &&
	cpl --officer bob ack "$h2" --date 2026-03-12 &&
	cpl --officer bob respond "$h2" --outcome upheld --date 2026-03-13 &&
	c1=$(cpl log --kind compliment --complainant C1 --service Parks \
	    --summary c1 --received 2026-05-05) &&
	c0=$(cpl log --kind compliment --complainant C0 --service Parks \
	    --summary c0 --received 2025-06-02) &&
	o=$(cpl --officer carol log --complainant O --service Housing \
	    --summary o --received 2025-06-02) &&
	cpl --officer carol ack "$o" --date 2025-06-03 &&
	cpl --officer carol respond "$o" --outcome upheld --date 2025-06-05 &&
	cpl close "$o" --reason resolved --date 2025-06-06
'

test_expect_success 'the self-assessment, by hand: counts, % and the cases that missed' '
	cpl report annual --year 2026 --format csv >annual.csv &&
	head -n 1 annual.csv | grep -q "^section,group,figure,value,of,percent,previous_value,previous_of,previous_percent,ref,detail$" &&
	check self-assessment "" stage1.acknowledged_within_5_working_days \
	    2,2,100.0,1,1,100.0,, &&
	check self-assessment "" \
	    stage1.answered_within_10_working_days_of_acknowledgement \
	    2,2,100.0,1,1,100.0,, &&
	check self-assessment "" stage2.acknowledged_within_5_working_days \
	    2,2,100.0,0,0,,, &&
	check self-assessment "" \
	    stage2.answered_within_20_working_days_of_acknowledgement \
	    2,2,100.0,0,0,,, &&
	check self-assessment "" stage1.extended_by_no_more_than_10_working_days \
	    "0,1,0.0,0,0,,,$h1" &&
	check self-assessment "" stage2.extended_by_no_more_than_20_working_days \
	    0,0,,0,0,,, &&
	check self-assessment "" stage2.handled_by_different_person \
	    "1,2,50.0,0,0,,,$h1"
'

test_expect_success 'the year before beside; by service; by month; compliments' '
	check all "" stage1.opened 2,,,1,,,, &&
	check all "" stage2.opened 2,,,0,,,, &&
	check all "" received.compliment 1,3,33.3,1,2,50.0,, &&
	check service Waste stage1.opened 2,,,0,,,, &&
	check service Housing stage1.opened 0,,,1,,,, &&
	check service Waste stage1.extension_days 12,,,0,,,, &&
	check month 2026-03 stage1.opened 2,,,0,,,, &&
	check month 2026-06 stage1.opened 0,,,1,,,, &&
	check compliments Parks received.compliment 1,,,1,,,, &&
	test $(grep -c "^month," annual.csv) -eq 12
'

test_expect_success 'the remedies and learning of the year, with the case and stage' '
	grep "^learning," annual.csv >learning &&
	printf "%s\n" "learning,Waste,remedy,1,,,,,,$h2,Apology and a visit" \
	    "learning,Waste,learning,1,,,,,,$h2,Crews to check the lane" >want &&
	test_cmp want learning &&
	cpl report annual --year 2025 --format csv >annual.csv &&
	! grep -q "^learning," annual.csv
'

test_expect_success 'JSON: the same rows' '
	cpl report annual --year 2026 --format csv >annual.csv &&
	cpl report annual --year 2026 --format json >annual.json &&
	python3 -c "
import csv, json
rows = list(csv.DictReader(open(\"annual.csv\")))
js = json.load(open(\"annual.json\"))
assert len(rows) == len(js) > 100, (len(rows), len(js))
for r, j in zip(rows, js):
    for k, v in r.items():
        w = j[k]
        assert (v == \"\") if w is None else (float(v) == w if isinstance(w, (int, float)) else v == w), (k, v, j)
"
'

test_expect_success 'bad input is refused (2), nothing printed, nothing changed' '
	refused 2 "--year is needed" cpl report annual &&
	refused 2 "--year" cpl report annual --year 26 &&
	refused 2 "--year" cpl report annual --year twenty &&
	refused 2 "unknown option '\''--by'\''" cpl report annual --year 2026 \
	    --by service &&
	refused 2 "--format" cpl report annual --year 2026 --format pdf &&
	refused 2 "html" cpl --format html report annual --year 2026
'

# A free-text category is stored as typed; the report counts it in any
# case of letters, and the two years side by side make one row of it.
test_expect_success 'a category refused in two spellings over the two years: one row' '
	rm -f complaints.db complaints.db-wal complaints.db-shm &&
	cpl init --policy south-staffordshire &&
	a=$(cpl log --complainant A --summary s --category Noise \
	    --received 2026-05-04) &&
	b=$(cpl log --complainant B --summary s --category noise \
	    --received 2026-05-05) &&
	c=$(cpl log --complainant C --summary s --category NOISE \
	    --received 2025-05-05) &&
	for r in "$a" "$b"; do
		cpl close "$r" --reason refused --date 2026-05-06 || return 1
	done &&
	cpl close "$c" --reason refused --date 2025-05-06 &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	grep -i "^all,,closed.refused.noise," annual.csv >rows &&
	test "$(wc -l <rows)" = 1 &&
	grep -qi "^all,,closed.refused.noise,2,2,100.0,1,1,100.0," rows
'

# The page's learning is headed by service, grouped as the figures are:
# whatever the case of letters and the spaces, and in order of the group,
# not of one spelling ("Parks" sorts between "WASTE  management" and
# "Waste Management" in bytes).
test_expect_success 'HTML: the learning of a service typed three ways under one heading' '
	rm -f complaints.db complaints.db-wal complaints.db-shm &&
	cpl init --policy south-staffordshire &&
	i=0 &&
	for svc in "Waste Management" "Waste  Management" "WASTE  management" \
	    Parks; do
		i=$((i + 1)) &&
		r=$(cpl log --complainant "C$i" --summary s --service "$svc" \
		    --received 2026-05-0$i) &&
		cpl respond "$r" --outcome upheld --learning "Lesson $i" \
		    --date 2026-05-1$i || return 1
	done &&
	cpl report annual --year 2026 --format html >annual.html &&
	test "$(grep -o "Lesson [0-9]" annual.html | wc -l)" = 4 &&
	grep -o "<h3>[^<]*</h3>" annual.html >headings &&
	test "$(grep -ci "waste *management" headings)" = 1 &&
	test "$(grep -c "Parks" headings)" = 1
'

test_expect_success 'set up: 200 generated cases (tests/report-oracle.py)' '
	rm -f complaints.db complaints.db-wal complaints.db-shm &&
	cpl init --policy south-staffordshire &&
	oracle build plan.json &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM referrals")" -gt 3
'

for year in 2025 2026; do
	test_expect_success "generated cases: annual $year, every row the oracle's" '
		cpl report annual --year $year --format csv >annual.csv &&
		oracle annual plan.json $year annual.csv &&
		grep -q "^self-assessment,,stage1.acknowledged_within_5_working_days,[0-9]*,[1-9]" annual.csv
	'
done

test_done
