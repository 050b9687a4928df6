#!/bin/sh
# t9101-three-stages-export.sh: export and import of a policy of three
# stages (the fixture tests/three-stages/three-stages.yaml). The flat form
# has the columns stageN_* of every stage the store's policies have
# (stage3_escalated, stage3_escalation_reason, stage3_officer, ...), so a
# stage 3 case goes out and comes back whole, flat or with its history;
# a store of two-stage policies keeps the columns it always had.
. "$(dirname "$0")/lib.sh"

ref=TRI-2026-00001

# three_store: test_dir, then the shipped policies and the fixture in pol/
# (COMPLAINTS_POLICIES), and a store under three-stages.
three_store() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	cp -R "$SRCDIR/tests/three-stages/." pol/ &&
	COMPLAINTS_POLICIES=$PWD/pol && export COMPLAINTS_POLICIES &&
	cpl init --policy three-stages
}

# answered3: three_store, and a complaint answered at stage 3 (extended
# twice there) and referred to the ombudsman.
answered3() {
	three_store &&
	cpl --officer ann log --complainant "A Resident" --service Waste \
	    --summary "Missed bin" --received 2026-03-02 >/dev/null &&
	cpl --officer ann ack "$ref" --date 2026-03-03 &&
	cpl --officer ann respond "$ref" --outcome upheld --date 2026-03-10 &&
	cpl --officer bob escalate "$ref" --date 2026-03-12 &&
	cpl --officer bob ack "$ref" --date 2026-03-13 &&
	cpl --officer bob respond "$ref" --outcome not-upheld --date 2026-03-20 &&
	cpl --officer cy escalate "$ref" --reason "Still not collected" \
	    --date 2026-03-23 &&
	cpl --officer cy ack "$ref" --date 2026-03-24 &&
	cpl --officer cy extend "$ref" --days 3 --told --reason "Records" \
	    --date 2026-04-01 &&
	cpl --officer cy extend "$ref" --days 2 --told --reason "Site visit" \
	    --date 2026-04-02 &&
	cpl --officer cy respond "$ref" --outcome partly-upheld \
	    --remedy "Apology" --remedy "Bin collected" --date 2026-04-08 &&
	cpl --officer cy ombudsman "$ref" --date 2026-04-10
}

# The columns of every stage after the second, as export names them.
STAGE3=stage3_escalated,stage3_escalation_reason,stage3_officer,stage3_acknowledged,stage3_ack_due,stage3_extension_days,stage3_extension_reason,stage3_extension_told,stage3_extended,stage3_response_due,stage3_responded,stage3_outcome,stage3_remedy,stage3_learning

test_on answered3 'flat export: stage 3 has columns of its own, between stage 2'\''s and closed' '
	cpl export >flat.csv &&
	head -n 1 flat.csv | grep -q ",stage2_learning,$STAGE3,closed," &&
	jq -R -s "split(\"\n\")" flat.csv >/dev/null &&
	cpl export --format jsonl >flat.jsonl &&
	json_is flat.jsonl .stage=3 .stage3_escalated=2026-03-23 \
	    ".stage3_escalation_reason=Still not collected" \
	    .stage3_officer=cy .stage3_acknowledged=2026-03-24 \
	    .stage3_ack_due=2026-03-30 .stage3_extension_days=5 \
	    ".stage3_extension_reason=Records; Site visit" \
	    .stage3_extension_told=true .stage3_extended=2026-04-02 \
	    .stage3_response_due=2026-05-08 .stage3_responded=2026-04-08 \
	    .stage3_outcome=partly-upheld .stage3_learning=null \
	    .stage2_officer=bob .referred=2026-04-10 &&
	test "$(jq -r .stage3_remedy flat.jsonl)" = "Apology
Bin collected" &&
	test "$(jq ".stage3_extension_days | type" flat.jsonl)" = "\"number\"" &&
	test "$(jq ".stage3_extension_told | type" flat.jsonl)" = "\"boolean\""
'

test_on answered3 'flat CSV round trip: imported into a new store, the case exports the same' '
	cpl export >../flat.csv &&
	other_dir again &&
	cpl init --policy three-stages &&
	cpl import ../../flat.csv >out &&
	grep -q "^imported 1," out &&
	cpl export >flat.csv &&
	test_cmp ../../flat.csv flat.csv &&
	case_is "$ref" .stage=3 ".stages[2].opened=2026-03-23" \
	    ".stages[2].escalation_reason=Still not collected" \
	    ".stages[2].response_due=2026-05-08" \
	    ".stages[2].outcome=partly-upheld"
'

test_on answered3 'JSON lines round trip, flat and with the history' '
	cpl export --format jsonl >../flat.jsonl &&
	cpl export --format jsonl --include-history >../hist.jsonl &&
	cpl export --include-history >../hist.csv &&
	for f in flat.jsonl hist.jsonl hist.csv; do
		rm -rf again && (
			other_dir again && cpl init --policy three-stages &&
			case $f in
			*.jsonl) cpl import --format jsonl "../../$f" ;;
			*) cpl import "../../$f" ;;
			esac >/dev/null &&
			case $f in
			flat.jsonl) cpl export --format jsonl ;;
			hist.jsonl) cpl export --format jsonl --include-history ;;
			*) cpl export --include-history ;;
			esac >back &&
			test_cmp "../../$f" back
		) || return 1
	done
'

