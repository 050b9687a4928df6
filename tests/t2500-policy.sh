#!/bin/sh
# t2500-policy.sh: complaints policy list|show|check (issue 3, "policies as
# data people can read and check"). A broken policy file gets
# FILE:LINE:COLUMN: message and exit 4, and no command runs on it; show
# gives each seed's rules in words with their citations.
. "$(dirname "$0")/lib.sh"

P="$SRCDIR/policies"

# A copy of the shipped policies, to break one at a time.
mkdir pol && cp -R "$P"/. pol/

# check_fails FILE LINE:COLUMN TEXT: policy check FILE exits 4 with one
# line on stderr "complaints: FILE:LINE:COLUMN: ..." holding TEXT, and
# prints nothing on stdout.
check_fails() {
	test_must_fail 4 cpl policy check "$1" >out 2>err &&
	one_line_error err "$3" &&
	grep -q "^complaints: $1:$2: " err &&
	test ! -s out
}

test_expect_success 'policy check: each shipped policy is valid, with its stages and calendar' '
	for id in psps south-staffordshire corporate-procedure southampton \
	    buckinghamshire; do
		cpl policy check "$P/$id.yaml" >out 2>err &&
		test ! -s err &&
		grep -q "^$P/$id.yaml: policy .$id. is valid: 2 stages, calendar .england-and-wales. (2018-2030)\$" out ||
		return 1
	done
'

# The broken files: each is a shipped policy with one thing changed; the
# line and column are counted in the file (1-based), by hand.
test_expect_success 'policy check: bad YAML (a bracket never closed) names both places' '
	printf "id: x\nname: [unclosed\n" >bad-yaml.yaml &&
	# the parser finds the end of the file at 3:1; the bracket is at 2:7
	check_fails bad-yaml.yaml 3:1 "begun at 2:7"
'

test_expect_success 'policy check: an unknown key is named where it is' '
	sed "s/^    handler:\$/    handlr:/" pol/psps.yaml >unknown.yaml &&
	line=$(grep -n "^    handlr:" unknown.yaml | cut -d: -f1) &&
	check_fails unknown.yaml "$line:5" "handlr"
'

test_expect_success 'policy check: a timescale without its days' '
	# psps stage 1 acknowledge: drop the "days: 5" line under it
	awk "/^    acknowledge:/ { ack = 1 } ack && /^      days: 5/ { ack = 0; next } { print }" \
	    pol/psps.yaml >nodays.yaml &&
	line=$(grep -n "^      from: received" nodays.yaml | head -1 | cut -d: -f1) &&
	# the fault is the acknowledge mapping, which starts at its first key
	check_fails nodays.yaml "$line:7" "days"
'

test_expect_success 'policy check: a stage without a response timescale (issue 3: missing timescales)' '
	# psps stage 1 without its respond block (the extension stays)
	awk "/^    respond:/ && !done { skip = 1; done = 1; next }
	    skip && /^    [a-z]/ { skip = 0 } !skip { print }" \
	    pol/psps.yaml >norespond.yaml &&
	line=$(grep -n "^  - stage: 1" norespond.yaml | cut -d: -f1) &&
	check_fails norespond.yaml "$line:5" "a stage has no .respond."
'

# An older complaints stored policy texts with cases without asking every
# stage for a response timescale: those cases stay readable.
test_expect_success 'a stored policy text with a stage without respond still reads' '
	rm -f old.db* && cpl --db old.db init --policy psps &&
	r=$(cpl --db old.db log --complainant A --summary s --received 2026-03-02) &&
	python3 -c "
