#!/bin/sh
# t2500-policy.sh: complaints policy list|show|check: policies as data
# that people can read and check. A broken policy file gets
# FILE:LINE:COLUMN: message and exit 4, and no command runs on it; show
# gives each seed's rules in words with their citations.
. "$(dirname "$0")/lib.sh"

P="$SRCDIR/policies"

# A copy of the shipped policies in pol/, in this test's own directory, to
# break one of them.
own_policies() {
	test_dir && mkdir pol && cp -R "$P"/. pol/
}

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
	test_dir &&
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
	test_dir &&
	printf "id: x\nname: [unclosed\n" >bad-yaml.yaml &&
	# the parser finds the end of the file at 3:1; the bracket is at 2:7
	check_fails bad-yaml.yaml 3:1 "begun at 2:7"
'

test_expect_success 'policy check: an unknown key is named where it is' '
	test_dir &&
	sed "s/^    handler:\$/    handlr:/" "$P/psps.yaml" >unknown.yaml &&
	line=$(grep -n "^    handlr:" unknown.yaml | cut -d: -f1) &&
	check_fails unknown.yaml "$line:5" "handlr"
'

test_expect_success 'policy check: a timescale without its days' '
	test_dir &&
	# psps stage 1 acknowledge: drop the "days: 5" line under it
	awk "/^    acknowledge:/ { ack = 1 } ack && /^      days: 5/ { ack = 0; next } { print }" \
	    "$P/psps.yaml" >nodays.yaml &&
	line=$(grep -n "^      from: received" nodays.yaml | head -1 | cut -d: -f1) &&
	# the fault is the acknowledge mapping, which starts at its first key
	check_fails nodays.yaml "$line:7" "days"
'

test_expect_success 'policy check: a stage without a response timescale (issue 3: missing timescales)' '
	test_dir &&
	# psps stage 1 without its respond block (the extension stays)
	awk "/^    respond:/ && !done { skip = 1; done = 1; next }
	    skip && /^    [a-z]/ { skip = 0 } !skip { print }" \
	    "$P/psps.yaml" >norespond.yaml &&
	line=$(grep -n "^  - stage: 1" norespond.yaml | cut -d: -f1) &&
	check_fails norespond.yaml "$line:5" "a stage has no .respond."
'

# A policy text on standard input, with stage 2's respond block left out.
drop_stage2_respond() {
	awk 'stage2 && !done && $0 == "    respond:" { skip = 1; next }
	     skip && /^      / { next }
	     skip { skip = 0; done = 1 }
	     $0 == "  - stage: 2" { stage2 = 1 }
	     { print }'
}

# An older complaints stored policy texts with cases without asking every
# stage for a response timescale: those cases stay readable.
# SQLite-only: such a text is put in the store's table by hand.
test_expect_success 'a stored policy text with a stage without respond still reads' '
	test_dir &&
	cpl --db old.db init --policy psps &&
	r=$(cpl --db old.db log --complainant A --summary s --received 2026-03-02) &&
	sqlite3 old.db "SELECT writefile('\''body.yaml'\'', body) FROM policy_versions" >/dev/null &&
	drop_stage2_respond <body.yaml >old.yaml &&
	test_must_fail 1 cmp -s body.yaml old.yaml &&
	test "$(sed -n "/^  - stage: 2/,\$p" old.yaml | grep -c "respond:")" = 0 &&
	sqlite3 old.db "UPDATE policy_versions
	    SET body = CAST(readfile('\''old.yaml'\'') AS TEXT)" &&
	cpl --db old.db show "$r" >/dev/null &&
	cpl --db old.db note "$r" "still readable" --date 2026-03-03
'

test_expect_success 'policy check: negative days, at the number' '
	test_dir &&
	sed "0,/days: 10/s//days: -10/" "$P/psps.yaml" >negative.yaml &&
	line=$(grep -n "days: -10" negative.yaml | cut -d: -f1) &&
	check_fails negative.yaml "$line:13" "not -10"
'

test_expect_success 'policy check: a wrong type (months in words)' '
	test_dir &&
	sed "s/^  months: 12\$/  months: twelve/" "$P/psps.yaml" >type.yaml &&
	line=$(grep -n "months: twelve" type.yaml | cut -d: -f1) &&
	check_fails type.yaml "$line:11" "twelve"
'

test_expect_success 'policy check: an exclusion listed twice' '
	test_dir &&
	sed "s/category: contractual-matter/category: partner-service/" \
	    "$P/psps.yaml" >twice.yaml &&
	line=$(grep -n "category: partner-service" twice.yaml | sed -n 2p | cut -d: -f1) &&
	check_fails twice.yaml "$line:15" "listed twice"
'

