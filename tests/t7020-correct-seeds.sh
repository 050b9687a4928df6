#!/bin/sh
# t7020-correct-seeds.sh: a correction is checked against the rules of the
# case's policy as if the case had been recorded right the first time: a
# rule of each seed that a corrected day or number moves or breaks, one
# test each, named after the section the rule cites in 'complaints policy
# show'. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good
# Friday Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon
# 2026-05-04, Spring Mon 2026-05-25.
. "$(dirname "$0")/lib.sh"

# --- PSPS, seed 000 ----------------------------------------------------------

p=PSPS-2026-00001

# psps_case: received Mon 2026-03-23, acknowledged Tue 2026-03-24 (stage 1
# answered within 10 working days of the acknowledgement: by Thu
# 2026-04-09), extended by 4 on Wed 2026-03-25 and by 6 on Wed 2026-04-08:
# 10 in all, the cap.
psps_case() {
	fresh_store psps &&
	cpl log --complainant "Pat" --received 2026-03-23 >/dev/null &&
	cpl ack "$p" --date 2026-03-24 &&
	cpl extend "$p" --days 4 --reason "Crew records" --told \
	    --date 2026-03-25 &&
	cpl extend "$p" --days 6 --reason "Crew on leave" --told \
	    --date 2026-04-08
}

# Acknowledged Tue 2026-03-24: 10 + 10 working days later is Thu
# 2026-04-23 (Good Friday and Easter Monday not counted). Corrected to Thu
# 2026-03-26: Mon 2026-04-27.
test_on psps_case 'seed 000 §6 Stages, Stage 1: a corrected acknowledgement moves the response deadline' '
	case_is "$p" .stages[0].response_due=2026-04-23 &&
	cpl correct "$p" --action ack --date 2026-03-26 \
	    --reason "the letter went on Thursday" &&
	case_is "$p" .stages[0].acknowledged=2026-03-26 \
	    .stages[0].response_due=2026-04-27
'

test_on psps_case 'seed 000 §6 Stages, Stage 1: an extension corrected past the 10 working days is refused (1)' '
	refused 1 "^complaints: as corrected, the stage 1 extension of 2026-04-08 would be refused: policy .psps. allows 10 working days of extension in all at stage 1 (seed 000 §6 Stages, Stage 1: .*); 4 already granted\$" \
	    cpl correct "$p" --action extend --days 7 --reason "was 7" &&
	cpl correct "$p" --action extend --days 5 --reason "was 5" &&
	case_is "$p" .stages[0].extensions[1].days=5 \
	    .stages[0].response_due=2026-04-22
'

# --- South Staffordshire, seed 001 -------------------------------------------

s=SSC-2026-00001

# ssc_case: received Mon 2026-04-20, answered Thu 2026-05-07 by bob; stage
# 2 asked for on Fri 2026-06-05, the last of the 20 working days after the
# response (Spring bank holiday not counted).
ssc_case() {
	fresh_store south-staffordshire &&
	cpl log --complainant "Pat" --received 2026-04-20 >/dev/null &&
	cpl --officer bob respond "$s" --outcome not-upheld --date 2026-05-07 &&
	cpl escalate "$s" --date 2026-06-05
}

# Answered Wed 2026-05-06 instead, the window closes on Thu 2026-06-04: the
# request of 2026-06-05 is past it. Answered Fri 2026-05-08, it closes on
# Mon 2026-06-08.
test_on ssc_case 'seed 001 §5 Stage 2 - Review: a corrected response moves the 20 working days to ask' '
	refused 1 "^complaints: as corrected, the stage 2 request of 2026-06-05 would be refused: policy .south-staffordshire. takes stage 2 requests up to 20 working days after the stage 1 response: the last day was 2026-06-04 (seed 001 §5" \
	    cpl correct "$s" --action respond --date 2026-05-06 \
	    --reason "sent the day before" &&
	cpl correct "$s" --action respond --date 2026-05-08 \
	    --reason "sent the day after" &&
	case_is "$s" .stages[0].responded=2026-05-08 .stages[1].opened=2026-06-05
'

# A request for stage 2 corrected to before the response it asks to review.
test_on ssc_case 'seed 001 §5 Stage 2 - Review: a request corrected to before the response is refused (1)' '
	refused 1 "^complaints: as corrected, the stage 2 request of 2026-05-06 would be refused: 2026-05-06 is before the stage.s response (2026-05-07)\$" \
	    cpl correct "$s" --action escalate --date 2026-05-06 --reason r
'

# --- Corporate procedure, seed 002 -------------------------------------------

c=CFP-2026-00001

# corp_case: received Mon 2026-06-01, answered Wed 2026-06-10 by alice;
# stage 2 asked for in writing on Mon 2026-06-15 (acknowledged within 2
# working days: by Wed 2026-06-17).
corp_case() {
	fresh_store corporate-procedure &&
	c=$(cpl log --complainant "Pat" --received 2026-06-01) &&
	cpl --officer alice respond "$c" --outcome not-upheld --date 2026-06-10 &&
	cpl escalate "$c" --reason "Not all answered" --date 2026-06-15
}

