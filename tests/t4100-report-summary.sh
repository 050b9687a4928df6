#!/bin/sh
# t4100-report-summary.sh: complaints report summary --from D --to D
# [--by ...] (man/complaints-report.1): a handful of cases around Easter
# 2026 whose figures are worked out by hand below; an empty period; every
# --by; JSON and the table hold the CSV's rows; bad input refused; and on
# 200 generated cases, every figure (all, and by each --by) equal to those
# tests/report-oracle.py works out independently, for three periods. Every
# test makes its own store in its own directory.
. "$(dirname "$0")/lib.sh"

oracle() {
	python3 "$SRCDIR/tests/report-oracle.py" "$@"
}

# check BY GROUP NAME WANT: the row of summary.csv is WANT.
check() {
	check_row summary.csv "$@"
}

# south-staffordshire: acknowledge within 5 working days of receipt, respond
# within 10; stage 2: acknowledge 5, respond 20, from the request. Easter
# 2026: Good Friday 3 April, Easter Monday 6 April; 4 May a bank holiday.
#
# P: received Wed 1 Apr. Ack due Fri 10 Apr (Thu 2; Tue 7, Wed 8, Thu 9,
#    Fri 10); acknowledged 10 Apr: on time. Respond due Fri 17 Apr (Mon 13 ..
#    Fri 17); answered Mon 20 Apr (upheld): late, 11 working days (Thu 2,
#    Tue 7 .. Fri 10, Mon 13 .. Fri 17, Mon 20). Escalated Tue 21 Apr:
#    stage 2 ack due Tue 28 Apr (22, 23, 24, 27, 28), respond due Wed 20 May
#    (22 Apr .. 30 Apr: 7, Fri 1 May: 8, Tue 5 .. Fri 8: 12, 11-15: 17,
#    18, 19, 20): neither done by 20 November, both missed.
# Q: received Thu 2 Apr. Ack due Mon 13 Apr (Tue 7, 8, 9, 10, Mon 13; a
#    count blind to Easter would say Thu 9); acknowledged 13 Apr: on time.
#    Respond due Mon 20 Apr (14, 15, 16, 17, 20); extended by 2: Wed 22 Apr;
#    answered 22 Apr (not upheld): on time with the extension, not within
#    the original timescale; 12 working days (Tue 7 .. Wed 22).
# R: received on Good Friday 3 Apr (a bank holiday: counts from Tuesday 7).
#    Ack due Mon 13 Apr; never acknowledged; withdrawn Mon 20 Apr: the
#    acknowledgement missed (due before the close); the response, due Mon 20
#    Apr, not measured (the case closed that day).
# S: received Thu 30 Apr; ack due Fri 8 May (Fri 1; Tue 5, 6, 7, Fri 8),
#    respond due Fri 15 May: open, nothing done: both missed.
# T: a compliment, received 15 Apr, closed.
#
# In April 2026: received 5 (complaints 4 = 80.0%, a compliment 20.0%);
# channel email 2 (P, R) = 40.0%; stage 1 opened 4; acknowledged on time 2
# of 4 (P, Q; R and S missed); responded on time 1 of 3 (Q; P late, S missed,
# R not measured): without extension 0 of 2 (P, S), with extension 1 of 1
# (Q); within the original timescale 0 of 3; responded 2 of 4; working days
# to respond mean (11 + 12) / 2 = 11.5, median 11.5; upheld 1 of 2,
# not upheld 1 of 2; extended 1 of 4, 1 extension, 2 days; escalated 1 of 4.
# Stage 2 (P's, opened 21 April): 1, acknowledged on time 0 of 1, responded
# on time 0 of 1. By service: Waste (P, Q) acknowledged on time 2 of 2;
# Housing (R, S) 0 of 2.
#
# make_easter: a store holding P, Q, R, S and T, their references in the
# file refs.
make_easter() {
	cpl init --policy south-staffordshire &&
	p=$(cpl log --complainant P --service Waste --channel email \
	    --summary p --received 2026-04-01) &&
	q=$(cpl log --complainant Q --service Waste --channel phone \
	    --summary q --received 2026-04-02) &&
	r=$(cpl log --complainant R --service Housing --channel email \
	    --summary r --received 2026-04-03) &&
	s=$(cpl log --complainant S --service Housing --channel letter \
	    --summary s --received 2026-04-30) &&
	t=$(cpl log --kind compliment --complainant T --service Parks \
	    --channel web --summary t --received 2026-04-15) &&
	cpl ack "$p" --date 2026-04-10 &&
	cpl respond "$p" --outcome upheld --date 2026-04-20 &&
	cpl escalate "$p" --reason "Still missed" --date 2026-04-21 &&
	cpl ack "$q" --date 2026-04-13 &&
	cpl extend "$q" --days 2 --reason "Crew away" --date 2026-04-14 --told &&
	cpl respond "$q" --outcome not-upheld --date 2026-04-22 &&
	cpl close "$r" --reason withdrawn --date 2026-04-20 &&
	cpl ack "$t" --date 2026-04-16 &&
	cpl close "$t" --reason resolved --date 2026-04-16 &&
	echo "$p $q $r $s $t" >refs
}

