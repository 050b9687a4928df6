#!/bin/sh
# t7300-officer.sh: who is doing this, when --officer does not say
# (complaints(1), --officer): COMPLAINTS_OFFICER, then USER, then LOGNAME,
# then the account's name in the password database, as git finds a name,
# so that a container or a cron job that sets no variable can still
# write. Only an account with no name at all is refused, and the message
# names every place a name could have come from. Every test makes its own
# store in its own directory.
. "$(dirname "$0")/lib.sh"

# logged_by: a new store with one case, logged with the environment given
# (env's arguments) and no --officer; the officer its history records for
# it in $who.
logged_by() {
	fresh_store psps &&
	env "$@" "$COMPLAINTS" log --complainant A --summary s \
	    --received 2026-11-02 >ref &&
	who=$(cpl show "$(cat ref)" --format json | jq -r '.history[0].officer')
}

test_expect_success 'COMPLAINTS_OFFICER first, then USER, then LOGNAME' '
	logged_by COMPLAINTS_OFFICER=ann USER=bob LOGNAME=cat &&
	test "$who" = ann &&
	logged_by -u COMPLAINTS_OFFICER USER=bob LOGNAME=cat &&
	test "$who" = bob &&
	logged_by -u COMPLAINTS_OFFICER -u USER LOGNAME=cat &&
	test "$who" = cat
'

test_expect_success 'none of them set: the account'\''s name in the password database' '
	logged_by -u COMPLAINTS_OFFICER -u USER -u LOGNAME &&
	test "$who" = "$(id -un)"
'

test_expect_success 'set but empty is not set' '
	logged_by COMPLAINTS_OFFICER= USER= LOGNAME= &&
	test "$who" = "$(id -un)"
'

test_expect_success '--officer with an empty name is refused (2), not replaced' '
	fresh_store psps &&
	refused 2 "who is doing this? --officer gives an empty name" \
	    cpl --officer "" log --complainant A --summary s
'

# nameless: the first user id from 54321 that the password database has no
# name for, in $nobody_uid; the binary and the policies where that user id
# can read them (copied into this test file's directory, as accounts_ready
# does, when the tree is out of its reach); and this test's directory
# made its.
nameless() {
	nobody_uid=54321
	while getent passwd "$nobody_uid" >/dev/null ||
	    getent group "$nobody_uid" >/dev/null; do
		nobody_uid=$((nobody_uid + 1))
	done
	chmod 711 "$TEST_DIR" &&
	if ! nameless_run test -x "$COMPLAINTS" ||
	    ! nameless_run test -r "$COMPLAINTS_POLICIES/psps.yaml"; then
		rm -rf "$TEST_DIR/tree" && mkdir "$TEST_DIR/tree" &&
		cp "$COMPLAINTS" "$TEST_DIR/tree/complaints" &&
		cp -R "$COMPLAINTS_POLICIES" "$TEST_DIR/tree/policies" &&
		chmod -R a+rX "$TEST_DIR/tree" &&
		COMPLAINTS=$TEST_DIR/tree/complaints &&
		COMPLAINTS_POLICIES=$TEST_DIR/tree/policies
	fi
}

# nameless_run CMD...: CMD as that user id, with no group but its own, no
# officer named in the environment.
nameless_run() {
	setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups -- \
	    env -u COMPLAINTS_OFFICER -u USER -u LOGNAME "$@"
}

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	why="not run as root with setpriv (util-linux): no command can run as an account the password database does not name"
	test_skip "an account with no name: a write is refused (2), naming where a name is looked for" "$why"
	test_skip "an account with no name: an audited read is refused (2)" "$why"
else
	test_expect_success 'an account with no name: a write is refused (2), naming where a name is looked for' '
		fresh_store psps && nameless &&
		chown -R "$nobody_uid:$nobody_uid" . &&
		dump_db >before &&
		test_must_fail 2 nameless_run "$COMPLAINTS" log --complainant A \
		    --summary s >out 2>err &&
		one_line_error err "^complaints: who is doing this? give --officer NAME or set COMPLAINTS_OFFICER (USER and LOGNAME are not set, and the password database has no name for this account)\$" &&
		test ! -s out &&
		chown -R 0:0 . && dump_db >after && test_cmp before after
	'

	# The read reaches the store: on a server, through its socket.
	if on_server; then
		test_skip "an account with no name: an audited read is refused (2)" \
		    "the test server's socket admits root and postgres alone"
	else
	test_expect_success 'an account with no name: an audited read is refused (2)' '
		fresh_store psps && nameless &&
		ref=$(cpl log --complainant A --summary s) &&
		cpl init --audit-reads on &&
		dump_db >before &&
		chown -R "$nobody_uid:$nobody_uid" . &&
		test_must_fail 2 nameless_run "$COMPLAINTS" show "$ref" >out 2>err &&
		one_line_error err "reading is audited in this store: who is reading?" &&
		test ! -s out &&
		chown -R 0:0 . && dump_db >after && test_cmp before after
	'
	fi
fi

test_done
