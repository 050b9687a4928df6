#!/bin/sh
# t2700-action-dates-calendar.sh: an action is refused (exit 4, nothing
# changed) when its date, or a deadline it starts, falls outside the years
# the policy's calendar covers (complaints(1), Working days: "A deadline
# that would fall outside that range is an error ..., never a guess"). An
# acknowledgement dated 9999-12-31, say, would leave a case that could
# never be answered and a period no report could be run on.
# The message names the day, the calendar's years and its file. The same
# functions refuse such a row of an import.
#
# Dates are worked out by hand from policies/calendars/england-and-wales.yaml
# (2018 to 2030; Christmas Day and Boxing Day 2030 are Wed 25 and Thu 26).
# Every test makes its own store in its own directory.
. "$(dirname "$0")/lib.sh"

CALFILE="$SRCDIR/policies/calendars/england-and-wales.yaml"
COVERS="calendar .england-and-wales. covers 2018 to 2030"

# fresh NAME POLICY DAY: a new store for one test, in the directory NAME,
# today being DAY.
fresh() {
	export COMPLAINTS_TODAY="$3" &&
	test_dir &&
	cpl init --policy "$2"
}

# at DAY ARGS...: the binary as of DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

test_expect_success 'an ack dated 9999-12-31 is refused (4), and the case can still be answered and reported' '
	fresh t1 south-staffordshire 2026-11-20 &&
	ref=$(cpl log --complainant "A Resident" --summary s --received 2026-11-02) &&
	COMPLAINTS_TODAY=9999-12-31 refused 4 \
	    "$COVERS; 9999-12-31 is outside it: add 9999.s bank holidays to .$CALFILE." \
	    cpl ack "$ref" &&
	cpl ack "$ref" --date 2026-11-03 &&
	cpl respond "$ref" --outcome upheld --date 2026-11-10 &&
	cpl report summary --from 2026-01-01 --to 2026-12-31 >out &&
	test -s out &&
	test "$(cpl show "$ref" --format json | jfield .stages[0].responded)" = 2026-11-10
'

test_expect_success 'from 2031 with the shipped calendar, every action on a case is refused (4), nothing changed' '
	fresh t2 south-staffordshire 2030-06-03 &&
	a=$(at 2030-06-03 log --complainant "Open Case" --summary s) &&
	b=$(at 2030-06-03 log --complainant "Answered Case" --summary s) &&
	at 2030-06-04 ack "$b" &&
	at 2030-06-10 respond "$b" --outcome not-upheld &&
	c=$(at 2030-06-03 log --complainant "Closed Case" --summary s) &&
	at 2030-06-10 close "$c" --reason withdrawn &&
	msg="$COVERS; 2031-01-06 is outside it: add 2031.s bank holidays to .$CALFILE." &&
	export COMPLAINTS_TODAY=2031-01-06 &&
	refused 4 "$msg" cpl ack "$a" &&
	refused 4 "$msg" cpl respond "$a" --outcome upheld &&
	refused 4 "$msg" cpl extend "$a" --days 5 --reason "Site visit" --told &&
	refused 4 "$msg" cpl assign "$a" --to bob &&
	refused 4 "$msg" cpl note "$a" "Rang the resident" &&
	refused 4 "$msg" cpl close "$a" --reason resolved &&
	refused 4 "$msg" cpl ombudsman "$a" &&
	refused 4 "$msg" cpl escalate "$b" --reason "Still unhappy" &&
	refused 4 "$msg" cpl reopen "$c" --reason "New evidence"
'

test_expect_success 'an action dated inside the calendar is taken, whatever today is' '
	fresh t3 south-staffordshire 2030-06-03 &&
	a=$(at 2030-06-03 log --complainant "A Resident" --summary s) &&
	at 2031-01-06 ack "$a" --date 2030-12-02 &&
	test "$(cpl show "$a" --format json | jfield .stages[0].acknowledged)" = 2030-12-02
'

test_expect_success 'log: a case received outside the calendar is refused (4), whatever its kind' '
	fresh t4 south-staffordshire 2031-01-06 &&
	msg="$COVERS; 2031-01-06 is outside it: add 2031.s bank holidays to .$CALFILE." &&
	refused 4 "$msg" cpl log --complainant "A Resident" --summary s &&
	refused 4 "$msg" cpl log --kind comment --complainant "A Resident" --summary s &&
	refused 4 "$msg" cpl log --kind compliment --complainant "A Resident" --summary s &&
	refused 4 "$msg" cpl log --kind service-request --complainant "A Resident" --summary s &&
	refused 4 "$COVERS; 2017-12-29 is outside it: add 2017.s bank holidays" \
	    cpl log --complainant "A Resident" --summary s --received 2017-12-29
'

test_expect_success 'log: the first deadlines must fall inside the calendar (4, naming the deadline)' '
	fresh t5 south-staffordshire 2031-01-06 &&
	# received Mon 2030-12-23; 5 wd: Tue 24, Fri 27, Mon 30, Tue 31, then 2031
	refused 4 "$COVERS; the stage 1 acknowledgement deadline, 5 working days after 2030-12-23, is outside it: add 2031.s bank holidays to .$CALFILE." \
	    cpl log --complainant "A Resident" --summary s --received 2030-12-23 &&
	# received Mon 2030-12-16; 5 wd: Mon 23 (inside); 10 wd: Tue 24 (6),
	# Fri 27 (7), Mon 30 (8), Tue 31 (9), then 2031
	refused 4 "the stage 1 response deadline, 10 working days after 2030-12-16, is outside it" \
	    cpl log --complainant "A Resident" --summary s --received 2030-12-16
'

