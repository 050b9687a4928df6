#!/bin/sh
# t9152-link-export-purge.sh: groups of linked cases through export and
# import (JSON lines with the history: each case's "linked" and
# "unlinked" events in its history, a line a group after the cases), and
# the purge, which takes a purged case out of its group.
. "$(dirname "$0")/lib.sh"

A=CORP-2026-00001 B=CORP-2026-00002 C=CORP-2026-00003 D=CORP-2026-00004
E=CORP-2026-00005

# five corporate-procedure complaints received Mon 2026-06-01 to Fri
# 06-05; A, B and C linked on 06-05, D and E on 06-08; B unlinked on
# 06-09.
groups() {
	fresh_store corporate-procedure &&
	for n in 1 2 3 4 5; do
		cpl log --complainant "Resident $n" --summary "Pothole" \
		    --received 2026-06-0$n >/dev/null || return 1
	done &&
	cpl link $A $B $C --reason "Elm Road" --date 2026-06-05 &&
	cpl link $D $E --date 2026-06-08 &&
	cpl unlink $B --date 2026-06-09
}

test_on groups 'export --include-history writes a line a group, after the cases' '
	cpl export --format jsonl --include-history >x.jsonl &&
	tail -n 2 x.jsonl >groups &&
	jq -c ".linked | map(.ref)" groups >got &&
	printf "[\"%s\",\"%s\"]\n[\"%s\",\"%s\"]\n" $A $C $D $E >want &&
	test_cmp want got &&
	test "$(head -n 1 groups | jq -r ".linked[0].reason")" = "Elm Road" &&
	test "$(head -n 1 groups | jq -r ".linked[0].linked")" = 2026-06-05 &&
	test "$(tail -n 1 groups | jq -r ".linked[0].reason")" = null &&
	test "$(grep -c "\"linked\":\[" x.jsonl)" = 2
'

test_on groups 'import into an empty store makes the same groups and histories; the export again is the same' '
	cpl export --format jsonl --include-history >x.jsonl &&
	other_dir new && cpl init --policy corporate-procedure &&
	cpl import --format jsonl ../x.jsonl >out &&
	case_is $A ".linked[0].ref=$C" "actions=logged linked" \
	    ".history[1].detail=with '\''$B'\'', '\''$C'\'': Elm Road" &&
	case_is $B ".linked=[]" "actions=logged linked unlinked" &&
	case_is $E ".linked[0].ref=$D" &&
	cpl export --format jsonl --include-history >y.jsonl &&
	test_cmp ../x.jsonl y.jsonl
'

test_on groups 'the same file imported again adds nothing' '
	cpl export --format jsonl --include-history >x.jsonl &&
	dump_db >before &&
	cpl import --format jsonl x.jsonl >out &&
	dump_db >after &&
	test_cmp before after
'

test_on groups 'a group line naming a case in neither the store nor the file is a bad row, nothing imported' '
	other_dir new && cpl init --policy corporate-procedure &&
	printf "{\"linked\":[{\"ref\":\"%s\",\"linked\":\"2026-06-05\",\"officer\":\"jo\",\"reason\":null},{\"ref\":\"CORP-2026-00099\",\"linked\":\"2026-06-05\",\"officer\":\"jo\",\"reason\":null}]}\n" $A >g.jsonl &&
	dump_db >before &&
	fails 2 cpl import --format jsonl g.jsonl &&
	grep -q "^g.jsonl:1: linked: no case '\''$A'\'' in the store or the file\$" err &&
	dump_db >after && test_cmp before after
'

test_on groups 'a group line that is not a list of cases is a bad row' '
	dump_db >before &&
	printf "{\"linked\":[{\"ref\":\"%s\"}]}\n" $A >g.jsonl &&
	fails 2 cpl import --format jsonl g.jsonl &&
	grep -q "^g.jsonl:1: linked: not a list of two cases or more\$" err &&
	printf "{\"linked\":[{\"ref\":\"%s\"},{\"ref\":\"%s\"}]}\n" $A $B >g.jsonl &&
	fails 2 cpl import --format jsonl g.jsonl &&
	grep -q "^g.jsonl:1: linked: case 1: needs its ref, the day it was linked" err &&
	dump_db >after && test_cmp before after
'

test_on groups 'the purge takes a purged case out of its group; a group left with one case is none' '
	cpl close $D --reason resolved --date 2026-06-10 &&
	COMPLAINTS_TODAY=2033-01-03 cpl purge --yes --closed-before 2026-07-01 \
	    >/dev/null &&
	COMPLAINTS_TODAY=2033-01-03 case_is $E ".linked=[]" &&
	COMPLAINTS_TODAY=2033-01-03 case_is $A ".linked[0].ref=$C"
'

test_done
