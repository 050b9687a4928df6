#!/bin/sh
# t1010-calendar-live.sh: the calendar is read each time deadlines are
# computed, while a case keeps the timescales of the policy it was logged
# under (complaints(1), Policies and the calendar); a deadline outside
# the calendar's years is an error, never a guess.
#
# Each test works on a copy of policies/ of its own (COMPLAINTS_POLICIES
# points at it), under south-staffordshire: stage 1 acknowledge 5 wd,
# respond 10 wd, both from received.
. "$(dirname "$0")/lib.sh"

# Insert bank holiday $2 into calendar file $1, in date order.
add_holiday() {
	awk -v day="$2" '
	    !done && match($0, /^[ \t]*-[ \t]*[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/) &&
	    substr($0, RSTART + RLENGTH - 10, 10) > day {
		print "  - " day "   # announced at short notice (test)"
		done = 1
	    }
	    { print }
	    END { if (!done) { print "no place for " day > "/dev/stderr"; exit 1 } }
	' "$1" >"$1.new" && mv "$1.new" "$1"
}

# Change south-staffordshire's stage 1 response timescale, in policy file
# $1, to $2 working days.
set_ssc_stage1_respond_days() {
	awk -v days="$2" '
	    NR > 1 {
		if (!done && prev == "      days: 10" && $0 == "      from: received") {
			prev = "      days: " days
			done = 1
		}
		print prev
	    }
	    { prev = $0 }
	    END {
		if (NR) print prev
		if (!done) { print "stage 1 respond days not found" > "/dev/stderr"; exit 1 }
	    }
	' "$1" >"$1.new" && mv "$1.new" "$1"
}

# The cases the story logs, received on Monday 2026-06-01: the first before
# the policy's timescale is edited, the second after.
ref=SSC-2026-00001
ref_new=SSC-2026-00002

# story STEP: this test's own copy of the policies (the calendar in $CAL,
# and its original in calendar.orig), and its store, taken up to STEP.
story() {
	story_to "$1" && test_dir &&
	cp -R "$SRCDIR/policies" pol &&
	COMPLAINTS_POLICIES=$PWD/pol && export COMPLAINTS_POLICIES &&
	CAL=$PWD/pol/calendars/england-and-wales.yaml &&
	cp "$CAL" calendar.orig &&
	step init cpl init --policy south-staffordshire &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --summary "Bins" --received 2026-06-01 &&
	step holiday add_holiday "$CAL" 2026-06-10 &&
	step ack cpl --officer alice ack "$ref" --date 2026-06-03 &&
	step timescale set_ssc_stage1_respond_days pol/south-staffordshire.yaml 15 &&
	step logged_new cpl --officer alice log --complainant "B Resident" \
	    --summary "Parking" --received 2026-06-01 &&
	story_end
}

# A command run on 3 March 2031, after the calendar's years.
late() {
	env COMPLAINTS_TODAY=2031-03-03 "$COMPLAINTS" --officer alice "$@"
}

test_on 'story init' 'a copy of the policies, used for this database' '
	test "$COMPLAINTS_POLICIES" = "$PWD/pol" &&
	cpl list --format csv >/dev/null &&
	# SQLite-only: the store is a file here.
	{ on_server || test -s complaints.db; }
'

test_on 'story init' 'log a case received on Monday 2026-06-01' '
	cpl --officer alice log --complainant "A Resident" --summary "Bins" \
		--received 2026-06-01 >out &&
	test "$(cat out)" = "$ref" &&
	# received Mon 2026-06-01; 5 wd: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8
	# -> 2026-06-08
	# 10 wd: Tue 2 .. Fri 5 (4), Mon 8 .. Fri 12 (9), Mon 15 -> 2026-06-15
	case_is "$ref" ".stages[0].ack_due=2026-06-08" \
	    ".stages[0].response_due=2026-06-15"
'

test_on 'story logged' 'a bank holiday added to the calendar moves the open case' '
	add_holiday "$CAL" 2026-06-10 &&
	test_must_fail 1 cmp -s "$CAL" calendar.orig &&
	# the acknowledgement deadline is before the new day: unchanged
	# 10 wd: Tue 2 .. Fri 5 (4), Mon 8, Tue 9, (Wed 10 new holiday skipped)
	# Thu 11, Fri 12 (8), Mon 15, Tue 16 -> 2026-06-16, one day later
	case_is "$ref" ".stages[0].ack_due=2026-06-08" \
	    ".stages[0].response_due=2026-06-16"
'

test_on 'story holiday' 'list --format csv sees the new holiday too' '
	cpl --officer alice ack "$ref" --date 2026-06-03 &&
	cpl list --format csv >list.csv &&
	grep "^$ref," list.csv >row &&
	echo "$ref,south-staffordshire,complaint,open,1,2026-06-01,respond,2026-06-16,alice," >expect &&
	test_cmp expect row
'

test_on 'story ack' 'a longer timescale in the policy file leaves the logged case alone' '
	set_ssc_stage1_respond_days pol/south-staffordshire.yaml 15 &&
	test_must_fail 1 cmp -s pol/south-staffordshire.yaml \
	    "$SRCDIR/policies/south-staffordshire.yaml" &&
	case_is "$ref" ".stages[0].ack_due=2026-06-08" \
	    ".stages[0].response_due=2026-06-16"
'

test_on 'story timescale' 'a case logged after the edit gets the new timescale' '
	cpl --officer alice log --complainant "B Resident" --summary "Parking" \
		--received 2026-06-01 >out &&
	test "$(cat out)" = "$ref_new" &&
	# 15 wd: Tue 2 .. Fri 5 (4), Mon 8, Tue 9, (Wed 10 skipped) Thu 11,
	# Fri 12 (8), Mon 15 .. Fri 19 (13), Mon 22, Tue 23 -> 2026-06-23
	case_is "$ref_new" ".stages[0].ack_due=2026-06-08" \
	    ".stages[0].response_due=2026-06-23"
'

test_expect_success 'taking the holiday out again moves both cases back' '
	story logged_new &&
	cp calendar.orig "$CAL" &&
	cpl show "$ref" --format json >case.json &&
	# 10 wd from Mon 2026-06-01 with no holiday -> 2026-06-15 (as at first)
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-15 &&
	cpl show "$ref_new" --format json >case.json &&
	# 15 wd: Tue 2 .. Fri 5 (4), Mon 8 .. Fri 12 (9), Mon 15 .. Fri 19 (14),
	# Mon 22 -> 2026-06-22
	test "$(jfield .stages[0].response_due <case.json)" = 2026-06-22
'

# outside CMD...: CMD fails (not by a signal), prints nothing on stdout
# and one line on stderr naming the calendar, and changes nothing.
outside() {
	dump_db >before &&
	{ "$@" >out 2>err; rc=$?; } &&
	test "$rc" -ne 0 &&
	test "$rc" -lt 128 &&
	test ! -s out &&
	one_line_error err "england-and-wales" &&
	dump_db >after &&
	test_cmp before after
}

test_expect_success 'a case received in 2031 (calendar covers 2018-2030) is refused, nothing stored' '
	story logged_new &&
	outside late log --complainant "C Resident" --summary "Future" \
		--received 2031-01-06
'

test_expect_success 'a case whose first deadline falls in 2031 is refused, nothing stored' '
	story logged_new &&
	# received Mon 2030-12-23; 5 wd: Tue 24, (Wed 25, Thu 26 holidays)
	# Fri 27, Mon 30, Tue 31, then Wed 2031-01-01: outside the calendar
	outside late log --complainant "D Resident" --summary "Late" \
		--received 2030-12-23
'

test_on 'story timescale' 'a case in December 2030 with its deadlines inside 2030 is fine' '
	late log --complainant "E Resident" --summary "Early" \
		--received 2030-12-02 >out &&
	ref_2030=$(cat out) &&
	late show "$ref_2030" --format json >case.json &&
	# received Mon 2030-12-02; 5 wd: Tue 3 .. Fri 6 (4), Mon 9 -> 2030-12-09
	# 15 wd (the edited policy): Tue 3 .. Fri 6 (4), Mon 9 .. Fri 13 (9),
	# Mon 16 .. Fri 20 (14), Mon 23 -> 2030-12-23
	json_is case.json ".stages[0].ack_due=2030-12-09" \
	    ".stages[0].response_due=2030-12-23"
'

test_on 'story timescale' 'an extension whose deadline would fall in 2031 is refused, db unchanged' '
	late log --complainant "E Resident" --summary "Early" \
		--received 2030-12-02 >out &&
	ref_2030=$(cat out) &&
	# 2030-12-23 + 5 wd: Tue 24, (Wed 25, Thu 26 holidays) Fri 27, Mon 30,
	# Tue 31, then Wed 2031-01-01: outside the calendar
	outside late extend "$ref_2030" --days 5 --told --reason "Holidays" \
		--date 2030-12-20
'

test_done
