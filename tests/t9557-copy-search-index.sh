#!/bin/sh
# t9557-copy-search-index.sh: complaints copy --to a server makes the
# server's search index once, after the rows, in one statement, not a
# case at a time as the rows come: the documents the same, word for word
# and position for position, as those a server store built by the same
# commands has, and the same cases found by the same searches. The
# search triggers hold back for the copy's write alone: a case written
# after it is indexed as it is written. A server store of the version
# before (19) is brought to it when opened, or when a copy goes into it.
# The foreign keys and plain indexes of the tables the copy's role owns
# are dropped for the copy's write and made again after the rows, the
# same as they were; a role that owns none copies with them in place.
# Needs the test server (tests/pg-server.sh, a ctest fixture): a skip
# without one.
. "$(dirname "$0")/lib.sh"

needs_server

# cases: on the store COMPLAINTS_DB names, cases whose words come from
# every text the index reads: names with accents and without, a summary
# amended, a complainant amended, several notes on one case (joined in
# the order recorded), a note with accents.
cases() {
	cpl init --policy psps &&
	cpl log --complainant "Zoë Brontë" --service Parks \
	    --summary "Café by the lake shut early" --received 2026-03-02 &&
	cpl log --complainant "Søren Łukasz" --service Roads \
	    --summary "Crossing, twice over" --received 2026-03-03 &&
	cpl log --complainant "Ann Plain" --service Waste \
	    --summary "Bins left out" --received 2026-03-04 &&
	cpl log --complainant "Nguyễn Thị" --service Housing \
	    --summary "Rent" --received 2026-03-05 &&
	cpl note PSPS-2026-00001 "Rang about the façade" --date 2026-03-06 &&
	cpl note PSPS-2026-00001 "Wrote to the parks team" --date 2026-03-07 &&
	cpl note PSPS-2026-00003 "Depot says Tuesday" --date 2026-03-07 &&
	cpl amend PSPS-2026-00002 --complainant "Søren Lukasz-Berg" \
	    --reason "Name as signed" &&
	cpl amend PSPS-2026-00003 --summary "Bins left out twice, lids gone" \
	    --reason "Fuller account"
} >/dev/null

# index DB: the server store DB's search index, a line a case: its
# reference and its document as text (every word and its positions).
index() {
	psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "SELECT c.ref, s.doc::text
	    FROM case_search s JOIN case_rows c ON c.id = s.case_id
	    ORDER BY c.ref"
}

# searches DB NAME: what each search finds on the store DB, in NAME.N;
# in NAME.refs the references each found, a line a search.
searches() {
	n=0 && : >"$2.refs" &&
	for q in zoe café cafe søren "lukasz*" berg façade "wrote parks" \
	    tuesday lids "bins twice" nguyen rent "crossing*" plain; do
		n=$((n + 1)) &&
		cpl --db "$1" list --search "$q" --format csv >"$2.$n" &&
		{ sed 1d "$2.$n" | cut -d, -f1 | tr "\n" " " && echo; } \
		    >>"$2.refs" || return 1
	done
}

# copied: the file complaints.db here made by cases, and copied to a new
# database of the server, whose connection string is then $copy.
copied() {
	(unset COMPLAINTS_DB && cases) &&
	server_db && copy=$COMPLAINTS_DB && unset COMPLAINTS_DB &&
	cpl copy --to "$copy" >/dev/null
}

# emptied: the server store COMPLAINTS_DB names, made by init, then
# emptied by hand of what init wrote: a new store with its schema in
# place, for what psql adds to it before a copy; its connection string
# then in $copy.
emptied() {
	cpl init --policy psps >/dev/null &&
	psql "$COMPLAINTS_DB" -qAtX -v ON_ERROR_STOP=1 -c "
	    SET client_min_messages = warning;
	    TRUNCATE settings, policy_versions, ref_numbers CASCADE;
	    DELETE FROM words WHERE id > 21" &&
	copy=$COMPLAINTS_DB && unset COMPLAINTS_DB
}

