#!/bin/sh
# t7000-amend.sh: complaints amend changes a case's details (a misspelt
# name, an old telephone number, the day received), keeping the old value,
# who, when and why in the history; the intake rules and every recorded
# action are checked again as if the case had been logged with the new
# details, and what they would refuse refuses the amendment, changing
# nothing. Every date is worked out by hand below.
#
# Bank holidays used (policies/calendars/england-and-wales.yaml): Good
# Friday Fri 2026-04-03, Easter Monday Mon 2026-04-06.
. "$(dirname "$0")/lib.sh"

# jon [POLICY]: a new store (south-staffordshire unless POLICY) holding one
# complaint of Jon Smith's, received Mon 2026-03-23, its reference in $ref.
jon() {
	fresh_store "${1:-south-staffordshire}" &&
	ref=$(cpl log --complainant "Jon Smith" --contact "01234 567890" \
	    --service Waste --channel phone --summary "Bin missed" \
	    --received 2026-03-23)
}

test_on jon 'a misspelt name is corrected: show gives the new one, history the old, who, when and why' '
	cpl --officer alice amend "$ref" --complainant "John Smith" \
	    --reason "misspelt on the form" >out 2>err &&
	test ! -s out && test ! -s err &&
	case_is "$ref" ".complainant=John Smith" \
	    "actions=logged amended" ".history[1].officer=alice" \
	    ".history[1].date=2026-11-20" \
	    ".history[1].detail=complainant: '\''Jon Smith'\'' -> '\''John Smith'\'' (misspelt on the form)" \
	    ".history[1].field=complainant" ".history[1].old=Jon Smith" \
	    ".history[1].new=John Smith" ".history[1].reason=misspelt on the form" &&
	cpl history "$ref" --wide >h.txt &&
	grep -q "amended  *complainant: '\''Jon Smith'\'' -> '\''John Smith'\'' (misspelt on the form)\$" h.txt &&
	cpl history "$ref" --format json >h.json &&
	json_is h.json ".[1].action=amended" ".[1].field=complainant" \
	    ".[1].old=Jon Smith" ".[1].new=John Smith" \
	    ".[1].reason=misspelt on the form" ".[1].corrects=null" \
	    ".[0].field=null"
'

test_on jon 'the amended name and summary are what list finds, the old ones no more' '
	cpl amend "$ref" --complainant "John Smyth" --summary "Garden waste" \
	    --reason "misspelt on the form" &&
	cpl list --search smyth --format csv | sed 1d | cut -d, -f1 >found &&
	echo "$ref" >expect && test_cmp expect found &&
	cpl list --search garden --format csv | sed 1d | cut -d, -f1 >found &&
	test_cmp expect found &&
	cpl list --complainant "john smyth" --format csv | sed 1d | cut -d, -f1 >found &&
	test_cmp expect found &&
	test -z "$(cpl list --search jon --format csv | sed 1d)" &&
	test -z "$(cpl list --search bin --format csv | sed 1d)" &&
	test -z "$(cpl list --complainant "Jon Smith" --format csv | sed 1d)"
'

test_on jon 'several details at once: one event each; the summary from standard input' '
	printf "Bin missed twice\nand the lid broken\n" |
	    cpl amend "$ref" --contact "07700 900001" --service Refuse \
	    --channel email --category collections --summary - \
	    --reason "from the letter" &&
	case_is "$ref" ".contact=07700 900001" .service=Refuse .channel=email \
	    .category=collections \
	    "actions=logged amended amended amended amended amended" \
	    ".history[1].field=contact" ".history[2].field=service" \
	    ".history[3].field=category" ".history[4].field=channel" \
	    ".history[5].field=summary" ".history[5].old=Bin missed" &&
	test "$(jfield .summary <case.json)" = "$(printf "Bin missed twice\nand the lid broken")" &&
	# a list by service finds it under the new one
	cpl list --service refuse --format csv >l.csv &&
	grep -q "^$ref," l.csv
'

