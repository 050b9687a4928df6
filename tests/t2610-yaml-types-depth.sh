#!/bin/sh
# t2610-yaml-types-depth.sh: policy and calendar files are read by YAML's
# types, not by their text: a number, true/false or a date in quotes is
# text, refused where one of those is wanted (exit 4, FILE:LINE:COLUMN);
# and a file nested deeper than 64 levels, or with more than 256 anchors,
# is refused at once at the first past the bound (complaints-policy(5)).
. "$(dirname "$0")/lib.sh"

CAL=pol/calendars/england-and-wales.yaml

# Each test works in a directory of its own on a copy of the shipped
# policies, pol/ (own_policies_store).
export COMPLAINTS_POLICIES=pol

# repeat N TEXT: TEXT N times over, on one line, without a newline.
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

test_expect_success 'days: "5" (a quoted string) is refused at the value' '
	own_policies_store &&
	line=$(line_of "      days: 5" pol/psps.yaml) &&
	sed -i "${line}s/days: 5/days: \"5\"/" pol/psps.yaml &&
	policy_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag"
'

test_expect_success "days: '5' and days: !!str 5 are refused too; days: !!int 5 is a number" '
	own_policies_store &&
	line=$(line_of "      days: 5" pol/psps.yaml) &&
	sed -i "${line}s/days: 5/days: '\''5'\''/" pol/psps.yaml &&
	policy_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag" &&
	sed -i "${line}s/days: .*/days: !!str 5/" pol/psps.yaml &&
	policy_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag" &&
	sed -i "${line}s/days: .*/days: !!int 5/" pol/psps.yaml &&
	cpl policy check pol/psps.yaml >out &&
	grep -q "policy .psps. is valid" out
'

test_expect_success 'reason_required: "true" and months: "12" are refused at the value' '
	own_policies_store &&
	line=$(line_of "      reason_required: true" pol/psps.yaml) &&
	sed -i "${line}s/true/\"true\"/" pol/psps.yaml &&
	policy_refused "pol/psps.yaml:$line:24: reason_required is true or false: write it as true, without quotes or a tag" &&
	own_policies_store &&
	line=$(line_of "  months: 12" pol/psps.yaml) &&
	sed -i "${line}s/12/\"12\"/" pol/psps.yaml &&
	policy_refused "pol/psps.yaml:$line:11: months is a number: write it as 12, without quotes or a tag"
'

test_expect_success 'a quoted holiday or covered year in a calendar is refused at the value' '
	own_policies_store &&
	line=$(line_of "  - 2026-12-25" $CAL) &&
	sed -i "${line}s/2026-12-25/\"2026-12-25\"/" $CAL &&
	policy_refused "$CAL:$line:5: a holiday is a date: write it as 2026-12-25, without quotes or a tag" &&
	own_policies_store &&
	line=$(line_of "  from: 2018" $CAL) &&
	sed -i "${line}s/2018/\"2018\"/" $CAL &&
	policy_refused "$CAL:$line:9: covers.from is a number: write it as 2018, without quotes or a tag"
'

# The older text is put in the store's table by hand (store_sql).
test_expect_success 'a policy text stored by an older complaints, with a quoted number, still reads' '
	own_policies_store &&
	r=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	store_sql "UPDATE policy_versions
	    SET body = replace(body, '\''days: 5'\'', '\''days: \"5\"'\'')" &&
	store_sql "SELECT body FROM policy_versions" |
	    grep -q "days: \"5\"" &&
	cpl ack "$r" --date 2026-03-03 &&
	cpl show "$r" --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-03-03
'

test_expect_success 'a policy of 200,000 [ is refused at once (4) at level 65' '
	own_policies_store &&
	{ repeat 200000 "[" && echo; } >deep.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" policy check deep.yaml \
	    >out 2>err &&
	one_line_error err "^complaints: deep.yaml:1:65: nested deeper than 64 levels\$" &&
	cp deep.yaml pol/deep.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" init --policy deep \
	    >out 2>err &&
	one_line_error err "^complaints: pol/deep.yaml:1:65: nested deeper than 64 levels\$"
'

test_expect_success 'a calendar of 100,000 nested lists: log is refused at once (4) where it goes too deep' '
	own_policies_store &&
	{ printf "id: england-and-wales\nholidays:\n" && repeat 100000 "- " &&
	  echo; } >$CAL &&
	refused 4 "^complaints: $CAL:3:[0-9]*: nested deeper than 64 levels\$" \
	    timeout 5 "$COMPLAINTS" log --complainant A --summary s \
	    --received 2026-03-02
'

# A file of 20,000 anchors, a: [&a0 x, &a1 x, ...], and 100,000 aliases of
# the first.
anchors() {
	awk 'BEGIN {
		printf "a: ["
		for (i = 0; i < 20000; i++) printf "%s&a%d x", (i ? ", " : ""), i
		print "]"
		printf "b: ["
		for (i = 0; i < 100000; i++) printf "%s*a0", (i ? ", " : "")
		print "]"
	}'
}

# anchor_column N: the column of the Nth anchor of the first line anchors
# writes.
anchor_column() {
	awk -v n="$1" 'BEGIN {
		c = length("a: [") + 1
		for (i = 0; i < n - 1; i++) c += length(sprintf("&a%d x, ", i))
		print c
	}'
}

test_expect_success 'a file of 20,000 anchors is refused at once (4) at the 257th; one defined twice at the second' '
	own_policies_store &&
	anchors >anchors.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" policy check anchors.yaml \
	    >out 2>err &&
	col=$(anchor_column 257) &&
	one_line_error err "^complaints: anchors.yaml:1:$col: more than 256 anchors\$" &&
	printf "id: &x psps\nname: &x Example\n" >twice.yaml &&
	test_must_fail 4 cpl policy check twice.yaml >out 2>err &&
	one_line_error err "^complaints: twice.yaml:2:7: anchor .&x. is defined twice (first at 1:5)\$"
'

test_expect_success 'nesting of 64 levels is read (and refused for what it holds, not its depth)' '
	own_policies_store &&
	{ printf "id: " && repeat 63 "[" && repeat 63 "]" && echo; } >d64.yaml &&
	test_must_fail 4 cpl policy check d64.yaml >out 2>err &&
	one_line_error err "^complaints: d64.yaml:1:1: a policy has no .name.\$"
'

test_done
