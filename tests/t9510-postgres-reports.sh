#!/bin/sh
# t9510-postgres-reports.sh: every report on a PostgreSQL store says what
# it says on an SQLite file for the same cases, byte for byte: report
# overdue (with its filters, --within and --actions), report summary (in
# all and by each grouping) and report annual (CSV, JSON, HTML); and a
# report refused (today or a stage's date outside the calendar) is refused
# the same way. Needs the test server (tests/pg-server.sh, a ctest
# fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# cases: on the store COMPLAINTS_DB names, under Southampton's policy
# (seeds/README: southampton, two stages, holds allowed), six cases of
# 2026 across both stages, four services (one spelt two ways), four
# officers and the three outcomes: SCC-2026-00001 answered at stage 1,
# escalated, extended and answered at stage 2 by another officer; 00002
# never answered (overdue); 00003 held past its day to resume; 00004
# answered, with an action, closed and referred to the ombudsman, linked
# with 00005 (overdue); 00006 closed as out of scope.
cases() {
	cpl init --policy southampton >/dev/null &&
	a=$(cpl --officer alice log --complainant "Siân" --service "Council Tax" \
	    --summary s --received 2026-03-02 --channel email) &&
	cpl --officer alice ack "$a" --date 2026-03-03 &&
	cpl --officer alice respond "$a" --date 2026-03-10 --outcome upheld &&
	cpl --officer alice escalate "$a" --date 2026-03-12 --reason r &&
	cpl --officer bob ack "$a" --date 2026-03-13 &&
	cpl --officer bob extend "$a" --days 5 --reason r --told \
	    --date 2026-03-20 &&
	cpl --officer bob respond "$a" --date 2026-04-20 \
	    --outcome partly-upheld &&
	cpl --officer carol log --complainant B --service Housing --summary s \
	    --received 2026-04-01 >/dev/null &&
	c=$(cpl --officer carol log --complainant C --service housing \
	    --summary s --received 2026-05-05) &&
	cpl --officer carol ack "$c" --date 2026-05-06 &&
	cpl hold "$c" --reason other-procedure --until 2026-06-01 \
	    --date 2026-05-10 &&
	d=$(cpl --officer dave log --complainant D --service Waste --summary s \
	    --received 2026-06-01 --channel phone) &&
	cpl --officer dave respond "$d" --date 2026-06-20 --outcome not-upheld &&
	cpl action add "$d" --what "Fix the bins" --due 2026-07-01 \
	    --date 2026-06-20 >/dev/null &&
	cpl close "$d" --reason resolved --date 2026-06-25 &&
	cpl ombudsman "$d" --decision upheld --date 2026-08-01 2>/dev/null &&
	e=$(cpl --officer dave log --complainant E --service Waste --summary s \
	    --received 2026-06-02) &&
	cpl link "$d" "$e" --date 2026-06-05 &&
	f=$(cpl --officer dave log --complainant F --service Parks --summary s \
	    --received 2026-07-01) &&
	cpl close "$f" --reason out-of-scope --date 2026-07-02
}

# on_file CMD...: CMD with COMPLAINTS_DB the file file.db of this test.
on_file() {
	(COMPLAINTS_DB=$PWD/file.db && "$@")
}

# both: the cases on this test's server database and in file.db.
both() {
	new_db && cases && on_file cases
}

# same NAME REPORT...: complaints report REPORT... says the same on the
# server and on the file (NAME.server, NAME.file), and succeeds on both.
same() {
	n_=$1
	shift
	cpl report "$@" >"$n_.server" &&
	on_file cpl report "$@" >"$n_.file" &&
	test_cmp "$n_.file" "$n_.server"
}

test_expect_success 'report overdue says the same on a server as in a file' '
	both &&
	same plain overdue --format csv &&
	same actions overdue --actions --format csv &&
	same within overdue --within 30 --format json &&
	same officer overdue --officer " CAROL " --format csv &&
	same service overdue --service waste --actions --format csv &&
	same table overdue --actions --wide &&
	grep "^SCC-2026-00002,southampton,1,respond,2026-04-17,152,carol,Housing\$" \
	    plain.server &&
	grep "^SCC-2026-00003,southampton,1,resume,2026-06-01,123,carol,housing\$" \
	    actions.server &&
	grep "^SCC-2026-00004,southampton,1,remedy,2026-07-01,101,dave,Waste\$" \
	    actions.server &&
	test "$(wc -l <officer.server)" -eq 2
'

test_expect_success 'report summary says the same on a server, in all and by each group' '
	both &&
	same all summary --from 2026-01-01 --to 2026-12-31 --format csv &&
	for by in service month policy channel officer; do
		same "$by" summary --from 2026-01-01 --to 2026-12-31 \
		    --by "$by" --format csv || return 1
	done &&
	same json summary --from 2026-03-01 --to 2026-06-30 --by service \
	    --format json &&
	grep "^all,,received,6,," all.server &&
	grep "^all,,stage2.handled_by_different_person,1,1,100.0\$" all.server &&
	grep "^service,Housing,received,2,," service.server &&
	grep "^month,2026-06,received,2,," month.server
'

test_expect_success 'report annual says the same on a server, as CSV, JSON and HTML' '
	both &&
	same csv annual --year 2026 --format csv &&
	same json annual --year 2026 --format json &&
	same html annual --year 2026 --format html &&
	same financial annual --year 2026 --financial-year --format csv &&
	grep "^all,,stage1.outcome.not-upheld,1,2,50.0," csv.server &&
	grep "^all,,ombudsman.upheld,1,1,100.0," csv.server
'

test_expect_success 'a report is refused on a server as in a file: today outside the calendar' '
	both &&
	msg="today (2031-06-01) is outside calendar .england-and-wales." &&
	COMPLAINTS_TODAY=2031-06-01 refused 4 "$msg" \
	    cpl report overdue --actions --format csv &&
	cp err server.err &&
	COMPLAINTS_TODAY=2031-06-01 on_file refused 4 "$msg" \
	    cpl report overdue --actions --format csv &&
	test_cmp err server.err
'

test_expect_success 'a report is refused on a server as in a file: a stage past the calendar' '
	both &&
	# PostgreSQL- and SQLite-only: no command records a date outside
	# the calendar, so each store is changed by hand (as t9400 does).
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "UPDATE stage_rows
	    SET acknowledged = 29000 WHERE case_id = (SELECT min(case_id)
	    FROM stage_rows)" >/dev/null &&
	sqlite3 file.db "UPDATE stage_rows SET acknowledged = 29000
	    WHERE case_id = (SELECT min(case_id) FROM stage_rows)" &&
	msg="a date or deadline of case .SCC-2026-00001. (stage 1) falls outside calendar" &&
	refused 4 "$msg" cpl report summary --from 2026-01-01 \
	    --to 2026-12-31 --by service --format csv &&
	cp err server.summary &&
	refused 4 "$msg" cpl report annual --year 2026 --format csv &&
	cp err server.annual &&
	on_file refused 4 "$msg" cpl report summary --from 2026-01-01 \
	    --to 2026-12-31 --by service --format csv &&
	test_cmp err server.summary &&
	on_file refused 4 "$msg" cpl report annual --year 2026 --format csv &&
	test_cmp err server.annual
'

test_done
