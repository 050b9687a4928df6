#!/bin/sh
# t7610-correct-informal.sh: correct --action close on a complaint
# resolved informally (seed 002 §6: "give them 24 hours to resolve the
# problem"; actions carry dates: the day received or the next working
# day). The day resolved informally follows the corrected closing, is
# checked again against the window, and is a correction of its own in the
# history, with its old and new day.
. "$(dirname "$0")/lib.sh"

# before_holiday: a corporate-procedure store, its complaint received on
# Fri 2026-08-28 ($r) and closed as resolved informally that day: Mon
# 2026-08-31 is the August bank holiday, so the next working day (the
# last of the window) is Tue 2026-09-01.
before_holiday() {
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant A --summary "Missed bin" \
	    --received 2026-08-28) &&
	cpl close "$r" --reason resolved --informal --date 2026-08-28
}

test_on before_holiday 'a corrected closing moves the day resolved informally with it' '
	cpl correct "$r" --action close --date 2026-09-01 --reason "sent Tuesday" &&
	case_is "$r" ".closed=2026-09-01" ".resolved_informally=2026-09-01" &&
	cpl show "$r" >show.txt &&
	grep -q "^informally    2026-09-01\$" show.txt
'

test_on before_holiday 'the move is a correction event of its own, holding the old and the new day' '
	cpl correct "$r" --action close --date 2026-09-01 --reason "sent Tuesday" &&
	cpl show "$r" --format json >case.json &&
	jq -c "[.history[] | select(.action == \"corrected\") |
	    [.corrects, .field, .old, .new, .reason]]" case.json >got &&
	echo "[[\"close\",\"date\",\"2026-08-28\",\"2026-09-01\",\"sent Tuesday\"],[\"close\",\"resolved_informally\",\"2026-08-28\",\"2026-09-01\",\"sent Tuesday\"]]" >want &&
	test_cmp want got &&
	cpl history "$r" --format csv >h &&
	grep -q ",corrected,closing resolved_informally: .2026-08-28. -> .2026-09-01. (sent Tuesday)\$" h
'

test_on before_holiday 'a corrected closing outside the window is refused with the window, and nothing changes (1)' '
	refused 1 "^complaints: as corrected, the closing of 2026-09-02 would be refused: policy .corporate-procedure. resolves a complaint informally within 24 hours of receipt: dated from 2026-08-28, the day received, to 2026-09-01 (seed 002 §6 Resolving complaints informally)\$" \
	    cpl correct "$r" --action close --date 2026-09-02 --reason late &&
	case_is "$r" ".closed=2026-08-28" ".resolved_informally=2026-08-28"
'

test_expect_success 'log --resolved-informally: the day follows a corrected closing too' '
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant A --summary "Missed bin" \
	    --received 2026-08-28 --resolved-informally) &&
	cpl correct "$r" --action close --date 2026-09-01 --reason "sent Tuesday" &&
	case_is "$r" ".closed=2026-09-01" ".resolved_informally=2026-09-01"
'

test_expect_success 'a closing not informal is corrected as before: no informal day appears' '
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant A --summary "Missed bin" \
	    --received 2026-08-28) &&
	cpl close "$r" --reason resolved --date 2026-08-28 &&
	cpl correct "$r" --action close --date 2026-09-03 --reason typo &&
	case_is "$r" ".closed=2026-09-03" ".resolved_informally=null" \
	    "[.history[] | select(.action | startswith(\"correct\")) | .field]=[\"date\"]"
'

test_on before_holiday 'export --include-history and import replay the correction and its informal day' '
	cpl correct "$r" --action close --date 2026-09-01 --reason "sent Tuesday" &&
	cpl export --include-history --format jsonl >all.jsonl &&
	mkdir o && cd o && cpl init --policy corporate-procedure &&
	cpl import --format jsonl ../all.jsonl >/dev/null &&
	case_is "$r" ".closed=2026-09-01" ".resolved_informally=2026-09-01" \
	    "[.history[] | select(.action | startswith(\"correct\")) | .field]=[\"date\", \"resolved_informally\"]"
'

test_done
