#!/bin/sh
# t0600-error-subject.sh: an error about one thing a command was given, or
# should have been, names it the way its user gives it: a command by its
# option, first ("complaints: --told: ..."), an import by the column of the
# step it was replaying ("FILE:LINE: extension_told: ..."). The message
# itself speaks of the thing, so the same refusal reads right either way.
#
# PSPS (policies/psps.yaml): an extension needs the complainant told
# (seed 000 §6 Stages); stage 2 is someone else's than stage 1's responder.
. "$(dirname "$0")/lib.sh"

# A psps store in directory $1 with one complaint, received Mon 2026-03-02
# and acknowledged Tue 2026-03-03; its reference in ref.
psps_case() {
	test_dir && cpl init --policy psps &&
	ref=$(cpl log --complainant "Ann Example" --summary "Bins" \
	    --received 2026-03-02) &&
	cpl ack "$ref" --date 2026-03-03
}

test_expect_success 'extend without the complainant told: --told first, the rule in words' '
	psps_case told &&
	refused 1 "^complaints: --told: policy .psps. says the complainant is told of an extension at stage 1, and why: the extension is recorded once they have been (" \
	    cpl extend "$ref" --days 5 --reason "Site visit" --date 2026-03-04
'

test_expect_success 'a day before the case was received: --date first' '
	psps_case date &&
	refused 1 "^complaints: --date: 2026-02-27 is before the day the case was received (2026-03-02)\$" \
	    cpl note "$ref" "Called" --date 2026-02-27
'

test_expect_success 'someone else at stage 2: --to for assign, --officer for the one acting' '
	psps_case handler &&
	cpl respond "$ref" --outcome upheld --date 2026-03-10 &&
	cpl escalate "$ref" --reason "Still missed" --date 2026-03-12 &&
	refused 1 "^complaints: --to: .tester. handled stage 1 of case .$ref.; policy .psps. needs someone else at stage 2" \
	    cpl assign "$ref" --to tester --date 2026-03-12 &&
	refused 1 "^complaints: --officer: .tester. handled stage 1 of case .$ref." \
	    cpl ack "$ref" --date 2026-03-13
'

test_expect_success 'the same refusals in an import name the column of the step' '
	test_dir && cpl init --policy psps &&
	cat >rows.csv <<-\EOF &&
	external_ref,complainant,summary,received,officer,acknowledged,extension_days,extension_reason,responded,outcome,escalated,escalation_reason,stage2_officer,stage2_acknowledged,closed
	E-1,Ann,Bins,2026-03-02,kim,2026-03-03,5,Site visit,,,,,,,
	E-2,Bob,Bins,2026-03-02,kim,2026-03-03,,,2026-03-10,upheld,2026-03-12,Still missed,Kim,2026-03-13,
	E-3,Cy,Bins,2026-03-02,kim,2026-03-03,,,,,,,,,2026-03-05
	EOF
	test_must_fail 2 cpl import rows.csv >out 2>err &&
	grep -q "^rows.csv:2: extension_told: policy .psps. says the complainant is told of an extension at stage 1, and why: the extension is recorded once they have been (" err &&
	grep -q "^rows.csv:3: stage2_officer: .Kim. handled stage 1 of case .PSPS-2026-[0-9]*.; policy .psps. needs someone else at stage 2" err &&
	grep -q "^rows.csv:4: close_reason: a reason is needed: resolved, withdrawn, out-of-scope, refused, ombudsman or no-further-action\$" err &&
	tail -1 err | grep -q "^complaints: rows.csv: 3 bad rows: nothing imported\$" &&
	test -z "$(cpl list --format csv | sed 1d)"
'

test_expect_success 'a row received outside the calendar names its received column' '
	test_dir && cpl init --policy psps &&
	printf "complainant,summary,received\nAnn,Bins,2031-01-06\n" >late.csv &&
	COMPLAINTS_TODAY=2031-02-02 test_must_fail 2 cpl import late.csv >out 2>err &&
	grep -q "^late.csv:2: received: calendar .england-and-wales. covers 2018 to 2030; 2031-01-06 is outside it" err
'

test_expect_success 'a message about nothing the command was given has no option before it' '
	psps_case plain &&
	refused 1 "^complaints: stage 1 of case .$ref. was acknowledged on 2026-03-03\$" \
	    cpl ack "$ref" --date 2026-03-04
'

test_done
