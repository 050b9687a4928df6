#!/bin/sh
# t6500-personal-data.sh: the store holds residents' personal data
# (README: Store; seed 001 §8: access audited, data destroyed securely
# after retention). It is refused when others may read it; history lists
# every change with who and when; with --audit-reads, who viewed or
# exported which case is recorded; purge removes the personal data of
# cases closed before the retention date, keeping the figures, and leaves
# no byte of it in the file. Every test makes its own store in its own
# directory.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# at DAY ARGS...: the binary as of DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

# keep_me: a new store in this test's directory, with one case; its
# reference in $ref.
keep_me() {
	fresh_store &&
	ref=$(cpl log --complainant "Keep Me" --summary s --received 2026-03-02)
}

# Three cases closed in 2019, 2020 and 2026; a restriction on the first
# complainant, who has no other case.
#
# make_purge: a store holding them, their references in the file refs.
make_purge() {
	cpl init --policy south-staffordshire &&
	old=$(at 2019-06-30 log --complainant "Purge Mepleasename" \
	    --contact "07700 900123" --summary "A very private matter" \
	    --received 2019-03-04) &&
	at 2019-06-30 ack "$old" --date 2019-03-05 &&
	at 2019-06-30 respond "$old" --outcome upheld \
	    --remedy "Apology to Mr Mepleasename" --date 2019-03-11 &&
	at 2019-06-30 close "$old" --reason resolved --date 2019-03-12 &&
	at 2019-06-30 restriction add "Purge Mepleasename" \
	    --kind written-contact-only --reason "Calls to Mr Mepleasename" \
	    --review 2019-12-01 --date 2019-04-01 >/dev/null &&
	mid=$(cpl log --complainant "Twenty Twenty" --summary "Also private" \
	    --received 2020-05-04) &&
	cpl close "$mid" --reason withdrawn --date 2020-05-06 &&
	new=$(cpl log --complainant "Recent Person" --summary "Fresh" \
	    --received 2026-09-01) &&
	cpl close "$new" --reason resolved --date 2026-09-02 &&
	echo "$old $mid $new" >refs
}

# make_purged: make_purge, and the two closed before 2020-10-30 purged,
# the purge's list in purged.csv.
make_purged() {
	make_purge &&
	cpl purge --yes --closed-before 2020-10-30 --format csv >purged.csv
}

# purge_cases, purged_cases: a copy of one of those stores in this test's
# directory (each made once), the references in $old, $mid and $new.
purge_cases() {
	test_dir && fixture purge make_purge && read -r old mid new <refs
}
purged_cases() {
	test_dir && fixture purged make_purged && read -r old mid new <refs
}

# closed_2019 NAME: a new store in this test's directory holding a case of
# NAME's, closed in 2019; its reference in $r.
closed_2019() {
	fresh_store &&
	r=$(cpl log --complainant "$1" --summary "Held" --received 2019-03-04) &&
	cpl close "$r" --reason withdrawn --date 2019-03-05
}

sqlite_only "a file's mode; a server's access is its roles and grants" \
    'a store others may read is refused (3), with the fix in the message' '
	keep_me &&
	dump_db >before &&
	chmod 640 complaints.db &&
	test_must_fail 3 cpl show "$ref" >out 2>err &&
	one_line_error err "mode is 640, open to others: make it the owner.s only (.chmod 600 complaints.db.)" &&
	test_must_fail 3 cpl log --complainant X --summary s >out 2>err &&
	chmod 600 complaints.db &&
	dump_db >after && test_cmp before after &&
	cpl show "$ref" >/dev/null
'

test_expect_success 'history: every change, the day it happened, when it was entered, by whom' '
	keep_me &&
	cpl --officer alice ack "$ref" --date 2026-03-03 &&
	cpl --officer bob note "$ref" "Rang the resident" --date 2026-03-04 &&
	cpl history "$ref" --format csv >h.csv &&
	head -1 h.csv | grep -q "^date,recorded,officer,stage,action,detail\$" &&
	sed -n 2p h.csv | grep -q "^2026-03-02,20[0-9-]*T[0-9:.]*Z,tester,1,logged,complaint\$" &&
	sed -n 3p h.csv | grep -q "^2026-03-03,.*,alice,1,acknowledged,\$" &&
	sed -n 4p h.csv | grep -q "^2026-03-04,.*,bob,1,note,Rang the resident\$" &&
	test "$(wc -l <h.csv)" = 4 &&
	refused 1 "no case .NOPE." cpl history NOPE
'

test_expect_success 'reads are not recorded until the store is told to audit them' '
	keep_me &&
	dump_db >before &&
	cpl show "$ref" >/dev/null &&
	cpl history "$ref" >/dev/null &&
	cpl export >/dev/null &&
	dump_db >after &&
	test_cmp before after &&
	cpl history "$ref" --format csv >h.csv &&
	test_must_fail 1 grep -q -e ",viewed," -e ",exported," h.csv
