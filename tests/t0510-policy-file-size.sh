#!/bin/sh
# t0510-policy-file-size.sh: a policy or calendar file is read up to
# 1 MiB and no further: a longer one (or /dev/zero) fails at once, exit 4,
# naming the file and the limit, with memory flat (complaints-policy(5)).
. "$(dirname "$0")/lib.sh"

# A directory of its own with a copy of the shipped policies in pol/.
fresh() {
	test_dir && cp -R "$SRCDIR/policies" pol
}

# Append comment lines to file $1 until it is over 2 MiB: still valid YAML.
pad() {
	awk "BEGIN { l = \"# \"; while (length(l) < 79) l = l \"x\"
	    for (i = 0; i < 27000; i++) print l }" >>"$1"
}

test_expect_success 'policy check /dev/zero: exit 4 at once, naming the file and the 1 MiB limit, memory flat' '
	fresh &&
	test_must_fail 4 /usr/bin/time -o mem -f %M timeout 5 \
	    "$COMPLAINTS" --policies pol policy check /dev/zero >out 2>err &&
	one_line_error err "^complaints: can.t read ./dev/zero.: it is longer than the 1048576 bytes (1 MiB) a policy file may be\$" &&
	test ! -s out &&
	test "$(tail -n 1 mem)" -lt 50000
'

test_expect_success 'a policy file over 1 MiB is refused (4) by policy check and by init, naming it' '
	fresh &&
	pad pol/psps.yaml &&
	test "$(wc -c <pol/psps.yaml)" -gt 2097152 &&
	test_must_fail 4 cpl --policies pol policy check pol/psps.yaml \
	    >out 2>err &&
	one_line_error err "can.t read .pol/psps.yaml.: it is longer than the 1048576 bytes (1 MiB) a policy file may be" &&
	test_must_fail 4 cpl --policies pol init --policy psps >out 2>err &&
	one_line_error err "can.t read policy .pol/psps.yaml.: it is longer than the 1048576 bytes (1 MiB)" &&
	test ! -e complaints.db
'

test_expect_success 'a calendar over 1 MiB is refused (4) where the policy names it' '
	fresh &&
	pad pol/calendars/england-and-wales.yaml &&
	line=$(grep -n "^calendar:" pol/psps.yaml | cut -d: -f1) &&
	test_must_fail 4 cpl --policies pol policy check pol/psps.yaml \
	    >out 2>err &&
	one_line_error err "^complaints: pol/psps.yaml:$line:11: can.t read calendar .pol/calendars/england-and-wales.yaml.: it is longer than the 1048576 bytes (1 MiB) a calendar file may be\$"
'

test_done
