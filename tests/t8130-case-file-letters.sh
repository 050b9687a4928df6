#!/bin/sh
# t8130-case-file-letters.sh: a letter sent (complaints letter --sent) is
# an entry of the case file beside the documents and the notes: files
# lists it, by its day, and file writes back out the text that was sent,
# byte for byte (seed 000 §6: "a full record ... including the original
# complaint and all related correspondence"). Every test makes its own
# store in a directory of its own.
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-11-20

# acknowledged: a store under south-staffordshire with one complaint of
# Ann Lee's, received Mon 2026-11-16, acknowledged by a letter sent by
# email on Tue 2026-11-17 (its text in sent.txt), a note and a document
# added on the day; its reference in $ref.
acknowledged() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant "Ann Lee" --summary "Bins" \
	    --received 2026-11-16) &&
	cpl letter "$ref" acknowledgement --sent --via email \
	    --date 2026-11-17 >sent.txt &&
	cpl note "$ref" "Rang her back" &&
	echo "her email" >email.txt &&
	cpl attach "$ref" email.txt >/dev/null
}

test_on acknowledged 'files lists the letter sent, by its day, beside the note and the document' '
	cpl files "$ref" --format json |
	    jq -r ".[] | [.n, .date, .kind, .name, .media_type, .size,
		.officer] | join(\"|\")" >got &&
	cat >want <<-\EOF &&
	1|2026-11-17|letter|acknowledgement, stage 1, by email|text/plain|SIZE|tester
	2|2026-11-20|note|Rang her back|text/plain|13|tester
	3|2026-11-20|attachment|email.txt|text/plain|10|tester
	EOF
	sed "s/SIZE/$(wc -c <sent.txt)/" want >want.sized &&
	test_cmp want.sized got
'

test_on acknowledged 'file writes out the letter as it was sent, byte for byte' '
	cpl file "$ref" 1 >out.txt &&
	cmp sent.txt out.txt &&
	grep -q "Ann Lee" out.txt
'

test_on acknowledged 'show lists the letter among the case file'"'"'s entries' '
	case_is "$ref" ".files[0].kind=letter" ".files[0].date=2026-11-17" \
	    ".files[0].name=acknowledgement, stage 1, by email"
'

test_done
