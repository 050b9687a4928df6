#!/bin/sh
# t7500-report-annual-page.sh: what the page of complaints report annual
# --format html says, for a councillor to read (man/complaints-report.1):
# the council and the year in its title, the period, the day it was
# produced and "provisional" before the year's end; one "answered on time"
# figure a stage with its timescale, beside the Code's where the two
# differ, and why; the year's figures without those zero in both years
# (a note says how many), the year before's columns labelled; bars that
# carry their numbers, in colours that are not red and green; each lesson
# once with its complaints and services; the cases that missed the Code's
# timescales as a table of reference, service and working days late; a
# page of 200 generated cases under 90 KB (well under the 100 KB asked) whose
# figures are the CSV's; and
# --format pdf refused, naming html among the formats. Every test makes its
# own store in its own directory.
. "$(dirname "$0")/lib.sh"

html() {
	python3 "$SRCDIR/tests/report-html.py" "$@"
}

# page [YEAR]: the annual page of YEAR (2026) in page.html, its CSV in
# page.csv, and every figure of the page the CSV's.
page() {
	cpl report annual --year "${1:-2026}" --format html >page.html &&
	cpl report annual --year "${1:-2026}" --format csv >page.csv &&
	html match page.html page.csv >matched || {
		sed "s/^/# /" matched >&2
		false
	}
}

# has TEXT: page.html holds TEXT (a fixed string), or says what it lacks.
has() {
	grep -qF -- "$1" page.html || {
		echo "# page.html lacks: $1" >&2
		false
	}
}

# one_case: a complaint about Waste, received Monday 2 March 2026.
one_case() {
	cpl log --complainant A --service Waste --summary s \
	    --received 2026-03-02 >/dev/null
}

test_expect_success 'the title names the council and the year; the page says the period and the day it was made' '
	fresh_store south-staffordshire && one_case && page &&
	has "<title>South Staffordshire Council: complaints annual report 2026</title>" &&
	has "<h1>South Staffordshire Council: complaints annual report 2026</h1>" &&
	has "1 January to 31 December 2026. Produced on Friday 20 November 2026." &&
	has "Produced on Friday 20 November 2026 by complaints"
'

test_expect_success 'run before the year'\''s end the page is provisional; after it, not' '
	fresh_store south-staffordshire && one_case && page &&
	has "<strong>Provisional.</strong> The year ends on 31 December 2026" &&
	(COMPLAINTS_TODAY=2026-12-31 && export COMPLAINTS_TODAY && page) &&
	has "<strong>Provisional.</strong>" &&
	(COMPLAINTS_TODAY=2027-01-04 && export COMPLAINTS_TODAY && page) &&
	test_must_fail 1 grep -q "Provisional" page.html &&
	has "Produced on Monday 4 January 2027." &&
	page 2025 &&
	test_must_fail 1 grep -q "Provisional" page.html &&
	has "<h1>South Staffordshire Council: complaints annual report 2025</h1>"
'

test_expect_success 'the council is the store'\''s default policy'\''s, as its file says; a policy that names none: no council' '
	own_policies_store &&
	sed "s/^council: .*/council: \"Testshire District Council\"/" \
	    pol/psps.yaml >psps.yaml && mv psps.yaml pol/psps.yaml &&
	(COMPLAINTS_POLICIES=pol && export COMPLAINTS_POLICIES && page) &&
	has "<h1>Testshire District Council: complaints annual report 2026</h1>" &&
	fresh_store corporate-procedure && page &&
	has "<title>Complaints annual report 2026</title>" &&
	has "<h1>Complaints annual report 2026</h1>"
'

# South Staffordshire answers within 10 working days of receipt; the Code
# within 10 of the acknowledgement.
test_expect_success 'answered on time: a timescale not the Code'\''s is shown beside the Code'\''s, with why they differ' '
	fresh_store south-staffordshire &&
	r=$(cpl log --complainant A --service Waste --summary s \
	    --received 2026-03-02) &&
	cpl ack "$r" --date 2026-03-06 &&
	cpl respond "$r" --outcome upheld --date 2026-03-13 &&
	page &&
	grep "data-figure=\"stage1.responded_on_time\"><th rowspan=\"2\">Stage 1</th><th>The policy</th><td class=\"def\">10 working days from the day the complaint was received; plus any extension granted</td><td>1</td><td>1</td><td>100.0</td>" page.html &&
	grep "data-figure=\"stage1.answered_within_10_working_days_of_acknowledgement\"><th>The Code</th><td class=\"def\">10 working days from the acknowledgement" page.html &&
	has "Why the two differ at stage 1: the policy counts its days from the day the complaint was received, the Code from the acknowledgement" &&
	has "Why the two differ at stage 2:"