'

# The store's own event that reads are audited, which no command lists,
# is read from its table.
test_expect_success 'init --audit-reads on: show, history and export are recorded, with who' '
	keep_me &&
	cpl init --audit-reads on &&
	cpl --officer carol show "$ref" >/dev/null &&
	cpl --officer dave history "$ref" >/dev/null &&
	cpl --officer erin export >/dev/null &&
	cpl history "$ref" --format csv >h.csv &&
	grep -q ",carol,1,viewed,\$" h.csv &&
	grep -q ",dave,1,viewed,\$" h.csv &&
	grep -q ",erin,1,exported,\$" h.csv &&
	test "$(store_sql "SELECT count(*) FROM events WHERE action = '\''audit-reads'\'' AND detail = '\''on'\''")" = 1
'

# An account with no name at all can't read where reads are audited:
# tests/t7300-officer.sh.
test_expect_success 'with --audit-reads, a read with no officer named is the account'"'"'s; off again, nothing recorded' '
	keep_me &&
	cpl init --audit-reads on &&
	(unset USER LOGNAME COMPLAINTS_OFFICER; "$COMPLAINTS" show "$ref" \
	    >/dev/null) &&
	cpl history "$ref" --format csv >h.csv &&
	grep -q ",$(id -un),1,viewed,\$" h.csv &&
	refused 2 "--audit-reads .maybe. is not on or off" cpl init --audit-reads maybe &&
	cpl init --audit-reads off &&
	dump_db >before &&
	cpl show "$ref" >/dev/null &&
	dump_db >after &&
	test_cmp before after
'

test_expect_success 'cases closed long ago, and one recently: each command done' '
	purge_cases
'

test_expect_success 'purge without --closed-before: these policies set no retention period (2)' '
	purge_cases &&
	refused 2 "policy .south-staffordshire. sets no retention period" cpl purge
'

test_expect_success 'purge --dry-run: what would go, nothing changed' '
	purge_cases &&
	dump_db >before &&
	cpl purge --closed-before 2020-10-30 --dry-run --format csv >out &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-12\n%s,south-staffordshire,2020-05-06\n" \
	    "$old" "$mid" >expect &&
	test_cmp expect out &&
	dump_db >after && test_cmp before after
'

test_expect_success 'purge --closed-before: personal data gone, the figures kept' '
	purged_cases &&
	test "$(sed 1d purged.csv | wc -l)" = 2 &&
	cpl show "$old" --format json >old.json &&
	test "$(jfield .complainant <old.json)" = null &&
	test "$(jfield .contact <old.json)" = null &&
	test "$(jfield .summary <old.json)" = null &&
	test "$(jfield .purged <old.json)" = 2026-10-30 &&
	test "$(jfield .stages[0].remedies <old.json)" = "[]" &&
	# what the reports count is kept
	test "$(jfield .kind <old.json)" = complaint &&
	test "$(jfield .received <old.json)" = 2019-03-04 &&
	test "$(jfield .stages[0].acknowledged <old.json)" = 2019-03-05 &&
	test "$(jfield .stages[0].outcome <old.json)" = upheld &&
	test "$(jfield .close_reason <old.json)" = resolved &&
	test "$(hist_actions <old.json)" = "logged acknowledged responded closed purged" &&
	# the recent case is untouched
	test "$(cpl show "$new" --format json | jfield .complainant)" = "Recent Person" &&
	# the restriction went with its complainant
	cpl restriction list --all --format csv >restrictions.csv &&
	test "$(wc -l <restrictions.csv)" = 1
'

# lacks FILE TEXT: no byte of FILE spells TEXT.
lacks() {
	test_must_fail 1 env LC_ALL=C grep -q "$2" "$1" ||
	{ echo "# \"$2\" in $1" >&2; false; }
}

sqlite_only "the store's files themselves are searched; complaints-purge(1) says what a server keeps" \
    'no byte of the purged data is left in the file (or its log)' '
	purged_cases &&
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		lacks $f "Mepleasename" && lacks $f "07700 900123" &&
		lacks $f "A very private matter" && lacks $f "Twenty Twenty" ||
		return 1
	done &&
	# and a kept case'\''s name is found, so the search could find one
	LC_ALL=C grep -c "Recent Person" complaints.db >/dev/null
'

test_expect_success 'a purged case still counts in the reports' '
	purged_cases &&
	cpl report summary --from 2019-01-01 --to 2019-12-31 --format csv >s.csv &&
	grep -q "^all,,received,1,," s.csv &&
	grep -q "^all,,stage1.outcome.upheld,1,1," s.csv
'

test_expect_success 'purge again: nothing more to do; a future date is bad input' '
	purged_cases &&
	cpl purge --yes --closed-before 2020-10-30 >out && test ! -s out &&
	refused 2 "--closed-before: 2030-01-01 is after today" \
	    cpl purge --closed-before 2030-01-01
