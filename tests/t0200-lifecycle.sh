#!/bin/sh
# t0200-lifecycle.sh: a case's life under south-staffordshire, the rules that
# refuse an action out of turn, one history event per change with the officer
# who made it, the global options, list's filters and formats, --help
# (SPEC sections 2, 3, 6).
. "$(dirname "$0")/lib.sh"


# The number of events in the history of case $1.
nevents() {
	cpl show "$1" --format json >events.json &&
	python3 -c 'import json, sys; print(len(json.load(sys.stdin)["history"]))' \
	    <events.json
}

# changed REF BEFORE ACTION OFFICER [DETAIL]: case REF has exactly one event
# more than BEFORE, and the last one is ACTION by OFFICER (with DETAIL).
changed() {
	cpl show "$1" --format json >case.json || return 1
	python3 -c '
import json, sys
h = json.load(sys.stdin)["history"]
want = int(sys.argv[1]) + 1
if len(h) != want:
    sys.exit("# %d events, expected %d: %s" % (len(h), want,
        [e["action"] for e in h]))
got = [h[-1]["action"], h[-1]["officer"], h[-1]["detail"]]
exp = sys.argv[2:] + got[len(sys.argv) - 2:]
if got != exp:
    sys.exit("# last event %r, expected %r" % (got, exp))
' "$2" "$3" "$4" ${5+"$5"} <case.json
}

test_expect_success 'set up: a complaint logged by alice on Monday 2 March 2026' '
	cpl init --policy south-staffordshire &&
	r1=$(cpl --officer alice log --complainant "A Resident" --service Waste \
	    --channel email --summary "Missed bin" --received 2026-03-02) &&
	test "$r1" = SSC-2026-00001 &&
	changed "$r1" 0 logged alice &&
	test "$(jfield .stages[0].officer <case.json)" = alice &&
	test "$(jfield .officer <case.json)" = alice &&
	test "$(jfield .stages[0].ack_due <case.json)" = 2026-03-09 &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-03-16
'

# SPEC section 2: every command that records an action takes --date; for
# log it is the day received (Mon 2 Mar: ack due Mon 9, response Mon 16).
test_expect_success 'log --date is the day received; with a different --received, bad input (2)' '
	r=$(cpl log --complainant "B Resident" --summary "Fly tipping" --date 2026-03-02) &&
	cpl show "$r" --format json >d.json &&
	test "$(jfield .received <d.json)" = 2026-03-02 &&
	test "$(jfield .stages[0].response_due <d.json)" = 2026-03-16 &&
	refused 2 "--date and --received name different days" \
	    cpl log --complainant C --summary s --date 2026-03-02 --received 2026-03-03
'

test_expect_success 'ack: one event, by the officer of COMPLAINTS_OFFICER' '
	n=$(nevents "$r1") &&
	env COMPLAINTS_OFFICER=carol "$COMPLAINTS" ack "$r1" --date 2026-03-04 &&
	changed "$r1" "$n" acknowledged carol &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-03-04
'

test_expect_success 'ack twice is refused (1), nothing changed' '
	refused 1 acknowledged cpl ack "$r1" --date 2026-03-05
'

test_expect_success 'escalate before the stage 1 response is refused (1)' '
	refused 1 "answered" cpl escalate "$r1" --reason "No reply" \
	    --date 2026-03-05
'

test_expect_success 'extend before the response: one event, by --officer' '
	n=$(nevents "$r1") &&
	cpl extend "$r1" --days 3 --told --reason "Awaiting CCTV" --date 2026-03-05 \
	    --officer bob &&
	changed "$r1" "$n" extended bob &&
	test "$(jfield .stages[0].response_due <case.json)" = 2026-03-19 &&
	test "$(jfield .stages[0].extensions[0].days <case.json)" = 3 &&
	test "$(jfield .stages[0].extensions[0].reason <case.json)" = "Awaiting CCTV"
'

