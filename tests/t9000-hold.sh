#!/bin/sh
# t9000-hold.sh: complaints hold and resume. A stage's clock stops where
# the case's policy allows it (Southampton: another procedure, seed 003
# §11), and on resume its deadlines move by the working days held, the
# calendar's (a bank holiday inside the hold is not counted); an overall
# clock in calendar weeks moves by the calendar days held. A held case is
# never overdue; report overdue --actions lists a hold past its day to end.
. "$(dirname "$0")/lib.sh"

# stage2 [STEP]: a Southampton store, its one complaint SCC-2026-00001
# received Mon 2026-08-03, answered at stage 1 by bob on Wed 08-05, taken
# to stage 2 on Mon 2026-08-10 (its response due 20 working days after),
# then, up to STEP: held on Thu 08-20 for another procedure, expected to
# end Tue 09-01 (held), and resumed on Fri 09-04 (resumed).
stage2() {
	shipped && story_to "${1:-escalated}" && fresh_store southampton &&
	step logged cpl log --complainant "Pat" --summary "Rent" \
	    --received 2026-08-03 &&
	step answered cpl respond SCC-2026-00001 --outcome not-upheld \
	    --date 2026-08-05 --officer bob &&
	step escalated cpl escalate SCC-2026-00001 --reason "Not resolved" \
	    --date 2026-08-10 &&
	step held cpl hold SCC-2026-00001 --reason other-procedure \
	    --until 2026-09-01 --date 2026-08-20 &&
	step resumed cpl resume SCC-2026-00001 --date 2026-09-04 &&
	story_end
}

R=SCC-2026-00001

# shipped: the shipped policies (a test of a policy of its own reads pol/).
shipped() {
	export COMPLAINTS_POLICIES="$SRCDIR/policies"
}

# The stage 2 response deadline, by hand (2026-08-31 is the Summer bank
# holiday of the England and Wales calendar):
#   20 working days after Mon 08-10: Aug 11-14 (4), 17-21 (9), 24-28 (14),
#   Aug 31 is a holiday, Sep 1-4 (18), Sep 7 (19), Sep 8 (20): 2026-09-08.
#   Held Thu 08-20, resumed Fri 09-04: the working days after 08-20 up to
#   and including 09-04 are Aug 21 (1), 24-28 (6), Sep 1-4 (10): 10, the
#   bank holiday not counted (11 weekdays, 15 calendar days).
#   30 working days after 08-10: Sep 8 (20), Sep 9-11 (23), 14-18 (28),
#   21 (29), 22 (30): 2026-09-22.
test_on 'stage2 resumed' 'a stage 2 hold across the August bank holiday moves the response deadline by its 10 working days' '
	case_is $R ".stages[1].response_due=2026-09-22" \
	    ".stages[1].holds[0].reason=other-procedure" \
	    ".stages[1].holds[0].held=2026-08-20" \
	    ".stages[1].holds[0].until=2026-09-01" \
	    ".stages[1].holds[0].resumed=2026-09-04" \
	    ".stages[1].holds[0].working_days=10" \
	    "actions=logged responded escalated held resumed" &&
	cpl show $R >show.txt &&
	grep -q "^  held            2026-08-20 to 2026-09-04 (other-procedure): +10 working days\$" show.txt &&
	row_is $R "$R,southampton,complaint,open,2,2026-08-03,respond,2026-09-22,," &&
	cpl list --sort due --format csv >list.csv &&
	grep -q "^$R,.*,respond,2026-09-22," list.csv
'

# The same case without the hold: the deadline stays where it was.
test_on 'stage2 escalated' 'without a hold the stage 2 deadline is 2026-09-08' '
	case_is $R ".stages[1].response_due=2026-09-08" ".stages[1].holds=[]"
'

# Overdue from the moved deadline: the working days after 2026-09-22 up to
# Fri 2026-11-20: Sep 23-25 (3), then eight whole weeks (43).
test_on 'stage2 resumed' 'report overdue counts from the moved deadline' '
	cpl report overdue --format csv >overdue.csv &&
	grep -q "^$R,southampton,2,respond,2026-09-22,43,," overdue.csv
'

test_on 'stage2 held' 'while held the case is never overdue; its next action is resume, due the day it was to end' '
	cpl report overdue --format csv >overdue.csv &&
	test "$(wc -l <overdue.csv)" -eq 1 &&
	row_is $R "$R,southampton,complaint,open,2,2026-08-03,resume,2026-09-01,," &&
	cpl show $R >show.txt &&
	grep -q "^  ON HOLD         since 2026-08-20 (other-procedure), to resume by 2026-09-01 (past): its deadlines are stopped\$" show.txt &&
	test_must_fail 1 grep -q "overdue by" show.txt
'

