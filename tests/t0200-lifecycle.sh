#!/bin/sh
# t0200-lifecycle.sh: a case's life under south-staffordshire, the rules that
# refuse an action out of turn, one history event per change with the officer
# who made it, the global options, list's filters and formats, --help
# (complaints(1): DESCRIPTION, OPTIONS; complaints-list(1)).
. "$(dirname "$0")/lib.sh"

# The number of events in the history of case $1.
nevents() {
	cpl show "$1" --format json >events.json &&
	jq '.history | length' events.json
}

# changed REF BEFORE ACTION OFFICER [DETAIL]: case REF has exactly one event
# more than BEFORE, and the last one is ACTION by OFFICER (with DETAIL).
# Leaves the case's JSON in case.json.
changed() {
	cpl show "$1" --format json >case.json &&
	jq -r '"events \(.history | length)",
	    (.history[-1] | "action \(.action)", "officer \(.officer)",
	    "detail \(.detail)")' case.json >changed.got &&
	printf "events %s\naction %s\nofficer %s\n" "$(($2 + 1))" "$3" "$4" \
	    >changed.want &&
	{ [ $# -lt 5 ] || printf "detail %s\n" "$5" >>changed.want; } &&
	head -n "$(wc -l <changed.want)" changed.got >changed.cut &&
	test_cmp changed.want changed.cut
}

# The complaint whose life the first tests follow, logged by alice on
# Monday 2 March 2026.
r1=SSC-2026-00001

# life STEP: a store of this test's own, and r1 taken through its life up
# to STEP.
life() {
	story_to "$1" && fresh_store south-staffordshire &&
	step logged cpl --officer alice log --complainant "A Resident" \
	    --service Waste --channel email --summary "Missed bin" \
	    --received 2026-03-02 &&
	step ack env COMPLAINTS_OFFICER=carol "$COMPLAINTS" ack "$r1" \
	    --date 2026-03-04 &&
	step extend cpl extend "$r1" --days 3 --told --reason "Awaiting CCTV" \
	    --date 2026-03-05 --officer bob &&
	step respond cpl respond "$r1" --outcome partly-upheld --remedy Apology \
	    --learning "Crews to report blocked access" \
	    --remedy "Bins collected 2026-03-09" --date 2026-03-10 &&
	step assign cpl --officer boss assign "$r1" --to dave --date 2026-03-11 &&
	step note cpl note "$r1" Phoned the  complainant: "bin collected" \
	    --date 2026-03-12 &&
	step escalate cpl escalate "$r1" --reason "Still missed" \
	    --date 2026-03-13 &&
	step close cpl close "$r1" --reason resolved --date 2026-03-20 &&
	story_end
}

test_on 'fresh_store south-staffordshire' 'a complaint logged by alice on Monday 2 March 2026: one event, hers' '
	test "$(cpl --officer alice log --complainant "A Resident" \
	    --service Waste --channel email --summary "Missed bin" \
	    --received 2026-03-02)" = "$r1" &&
	changed "$r1" 0 logged alice &&
	json_is case.json ".stages[0].officer=alice" .officer=alice \
	    ".stages[0].ack_due=2026-03-09" \
	    ".stages[0].response_due=2026-03-16"
'

# Every command that records an action takes --date (complaints(1),
# DESCRIPTION); for log it is the day received (complaints-log(1),
# --received; Mon 2 Mar: ack due Mon 9, response Mon 16).
test_on 'fresh_store south-staffordshire' 'log --date is the day received; with a different --received, bad input (2)' '
	r=$(cpl log --complainant "B Resident" --summary "Fly tipping" --date 2026-03-02) &&
	cpl show "$r" --format json >d.json &&
	json_is d.json .received=2026-03-02 \
	    ".stages[0].response_due=2026-03-16" &&
	refused 2 "--date and --received name different days" \
	    cpl log --complainant C --summary s --date 2026-03-02 --received 2026-03-03
'

test_on 'life logged' 'ack: one event, by the officer of COMPLAINTS_OFFICER' '
	n=$(nevents "$r1") &&
	env COMPLAINTS_OFFICER=carol "$COMPLAINTS" ack "$r1" --date 2026-03-04 &&
	changed "$r1" "$n" acknowledged carol &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-03-04
'

test_on 'life ack' 'ack twice is refused (1), nothing changed' '
	refused 1 acknowledged cpl ack "$r1" --date 2026-03-05
'

test_on 'life ack' 'escalate before the stage 1 response is refused (1)' '
	refused 1 "answered" cpl escalate "$r1" --reason "No reply" \
	    --date 2026-03-05
'

test_on 'life ack' 'extend before the response: one event, by --officer' '
	n=$(nevents "$r1") &&
	cpl extend "$r1" --days 3 --told --reason "Awaiting CCTV" --date 2026-03-05 \
	    --officer bob &&
	changed "$r1" "$n" extended bob &&
	json_is case.json ".stages[0].response_due=2026-03-19" \
	    ".stages[0].extensions[0].days=3" \
	    ".stages[0].extensions[0].reason=Awaiting CCTV"
'

test_on 'life extend' 'respond --remedy twice, --learning once: both remedies, one lesson' '
	n=$(nevents "$r1") &&
	cpl respond "$r1" --outcome partly-upheld --remedy Apology \
	    --learning "Crews to report blocked access" \
	    --remedy "Bins collected 2026-03-09" --date 2026-03-10 &&
	changed "$r1" "$n" responded tester &&
	json_is case.json ".stages[0].remedies=[\"Apology\", \"Bins collected 2026-03-09\"]" \
	    ".stages[0].learning=[\"Crews to report blocked access\"]" \
	    ".stages[0].outcome=partly-upheld" \
	    ".stages[0].responded=2026-03-10"
'

test_on 'life respond' 'respond twice is refused (1), nothing changed' '
	refused 1 answered cpl respond "$r1" --outcome upheld --date 2026-03-11
'

test_on 'life respond' 'extend after the response is refused (1), nothing changed' '
	refused 1 answered cpl extend "$r1" --days 2 --told --reason late \
	    --date 2026-03-11
'

test_on 'life respond' 'assign --to: the stage and the case get the officer; one "assigned" event' '
	n=$(nevents "$r1") &&
	cpl --officer boss assign "$r1" --to dave --date 2026-03-11 &&
	changed "$r1" "$n" assigned boss &&
	json_is case.json ".stages[0].officer=dave" .officer=dave \
	    ".history[$n].detail=dave"
'

test_on 'life assign' 'note REF words...: one "note" event, the words joined' '
	n=$(nevents "$r1") &&
	cpl note "$r1" Phoned the  complainant: "bin collected" --date 2026-03-12 &&
	changed "$r1" "$n" note tester "Phoned the complainant: bin collected" &&
	test "$(jfield .history[$n].date <case.json)" = 2026-03-12
'

test_on 'life note' 'escalate after the response opens stage 2: one event' '
	n=$(nevents "$r1") &&
	cpl escalate "$r1" --reason "Still missed" --date 2026-03-13 &&
	changed "$r1" "$n" escalated tester &&
	json_is case.json .stage=2 ".stages[1].stage=2" \
	    ".stages[1].opened=2026-03-13" \
	    ".stages[1].escalation_reason=Still missed" \
	    ".stages[0].officer=dave"
'

test_on 'life escalate' 'close: one event; the case is closed' '
	n=$(nevents "$r1") &&
	cpl close "$r1" --reason resolved --date 2026-03-20 &&
	changed "$r1" "$n" closed tester &&
	json_is case.json .status=closed .closed=2026-03-20 \
	    .close_reason=resolved
'

test_on 'life close' 'on a closed case ack, respond, escalate, assign, extend, close are refused (1)' '
	refused_when_closed "$r1" 2026-03-23
'

test_on 'life close' 'note still works on a closed case' '
	n=$(nevents "$r1") &&
	cpl note "$r1" "Complainant thanked us" --date 2026-03-24 &&
	changed "$r1" "$n" note tester "Complainant thanked us" &&
	test "$(jfield .status <case.json)" = closed
'

# A comment, a compliment and a service request, logged in this test's
# store: their references in rc, rp and rs.
log_kinds() {
	rc=$(cpl log --complainant B --kind comment --summary "Nice park" \
	    --received 2026-03-02) &&
	rp=$(cpl log --anonymous --kind compliment --summary "Great crew" \
	    --received 2026-03-02) &&
	rs=$(cpl log --complainant C --kind service-request --summary "Bulky item" \
	    --received 2026-03-02)
}

test_on 'fresh_store south-staffordshire' 'comments, compliments and service requests can be logged' '
	log_kinds &&
	for r in "$rc" "$rp" "$rs"; do
		cpl show "$r" --format json || return 1
	done >cases.json &&
	jq -r .kind cases.json >kinds &&
	printf "%s\n" comment compliment service-request >expect &&
	test_cmp expect kinds
'

test_on 'fresh_store south-staffordshire' 'escalate is refused (1) on a comment, a compliment, a service request' '
	log_kinds &&
	refused 1 comment cpl escalate "$rc" --reason r --date 2026-03-20 &&
	refused 1 compliment cpl escalate "$rp" --reason r --date 2026-03-20 &&
	refused 1 "is a service request" cpl escalate "$rs" --reason r --date 2026-03-20
'

test_on 'fresh_store south-staffordshire' 'a duplicate --external-ref is refused (1), nothing changed' '
	re=$(cpl log --complainant D --summary "Web form" --external-ref WEB-88123 \
	    --received 2026-03-03) &&
	refused 1 WEB-88123 cpl log --complainant D --summary "Web form again" \
	    --external-ref WEB-88123 --received 2026-03-03 &&
	cpl export --format jsonl >cases.jsonl &&
	test "$(jq -r "select(.external_ref == \"WEB-88123\") | .ref" cases.jsonl)" = "$re"
'

test_on 'fresh_store south-staffordshire' 'log --summary - reads the summary from stdin; without it stdin is left alone' '
	rb=$(printf "Bin missed\n" | cpl log --complainant E --summary - \
	    --received 2026-04-01) &&
	rm2=$(printf "Line one\nLine two\n\n" | cpl log --complainant E \
	    --summary - --received 2026-04-01) &&
	rs2=$(printf "from stdin\n" | cpl log --complainant E --summary "from flag" \
	    --received 2026-04-01) &&
	rn=$(printf "not a summary\n" | cpl log --complainant E \
	    --received 2026-04-01) &&
	for r in "$rb" "$rm2" "$rs2" "$rn"; do
		cpl show "$r" --format json || return 1
	done >cases.json &&
	jq -c .summary cases.json >summaries &&
	printf "%s\n" "\"Bin missed\"" "\"Line one\\nLine two\"" \
	    "\"from flag\"" null >expect &&
	test_cmp expect summaries
'

test_on 'life logged' 'global options work before and after the command' '
	cpl --format json show "$r1" >before.json &&
	cpl show "$r1" --format json >after.json &&
	test_cmp before.json after.json &&
	jq -e .ref before.json >/dev/null &&
	cpl --format csv list >b.csv && cpl list --format csv >a.csv &&
	test_cmp b.csv a.csv &&
	n=$(nevents "$r1") &&
	cpl --officer early note "$r1" first &&
	changed "$r1" "$n" note early first &&
	cpl note "$r1" second --officer late &&
	changed "$r1" "$((n + 1))" note late second
'

test_on 'fresh_store south-staffordshire' '--db before or after the command chooses the file' '
	cpl --db other.db init &&
	test -f other.db && test "$(stat -c %a other.db)" = 600 &&
	cpl init --db third.db --policy psps &&
	test -f third.db &&
	test "$(cpl log --db third.db --anonymous --summary s --received 2026-01-05)" = \
	    PSPS-2026-00001 &&
	cpl --db other.db list --format csv >other.csv &&
	test "$(wc -l <other.csv)" = 1
'

# list, on a database of its own: four cases, in the order received.
#   SSC-2026-00001  complaint  Waste      2026-01-05  stage 2, given to bob
#   SSC-2026-00002  comment    Housing    2026-02-02  closed, tester
#   PSPS-2026-00001 complaint  Parks      2026-03-02  psps, tester
#   SSC-2026-00003  complaint  Libraries  2026-04-01  logged by alice
four_cases() {
	test_dir &&
	cpl --db list.db init --policy south-staffordshire &&
	cpl --db list.db log --complainant A --service Waste --summary s \
	    --received 2026-01-05 >/dev/null &&
	cpl --db list.db respond SSC-2026-00001 --outcome not-upheld \
	    --date 2026-01-12 &&
	cpl --db list.db escalate SSC-2026-00001 --reason r --date 2026-01-14 &&
	cpl --db list.db assign SSC-2026-00001 --to bob --date 2026-01-14 &&
	cpl --db list.db log --complainant B --kind comment --service Housing \
	    --summary s --received 2026-02-02 >/dev/null &&
	cpl --db list.db close SSC-2026-00002 --reason no-further-action \
	    --date 2026-02-03 &&
	cpl --db list.db log --complainant C --policy psps --service Parks \
	    --summary s --received 2026-03-02 >/dev/null &&
	cpl --db list.db --officer alice log --complainant D --service Libraries \
	    --summary s --received 2026-04-01 >/dev/null
}

# The references list prints (as CSV), for these filters, on one line,
# in the order received.
refs() {
	cpl --db list.db list --sort received --format csv "$@" >list.csv ||
	    return 1
	tail -n +2 list.csv | cut -d, -f1 | tr "\n" " " | sed "s/ \$//"
}

test_on four_cases 'list: four cases, in the order received' '
	test "$(refs)" = "SSC-2026-00001 SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003"
'

test_on four_cases 'list --status open / closed' '
	test "$(refs --status open)" = "SSC-2026-00001 PSPS-2026-00001 SSC-2026-00003" &&
	test "$(refs --status closed)" = "SSC-2026-00002"
'

test_on four_cases 'list --stage' '
	test "$(refs --stage 2)" = "SSC-2026-00001" &&
	test "$(refs --stage 1)" = "SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003"
'

test_on four_cases 'list --kind' '
	test "$(refs --kind comment)" = "SSC-2026-00002" &&
	test "$(refs --kind complaint)" = "SSC-2026-00001 PSPS-2026-00001 SSC-2026-00003"
'

test_on four_cases 'list --policy' '
	test "$(refs --policy psps)" = "PSPS-2026-00001" &&
	test "$(refs --policy south-staffordshire)" = \
	    "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003"
'

test_on four_cases 'list --service' '
	test "$(refs --service Parks)" = "PSPS-2026-00001" &&
	test "$(refs --service Waste)" = "SSC-2026-00001"
'

# As the reports group them and the stage 2 rule tells officers apart
# (name_key): whatever the case of letters and the spaces.
test_expect_success 'list --service and --officer: whatever the case of letters and the spaces' '
	test_dir &&
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

test_on four_cases 'list --officer filters by the current stage officer' '
	test "$(refs --officer bob)" = "SSC-2026-00001" &&
	test "$(refs --officer alice)" = "SSC-2026-00003" &&
	test "$(refs --officer tester)" = "SSC-2026-00002 PSPS-2026-00001" &&
	test "$(refs --officer nobody)" = "" &&
	cpl --officer bob --db list.db list --format csv >list.csv &&
	test "$(tail -n +2 list.csv | cut -d, -f1)" = SSC-2026-00001
'

test_on four_cases 'list: COMPLAINTS_OFFICER alone does not filter' '
	env COMPLAINTS_OFFICER=bob "$COMPLAINTS" --db list.db list --format csv \
	    >list.csv &&
	test "$(tail -n +2 list.csv | wc -l)" = 4
'

test_on four_cases 'list --from / --to, on the day received, inclusive' '
	test "$(refs --from 2026-02-02)" = "SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003" &&
	test "$(refs --to 2026-02-02)" = "SSC-2026-00001 SSC-2026-00002" &&
	test "$(refs --from 2026-02-01 --to 2026-03-31)" = \
	    "SSC-2026-00002 PSPS-2026-00001" &&
	test "$(refs --status open --officer tester --from 2026-01-01)" = \
	    "PSPS-2026-00001"
'

test_on four_cases 'list --format csv: the header' '
	cpl --db list.db list --format csv >list.csv &&
	test "$(head -n 1 list.csv)" = \
	    "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	test "$(wc -l <list.csv)" = 5 &&
	grep -q "^SSC-2026-00001,south-staffordshire,complaint,open,2,2026-01-05,.*,bob,Waste\$" \
	    list.csv
'

test_on four_cases 'list --format json: an array of the cases' '
	cpl --db list.db list --sort received --format json >list.json &&
	json_is list.json type=array \
	    "[.[].ref] | join(\" \")=SSC-2026-00001 SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003" \
	    ".[0].officer=bob" ".[0].stage=2" ".[1].status=closed"
'

test_on four_cases 'list with no matching case: table prints nothing, csv the header, json []' '
	cpl --db list.db list --kind compliment >out 2>err &&
	test ! -s out && test ! -s err &&
	cpl --db list.db list --kind compliment --format csv >out &&
	test "$(cat out)" = \
	    "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	cpl --db list.db list --kind compliment --format json >out &&
	json_is out type=array ".=[]"
'

test_on four_cases 'list in table format: a header and a line a case' '
	cpl --db list.db list --status open >out &&
	test "$(wc -l <out)" = 4 &&
	head -n 1 out | grep -q "^ref  *status  *next action  *due" &&
	grep -q "^PSPS-2026-00001 " out
'

test_on 'fresh_store south-staffordshire' 'show in table format: the deadlines and a History section' '
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
	test_dir &&
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
	test_dir &&
	test_must_fail 2 cpl >out 2>err &&
	test ! -s out && test -s err
'

test_expect_success 'an unknown command: exit 2, naming it' '
	test_dir &&
	test_must_fail 2 cpl frobnicate >out 2>err &&
	test ! -s out &&
	grep -q frobnicate err
'

test_done
