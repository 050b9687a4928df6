#!/bin/sh
# t8250-report-generated.sh: report annual and report summary --by on a
# store of 4,000 generated cases (bench/gen-cases.sql, made as
# bench/report-scale.sh makes its stores: the four kinds, both stages,
# extensions, ombudsman referrals, remedies and learning, 12 services, 60
# officers, over 2019-2026) give the figures they gave when every total
# was counted on its own and the cases that missed a measure were held in
# memory: each CSV the same, byte for byte, as its copy in tests/t8250/
# (written by the build before), and the HTML page showing the same
# figures and cases that missed as the CSV (tests/report-html.py match):
# on a server (pg/t8250) too, the same bytes.
# Every test makes its own copy of the store.
. "$(dirname "$0")/lib.sh"

# make_generated: complaints.db, as bench/report-scale.sh makes a store:
# one case logged under each seed policy, so that their texts are stored,
# then the generated cases, then the keys of their names.
make_generated() {
	cpl init --policy south-staffordshire &&
	for p in south-staffordshire psps corporate-procedure southampton \
	    buckinghamshire; do
		ref=$(cpl log --policy "$p" --complainant Seed --summary seed \
		    --received 2018-06-04) &&
		cpl close "$ref" --reason withdrawn --date 2018-06-04 ||
		return 1
	done &&
	# SQLite-only: the generator writes its rows straight into the store
	# (as the benchmark does), which brings what an import does not:
	# extensions, referrals, remedies and learning. On a server too: a
	# fixture's store is made in a file and copied whole to the server
	# (fixture, tests/lib.sh), where the reports run. The generated names
	# are ASCII, single-spaced and trimmed, so their keys are the names
	# in lower case, as the generator keeps them.
	{
		echo "CREATE TEMP TABLE params(n INTEGER);" \
		    "INSERT INTO params VALUES (4000);" &&
		cat "$SRCDIR/bench/gen-cases.sql"
	} | sqlite3 -batch -bail complaints.db >/dev/null
}

# same_as NAME CMD...: CMD's output is tests/t8250/NAME.
same_as() {
	n_=$1
	shift
	"$@" >"$n_" && test_cmp "$SRCDIR/tests/t8250/$n_" "$n_"
}

test_expect_success 'generated: every kind, both stages, extensions, referrals, learning' '
	test_dir && fixture generated make_generated &&
	cpl report summary --from 2019-01-01 --to 2026-11-20 --format csv \
	    >all.csv &&
	for f in received.comment received.compliment \
	    received.service-request stage2.opened stage1.extended \
	    ombudsman.referred; do
		grep "^all,,$f," all.csv >row &&
		test "$(cut -d, -f4 row)" -gt 0 || return 1
	done &&
	cpl report annual --year 2025 --format csv >annual.csv &&
	test "$(grep -c "^learning," annual.csv)" -gt 10
'

test_expect_success 'generated: report annual --year 2025, CSV as before' '
	test_dir && fixture generated make_generated &&
	same_as annual-2025.csv cpl report annual --year 2025 --format csv &&
	f=stage1.answered_within_10_working_days_of_acknowledgement &&
	grep -q "^self-assessment,6.3,$f,.*,[A-Z]*-2025-[0-9]* " annual-2025.csv
'

test_expect_success 'generated: report annual --year 2024 --financial-year, CSV as before' '
	test_dir && fixture generated make_generated &&
	same_as annual-2024-fy.csv \
	    cpl report annual --year 2024 --financial-year --format csv
'

test_expect_success 'generated: report annual --year 2025, the page shows the CSV' '
	test_dir && fixture generated make_generated &&
	cpl report annual --year 2025 --format csv >annual.csv &&
	cpl report annual --year 2025 --format html >annual.html &&
	python3 "$SRCDIR/tests/report-html.py" match annual.html annual.csv \
	    >matched &&
	grep -c "<tbody data-missed=" annual.html >n &&
	test "$(cat n)" -ge 3
'

for by in service officer month; do
	test_expect_success "generated: report summary --by $by, CSV as before" '
		test_dir && fixture generated make_generated &&
		same_as summary-$by.csv cpl report summary --from 2025-01-01 \
		    --to 2025-12-31 --by $by --format csv
	'
done

test_expect_success 'generated: report summary, CSV as before' '
	test_dir && fixture generated make_generated &&
	same_as summary.csv cpl report summary --from 2025-01-01 \
	    --to 2025-12-31 --format csv
'

test_done
