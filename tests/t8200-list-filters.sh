#!/bin/sh
# t8200-list-filters.sh: list's statement is made of the filters given
# (lib/store_cases.c), so that each reads the cases through its own index.
# Whatever filters are given, together or alone, list gives the cases a
# filter of the whole export gives (jq over export --format jsonl), in the
# order asked for. An officer's cases are found through the stages by
# officer (stages_officer, migration 11; by the id of the name from
# migration 18): a new store has the index, and so
# does a store made before it, once opened; and the planner has its
# statistics (on a server, the server's: pg_indexes and pg_stats).
#
# Each test makes its own store in a directory of its own (the 2,000
# generated cases are imported into each from a fixture's file).
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-31

# rows: 2,000 generated cases (bench/gen-import.py: every policy and
# kind, stage 2 by another officer, open and closed), rows.csv.
make_rows() {
	python3 "$SRCDIR/bench/gen-import.py" 2000 5 >rows.csv
}

# generated: a new store holding the 2,000 cases, and their export,
# cases.jsonl.
generated() {
	fresh_store psps &&
	fixture rows make_rows &&
	cpl import rows.csv >/dev/null 2>&1 &&
	cpl export --format jsonl >cases.jsonl &&
	test "$(wc -l <cases.jsonl)" = 2000
}

# test_of OPTION VALUE: what list's OPTION VALUE asks of a case of
# export's JSON lines, as a jq condition. The current stage's officer is
# stage 2's when the case is at stage 2; names compare in any case of
# letters (the generated ones are ASCII).
test_of() {
	case $1 in
	--status) echo ".status == \"$2\"" ;;
	--stage) echo ".stage == $2" ;;
	--kind) echo ".kind == \"$2\"" ;;
	--policy) echo ".policy == \"$2\"" ;;
	--service) echo "((.service // \"\") | ascii_downcase) ==" \
	    "(\"$2\" | ascii_downcase)" ;;
	--officer) echo "((if .stage == 2 then .stage2_officer else .officer" \
	    "end) // \"\" | ascii_downcase) == (\"$2\" | ascii_downcase)" ;;
	--from) echo ".received >= \"$2\"" ;;
	--to) echo ".received <= \"$2\"" ;;
	--complainant) echo "((.complainant // \"\") | ascii_downcase) ==" \
	    "(\"$2\" | ascii_downcase)" ;;
	# A pattern with "*" as a regular expression from its start; one
	# with neither "*" nor "?", anywhere.
	--ref-like) case $2 in
		*'*'*) echo ".ref | test(\"^$(echo "$2" |
		    sed 's/\*/.*/g')\$\"; \"i\")" ;;
		*) echo ".ref | test(\"$2\"; \"i\")" ;;
		esac ;;
	# One word: a word of the complainant's name or of the summary.
	--search) echo "([.complainant, .summary] | map(. // \"\" |" \
	    "ascii_downcase | split(\" \")) | flatten | index(\"$2\")) != null" ;;
	*) echo "unknown option $1" >&2; return 1 ;;
	esac
}

# expected ARGS...: the references of the cases list ARGS should give,
# from cases.jsonl: want.received by the day received, then as logged
# (the export's order); want, sorted, which is also the order by
# reference (the generated references have numbers of one width).
expected() {
	cond_=true
	while [ $# -gt 0 ]; do
		cond_="$cond_ and ($(test_of "$1" "$2"))" || return 1
		shift 2
	done
	jq -r -s "map(select($cond_)) | sort_by(.received) | .[].ref" \
	    cases.jsonl >want.received &&
	LC_ALL=C sort want.received >want
}

# got ARGS...: the references list ARGS prints, in its order.
got() {
	cpl list "$@" --format csv >got.csv &&
	sed 1d got.csv | cut -d, -f1
}

# same ARGS...: list ARGS gives the cases expected gives, in each order:
# --sort ref, --sort received, and the default (by what is due, worked
# out from the calendar) as a set.
same() {
	expected "$@" &&
	got "$@" --sort ref >got && test_cmp want got &&
	got "$@" --sort received >got && test_cmp want.received got &&
	got "$@" | LC_ALL=C sort >got && test_cmp want got
}

# The filters alone, and each with the status, an officer and a month:
# those list's statement reads by index.
filters() {
	cat <<'EOF'
--status open
--status closed
--stage 1
--stage 2
--kind comment
--policy southampton
--service Parks
--officer officer3
--officer REVIEWER1
--from 2025-03-01 --to 2025-03-31
--from 2026-06-01
--to 2024-02-15
--complainant RESIDENT 1047
--ref-like SSC-2025-*
--ref-like 2026-0001
--search 1047
EOF
}

# each_filter WITH...: same for every filter of filters, with WITH.
each_filter() {
	filters >filters.txt &&
	while read -r opt_ val_ rest_; do
		# A filter WITH gives already is not given twice.
		case " $* " in
		*" $opt_ "*) continue ;;
		esac
		# Two-word values (a name) and two options on one line.
		case $opt_ in
		--complainant) set_="$opt_|$val_ $rest_" ;;
		*) set_="$opt_|$val_${rest_:+|$rest_}"
		    set_=$(echo "$set_" | sed 's/ /|/g') ;;
		esac
		old_ifs_=$IFS
		IFS='|'
		# shellcheck disable=SC2086
		set -- $set_ "$@"
		IFS=$old_ifs_
		same "$@" || { echo "# differs: $*" >&2; return 1; }
		shift $(echo "$set_" | awk -F'|' '{ print NF }')
	done <filters.txt
}

