#!/bin/sh
# t7410-export-restrictions.sh: the restrictions on complainants travel
# with export --include-history, in JSON lines: a line a restriction, after
# the cases, with its events (man/complaints-export.1); import brings them
# back (man/complaints-import.1), under numbers of the store they go to,
# lifted where they were lifted, each event by its officer on its day. A
# restriction already in the store is a duplicate; the same one with other
# values, a bad row. A CSV export holds cases only, and says so.
#
# Every test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# make_restricted: a store under psps with cases of Ann Jones (restricted
# by alice, and lifted by bob) and Bob Smith (restricted by carol, in
# force), and of Cy Other, on whom there is none.
make_restricted() {
	cpl init --policy psps &&
	cpl log --complainant "Ann Jones" --summary s --received 2026-03-02 &&
	cpl log --complainant "Bob Smith" --summary s --received 2026-05-04 &&
	cpl log --complainant "Cy Other" --summary s --received 2026-06-01 &&
	cpl --officer alice restriction add --decided-by "Chief Finance Officer" "ANN JONES" \
	    --kind written-contact-only --reason "Abusive calls" \
	    --review 2026-09-01 --date 2026-04-01 &&
	cpl --officer carol restriction add --decided-by "Chief Finance Officer" "Bob Smith" --kind other \
	    --detail "Letters only to the Complaints Manager" \
	    --reason "Persistent" --review 2027-01-15 --date 2026-06-10 &&
	cpl --officer bob restriction lift 1 --reason "Calls stopped" \
	    --date 2026-08-20
}

restricted() {
	test_dir && fixture restricted make_restricted
}

# restrictions DB: the restrictions of the store DB, in force or not, as
# CSV without their numbers.
restrictions() {
	cpl --db "$1" restriction list --all --format csv | cut -d, -f2-
}

# restriction_events DB: the events of the store's restrictions (the
# dump's events with no case), less when they were recorded.
restriction_events() {
	cpl export --include-history --format jsonl --db "$1" |
	    jq -c "select(.restriction) | .restriction.history[] |
		[.date, .officer, .action, .detail]"
}

test_expect_success 'export --include-history (JSON lines): a line a restriction, after the cases' '
	restricted &&
	cpl export --include-history --format jsonl >all.jsonl &&
	test "$(wc -l <all.jsonl)" = 5 &&
	head -3 all.jsonl | jq -e .ref >/dev/null &&
	tail -2 all.jsonl | jq -c ".restriction | [.complainant, .kind, .imposed,
	    .review, .officer, .lifted, .lifted_reason, [.history[].action]]" >got &&
	cat >want <<-\EOF &&
	["Ann Jones","written-contact-only","2026-04-01","2026-09-01","alice","2026-08-20","Calls stopped",["restricted","restriction-lifted"]]
	["Bob Smith","other","2026-06-10","2027-01-15","carol",null,null,["restricted"]]
	EOF
	test_cmp want got &&
	# without the history, cases alone
	cpl export --format jsonl >cases.jsonl &&
	test "$(wc -l <cases.jsonl)" = 3
'

test_expect_success 'imported into another store: new numbers, lifts kept, each event by its officer on its day' '
	restricted &&
	cpl export --include-history --format jsonl >all.jsonl &&
	mkdir other && cpl --db other/c.db init --policy psps &&
	# a restriction of its own there first: the imported ones come after
	cpl --db other/c.db log --complainant "Dee First" --received 2026-01-05 \
	    >/dev/null &&
	cpl --db other/c.db restriction add --decided-by "Chief Finance Officer" "Dee First" --kind limited-contact \
	    --reason r --review 2026-12-01 --date 2026-02-01 >/dev/null &&
	sed "s/PSPS-2026-0000/PSPS-2026-0010/" all.jsonl >moved.jsonl &&
	imports "imported 5, skipped 0 as duplicates, rejected 0" \
	    --db other/c.db --format jsonl moved.jsonl &&
	cpl --db other/c.db restriction list --all --format csv >got &&
	cat >want <<-\EOF &&
	id,complainant,kind,detail,reason,imposed,review,officer,lifted,lifted_reason,decided_by
	1,Dee First,limited-contact,,r,2026-02-01,2026-12-01,tester,,,Chief Finance Officer
	2,Ann Jones,written-contact-only,,Abusive calls,2026-04-01,2026-09-01,alice,2026-08-20,Calls stopped,Chief Finance Officer
	3,Bob Smith,other,Letters only to the Complaints Manager,Persistent,2026-06-10,2027-01-15,carol,,,Chief Finance Officer
	EOF
	test_cmp want got &&
	restriction_events other/c.db >got &&
	cat >want <<-\EOF &&
	["2026-02-01","tester","restricted","restriction 1 on '\''Dee First'\'': limited-contact: r; review due 2026-12-01"]
	["2026-04-01","alice","restricted","restriction 2 on '\''Ann Jones'\'': written-contact-only: Abusive calls; review due 2026-09-01"]
	["2026-08-20","bob","restriction-lifted","restriction 2: Calls stopped"]
	["2026-06-10","carol","restricted","restriction 3 on '\''Bob Smith'\'': other, Letters only to the Complaints Manager: Persistent; review due 2027-01-15"]
	EOF
	test_cmp want got &&
	# shown on the case of the complainant under restriction
	test "$(cpl --db other/c.db show PSPS-2026-00102 --format json |
	    jfield ".restrictions[0].kind")" = other
