#!/bin/sh
# t7520-report-annual-render.sh: the page of complaints report annual
# --format html as a councillor sees it: headless Chromium takes a
# screenshot of it and prints it to PDF, and the text of the PDF
# (pdftotext, Debian's poppler-utils) holds the council's name, the period
# and every heading of the page; the screenshot is drawn (not blank, the
# charts' colours, no red or green). The screenshot and the PDF are kept in
# $COMPLAINTS_ARTIFACTS when it names a directory (.ci/run sets it to
# ci-artifacts/), for a person to look at. Without chromium or pdftotext
# (scripts/install-deps installs both) the tests are skipped, saying why,
# and ctest shows the file as skipped.
# Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

html() {
	python3 "$SRCDIR/tests/report-html.py" "$@"
}

CHROMIUM=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		CHROMIUM=$c
		break
	fi
done
why=
[ -n "$CHROMIUM" ] || why="no chromium to render the page (scripts/install-deps installs it)"
command -v pdftotext >/dev/null 2>&1 ||
	why="${why:+$why; }no pdftotext (poppler-utils: scripts/install-deps installs it)"

# render NAME: headless Chromium's screenshot (1280 by 2000 pixels) of
# NAME.html in NAME.png, and the page printed in NAME.pdf, its text in
# NAME.txt on one line (the PDF breaks lines where it likes); both kept in
# $COMPLAINTS_ARTIFACTS, named for the build and NAME, when it is set.
render() {
	rm -rf profile && mkdir profile &&
	for out in "--screenshot=$PWD/$1.png" "--print-to-pdf=$PWD/$1.pdf"; do
		"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		    --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync \
		    --user-data-dir="$PWD/profile" --no-pdf-header-footer \
		    "$out" --window-size=1280,2000 "file://$PWD/$1.html" \
		    >>chromium.log 2>&1 || {
			sed "s/^/# chromium: /" chromium.log >&2
			return 1
		}
	done &&
	test -s "$1.png" && test -s "$1.pdf" &&
	pdftotext "$1.pdf" - | tr -s " \n\f" "   " >"$1.txt" &&
	keep "$1.png" "$1.pdf"
}

# keep FILE...: copy each FILE into $COMPLAINTS_ARTIFACTS, if set, as
# annual-BUILD-FILE (BUILD: the directory of the binary, build or
# build-asan), so that two builds' runs do not overwrite each other.
keep() {
	[ -n "${COMPLAINTS_ARTIFACTS:-}" ] || return 0
	mkdir -p "$COMPLAINTS_ARTIFACTS" &&
	b_=$(basename "$(dirname "$COMPLAINTS")") &&
	for f_ in "$@"; do
		cp "$f_" "$COMPLAINTS_ARTIFACTS/annual-$b_-$f_" || return 1
	done
}

# in_pdf NAME TEXT: TEXT is in the text of NAME.pdf.
in_pdf() {
	grep -qF -- "$2" "$1.txt" || {
		echo "# the PDF of $1 lacks: $2" >&2
		false
	}
}

# drawn NAME: the screenshot NAME.png is 1280 by 2000 pixels, not blank,
# with each chart colour in it, and no red or green.
drawn() {
	html png "$1.png" >png.txt &&
	read w h colours ink <png.txt &&
	test "$w" -eq 1280 && test "$h" -eq 2000 &&
	test "$colours" -ge 20 && test "$ink" -ge 20 &&
	awk '$1 ~ /^#/ && $2 < 100 { print "# colour " $1 ": " $2 " pixels"; bad = 1 }
	     $1 == "red-green" && $3 > 0 { print "# red or green " $2 ": " $3 " pixels"; bad = 1 }
	     END { exit bad }' png.txt >&2
}

# make_generated: 200 generated cases (tests/report-oracle.py) under
# South Staffordshire's policy, made once.
make_generated() {
	cpl init --policy south-staffordshire &&
	python3 "$SRCDIR/tests/report-oracle.py" build plan.json
}

# Nothing to render with: each test says it is skipped and why, and the
# script exits 77, which ctest shows as a skip (SKIP_RETURN_CODE in
# CMakeLists.txt), not a pass.
if [ -n "$why" ]; then
	test_skip "the page of 2026, rendered: council, period, headings" "$why"
	test_skip "the page of a financial year, rendered" "$why"
	test_done
	exit 77
fi

test_expect_success 'the page of 2026, rendered: the PDF holds the council, the period and every heading' '
	test_dir && fixture generated make_generated &&
	cpl report annual --year 2026 --format html >annual.html &&
	render annual &&
	drawn annual &&
	in_pdf annual "South Staffordshire Council: complaints annual report 2026" &&
	in_pdf annual "1 January to 31 December 2026" &&
	in_pdf annual "Produced on Friday 20 November 2026" &&
	in_pdf annual "Provisional." &&
	html headings annual.html >headings &&
	test "$(wc -l <headings)" -ge 10 &&
	while read -r h; do
		in_pdf annual "$h" || return 1
	done <headings
'

test_expect_success 'the page of a financial year, rendered: 2026/27 and its period in the PDF' '
	test_dir && fixture generated make_generated &&
	cpl report annual --year 2026 --financial-year --format html >fy.html &&
	render fy &&
	drawn fy &&
	in_pdf fy "South Staffordshire Council: complaints annual report 2026/27" &&
	in_pdf fy "1 April 2026 to 31 March 2027: the financial year 2026/27" &&
	in_pdf fy "2025/26, the year before"
'

test_done