# easter_cases: a copy of that store in this test's directory (made once),
# the references in $p, $q, $r, $s and $t.
easter_cases() {
	test_dir && fixture easter make_easter && read -r p q r s t <refs
}

# Officers type a service or a name in any case, with stray spaces: one
# service, one officer, as list --service and the stage 2 rule take them.
# March 2025, under south-staffordshire (no different-officer rule): three
# Waste cases; one answered by aud at stage 1 and by AUD at stage 2.
#
# march_2025_cases: those three cases, as of 30 June 2025, in the store
# here; the one answered twice in $w1.
march_2025_cases() {
	w1=$(at_2025 --officer aud log --complainant A --service Waste \
	    --summary s --received 2025-03-03) &&
	at_2025 --officer aud log --complainant B --service waste --summary s \
	    --received 2025-03-04 >/dev/null &&
	at_2025 --officer " Aud" log --complainant C --service "Waste " \
	    --summary s --received 2025-03-05 >/dev/null &&
	at_2025 --officer aud respond "$w1" --outcome upheld --date 2025-03-10 &&
	at_2025 --officer aud escalate "$w1" --date 2025-03-11 &&
	at_2025 --officer AUD respond "$w1" --outcome upheld --date 2025-03-20
}

# at_2025 ARGS...: the binary as of 30 June 2025.
at_2025() {
	COMPLAINTS_TODAY=2025-06-30 "$COMPLAINTS" "$@"
}

# generated: 200 cases generated by tests/report-oracle.py, their plan in
# plan.json (made once, copied for each test that asks).
make_generated() {
	cpl init --policy south-staffordshire &&
	oracle build plan.json
}

test_expect_success 'five cases around Easter 2026: each command done' '
	easter_cases
'

test_expect_success 'April 2026: the figures worked out by hand' '
	easter_cases &&
	cpl report summary --from 2026-04-01 --to 2026-04-30 --format csv \
	    >summary.csv &&
	head -n 1 summary.csv | grep -q "^by,group,figure,value,of,percent$" &&
	check all "" received 5,, &&
	check all "" received.complaint 4,5,80.0 &&
	check all "" received.compliment 1,5,20.0 &&
	check all "" received.comment 0,5,0.0 &&
	check all "" channel.email 2,5,40.0 &&
	check all "" channel.unrecorded 0,5,0.0 &&
	check all "" stage1.opened 4,, &&
	check all "" stage1.acknowledged_on_time 2,4,50.0 &&
	check all "" stage1.responded_on_time 1,3,33.3 &&
	check all "" stage1.responded_on_time_without_extension 0,2,0.0 &&
	check all "" stage1.responded_on_time_with_extension 1,1,100.0 &&
	check all "" stage1.responded_within_original_timescale 0,3,0.0 &&
	check all "" stage1.responded 2,4,50.0 &&
	check all "" stage1.working_days_to_respond_mean 11.5,2, &&
	check all "" stage1.working_days_to_respond_median 11.5,2, &&
	check all "" stage1.outcome.upheld 1,2,50.0 &&
	check all "" stage1.outcome.partly-upheld 0,2,0.0 &&
	check all "" stage1.outcome.not-upheld 1,2,50.0 &&
	check all "" stage1.extended 1,4,25.0 &&
	check all "" stage1.extensions 1,, &&
	check all "" stage1.extension_days 2,, &&
	check all "" stage1.escalated 1,4,25.0 &&
	check all "" stage2.opened 1,, &&
	check all "" stage2.acknowledged_on_time 0,1,0.0 &&
	check all "" stage2.responded_on_time 0,1,0.0 &&
	check all "" stage2.handled_by_different_person 0,0, &&
	check all "" closed.out-of-scope 0,5,0.0 &&
	check all "" ombudsman.referred 0,,
