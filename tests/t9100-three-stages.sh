#!/bin/sh
# t9100-three-stages.sh: a complaint's whole life under a policy of three
# stages (the fixture tests/three-stages/three-stages.yaml: some councils
# still run three stages), every deadline checked against a date worked out
# by hand; the refusals name the stage they are about; the letters of each
# stage; and a policy of more stages than the code can hold is refused.
#
# The fixture: stage 1 acknowledge 5 wd from receipt, respond 10 wd from
# the acknowledgement; stage 2 (asked for within 20 wd, someone else)
# acknowledge 5 wd from the request, respond 20 wd from the
# acknowledgement; stage 3 (asked for within 20 wd, with reasons, someone
# other than stage 2's officer) acknowledge 5 wd from the request, respond
# 25 wd from the acknowledgement, extensions up to 15 wd; then the LGSCO.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good Friday
# Fri 2026-04-03, Easter Monday Mon 2026-04-06, Early May Mon 2026-05-04.
. "$(dirname "$0")/lib.sh"

ref=TRI-2026-00001

# three_store: test_dir, then the shipped policies and the fixture in pol/
# (COMPLAINTS_POLICIES), and a store under three-stages.
three_store() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	cp -R "$SRCDIR/tests/three-stages/." pol/ &&
	COMPLAINTS_POLICIES=$PWD/pol && export COMPLAINTS_POLICIES &&
	cpl init --policy three-stages
}

# life STEP: a store of this test's own, and the complaint taken through
# its life up to STEP: ann at stage 1, bob at stage 2, cy at stage 3.
life() {
	story_to "$1" && three_store &&
	step logged cpl --officer ann log --complainant "A Resident" \
	    --service Waste --summary "Missed bin" --received 2026-03-02 &&
	step ack1 cpl --officer ann ack "$ref" --date 2026-03-03 &&
	step respond1 cpl --officer ann respond "$ref" --outcome upheld \
	    --date 2026-03-10 &&
	step escalate2 cpl --officer bob escalate "$ref" --date 2026-03-12 &&
	step ack2 cpl --officer bob ack "$ref" --date 2026-03-13 &&
	step respond2 cpl --officer bob respond "$ref" --outcome not-upheld \
	    --date 2026-03-20 &&
	step escalate3 cpl --officer cy escalate "$ref" \
	    --reason "The bin is still not collected" --date 2026-03-23 &&
	step ack3 cpl --officer cy ack "$ref" --date 2026-03-24 &&
	step extend3 cpl --officer cy extend "$ref" --days 3 --told \
	    --reason "Contractor records awaited" --date 2026-04-01 &&
	step respond3 cpl --officer cy respond "$ref" --outcome partly-upheld \
	    --remedy "Apology" --date 2026-04-08 &&
	step ombudsman cpl --officer cy ombudsman "$ref" --date 2026-04-10 &&
	story_end
}

test_expect_success 'policy check: the fixture is valid, with its 3 stages' '
	three_store &&
	cpl policy check pol/three-stages.yaml >out &&
	grep -q "is valid: 3 stages" out
'

test_on 'life ack3' 'each stage has its own deadlines, stage 3 too' '
	# stage 3 requested Mon 2026-03-23: acknowledge by Mon 30 (Tue 24,
	# Wed 25, Thu 26, Fri 27, Mon 30); acknowledged Tue 24: 25 wd from
	# it, Good Friday and Easter Monday skipped, is Thu 2026-04-30
	case_is "$ref" .status=open .stage=3 ".stages[2].stage=3" \
	    ".stages[2].opened=2026-03-23" ".stages[2].officer=cy" \
	    ".stages[2].ack_due=2026-03-30" \
	    ".stages[2].acknowledged=2026-03-24" \
	    ".stages[2].response_due=2026-04-30" \
	    ".stages[1].response_due=2026-04-14" \
	    ".stages[0].response_due=2026-03-17"
'

test_on 'life extend3' 'a stage 3 extension of 3 wd moves its response past the Early May bank holiday' '
	# 2026-04-30 + 3 wd: Fri 1 May, (Mon 4 May bank holiday), Tue 5, Wed 6
	case_is "$ref" .stage=3 ".stages[2].response_due=2026-05-06" &&
	cpl show "$ref" >show.txt &&
	grep -q "^Stage 3: opened 2026-03-23, officer cy" show.txt &&
	grep -q "respond  *due 2026-05-06" show.txt
'

test_on 'life ombudsman' 'the whole life: answered at stage 3, then the ombudsman' '
	case_is "$ref" .stage=3 ".stages[2].responded=2026-04-08" \
	    ".stages[2].outcome=partly-upheld" ".stages[2].remedies=[\"Apology\"]" \
	    "actions=logged acknowledged responded escalated acknowledged responded escalated acknowledged extended responded referred" &&
	cpl list --format csv >list.csv &&
	grep -q "^$ref,three-stages,complaint,open,3," list.csv
