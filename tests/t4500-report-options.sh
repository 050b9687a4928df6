#!/bin/sh
# t4500-report-options.sh: each form of complaints report takes exactly its
# own options (complaints-report(1)), however many times they are given,
# wherever the sub-word stands; --format html only for the annual report;
# and an abbreviated --format (--form) is --format, for report and export.
. "$(dirname "$0")/lib.sh"

# A store of its own for a test, in directory $1, with one case.
fresh() {
	test_dir &&
	cpl init --policy south-staffordshire >/dev/null &&
	cpl log --complainant A --service Waste --summary s \
	    --received 2026-01-09 >/dev/null
}

# The options of each report form, with a value it takes.
OVERDUE="--within=3 --service=Waste --policy=psps"
SUMMARY="--from=2026-01-01 --to=2026-12-31 --by=service"
ANNUAL="--year=2026"

test_expect_success 'report annual --year eight times, then --within: refused, nothing printed, nothing changed' '
	fresh t1 &&
	refused 2 "report annual: unknown option '\''--within'\''" \
	    cpl report annual --year 2026 --year 2026 --year 2026 --year 2026 \
	    --year 2026 --year 2026 --year 2026 --year 2026 --within 3
'

test_expect_success 'every form refuses each option of the others, after its own given nine times' '
	fresh t2 &&
	for form in overdue summary annual; do
		case $form in
		overdue) own=$OVERDUE others="$SUMMARY $ANNUAL" ;;
		summary) own=$SUMMARY others="$OVERDUE $ANNUAL" ;;
		annual) own=$ANNUAL others="$OVERDUE $SUMMARY" ;;
		esac
		many=
		for i in 1 2 3 4 5 6 7 8 9; do many="$many $own"; done
		for opt in $others; do
			name=${opt%%=*}
			refused 2 "report $form: unknown option '\''$name'\''" \
			    cpl report $form $many $opt || return 1
		done
	done
'

test_expect_success 'every form takes its own options, the sub-word first, last or between them' '
	fresh t3 &&
	cpl report overdue $OVERDUE --officer alice >out 2>err &&
	test ! -s err &&
	cpl report $OVERDUE overdue --format csv >out &&
	head -n 1 out >head &&
	echo ref,policy,stage,action,due,working_days_overdue,officer,service >want &&
	test_cmp want head &&
	cpl report --from 2026-01-01 summary --to 2026-12-31 --by service \
	    --format csv >out &&
	grep -q "^service,Waste,received,1,," out &&
	cpl report annual --year 2026 --year 2026 --format csv >out &&
	grep -q "^all,,received,1,," out &&
	cpl report --year 2026 annual --format html >out &&
	grep -q "^<!DOCTYPE html>" out
'

test_expect_success '--format html is for the annual report only; the last --format counts' '
	fresh t4 &&
	refused 2 "report overdue: --format html is for report annual only" \
	    cpl report overdue --format html &&
	refused 2 "report summary: --format html is for report annual only" \
	    cpl report summary --from 2026-01-01 --to 2026-01-31 --format html &&
	cpl report annual --year 2026 --format html --format csv >out &&
	head -n 1 out | grep -q "^section,group,figure," &&
	cpl report annual --year 2026 --format csv --format html >out &&
	grep -q "^<!DOCTYPE html>" out &&
	refused 2 "--format '\''xml'\'' is not one of table, csv, json" \
	    cpl report annual --year 2026 --format xml
'

test_expect_success '--form is --format: for report, and for export (csv or jsonl)' '
	fresh t5 &&
	cpl report annual --year 2026 --form html >out &&
	grep -q "^<!DOCTYPE html>" out &&
	cpl export --form jsonl >out 2>err &&
	test ! -s err &&
	test "$(jq -r .service out)" = Waste &&
	cpl export --form csv >out &&
	head -n 1 out | grep -q "^ref,"
'

test_done
