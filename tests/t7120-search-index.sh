#!/bin/sh
# t7120-search-index.sh: the index list --search reads. It is kept in
# step with the cases by every write of what it holds (log, note, import,
# purge), in the write's own transaction; a store made before it gets it
# built from its cases when it is opened; and the purge takes the purged
# words out of it and writes it anew, so that no byte of them is left in
# the store's files (the "no byte" check of t6500-personal-data.sh,
# extended to the index).
#
# Each test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# at DAY ARGS...: the binary as of DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

# in_step: the index of the store (complaints.db) holds exactly what one
# built anew from its cases would: every word, in every case and column,
# at every place. SQLite-only: the index is read with FTS5's own vocabulary
# table, on a copy of the store (its log too), which is then rebuilt.
in_step() {
	rm -f check.db check.db-wal &&
	cp complaints.db check.db &&
	{ [ ! -e complaints.db-wal ] || cp complaints.db-wal check.db-wal; } &&
	words_of check.db >index.now &&
	sqlite3 check.db "INSERT INTO case_search(case_search) VALUES ('rebuild')" &&
	words_of check.db >index.rebuilt &&
	test -s index.rebuilt &&
	test_cmp index.rebuilt index.now
}
words_of() {
	sqlite3 "$1" "CREATE VIRTUAL TABLE temp.words
	    USING fts5vocab(main, case_search, instance);
	    SELECT term, doc, col, offset FROM temp.words ORDER BY 1, 2, 3, 4"
}

# lacks FILE TEXT: no byte of FILE spells TEXT.
lacks() {
	test_must_fail 1 env LC_ALL=C grep -q "$2" "$1" ||
	{ echo "# \"$2\" in $1" >&2; false; }
}

# finds REFS TEXT: list --search TEXT gives the references REFS
# (space-separated; none: "").
finds() {
	: >want &&
	for r_ in $1; do echo "$r_" >>want; done &&
	cpl list --search "$2" --sort ref --format csv >list.csv &&
	sed 1d list.csv | cut -d, -f1 >got &&
	test_cmp want got
}

# old_and_new: a store with a case closed in 2019 whose words are each
# found only in it (its complainant's name, summary, category and a note),
# and a recent case; the words are each of letters no other word starts
# with, so that the index keeps each whole.
old_and_new() {
	fresh_store &&
	old=$(at 2019-06-30 log --complainant "Quentin Zarkovwhistle" \
	    --category "Xylophonic" --summary "Ultraprivatesummary matter" \
	    --received 2019-03-04) &&
	at 2019-06-30 note "$old" "Hyperprivatenotetext" --date 2019-03-05 &&
	at 2019-06-30 close "$old" --reason withdrawn --date 2019-03-06 &&
	cpl log --complainant "Kept Person" --summary "Jjkeptmarker" \
	    --received 2026-11-02 >/dev/null
}

test_expect_success 'purge: the purged words are found no more, the category still is' '
	old_and_new &&
	finds SSC-2019-00001 zarkovwhistle &&
	finds SSC-2019-00001 ultraprivatesummary &&
	finds SSC-2019-00001 hyperprivatenotetext &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	finds "" zarkovwhistle &&
	finds "" ultraprivatesummary &&
	finds "" hyperprivatenotetext &&
	finds "" quentin &&
	finds SSC-2019-00001 xylophonic &&
	finds SSC-2026-00001 jjkeptmarker
'

# SQLite-only: the store's files themselves are searched. The words are
# looked for by their ends ("kovwhistle"), which every copy of them holds,
# in the cases and in the index (which keeps them in lower case, and may
# keep only the end of a word after another that starts alike).
test_expect_success 'no byte of the purged words is left in the index (or anywhere in the files)' '
	old_and_new &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		lacks $f "kovwhistle" && lacks $f "privatesummary" &&
		lacks $f "privatenotetext" && lacks $f "uentin" || return 1
	done &&
	# the index is in the file, words in lower case, so the search
	# could find one: the kept case'\''s
	LC_ALL=C grep -c "jjkeptmarker" complaints.db >/dev/null &&
	in_step