import re, sqlite3
c = sqlite3.connect(\"old.db\")
body = c.execute(\"SELECT body FROM policy_versions\").fetchone()[0]
# stage 2 without its respond block
head, sep, tail = body.partition(\"  - stage: 2\")
tail = re.sub(r\"\\n    respond:\\n(      .*\\n)+\", \"\\n\", tail, count=1)
assert \"respond:\" not in tail
c.execute(\"UPDATE policy_versions SET body = ?\", (head + sep + tail,))
c.commit()
" &&
	cpl --db old.db show "$r" >/dev/null &&
	cpl --db old.db note "$r" "still readable" --date 2026-03-03
'

test_expect_success 'policy check: negative days, at the number' '
	sed "0,/days: 10/s//days: -10/" pol/psps.yaml >negative.yaml &&
	line=$(grep -n "days: -10" negative.yaml | cut -d: -f1) &&
	check_fails negative.yaml "$line:13" "not -10"
'

test_expect_success 'policy check: a wrong type (months in words)' '
	sed "s/^  months: 12\$/  months: twelve/" pol/psps.yaml >type.yaml &&
	line=$(grep -n "months: twelve" type.yaml | cut -d: -f1) &&
	check_fails type.yaml "$line:11" "twelve"
'

test_expect_success 'policy check: an exclusion listed twice' '
	sed "s/category: contractual-matter/category: partner-service/" \
	    pol/psps.yaml >twice.yaml &&
	line=$(grep -n "category: partner-service" twice.yaml | sed -n 2p | cut -d: -f1) &&
	check_fails twice.yaml "$line:15" "listed twice"
'

test_expect_success 'policy check: a calendar that does not exist is named' '
	sed "s/^calendar: england-and-wales/calendar: scotland/" pol/psps.yaml \
	    >scot.yaml &&
	test_must_fail 4 cpl policy check scot.yaml >out 2>err &&
	one_line_error err "scot.yaml:[0-9]*:11: can.t read calendar .*calendars/scotland.yaml" &&
	test ! -s out
'

test_expect_success 'policy check: a closure day outside the calendar years' '
	sed "s/^calendar: england-and-wales/calendar: england-and-wales\nclosure_days: [2035-12-24]/" \
	    pol/psps.yaml >closure.yaml &&
	test_must_fail 4 cpl policy check closure.yaml >out 2>err &&
	one_line_error err "closure day 2035-12-24 is outside calendar .england-and-wales. (2018-2030)"
'

test_expect_success 'policy check: a file that is not there' '
	test_must_fail 4 cpl policy check nowhere.yaml >out 2>err &&
	one_line_error err "can.t read .nowhere.yaml.: No such file"
'

test_expect_success 'policy check: a valid file under another name is valid, with a warning' '
	cp "$P/psps.yaml" draft.yaml &&
	cpl policy check draft.yaml >out 2>err &&
	grep -q "^draft.yaml: policy .psps. is valid" out &&
	one_line_error err "only as .psps.yaml."
'

test_expect_success 'complaints-policy(5): the worked example is a valid policy' '
	python3 - "$SRCDIR/man/complaints-policy.5" >example.yaml <<-PY &&
	import sys
	s = open(sys.argv[1]).read()
	ex = s[s.index(".Sh EXAMPLES"):]
	start = ex.index(".Bd -literal -offset indent\n") + len(".Bd -literal -offset indent\n")
	body = ex[start:ex.index(".Ed")]
	for a, b in (("\\\\(sc", "§"), ("\\\\e", "\\\\"), ("\\\\-", "-"), ("\\\\&", "")):
	    body = body.replace(a, b)
	sys.stdout.write(body)
	PY
	cpl policy check example.yaml >out &&
	grep -q "policy .example. is valid: 2 stages" out
'

test_expect_success 'no command runs on a broken policy: log and ack exit 4, nothing changed' '
	cpl --policies pol init --policy psps &&
	ref=$(cpl --policies pol log --complainant A --summary s \
	    --received 2026-03-02) &&
	sed "0,/days: 10/s//days: -10/" pol/psps.yaml >broken &&
	cp pol/psps.yaml good && mv broken pol/psps.yaml &&
	line=$(grep -n "days: -10" pol/psps.yaml | cut -d: -f1) &&
	refused 4 "pol/psps.yaml:$line:13: " cpl --policies pol log \
	    --complainant B --summary s --received 2026-03-03 &&
	refused 4 "pol/psps.yaml:$line:13: " cpl --policies pol ack "$ref" \
	    --date 2026-03-03 &&
	mv good pol/psps.yaml &&
	cpl --policies pol ack "$ref" --date 2026-03-03
'

test_expect_success 'policy list: every shipped policy, as CSV' '
	cpl policy list --format csv >list.csv &&
	head -1 list.csv >head &&
	echo "id,name,version,seed,calendar,stages" >expect &&
	test_cmp expect head &&
	cut -d, -f1 list.csv | sed 1d >ids &&
	printf "%s\n" buckinghamshire corporate-procedure psps \
	    south-staffordshire southampton >expect &&
	test_cmp expect ids &&
	grep -q "^psps,.*,000_69d45bbc20f1a246.txt,england-and-wales,2\$" list.csv
'

test_expect_success 'policy list --format json: one object a policy' '
	cpl policy list --format json >list.json &&
	python3 -c "
import json, sys
v = json.load(open(\"list.json\"))
assert [p[\"id\"] for p in v] == [\"buckinghamshire\", \"corporate-procedure\", \"psps\", \"south-staffordshire\", \"southampton\"], v
assert all(p[\"stages\"] == 2 for p in v)
"
'

test_expect_success 'policy list: a broken file is named, the rest listed, exit 4' '
	mkdir mixed && cp -R "$P"/. mixed/ &&
	printf "id: broken\nname: [\n" >mixed/broken.yaml &&
	test_must_fail 4 cpl --policies mixed policy list --format csv >out 2>err &&
	grep -q "^complaints: mixed/broken.yaml:3:1: " err &&
	grep -q "1 of the 6 policy files" err &&
	test "$(sed 1d out | wc -l)" = 5
'

# show: the rules each seed's SPEC section 5 column gives, in words, each
# with its citation. Expected phrases come from SPEC section 5 (not from
# the program): "5 wd from received", "10 wd from acknowledged", ...
show_json() {
	cpl policy show "$1" --format json >"$1.json"
}
# has ID TOPIC WORDS SEED: a rule of TOPIC matching WORDS (a Python
# regular expression), citing SEED (unless empty).
has() {
	python3 - "$1.json" "$2" "$3" "$4" <<-PY
	import json, re, sys
	rules = json.load(open(sys.argv[1]))
	topic, words, seed = sys.argv[2:5]
	hits = [r for r in rules if r["topic"] == topic and re.search(words, r["rule"])]
	if not hits:
	    sys.exit("no %s rule with %r: %r" % (topic, words, [r["rule"] for r in rules if r["topic"] == topic]))
	if seed and not any(r["source"] and seed in r["source"] for r in hits):
	    sys.exit("rule %r does not cite %s" % (words, seed))
	PY
}

test_expect_success 'policy show psps: the timescales of seed 000 with their citations' '
	show_json psps &&
	has psps "stage 1" "acknowledge within 5 working days of the day the complaint is received" "seed 000" &&
	has psps "stage 1" "respond within 10 working days of the stage.s acknowledgement" "seed 000" &&
	has psps "stage 1" "at most 10 working days in all" "seed 000" &&
	has psps "stage 2" "at most 20 working days in all" "seed 000" &&
	has psps "stage 2" "respond within 20 working days of the stage.s acknowledgement" "seed 000" &&
	has psps "stage 2" "someone other than" "seed 000" &&
	has psps "anonymous" "anonymous complaints are accepted" "seed 000" &&
	has psps "ombudsman" "Local Government and Social Care Ombudsman" "seed 000"
'

test_expect_success 'policy show south-staffordshire: the 20 wd request window (seed 001 §5)' '
	show_json south-staffordshire &&
	has south-staffordshire "stage 2" "within 20 working days of the stage 1 response" "seed 001 §5" &&
	has south-staffordshire "stage 1" "respond within 10 working days of the day the complaint is received" "seed 001" &&
	has south-staffordshire "stage 2" "written reasons are not required" "seed 001"
'

test_expect_success 'policy show corporate-procedure: 2 wd acknowledgements, 24 hours informal (seed 002)' '
	show_json corporate-procedure &&
	has corporate-procedure "stage 1" "acknowledge within 2 working days" "seed 002 §7" &&
	has corporate-procedure "stage 2" "acknowledge within 2 working days" "seed 002 §7" &&
	has corporate-procedure "informal resolution" "24 hours" "seed 002 §6" &&
	has corporate-procedure "restrictions" "may be restricted" "seed 002 §14" &&
	has corporate-procedure "stage 2" "written reasons are required" "seed 002"
'

test_expect_success 'policy show southampton: no anonymous complaints, consent, 30 wd in all (seed 003)' '
	show_json southampton &&
	has southampton "anonymous" "anonymous complaints are refused" "seed 003 §15" &&
	has southampton "anonymous" "except in category .safeguarding." "seed 003 §15" &&
	has southampton "representative" "written consent" "seed 003 §13" &&
	has southampton "stage 1" "no acknowledgement timescale" "" &&
	# 20 wd + a cap of 10 = "up to 30 working days in all"
	has southampton "stage 2" "respond within 20 working days" "seed 003 §4" &&
	has southampton "stage 2" "at most 10 working days in all" "seed 003 §4" &&
	has southampton "exclusion" ".school. is outside the procedure: each school has its own complaints process" "seed 003 §12"
'

test_expect_success 'policy show buckinghamshire: 12 weeks overall, target 10 of 20 wd (seed 004)' '
	show_json buckinghamshire &&
	has buckinghamshire "overall clock" "within 12 weeks of receipt" "seed 004" &&
	has buckinghamshire "anonymous" "logged as service requests" "seed 004" &&
	has buckinghamshire "stage 1" "respond within 20 working days" "seed 004" &&
	has buckinghamshire "stage 1" "aim to respond within 10 working days" "seed 004" &&
	has buckinghamshire "stage 1" "acknowledge within 3 working days" "seed 004"
'

# Every rule cites the seed; only the headings (the policy's name, version
# and references, the calendar, a stage's name) and the rules a seed does
# not make ("no acknowledgement timescale") have no citation.
test_expect_success 'policy show: every rule cites a seed section' '
	for id in psps south-staffordshire corporate-procedure southampton \
	    buckinghamshire; do
		show_json $id &&
		python3 - "$id.json" <<-PY || return 1
		import json, re, sys
		rules = json.load(open(sys.argv[1]))
		names = {r["topic"]: r["rule"] for r in rules[::-1]}
		for r in rules:
		    if r["source"]:
		        assert r["source"].startswith("seed 00"), r
		        continue
		    heading = r["topic"] in ("policy", "calendar") or \
		        (r["topic"].startswith("stage ") and r["rule"] == names[r["topic"]])
		    absent = re.match(r"no (acknowledgement|response) timescale", r["rule"])
		    assert heading or absent, r
		PY
	done
'

test_expect_success 'policy show (table): headed sections, citations in brackets' '
	cpl policy show psps >show.txt &&
	grep -q "^TIME LIMIT\$" show.txt &&
	grep -q "^STAGE 2\$" show.txt &&
	grep -q "^      \[seed 000 " show.txt &&
	test "$(awk "length > 80" show.txt | wc -l)" = 0
'

test_expect_success 'policy show and policy: usage errors' '
	test_must_fail 2 cpl policy show nosuch >out 2>err &&
	one_line_error err "no policy .nosuch." &&
	test_must_fail 2 cpl policy >out 2>err &&
	one_line_error err "list, show or check" &&
	test_must_fail 2 cpl policy frob >out 2>err &&
	one_line_error err "frob"
'

test_done
