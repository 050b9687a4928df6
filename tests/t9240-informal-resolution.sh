#!/bin/sh
# t9240-informal-resolution.sh: seed 002 §6 Resolving complaints
# informally: "Customer Feedback Advisors will contact the service team and
# give them 24 hours to resolve the problem." Actions carry dates, not
# times: a complaint is resolved informally the day it is received
# (log --resolved-informally) or, by close --reason resolved --informal,
# on the next working day at the latest; later is refused, naming the
# window. The reports count informal resolutions.
. "$(dirname "$0")/lib.sh"

# before_holiday: a corporate-procedure store, its complaint received on
# Fri 2026-08-28 ($r): Mon 2026-08-31 is the August bank holiday, so the
# next working day is Tue 2026-09-01.
before_holiday() {
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant A --summary "Missed bin" \
	    --received 2026-08-28)
}

test_on 'fresh_store corporate-procedure' 'seed 002 §6: log --resolved-informally closes it as resolved the day received' '
	r=$(cpl log --complainant A --summary "Missed bin" \
	    --received 2026-03-02 --resolved-informally) &&
	case_is "$r" ".status=closed" ".closed=2026-03-02" \
	    ".close_reason=resolved" ".resolved_informally=2026-03-02" \
	    "actions=logged closed resolved-informally" &&
	cpl show "$r" >show.txt &&
	grep -q "^informally    2026-03-02\$" show.txt
'

test_on before_holiday 'seed 002 §6: on the next working day, over the bank holiday (Tue 2026-09-01)' '
	cpl close "$r" --reason resolved --informal --date 2026-09-01 &&
	case_is "$r" ".closed=2026-09-01" ".resolved_informally=2026-09-01"
'

test_on before_holiday 'seed 002 §6: later than the next working day is refused, naming the window (1)' '
	refused 1 "^complaints: --informal: policy .corporate-procedure. resolves a complaint informally within 24 hours of receipt: dated from 2026-08-28, the day received, to 2026-09-01 (seed 002 §6 Resolving complaints informally)\$" \
	    cpl close "$r" --reason resolved --informal --date 2026-09-02 &&
	cpl close "$r" --reason resolved --date 2026-09-02 &&
	case_is "$r" ".resolved_informally=null"
'

test_on before_holiday 'an informal resolution is a resolution: another reason is bad input (2)' '
	refused 2 "^complaints: --informal: a case resolved informally is closed as resolved, not .withdrawn.\$" \
	    cpl close "$r" --reason withdrawn --informal --date 2026-08-28
'

test_on before_holiday 'after a formal response it is no longer informal (1)' '
	cpl respond "$r" --outcome upheld --date 2026-08-28 &&
	refused 1 "has had a formal response" \
	    cpl close "$r" --reason resolved --informal --date 2026-08-28
'

test_on 'fresh_store south-staffordshire' 'a policy without the informal step refuses it (1)' '
	refused 1 "^complaints: --resolved-informally: policy .south-staffordshire. has no informal resolution step\$" \
	    cpl log --complainant A --summary s --received 2026-03-02 \
	    --resolved-informally &&
	r=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	refused 1 "^complaints: --informal: policy .south-staffordshire. has no informal resolution step\$" \
	    cpl close "$r" --reason resolved --informal --date 2026-03-02
'

test_on before_holiday 'report summary and annual count informal resolutions of the complaints received' '
	cpl close "$r" --reason resolved --informal --date 2026-08-28 &&
	cpl log --complainant B --summary s --received 2026-08-28 >/dev/null &&
	cpl report summary --from 2026-08-01 --to 2026-08-31 --format csv \
	    >summary.csv &&
	check_row summary.csv all "" complaints.resolved_informally "1,2,50.0" &&
	cpl report annual --year 2026 --format csv >annual.csv &&
	check_row annual.csv all "" complaints.resolved_informally "1,2,50.0,0,0,,,"
'

test_on before_holiday 'export and import carry the informal resolution, with and without the history' '
	cpl close "$r" --reason resolved --informal --date 2026-09-01 &&
	cpl export --format csv >flat.csv &&
	head -n 1 flat.csv | tr , "\n" | tail -n 4 >cols &&
	printf "about_staff\ndiscrimination\nlate_granted_by\nresolved_informally\n" >want &&
	test_cmp want cols &&
	cpl export --include-history --format jsonl >all.jsonl &&
	for f in flat.csv all.jsonl; do
		rm -rf o && mkdir o && cpl --db o/c.db init --policy corporate-procedure &&
		fmt=csv && case $f in *.jsonl) fmt=jsonl ;; esac &&
		imports "imported 1, skipped 0 as duplicates, rejected 0" \
		    --db o/c.db --format $fmt $f &&
		test "$(cpl --db o/c.db show "$r" --format json |
		    jq -r .resolved_informally)" = 2026-09-01 || return 1
	done &&
	sed "s/,2026-09-01\$/,2026-09-02/" flat.csv >late.csv &&
	mkdir p && cpl --db p/c.db init --policy corporate-procedure &&
	test_must_fail 2 cpl --db p/c.db import --format csv late.csv >out 2>err &&
	grep -q "^late.csv:2: resolved_informally: a case resolved informally is closed that day" err
'

test_done
