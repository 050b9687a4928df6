#!/bin/sh
# t7100-list-find.sh: finding a case with list. --complainant finds a
# complainant's cases as a restriction does (by the key of the name);
# --ref-like matches references ("*" and "?", else anywhere within, in any
# case of letters); --search finds every word given in the complainant,
# category, summary or notes, the best match first, and nothing typed is
# taken as the search engine's syntax; --mine lists the officer's open
# cases, the most urgent first; list sorts by what is due next unless
# --sort says otherwise.
#
# Each test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# refs_of ARGS...: the references list ARGS prints (CSV), one a line.
refs_of() {
	cpl list "$@" --format csv >list.csv &&
	sed 1d list.csv | cut -d, -f1
}

# lists REFS ARGS...: list ARGS gives exactly the references REFS
# (space-separated), in that order.
lists() {
	want_=$1
	shift
	: >want &&
	for r_ in $want_; do echo "$r_" >>want; done &&
	refs_of "$@" >got &&
	test_cmp want got
}

# people: a store with the cases of three complainants, their references
# SSC-2026-00001 to SSC-2026-00004.
people() {
	fresh_store &&
	cpl log --complainant "Siân Jones" --service Waste \
	    --summary "Bin missed on Elm Road" --received 2026-11-02 &&
	cpl log --complainant "  SIÂN   JONES " --service Roads \
	    --summary "Pothole" --received 2026-11-03 2>/dev/null &&
	cpl log --complainant "Sian Jones" --service Parks \
	    --summary "Broken swing" --received 2026-11-04 &&
	cpl log --complainant "Bob O'Brien" --service Waste \
	    --category "Missed collection" --summary "Bins left out" \
	    --received 2026-11-05
} >/dev/null

test_expect_success '--complainant: the cases of a name, whatever the case of letters and the spaces' '
	people &&
	lists "SSC-2026-00001 SSC-2026-00002" --complainant "siÂn jones" &&
	lists "SSC-2026-00003" --complainant "SIAN JONES" &&
	lists "SSC-2026-00004" --complainant " bob  o'\''brien" &&
	lists "" --complainant "Jones" &&
	refused 2 "^complaints: --complainant: the name is empty\$" \
	    cpl list --complainant "  "
'

test_expect_success '--complainant with other filters: all must match' '
	people &&
	lists "SSC-2026-00002" --complainant "Siân Jones" --service roads &&
	lists "" --complainant "Siân Jones" --status closed
'

test_expect_success '--ref-like: anywhere within, in any case of letters' '
	people &&
	lists "SSC-2026-00003" --ref-like 0003 &&
	lists "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003 SSC-2026-00004" \
	    --ref-like ssc-2026 --sort ref &&
	lists "" --ref-like PSPS
'

test_expect_success '--ref-like: "*" any run, "?" any one character, the whole reference' '
	people &&
	lists "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003 SSC-2026-00004" \
	    --ref-like "ssc-*" --sort ref &&
	lists "SSC-2026-00004" --ref-like "*4" &&
	lists "SSC-2026-00002" --ref-like "SSC-2026-0000?" --to 2026-11-03 \
	    --from 2026-11-03 &&
	lists "" --ref-like "2026-*" &&
	lists "" --ref-like "SSC-2026-000?"
'

test_expect_success '--ref-like: "%", "_" and "\" are only themselves' '
	people &&
	lists "" --ref-like "SSC_2026" &&
	lists "" --ref-like "%0001" &&
	lists "" --ref-like "SSC\\-2026" &&
	refused 2 "^complaints: --ref-like: the pattern is empty\$" \
	    cpl list --ref-like ""
'

test_expect_success '--search: a word of the summary, category, complainant or notes' '
	people &&
	cpl note SSC-2026-00003 "Rang the parks team about the swing chains" &&
	lists "SSC-2026-00001" --search elm &&
	lists "SSC-2026-00004" --search collection &&
	lists "SSC-2026-00004" --search "o'\''brien" &&
	lists "SSC-2026-00003" --search chains
'

test_expect_success '--search: every word must be found, in any field, any case, any accent' '
	people &&
	cpl note SSC-2026-00001 "Resident rang again" &&
	lists "SSC-2026-00001" --search "ELM rang" &&
	lists "" --search "elm pothole" &&
	lists "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003" \
	    --search "sian jones" --sort ref &&
	lists "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003" \
	    --search "SIÂN" --sort ref
