#!/bin/sh
# t6100-bad-text.sh: names and summaries holding control characters,
# terminal escape sequences, invalid UTF-8, NUL bytes or megabytes of text
# (issue 6): stored as given, or refused with a message; never printed raw
# to a terminal (the table format and every message escape them).
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# An escape sequence that would turn a terminal red and set its title, a
# bell, a C1 control (U+009B, CSI), a stray byte that is not UTF-8, and
# honest UTF-8 that must come through (an e with diaeresis).
nasty=$(printf "Zo\303\253 \033[31mRED\033[0m\033]0;owned\007 \302\233x \377end")

test_expect_success 'a name with escapes and bad bytes is stored as given' '
	cpl init --policy south-staffordshire &&
	ref=$(cpl log --complainant "$nasty" --summary "$nasty" \
	    --received 2026-03-02) &&
	want=$(printf "%s" "$nasty" | od -An -tx1 | tr -d " \n") &&
	got=$(sqlite3 complaints.db "SELECT hex(complainant) FROM cases" |
	    tr "A-F" "a-f") &&
	test "$got" = "$want"
'

# no_raw FILE: no ESC, BEL, C1 CSI or 0xff byte in FILE.
no_raw() {
	! LC_ALL=C grep -q "$(printf "[\033\007\377]")" "$1" &&
	! LC_ALL=C grep -q "$(printf "\302\233")" "$1"
}

test_expect_success 'show (table): escaped, the UTF-8 kept' '
	cpl show "$ref" >show.txt &&
	no_raw show.txt &&
	grep -q "$(printf "Zo\303\253 ")" show.txt &&
	grep -qF "\\x1b[31mRED\\x1b[0m\\x1b]0;owned\\x07 \\xc2\\x9bx \\xffend" show.txt
'

test_expect_success 'show (json): valid JSON; controls as \u escapes' '
	cpl show "$ref" --format json >show.json &&
	no_raw show.json &&
	python3 -c "
import json
c = json.load(open(\"show.json\"))
name = c[\"complainant\"]
assert name.startswith(\"Zo\u00eb \u001b[31mRED\"), repr(name)
assert \"\u009bx \ufffdend\" in name, repr(name)
"
'

test_expect_success 'list, restriction list (table): escaped' '
	cpl --officer "$nasty" assign "$ref" --to "$nasty" &&
	cpl list >list.txt && no_raw list.txt &&
	grep -qF "\\x1b[31mRED" list.txt &&
	cpl restriction add "$nasty" --kind other --detail "$nasty" \
	    --reason "$nasty" --review 2026-12-01 >/dev/null &&
	cpl restriction list >r.txt && no_raw r.txt &&
	cpl show "$ref" >show.txt && no_raw show.txt
'

test_expect_success 'CSV to a file carries the text as stored (for programs)' '
	cpl list --format csv >list.csv &&
	LC_ALL=C grep -q "$(printf "\033\\[31m")" list.csv
'

test_expect_success 'CSV to a terminal is escaped (script(1) gives a terminal)' '
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	script -qec "\"$COMPLAINTS\" list --format csv" /dev/null >tty.out &&
	grep -qF "\\x1b[31mRED" tty.out &&
	! LC_ALL=C grep -q "$(printf "\033\\[31mRED")" tty.out
'

test_expect_success 'messages quoting what was typed are escaped' '
	test_must_fail 1 cpl show "$nasty" >out 2>err &&
	no_raw err &&
	grep -qF "no case '\''Zo" err &&
	grep -qF "\\x1b[31m" err &&
	test_must_fail 2 cpl "$nasty" >out 2>err &&
	no_raw err && grep -q "unknown command" err &&
	test_must_fail 2 cpl log --complainant A --channel "$nasty" >out 2>err &&
	no_raw err
'

test_expect_success 'a warning quoting stored text is escaped' '
	cpl log --complainant "$nasty" --summary s --received 2026-03-03 \
	    >out 2>err &&
	grep -q "warning: .* is under restriction" err &&
	no_raw err
'

test_expect_success 'a NUL byte in a summary on standard input is refused, nothing stored' '
	printf "before\000after" >nul.txt &&
	refused 2 "NUL byte" sh -c "\"$COMPLAINTS\" log --complainant N \
	    --summary - --received 2026-03-02 <nul.txt"
'

test_expect_success 'a summary of 200,000 bytes is stored whole; one of over a megabyte is refused' '
	python3 -c "print(\"x\" * 200000, end=\"\")" >long.txt &&
	r=$(cpl log --complainant L --summary - --received 2026-03-02 <long.txt) &&
	test "$(sqlite3 complaints.db "SELECT length(summary) FROM cases WHERE ref = '\''$r'\''")" = 200000 &&
	python3 -c "print(\"y\" * (1 << 20 | 1), end=\"\")" >huge.txt &&
	refused 2 "summary on standard input is longer than 1048576 bytes" sh -c \
	    "\"$COMPLAINTS\" log --complainant H --summary - --received 2026-03-02 <huge.txt"
'

test_done
