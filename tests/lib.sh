# tests/lib.sh: what every end-to-end test shares. Source it, write tests as
#
#   test_expect_success 'what a user would notice' '
#       cmd ... &&
#       test "$(cpl show "$ref" --format json | jfield .stages[0].ack_due)" = 2026-01-16
#   '
#   test_done
#
# Each test sets up what it needs itself (its own store, in a directory of
# its own), so that one test can run alone: give its number, or a word of
# its title, as the script's argument. Each test file runs in a fresh
# temporary directory and prints TAP. The binary is $COMPLAINTS; the source
# tree is $SRCDIR (policies are read from $SRCDIR/policies).

set -u
: "${COMPLAINTS:?set COMPLAINTS to the complaints binary}"
# The store's dump (dump_db below): built beside the binary.
: "${COMPLAINTS_DUMP:=$(dirname "$COMPLAINTS")/complaints-dump}"
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
export COMPLAINTS_POLICIES="$SRCDIR/policies"
export COMPLAINTS_OFFICER=tester
export COMPLAINTS_TODAY=2026-11-20
unset COMPLAINTS_DB
# On a PostgreSQL store (test_dir): a skip where there is no test server.
if [ "${COMPLAINTS_TEST_STORE:-}" = postgres ] &&
    { [ ! -s "${COMPLAINTS_TEST_PG_DIR:-/nonexistent}/conninfo" ] ||
    ! command -v psql >/dev/null 2>&1; }; then
	echo "1..0 # skip no PostgreSQL test server (tests/pg-server.sh)"
	exit 77
fi

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/complaints-test.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
# This run's part of its databases' names on the test server: random, as
# a process id comes round again within one run of the suite.
db_tag_=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
cd "$TEST_DIR" || exit 1

test_count=0
test_failed=0

# Run the binary; stdin is never a terminal here, so give it /dev/null
# unless the caller redirects (log reads a summary from a pipe).
cpl() {
	"$COMPLAINTS" "$@"
}

# Expect a command to fail with a given exit status (not by a signal):
#   test_must_fail 2 cpl ack REF --date 2026-02-30
test_must_fail() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" -gt 128 ]; then
		echo "# died by signal $((got - 128)): $*" >&2
		return 1
	fi
	if [ "$got" -ne "$want" ]; then
		echo "# expected exit $want, got $got: $*" >&2
		return 1
	fi
	return 0
}

# As test_must_fail, with the command's output left in out and err, and
# err shown when it does not fail so:
#   fails 3 cpl log ... && one_line_error err "..."
fails() {
	test_must_fail "$@" >out 2>err || { sed 's/^/# stderr: /' err >&2; false; }
}

# Compare expected and actual files; show a diff when they differ.
test_cmp() {
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | sed 's/^/# /' >&2
		return 1
	fi
}

# A field of JSON on stdin, by a path like .stages[1].ack_due; null prints
# as "null", a list or an object as JSON (", " between a list's items).
jfield() {
	jq -r "$1"' | if type == "array" then "[" + (map(tojson) | join(", ")) + "]"
	    elif type == "object" then tojson else . end'
}

# The actions of a case's history, space-separated, from show's JSON on stdin.
hist_actions() {
	jq -r '[.history[].action] | join(" ")'
}

# One case's row of list --format csv.
csv_row() {
	cpl list --format csv >list.csv &&
	grep "^$1," list.csv
}

