#!/bin/sh
# t7240-comments-compliments.sh: comments and compliments are shown as what
# they are (not as "Stage 1 - Complaint"), and acknowledged within the time
# a policy may set for them (feedback: acknowledge:, complaints-policy(5));
# no seed policy sets one, so this test gives one to a copy. Where one is
# set, an unacknowledged comment past it is in report overdue. Every test
# makes its own store.
#
# Today is Friday 20 November 2026; a comment received Monday 9 November,
# acknowledged within 5 working days, is due Monday 16 (4 working days
# late today: 17 to 20).
. "$(dirname "$0")/lib.sh"

unset COLUMNS

FEEDBACK='feedback:
  acknowledge:
    days: 5
    from: received
    source: "a test: comments and compliments acknowledged within five working days"'

# feedback_store: this test's own copy of the policies, pol/, where
# south-staffordshire acknowledges comments and compliments within 5
# working days, and a store under it.
feedback_store() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	printf "\n%s\n" "$FEEDBACK" >>pol/south-staffordshire.yaml &&
	COMPLAINTS_POLICIES=$PWD/pol &&
	export COMPLAINTS_POLICIES &&
	cpl init --policy south-staffordshire
}

# shipped: the shipped policies (as lib.sh sets them), whatever a test
# before this one used.
shipped() {
	COMPLAINTS_POLICIES=$SRCDIR/policies
	export COMPLAINTS_POLICIES
}

test_on 'shipped && fresh_store south-staffordshire' 'a comment and a compliment are shown as what they are' '
	c=$(cpl log --kind comment --complainant A --summary "Idea" \
	    --received 2026-11-09) &&
	k=$(cpl log --kind compliment --complainant B --summary "Thanks" \
	    --received 2026-11-09) &&
	cpl ack "$k" --date 2026-11-10 &&
	cpl show "$c" >comment.txt &&
	test "$(head -n 1 comment.txt)" = "$c  comment  open" &&
	grep -q "^Comment: received 2026-11-09, officer tester\$" comment.txt &&
	grep -q "^  acknowledge     due -  done -\$" comment.txt &&
	grep -q "^  2026-11-09  tester  logged: comment\$" comment.txt &&
	test "$(grep -c "Stage\|stage" comment.txt)" = 0 &&
	cpl show "$k" >compliment.txt &&
	grep -q "^Compliment: received 2026-11-09, officer tester\$" compliment.txt &&
	grep -q "^  acknowledge     due -  done 2026-11-10\$" compliment.txt &&
	test "$(grep -c "Stage\|stage" compliment.txt)" = 0
'

test_on feedback_store 'a policy may set when comments and compliments are acknowledged' '
	cpl policy check pol/south-staffordshire.yaml >out &&
	cpl policy show south-staffordshire >show.txt &&
	grep -q "^COMMENTS AND COMPLIMENTS\$" show.txt &&
	grep -q "a comment or compliment is acknowledged within 5 working" show.txt &&
	c=$(cpl log --kind comment --complainant A --summary "Idea" \
	    --received 2026-11-09) &&
	k=$(cpl log --kind compliment --complainant B --summary "Thanks" \
	    --received 2026-11-16) &&
	sr=$(cpl log --kind service-request --complainant C --summary "Bin" \
	    --received 2026-11-09) &&
	p=$(cpl log --complainant D --summary "Missed" --received 2026-11-09) &&
	case_is "$c" ".stages[0].ack_due=2026-11-16" \
	    ".stages[0].response_due=null" &&
	case_is "$k" ".stages[0].ack_due=2026-11-23" &&
	case_is "$sr" ".stages=[]" &&
	case_is "$p" ".stages[0].ack_due=2026-11-16" \
	    ".stages[0].response_due=2026-11-23" &&
	cpl show "$c" | grep -q "^  acknowledge     due 2026-11-16  overdue by 4 working days\$" &&
	cpl show "$k" | grep -q "^  acknowledge     due 2026-11-23  due in 1 working day\$" &&
	row_is "$c" "$c,south-staffordshire,comment,open,1,2026-11-09,acknowledge,2026-11-16,tester,"
'

test_on feedback_store 'an unacknowledged comment past its time is in report overdue, until acknowledged' '
	c=$(cpl log --kind comment --complainant A --summary "Idea" \
	    --received 2026-11-09) &&
	cpl report overdue --format csv >out.csv &&
	grep -q "^$c,south-staffordshire,1,acknowledge,2026-11-16,4,tester,\$" out.csv &&
	cpl report overdue >out.txt &&
	grep -q "^$c  *acknowledge  *2026-11-16  *4  " out.txt &&
	cpl ack "$c" --date 2026-11-20 &&
	cpl report overdue >out.txt &&
	test ! -s out.txt
'

test_on 'shipped && own_policies_store' 'feedback is read strictly: its clock, its types, its keys' '
	cp pol/psps.yaml psps.yaml &&
	printf "\n%s\n" "$FEEDBACK" | sed "s/from: received/from: acknowledged/" \
	    >>pol/psps.yaml &&
	n=$(line_of "    from: acknowledged" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused \
	    "pol/psps.yaml:$n:11: an acknowledgement can.t count from itself" &&
	cp psps.yaml pol/psps.yaml &&
	printf "\n%s\n" "$FEEDBACK" | sed "s/days: 5/days: \"5\"/" \
	    >>pol/psps.yaml &&
	n=$(line_of "    days: \"5\"" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused \
	    "pol/psps.yaml:$n:11: days is a number: write it as 5, without quotes or a tag" &&
	cp psps.yaml pol/psps.yaml &&
	printf "\nfeedback:\n  respond: {days: 5, from: received, source: x}\n" \
	    >>pol/psps.yaml &&
	n=$(line_of "  respond: {days" pol/psps.yaml) &&
	COMPLAINTS_POLICIES=pol policy_refused \
	    "pol/psps.yaml:$n:3: unknown key .respond. in feedback"
'

test_done
