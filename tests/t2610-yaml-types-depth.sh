#!/bin/sh
# t2610-yaml-types-depth.sh: policy and calendar files are read by YAML's
# types, not by their text: a number, true/false or a date in quotes is
# text, refused where one of those is wanted (exit 4, FILE:LINE:COLUMN);
# and a file nested deeper than 64 levels, or with more than 256 anchors,
# is refused at once at the first past the bound (complaints-policy(5)).
. "$(dirname "$0")/lib.sh"

CAL=pol/calendars/england-and-wales.yaml

# A directory of its own with a copy of the shipped policies in pol/ and
# a store using them (pol is named relatively, so every message names
# pol/...).
fresh() {
	cd "$TEST_DIR" && mkdir "$1" && cd "$1" &&
	cp -R "$SRCDIR/policies" pol &&
	cpl init --policy psps
}
export COMPLAINTS_POLICIES=pol

# The number of the first line of file $2 that starts with $1.
line_of() {
	grep -n "^$1" "$2" | head -n 1 | cut -d: -f1
}

# policy check of pol/psps.yaml fails (4) with one line on stderr that
# matches $1 exactly (a regular expression), and log is refused (4) with
# the same message and nothing stored.
check_refused() {
	test_must_fail 4 cpl policy check pol/psps.yaml >out 2>err &&
	one_line_error err "^complaints: $1\$" &&
	test ! -s out &&
	refused 4 "^complaints: $1\$" cpl log --complainant A --summary s \
	    --received 2026-03-02
}

test_expect_success 'days: "5" (a quoted string) is refused at the value' '
	fresh double &&
	line=$(line_of "      days: 5" pol/psps.yaml) &&
	sed -i "${line}s/days: 5/days: \"5\"/" pol/psps.yaml &&
	check_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag"
'

test_expect_success "days: '5' and days: !!str 5 are refused too; days: !!int 5 is a number" '
	fresh single &&
	line=$(line_of "      days: 5" pol/psps.yaml) &&
	sed -i "${line}s/days: 5/days: '\''5'\''/" pol/psps.yaml &&
	check_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag" &&
	sed -i "${line}s/days: .*/days: !!str 5/" pol/psps.yaml &&
	check_refused "pol/psps.yaml:$line:13: days is a number: write it as 5, without quotes or a tag" &&
	sed -i "${line}s/days: .*/days: !!int 5/" pol/psps.yaml &&
	cpl policy check pol/psps.yaml >out &&
	grep -q "policy .psps. is valid" out
'

test_expect_success 'reason_required: "true" and months: "12" are refused at the value' '
	fresh bool &&
	line=$(line_of "      reason_required: true" pol/psps.yaml) &&
	sed -i "${line}s/true/\"true\"/" pol/psps.yaml &&
	check_refused "pol/psps.yaml:$line:24: reason_required is true or false: write it as true, without quotes or a tag" &&
	fresh months &&
	line=$(line_of "  months: 12" pol/psps.yaml) &&
	sed -i "${line}s/12/\"12\"/" pol/psps.yaml &&
	check_refused "pol/psps.yaml:$line:11: months is a number: write it as 12, without quotes or a tag"
'

test_expect_success 'a quoted holiday or covered year in a calendar is refused at the value' '
	fresh holiday &&
	line=$(line_of "  - 2026-12-25" $CAL) &&
	sed -i "${line}s/2026-12-25/\"2026-12-25\"/" $CAL &&
	check_refused "$CAL:$line:5: a holiday is a date: write it as 2026-12-25, without quotes or a tag" &&
	fresh covers &&
	line=$(line_of "  from: 2018" $CAL) &&
	sed -i "${line}s/2018/\"2018\"/" $CAL &&
	check_refused "$CAL:$line:9: covers.from is a number: write it as 2018, without quotes or a tag"
'

test_expect_success 'a policy text stored by an older complaints, with a quoted number, still reads' '
	fresh stored &&
	r=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	sqlite3 complaints.db "UPDATE policy_versions
	    SET body = replace(body, '\''days: 5'\'', '\''days: \"5\"'\'')" &&
	sqlite3 complaints.db "SELECT body FROM policy_versions" |
	    grep -q "days: \"5\"" &&
	cpl ack "$r" --date 2026-03-03 &&
	cpl show "$r" --format json >case.json &&
	test "$(jfield .stages[0].acknowledged <case.json)" = 2026-03-03
'

test_expect_success 'a policy of 200,000 [ is refused at once (4) at level 65' '
	fresh deep &&
	python3 -c "print(\"[\" * 200000)" >deep.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" policy check deep.yaml \
	    >out 2>err &&
	one_line_error err "^complaints: deep.yaml:1:65: nested deeper than 64 levels\$" &&
	cp deep.yaml pol/deep.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" init --policy deep \
	    >out 2>err &&
	one_line_error err "^complaints: pol/deep.yaml:1:65: nested deeper than 64 levels\$"
'

test_expect_success 'a calendar of 100,000 nested lists: log is refused at once (4) where it goes too deep' '
	fresh deep-calendar &&
	python3 -c "print(\"id: england-and-wales\\nholidays:\\n\" + \"- \" * 100000)" \
	    >$CAL &&
	refused 4 "^complaints: $CAL:3:[0-9]*: nested deeper than 64 levels\$" \
	    timeout 5 "$COMPLAINTS" log --complainant A --summary s \
	    --received 2026-03-02
'

test_expect_success 'a file of 20,000 anchors is refused at once (4) at the 257th; one defined twice at the second' '
	fresh anchors &&
	python3 -c "
print(\"a: [\" + \", \".join(\"&a%d x\" % i for i in range(20000)) + \"]\")
print(\"b: [\" + \", \".join(\"*a0\" for i in range(100000)) + \"]\")
" >anchors.yaml &&
	test_must_fail 4 timeout 5 "$COMPLAINTS" policy check anchors.yaml \
	    >out 2>err &&
	col=$(python3 -c "print(len(\"a: [\" + \"\".join(\"&a%d x, \" % i for i in range(256))) + 1)") &&
	one_line_error err "^complaints: anchors.yaml:1:$col: more than 256 anchors\$" &&
	printf "id: &x psps\nname: &x Example\n" >twice.yaml &&
	test_must_fail 4 cpl policy check twice.yaml >out 2>err &&
	one_line_error err "^complaints: twice.yaml:2:7: anchor .&x. is defined twice (first at 1:5)\$"
'

test_expect_success 'nesting of 64 levels is read (and refused for what it holds, not its depth)' '
	fresh sixty-four &&
	python3 -c "print(\"id: \" + \"[\" * 63 + \"]\" * 63)" >d64.yaml &&
	test_must_fail 4 cpl policy check d64.yaml >out 2>err &&
	one_line_error err "^complaints: d64.yaml:1:1: a policy has no .name.\$"
'

test_done
