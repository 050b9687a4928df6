#!/bin/sh
# t9540-postgres-concurrency.sh: officers at once on a PostgreSQL store.
# A write on a server does not hold the whole store as a write on a file
# does, so a write that changes a case locks the case's row first and
# reads the case after. Two officers answering one stage at the same
# moment: one succeeds, the other is refused as a file refuses an answer
# to a stage already answered, and the stage 2 rule (someone other than
# who answered stage 1) holds. 8, then 32, processes logging at once all
# succeed, with unique, gapless references. Two writes adding the same
# thing the store keeps once (a new officer's name, a document's bytes)
# at the same moment both succeed. A client killed (SIGKILL) in
# the middle of a write leaves nothing of it. Needs the test server
# (tests/pg-server.sh, a ctest fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# pg_hold SQL: a psql session on the test's database runs SQL inside a
# transaction it keeps open (the locks it takes held) until pg_let_go;
# fed through the FIFO hold.fifo on descriptor 3, its process id in
# $holder. SQL reads the store's tables: what a command would wait for.
pg_hold() {
	rm -f hold.fifo hold.out &&
	mkfifo hold.fifo &&
	{ psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 <hold.fifo \
	    >hold.out 2>&1 & } &&
	holder=$! &&
	exec 3>hold.fifo &&
	printf '%s\n' "BEGIN;" "$1" "SELECT 'holding';" >&3 &&
	wait_for held_ &&
	{ grep -qx holding hold.out || { sed "s/^/# psql: /" hold.out >&2; false; }; }
}

# held_: psql holds what pg_hold asked for, or has stopped trying.
held_() {
	grep -qx holding hold.out && return 0
	kill -0 $holder 2>/dev/null && return 1
	return 0
}

# pg_let_go [ROLLBACK]: the psql session of pg_hold commits (or rolls
# back) and exits.
pg_let_go() {
	printf '%s\n' "${1:-COMMIT};" '\q' >&3
	exec 3>&-
	wait $holder
}

# waits: the statement each of the commands' connections to the test's
# database waits for a lock in, a line each.
waits() {
	psql "$COMPLAINTS_DB" -qAtX -c "SELECT regexp_replace(query, '\s+',
	    ' ', 'g') FROM pg_stat_activity
	    WHERE datname = current_database()
	    AND application_name = 'complaints' AND wait_event_type = 'Lock'"
}

# waiting N: exactly N of them wait for a lock.
waiting() {
	test "$(waits | wc -l)" -eq "$1"
}

# hold_case REF: pg_hold the rows of case REF and of its stages, as
# another officer's write of it would, so that commands on the case wait.
# SQLite-free: the server's own tables, read by psql.
hold_case() {
	pg_hold "SELECT c.id FROM case_rows c WHERE c.ref = '$1' FOR UPDATE;
	    SELECT s.stage FROM stage_rows s JOIN case_rows c
	    ON c.id = s.case_id WHERE c.ref = '$1' FOR UPDATE OF s;"
}

# race NAME CMD...: run CMD in the background while the case is held
# (hold_case); its exit status goes to NAME.rc, its output to NAME.out and
# NAME.err.
race() {
	n_=$1
	shift
	{ "$@" </dev/null >"$n_.out" 2>"$n_.err"; echo $? >"$n_.rc"; } 3>&- &
}

# started CMD...: CMD (the binary itself, not a shell function, so that
# its process can be killed) in the background; its process id in $pid.
started() {
	"$@" </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
}

# answered_at_once: a case (psps), acknowledged; held; officers A and B
# both answer its stage 1, and wait for the hold; let go, they race.
answered_at_once() {
	cpl init --policy psps >/dev/null &&
	ref=$(cpl log --complainant "Siân O'Brien" --summary "Bill wrong" \
	    --received 2026-03-02) &&
	cpl ack "$ref" --date 2026-03-03 &&
	dump_db >before &&
	hold_case "$ref" &&
	race a cpl --officer "A Officer" respond "$ref" --date 2026-03-10 \
	    --outcome upheld &&
	race b cpl --officer "B Officer" respond "$ref" --date 2026-03-11 \
	    --outcome not-upheld &&
	wait_for waiting 2 &&
	pg_let_go &&
	wait &&
	echo "$ref" >ref
}

