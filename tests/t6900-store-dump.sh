#!/bin/sh
# t6900-store-dump.sh: dump_db (tests/lib.sh), which every test uses to
# show that a refused command changed nothing, is the store's own dump
# (store_dump, through tests/tools/dump.c): every row of every table, one
# line a row, each value in a text form of its own (integers as numbers,
# text quoted with its line breaks escaped, NULL as NULL), and a change to
# any column of any table shows in it. The schema is read with the sqlite3
# shell: what is checked is that the dump covers the SQLite store whole.
. "$(dirname "$0")/lib.sh"

# A store in the current directory with a row in every table.
full_store() {
	cpl init --policy south-staffordshire --audit-reads on &&
	ref=$(printf 'Line one\nline\ttwo "quoted" back\\slash\n' |
	    cpl log --complainant "A Resident" --service Waste \
	    --summary - --received 2026-03-02 --about-staff "Sam Driver" \
	    --discrimination) &&
	cpl extend "$ref" --days 5 --told --reason "Site visit" \
	    --date 2026-03-03 &&
	other=$(cpl log --complainant "B Resident" --summary s \
	    --received 2026-03-02) &&
	cpl link "$ref" "$other" --reason "Same round" --date 2026-03-03 &&
	cpl respond "$ref" --outcome upheld --remedy Apology \
	    --learning "Check the round" --date 2026-03-05 &&
	cpl letter "$ref" response --sent --via post --date 2026-03-05 \
	    >/dev/null &&
	cpl action add "$ref" --what "Repair the bin" --due 2026-03-20 \
	    --owner "Depot" --date 2026-03-05 >/dev/null &&
	cpl action done "$ref" 1 --date 2026-03-06 &&
	cpl amend "$ref" --service Refuse --reason "Not the waste team" &&
	printf "the complainant's letter" >letter.txt &&
	cpl attach "$ref" letter.txt --note "By post" --date 2026-03-04 \
	    >/dev/null &&
	cpl restriction add "A Resident" --kind other --detail "By letter" \
	    --reason "Many calls" --review 2026-12-01 \
	    --decided-by "Head of Service" >/dev/null &&
	held=$(cpl log --policy southampton --complainant "B Resident" \
	    --summary s --received 2026-03-02) &&
	cpl hold "$held" --reason other-procedure --until 2026-03-20 \
	    --date 2026-03-03 &&
	cpl resume "$held" --date 2026-03-04 &&
	cpl close "$ref" --reason resolved --date 2026-03-06 &&
	cpl ombudsman "$ref" --date 2026-03-07 2>/dev/null &&
	cpl ombudsman "$ref" --decision upheld --remedy "Pay 50" \
	    --remedy-due 2026-04-01 --complied 2026-03-20 --date 2026-03-08
}

# The tables of the store $1, the columns of its table $2 ("NAME TYPE"
# a line), and that table's key. The search index (case_search, and the
# tables FTS5 keeps it in) is no part of the dump: it holds only the
# words of rows that are, as SQLite's FTS5 stores them
# (t7120-search-index.sh checks it against them). Nor is words: the
# words and names the rows of cases, stages and events keep by their ids
# are dumped in those rows, as text (and a name's key as the stage's
# officer_key and responded_by_key); the last test checks them.
tables() {
	sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
	    AND name NOT LIKE 'case\\_search%' ESCAPE '\\'
	    AND name <> 'words' ORDER BY name"
}
# The name a table's rows have in the dump: the rows of case_rows,
# stage_rows and event_rows are dumped as those of the views cases,
# stages and events, which the commands read.
dumped_as() {
	case $1 in
	case_rows|stage_rows|event_rows) echo "${1%_rows}s" ;;
	*) echo "$1" ;;
	esac
}
columns() {
	sqlite3 "$1" "SELECT name || ' ' || type FROM pragma_table_info('$2')"
}
key_of() {
	sqlite3 "$1" "SELECT group_concat(name, ', ') FROM (SELECT name
	    FROM pragma_table_info('$2') WHERE pk > 0 ORDER BY pk)"
}

# change DB TABLE COLUMN TYPE: give COLUMN of the last row of TABLE (by
# its key) another value, whatever the constraints say; print how many
# rows changed.
change() {
	key=$(key_of "$1" "$2") &&
	case $4 in
	INTEGER) new="coalesce($3, 0) + 1" ;;
	*) new="coalesce($3, '') || 'x'" ;;
	esac &&
	sqlite3 "$1" "PRAGMA ignore_check_constraints = ON;
	    UPDATE $2 SET $3 = $new WHERE ($key) = (SELECT $key FROM $2
	    ORDER BY $(echo "$key" | sed 's/,/ DESC,/g; s/$/ DESC/') LIMIT 1);
	    SELECT changes()"
}