'

test_expect_success '--by service: each service its figures, after the total' '
	easter_cases &&
	cpl report summary --from 2026-04-01 --to 2026-04-30 --by service \
	    --format csv >summary.csv &&
	check all "" stage1.acknowledged_on_time 2,4,50.0 &&
	check service Waste stage1.acknowledged_on_time 2,2,100.0 &&
	check service Housing stage1.acknowledged_on_time 0,2,0.0 &&
	check service Parks received.compliment 1,1,100.0 &&
	check service Parks stage1.opened 0,, &&
	test "$(cut -d, -f1 summary.csv | uniq | tr "\n" " ")" = "by all service "
'

test_expect_success 'a period with nothing in it: every figure, zero' '
	easter_cases &&
	cpl report summary --from 2025-01-01 --to 2025-01-31 --format csv \
	    >summary.csv &&
	check all "" received 0,, &&
	check all "" stage1.acknowledged_on_time 0,0, &&
	check all "" stage1.working_days_to_respond_mean ,0, &&
	test $(wc -l <summary.csv) -gt 40
'

test_expect_success '--by service and officer: one group whatever the case of letters or spaces' '
	fresh_store &&
	march_2025_cases &&
	at_2025 report summary --from 2025-03-01 --to 2025-03-31 --by service \
	    --format csv >summary.csv &&
	test "$(grep -c "^service," summary.csv)" -gt 0 &&
	test "$(grep "^service," summary.csv | cut -d, -f2 | sort -u | wc -l)" = 1 &&
	grep -q "^service,[Ww]aste,received,3," summary.csv &&
	check all "" stage2.handled_by_different_person 0,1,0.0 &&
	at_2025 report summary --from 2025-03-01 --to 2025-03-31 --by officer \
	    --format csv >summary.csv &&
	test "$(grep "^officer," summary.csv | cut -d, -f2 | sort -u | wc -l)" = 1
'