# A snapshot of everything in the store, to prove a refused command
# changed nothing: dump_db > before; ...; dump_db > after; test_cmp
# Every row of every table, by the store's own API ($COMPLAINTS_DUMP,
# tests/tools/dump.c), whatever database holds it; "no store" where there
# is none. The store is opened as the commands open it: chmod it to its
# owner's only before a dump.
# On a server, a database with no table of its own (test_dir's, before
# init) is "no store" too, as a file that is not there is.
dump_db() {
	if [ $# -ne 0 ] || ! on_server; then
		"$COMPLAINTS_DUMP" "${1:-${COMPLAINTS_DB:-complaints.db}}"
		return
	fi
	{ e_=$("$COMPLAINTS_DUMP" "$COMPLAINTS_DB" 2>&1 >&3 3>&-); } 3>&1 &&
	return 0
	test "$(psql "$COMPLAINTS_DB" -qAtX -c "SELECT count(*) FROM pg_class
	    WHERE relnamespace = 'public'::regnamespace")" = 0 &&
	echo "no store" && return 0
	printf '%s\n' "$e_" >&2
	return 3
}

# stderr must be exactly one line, and contain the given text.
one_line_error() {
	lines=$(wc -l < "$1")
	if [ "$lines" -ne 1 ]; then
		echo "# expected one line on stderr, got $lines:" >&2
		sed 's/^/# /' "$1" >&2
		return 1
	fi
	if ! grep -q -- "$2" "$1"; then
		echo "# stderr lacks '$2':" >&2
		sed 's/^/# /' "$1" >&2
		return 1
	fi
}

# A refusal: exit status STATUS (not a signal), exactly one line on stderr
# holding TEXT, nothing on stdout, and the store unchanged:
#   refused 1 "is closed" cpl ack "$ref"
refused() {
	want=$1 text=$2
	shift 2
	dump_db >before &&
	{ test_must_fail "$want" "$@" >out 2>err || { cat err >&2; false; }; } &&
	one_line_error err "$text" &&
	{ test ! -s out || { echo "# stdout:" >&2; sed "s/^/# /" out >&2; false; }; } &&
	dump_db >after &&
	test_cmp before after
}

# The body of a test, in a function of its own: a "return 1" in it (out of
# a loop) fails the test, rather than returning from test_expect_success
# before it can say so.
test_body_() {
	eval "$1"
}

# The tests to run: all, or those the script's arguments name, each by its
# number or by a word of its title (tests/t2001-psps-rules.sh 7 'extend').
test_selection=$*

# Is test number $1, titled $2, one of those to run?
test_selected_() {
	[ -z "$test_selection" ] && return 0
	for w_ in $test_selection; do
		case $w_ in
		*[!0-9]*) case $2 in *"$w_"*) return 0 ;; esac ;;
		*) [ "$w_" -eq "$1" ] && return 0 ;;
		esac
	done
	return 1
}

test_expect_success() {
	test_count=$((test_count + 1))
	if ! test_selected_ "$test_count" "$1"; then
		echo "ok $test_count # skip not selected: $1"
		return 0
	fi
	# In this shell, so a test can set variables (a case's reference) for
	# the tests after it.
	if { test_body_ "$2"; } </dev/null >"$TEST_DIR/.out" 2>"$TEST_DIR/.err"; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TEST_DIR/.out" "$TEST_DIR/.err"
	fi
}

# Other accounts: cpltest1 and cpltest2, both members of group cpltestgrp,
# and cpltestgrp2, of which cpltest2 alone is (tests/setup-accounts.sh,
# which ctest runs first, as root). A test that needs them:
#
#   if accounts_ready; then
#       test_expect_success '...' '... as_user cpltest2 "$COMPLAINTS" ...'
#   else
#       test_skip "what it shows" "$accounts_why"
#   fi
#
# accounts_ready: 0 when commands can run as them here; else 1 and the
# reason in $accounts_why. It lets them into this test's directory (into
# the directories the tests make for them: nothing here is theirs to
# read), and gives them the binary and the policies, copied in if the tree
# is out of their reach (a checkout under /root).
accounts_ready() {
	accounts_why=
	if [ "$(id -u)" -ne 0 ]; then
		accounts_why="not run as root, so no command can run as another account"
		return 1
	fi
	if ! command -v setpriv >/dev/null 2>&1; then
		accounts_why="no setpriv (util-linux) to run a command as another account"
		return 1
	fi
	for a_ in cpltest1 cpltest2; do
		if ! id "$a_" >/dev/null 2>&1; then
			accounts_why="no account $a_: tests/setup-accounts.sh makes it (as root; ctest runs it first)"
			return 1
		fi
	done
	chmod 711 "$TEST_DIR" || return 1
	if ! as_user cpltest1 test -x "$COMPLAINTS" ||
	    ! as_user cpltest1 test -r "$COMPLAINTS_POLICIES/psps.yaml"; then
		mkdir -p "$TEST_DIR/tree" &&
		cp "$COMPLAINTS" "$TEST_DIR/tree/complaints" &&
		cp -R "$COMPLAINTS_POLICIES" "$TEST_DIR/tree/policies" &&
		chmod -R a+rX "$TEST_DIR/tree" || {
			accounts_why="can't give the other accounts the binary and the policies"
			return 1
		}
		COMPLAINTS=$TEST_DIR/tree/complaints
		COMPLAINTS_POLICIES=$TEST_DIR/tree/policies
	fi
}

