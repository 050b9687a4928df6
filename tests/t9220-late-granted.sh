#!/bin/sh
# t9220-late-granted.sh: seed 003 §19 Time limit for initiating a
# complaint: "We will only investigate complaints relating to issues that
# are more than 12 months old at the discretion of the relevant Executive
# Director". Where a policy names who may accept a late complaint (its
# 'late' key), log needs --late-granted-by as well as --late-reason, and
# refuses a name it does not list; where it names nobody, the option is
# bad input.
. "$(dirname "$0")/lib.sh"

# listed: southampton as a council that names its Executive Directors, in
# its own copy of the policies (pol/, read by init and log).
listed() {
	test_dir && mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	awk '/^late:$/ { print; print "  granted_by: [\"Dee Rector\", \"Eve Director\"]"; next } { print }' \
	    "$SRCDIR/policies/southampton.yaml" >pol/southampton.yaml &&
	env COMPLAINTS_POLICIES=pol "$COMPLAINTS" init --policy southampton
}

# late_log ARGS...: log a southampton complaint about a matter of
# 2024-12-01, received 2025-12-02 (a day past the 12 months), under pol/.
late_log() {
	env COMPLAINTS_POLICIES=pol "$COMPLAINTS" log --complainant "Late Lee" \
	    --summary "Old matter" --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "In hospital" "$@"
}

test_on 'fresh_store southampton' 'seed 003 §19: a late complaint needs who accepted it (1)' '
	refused 1 "^complaints: --late-granted-by: policy .southampton. accepts a complaint past its 12 months only at the discretion of the relevant Executive Director, following consultation with the Complaints Resolution Manager: record who accepted it (seed 003 §19 Time limit for initiating a complaint)\$" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "In hospital"
'

test_on 'fresh_store southampton' 'seed 003 §19: accepted with the reason and who accepted it, both recorded' '
	l=$(cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "In hospital" --late-granted-by "Dee Rector") &&
	case_is "$l" ".late_reason=In hospital" ".late_granted_by=Dee Rector" \
	    "actions=logged accepted-late late-granted" &&
	cpl show "$l" >show.txt &&
	grep -q "^late, granted Dee Rector\$" show.txt
'

test_on 'fresh_store southampton' 'seed 003 §19: without the reason it is still refused, as before (1)' '
	refused 1 "more than 12 months before the complaint" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-granted-by "Dee Rector"
'

test_on 'fresh_store southampton' 'seed 003 §19: --late-granted-by on a complaint in time is bad input (2)' '
	refused 2 "^complaints: --late-granted-by: the complaint is within the 12 months of policy .southampton.: nobody need accept it late\$" \
	    cpl log --complainant "Just In" --summary s --occurred 2024-12-01 \
	    --received 2025-12-01 --late-granted-by "Dee Rector"
'

test_on listed 'a policy that lists who may: one of them, in any case of letters' '
	l=$(late_log --late-granted-by "eve  DIRECTOR") &&
	case_is "$l" ".late_granted_by=eve  DIRECTOR"
'

test_on listed 'a policy that lists who may: anyone else is refused (1)' '
	refused 1 "^complaints: --late-granted-by: .Sam Manager. is not one who may accept a late complaint under policy .southampton.: .Dee Rector. or .Eve Director. (seed 003 §19 Time limit for initiating a complaint)\$" \
	    late_log --late-granted-by "Sam Manager"
'

test_on 'fresh_store south-staffordshire' 'a policy that names nobody: --late-granted-by is bad input (2)' '
	refused 2 "^complaints: --late-granted-by: policy .south-staffordshire. names nobody who accepts a late complaint\$" \
	    cpl log --complainant "Late Lee" --summary "Old matter" \
	    --occurred 2024-12-01 --received 2025-12-02 \
	    --late-reason "In hospital" --late-granted-by "Dee Rector"
'

test_on 'fresh_store southampton' 'policy check: late needs who, by name or in words (4)' '
	mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	sed "/^late:\$/,/^\$/{/^  role:/d}" "$SRCDIR/policies/southampton.yaml" \
	    >pol/southampton.yaml &&
	test_must_fail 4 cpl policy check pol/southampton.yaml >out 2>err &&
	one_line_error err "pol/southampton.yaml:[0-9]*:[0-9]*: late needs granted_by (a list of names) or role (who, in words)"
'

test_done
