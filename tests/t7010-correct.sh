#!/bin/sh
# t7010-correct.sh: complaints correct puts right the last recorded action
# of a kind (its day, outcome, remedies, lessons, working days), keeping
# the old value, who, when and why in the history; every rule is checked
# again as if the case had been recorded right the first time, and what
# the corrected history would break refuses the correction, changing
# nothing. Every date is worked out by hand below (today is Fri
# 2026-11-20, as tests/lib.sh sets it).
. "$(dirname "$0")/lib.sh"

ref=SSC-2026-00001

# answered_today: a new store under South Staffordshire's policy, and the
# complaint of the issue: received Mon 2026-11-02 (answered within 10
# working days of receipt, seed 001 §5: by Mon 2026-11-16), acknowledged
# Tue 2026-11-03, answered on Fri 2026-11-13, but recorded without --date,
# so as answered today, Fri 2026-11-20: late.
answered_today() {
	fresh_store south-staffordshire &&
	cpl log --complainant "Pat" --service Waste --summary "Missed bins" \
	    --received 2026-11-02 >/dev/null &&
	cpl ack "$ref" --date 2026-11-03 &&
	cpl --officer bob respond "$ref" --outcome upheld --remedy Apology
}

test_on answered_today 'the response typed without its date: corrected, the case is answered on time' '
	case_is "$ref" .stages[0].responded=2026-11-20 \
	    .stages[0].response_due=2026-11-16 &&
	refused 1 "stage 1 of case .$ref. was answered on 2026-11-20" \
	    cpl respond "$ref" --outcome upheld --date 2026-11-13 &&
	cpl --officer carol correct "$ref" --action respond --date 2026-11-13 \
	    --reason "typed without the date" >out 2>err &&
	test ! -s out && test ! -s err &&
	case_is "$ref" .stages[0].responded=2026-11-13 \
	    .stages[0].responded_by=bob .stages[0].outcome=upheld \
	    ".stages[0].remedies=[\"Apology\"]" \
	    "actions=logged acknowledged responded corrected" \
	    ".history[2].date=2026-11-20" ".history[3].officer=carol" \
	    ".history[3].date=2026-11-20" ".history[3].stage=1" \
	    ".history[3].corrects=respond" ".history[3].field=date" \
	    ".history[3].old=2026-11-20" ".history[3].new=2026-11-13" \
	    ".history[3].reason=typed without the date" \
	    ".history[3].detail=response date: '\''2026-11-20'\'' -> '\''2026-11-13'\'' (typed without the date)" &&
	cpl report summary --from 2026-11-01 --to 2026-11-30 --format csv >s.csv &&
	check_row s.csv all "" stage1.responded_on_time "1,1,100.0"
'

test_on answered_today 'the outcome, remedies and lessons of the response: one event each' '
	cpl correct "$ref" --action respond --outcome partly-upheld \
	    --remedy "Apology" --remedy "Refund of the fee" \
	    --learning "Check the round sheet" --reason "from the letter sent" &&
	case_is "$ref" .stages[0].outcome=partly-upheld \
	    ".stages[0].remedies=[\"Apology\", \"Refund of the fee\"]" \
	    ".stages[0].learning=[\"Check the round sheet\"]" \
	    .stages[0].responded=2026-11-20 \
	    "actions=logged acknowledged responded corrected corrected corrected" \
	    ".history[3].field=outcome" ".history[3].old=upheld" \
	    ".history[3].new=partly-upheld" \
	    ".history[4].field=remedies" ".history[4].old=Apology" \
	    ".history[5].field=learning" ".history[5].old=null" \
	    ".history[5].new=Check the round sheet" &&
	test "$(jfield .history[4].new <case.json)" = "$(printf "Apology\nRefund of the fee")"
'