'

# PSPS answers within 10 (stage 1) and 20 (stage 2) working days of the
# acknowledgement: the Code's timescales.
test_expect_success 'answered on time: a policy with the Code'\''s timescales has one figure a stage' '
	fresh_store psps && one_case && page &&
	has "<th rowspan=\"1\">Stage 1</th><th>The policy</th><td class=\"def\">10 working days from the acknowledgement; plus any extension granted</td>" &&
	has "<th rowspan=\"1\">Stage 2</th><th>The policy</th><td class=\"def\">20 working days from the acknowledgement; plus any extension granted</td>" &&
	test_must_fail 1 grep -q "<th>The Code</th>" page.html &&
	test_must_fail 1 grep -q "Why the two differ" page.html
'

test_expect_success 'the year'\''s figures leave out those zero in both years, and say how many; the appendix has them' '
	fresh_store south-staffordshire && one_case && page &&
	sed -n "/id=\"summary\"/,/id=\"services\"/p" page.html >summary &&
	shown=$(grep -c "<tr data-figure=" summary) &&
	all=$(grep -c "^all," page.csv) &&
	test "$shown" -gt 3 && test "$shown" -lt "$all" &&
	grep -q " $((all - shown)) figures zero in both years are left out." summary &&
	grep -q "<tr data-figure=\"received\">" summary &&
	test_must_fail 1 grep -q "data-figure=\"channel.social\"" summary &&
	has "<tr><td>channel.social<td>0<td>1<td>0.0<td>0<td>0<td>" &&
	test "$(grep -c "^<tr><td>" page.html)" -ge "$(grep -vc "^learning," page.csv)"
'

test_expect_success 'the columns of the year before are labelled, in tables and charts' '
	fresh_store south-staffordshire && one_case && page &&
	sed -n "/id=\"summary\"/,/<\/thead>/p" page.html >head &&
	grep -q "<th colspan=\"3\" class=\"y\">2026</th><th colspan=\"3\" class=\"y prev\">2025, the year before</th>" head &&
	has ">2025, the year before</text>" &&
	has "<th class=\"n prev\">2025, the year before</th>"
'

test_expect_success 'each bar carries its number; no red or green: the outcomes are blue, sky blue and orange' '
	fresh_store south-staffordshire &&
	for o in upheld partly-upheld not-upheld; do
		r=$(cpl log --complainant A --service Waste --summary s \
		    --received 2026-03-02) &&
		cpl respond "$r" --outcome $o --date 2026-03-13 || return 1
	done &&
	page &&
	test "$(grep -c "class=\"v\" data-col=\"value\">" page.html)" = 12 &&
	test "$(grep -c "class=\"v p\" data-col=\"previous_value\">" page.html)" = 12 &&
	grep -q "fill=\"#0072b2\" data-section=\"all\" data-group=\"\" data-figure=\"stage1.outcome.upheld\" data-col=\"value\" data-value=\"1\"/><text [^>]*>1</text>" page.html &&
	grep -q "fill=\"#56b4e9\" data-section=\"all\" data-group=\"\" data-figure=\"stage1.outcome.partly-upheld\"" page.html &&
	grep -q "fill=\"#e69f00\" data-section=\"all\" data-group=\"\" data-figure=\"stage1.outcome.not-upheld\"" page.html &&
	grep -Eoi "#[0-9a-f]{6}\b|#[0-9a-f]{3}\b" page.html | tr A-F a-f | sort -u >colours &&
	printf "%s\n" "#0072b2" "#0b0c0c" "#505a5f" "#56b4e9" "#a0a0a0" \
	    "#b1b4b6" "#e69f00" "#f3f2f1" "#fdf3dc" "#fff" >allowed &&
	test_cmp allowed colours &&
	test_must_fail 1 grep -Eiq "(fill|color|background):? *=? *\"?(red|green)" page.html
'