# Since 2026-09-01 (Tue), up to Fri 2026-11-20: Sep 2-4 (3), then eleven
# whole weeks (58).
test_on 'stage2 held' 'report overdue --actions lists the hold past its day to end as action resume; without it, nothing' '
	cpl report overdue --actions --format csv >actions.csv &&
	printf "%s\n" "ref,policy,stage,action,due,working_days_overdue,officer,service" \
	    "$R,southampton,2,resume,2026-09-01,58,," >expect &&
	test_cmp expect actions.csv &&
	cpl report overdue --format csv >plain.csv &&
	head -n 1 expect >expect.plain &&
	test_cmp expect.plain plain.csv
'

test_on 'stage2 held' 'what answers or moves a held stage is refused until it resumes' '
	for a in "ack $R --date 2026-08-25" \
	    "respond $R --outcome upheld --date 2026-08-25" \
	    "extend $R --days 5 --reason r --told --date 2026-08-25" \
	    "close $R --reason withdrawn --date 2026-08-25"; do
		refused 1 "^complaints: case .$R. is on hold since 2026-08-20 (other-procedure): its clock must be resumed first\$" \
		    cpl $a || return 1
	done &&
	refused 1 "^complaints: case .$R. is on hold since 2026-08-20" \
	    cpl hold $R --reason other-procedure --date 2026-08-21
'

test_on 'stage2 resumed' 'a resumed case is answered, not on a day it was held; resume without a hold is refused' '
	refused 1 "^complaints: case .$R. is not on hold\$" cpl resume $R &&
	refused 1 "^complaints: --date: 2026-08-25 is while stage 2 of case .$R. was on hold (2026-08-20 to 2026-09-04)\$" \
	    cpl respond $R --outcome upheld --date 2026-08-25 --officer carol &&
	cpl respond $R --outcome upheld --date 2026-09-15 --officer carol &&
	case_is $R ".stages[1].responded=2026-09-15"
'

test_on 'stage2 held' 'resume dated before the hold, or in the future, is refused' '
	refused 1 "^complaints: --date: 2026-08-19 is before the day the case was put on hold (2026-08-20)\$" \
	    cpl resume $R --date 2026-08-19 &&
	refused 2 "^complaints: --date: 2026-11-21 is in the future" \
	    cpl resume $R --date 2026-11-21
'

test_on 'stage2 escalated' 'a hold before the stage opened, or ending before it begins, is refused' '
	refused 1 "^complaints: --date: 2026-08-07 is before the stage 2 request (2026-08-10)\$" \
	    cpl hold $R --reason other-procedure --date 2026-08-07 &&
	refused 2 "^complaints: --until: the day the hold is expected to end (2026-08-19) is before the day it begins (2026-08-20)\$" \
	    cpl hold $R --reason other-procedure --until 2026-08-19 \
	    --date 2026-08-20
'

test_on 'stage2 escalated' 'a reason not in the vocabulary is bad input; one the policy does not allow is refused' '
	refused 2 "^complaints: --reason: .lunch. is not a reason to hold a case (other-procedure, awaiting-complainant)\$" \
	    cpl hold $R --reason lunch &&
	refused 2 "^complaints: --reason: a hold needs its reason" cpl hold $R &&
	refused 1 "^complaints: --reason: policy .southampton. allows a hold only for other-procedure (seed 003 §11 other/concurrent procedures), not for .awaiting-complainant.\$" \
	    cpl hold $R --reason awaiting-complainant
'

test_expect_success 'a policy with no holds key refuses every hold, naming the reason given' '
	shipped &&
	for pol in psps south-staffordshire corporate-procedure buckinghamshire; do
		fresh_store $pol &&
		r=$(cpl log --complainant Pat --summary s --received 2026-11-02) &&
		refused 1 "^complaints: --reason: policy .$pol. allows no hold: the clock of case .$r. can.t stop for .other-procedure.\$" \
		    cpl hold "$r" --reason other-procedure --date 2026-11-03 ||
		return 1
	done
'

test_on 'stage2 answered' 'an answered stage, or a closed case, has no clock to stop' '
	refused 1 "^complaints: stage 1 of case .$R. was answered on 2026-08-05: it has no deadline left to stop\$" \
	    cpl hold $R --reason other-procedure --date 2026-08-06 &&
	cpl close $R --reason resolved --date 2026-08-07 &&
	refused 1 "^complaints: case .$R. is closed" \
	    cpl hold $R --reason other-procedure --date 2026-08-08
'

# A policy of the test's own: Buckinghamshire's, whose overall clock is
# 12 weeks from receipt (seed 004), with holds allowed.
bucks_holds() {
	test_dir && mkdir pol && cp -R "$SRCDIR/policies/calendars" pol/ &&
	sed "s/^exclusions:/holds:\\n  allowed: [other-procedure, awaiting-complainant]\\n  source: \"the test'\''s own\"\\n\\nexclusions:/" \
	    "$SRCDIR/policies/buckinghamshire.yaml" >pol/buckinghamshire.yaml &&
	export COMPLAINTS_POLICIES=pol &&
	cpl init --policy buckinghamshire
}

