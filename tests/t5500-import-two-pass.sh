#!/bin/sh
# t5500-import-two-pass.sh: an import reads its file twice. The first pass
# checks every row, in memory, with no lock taken: officers go on logging
# and acting meanwhile, and a file with bad rows fails without ever holding
# up a write. The second, under the write lock, reads the rows again, checks
# them again against the store as it is then, and writes each case once.
#
# The file comes through a named pipe that stops after 5,000 rows until the
# test lets it go on: the import is then in its first pass, which its
# progress line (on a terminal, script(1)) says ("checking: 4096 rows").
# Nothing here waits a set time: each step waits for what it needs to see.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-12-31

# feed FILE: FILE's first 5,001 lines (the header and 5,000 rows) into the
# pipe "feed", the rest once the file "go" exists, or after two minutes
# whatever happens (a test that fails before letting it go must not leave
# it, and the import, waiting for ever); in the background.
feed() {
	mkfifo feed || return 1
	{
		head -n 5001 "$1"
		i=0
		until [ -e go ] || [ $i -ge 2400 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		tail -n +5002 "$1"
	} >feed &
}

# import_through_feed: import what comes through "feed", on a terminal, its
# output in tty.out and its exit status in status; in the background
# (pid in imp).
import_through_feed() {
	{
		script -qfec "\"$COMPLAINTS\" import - <feed" /dev/null >tty.out 2>&1
		echo $? >status
	} &
	imp=$!
}

# seen TEXT: wait until tty.out holds TEXT; fail if the import ends, or a
# minute passes, first (then let the feed go, so nothing is left
# waiting).
seen() {
	i=0
	until grep -q "$1" tty.out 2>/dev/null; do
		if ! kill -0 "$imp" 2>/dev/null || [ $i -ge 600 ]; then
			echo "# never saw '$1':" >&2
			tr '\r' '\n' <tty.out | sed 's/^/# /' >&2
			touch go
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
}

# finish STATUS: let the feed go, wait for the import, and expect it to
# exit with STATUS.
finish() {
	touch go &&
	wait "$imp" &&
	test "$(cat status)" = "$1" || {
		echo "# the import exited $(cat status), not $1:" >&2
		tr '\r' '\n' <tty.out | sed 's/^/# /' >&2
		false
	}
}

# rows N: a file of N plain rows (a complaint received Mon 2026-03-02
# each), of about 100 bytes: the first pass reads a pipe 64 KiB at a time,
# so what comes before the feed stops holds 4,096 rows and more than 64 KiB
# besides.
rows() {
	awk -v n="$1" 'BEGIN {
		print "complainant,summary,received,officer,acknowledged,responded,outcome,escalated"
		for (i = 1; i <= n; i++)
			printf "Resident %d,Bins missed on the round again this week and last,2026-03-02,,,,,\n", i
	}'
}

if ! command -v script >/dev/null 2>&1; then
	for t_ in "an officer logs during the first pass" \
	    "bad rows hold up no writer" "a duplicate between the passes" \
	    "a row made bad between the passes"; do
		test_skip "$t_" \
		    "no script(1) (util-linux) to show the import's progress"
	done
else

test_expect_success 'while the import checks its rows, an officer logs a case at once' '
	test_dir && cpl init --policy psps &&
	python3 "$SRCDIR/bench/gen-import.py" 6000 7 >big.csv &&
	feed big.csv && import_through_feed &&
	seen "checking: 4096 rows" &&
	COMPLAINTS_WAIT=0 cpl log --complainant "Walk In" --summary "Fly-tipping" \
	    --received 2026-03-02 >ref &&
	finish 0 &&
	grep -q "imported 6000, skipped 0 as duplicates, rejected 0" tty.out &&
	test "$(cpl export --format csv | sed 1d | wc -l)" = 6001 &&
	cpl show "$(cat ref)" --format json | jfield .complainant >who &&
	echo "Walk In" >expect && test_cmp expect who
'

test_expect_success 'an import whose rows are bad never holds up a writer' '
	test_dir && cpl init --policy psps &&
	{ rows 5000 && echo "Late Row,Bins,2026-02-30,,,,,"; } >bad.csv &&
	feed bad.csv && import_through_feed &&
	seen "checking: 4096 rows" &&
	COMPLAINTS_WAIT=0 cpl log --complainant "Walk In" --summary "Noise" \
	    --received 2026-03-02 >ref &&
	finish 2 &&
	grep -q "<stdin>:5002: received: .2026-02-30. is not a date" tty.out &&
	grep -q "complaints: <stdin>: 1 bad row: nothing imported" tty.out &&
	test "$(cpl export --format csv | sed 1d | wc -l)" = 1
'

