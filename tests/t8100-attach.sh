#!/bin/sh
# t8100-attach.sh: the case file's documents (complaints attach, files,
# file): a document kept whole and given back byte for byte, its media
# type read from its bytes, its bytes kept once however many times it is
# attached, the size limit (the default and a policy's own), and the
# listing. Every test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# a_case: a new psps store here, with one case, its reference in $ref.
a_case() {
	fresh_store psps &&
	ref=$(cpl log --complainant "A Resident" --summary "Bins" \
	    --received 2026-11-02)
}

# random_file FILE MIB: MIB MiB of random bytes with a marker line in the
# middle.
random_file() {
	{
		head -c $(($2 * 524288)) /dev/urandom &&
		printf 'MARKER-8100-%s\n' "$1" &&
		head -c $(($2 * 524288)) /dev/urandom
	} >"$1"
}

test_on a_case 'a 20 MiB document is kept and written back out byte for byte' '
	random_file big.bin 20 &&
	cpl attach "$ref" big.bin >n &&
	test "$(cat n)" = 1 &&
	cpl file "$ref" 1 --out back.bin &&
	cmp big.bin back.bin &&
	cpl file "$ref" 1 >piped.bin &&
	cmp big.bin piped.bin &&
	cpl files "$ref" --format json >files.json &&
	json_is files.json ".[0].name=big.bin" ".[0].size=$(wc -c <big.bin)" \
	    ".[0].sha256=$(sha256sum big.bin | cut -d" " -f1)" \
	    ".[0].kind=attachment" ".[0].officer=tester"
'

test_on a_case 'a 30 MiB document is refused, naming its size and the limit, and nothing is stored' '
	random_file huge.bin 30 && size=$(wc -c <huge.bin) &&
	refused 1 "'\''huge.bin'\'' is 30.0 MiB ($size bytes): a case file keeps documents of at most 25 MiB\$" \
	    cpl attach "$ref" huge.bin &&
	refused 1 "more than the limit: a case file keeps documents of at most 25 MiB" \
	    cpl attach "$ref" - --name huge.bin <huge.bin
'

test_on a_case 'the same document attached twice, to two cases, is kept once' '
	random_file same.bin 1 &&
	other=$(cpl log --complainant "B Resident" --summary "Bins" \
	    --received 2026-11-02) &&
	cpl attach "$ref" same.bin >/dev/null &&
	cpl attach "$ref" same.bin --name again.bin >/dev/null &&
	cpl attach "$other" - --name copy.bin <same.bin >/dev/null &&
	dump_db >dump &&
	test "$(grep -c "^attachment_content " dump)" = 1 &&
	test "$(grep -c "^attachments " dump)" = 3 &&
	cpl file "$other" 1 | cmp same.bin - &&
	cpl file "$ref" 2 | cmp same.bin -
'

test_on a_case 'a PDF, a PNG and an email are told by their bytes, whatever their names' '
	printf "%%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%%%EOF\n" \
	    >scan.dat &&
	printf "\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211" \
	    >photo.pdf &&
	printf "Return-Path: <a@example.org>\nReceived: from mx\nFrom: a@example.org\nTo: complaints@example.gov.uk\nSubject: Bins\n\nNot collected.\n" \
	    >complaint.eml &&
	cpl attach "$ref" scan.dat >/dev/null &&
	cpl attach "$ref" photo.pdf >/dev/null &&
	cpl attach "$ref" complaint.eml >/dev/null &&
	cpl files "$ref" --format csv >files.csv &&
	cut -d, -f1,4,5 files.csv >got &&
	cat >want <<-\EOF &&
	n,name,media_type
	1,scan.dat,application/pdf
	2,photo.pdf,image/png
	3,complaint.eml,message/rfc822
	EOF
	test_cmp want got
'

# own_limit MIB: a store under a copy of psps whose case file keeps
# documents of at most MIB MiB, and a case, $ref, logged under it: the
# limit is then the case's (its policy as it was logged), wherever the
# policies are.
own_limit() {
	test_dir && cp -R "$SRCDIR/policies" pol &&
	printf "attachments:\n  max_mib: %s\n  source: \"Test council: documents of at most %s MiB\"\n" \
	    "$1" "$1" >>pol/psps.yaml &&
	cpl --policies pol init --policy psps &&
	ref=$(cpl --policies pol log --complainant "A Resident" \
	    --summary "Bins" --received 2026-11-02)
}

test_on 'own_limit 1' 'a policy of 1 MiB refuses a 2 MiB document, citing itself, and keeps a smaller one' '
	random_file two.bin 2 &&
	refused 1 "at most 1 MiB (Test council: documents of at most 1 MiB)" \
	    cpl attach "$ref" two.bin &&
	head -c 1000000 two.bin >small.bin &&
	cpl attach "$ref" small.bin >/dev/null &&
	cpl file "$ref" 1 | cmp small.bin -
'

test_expect_success 'a policy limit that is not a number of MiB is refused with its line and column' '
	test_dir && cp -R "$SRCDIR/policies" pol &&
	printf "attachments:\n  max_mib: 0\n" >>pol/psps.yaml &&
	line=$(line_of "  max_mib" pol/psps.yaml) &&
	test_must_fail 4 cpl policy check pol/psps.yaml >out 2>err &&
	one_line_error err "^complaints: pol/psps.yaml:$line:12: max_mib" &&
	mkdir pol2 && cp "$SRCDIR/policies/psps.yaml" pol2/ &&
	printf "attachments:\n  most: 3\n" >>pol2/psps.yaml &&
	test_must_fail 4 cpl policy check pol2/psps.yaml 2>err &&
	one_line_error err "pol2/psps.yaml:[0-9]*:[0-9]*: .*most"
