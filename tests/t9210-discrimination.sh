#!/bin/sh
# t9210-discrimination.sh: seed 002 §13 Complaints about discrimination:
# "the complaint is recorded on the corporate complaints database as a
# complaint about discrimination" for monitoring. log --discrimination
# marks it (amend changes it); list --discrimination lists those; show
# gives it; report summary and report annual count them, of the
# complaints received, in all and by group.
. "$(dirname "$0")/lib.sh"

# three: a store under corporate-procedure with three complaints received
# in March 2026, two about discrimination (Housing: $d1; Waste: $d2), one
# not ($n, Housing), and a compliment.
three() {
	fresh_store corporate-procedure &&
	d1=$(cpl log --complainant A --summary s --service Housing \
	    --received 2026-03-02 --discrimination) &&
	n=$(cpl log --complainant B --summary s --service Housing \
	    --received 2026-03-03) &&
	d2=$(cpl log --complainant C --summary s --service Waste \
	    --received 2026-03-04 --discrimination) &&
	cpl log --kind compliment --complainant D --summary s \
	    --received 2026-03-05 >/dev/null
}

test_on three 'seed 002 §13: recorded and shown as a complaint about discrimination' '
	case_is "$d1" ".discrimination=true" &&
	case_is "$n" ".discrimination=false" &&
	cpl show "$d1" >show.txt &&
	grep -q "^monitoring    a complaint about discrimination\$" show.txt
'

test_on three 'seed 002 §13: list --discrimination lists those complaints only' '
	cpl list --discrimination --sort ref --format csv | cut -d, -f1 >got &&
	printf "ref\n%s\n%s\n" "$d1" "$d2" >want &&
	test_cmp want got &&
	cpl list --discrimination --service waste --format csv |
	    cut -d, -f1 >got &&
	printf "ref\n%s\n" "$d2" >want &&
	test_cmp want got
'

test_on three 'seed 002 §13: report summary counts them, of the complaints received, in all and by service' '
	cpl report summary --from 2026-03-01 --to 2026-03-31 --format csv \
	    >all.csv &&
	check_row all.csv all "" complaints.discrimination "2,3,66.7" &&
	cpl report summary --from 2026-03-01 --to 2026-03-31 --by service \
	    --format csv >by.csv &&
	check_row by.csv service Housing complaints.discrimination "1,2,50.0" &&
	check_row by.csv service Waste complaints.discrimination "1,1,100.0"
'

test_on three 'seed 002 §13: report annual counts them, beside the year before' '
	cpl report annual --year 2026 --format csv >annual.csv &&
	check_row annual.csv all "" complaints.discrimination "2,3,66.7,0,0,,," &&
	cpl report annual --year 2026 --format json >annual.json &&
	test "$(jq ".[] | select(.figure == \"complaints.discrimination\"
	    and .section == \"all\") | .value" annual.json)" = 2 &&
	cpl report annual --year 2026 --format html >annual.html &&
	grep -q "complaints.discrimination" annual.html
'

test_on three 'amend --discrimination / --no-discrimination: changed, with the old value kept' '
	cpl amend "$n" --discrimination --reason "the letter says so" &&
	case_is "$n" ".discrimination=true" ".history[1].field=discrimination" \
	    ".history[1].old=false" ".history[1].new=true" &&
	cpl amend "$d1" --no-discrimination --reason "recorded by mistake" &&
	case_is "$d1" ".discrimination=false" &&
	refused 2 "^complaints: nothing to amend: case .$d2. already has those details\$" \
	    cpl amend "$d2" --discrimination --reason again &&
	refused 2 "give one" \
	    cpl amend "$d2" --discrimination --no-discrimination --reason r
'

test_on 'fresh_store south-staffordshire' 'only a complaint is about discrimination (2)' '
	refused 2 "^complaints: --discrimination: only a complaint is about discrimination, not a comment\$" \
	    cpl log --kind comment --complainant A --summary s \
	    --received 2026-03-02 --discrimination
'

test_done