'

# SQLite-only: the index is compared with one built anew (in_step).
test_expect_success 'the index stays in step with log, note, import and purge' '
	old_and_new &&
	in_step &&
	cpl note SSC-2026-00001 "First note about drains" &&
	cpl note SSC-2026-00001 "Second note about drains and gullies" &&
	in_step &&
	cat >rows.jsonl <<-\EOF &&
	{"complainant":"Imported One","category":"Trees","summary":"Fallen branch","received":"2026-11-03","history":[{"date":"2026-11-03","action":"logged"},{"date":"2026-11-04","action":"note","detail":"Tree surgeon booked"}]}
	EOF
	cpl import --format jsonl rows.jsonl >/dev/null &&
	finds SSC-2026-00002 "surgeon" &&
	finds "SSC-2026-00001" "drains gullies" &&
	in_step &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	in_step
'

# SQLite-only: in_step. An import bringing as many cases as the store
# holds builds the search index once, at its end, rather than a row at a
# time; what it holds is the same, and the index keeps in step after.
test_expect_success 'a big import into an empty store: its cases found, the index in step, kept in step after' '
	fresh_store &&
	cat >rows.jsonl <<-\EOF &&
	{"complainant":"Bulk Alpha","category":"Trees","summary":"Fallen oak","received":"2026-11-03","history":[{"date":"2026-11-03","action":"logged"},{"date":"2026-11-04","action":"note","detail":"Qqarborist booked"}]}
	{"complainant":"Bulk Beta","summary":"Blocked gully","received":"2026-11-05"}
	{"complainant":"Bulk Gamma","summary":"Loose paving","received":"2026-11-06"}
	EOF
	cpl import --format jsonl rows.jsonl >/dev/null &&
	finds SSC-2026-00001 "qqarborist" &&
	finds SSC-2026-00002 "gully" &&
	finds "SSC-2026-00001 SSC-2026-00002 SSC-2026-00003" "bulk" &&
	in_step &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM sqlite_schema
	    WHERE type = '\''trigger'\'' AND name LIKE '\''case_search_%'\''")" = 4 &&
	cpl note SSC-2026-00003 "Wwpaviour coming" &&
	cpl amend SSC-2026-00002 --summary "Blocked drain" --reason "Misheard" &&
	finds SSC-2026-00003 "wwpaviour" &&
	finds SSC-2026-00002 "drain" && finds "" "gully" &&
	in_step
'

test_expect_success 'a refused note leaves the index as it was' '
	old_and_new &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	refused 1 "was purged" cpl note "$old" "Zarkovwhistle rang" &&
	finds "" zarkovwhistle
'

# SQLite-only: a store as the version before the index left it is made
# with the sqlite3 shell from one of version 11 (store_v11: what
# migrations 7 to 11 made dropped).
test_expect_success 'a store made before the index gets it, built from its cases, when opened' '
	store_v11 &&
	sqlite3 complaints.db "DROP INDEX stages_officer; DROP TABLE letters;
	    DROP TABLE attachments; DROP TABLE attachment_content;
	    DROP TABLE corrections;
	    DROP TRIGGER case_search_logged;
	    DROP TRIGGER case_search_changed; DROP TRIGGER case_search_noted;
	    DROP TRIGGER case_search_note_changed; DROP TABLE case_search;
	    DROP VIEW case_search_text; DROP INDEX cases_open_complainant;
	    PRAGMA user_version = 6" &&
	finds SSC-2026-00001 bins &&
	finds SSC-2026-00004 enforcement &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 7 &&
	in_step &&
	cpl log --complainant "After Upgrade" --summary "Bins again" \
	    --received 2026-11-03 >/dev/null &&
	finds "SSC-2026-00001 SSC-2026-00005" bins
'

test_done