test_expect_success 'each filter alone gives the cases a filter of the export gives' '
	generated &&
	each_filter &&
	# every filter finds some cases, and none finds them all
	for f in "--officer officer3" "--stage 2" "--service Parks"; do
		expected $f && test -s want &&
		test "$(wc -l <want)" -lt 2000 || return 1
	done
'

test_expect_success 'each filter with the open cases, an officer, a month' '
	generated &&
	each_filter --status open &&
	each_filter --officer officer2 &&
	each_filter --from 2025-01-01 --to 2025-06-30
'

test_expect_success 'several filters at once; --mine is the officer'\''s open cases' '
	generated &&
	same --status open --officer officer4 --stage 1 --kind complaint &&
	same --status closed --service Housing --from 2025-01-01 \
	    --to 2025-12-31 --policy psps &&
	same --officer REVIEWER0 --stage 2 --ref-like "*-2025-*" &&
	expected --status open --officer officer5 &&
	cpl --officer officer5 list --mine --format csv >got.csv &&
	sed 1d got.csv | cut -d, -f1 | LC_ALL=C sort >got &&
	test_cmp want got &&
	test -s want
'

test_expect_success 'a search with filters, the best match first: the same cases' '
	generated &&
	expected --search 1047 --status closed &&
	got --search 1047 --status closed | LC_ALL=C sort >got &&
	test_cmp want got
'

# The index as each engine's schema gives it, and the planner's
# statistics of the import: SQLite's sqlite_schema and sqlite_stat1, or
# the server's pg_indexes and pg_stats (the columns ANALYZE sampled).
test_expect_success 'a new store has the index of an officer'\''s stages, and statistics' '
	generated &&
	if on_server; then
		store_sql "SELECT indexdef FROM pg_indexes
		    WHERE indexname = '\''stages_officer'\''" >index &&
		grep -q "ON public.stage_rows USING btree (officer)" index &&
		test "$(store_sql "SELECT count(*) FROM pg_stats
		    WHERE (tablename, attname) IN (('\''stage_rows'\'', '\''officer'\''),
		    ('\''case_rows'\'', '\''received'\''))")" = 2
	else
		# SQLite-only: the index and the planner'\''s statistics are
		# SQLite'\''s, read from its schema.
		sqlite3 complaints.db "SELECT sql FROM sqlite_schema
		    WHERE name = '\''stages_officer'\''" >index &&
		grep -q "ON stage_rows(officer)" index &&
		# the import left the planner statistics of the cases it wrote
		test "$(sqlite3 complaints.db "SELECT count(*) FROM sqlite_stat1
		    WHERE idx IN ('\''stages_officer'\'', '\''cases_received'\'')")" = 2
	fi
'

# A store as it was before the index is made with the sqlite3 shell from
# one of version 11 (store_v11: the index dropped, the version before).
sqlite_only "a store of schema version 10 is made with the sqlite3 shell; a server's schema begins at version 18, with the index" \
    'a store made before the index gets it when opened' '
	store_v11 &&
	sqlite3 complaints.db "DROP INDEX stages_officer; DELETE FROM sqlite_stat1;
	    PRAGMA user_version = 10" &&
	cpl list --officer "bob smith" --format csv >list.csv &&
	test "$(sed 1d list.csv | cut -d, -f1)" = SSC-2026-00001 &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 11 &&
	sqlite3 complaints.db "SELECT sql FROM sqlite_schema
	    WHERE name = '\''stages_officer'\''" | grep -q "ON stage_rows(officer)" &&
	test "$(sqlite3 complaints.db "SELECT count(*) FROM sqlite_stat1
	    WHERE idx = '\''stages_officer'\''")" = 1
'

test_done