test_expect_success 'a row whose external_ref is logged between the passes is skipped as a duplicate' '
	test_dir && cpl init --policy psps &&
	python3 "$SRCDIR/bench/gen-import.py" 6000 7 >big.csv &&
	feed big.csv && import_through_feed &&
	seen "checking: 4096 rows" &&
	COMPLAINTS_WAIT=0 cpl log --complainant "Phoned In" --summary "Bins" \
	    --policy psps --received 2026-03-02 --external-ref GEN-00000001 \
	    >ref &&
	finish 0 &&
	grep -q "imported 5999, skipped 1 as duplicates, rejected 0" tty.out &&
	test "$(cpl export --format csv | sed 1d | wc -l)" = 6000 &&
	cpl export --format csv | grep ",GEN-00000001," >row &&
	grep -q "^$(cat ref),GEN-00000001,psps,complaint,open,1,Phoned In," row
'

test_expect_success 'a row made bad between the passes fails the import, all or nothing' '
	test_dir && cpl init --policy psps &&
	# Row 2 escalates without written reasons: taken under psps (seed 000
	# asks for none), the store'\''s default when the import begins;
	# refused under corporate-procedure (seed 002 §7), the default once
	# the first pass is under way.
	{ rows 1 && echo "Esc,Bins,2026-03-02,kim,2026-03-03,2026-03-04,upheld,2026-03-05" &&
	    rows 5000 | sed 1d; } >rows.csv &&
	feed rows.csv && import_through_feed &&
	seen "checking: 4096 rows" &&
	COMPLAINTS_WAIT=0 cpl init --set-default-policy corporate-procedure &&
	finish 2 &&
	grep -q "<stdin>:3: escalation_reason: policy .corporate-procedure. needs the complainant.s reasons for stage 2" tty.out &&
	grep -q "complaints: <stdin>: the store changed while the file was checked, and line 3 is a bad row now: nothing imported" tty.out &&
	test -z "$(cpl export --format csv | sed 1d)"
'

fi

test_expect_success 'a file with bad rows fails before taking the lock; with --skip-bad the rest goes in' '
	test_dir && cpl init --policy psps &&
	{ rows 3 && echo "Late Row,Bins,2026-02-30,,,,," && rows 2 | sed 1d; } >some.csv &&
	test_must_fail 2 cpl import some.csv >out 2>err &&
	grep -q "^some.csv:5: received: .2026-02-30. is not a date" err &&
	test -z "$(cpl export --format csv | sed 1d)" &&
	cpl import --skip-bad some.csv >out 2>err &&
	echo "imported 5, skipped 0 as duplicates, rejected 1 (written to some.csv.rejects)" >expect &&
	test_cmp expect out &&
	test "$(cpl export --format csv | sed 1d | wc -l)" = 5
'

test_expect_success 'from a pipe, the file is read twice all the same, and no copy of it stays' '
	test_dir && cpl init --policy psps &&
	mkdir tmp &&
	python3 "$SRCDIR/bench/gen-import.py" 300 3 >gen.csv &&
	cat gen.csv | TMPDIR=$PWD/tmp cpl import - >out &&
	echo "imported 300, skipped 0 as duplicates, rejected 0" >expect &&
	test_cmp expect out &&
	test -z "$(ls -A tmp)" &&
	cat gen.csv | TMPDIR=$PWD/tmp cpl import - >out &&
	echo "imported 0, skipped 300 as duplicates, rejected 0" >expect &&
	test_cmp expect out
'

# The expected files hold the store that an import reading its file once
# (one transaction, each row's actions written as they are replayed)
# makes of the same input: a history of every kind of action, and 25
# generated rows (bench/gen-import.py 25 5). Reading the file twice must
# change nothing of what is stored.
test_expect_success 'the store is the one the one-pass import made: export and show the same' '
	test_dir && cpl init --policy psps &&
	python3 "$SRCDIR/bench/gen-import.py" 25 5 >gen.csv &&
	COMPLAINTS_TODAY=2026-11-20 COMPLAINTS_OFFICER=ann \
	    cpl import --format jsonl "$SRCDIR/tests/t5500/history.jsonl" >out &&
	COMPLAINTS_TODAY=2026-11-20 COMPLAINTS_OFFICER=ann cpl import gen.csv >>out &&
	COMPLAINTS_TODAY=2026-11-20 cpl export --format jsonl --include-history >got &&
	test_cmp "$SRCDIR/tests/t5500/export.expected" got &&
	for r in $(cpl list --sort received --format csv | sed 1d | cut -d, -f1); do
		COMPLAINTS_TODAY=2026-11-20 cpl show "$r" --format json |
		    jq -c "del(.history[].recorded)" || return 1
	done >shown &&
	test_cmp "$SRCDIR/tests/t5500/show.expected" shown
'

test_done