test_expect_success 'respond --remedy twice, --learning once: both remedies, one lesson' '
	n=$(nevents "$r1") &&
	cpl respond "$r1" --outcome partly-upheld --remedy Apology \
	    --learning "Crews to report blocked access" \
	    --remedy "Bins collected 2026-03-09" --date 2026-03-10 &&
	changed "$r1" "$n" responded tester &&
	test "$(jfield .stages[0].remedies <case.json)" = \
	    "[\"Apology\", \"Bins collected 2026-03-09\"]" &&
	test "$(jfield .stages[0].learning <case.json)" = \
	    "[\"Crews to report blocked access\"]" &&
	test "$(jfield .stages[0].outcome <case.json)" = partly-upheld &&
	test "$(jfield .stages[0].responded <case.json)" = 2026-03-10
'

test_expect_success 'respond twice is refused (1), nothing changed' '
	refused 1 answered cpl respond "$r1" --outcome upheld --date 2026-03-11
'

test_expect_success 'extend after the response is refused (1), nothing changed' '
	refused 1 answered cpl extend "$r1" --days 2 --told --reason late \
	    --date 2026-03-11
'

test_expect_success 'assign --to: the stage and the case get the officer; one "assigned" event' '
	n=$(nevents "$r1") &&
	cpl --officer boss assign "$r1" --to dave --date 2026-03-11 &&
	changed "$r1" "$n" assigned boss &&
	test "$(jfield .stages[0].officer <case.json)" = dave &&
	test "$(jfield .officer <case.json)" = dave &&
	test "$(jfield .history[$n].detail <case.json)" = dave
'

test_expect_success 'note REF words...: one "note" event, the words joined' '
	n=$(nevents "$r1") &&
	cpl note "$r1" Phoned the  complainant: "bin collected" --date 2026-03-12 &&
	changed "$r1" "$n" note tester "Phoned the complainant: bin collected" &&
	test "$(jfield .history[$n].date <case.json)" = 2026-03-12
'

test_expect_success 'escalate after the response opens stage 2: one event' '
	n=$(nevents "$r1") &&
	cpl escalate "$r1" --reason "Still missed" --date 2026-03-13 &&
	changed "$r1" "$n" escalated tester &&
	test "$(jfield .stage <case.json)" = 2 &&
	test "$(jfield .stages[1].stage <case.json)" = 2 &&
	test "$(jfield .stages[1].opened <case.json)" = 2026-03-13 &&
	test "$(jfield .stages[1].escalation_reason <case.json)" = "Still missed" &&
	test "$(jfield .stages[0].officer <case.json)" = dave
'

test_expect_success 'close: one event; the case is closed' '
	n=$(nevents "$r1") &&
	cpl close "$r1" --reason resolved --date 2026-03-20 &&
	changed "$r1" "$n" closed tester &&
	test "$(jfield .status <case.json)" = closed &&
	test "$(jfield .closed <case.json)" = 2026-03-20 &&
	test "$(jfield .close_reason <case.json)" = resolved
'

test_expect_success 'on a closed case ack, respond, escalate, assign, extend, close are refused (1)' '
	refused 1 "is closed" cpl ack "$r1" --date 2026-03-23 &&
	refused 1 "is closed" cpl respond "$r1" --outcome upheld \
	    --date 2026-03-23 &&
	refused 1 "is closed" cpl escalate "$r1" --reason again \
	    --date 2026-03-23 &&
	refused 1 "is closed" cpl assign "$r1" --to erin --date 2026-03-23 &&
	refused 1 "is closed" cpl extend "$r1" --days 1 --told --reason r \
	    --date 2026-03-23 &&
	refused 1 "is closed" cpl close "$r1" --reason withdrawn \
	    --date 2026-03-23
'

test_expect_success 'note still works on a closed case' '
	n=$(nevents "$r1") &&
	cpl note "$r1" "Complainant thanked us" --date 2026-03-24 &&
	changed "$r1" "$n" note tester "Complainant thanked us" &&
	test "$(jfield .status <case.json)" = closed
'

