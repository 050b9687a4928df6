#!/bin/sh
# t6100-bad-text.sh: names and summaries holding control characters,
# terminal escape sequences, invalid UTF-8, NUL bytes or megabytes of text
# (README: Store): stored as given, or refused with a message; never
# printed raw to a terminal (the table format and every message escape
# them). Every test makes its own store in its own directory.
#
# On a server (pg/t6100) every test runs too, with the same text less its
# stray byte: a server's text is UTF-8 by design, so it refuses a byte
# that is not (docs/POSTGRES.md) where a file keeps it as given. What a
# test shows of that byte is shown on a file alone.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-06-30

# The stray byte that is not UTF-8 (0xff), as printf's format gives it,
# as the table shows it, and as JSON does (U+FFFD), with a word of the
# tests' titles: none of them on a server.
if on_server; then
	ff='' ff_shown='' ff_json='' ff_title=''
else
	ff='\377' ff_shown='\xff' ff_json='\ufffd' ff_title=' and bad bytes'
fi

# An escape sequence that would turn a terminal red and set its title, a
# bell, a C1 control (U+009B, CSI), a stray byte that is not UTF-8 (on a
# file), and honest UTF-8 that must come through (an e with diaeresis).
nasty=$(printf "Zo\303\253 \033[31mRED\033[0m\033]0;owned\007 \302\233x ${ff}end")

# nasty_case: a new store in this test's directory holding a case whose
# complainant and summary are $nasty; its reference in $ref.
nasty_case() {
	fresh_store &&
	ref=$(cpl log --complainant "$nasty" --summary "$nasty" \
	    --received 2026-03-02)
}

# nasty_assigned: nasty_case, its stage assigned to an officer named
# $nasty, by an officer so named.
nasty_assigned() {
	nasty_case &&
	cpl --officer "$nasty" assign "$ref" --to "$nasty"
}

# nasty_restricted: nasty_case, and a restriction on the complainant
# $nasty, its text $nasty.
nasty_restricted() {
	nasty_case &&
	cpl restriction add "$nasty" --kind other --detail "$nasty" \
	    --reason "$nasty" --review 2026-12-01 >/dev/null
}

# no_raw FILE: no ESC, BEL, C1 CSI or 0xff byte in FILE.
no_raw() {
	test_must_fail 1 env LC_ALL=C grep -q "$(printf "[\033\007\377]")" "$1" &&
	test_must_fail 1 env LC_ALL=C grep -q "$(printf "\302\233")" "$1"
}

test_expect_success "a name with escapes$ff_title is stored as given" '
	nasty_case &&
	want=$(printf "%s" "$nasty" | od -An -tx1 | tr -d " \n") &&
	got=$(stored_name_hex) &&
	test "$got" = "$want"
'

# The stray byte alone: a file keeps it as given; a server's database is
# UTF-8, and refuses it as bad input (exit 2), in one line, with nothing
# changed. One test either way, so that a test has the same number on
# both stores.
if on_server; then
	test_expect_success 'a stray byte that is not UTF-8 is refused by a server' '
		fresh_store &&
		ref=$(cpl log --complainant Kept --summary s \
		    --received 2026-03-01) &&
		refused 2 "can'"'"'t add the case: a text holds a byte that is not UTF-8, which a PostgreSQL store can'"'"'t keep; nothing was changed" \
		    cpl log --complainant "$(printf "Ann \377")" --summary s \
		    --received 2026-03-02 &&
		refused 2 "can'"'"'t record the event: a text holds a byte that is not UTF-8" \
		    cpl note "$ref" "$(printf "x\377")"
	'
else
	test_expect_success 'a stray byte that is not UTF-8 is stored as given' '
		nasty_case &&
		stored_name_hex | grep -q "ff656e64$"
	'
fi

test_expect_success 'show (table): escaped, the UTF-8 kept' '
	nasty_case &&
	cpl show "$ref" >show.txt &&
	no_raw show.txt &&
	grep -q "$(printf "Zo\303\253 ")" show.txt &&
	grep -qF "\\x1b[31mRED\\x1b[0m\\x1b]0;owned\\x07 \\xc2\\x9bx ${ff_shown}end" show.txt
'

test_expect_success 'show (json): valid JSON; controls as \u escapes' '
	nasty_case &&
	cpl show "$ref" --format json >show.json &&
	no_raw show.json &&
	jq .complainant show.json >name &&
	jq -e ".complainant | startswith(\"Zo\\u00eb \\u001b[31mRED\") and
	    contains(\"\\u009bx ${ff_json}end\")" show.json >/dev/null || {
		sed "s/^/# complainant: /" name >&2
		false
	}
'

test_expect_success 'list, restriction list (table): escaped' '
	nasty_assigned &&
	cpl list --wide >list.txt && no_raw list.txt &&
	grep -qF "\\x1b[31mRED" list.txt &&
	cpl restriction add "$nasty" --kind other --detail "$nasty" \
	    --reason "$nasty" --review 2026-12-01 >/dev/null &&
	cpl restriction list >r.txt && no_raw r.txt &&
	cpl show "$ref" >show.txt && no_raw show.txt
'

test_expect_success 'CSV to a file carries the text as stored (for programs)' '
	nasty_assigned &&
	cpl list --format csv >list.csv &&
	LC_ALL=C grep -q "$(printf "\033\\[31m")" list.csv
'

test_expect_success 'CSV to a terminal is escaped (script(1) gives a terminal)' '
	command -v script >/dev/null || { echo "# script(1) is needed" >&2; return 1; }
	nasty_assigned &&
	script -qec "\"$COMPLAINTS\" list --format csv" /dev/null >tty.out &&
	grep -qF "\\x1b[31mRED" tty.out &&
	test_must_fail 1 env LC_ALL=C grep -q "$(printf "\033\\[31mRED")" tty.out
'

test_expect_success 'messages quoting what was typed are escaped' '
	nasty_case &&
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
	nasty_restricted &&
	cpl log --complainant "$nasty" --summary s --received 2026-03-03 \
	    >out 2>err &&
	grep -q "warning: .* is under restriction" err &&
	no_raw err
'

test_expect_success 'a NUL byte in a summary on standard input is refused, nothing stored' '
	nasty_case &&
	printf "before\000after" >nul.txt &&
	refused 2 "NUL byte" sh -c "\"$COMPLAINTS\" log --complainant N \
	    --summary - --received 2026-03-02 <nul.txt"
'

test_expect_success 'a summary of 200,000 bytes is stored whole; one of over a megabyte is refused' '
	nasty_case &&
	head -c 200000 /dev/zero | tr "\\000" x >long.txt &&
	r=$(cpl log --complainant L --summary - --received 2026-03-02 <long.txt) &&
	cpl show "$r" --format json >long.json &&
	test "$(jq -r .summary long.json)" = "$(cat long.txt)" &&
	head -c $((1048576 + 1)) /dev/zero | tr "\\000" y >huge.txt &&
	refused 2 "summary on standard input is longer than 1048576 bytes" sh -c \
	    "\"$COMPLAINTS\" log --complainant H --summary - --received 2026-03-02 <huge.txt"
'

test_done