test_on answered3 'with the history, each stage 3 action is replayed as recorded' '
	cpl export --format jsonl --include-history >../hist.jsonl &&
	other_dir again && cpl init --policy three-stages &&
	cpl import --format jsonl ../../hist.jsonl >/dev/null &&
	cpl show "$ref" --format json >case.json &&
	json_is case.json "actions=logged acknowledged responded escalated acknowledged responded escalated acknowledged extended extended responded referred" &&
	test "$(jq -c "[.history[] | select(.stage > 2) | .officer] | unique" case.json)" = "[\"cy\"]"
'

test_expect_success 'a store of two-stage policies exports the columns it always had (no stage 3), then the columns of the smaller rules' '
	fresh_store psps &&
	cpl log --complainant A --summary s --received 2026-03-02 >/dev/null &&
	cpl export >flat.csv &&
	head -n 1 flat.csv >got &&
	echo "ref,external_ref,policy,kind,status,stage,complainant,anonymous,contact,on_behalf_of,consent,channel,service,category,summary,received,occurred,late_reason,accept_anyway,officer,resolve_due,acknowledged,ack_due,extension_days,extension_reason,extension_told,extended,response_due,responded,outcome,remedy,learning,escalated,escalation_reason,stage2_officer,stage2_acknowledged,stage2_ack_due,stage2_extension_days,stage2_extension_reason,stage2_extension_told,stage2_extended,stage2_response_due,stage2_responded,stage2_outcome,stage2_remedy,stage2_learning,closed,close_reason,referred,ombudsman_body,ombudsman_reference,ombudsman_decision,ombudsman_decided,about_staff,discrimination,late_granted_by,resolved_informally" >want &&
	test_cmp want got &&
	cpl export --format jsonl >flat.jsonl &&
	test "$(jq "keys | map(select(startswith(\"stage3\"))) | length" flat.jsonl)" = 0
'

# rows ROW...: a file rows.csv of a header and these rows, one a line
# (ann logs and answers stage 1, bob stage 2).
rows() {
	printf "%s\n" "ref,policy,complainant,summary,received,officer,acknowledged,responded,outcome,escalated,stage2_officer,stage2_acknowledged,stage2_responded,stage2_outcome,stage3_escalated,stage3_escalation_reason,stage3_officer,stage3_acknowledged,stage3_responded,stage3_outcome" "$@" >rows.csv
}

# import_refused TEXT: import of rows.csv fails (2), its bad row's line on
# stderr holding TEXT, and nothing is stored.
import_refused() {
	dump_db >before &&
	test_must_fail 2 cpl --officer imp import rows.csv >out 2>err &&
	grep -q "$1" err &&
	grep -q "^complaints: rows.csv: 1 bad row: nothing imported\$" err &&
	dump_db >after &&
	test_cmp before after
}

test_on three_store 'import: a stage 3 row is replayed through stage 3'\''s rules' '
	rows "TRI-2026-00007,three-stages,A,s,2026-03-02,ann,2026-03-03,2026-03-10,upheld,2026-03-12,bob,2026-03-13,2026-03-20,not-upheld,2026-03-23,Unhappy,dee,2026-03-24,2026-04-08,upheld" &&
	cpl --officer imp import rows.csv >out &&
	grep -q "^imported 1," out &&
	case_is TRI-2026-00007 .stage=3 ".stages[2].officer=dee" \
	    ".stages[2].escalation_reason=Unhappy" \
	    ".stages[2].acknowledged=2026-03-24" \
	    ".stages[2].responded=2026-04-08" ".stages[2].outcome=upheld"
'

test_on three_store 'import: stage 3 columns without stage3_escalated are refused, naming the column' '
	rows "TRI-2026-00007,three-stages,A,s,2026-03-02,ann,2026-03-03,2026-03-10,upheld,2026-03-12,bob,2026-03-13,2026-03-20,not-upheld,,,,2026-03-24,," &&
	import_refused "^rows.csv:2: stage3_acknowledged: given without stage3_escalated\$"
'

test_on three_store 'import: stage3_escalated without escalated is refused' '
	rows "TRI-2026-00007,three-stages,A,s,2026-03-02,ann,2026-03-03,2026-03-10,upheld,,,,,,2026-03-23,Unhappy,,,," &&
	import_refused "^rows.csv:2: stage3_escalated: given without escalated\$"
'

test_on three_store 'import: a stage 3 acknowledgement before its request is refused, naming stage3_acknowledged' '
	rows "TRI-2026-00007,three-stages,A,s,2026-03-02,ann,2026-03-03,2026-03-10,upheld,2026-03-12,bob,2026-03-13,2026-03-20,not-upheld,2026-03-23,Unhappy,dee,2026-03-20,," &&
	import_refused "^rows.csv:2: stage3_acknowledged: 2026-03-20 is before the day of the stage 3 request (2026-03-23)\$"
'

test_on three_store 'import: stage 3 by stage 2'\''s officer is refused, naming stage3_officer' '
	rows "TRI-2026-00007,three-stages,A,s,2026-03-02,ann,2026-03-03,2026-03-10,upheld,2026-03-12,bob,2026-03-13,2026-03-20,not-upheld,2026-03-23,Unhappy,bob,2026-03-24,," &&
	import_refused "^rows.csv:2: stage3_officer: .bob. handled stage 2 of case .TRI-2026-00007.; policy .three-stages. needs someone else at stage 3"
'

test_done
