#!/bin/sh
# t7045-extend-told-message.sh: an extension without --told, where the
# policy says the complainant is told, is refused on one readable line:
# the rule and the seed's section, not the seed's sentence, which policy
# show gives beside the rule.
. "$(dirname "$0")/lib.sh"

# told_case POLICY: a new store under POLICY, its one complaint received
# Mon 2026-11-02 and acknowledged Tue 2026-11-03 (its reference in $r).
told_case() {
	fresh_store "$1" &&
	r=$(cpl log --complainant "Pat" --received 2026-11-02) &&
	cpl ack "$r" --date 2026-11-03
}

test_on 'told_case psps' 'seed 000 §6 Stages, Stage 1: the rule and the section, the words in policy show' '
	refused 1 "^complaints: --told: policy .psps. says the complainant is told of an extension at stage 1, and why: the extension is recorded once they have been (seed 000 §6 Stages, Stage 1; see .complaints policy show psps.)\$" \
	    cpl extend "$r" --days 5 --reason "Crew records" --date 2026-11-05 &&
	test "$(wc -c <err)" -lt 270 &&
	cpl policy show psps --format json >show.json &&
	jq -r ".[] | select(.topic == \"stage 1\" and
	    (.rule | test(\"extend --told\"))) | .source" show.json >source &&
	grep -q "^seed 000 §6 Stages, Stage 1: .the complainant will be informed including explanation of the reason for delay" source
'

# Each shipped policy asks for it at stage 1; each refusal stays short and
# quotes nothing of the seed (a quotation starts ": '").
test_expect_success 'every seed: the refusal cites the section, on a short line, quoting nothing' '
	for pol in psps south-staffordshire corporate-procedure southampton \
	    buckinghamshire; do
		told_case $pol &&
		refused 1 "^complaints: --told: policy .$pol. says the complainant is told of an extension at stage 1, and why: the extension is recorded once they have been (seed 00[0-4] [^:]*; see .complaints policy show $pol.)\$" \
		    cpl extend "$r" --days 2 --reason r --date 2026-11-05 &&
		test "$(wc -c <err)" -lt 270 &&
		test_must_fail 1 grep -q ": '\''" err || return 1
	done
'

test_done