test_on jon 'bad input is refused (2), naming the option, and changes nothing' '
	refused 2 "^complaints: --reason: a reason is needed" \
	    cpl amend "$ref" --complainant "John Smith" &&
	refused 2 "^complaints: --reason: the reason is empty" \
	    cpl amend "$ref" --complainant "John Smith" --reason " " &&
	refused 2 "^complaints: nothing to amend: give" \
	    cpl amend "$ref" --reason "why not" &&
	refused 2 "^complaints: nothing to amend: case .$ref. already has those details" \
	    cpl amend "$ref" --complainant "Jon Smith" --reason "same" &&
	refused 2 "^complaints: --complainant: the complainant.s name is empty" \
	    cpl amend "$ref" --complainant "" --reason "gone" &&
	refused 2 "^complaints: --channel: channel .fax. is not one of" \
	    cpl amend "$ref" --channel fax --reason "r" &&
	refused 2 "^complaints: --received: .2026-02-30. is not a date" \
	    cpl amend "$ref" --received 2026-02-30 --reason "r" &&
	refused 2 "^complaints: --received: 2026-11-23 is in the future (today is 2026-11-20)" \
	    cpl amend "$ref" --received 2026-11-23 --reason "r" &&
	refused 2 "^complaints: --occurred: the day the matter occurred is after the day the case was received" \
	    cpl amend "$ref" --occurred 2026-03-24 --reason "r" &&
	refused 1 "^complaints: no case .SSC-2026-00099.\$" \
	    cpl amend SSC-2026-00099 --complainant X --reason "r"
'

test_on 'fresh_store psps' 'an anonymous case names no complainant, and none can be given it (2)' '
	a=$(cpl log --anonymous --summary "Fly-tipping" --received 2026-03-23) &&
	refused 2 "^complaints: --complainant: case .$a. is anonymous" \
	    cpl amend "$a" --complainant "Someone" --reason "they rang back"
'

# PSPS, seed 000 §6 Stages, Stage 1: acknowledged within 5 working days of
# receipt, answered within 10 of the acknowledgement. Received Mon
# 2026-03-23, amended to Fri 2026-03-20: acknowledge by Fri 2026-03-27
# (was Mon 2026-03-30). Acknowledged Tue 2026-03-24: the response is due
# 10 working days later either way, Thu 2026-04-09.
test_on 'jon psps' 'seed 000 §6 Stages: an amended received moves the acknowledgement deadline' '
	case_is "$ref" .stages[0].ack_due=2026-03-30 &&
	cpl amend "$ref" --received 2026-03-20 --reason "date stamp misread" &&
	case_is "$ref" .received=2026-03-20 .stages[0].opened=2026-03-20 \
	    .stages[0].ack_due=2026-03-27 \
	    ".history[1].field=received" ".history[1].old=2026-03-23" \
	    ".history[1].new=2026-03-20"
'

test_on 'jon psps' 'seed 000 §6 Stages: received amended past the acknowledgement is refused (1), naming it' '
	cpl ack "$ref" --date 2026-03-24 &&
	refused 1 "^complaints: as amended, the stage 1 acknowledgement of 2026-03-24 would be refused: 2026-03-24 is before the day the case was received (2026-03-25)\$" \
	    cpl amend "$ref" --received 2026-03-25 --reason "wrong stamp" &&
	cpl amend "$ref" --received 2026-03-24 --reason "right stamp" &&
	case_is "$ref" .received=2026-03-24 .stages[0].acknowledged=2026-03-24
'

# The reference keeps the year it was given: received amended from Fri
# 2026-01-02 to Wed 2025-12-31.
test_on 'fresh_store psps' 'the reference keeps its year when received is amended into another' '
	r=$(cpl log --complainant "New Year" --received 2026-01-02) &&
	test "$r" = PSPS-2026-00001 &&
	cpl amend "$r" --received 2025-12-31 --reason "posted before the break" &&
	case_is PSPS-2026-00001 .ref=PSPS-2026-00001 .received=2025-12-31 &&
	# and the next case of 2026 takes the next number of 2026
	test "$(cpl log --complainant Next --received 2026-01-05)" = PSPS-2026-00002
'

# Buckinghamshire, seed 004 App A, six principles, Timeliness: 12 weeks
# from receipt to resolution. Received Mon 2026-03-23: resolve by Mon
# 2026-06-15; amended to Fri 2026-03-20: by Fri 2026-06-12. Stage 1
# (App A, Stage 1): acknowledged within 3 working days, Wed 2026-03-25;
# answered within 20, Tue 2026-04-21 (Good Friday and Easter Monday not
# counted).
test_on 'jon buckinghamshire' 'seed 004 App A: an amended received moves the 12 weeks to resolution and stage 1' '
	case_is "$ref" .resolve_due=2026-06-15 &&
	cpl amend "$ref" --received 2026-03-20 --reason "logged a day late" &&
	case_is "$ref" .ref=BC-2026-00001 .resolve_due=2026-06-12 \
	    .stages[0].ack_due=2026-03-25 .stages[0].response_due=2026-04-21
'