# v19: the server store DB made back into one of schema version 19, as
# the complaints before made it: the search triggers fire whatever the
# transaction's settings, and the fold is strict (its text aside, whose
# shortcut for plain ASCII changes no word).
v19() {
	psql "$1" -qAtX -v ON_ERROR_STOP=1 <<-\EOF
	DROP TRIGGER case_search_logged ON case_rows;
	DROP TRIGGER case_search_changed ON case_rows;
	DROP TRIGGER case_search_noted ON event_rows;
	DROP TRIGGER case_search_note_changed ON event_rows;
	CREATE TRIGGER case_search_logged AFTER INSERT ON case_rows
	  FOR EACH ROW EXECUTE FUNCTION case_search_logged();
	CREATE TRIGGER case_search_changed
	  AFTER UPDATE OF complainant, category, summary ON case_rows
	  FOR EACH ROW EXECUTE FUNCTION case_search_changed();
	CREATE TRIGGER case_search_noted AFTER INSERT ON event_rows
	  FOR EACH ROW WHEN (NEW.action = 21)
	  EXECUTE FUNCTION case_search_noted();
	CREATE TRIGGER case_search_note_changed
	  AFTER UPDATE OF detail ON event_rows
	  FOR EACH ROW WHEN (OLD.action = 21)
	  EXECUTE FUNCTION case_search_note_changed();
	ALTER FUNCTION case_search_fold(TEXT) STRICT;
	UPDATE schema_version SET version = 19;
	EOF
}

# q DB SQL: the one value SQL reads from the server store DB.
q() {
	psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"
}

# seen DB: a statement trigger on the search index of the server store
# DB that notes the first word of the statement each write of it comes
# from (the client's statement, not a trigger's own), in t9557.seen:
# an upsert fires it once.
seen() {
	psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "
	    CREATE SCHEMA t9557;
	    CREATE TABLE t9557.seen(q TEXT);
	    CREATE FUNCTION t9557.seen() RETURNS trigger LANGUAGE plpgsql
	    AS \$\$ BEGIN INSERT INTO t9557.seen
	    VALUES (split_part(current_query(), ' ', 1)); RETURN NULL;
	    END \$\$;
	    CREATE TRIGGER t9557_seen AFTER INSERT ON case_search
	    FOR EACH STATEMENT EXECUTE FUNCTION t9557.seen()"
}

test_expect_success 'a store copied to a server has the search index the same commands make there' '
	new_db && built=$COMPLAINTS_DB && cases && unset COMPLAINTS_DB &&
	copied &&
	index "$built" >built.index && index "$copy" >copy.index &&
	test "$(wc -l <copy.index)" = 4 &&
	grep "^PSPS-2026-00001|.*'\''facade'\'':[0-9]" copy.index &&
	grep "^PSPS-2026-00002|.*'\''berg'\'':[0-9]" copy.index &&
	grep "^PSPS-2026-00003|.*'\''lids'\'':[0-9]" copy.index &&
	test_cmp built.index copy.index &&
	searches "$built" built && searches "$copy" copy &&
	for n in $(seq 1 15); do test_cmp built.$n copy.$n || return 1; done &&
	test "$(grep -c PSPS built.refs)" = 15
'

test_expect_success 'the copy writes the search index in one statement after the rows, not a case at a time' '
	test_dir && (unset COMPLAINTS_DB && cases) &&
	server_db && emptied && seen "$copy" &&
	cpl copy --to "$copy" >/dev/null &&
	q "$copy" "SELECT q, count(*) FROM t9557.seen GROUP BY q" >seen &&
	echo "INSERT|1" >expect && test_cmp expect seen &&
	test "$(q "$copy" "SELECT count(*) FROM case_search")" = 4
'

test_expect_success 'after the copy, a case written on the server is indexed as it is written' '
	test_dir && copied &&
	cpl --db "$copy" log --complainant "Quentin Newman" --summary "Bench" \
	    --received 2026-03-08 >ref &&
	cpl --db "$copy" note PSPS-2026-00004 "Kestrel nesting" \
	    --date 2026-03-09 &&
	cpl --db "$copy" amend PSPS-2026-00003 --summary "Mural" \
	    --reason "Other case" &&
	cpl --db "$copy" list --search quentin --format csv >found &&
	grep "^$(cat ref)," found &&
	cpl --db "$copy" list --search kestrel --format csv >found &&
	grep "^PSPS-2026-00004," found &&
	cpl --db "$copy" list --search mural --format csv >found &&
	grep "^PSPS-2026-00003," found &&
	cpl --db "$copy" list --search lids --format csv >found &&
	test "$(wc -l <found)" = 1
'

test_expect_success 'a server store of version 19 is upgraded when opened, its search kept' '
	new_db && db=$COMPLAINTS_DB && cases && v19 "$db" &&
	test "$(q "$db" "SELECT version FROM schema_version")" = 19 &&
	index "$db" >before.index &&
	cpl list --search zoe --format csv >found &&
	grep "^PSPS-2026-00001," found &&
	test "$(q "$db" "SELECT version FROM schema_version")" = 20 &&
	q "$db" "SELECT count(*) FROM pg_trigger
	    WHERE tgname LIKE '\''case_search%'\''
	    AND pg_get_triggerdef(oid) LIKE '\''%complaints.search_later%'\''" >n &&
	echo 4 >expect && test_cmp expect n &&
	index "$db" >after.index && test_cmp before.index after.index &&
	cpl log --complainant "Quentin Newman" --summary Bench \
	    --received 2026-03-08 >ref &&
	cpl list --search quentin --format csv >found &&
	grep "^$(cat ref)," found
