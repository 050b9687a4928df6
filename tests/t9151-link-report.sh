#!/bin/sh
# t9151-link-report.sh: the reports count linked complaints (seed 002 §7:
# "all points will be collectively investigated and one report will be
# issued in response"): the groups, the complaints in them, and the
# complaints received with a group counted once where the policy's
# 'linked' key says so (corporate-procedure does; the others say nothing,
# and each complaint counts). tests/report-oracle.py checks the same
# figures on its generated cases (t4100, t4200).
. "$(dirname "$0")/lib.sh"

# four complaints of POLICY (PREFIX its references' prefix) received Mon
# 2026-06-01 to Thu 06-04 and a compliment, the first three linked on
# Fri 06-05; the fourth and the compliment are in no group.
four() {
	fresh_store "$1" &&
	for n in 1 2 3 4; do
		cpl log --complainant "Resident $n" --service Highways \
		    --summary "Pothole" --received 2026-06-0$n >/dev/null ||
		    return 1
	done &&
	cpl log --kind compliment --complainant Fan --service Parks \
	    --summary "Lovely park" --received 2026-06-02 >/dev/null &&
	cpl link $2-2026-00001 $2-2026-00002 $2-2026-00003 --date 2026-06-05
}

# check FILE SECTION GROUP FIGURE CELLS: the row of FILE (report CSV) for
# that section, group and figure ends in CELLS.
check() {
	grep -q "^$2,$3,$4,$5\$" "$1" ||
	{ echo "# no row $2,$3,$4,$5 in:" >&2; grep "^$2,$3,$4," "$1" >&2; false; }
}

test_on 'four corporate-procedure CORP' 'summary: a group counts once under corporate-procedure' '
	cpl report summary --from 2026-06-01 --to 2026-06-30 --format csv \
	    >s.csv &&
	check s.csv all "" received.complaint 4,5,80.0 &&
	check s.csv all "" linked.groups 1,, &&
	check s.csv all "" linked.complaints 3,4,75.0 &&
	check s.csv all "" received.complaint.counting_linked_once 2,, &&
	check s.csv all "" stage1.opened 4,,
'

test_on 'four south-staffordshire SSC' 'summary: under a policy that says nothing, each linked complaint counts' '
	cpl report summary --from 2026-06-01 --to 2026-06-30 --format csv \
	    >s.csv &&
	check s.csv all "" linked.groups 1,, &&
	check s.csv all "" linked.complaints 3,4,75.0 &&
	check s.csv all "" received.complaint.counting_linked_once 4,,
'

test_on 'four corporate-procedure CORP' 'summary --by service: the linked figures come with the total, before the groups' '
	cpl report summary --from 2026-06-01 --to 2026-06-30 --by service \
	    --format csv >s.csv &&
	test "$(cut -d, -f1 s.csv | uniq | tr "\n" " ")" = "by all service " &&
	check s.csv all "" received.complaint.counting_linked_once 2,, &&
	test "$(grep -c "linked" s.csv)" = 3
'

test_on 'four corporate-procedure CORP' 'a period that holds part of a group counts the part received in it' '
	cpl report summary --from 2026-06-03 --to 2026-06-30 --format csv \
	    >s.csv &&
	check s.csv all "" received.complaint 2,2,100.0 &&
	check s.csv all "" linked.complaints 1,2,50.0 &&
	check s.csv all "" received.complaint.counting_linked_once 2,,
'

test_on 'four corporate-procedure CORP' 'annual: the figures for the year beside the year before' '
	cpl report annual --year 2026 --format csv >a.csv &&
	check a.csv all "" linked.groups "1,,,0,,,," &&
	check a.csv all "" linked.complaints "3,4,75.0,0,0,,," &&
	check a.csv all "" received.complaint.counting_linked_once "2,,,0,,,,"
'

test_on 'four corporate-procedure CORP' 'a group one period holds shows the figures for each; none, no figures' '
	cpl report summary --from 2026-06-04 --to 2026-06-30 --format csv \
	    >s.csv &&
	test_must_fail 1 grep -q linked s.csv &&
	cpl report annual --year 2027 --format csv >a.csv &&
	check a.csv all "" linked.groups "0,,,1,,,," &&
	cpl unlink CORP-2026-00001 CORP-2026-00002 --date 2026-06-08 &&
	cpl report summary --from 2026-06-01 --to 2026-06-30 --format csv \
	    >s.csv &&
	test_must_fail 1 grep -q linked s.csv
'

test_expect_success 'policy show names the rule and its source' '
	cpl policy show corporate-procedure >out &&
	grep -q "^LINKED COMPLAINTS" out &&
	tr -s " \n" "  " <out >words &&
	grep -q "the reports count a group once" words &&
	grep -q "all points will be collectively investigated" words &&
	cpl policy show south-staffordshire >out &&
	test_must_fail 1 grep -q "^LINKED COMPLAINTS" out
'

test_expect_success "policy: linked count must be once or each, at the value" '
	own_policies_store &&
	printf "linked:\n  count: twice\n  source: \"a document\"\n" \
	    >>pol/psps.yaml &&
	line=$(line_of "  count: twice" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused "pol/psps.yaml:$line:10: count must be once or each, not '\''twice'\''"
'

test_expect_success "policy: linked needs its source" '
	own_policies_store &&
	printf "linked:\n  count: once\n" >>pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml >out 2>err &&
	one_line_error err "source"
'

test_done