'

test_on 'life escalate3' 'a stage 3 acknowledgement dated before the stage 3 request is refused naming that request' '
	refused 1 "^complaints: --date: 2026-03-20 is before the day of the stage 3 request (2026-03-23)\$" \
	    cpl --officer cy ack "$ref" --date 2026-03-20
'

test_on 'life escalate3' 'a stage 3 assignment dated before its request is refused naming it' '
	refused 1 "2026-03-20 is before the stage 3 request (2026-03-23)\$" \
	    cpl --officer cy assign "$ref" --to dee --date 2026-03-20
'

test_on 'life ack3' 'closing before the last step names the stage 3 acknowledgement' '
	refused 1 "2026-03-23 is before the stage 3 acknowledgement (2026-03-24)\$" \
	    cpl --officer cy close "$ref" --reason resolved --date 2026-03-23
'

test_on 'life respond3' 'a referral before the stage 3 response is refused naming it' '
	refused 1 "2026-04-07 is before the stage 3 response (2026-04-08)\$" \
	    cpl --officer cy ombudsman "$ref" --date 2026-04-07
'

test_on 'life respond2' 'stage 3 needs the complainant'\''s reasons, and someone other than stage 2'\''s officer' '
	refused 1 "needs the complainant.s reasons for stage 3" \
	    cpl --officer cy escalate "$ref" --date 2026-03-23 &&
	cpl --officer bob escalate "$ref" --reason "Still unhappy" \
	    --date 2026-03-23 &&
	refused 1 "^complaints: --officer: .bob. handled stage 2 of case .$ref.; policy .three-stages. needs someone else at stage 3" \
	    cpl --officer bob ack "$ref" --date 2026-03-24 &&
	cpl --officer cy ack "$ref" --date 2026-03-24
'

test_on 'life respond2' 'a referral after stage 2 is taken with a warning: stage 3 is the last' '
	cpl --officer bob ombudsman "$ref" --date 2026-03-23 >out 2>err &&
	grep -q "before the last stage of policy .three-stages. was answered" err
'

test_on 'life respond3' 'no stage after the last: escalating again sends the complainant to the ombudsman' '
	refused 1 "Local Government and Social Care Ombudsman" \
	    cpl --officer dee escalate "$ref" --reason r --date 2026-04-09
'

test_on 'life respond2' 'the stage 2 response letter offers stage 3' '
	cpl --officer bob letter "$ref" response >letter.txt &&
	grep -q "at Stage 2" letter.txt &&
	grep -q "escalated to Stage 3" letter.txt &&
	test "$(grep -c Ombudsman letter.txt)" = 0
'

test_on 'life respond3' 'the stage 3 response letter is the last: the ombudsman, not another stage' '
	cpl --officer cy letter "$ref" response >letter.txt &&
	grep -q "at Stage 3 of our complaints procedure" letter.txt &&
	grep -q "This is our final response, at stage 3" letter.txt &&
	grep -q "^Local Government and Social Care Ombudsman\$" letter.txt &&
	grep -q "^cy\$" letter.txt
'

test_on 'life ack3' 'report overdue lists the stage 3 response as stage 3' '
	COMPLAINTS_TODAY=2026-05-04 cpl report overdue --format csv >out.csv &&
	printf "%s\n" "ref,policy,stage,action,due,working_days_overdue,officer,service" \
	    "$ref,three-stages,3,respond,2026-04-30,1,cy,Waste" >want &&
	test_cmp want out.csv
'

# many_stages N: pol/many.yaml, the fixture with N stages (its last stage
# repeated) under the id many.
many_stages() {
	sed "s/^id: three-stages/id: many/" pol/three-stages.yaml >pol/many.yaml &&
	cp -R pol/letters/three-stages pol/letters/many &&
	i=3 && while [ "$i" -lt "$1" ]; do
		i=$((i + 1)) &&
		sed -n "/^  - stage: 3\$/,\$p" pol/three-stages.yaml |
		    sed "s/^  - stage: 3\$/  - stage: $i/" >>pol/many.yaml ||
		return 1
	done
}

test_expect_success 'policy check: a policy of 9 stages is valid' '
	three_store && many_stages 9 &&
	cpl policy check pol/many.yaml >out &&
	grep -q "is valid: 9 stages" out
'

test_expect_success 'policy check: a policy of 10 stages is refused, with the reason' '
	three_store && many_stages 10 &&
	line=$(grep -n "^  - stage: 10\$" pol/many.yaml | cut -d: -f1) &&
	test_must_fail 4 cpl policy check pol/many.yaml >out 2>err &&
	one_line_error err "^complaints: pol/many.yaml:$line:5: a policy has at most 9 stages: the flat import and export give each stage columns of its own and the reports figures of their own, up to stage 9 (this one has 10)\$" &&
	test ! -s out
'

test_done
