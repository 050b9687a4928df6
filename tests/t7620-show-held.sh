#!/bin/sh
# t7620-show-held.sh: show while a hold is in force (seed 003 §11: "it may
# not be possible to provide a full response to the complaint until those
# proceedings have been completed"). The clock is stopped, so a deadline
# it stops is not known until the stage resumes: show's text says "due -
# (stopped while on hold)", its JSON gives null, with the stage's on_hold
# true and the working days held so far; its CSV leaves the day empty.
# Once resumed, the moved deadline; a case never held keeps its deadlines
# as before.
. "$(dirname "$0")/lib.sh"

R=SCC-2026-00001

# stage2 [STEP]: a Southampton store, its one complaint received Mon
# 2026-08-03, answered at stage 1 on Wed 08-05, taken to stage 2 on Mon
# 08-10 (its response due 20 working days after: 2026-09-08), then, up to
# STEP, held on Thu 08-20 for another procedure (held), and resumed on Fri
# 09-04 (resumed). Today is Thu 2026-09-03, or the day resumed.
stage2() {
	if [ "${1:-held}" = resumed ]; then
		export COMPLAINTS_TODAY=2026-09-04
	else
		export COMPLAINTS_TODAY=2026-09-03
	fi &&
	story_to "${1:-held}" && fresh_store southampton &&
	step logged cpl log --complainant "Pat" --summary "Rent" \
	    --received 2026-08-03 &&
	step answered cpl respond $R --outcome not-upheld \
	    --date 2026-08-05 --officer bob &&
	step escalated cpl escalate $R --reason "Not resolved" \
	    --date 2026-08-10 &&
	step held cpl hold $R --reason other-procedure \
	    --until 2026-09-01 --date 2026-08-20 &&
	step resumed cpl resume $R --date 2026-09-04 &&
	story_end
}

# Held so far, by hand: the working days after Thu 08-20 up to and
# including today, Thu 09-03: Aug 21 (1), 24-28 (6), Aug 31 the August
# bank holiday, Sep 1-3 (9).
test_on 'stage2 held' 'JSON: the stopped response deadline is null, with on_hold and the working days held so far' '
	case_is $R ".stages[1].response_due=null" \
	    ".stages[1].response_target=null" \
	    ".stages[1].on_hold=true" ".stages[1].working_days_held=9" \
	    ".stages[1].holds[0].working_days=null" \
	    ".stages[0].response_due=2026-08-17" ".stages[0].on_hold=false"
'

test_on 'stage2 held' 'text: the stopped deadline is no day, the hold says how long it has held so far' '
	cpl show $R >show.txt &&
	grep -q "^  respond         due - (stopped while on hold)\$" show.txt &&
	grep -q "^  held so far     9 working days, added to them on resume\$" show.txt &&
	test_must_fail 1 grep -q "2026-09-08" show.txt
'

test_on 'stage2 held' 'CSV: the stopped deadline is empty' '
	cpl show $R --format csv >show.csv &&
	csv_json show.csv >show.json &&
	test "$(jq -r ".[1].response_due" show.json)" = ""
'

# 20 working days after 08-10 is 09-08; 10 held (up to 09-04) moves it to
# 2026-09-22 (t9000 works it out day by day).
test_on 'stage2 resumed' 'resumed: the moved deadline, on_hold false, the working days held in all' '
	case_is $R ".stages[1].response_due=2026-09-22" \
	    ".stages[1].on_hold=false" ".stages[1].working_days_held=10" &&
	cpl show $R >show.txt &&
	grep -q "^  respond         due 2026-09-22  due in 12 working days\$" show.txt &&
	test_must_fail 1 grep -q "held so far" show.txt
'

test_on 'stage2 escalated' 'never held: the deadline as before, on_hold false, no working day held' '
	case_is $R ".stages[1].response_due=2026-09-08" \
	    ".stages[1].on_hold=false" ".stages[1].working_days_held=0" \
	    ".stages[1].holds=[]"
'

# bucks_holds: Buckinghamshire's policy with holds allowed (the test's
# own), whose stage 1 is acknowledged within 3 working days of receipt,
# answered within 20 (aiming at 10), and resolved within 12 weeks
# (seed 004); a complaint received Mon 2026-06-01 ($r): acknowledgement due
# 06-04, response 06-29, target 06-15, resolution 2026-08-24. Today is
# Wed 2026-06-10.
bucks_holds() {
	export COMPLAINTS_TODAY=2026-06-10 &&
	test_dir && mkdir pol && cp -R "$SRCDIR/policies/calendars" pol/ &&
	sed "s/^exclusions:/holds:\\n  allowed: [awaiting-complainant]\\n  source: \"the test'\''s own\"\\n\\nexclusions:/" \
	    "$SRCDIR/policies/buckinghamshire.yaml" >pol/buckinghamshire.yaml &&
	export COMPLAINTS_POLICIES=pol &&
	cpl init --policy buckinghamshire &&
	r=$(cpl log --complainant Pat --summary s --received 2026-06-01)
}

# Held Wed 06-03 to today, Wed 06-10: Jun 4, 5, 8, 9, 10: 5 working days.
test_on bucks_holds 'held before the acknowledgement: every deadline and the overall clock are stopped' '
	case_is "$r" ".stages[0].ack_due=2026-06-04" ".resolve_due=2026-08-24" &&
	cpl hold "$r" --reason awaiting-complainant --date 2026-06-03 &&
	case_is "$r" ".stages[0].ack_due=null" ".stages[0].response_due=null" \
	    ".stages[0].response_target=null" ".resolve_due=null" \
	    ".stages[0].on_hold=true" ".stages[0].working_days_held=5" &&
	cpl show "$r" >show.txt &&
	grep -q "^  acknowledge     due - (stopped while on hold)\$" show.txt &&
	grep -q "^  respond         due - (stopped while on hold)\$" show.txt &&
	grep -q "^resolve by    - (stopped while on hold)\$" show.txt &&
	test_must_fail 1 grep -q "^  target" show.txt
'

test_on bucks_holds 'held after the acknowledgement: the acknowledgement met stays as it was' '
	cpl ack "$r" --date 2026-06-02 &&
	cpl hold "$r" --reason awaiting-complainant --date 2026-06-03 &&
	case_is "$r" ".stages[0].ack_due=2026-06-04" \
	    ".stages[0].acknowledged=2026-06-02" \
	    ".stages[0].response_due=null" ".stages[0].on_hold=true" &&
	cpl show "$r" >show.txt &&
	grep -q "^  acknowledge     due 2026-06-04  done 2026-06-02\$" show.txt
'

test_done
