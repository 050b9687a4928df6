#!/bin/sh
# t8020-letter-seeds.sh: every letter PSPS (seed 000), Buckinghamshire
# (seed 004), the corporate procedure (seed 002) and Southampton (seed 003)
# prescribe, for a case through both stages, with the August bank holiday
# (Monday 31 August 2026) inside its first period (South Staffordshire's
# are in t8000). Each
# element the seed requires is found by its text; each date is worked out
# by hand below and must also be the one show --format json gives.
. "$(dirname "$0")/lib.sh"

# psps_case: PSPS, received Thursday 27 August 2026, acknowledged Friday
# 28 August; its reference in $r.
psps_case() {
	fresh_store psps &&
	r=$(cpl log --complainant "Pat Payer" --service "Revenues" \
	    --channel email --summary "Council tax bill sent twice" \
	    --received 2026-08-27)
}

test_on psps_case 'psps acknowledgement (seed 000 §6 Stage 1): the reference, the day received, the reply due 10 working days after the acknowledgement, the bank holiday not counted' '
	# Friday 28 August, then 1 (Tue), 2, 3, 4, 7, 8, 9, 10, 11, 14
	# September: the tenth working day is Monday 14 September.
	COMPLAINTS_TODAY=2026-08-28 cpl letter "$r" acknowledgement --sent \
	    --date 2026-08-28 >ack.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-09-14 &&
	file_has ack.txt "Our reference: $r" "Dear Pat Payer," \
	    "Friday 28 August 2026" "received on Thursday 27 August 2026" \
	    "Council tax bill sent twice" \
	    "You can expect our reply by Monday 14 September 2026." &&
	case_is "$r" ".stages[0].acknowledged=2026-08-28"
'

test_on psps_case 'psps holding reply (seed 000 §6): the reason for the delay and the new date, 5 working days after 14 September' '
	cpl ack "$r" --date 2026-08-28 &&
	# 15, 16, 17, 18, 21 September: Monday 21 September.
	cpl letter "$r" holding-reply --days 5 --reason "Waiting for the bank" \
	    --sent --date 2026-09-10 >hold.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-09-21 &&
	file_has hold.txt "The reason for the delay is: Waiting for the bank" \
	    "by Monday 21 September 2026." &&
	case_is "$r" ".stages[0].extensions[0].days=5"
'

test_on psps_case 'psps stage 1 response (seed 000 §6 Stage 1), partly upheld, then the stage 2 acknowledgement and the final response with the ombudsman (seed 000 §6 Stage 2)' '
	cpl ack "$r" --date 2026-08-28 &&
	refused 1 "must state the outcome" cpl letter "$r" response &&
	cpl respond "$r" --outcome partly-upheld --remedy "Refund the second bill" \
	    --date 2026-09-11 &&
	cpl letter "$r" response --date 2026-09-11 >resp.txt &&
	file_has resp.txt "We have partly upheld your complaint: some elements of it are upheld and some are not" \
	    "your complaint is partly upheld" "- Refund the second bill" \
	    "escalated to Stage 2" &&
	cpl escalate "$r" --date 2026-09-25 &&
	# Stage 2 is acknowledged by someone else (seed 000 §6 Stage 2) on
	# Monday 28 September; 20 working days on: 29, 30 September, 1, 2,
	# 5-9, 12-16, 19-23, 26 October: Monday 26 October.
	cpl --officer kjones letter "$r" acknowledgement --sent \
	    --date 2026-09-28 >ack2.txt &&
	test "$(stage_due "$r" 2 response_due)" = 2026-10-26 &&
	file_has ack2.txt "at Stage 2 by kjones" \
	    "You can expect our reply by Monday 26 October 2026." &&
	cpl --officer kjones respond "$r" --outcome not-upheld \
	    --date 2026-10-20 &&
	refused 1 "body" cpl letter "$r" response &&
	printf "We checked both bills against the ledger.\n" >body.txt &&
	cpl letter "$r" response --body body.txt --date 2026-10-20 >final.txt &&
	file_has final.txt "our final response to your complaint, at Stage 2" \
	    "Council tax bill sent twice" "your complaint is not upheld" \
	    "We checked both bills against the ledger." \
	    "Local Government and Social Care Ombudsman" "PO Box 4771" \
	    "CV4 0EH" "Telephone: 0300 061 0614" "Website: www.lgo.org.uk" &&
	# The ombudsman'"'"'s details are one block: no blank line between the
	# address and the telephone, in the text and in the HTML.
	grep -A1 -x "CV4 0EH" final.txt | tail -n 1 >after &&
	echo "Telephone: 0300 061 0614" >want && test_cmp want after &&
	cpl letter "$r" response --body body.txt --format html >final.html &&
	grep -A1 -xF "CV4 0EH<br />" final.html | tail -n 1 >after &&
	echo "Telephone: 0300 061 0614<br />" >want && test_cmp want after
