/*
 * store_purge.c: the SQL of the retention purge (see store.h): removing
 * the personal data of closed cases while keeping what the reports count.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_int.h"

int
store_purge_versions(struct store *st, int64_t **versions, int *n,
    struct cpl_error *err)
{
	return select_ids(st, "SELECT DISTINCT policy_version FROM cases"
	    " WHERE closed IS NOT NULL AND purged IS NULL", versions, n,
	    "can't read the closed cases", err);
}

/* The caller's function of store_purge_candidates, and its argument. */
struct purge_walk {
	int (*fn)(int64_t id, const char *ref, const char *policy,
	    cpl_date closed, void *arg);
	void *arg;
};

static int
candidate(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct purge_walk *w = arg;

	(void)err;
	return w->fn(sql_col_int64(s, 0),
	    sql_col_text(s, 1),
	    sql_col_text(s, 2), col_date(s, 3), w->arg);
}

int
store_purge_candidates(struct store *st, int64_t version, cpl_date before,
    int (*fn)(int64_t id, const char *ref, const char *policy,
    cpl_date closed, void *arg), void *arg, struct cpl_error *err)
{
	struct purge_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* A case still before the ombudsman (a referral not decided) is
	 * kept whatever its age: the ombudsman will ask about it. */
	if ((rc = prepare(st, "SELECT id, ref, " CASE_POLICY("cases")
	    ", closed FROM cases WHERE closed IS NOT NULL AND purged IS NULL AND closed < ?1"
	    "  AND (?2 = 0 OR policy_version = ?2)"
	    "  AND NOT EXISTS (SELECT 1 FROM referrals r"
	    "   WHERE r.case_id = cases.id AND r.decision IS NULL)"
	    " ORDER BY id", &s, err)))
		return rc;
	bind_date(s, 1, before);
	sql_bind_int64(s, 2, version);
	return each_row(st, s, candidate, &w, "can't read the closed cases",
	    err);
}

/* The actions whose detail a purge keeps: what the reports read (the kind,
 * the outcome, the close reason, the officers, the ombudsman's bodies and
 * decisions), bound as ?3-?9 of purge_sql's last statement. */
static const char *const kept_details[] = {"logged", "responded", "closed",
    "assigned", "referred", "ombudsman-reference", "ombudsman-decision"};
#define N_KEPT (sizeof(kept_details) / sizeof(kept_details[0]))
_Static_assert(N_KEPT == 7, "purge_sql binds seven actions");

/* The statements of one case's purge, in order, each binding the case
 * as ?1 and the day as ?2. */
static const char *const purge_sql[] = {
	/* Who complained, for whom, how to reach them, what about, and the
	 * officers' reasons for accepting it. */
	"UPDATE case_rows SET complainant = NULL, complainant_key = NULL,"
	" contact = NULL,"
	" on_behalf_of = NULL, summary = NULL, late_reason = NULL,"
	" accepted_anyway = NULL, purged = ?2 WHERE id = ?1",
	"UPDATE stage_rows SET escalation_reason = NULL WHERE case_id = ?1",
	/* The officer a complaint was about. */
	"UPDATE case_rules SET about_staff = NULL WHERE case_id = ?1",
	"UPDATE extensions SET reason = '' WHERE case_id = ?1",
	"DELETE FROM stage_texts WHERE case_id = ?1",
	/* The letters sent, whole: names, addresses, what it was about. */
	"DELETE FROM letters WHERE case_id = ?1",
	/* What its outstanding actions were (the dates stay, for the
	 * annual report's progress on them). */
	"UPDATE actions SET what = NULL WHERE case_id = ?1",
	/* The remedy the ombudsman recommended, in words that may name the
	 * complainant; its due and complied days stay for the reports. */
	"UPDATE ombudsman_remedies SET remedy = '' WHERE case_id = ?1",
	/* Free text in the history, but for what the reports read. */
	("UPDATE event_rows SET detail = NULL WHERE case_id = ?1"
	" AND action NOT IN (SELECT w.id FROM words w"
	"  WHERE w.word IN (?3, ?4, ?5, ?6, ?7, ?8, ?9))"),
	/* What amendments and corrections changed: the old and new values
	 * that are personal data (a name, a summary, a remedy), and why. */
	("UPDATE corrections SET reason = '',"
	" old_value = CASE WHEN personal = 1 THEN NULL ELSE old_value END,"
	" new_value = CASE WHEN personal = 1 THEN NULL ELSE new_value END"
	" WHERE case_id = ?1"),
	/* The documents of its case file, and the bytes of those no other
	 * case keeps (overwritten as they are freed: secure delete). */
	"DELETE FROM attachments WHERE case_id = ?1",
	("DELETE FROM attachment_content WHERE NOT EXISTS (SELECT 1"
	" FROM attachments a WHERE a.content_id = attachment_content.id)"),
	/* Its place in a group of linked cases: a record of figures is
	 * investigated with no other. A group left with one case is no
	 * group. */
	"DELETE FROM links WHERE case_id = ?1",
	("DELETE FROM links WHERE grp IN (SELECT grp FROM links"
	" GROUP BY grp HAVING count(*) = 1)"),
};

