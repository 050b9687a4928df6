#!/bin/sh
# t9570-postgres-search-accents.sh: a search on a PostgreSQL store folds
# accents as a file's does (FTS5's remove_diacritics): "zoe" finds
# "Zoë", "zoë" finds "Zoe", and the letters FTS5 keeps ("ø", "ł") are
# kept on a server too: the same cases in the same order on both. A
# server store made before (schema version 18) is brought to it when
# opened, its documents made again. A server keeps a document's bytes
# as they are (uncompressed), so that reading one a piece at a time
# reads only that piece. Needs the test server (tests/pg-server.sh, a
# ctest fixture): a skip without one.
. "$(dirname "$0")/lib.sh"

needs_server

# cases: a store of accented and unaccented names and words on the store
# COMPLAINTS_DB names, a note with accents among them.
cases() {
	cpl init --policy psps >/dev/null &&
	cpl log --complainant "Zoë Brontë" --service Parks \
	    --summary "Café by the lake shut early" --received 2026-03-02 &&
	cpl log --complainant "Zoe Bronte" --service Waste \
	    --summary "Bins left at the cafe on the corner of the road" \
	    --received 2026-03-03 &&
	cpl log --complainant "ZOË ÉVANS" --service Roads \
	    --summary "Pothole" --received 2026-03-04 &&
	cpl log --complainant "Søren Łukasz" --service Roads \
	    --summary "Crossing, twice over, as before" --received 2026-03-05 &&
	cpl log --complainant "Soren Lukasz" --service Housing \
	    --summary "Damp in the flat above the shop on the high street" \
	    --received 2026-03-06 &&
	cpl log --complainant "Nguyễn Thị" --service Housing \
	    --summary "Rent" --received 2026-03-07 &&
	cpl log --complainant "$(printf 'Noe\314\210l')" --service Parks \
	    --summary "Swing" --received 2026-03-08 &&
	cpl note PSPS-2026-00006 "Rang about the façade"
} >/dev/null

# searches NAME: what each search finds, in NAME.N, the best first; in
# NAME.refs the references each found, a line a search.
searches() {
	n=0 && : >"$1.refs" &&
	for q in zoe zoë ZOË "zoe bronte" "zoë brontë" "zo*" "zoë*" "BRONTË*" \
	    café cafe evans évans soren søren lukasz łukasz nguyen NGUYỄN \
	    facade façade noel noël "$(printf 'noe\314\210l')"; do
		n=$((n + 1)) &&
		cpl list --search "$q" --format csv >"$1.$n" &&
		{ sed 1d "$1.$n" | cut -d, -f1 | tr "\n" " " && echo; } \
		    >>"$1.refs" || return 1
	done
}

test_expect_success 'accented and unaccented searches find the same cases on a server as in a file' '
	new_db &&
	cases && searches server &&
	COMPLAINTS_DB=$PWD/file.db && cases && searches file &&
	for n in $(seq 1 23); do test_cmp file.$n server.$n || return 1; done &&
	cat >expect <<-\EOF &&
	PSPS-2026-00003 PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00003 PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00003 PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00003 PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00003 PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00001 PSPS-2026-00002 
	PSPS-2026-00003 
	PSPS-2026-00003 
	PSPS-2026-00005 
	PSPS-2026-00004 
	PSPS-2026-00005 
	PSPS-2026-00004 
	PSPS-2026-00006 
	PSPS-2026-00006 
	PSPS-2026-00006 
	PSPS-2026-00006 
	PSPS-2026-00007 
	PSPS-2026-00007 
	PSPS-2026-00007 
	EOF
	test_cmp expect server.refs
'

# v18: the server store COMPLAINTS_DB names made back into one of schema
# version 18, as the complaints before the fold made it: the fold gone,
# each document of words made again with its accents, and a document's
# bytes stored the server's default way (compressed where they can be).
v18() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 <<-\EOF
	CREATE OR REPLACE FUNCTION case_search_doc(complainant TEXT,
	  category TEXT, summary TEXT, notes TEXT) RETURNS tsvector
	  LANGUAGE sql IMMUTABLE PARALLEL SAFE
	  AS $$ SELECT to_tsvector('simple'::regconfig,
	   concat_ws(' ', complainant, category, summary, notes)) $$;
	DROP FUNCTION case_search_fold(TEXT);
	UPDATE case_search s SET doc = case_search_doc(t.complainant,
	  t.category, t.summary, t.notes)
	 FROM case_search_text t WHERE t.id = s.case_id;
	ALTER TABLE attachment_content ALTER COLUMN data SET STORAGE EXTENDED;
	UPDATE attachment_content SET data = data || ''::bytea;
	UPDATE schema_version SET version = 18;
	EOF
}

# q SQL: the one value SQL reads from the store's database.
q() {
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

test_expect_success 'a server store of the version before is upgraded when opened, and then finds the accented cases' '
	new_db && db=$COMPLAINTS_DB &&
	cases &&
	awk "BEGIN { for (i = 0; i < 20000; i++) printf \"%05d line of text\\n\", i }" >text.txt &&
	cpl attach PSPS-2026-00001 text.txt --date 2026-03-09 >/dev/null &&
	v18 &&
	# as the version before left it: "zoe" is not the word of "Zoë",
	# and the document is compressed
	test "$(q "SELECT count(*) FROM case_search
	    WHERE doc @@ to_tsquery('\''simple'\'', '\''zoe'\'')")" = 1 &&
	test -n "$(q "SELECT pg_column_compression(data) FROM attachment_content")" &&
	searches server &&
	test "$(q "SELECT version FROM schema_version")" -ge 19 &&
	COMPLAINTS_DB=$PWD/file.db && cases && searches file &&
	test_cmp file.refs server.refs &&
	COMPLAINTS_DB=$db &&
	# the document written again as it is, and read back whole
	test "$(q "SELECT attstorage FROM pg_attribute
	    WHERE attrelid = '\''attachment_content'\''::regclass
	    AND attname = '\''data'\''")" = e &&
	test -z "$(q "SELECT pg_column_compression(data) FROM attachment_content")" &&
	cpl file PSPS-2026-00001 1 --out got.txt &&
	cmp text.txt got.txt
'

test_expect_success 'a new server store keeps documents as they are, read back whole' '
	new_db &&
	cpl init --policy psps >/dev/null &&
	test "$(q "SELECT attstorage FROM pg_attribute
	    WHERE attrelid = '\''attachment_content'\''::regclass
	    AND attname = '\''data'\''")" = e &&
	cpl log --complainant A --received 2026-03-02 >/dev/null &&
	awk "BEGIN { for (i = 0; i < 150000; i++) printf \"%06d line of text\\n\", i }" >big.txt &&
	test "$(wc -c <big.txt)" -gt 2097152 &&
	cpl attach PSPS-2026-00001 big.txt --date 2026-03-03 >/dev/null &&
	test -z "$(q "SELECT pg_column_compression(data) FROM attachment_content")" &&
	test "$(q "SELECT pg_column_size(data) >= octet_length(data)
	    FROM attachment_content")" = t &&
	cpl file PSPS-2026-00001 1 --out got.txt &&
	cmp big.txt got.txt &&
	mkdir out && cpl export --include-history --attachments out >/dev/null &&
	cmp big.txt out/*
'

test_done
