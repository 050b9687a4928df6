#!/bin/sh
# t9150-link.sh: linked cases (seed 002 §7: several people complaining
# about the same issue are told that all points are investigated together
# and one report is issued in response). link puts cases in a group, each
# case shows the others, list --linked lists the group, unlink takes cases
# out, respond --for-linked answers every open case of the group at its
# own stage, by its own rules, all or nothing.
. "$(dirname "$0")/lib.sh"

A=CORP-2026-00001 B=CORP-2026-00002 C=CORP-2026-00003 D=CORP-2026-00004

# three corporate-procedure complaints about one road, and a fourth:
# received Mon 2026-03-02 to Thu 2026-03-05.
three() {
	fresh_store corporate-procedure &&
	for n in 2 3 4 5; do
		cpl log --complainant "Resident $n" --service Highways \
		    --summary "Pothole on Elm Road" --received 2026-03-0$n \
		    >/dev/null || return 1
	done
}

# A, B and C linked on Fri 2026-03-06.
linked() {
	three && cpl link $A $B $C --reason "Elm Road pothole" --date 2026-03-06
}

test_on three 'link puts cases in a group: each shows the others, with its event' '
	cpl link $A $B $C --reason "Elm Road pothole" --date 2026-03-06 >out &&
	test ! -s out &&
	case_is $A ".linked=[{\"ref\":\"$B\",\"status\":\"open\",\"stage\":1}, {\"ref\":\"$C\",\"status\":\"open\",\"stage\":1}]" \
	    "actions=logged linked" ".history[1].date=2026-03-06" \
	    ".history[1].detail=with '\''$B'\'', '\''$C'\'': Elm Road pothole" &&
	case_is $B ".linked[0].ref=$A" ".linked[1].ref=$C" &&
	case_is $D ".linked=[]" "actions=logged" &&
	cpl show $C >show.txt &&
	grep -q "^linked        $A (open, stage 1)\$" show.txt &&
	grep -q "^linked        $B (open, stage 1)\$" show.txt
'

test_on three 'linking a case to itself, to a missing case, or alone is refused, nothing changed' '
	refused 2 "case '\''$A'\'' is given twice: a case is not linked to itself" \
	    cpl link $A $A &&
	refused 1 "no case '\''CORP-2026-00099'\''" cpl link $A CORP-2026-00099 &&
	refused 2 "give two references or more" cpl link $A &&
	refused 2 "--reason: the reason is empty" cpl link $A $B --reason " "
'

test_on three 'a link dated before a case was received, or in the future, is refused' '
	refused 1 "before the day case '\''$D'\'' was received (2026-03-05)" \
	    cpl link $A $D --date 2026-03-04 &&
	refused 2 "in the future" cpl link $A $D --date 2026-11-21
'

test_on three 'cases under different policies are never linked' '
	o=$(cpl log --policy psps --complainant Other --summary s \
	    --received 2026-03-02) &&
	refused 1 "only cases of one policy are linked" cpl link $A "$o"
'

test_on linked 'a case joins a group; two groups are never merged; linked again is refused' '
	cpl link $A $D --date 2026-03-09 &&
	case_is $D ".linked[0].ref=$A" ".linked[1].ref=$B" ".linked[2].ref=$C" &&
	case_is $A ".history[2].detail=with '\''$B'\'', '\''$C'\'', '\''$D'\''" &&
	refused 1 "are already linked" cpl link $B $C &&
	e=$(cpl log --complainant E --summary s --received 2026-03-09) &&
	f=$(cpl log --complainant F --summary s --received 2026-03-09) &&
	cpl link "$e" "$f" --date 2026-03-10 &&
	refused 1 "case '\''$A'\'' and case '\''$e'\'' are linked in different groups: unlink one of them first" \
	    cpl link $A "$e"
'