'

test_expect_success '--search: a word ending in "*" finds the words that start so' '
	people &&
	lists "SSC-2026-00001 SSC-2026-00004" --search "bin*" --sort ref &&
	lists "SSC-2026-00001" --search "bin" &&
	lists "SSC-2026-00002" --search "POT*"
'

test_expect_success '--search: nothing typed is search syntax; no text is bad input (2)' '
	people &&
	for q in "NOT elm" "elm OR pothole" "\"elm" "-elm" "elm:" "summary: elm" \
	    "elm)" "NEAR(elm bin)" "^elm" "elm AND" "*" "\"\"" "+" "{summary}: elm"; do
		cpl list --search "$q" --format csv >out 2>err || {
			echo "# --search $q failed" >&2; cat err >&2; return 1; }
		test ! -s err || return 1
	done &&
	lists "" --search "NOT elm" &&
	lists "SSC-2026-00001" --search "\"elm" &&
	lists "" --search "summary: elm" &&
	refused 2 "^complaints: --search: give the words to look for\$" \
	    cpl list --search "  "
'

test_expect_success '--search: the best match first, then by reference' '
	fresh_store &&
	cpl log --complainant A --summary "Noise from the pub, noise every night" \
	    --received 2026-11-03 >/dev/null &&
	cpl log --complainant B --summary "A long letter about parking, bins, the library, the roads and, once, noise" \
	    --received 2026-11-02 >/dev/null &&
	cpl log --complainant C --summary "Fox" --received 2026-11-04 >/dev/null &&
	cpl log --complainant C --summary "Fox" --received 2025-11-04 >/dev/null &&
	lists "SSC-2026-00001 SSC-2026-00002" --search noise &&
	# as good a match: by reference, not as logged
	lists "SSC-2025-00001 SSC-2026-00003" --search fox &&
	# told otherwise, the order asked for
	lists "SSC-2026-00002 SSC-2026-00001" --search noise --sort received &&
	lists "SSC-2026-00002 SSC-2026-00001" --search noise --sort due
'

test_expect_success '--search with the other filters: all must match' '
	people &&
	cpl close SSC-2026-00004 --reason resolved >/dev/null &&
	lists "SSC-2026-00001" --search "bin*" --status open &&
	lists "SSC-2026-00004" --search "bin*" --status closed &&
	lists "SSC-2026-00004" --search "bin*" --complainant "bob o'\''brien"
'

# SQLite-only: the next number of SSC-2026 references is set to 99,999
# without logging 99,998 cases first; so the store is a file on a
# server's run too.
test_expect_success '--sort ref: prefix, year, then the number as a number' '
	test_dir && unset COMPLAINTS_DB &&
	cpl init --policy south-staffordshire &&
	sqlite3 complaints.db "INSERT INTO ref_numbers(prefix, year, last)
	    VALUES ('\''SSC'\'', 2026, 99998)" &&
	cpl log --complainant A --summary s --received 2026-11-02 >/dev/null &&
	cpl log --complainant B --summary s --received 2026-11-02 >/dev/null &&
	cpl log --complainant C --summary s --received 2025-11-03 >/dev/null &&
	cpl log --policy psps --complainant D --summary s \
	    --received 2026-11-02 >/dev/null &&
	lists "PSPS-2026-00001 SSC-2025-00001 SSC-2026-99999 SSC-2026-100000" \
	    --sort ref &&
	lists "SSC-2025-00001 SSC-2026-99999 SSC-2026-100000 PSPS-2026-00001" \
	    --sort received
'