# as_user NAME CMD...: run CMD as account NAME, with its groups, in this
# environment and directory.
as_user() {
	a_=$1
	shift
	setpriv --reuid="$a_" --regid="$(id -g "$a_")" --init-groups -- "$@"
}

# A test this machine can't run (say why): reported as TAP's skip.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1: $2"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# --- Helpers of the tests that stand alone (t0000-t2999) --------------------
#
# Each test starts in a directory of its own with the store it needs, and a
# story (a case taken through its life a command at a time) is replayed up
# to the point a test checks, rather than left over from the test before:
#
#   life() {
#       story_to "$1" && fresh_store psps &&
#       step logged cpl log --complainant A --received 2026-03-27 &&
#       step ack cpl ack PSPS-2026-00001 --date 2026-04-02 &&
#       story_end
#   }
#   test_on "life ack" 'respond after the ack' '
#       cpl respond PSPS-2026-00001 --outcome upheld &&
#       case_is PSPS-2026-00001 ".stages[0].outcome=upheld"
#   '

# test_on SETUP TITLE BODY: test_expect_success TITLE, its BODY run after
# the command SETUP, which makes the store the test needs in a directory
# of the test's own ("fresh_store psps", "life ack").
test_on() {
	test_expect_success "$2" "$1 && $3"
}

# test_dir: go to a new, empty directory of this test's own,
# $TEST_DIR/tN for test number N. Run against a PostgreSQL server (ctest's
# pg/tNNNN, COMPLAINTS_TEST_STORE=postgres), the test's store is a new,
# empty database of its own there, which COMPLAINTS_DB names, in place of
# the file complaints.db.
test_dir() {
	cd "$TEST_DIR" && rm -rf "t$test_count" && mkdir "t$test_count" &&
	cd "t$test_count" &&
	if [ "${COMPLAINTS_TEST_STORE:-}" = postgres ]; then
		server_db
	fi
}

# other_dir NAME: a new directory NAME here, gone into, for a second
# store of the test's (a store to import into); on a server, a new, empty
# database of its own too, which COMPLAINTS_DB names (the first store's
# is no longer the one a command opens).
other_dir() {
	mkdir "$1" && cd "$1" &&
	if on_server; then
		server_db
	fi
}

# needs_server: for a test file of a server's own (t95NN): the whole
# file a skip (77) where there is no test server.
needs_server() {
	if [ ! -s "${COMPLAINTS_TEST_PG_DIR:-/nonexistent}/conninfo" ] ||
	    ! command -v psql >/dev/null 2>&1; then
		echo "1..0 # skip no PostgreSQL test server (tests/pg-server.sh)"
		exit 77
	fi
	server=$(cat "$COMPLAINTS_TEST_PG_DIR/conninfo")
}

# own_server: a server of the test file's own (tests/pg-server.sh), its
# connection string in $own, stopped on exit: for a figure the server
# counts (index_scans), which no other test's work may move.
own_server() {
	own_dir=$TEST_DIR/own-pg &&
	trap 'sh "$SRCDIR/tests/pg-server.sh" stop "$own_dir" >/dev/null 2>&1;
	    rm -rf "$TEST_DIR"' EXIT &&
	own=$(sh "$SRCDIR/tests/pg-server.sh" start "$own_dir" | tail -1) &&
	test -n "$own"
}

