#!/bin/sh
# t6710-numbers-paths.sh: numbers on the command line and in the
# environment are plain decimal digits within the range (no sign, space or
# leading zero, never clamped), and an empty --db or COMPLAINTS_DB is bad
# input rather than ./complaints.db: exit 2, one line naming the option,
# operand or variable, and nothing changed.
. "$(dirname "$0")/lib.sh"

# A store with one case acknowledged (so it can be extended), in a
# directory of its own.
setup() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant "Ann Example" --summary s \
	    --received 2026-11-02) &&
	cpl ack "$ref" --date 2026-11-03
}

test_expect_success 'extend --days: only plain digits from 1 to 400' '
	setup &&
	for d in " 5" "5 " "+5" "-5" "05" "0x5" "5.0" "" "0" "401" \
	    "99999999999999999999"; do
		refused 2 "^complaints: --days: .* is not a whole number from 1 to 400" \
		    cpl extend "$ref" --days "$d" --reason slow --told ||
		    { echo "# --days \"$d\"" >&2; return 1; }
	done &&
	refused 2 "(digits only: no sign, space or leading zero)" \
	    cpl extend "$ref" --days 05 --reason slow --told &&
	cpl extend "$ref" --days 5 --reason slow --told &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].extensions[0].days)" = 5
'

test_expect_success 'list --stage, report --within and --year: the same rule' '
	setup &&
	refused 2 "^complaints: --stage: .+1. is not a whole number from 1 to 9" \
	    cpl list --stage +1 &&
	refused 2 "^complaints: --within: . 2. is not a whole number from 0 to 400" \
	    cpl report overdue --within " 2" &&
	refused 2 "^complaints: --year: .02026. is not a whole number from 1000 to 9999" \
	    cpl report annual --year 02026 &&
	cpl list --stage 1 --format csv >out && grep -q "^$ref," out &&
	cpl report overdue --within 0 --format csv >out &&
	head -1 out | grep -q "^ref,policy,stage,action,due"
'

test_expect_success 'COMPLAINTS_WAIT: plain digits from 0 to 3600; empty is unset' '
	setup &&
	for w in " 5" "+5" "05" "5 " "3601"; do
		refused 2 "^complaints: COMPLAINTS_WAIT: .* is not a whole number from 0 to 3600" \
		    env COMPLAINTS_WAIT="$w" "$COMPLAINTS" ack "$ref" ||
		    { echo "# COMPLAINTS_WAIT=\"$w\"" >&2; return 1; }
	done &&
	COMPLAINTS_WAIT=5 cpl list >/dev/null &&
	COMPLAINTS_WAIT=0 cpl list >/dev/null &&
	COMPLAINTS_WAIT= cpl list >/dev/null
'

test_expect_success 'restriction lift ID: past the largest id is refused, not clamped' '
	setup &&
	cpl restriction add "Ann Example" --kind written-contact-only \
	    --reason r --review 2026-12-01 >id &&
	refused 2 "^complaints: restriction lift: .99999999999999999999. is not a restriction number from 1 to 9223372036854775807\$" \
	    cpl restriction lift 99999999999999999999 --reason r &&
	refused 2 "not a restriction number" cpl restriction lift 01 --reason r &&
	refused 2 "not a restriction number" cpl restriction lift " 1" --reason r &&
	refused 2 "not a restriction number" cpl restriction lift 0 --reason r &&
	refused 1 "no restriction 9223372036854775807 in force" \
	    cpl restriction lift 9223372036854775807 --reason r &&
	cpl restriction lift "$(cat id)" --reason r
'

test_expect_success '--db "": bad input, before the command or after; no file made' '
	setup &&
	refused 2 "^complaints: --db: the path is empty\$" \
	    cpl --db "" log --complainant B --summary s &&
	refused 2 "^complaints: --db: the path is empty\$" \
	    cpl log --complainant B --summary s --db "" &&
	mkdir elsewhere && cd elsewhere &&
	test_must_fail 2 cpl --db "" init --policy psps 2>err &&
	one_line_error err "the path is empty" &&
	test ! -e complaints.db
'

test_expect_success 'COMPLAINTS_DB set but empty: bad input, --db still wins' '
	setup &&
	refused 2 "^complaints: COMPLAINTS_DB is set but empty" \
	    env COMPLAINTS_DB= "$COMPLAINTS" log --complainant B --summary s &&
	mkdir elsewhere && cd elsewhere &&
	test_must_fail 2 env COMPLAINTS_DB= "$COMPLAINTS" init --policy psps \
	    2>err &&
	one_line_error err "COMPLAINTS_DB is set but empty" &&
	test ! -e complaints.db &&
	cd .. &&
	store=$(the_store) &&
	COMPLAINTS_DB= cpl --db "$store" list --format csv >out &&
	grep -q "^$ref," out
'

test_expect_success '--policies "": bad input' '
	setup &&
	refused 2 "^complaints: --policies: the directory is empty\$" \
	    cpl --policies "" log --complainant B --summary s
'

test_done
