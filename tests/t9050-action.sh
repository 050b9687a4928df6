#!/bin/sh
# t9050-action.sh: complaints action add|done|list, the outstanding
# actions of a case after its response (seed 000 §6 Stage 2: "details of
# any outstanding actions"; seed 003: outcomes "implemented within the
# indicated timescale for completion"): numbered within the case, refused
# before a response, done once and not before they were added, shown by
# show and history, and listed as "remedy" by report overdue --actions.
# Today is Friday 2026-11-20 (tests/lib.sh). Every test makes its own
# store.
. "$(dirname "$0")/lib.sh"

# answered [POLICY]: a new store with one complaint, received Thursday
# 2026-10-01, acknowledged the next day and answered (upheld, with a
# remedy) on 2026-10-09 by alice: its reference in $ref.
answered() {
	fresh_store "${1:-south-staffordshire}" &&
	ref=$(cpl log --complainant "A Resident" --service Parks \
	    --summary "The fence" --received 2026-10-01) &&
	cpl ack "$ref" --date 2026-10-02 &&
	cpl --officer alice respond "$ref" --outcome upheld \
	    --remedy "The fence repaired" --date 2026-10-09
}

test_on answered 'add prints the number of the action within the case, from 1' '
	cpl action add "$ref" --what "Repair the fence" --due 2026-10-30 \
	    --owner "Parks team" --date 2026-10-09 >out &&
	echo 1 >expect && test_cmp expect out &&
	cpl action add "$ref" --what "Refund the fee" --due 2026-12-04 \
	    --date 2026-10-12 >out &&
	echo 2 >expect && test_cmp expect out &&
	case_is "$ref" ".actions | length=2" ".actions[0].n=1" \
	    ".actions[0].what=Repair the fence" ".actions[0].owner=Parks team" \
	    ".actions[0].due=2026-10-30" ".actions[0].added=2026-10-09" \
	    ".actions[0].officer=tester" ".actions[0].done=null" \
	    ".actions[0].stage=1" ".actions[1].n=2" ".actions[1].owner=null"
'

test_expect_success 'no response recorded yet: add is refused (1), nothing changed' '
	fresh_store &&
	ref=$(cpl log --complainant A --summary s --received 2026-10-01) &&
	cpl ack "$ref" --date 2026-10-02 &&
	refused 1 "^complaints: case .$ref. has no response recorded: an outstanding action carries out what a response undertook\$" \
	    cpl action add "$ref" --what "Repair" --due 2026-11-30
'

test_on answered 'an action dated before the first response is refused (1)' '
	refused 1 "^complaints: --date: 2026-10-08 is before the stage 1 response (2026-10-09)\$" \
	    cpl action add "$ref" --what "Repair" --due 2026-11-30 \
	    --date 2026-10-08
'

test_on answered 'what, due and owner: missing, empty or due before the day added is bad input (2)' '
	refused 2 "^complaints: --what: what is to be done is needed\$" \
	    cpl action add "$ref" --due 2026-11-30 &&
	refused 2 "^complaints: --what: what is to be done is needed\$" \
	    cpl action add "$ref" --what "  " --due 2026-11-30 &&
	refused 2 "^complaints: --due: the day the action is due is needed\$" \
	    cpl action add "$ref" --what Repair &&
	refused 2 "^complaints: --owner: the owner is empty" \
	    cpl action add "$ref" --what Repair --due 2026-11-30 --owner "" &&
	refused 2 "^complaints: --due: the action is due before the day it is undertaken (2026-10-12)\$" \
	    cpl action add "$ref" --what Repair --due 2026-10-11 \
	    --date 2026-10-12 &&
	refused 2 "^complaints: --due: .2026-13-01. is not a date" \
	    cpl action add "$ref" --what Repair --due 2026-13-01 &&
	refused 2 "^complaints: --date: 2026-11-21 is in the future" \
	    cpl action add "$ref" --what Repair --due 2026-11-30 \
	    --date 2026-11-21
'

test_on answered 'done: once, not before the day added, of an action the case has' '
	cpl action add "$ref" --what "Repair the fence" --due 2026-10-30 \
	    --date 2026-10-12 >/dev/null &&
	refused 1 "^complaints: --date: 2026-10-09 is before the day action 1 was undertaken (2026-10-12)\$" \
	    cpl action done "$ref" 1 --date 2026-10-09 &&
	refused 1 "^complaints: case .$ref. has no action 2\$" \
	    cpl action done "$ref" 2 &&
	refused 2 "action done" cpl action done "$ref" one &&
	cpl --officer bob action done "$ref" 1 --date 2026-10-29 &&
	case_is "$ref" ".actions[0].done=2026-10-29" ".actions[0].done_by=bob" \
	    ".actions[0].state=done 2026-10-29" &&
	refused 1 "^complaints: action 1 of case .$ref. was done already, on 2026-10-29\$" \
	    cpl action done "$ref" 1 --date 2026-11-02