# index_scans INDEX: the scans of the index INDEX of the database
# COMPLAINTS_DB names, as the server counts them.
index_scans() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "SELECT idx_scan
	    FROM pg_stat_user_indexes WHERE indexrelname = '$1'"
}

# new_db: test_dir, and a new, empty database of this test's own on the
# test server (server_db), which COMPLAINTS_DB names.
new_db() {
	test_dir &&
	if [ "${COMPLAINTS_TEST_STORE:-}" != postgres ]; then
		server_db
	fi
}

# server_db [TEMPLATE]: a new database on the test server
# (tests/pg-server.sh, whose connection string
# $COMPLAINTS_TEST_PG_DIR/conninfo holds), empty and of the C collation as
# docs/POSTGRES.md asks, or a copy of the database TEMPLATE (a fixture's:
# the server copies it whole); COMPLAINTS_DB names it.
server_db() {
	# Counted in a file: a subshell's database is named anew too.
	server_dbs=$(($(cat "$TEST_DIR/.dbs" 2>/dev/null || echo 0) + 1)) &&
	echo "$server_dbs" >"$TEST_DIR/.dbs" &&
	server_db_as "t_${db_tag_}_${test_count}_$server_dbs" "${1:-}"
}

# server_db_as NAME [TEMPLATE]: server_db, the database named NAME.
server_db_as() {
	server=$(cat "$COMPLAINTS_TEST_PG_DIR/conninfo") &&
	if [ -n "${2:-}" ]; then
		d_="TEMPLATE $2"
	else
		d_="TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
	fi &&
	psql "$server" -qAtX -v ON_ERROR_STOP=1 \
	    -c "CREATE DATABASE $1 $d_" >/dev/null &&
	COMPLAINTS_DB=$(printf '%s\n' "$server" | sed "s/dbname=[^ ]*/dbname=$1/") &&
	export COMPLAINTS_DB
}

# on_server: true when the tests' stores are databases on the test server
# (ctest's pg/tNNNN), false when they are files (complaints.db).
on_server() {
	[ "${COMPLAINTS_TEST_STORE:-}" = postgres ]
}

# the_store: the store a command here opens when given no --db: the
# test's database on a server, else complaints.db.
the_store() {
	printf '%s\n' "${COMPLAINTS_DB:-complaints.db}"
}

# store_sql SQL: run SQL on the test's store (the_store), by the sqlite3
# shell on a file or psql on a server; rows printed a line each, their
# values between "|". For what no command does (a counter set near its
# end, a text as an older complaints stored it): SQL both engines run.
store_sql() {
	if on_server; then
		psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"
	else
		sqlite3 -bail complaints.db "$1"
	fi
}

# sqlite_only WHY TITLE BODY: test_expect_success TITLE BODY on a file
# store; on a server, the test a visible skip saying WHY it checks only a
# file (its modes, WAL, the sqlite3 shell).
sqlite_only() {
	if on_server; then
		test_skip "$2" "SQLite-only: $1"
	else
		test_expect_success "$2" "$3"
	fi
}

# fresh_store [POLICY]: test_dir, then a new store there, complaints.db,
# under POLICY (south-staffordshire if none is given).
fresh_store() {
	test_dir && cpl init --policy "${1:-south-staffordshire}"
}

# story_to STEP: the steps after this run up to and including the one
# named STEP, and no further; story_end fails if no step had that name.
story_to() {
	story_end_=$1
	story_done_=
}

# step NAME CMD...: run CMD (its standard output dropped: log's reference)
# unless the story has already reached its end.
step() {
	[ -z "$story_done_" ] || return 0
	step_=$1
	shift
	"$@" >/dev/null || { echo "# step $step_ failed: $*" >&2; return 1; }
	[ "$step_" != "$story_end_" ] || story_done_=1
}

story_end() {
	[ -n "$story_done_" ] || { echo "# no step $story_end_" >&2; return 1; }
}

