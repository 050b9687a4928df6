/*
 * store_dump.c: every row of the store as text (see store_dump in
 * store.h), so that a test can tell whether a command changed anything,
 * whichever database engine holds the store.
 *
 * The dump is the line "schema_version N", then each table of the
 * store, in the order of dump_tables below, each row on one line, in
 * the order of its key:
 *
 *   TABLE COLUMN=VALUE COLUMN=VALUE ...
 *
 * the columns in the order the table defines them. A VALUE is
 *
 *   NULL          no value;
 *   -?[0-9]+      an integer column's value, in decimal;
 *   "..."         text (a date too, as YYYY-MM-DD, and a time an event
 *                 was recorded as YYYY-MM-DDTHH:MM:SS.mmmZ, whatever
 *                 number the store keeps for them): its bytes as they
 *                 are, but for \\, \", \n, \r, \t and \xHH for the
 *                 other bytes below 0x20 and 0x7f;
 *   sha256:HEX/N  a blob column's value (a document's bytes): the SHA-256
 *                 of its N bytes, so that a dump of a store of large
 *                 documents stays small and still tells any change.
 *
 * The text form depends on the values only, never on how an engine
 * stores them: a value an integer column does not hold as an integer
 * (SQLite would keep one) is written as text, so it shows, rather than
 * passing for a number.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "store_int.h"

/* A table of the store: the columns it dumps, in its own order, one
 * letter each in types (i: integer, t: text, b: blob, d: a date and s: a
 * time, each kept as a number and dumped as the text it stands for, so
 * the dump is the same whatever form a store keeps), and its key. The dump test
 * (tests/t6900-store-dump.sh) checks this list against the schema, so a
 * migration that adds a table or a column must add it here too. */
static const struct dump_table {
	const char *table;
	const char *sql;
	const char *types;
} dump_tables[] = {
#define TABLE(name, cols, types, key) \
	{ #name, "SELECT " cols " FROM " #name " ORDER BY " key, types }
	TABLE(settings, "key, value", "tt", "key"),
	TABLE(policy_versions, "id, policy, body, added", "ittt", "id"),
	TABLE(ref_numbers, "prefix, year, last", "tii", "prefix, year"),
	TABLE(cases, "id, ref, (SELECT p.policy FROM policy_versions p"
	    " WHERE p.id = cases.policy_version) AS policy, policy_version,"
	    " kind, anonymous,"
	    " complainant, contact, on_behalf_of, consent, channel, service,"
	    " category, summary, received, occurred, external_ref, logged_by,"
	    " closed, close_reason, late_reason, accepted_anyway, resolve_due,"
	    " purged, complainant_key, service_key",
	    "ittititttittttddttdtttddtt", "id"),
	TABLE(stages, "case_id, stage, opened, officer, ack_days,"
	    " respond_days, CASE respond_from WHEN 0 THEN 'opened'"
	    " WHEN 1 THEN 'acknowledged' ELSE CAST(respond_from AS TEXT) END"
	    " AS respond_from,"
	    " respond_target, acknowledged,"
	    " responded, responded_by, outcome, escalation_reason, officer_key,"
	    " responded_by_key", "iidtiitiddttttt", "case_id, stage"),
	TABLE(extensions, "id, case_id, stage, days, reason, date, officer,"
	    " told", "iiiitdti", "id"),
	TABLE(stage_texts, "id, case_id, stage, kind, text", "iiitt", "id"),
	TABLE(events, "id, case_id, stage, date, recorded, officer, action,"
	    " detail, restriction_id", "iiidsttti", "id"),
	TABLE(restrictions, "id, complainant, kind, detail, reason, imposed,"
	    " review, officer, lifted, lifted_reason, complainant_key",
	    "ittttddtdtt", "id"),
	TABLE(referrals, "id, case_id, body, referred, reference, decision,"
	    " decided, officer", "iitdttdt", "id"),
	TABLE(corrections, "event_id, case_id, corrects, item, field,"
	    " old_value, new_value, reason, personal", "iititttti",
	    "event_id"),
	TABLE(attachment_content, "id, sha256, size, data", "itib", "id"),
	TABLE(attachments, "id, case_id, content_id, name, media_type, note,"
	    " date, recorded, officer, event_id", "iiitttdsti", "id"),
	TABLE(letters, "id, case_id, stage, kind, via, sent, officer, text,"
	    " event_id", "iiittdtti", "id"),
	TABLE(actions, "case_id, n, stage, what, owner, owner_key, due, added,"
	    " officer, done, done_by", "iiitttddtdt", "case_id, n"),
	TABLE(holds, "id, case_id, stage, reason, held, until, resumed,"
	    " officer, resumed_by", "iiitdddtt", "id"),
	TABLE(links, "case_id, grp, linked, officer, reason", "iidtt",
	    "case_id"),
	TABLE(case_rules, "case_id, about_staff, discrimination,"
	    " late_granted_by, informal", "ititd", "case_id"),
	TABLE(restriction_deciders, "restriction_id, decided_by", "it",
	    "restriction_id"),
	TABLE(ombudsman_remedies, "referral_id, case_id, remedy, due,"
	    " complied", "iitdd", "referral_id"),
#undef TABLE
};

/* Where a table's rows go. */
struct dump_to {
	FILE *out;
	const struct dump_table *t;
};

static void
put_text(FILE *out, const unsigned char *v, int len)
{
	putc('"', out);
	for (int i = 0; i < len; i++) {
		switch (v[i]) {
		case '\\': fputs("\\\\", out); break;
		case '"': fputs("\\\"", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (v[i] < 0x20 || v[i] == 0x7f)
				fprintf(out, "\\x%02x", v[i]);
			else
				putc(v[i], out);
		}
	}
	putc('"', out);
}

/* A blob as "sha256:HEX/N". */
static void
put_blob(FILE *out, const void *v, int len)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, (size_t)len, v);
	sha256_digest(&ctx, sizeof(digest), digest);
	fputs("sha256:", out);
	for (size_t i = 0; i < sizeof(digest); i++)
		fprintf(out, "%02x", digest[i]);
	fprintf(out, "/%d", len);
}