test_expect_success 'comments, compliments and service requests can be logged' '
	rc=$(cpl log --complainant B --kind comment --summary "Nice park" \
	    --received 2026-03-02) &&
	rp=$(cpl log --anonymous --kind compliment --summary "Great crew" \
	    --received 2026-03-02) &&
	rs=$(cpl log --complainant C --kind service-request --summary "Bulky item" \
	    --received 2026-03-02) &&
	test "$(cpl show "$rc" --format json | jfield .kind)" = comment &&
	test "$(cpl show "$rp" --format json | jfield .kind)" = compliment &&
	test "$(cpl show "$rs" --format json | jfield .kind)" = service-request
'

test_expect_success 'escalate is refused (1) on a comment, a compliment, a service request' '
	refused 1 comment cpl escalate "$rc" --reason r --date 2026-03-20 &&
	refused 1 compliment cpl escalate "$rp" --reason r --date 2026-03-20 &&
	refused 1 "is a service request" cpl escalate "$rs" --reason r --date 2026-03-20
'

test_expect_success 'a duplicate --external-ref is refused (1), nothing changed' '
	re=$(cpl log --complainant D --summary "Web form" --external-ref WEB-88123 \
	    --received 2026-03-03) &&
	refused 1 WEB-88123 cpl log --complainant D --summary "Web form again" \
	    --external-ref WEB-88123 --received 2026-03-03 &&
	test "$(sqlite3 complaints.db \
	    "SELECT count(*) FROM cases WHERE external_ref = '\''WEB-88123'\''")" = 1
'

test_expect_success 'log --summary - reads the summary from stdin; without it stdin is left alone' '
	rb=$(printf "Bin missed\n" | cpl log --complainant E --summary - \
	    --received 2026-04-01) &&
	test "$(cpl show "$rb" --format json | jfield .summary)" = "Bin missed" &&
	rm2=$(printf "Line one\nLine two\n\n" | cpl log --complainant E \
	    --summary - --received 2026-04-01) &&
	test "$(cpl show "$rm2" --format json | jfield .summary)" = \
	    "$(printf "Line one\nLine two")" &&
	rs2=$(printf "from stdin\n" | cpl log --complainant E --summary "from flag" \
	    --received 2026-04-01) &&
	test "$(cpl show "$rs2" --format json | jfield .summary)" = "from flag" &&
	rn=$(printf "not a summary\n" | cpl log --complainant E \
	    --received 2026-04-01) &&
	test "$(cpl show "$rn" --format json | jfield .summary)" = null
'

test_expect_success 'global options work before and after the command' '
	cpl --format json show "$r1" >before.json &&
	cpl show "$r1" --format json >after.json &&
	test_cmp before.json after.json &&
	python3 -c "import json, sys; json.load(open(sys.argv[1]))" before.json &&
	cpl --format csv list >b.csv && cpl list --format csv >a.csv &&
	test_cmp b.csv a.csv &&
	n=$(nevents "$r1") &&
	cpl --officer early note "$r1" first &&
	changed "$r1" "$n" note early first &&
	cpl note "$r1" second --officer late &&
	changed "$r1" "$((n + 1))" note late second
'

test_expect_success '--db before or after the command chooses the file' '
	cpl --db other.db init &&
	test -f other.db && test "$(stat -c %a other.db)" = 600 &&
	cpl init --db third.db --policy psps &&
	test -f third.db &&
	test "$(cpl log --db third.db --anonymous --summary s --received 2026-01-05)" = \
	    PSPS-2026-00001 &&
	test "$(sqlite3 other.db "SELECT count(*) FROM cases")" = 0
'

# list, on a database of its own: four cases, in the order received.
#   SSC-2026-00001  complaint  Waste      2026-01-05  stage 2, given to bob
#   SSC-2026-00002  comment    Housing    2026-02-02  closed, tester
#   PSPS-2026-00001 complaint  Parks      2026-03-02  psps, tester
#   SSC-2026-00003  complaint  Libraries  2026-04-01  logged by alice

