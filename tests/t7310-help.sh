#!/bin/sh
# t7310-help.sh: what a newcomer reads first. The list of commands lines
# up whatever the longest name; every --help lists the words its options
# take (--kind, --channel, --outcome, close's --reason, --decision), the
# words the command accepts; complaints help COMMAND shows the manual page
# (or --help where man is missing); the messages of restriction add with a
# wrong kind and of note with no text say what to do. Every test works in
# a directory of its own.
. "$(dirname "$0")/lib.sh"

# commands_list: the lines of complaints --help between "commands:" and
# the blank line after them.
commands_list() {
	cpl --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on'
}

test_expect_success 'the list of commands: every description starts in one column' '
	test_dir &&
	commands_list >list &&
	grep -q "^  restriction " list &&
	awk "{ match(\$0, /^  [a-z]+ +/); print RLENGTH }" list | sort -u >cols &&
	test "$(wc -l <cols)" = 1 &&
	# two spaces at least after the longest name
	test "$(cat cols)" -ge "$((2 + $(awk "{ print length(\$1) }" list |
	    sort -n | tail -1) + 2))"
'

test_expect_success 'the list of commands fits 80 columns, as does what follows it' '
	test_dir &&
	cpl --help >help &&
	awk "length > 80 { print; bad = 1 } END { exit bad }" help
'

# values_of COMMAND OPTION: the words complaints COMMAND --help lists for
# OPTION (as "--kind KIND"), one a line.
values_of() {
	cpl "$1" --help |
	    awk -v opt="$2" '
		/^values:/ { on = 1; next }
		on && index($0, "  " opt "  ") == 1 {
			sub("^  " opt " +", ""); line = $0; taking = 1; next }
		on && taking && /^   / { sub(/^ +/, ""); line = line " " $0; next }
		taking { taking = 0 }
		END { print line }' | tr -d "," | tr " " "\n" | grep -v "^\$"
}

test_expect_success '--help lists the words of --kind, --channel, --outcome, --reason, --decision' '
	test_dir &&
	values_of log "--kind KIND" >kinds &&
	printf "%s\n" complaint comment compliment service-request >expect &&
	test_cmp expect kinds &&
	values_of list "--kind KIND" >kinds &&
	test_cmp expect kinds &&
	values_of log "--channel CHANNEL" >channels &&
	printf "%s\n" email phone letter web in-person social other >expect &&
	test_cmp expect channels &&
	values_of respond "--outcome OUTCOME" >outcomes &&
	printf "%s\n" upheld partly-upheld not-upheld >expect &&
	test_cmp expect outcomes &&
	values_of close "--reason REASON" >reasons &&
	printf "%s\n" resolved withdrawn out-of-scope refused ombudsman \
	    no-further-action >expect &&
	test_cmp expect reasons &&
	values_of ombudsman "--decision DECISION" >decisions &&
	printf "%s\n" upheld partly-upheld not-upheld not-investigated \
	    closed-after-initial-enquiries referred-back >expect &&
	test_cmp expect decisions &&
	values_of restriction "--kind KIND" >kinds &&
	printf "%s\n" single-point-of-contact written-contact-only \
	    no-further-correspondence limited-contact other >expect &&
	test_cmp expect kinds
'

test_expect_success 'a --reason of free text lists no words; neither does a command without such options' '
	test_dir &&
	cpl extend --help >help && test "$(grep -c "^values:" help)" = 0 &&
	cpl ack --help >help && test "$(grep -c "" help)" -le 2
'

test_expect_success 'each word --help lists is one the command takes' '
	fresh_store psps &&
	for o in "log --kind KIND" "log --channel CHANNEL" \
	    "restriction --kind KIND" "close --reason REASON"; do
		test -n "$(values_of ${o%% *} "${o#* }")" || return 1
	done &&
	for k in $(values_of log "--kind KIND"); do
		cpl log --kind "$k" --complainant A --summary s \
		    --channel email >/dev/null || return 1
	done &&
	for c in $(values_of log "--channel CHANNEL"); do
		cpl log --channel "$c" --complainant A --summary s \
		    >/dev/null || return 1
	done &&
	for k in $(values_of restriction "--kind KIND"); do
		cpl restriction add --decided-by "Chief Finance Officer" "A" --kind "$k" --detail d --reason r \
		    --review 2027-01-04 >/dev/null || return 1
	done &&
	for r in $(values_of close "--reason REASON"); do
		ref=$(cpl log --complainant B --summary s) &&
		cpl close "$ref" --reason "$r" || return 1
	done
'

test_expect_success 'restriction add --kind written-only: not a kind of restriction, and the kinds to use (2)' '
	fresh_store psps &&
	cpl log --complainant "A Resident" --summary s >/dev/null &&
	refused 2 "^complaints: --kind: .written-only. is not a kind of restriction; use one of: single-point-of-contact, written-contact-only, no-further-correspondence, limited-contact, other\$" \
	    cpl restriction add --decided-by "Chief Finance Officer" "A Resident" --kind written-only --reason r \
	    --review 2027-01-04
'

test_expect_success 'note REF with no text: give the text, or - for standard input (2)' '
	fresh_store psps &&
	ref=$(cpl log --complainant "A Resident" --summary s) &&
	refused 2 "^complaints: note: give the note.s text (or .-. to read it from standard input)\$" \
	    cpl note "$ref" &&
	refused 2 "^complaints: note: a case reference is needed" cpl note
'

test_expect_success 'help alone lists the commands, as --help does' '
	test_dir &&
	cpl help >help &&
	cpl --help >expect &&
	test_cmp expect help
'

# A man(1) of this test's own, in bin/, that writes what it was asked to
# show into man.args.
fake_man() {
	mkdir bin &&
	printf "#!/bin/sh\nprintf \"%%s\\\\n\" \"\$@\" >\"%s/man.args\"\necho page\n" \
	    "$PWD" >bin/man &&
	chmod +x bin/man
}

test_expect_success 'help COMMAND: man shows the command'\''s page, from the source tree' '
	test_dir && fake_man &&
	PATH="$PWD/bin:$PATH" "$COMPLAINTS" help extend >out &&
	test "$(cat out)" = page &&
	test "$(sed -n 1p man.args)" = -l &&
	page=$(sed -n 2p man.args) &&
	case $page in
	*/man/complaints-extend.1) ;;
	*) echo "# man was given $page" >&2; false ;;
	esac &&
	cmp "$page" "$SRCDIR/man/complaints-extend.1"
'

test_expect_success 'help COMMAND where there is no man: the command'\''s --help' '
	test_dir &&
	mkdir empty &&
	PATH="$PWD/empty" "$COMPLAINTS" help close >out &&
	cpl close --help >expect &&
	test_cmp expect out
'

test_expect_success 'help nosuch: not a command (2); help with two commands (2)' '
	test_dir &&
	refused 2 "^complaints: help: unknown command .nosuch." cpl help nosuch &&
	refused 2 "^complaints: help: unexpected argument .log." cpl help ack log
'

test_done
