#!/bin/sh
# t6720-bidi-controls.sh: Unicode's bidirectional controls (U+061C,
# U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) in stored text are shown
# escaped, as other control characters are: a right-to-left override in a
# name must not reverse the rest of a terminal's line. Stored as given;
# JSON escapes them (\u202e); CSV to a file carries them as stored. Every
# test makes its own store in its own directory.
. "$(dirname "$0")/lib.sh"

# A name whose right-to-left override would show "Smith" as "htimS" and
# everything after it on the line reversed, closed by a pop.
rlo=$(printf "Eve \342\200\256Smith\342\200\254 end")

# raw_bidi FILE: FILE holds a bidirectional control, unescaped.
raw_bidi() {
	LC_ALL=C grep -q "$(printf "\330\234\|\342\200[\216\217\252-\256]\|\342\201[\246-\251]")" "$1"
}

# no_raw_bidi FILE: it holds none.
no_raw_bidi() {
	if raw_bidi "$1"; then
		echo "# a raw bidirectional control in $1" >&2
		return 1
	fi
}

# on_tty ARGS...: the binary's output on a pseudo-terminal (script(1)).
on_tty() {
	script -qec "$(printf "'%s' " "$COMPLAINTS" "$@")" /dev/null
}

# A store with one case whose name, service and summary hold rlo.
setup() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant "$rlo" --service "$rlo" --summary "$rlo" \
	    --received 2026-11-02)
}

test_expect_success 'a name holding U+202E is stored as given' '
	setup &&
	want=$(printf "%s" "$rlo" | od -An -tx1 | tr -d " \n") &&
	got=$(stored_name_hex) &&
	test "$got" = "$want"
'

if command -v script >/dev/null 2>&1; then
	test_expect_success 'show and list on a terminal: the override escaped' '
		setup &&
		on_tty show "$ref" >show.out &&
		grep -qF "complainant   Eve \\xe2\\x80\\xaeSmith\\xe2\\x80\\xac end" show.out &&
		no_raw_bidi show.out &&
		on_tty list --wide >list.out &&
		grep -qF "Eve \\xe2\\x80\\xaeSmith" list.out &&
		no_raw_bidi list.out &&
		on_tty list --format csv >csv.out &&
		grep -qF "\\xe2\\x80\\xaeSmith" csv.out &&
		no_raw_bidi csv.out
	'
else
	test_skip 'show and list on a terminal: the override escaped' \
	    'script(1) (bsdutils) is not installed: no pseudo-terminal'
fi

test_expect_success 'every bidirectional control is escaped in the table format' '
	setup &&
	for c in "\330\234" "\342\200\216" "\342\200\217" "\342\200\252" \
	    "\342\200\253" "\342\200\254" "\342\200\255" "\342\200\256" \
	    "\342\201\246" "\342\201\247" "\342\201\250" "\342\201\251"; do
		name=$(printf "A${c}B") &&
		r=$(cpl log --complainant "$name" --summary s \
		    --received 2026-11-02) &&
		cpl show "$r" >out &&
		no_raw_bidi out &&
		want=$(printf "$c" | od -An -tx1 | sed "s/ /\\\\x/g") &&
		grep -qF "A${want}B" out ||
		{ echo "# not escaped: $want" >&2; return 1; }
	done
'

test_expect_success 'JSON: escaped as \u202e, the same text to a program' '
	setup &&
	cpl show "$ref" --format json >show.json &&
	no_raw_bidi show.json &&
	grep -qF "\"complainant\": \"Eve \\u202eSmith\\u202c end\"" show.json &&
	test "$(jq -r .complainant show.json)" = "$rlo"
'

test_expect_success 'CSV to a file carries the text as stored (for programs)' '
	setup &&
	cpl list --format csv >list.csv &&
	raw_bidi list.csv
'

test_expect_success 'a message quoting what was typed escapes it' '
	setup &&
	test_must_fail 1 cpl show "$rlo" >out 2>err &&
	one_line_error err "no case .Eve \\\\xe2\\\\x80\\\\xaeSmith" &&
	no_raw_bidi err
'

test_done
