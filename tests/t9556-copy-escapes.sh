#!/bin/sh
# t9556-copy-escapes.sh: complaints copy --to a server sends each table's
# rows as one COPY stream: text that means something to COPY's text
# format (tabs, newlines, carriage returns, backslashes, \N and a lone
# \. line, quotes, terminal escapes, long text) and a document holding
# every byte value arrive as they were (the two dumps equal, the
# document's bytes the same); a row the server refuses part-way fails
# the copy with one line and leaves the database as it was; the rows go
# as COPY statements, not one INSERT a row.
. "$(dirname "$0")/lib.sh"

needs_server

# nasty: text that COPY's text format would read as something else were
# it not escaped, and a terminal's escapes (tests/t6100's kind).
nasty=$(printf 'Tab\there, CR\r, \\N, \\\\N, back\\slash, \\x41, "q" '"'"'q'"'"'\n\\.\nend \033[31mRED\033[0m \\')

# nasty_store: complaints.db here with a case whose complainant, summary
# and note are $nasty, another's a long text of backslashes, tabs and
# newlines, and a document of every byte value; its reference in $ref.
nasty_store() {
	cpl init --policy south-staffordshire &&
	ref=$(cpl log --complainant "$nasty" --summary "$nasty" \
	    --received 2026-03-02) &&
	cpl note "$ref" "$nasty" --date 2026-03-03 &&
	long=$(i=0; while [ $i -lt 2000 ]; do
		printf 'line %d\t\\N\\.\\\\ tab\t\r\n' $i; i=$((i + 1)); done) &&
	cpl log --complainant "Long Text" --summary "$long" \
	    --received 2026-03-02 >/dev/null &&
	awk "BEGIN { for (i = 0; i < 256; i++) printf \"%c\", i }" \
	    </dev/null >bytes.bin &&
	test "$(wc -c <bytes.bin)" -eq 256 &&
	cpl attach "$ref" bytes.bin --date 2026-03-04 >n-bytes
}

# emptied: the database COMPLAINTS_DB names made a store by init, then
# emptied by hand of what init wrote, so that it is a new store with its
# schema in place (for what psql adds to the schema before a copy).
emptied() {
	cpl init --policy south-staffordshire &&
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "
	    SET client_min_messages = warning;
	    TRUNCATE settings, policy_versions, ref_numbers CASCADE;
	    DELETE FROM words WHERE id > 21" &&
	db=$COMPLAINTS_DB && unset COMPLAINTS_DB
}

test_expect_success 'text COPY would read otherwise, and every byte value, copied as they were' '
	test_dir && nasty_store && server_db && db=$COMPLAINTS_DB &&
	unset COMPLAINTS_DB &&
	cpl copy --to "$db" --format csv >counts &&
	grep "^case_rows,2\$" counts &&
	dump_db >file.dump && dump_db "$db" >server.dump &&
	test_cmp file.dump server.dump &&
	cpl show "$ref" --format json >file.json &&
	cpl --db "$db" show "$ref" --format json >server.json &&
	test_cmp file.json server.json &&
	cpl --db "$db" file "$ref" "$(cat n-bytes)" --out got.bin &&
	cmp bytes.bin got.bin &&
	cpl list --search long --format csv >file.found &&
	cpl --db "$db" list --search long --format csv >server.found &&
	grep "^SSC-2026-00002," server.found && test_cmp file.found server.found
'

test_expect_success 'a row the server refuses part-way fails the copy, the database as it was' '
	test_dir && nasty_store &&
	cpl note "$ref" poison --date 2026-03-05 &&
	cpl note "$ref" "after it" --date 2026-03-06 &&
	server_db && emptied &&
	psql "$db" -qAtX -v ON_ERROR_STOP=1 -c "ALTER TABLE event_rows
	    ADD CONSTRAINT t9556_poison
	    CHECK (detail IS DISTINCT FROM '"'"'poison'"'"')" &&
	dump_db "$db" >before.dump &&
	test_must_fail 3 cpl copy --to "$db" >out 2>err &&
	one_line_error err "can.t write the rows" &&
	grep "t9556_poison" err &&
	dump_db "$db" >after.dump &&
	test_cmp before.dump after.dump &&
	psql "$db" -qAtX -c "SELECT (SELECT count(*) FROM case_rows) +
	    (SELECT count(*) FROM event_rows) +
	    (SELECT count(*) FROM case_search)" >n &&
	echo 0 >expect && test_cmp expect n
'

test_expect_success 'the rows go to the server as one COPY a table, not an INSERT a row' '
	test_dir && nasty_store && server_db && emptied &&
	psql "$db" -qAtX -v ON_ERROR_STOP=1 -c "
	    CREATE SCHEMA t9556;
	    CREATE TABLE t9556.seen(q TEXT);
	    CREATE FUNCTION t9556.seen() RETURNS trigger LANGUAGE plpgsql
	    AS \$\$ BEGIN INSERT INTO t9556.seen
	    VALUES (split_part(current_query(), '"'"' '"'"', 1)); RETURN NULL;
	    END \$\$;
	    CREATE TRIGGER t9556_seen AFTER INSERT ON event_rows
	    FOR EACH STATEMENT EXECUTE FUNCTION t9556.seen()" &&
	cpl copy --to "$db" >/dev/null &&
	dump_db >file.dump && dump_db "$db" >server.dump &&
	test_cmp file.dump server.dump &&
	psql "$db" -qAtX -c "SELECT q, count(*) FROM t9556.seen GROUP BY q" \
	    >seen &&
	echo "COPY|1" >expect && test_cmp expect seen
'

test_done
