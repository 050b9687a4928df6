#!/bin/sh
# t7330-init-policy.sh: init on an existing store changes nothing unless
# asked (complaints-init(1)). init --policy X on a store whose default
# policy is Y is refused (1), saying what it would change and how to ask
# for it, and nothing changes, nor any other setting given with it; the
# same policy again is harmless; --set-default-policy X changes it, for
# the cases logged from then on. Every test makes its own store in its
# own directory.
. "$(dirname "$0")/lib.sh"

# logged_policy: the policy of a case log gives no policy of its own.
logged_policy() {
	r_=$(cpl log --complainant A --summary s) &&
	cpl show "$r_" --format json | jfield .policy
}

test_on 'fresh_store south-staffordshire' 'init --policy psps on a south-staffordshire store: refused (1), naming both and the way to change it' '
	cpl log --complainant A --summary s >/dev/null &&
	refused 1 "^complaints: --set-default-policy: the store.s default policy is .south-staffordshire.: to make it .psps., for the cases logged from now on without a policy of their own (those logged keep theirs), ask for the change\$" \
	    cpl init --policy psps &&
	test "$(logged_policy)" = south-staffordshire
'

test_on 'fresh_store south-staffordshire' 'the refused init changes no other setting given with it' '
	refused 1 "default policy is .south-staffordshire." \
	    cpl init --policy psps --audit-reads on &&
	r=$(cpl log --complainant A --summary s) &&
	cpl show "$r" >/dev/null &&
	test "$(cpl history "$r" --format csv | grep -c ",viewed,")" = 0
'

test_on 'fresh_store south-staffordshire' 'init --policy with the policy in force: exit 0, nothing changed' '
	dump_db >before &&
	cpl init --policy south-staffordshire >out 2>err &&
	test ! -s out && test ! -s err &&
	dump_db >after && test_cmp before after
'

test_expect_success 'init --policy on a store with no default policy sets it' '
	test_dir && cpl init && cpl init --policy psps &&
	test "$(logged_policy)" = psps
'

test_on 'fresh_store south-staffordshire' 'init --set-default-policy psps changes it, for the cases logged from then on' '
	old=$(cpl log --complainant A --summary s) &&
	cpl init --set-default-policy psps >out 2>err &&
	test ! -s out && test ! -s err &&
	test "$(logged_policy)" = psps &&
	test "$(cpl show "$old" --format json | jfield .policy)" = south-staffordshire &&
	dump_db >before &&
	cpl init --set-default-policy psps &&
	cpl init --policy psps &&
	dump_db >after && test_cmp before after
'

test_expect_success 'init --set-default-policy on no store makes one with that default' '
	test_dir && cpl init --set-default-policy southampton &&
	test "$(logged_policy)" = southampton
'

test_on 'fresh_store south-staffordshire' 'init --set-default-policy nosuch: exit 2, nothing changed' '
	refused 2 nosuch cpl init --set-default-policy nosuch
'

test_on 'fresh_store south-staffordshire' 'init --policy and --set-default-policy together: usage (2)' '
	refused 2 "^complaints: init: --policy and --set-default-policy both name the default policy: give one\$" \
	    cpl init --policy psps --set-default-policy psps
'

test_done
