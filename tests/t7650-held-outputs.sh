#!/bin/sh
# t7650-held-outputs.sh: a held case's deadlines are the same in every
# output as in show (t7620). While a hold is in force (seed 003 §11: "it
# may not be possible to provide a full response to the complaint until
# those proceedings have been completed"), a deadline it stops is not
# known: export leaves it empty (CSV) or null (JSON lines), and a round
# trip through import keeps the hold and gives the same deadlines; list's
# next action is to resume, due the day the hold was expected to end
# (sorted by it; without one, among the open cases with nothing due); a
# held case is never overdue; a letter written while held promises no
# day, it says the case is on hold and that a new date will follow.
. "$(dirname "$0")/lib.sh"

R=SCC-2026-00001

# held [STEP]: a Southampton store, its one complaint received Mon
# 2026-08-03, answered at stage 1 on Wed 08-05, taken to stage 2 on Mon
# 08-10 (its response due 20 working days after: 2026-09-08, the August
# bank holiday, Mon 08-31, not counted), extended by 5 working days on
# Wed 08-12 (due 2026-09-15), then, up to STEP, held on Thu 08-20 for
# another procedure, expected to end on Tue 09-01 (held), and resumed on
# Fri 09-04 (resumed). Today is Thu 2026-09-03, or the day resumed. The
# policies are those shipped.
held() {
	if [ "${1:-held}" = resumed ]; then
		export COMPLAINTS_TODAY=2026-09-04
	else
		export COMPLAINTS_TODAY=2026-09-03
	fi &&
	export COMPLAINTS_POLICIES="$SRCDIR/policies" &&
	story_to "${1:-held}" && fresh_store southampton &&
	step logged cpl log --complainant "Pat" --summary "Rent" \
	    --received 2026-08-03 &&
	step answered cpl respond $R --outcome not-upheld \
	    --date 2026-08-05 --officer bob &&
	step escalated cpl escalate $R --reason "Not resolved" \
	    --date 2026-08-10 &&
	step extended cpl extend $R --days 5 --reason "Witness away" --told \
	    --date 2026-08-12 &&
	step held cpl hold $R --reason other-procedure \
	    --until 2026-09-01 --date 2026-08-20 &&
	step resumed cpl resume $R --date 2026-09-04 &&
	story_end
}

# The working days held from Thu 08-20 to Fri 09-04, by hand: Aug 21 (1),
# 24-28 (6), Aug 31 the bank holiday, Sep 1-4 (10). Resumed, the stage 2
# response is due 10 working days after 09-15: Sep 16-18 (3), 21-25 (8),
# 28-29 (10): 2026-09-29.

test_on 'held held' 'export CSV: the stopped deadline is empty, the stage answered keeps its own' '
	cpl export --format csv >export.csv &&
	csv_json export.csv >export.json &&
	json_is export.json ".[0].stage2_response_due=" \
	    ".[0].response_due=2026-08-17" ".[0].stage2_extension_days=5" \
	    ".[0].resolve_due=" &&
	test_must_fail 1 grep -q "2026-09-15" export.csv
'

test_on 'held resumed' 'export CSV, resumed: the deadline moved by the working days held' '
	cpl export --format csv >export.csv &&
	csv_json export.csv >export.json &&
	json_is export.json ".[0].stage2_response_due=2026-09-29"
'

test_on 'held held' 'export JSON lines: the stopped deadline is null' '
	cpl export --format jsonl >export.jsonl &&
	json_is export.jsonl ".stage2_response_due=null" \
	    ".response_due=2026-08-17" ".stage2_ack_due=null"
'

# The store b.db: the held case imported from the export with its history.
test_on 'held held' 'round trip: the hold is kept, the deadlines the same after import, and after resuming both' '
	cpl export --format jsonl --include-history >a.jsonl &&
	cpl --db b.db init --policy southampton &&
	cpl --db b.db import --format jsonl a.jsonl >/dev/null &&
	cpl --db b.db show $R --format json >case.json &&
	json_is case.json ".stages[1].on_hold=true" \
	    ".stages[1].response_due=null" ".stages[1].working_days_held=9" &&
	cpl --db b.db export --format jsonl --include-history >b.jsonl &&
	test_cmp a.jsonl b.jsonl &&
	json_is b.jsonl ".stage2_response_due=null" &&
	export COMPLAINTS_TODAY=2026-09-04 &&
	cpl resume $R --date 2026-09-04 &&
	cpl --db b.db resume $R --date 2026-09-04 &&
	cpl export --format jsonl >a.jsonl &&
	cpl --db b.db export --format jsonl >b.jsonl &&
	test_cmp a.jsonl b.jsonl &&
	json_is b.jsonl ".stage2_response_due=2026-09-29"
'