'

# bucks_case: Buckinghamshire, received Thursday 27 August 2026; its
# reference in $r.
bucks_case() {
	fresh_store buckinghamshire &&
	r=$(cpl log --complainant "Bea Bucks" --service "Highways" \
	    --channel web --summary "Pothole reported three times" \
	    --received 2026-08-27)
}

test_on bucks_case 'buckinghamshire acknowledgement (seed 004 App A Stage 1): the reference and the reply due 20 working days from receipt, the bank holiday not counted' '
	# 28 August, 1-4, 7-11, 14-18, 21-25 September: the twentieth
	# working day is Friday 25 September.
	cpl letter "$r" acknowledgement --sent --date 2026-08-28 >ack.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-09-25 &&
	file_has ack.txt "Our reference: $r" "Dear Bea Bucks," \
	    "You can expect our reply by Friday 25 September 2026." &&
	case_is "$r" ".stages[0].acknowledged=2026-08-28"
'

test_on bucks_case 'buckinghamshire holding reply (seed 004 App A): the new timescale, no cap on the extension' '
	cpl ack "$r" --date 2026-08-28 &&
	# 28, 29, 30 September, 1, 2, 5-9, 12-16 October: 15 working days
	# after Friday 25 September is Friday 16 October.
	cpl letter "$r" holding-reply --days 15 --reason "Survey booked" \
	    --sent --date 2026-09-21 >hold.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-10-16 &&
	file_has hold.txt "The reason for the delay is: Survey booked" \
	    "by Friday 16 October 2026."
'

test_on bucks_case 'buckinghamshire response, stage 2 acknowledgement (how it will proceed) and final response naming the LGSCO and its website (seed 004 App A)' '
	cpl ack "$r" --date 2026-08-28 &&
	cpl respond "$r" --outcome not-upheld --date 2026-09-18 &&
	cpl letter "$r" response >resp.txt &&
	file_has resp.txt "your complaint is not upheld" "Stage 2" &&
	cpl escalate "$r" --reason "The pothole is still there" \
	    --date 2026-10-05 &&
	# Acknowledged within 5 working days of the request (Monday 12
	# October); the answer 20 working days from the request: 6-9,
	# 12-16, 19-23, 26-30 October, 2 November: Monday 2 November.
	cpl --officer stage2team letter "$r" acknowledgement --sent \
	    --date 2026-10-07 >ack2.txt &&
	test "$(stage_due "$r" 2 response_due)" = 2026-11-02 &&
	file_has ack2.txt "Thank you for asking us to review your complaint at Stage 2" \
	    "We received your request on Monday 5 October 2026." \
	    "You can expect our reply by Monday 2 November 2026." \
	    "We will decide how your complaint will proceed" &&
	cpl --officer stage2team respond "$r" --outcome upheld \
	    --remedy "Repair within 5 days" --date 2026-10-28 &&
	cpl letter "$r" response >final.txt &&
	file_has final.txt "your complaint is upheld" "Repair within 5 days" \
	    "Local Government and Social Care Ombudsman" "www.lgo.org.uk"
