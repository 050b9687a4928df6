#!/bin/sh
# t8110-attach-purge-show.sh: the case file's documents in show and
# history, and taken with the personal data by the retention purge: no
# byte of a purged case's document is left in the store's files, while a
# kept case's copy of the same document stays whole. Every test makes
# its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# at DAY CMD...: the command run as on DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

# lacks FILE TEXT: no byte of FILE spells TEXT.
lacks() {
	test_must_fail 1 env LC_ALL=C grep -q "$2" "$1" ||
	{ echo "# \"$2\" in $1" >&2; false; }
}

# purged_with_documents: a store holding a case of 2019 with two
# documents (one of them kept by a recent case too), closed in 2019 and
# purged; its reference in $old, the recent case's in $new.
purged_with_documents() {
	fresh_store south-staffordshire &&
	old=$(at 2019-06-30 log --complainant "Jon Private" \
	    --summary "Bins" --received 2019-03-04) &&
	{
		head -c 3000000 /dev/urandom &&
		echo "MARKER-8110-only-in-the-old-case" &&
		head -c 3000000 /dev/urandom
	} >only.bin &&
	echo "MARKER-8110-kept-by-both" >both.txt &&
	at 2019-06-30 attach "$old" only.bin --date 2019-03-05 >/dev/null &&
	at 2019-06-30 attach "$old" both.txt --note "Private note" \
	    --date 2019-03-05 >/dev/null &&
	at 2019-06-30 close "$old" --reason resolved --date 2019-03-12 &&
	new=$(cpl log --complainant "Recent Person" --summary "Fresh" \
	    --received 2026-09-01) &&
	cpl attach "$new" both.txt >/dev/null &&
	cpl purge --yes --closed-before 2020-10-30 >/dev/null
}

sqlite_only "the store's files themselves are searched" \
    'purge leaves no byte of a purged case'\''s documents in the file (or its log)' '
	purged_with_documents &&
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		lacks $f "MARKER-8110-only-in-the-old-case" &&
		lacks $f "only.bin" && lacks $f "Private note" || return 1
	done &&
	# and the kept case'\''s copy is found, so the search could find one
	LC_ALL=C grep -c "MARKER-8110-kept-by-both" complaints.db >/dev/null
'

test_on purged_with_documents 'a purged case'\''s file is empty; a kept case keeps its copy of a shared document' '
	cpl files "$old" --format csv >old.csv &&
	test "$(wc -l <old.csv)" = 1 &&
	cpl file "$new" 1 >got && cmp both.txt got &&
	dump_db >dump &&
	test "$(grep -c "^attachment_content " dump)" = 1 &&
	test "$(grep -c "^attachments " dump)" = 1 &&
	refused 1 "was purged" cpl attach "$old" both.txt
'

test_on 'fresh_store psps' 'show lists the case file'\''s documents, and history each attachment' '
	ref=$(cpl log --complainant "A Resident" --summary "Bins" \
	    --received 2026-11-02) &&
	printf "Dear council" >letter.txt &&
	cpl attach "$ref" letter.txt --note "By post" --date 2026-11-03 \
	    >/dev/null &&
	cpl note "$ref" "Phoned them" --date 2026-11-04 &&
	case_is "$ref" ".files[0].n=1" ".files[0].name=letter.txt" \
	    ".files[0].media_type=text/plain" ".files[0].size=12" \
	    ".files[0].note=By post" ".files[0].date=2026-11-03" \
	    ".files[1].kind=note" ".files[1].name=Phoned them" \
	    "actions=logged attached note" ".history[1].detail=letter.txt" &&
	cpl show "$ref" >show.txt &&
	grep -q "^  1  2026-11-03  attachment  letter.txt (text/plain, 12 bytes): By post\$" show.txt &&
	cpl history "$ref" --format csv >h.csv &&
	grep -q "^2026-11-03,.*,tester,1,attached,letter.txt\$" h.csv
'

test_on 'fresh_store psps' 'a case with nothing in its file shows an empty list' '
	ref=$(cpl log --complainant "A Resident" --summary "Bins" \
	    --received 2026-11-02) &&
	case_is "$ref" ".files=[]" &&
	cpl files "$ref" >table && test ! -s table
'

test_done