'

test_expect_success 'a purged case takes no note, reopening or referral (1)' '
	purged_cases &&
	refused 1 "the personal data of case .$old. was purged on 2026-10-30" \
	    cpl note "$old" "Mr Mepleasename rang again" &&
	refused 1 "was purged on 2026-10-30: nothing more is recorded" \
	    cpl reopen "$old" --reason "He asked again" &&
	refused 1 "was purged on 2026-10-30" \
	    cpl ombudsman "$old" --reference LG-1 --date 2026-10-30
'

test_expect_success 'a case still before the ombudsman is not purged until decided' '
	fresh_store &&
	r=$(cpl log --complainant "Ombudsman Waiting" --summary "Referred" \
	    --received 2020-01-06) &&
	cpl close "$r" --reason withdrawn --date 2020-01-07 &&
	cpl ombudsman "$r" --reference LG-2 --date 2020-03-02 &&
	cpl purge --yes --closed-before 2020-10-30 >out && test ! -s out &&
	test "$(cpl show "$r" --format json | jfield .complainant)" = "Ombudsman Waiting" &&
	cpl ombudsman "$r" --decision not-upheld --date 2020-09-01 &&
	cpl purge --yes --closed-before 2020-10-30 --format csv >out &&
	printf "ref,policy,closed\n%s,south-staffordshire,2020-01-07\n" "$r" >expect &&
	test_cmp expect out
'

# A reader (a long report, a backup) that started before the purge keeps
# the old pages in use: the purge stands, but their copies stay in the
# file until it stops. purge says so (5: done, but not completely) and,
# run again, finishes. The reader holds on until the purge has ended.
sqlite_only "the reader is a sqlite3 shell (hold_read), and the store's files themselves are searched" \
    'a reader holding old pages: purge says so (5); run again, nothing left' '
	closed_2019 "Zebedee Readerheld" &&
	hold_read &&
	test_must_fail 5 while_held env COMPLAINTS_WAIT=1 "$COMPLAINTS" purge --yes \
	    --closed-before 2020-01-01 --format csv >out 2>err &&
	one_line_error err "another process is reading the store, and old copies of the purged text stay in its files until it stops: run .complaints purge. again then" &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-05\n" "$r" >expect &&
	test_cmp expect out &&
	test "$(cpl show "$r" --format json | jfield .complainant)" = null &&
	cpl purge --yes --closed-before 2020-01-01 >out && test ! -s out &&
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		lacks $f "Readerheld" || return 1
	done
'

# Another process writing holds the lock past the wait: nothing purged, so
# nothing listed as purged. The writer holds on until the purge has ended.
# The writer is a sqlite3 shell on a file, a psql session on a server
# (hold_write).
test_expect_success 'a writer holding the lock past the wait: purge lists nothing (3)' '
	closed_2019 "Locked Out" &&
	hold_write &&
	test_must_fail 3 while_held env COMPLAINTS_WAIT=1 "$COMPLAINTS" purge --yes \
	    --closed-before 2020-01-01 --format csv >out 2>err &&
	test ! -s out &&
	one_line_error err "another process has held the database for over 1 second; nothing was changed" &&
	test "$(cpl show "$r" --format json | jfield .complainant)" = "Locked Out"
'

test_expect_success 'COMPLAINTS_WAIT that is not a number of seconds is bad input (2)' '
	fresh_store &&
	refused 2 "COMPLAINTS_WAIT: .soon. is not a whole number from 0 to 3600" \
	    env COMPLAINTS_WAIT=soon "$COMPLAINTS" list
'

test_expect_success 'a policy with a retention period: purge uses it' '
	test_dir &&
	mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	sed "s/^exclusions:/retention:\n  years: 6\n  source: \"test: six years\"\n\nexclusions:/" \
	    "$SRCDIR/policies/psps.yaml" >pol/psps.yaml &&
	cpl --policies pol policy show psps | grep -q "kept 6 years after it is closed" &&
	cpl --policies pol init --policy psps &&
	a=$(at 2020-01-31 --policies pol log --complainant A --summary s \
	    --received 2020-01-06) &&
	at 2020-01-31 --policies pol close "$a" --reason withdrawn \
	    --date 2020-01-07 &&
	b=$(cpl --policies pol log --complainant B --summary s --received 2021-01-04) &&
	cpl --policies pol close "$b" --reason withdrawn --date 2021-01-05 &&
	# six years before 2026-10-30 is 2020-10-30: A (closed 2020-01-07)
	# goes, B (closed 2021-01-05) stays
	cpl --policies pol purge --yes --format csv >out &&
	printf "ref,policy,closed\n%s,psps,2020-01-07\n" "$a" >expect &&
	test_cmp expect out
'

test_done
