#!/bin/sh
# t8000-letter.sh: complaints letter: each letter a seed prescribes, filled
# from the case, with every element the seed requires it to state (found
# by its text), the dates in words equal to show's deadlines; --sent
# records it; user text is never read as markup; the HTML page prints on
# A4. Every test works in a directory of its own.
. "$(dirname "$0")/lib.sh"

# staffs_case: South Staffordshire, received Wed 2026-04-01 (Good Friday
# 3 April and Easter Monday 6 April inside the period); its reference in
# $r.
staffs_case() {
	fresh_store south-staffordshire &&
	r=$(cpl log --complainant "Ann Other" --service Waste --channel email \
	    --summary "Bin missed twice" --received 2026-04-01)
}

test_on staffs_case 'acknowledgement (seed 001 §5): the reply date in words, as show works it out over Easter; --sent is the acknowledgement' '
	COMPLAINTS_TODAY=2026-04-02 cpl letter "$r" acknowledgement --sent \
	    --via email --date 2026-04-02 >ack.txt &&
	test "$(stage_due "$r" 1 response_due)" = 2026-04-17 &&
	file_has ack.txt "$r" "Dear Ann Other," "Thursday 2 April 2026" \
	    "Wednesday 1 April 2026" "$(date_in_words 2026-04-17)" \
	    "customerfeedback@sstaffs.gov.uk" &&
	case_is "$r" ".stages[0].acknowledged=2026-04-02" &&
	cpl history "$r" --format csv >h && grep -q "letter-sent" h &&
	grep -q "acknowledgement letter sent by email" h &&
	refused 1 "was acknowledged on 2026-04-02" \
	    cpl letter "$r" acknowledgement --sent --date 2026-04-03
'

test_on staffs_case 'holding reply --sent: the extension granted, the complainant told, the new date in words' '
	cpl ack "$r" --date 2026-04-02 &&
	cpl letter "$r" holding-reply --days 5 --reason "Waiting for the crew" \
	    --sent --via post --date 2026-04-08 >hold.txt &&
	case_is "$r" ".stages[0].extensions[0].days=5" &&
	file_has hold.txt "Waiting for the crew" "$(date_in_words "$(stage_due "$r" 1 response_due)")" \
	    "Local Government and Social Care Ombudsman" &&
	refused 2 "go together" cpl letter "$r" holding-reply --days 5 --sent
'

test_on staffs_case 'response, partly upheld: outcome, remedies, the review request window to the day (the May bank holiday in it), then the final response with the ombudsman' '
	cpl ack "$r" --date 2026-04-02 &&
	refused 1 "must state the outcome (.outcome., seed 001 §5" \
	    cpl letter "$r" response &&
	cpl respond "$r" --outcome partly-upheld --remedy "Apology" \
	    --remedy "Extra collection" --date 2026-04-10 &&
	cpl letter "$r" response --date 2026-04-10 >resp.txt &&
	file_has resp.txt "partly upheld" "- Apology" "- Extra collection" \
	    "Stage 2 - Review" "$(date_in_words 2026-05-11)" &&
	cpl escalate "$r" --reason "Still missed" --date 2026-04-20 &&
	cpl --officer kjones ack "$r" --date 2026-04-21 &&
	cpl --officer kjones respond "$r" --outcome not-upheld \
	    --date 2026-05-01 &&
	printf "We looked at every collection.\n" >body.txt &&
	cpl letter "$r" response --body body.txt >final.txt &&
	file_has final.txt "not upheld" "We looked at every collection." \
	    "Local Government and Social Care Ombudsman" "PO Box 4771" \
	    "CV4 0EH" "0300 061 0614" "www.lgo.org.uk"
'

test_on staffs_case 'the HTML final response gives the ombudsman'"'"'s name, each line of its address, its telephone and its website a line each' '
	cpl ack "$r" --date 2026-04-02 &&
	cpl respond "$r" --outcome not-upheld --date 2026-04-10 &&
	cpl escalate "$r" --reason "Still missed" --date 2026-04-20 &&
	cpl --officer kjones ack "$r" --date 2026-04-21 &&
	cpl --officer kjones respond "$r" --outcome not-upheld \
	    --date 2026-05-01 &&
	cpl letter "$r" response --format html >final.html &&
	# The lines a browser shows: a line break in the HTML source is a
	# space, <br /> and the end of a paragraph end a line.
	tr "\n" " " <final.html |
	    sed "s|<br />|\n|g; s|</p>|\n|g; s|<[^>]*>||g" |
	    sed "s/^ *//; s/ *$//" >lines &&
	for l in "Local Government and Social Care Ombudsman" "PO Box 4771" \
	    "Coventry" "CV4 0EH" "Telephone: 0300 061 0614" \
	    "Website: www.lgo.org.uk"; do
		grep -qxF -- "$l" lines || { echo "# no line '"'"'$l'"'"'" >&2; return 1; }
	done
'