test_on answered_today 'bad input is refused (2), naming the option, and changes nothing' '
	refused 2 "^complaints: --action: the kind of action to correct is needed" \
	    cpl correct "$ref" --date 2026-11-13 --reason r &&
	refused 2 "^complaints: --action: .reply. is not an action that can be corrected: ack, respond, extend, escalate or close" \
	    cpl correct "$ref" --action reply --date 2026-11-13 --reason r &&
	refused 2 "^complaints: --reason: a reason is needed" \
	    cpl correct "$ref" --action respond --date 2026-11-13 &&
	refused 2 "^complaints: nothing to correct: give the corrected date, outcome, remedies or learning" \
	    cpl correct "$ref" --action respond --reason r &&
	refused 2 "^complaints: nothing to correct: the response is recorded so already" \
	    cpl correct "$ref" --action respond --outcome upheld --reason r &&
	refused 2 "^complaints: --outcome: only a response has an outcome" \
	    cpl correct "$ref" --action ack --outcome upheld --reason r &&
	refused 2 "^complaints: --days: only an extension has working days" \
	    cpl correct "$ref" --action respond --days 3 --reason r &&
	refused 2 "^complaints: --outcome: outcome .won. is not one of upheld, partly-upheld, not-upheld" \
	    cpl correct "$ref" --action respond --outcome won --reason r &&
	refused 2 "^complaints: --remedy: a remedy is empty" \
	    cpl correct "$ref" --action respond --remedy "" --reason r &&
	refused 2 "^complaints: --date: 2026-11-23 is in the future (today is 2026-11-20)" \
	    cpl correct "$ref" --action respond --date 2026-11-23 --reason r &&
	refused 2 "^complaints: --days: .0. is not a whole number from 1 to 400" \
	    cpl correct "$ref" --action extend --days 0 --reason r
'

test_on answered_today 'what the case does not have, or a case not there, is refused (1)' '
	refused 1 "^complaints: --action: case .$ref. has no extension to correct\$" \
	    cpl correct "$ref" --action extend --days 3 --reason r &&
	refused 1 "^complaints: --action: case .$ref. has no escalation to correct\$" \
	    cpl correct "$ref" --action escalate --date 2026-11-19 --reason r &&
	refused 1 "^complaints: --action: case .$ref. has no closing to correct\$" \
	    cpl correct "$ref" --action close --date 2026-11-19 --reason r &&
	refused 1 "^complaints: no case .SSC-2026-00099.\$" \
	    cpl correct SSC-2026-00099 --action ack --date 2026-11-03 --reason r
'

test_on answered_today 'a corrected history that breaks a rule is refused (1), naming the action and the rule' '
	refused 1 "^complaints: as corrected, the stage 1 response of 2026-11-02 would be refused: 2026-11-02 is before the acknowledgement (2026-11-03)\$" \
	    cpl correct "$ref" --action respond --date 2026-11-02 --reason r &&
	refused 1 "^complaints: as corrected, the stage 1 acknowledgement of 2026-10-30 would be refused: 2026-10-30 is before the day the case was received (2026-11-02)\$" \
	    cpl correct "$ref" --action ack --date 2026-10-30 --reason r &&
	# replayed in the order recorded: the acknowledgement, then the
	# response, which may not come before it
	cpl correct "$ref" --action respond --date 2026-11-13 --reason r &&
	refused 1 "^complaints: as corrected, the stage 1 response of 2026-11-13 would be refused: 2026-11-13 is before the acknowledgement (2026-11-16)\$" \
	    cpl correct "$ref" --action ack --date 2026-11-16 --reason r
'

# Extensions: the last one is corrected, its days and its day.
test_on 'fresh_store south-staffordshire' 'the last extension: its working days and its day' '
	cpl log --complainant "Pat" --received 2026-11-02 >/dev/null &&
	cpl extend "$ref" --days 3 --reason "Crew records" --told \
	    --date 2026-11-05 &&
	cpl extend "$ref" --days 4 --reason "Contractor" --told \
	    --date 2026-11-10 &&
	cpl correct "$ref" --action extend --days 5 --date 2026-11-09 \
	    --reason "the letter gave 5 days" &&
	case_is "$ref" .stages[0].extensions[0].days=3 \
	    .stages[0].extensions[1].days=5 \
	    .stages[0].extensions[1].date=2026-11-09 \
	    ".stages[0].extensions[1].reason=Contractor" \
	    ".history[3].field=date" ".history[3].item=2" \
	    ".history[3].old=2026-11-10" ".history[4].field=days" \
	    ".history[4].item=2" ".history[4].old=4" ".history[4].new=5" \
	    ".history[4].detail=extension 2 working days: '\''4'\'' -> '\''5'\'' (the letter gave 5 days)"
'

# The closing: Pat's case closed Wed 2026-11-18, corrected to Tue
# 2026-11-17; not before the response (Mon 2026-11-16), and not once it is
# reopened.
test_on 'fresh_store south-staffordshire' 'the closing: its day, not before the last step; not once reopened' '
	cpl log --complainant "Pat" --received 2026-11-02 >/dev/null &&
	cpl respond "$ref" --outcome upheld --date 2026-11-16 &&
	cpl close "$ref" --reason resolved --date 2026-11-18 &&
	cpl correct "$ref" --action close --date 2026-11-17 --reason "closed the day before" &&
	case_is "$ref" .closed=2026-11-17 .close_reason=resolved &&
	refused 1 "^complaints: as corrected, the closing of 2026-11-13 would be refused: 2026-11-13 is before the stage 1 response (2026-11-16)\$" \
	    cpl correct "$ref" --action close --date 2026-11-13 --reason r &&
	cpl reopen "$ref" --reason "more to do" --date 2026-11-19 &&
	refused 1 "^complaints: case .$ref. is open: it was reopened after its last closing" \
	    cpl correct "$ref" --action close --date 2026-11-16 --reason r