# bucks_held: Buckinghamshire's policy with holds allowed (the test's own,
# its letters as shipped), whose stage 1 is acknowledged within 3 working
# days of receipt, answered within 20 and resolved within 12 weeks (seed
# 004); a complaint received Mon 2026-06-01 ($r), held on Wed 06-03 before
# its acknowledgement. Today is Wed 2026-06-10.
bucks_held() {
	export COMPLAINTS_TODAY=2026-06-10 &&
	test_dir && mkdir pol &&
	cp -R "$SRCDIR/policies/calendars" "$SRCDIR/policies/letters" pol/ &&
	sed "s/^exclusions:/holds:\\n  allowed: [awaiting-complainant]\\n  source: \"the test'\''s own\"\\n\\nexclusions:/" \
	    "$SRCDIR/policies/buckinghamshire.yaml" >pol/buckinghamshire.yaml &&
	export COMPLAINTS_POLICIES=pol &&
	cpl init --policy buckinghamshire &&
	r=$(cpl log --complainant Pat --summary s --received 2026-06-01) &&
	cpl hold "$r" --reason awaiting-complainant --date 2026-06-03
}

test_on bucks_held 'export, held before the acknowledgement: every deadline and the overall clock are empty' '
	cpl export --format jsonl >export.jsonl &&
	json_is export.jsonl ".ack_due=null" ".response_due=null" \
	    ".resolve_due=null" &&
	cpl export --format csv >export.csv &&
	csv_json export.csv >export.json &&
	json_is export.json ".[0].ack_due=" ".[0].response_due=" \
	    ".[0].resolve_due="
'

# Four open cases on Thu 2026-09-03: the held one (resume, due 09-01);
# received Mon 08-24, due 10 working days after (08-31 the bank
# holiday): 2026-09-08; received Tue 08-04, held on Thu 08-06 with no day
# it is expected to end; received Mon 08-03 and answered on Fri 08-07.
list_store() {
	held held &&
	b=$(cpl log --complainant B --summary s --received 2026-08-24) &&
	c=$(cpl log --complainant C --summary s --received 2026-08-04) &&
	cpl hold "$c" --reason other-procedure --date 2026-08-06 &&
	d=$(cpl log --complainant D --summary s --received 2026-08-03) &&
	cpl respond "$d" --outcome upheld --date 2026-08-07
}

test_on list_store 'list: a held case is to be resumed, due the day the hold was expected to end, or nothing due' '
	csv_row $R >row && grep -q ",resume,2026-09-01,," row &&
	csv_row "$c" >row && grep -q ",resume,,tester," row &&
	cpl list --wide >list.txt &&
	grep "^$c " list.txt | grep -q " resume  *-  *tester" &&
	test_must_fail 1 grep -q "2026-09-15" list.txt
'

test_on list_store 'list --sort due: a held case sorts by the day it was expected to end; without one, among those with nothing due' '
	cpl list --sort due --format csv | cut -d, -f1,7,8 >got &&
	printf "%s\n" ref,next_action,due "$R,resume,2026-09-01" \
	    "$b,respond,2026-09-08" "$d,none," "$c,resume," >want &&
	test_cmp want got
'

test_on list_store 'report overdue: a held case is never overdue; with --actions, a hold past its day to resume' '
	cpl report overdue --format csv >overdue.csv &&
	test_must_fail 1 grep -q "^$R," overdue.csv &&
	test_must_fail 1 grep -q "^$c," overdue.csv &&
	cpl report overdue --actions --format csv >overdue.csv &&
	grep -q "^$R,southampton,2,resume,2026-09-01,2," overdue.csv &&
	test_must_fail 1 grep -q "^$c," overdue.csv
'

test_on 'held held' 'letter while held: no date promised, the hold said in the seed'\''s words' '
	cpl letter $R holding-reply >letter.txt &&
	grep -q "^The reason for the delay is: Witness away\$" letter.txt &&
	grep -q "^Since Thursday 20 August 2026 your complaint has had to wait for another procedure, and it may not be possible to provide a full response to your complaint until those proceedings have been completed\\. .* we will write to you with a new date for our reply when we resume\\.\$" letter.txt &&
	test_must_fail 1 grep -q "reply by\\|15 September\\|29 September" letter.txt
'

test_on 'held resumed' 'letter once resumed: the moved date' '
	cpl letter $R holding-reply >letter.txt &&
	grep -q "^We now expect to send you our full reply by Tuesday 29 September 2026\\.\$" letter.txt &&
	test_must_fail 1 grep -q "on hold\\|wait for another procedure" letter.txt
'

test_on 'held escalated' 'letter never held: the date, and no word of a hold' '
	cpl letter $R holding-reply --days 5 --reason "Witness away" \
	    --date 2026-08-12 >letter.txt &&
	grep -q "^We now expect to send you our full reply by Tuesday 15 September 2026\\.\$" letter.txt &&
	test_must_fail 1 grep -q "another procedure" letter.txt
'

# A council's own template that states the reply's date and says nothing
# of a hold.
test_on 'held held' 'letter while held from a template silent on holds: refused, naming the template' '
	cp -R "$SRCDIR/policies" pol &&
	awk "/response_due/ { print \"We now expect to send you our full reply by {{response_due}}.\"; next } { print }" \
	    "$SRCDIR/policies/letters/southampton/holding-reply.tmpl" \
	    >pol/letters/southampton/holding-reply.tmpl &&
	COMPLAINTS_POLICIES=pol refused 4 "^complaints: case .$R. is on hold since 2026-08-20 (other-procedure): the holding-reply letter can.t state when the complainant can expect a reply (.response_due.) until its clock resumes, and .pol/letters/southampton/holding-reply.tmpl. says nothing of the hold (.on_hold.)\$" \
	    cpl letter $R holding-reply
'

test_done