test_expect_success 'policy check: a calendar that does not exist is named' '
	test_dir &&
	sed "s/^calendar: england-and-wales/calendar: wales/" "$P/psps.yaml" \
	    >scot.yaml &&
	test_must_fail 4 cpl policy check scot.yaml >out 2>err &&
	one_line_error err "scot.yaml:[0-9]*:11: can.t read calendar .*calendars/wales.yaml" &&
	test ! -s out
'

test_expect_success 'policy check: a closure day outside the calendar years' '
	test_dir &&
	sed "s/^calendar: england-and-wales/calendar: england-and-wales\nclosure_days: [2035-12-24]/" \
	    "$P/psps.yaml" >closure.yaml &&
	test_must_fail 4 cpl policy check closure.yaml >out 2>err &&
	one_line_error err "closure day 2035-12-24 is outside calendar .england-and-wales. (2018-2030)"
'

test_expect_success 'policy check: a file that is not there' '
	test_dir &&
	test_must_fail 4 cpl policy check nowhere.yaml >out 2>err &&
	one_line_error err "can.t read .nowhere.yaml.: No such file"
'

test_expect_success 'policy check: a valid file under another name is valid, with a warning' '
	test_dir &&
	cp "$P/psps.yaml" draft.yaml &&
	cpl policy check draft.yaml >out 2>err &&
	grep -q "^draft.yaml: policy .psps. is valid" out &&
	one_line_error err "only as .psps.yaml."
'