'

test_expect_success 'buckinghamshire refusal (seed 004 Appendix 1): why, and where else the matter can go' '
	fresh_store buckinghamshire &&
	refused 1 "school-transport" cpl log --complainant "Cy Rider" \
	    --service Transport --category school-transport --channel letter \
	    --summary "Bus pass refused" --received 2026-09-01 &&
	r=$(cpl log --complainant "Cy Rider" --service Transport \
	    --category school-transport --channel letter \
	    --summary "Bus pass refused" --received 2026-09-01 \
	    --accept-anyway "to write its refusal") &&
	cpl letter "$r" refusal >refusal.txt &&
	file_has refusal.txt "Dear Cy Rider," "about: Bus pass refused" \
	    "cannot deal with this matter under our complaints procedure" \
	    "Instead, it can be taken to: the appeals process for home to school transport." \
	    "Local Government and Social Care Ombudsman (www.lgo.org.uk)" &&
	r2=$(cpl log --complainant "Di Ordinary" --service Highways \
	    --channel web --summary "Pothole" --received 2026-09-01) &&
	refused 1 "exclusion" cpl letter "$r2" refusal
'

# corp_case: the corporate procedure, with a letterhead that says how to
# contact the Customer Feedback Team (the seed gives none, and 002 §7
# requires it), received Thursday 27 August 2026; its reference in $r.
corp_case() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	COMPLAINTS_POLICIES=pol && export COMPLAINTS_POLICIES &&
	cat >>pol/corporate-procedure.yaml <<-\EOF &&

	letterhead:
	  name: "Example Council"
	  email: "feedback@example.gov.uk"
	  phone: "01234 567890"
	EOF
	cpl init --policy corporate-procedure &&
	r=$(cpl log --complainant "Cor Porate" --service Planning \
	    --channel email --summary "No reply to three emails" \
	    --received 2026-08-27)
}

test_on corp_case 'corporate procedure acknowledgement (seed 002 §7): the officer, how to contact them, the reply due 10 working days from receipt' '
	# 28 August, 1-4, 7-11 September: Friday 11 September.
	cpl letter "$r" acknowledgement --sent --date 2026-08-28 >ack.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-09-11 &&
	file_has ack.txt "by $COMPLAINTS_OFFICER" \
	    "feedback@example.gov.uk, 01234 567890" \
	    "You can expect our reply by Friday 11 September 2026."
'

test_on corp_case 'corporate procedure holding reply (seed 002 §7): apologise, why, and when' '
	cpl ack "$r" --date 2026-08-28 &&
	# 14-18 September: Friday 18 September.
	cpl letter "$r" holding-reply --days 5 --reason "The planner is away" \
	    --sent --date 2026-09-09 >hold.txt &&
	file_has hold.txt "We are sorry" "The planner is away" \
	    "by Friday 18 September 2026."
'

test_on corp_case 'corporate procedure response, stage 2 acknowledgement within 2 working days and final response with the ombudsman'"'"'s address (seed 002 §7)' '
	cpl ack "$r" --date 2026-08-28 &&
	cpl respond "$r" --outcome not-upheld --date 2026-09-10 &&
	cpl letter "$r" response >resp.txt &&
	file_has resp.txt "your complaint is not upheld" "Stage 2" &&
	cpl escalate "$r" --reason "No answer on the main point" \
	    --date 2026-10-05 &&
	# 6-9, 12-16, 19-23, 26-30 October, 2 November: Monday 2 November.
	cpl --officer cft letter "$r" acknowledgement --sent \
	    --date 2026-10-06 >ack2.txt &&
	test "$(stage_due "$r" 2 response_due)" = 2026-11-02 &&
	file_has ack2.txt "We received your request on Monday 5 October 2026." \
	    "by cft" "You can expect our reply by Monday 2 November 2026." &&
	cpl --officer cft respond "$r" --outcome upheld --date 2026-10-30 &&
	cpl letter "$r" response >final.txt &&
	file_has final.txt "your complaint is upheld" \
	    "Local Government and Social Care Ombudsman" "PO Box 4771" "CV4 0EH"
