#!/bin/sh
# t7340-purge-confirm.sh: a purge can't be undone (complaints-purge(1)).
# On a terminal it asks first, saying how many cases and the days they
# closed, and only "y" or "yes" goes on; off a terminal (a script, cron)
# nobody can answer, so --yes must say it is meant, else nothing is purged
# (2). A case reopened while the officer reads the question stays as it
# is. Where the policy sets a retention period, a --closed-before that
# would take a case still within it is refused (1) unless --force says
# why, and the reason is recorded with the purge. Every test makes its own
# store in its own directory.
. "$(dirname "$0")/lib.sh"

# two_closed: a new store with two cases closed in 2019 and 2020, their
# references in $a and $b, and one closed this year in $c.
two_closed() {
	fresh_store south-staffordshire &&
	a=$(cpl log --complainant "Ann Oldcase" --summary "Private A" \
	    --received 2019-03-04) &&
	cpl close "$a" --reason withdrawn --date 2019-03-12 &&
	b=$(cpl log --complainant "Bob Oldcase" --summary "Private B" \
	    --received 2020-05-04) &&
	cpl close "$b" --reason withdrawn --date 2020-05-06 &&
	c=$(cpl log --complainant "Cat Newcase" --summary "Private C" \
	    --received 2026-09-01) &&
	cpl close "$c" --reason withdrawn --date 2026-09-02
}

# purged_at REF: the day case REF was purged, or null.
purged_at() {
	cpl show "$1" --format json | jfield .purged
}

# on_tty ANSWER CMD: CMD (one string, for sh -c) on a terminal of its own
# (script(1)), ANSWER typed at it; what the terminal showed in tty.txt
# (without the carriage returns), CMD's exit status.
on_tty() {
	printf "%s\n" "$1" >answer &&
	script -qec "$2" /dev/null <answer >tty.out 2>&1
	st_=$?
	tr -d "\r" <tty.out >tty.txt
	return $st_
}

test_expect_success 'off a terminal, without --yes: refused (2), naming --yes, nothing purged' '
	two_closed &&
	refused 2 "^complaints: purge: 2 cases to purge, and no terminal to ask on: give --yes to purge them (--dry-run lists them)\$" \
	    cpl purge --closed-before 2020-10-30 &&
	test "$(purged_at "$a")" = null
'

test_expect_success 'off a terminal, --yes: purged; --dry-run and nothing to purge need no --yes' '
	two_closed &&
	cpl purge --closed-before 2020-10-30 --dry-run --format csv >dry &&
	test "$(purged_at "$a")" = null &&
	cpl purge --closed-before 2020-10-30 --yes --format csv >out &&
	test_cmp dry out &&
	test "$(purged_at "$a")" = 2026-11-20 &&
	test "$(purged_at "$b")" = 2026-11-20 &&
	test "$(purged_at "$c")" = null &&
	cpl purge --closed-before 2020-10-30 >out 2>err &&
	test ! -s out && test ! -s err
'

if command -v script >/dev/null 2>&1; then
	test_expect_success 'on a terminal: asked, with the count and the days they closed; no: nothing purged (1)' '
		two_closed &&
		dump_db >before &&
		test_must_fail 1 on_tty n "\"$COMPLAINTS\" purge --closed-before 2020-10-30" &&
		# (the answer, fed in before the question, is echoed before it)
		grep -q "^complaints: purge the personal data of 2 cases, closed from 2019-03-12 to 2020-05-06? It can.t be undone. \[y/N\] " tty.txt &&
		grep -q "complaints: purge: not confirmed; nothing was purged\$" tty.txt &&
		dump_db >after && test_cmp before after &&
		test_must_fail 1 on_tty "" "\"$COMPLAINTS\" purge --closed-before 2020-10-30" &&
		dump_db >after && test_cmp before after
	'

	test_expect_success 'on a terminal: yes purges; --yes asks nothing' '
		two_closed &&
		on_tty yes "\"$COMPLAINTS\" purge --closed-before 2020-01-01" &&
		grep -q "closed on 2019-03-12?" tty.txt &&
		test "$(purged_at "$a")" = 2026-11-20 &&
		test "$(purged_at "$b")" = null &&
		on_tty "" "\"$COMPLAINTS\" purge --yes --closed-before 2020-10-30" &&
		test "$(grep -c "undone" tty.txt)" = 0 &&
		test "$(purged_at "$b")" = 2026-11-20
	'

	# The officer reads the question; meanwhile another reopens one of
	# the cases. The purge holds no lock while it asks, and takes only
	# what is still to purge once it holds the store.
	test_expect_success 'a case reopened while the question is read is not purged' '
		two_closed &&
		rm -f in.fifo && mkfifo in.fifo &&
		{ script -qec "\"$COMPLAINTS\" purge --closed-before 2020-10-30 --format csv" \
		    /dev/null <in.fifo >tty.out 2>&1 & } &&
		purger=$! &&
		exec 4>in.fifo &&
		wait_for grep -q "undone" tty.out &&
		cpl reopen "$b" --reason "Came back" &&
		echo y >&4 && exec 4>&- &&
		wait $purger &&
		test "$(purged_at "$a")" = 2026-11-20 &&
		test "$(purged_at "$b")" = null &&
		tr -d "\r" <tty.out >tty.txt &&
		grep -q "^$a,south-staffordshire,2019-03-12\$" tty.txt &&
		test "$(grep -c "^$b," tty.txt)" = 0
	'