# json_is FILE PATH=VALUE...: the JSON in FILE has VALUE at each jq PATH,
# as jfield prints it (null as null, a list as ["a", "b"]); the PATH
# "actions" is the history's actions, space-separated. One jq reads them
# all, and a diff shows the ones that differ:
#
#   json_is case.json .status=closed ".stages[0].ack_due=2026-04-07" \
#       "actions=logged acknowledged closed"
json_is() {
	f_=$1
	shift
	: >json.want && jq_= &&
	for a_ in "$@"; do
		printf "%s\n" "$a_" >>json.want
		k_=${a_%%=*}
		[ "$k_" != actions ] || k_='[.history[].action] | join(" ")'
		jq_="$jq_${jq_:+, }(($k_) | f_)"
	done &&
	jq -r 'def f_: if type == "array" then "[" + (map(tojson) | join(", ")) + "]"
	    elif type == "object" then tojson else tostring end; '"$jq_" \
	    "$f_" >json.vals || return 1
	awk '{ sub(/=.*/, ""); if ((getline v < "json.vals") <= 0) v = "(none)"
	       print $0 "=" v }
	     END { while ((getline v < "json.vals") > 0) print "(more) " v }' \
	    json.want >json.got &&
	test_cmp json.want json.got
}

# own_policies_store: test_dir, then in it a copy of the shipped policies,
# pol/, and a store under psps, for a test that breaks a policy or a
# calendar file. With COMPLAINTS_POLICIES=pol (a relative name), every
# message names pol/...
own_policies_store() {
	test_dir && cp -R "$SRCDIR/policies" pol && cpl init --policy psps
}

# line_of TEXT FILE: the number of the first line of FILE that starts
# with TEXT.
line_of() {
	grep -n "^$1" "$2" | head -n 1 | cut -d: -f1
}

# policy_refused MESSAGE: policy check of pol/psps.yaml fails (4) with one
# line on stderr that is "complaints: MESSAGE" (a regular expression), and
# log is refused (4) with the same message and nothing stored.
policy_refused() {
	test_must_fail 4 cpl policy check pol/psps.yaml >out 2>err &&
	one_line_error err "^complaints: $1\$" &&
	test ! -s out &&
	refused 4 "^complaints: $1\$" cpl log --complainant A --summary s \
	    --received 2026-03-02
}

# case_is REF PATH=VALUE...: case REF, as show --format json gives it
# (left in case.json), has those values (as json_is checks them).
case_is() {
	r_=$1
	shift
	cpl show "$r_" --format json >case.json && json_is case.json "$@"
}

# row_is REF LINE: case REF's row of list --format csv is LINE.
row_is() {
	csv_row "$1" >row && echo "$2" >expect && test_cmp expect row
}

