#!/bin/sh
# t0010-init.sh: init creates the database (owner-only, schema version
# recorded) and sets the default policy; running it again is harmless; the
# other commands refuse a missing, newer or foreign file (complaints-init(1);
# complaints(1), The database).
. "$(dirname "$0")/lib.sh"

# The schema version the binary writes, as --version names it.
schema() {
	cpl --version | sed -n "s/.*database schema \([0-9]*\).*/\1/p"
}

# The references of the cases in store $1, one a line, as list orders them.
refs_in() {
	cpl --db "$1" list --format csv >list.csv &&
	tail -n +2 list.csv | cut -d, -f1
}

test_expect_success 'init creates complaints.db, readable by its owner only' '
	test_dir &&
	cpl init >out 2>err &&
	test -f complaints.db &&
	test "$(stat -c %a complaints.db)" = 600 &&
	test ! -s out && test ! -s err
'

test_expect_success 'complaints --version names the schema version it writes' '
	test_dir &&
	cpl --version >out &&
	grep -Eq "^complaints [0-9]+\.[0-9]+\.[0-9]+ \(database schema [0-9]+\)\$" out &&
	test "$(schema)" -ge 2
'

# SQLite-only: the schema version is SQLite's PRAGMA user_version.
test_expect_success 'init records the schema version in PRAGMA user_version' '
	test_dir &&
	cpl init &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" = "$(schema)"
'

test_expect_success 'init is owner-only whatever the umask' '
	test_dir &&
	(umask 000 && cpl --db loose.db init) &&
	test "$(stat -c %a loose.db)" = 600
'

# SQLite-only (the last line): the schema version is PRAGMA user_version.
test_expect_success 'init run again on the database is harmless' '
	test_dir &&
	cpl init &&
	dump_db >before &&
	cpl init >out 2>err &&
	test ! -s out && test ! -s err &&
	dump_db >after &&
	test_cmp before after &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" = "$(schema)"
'

test_expect_success 'init --policy sets the default policy log uses' '
	test_dir &&
	cpl init &&
	cpl init --policy south-staffordshire &&
	cpl log --complainant "A Resident" --summary s --received 2026-01-09 >out &&
	test "$(cat out)" = SSC-2026-00001 &&
	cpl show SSC-2026-00001 --format json >case.json &&
	test "$(jfield .policy <case.json)" = south-staffordshire
'

test_on 'fresh_store south-staffordshire' 'init --policy with the same policy again changes nothing' '
	cpl log --complainant "A Resident" --summary s --received 2026-01-09 &&
	dump_db >before &&
	cpl init --policy south-staffordshire &&
	cpl init &&
	dump_db >after &&
	test_cmp before after &&
	test "$(refs_in complaints.db)" = SSC-2026-00001
'

test_on 'fresh_store south-staffordshire' 'init --policy nosuch: exit 2, the database unchanged' '
	cpl log --complainant "A Resident" --summary s --received 2026-01-09 &&
	refused 2 nosuch cpl init --policy nosuch &&
	cpl log --complainant "B Resident" --summary s --received 2026-01-12 >out &&
	test "$(cat out)" = SSC-2026-00002
'

test_expect_success 'init --policy nosuch on no database creates no file' '
	test_dir &&
	mkdir fresh &&
	(cd fresh && test_must_fail 2 cpl init --policy nosuch >out 2>err &&
	 one_line_error err nosuch && test ! -s out) &&
	left=$(ls -A fresh | grep -v -e "^out\$" -e "^err\$" || :) &&
	{ test -z "$left" || { echo "# init left behind: $left" >&2; false; }; }
'

test_expect_success 'every other command on a missing database: exit 3, "run init", no file' '
	test_dir &&
	mkdir missing &&
	(
		cd missing || exit 1
		for args in "log --complainant A --summary s" "ack SSC-2026-00001" \
		    "respond SSC-2026-00001 --outcome upheld" \
		    "extend SSC-2026-00001 --days 1 --reason r" \
		    "escalate SSC-2026-00001" \
		    "close SSC-2026-00001 --reason resolved" \
		    "assign SSC-2026-00001 --to bob" "note SSC-2026-00001 hello" \
		    "show SSC-2026-00001" "list"; do
			# shellcheck disable=SC2086 # the words are the arguments
			test_must_fail 3 cpl $args >out 2>err || { cat err >&2; exit 1; }
			one_line_error err "complaints init" || exit 1
			test ! -s out || exit 1
			test -z "$(ls -A | grep -v -e "^out\$" -e "^err\$")" || {
				echo "# $args left: $(ls -A)" >&2; exit 1; }
		done
	)
