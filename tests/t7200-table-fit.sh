#!/bin/sh
# t7200-table-fit.sh: tables fit the terminal (complaints(1), the table
# format). The width is COLUMNS, else the terminal's, else 80; a long text
# is cut, ending in "…", never wrapped, and no line is wider; --wide
# prints every column and every value whole. Widths are decided before the
# first row (a later, longer row does not move the first). Characters are
# measured by the columns they take (a CJK ideograph two), so columns line
# up, and a cut never splits a character or an escape. Headers are words;
# CSV and JSON keep the field names. Every test makes its own store.
. "$(dirname "$0")/lib.sh"

unset COLUMNS
tty_columns=

# widest FILE: the columns FILE's widest line takes on a terminal.
widest() {
	LC_ALL=C.UTF-8 wc -L <"$1"
}

# fits WIDTH FILE: no line of FILE is wider than WIDTH columns.
fits() {
	w_=$(widest "$2")
	[ "$w_" -le "$1" ] || {
		echo "# $2 is $w_ columns wide, more than $1:" >&2
		sed 's/^/# /' "$2" >&2
		return 1
	}
}

# on_tty COLS ARGS...: the binary's output on a pseudo-terminal COLS
# columns wide (script(1); stty sets its size), without the terminal's
# carriage returns; COLUMNS unset (a shell sets it to the terminal's
# width), or set to $tty_columns when that is set.
on_tty() {
	c_=$1
	shift
	script -qec "stty cols $c_ rows 40; exec env -u COLUMNS \
	    ${tty_columns:+COLUMNS=$tty_columns} \
	    $(printf "'%s' " "$COMPLAINTS" "$@")" /dev/null | tr -d '\r'
}

LONG_SERVICE="Environmental Health and Trading Standards (Food Safety)"
LONG_OFFICER="Alexandra Montgomery-Smythe of the Customer Feedback Team"

# Two open complaints, one with a long service, one a long officer's.
cases() {
	fresh_store south-staffordshire &&
	cpl log --complainant "A Resident" --service "$LONG_SERVICE" \
	    --summary "Food" --received 2026-11-09 >/dev/null &&
	cpl --officer "$LONG_OFFICER" log --complainant "B Resident" \
	    --service Waste --summary "Bins" --received 2026-11-10 >/dev/null
}

test_expect_success 'off a terminal with no COLUMNS, tables fit in 80 columns' '
	cases &&
	cpl list >list.txt && fits 80 list.txt &&
	grep -q "Environ[a-z ]*…\$" list.txt &&
	test "$(grep -c "Food Safety" list.txt)" = 0 &&
	cpl history SSC-2026-00002 >history.txt && fits 80 history.txt &&
	cpl report overdue --within 10 >overdue.txt && test -s overdue.txt &&
	fits 80 overdue.txt &&
	cpl policy list >policies.txt && fits 80 policies.txt &&
	cpl restriction add "A Resident" --kind written-contact-only \
	    --reason "Abusive calls to the Environmental Health team" \
	    --review 2026-12-31 >/dev/null &&
	cpl restriction list >restrictions.txt && fits 80 restrictions.txt &&
	head -n 1 restrictions.txt | grep -q "^id  *complainant  *kind  *review  *lifted  *detail\$" &&
	grep -q "^1  *A Resident  *written-contact-only  *2026-12-31  *-  *-\$" restrictions.txt &&
	cpl restriction list --wide >restrictions.txt &&
	grep -q "Abusive calls to the Environmental Health team" restrictions.txt
'

test_expect_success 'COLUMNS is honoured: narrower, or wide enough for everything' '
	cases &&
	COLUMNS=64 cpl list >list.txt && fits 64 list.txt &&
	COLUMNS=200 cpl list >wide.txt && fits 200 wide.txt &&
	grep -qF "$LONG_SERVICE" wide.txt
'

if command -v script >/dev/null 2>&1 && command -v stty >/dev/null 2>&1; then
	test_expect_success 'on a terminal: the terminal'\''s width, unless COLUMNS says' '
		cases &&
		on_tty 70 list >list.txt && fits 70 list.txt &&
		test "$(widest list.txt)" -gt 60 &&
		grep -q "^SSC-2026-00001 " list.txt &&
		tty_columns=200 && on_tty 70 list >wide.txt &&
		tty_columns= &&
		grep -qF "$LONG_SERVICE" wide.txt
	'
else
	test_skip 'on a terminal: the terminal'\''s width, unless COLUMNS says' \
	    'script(1) or stty is not installed: no pseudo-terminal'
fi

test_expect_success '--wide prints every column and every value whole' '
	cases &&
	cpl list --wide >list.txt &&
	head -n 1 list.txt | grep -q "^ref  *policy  *kind  *status  *stage  *received  *next action  *due  *officer  *service\$" &&
	grep -qF "$LONG_SERVICE" list.txt &&
	grep -qF "$LONG_OFFICER" list.txt &&
	test "$(grep -c "…" list.txt)" = 0 &&
	cpl --wide list >before.txt && test_cmp list.txt before.txt &&
	cpl policy list --wide >policies.txt &&
	grep -q "003_50cec1cf6b230fa6.txt" policies.txt &&
	grep -q "Adult Social Care and Housing)" policies.txt
'

