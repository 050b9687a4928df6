/*
 * store_settings.c: the store's own rows (see store.h): its settings, the
 * policy texts its cases were logged under, and the last reference number
 * given out for each prefix and year.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

int
store_get_setting(struct store *st, const char *key, char **value,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*value = NULL;
	if ((rc = prepare(st, "SELECT value FROM settings WHERE key = ?1", &s,
	    err)))
		return rc;
	bind_text(s, 1, key);
	return each_row(st, s, row_text, value, "can't read settings", err);
}

int
store_set_setting(struct store *st, const char *key, const char *value,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO settings(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err)))
		return rc;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return run(st, s, "can't save a setting", err);
}

int
store_policy_version(struct store *st, const char *policy, const char *text,
    int64_t *version, int *found, struct cpl_error *err)
{
	struct sql_stmt *s;
	char added[24];
	int rc;

	*found = 0;
	*version = 0;
	if ((rc = prepare(st, "SELECT id FROM policy_versions"
	    " WHERE policy = ?1 AND body = ?2", &s, err)))
		return rc;
	bind_text(s, 1, policy);
	bind_text(s, 2, text);
	if ((rc = each_row(st, s, row_int64, version,
	    "can't read policy versions", err)))
		return rc;
	if (*version != 0) {
		*found = 1;
		return 0;
	}
	if ((rc = prepare(st, "INSERT INTO policy_versions(policy, body, added)"
	    " VALUES (?1, ?2, ?3) RETURNING id", &s, err)))
		return rc;
	bind_text(s, 1, policy);
	bind_text(s, 2, text);
	/* When it was added, to the second ("...THH:MM:SSZ"). */
	snprintf(added, sizeof(added), "%.19sZ", recorded_now(st));
	bind_text(s, 3, added);
	return each_row(st, s, row_int64, version,
	    "can't save the policy text", err);
}

int
store_policy_known(struct store *st, const char *id, int *known,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*known = 0;
	if ((rc = prepare(st, "SELECT 1 FROM policy_versions WHERE policy = ?1"
	    " LIMIT 1", &s, err)))
		return rc;
	bind_text(s, 1, id);
	return each_row(st, s, row_exists, known, "can't read the policies",
	    err);
}

int
store_policy_text(struct store *st, int64_t version, char **text,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*text = NULL;
	if ((rc = prepare(st, "SELECT body FROM policy_versions WHERE id = ?1",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, version);
	if ((rc = each_row(st, s, row_text, text, "can't read the policy text",
	    err)))
		return rc;
	if (*text == NULL)
		return cpl_fail(err, CPL_STORE, "%s: policy version %lld is "
		    "missing", st->path, (long long)version);
	return 0;
}

int
store_next_ref_number(struct store *st, const char *prefix, int year,
    int *number, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t last = 0;
	int rc;

	if ((rc = prepare(st, "INSERT INTO ref_numbers(prefix, year, last)"
	    " VALUES (?1, ?2, 1) ON CONFLICT(prefix, year)"
	    " DO UPDATE SET last = ref_numbers.last + 1 RETURNING last", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sql_bind_int64(s, 2, year);
	if ((rc = each_row(st, s, row_int64, &last, "can't number the case",
	    err)))
		return rc;
	*number = (int)last;
	return 0;
}

int
store_last_ref_number(struct store *st, const char *prefix, int year,
    int *last, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*last = 0;
	if ((rc = prepare(st, "SELECT last FROM ref_numbers"
	    " WHERE prefix = ?1 AND year = ?2", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sql_bind_int64(s, 2, year);
	if ((rc = sql_step(s)) == SQL_ROW)
		*last = col_int(s, 0);
	rc = rc == SQL_ROW || rc == SQL_DONE ? 0 :
	    db_fail(st, err, "can't read the case numbers");
	finish(st, s);
	return rc;
}

int
store_set_ref_number(struct store *st, const char *prefix, int year, int last,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO ref_numbers(prefix, year, last)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT(prefix, year)"
	    " DO UPDATE SET last = excluded.last", &s, err)))
		return rc;
	bind_text(s, 1, prefix);
	sql_bind_int64(s, 2, year);
	sql_bind_int64(s, 3, last);
	return run(st, s, "can't number the cases", err);
}
