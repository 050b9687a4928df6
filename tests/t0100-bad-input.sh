#!/bin/sh
# t0100-bad-input.sh: bad input is exit 2, an unknown case exit 1, a rule's
# refusal exit 1; each with one line on stderr that names the problem,
# nothing on stdout, and the database unchanged (complaints(1),
# DESCRIPTION and EXIT STATUS).
. "$(dirname "$0")/lib.sh"


# Each test's store: one case, SSC-2026-00001, received on Monday 2 March
# 2026.
ref=SSC-2026-00001
setup() {
	fresh_store south-staffordshire &&
	test "$(cpl log --complainant "A Resident" --service Waste \
	    --summary "Bins" --received 2026-03-02)" = "$ref"
}

# The issue's list.

test_on setup 'ack --date 2026-02-30 (no such day): exit 2' '
	refused 2 2026-02-30 cpl ack "$ref" --date 2026-02-30
'

test_on setup 'log --received 2026-02-30: exit 2' '
	refused 2 2026-02-30 cpl log --complainant B --summary s \
	    --received 2026-02-30
'

test_on setup 'other malformed dates: exit 2, naming the value' '
	refused 2 2026-3-05 cpl ack "$ref" --date 2026-3-05 &&
	refused 2 "05/03/2026" cpl respond "$ref" --outcome upheld \
	    --date 05/03/2026 &&
	refused 2 2026-13-01 cpl log --complainant B --summary s \
	    --occurred 2026-13-01 &&
	refused 2 2025-02-29 cpl note "$ref" hello --date 2025-02-29 &&
	refused 2 yesterday cpl list --from yesterday
'

test_on setup 'ack REF --bogus: exit 2, naming the flag' '
	refused 2 --bogus cpl ack "$ref" --bogus
'

test_on setup 'log --bogus: exit 2, naming the flag' '
	refused 2 --bogus cpl log --complainant B --summary s --bogus
'

test_on setup 'an unknown flag of any command: exit 2' '
	refused 2 --frobnicate cpl show "$ref" --frobnicate &&
	refused 2 --frobnicate cpl list --frobnicate &&
	refused 2 --frobnicate cpl init --frobnicate &&
	refused 2 --frobnicate cpl close "$ref" --reason resolved --frobnicate &&
	refused 2 "-q" cpl note "$ref" -q hello
'

test_on setup 'an unknown global flag before the command: exit 2, said once' '
	refused 2 --bogus cpl --bogus show "$ref" &&
	{ test "$(grep -c "complaints: complaints:" err)" = 0 ||
	  { echo "# the prefix is said twice:" >&2; sed "s/^/# /" err >&2; false; }; }
'

test_on setup 'respond --outcome sideways: exit 2, naming the value' '
	refused 2 sideways cpl respond "$ref" --outcome sideways
'

test_on setup 'respond without --outcome: exit 2' '
	refused 2 --outcome cpl respond "$ref"
'

test_on setup 'an unknown case reference: exit 1 "no case" for every command' '
	refused 1 "no case .NOPE-2026-00001." cpl ack NOPE-2026-00001 &&
	refused 1 "no case .NOPE-2026-00001." cpl show NOPE-2026-00001 &&
	refused 1 "no case .NOPE-2026-00001." cpl respond NOPE-2026-00001 \
	    --outcome upheld &&
	refused 1 "no case .NOPE-2026-00001." cpl close NOPE-2026-00001 \
	    --reason resolved &&
	refused 1 "no case .NOPE-2026-00001." cpl extend NOPE-2026-00001 \
	    --days 5 --reason r &&
	refused 1 "no case .NOPE-2026-00001." cpl escalate NOPE-2026-00001 &&
	refused 1 "no case .NOPE-2026-00001." cpl assign NOPE-2026-00001 --to bob &&
	refused 1 "no case .NOPE-2026-00001." cpl note NOPE-2026-00001 hello
'

# More.

test_on setup 'a missing option value (ack REF --date): exit 2, naming the flag' '
	refused 2 --date cpl ack "$ref" --date &&
	refused 2 --outcome cpl respond "$ref" --outcome &&
	refused 2 --format cpl show "$ref" --format &&
	refused 2 --db cpl --db
'

test_on setup 'a --date after today (2026-11-20): exit 2' '
	refused 2 2026-11-21 cpl ack "$ref" --date 2026-11-21 &&
	refused 2 2027-01-04 cpl note "$ref" hello --date 2027-01-04 &&
	refused 2 2026-11-21 cpl close "$ref" --reason resolved --date 2026-11-21
'

test_on setup 'log --received after today: exit 2, naming --received' '
	refused 2 2026-11-21 cpl log --complainant B --summary s \
	    --received 2026-11-21 &&
	{ grep -q -- --received err ||
	  { echo "# the message does not name --received:" >&2; sed "s/^/# /" err >&2; false; }; }
'

test_on setup 'log --occurred after --received: exit 2' '
	refused 2 --occurred cpl log --complainant B --summary s \
	    --received 2026-03-02 --occurred 2026-03-03