int
store_purge_case(struct store *st, int64_t case_id, cpl_date date,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	for (size_t i = 0; i < sizeof(purge_sql) / sizeof(purge_sql[0]); i++) {
		if ((rc = prepare(st, purge_sql[i], &s, err)))
			return rc;
		sql_bind_int64(s, 1, case_id);
		bind_date(s, 2, date);
		for (size_t k = 0; k < N_KEPT; k++)
			bind_text(s, 3 + (int)k, kept_details[k]);
		if ((rc = run(st, s, "can't purge the case", err)))
			return rc;
	}
	return 0;
}

int
store_purge_restrictions(struct store *st, int *n, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	/* A restriction names its complainant: once no case names them, it
	 * goes, and the store's events about it lose the name. */
	if ((rc = prepare(st, "UPDATE event_rows"
	    " SET detail = 'restriction ' || restriction_id || ' (purged)'"
	    " WHERE restriction_id IN (SELECT r.id FROM restrictions r"
	    "  WHERE NOT EXISTS (SELECT 1 FROM cases c"
	    "   WHERE c.complainant_key = r.complainant_key))", &s, err)) ||
	    (rc = run(st, s, "can't purge restrictions", err)) ||
	    (rc = prepare(st, "DELETE FROM restriction_deciders"
	    " WHERE restriction_id IN (SELECT r.id FROM restrictions r"
	    "  WHERE NOT EXISTS (SELECT 1 FROM cases c"
	    "   WHERE c.complainant_key = r.complainant_key))", &s, err)) ||
	    (rc = run(st, s, "can't purge restrictions", err)) ||
	    (rc = prepare(st, "DELETE FROM restrictions WHERE NOT EXISTS"
	    " (SELECT 1 FROM cases c"
	    "  WHERE c.complainant_key = restrictions.complainant_key)", &s,
	    err)))
		return rc;
	if ((rc = run(st, s, "can't purge restrictions", err)))
		return rc;
	*n = sql_changes(st->db);
	return 0;
}

int
store_purge_index(struct store *st, struct cpl_error *err)
{
	if (st->lite == NULL)
		return 0;
	return store_search_compact(st, err);
}

int
store_checkpoint(struct store *st, struct cpl_error *err)
{
	int rc, tries = 0, logged = 0, copied = 0;

	/*
	 * On a server: a plain VACUUM of the tables the purge changes, so
	 * their old row versions' space is marked free to be written over
	 * (never VACUUM FULL, whose exclusive lock would stop every officer).
	 * The server's files, WAL and backups keep old pages until reused or
	 * expired: complaints-purge(1) says so.
	 */
	if (st->lite == NULL)
		return exec(st, "VACUUM attachment_content, attachments, letters,"
		    " links, restriction_deciders, restrictions, stage_texts,"
		    " actions, case_rows, case_rules, corrections, event_rows,"
		    " extensions, ombudsman_remedies, stage_rows, case_search",
		    "can't write the purge through", err);
	/*
	 * Into the database and the write-ahead log emptied, so no old page
	 * with the purged text is left in the -wal file either. A reader that
	 * began before the purge keeps old pages in use until it ends. SQLite
	 * would wait for it (a TRUNCATE checkpoint with a busy handler) while
	 * holding the write lock, and every officer's write would wait behind
	 * the purge. So the wait is ours, holding no lock: with no busy
	 * handler, a PASSIVE checkpoint copies what the readers allow, then a
	 * TRUNCATE one, only when the log is all copied, takes the write lock
	 * if it is free, copies what was written since (a commit or two) and
	 * empties the log, or, a reader still there, lets go at once.
	 */
	sqlite3_busy_handler(st->lite, NULL, NULL);
	st->wait_readers = 1;
	for (;;) {
		rc = sqlite3_wal_checkpoint_v2(st->lite, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, &logged, &copied);
		if (rc == SQLITE_OK && copied < logged)
			rc = SQLITE_BUSY;
		else if (rc == SQLITE_OK)
			rc = sqlite3_wal_checkpoint_v2(st->lite, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		/* Busy too: another process's checkpoint at the same moment
		 * (SQLite never waits for that one). */
		if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
		    !busy_wait(st, tries++))
			break;
	}
	st->wait_readers = 0;
	sqlite3_busy_handler(st->lite, busy_wait, st);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return cpl_fail(err, CPL_STORE, "%s: another process is "
		    "reading the store, and old copies of the purged text stay "
		    "in its files until it stops: run 'complaints purge' again "
		    "then", st->path);
	if (rc != SQLITE_OK)
		return lite_fail(st, rc, err, "can't write the purge through");
	return 0;
}