# The references list prints (as CSV), for these filters, on one line.
refs() {
	cpl --db list.db list --format csv "$@" >list.csv || return 1
	tail -n +2 list.csv | cut -d, -f1 | tr "\n" " " | sed "s/ \$//"
}

test_expect_success 'list: set up four cases' '
	cpl --db list.db init --policy south-staffordshire &&
	cpl --db list.db log --complainant A --service Waste --summary s \
	    --received 2026-01-05 &&
	cpl --db list.db respond SSC-2026-00001 --outcome not-upheld \
	    --date 2026-01-12 &&
	cpl --db list.db escalate SSC-2026-00001 --reason r --date 2026-01-14 &&
	cpl --db list.db assign SSC-2026-00001 --to bob --date 2026-01-14 &&
	cpl --db list.db log --complainant B --kind comment --service Housing \
	    --summary s --received 2026-02-02 &&
	cpl --db list.db close SSC-2026-00002 --reason no-further-action \
	    --date 2026-02-03 &&
	cpl --db list.db log --complainant C --policy psps --service Parks \
	    --summary s --received 2026-03-02 &&
	cpl --db list.db --officer alice log --complainant D --service Libraries \
	    --summary s --received 2026-04-01 &&
	test "$(refs)" = "SSC-2026-00001 SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003"
'

test_expect_success 'list --status open / closed' '
	test "$(refs --status open)" = "SSC-2026-00001 PSPS-2026-00001 SSC-2026-00003" &&
	test "$(refs --status closed)" = "SSC-2026-00002"
'

test_expect_success 'list --stage' '
	test "$(refs --stage 2)" = "SSC-2026-00001" &&
	test "$(refs --stage 1)" = "SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003"
'

test_expect_success 'list --kind' '
	test "$(refs --kind comment)" = "SSC-2026-00002" &&
	test "$(refs --kind complaint)" = "SSC-2026-00001 PSPS-2026-00001 SSC-2026-00003"
'

test_expect_success 'list --policy' '
	test "$(refs --policy psps)" = "PSPS-2026-00001" &&
	test "$(refs --policy south-staffordshire)" = \
	    "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003"
'

test_expect_success 'list --service' '
	test "$(refs --service Parks)" = "PSPS-2026-00001" &&
	test "$(refs --service Waste)" = "SSC-2026-00001"
'

# As the reports group them and the stage 2 rule tells officers apart
# (name_key): whatever the case of letters and the spaces.
test_expect_success 'list --service and --officer: whatever the case of letters and the spaces' '
	cpl --db fold.db init --policy psps &&
	r=$(cpl --db fold.db --officer "Bob Smith" log --complainant A \
	    --service "Street Cleaning" --summary s) &&
	cpl --db fold.db log --complainant B --service "Street Lighting" \
	    --summary s >/dev/null &&
	cpl --db fold.db list --service " street  CLEANING " --format csv >out &&
	test "$(tail -n +2 out | cut -d, -f1)" = "$r" &&
	cpl --db fold.db list --officer "BOB  smith" --format csv >out &&
	test "$(tail -n +2 out | cut -d, -f1)" = "$r" &&
	cpl --db fold.db list --officer "Bob Smit" --format csv >out &&
	test "$(tail -n +2 out | wc -l)" = 0
'

test_expect_success 'list --officer filters by the current stage officer' '
	test "$(refs --officer bob)" = "SSC-2026-00001" &&
	test "$(refs --officer alice)" = "SSC-2026-00003" &&
	test "$(refs --officer tester)" = "SSC-2026-00002 PSPS-2026-00001" &&
	test "$(refs --officer nobody)" = "" &&
	cpl --officer bob --db list.db list --format csv >list.csv &&
	test "$(tail -n +2 list.csv | cut -d, -f1)" = SSC-2026-00001
'

test_expect_success 'list: COMPLAINTS_OFFICER alone does not filter' '
	env COMPLAINTS_OFFICER=bob "$COMPLAINTS" --db list.db list --format csv \
	    >list.csv &&
	test "$(tail -n +2 list.csv | wc -l)" = 4
