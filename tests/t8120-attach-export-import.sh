#!/bin/sh
# t8120-attach-export-import.sh: the case file's documents through export
# and import: the history describes them, never with their bytes, which
# export --attachments writes as files named by their SHA-256, and import
# --attachments reads back, refusing a document missing or changed. Every
# test makes its own store in a directory of its own.
. "$(dirname "$0")/lib.sh"

# with_documents: a psps store here with a case ($ref) whose file holds a
# 3 MiB document, a note and a small email, one of them dated before the
# other, and an empty directory docs/.
with_documents() {
	fresh_store psps &&
	ref=$(cpl log --complainant "A Resident" --summary "Bins" \
	    --received 2026-11-02) &&
	{
		head -c 3145728 /dev/urandom && echo "MARKER-8120"
	} >scan.pdf &&
	printf "From: a@example.org\nSubject: Bins\n\nStill not collected.\n" \
	    >reply.eml &&
	cpl attach "$ref" scan.pdf --note "Their letter" --date 2026-11-05 \
	    >/dev/null &&
	cpl note "$ref" "Phoned them" --date 2026-11-04 &&
	cpl attach "$ref" reply.eml --date 2026-11-03 >/dev/null &&
	mkdir docs
}

# into_new_store FILE ARGS...: import FILE into a new store, new.db.
into_new_store() {
	f_=$1
	shift
	cpl --db new.db init --policy psps >/dev/null &&
	cpl --db new.db import "$@" "$f_"
}

test_on with_documents 'export describes each document, never its bytes, and writes them into the directory' '
	cpl export --include-history --format jsonl --attachments docs \
	    >cases.jsonl &&
	test "$(wc -c <cases.jsonl)" -lt 10000 &&
	jq -c "[.history[] | select(.action == \"attached\")
	    | [.name, .media_type, .size, .note, .date]]" cases.jsonl >got &&
	echo "[[\"scan.pdf\",\"application/octet-stream\",3145740,\"Their letter\",\"2026-11-05\"],[\"reply.eml\",\"message/rfc822\",$(wc -c <reply.eml),null,\"2026-11-03\"]]" \
	    >want &&
	test_cmp want got &&
	ls docs >names &&
	sha256sum scan.pdf reply.eml | cut -d" " -f1 | sort >want.names &&
	test_cmp want.names names &&
	cmp scan.pdf "docs/$(sha256sum scan.pdf | cut -d" " -f1)" &&
	test "$(stat -c %a "docs/$(sha256sum scan.pdf | cut -d" " -f1)")" = 600
'

test_on with_documents 'the round trip into a new store gives the same listing and the same bytes' '
	cpl export --include-history --format jsonl --attachments docs \
	    >cases.jsonl &&
	into_new_store cases.jsonl --format jsonl --attachments docs \
	    >out &&
	grep -q "^imported 1," out &&
	cpl files "$ref" --format csv | cut -d, -f1-9 >want &&
	cpl --db new.db files "$ref" --format csv | cut -d, -f1-9 >got &&
	test_cmp want got &&
	for n in 1 2 3; do
		cpl file "$ref" $n >a.$n && cpl --db new.db file "$ref" $n >b.$n &&
		cmp a.$n b.$n || return 1
	done &&
	cmp scan.pdf b.1 &&
	cpl --db new.db import --format jsonl --attachments docs cases.jsonl \
	    >again && grep -q "^imported 0, skipped 1 as duplicates" again
'

test_on with_documents 'the CSV export round trip carries the documents too' '
	cpl export --include-history --attachments docs >cases.csv &&
	into_new_store cases.csv --attachments docs >/dev/null &&
	cpl --db new.db file "$ref" 1 | cmp scan.pdf -
'

test_on with_documents 'a document changed in the directory is refused as a bad row, naming its line, and nothing is imported' '
	cpl export --include-history --format jsonl --attachments docs \
	    >cases.jsonl &&
	sum=$(sha256sum reply.eml | cut -d" " -f1) &&
	printf "Tampered" >"docs/$sum" &&
	cpl --db new.db init --policy psps >/dev/null &&
	dump_db new.db >before &&
	test_must_fail 2 cpl --db new.db import --format jsonl \
	    --attachments docs cases.jsonl >out 2>err &&
	grep -q "^cases.jsonl:1: history: event .*'\''docs/$sum'\'' is not the document '\''reply.eml'\''" err &&
	dump_db new.db >after && test_cmp before after
'

test_on with_documents 'a document missing from the directory, or no directory given, is a bad row' '
	cpl export --include-history --format jsonl --attachments docs \
	    >cases.jsonl &&
	rm "docs/$(sha256sum scan.pdf | cut -d" " -f1)" &&
	cpl --db new.db init --policy psps >/dev/null &&
	test_must_fail 2 cpl --db new.db import --format jsonl \
	    --attachments docs cases.jsonl 2>err &&
	grep -q "^cases.jsonl:1: .*can'\''t read" err &&
	test_must_fail 2 cpl --db new.db import --format jsonl cases.jsonl \
	    2>err &&
	grep -q "^cases.jsonl:1: history: event [0-9]*: the document '\''scan.pdf'\'' is not in this file" err &&
	test "$(cpl --db new.db list --format csv | wc -l)" = 1
'

test_on with_documents 'export refuses --attachments without the history, or where there is no directory' '
	fails 2 cpl export --attachments docs &&
	one_line_error err "needs --include-history" &&
	fails 2 cpl export --include-history --attachments nowhere &&
	one_line_error err "^complaints: --attachments: '\''nowhere'\'' is not a directory" &&
	test -z "$(ls docs)"
'

test_done