# Asked for on Fri 2026-06-12 instead: acknowledge by Tue 2026-06-16.
test_on corp_case 'seed 002 §7 Stage 2: a corrected request moves the 2 working days to acknowledge' '
	case_is "$c" .stages[1].ack_due=2026-06-17 &&
	cpl correct "$c" --action escalate --date 2026-06-12 \
	    --reason "the letter is dated 12 June" &&
	case_is "$c" .stages[1].opened=2026-06-12 .stages[1].ack_due=2026-06-16 \
	    ".stages[1].escalation_reason=Not all answered"
'

test_on corp_case 'seed 002 §7 Stage 2: a request corrected to after its acknowledgement is refused (1)' '
	cpl --officer carol ack "$c" --date 2026-06-15 &&
	refused 1 "^complaints: as corrected, the stage 2 acknowledgement of 2026-06-15 would be refused: 2026-06-15 is before the day of the stage 2 request (2026-06-16)\$" \
	    cpl correct "$c" --action escalate --date 2026-06-16 --reason r
'

# --- Southampton, seed 003 ---------------------------------------------------

t=SCC-2026-00001

# soton_case: stage 2 asked for on Mon 2026-06-15 (answered within 20
# working days, "extendable to 30": 10 more at most), extended by 5 on Mon
# 2026-06-22 and by 5 on Wed 2026-07-01: 30 in all.
soton_case() {
	fresh_store southampton &&
	t=$(cpl log --complainant "Pat" --received 2026-06-01) &&
	cpl --officer alice respond "$t" --outcome not-upheld --date 2026-06-10 &&
	cpl escalate "$t" --reason "Not resolved" --date 2026-06-15 &&
	cpl assign "$t" --to bob --date 2026-06-15 &&
	cpl --officer bob extend "$t" --days 5 --reason "Records" --told \
	    --date 2026-06-22 &&
	cpl --officer bob extend "$t" --days 5 --reason "Site visit" --told \
	    --date 2026-07-01
}

# 20 + 10 working days after Mon 2026-06-15: Mon 2026-07-27; with the last
# extension 4 days, not 5: Fri 2026-07-24.
test_on soton_case 'seed 003 §4 Complaint Stages: stage 2 extensions corrected past 30 working days in all are refused (1)' '
	case_is "$t" .stages[1].response_due=2026-07-27 &&
	refused 1 "^complaints: as corrected, the stage 2 extension of 2026-07-01 would be refused: policy .southampton. allows 10 working days of extension in all at stage 2 (seed 003 §4 Complaint Stages: .*); 5 already granted\$" \
	    cpl --officer bob correct "$t" --action extend --days 6 --reason r &&
	cpl --officer bob correct "$t" --action extend --days 4 \
	    --reason "the letter said 4 days" &&
	case_is "$t" .stages[1].response_due=2026-07-24
'

# The stage 2 officer must not be who answered stage 1 (seed 003 §4): the
# replay is of who recorded each action, so a correction by alice of bob's
# extension is hers to make, and bob's extension stays his.
test_on soton_case 'seed 003 §4 Complaint Stages: the replay keeps who recorded each action' '
	cpl --officer alice correct "$t" --action extend --date 2026-06-30 \
	    --reason "dated wrongly" &&
	case_is "$t" .stages[1].extensions[1].officer=bob \
	    .stages[1].extensions[1].date=2026-06-30 \
	    .history[6].officer=alice
'

# --- Buckinghamshire, seed 004 -----------------------------------------------

b=BC-2026-00001

# Received Mon 2026-03-23: resolved within 12 weeks, by Mon 2026-06-15
# (App A, six principles, Timeliness). Closed Thu 2026-06-18: missed;
# corrected to Fri 2026-06-12: met.
test_on 'fresh_store buckinghamshire' 'seed 004 App A, Timeliness: a corrected closing meets the 12 weeks' '
	cpl log --complainant "Pat" --received 2026-03-23 >/dev/null &&
	cpl respond "$b" --outcome upheld --date 2026-04-15 &&
	cpl close "$b" --reason resolved --date 2026-06-18 &&
	cpl report summary --from 2026-03-01 --to 2026-06-30 --format csv >s.csv &&
	check_row s.csv all "" overall.resolved_on_time "0,1,0.0" &&
	cpl correct "$b" --action close --date 2026-06-12 \
	    --reason "closed on the Friday, entered on the Thursday after" &&
	cpl report summary --from 2026-03-01 --to 2026-06-30 --format csv >s.csv &&
	check_row s.csv all "" overall.resolved_on_time "1,1,100.0" &&
	cpl show "$b" >show.txt &&
	grep -q "^resolve by    2026-06-15 (met)\$" show.txt
'

test_done