'

test_expect_success 'imported again into the store it came from: nothing changes' '
	restricted &&
	cpl export --include-history --format jsonl >all.jsonl &&
	dump_db >before &&
	imports "imported 0, skipped 5 as duplicates, rejected 0" \
	    --format jsonl all.jsonl &&
	dump_db >after && test_cmp before after
'

test_expect_success 'a restriction in the store with other values: its line is bad, and nothing is imported' '
	restricted &&
	cpl export --include-history --format jsonl >all.jsonl &&
	cpl restriction lift 2 --reason "Reviewed" --date 2026-10-01 &&
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl all.jsonl >out 2>err &&
	cat >expect <<-\EOF &&
	all.jsonl:5: restriction: '\''Bob Smith'\'' is under a restriction '\''other'\'' imposed on 2026-06-10 in the store already, with other values: lift or add restrictions with complaints restriction, not by importing them again
	complaints: all.jsonl: 1 bad row: nothing imported
	EOF
	test_cmp expect err &&
	dump_db >after && test_cmp before after
'

test_expect_success 'a restriction whose complainant has no case before it is a bad row; so is one the rules refuse' '
	fresh_store psps &&
	cat >r.jsonl <<-\EOF &&
	{"restriction": {"complainant": "Nobody", "kind": "other", "detail": "d", "reason": "r", "imposed": "2026-04-01", "review": "2026-05-01", "decided_by": "Chief Finance Officer"}}
	{"ref": "PSPS-2026-00001", "complainant": "Ann", "received": "2026-03-02"}
	{"restriction": {"complainant": "ann", "kind": "shouting", "reason": "r", "imposed": "2026-04-01", "review": "2026-05-01", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "ann", "kind": "other", "detail": "d", "reason": "r", "imposed": "2026-04-02", "review": "2026-03-01", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "ann", "kind": "limited-contact", "reason": "r", "imposed": "2026-04-03", "review": "2026-05-01", "lifted": "2026-04-10", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "ann", "kind": "limited-contact", "reason": "r", "imposed": "2026-04-04", "review": "2026-05-01", "colour": "red", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "ann", "kind": "limited-contact", "reason": "r", "imposed": "2026-04-05", "review": "2026-05-01"}, "ref": "x"}
	EOF
	dump_db >before &&
	test_must_fail 2 cpl import --format jsonl r.jsonl >out 2>err.raw &&
	# the message of the rule on kinds is its own (restriction add says it)
	sed "s/^\(r.jsonl:3: restriction: kind: \).*shouting.*/\1(the rule'\''s message)/" \
	    err.raw >err &&
	cat >expect <<-\EOF &&
	r.jsonl:1: restriction: complainant: no case of a complainant named '\''Nobody'\'' in the store or on a line before this one
	r.jsonl:3: restriction: kind: (the rule'\''s message)
	r.jsonl:4: restriction: review: the review must be after the day the restriction starts
	r.jsonl:5: restriction: lifted_reason: a reason is needed: why the restriction is lifted
	r.jsonl:6: restriction: '\''colour'\'' is not a field of a restriction (see complaints-import(1))
	r.jsonl:7: row: a restriction'\''s line holds its "restriction" alone
	complaints: r.jsonl: 6 bad rows: nothing imported
	EOF
	test_cmp expect err &&
	dump_db >after && test_cmp before after
'

test_expect_success 'one restriction on two lines: the same line again is a duplicate, another is bad' '
	fresh_store psps &&
	cat >r.jsonl <<-\EOF &&
	{"complainant": "Ann", "received": "2026-03-02"}
	{"restriction": {"complainant": "Ann", "kind": "limited-contact", "reason": "r", "imposed": "2026-04-01", "review": "2026-05-01", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "Ann", "kind": "limited-contact", "reason": "r", "imposed": "2026-04-01", "review": "2026-05-01", "decided_by": "Chief Finance Officer"}}
	{"restriction": {"complainant": "ANN", "kind": "limited-contact", "reason": "r2", "imposed": "2026-04-01", "review": "2026-05-01", "decided_by": "Chief Finance Officer"}}
	EOF
	test_must_fail 2 cpl import --format jsonl r.jsonl >out 2>err &&
	grep -q "^r.jsonl:4: restriction: the same restriction (complainant, kind and day imposed) is on line 2 too, with other values\$" err &&
	sed "\$d" r.jsonl >ok.jsonl &&
	imports "imported 2, skipped 1 as duplicates, rejected 0" \
	    --format jsonl ok.jsonl &&
	test "$(cpl restriction list --format csv | wc -l)" = 2
'

test_expect_success 'export --from/--to carries the restrictions on the complainants of its cases only' '
	restricted &&
	cpl export --include-history --format jsonl --from 2026-05-01 >some.jsonl &&
	jq -r "select(.restriction) | .restriction.complainant" some.jsonl >got &&
	echo "Bob Smith" >want &&
	test_cmp want got
'

test_expect_success 'a CSV export with the history holds the cases, and says the restrictions are not in it' '
	restricted &&
	cpl export --include-history >all.csv 2>err &&
	echo "complaints: warning: the 2 restrictions on complainants of these cases are not in a CSV file: JSON lines carry them" >expect &&
	test_cmp expect err &&
	test "$(csv_json all.csv | jq length)" = 3
'

test_done
