#!/bin/sh
# t6700-output-before-commit.sh: a non-zero exit means nothing changed.
# What a command prints about its change (log's reference, restriction
# add's number, purge's list, import's counts) is written out before the
# change commits; when standard output is a full disk or a pipe nobody
# reads, the command fails and the store is as it was. The one exception,
# a change that stands although a step after it failed, exits 5. --help
# follows the same rule as any output. Every test makes its own store in
# its own directory.
. "$(dirname "$0")/lib.sh"

# to_full ARGS...: the binary with standard output on a full disk.
to_full() {
	"$COMPLAINTS" "$@" >/dev/full
}

# Can this env(1) give a command SIGPIPE at its default, whatever the
# test's shell inherited?
if env --default-signal=PIPE true 2>/dev/null; then
	default_pipe() { env --default-signal=PIPE "$@"; }
	have_default_signal=1
else
	default_pipe() { "$@"; }
	have_default_signal=0
fi

# closed_pipe ignore|default ARGS...: the binary with standard output a
# pipe whose reader is gone before anything is written (a FIFO opened for
# reading and writing, then for writing, then its reading end closed), and
# SIGPIPE ignored or at its default. Its exit status goes to ./status,
# its standard error to ./err.
closed_pipe() {
	how=$1
	shift
	rm -f fifo status && mkfifo fifo &&
	(
		exec 3<>fifo 4>fifo 3<&-
		if [ "$how" = ignore ]; then
			trap '' PIPE
			"$COMPLAINTS" "$@" >&4
		else
			default_pipe "$COMPLAINTS" "$@" >&4
		fi
		echo $? >status
	) 2>err
}

# pipe_refused ARGS...: into a closed pipe with SIGPIPE ignored, the
# command exits 3 with one line on stderr, and the store is unchanged.
pipe_refused() {
	dump_db >before &&
	closed_pipe ignore "$@" &&
	{ test "$(cat status)" = 3 || { echo "# exit $(cat status)" >&2; false; }; } &&
	one_line_error err "can't write output: Broken pipe" &&
	dump_db >after &&
	test_cmp before after
}

# pipe_killed ARGS...: into a closed pipe with SIGPIPE at its default, the
# command dies by the signal (or, where the signal can't be restored,
# fails), and the store is unchanged.
pipe_killed() {
	dump_db >before &&
	closed_pipe default "$@" &&
	st=$(cat status) &&
	{ test "$st" -ne 0 || { echo "# exit 0" >&2; false; }; } &&
	{ test "$have_default_signal" = 0 || test "$st" = 141 ||
	    { echo "# exit $st, not SIGPIPE" >&2; false; }; } &&
	dump_db >after &&
	test_cmp before after
}

# A store with one open case, in a directory of its own; its reference in
# the file ref.
setup() {
	fresh_store south-staffordshire &&
	cpl log --complainant "Ann Example" --summary "Bin missed" \
	    --received 2026-03-02 >ref
}

# A store with one case closed long ago, to be purged; its reference in
# the file ref.
setup_purge() {
	fresh_store south-staffordshire &&
	COMPLAINTS_TODAY=2019-03-05 cpl log --complainant "Old Case" \
	    --summary "Gone soon" --received 2019-03-04 >ref &&
	COMPLAINTS_TODAY=2019-03-05 cpl close "$(cat ref)" --reason withdrawn \
	    --date 2019-03-05
}

test_expect_success 'log >/dev/full: exit 3, one line, no case logged' '
	setup &&
	refused 3 "can.t write output: No space left on device" \
	    to_full log --complainant "Bo Example" --summary s \
	    --received 2026-03-03 &&
	test "$(case_count)" = 1
'

test_expect_success 'log into a closed pipe, SIGPIPE ignored: exit 3, no case logged' '
	setup &&
	pipe_refused log --complainant "Bo Example" --summary s \
	    --received 2026-03-03
'

test_expect_success 'log into a closed pipe, SIGPIPE at its default: killed, no case logged' '
	setup &&
	pipe_killed log --complainant "Bo Example" --summary s \
	    --received 2026-03-03
'

test_expect_success 'a script that retries a failed log three times logs one case' '
	fresh_store south-staffordshire &&
	for i in 1 2 3; do
		test_must_fail 3 to_full log --complainant "Retry Me" \
		    --summary s --received 2026-03-02 2>/dev/null || return 1
	done &&
	ref=$(cpl log --complainant "Retry Me" --summary s \
	    --received 2026-03-02) &&
	cpl list --format json >cases.json &&
	test "$(jq -r ".[].ref" cases.json)" = "$ref"
