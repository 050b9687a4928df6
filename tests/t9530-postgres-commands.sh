#!/bin/sh
# t9530-postgres-commands.sh: the commands that change or read one case
# run on a PostgreSQL store as on an SQLite file. Each test runs the same
# commands, with the same inputs, on a database of its own on the test
# server and on a file, and compares what a user sees on both (show in
# text and JSON, the history, export in CSV and JSON lines, letters,
# lists, refusals) and the stores' dumps, the clock's stamps masked; a
# refusal says the same on both and changes nothing. Purge on a server
# takes the personal data out and ends with a plain VACUUM. Needs the
# test server (tests/pg-server.sh, a ctest fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# SQL on the test's database on the server, one value a line.
server_sql() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

# mask FILE...: when each event was recorded, and when a policy text was
# added, are the clock's, not the store's: each such stamp made T.
mask() {
	for f_ in "$@"; do
		sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/T/g' "$f_" \
		    >"$f_.masked" && mv "$f_.masked" "$f_" || return 1
	done
}

# on_both FN: FN run in srv/ on the test's database on the server, then
# in file/ on an SQLite file, each leaving what the commands said in files
# of the same names there and the store's dump in "dump"; then every file
# FN left in srv/ is compared with the file's, stamps masked.
on_both() {
	new_db && mkdir srv file &&
	(cd srv && "$1" && dump_db >dump) &&
	(cd file && COMPLAINTS_DB=$PWD/c.db && export COMPLAINTS_DB &&
	    "$1" && dump_db >dump) &&
	for f in srv/*; do
		b=${f#srv/} &&
		mask "srv/$b" "file/$b" &&
		test_cmp "file/$b" "srv/$b" || return 1
	done
}

# shows REF NAME: what show (text and JSON) and history say of REF, in
# NAME.show, NAME.json and NAME.history.
shows() {
	cpl show "$1" >"$2.show" &&
	cpl show "$1" --format json >"$2.json" &&
	cpl history "$1" >"$2.history"
}

# exports: every case, in CSV and JSON lines, with and without history.
exports() {
	cpl export >export.csv &&
	cpl export --include-history >export-history.csv &&
	cpl export --format jsonl >export.jsonl &&
	cpl export --format jsonl --include-history >export-history.jsonl &&
	cpl export --from 2026-03-03 --to 2026-03-05 --format jsonl \
	    >export-some.jsonl
}

# A complaint to PSPS (seeds/README: psps) acknowledged, noted, extended,
# answered, each recorded action then corrected, closed, reopened and
# taken to stage 2.
corrected_story() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Siân O'Brien" --service "Council Tax" \
	    --summary "Bill wrong" --received 2026-03-02 >/dev/null &&
	r=PSPS-2026-00001 &&
	cpl ack $r --date 2026-03-03 &&
	cpl note $r "Rang them" --date 2026-03-04 &&
	cpl extend $r --days 5 --reason "Need the file" --told \
	    --date 2026-03-05 &&
	cpl respond $r --date 2026-03-10 --outcome upheld --remedy Refund \
	    --learning "Check bills" &&
	cpl correct $r --action ack --date 2026-03-04 --reason "wrong day" &&
	cpl correct $r --action respond --outcome partly-upheld \
	    --reason typo &&
	cpl correct $r --action respond --remedy "Refund and apology" \
	    --reason "left out" &&
	cpl correct $r --action respond --learning "Check every bill" \
	    --reason wider &&
	cpl correct $r --action extend --days 3 --reason fewer &&
	cpl close $r --reason resolved --date 2026-03-20 &&
	cpl correct $r --action close --date 2026-03-21 --reason later &&
	cpl reopen $r --reason "more to say" --date 2026-03-25 &&
	cpl escalate $r --date 2026-03-26 --reason "not happy" &&
	cpl correct $r --action escalate --date 2026-03-27 --reason day &&
	shows $r case &&
	exports
}

test_expect_success 'close, reopen, note, extend and every correction read the same on a server' '
	on_both corrected_story &&
	json_is srv/case.json .status=open .stage=2 \
	    ".stages[0].acknowledged=2026-03-04" \
	    ".stages[0].outcome=partly-upheld" \
	    ".stages[0].remedies=[\"Refund and apology\"]" \
	    ".stages[0].extensions[0].days=3" \
	    ".stages[1].opened=2026-03-27" &&
	grep "closing date: .2026-03-20. -> .2026-03-21. (later)" srv/case.json
'

# A Southampton complaint held for another procedure (seed 003 §11) and
# resumed, linked with others and unlinked, with outstanding actions after
# its response, one done.
held_story() {
	cpl init --policy southampton >/dev/null &&
	cpl log --complainant "Ann Able" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	cpl log --complainant "Bob Bell" --service Housing \
	    --received 2026-03-03 >/dev/null &&
	cpl log --complainant "Cy Cole" --service Housing \
	    --received 2026-03-04 >/dev/null &&
	a=SCC-2026-00001 b=SCC-2026-00002 c=SCC-2026-00003 &&
	cpl ack $a --date 2026-03-03 &&
	cpl hold $a --reason other-procedure --until 2026-03-20 \
	    --date 2026-03-06 &&
	cpl resume $a --date 2026-03-16 &&
	cpl link $a $b $c --reason "same estate" --date 2026-03-17 &&
	cpl unlink $c --date 2026-03-18 &&
	cpl respond $a --date 2026-03-24 --outcome upheld --remedy "Fix door" &&
	cpl action add $a --what "Fix the door" --due 2026-04-01 \
	    --owner "Dee Fixer" --date 2026-03-24 >/dev/null &&
	cpl action add $a --what "Write again" --due 2026-04-10 \
	    --date 2026-03-24 >/dev/null &&
	cpl action done $a 2 --date 2026-04-02 &&
	cpl action list --format csv >actions.csv &&
	cpl action list --owner "dee fixer" --format csv >owner.csv &&
	cpl action list --overdue --format csv >overdue.csv &&
	cpl list --format csv >list.csv &&
	shows $a a && shows $b b && shows $c c &&
	exports
}

test_expect_success 'hold, resume, link, unlink and actions read the same on a server' '
	on_both held_story &&
	json_is srv/a.json ".stages[0].holds[0].resumed=2026-03-16" \
	    ".stages[0].working_days_held=6" \
	    ".linked[0].ref=SCC-2026-00002" \
	    ".actions[1].done=2026-04-02" &&
	test "$(wc -l <srv/owner.csv)" -eq 2 &&
	grep "^SCC-2026-00001,1,1,Fix the door,Dee Fixer,2026-04-01,2026-03-24,tester,," srv/overdue.csv
'

# South Staffordshire's letters (seed 001 §5), each kind written and the
# sent ones recorded, a refusal (§4) for a complaint outside the
# procedure; Corporate Procedure's restriction letter (seed 002 §14).
letters_story() {
	cpl init --policy south-staffordshire >/dev/null &&
	cpl log --complainant "Ann Smith" --contact ann@example.org \
	    --service Waste --summary Bins --received 2026-03-02 >/dev/null &&
	cpl log --complainant "Bob Jones" --service Planning \
	    --category council-policy --received 2026-03-03 \
	    --accept-anyway told >/dev/null 2>&1 &&
	a=SSC-2026-00001 b=SSC-2026-00002 &&
	cpl letter $a acknowledgement --sent --via email --date 2026-03-03 \
	    >ack.txt &&
	cpl letter $a holding-reply --days 5 --reason contractor --sent \
	    --via post --date 2026-03-10 >holding.txt &&
	cpl respond $a --date 2026-03-20 --outcome partly-upheld \
	    --remedy Apology &&
	cpl letter $a response --format html >response.html &&
	cpl letter $a response --sent --via email --date 2026-03-20 \
	    >response.txt &&
	cpl escalate $a --date 2026-03-25 --reason "still bad" &&
	cpl letter $a acknowledgement-stage2 --stage 2 --out ack2.txt &&
	cpl respond $a --date 2026-04-20 --outcome not-upheld &&
	cpl letter $a response --stage 2 --sent --via post \
	    --date 2026-04-20 >response2.txt &&
	cpl letter $b refusal --sent --via email --date 2026-03-04 \
	    >refusal.txt &&
	cpl close $b --reason out-of-scope --date 2026-03-04 &&
	cpl log --policy corporate-procedure --complainant "Cal Loud" \
	    --service Waste --received 2026-03-05 >/dev/null &&
	cpl restriction add "Cal Loud" --kind written-contact-only \
	    --reason shouting --review 2026-09-01 --decided-by "Sue Senior" \
	    --date 2026-03-06 >/dev/null &&
	cpl letter CORP-2026-00001 restriction --date 2026-03-06 \
	    >restriction.txt &&
	shows $a a && shows $b b &&
	exports
}

test_expect_success 'letters of every kind read and are kept the same on a server' '
	on_both letters_story &&
	grep "^Dear Ann Smith," srv/holding.txt &&
	grep "restrict further contact (written contact only)" srv/restriction.txt &&
	json_is srv/a.json \
	    "actions=logged acknowledged letter-sent extended letter-sent responded letter-sent escalated responded letter-sent" &&
	test "$(jq -r "[.history[] | select(.action == \"letter-sent\")] | length" \
	    <srv/b.json)" -eq 1
'

# A PSPS complaint referred to the ombudsman, its decision, remedy and
# compliance; a restriction decided by one of those PSPS names (seed 000
# §6), listed and lifted.
ombudsman_story() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Pat Post" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	r=PSPS-2026-00001 &&
	cpl respond $r --date 2026-03-10 --outcome not-upheld &&
	cpl escalate $r --date 2026-03-12 --reason "not happy" &&
	cpl respond $r --date 2026-03-30 --outcome not-upheld \
	    --officer "Second Officer" &&
	cpl ombudsman $r --reference LGO-1 --date 2026-05-01 &&
	cpl ombudsman $r --decision upheld --remedy Apology \
	    --remedy-due 2026-06-01 --date 2026-05-20 &&
	cpl ombudsman $r --complied 2026-05-30 &&
	cpl restriction add "Pat Post" --kind other --detail "Tuesdays only" \
	    --reason "many calls" --review 2026-09-01 \
	    --decided-by "Head of Corporate Services" --date 2026-04-01 \
	    >/dev/null &&
	cpl restriction add "pat post" --kind written-contact-only \
	    --reason letters --review 2026-10-01 \
	    --decided-by "Chief Finance Officer" --date 2026-04-02 \
	    >/dev/null &&
	cpl restriction list --format csv >in-force.csv &&
	cpl restriction lift 1 --reason calmer --date 2026-06-01 &&
	cpl restriction list --all --format csv >all.csv &&
	cpl restriction list --complainant "PAT POST" --format csv \
	    >pats.csv &&
	shows $r case &&
	exports
}

test_expect_success 'the ombudsman stage and restrictions read the same on a server' '
	on_both ombudsman_story &&
	json_is srv/case.json ".referrals[0].reference=LGO-1" \
	    ".referrals[0].decision=upheld" &&
	test "$(wc -l <srv/in-force.csv)" -eq 3 &&
	test "$(wc -l <srv/pats.csv)" -eq 2 &&
	grep "Head of Corporate Services" srv/dump
'

# The seeds' smaller rules a case keeps: the officer a complaint is about
# and discrimination (South Staffordshire), a late complaint accepted by
# the one Southampton names (seed 003 §19), a complaint resolved
# informally within Corporate Procedure's 24 hours (seed 002 §6); and the
# store's settings that init changes.
rules_story() {
	cpl init --policy south-staffordshire --audit-reads on >/dev/null &&
	cpl log --complainant "Dan Ray" --service Housing \
	    --received 2026-03-04 --about-staff Eve --discrimination \
	    >/dev/null &&
	cpl log --policy southampton --complainant "Lia Late" \
	    --service Housing --received 2026-03-02 --occurred 2024-01-01 \
	    --late-reason "In hospital" --late-granted-by "Dee Rector" \
	    >/dev/null &&
	cpl log --policy corporate-procedure --complainant "Quick Fix" \
	    --service Waste --received 2026-03-02 --resolved-informally \
	    >/dev/null &&
	cpl log --policy corporate-procedure --complainant "Next Day" \
	    --service Waste --received 2026-03-02 >/dev/null &&
	cpl close CORP-2026-00002 --reason resolved --informal \
	    --date 2026-03-03 &&
	cpl correct CORP-2026-00002 --action close --date 2026-03-02 \
	    --reason "same day" &&
	shows SSC-2026-00001 staff &&
	shows SCC-2026-00001 late &&
	shows CORP-2026-00001 informal &&
	shows CORP-2026-00002 closed &&
	cpl init --audit-reads off &&
	cpl list --format csv --wide >list.csv &&
	exports
}

test_expect_success 'the seeds smaller rules and the store settings read the same on a server' '
	on_both rules_story &&
	json_is srv/staff.json .about_staff=Eve .discrimination=true &&
	json_is srv/late.json ".late_granted_by=Dee Rector" &&
	json_is srv/informal.json .resolved_informally=2026-03-02 &&
	grep "^settings key=\"audit_reads\"" srv/dump &&
	grep "action=\"viewed\"" srv/dump
'

# refusals: a refusal of each kind on the store COMPLAINTS_DB names, each
# one line, nothing changed (refused), its message kept in NAME.err.
refusals() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Ann Able" --service Housing \
	    --received 2026-03-02 >/dev/null &&
	r=PSPS-2026-00001 &&
	cpl close $r --reason resolved --date 2026-03-10 &&
	refused 1 "is closed" cpl ack $r --date 2026-03-11 &&
	mv err ack.err &&
	refused 1 "" cpl close $r --reason resolved &&
	mv err close.err &&
	refused 1 "" cpl correct $r --action close --date 2026-03-01 \
	    --reason x &&
	mv err correct.err &&
	refused 1 "" cpl reopen $r --reason again --date 2026-03-01 &&
	mv err reopen.err &&
	refused 1 "no case" cpl hold PSPS-2026-00009 --reason other-procedure &&
	mv err hold.err &&
	refused 2 "" cpl extend $r --days 500 --reason x &&
	mv err extend.err &&
	refused 2 "" cpl restriction add "Ann Able" --kind shouty --reason x \
	    --review 2026-09-01 &&
	mv err kind.err &&
	refused 1 "" cpl restriction add "Ann Able" --kind other \
	    --detail x --reason x --review 2027-01-01 --decided-by Nobody &&
	mv err decider.err &&
	refused 1 "" cpl restriction lift 3 --reason x &&
	mv err lift.err &&
	refused 1 "" cpl action done $r 1 &&
	mv err action.err &&
	refused 2 "" cpl letter $r nonsense &&
	mv err letter.err &&
	refused 1 "" cpl init --policy south-staffordshire &&
	mv err default.err &&
	rm -f before after out
}

test_expect_success 'a refusal of each kind says the same on a server and changes nothing' '
	on_both refusals &&
	one_line_error srv/ack.err "case .PSPS-2026-00001. is closed" &&
	one_line_error srv/lift.err "no restriction 3" &&
	cpl export --format csv >out &&
	test "$(wc -l <out)" -eq 2
'

# A purge of the closed cases: one with a restriction, linked, its
# actions' words, its letters; another still open is kept whole.
purge_story() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Pru Gone" --service Housing \
	    --summary "leaking roof" --received 2026-03-02 >/dev/null &&
	cpl log --complainant "Kay Kept" --service Housing \
	    --summary "broken gate" --received 2026-03-03 >/dev/null &&
	a=PSPS-2026-00001 &&
	cpl note $a "Pru rang about the roof" --date 2026-03-04 &&
	cpl link $a PSPS-2026-00002 --reason "same estate" --date 2026-03-04 &&
	cpl respond $a --date 2026-03-10 --outcome upheld --remedy "Fix roof" &&
	cpl action add $a --what "Send roofer" --due 2026-03-20 \
	    --date 2026-03-10 >/dev/null &&
	cpl letter $a response --sent --via email --date 2026-03-10 \
	    >/dev/null &&
	cpl restriction add "Pru Gone" --kind other --detail "email only" \
	    --reason "many calls" --review 2026-09-01 \
	    --decided-by "Head of Corporate Services" --date 2026-03-11 \
	    >/dev/null &&
	cpl close $a --reason resolved --date 2026-03-12 &&
	cpl purge --closed-before 2026-11-01 --force "test of purge" --yes \
	    >purged.txt &&
	shows $a gone && shows PSPS-2026-00002 kept &&
	cpl restriction list --all --format csv >restrictions.csv &&
	exports
}

test_expect_success 'purge on a server takes the personal data out, as in a file, and ends with a plain VACUUM' '
	on_both purge_story &&
	grep "^PSPS-2026-00001" srv/purged.txt &&
	test "$(grep -c "Pru\|leaking\|roof\|Send roofer\|email only" srv/dump)" -eq 0 &&
	grep "Kay Kept" srv/dump &&
	json_is srv/gone.json .complainant=null .purged=2026-11-20 &&
	test "$(wc -l <srv/restrictions.csv)" -eq 1 &&
	# PostgreSQL-only: the index and the server statistics.
	test "$(server_sql "SELECT count(*) FROM case_search
	    WHERE doc @@ to_tsquery('"'simple'"', '"'roof'"')")" -eq 0 &&
	test "$(server_sql "SELECT count(*) FROM case_search
	    WHERE doc @@ to_tsquery('"'simple'"', '"'gate'"')")" -eq 1 &&
	test "$(server_sql "SELECT count(*) FROM pg_stat_user_tables
	    WHERE relname IN ('"'case_rows'"', '"'event_rows'"', '"'letters'"')
	     AND last_vacuum IS NOT NULL")" -eq 3
'

test_expect_success 'purge on a server never rewrites a table (no VACUUM FULL)' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Pru Gone" --received 2026-03-02 >/dev/null &&
	cpl close PSPS-2026-00001 --reason resolved --date 2026-03-03 &&
	# PostgreSQL-only: a table rewritten has a new file.
	server_sql "SELECT pg_relation_filenode('"'case_rows'"')" >before &&
	cpl purge --closed-before 2026-11-01 --force test --yes >/dev/null &&
	server_sql "SELECT pg_relation_filenode('"'case_rows'"')" >after &&
	test_cmp before after &&
	cpl show PSPS-2026-00001 --format json >gone.json &&
	json_is gone.json .complainant=null
'

test_done
