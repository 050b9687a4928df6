#!/bin/sh
# t6910-store-upgrade.sh: a store of schema version 5 is upgraded on open
# (migration 6) to keep with each row what the lists, reports and purge
# compare: the keys of the names of services, officers and complainants,
# worked out in C as for every new row (a restriction on "Siân Jones"
# shows on the case of "SIÂN JONES", logged before), and the restriction
# an event is about (the purge takes its complainant's name out of it).
#
# A version 5 store is made from a new one with the sqlite3 shell: the
# columns of migration 6 dropped, and the complainants' keys as migration
# 5 left them (SQLite's lower(), which leaves Â as it is).
. "$(dirname "$0")/lib.sh"

# The store of the current directory as version 5 would have it.
as_version_5() {
	if [ "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 18 ]; then
		as_version_17 || return 1
	fi &&
	if [ "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 9 ]; then
		sqlite3 complaints.db "DROP TABLE IF EXISTS ombudsman_remedies;
		    DROP TABLE IF EXISTS case_rules;
		    DROP TABLE IF EXISTS restriction_deciders;
		    DROP TABLE IF EXISTS links;
		    DROP TABLE IF EXISTS holds; DROP TABLE IF EXISTS actions;
		    DROP INDEX IF EXISTS stages_officer;
		    DROP TABLE IF EXISTS letters;
		    DROP TABLE IF EXISTS attachments;
		    DROP TABLE IF EXISTS attachment_content;
		    PRAGMA user_version = 8" || return 1
	fi &&
	if [ "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 7 ]; then
		sqlite3 complaints.db "DROP TRIGGER case_search_logged;
		    DROP TRIGGER case_search_changed;
		    DROP TRIGGER case_search_noted;
		    DROP TRIGGER case_search_note_changed;
		    DROP TABLE case_search; DROP VIEW case_search_text;
		    DROP INDEX cases_open_complainant;
		    PRAGMA user_version = 6" || return 1
	fi
	if [ "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 6 ]; then
		sqlite3 complaints.db "DROP TABLE IF EXISTS corrections;
		    DROP INDEX events_restriction;
		    ALTER TABLE events DROP COLUMN restriction_id;
		    ALTER TABLE stages DROP COLUMN responded_by_key;
		    ALTER TABLE stages DROP COLUMN officer_key;
		    ALTER TABLE cases DROP COLUMN service_key;
		    PRAGMA user_version = 5" || return 1
	fi
	sqlite3 complaints.db "UPDATE cases
	    SET complainant_key = lower(trim(complainant));
	    UPDATE restrictions SET complainant_key = lower(trim(complainant))"
}

test_expect_success 'a complainant logged under version 5 is found by any spelling of the name' '
	mkdir t1 && cd t1 &&
	cpl init --policy south-staffordshire &&
	ref=$(cpl log --complainant "SIÂN JONES" --summary s \
	    --received 2026-03-02) &&
	as_version_5 &&
	test "$(sqlite3 complaints.db "SELECT complainant_key FROM cases")" = \
	    "siÂn jones" &&
	cpl restriction add "Siân Jones" --kind written-contact-only \
	    --reason "Calls" --review 2026-12-01 >out &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 6 &&
	cpl show "$ref" --format json >case.json &&
	test "$(jfield ".restrictions | length" <case.json)" = 1 &&
	test "$(jfield .restrictions[0].kind <case.json)" = written-contact-only
'

test_expect_success 'services and officers logged under version 5 are found as the reports group them' '
	mkdir t2 && cd t2 &&
	cpl init --policy south-staffordshire &&
	ref=$(cpl --officer "Bob  Smith" log --complainant A --service "Waste " \
	    --summary s --received 2026-03-02) &&
	cpl respond "$ref" --outcome upheld --date 2026-03-05 &&
	cpl escalate "$ref" --reason "Still missed" --date 2026-03-09 &&
	cpl assign "$ref" --to "BOB SMITH" --date 2026-03-09 &&
	as_version_5 &&
	cpl list --service waste --officer "bob smith" --format csv >list.csv &&
	test "$(grep -c "^$ref," list.csv)" = 1 &&
	cpl report overdue --within 400 --service " WASTE" \
	    --officer "Bob Smith" --format csv >overdue.csv &&
	test "$(grep -c "^$ref," overdue.csv)" = 1 &&
	cpl report summary --from 2026-01-01 --to 2026-12-31 --by officer \
	    --format csv >summary.csv &&
	# one officer, whichever spelling: both stages in one group
	grep "^officer," summary.csv | cut -d, -f2 | sort -u >groups &&
	test "$(wc -l <groups)" = 1 &&
	grep -q "^officer,[^,]*,stage1.opened,1," summary.csv &&
	grep -q "^officer,[^,]*,stage2.opened,1," summary.csv
'

test_expect_success 'a restriction made under version 5 leaves no name in the history once purged' '
	mkdir t3 && cd t3 &&
	cpl init --policy south-staffordshire &&
	export COMPLAINTS_TODAY=2019-06-30 &&
	old=$(cpl log --complainant "Purge Mepleasename" --summary s \
	    --received 2019-03-04) &&
	cpl close "$old" --reason withdrawn --date 2019-03-12 &&
	cpl restriction add "Purge Mepleasename" --kind other \
	    --detail "Letters only" --reason "Calls to Mepleasename" \
	    --review 2019-12-01 --date 2019-04-01 >/dev/null &&
	cpl restriction lift 1 --reason "Mepleasename calms down" \
	    --date 2019-05-01 &&
	export COMPLAINTS_TODAY=2026-10-30 &&
	as_version_5 &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM restrictions")" = 0 &&
	sqlite3 complaints.db "SELECT detail FROM events
	    WHERE action IN ('\''restricted'\'', '\''restriction-lifted'\'')" >details &&
	printf "restriction 1 (purged)\nrestriction 1 (purged)\n" >expect &&
	test_cmp expect details &&
	sqlite3 complaints.db .dump >dump &&
	test_must_fail 1 grep -q Mepleasename dump
'

test_done