'

test_on answered_today 'closed, reopened, closed again: the response corrected, every step replayed' '
	cpl close "$ref" --reason resolved --date 2026-11-20 &&
	cpl reopen "$ref" --reason "more to do" --date 2026-11-20 &&
	cpl close "$ref" --reason resolved --date 2026-11-20 &&
	cpl correct "$ref" --action respond --date 2026-11-13 --reason r &&
	case_is "$ref" .status=closed .stages[0].responded=2026-11-13
'

test_on 'fresh_store psps' 'correct --help: the usage, on standard output' '
	cpl correct --help >out &&
	grep -q "^usage: complaints correct REF" out &&
	grep -q -- "--action ack|respond|extend|escalate|close" out
'

# A policy of this test's own that names who may correct (complaints-
# policy(5), corrections): the shipped ones do not, the seeds saying
# nothing of it.
named_correctors() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	cat >>pol/psps.yaml <<-EOF &&

	corrections:
	  by: named
	  officers: [Alice Jones, bob]
	  source: "records procedure §3: 'only team leaders correct a record'"
	EOF
	cpl --policies pol init --policy psps &&
	cpl --policies pol log --complainant "Pat" --received 2026-11-02 >/dev/null &&
	cpl --policies pol ack PSPS-2026-00001 --date 2026-11-03
}

test_on named_correctors 'a policy that names who may correct: others are refused (1), naming the rule' '
	refused 1 "^complaints: --officer: policy .psps. lets only the officers it names amend or correct a case (records procedure §3): .tester. is not one of them\$" \
	    cpl --policies pol correct PSPS-2026-00001 --action ack \
	    --date 2026-11-04 --reason r &&
	refused 1 "^complaints: --officer: policy .psps. lets only" \
	    cpl --policies pol amend PSPS-2026-00001 --complainant "Pat Smith" \
	    --reason r &&
	cpl --policies pol --officer " ALICE  jones" correct PSPS-2026-00001 \
	    --action ack --date 2026-11-04 --reason r &&
	cpl --policies pol --officer bob amend PSPS-2026-00001 \
	    --complainant "Pat Smith" --reason r &&
	cpl --policies pol show PSPS-2026-00001 --format json >case.json &&
	json_is case.json .stages[0].acknowledged=2026-11-04 \
	    ".complainant=Pat Smith" &&
	cpl --policies pol policy show psps --format json >show.json &&
	jq -r ".[] | select(.topic == \"corrections\") | .rule, .source" \
	    show.json >rule &&
	grep -q "only by Alice Jones or bob" rule &&
	grep -q "^records procedure §3: .only team leaders correct a record.\$" rule
'

test_on 'test_dir && cp -R "$SRCDIR/policies" pol' 'a corrections key that is not one is refused (4) at its place' '
	cp pol/psps.yaml good.yaml &&
	{ cat good.yaml; printf "corrections:\n  by: some\n  source: s\n"; } >pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml 2>err &&
	one_line_error err "^complaints: pol/psps.yaml:[0-9]*:7: by must be any or named, not .some.\$" &&
	{ cat good.yaml; printf "corrections:\n  by: named\n  source: s\n"; } >pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml 2>err &&
	one_line_error err "by: named. needs the officers" &&
	{ cat good.yaml; printf "corrections:\n  by: any\n  officers: [a]\n  source: s\n"; } >pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml 2>err &&
	one_line_error err "officers are named only with .by: named.\$" &&
	{ cat good.yaml; printf "corrections:\n  by: named\n  officers: []\n  source: s\n"; } >pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml 2>err &&
	one_line_error err "officers names nobody" &&
	{ cat good.yaml; printf "corrections:\n  by: any\n"; } >pol/psps.yaml &&
	test_must_fail 4 cpl policy check pol/psps.yaml 2>err &&
	one_line_error err "source" &&
	{ cat good.yaml; printf "corrections:\n  by: any\n  source: s\n"; } >pol/psps.yaml &&
	cpl policy check pol/psps.yaml >/dev/null
'

test_done