# refused_when_closed REF DATE: closed case REF refuses (1, "is closed",
# nothing changed) an acknowledgement, a response, an extension, stage 2,
# an assignment and a close, each dated DATE.
refused_when_closed() {
	for a_ in "ack|" "respond|--outcome upheld" \
	    "extend|--days 2 --reason r --told" "escalate|--reason r" \
	    "assign|--to erin" "close|--reason resolved"; do
		# shellcheck disable=SC2086 # the words are the arguments
		refused 1 "is closed" \
		    cpl "${a_%%|*}" "$1" ${a_#*|} --date "$2" || return 1
	done
}

# never_answered KIND REF DATE: case REF, a KIND (comment, compliment,
# service request), refuses (1, "is a KIND", nothing changed) a response,
# an extension and stage 2, each dated DATE.
never_answered() {
	refused 1 "is a $1" cpl respond "$2" --outcome upheld --date "$3" &&
	refused 1 "is a $1" \
	    cpl extend "$2" --days 2 --reason r --told --date "$3" &&
	refused 1 "is a $1" cpl escalate "$2" --reason r --date "$3"
}

# --- Helpers of the report, import and store tests (t4000-t6999) ------------
#
# Each test starts in a directory of its own with the store it needs:
#
#   test_expect_success 'what a user would notice' '
#       fresh_store psps &&
#       ref=$(cpl log --complainant A --summary s) && ...
#   '

# fixture NAME FUNCTION: copy into this directory the files FUNCTION makes
# when run in an empty directory (a store of many generated cases, say).
# FUNCTION runs once per test file, the first time a test asks for NAME, in
# a subshell in $TEST_DIR/fixture.NAME; each test that asks gets a copy of
# its own, so what one test changes no other sees, and a test run alone
# makes it for itself. On a server (on_server), FUNCTION's store is a
# database of the fixture's own, and each test's a copy of it, which
# COMPLAINTS_DB then names; a fixture of files alone (FUNCTION makes no
# complaints.db: a CSV to import) leaves the test's store as it was.
fixture() {
	f_=$TEST_DIR/fixture.$1
	if [ ! -e "$f_.made" ]; then
		rm -rf "$f_" "$f_.db" && mkdir "$f_" &&
		(cd "$f_" || exit 1
		 if on_server; then
			 # Made in a file, then copied whole to the server:
			 # one process, where a fixture's hundreds of commands
			 # would each connect (the commands themselves run on
			 # a server in the tests on tests/postgres.list).
			 (unset COMPLAINTS_DB COMPLAINTS_TEST_STORE && "$2") &&
			 if [ -e complaints.db ]; then
				 server_db_as "fx_${db_tag_}_$1" &&
				 cpl --db complaints.db copy \
				     --to "$COMPLAINTS_DB" >/dev/null &&
				 rm -f complaints.db && : >"$f_.db"
			 fi
		 else
			 "$2"
		 fi) &&
		: >"$f_.made" || {
			echo "# fixture $1: $2 failed" >&2
			return 1
		}
	fi
	cp -pR "$f_/." . &&
	if on_server && [ -e "$f_.db" ]; then
		server_db "fx_${db_tag_}_$1"
	fi
}

# store_v11: test_dir, then complaints.db a store of schema version 11,
# as the complaints of that version made it (tests/fixtures/store-v11.sql,
# made by tests/fixtures/store-v11.sh: a row in every table), for a test
# of an upgrade: opened by a command, it is converted to the current
# schema. SQLite-only: the store is loaded with the sqlite3 shell.
store_v11() {
	test_dir &&
	sqlite3 complaints.db <"$SRCDIR/tests/fixtures/store-v11.sql" &&
	chmod 600 complaints.db
}

# wait_for CMD...: wait until CMD succeeds (`wait_for test -s ready`),
# trying it every twentieth of a second. The limit, 120 seconds, is only a
# safety net for a test that would otherwise hang: nothing waits for a
# duration, only for the condition.
wait_for() {
	w_=0
	until "$@"; do
		w_=$((w_ + 1))
		if [ "$w_" -ge 2400 ]; then
			echo "# gave up waiting, after 120 s, for: $*" >&2
			return 1
		fi
		sleep 0.05
	done
}

# check_row FILE A B C WANT: the one row of the report CSV in FILE whose
# first three fields are A, B and C (by,group,figure or
# section,group,figure) holds WANT from its fourth field on.
check_row() {
	r_=$(awk -F, -v a="$2" -v b="$3" -v c="$4" \
	    '$1 == a && $2 == b && $3 == c {
		sub(/^[^,]*,[^,]*,[^,]*,/, ""); print; n++
	     }
	     END { if (n != 1) exit 1 }' "$1") || {
		echo "# $1: no one row $2,$3,$4" >&2
		return 1
	}
	[ "$r_" = "$5" ] || {
		echo "# $1: $2,$3,$4: got $r_, want $5" >&2
		return 1
	}
}

