#!/bin/sh
# tests/setup-accounts.sh: the accounts the end-to-end tests run commands
# as, to show what another account on the machine can and can't do to a
# store: cpltest1 and cpltest2, both members of group cpltestgrp; and
# group cpltestgrp2, of which cpltest2 alone is a member. Each account
# has a primary group of its own and no home directory or login shell.
#
# ctest runs this once, before every shell test (the "accounts" fixture in
# CMakeLists.txt), so that tests run in parallel never race to change
# /etc/passwd. It changes nothing that is already as it should be, and
# nothing at all unless run as root: then the tests that need the accounts
# say so and skip (tests/lib.sh: accounts_ready).
set -eu

if [ "$(id -u)" -ne 0 ]; then
	echo "not run as root: the test accounts cpltest1 and cpltest2 are not made; the tests that need them skip"
	exit 0
fi
for cmd in groupadd useradd usermod getent; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "no $cmd here: the test accounts are not made; the tests that need them skip"
		exit 0
	fi
done

group() {
	getent group "$1" >/dev/null || groupadd "$1"
}

# account NAME GROUPS: NAME, in its own primary group, in exactly GROUPS
# (comma-separated) besides.
account() {
	group "$1"
	if ! getent passwd "$1" >/dev/null; then
		useradd --gid "$1" --groups "$2" --no-create-home \
		    --home-dir /nonexistent --shell /usr/sbin/nologin "$1"
	fi
	want=$(printf '%s\n' "$1" $(echo "$2" | tr , ' ') | sort | tr '\n' ' ')
	have=$(id -Gn "$1" | tr ' ' '\n' | sort | tr '\n' ' ')
	[ "$(id -gn "$1")" = "$1" ] && [ "$have" = "$want" ] ||
		usermod --gid "$1" --groups "$2" "$1"
}

group cpltestgrp
group cpltestgrp2
account cpltest1 cpltestgrp
account cpltest2 cpltestgrp,cpltestgrp2
echo "test accounts: $(id cpltest1); $(id cpltest2)"