test_expect_success 'southampton: a housing matter final response names the Housing Ombudsman with its contact details (seed 003 §23)' '
	fresh_store southampton &&
	r=$(cpl log --complainant "Tenant" --service Housing \
	    --summary "Damp" --received 2026-03-02) &&
	cpl respond "$r" --outcome not-upheld --date 2026-03-10 &&
	cpl escalate "$r" --reason "Still damp" --date 2026-03-11 &&
	cpl --officer senior respond "$r" --outcome upheld --remedy "Repair" \
	    --date 2026-03-20 &&
	cpl letter "$r" response >final.txt &&
	file_has final.txt "Housing Ombudsman Service" "81 Aldwych" "WC2B 4HN" \
	    "0300 111 3000" "info@housing-ombudsman.org.uk" \
	    "www.housing-ombudsman.org.uk" "- Repair" &&
	test_must_fail 1 grep -q "Local Government" final.txt
'

test_expect_success 'corporate procedure: the acknowledgement needs the contact the seed names (002 §7), the policy gives none' '
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant "Pat" --summary "Noise" \
	    --received 2026-03-02) &&
	refused 1 "must state how to contact the officer or section dealing with it (.contact., seed 002 §7" \
	    cpl letter "$r" acknowledgement --sent &&
	case_is "$r" ".stages[0].acknowledged=null"
'

test_expect_success 'policy check: a template that cannot write a required element is refused at the requires entry' '
	test_dir && cp -R "$SRCDIR/policies" pol &&
	sed -i "/{{ombudsman_website}}/d" pol/letters/buckinghamshire/response-stage2.tmpl &&
	test_must_fail 4 cpl policy check pol/buckinghamshire.yaml >out 2>err &&
	line=$(grep -n "requires: \[outcome, ombudsman, ombudsman_website\]" pol/buckinghamshire.yaml | cut -d: -f1) &&
	one_line_error err "^complaints: pol/buckinghamshire.yaml:$line:[0-9]*: letter .response-stage2. must state the ombudsman.s website (.ombudsman_website.)" &&
	cp "$SRCDIR/policies/letters/buckinghamshire/response-stage2.tmpl" \
	    pol/letters/buckinghamshire/ &&
	printf "Dear {{complainant}\n" >pol/letters/buckinghamshire/refusal.tmpl &&
	test_must_fail 4 cpl policy check pol/buckinghamshire.yaml 2>err &&
	one_line_error err "refusal.tmpl:1:6: .{{. is not closed"
'

test_expect_success 'hostile text is shown as typed, in text and in HTML' '
	fresh_store south-staffordshire &&
	esc=$(printf "\033[31mred") &&
	r=$(cpl log --complainant "<b>*Bob*</b>" \
	    --summary "[x](javascript:alert(1)) $esc <script>x</script>" \
	    --received 2026-03-02) &&
	cpl letter "$r" acknowledgement >a.txt &&
	file_has a.txt "Dear <b>*Bob*</b>," "[x](javascript:alert(1))" \
	    "\\x1b[31mred" "<script>x</script>" &&
	test_must_fail 1 grep -q "$(printf "\033")" a.txt &&
	cpl letter "$r" acknowledgement --format html >a.html &&
	file_has a.html "Dear &lt;b&gt;*Bob*&lt;/b&gt;," "[x](javascript:alert(1))" \
	    "&lt;script&gt;x&lt;/script&gt;" "@page { size: A4" &&
	test_must_fail 1 grep -qi "<script\|href=\|<b>\|<em>\|src=" a.html
'

test_expect_success '--out: written whole, readable by its owner only, a link replaced not followed' '
	fresh_store south-staffordshire &&
	r=$(cpl log --complainant "Ann" --received 2026-03-02) &&
	echo keep >target && ln -s target link &&
	cpl letter "$r" acknowledgement --out link &&
	test "$(cat target)" = keep && test ! -L link &&
	test "$(stat -c %a link)" = 600 && file_has link "Dear Ann,"
'

test_expect_success 'purge: no byte of a sent letter is left in the store' '
	fresh_store south-staffordshire &&
	r=$(cpl log --complainant "Ann" --summary "Zqxmarker" \
	    --received 2019-03-01) &&
	cpl letter "$r" acknowledgement --sent --date 2019-03-01 >/dev/null &&
	cpl close "$r" --reason withdrawn --date 2019-03-05 &&
	cpl purge --yes --closed-before 2020-10-30 >/dev/null &&
	# SQLite-only: the store files themselves are searched.
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		test_must_fail 1 env LC_ALL=C grep -q "Zqxmarker" $f || return 1
	done
'

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

if [ -n "$why" ]; then
	test_skip "the HTML letter printed to PDF: $why"
else
test_on staffs_case 'the HTML letter prints on A4 with every required element' '
	cpl ack "$r" --date 2026-04-02 &&
	cpl respond "$r" --outcome upheld --remedy "Apology" --date 2026-04-10 &&
	cpl letter "$r" response --format html --date 2026-04-10 >l.html &&
	rm -rf profile && mkdir profile &&
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --user-data-dir="$PWD/profile" --no-pdf-header-footer \
	    --print-to-pdf="$PWD/l.pdf" "file://$PWD/l.html" >chromium.log 2>&1 &&
	pdftotext l.pdf - | tr -s " \n\f" "   " >l.txt &&
	file_has l.txt "$r" "upheld" "Apology" "Stage 2 - Review" \
	    "$(date_in_words 2026-05-11)" "Local Government and Social Care Ombudsman" &&
	pdfinfo l.pdf | grep -q "^Page size: .* pts (A4)"
'
fi

test_done