test_expect_success 'one line a row, each value in its own form' '
	mkdir t1 && cd t1 && full_store &&
	dump_db >dump &&
	test "$(head -1 dump)" = \
	    "schema_version $(sqlite3 complaints.db "PRAGMA user_version")" &&
	grep -qx "settings key=\"default_policy\" value=\"south-staffordshire\"" dump &&
	grep -qx "ref_numbers prefix=\"SSC\" year=2026 last=2" dump &&
	grep -q "^cases id=1 ref=\"SSC-2026-00001\" policy=\"south-staffordshire\" policy_version=1 kind=\"complaint\" anonymous=0 complainant=\"A Resident\" contact=NULL " dump &&
	grep -qF " summary=\"Line one\\nline\\ttwo \\\"quoted\\\" back\\\\slash\" received=\"2026-03-02\" " dump &&
	grep -qx "extensions id=1 case_id=1 stage=1 days=5 reason=\"Site visit\" date=\"2026-03-03\" officer=\"tester\" told=1" dump &&
	grep -q "^stage_texts id=2 case_id=1 stage=1 kind=\"learning\" text=\"Check the round\"\$" dump &&
	grep -q "^restrictions id=1 complainant=\"A Resident\" " dump &&
	grep -q "^referrals id=1 case_id=1 body=\"lgsco\" " dump &&
	test "$(grep -c "^events " dump)" = "$(sqlite3 complaints.db "SELECT count(*) FROM events")" &&
	rows=1 &&
	for t in $(tables complaints.db); do
		rows=$((rows + $(sqlite3 complaints.db "SELECT count(*) FROM $t")))
	done &&
	test "$(wc -l <dump)" = $rows
'

test_expect_success 'every table and every column of the schema is in the dump' '
	mkdir t2 && cd t2 && full_store &&
	dump_db >dump &&
	for t in $(tables complaints.db); do
		d=$(dumped_as "$t") &&
		grep -q "^$d " dump || { echo "# no rows of $t" >&2; return 1; }
		columns complaints.db "$t" >cols &&
		while read -r c type; do
			grep "^$d " dump | grep -q " $c=" ||
			{ echo "# $t.$c is not in the dump" >&2; return 1; }
		done <cols || return 1
	done
'

test_expect_success 'a change to any column of the last row of any table changes the dump' '
	mkdir t3 && cd t3 && full_store &&
	dump_db >orig &&
	n=0 &&
	for t in $(tables complaints.db); do
		columns complaints.db "$t" >cols &&
		while read -r c type; do
			cp complaints.db changed.db &&
			test "$(change changed.db "$t" "$c" "$type")" = 1 &&
			dump_db changed.db >changed &&
			diff orig changed >diff
			# a case shows the policy of its policy text: the
			# id or policy of the text changed changes its case too
			lines=1 &&
			case $t.$c in policy_versions.id | policy_versions.policy) lines=2 ;; esac &&
			test "$(grep -c "^>" diff)" = $lines ||
			{ echo "# $t.$c changed: the dump changed on $(grep -c "^>" diff) lines" >&2; return 1; }
			n=$((n + 1))
		done <cols || return 1
	done &&
	test $n -gt 50
'

test_expect_success 'a dump reads the store and writes nothing into it' '
	mkdir t4 && cd t4 && full_store &&
	dump_db >one && dump_db >two && test_cmp one two &&
	sqlite3 complaints.db "SELECT count(*) FROM events" >events.before &&
	cpl show SSC-2026-00001 >/dev/null &&
	dump_db >three && test_must_fail 1 cmp -s two three &&
	sqlite3 complaints.db "SELECT count(*) FROM events" >events.after &&
	test "$(cat events.after)" = $(( $(cat events.before) + 1 ))
'

test_expect_success 'where there is no store, the dump says so and makes none' '
	mkdir t5 && cd t5 &&
	dump_db >../t5.out && echo "no store" >../t5.expect &&
	test_cmp ../t5.expect ../t5.out &&
	test -z "$(ls -A)"
'

test_expect_success 'a store the commands refuse is refused by the dump too (exit 3)' '
	mkdir t6 && cd t6 && full_store &&
	chmod 640 complaints.db &&
	test_must_fail 3 dump_db >out 2>err &&
	one_line_error err "open to others" &&
	chmod 600 complaints.db
'

# SQLite-only: the words are changed with the sqlite3 shell.
test_expect_success 'a word or a name kept once shows in every row that has it' '
	test_dir && full_store &&
	dump_db >orig &&
	cp complaints.db changed.db &&
	sqlite3 changed.db "UPDATE words SET word = '\''upheld!'\''
	    WHERE word = '\''upheld'\''" &&
	dump_db changed.db >changed &&
	{ diff orig changed >diff || :; } &&
	test "$(grep -c "^>" diff)" = 1 &&
	grep -q "^> stages case_id=1 stage=1 .* outcome=\"upheld!\"" diff &&
	cp complaints.db changed.db &&
	sqlite3 changed.db "UPDATE words SET word = '\''Tester'\'',
	    key = '\''other'\'' WHERE word = '\''tester'\''" &&
	dump_db changed.db >changed &&
	{ diff orig changed >diff || :; } &&
	grep "^>" diff >changed_lines &&
	test "$(grep -c "^> events .* officer=\"Tester\"" changed_lines)" = \
	    "$(grep -c "^events .* officer=\"tester\"" orig)" &&
	grep -q "^> stages .* officer=\"Tester\" .* officer_key=\"other\"" \
	    changed_lines
'

test_done