'

test_on 'fresh_store south-staffordshire' '--db PATH chooses the file' '
	cpl log --complainant "A Resident" --summary s --received 2026-01-09 &&
	dump_db >before &&
	cpl --db other.db init --policy psps &&
	test "$(stat -c %a other.db)" = 600 &&
	cpl --db other.db log --anonymous --summary s --received 2026-02-02 >out &&
	test "$(cat out)" = PSPS-2026-00001 &&
	cpl show PSPS-2026-00001 --db other.db --format json >case.json &&
	test "$(jfield .policy <case.json)" = psps &&
	dump_db >after &&
	test_cmp before after
'

test_on 'fresh_store south-staffordshire' 'COMPLAINTS_DB chooses the file; --db overrides it' '
	cpl --db other.db init --policy psps &&
	cpl --db other.db log --anonymous --summary s --received 2026-02-02 &&
	dump_db >before &&
	(
		COMPLAINTS_DB=env.db && export COMPLAINTS_DB &&
		cpl init --policy southampton &&
		cpl log --complainant C --summary s --received 2026-02-03 >out1 &&
		cpl --db other.db log --anonymous --summary s \
		    --received 2026-02-03 >out2
	) &&
	test "$(stat -c %a env.db)" = 600 &&
	test "$(refs_in env.db)" = "$(cat out1)" &&
	test "$(refs_in other.db)" = \
	    "$(printf "PSPS-2026-00001\nPSPS-2026-00002")" &&
	test "$(cat out2)" = PSPS-2026-00002 &&
	dump_db >after &&
	test_cmp before after
'

# SQLite-only: a newer schema is made by setting PRAGMA user_version,
# and compared as SQLite reads it (the store's own dump refuses it too).
test_on 'fresh_store south-staffordshire' 'a database of a newer schema is refused, naming both versions, and not altered' '
	cpl log --complainant "A Resident" --summary s --received 2026-01-09 &&
	schema=$(schema) &&
	cp complaints.db newer.db &&
	sqlite3 newer.db "PRAGMA user_version = 99" &&
	sqlite3 newer.db .dump >before &&
	cp newer.db newer.orig &&
	(
		for args in "show SSC-2026-00001" "list" "init" \
		    "log --complainant A --summary s" "ack SSC-2026-00001"; do
			# shellcheck disable=SC2086
			test_must_fail 3 cpl --db newer.db $args >out 2>err &&
			one_line_error err 99 &&
			grep -Eq "(^|[^0-9])$schema([^0-9]|\$)" err &&
			test ! -s out || { echo "# on: $args" >&2; exit 1; }
		done
	) &&
	sqlite3 newer.db .dump >after &&
	test_cmp before after &&
	test "$(sqlite3 newer.db "PRAGMA user_version")" = 99 &&
	cmp newer.orig newer.db
'

# SQLite-only: a rollback-journal file of a newer schema is made by sqlite3.
test_expect_success 'a newer database in rollback-journal mode is not altered either' '
	test_dir &&
	sqlite3 plain.db "CREATE TABLE t(x); PRAGMA user_version = 99" &&
	chmod 600 plain.db &&
	cp plain.db plain.orig &&
	test_must_fail 3 cpl --db plain.db show SSC-2026-00001 2>err &&
	one_line_error err 99 &&
	cmp plain.orig plain.db
'

test_expect_success 'a file that is not a database: exit 3, left as it was' '
	test_dir &&
	printf "name,address\nA Resident,1 High Street\n" >notes.csv &&
	chmod 600 notes.csv &&
	cp notes.csv notes.orig &&
	test_must_fail 3 cpl --db notes.csv show SSC-2026-00001 >out 2>err &&
	one_line_error err "not a complaints database" && test ! -s out &&
	test_must_fail 3 cpl --db notes.csv init --policy psps >out 2>err &&
	one_line_error err "not a complaints database" && test ! -s out &&
	test_must_fail 3 cpl --db notes.csv log --complainant A --summary s \
	    >out 2>err &&
	one_line_error err "not a complaints database" && test ! -s out &&
	cmp notes.orig notes.csv
'

test_expect_success 'a directory given as the database: exit 3' '
	test_dir &&
	mkdir adir &&
	test_must_fail 3 cpl --db adir init >out 2>err &&
	one_line_error err adir && test ! -s out &&
	test -z "$(ls -A adir)"
'

test_done