test_on linked 'list --linked lists the group, the case named in it; a case of no group lists nothing' '
	cpl list --linked $B --sort ref --format csv >list.csv &&
	cut -d, -f1 list.csv >got &&
	printf "ref\n%s\n%s\n%s\n" $A $B $C >want &&
	test_cmp want got &&
	cpl list --linked $D --format csv >list.csv &&
	test "$(wc -l <list.csv)" = 1 &&
	refused 1 "no case '\''CORP-2026-00099'\''" cpl list --linked CORP-2026-00099
'

test_on linked 'unlink takes a case out; the last case of a group leaves it too' '
	cpl unlink $B --date 2026-03-09 &&
	case_is $B ".linked=[]" "actions=logged linked unlinked" \
	    ".history[2].detail=from '\''$A'\'', '\''$C'\''" &&
	case_is $A ".linked[0].ref=$C" &&
	refused 1 "case '\''$B'\'' is linked to no other case" cpl unlink $B &&
	cpl unlink $C --date 2026-03-10 &&
	case_is $A ".linked=[]" "actions=logged linked unlinked" \
	    ".history[2].detail=from '\''$C'\'' (the last case of its group)" &&
	refused 1 "case '\''$D'\'' is linked to no other case" cpl unlink $D
'

test_on linked 'respond --for-linked answers every open case of the group, each at its own stage' '
	cpl ack $A --date 2026-03-09 && cpl ack $B --date 2026-03-09 &&
	cpl ack $C --date 2026-03-09 &&
	cpl respond $C --outcome not-upheld --date 2026-03-10 &&
	cpl escalate $C --reason "Not fixed" --date 2026-03-11 &&
	cpl --officer kjones ack $C --date 2026-03-12 &&
	cpl --officer kjones respond $A --outcome upheld --for-linked \
	    --remedy "Road repaired" --date 2026-03-13 >out &&
	printf "%s\tstage 1\n%s\tstage 1\n%s\tstage 2\n" $A $B $C >want &&
	test_cmp want out &&
	case_is $B ".stages[0].outcome=upheld" ".stages[0].responded=2026-03-13" \
	    ".stages[0].remedies=[\"Road repaired\"]" &&
	case_is $C ".stages[1].outcome=upheld" ".stages[1].responded_by=kjones" &&
	case_is $D ".stages[0].responded=null"
'

test_on linked 'respond --for-linked: one linked case refused by its own rule records nothing, naming it' '
	cpl ack $A --date 2026-03-09 && cpl ack $B --date 2026-03-09 &&
	cpl ack $C --date 2026-03-09 &&
	cpl respond $C --outcome not-upheld --date 2026-03-10 &&
	cpl escalate $C --reason "Not fixed" --date 2026-03-11 &&
	refused 1 "handled stage 1 of case '\''$C'\''" cpl respond $A \
	    --outcome upheld --for-linked --date 2026-03-13 &&
	grep -q "needs someone else at stage 2" err &&
	refused 1 "linked case '\''$C'\'': 2026-03-09 is before the day the stage opened (2026-03-11)" cpl respond $A \
	    --outcome upheld --for-linked --date 2026-03-09 &&
	one_line_error err "^complaints: --date: "

'

test_on linked 'respond --for-linked leaves closed cases, and answered ones awaiting the complainant, as they are' '
	cpl close $C --reason withdrawn --date 2026-03-09 &&
	cpl respond $B --outcome not-upheld --date 2026-03-09 &&
	cpl respond $A --outcome upheld --for-linked --date 2026-03-10 >out &&
	printf "%s\tstage 1\n" $A >want && test_cmp want out &&
	case_is $B ".stages[0].outcome=not-upheld" &&
	case_is $C .status=closed ".stages[0].responded=null"
'

test_on three 'respond --for-linked on a case of no group is refused' '
	refused 1 "case '\''$A'\'' is linked to no other case" \
	    cpl respond $A --outcome upheld --for-linked --date 2026-03-10
'

test_on three 'without --for-linked, respond answers the one case' '
	cpl link $A $B --date 2026-03-06 &&
	cpl respond $A --outcome upheld --date 2026-03-10 &&
	case_is $B ".stages[0].responded=null"
'

test_done