# Runs of spaces within a name, and accented capitals, are one name too, as
# the stage 2 rule takes them (name_key): May 2025, five cases of one
# service typed three ways, two officers typed two ways each. Bob answers
# A at stage 1 as "Bob Smith" and at stage 2 as "bob  smith". Beside them,
# the three Waste cases of March 2025: the annual report has two services.
test_expect_success '--by service and officer: one group whatever the spaces within or the accented capitals' '
	fresh_store &&
	march_2025_cases &&
	a=$(at_2025 --officer "Bob Smith" log --complainant A --summary s \
	    --service "Waste Management" --received 2025-05-05) &&
	at_2025 --officer "Bob  Smith" log --complainant B --summary s \
	    --service "waste  management" --received 2025-05-06 >/dev/null &&
	at_2025 --officer "Siân Jones" log --complainant C --summary s \
	    --service "Waste Management " --received 2025-05-07 >/dev/null &&
	at_2025 --officer "SIÂN  JONES" log --complainant D --summary s \
	    --service "WASTE MANAGEMENT" --received 2025-05-08 >/dev/null &&
	at_2025 --officer "Siân Jones" log --complainant E --summary s \
	    --service "waste management" --received 2025-05-09 >/dev/null &&
	at_2025 --officer "Bob Smith" respond "$a" --outcome upheld \
	    --date 2025-05-12 &&
	at_2025 --officer "bob  smith" escalate "$a" --date 2025-05-13 &&
	at_2025 --officer "bob  smith" respond "$a" --outcome upheld \
	    --date 2025-05-20 &&
	at_2025 report summary --from 2025-05-01 --to 2025-05-31 --by service \
	    --format csv >summary.csv &&
	test "$(grep "^service," summary.csv | cut -d, -f2 | sort -u | wc -l)" = 1 &&
	grep -qi "^service,waste  *management,received,5," summary.csv &&
	grep -qi "^service,waste  *management,stage1.opened,5," summary.csv &&
	at_2025 report summary --from 2025-05-01 --to 2025-05-31 --by officer \
	    --format csv >summary.csv &&
	test "$(grep "^officer," summary.csv | cut -d, -f2 | sort -u | wc -l)" = 2 &&
	grep -qi "^officer,bob  *smith,received,2," summary.csv &&
	grep -qi "^officer,bob  *smith,stage1.opened,2," summary.csv &&
	grep -qi "^officer,bob  *smith,stage2.opened,1," summary.csv &&
	grep -qi "^officer,bob  *smith,stage2.handled_by_different_person,0,1," summary.csv &&
	test "$(grep -c "^officer,[^,]*,received,3," summary.csv)" = 1 &&
	at_2025 report annual --year 2025 --format csv >annual.csv &&
	grep "^service," annual.csv | cut -d, -f2 | sort -u >services &&
	test "$(wc -l <services)" = 2 &&
	grep -qi "^waste  *management$" services
'

test_expect_success 'JSON: an array of the same rows, numbers as numbers' '
	easter_cases &&
	cpl report summary --from 2026-04-01 --to 2026-04-30 --by month \
	    --format csv >summary.csv &&
	cpl report summary --from 2026-04-01 --to 2026-04-30 --by month \
	    --format json >summary.json &&
	json_is_csv summary.csv summary.json value of percent >n &&
	test "$(cat n)" -gt 40 &&
	cpl report summary --from 2026-04-01 --to 2026-04-30 --by month >table &&
	head -n 1 table | grep -q "^by  *group  *figure  *value  *of  *percent$" &&
	test $(wc -l <table) -eq $(wc -l <summary.csv)
'

test_expect_success 'bad input is refused (2), nothing printed, nothing changed' '
	easter_cases &&
	refused 2 "--from and --to" cpl report summary --from 2026-01-01 &&
	refused 2 "--from and --to" cpl report summary --to 2026-01-01 &&
	refused 2 "--from is after --to" cpl report summary \
	    --from 2026-02-01 --to 2026-01-01 &&
	refused 2 "--from" cpl report summary --from 2026-02-30 --to 2026-03-01 &&
	refused 2 "--by '\''team'\''" cpl report summary --from 2026-01-01 \
	    --to 2026-02-01 --by team &&
	refused 2 "unknown option '\''--year'\''" cpl report summary \
	    --from 2026-01-01 --to 2026-02-01 --year 2026 &&
	refused 2 "unknown option '\''--within'\''" cpl report summary \
	    --from 2026-01-01 --to 2026-02-01 --within 2
'

test_expect_success 'generated cases: 200 of them (tests/report-oracle.py)' '
	test_dir && fixture generated make_generated &&
	cpl list --format csv >list.csv &&
	test "$(tail -n +2 list.csv | wc -l)" -eq 200
'

for period in "2025-01-01 2025-12-31" "2026-01-01 2026-06-30" \
    "2025-04-01 2026-11-20"; do
	for by in "" service month policy channel officer; do
		test_expect_success "generated cases: summary $period ${by:+by $by}: the oracle's figures" '
			test_dir && fixture generated make_generated &&
			set -- $period &&
			cpl report summary --from $1 --to $2 ${by:+--by $by} \
			    --format csv >summary.csv &&
			oracle summary plan.json $1 $2 $by summary.csv
		'
	done
done

test_done
