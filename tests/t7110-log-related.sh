#!/bin/sh
# t7110-log-related.sh: log warns, on one line of standard error, when the
# same complainant (their name in any case of letters, as restrictions
# find it) already has an open case about the same service received in
# the 30 days up to this one: the same complaint logged twice, or a
# related one to answer together. The case is logged all the same (exit
# 0, its reference on standard output). import warns so of each row,
# FILE:LINE, once the row's case is as the file leaves it.
#
# Each test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# first: a store holding one open case of Ann Smith's about Waste,
# received 2026-11-02 (SSC-2026-00001).
first() {
	fresh_store &&
	cpl log --complainant "Ann Smith" --service Waste --summary "Bin missed" \
	    --received 2026-11-02 >/dev/null
}

# warned REF TEXT: the command's standard error (err) is the one warning
# naming REF, and holding TEXT.
warned() {
	one_line_error err "^complaints: warning: possible duplicate or related case: .$1. $2" &&
	grep -q "of the same complainant about the same service; related issues can be answered together\$" err
}

test_expect_success 'the same complainant and service, 18 days later: logged, and warned of the open case' '
	first &&
	cpl log --complainant "  ANN   smith" --service " waste" \
	    --summary "Bin missed again" --received 2026-11-20 >out 2>err &&
	echo SSC-2026-00002 >expect && test_cmp expect out &&
	warned SSC-2026-00001 "(open, received 2026-11-02) is" &&
	case_is SSC-2026-00002 .status=open .complainant="  ANN   smith"
'

test_expect_success 'received 30 days after: warned; 31 days after: not' '
	fresh_store &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-10-01 >/dev/null &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-10-31 >out 2>err &&
	warned SSC-2026-00001 "(open, received 2026-10-01) is" &&
	fresh_store &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-10-01 >/dev/null &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-01 >out 2>err &&
	test ! -s err
'

test_expect_success 'no warning: another service, another complainant, a closed case, an earlier day, anonymous' '
	first &&
	cpl log --complainant "Ann Smith" --service Roads --summary s \
	    --received 2026-11-10 >out 2>err && test ! -s err &&
	cpl log --complainant "Ann Smyth" --service Waste --summary s \
	    --received 2026-11-10 >out 2>err && test ! -s err &&
	cpl log --complainant "Ann Smith" --summary s \
	    --received 2026-11-10 >out 2>err && test ! -s err &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-10-30 >out 2>err && test ! -s err &&
	cpl log --anonymous --service Waste --summary s \
	    --received 2026-11-10 >out 2>err && test ! -s err &&
	cpl close SSC-2026-00001 --reason resolved --date 2026-11-10 &&
	cpl close SSC-2026-00005 --reason resolved --date 2026-11-10 &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-11 >out 2>err && test ! -s err &&
	test "$(cat out)" = SSC-2026-00007 &&
	# and the next one is warned of that one
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-12 >out 2>err &&
	warned SSC-2026-00007 "(open, received 2026-11-11) is"
'

test_expect_success 'cases naming no service: warned of one another' '
	fresh_store &&
	cpl log --complainant "Ann Smith" --summary s --received 2026-11-02 \
	    >/dev/null &&
	cpl log --complainant "Ann Smith" --summary s --received 2026-11-03 \
	    >out 2>err &&
	warned SSC-2026-00001 "(open, received 2026-11-02)"
'

test_expect_success 'several open: the latest named, and how many more' '
	first &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-09 >/dev/null 2>&1 &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-05 >/dev/null 2>&1 &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-12 >out 2>err &&
	warned SSC-2026-00002 "(open, received 2026-11-09) and 2 more are"
'

test_expect_success 'a comment of the same complainant counts too; the warning comes with any other' '
	fresh_store &&
	cpl log --kind comment --complainant "Ann Smith" --service Waste \
	    --summary s --received 2026-11-02 >/dev/null &&
	cpl restriction add "Ann Smith" --kind written-contact-only \
	    --reason "Calls" --review 2027-01-04 >/dev/null &&
	cpl log --complainant "Ann Smith" --service Waste --summary s \
	    --received 2026-11-03 >out 2>err &&
	test "$(wc -l <err)" = 2 &&
	grep -q "^complaints: warning: .Ann Smith. is under restriction 1" err &&
	grep -q "^complaints: warning: possible duplicate or related case: .SSC-2026-00001. (open, received 2026-11-02) is" err
'

test_expect_success 'import: each row warned of, FILE:LINE, when its case stays open' '
	first &&
	cat >rows.csv <<-\EOF &&
	complainant,service,summary,received,closed,close_reason
	ann smith,Waste,Again,2026-11-05,,
	Bob Jones,Waste,New,2026-11-05,,
	Ann Smith,WASTE,Settled,2026-11-06,2026-11-07,resolved
	Ann Smith,Waste,Third,2026-11-09,,
	EOF
	cpl import rows.csv >out 2>err &&
	test "$(cat out)" = "imported 4, skipped 0 as duplicates, rejected 0" &&
	test "$(wc -l <err)" = 2 &&
	grep -q "^rows.csv:2: warning: possible duplicate or related case: .SSC-2026-00001. (open, received 2026-11-02) is" err &&
	grep -q "^rows.csv:5: warning: possible duplicate or related case: .SSC-2026-00002. (open, received 2026-11-05) and 1 more are" err
'

test_done