# won: the officer (a or b) whose command succeeded, when exactly one did
# and the other was refused (1).
won() {
	if [ "$(cat a.rc)" = 0 ] && [ "$(cat b.rc)" = 1 ]; then
		echo a
	elif [ "$(cat b.rc)" = 0 ] && [ "$(cat a.rc)" = 1 ]; then
		echo b
	else
		echo "# exit statuses: A $(cat a.rc), B $(cat b.rc)" >&2
		sed "s/^/# A: /" a.err >&2
		sed "s/^/# B: /" b.err >&2
		return 1
	fi
}

test_expect_success 'two officers answer one stage at once: one succeeds, the other is refused' '
	new_db &&
	answered_at_once &&
	ref=$(cat ref) &&
	w=$(won) &&
	if [ "$w" = a ]; then l=b day=2026-03-10; else l=a day=2026-03-11; fi &&
	one_line_error $l.err "stage 1 of case .$ref. was answered on $day" &&
	test ! -s $l.out &&
	cpl show "$ref" --format json >case.json &&
	test "$(jq "[.history[] | select(.action == \"responded\")] | length" \
	    case.json)" = 1 &&
	test "$(jq -r ".stages[0].responded" case.json)" = $day &&
	# A file gives the same refusal for the same second answer.
	cd .. && mkdir file && cd file &&
	export COMPLAINTS_DB=$PWD/c.db &&
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Siân O'\''Brien" --summary "Bill wrong" \
	    --received 2026-03-02 >/dev/null &&
	cpl ack "$ref" --date 2026-03-03 &&
	if [ "$w" = a ]; then
		cpl --officer "A Officer" respond "$ref" --date 2026-03-10 \
		    --outcome upheld &&
		refused 1 "" cpl --officer "B Officer" respond "$ref" \
		    --date 2026-03-11 --outcome not-upheld
	else
		cpl --officer "B Officer" respond "$ref" --date 2026-03-11 \
		    --outcome not-upheld &&
		refused 1 "" cpl --officer "A Officer" respond "$ref" \
		    --date 2026-03-10 --outcome upheld
	fi &&
	test_cmp err ../t$test_count/$l.err
'

# officer_of a|b: the officer of race a or b.
officer_of() {
	if [ "$1" = a ]; then echo "A Officer"; else echo "B Officer"; fi
}

test_expect_success 'the stage 2 officer is not who answered stage 1, under the same race' '
	new_db &&
	answered_at_once &&
	ref=$(cat ref) &&
	cpl escalate "$ref" --date 2026-03-12 --reason "Not happy" &&
	# Whoever answered stage 1 may not answer stage 2.
	for o in a b; do
		test "$(cat $o.rc)" != 0 || {
			who=$(officer_of $o) &&
			refused 1 ".$who. handled stage 1 of case .$ref.; policy .psps. needs someone else at stage 2" \
			    cpl --officer "$who" respond "$ref" \
			    --date 2026-03-20 --outcome upheld
		} || return 1
	done &&
	w=$(won) &&
	if [ $w = a ]; then l=b; else l=a; fi &&
	cpl --officer "$(officer_of $l)" respond "$ref" --date 2026-03-20 \
	    --outcome upheld &&
	cpl show "$ref" --format json >case.json &&
	test "$(jq -r "[.history[] | select(.action == \"responded\") |
	    .officer] | join(\",\")" case.json)" = \
	    "$(officer_of $w),$(officer_of $l)"
'

# loggers N K: N processes, released together, each logging K cases
# (COMPLAINTS_WAIT: as long as a turn may take); each one's failures in
# fail.I and its messages in err.I.
loggers() {
	i=1
	while [ $i -le $1 ]; do
		: >"fail.$i" && : >"err.$i" || return 1
		(
			wait_for test -e go
			j=0
			while [ $j -lt $2 ]; do
				COMPLAINTS_WAIT=120 "$COMPLAINTS" --officer "w$i" log \
				    --complainant "W$i-$j" --summary s \
				    --received 2026-06-01 </dev/null \
				    >>"refs.$i" 2>>"err.$i" ||
				    echo "log $j: $?" >>"fail.$i"
				j=$((j + 1))
			done
		) &
		i=$((i + 1))
	done
	: >go
	wait
}

# all_logged N K: every one of loggers N K succeeded, and the N * K cases
# have the references PSPS-2026-00001 to N * K, each once.
all_logged() {
	i=1
	while [ $i -le $1 ]; do
		if [ -s "fail.$i" ] || [ -s "err.$i" ]; then
			echo "# logger $i:" >&2
			sed "s/^/#   /" "fail.$i" "err.$i" | head -5 >&2
			return 1
		fi
		i=$((i + 1))
	done
	total=$(($1 * $2)) &&
	seq 1 $total | awk '{ printf "PSPS-2026-%05d\n", $1 }' >want &&
	cat refs.* | sort >got &&
	test_cmp want got &&
	cpl list --format csv | sed 1d | cut -d, -f1 | sort >listed &&
	test_cmp want listed
}

test_expect_success '8 processes log 25 cases each at once: unique, gapless references' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	loggers 8 25 &&
	all_logged 8 25
'

test_expect_success '32 processes log 5 cases each at once: unique, gapless references' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	loggers 32 5 &&
	all_logged 32 5
'

# hold_word WORD: pg_hold an insert of WORD into the words, not committed.
hold_word() {
	pg_hold "INSERT INTO words(word, key) VALUES ('$1', 'x');"
}

# hold_content FILE: pg_hold an insert of bytes under FILE's SHA-256, not
# committed.
hold_content() {
	pg_hold "INSERT INTO attachment_content(sha256, size, data)
	    VALUES ('$(sha256sum "$1" | cut -d" " -f1)', 1, CAST('x' AS BYTEA));"
}

# both_succeeded: the commands of race a and race b both exited 0.
both_succeeded() {
	test "$(cat a.rc) $(cat b.rc)" = "0 0" ||
	    { sed "s/^/# /" a.err b.err >&2; false; }
}

# Two officers' writes name the same officer, new to the store, at once:
# the name is a word the store adds on first use (table words). psql
# holds an uncommitted insert of it, so that both writes have looked for
# it, not found it, and wait to add it; let go (rolled back), one adds
# it and the other, which waited for that commit, finds it: both succeed.
test_expect_success 'two writes add the same new word at once: both succeed' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	one=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	two=$(cpl log --complainant B --summary s --received 2026-03-03) &&
	hold_word "New Officer" &&
	race a cpl --officer "New Officer" ack "$one" --date 2026-03-04 &&
	race b cpl --officer "New Officer" ack "$two" --date 2026-03-04 &&
	wait_for waiting 2 &&
	pg_let_go ROLLBACK &&
	wait &&
	both_succeeded &&
	for r in "$one" "$two"; do
		cpl show "$r" --format json >"$r.json" &&
		test "$(jq -r "[.history[] | select(.action == \"acknowledged\")
		    | .officer] | join(\",\")" "$r.json")" = "New Officer" ||
		return 1
	done
'

# The same with a document: its bytes are kept once, by their SHA-256,
# however many cases it is attached to. Two officers attach one file to
# two cases at once: both succeed, and each case reads it back whole.
test_expect_success 'two writes keep the same document at once: both succeed' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	one=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	two=$(cpl log --complainant B --summary s --received 2026-03-03) &&
	# The words of an attachment are in the store already: the race
	# is the document alone.
	other=$(cpl log --complainant C --summary s --received 2026-03-03) &&
	echo other >other.txt &&
	cpl attach "$other" other.txt --date 2026-03-04 >/dev/null &&
	printf "the same letter\n" >letter.txt &&
	hold_content letter.txt &&
	race a cpl attach "$one" letter.txt --date 2026-03-04 &&
	race b cpl attach "$two" letter.txt --date 2026-03-04 &&
	wait_for waiting 2 &&
	pg_let_go ROLLBACK &&
	wait &&
	both_succeeded &&
	for r in "$one" "$two"; do
		cpl file "$r" 1 --out "$r.txt" &&
		test_cmp letter.txt "$r.txt" || return 1
	done
'

# Two officers link the same two cases, named in opposite orders, at
# once (held, then let go together): each write locks both cases in one
# order, so neither waits for the other for ever (a deadlock the server
# would break by failing one of them): one links them, the other finds
# them linked, as on a file.
test_expect_success 'two officers link two cases in opposite orders at once: no deadlock' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	one=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	two=$(cpl log --complainant B --summary s --received 2026-03-03) &&
	pg_hold "SELECT id FROM case_rows ORDER BY id FOR UPDATE;" &&
	race a cpl --officer "A Officer" link "$one" "$two" \
	    --date 2026-03-04 &&
	race b cpl --officer "B Officer" link "$two" "$one" \
	    --date 2026-03-04 &&
	wait_for waiting 2 &&
	pg_let_go &&
	wait &&
	w=$(won) &&
	if [ $w = a ]; then l=b; else l=a; fi &&
	cp $l.err server.err &&
	cpl show "$one" --format json >one.json &&
	test "$(jq "[.history[] | select(.action == \"linked\")] | length" \
	    one.json)" = 1 &&
	cd .. && mkdir link-file && cd link-file &&
	export COMPLAINTS_DB=$PWD/c.db &&
	cpl init --policy psps >/dev/null &&
	cpl log --complainant A --summary s --received 2026-03-02 >/dev/null &&
	cpl log --complainant B --summary s --received 2026-03-03 >/dev/null &&
	if [ $w = a ]; then
		cpl link "$one" "$two" --date 2026-03-04 &&
		refused 1 "" cpl link "$two" "$one" --date 2026-03-04
	else
		cpl link "$two" "$one" --date 2026-03-04 &&
		refused 1 "" cpl link "$one" "$two" --date 2026-03-04
	fi &&
	test_cmp err ../t$test_count/server.err
'

# A write killed part-way: the event rows held (LOCK TABLE ... SHARE lets
# every read through and stops every insert), so the command has written
# the rows before its events when it waits; killed then, its transaction
# goes with its connection.
test_expect_success 'a client killed in the middle of a write leaves nothing of it' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	ref=$(cpl log --complainant A --summary s --received 2026-03-02) &&
	cpl ack "$ref" --date 2026-03-03 &&
	dump_db >before &&
	pg_hold "LOCK TABLE event_rows IN SHARE MODE;" &&
	started "$COMPLAINTS" respond "$ref" --date 2026-03-10 \
	    --outcome upheld &&
	resp=$pid &&
	started "$COMPLAINTS" log --complainant B --summary s \
	    --received 2026-03-04 &&
	logger=$pid &&
	wait_for waiting 2 &&
	waits >waits &&
	test "$(grep -c "^INSERT INTO event_rows" waits)" = 2 &&
	kill -9 $resp $logger &&
	{ wait $resp; wait $logger; true; } &&
	pg_let_go &&
	dump_db >after &&
	test_cmp before after &&
	# The killed writes locked nothing for good: the same commands now
	# succeed, and the next reference is the first one free.
	cpl respond "$ref" --date 2026-03-10 --outcome upheld &&
	test "$(cpl log --complainant B --summary s --received 2026-03-04)" = \
	    PSPS-2026-00002
'

test_done