'

test_on corp_case 'corporate procedure refusal (seed 002 Appendix B) and restriction notice (seed 002 §14)' '
	c=$(cpl log --complainant "Pen Alty" --service Parking \
	    --category parking-penalty --channel letter \
	    --summary "Ticket unfair" --received 2026-09-01 \
	    --accept-anyway "to write its refusal" 2>/dev/null) &&
	cpl letter "$c" refusal >refusal.txt &&
	file_has refusal.txt "Dear Pen Alty," "appeals against Penalty Charge Notices" \
	    "Local Government and Social Care Ombudsman" &&
	refused 1 "restriction" cpl letter "$r" restriction &&
	cpl restriction add "Cor Porate" --kind single-point-of-contact \
	    --detail "J Smith, Customer Feedback" \
	    --reason "Forty emails a week" --review 2027-03-01 \
	    --date 2026-09-15 &&
	cpl letter "$r" restriction >restriction.txt &&
	file_has restriction.txt "Future correspondence about the issues that have been dealt with will not be replied to" \
	    "J Smith, Customer Feedback" "Monday 1 March 2027" \
	    "Local Government and Social Care Ombudsman" "Citizens Advice"
'

# soton_case: Southampton, received Thursday 27 August 2026, about a
# service the Local Government and Social Care Ombudsman takes; its
# reference in $r.
soton_case() {
	COMPLAINTS_POLICIES=$SRCDIR/policies && fresh_store southampton &&
	r=$(cpl log --complainant "Sue Thampton" --service "Parks" \
	    --channel web --summary "Play area closed" --received 2026-08-27)
}

test_on soton_case 'southampton holding reply (seed 003 §7, §17), partly upheld response saying so (§21, §22), final response with the LGSCO'"'"'s contact details (§23)' '
	# 28 August, 1-4, 7-11 September: Friday 11 September; 5 more: 18.
	test "$(stage_due "$r" 1 response_due)" = 2026-09-11 &&
	cpl letter "$r" holding-reply --days 5 --reason "Contractor report due" \
	    --sent --date 2026-09-08 >hold.txt &&
	file_has hold.txt "Contractor report due" "Friday 18 September 2026" &&
	cpl respond "$r" --outcome partly-upheld --remedy "Reopen by Friday" \
	    --date 2026-09-16 &&
	cpl letter "$r" response >resp.txt &&
	file_has resp.txt "partly upheld" "Reopen by Friday" \
	    "Stage 2 - Formal Complaint" &&
	cpl escalate "$r" --reason "Still closed" --date 2026-10-05 &&
	cpl --officer senior respond "$r" --outcome not-upheld \
	    --date 2026-10-29 &&
	cpl letter "$r" response >final.txt &&
	file_has final.txt "Local Government and Social Care Ombudsman" \
	    "PO Box 4771" "0300 061 0614" "www.lgo.org.uk"
'

test_expect_success 'southampton refusal (seed 003 §9): the appropriate procedure named' '
	COMPLAINTS_POLICIES=$SRCDIR/policies && fresh_store southampton &&
	r=$(cpl log --complainant "Sal Send" --service Education \
	    --category send-provision --channel letter \
	    --summary "Plan not followed" --received 2026-09-01 \
	    --accept-anyway "to write its refusal" 2>/dev/null) &&
	cpl letter "$r" refusal >refusal.txt &&
	file_has refusal.txt "Dear Sal Send," "appeal process available"
'

test_done
