#!/bin/sh
# t9400-report-outside-calendar.sh: a report whose period holds a stage
# with a date past its calendar's years fails with one line naming the
# case, the stage and the calendar, whether it only counts the stages
# (summary, in all or grouped) or lists them too (annual), and never
# guesses a working day.
. "$(dirname "$0")/lib.sh"

# A case of 2026 acknowledged on a day past the calendar's last year
# (2030): no command writes such a date, so the row is changed by hand.
past_calendar() {
	fresh_store &&
	cpl log --complainant A --received 2026-01-05 </dev/null >ref &&
	# No command records a date outside the calendar: the day number
	# (days since 1970-01-01) of 26 May 2049 is set by hand.
	store_sql "UPDATE stage_rows SET acknowledged =
	    $(($(date -u -d 2049-05-26 +%s) / 86400))"
}

MSG="a date or deadline of case 'SSC-2026-00001' (stage 1) falls outside calendar 'england-and-wales' (it covers 2018 to 2030)"

test_expect_success 'summary refuses a stage outside its calendar' '
	past_calendar &&
	refused 4 "$MSG" cpl report summary --from 2026-01-01 \
	    --to 2026-12-31 --format csv
'

test_expect_success 'summary by service refuses it too' '
	past_calendar &&
	refused 4 "$MSG" cpl report summary --from 2026-01-01 \
	    --to 2026-12-31 --by service --format csv
'

test_expect_success 'annual report refuses it too' '
	past_calendar &&
	refused 4 "$MSG" cpl report annual --year 2026 --format csv
'

test_expect_success 'a stage outside the period does not stop the summary' '
	past_calendar &&
	cpl report summary --from 2025-01-01 --to 2025-12-31 --format csv >out &&
	grep -q "^all,,received,0," out
'

test_done