# json_is_csv CSV JSON COLUMN...: the array of objects in the file JSON
# holds the rows of the file CSV (its header, then a row a line), in the
# same order: each object has each column of the header, null where the
# CSV's field is empty, a number equal to the field in each COLUMN named,
# and the field's text in the others. Prints the number of rows; any
# difference, and a count that differs, on stderr, and then fails.
json_is_csv() {
	c_=$1 j_=$2
	shift 2
	jq -r --rawfile csv "$c_" --arg nums "$*" '
	    def fields: [scan("(?:^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)") | .[0] |
		if startswith("\"") then .[1:-1] | gsub("\"\""; "\"") else . end];
	    ($csv | rtrimstr("\n") | split("\n") | map(rtrimstr("\r") | fields))
		as $rows |
	    $rows[0] as $head | $rows[1:] as $body | ($nums | split(" ")) as $num |
	    if length != ($body | length) then
		"# \(length) objects in the JSON, \($body | length) rows in the CSV"
	    else
		(range(0; length) as $i | .[$i] as $o | range(0; $head | length) as $k |
		 $head[$k] as $key | $body[$i][$k] as $v | $o[$key] as $w |
		 select(($o | has($key) | not) or
			if $w == null then $v != ""
			elif ($num | index([$key])) then
			    ($w | type) != "number" or ($v | type) != "string" or
			    $v == "" or ($v | tonumber) != $w
			else ($w | type) != "string" or $w != $v end) |
		 "# row \($i + 1), \($key): the CSV has \($v | tojson), the JSON \($w | tojson)"),
		($body | length | tostring)
	    end' "$j_" >"$j_.cmp" || return 1
	if grep -q "^#" "$j_.cmp"; then
		cat "$j_.cmp" >&2
		return 1
	fi
	cat "$j_.cmp"
}

# case_count [DB]: how many cases the store (the_store, or DB) holds,
# as list gives them.
case_count() {
	cpl --db "${1:-$(the_store)}" list --format json | jq length
}

# ref_of EXTERNAL_REF [DB]: the reference of each case the store
# (the_store, or DB) holds under EXTERNAL_REF, a line each.
ref_of() {
	cpl --db "${2:-$(the_store)}" export --format jsonl |
	    jq -r --arg x "$1" 'select(.external_ref == $x) | .ref'
}

# csv_json FILE: the CSV in FILE (RFC 4180: quoted fields, doubled quotes,
# line breaks in quotes, CRLF) as a JSON array of objects, one a row, each
# field under its column's name in the header, as text.
csv_json() {
	jq -R -s '
	    [scan("(\"(?:[^\"]|\"\")*\"|[^,\"\r\n]*)(,|\r?\n|\\z)")] |
	    reduce .[] as [$f, $t] ({rows: [], row: []};
		.row += [$f | if startswith("\"") then .[1:-1] | gsub("\"\""; "\"")
		    else . end] |
		if $t == "," then . else .rows += [.row] | .row = [] end) |
	    .rows | map(select(. != [""])) |
	    .[0] as $head | .[1:] |
	    map([$head, .] | transpose | map({(.[0]): .[1]}) | add)' "$1"
}

