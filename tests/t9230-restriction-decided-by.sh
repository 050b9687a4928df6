#!/bin/sh
# t9230-restriction-decided-by.sh: seed 000 §6 Exclusions: "the relevant
# Head of Department will make recommendation to either the Head of
# Corporate Services, the Chief Finance Officer, or the Chief Delivery
# Officer, who will decide on what action to take". Where the store's
# default policy lists who may decide a restriction (psps.yaml's
# restrictions: deciders), restriction add needs --decided-by, one of
# them; the restriction keeps who decided it.
. "$(dirname "$0")/lib.sh"

# rita: a psps store with one case of Rita Persistent.
rita() {
	fresh_store psps &&
	cpl log --complainant "Rita Persistent" --summary "Bills" \
	    --received 2026-03-02 >/dev/null
}

test_on rita 'PSPS §6: who decided is needed (2), nothing recorded' '
	refused 2 "^complaints: --decided-by: policy .psps. has a restriction decided by .Head of Corporate Services., .Chief Finance Officer. or .Chief Delivery Officer.: who decided it is needed (seed 000 §6 Exclusions)\$" \
	    cpl restriction add "Rita Persistent" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-12-01 --date 2026-04-01
'

test_on rita 'PSPS §6: someone the policy does not list may not decide (1)' '
	refused 1 "^complaints: --decided-by: .Head of Waste. is not one who may decide a restriction under policy .psps.: .Head of Corporate Services., .Chief Finance Officer. or .Chief Delivery Officer. (seed 000 §6 Exclusions)\$" \
	    cpl restriction add "Rita Persistent" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-12-01 --date 2026-04-01 \
	    --decided-by "Head of Waste"
'

test_on rita 'PSPS §6: one of them decides; the restriction keeps who, listed and exported' '
	cpl restriction add "Rita Persistent" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-12-01 --date 2026-04-01 \
	    --decided-by "chief finance officer" >id &&
	test "$(cat id)" = 1 &&
	cpl restriction list --format json >list.json &&
	test "$(jq -r ".[0].decided_by" list.json)" = "chief finance officer" &&
	cpl export --include-history --format jsonl >all.jsonl &&
	test "$(jq -r "select(.restriction) | .restriction.decided_by" all.jsonl)" = "chief finance officer"
'

test_on rita 'PSPS §6: imported into another store, who decided comes too; a line without it is bad' '
	cpl restriction add "Rita Persistent" --kind written-contact-only \
	    --reason "Abusive calls" --review 2026-12-01 --date 2026-04-01 \
	    --decided-by "Chief Delivery Officer" >/dev/null &&
	cpl export --include-history --format jsonl >all.jsonl &&
	mkdir other && cpl --db other/c.db init --policy psps &&
	imports "imported 2, skipped 0 as duplicates, rejected 0" \
	    --db other/c.db --format jsonl all.jsonl &&
	cpl --db other/c.db restriction list --format csv >got &&
	grep -q ",Chief Delivery Officer\$" got &&
	sed "s/,\"decided_by\":\"Chief Delivery Officer\"//" all.jsonl >bare.jsonl &&
	mkdir third && cpl --db third/c.db init --policy psps &&
	test_must_fail 2 cpl --db third/c.db import --format jsonl bare.jsonl \
	    >out 2>err &&
	grep -q "^bare.jsonl:2: restriction: decided_by: policy .psps. has a restriction decided by" err
'

test_on 'fresh_store south-staffordshire' 'a policy that lists nobody: --decided-by is optional, and kept when given' '
	cpl log --complainant "Pat Example" --summary s --received 2026-03-02 \
	    >/dev/null &&
	cpl restriction add "Pat Example" --kind written-contact-only \
	    --reason r --review 2026-12-01 --date 2026-04-01 >/dev/null &&
	cpl restriction add "Pat Example" --kind limited-contact \
	    --reason r --review 2026-12-01 --date 2026-04-02 \
	    --decided-by "Head of Service" >/dev/null &&
	cpl restriction list --format csv | cut -d, -f1,11 >got &&
	printf "id,decided_by\n1,\n2,Head of Service\n" >want &&
	test_cmp want got
'

test_done
