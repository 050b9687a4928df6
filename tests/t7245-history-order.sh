#!/bin/sh
# t7245-history-order.sh: history lists a case's events by the day each
# happened, then by when it was recorded, in every format: an action
# entered later but dated earlier takes its place in the story. show's
# History section reads the same; show's JSON keeps its history in the
# order recorded (complaints-show(1)). Every test makes its own store.
. "$(dirname "$0")/lib.sh"

unset COLUMNS

# A complaint received Monday 2 November, acknowledged on the 5th; then a
# note dated the 3rd and a note dated the 5th are entered.
story() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant A --service Waste --summary s \
	    --received 2026-11-02) &&
	cpl ack "$ref" --date 2026-11-05 &&
	cpl note "$ref" "Phoned the crew" --date 2026-11-03 &&
	cpl note "$ref" "Crew confirmed" --date 2026-11-05
}

test_on story 'history: by date, then in the order recorded' '
	cpl history "$ref" >out &&
	sed 1d out | awk "{ print \$1, \$5 }" >got &&
	printf "%s\n" "2026-11-02 logged" "2026-11-03 note" \
	    "2026-11-05 acknowledged" "2026-11-05 note" >want &&
	test_cmp want got &&
	cpl history "$ref" --format csv | sed 1d | cut -d, -f1,5,6 >got &&
	printf "%s\n" "2026-11-02,logged,complaint" \
	    "2026-11-03,note,Phoned the crew" "2026-11-05,acknowledged," \
	    "2026-11-05,note,Crew confirmed" >want &&
	test_cmp want got &&
	test "$(cpl history "$ref" --format json | jq -r "[.[].detail] | join(\"|\")")" = \
	    "complaint|Phoned the crew||Crew confirmed"
'

test_on story 'show: the History section by date; its JSON in the order recorded' '
	cpl show "$ref" >show.txt &&
	sed -n "/^History:/,\$p" show.txt | sed 1d >got &&
	printf "%s\n" "  2026-11-02  tester  logged (stage 1): complaint" \
	    "  2026-11-03  tester  note (stage 1): Phoned the crew" \
	    "  2026-11-05  tester  acknowledged (stage 1)" \
	    "  2026-11-05  tester  note (stage 1): Crew confirmed" >want &&
	test_cmp want got &&
	case_is "$ref" "actions=logged acknowledged note note"
'

test_done
