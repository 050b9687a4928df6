#!/bin/sh
# t9200-named-officer.sh: seed 002 §10 Complaints about staff: "Complaints
# about named officers must be formally responded to by a senior officer."
# log --about-staff NAME records the officer a complaint is about; that
# officer never handles the case (log, assign, ack, respond refuse, naming
# the rule), and where the policy lists its senior officers only they
# answer it. amend corrects the name, the history replayed against it.
. "$(dirname "$0")/lib.sh"

# corp: a store under corporate-procedure (which names the rule, and no
# senior officer by name), its complaint about Sam Driver in $r, received
# Mon 2026-03-02 and logged by tester.
corp() {
	fresh_store corporate-procedure &&
	r=$(cpl log --complainant "Ann Example" --summary "Rude driver" \
	    --received 2026-03-02 --about-staff "Sam Driver")
}

# seniors: corporate-procedure as a council that lists its senior officers
# (Kim Senior, Lee Head) in its own copy of the policies, pol/ (read by
# init and log: a case keeps the policy text it was logged under); its
# complaint about Sam Driver in $r.
seniors() {
	test_dir && mkdir pol && cp -R "$SRCDIR/policies/." pol/ &&
	sed 's/^  role: "a senior officer"$/  officers: ["Kim Senior", "Lee Head"]/' \
	    "$SRCDIR/policies/corporate-procedure.yaml" \
	    >pol/corporate-procedure.yaml &&
	grep -q "Kim Senior" pol/corporate-procedure.yaml &&
	env COMPLAINTS_POLICIES=pol "$COMPLAINTS" init \
	    --policy corporate-procedure &&
	r=$(env COMPLAINTS_POLICIES=pol "$COMPLAINTS" log \
	    --complainant "Ann Example" --summary "Rude driver" \
	    --received 2026-03-02 --about-staff "Sam Driver")
}

test_on corp 'seed 002 §10: the officer complained about is recorded, and shown' '
	case_is "$r" ".about_staff=Sam Driver" ".officer=tester" &&
	cpl show "$r" >show.txt &&
	grep -q "^about staff   Sam Driver\$" show.txt
'

test_on 'fresh_store corporate-procedure' 'seed 002 §10: an officer may not log a complaint about themselves (1)' '
	refused 1 "^complaints: --about-staff: . TESTER . may not log a complaint about themselves: who logs a case handles it (seed 002 §10 Complaints about staff)\$" \
	    cpl log --complainant A --summary s --received 2026-03-02 \
	    --about-staff " TESTER "
'

test_on corp 'seed 002 §10: the case is never given to the officer it is about (1)' '
	refused 1 "^complaints: --to: case .$r. is a complaint about .Sam Driver., who may not handle it (seed 002 §10 Complaints about staff)\$" \
	    cpl assign "$r" --to "sam  driver" --date 2026-03-03
'

test_on corp 'seed 002 §10: the officer it is about may not answer it (1), another officer may' '
	refused 1 "^complaints: --officer: case .$r. is a complaint about .Sam Driver., who may not handle it" \
	    cpl --officer "Sam Driver" respond "$r" --outcome upheld \
	    --date 2026-03-04 &&
	cpl --officer "Kim Senior" respond "$r" --outcome upheld \
	    --date 2026-03-04 &&
	case_is "$r" ".stages[0].responded_by=Kim Senior"
'

test_on 'fresh_store corporate-procedure' 'seed 002 §10: an unassigned stage 2 is not taken by the officer complained about (1)' '
	r=$(cpl log --complainant A --summary s --received 2026-03-02 \
	    --about-staff "Sam Driver") &&
	cpl respond "$r" --outcome not-upheld --date 2026-03-04 &&
	cpl escalate "$r" --reason "Not answered" --date 2026-03-05 &&
	refused 1 "is a complaint about .Sam Driver., who may not handle it" \
	    cpl --officer "Sam Driver" ack "$r" --date 2026-03-06
'

test_on seniors 'seed 002 §10: where the policy lists senior officers, only they answer (1)' '
	refused 1 "^complaints: --officer: case .$r. is a complaint about .Sam Driver.: policy .corporate-procedure. has it answered by a senior officer, .Kim Senior. or .Lee Head., and .tester. is not one (seed 002 §10 Complaints about staff)\$" \
	    cpl respond "$r" --outcome upheld --date 2026-03-04 &&
	cpl --officer "lee head" respond "$r" --outcome upheld \
	    --date 2026-03-04 &&
	case_is "$r" ".stages[0].responded_by=lee head"
'

test_on seniors 'seed 002 §10: a complaint about no one is answered by any officer' '
	o=$(env COMPLAINTS_POLICIES=pol "$COMPLAINTS" log --complainant B \
	    --summary s --received 2026-03-02) &&
	cpl respond "$o" --outcome upheld --date 2026-03-04
'

test_on 'fresh_store south-staffordshire' 'only a complaint names an officer complained about (2)' '
	refused 2 "^complaints: --about-staff: only a complaint is about a named officer, not a compliment\$" \
	    cpl log --kind compliment --complainant A --summary s \
	    --received 2026-03-02 --about-staff "Sam Driver" &&
	refused 2 "^complaints: --about-staff: the name of the officer complained about is empty\$" \
	    cpl log --complainant A --summary s --received 2026-03-02 \
	    --about-staff " "
'

test_on corp 'amend --about-staff: the name corrected, the old one kept in the history' '
	cpl amend "$r" --about-staff "Sam Drover" --reason "misspelt" &&
	case_is "$r" ".about_staff=Sam Drover" \
	    ".history[1].field=about_staff" ".history[1].old=Sam Driver" \
	    ".history[1].new=Sam Drover"
'

test_on corp 'amend --about-staff: an officer who handled the case is refused, naming the step (1)' '
	cpl assign "$r" --to "Kim Senior" --date 2026-03-03 &&
	refused 1 "^complaints: as amended, the stage 1 assignment of 2026-03-03 would be refused: case .$r. is a complaint about .Kim Senior., who may not handle it" \
	    cpl amend "$r" --about-staff "Kim Senior" --reason "wrong officer"
'

test_on corp 'the retention purge removes the name of the officer complained about' '
	cpl close "$r" --reason withdrawn --date 2026-03-03 &&
	cpl purge --closed-before 2026-04-01 --yes >/dev/null &&
	case_is "$r" ".about_staff=null"
'

test_on 'fresh_store corporate-procedure' 'policy check: senior_officers is read strictly, with the line and column (4)' '
	mkdir pol &&
	sed "s/^  role: \"a senior officer\"\$/  officers: []/" \
	    "$SRCDIR/policies/corporate-procedure.yaml" >pol/corporate-procedure.yaml &&
	l=$(line_of "  officers: \[\]" pol/corporate-procedure.yaml) &&
	test_must_fail 4 cpl policy check pol/corporate-procedure.yaml >out 2>err &&
	one_line_error err "^complaints: pol/corporate-procedure.yaml:$l:13: officers names nobody: leave it out, or list who\$" &&
	sed "s/^  role: \"a senior officer\"\$/  rank: senior/" \
	    "$SRCDIR/policies/corporate-procedure.yaml" >pol/corporate-procedure.yaml &&
	test_must_fail 4 cpl policy check pol/corporate-procedure.yaml >out 2>err &&
	one_line_error err "pol/corporate-procedure.yaml:[0-9]*:[0-9]*: .*rank"
'

test_done
