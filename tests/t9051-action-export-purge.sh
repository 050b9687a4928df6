#!/bin/sh
# t9051-action-export-purge.sh: the outstanding actions of a case
# (complaints action) go where the case goes: export --include-history
# carries their events (what, due, owner; the number of the one done),
# import records them again, under the same numbers, and a second import
# of the same file changes nothing; the retention purge removes what each
# action was (personal data), keeping its dates for the figures.
. "$(dirname "$0")/lib.sh"

# with_actions: a new store with a complaint answered on 2026-10-09 and
# three actions: 1 done on time, 2 done late, 3 open; its reference in
# $ref.
with_actions() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant "Ann Private" --summary "The fence" \
	    --received 2026-10-01) &&
	cpl respond "$ref" --outcome upheld --remedy Apology \
	    --date 2026-10-09 &&
	cpl --officer alice action add "$ref" --what "Repair Ms Private's fence" \
	    --due 2026-10-30 --owner "Parks team" --date 2026-10-09 >/dev/null &&
	cpl action add "$ref" --what "Refund" --due 2026-10-16 \
	    --date 2026-10-12 >/dev/null &&
	cpl action add "$ref" --what "Write again" --due 2026-12-04 \
	    --date 2026-10-12 >/dev/null &&
	cpl --officer bob action done "$ref" 2 --date 2026-10-20 &&
	cpl action done "$ref" 1 --date 2026-10-29
}

test_on with_actions 'export --include-history carries each action event; import makes the same actions' '
	cpl export --format jsonl --include-history >all.jsonl &&
	jq -c "[.history[] | select(.action | startswith(\"action-\")) |
	    [.action, .date, .officer, .what, .due, .owner, .number]]" \
	    all.jsonl >events &&
	cat >expect <<-\EOF &&
	[["action-added","2026-10-09","alice","Repair Ms Private'"'"'s fence","2026-10-30","Parks team",null],["action-added","2026-10-12","tester","Refund","2026-10-16",null,null],["action-added","2026-10-12","tester","Write again","2026-12-04",null,null],["action-done","2026-10-20","bob",null,null,null,2],["action-done","2026-10-29","tester",null,null,null,1]]
	EOF
	test_cmp expect events &&
	cpl action list --format csv >before.csv &&
	mkdir other && cd other &&
	cpl init --policy south-staffordshire &&
	cpl import --format jsonl ../all.jsonl >/dev/null &&
	cpl action list --format csv >../after.csv &&
	cpl export --format jsonl --include-history >again.jsonl &&
	cd .. &&
	test_cmp before.csv after.csv &&
	jq -S "del(.history[].recorded)" all.jsonl >a &&
	jq -S "del(.history[].recorded)" other/again.jsonl >b &&
	test_cmp a b
'

test_on with_actions 'the same file imported again changes nothing; one whose action differs is refused' '
	cpl export --format jsonl --include-history >all.jsonl &&
	dump_db >before &&
	cpl import --format jsonl all.jsonl >out &&
	grep -q "imported 0, skipped 1" out &&
	dump_db >after && test_cmp before after &&
	jq -c ".history |= map(if .action == \"action-added\" then .due = \"2026-12-18\" else . end)" \
	    all.jsonl >changed.jsonl &&
	test_must_fail 2 cpl import --format jsonl changed.jsonl 2>err &&
	grep -q "its history differs" err &&
	dump_db >after && test_cmp before after
'

test_expect_success 'an imported history is held to the rules: an action done twice is a bad row' '
	with_actions &&
	cpl export --format jsonl --include-history >all.jsonl &&
	jq -c ".history += [{\"date\": \"2026-11-02\", \"officer\": \"x\",
	    \"action\": \"action-done\", \"stage\": 1, \"number\": 1}]" \
	    all.jsonl >twice.jsonl &&
	other_dir other && cpl init --policy south-staffordshire &&
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl ../twice.jsonl 2>err &&
	grep -q "event 8 (action-done 2026-11-02): action 1 of case .* was done already, on 2026-10-29" err &&
	dump_db >after && test_cmp before after
'

test_expect_success 'an imported action with no due day is a bad row naming the event' '
	with_actions &&
	cpl export --format jsonl --include-history >all.jsonl &&
	jq -c "del(.history[3].due)" all.jsonl >nodue.jsonl &&
	other_dir other && cpl init --policy south-staffordshire &&
	test_must_fail 2 cpl import --format jsonl ../nodue.jsonl 2>err &&
	grep -q "history: event 4: an action needs the day it is due" err
'

test_on with_actions 'purge: what each action was is removed; its dates stay, and show says purged' '
	cpl close "$ref" --reason resolved --date 2026-10-30 &&
	cpl purge --yes --force "Erasure request" \
	    --closed-before 2026-11-01 >/dev/null &&
	dump_db >dump &&
	test_must_fail 1 grep -q "Private" dump &&
	test_must_fail 1 grep -q "Write again" dump &&
	cpl action list --format csv >got &&
	cat >expect <<-EOF &&
	ref,n,stage,what,owner,due,added,officer,done,done_by
	$ref,1,1,,Parks team,2026-10-30,2026-10-09,alice,2026-10-29,tester
	$ref,2,1,,,2026-10-16,2026-10-12,tester,2026-10-20,bob
	$ref,3,1,,,2026-12-04,2026-10-12,tester,,
	EOF
	test_cmp expect got &&
	cpl show "$ref" >show &&
	grep -q "^  3  (purged): due 2026-12-04, open\$" show &&
	refused 1 "was purged" cpl action done "$ref" 3 &&
	refused 1 "was purged" cpl action add "$ref" --what x --due 2026-12-01
'

# A store as it was before the outstanding actions is made from a new one
# with the sqlite3 shell (their table dropped, the version before).
sqlite_only "an older store is made with the sqlite3 shell" \
    'a store made before the actions gets their table when opened' '
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant A --summary s --received 2026-10-01) &&
	cpl respond "$ref" --outcome upheld --date 2026-10-09 &&
	v=$(sqlite3 complaints.db "PRAGMA user_version") &&
	# The version before the actions (11): the words written again in
	# every row (version 17), then the table of the actions and those of
	# the migrations after it dropped.
	as_version_17 &&
	sqlite3 complaints.db "DROP TABLE actions; DROP TABLE IF EXISTS holds;
	    DROP TABLE IF EXISTS case_rules; DROP TABLE IF EXISTS restriction_deciders;
	    DROP TABLE IF EXISTS ombudsman_remedies;
	    DROP TABLE IF EXISTS links;
	    PRAGMA user_version = 11" &&
	cpl show "$ref" --format json >case.json &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" = "$v" &&
	json_is case.json ".actions=[]" &&
	cpl action add "$ref" --what Repair --due 2026-11-30 \
	    --date 2026-10-09 >out &&
	echo 1 >expect && test_cmp expect out
'

test_done
