#!/bin/sh
# t2710-reference-numbers.sh: case references are PREFIX-YYYY-NNNNN, five
# digits zero-padded, growing to six past 99,999 in a year; list sorts
# them by their number, not as text (SSC-2026-99999 before SSC-2026-100000,
# where text would put it last). list's order: by the day received and,
# among the cases received on one day, in the order they were logged.
# Every test makes its own store in its own directory.
#
# A counter near 99,999 is set in the store's ref_numbers table by hand
# (store_sql); logging 99,999 cases would take too long.
. "$(dirname "$0")/lib.sh"

# fresh NAME: a new store for one test, in the directory NAME.
fresh() {
	test_dir &&
	cpl init --policy south-staffordshire
}

# The references list prints, in its order, one a line (list ARGS...).
refs() {
	cpl list --format csv "$@" | sed 1d | cut -d, -f1
}

test_expect_success 'past 99,999 a reference grows to six digits, and list sorts by number' '
	fresh t1 &&
	first=$(cpl log --complainant "First" --summary s --received 2026-11-02) &&
	test "$first" = SSC-2026-00001 &&
	store_sql "UPDATE ref_numbers SET last = 99998" &&
	for n in 1 2 3; do
		cpl log --complainant "Resident $n" --summary s >>logged || return 1
	done &&
	printf "%s\n" SSC-2026-99999 SSC-2026-100000 SSC-2026-100001 >want &&
	test_cmp want logged &&
	printf "%s\n" SSC-2026-00001 SSC-2026-99999 SSC-2026-100000 \
	    SSC-2026-100001 >want &&
	refs >got && test_cmp want got &&
	refs --status open >got && test_cmp want got &&
	cpl list >table &&
	sed 1d table | cut -d" " -f1 >got && test_cmp want got
'

test_expect_success 'a six-digit reference is a reference like any other' '
	fresh t2 &&
	store_sql "INSERT INTO ref_numbers VALUES ('\''SSC'\'', 2026, 99999)" &&
	ref=$(cpl log --complainant "A Resident" --summary s) &&
	test "$ref" = SSC-2026-100000 &&
	cpl ack ssc-2026-100000 &&
	case_is "$ref" .ref=SSC-2026-100000 \
	    ".stages[0].acknowledged=2026-11-20" &&
	cpl export --format csv >out.csv &&
	grep -q "^SSC-2026-100000," out.csv
'

test_expect_success 'list: by the day received, then in the order logged' '
	fresh t3 &&
	a=$(cpl log --complainant A --summary s --received 2026-11-10) &&
	b=$(cpl log --complainant B --summary s --received 2026-11-02) &&
	c=$(cpl log --policy psps --complainant C --summary s --received 2026-11-10) &&
	d=$(cpl log --complainant D --summary s --received 2026-11-10) &&
	printf "%s\n" "$b" "$a" "$c" "$d" >want &&
	refs >got && test_cmp want got &&
	test "$a $b $c $d" = "SSC-2026-00001 SSC-2026-00002 PSPS-2026-00001 SSC-2026-00003"
'

test_expect_success 'each year numbers from 1 again; list keeps the days in order across years' '
	fresh t4 &&
	store_sql "INSERT INTO ref_numbers VALUES ('\''SSC'\'', 2025, 99999)" &&
	a=$(cpl log --complainant A --summary s --received 2025-12-31) &&
	b=$(cpl log --complainant B --summary s --received 2026-01-02) &&
	c=$(cpl log --complainant C --summary s --received 2025-12-31) &&
	test "$a $b $c" = "SSC-2025-100000 SSC-2026-00001 SSC-2025-100001" &&
	printf "%s\n" "$a" "$c" "$b" >want &&
	refs >got && test_cmp want got
'

test_done