'

test_expect_success 'list --from / --to, on the day received, inclusive' '
	test "$(refs --from 2026-02-02)" = "SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003" &&
	test "$(refs --to 2026-02-02)" = "SSC-2026-00001 SSC-2026-00002" &&
	test "$(refs --from 2026-02-01 --to 2026-03-31)" = \
	    "SSC-2026-00002 PSPS-2026-00001" &&
	test "$(refs --status open --officer tester --from 2026-01-01)" = \
	    "PSPS-2026-00001"
'

test_expect_success 'list --format csv: the header' '
	cpl --db list.db list --format csv >list.csv &&
	test "$(head -n 1 list.csv)" = \
	    "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	test "$(wc -l <list.csv)" = 5 &&
	grep -q "^SSC-2026-00001,south-staffordshire,complaint,open,2,2026-01-05,.*,bob,Waste\$" \
	    list.csv
'

test_expect_success 'list --format json: an array of the cases' '
	cpl --db list.db list --format json >list.json &&
	python3 -c "
import json, sys
v = json.load(open(sys.argv[1]))
assert isinstance(v, list), type(v)
assert [c[\"ref\"] for c in v] == [\"SSC-2026-00001\", \"SSC-2026-00002\",
    \"PSPS-2026-00001\", \"SSC-2026-00003\"], v
assert v[0][\"officer\"] == \"bob\" and v[0][\"stage\"] == 2, v[0]
assert v[1][\"status\"] == \"closed\", v[1]
" list.json
'

test_expect_success 'list with no matching case: table prints nothing, csv the header, json []' '
	cpl --db list.db list --kind compliment >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl --db list.db list --kind compliment --format csv >out &&
	test "$(cat out)" = \
	    "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	cpl --db list.db list --kind compliment --format json >out &&
	python3 -c "import json, sys; assert json.load(open(sys.argv[1])) == []" out
'

test_expect_success 'list in table format: a header and a line a case' '
	cpl --db list.db list --status open >out &&
	test "$(wc -l <out)" = 4 &&
	head -n 1 out | grep -q "^ref  *policy  *kind" &&
	grep -q "^PSPS-2026-00001 " out
'

test_expect_success 'show in table format: the deadlines and a History section' '
	rt=$(cpl log --complainant F --service Waste --summary "Table" \
	    --received 2026-03-02) &&
	cpl ack "$rt" --date 2026-03-03 &&
	cpl show "$rt" >show.txt &&
	grep -q "$rt" show.txt &&
	grep -q 2026-03-09 show.txt &&
	grep -q 2026-03-16 show.txt &&
	grep -q "^History:\$" show.txt &&
	test "$(sed -n "/^History:\$/,\$p" show.txt | grep -c 2026-03-0[23])" = 2
'

test_expect_success 'every command --help: exit 0, "usage: complaints VERB" on stdout' '
	mkdir helpdir &&
	(
		cd helpdir || exit 1
		for verb in init log ack respond extend escalate close assign note \
		    show list; do
			cpl "$verb" --help >out 2>err ||
			    { echo "# $verb --help failed" >&2; exit 1; }
			head -n 1 out | grep -q "^usage: complaints $verb\\( \\|\$\\)" ||
			    { echo "# $verb --help:" >&2; sed "s/^/# /" out >&2; exit 1; }
			test ! -s err || { echo "# $verb --help wrote stderr" >&2; exit 1; }
		done
		test -z "$(ls -A | grep -v -e "^out\$" -e "^err\$")"
	)
'

test_expect_success 'complaints with no command: exit 2, nothing on stdout' '
	test_must_fail 2 cpl >out 2>err &&
	test ! -s out && test -s err
'

test_expect_success 'an unknown command: exit 2, naming it' '
	test_must_fail 2 cpl frobnicate >out 2>err &&
	test ! -s out &&
	grep -q frobnicate err
'

test_done