test_expect_success 'learning and remedies: each once, with the number of complaints and services it came from' '
	fresh_store south-staffordshire &&
	i=0 &&
	for s in Waste Parks Waste Housing; do
		i=$((i + 1)) &&
		r=$(cpl log --complainant "C$i" --service $s --summary s \
		    --received 2026-03-0$((i + 1))) &&
		case $i in
		4) cpl respond "$r" --outcome upheld --date 2026-03-13 \
		    --learning "Train the new crews" ;;
		*) cpl respond "$r" --outcome upheld --date 2026-03-13 \
		    --learning "Check the lane" --remedy "Apology" ;;
		esac || return 1
	done &&
	page &&
	grep "<tr><td>[^<]*</td><td class=\"n\">" page.html >lessons &&
	printf "%s\n" \
	    "<tr><td>Check the lane</td><td class=\"n\">3</td><td>2: Parks, Waste</td></tr>" \
	    "<tr><td>Train the new crews</td><td class=\"n\">1</td><td>1: Housing</td></tr>" \
	    "<tr><td>Apology</td><td class=\"n\">3</td><td>2: Parks, Waste</td></tr>" >want &&
	test_cmp want lessons &&
	test "$(grep -c "^learning," page.csv)" = 7
'

# The Code: acknowledge within 5 working days, answer within 10 of the
# acknowledgement (of receipt while there is none). A: received Mon 2 Mar
# 2026, acknowledged Mon 16 Mar (due Mon 9 Mar: 5 working days late),
# answered Wed 1 Apr (due Mon 30 Mar: 2 late). B: received Mon 2 Nov,
# neither acknowledged (due Mon 9 Nov; today Fri 20 Nov: 9 late) nor
# answered (due Mon 16 Nov: 4 late). C: received Mon 2 Mar, all on time.
# A table a measure, a case a row, by reference.
test_expect_success 'the cases that missed the Code: reference, service, working days late' '
	fresh_store south-staffordshire &&
	a=$(cpl log --complainant A --service Waste --summary s \
	    --received 2026-03-02) &&
	cpl ack "$a" --date 2026-03-16 &&
	cpl respond "$a" --outcome upheld --date 2026-04-01 &&
	b=$(cpl log --complainant B --summary s --received 2026-11-02) &&
	c=$(cpl log --complainant C --service Parks --summary s \
	    --received 2026-03-02) &&
	cpl ack "$c" --date 2026-03-03 &&
	cpl respond "$c" --outcome upheld --date 2026-03-04 &&
	page &&
	sed -n "/<h3>Cases that missed<\/h3>/,/<\/table>/p" page.html |
	    grep -v "^<thead>" >missed &&
	printf "%s\n" "<h3>Cases that missed</h3>" \
	    "<table class=\"narrow missed\">" \
	    "<tbody data-missed=\"stage1.acknowledged_within_5_working_days\"><tr class=\"sub\"><th colspan=\"3\">Stage 1 acknowledgement (5 working days): 2</th></tr>" \
	    "<tr><td>$a</td><td>Waste</td><td class=\"n\">5</td></tr>" \
	    "<tr><td>$b</td><td>(no service recorded)</td><td class=\"n\">9</td></tr>" \
	    "</tbody>" \
	    "<tbody data-missed=\"stage1.answered_within_10_working_days_of_acknowledgement\"><tr class=\"sub\"><th colspan=\"3\">Stage 1 response (10 working days): 2</th></tr>" \
	    "<tr><td>$a</td><td>Waste</td><td class=\"n\">2</td></tr>" \
	    "<tr><td>$b</td><td>(no service recorded)</td><td class=\"n\">4</td></tr>" \
	    "</tbody>" \
	    "</table>" >want &&
	test_cmp want missed
'

# make_generated: 200 generated cases (tests/report-oracle.py), made once.
make_generated() {
	cpl init --policy south-staffordshire &&
	python3 "$SRCDIR/tests/report-oracle.py" build plan.json
}

test_expect_success 'the page of the 113 cases received in 2026 of 200 generated: under 90 KB, its figures the CSV'\''s' '
	test_dir && fixture generated make_generated &&
	page &&
	test "$(grep -c "^all,,received,113," page.csv)" = 1 &&
	size=$(wc -c <page.html) &&
	echo "# $size bytes" >&2 &&
	test "$size" -lt 90000 &&
	read n rows shown <matched &&
	test "$rows" -eq $(($(grep -vc "^learning,\|^ombudsman-decision," page.csv) - 1))
'

test_expect_success '--format pdf is refused, naming every format, html among them' '
	fresh_store south-staffordshire &&
	refused 2 "^complaints: --format '\''pdf'\'' is not one of table, csv, json, html (html: report annual only)$" \
	    cpl report annual --year 2026 --format pdf
'

test_done