'

test_expect_success 'a copy into a server store of version 19 upgrades it in its write, the index made once' '
	new_db && built=$COMPLAINTS_DB && cases && unset COMPLAINTS_DB &&
	(unset COMPLAINTS_DB && cases) &&
	server_db && emptied && v19 "$copy" && seen "$copy" &&
	cpl copy --to "$copy" >/dev/null &&
	test "$(q "$copy" "SELECT version FROM schema_version")" = 20 &&
	q "$copy" "SELECT q, count(*) FROM t9557.seen GROUP BY q" >seen &&
	echo "INSERT|1" >expect && test_cmp expect seen &&
	index "$built" >built.index && index "$copy" >copy.index &&
	test_cmp built.index copy.index
'

# schema DB: the foreign keys and indexes of the server store DB's
# tables, as the server defines them, a line each.
schema() {
	q "$1" "SELECT t.relname || ' ' || c.conname || ' ' ||
	    pg_get_constraintdef(c.oid) FROM pg_constraint c
	    JOIN pg_class t ON t.oid = c.conrelid
	    WHERE t.relnamespace = 'public'::regnamespace
	    ORDER BY 1" &&
	q "$1" "SELECT indexdef FROM pg_indexes
	    WHERE schemaname = 'public' ORDER BY indexname"
}

# ddl DB: an event trigger on the server store DB that notes each
# command that changes its schema (CREATE INDEX, ALTER TABLE, ...), in
# t9557.ddl.
ddl() {
	psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "
	    CREATE SCHEMA IF NOT EXISTS t9557;
	    CREATE TABLE t9557.ddl(tag TEXT);
	    CREATE FUNCTION t9557.ddl() RETURNS event_trigger
	    LANGUAGE plpgsql SECURITY DEFINER
	    AS \$\$ BEGIN INSERT INTO t9557.ddl VALUES (tg_tag);
	    END \$\$;
	    CREATE EVENT TRIGGER t9557_ddl ON ddl_command_end
	    EXECUTE FUNCTION t9557.ddl()"
}

test_expect_success 'the copy makes the foreign keys and indexes again after the rows, as they were' '
	test_dir && (unset COMPLAINTS_DB && cases) &&
	server_db && emptied && schema "$copy" >before.schema &&
	grep "FOREIGN KEY" before.schema >/dev/null &&
	ddl "$copy" &&
	cpl copy --to "$copy" >/dev/null &&
	psql "$copy" -qAtX -c "DROP EVENT TRIGGER t9557_ddl" &&
	schema "$copy" >after.schema &&
	test_cmp before.schema after.schema &&
	q "$copy" "SELECT tag, count(*) FROM t9557.ddl
	    WHERE tag IN ('\''ALTER TABLE'\'', '\''CREATE INDEX'\'')
	    GROUP BY tag ORDER BY tag" >tags &&
	grep "^ALTER TABLE|" tags && grep "^CREATE INDEX|" tags &&
	dump_db >file.dump && dump_db "$copy" >server.dump &&
	test_cmp file.dump server.dump
'

test_expect_success 'a role that owns none of the tables copies with their keys and indexes in place' '
	test_dir && (unset COMPLAINTS_DB && cases) &&
	server_db && emptied && schema "$copy" >before.schema &&
	role=t9557_$db_tag_ &&
	q "$copy" "CREATE ROLE $role LOGIN;
	    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public
	    TO $role;
	    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public
	    TO $role" &&
	ddl "$copy" &&
	officer=$(printf "%s\n" "$copy" | sed "s/user=[^ ]*/user=$role/") &&
	cpl copy --to "$officer" >/dev/null &&
	psql "$copy" -qAtX -c "DROP EVENT TRIGGER t9557_ddl" &&
	schema "$copy" >after.schema &&
	test_cmp before.schema after.schema &&
	q "$copy" "SELECT count(*) FROM t9557.ddl
	    WHERE tag IN ('\''ALTER TABLE'\'', '\''CREATE INDEX'\'',
	    '\''DROP INDEX'\'')" >n &&
	echo 0 >expect && test_cmp expect n &&
	dump_db >file.dump && dump_db "$copy" >server.dump &&
	test_cmp file.dump server.dump &&
	index "$copy" >copy.index && test "$(wc -l <copy.index)" = 4
'

test_done