# desk: a store of open and closed cases (today 2026-11-20, acknowledgements
# due 5 working days after received, responses 10 working days after):
#   00001 received 11-02, acknowledgement due 11-09
#   00002 received 10-01, answered: nothing due
#   00003 received 11-16, acknowledgement due 11-23
#   00004 received 09-01, closed
#   00005 received 11-03, acknowledgement due 11-10
#   00006 a comment, received 11-04: nothing due
#   00007 received 11-02, acknowledged: response due 11-16
#   00008 received 11-09, acknowledgement due 11-16
#   00009 received 08-03, closed
#   00010 received 11-02 (logged after 00001), acknowledgement due 11-09
desk() {
	fresh_store &&
	cpl log --complainant A --received 2026-11-02 &&
	cpl log --complainant B --received 2026-10-01 &&
	cpl respond SSC-2026-00002 --outcome upheld --date 2026-10-05 &&
	cpl log --complainant C --received 2026-11-16 &&
	cpl log --complainant D --received 2026-09-01 &&
	cpl close SSC-2026-00004 --reason resolved --date 2026-09-02 &&
	cpl log --complainant E --received 2026-11-03 &&
	cpl log --kind comment --complainant F --received 2026-11-04 &&
	cpl --officer kim log --complainant G --received 2026-11-02 &&
	cpl ack SSC-2026-00007 --date 2026-11-03 &&
	cpl --officer kim log --complainant H --received 2026-11-09 &&
	cpl log --complainant I --received 2026-08-03 &&
	cpl close SSC-2026-00009 --reason withdrawn --date 2026-08-04 &&
	cpl --officer KIM log --complainant J --received 2026-11-02
} >/dev/null 2>&1

test_expect_success 'list sorts by what is due next: due first, then nothing due, then closed' '
	desk &&
	lists "SSC-2026-00001 SSC-2026-00010 SSC-2026-00005 SSC-2026-00007
	    SSC-2026-00008 SSC-2026-00003 SSC-2026-00002 SSC-2026-00006
	    SSC-2026-00009 SSC-2026-00004" &&
	lists "SSC-2026-00001 SSC-2026-00010 SSC-2026-00005 SSC-2026-00007
	    SSC-2026-00008 SSC-2026-00003 SSC-2026-00002 SSC-2026-00006
	    SSC-2026-00009 SSC-2026-00004" --sort due &&
	# the next action and its due day say why
	grep "^SSC-2026-00001," list.csv | grep -q ",acknowledge,2026-11-09," &&
	grep "^SSC-2026-00007," list.csv | grep -q ",respond,2026-11-16," &&
	grep "^SSC-2026-00002," list.csv | grep -q ",none,," &&
	grep "^SSC-2026-00006," list.csv | grep -q ",acknowledge,,"
'

test_expect_success 'the order is the same in every format, and with filters' '
	desk &&
	cpl list --format json | jq -r ".[].ref" >json.refs &&
	refs_of >csv.refs &&
	test_cmp csv.refs json.refs &&
	cpl list >table && sed 1d table | cut -d" " -f1 >table.refs &&
	test_cmp csv.refs table.refs &&
	lists "SSC-2026-00009 SSC-2026-00004" --status closed &&
	lists "SSC-2026-00001 SSC-2026-00010 SSC-2026-00005 SSC-2026-00007
	    SSC-2026-00008 SSC-2026-00003 SSC-2026-00002 SSC-2026-00006" \
	    --status open &&
	lists "SSC-2026-00010 SSC-2026-00007 SSC-2026-00008" --officer kim
'

test_expect_success '--sort received: by the day received, then as logged' '
	desk &&
	lists "SSC-2026-00009 SSC-2026-00004 SSC-2026-00002 SSC-2026-00001
	    SSC-2026-00007 SSC-2026-00010 SSC-2026-00005 SSC-2026-00006
	    SSC-2026-00008 SSC-2026-00003" --sort received &&
	refused 2 "^complaints: --sort .soon. is not one of due, received, ref\$" \
	    cpl list --sort soon
'

test_expect_success '--mine: the officer'\''s open cases, the most urgent first' '
	desk &&
	cpl --officer kim close SSC-2026-00008 --reason withdrawn >/dev/null &&
	COMPLAINTS_OFFICER=Kim cpl list --mine --format csv >mine.csv &&
	sed 1d mine.csv | cut -d, -f1 >got &&
	printf "SSC-2026-00010\nSSC-2026-00007\n" >want && test_cmp want got &&
	lists "SSC-2026-00010 SSC-2026-00007" --officer "KIM " --mine &&
	lists "SSC-2026-00001 SSC-2026-00005 SSC-2026-00003 SSC-2026-00002
	    SSC-2026-00006" --mine &&
	lists "SSC-2026-00007" --mine --officer kim --ref-like 7 &&
	refused 2 "^complaints: --mine lists open cases, not with --status closed\$" \
	    cpl list --mine --status closed
'

test_done
