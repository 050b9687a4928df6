#!/bin/sh
# t9571-copy-older-destination.sh: complaints copy into an SQLite file of
# an older schema. One with rows of its own is refused as it stands: not
# upgraded first, so the refused copy leaves its schema version and its
# bytes as they were. One with none of its own is brought up to date and
# copied into, as a new store is.
#
# SQLite-only, the whole file: the older store is made with the sqlite3
# shell (as_version_17, tests/lib.sh), and its version read there.
. "$(dirname "$0")/lib.sh"

# source: a store with two cases, a note and a response, complaints.db.
source_store() {
	cpl init --policy psps &&
	ref=$(cpl log --complainant "Zoë Brontë" --summary "Bin missed" \
	    --received 2026-03-02) &&
	cpl log --complainant B --received 2026-03-03 &&
	cpl note "$ref" "Rang the depot" --date 2026-03-04 &&
	cpl respond "$ref" --outcome upheld --date 2026-03-05
} >/dev/null

# version DB: DB's schema version.
version() {
	sqlite3 "$1" "PRAGMA user_version"
}

test_expect_success 'an older file with rows of its own is refused, its version and bytes unchanged' '
	test_dir && source_store &&
	COMPLAINTS_DB=old.db cpl init --policy south-staffordshire &&
	COMPLAINTS_DB=old.db cpl log --complainant X --received 2026-03-02 \
	    >/dev/null &&
	as_version_17 old.db &&
	test "$(version old.db)" = 17 &&
	cp old.db old.before &&
	refused 1 "^complaints: .old.db. holds a store with rows of its own (table .[a-z_]*.): a store is copied only into a new one\$" \
	    cpl copy --to old.db &&
	test "$(version old.db)" = 17 &&
	cmp old.before old.db &&
	test ! -e old.db-wal
'

test_expect_success 'an older file with only its settings is refused as it stands too' '
	test_dir && source_store &&
	COMPLAINTS_DB=old.db cpl init --policy south-staffordshire &&
	as_version_17 old.db &&
	cp old.db old.before &&
	refused 1 "holds a store with rows of its own (table .settings.)" \
	    cpl copy --to old.db &&
	test "$(version old.db)" = 17 &&
	cmp old.before old.db
'

test_expect_success 'an older file with no row of its own is brought up to date and copied into' '
	test_dir && source_store &&
	COMPLAINTS_DB=old.db cpl init &&
	as_version_17 old.db &&
	test "$(version old.db)" = 17 &&
	cpl copy --to old.db --format csv >counts &&
	test "$(version old.db)" = "$(version complaints.db)" &&
	dump_db complaints.db >from.dump &&
	dump_db old.db >to.dump &&
	test_cmp from.dump to.dump &&
	grep "^case_rows,2\$" counts &&
	COMPLAINTS_DB=old.db cpl list --search zoe --format csv >found &&
	grep -q "^PSPS-2026-00001," found
'

test_done