'

test_on a_case 'files lists documents and notes by date, numbered in the order recorded' '
	printf "first" >a.txt && printf "second" >b.txt &&
	cpl attach "$ref" a.txt --note "Their letter" --date 2026-11-10 \
	    >/dev/null &&
	cpl note "$ref" "Phoned them" --date 2026-11-05 &&
	cpl attach "$ref" b.txt --date 2026-11-03 >/dev/null &&
	cpl files "$ref" --format csv >files.csv &&
	cut -d, -f1-4,6,9 files.csv >got &&
	cat >want <<-\EOF &&
	n,date,kind,name,size,note
	3,2026-11-03,attachment,b.txt,6,
	2,2026-11-05,note,Phoned them,11,
	1,2026-11-10,attachment,a.txt,5,Their letter
	EOF
	test_cmp want got &&
	cpl file "$ref" 2 >note.txt && printf "Phoned them" >want.txt &&
	cmp want.txt note.txt &&
	cpl files "$ref" >table && test "$(wc -l <table)" = 4 &&
	test "$(awk "{ if (length > 80) print }" table)" = ""
'

test_on a_case 'an entry, a case or a number that is not there is refused, naming it' '
	printf "x" >x.txt && cpl attach "$ref" x.txt >/dev/null &&
	fails 1 cpl file "$ref" 2 &&
	one_line_error err "^complaints: the case file of '\''$ref'\'' has no entry 2 (it has 1)\$" &&
	test ! -s out &&
	fails 1 cpl file PSPS-2026-09999 1 && one_line_error err "no case" &&
	fails 2 cpl file "$ref" two && one_line_error err "N" &&
	fails 2 cpl file "$ref" 0 &&
	fails 1 cpl files PSPS-2026-09999 && one_line_error err "no case" &&
	refused 1 "no case" cpl attach PSPS-2026-09999 x.txt
'

test_on a_case 'what is not a document is refused, naming it, with nothing stored' '
	mkdir dir &&
	refused 2 "'\''dir'\'' is a directory" cpl attach "$ref" dir &&
	refused 2 "'\''/dev/null'\'' is not a regular file" \
	    cpl attach "$ref" /dev/null &&
	refused 2 "can'\''t read '\''nowhere.pdf'\''" \
	    cpl attach "$ref" nowhere.pdf &&
	refused 2 "^complaints: --name: a document read from standard input needs a name" \
	    cpl attach "$ref" - </dev/null &&
	printf "x" >x.txt &&
	refused 2 "^complaints: --name: " cpl attach "$ref" x.txt --name " " &&
	refused 2 "^complaints: --date: " \
	    cpl attach "$ref" x.txt --date 2026-12-01 &&
	refused 1 "^complaints: --date: .* before the day the case was received" \
	    cpl attach "$ref" x.txt --date 2026-10-01
'

test_on a_case 'a named pipe is read to its end' '
	mkfifo pipe &&
	{ printf "through a pipe" >pipe 2>/dev/null & } &&
	cpl attach "$ref" pipe >/dev/null
	rc=$?
	# A command that never opened the pipe leaves the writer waiting:
	# read it here instead.
	[ $rc = 0 ] || cat pipe >/dev/null
	wait &&
	test $rc = 0 &&
	cpl file "$ref" 1 >got && printf "through a pipe" >want &&
	cmp want got
'

test_on a_case '--out is written whole, owner-only, replacing a link rather than following it' '
	printf "the letter" >l.txt && cpl attach "$ref" l.txt >/dev/null &&
	echo "keep me" >target && ln -s target link &&
	cpl file "$ref" 1 --out link &&
	test ! -L link && cmp l.txt link &&
	echo "keep me" >want && test_cmp want target &&
	test "$(stat -c %a link)" = 600 &&
	fails 2 cpl file "$ref" 1 --out nodir/x &&
	one_line_error err "can'\''t write '\''nodir/x'\''" &&
	test ! -e nodir
'

test_on a_case 'on a terminal, file refuses to write a document without --out' '
	if ! command -v script >/dev/null 2>&1; then
		test_skip "script(1) is not installed (bsdutils)"
		return 0
	fi
	printf "x" >x.txt && cpl attach "$ref" x.txt >/dev/null &&
	script -qec "\"$COMPLAINTS\" file $ref 1; echo status=\$?" /dev/null \
	    >typescript 2>&1 &&
	grep -q "standard output is a terminal" typescript &&
	grep -q "status=2" typescript
'

test_expect_success 'where reading is audited, who opened which document is in the history' '
	test_dir && cpl init --policy psps --audit-reads on &&
	ref=$(cpl log --complainant "A Resident" --summary "Bins" \
	    --received 2026-11-02) &&
	printf "x" >x.txt && cpl attach "$ref" x.txt --name letter.txt \
	    >/dev/null &&
	cpl --officer erin file "$ref" 1 >/dev/null &&
	cpl --officer fred files "$ref" >/dev/null &&
	cpl history "$ref" --format csv >h.csv &&
	grep -q ",erin,.*,opened,attachment 1: letter.txt" h.csv &&
	grep -q ",fred,.*,viewed," h.csv &&
	grep -q ",tester,.*,attached,letter.txt" h.csv
'

test_done