# The first literal display of the EXAMPLES section of mdoc page $1, as
# mandoc prints it (its escapes undone).
man_example() {
	awk '/^\.Sh EXAMPLES/ { ex = 1 }
	    ex && !on && $0 == ".Bd -literal -offset indent" { on = 1; next }
	    on && /^\.Ed/ { exit }
	    on {
		gsub(/\\\(sc/, "§"); gsub(/\\e/, "\\\\")
		gsub(/\\-/, "-"); gsub(/\\&/, ""); print
	    }' "$1"
}

test_expect_success 'complaints-policy(5): the worked example is a valid policy' '
	test_dir &&
	man_example "$SRCDIR/man/complaints-policy.5" >example.yaml &&
	test -s example.yaml &&
	cpl policy check example.yaml >out &&
	grep -q "policy .example. is valid: 2 stages" out
'

test_expect_success 'no command runs on a broken policy: log and ack exit 4, nothing changed' '
	own_policies &&
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
	test_dir &&
	cpl policy list --format csv >list.csv &&
	head -1 list.csv >head &&
	echo "id,name,version,seed,calendar,stages" >expect &&
	test_cmp expect head &&
	cut -d, -f1 list.csv | sed 1d >ids &&
	printf "%s\n" buckinghamshire complaint-handling-code \
	    corporate-procedure psps south-staffordshire southampton >expect &&
	test_cmp expect ids &&
	grep -q "^psps,.*,000_69d45bbc20f1a246.txt,england-and-wales,2\$" list.csv
'

test_expect_success 'policy list --format json: one object a policy' '
	test_dir &&
	cpl policy list --format json >list.json &&
	json_is list.json "[.[].id] | join(\" \")=buckinghamshire complaint-handling-code corporate-procedure psps south-staffordshire southampton" \
	    "map(.stages) | unique=[2]"
'

test_expect_success 'policy list: a broken file is named, the rest listed, exit 4' '
	test_dir &&
	mkdir mixed && cp -R "$P"/. mixed/ &&
	printf "id: broken\nname: [\n" >mixed/broken.yaml &&
	test_must_fail 4 cpl --policies mixed policy list --format csv >out 2>err &&
	grep -q "^complaints: mixed/broken.yaml:3:1: " err &&
	grep -q "1 of the 7 policy files" err &&
	test "$(sed 1d out | wc -l)" = 6
'

# show: the rules each seed sets, in words, each with its citation. The
# expected phrases are read from the seed documents (the section each
# line cites), not from the program: "5 wd from received", "10 wd from
# acknowledged", ...
#
# has_rules ID: policy show ID has, for each line "TOPIC | WORDS | SEED" on
# standard input, a rule of TOPIC matching WORDS (a regular expression)
# that cites SEED (no " | SEED": any citation or none). One jq reads them
# all and names each line that no rule matches.
has_rules() {
	cpl policy show "$1" --format json >"$1.json" &&
	sed -e "s/^[[:space:]]*//" >rules.want &&
	jq -r --rawfile want rules.want '
	    . as $rules |
	    $want | split("\n")[] | select(length > 0) |
	    split(" | ") as [$topic, $words, $seed] |
	    [$rules[] | select(.topic == $topic and (.rule | test($words)))] as $hits |
	    if ($hits | length) == 0 then
		"no \($topic) rule with \($words): \([$rules[] | select(.topic == $topic) | .rule])"
	    elif $seed != null and
		([$hits[] | select((.source // "") | contains($seed))] | length) == 0 then
		"rule \($words) does not cite \($seed)"
	    else empty end' "$1.json" >rules.missing &&
	{ test ! -s rules.missing || { cat rules.missing >&2; false; }; }
}

test_expect_success 'policy show psps: the timescales of seed 000 with their citations' '
	test_dir &&
	has_rules psps <<-EOF
	stage 1 | acknowledge within 5 working days of the day the complaint is received | seed 000
	stage 1 | respond within 10 working days of the stage.s acknowledgement | seed 000
	stage 1 | at most 10 working days in all | seed 000
	stage 2 | at most 20 working days in all | seed 000
	stage 2 | respond within 20 working days of the stage.s acknowledgement | seed 000
	stage 2 | someone other than | seed 000
	anonymous | anonymous complaints are accepted | seed 000
	ombudsman | Local Government and Social Care Ombudsman | seed 000
	EOF
'

test_expect_success 'policy show south-staffordshire: the 20 wd request window (seed 001 §5)' '
	test_dir &&
	has_rules south-staffordshire <<-EOF
	stage 2 | within 20 working days of the stage 1 response | seed 001 §5
	stage 1 | respond within 10 working days of the day the complaint is received | seed 001
	stage 2 | written reasons are not required | seed 001
	EOF
'

test_expect_success 'policy show corporate-procedure: 2 wd acknowledgements, 24 hours informal (seed 002)' '
	test_dir &&
	has_rules corporate-procedure <<-EOF
	stage 1 | acknowledge within 2 working days | seed 002 §7
	stage 2 | acknowledge within 2 working days | seed 002 §7
	informal resolution | 24 hours | seed 002 §6
	restrictions | may be restricted | seed 002 §14
	stage 2 | written reasons are required | seed 002
	EOF
'

# Southampton's stage 2: 20 wd + a cap of 10 = "up to 30 working days in
# all".
test_expect_success 'policy show southampton: no anonymous complaints, consent, 30 wd in all (seed 003)' '
	test_dir &&
	has_rules southampton <<-EOF
	anonymous | anonymous complaints are refused | seed 003 §15
	anonymous | except in category .safeguarding. | seed 003 §15
	representative | written consent | seed 003 §13
	stage 1 | no acknowledgement timescale
	stage 2 | respond within 20 working days | seed 003 §4
	stage 2 | at most 10 working days in all | seed 003 §4
	exclusion | .school. is outside the procedure: each school has its own complaints process | seed 003 §12
	EOF
'

test_expect_success 'policy show buckinghamshire: 12 weeks overall, target 10 of 20 wd (seed 004)' '
	test_dir &&
	has_rules buckinghamshire <<-EOF
	overall clock | within 12 weeks of receipt | seed 004
	anonymous | logged as service requests | seed 004
	stage 1 | respond within 20 working days | seed 004
	stage 1 | aim to respond within 10 working days | seed 004
	stage 1 | acknowledge within 3 working days | seed 004
	EOF
'

# Every rule cites the seed; only the headings (the policy's name, version
# and references, the calendar, a stage's name: the first rule of its
# topic) and the rules a seed does not make ("no acknowledgement
# timescale") have no citation. uncited_rules prints the rules of file $1
# that break this, one a line.
uncited_rules() {
	jq -c '
	    (reduce .[] as $r ({}; if has($r.topic) then . else .[$r.topic] = $r.rule end)) as $first |
	    .[] | select(
		if (.source // "") != "" then (.source | startswith("seed 00") | not)
		else ((.topic == "policy" or .topic == "calendar" or
		    ((.topic | startswith("stage ")) and .rule == $first[.topic])) or
		    (.rule | test("^no (acknowledgement|response) timescale"))) | not
		end)' "$1"
}

test_expect_success 'policy show: every rule cites a seed section' '
	test_dir &&
	for id in psps south-staffordshire corporate-procedure southampton \
	    buckinghamshire; do
		cpl policy show "$id" --format json >"$id.json" &&
		uncited_rules "$id.json" >uncited &&
		{ test ! -s uncited || { cat uncited >&2; false; }; } || return 1
	done
'

test_expect_success 'policy show (table): headed sections, citations in brackets' '
	test_dir &&
	cpl policy show psps >show.txt &&
	grep -q "^TIME LIMIT\$" show.txt &&
	grep -q "^STAGE 2\$" show.txt &&
	grep -q "^      \[seed 000 " show.txt &&
	test "$(awk "length > 80" show.txt | wc -l)" = 0
'

test_expect_success 'policy show and policy: usage errors' '
	test_dir &&
	test_must_fail 2 cpl policy show nosuch >out 2>err &&
	one_line_error err "no policy .nosuch." &&
	test_must_fail 2 cpl policy >out 2>err &&
	one_line_error err "list, show or check" &&
	test_must_fail 2 cpl policy frob >out 2>err &&
	one_line_error err "frob"
'

test_done
