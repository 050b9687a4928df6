#!/bin/sh
# t6010-store-open.sh: opening the store (README: Store). Several processes
# creating the same store at the same moment all succeed with one store and
# one default policy (the version is read in one snapshot with the tables;
# the switch to WAL mode, which SQLite does not wait for, is retried); a
# database of a newer schema is refused and left exactly as it was, its
# -wal file included (closing SQLite's connection would otherwise copy the
# -wal file into it). Every test works in a directory of its own.
#
# SQLite-only, the whole file: what is checked is SQLite's own (the schema
# version in PRAGMA user_version, WAL mode, a -wal file), read and made
# with the sqlite3 shell.
. "$(dirname "$0")/lib.sh"

# The schema version this binary writes.
schema_version() {
	cpl --version | sed -n "s/.*database schema \([0-9]*\).*/\1/p"
}

test_expect_success '8 processes creating the same store at once, 20 times over: one store, one default' '
	test_dir &&
	schema=$(schema_version) && test -n "$schema" &&
	(
	round=1
	while [ "$round" -le 20 ]; do
		rm -f new.db new.db-wal new.db-shm &&
		pids="" &&
		for n in 1 2 3 4 5 6 7 8; do
			cpl --db new.db init --policy south-staffordshire \
			    2>>new.err &
			pids="$pids $!"
		done &&
		for p in $pids; do
			wait "$p" || { echo "# round $round failed" >&2; exit 1; }
		done &&
		test "$(sqlite3 new.db "PRAGMA user_version")" = "$schema" &&
		test "$(sqlite3 new.db "PRAGMA journal_mode")" = wal &&
		test "$(sqlite3 new.db "SELECT count(*) FROM events
		    WHERE action = '\''default-policy'\''")" = 1 || exit 1
		round=$((round + 1))
	done
	) &&
	{ test ! -s new.err || { sed "s/^/# /" new.err >&2; false; }; }
'

test_expect_success 'a newer database with a -wal file: refused naming both versions, not a byte changed' '
	fresh_store psps &&
	schema=$(schema_version) && test -n "$schema" &&
	cpl log --complainant A --summary s >/dev/null &&
	cp complaints.db newer.db &&
	sqlite3 newer.db ".dbconfig no_ckpt_on_close on" \
	    "PRAGMA user_version = 99" >/dev/null &&
	test -s newer.db-wal &&
	cp newer.db newer.orig && cp newer.db-wal newer.orig-wal &&
	(
	for args in "show PSPS-2026-00001" "list" "init" \
	    "log --complainant B --summary s"; do
		# shellcheck disable=SC2086 # the words are the arguments
		test_must_fail 3 cpl --db newer.db $args >out 2>err &&
		one_line_error err "version 99" &&
		grep -Eq "(^|[^0-9])$schema([^0-9]|\$)" err &&
		test ! -s out &&
		cmp newer.orig newer.db && cmp newer.orig-wal newer.db-wal ||
		    { echo "# on: $args" >&2; exit 1; }
	done
	)
'

test_done