test_expect_success 'log: the overall clock (Buckinghamshire, 12 weeks) must end inside the calendar' '
	fresh t6 buckinghamshire 2030-12-02 &&
	# 2030-10-09 + 84 days = 2031-01-01; 2030-10-08 + 84 = 2030-12-31
	refused 4 "$COVERS; the end of the 12 weeks to resolution, 2031-01-01, is outside it: add 2031.s bank holidays to .$CALFILE." \
	    cpl log --complainant "A Resident" --summary s --received 2030-10-09 &&
	ref=$(cpl log --complainant "A Resident" --summary s --received 2030-10-08) &&
	test "$(cpl show "$ref" --format json | jfield .resolve_due)" = 2030-12-31 &&
	# a comment has no overall clock
	cpl log --kind comment --complainant "A Resident" --summary s \
	    --received 2030-10-09 >/dev/null
'

test_expect_success 'ack: a response clock from the acknowledgement must end inside the calendar (psps)' '
	fresh t7 psps 2030-12-20 &&
	a=$(cpl log --complainant "A Resident" --summary s --received 2030-12-02) &&
	# 10 wd after Mon 2030-12-16: Tue 17 .. Fri 20 (4), Mon 23, Tue 24 (6),
	# Fri 27 (7), Mon 30, Tue 31 (9), then 2031
	refused 4 "$COVERS; the stage 1 response deadline, 10 working days after 2030-12-16, is outside it" \
	    cpl ack "$a" --date 2030-12-16 &&
	# 10 wd after Fri 2030-12-13: Mon 16 .. Fri 20 (5), 23, 24 (7), 27 (8),
	# 30, 31 (10): 2030-12-31
	cpl ack "$a" --date 2030-12-13 &&
	test "$(cpl show "$a" --format json | jfield .stages[0].response_due)" = 2030-12-31
'

test_expect_success 'extend: the extended deadline must fall inside the calendar' '
	fresh t8 south-staffordshire 2030-11-20 &&
	a=$(cpl log --complainant "A Resident" --summary s --received 2030-11-01) &&
	# 10 + 31 = 41 wd after Fri 2030-11-01 is in 2031; 40 is Tue 2030-12-31
	refused 4 "$COVERS; the stage 1 response deadline, 41 working days after 2030-11-01, is outside it" \
	    cpl extend "$a" --days 31 --reason "Site visit" --told &&
	cpl extend "$a" --days 30 --reason "Site visit" --told &&
	test "$(cpl show "$a" --format json | jfield .stages[0].response_due)" = 2030-12-31
'

test_expect_success 'respond: the stage 2 request window it opens must end inside the calendar' '
	fresh t9 south-staffordshire 2030-12-10 &&
	a=$(cpl log --complainant "A Resident" --summary s --received 2030-11-01) &&
	cpl ack "$a" --date 2030-11-04 &&
	# 20 wd after Mon 2030-12-02: Dec 3-6 (4), 9-13 (9), 16-20 (14),
	# 23, 24 (16), 27 (17), 30, 31 (19), then 2031
	refused 4 "$COVERS; the end of the stage 2 request window, 20 working days after 2030-12-02, is outside it: add 2031.s bank holidays to .$CALFILE." \
	    cpl respond "$a" --outcome upheld --date 2030-12-02 &&
	# 20 wd after Fri 2030-11-29: Tue 2030-12-31
	cpl respond "$a" --outcome upheld --date 2030-11-29
'

test_expect_success 'escalate: the new stage'\''s deadlines must fall inside the calendar' '
	fresh t10 south-staffordshire 2030-12-10 &&
	a=$(cpl log --complainant "A Resident" --summary s --received 2030-11-01) &&
	cpl --officer alice respond "$a" --outcome upheld --date 2030-11-25 &&
	# stage 2: respond within 20 wd of Mon 2030-12-02, in 2031
	refused 4 "$COVERS; the stage 2 response deadline, 20 working days after 2030-12-02, is outside it" \
	    cpl escalate "$a" --reason "Still missed" --date 2030-12-02 &&
	# 20 wd after Tue 2030-11-26: Tue 2030-12-24
	cpl escalate "$a" --reason "Still missed" --date 2030-11-26 &&
	test "$(cpl show "$a" --format json | jfield .stages[1].response_due)" = 2030-12-24
'

test_expect_success 'import: a row whose dates fall outside the calendar is a bad row, nothing imported' '
	fresh t11 south-staffordshire 2031-02-03 &&
	printf "%s\n" "external_ref,complainant,summary,received,acknowledged" \
	    "I-1,Good Row,s,2030-06-03,2030-06-04" \
	    "I-2,Late Ack,s,2030-12-02,2031-01-06" >rows.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import rows.csv >out 2>err &&
	test ! -s out &&
	test "$(wc -l <err)" = 2 &&
	head -1 err | grep -q "^rows.csv:3: .*$COVERS; 2031-01-06 is outside it" &&
	tail -1 err | grep -q "1 bad row: nothing imported" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'import: a row whose deadlines fall outside the calendar is a bad row too' '
	fresh t12 south-staffordshire 2031-02-03 &&
	printf "%s\n" "external_ref,complainant,summary,received,kind" \
	    "J-1,Late Case,s,2030-12-23,complaint" \
	    "J-2,Late Comment,s,2031-01-06,comment" >rows.csv &&
	dump_db >before &&
	test_must_fail 2 cpl import rows.csv >out 2>err &&
	test "$(wc -l <err)" = 3 &&
	sed -n 1p err | grep -q "^rows.csv:2: .*the stage 1 acknowledgement deadline, 5 working days after 2030-12-23, is outside it" &&
	sed -n 2p err | grep -q "^rows.csv:3: .*2031-01-06 is outside it" &&
	dump_db >after &&
	test_cmp before after
'

test_done