# Another process's hold on a store, for the tests of what waits for it or
# goes round it. SQLite-only: the holder is a sqlite3 shell in a
# transaction, fed through a FIFO open on this shell's descriptor 3, so that
# the test says when it lets go.
#
# hold_write [DB]: a sqlite3 shell holds the write lock (BEGIN IMMEDIATE)
# of DB (complaints.db) until let_go; its process id in $holder. On a
# server (on_server, no DB given), a psql session on the test's database
# holds the cases' table as a writer would: every write waits for it, a
# read does not (LOCK TABLE ... IN EXCLUSIVE MODE).
hold_write() {
	if [ $# -eq 0 ] && on_server; then
		hold_ "$COMPLAINTS_DB" \
		    "BEGIN; LOCK TABLE case_rows IN EXCLUSIVE MODE;"
	else
		hold_ "${1:-complaints.db}" "BEGIN IMMEDIATE;"
	fi
}

# hold_read [DB]: a sqlite3 shell holds a read transaction on DB
# (complaints.db), as a long report or a backup does, begun now, until
# let_go; its process id in $holder.
hold_read() {
	hold_ "${1:-complaints.db}" "BEGIN; SELECT count(*) > -1 FROM cases;"
}

# hold_ DB SQL: a sqlite3 shell on DB (psql on the test's database on a
# server) runs SQL, says it holds the store,
# and waits for more on the FIFO hold.fifo, open on descriptor 3; what it
# prints goes to hold.out.
hold_() {
	rm -f hold.fifo hold.out &&
	mkfifo hold.fifo &&
	if [ "$1" = "${COMPLAINTS_DB:-}" ] && on_server; then
		holder_shell_=psql
		{ psql "$1" -qAtX <hold.fifo >hold.out 2>&1 & }
	else
		holder_shell_=sqlite3
		{ sqlite3 "$1" <hold.fifo >hold.out 2>&1 & }
	fi &&
	holder=$! &&
	exec 3>hold.fifo &&
	printf "%s\n%s\n" "$2" "SELECT 'holding';" >&3 &&
	wait_for grep -qx holding hold.out &&
	{ test "$(grep -vx -e holding -e 1 hold.out)" = "" ||
	  { sed "s/^/# sqlite3: /" hold.out >&2; false; }; }
}

# hold_open [DB]: a sqlite3 shell keeps DB (complaints.db) open, having
# read it, so that no other connection's close is the last one (which
# would copy the store's log into its file), until kill_holder; its
# process id in $holder.
hold_open() {
	hold_ "${1:-complaints.db}" "SELECT count(*) > -1 FROM cases;"
}

# kill_holder: the sqlite3 shell of hold_open is killed (SIGKILL), so that
# it can't copy the log into the file either.
kill_holder() {
	kill -9 $holder
	wait $holder
	exec 3>&-
}

# let_go: the sqlite3 shell of hold_write or hold_read ends its
# transaction and exits.
let_go() {
	if [ "$holder_shell_" = psql ]; then
		printf "%s\n" "ROLLBACK;" "\\q" >&3
	else
		{ echo "ROLLBACK;"; echo ".quit"; } >&3
	fi
	exec 3>&-
	wait $holder
}

# while_held CMD...: CMD, while the store is held (hold_write or
# hold_read); then let_go. CMD's exit status.
while_held() {
	"$@" 3>&-
	h_=$?
	let_go
	return $h_
}

# stored_name_hex: the bytes, in hex, of the complainant of the store's one
# case as export's CSV carries it: as stored, byte for byte (the name may
# hold no comma, quote or line break).
stored_name_hex() {
	cpl export --format csv >export.csv &&
	test "$(head -1 export.csv | cut -d, -f7)" = complainant &&
	test "$(wc -l <export.csv)" = 2 &&
	sed -n 2p export.csv | LC_ALL=C cut -d, -f7 | tr -d "\n" |
	    od -An -tx1 | tr -d " \n"
}

# imports SUMMARY ARGS...: cpl import ARGS... succeeds and prints SUMMARY,
# its line of counts; its standard error in err.
imports() {
	i_=$1
	shift
	cpl import "$@" >out 2>err &&
	{ test "$(cat out)" = "$i_" || {
		echo "# import printed: $(cat out)" >&2
		false
	}; }
}

# date_in_words ISO: a date as a letter writes it ("Friday 16 January
# 2026").
date_in_words() {
	date -d "$1" '+%A %-d %B %Y'
}

# stage_due REF STAGE FIELD: a deadline of case REF, as show --format json
# gives it.
stage_due() {
	cpl show "$1" --format json | jq -r ".stages[$(($2 - 1))].$3"
}

# file_has FILE TEXT...: FILE holds each TEXT (fixed strings).
file_has() {
	f_=$1
	shift
	for t_ in "$@"; do
		grep -qF -- "$t_" "$f_" || { echo "# no '$t_' in $f_" >&2; return 1; }
	done
}

# store_v17: test_dir, then complaints.db a store of schema version 17, as
# the complaints of that version made it (tests/fixtures/store-v17.sql,
# made by tests/fixtures/store-v17.sh: a row in every table), for a test of
# an upgrade. SQLite-only: the store is loaded with the sqlite3 shell.
store_v17() {
	test_dir &&
	sqlite3 complaints.db <"$SRCDIR/tests/fixtures/store-v17.sql" &&
	chmod 600 complaints.db
}

# as_version_17 [DB]: the store DB (complaints.db), of schema version 18,
# made back into one of version 17 (tests/fixtures/as-v17.sql), for a test
# that goes on to make an older store of it. SQLite-only: the sqlite3 shell.
as_version_17() {
	sqlite3 "${1:-complaints.db}" <"$SRCDIR/tests/fixtures/as-v17.sql"
}