test_expect_success 'headers are words in the table; CSV and JSON keep the field names' '
	cases &&
	cpl list >list.txt &&
	head -n 1 list.txt | grep -q "^ref  *status  *next action  *due  *officer  *service\$" &&
	cpl list --format csv >list.csv &&
	test "$(head -n 1 list.csv)" = "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	test "$(cpl list --format json | jq -r ".[0] | keys_unsorted | join(\",\")")" = \
	    "ref,policy,kind,status,stage,received,next_action,due,officer,service" &&
	test "$(sed -n 2p list.csv | cut -d, -f4)" = open &&
	cpl report overdue --within 10 >overdue.txt &&
	head -n 1 overdue.txt | grep -q "^ref  *action  *due  *overdue by  *officer  *service\$" &&
	test "$(cpl report overdue --within 10 --format csv | head -n 1)" = \
	    "ref,policy,stage,action,due,working_days_overdue,officer,service" &&
	cpl history SSC-2026-00001 >history.txt &&
	head -n 1 history.txt | grep -q "^date  *recorded  *officer  *stage  *action  *detail\$"
'

test_expect_success 'the status column says where a case is: its stage, closed, or what it is' '
	cases &&
	c=$(cpl log --kind comment --complainant C --summary "Nice" \
	    --received 2026-11-11) &&
	cpl close SSC-2026-00002 --reason withdrawn --date 2026-11-12 &&
	cpl list >list.txt &&
	grep -q "^SSC-2026-00001  *stage 1  *" list.txt &&
	grep -q "^SSC-2026-00002  *closed  *" list.txt &&
	grep -q "^$c  *comment  *acknowledge  " list.txt
'

test_expect_success 'widths are set before the first row: a longer row after it moves nothing' '
	fresh_store south-staffordshire &&
	cpl log --complainant A --service Waste --summary s \
	    --received 2026-11-09 >/dev/null &&
	cpl list >one.txt &&
	cpl --officer "$LONG_OFFICER" log --complainant B \
	    --service "$LONG_SERVICE" --summary s --received 2026-11-10 >/dev/null &&
	cpl list >two.txt &&
	head -n 2 one.txt >want && head -n 2 two.txt >got && test_cmp want got
'

# service_at FILE: for each line of FILE but the header, the columns
# before its service (which starts "Svc"), one number a line.
service_at() {
	sed -e 1d -e "s/Svc.*//" "$1" | while IFS= read -r l_; do
		printf "%s\n" "$l_" | LC_ALL=C.UTF-8 wc -L
	done
}

test_expect_success 'CJK and accented names line up, in the C locale and in UTF-8' '
	fresh_store south-staffordshire &&
	for o in "山田太郎" "$(printf "Zoe\314\201 Adams")" "tester" "한국어이름"; do
		cpl --officer "$o" log --complainant A --service "Svc $o" \
		    --summary s --received 2026-11-09 >/dev/null || return 1
	done &&
	for loc in C C.UTF-8; do
		LC_ALL=$loc cpl list >list.txt &&
		service_at list.txt >at &&
		test "$(wc -l <at)" = 4 &&
		test "$(sort -u at | wc -l)" = 1 || {
			echo "# not lined up in $loc:" >&2
			sed "s/^/# /" list.txt >&2
			return 1
		}
	done
'

test_expect_success 'a long CJK text is cut at a whole character, ending in …' '
	fresh_store south-staffordshire &&
	cpl log --complainant A --summary s --received 2026-11-09 \
	    --service "環境衛生課と廃棄物処理課の合同窓口サービス" >/dev/null &&
	for w in 77 78 79 80 81; do
		for loc in C C.UTF-8; do
			COLUMNS=$w LC_ALL=$loc cpl list >list.txt &&
			fits $w list.txt &&
			iconv -f UTF-8 -t UTF-8 list.txt >/dev/null &&
			sed -n 2p list.txt | grep -q "環境.*…\$" || {
				echo "# COLUMNS=$w LC_ALL=$loc:" >&2
				sed "s/^/# /" list.txt >&2
				return 1
			}
		done
	done
'

test_expect_success 'a cut value is still escaped, and never cut inside an escape' '
	fresh_store south-staffordshire &&
	o=$(printf "Eve12345\033[31mRED\033[0m and more") &&
	cpl --officer "$o" log --complainant A --service Waste --summary s \
	    --received 2026-11-09 >/dev/null &&
	COLUMNS=80 cpl list >list.txt &&
	fits 80 list.txt &&
	test "$(LC_ALL=C grep -c "$(printf "\033")" list.txt)" = 0 &&
	grep -q "Eve12345…" list.txt &&
	COLUMNS=80 cpl list --wide >wide.txt &&
	grep -qF "Eve12345\\x1b[31mRED\\x1b[0m and more" wide.txt
'

test_expect_success 'policy list: id, a short name and stages in 80 columns; the seed in policy show' '
	test_dir &&
	cpl policy list >policies.txt &&
	fits 80 policies.txt &&
	head -n 1 policies.txt | grep -q "^id  *name  *stages\$" &&
	grep -q "^southampton  *Southampton City Council  *2\$" policies.txt &&
	grep -q "^psps  *Public Sector Partnership Services Ltd (PSPS)  *2\$" policies.txt &&
	test "$(grep -c "\\.txt" policies.txt)" = 0 &&
	cpl policy show southampton >show.txt &&
	grep -q "003_50cec1cf6b230fa6.txt" show.txt &&
	test "$(cpl policy list --format csv | head -n 1)" = \
	    "id,name,version,seed,calendar,stages" &&
	cpl policy list --format csv | grep -q "^southampton,\"Southampton City Council: Customer Comments"
'

test_done