'

test_expect_success 'no case: add and done are refused (1)' '
	fresh_store &&
	refused 1 "^complaints: no case .SSC-2026-00009.\$" \
	    cpl action add SSC-2026-00009 --what Repair --due 2026-11-30 &&
	refused 1 "^complaints: no case .SSC-2026-00009.\$" \
	    cpl action done SSC-2026-00009 1
'

test_on answered 'a closed case takes actions: they follow the final response' '
	cpl close "$ref" --reason resolved --date 2026-10-12 &&
	cpl action add "$ref" --what "Repair" --due 2026-11-30 \
	    --date 2026-10-13 >/dev/null &&
	cpl action done "$ref" 1 --date 2026-10-20 &&
	case_is "$ref" .status=closed ".actions[0].done=2026-10-20"
'

test_on answered 'a comment is never answered: it takes no action' '
	c=$(cpl log --kind comment --complainant B --summary s \
	    --received 2026-10-01) &&
	refused 1 "has no response recorded" \
	    cpl action add "$c" --what Repair --due 2026-11-30
'

test_on answered 'show: each action with its state; overdue by working days counted to today' '
	cpl action add "$ref" --what "Repair the fence" --due 2026-10-30 \
	    --owner "Parks team" --date 2026-10-09 >/dev/null &&
	cpl action add "$ref" --what "Refund the fee" --due 2026-11-13 \
	    --date 2026-10-09 >/dev/null &&
	cpl action add "$ref" --what "Write again" --due 2026-12-04 \
	    --date 2026-10-09 >/dev/null &&
	cpl action add "$ref" --what "Call back" --due 2026-11-19 \
	    --date 2026-10-09 >/dev/null &&
	cpl action done "$ref" 1 --date 2026-11-02 &&
	cpl show "$ref" >show &&
	sed -n "/^Actions:/,/^\$/p" show >got &&
	cat >expect <<-\EOF &&
	Actions:
	  1  Repair the fence (Parks team): due 2026-10-30, done 2026-11-02 (late)
	  2  Refund the fee: due 2026-11-13, open, overdue by 5 working days
	  3  Write again: due 2026-12-04, open
	  4  Call back: due 2026-11-19, open, overdue by 1 working day

	EOF
	test_cmp expect got &&
	case_is "$ref" ".actions[1].working_days_overdue=5" \
	    ".actions[3].working_days_overdue=1" \
	    ".actions[2].working_days_overdue=0" ".actions[2].state=open"
'

test_on answered 'show without actions has no Actions section' '
	cpl show "$ref" >show &&
	test_must_fail 1 grep -q "^Actions:" show &&
	case_is "$ref" ".actions=[]"
'

test_on answered 'history: the action events, with what, due and owner' '
	cpl action add "$ref" --what "Repair the fence" --due 2026-10-30 \
	    --owner "Parks team" --date 2026-10-12 >/dev/null &&
	cpl --officer bob action done "$ref" 1 --date 2026-10-29 &&
	cpl history "$ref" --format csv >h &&
	grep -q "^2026-10-12,.*,tester,1,action-added,action 1: Repair the fence; due 2026-10-30; owner Parks team\$" h &&
	grep -q "^2026-10-29,.*,bob,1,action-done,action 1: Repair the fence\$" h
'

# list: every case's actions, by case and number.
two_cases() {
	answered &&
	ref2=$(cpl log --complainant B --summary s --received 2026-10-05) &&
	cpl respond "$ref2" --outcome not-upheld --date 2026-10-16 &&
	cpl action add "$ref2" --what "Check the bins" --due 2026-11-06 \
	    --owner carol --date 2026-10-16 >/dev/null &&
	cpl action add "$ref" --what "Repair the fence" --due 2026-11-27 \
	    --owner Carol --date 2026-10-09 >/dev/null &&
	cpl action add "$ref" --what "Refund" --due 2026-11-02 \
	    --owner bob --date 2026-10-09 >/dev/null &&
	cpl action done "$ref" 2 --date 2026-11-03
}

test_on two_cases 'list: every action, by case and number; --owner, --overdue' '
	cpl action list --format csv >got &&
	cat >expect <<-EOF &&
	ref,n,stage,what,owner,due,added,officer,done,done_by
	$ref,1,1,Repair the fence,Carol,2026-11-27,2026-10-09,tester,,
	$ref,2,1,Refund,bob,2026-11-02,2026-10-09,tester,2026-11-03,tester
	$ref2,1,1,Check the bins,carol,2026-11-06,2026-10-16,tester,,
	EOF
	test_cmp expect got &&
	cpl action list --owner CAROL --format csv | cut -d, -f1,2 >got &&
	printf "ref,n\n%s,1\n%s,1\n" "$ref" "$ref2" >expect &&
	test_cmp expect got &&
	cpl action list --overdue --format csv | cut -d, -f1,2 >got &&
	printf "ref,n\n%s,1\n" "$ref2" >expect &&
	test_cmp expect got &&
	cpl action list --overdue --format json >j &&
	test "$(jq -r ".[0].what" j)" = "Check the bins"