else
	for t_ in "on a terminal: asked; no: nothing purged (1)" \
	    "on a terminal: yes purges; --yes asks nothing" \
	    "a case reopened while the question is read is not purged"; do
		test_skip "$t_" "no script(1) (bsdutils) to give a command a terminal"
	done
fi

# retention_store: a new store under a copy of psps in pol/ that keeps a
# closed case six years; A closed 2020-01-07 (six years before today,
# 2026-11-20, is 2020-11-20: past its period), B closed 2021-01-05 (within
# it); their references in $a and $b.
retention_store() {
	test_dir &&
	mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	sed "s/^exclusions:/retention:\n  years: 6\n  source: \"test: six years\"\n\nexclusions:/" \
	    "$SRCDIR/policies/psps.yaml" >pol/psps.yaml &&
	export COMPLAINTS_POLICIES="$PWD/pol" &&
	cpl init --policy psps &&
	a=$(COMPLAINTS_TODAY=2020-01-31 cpl log --complainant A --summary s \
	    --received 2020-01-06) &&
	COMPLAINTS_TODAY=2020-01-31 cpl close "$a" --reason withdrawn \
	    --date 2020-01-07 &&
	b=$(cpl log --complainant B --summary s --received 2021-01-04) &&
	cpl close "$b" --reason withdrawn --date 2021-01-05
}

test_expect_success 'a --closed-before within the retention period: refused (1), naming the policy, the case and its day' '
	retention_store &&
	refused 1 "^complaints: --force: policy .psps. keeps a closed case 6 years (test: six years): case .$b., closed on 2021-01-05, is kept until 2027-01-05; purging sooner needs a reason\$" \
	    cpl purge --yes --closed-before 2021-06-01 &&
	refused 1 "is kept until 2027-01-05" \
	    cpl purge --dry-run --closed-before 2021-06-01
'

test_expect_success 'a --closed-before the period allows, or none: no reason needed' '
	retention_store &&
	cpl purge --yes --closed-before 2020-11-20 --format csv >out &&
	printf "ref,policy,closed\n%s,psps,2020-01-07\n" "$a" >expect &&
	test_cmp expect out
'

test_expect_success '--force REASON: purged, the reason in the purge event' '
	retention_store &&
	cpl purge --yes --closed-before 2021-06-01 \
	    --force "Subject access erasure request" --format csv >out &&
	printf "ref,policy,closed\n%s,psps,2020-01-07\n%s,psps,2021-01-05\n" \
	    "$a" "$b" >expect &&
	test_cmp expect out &&
	cpl history "$b" --format csv >h.csv &&
	grep -q ",purged,\"personal data removed (closed 2021-01-05), within policy .psps..s retention period: Subject access erasure request\"\$" h.csv &&
	cpl history "$a" --format csv >h.csv &&
	grep -q ",purged,personal data removed (closed 2020-01-07)\$" h.csv
'

test_expect_success '--force without --closed-before, or with an empty reason: usage (2)' '
	retention_store &&
	refused 2 "^complaints: purge: --force is for a --closed-before later than" \
	    cpl purge --yes --force "why" &&
	refused 2 "^complaints: --force: the reason is empty\$" \
	    cpl purge --yes --closed-before 2021-06-01 --force " "
'

test_done
