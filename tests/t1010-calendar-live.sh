#!/bin/sh
# t1010-calendar-live.sh: the calendar is read each time deadlines are
# computed, while a case keeps the timescales of the policy it was logged
# under (SPEC section 4, and section 5's last paragraph); a deadline outside
# the calendar's years is an error, never a guess.
#
# Works on a copy of policies/ (COMPLAINTS_POLICIES points at it), under
# south-staffordshire: stage 1 acknowledge 5 wd, respond 10 wd, both from
# received.
. "$(dirname "$0")/lib.sh"

POL="$TEST_DIR/policies"
CAL="$POL/calendars/england-and-wales.yaml"

# Insert a bank holiday into a calendar file, in date order.
add_holiday() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
path, day = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
for i, l in enumerate(lines):
    m = re.match(r"\s*-\s*(\d{4}-\d\d-\d\d)", l)
    if m and m.group(1) > day:
        lines.insert(i, "  - %s   # announced at short notice (test)" % day)
        break
else:
    sys.exit("no place for %s in %s" % (day, path))
open(path, "w").write("\n".join(lines))
EOF
}

# Change south-staffordshire's stage 1 response timescale in a policy copy.
set_ssc_stage1_respond_days() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
path, days = sys.argv[1], sys.argv[2]
text = open(path).read()
new, n = re.subn(r"(\n      days: )10(\n      from: received\n)",
    r"\g<1>%s\2" % days, text, count=1)
if n != 1:
    sys.exit("stage 1 respond days not found in %s" % path)
open(path, "w").write(new)
EOF
}

test_expect_success 'a copy of the policies, used for this database' '
	cp -R "$SRCDIR/policies" "$POL" &&
	export COMPLAINTS_POLICIES="$POL" &&
	cp "$CAL" calendar.orig &&
	cpl init --policy south-staffordshire
'

test_expect_success 'log a case received on Monday 2026-06-01' '
	cpl --officer alice log --complainant "A Resident" --summary "Bins" \
		--received 2026-06-01 >out &&
	ref=$(cat out) &&
	cpl show "$ref" --format json >case.json &&
	# received Mon 2026-06-01; 5 wd: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8
	# -> 2026-06-08
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-06-08 &&
	# 10 wd: Tue 2 .. Fri 5 (4), Mon 8 .. Fri 12 (9), Mon 15 -> 2026-06-15
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-15
'

test_expect_success 'a bank holiday added to the calendar moves the open case' '
	add_holiday "$CAL" 2026-06-10 &&
	! cmp -s "$CAL" calendar.orig &&
	cpl show "$ref" --format json >case.json &&
	# the acknowledgement deadline is before the new day: unchanged
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-06-08 &&
	# 10 wd: Tue 2 .. Fri 5 (4), Mon 8, Tue 9, (Wed 10 new holiday skipped)
	# Thu 11, Fri 12 (8), Mon 15, Tue 16 -> 2026-06-16, one day later
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-16
'

test_expect_success 'list --format csv sees the new holiday too' '
	cpl --officer alice ack "$ref" --date 2026-06-03 &&
	cpl list --format csv >list.csv &&
	grep "^$ref," list.csv >row &&
	echo "$ref,south-staffordshire,complaint,open,1,2026-06-01,respond,2026-06-16,alice," >expect &&
	test_cmp expect row
'

test_expect_success 'a longer timescale in the policy file leaves the logged case alone' '
	set_ssc_stage1_respond_days "$POL/south-staffordshire.yaml" 15 &&
	! cmp -s "$POL/south-staffordshire.yaml" "$SRCDIR/policies/south-staffordshire.yaml" &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-06-08 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-16
'

test_expect_success 'a case logged after the edit gets the new timescale' '
	cpl --officer alice log --complainant "B Resident" --summary "Parking" \
		--received 2026-06-01 >out &&
	ref_new=$(cat out) &&
	cpl show "$ref_new" --format json >case.json &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-06-08 &&
	# 15 wd: Tue 2 .. Fri 5 (4), Mon 8, Tue 9, (Wed 10 skipped) Thu 11,
	# Fri 12 (8), Mon 15 .. Fri 19 (13), Mon 22, Tue 23 -> 2026-06-23
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-23
'

test_expect_success 'taking the holiday out again moves both cases back' '
	cp calendar.orig "$CAL" &&
	cpl show "$ref" --format json >case.json &&
	# 10 wd from Mon 2026-06-01 with no holiday -> 2026-06-15 (as at first)
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-15 &&
	cpl show "$ref_new" --format json >case.json &&
	# 15 wd: Tue 2 .. Fri 5 (4), Mon 8 .. Fri 12 (9), Mon 15 .. Fri 19 (14),
	# Mon 22 -> 2026-06-22
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-22
'

test_expect_success 'a case received in 2031 (calendar covers 2018-2030) is refused, nothing stored' '
	export COMPLAINTS_TODAY=2031-03-03 &&
	dump_db >before &&
	{
		cpl --officer alice log --complainant "C Resident" --summary "Future" \
			--received 2031-01-06 >out 2>err
		rc=$?
	} &&
	test "$rc" -ne 0 &&
	test "$rc" -lt 128 &&
	test ! -s out &&
	one_line_error err "england-and-wales" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a case whose first deadline falls in 2031 is refused, nothing stored' '
	dump_db >before &&
	# received Mon 2030-12-23; 5 wd: Tue 24, (Wed 25, Thu 26 holidays)
	# Fri 27, Mon 30, Tue 31, then Wed 2031-01-01: outside the calendar
	{
		cpl --officer alice log --complainant "D Resident" --summary "Late" \
			--received 2030-12-23 >out 2>err
		rc=$?
	} &&
	test "$rc" -ne 0 &&
	test "$rc" -lt 128 &&
	test ! -s out &&
	one_line_error err "england-and-wales" &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'a case in December 2030 with its deadlines inside 2030 is fine' '
	cpl --officer alice log --complainant "E Resident" --summary "Early" \
		--received 2030-12-02 >out &&
	ref_2030=$(cat out) &&
	cpl show "$ref_2030" --format json >case.json &&
	# received Mon 2030-12-02; 5 wd: Tue 3 .. Fri 6 (4), Mon 9 -> 2030-12-09
	test "$(jfield .stages[0].ack_due <case.json)" = 2030-12-09 &&
	# 15 wd (the edited policy): Tue 3 .. Fri 6 (4), Mon 9 .. Fri 13 (9),
	# Mon 16 .. Fri 20 (14), Mon 23 -> 2030-12-23
	test "$(jfield .stages[0].response_due <case.json)" = 2030-12-23
'

test_expect_success 'an extension whose deadline would fall in 2031 is refused, db unchanged' '
	dump_db >before &&
	# 2030-12-23 + 5 wd: Tue 24, (Wed 25, Thu 26 holidays) Fri 27, Mon 30,
	# Tue 31, then Wed 2031-01-01: outside the calendar
	{
		cpl --officer alice extend "$ref_2030" --days 5 --told --reason "Holidays" \
			--date 2030-12-20 2>err
		rc=$?
	} &&
	test "$rc" -ne 0 &&
	test "$rc" -lt 128 &&
	one_line_error err "england-and-wales" &&
	dump_db >after &&
	test_cmp before after
'

test_done