'

test_on setup 'an unknown --kind: exit 2, naming the value' '
	refused 2 grumble cpl log --complainant B --summary s --kind grumble &&
	refused 2 grumble cpl list --kind grumble
'

test_on setup 'an unknown --channel: exit 2, naming the value' '
	refused 2 pigeon cpl log --complainant B --summary s --channel pigeon
'

test_on setup 'an unknown close --reason: exit 2, naming the value' '
	refused 2 bored cpl close "$ref" --reason bored
'

test_on setup 'close without --reason: exit 2' '
	refused 2 --reason cpl close "$ref"
'

test_on setup 'an unknown --format: exit 2, before or after the command' '
	refused 2 xml cpl show "$ref" --format xml &&
	refused 2 xml cpl --format xml show "$ref" &&
	refused 2 yaml cpl list --format yaml
'

test_on setup 'list --status/--stage out of range: exit 2' '
	refused 2 pending cpl list --status pending &&
	refused 2 two cpl list --stage two
'

test_on setup 'log without --complainant or --anonymous: exit 2' '
	refused 2 --complainant cpl log --summary s
'

test_on setup 'log --anonymous with --complainant: exit 2' '
	refused 2 --anonymous cpl log --anonymous --complainant B --summary s
'

test_on setup 'log --policy nosuch: exit 2' '
	refused 2 nosuch cpl log --complainant B --summary s --policy nosuch
'

test_on setup 'extend --days 0 and --days x: exit 2, naming the value' '
	refused 2 "'\''0'\''" cpl extend "$ref" --days 0 --told --reason r &&
	refused 2 "'\''x'\''" cpl extend "$ref" --days x --told --reason r &&
	refused 2 "'\''-3'\''" cpl extend "$ref" --days -3 --told --reason r &&
	refused 2 "'\''5x'\''" cpl extend "$ref" --days 5x --told --reason r
'

test_on setup 'extend without --days: exit 2' '
	refused 2 --days cpl extend "$ref" --reason r
'

test_on setup 'extend without --reason: exit 2' '
	refused 2 --reason cpl extend "$ref" --days 5 --told &&
	refused 2 --reason cpl extend "$ref" --days 5 --told --reason ""
'

test_on setup 'assign without --to, note without text: exit 2' '
	refused 2 --to cpl assign "$ref" &&
	refused 2 note cpl note "$ref"
'

test_on setup 'a missing or extra operand: exit 2' '
	refused 2 "reference" cpl ack &&
	refused 2 "reference" cpl show &&
	refused 2 extra cpl ack "$ref" extra
'

test_on setup 'an action dated before the case was received: exit 1' '
	refused 1 2026-03-01 cpl ack "$ref" --date 2026-03-01 &&
	refused 1 2026-02-27 cpl respond "$ref" --outcome upheld \
	    --date 2026-02-27 &&
	refused 1 2026-02-27 cpl close "$ref" --reason resolved --date 2026-02-27 &&
	refused 1 2026-02-27 cpl assign "$ref" --to bob --date 2026-02-27 &&
	refused 1 2026-02-27 cpl extend "$ref" --days 2 --told --reason r \
	    --date 2026-02-27
'

test_on setup 'a malformed COMPLAINTS_TODAY: exit 2, naming it' '
	refused 2 COMPLAINTS_TODAY env COMPLAINTS_TODAY=2026-13-01 \
	    "$COMPLAINTS" ack "$ref" &&
	refused 2 COMPLAINTS_TODAY env COMPLAINTS_TODAY=tomorrow \
	    "$COMPLAINTS" log --complainant B --summary s &&
	refused 2 COMPLAINTS_TODAY env COMPLAINTS_TODAY=20261120 \
	    "$COMPLAINTS" show "$ref"
'

# With no name in any of them, the account's name: tests/t7300-officer.sh
# shows the refusal where the account has none either.
test_on setup 'no --officer, COMPLAINTS_OFFICER, USER or LOGNAME: the account'"'"'s name' '
	env -u COMPLAINTS_OFFICER -u USER -u LOGNAME \
	    "$COMPLAINTS" ack "$ref" --date 2026-03-03 &&
	case_is "$ref" ".history[-1].action=acknowledged" \
	    ".history[-1].officer=$(id -un)"
'

test_on setup 'the case is still as logged after all that' '
	test_must_fail 2 cpl ack "$ref" --date 2026-02-30 2>err &&
	test_must_fail 2 cpl respond "$ref" --outcome sideways 2>err &&
	test_must_fail 2 cpl close "$ref" --reason bored 2>err &&
	test_must_fail 2 cpl extend "$ref" --days 0 --told --reason r 2>err &&
	test_must_fail 1 cpl ack "$ref" --date 2026-03-01 2>err &&
	case_is "$ref" ".stages[0].acknowledged=null" .status=open \
	    ".history | length=1" &&
	cpl list --format csv >list.csv &&
	test "$(tail -n +2 list.csv | cut -d, -f1)" = "$ref"
'

test_done