'

test_expect_success 'restriction add >/dev/full or into a closed pipe: no restriction' '
	setup &&
	refused 3 "can.t write output" to_full restriction add "Ann Example" \
	    --kind written-contact-only --reason r --review 2026-12-01 &&
	pipe_refused restriction add "Ann Example" \
	    --kind written-contact-only --reason r --review 2026-12-01 &&
	pipe_killed restriction add "Ann Example" \
	    --kind written-contact-only --reason r --review 2026-12-01 &&
	cpl restriction list --all --format csv >restrictions.csv &&
	test "$(wc -l <restrictions.csv)" = 1
'

test_expect_success 'purge >/dev/full or into a closed pipe: nothing purged' '
	setup_purge &&
	refused 3 "can.t write output" to_full purge --yes --closed-before 2020-01-01 &&
	pipe_refused purge --yes --closed-before 2020-01-01 &&
	pipe_killed purge --yes --closed-before 2020-01-01 &&
	test "$(cpl show "$(cat ref)" --format json | jfield .complainant)" = "Old Case" &&
	cpl purge --yes --closed-before 2020-01-01 --format csv >out &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-05\n" \
	    "$(cat ref)" >expect &&
	test_cmp expect out
'

test_expect_success 'import >/dev/full or into a closed pipe: nothing imported' '
	setup &&
	printf "external_ref,complainant,summary,received\nW-1,Web One,s,2026-03-02\nW-2,Web Two,s,2026-03-03\n" >web.csv &&
	refused 3 "can.t write output" to_full import web.csv &&
	pipe_refused import web.csv &&
	pipe_killed import web.csv &&
	cpl import web.csv >out &&
	echo "imported 2, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out
'

# A reader that started before the purge (a long report, a backup) keeps
# the old pages in use: the purge stands, but their copies stay in the
# files until it stops. That is the one failure after which something was
# changed: exit 5, not a status that means nothing changed. The reader
# holds on until the purge has ended.
sqlite_only "the reader is a sqlite3 shell (hold_read); a server's readers hold no pages of a file" \
    'purge while a reader holds old pages: 5, the purge stands' '
	setup_purge && hold_read &&
	test_must_fail 5 while_held env COMPLAINTS_WAIT=1 "$COMPLAINTS" purge --yes \
	    --closed-before 2020-01-01 --format csv >out 2>err &&
	one_line_error err "another process is reading the store" &&
	printf "ref,policy,closed\n%s,south-staffordshire,2019-03-05\n" \
	    "$(cat ref)" >expect &&
	test_cmp expect out &&
	test "$(cpl show "$(cat ref)" --format json | jfield .complainant)" = null &&
	cpl purge --yes --closed-before 2020-01-01 >out && test ! -s out
'

# Where reading is audited, the read is recorded before the case is
# printed: output that then fails leaves the record (the reader may have
# seen the case), and the exit status says something was recorded.
#
# reads_of ACTION: how many reads (viewed or exported) the officer
# "tester" is recorded to have made of the case, as another officer reads
# its history (that read is that officer's).
reads_of() {
	cpl --officer auditor history "$(cat ref)" --format csv >h.csv &&
	grep -c ",tester,1,$1,\$" h.csv
}

test_expect_success 'an audited show, history or export whose output fails: 5, the read recorded' '
	setup &&
	cpl init --audit-reads on &&
	test_must_fail 5 to_full show "$(cat ref)" 2>err &&
	one_line_error err "can.t write output: No space left on device; what this command recorded stands" &&
	test "$(reads_of viewed)" = 1 &&
	test_must_fail 5 to_full history "$(cat ref)" 2>err &&
	one_line_error err "what this command recorded stands" &&
	test "$(reads_of viewed)" = 2 &&
	test_must_fail 5 to_full export 2>err &&
	one_line_error err "what this command recorded stands" &&
	test "$(reads_of exported)" = 1
'

test_expect_success 'a show that records nothing and fails to write: 3' '
	setup &&
	refused 3 "^complaints: can.t write output: No space left on device\$" \
	    to_full show "$(cat ref)"
'

test_expect_success '--help to a full disk fails alike, before a command or after' '
	test_dir &&
	test_must_fail 3 to_full --help 2>err &&
	one_line_error err "can.t write output" &&
	test_must_fail 3 to_full log --help 2>err &&
	one_line_error err "can.t write output" &&
	cpl --help >out && grep -q "^commands:" out &&
	cpl log --help >out && grep -q "^usage: complaints log" out
'

test_done