/* One row of a table as a line. */
static int
dump_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct dump_to *d = arg;
	char buf[STAMP_LEN];

	/* A server tells a statement's columns once it has run. */
	if (sql_col_count(s) != (int)strlen(d->t->types))
		return cpl_fail(err, CPL_STORE, "the dump of table '%s' gives "
		    "%zu types for %d columns", d->t->table,
		    strlen(d->t->types), sql_col_count(s));
	fputs(d->t->table, d->out);
	for (int i = 0; d->t->types[i] != '\0'; i++) {
		int type = sql_col_type(s, i);

		fprintf(d->out, " %s=", sql_col_name(s, i));
		if (type == SQL_NULL)
			fputs("NULL", d->out);
		else if (type == SQL_BLOB && d->t->types[i] == 'b') {
			int len;
			const void *v = sql_col_blob(s, i, &len);

			put_blob(d->out, v, len);
		}
		else if (type == SQL_INT && d->t->types[i] == 'i')
			fprintf(d->out, "%" PRId64,
			    (int64_t)sql_col_int64(s, i));
		else if (type == SQL_INT && d->t->types[i] == 'd') {
			date_format(col_date(s, i), buf);
			put_text(d->out, (const unsigned char *)buf,
			    (int)strlen(buf));
		} else if (type == SQL_INT && d->t->types[i] == 's') {
			stamp_text(sql_col_int64(s, i), buf);
			put_text(d->out, (const unsigned char *)buf,
			    (int)strlen(buf));
		}
		else
			put_text(d->out, (const unsigned char *)sql_col_text(s, i),
			    (int)strlen(sql_col_text(s, i)));
	}
	putc('\n', d->out);
	return 0;
}

int
store_dump(struct store *st, FILE *out, struct cpl_error *err)
{
	struct dump_to d = {out, NULL};
	int rc, v = 0, own = 0;

	/* One snapshot, unless the caller's transaction is one already. */
	if (!sql_in_transaction(st->db)) {
		if ((rc = store_read_begin(st, err)))
			return rc;
		own = 1;
	}
	if ((rc = schema_version(st, &v, err)))
		goto out;
	fprintf(out, "schema_version %d\n", v);
	for (size_t i = 0; i < sizeof(dump_tables) / sizeof(dump_tables[0]);
	    i++) {
		struct sql_stmt *s;

		if ((rc = prepare(st, dump_tables[i].sql, &s, err)))
			goto out;
		d.t = &dump_tables[i];
		if ((rc = each_row(st, s, dump_row, &d, "can't read the store",
		    err)))
			goto out;
	}
out:
	if (own)
		store_read_end(st);
	return rc;
}
