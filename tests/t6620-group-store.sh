#!/bin/sh
# t6620-group-store.sh: a store shared by a team of officers, each with an
# account of their own on one host (complaints-init(1), --group). init
# --group NAME makes the store its group's (mode 0660), records the group
# in the store and as an event, and every open then accepts exactly that:
# the group's access for the store's group, none for any other group or
# for others, in the store and in the files beside it. A store not shared
# stays refused when its group may read it. cpltest1 and cpltest2 are in
# group cpltestgrp; cpltest2 alone is in cpltestgrp2. Every test works in a
# directory of its own.
. "$(dirname "$0")/lib.sh"

# team NAME [setgid]: work in a new directory of group cpltestgrp, which
# its members may write in (mode 2770 with setgid, else 0770).
team() {
	mkdir "$TEST_DIR/$1" && chgrp cpltestgrp "$TEST_DIR/$1" &&
	chmod "${2:+2}770" "$TEST_DIR/$1" && cd "$TEST_DIR/$1"
}

# as NAME ARGS...: complaints as officer NAME, on x.db.
as() {
	as_=$1
	shift
	as_user "$as_" "$COMPLAINTS" --db x.db --officer "$as_" "$@"
}

if accounts_ready; then
	# SQLite-only: the group the store records, and the events of the
	# store itself (not of a case), are read from its tables: no command
	# shows them.
	test_expect_success 'init --group: the store is mode 660 and the group'\''s; both officers log and read; recorded' '
		team t1 setgid &&
		cpl --db x.db init --policy psps --group cpltestgrp &&
		test "$(stat -c "%a %G" x.db)" = "660 cpltestgrp" &&
		a=$(as cpltest1 log --complainant "A Resident" --summary s) &&
		b=$(as cpltest2 log --complainant "B Resident" --summary s) &&
		as cpltest2 ack "$a" &&
		as cpltest1 show "$b" --format json >b.json &&
		test "$(jfield .complainant <b.json)" = "B Resident" &&
		test "$(sqlite3 x.db "SELECT value FROM settings WHERE key = '\''group'\''")" = cpltestgrp &&
		test "$(sqlite3 x.db "SELECT action, detail FROM events WHERE case_id IS NULL ORDER BY id")" = "$(printf "default-policy|psps\ngroup|cpltestgrp")" &&
		test "$(stat -c "%a %G" x.db)" = "660 cpltestgrp"
	'

	# SQLite makes the -wal and -shm files with the maker's own group,
	# unless the directory is setgid; complaints makes them first, with
	# the store's, so officers need no setgid directory between them.
	test_expect_success 'in a directory without setgid, officers take turns: the files beside the store get its group' '
		team t2 &&
		cpl --db x.db init --policy psps --group cpltestgrp &&
		a=$(as cpltest1 log --complainant "A Resident" --summary s) &&
		as cpltest2 ack "$a" &&
		as cpltest1 respond "$a" --outcome upheld &&
		as cpltest2 close "$a" --reason resolved &&
		test "$(as cpltest1 show "$a" --format json | jfield .status)" = closed
	'

	test_expect_success 'a file beside a shared store with another group is refused (3), saying how to mend it' '
		team t3 &&
		cpl --db x.db init --policy psps --group cpltestgrp &&
		cp x.db before.db &&
		as_user cpltest2 sh -c "umask 007 && : >x.db-wal" &&
		fails 3 as cpltest1 log --complainant "Zadie Secretname" --summary s &&
		one_line_error err "x.db-wal. has group .cpltest2., not the store.s group .cpltestgrp., so others could read the cases in it: give it the store.s group (.chgrp cpltestgrp x.db-wal.; in a setgid directory new files get it)" &&
		test ! -s out && cmp before.db x.db && test ! -s x.db-wal &&
		as_user cpltest2 chgrp cpltestgrp x.db-wal &&
		as cpltest1 log --complainant "Zadie Secretname" --summary s >/dev/null
	'

	test_expect_success 'a shared store open to others, or given another group, is refused (3)' '
		team t4 setgid &&
		cpl --db x.db init --policy psps --group cpltestgrp &&
		chmod 664 x.db &&
		fails 3 as cpltest1 list &&
		one_line_error err "x.db. holds personal data but its mode is 664, open to others" &&
		chmod 660 x.db && chgrp cpltestgrp2 x.db &&
		fails 3 as cpltest2 list &&
		one_line_error err "x.db. has group .cpltestgrp2., not the store.s group .cpltestgrp., so others could read the cases: give it the store.s group (.chgrp cpltestgrp x.db.)" &&
		chgrp cpltestgrp x.db && as cpltest2 list >/dev/null
	'

	# SQLite-only: the store's own event (the group), which no command
	# shows, is read from its table.
	test_expect_success 'init --group on an officer'\''s own store shares it, recorded; chmod 600 makes it theirs alone again' '
		team t5 setgid &&
		as cpltest1 init --policy psps &&
		test "$(stat -c "%a %U" x.db)" = "600 cpltest1" &&
		fails 3 as cpltest2 list &&
		as cpltest1 init --group cpltestgrp &&
		test "$(stat -c "%a %G" x.db)" = "660 cpltestgrp" &&
		as cpltest2 log --complainant "B Resident" --summary s >/dev/null &&
		test "$(sqlite3 x.db "SELECT officer, action, detail FROM events WHERE action = '\''group'\''")" = "cpltest1|group|cpltestgrp" &&
		# again: nothing to change, nothing recorded
		as cpltest1 init --group cpltestgrp &&
		test "$(sqlite3 x.db "SELECT count(*) FROM events WHERE action = '\''group'\''")" = 1 &&
		as_user cpltest1 chmod 600 x.db &&
		fails 3 as cpltest2 list &&
		as cpltest1 list >/dev/null
	'

	test_expect_success 'a store not shared stays refused when its group may read it (3)' '
		team t6 setgid &&
		as cpltest1 init --policy psps &&
		as_user cpltest1 chmod 660 x.db &&
		fails 3 as cpltest2 list &&
		one_line_error err "x.db. holds personal data but its mode is 660, open to others: make it the owner.s only (.chmod 600 x.db.)" &&
		fails 3 as cpltest1 log --complainant A --summary s &&
		one_line_error err "mode is 660, open to others"
	'

	test_expect_success 'init --group with a group the officer is not in, or no such group: refused (2), no file made' '
		team t7 setgid &&
		fails 2 as cpltest1 init --policy psps --group cpltestgrp2 &&
		one_line_error err "the store can.t be shared with group .cpltestgrp2.: this account is not a member of it" &&
		fails 2 as cpltest1 init --group no-such-group-here &&
		one_line_error err "there is no group .no-such-group-here. on this system" &&
		test -z "$(ls -A | grep -v -x -e out -e err)" &&
		as cpltest1 init --policy psps &&
		cp x.db before.db &&
		fails 2 as cpltest1 init --group cpltestgrp2 &&
		cmp before.db x.db && test "$(stat -c %a x.db)" = 600
	'
else
	test_skip "a store shared by a group of officers" "$accounts_why"
fi

test_done