# PSPS, seed 000 §6 Exclusions: a complaint made more than 12 months after
# the matter is accepted only with a recorded reason. Received Mon
# 2026-03-23: a matter of Mon 2025-03-23 is within 12 months, one of Sat
# 2025-03-22 is not.
test_on 'jon psps' 'seed 000 §6 Exclusions: an occurred that makes the complaint late is refused (1)' '
	cpl amend "$ref" --occurred 2025-03-23 --reason "the first missed bin" &&
	refused 1 "^complaints: --occurred: the matter occurred on 2025-03-22, more than 12 months before the complaint: policy .psps. accepts it" \
	    cpl amend "$ref" --occurred 2025-03-22 --reason "earlier still" &&
	case_is "$ref" .occurred=2025-03-23
'

test_on 'fresh_store psps' 'seed 000 §6 Exclusions: a late complaint amended into time keeps the reason it was accepted' '
	l=$(cpl log --complainant "Late Lee" --occurred 2025-03-02 \
	    --received 2026-03-03 --late-reason "Abroad for a year") &&
	cpl amend "$l" --occurred 2025-03-03 --reason "letter says 3 March" &&
	case_is "$l" .occurred=2025-03-03 ".late_reason=Abroad for a year"
'

# PSPS, seed 000 §4: feedback about services delivered for the councils
# follows the council's policy (category partner-service, refused); §6:
# a former employee's complaint is considered under the Grievance policy
# (category employment, a warning).
test_on 'jon psps' 'seed 000 §4, §6: an excluded category is refused (1); one that warns, warns' '
	refused 1 "^complaints: --category: category .partner-service. is outside the procedure of policy .psps." \
	    cpl amend "$ref" --category "Partner Service" --reason "council tax" &&
	cpl amend "$ref" --category Employment --reason "a former employee" \
	    2>err &&
	one_line_error err "^complaints: warning: category .employment. under policy .psps.: consider at logging" &&
	case_is "$ref" .category=employment
'

test_on jon 'restrictions match the amended name: shown on the case, and warned of' '
	cpl log --complainant "John Smith" --received 2026-03-02 >/dev/null &&
	cpl restriction add "John Smith" --kind written-contact-only \
	    --reason "Abusive calls" --review 2027-01-04 >/dev/null &&
	case_is "$ref" ".restrictions=[]" &&
	cpl amend "$ref" --complainant "John Smith" --reason "misspelt" 2>err &&
	one_line_error err "^complaints: warning: .John Smith. is under restriction 1: written-contact-only" &&
	case_is "$ref" .restrictions[0].kind=written-contact-only
'

test_on 'fresh_store south-staffordshire' 'a purged case is refused (1)' '
	old=$(COMPLAINTS_TODAY=2019-06-30 cpl log --complainant "Old Case" \
	    --received 2019-03-04) &&
	COMPLAINTS_TODAY=2019-06-30 cpl close "$old" --reason withdrawn \
	    --date 2019-03-05 &&
	cpl purge --yes --closed-before 2020-01-01 >/dev/null &&
	refused 1 "^complaints: the personal data of case .$old. was purged on 2026-11-20" \
	    cpl amend "$old" --service Waste --reason "r"
'

test_on jon 'a closed case is amended all the same' '
	cpl close "$ref" --reason resolved --date 2026-03-24 &&
	cpl amend "$ref" --complainant "John Smith" --reason "misspelt" &&
	case_is "$ref" .status=closed ".complainant=John Smith"
'

test_on 'fresh_store psps' 'amend --help: the usage, on standard output' '
	cpl amend --help >out &&
	grep -q "^usage: complaints amend REF \[--complainant NAME\]" out &&
	grep -q -- "--reason TEXT\$" out
'

# A store of schema version 7 is made by hand from one of version 11
# (store_v11: the tables and index of migrations 8 to 11 dropped), then
# opened by a command.
sqlite_only "an older store is made with the sqlite3 shell" \
    'a store of schema version 7 is upgraded on open, and amends' '
	store_v11 &&
	sqlite3 complaints.db "DROP INDEX stages_officer; DROP TABLE letters;
	    DROP TABLE attachments; DROP TABLE attachment_content;
	    DROP TABLE corrections; PRAGMA user_version = 7" &&
	cpl amend SSC-2026-00002 --complainant "Anne Other" --reason "misspelt" &&
	test "$(sqlite3 complaints.db "PRAGMA user_version")" -ge 8 &&
	case_is SSC-2026-00002 ".complainant=Anne Other" \
	    ".received=2026-05-04" ".history[2].old=Ann Other"
'

test_done