'

test_on two_cases 'report overdue --actions: open actions past due as remedy, working days by hand' '
	cpl report overdue --format csv >plain &&
	cpl report overdue --actions --format csv >got &&
	{ cat plain && echo "$ref2,south-staffordshire,1,remedy,2026-11-06,10,carol,"; } >expect &&
	test_cmp expect got &&
	cpl report overdue --actions --officer bob --format csv >got &&
	echo "ref,policy,stage,action,due,working_days_overdue,officer,service" >expect &&
	test_cmp expect got &&
	cpl report overdue --actions --within 5 --service parks --format csv >got &&
	{ echo "ref,policy,stage,action,due,working_days_overdue,officer,service" &&
	  echo "$ref,south-staffordshire,1,remedy,2026-11-27,-5,Carol,Parks"; } >expect &&
	test_cmp expect got
'

test_on two_cases 'report overdue without --actions: the SPEC columns and rows, no remedy' '
	cpl report overdue --format csv >got &&
	test_must_fail 1 grep -q remedy got &&
	test "$(head -1 got)" = "ref,policy,stage,action,due,working_days_overdue,officer,service"
'

# actions_part LETTER: the letter's outstanding actions, from their
# heading to the blank line after the list.
actions_part() {
	awk '/^The actions still to be completed:/ { p = 1 }
	     p { print } p && /^$/ && ++n == 2 { exit }' "$1"
}

# final: answered, then stage 2 asked for on 2026-10-12, acknowledged on
# 2026-10-13 and answered by bob (upheld, a remedy) on 2026-10-23.
final() {
	answered &&
	cpl escalate "$ref" --reason "Not repaired" --date 2026-10-12 &&
	cpl --officer bob ack "$ref" --date 2026-10-13 &&
	cpl --officer bob respond "$ref" --outcome upheld \
	    --remedy "The fence repaired" --date 2026-10-23
}

test_on final 'the final letter: the open actions, what and by when in words; none open, no such list (the remedies are listed as ever)' '
	cpl action add "$ref" --what "Repair the fence" --due 2026-10-30 \
	    --date 2026-10-23 >/dev/null &&
	cpl action add "$ref" --what "Refund the fee" --due 2026-11-13 \
	    --date 2026-10-23 >/dev/null &&
	cpl action done "$ref" 1 --date 2026-10-26 &&
	cpl letter "$ref" response --date 2026-10-23 >letter &&
	actions_part letter >got &&
	printf "%s\n" "The actions still to be completed:" "" \
	    "- Repair the fence, by Friday 30 October 2026" \
	    "- Refund the fee, by Friday 13 November 2026" "" >expect &&
	test_cmp expect got &&
	cpl letter "$ref" response --date 2026-10-27 >letter &&
	actions_part letter >got &&
	printf "%s\n" "The actions still to be completed:" "" \
	    "- Refund the fee, by Friday 13 November 2026" "" >expect &&
	test_cmp expect got &&
	cpl action done "$ref" 2 --date 2026-11-02 &&
	cpl letter "$ref" response --date 2026-11-03 >letter &&
	test "$(grep -c "still to be completed" letter)" = 0 &&
	grep -qx -- "- The fence repaired" letter
'

test_on answered 'a correction that would move the response after an action is refused; one before it is not' '
	cpl action add "$ref" --what Repair --due 2026-10-30 \
	    --date 2026-10-09 >/dev/null &&
	cpl action done "$ref" 1 --date 2026-10-20 &&
	refused 1 "^complaints: as corrected, action 1, undertaken on 2026-10-09 would be refused: 2026-10-09 is before the stage 1 response (2026-10-12)\$" \
	    cpl --officer alice correct "$ref" --action respond \
	    --date 2026-10-12 --reason "Sent later" &&
	cpl --officer alice correct "$ref" --action respond --date 2026-10-08 \
	    --reason "Sent earlier" &&
	case_is "$ref" ".stages[0].responded=2026-10-08" \
	    ".actions[0].added=2026-10-09" ".actions[0].done=2026-10-20"
'

test_on answered 'the sub-word is needed; an unknown one is bad input (2)' '
	refused 2 "^complaints: action: add, done or list?" cpl action &&
	refused 2 "^complaints: action: .finish. is not add, done or list\$" \
	    cpl action finish "$ref" 1
'

test_done
