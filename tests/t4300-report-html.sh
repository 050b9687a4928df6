#!/bin/sh
# t4300-report-html.sh: complaints report annual --format html:
# one self-contained page (nothing loaded from elsewhere) that headless
# Chromium renders to a screenshot that is not blank and shows the charts'
# colours (and no red or green), whose every figure, in its tables and its
# charts, is the one the CSV output gives, and whose appendix holds every
# figure of the CSV; over 200 generated cases (tests/report-oracle.py).
# Every test works in a directory of its own.
#
# Chromium (Debian's `chromium`) is needed: scripts/install-deps installs it,
# as CI does. Without it this test fails, saying so: it is not skipped.
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

# make_report: 200 generated cases (tests/report-oracle.py), and their 2026
# report as HTML, report.html, and as CSV, report.csv (made once, copied
# for each test that asks).
make_report() {
	cpl init --policy south-staffordshire &&
	python3 "$SRCDIR/tests/report-oracle.py" build plan.json &&
	cpl report annual --year 2026 --format html >report.html &&
	cpl report annual --year 2026 --format csv >report.csv
}

test_expect_success 'chromium is installed (scripts/install-deps installs it)' '
	test -n "$CHROMIUM" || {
		echo "# chromium is not installed: run scripts/install-deps" >&2
		false
	}
'

test_expect_success 'the 2026 report of 200 generated cases: one HTML page' '
	test_dir && fixture report make_report &&
	head -n 1 report.html | grep -q "^<!DOCTYPE html>$" &&
	tail -n 1 report.html | grep -q "^</html>$"
'

test_expect_success 'the page loads nothing from anywhere else' '
	test_dir && fixture report make_report &&
	html self-contained report.html &&
	grep -q "<style>" report.html &&
	test $(grep -c "<svg " report.html) -eq 3
'

test_expect_success 'every figure in the page is the CSV'\''s' '
	test_dir && fixture report make_report &&
	html match report.html report.csv >matched &&
	cat matched >&2 &&
	read n rows shown <matched &&
	test "$n" -gt 300 &&
	test "$rows" -eq $(($(grep -vc "^learning,\|^ombudsman-decision," report.csv) - 1)) &&
	test "$rows" -gt 300 &&
	echo "$shown" | grep -q "all=[0-9][0-9]" &&
	echo "$shown" | grep -q "month=12" &&
	echo "$shown" | grep -q "self-assessment=7" &&
	echo "$shown" | grep -q "compliments=[1-9]" &&
	echo "$shown" | grep -q "service=[0-9][0-9]"
'

test_expect_success 'a figure changed in the page is caught (the check can fail)' '
	test_dir && fixture report make_report &&
	sed "0,/data-figure=\"stage1.opened\"><b data-col=\"value\">[0-9]*</s//data-figure=\"stage1.opened\"><b data-col=\"value\">99999</" \
	    report.html >wrong.html &&
	test_must_fail 1 cmp -s report.html wrong.html &&
	test_must_fail 1 html match wrong.html report.csv >out &&
	grep -q "stage1.opened value" out &&
	sed "0,/<tr><td>stage1.opened<td>[0-9]*/s//<tr><td>stage1.opened<td>99999/" \
	    report.html >wrong.html &&
	test_must_fail 1 cmp -s report.html wrong.html &&
	test_must_fail 1 html match wrong.html report.csv >out &&
	grep -q "appendix all//stage1.opened" out
'

test_expect_success 'headless Chromium renders it: not blank, the charts drawn' '
	test_dir && fixture report make_report &&
	mkdir profile &&
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$PWD/profile" --screenshot="$PWD/shot.png" \
	    --window-size=1280,2400 "file://$PWD/report.html" \
	    >chromium.log 2>&1 &&
	test -s shot.png &&
	html png shot.png >png.txt &&
	cat png.txt >&2 &&
	read w h colours ink <png.txt &&
	test "$w" -eq 1280 && test "$h" -eq 2400 &&
	test "$colours" -ge 20 &&
	test "$ink" -ge 20 &&
	awk "NR > 1 && \$1 != \"red-green\" && \$2 < 100 {
		print \"# colour \" \$1 \": \" \$2 \" pixels\"; bad = 1 }
	     \$1 == \"red-green\" && \$3 > 0 {
		print \"# red or green \" \$2 \": \" \$3 \" pixels\"; bad = 1 }
	     END { exit bad }" png.txt >&2
'

test_done
