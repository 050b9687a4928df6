#!/bin/sh
# t9370-list-report-word-ids.sh: list and the reports read the rows of
# cases and stages themselves and compare a word by its id (table words,
# lib/store_words.c), looked up once a command and never added by a read.
# A word or name the store has never recorded matches nothing; an
# officer is found by the key of the name, whatever its spelling; the
# words shown (kind, officer, close reason, channel) and the groups by
# officer are the words as recorded; and the stage 2 handler is told
# apart by the key of the name, not its spelling.
#
# Each test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# two_stages: a complaint logged and answered at stage 1 by "Bob  Smith",
# escalated and answered at stage 2 by "bob smith " (the same officer,
# spelt otherwise), and a second, by Ann Other, refused; its reference
# in ref.
two_stages() {
	fresh_store south-staffordshire &&
	ref=$(COMPLAINTS_OFFICER="Bob  Smith" cpl log --complainant P \
	    --service Waste --channel email --summary p \
	    --received 2026-04-01) &&
	COMPLAINTS_OFFICER="Bob  Smith" cpl ack "$ref" --date 2026-04-02 &&
	COMPLAINTS_OFFICER="Bob  Smith" cpl respond "$ref" --date 2026-04-10 \
	    --outcome upheld &&
	COMPLAINTS_OFFICER="BOB SMITH" cpl escalate "$ref" --date 2026-04-11 \
	    --reason unhappy &&
	COMPLAINTS_OFFICER="bob smith " cpl respond "$ref" --date 2026-04-20 \
	    --outcome not-upheld &&
	r2=$(COMPLAINTS_OFFICER="Ann Other" cpl log --complainant Q \
	    --service Housing --summary q --received 2026-04-03) &&
	COMPLAINTS_OFFICER="Ann Other" cpl close "$r2" --reason refused \
	    --date 2026-04-04
}

# summary [ARGS]: report summary of 2026 as CSV, into summary.csv.
summary() {
	cpl report summary --from 2026-01-01 --to 2026-12-31 --format csv \
	    "$@" >summary.csv
}

test_expect_success 'list --officer of a name never recorded lists nothing' '
	two_stages &&
	cpl list --officer Nobody --format csv >out &&
	echo "ref,policy,kind,status,stage,received,next_action,due,officer,service" \
	    >expect &&
	test_cmp expect out &&
	cpl list --officer Nobody --status open --kind complaint \
	    --format csv >out &&
	test_cmp expect out
'

test_expect_success 'list --officer finds the officer whatever the spelling' '
	two_stages &&
	cpl list --officer "BOB   smith" --format csv >out &&
	test "$(sed 1d out | cut -d, -f1,3,5)" = "$ref,complaint,2" &&
	cpl list --officer "ann other" --status closed --format csv >out &&
	test "$(sed 1d out | cut -d, -f1,3,9)" = "$r2,complaint,Ann Other"
'

test_expect_success 'list --kind of a kind no case has lists nothing' '
	two_stages &&
	cpl list --kind compliment --format csv >out &&
	test "$(wc -l <out)" = 1 &&
	cpl list --kind complaint --format csv >out &&
	test "$(wc -l <out)" = 3
'

test_expect_success 'a summary with no compliments counts none' '
	two_stages &&
	summary &&
	check_row summary.csv all "" received.compliment "0,2,0.0" &&
	check_row summary.csv all "" received.complaint "2,2,100.0" &&
	check_row summary.csv all "" stage1.outcome.upheld "1,1,100.0" &&
	check_row summary.csv all "" stage2.outcome.not-upheld "1,1,100.0"
'

test_expect_success 'the stage 2 handler is told apart by the key of the name' '
	two_stages &&
	summary &&
	check_row summary.csv all "" stage2.handled_by_different_person \
	    "0,1,0.0" &&
	r3=$(COMPLAINTS_OFFICER=Carol cpl log --complainant R --summary r \
	    --received 2026-05-01) &&
	COMPLAINTS_OFFICER=Carol cpl respond "$r3" --date 2026-05-05 \
	    --outcome upheld &&
	COMPLAINTS_OFFICER=Dave cpl escalate "$r3" --date 2026-05-06 \
	    --reason unhappy &&
	COMPLAINTS_OFFICER=Dave cpl respond "$r3" --date 2026-05-10 \
	    --outcome upheld &&
	summary &&
	check_row summary.csv all "" stage2.handled_by_different_person \
	    "1,2,50.0"
'

test_expect_success 'a summary by officer and by channel shows the words recorded' '
	two_stages &&
	summary --by officer &&
	test "$(grep -c "^officer,Bob  Smith,received," summary.csv)" = 1 &&
	test "$(grep -c "^officer,Ann Other,received," summary.csv)" = 1 &&
	test "$(grep -ci "^officer,bob" summary.csv)" = \
	    "$(grep -c "^officer,Bob  Smith," summary.csv)" &&
	summary --by channel &&
	check_row summary.csv channel email received "1,," &&
	check_row summary.csv all "" closed.refused "1,2,50.0"
'

test_done