# Received Mon 2026-06-01: 12 weeks (84 days) on is Mon 2026-08-24. Held
# Wed 06-10, resumed Wed 06-24: 14 calendar days, so 2026-09-07. Closed
# resolved on Tue 2026-09-01: late by the first, on time by the moved.
test_on bucks_holds 'the overall clock in calendar weeks moves by the calendar days held' '
	r=$(cpl log --complainant Pat --summary s --received 2026-06-01) &&
	case_is "$r" ".resolve_due=2026-08-24" &&
	cpl hold "$r" --reason awaiting-complainant --date 2026-06-10 &&
	cpl resume "$r" --date 2026-06-24 &&
	case_is "$r" ".resolve_due=2026-09-07" &&
	cpl ack "$r" --date 2026-06-25 &&
	cpl respond "$r" --outcome upheld --date 2026-07-20 &&
	cpl close "$r" --reason resolved --date 2026-09-01 &&
	cpl show "$r" >show.txt &&
	grep -q "^resolve by    2026-09-07 (met) (14 days held)\$" show.txt &&
	cpl report summary --from 2026-06-01 --to 2026-06-30 --format csv >sum.csv &&
	grep -q "^all,,overall.resolved_on_time,1,1,100.0\$" sum.csv
'

# Stage 2 answered Tue 2026-09-15: after the deadline without the hold
# (09-08), before the moved one (09-22). The summary counts it on time,
# and gives the hold's figures.
test_on 'stage2 resumed' 'report summary measures against the moved deadline and counts the holds' '
	cpl respond $R --outcome upheld --date 2026-09-15 --officer carol &&
	cpl report summary --from 2026-08-01 --to 2026-08-31 --format csv >sum.csv &&
	grep -q "^all,,stage2.responded_on_time,1,1,100.0\$" sum.csv &&
	grep -q "^all,,holds.cases_held,1,,\$" sum.csv &&
	grep -q "^all,,holds.working_days_held,10,,\$" sum.csv &&
	grep -q "^all,,holds.stages_with_deadlines_moved,1,,\$" sum.csv &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	grep -q "^all,,holds.working_days_held,10,,,0,,,,\$" annual.csv &&
	cpl report annual --year 2026 --format html >annual.html &&
	grep -q "these figures count against the moved deadlines: 1 stage this year" annual.html
'

test_on 'stage2 escalated' 'a report with no hold has no hold figures' '
	cpl report summary --from 2026-08-01 --to 2026-08-31 --format csv >sum.csv &&
	test_must_fail 1 grep -q "holds\\." sum.csv
'

test_on 'stage2 resumed' 'export --include-history and import carry the hold, and the moved deadline with it' '
	cpl export --include-history --format jsonl >cases.jsonl &&
	mkdir copy && cd copy && cpl init --policy southampton &&
	cpl import ../cases.jsonl --format jsonl &&
	case_is $R ".stages[1].response_due=2026-09-22" \
	    ".stages[1].holds[0].held=2026-08-20" \
	    ".stages[1].holds[0].until=2026-09-01" \
	    ".stages[1].holds[0].resumed=2026-09-04" \
	    "actions=logged responded escalated held resumed" &&
	cpl export --include-history --format jsonl >again.jsonl &&
	jq -c ".history" ../cases.jsonl | sed "s/\"recorded\":\"[^\"]*\",//g" >a &&
	jq -c ".history" again.jsonl | sed "s/\"recorded\":\"[^\"]*\",//g" >b &&
	test_cmp a b
'

test_on 'stage2 resumed' 'amend and correct replay the hold: a request moved after it is refused, one before it moves the deadline' '
	cpl amend $R --summary "Rent arrears" --reason typo &&
	case_is $R ".stages[1].response_due=2026-09-22" &&
	refused 1 "^complaints: as corrected, the stage 2 hold of 2026-08-20 would be refused: 2026-08-20 is before the stage 2 request (2026-08-21)\$" \
	    cpl correct $R --action escalate --date 2026-08-21 --reason typo &&
	cpl correct $R --action escalate --date 2026-08-11 --reason typo &&
	case_is $R ".stages[1].opened=2026-08-11" \
	    ".stages[1].response_due=2026-09-23" ".stages[1].holds[0].working_days=10"
'

test_expect_success 'policy show gives Southampton'\''s holds with the seed; policy check refuses an unknown reason where it is written' '
	shipped && test_dir &&
	cpl policy show southampton --format json >show.json &&
	jq -r ".[] | select(.topic == \"holds\") | .source" show.json >source &&
	grep -q "^seed 003 §11 other/concurrent procedures: .Occasionally, a complaint may require us to start another procedure" source &&
	mkdir pol && cp -R "$SRCDIR/policies/calendars" pol/ &&
	sed "s/allowed: \\[other-procedure\\]/allowed: [other-procedure, coffee]/" \
	    "$SRCDIR/policies/southampton.yaml" >pol/southampton.yaml &&
	line=$(line_of "  allowed:" pol/southampton.yaml) &&
	test_must_fail 4 cpl policy check pol/southampton.yaml >out 2>err &&
	one_line_error err "^complaints: pol/southampton.yaml:$line:[0-9]*: .coffee. is not a reason to hold a case (other-procedure, awaiting-complainant)\$"
'

test_done
