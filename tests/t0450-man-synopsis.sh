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
# Without mandoc (or col) the whole test is skipped: both parts need it.
#
# Environment: SRCDIR (default: the directory above this script), COMPLAINTS
# (the binary; required).
# Output: TAP.  Exit status 1 if any check fails.

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}

if ! command -v mandoc >/dev/null 2>&1 || ! command -v col >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc or col not installed"
	exit 0
fi
if [ -z "${COMPLAINTS:-}" ] || [ ! -x "$COMPLAINTS" ]; then
	echo "Bail out! COMPLAINTS=$COMPLAINTS is not an executable"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/t0450.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

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
pages=$(ls "$SRCDIR"/man/*.[1-9] 2>/dev/null)
n=0
for verb in $verbs; do
	n=$((n + 1))
done
for page in $pages; do
	n=$((n + 1))
done
echo "1..$n"

i=0
failed=0
for verb in $verbs; do
	i=$((i + 1))
	expected_usage "$verb" >"$tmp/expected"
	if [ -r "$SRCDIR/man/complaints-$verb.1" ]; then
		page_synopsis "$verb" >"$tmp/actual"
	else
		echo "(no page man/complaints-$verb.1)" >"$tmp/actual"
	fi
	if [ -s "$tmp/expected" ] && cmp -s "$tmp/expected" "$tmp/actual"; then
		echo "ok $i - synopsis: $verb"
	else
		echo "not ok $i - synopsis: $verb"
		(cd "$tmp" && diff -u expected actual) | sed 's/^/# /'
		failed=1
	fi
done

# mandoc exits 0 when it has nothing to say at the level asked for; any
# output (a warning or worse) is a failure too.
for page in $pages; do
	i=$((i + 1))
	name=${page##*/}
	if mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1 &&
	    [ ! -s "$tmp/lint" ]; then
		echo "ok $i - mandoc lint: $name"
	else
		echo "not ok $i - mandoc lint: $name"
		sed 's/^/# /' "$tmp/lint"
		failed=1
	fi
done
exit $failed
