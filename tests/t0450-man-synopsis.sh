#!/bin/sh
# t0450-man-synopsis.sh: the manual pages match the binary, and are clean.
#
# 1. The SYNOPSIS of each complaints-VERB(1) page is the command's usage
#    text, word for word (after whitespace is squeezed): render
#    man/complaints-VERB.1 with "mandoc -T ascii | col -b", take the lines
#    after "SYNOPSIS" up to the next unindented section heading, join them,
#    squeeze whitespace, and compare with the expected usage text, squeezed
#    the same way.
#
#    The commands are the ones "$COMPLAINTS --help" lists, and the expected
#    text is the output of "$COMPLAINTS VERB --help" up to its first blank
#    line, a leading "usage: " removed: so a command without a page, or a
#    page that has drifted from the binary, fails.
#
# 2. "mandoc -T lint -W warning" reports nothing for any page in man/.
#
# Both need mandoc and col. Without either, nothing is checked, and the
# script says so and exits 77, which ctest reports as a skip, not a pass
# (SKIP_RETURN_CODE in CMakeLists.txt). scripts/install-deps installs both,
# so in CI it always runs.
#
# Environment: SRCDIR (default: the directory above this script), COMPLAINTS
# (the binary; required). One check runs alone by its number or a word of
# its title: tests/t0450-man-synopsis.sh extend.
# Output: TAP.  Exit status 1 if any check fails.

if ! command -v mandoc >/dev/null 2>&1 || ! command -v col >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc or col not installed (scripts/install-deps installs them)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
if [ ! -x "$COMPLAINTS" ]; then
	echo "Bail out! COMPLAINTS=$COMPLAINTS is not an executable"
	exit 1
fi

# squeeze: join lines, squeeze runs of blanks to one space, trim both ends.
squeeze() {
	awk '{ sub(/\r$/, "") }
	     NF { $1 = $1; printf "%s%s", sep, $0; sep = " " }
	     END { print "" }'
}

# list_verbs: the commands, one a line.
list_verbs() {
	# "commands:" then "  VERB  what it does" lines, up to a blank.
	"$COMPLAINTS" --help </dev/null 2>/dev/null |
	    awk '/^commands:/ { on = 1; next }
		 on && /^[ \t]*$/ { exit }
		 on { print $1 }'
}

# expected_usage VERB: the usage text of VERB, on one squeezed line.
expected_usage() {
	"$COMPLAINTS" "$1" --help </dev/null 2>/dev/null |
	    awk '/^[ \t]*$/ { exit } { print }' |
	    sed -e '1s/^usage: //' | squeeze
}

# page_synopsis VERB: the rendered SYNOPSIS of complaints-VERB(1), squeezed.
page_synopsis() {
	mandoc -T ascii "$SRCDIR/man/complaints-$1.1" 2>/dev/null | col -b |
	    awk '/^SYNOPSIS[ \t]*$/ { on = 1; next }
		 on && /^[^ \t]/ { exit }
		 on { print }' | squeeze
}

verbs=$(list_verbs)
if [ -z "$verbs" ]; then
	echo "Bail out! no commands found (from $COMPLAINTS --help)"
	exit 1
fi

for verb in $verbs; do
	test_expect_success "synopsis: $verb" '
		test_dir &&
		expected_usage "$verb" >expected &&
		test -s expected &&
		if [ -r "$SRCDIR/man/complaints-$verb.1" ]; then
			page_synopsis "$verb" >actual
		else
			echo "(no page man/complaints-$verb.1)" >actual
		fi &&
		test_cmp expected actual
	'
done

# mandoc exits 0 when it has nothing to say at the level asked for; any
# output (a warning or worse) is a failure too.
for page in "$SRCDIR"/man/*.[1-9]; do
	test_expect_success "mandoc lint: ${page##*/}" '
		test_dir &&
		{ mandoc -T lint -W warning "$page" >lint 2>&1 &&
		  test ! -s lint || { cat lint >&2; false; }; }
	'
done

test_done
