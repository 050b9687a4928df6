/*
 * store_cases.c: the rows of a case (see store.h): the case itself, its
 * stages, their extensions and their texts (remedies and learning); the
 * listing of cases (filtered, in an order, or searched: the search index
 * is store_search.c's), and the cases an export reads.
 */
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "store_int.h"
#include "util.h"

static void open_cases_added(struct store *st, const struct case_rec *c);

int
store_last_case_id(struct store *st, int64_t *id, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*id = 0;
	if ((rc = prepare(st, "SELECT coalesce(max(id), 0) FROM cases", &s,
	    err)))
		return rc;
	return each_row(st, s, row_int64, id, "can't count the cases", err);
}

int
store_external_ref_exists(struct store *st, const char *external_ref,
    int *exists, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*exists = 0;
	if ((rc = prepare(st, "SELECT 1 FROM cases WHERE external_ref = ?1", &s,
	    err)))
		return rc;
	bind_text(s, 1, external_ref);
	return each_row(st, s, row_exists, exists,
	    "can't look up the external reference", err);
}

void
store_expect_cases(struct store *st, long n)
{
	st->cases_expected = st->lite == NULL && n > 0 ? n : 0;
}

void
case_ids_forget(struct store *st)
{
	st->n_case_ids = st->at_case_id = 0;
	st->cases_expected = 0;
	store_open_cases_drop(st);
}

static int
row_case_id(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct store *st = arg;

	(void)err;
	if (st->n_case_ids < CASE_IDS)
		st->case_ids[st->n_case_ids++] = sql_col_int64(s, 0);
	return 0;
}

/* On a server, in a batch that expects more new cases: the next case's
 * id in *id (0: none, the insert takes its own). The ids are taken from
 * the identity in one statement, as many as are expected, up to
 * CASE_IDS: in the order given (another connection may take some
 * between them). */
static int
next_case_id(struct store *st, int64_t *id, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	*id = 0;
	if (st->lite != NULL || st->cases_expected <= 0 || !st->writing)
		return 0;
	if (st->at_case_id == st->n_case_ids) {
		st->at_case_id = st->n_case_ids = 0;
		if ((rc = prepare(st, "SELECT nextval(pg_get_serial_sequence("
		    "'case_rows', 'id')) FROM generate_series(1, ?1) AS g(i)"
		    " ORDER BY g.i", &s, err)))
			return rc;
		sql_bind_int64(s, 1, st->cases_expected < CASE_IDS ?
		    st->cases_expected : CASE_IDS);
		if ((rc = each_row(st, s, row_case_id, st,
		    "can't add the case", err)))
			return rc;
		if (st->n_case_ids == 0)
			return 0;
	}
	st->cases_expected--;
	*id = st->case_ids[st->at_case_id++];
	return 0;
}

/* The case as it stands (a new one in its final state: closed, if it
 * is, in the same row), with the keys its names are found by and the ids
 * of its words. */
int
store_insert_case(struct store *st, struct case_rec *c, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t id;
	int rc;

	if ((rc = next_case_id(st, &id, err)))
		return rc;
	/* With its id known, nothing is read back: a batch sends it on. */
	if ((rc = prepare(st, id != 0 ? "INSERT INTO case_rows(id, ref,"
	    " policy_version, kind, anonymous, complainant, contact,"
	    " on_behalf_of, consent, channel, service, category, summary,"
	    " received, occurred, external_ref, logged_by, late_reason,"
	    " accepted_anyway, resolve_due, complainant_key, service_key, closed,"
	    " close_reason) VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
	    " ?24)" : INSERTING_ID(st, "INSERT INTO case_rows(ref,"
	    " policy_version, kind, anonymous, complainant, contact,"
	    " on_behalf_of, consent, channel, service, category, summary,"
	    " received, occurred, external_ref, logged_by, late_reason,"
	    " accepted_anyway, resolve_due, complainant_key, service_key, closed,"
	    " close_reason) VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	    " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"),
	    &s, err)))
		return rc;
	if (id != 0)
		sql_bind_int64(s, 2, id);
	if ((rc = bind_word(st, s, 4, c->kind, err)) ||
	    (rc = bind_word(st, s, 10, c->channel, err)) ||
	    (rc = bind_word(st, s, 17, c->logged_by, err)) ||
	    (rc = bind_word(st, s, 24, c->close_reason, err)))
		return rc;
	/* c's values outlive the run below: bound without a copy. */
	bind_text_static(s, 1, c->ref);
	sql_bind_int64(s, 3, c->policy_version);
	sql_bind_int64(s, 5, c->anonymous);
	bind_text_static(s, 6, c->complainant);
	bind_text_static(s, 7, c->contact);
	bind_text_static(s, 8, c->on_behalf_of);
	sql_bind_int64(s, 9, c->consent);
	bind_text_static(s, 11, c->service);
	bind_text_static(s, 12, c->category);
	bind_text_static(s, 13, c->summary);
	bind_date(s, 14, c->received);
	bind_date(s, 15, c->occurred);
	bind_text_static(s, 16, c->external_ref);
	bind_text_static(s, 18, c->late_reason);
	bind_text_static(s, 19, c->accepted_anyway);
	bind_date(s, 20, c->resolve_due);
	bind_date(s, 23, c->closed);
	if (bind_name_key(s, 21, c->complainant) != 0 ||
	    bind_name_key(s, 22, c->service) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	if (id == 0) {
		if ((rc = insert_id(st, s, &c->id, "can't add the case",
		    err)) == 0)
			open_cases_added(st, c);
		return rc;
	}
	if ((rc = run(st, s, "can't add the case", err)) == 0)
		c->id = id;
	if (rc == 0)
		open_cases_added(st, c);
	return rc;
}

#define CASE_COLS "c.id, c.ref, " CASE_POLICY("c") ", c.policy_version, c.kind," \
	" c.anonymous, c.complainant, c.contact, c.on_behalf_of, c.consent," \
	" c.channel, c.service, c.category, c.summary, c.received, c.occurred," \
	" c.external_ref, c.logged_by, c.closed, c.close_reason," \
	" c.late_reason, c.accepted_anyway, c.resolve_due, c.purged"
#define N_CASE_COLS 24

static void
read_case(struct sql_stmt *s, struct case_rec *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sql_col_int64(s, 0);
	c->ref = col_text(s, 1);
	c->policy = col_text(s, 2);
	c->policy_version = sql_col_int64(s, 3);
	c->kind = col_text(s, 4);
	c->anonymous = col_int(s, 5);
	c->complainant = col_text(s, 6);
	c->contact = col_text(s, 7);
	c->on_behalf_of = col_text(s, 8);
	c->consent = col_int(s, 9);
	c->channel = col_text(s, 10);
	c->service = col_text(s, 11);
	c->category = col_text(s, 12);
	c->summary = col_text(s, 13);
	c->received = col_date(s, 14);
	c->occurred = col_date(s, 15);
	c->external_ref = col_text(s, 16);
	c->logged_by = col_text(s, 17);
	c->closed = col_date(s, 18);
	c->close_reason = col_text(s, 19);
	c->late_reason = col_text(s, 20);
	c->accepted_anyway = col_text(s, 21);
	c->resolve_due = col_date(s, 22);
	c->purged = col_date(s, 23);
	c->reopened = NO_DATE;
}

/* The case of store_find_case's row, and when it was last reopened. */
static int
found_case(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct case_rec *c = arg;

	(void)err;
	read_case(s, c);
	c->reopened = col_date(s, N_CASE_COLS);
	return 0;
}

int
store_find_case(struct store *st, const char *ref, struct case_rec *c,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	memset(c, 0, sizeof(*c));
	/* The reopening is kept only as an event; the actions that need the
	 * case open must come after it (check_open in lib/case.c). Its
	 * events are read by the id of the action, not through the view. */
	if ((rc = prepare(st, "SELECT " CASE_COLS ", (SELECT max(e.date)"
	    " FROM event_rows e WHERE e.case_id = c.id AND e.action ="
	    "  (SELECT w.id FROM words w WHERE w.word = 'reopened'))"
	    " FROM cases c WHERE c.ref = ?1", &s, err)))
		return rc;
	bind_text(s, 1, ref);
	if ((rc = each_row(st, s, found_case, c, "can't read the case", err)))
		return rc;
	if (c->id == 0)
		return cpl_fail(err, CPL_REFUSED, "no case '%s'", ref);
	return 0;
}

int
store_set_closed(struct store *st, int64_t case_id, cpl_date closed,
    const char *reason, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	/* A case closed or reopened: the open cases kept are no longer
	 * the store's. */
	store_open_cases_drop(st);
	if ((rc = prepare(st, "UPDATE case_rows SET closed = ?2,"
	    " close_reason = ?3 WHERE id = ?1", &s, err)) ||
	    (rc = bind_word(st, s, 3, reason, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	bind_date(s, 2, closed);
	return run(st, s, closed != NO_DATE ? "can't close the case" :
	    "can't reopen the case", err);
}

/* A stage as it stands: a new case's in its final state, acknowledged and
 * answered if it was, or a stage an escalation opens. */
int
store_insert_stage(struct store *st, int64_t case_id,
    const struct stage_rec *r, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO stage_rows(case_id, stage, opened,"
	    " officer, ack_days, respond_days, respond_from, respond_target,"
	    " escalation_reason, acknowledged, responded, responded_by, outcome)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	    &s, err)) ||
	    (rc = bind_word(st, s, 4, r->officer, err)) ||
	    (rc = bind_word(st, s, 12, r->responded_by, err)) ||
	    (rc = bind_word(st, s, 13, r->outcome, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, r->stage);
	bind_date(s, 3, r->opened);
	sql_bind_int64(s, 5, r->ack_days);
	sql_bind_int64(s, 6, r->respond_days);
	sql_bind_int64(s, 7, r->respond_from == CLOCK_ACKNOWLEDGED ?
	    FROM_ACKNOWLEDGED : FROM_OPENED);
	sql_bind_int64(s, 8, r->respond_target);
	bind_text_static(s, 9, r->escalation_reason);
	bind_date(s, 10, r->acknowledged);
	bind_date(s, 11, r->responded);
	return run(st, s, "can't add the stage", err);
}

#define STAGE_COLS "s.stage, s.opened, s.officer, s.ack_days," \
	" s.respond_days, s.respond_from, s.respond_target, s.acknowledged," \
	" s.responded, s.responded_by, s.outcome, s.escalation_reason," \
	" (SELECT coalesce(sum(e.days), 0) FROM extensions e" \
	"  WHERE e.case_id = s.case_id AND e.stage = s.stage)"

static void
read_stage(struct sql_stmt *s, int i, struct stage_rec *r)
{

	memset(r, 0, sizeof(*r));
	r->stage = col_int(s, i);
	r->opened = col_date(s, i + 1);
	r->officer = col_text(s, i + 2);
	r->ack_days = col_int(s, i + 3);
	r->respond_days = col_int(s, i + 4);
	r->respond_from = col_int(s, i + 5) == FROM_ACKNOWLEDGED ?
	    CLOCK_ACKNOWLEDGED : CLOCK_OPENED;
	r->respond_target = col_int(s, i + 6);
	r->acknowledged = col_date(s, i + 7);
	r->responded = col_date(s, i + 8);
	r->responded_by = col_text(s, i + 9);
	r->outcome = col_text(s, i + 10);
	r->escalation_reason = col_text(s, i + 11);
	r->ext_days = col_int(s, i + 12);
}

static void
read_stage_row(struct sql_stmt *s, void *elem)
{
	read_stage(s, 0, elem);
}

/* The stage numbered by column 0 of s, or NULL when the case has none
 * such (a detail of a stage that is not there is left out). */
static struct stage_rec *
stage_of(const struct rows *stages, struct sql_stmt *s)
{
	struct stage_rec *v = stages->v;
	int k = col_int(s, 0);

	return k >= 1 && k <= stages->n ? &v[k - 1] : NULL;
}

static int
extension_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct stage_rec *r = stage_of(arg, s);
	struct extension_rec *ne;

	if (r == NULL)
		return 0;
	if ((ne = realloc(r->ext, (r->n_ext + 1) * sizeof(*ne))) == NULL)
		return no_memory(err);
	r->ext = ne;
	ne = &r->ext[r->n_ext++];
	ne->days = col_int(s, 1);
	ne->reason = col_text(s, 2);
	ne->date = col_date(s, 3);
	ne->officer = col_text(s, 4);
	ne->told = col_int(s, 5);
	return 0;
}

static int
stage_text_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct stage_rec *r = stage_of(arg, s);
	const char *kind = sql_col_text(s, 1);
	char ***list, **nl, *text;
	int *n;

	if (r == NULL || kind == NULL)
		return 0;
	if (strcmp((const char *)kind, "remedy") == 0) {
		list = &r->remedies;
		n = &r->n_remedies;
	} else {
		list = &r->learning;
		n = &r->n_learning;
	}
	if ((text = col_text(s, 2)) == NULL ||
	    (nl = realloc(*list, (*n + 1) * sizeof(*nl))) == NULL) {
		free(text);
		return no_memory(err);
	}
	*list = nl;
	nl[(*n)++] = text;
	return 0;
}

static int
stage_details(struct store *st, int64_t case_id, struct rows *to,
    struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT stage, days, reason, date, officer, told"
	    " FROM extensions WHERE case_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	if ((rc = each_row(st, s, extension_row, to, "can't read extensions",
	    err)) ||
	    (rc = prepare(st, "SELECT stage, kind, text FROM stage_texts"
	    " WHERE case_id = ?1 ORDER BY id", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	return each_row(st, s, stage_text_row, to,
	    "can't read remedies and learning", err);
}

int
store_stages(struct store *st, int64_t case_id, struct stage_rec **out,
    int *n, struct cpl_error *err)
{
	struct stage_rec *v;
	struct rows got;
	struct sql_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(st, "SELECT " STAGE_COLS " FROM stages s"
	    " WHERE s.case_id = ?1 ORDER BY s.stage", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	rc = gather(st, s, sizeof(*v), read_stage_row, &got,
	    "can't read the stages", err);
	v = got.v;
	if (rc)
		goto fail;
	/* Stages are numbered 1..n with no gap (escalation adds the next). */
	for (int i = 0; i < got.n; i++)
		if (v[i].stage != i + 1) {
			rc = cpl_fail(err, CPL_STORE, "%s: case %lld has a gap in"
			    " its stages", st->path, (long long)case_id);
			goto fail;
		}
	if ((rc = stage_details(st, case_id, &got, err)))
		goto fail;
	*out = v;
	*n = got.n;
	return 0;
fail:
	store_stages_free(v, got.n);
	return rc;
}

void
store_stages_free(struct stage_rec *s, int n)
{
	for (int i = 0; i < n; i++)
		stage_rec_free(&s[i]);
	free(s);
}

/* What the rules changed of a stored stage: its officer, acknowledgement
 * and response (the names by the ids of their words). */
int
store_update_stage(struct store *st, int64_t case_id,
    const struct stage_rec *r, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "UPDATE stage_rows SET officer = ?3,"
	    " acknowledged = ?4, responded = ?5, responded_by = ?6,"
	    " outcome = ?7 WHERE case_id = ?1 AND stage = ?2", &s, err)) ||
	    (rc = bind_word(st, s, 3, r->officer, err)) ||
	    (rc = bind_word(st, s, 6, r->responded_by, err)) ||
	    (rc = bind_word(st, s, 7, r->outcome, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, r->stage);
	bind_date(s, 4, r->acknowledged);
	bind_date(s, 5, r->responded);
	return run(st, s, "can't record the stage", err);
}

int
store_add_extension(struct store *st, int64_t case_id, int stage,
    const struct extension_rec *e, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO extensions(case_id, stage, days,"
	    " reason, date, officer, told) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	sql_bind_int64(s, 3, e->days);
	bind_text(s, 4, e->reason);
	bind_date(s, 5, e->date);
	bind_text(s, 6, e->officer);
	sql_bind_int64(s, 7, e->told);
	return run(st, s, "can't record the extension", err);
}

int
store_add_stage_text(struct store *st, int64_t case_id, int stage,
    const char *kind, const char *text, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "INSERT INTO stage_texts(case_id, stage, kind,"
	    " text) VALUES (?1, ?2, ?3, ?4)", &s, err)))
		return rc;
	sql_bind_int64(s, 1, case_id);
	sql_bind_int64(s, 2, stage);
	bind_text(s, 3, kind);
	bind_text(s, 4, text);
	return run(st, s, "can't record the text", err);
}

/* The caller's function of store_list, and its argument. */
struct list_walk {
	int (*fn)(const struct list_row *row, void *arg);
	void *arg;
};

/*
 * A listing's columns: of the case, what a listing shows and what is due
 * is worked out from; of its current stage, the same, with the days its
 * extensions add while the case is open (a closed case has nothing due).
 * They are read from the rows themselves (case_rows, stage_rows), not
 * the views, so a filter compares the ids of words; the words are looked
 * up only for the rows shown (WORD_OF).
 */
#define LIST_CASE_COLS "c.id, c.ref, " CASE_POLICY("c") ", c.policy_version," \
	" " WORD_OF("c.kind") ", c.service, c.received, c.closed"
#define LIST_STAGE_COLS "s.stage, s.opened, " WORD_OF("s.officer") ", s.ack_days," \
	" s.respond_days, s.respond_from, s.respond_target, s.acknowledged," \
	" s.responded, CASE WHEN c.closed IS NULL THEN" \
	"  (SELECT coalesce(sum(e.days), 0) FROM extensions e" \
	"  WHERE e.case_id = s.case_id AND e.stage = s.stage) ELSE 0 END"

/* Text of column i as the statement holds it (NULL for NULL): a listing
 * lends its rows' text to its caller for the row only, copying none. */
static char *
col_lent(struct sql_stmt *s, int i)
{
	return (char *)sql_col_text(s, i);
}

static int
list_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct list_walk *w = arg;
	struct list_row row;

	(void)err;
	memset(&row, 0, sizeof(row));
	row.c.id = sql_col_int64(s, 0);
	row.c.ref = col_lent(s, 1);
	row.c.policy = col_lent(s, 2);
	row.c.policy_version = sql_col_int64(s, 3);
	row.c.kind = col_lent(s, 4);
	row.c.service = col_lent(s, 5);
	row.c.received = col_date(s, 6);
	row.c.closed = col_date(s, 7);
	row.c.occurred = row.c.resolve_due = row.c.purged = NO_DATE;
	row.c.reopened = NO_DATE;
	row.s.stage = col_int(s, 8);
	row.s.opened = col_date(s, 9);
	row.s.officer = col_lent(s, 10);
	row.s.ack_days = col_int(s, 11);
	row.s.respond_days = col_int(s, 12);
	row.s.respond_from = col_int(s, 13) == FROM_ACKNOWLEDGED ?
	    CLOCK_ACKNOWLEDGED : CLOCK_OPENED;
	row.s.respond_target = col_int(s, 14);
	row.s.acknowledged = col_date(s, 15);
	row.s.responded = col_date(s, 16);
	row.s.ext_days = col_int(s, 17);
	return w->fn(&row, w->arg);
}

/*
 * The statement of store_list is made of these parts, chosen by the
 * filters given: a filter not given is no part of it, so that SQLite
 * reads the cases through the index of a filter that is (the current
 * stage's officer: stages_officer; the day received: cases_received; the
 * open cases: cases_open; the complainant: cases_complainant_key; the
 * words: the search index), not every case to test every filter. The
 * parts are fixed text; every value is bound, by the same number
 * whichever parts are there: ?1 the stage, ?2 the kind's id
 * (bind_found_word), ?3 the policy, ?4 and ?5 the keys of the service and
 * the officer (as the reports group them, and the stage 2 rule tells one
 * officer from another; the officer's stages are found by the ids of the
 * names of that key, through stages_officer), ?6
 * and ?7 the days received between, ?8 the key of the complainant's name,
 * ?9 the reference as a LIKE pattern (like_pattern), ?10 the search as
 * the engine's query (search_query, lib/store_search.c: FTS5's, or a
 * tsquery's text on a server), ?11 the reference of a linked case (its
 * group's cases). The search's parts are each engine's own (the _PG
 * ones a server's); every other part is the same on both.
 */
#define LIST_COLS "SELECT " LIST_CASE_COLS ", " LIST_STAGE_COLS
#define LIST_CASES " FROM case_rows c"
/* The current stage, the case's last: one look-up in the stages' key. */
#define LIST_STAGE " JOIN stage_rows s ON s.case_id = c.id" \
	"  AND s.stage = (SELECT max(stage) FROM stage_rows WHERE case_id = c.id)"
/*
 * An officer's cases: the stages of the ids of the names of that key
 * (?5), x, read from stages_officer alone (it holds what x is asked:
 * officer, case and stage), then the case, and only then the stage's row.
 * The stages' table is keyed by case and stage, so a stage reached
 * through an index with a column of its row asked for is read at once,
 * before the case is looked at, and most of an officer's stages are of
 * cases that another filter (--status open) drops.
 */
#define LIST_OFFICER " FROM stage_rows x JOIN case_rows c ON c.id = x.case_id"
#define LIST_OFFICER_STAGE " JOIN stage_rows s ON s.case_id = c.id" \
	"  AND s.stage = x.stage" \
	"  AND s.stage = (SELECT max(stage) FROM stage_rows WHERE case_id = c.id)"
#define BY_OFFICER_STAGES " AND x.officer IN" \
	"  (SELECT w.id FROM words w WHERE w.key = ?5)"
/* The search's matches, with their rank (bm25: the lower, the better). */
#define LIST_HITS " FROM (SELECT rowid AS hit, rank AS score FROM case_search" \
	"  WHERE case_search MATCH ?10) h JOIN case_rows c ON c.id = h.hit"
/* On a server, through the index on doc, ranked by ts_rank with its
 * normalization 1 (the words found, and how near, divided by one more
 * than the logarithm of the text's length: a shorter text counts for
 * more, as in bm25); the higher the better, so its opposite sorts as
 * bm25 does. The query's words have their accents taken off as the
 * documents' are (case_search_fold, lib/store_schema_pg.c), as FTS5's
 * tokenizer does to both. */
#define PG_QUERY "to_tsquery('simple', case_search_fold(?10))"
#define LIST_HITS_PG " FROM (SELECT case_id AS hit," \
	"  -ts_rank(doc, " PG_QUERY ", 1) AS score FROM case_search" \
	"  WHERE doc @@ " PG_QUERY ") h JOIN case_rows c ON c.id = h.hit"
/* The open cases are read through their own index (cases_open), a small
 * one: so is a list of open cases, whatever the store's size. */
#define ANY " WHERE 1 = 1"
#define OPEN " WHERE c.closed IS NULL"
#define CLOSED " WHERE c.closed IS NOT NULL"
#define BY_STAGE " AND s.stage = ?1"
#define BY_KIND " AND c.kind = ?2"
#define BY_POLICY " AND c.policy_version IN" \
	"  (SELECT p.id FROM policy_versions p WHERE p.policy = ?3)"
#define BY_SERVICE " AND c.service_key = ?4"
#define BY_OFFICER " AND s.officer IN" \
	"  (SELECT w.id FROM words w WHERE w.key = ?5)"
#define BY_FROM " AND c.received >= ?6"
#define BY_TO " AND c.received <= ?7"
#define BY_COMPLAINANT " AND c.complainant_key = ?8"
/* LIKE compares letters of any case on SQLite, not on PostgreSQL:
 * both sides in capitals, as a reference is. */
#define BY_REF_LIKE " AND upper(c.ref) LIKE upper(?9) ESCAPE '\\'"
#define BY_MATCH " AND c.id IN (SELECT rowid FROM case_search" \
	"  WHERE case_search MATCH ?10)"
#define BY_MATCH_PG " AND c.id IN (SELECT case_id FROM case_search" \
	"  WHERE doc @@ " PG_QUERY ")"
#define BY_LINKED " AND c.id IN (SELECT l.case_id FROM links l" \
	"  WHERE l.grp = (SELECT g.grp FROM links g JOIN cases r" \
	"  ON r.id = g.case_id WHERE r.ref = ?11))"
/* A complaint about discrimination: a row of the seeds' smaller rules. */
#define BY_DISCRIMINATION " AND c.id IN (SELECT r.case_id FROM case_rules r" \
	"  WHERE r.discrimination = 1)"
/*
 * Case ids rise in the order cases are logged, as the numbers of a
 * policy's references in a year do, whatever their width (SSC-2026-99999
 * before SSC-2026-100000); the index on received holds its rows in this
 * order, so there is nothing to sort, but for the open cases, sorted
 * once read through their own index (the "+" keeps SQLite from reading
 * them through the index on received instead).
 */
#define BY_LOGGED " ORDER BY c.id"
#define BY_RECEIVED " ORDER BY c.received, c.id"
#define BY_RECEIVED_OPEN " ORDER BY +c.received, c.id"
/* A reference is PREFIX-YYYY-N, N five digits or more: the same prefix
 * and year with the digits taken off, then the shorter number first. */
#define REF_ORDER "rtrim(c.ref, '0123456789'), length(c.ref), c.ref"
#define BY_REF " ORDER BY " REF_ORDER
#define BY_RANK " ORDER BY h.score, " REF_ORDER

/* Room for every part at once, the longest of each choice: more than any
 * statement takes, so sql_add never runs out. */
#define LIST_SQL_MAX (sizeof(LIST_COLS LIST_HITS LIST_HITS_PG LIST_OFFICER \
	LIST_STAGE LIST_OFFICER_STAGE CLOSED BY_STAGE \
	BY_KIND BY_POLICY BY_SERVICE BY_OFFICER BY_FROM BY_TO BY_COMPLAINANT \
	BY_REF_LIKE BY_MATCH BY_MATCH_PG BY_LINKED BY_DISCRIMINATION BY_RECEIVED_OPEN \
	BY_RANK))

/* A statement being made of parts (list_compose). */
struct list_sql {
	char text[LIST_SQL_MAX];
	size_t len;
};

static void
sql_add(struct list_sql *q, const char *part)
{
	size_t n = strlen(part);

	/* Each part is added at most once: LIST_SQL_MAX holds them all. */
	if (q->len + n < sizeof(q->text)) {
		memcpy(q->text + q->len, part, n + 1);
		q->len += n;
	}
}

/* 0, 1 or 2: f asks for any case, the open ones, the closed ones. */
static int
list_status(const struct list_filter *f)
{
	if (f->status == NULL)
		return 0;
	return strcmp(f->status, "open") == 0 ? 1 : 2;
}

/* The statement of a listing by f, in order, for a server's engine or
 * SQLite's. */
static void
list_compose(struct list_sql *q, const struct list_filter *f,
    enum list_order order, int server)
{
	static const char *const status[] = {ANY, OPEN, CLOSED};
	int st = list_status(f);
	/* The ranked listing reads the matches first, an officer's their
	 * stages. */
	int officer_first = f->officer != NULL && order != LIST_RANK;

	q->len = 0;
	q->text[0] = '\0';
	sql_add(q, LIST_COLS);
	sql_add(q, order == LIST_RANK ? (server ? LIST_HITS_PG : LIST_HITS) :
	    officer_first ? LIST_OFFICER : LIST_CASES);
	sql_add(q, officer_first ? LIST_OFFICER_STAGE : LIST_STAGE);
	sql_add(q, status[st]);
	if (f->stage != 0)
		sql_add(q, BY_STAGE);
	if (f->kind != NULL)
		sql_add(q, BY_KIND);
	if (f->policy != NULL)
		sql_add(q, BY_POLICY);
	if (f->service != NULL)
		sql_add(q, BY_SERVICE);
	if (f->officer != NULL)
		sql_add(q, officer_first ? BY_OFFICER_STAGES : BY_OFFICER);
	if (f->from != NO_DATE)
		sql_add(q, BY_FROM);
	if (f->to != NO_DATE)
		sql_add(q, BY_TO);
	if (f->complainant != NULL)
		sql_add(q, BY_COMPLAINANT);
	if (f->ref_like != NULL)
		sql_add(q, BY_REF_LIKE);
	/* The ranked listing reads the matches themselves. */
	if (f->search != NULL && order != LIST_RANK)
		sql_add(q, server ? BY_MATCH_PG : BY_MATCH);
	if (f->linked != NULL)
		sql_add(q, BY_LINKED);
	if (f->discrimination)
		sql_add(q, BY_DISCRIMINATION);
	switch (order) {
	case LIST_DUE: sql_add(q, BY_LOGGED); break;
	case LIST_RECEIVED:
		sql_add(q, st == 1 ? BY_RECEIVED_OPEN : BY_RECEIVED);
		break;
	case LIST_REF: sql_add(q, BY_REF); break;
	case LIST_RANK: sql_add(q, BY_RANK); break;
	}
}

/*
 * A reference pattern of list (see struct list_filter) as a LIKE pattern
 * with '\' its escape: "*" is "%", "?" is "_", and "%", "_" and "\"
 * themselves; with neither "*" nor "?", "%" around it. LIKE compares
 * ASCII letters in any case, and a reference has no others. NULL: out
 * of memory.
 */
static char *
like_pattern(const char *p)
{
	int wild = strpbrk(p, "*?") != NULL;
	char *q = malloc(2 * strlen(p) + 3), *o = q;

	if (q == NULL)
		return NULL;
	if (!wild)
		*o++ = '%';
	for (; *p != '\0'; p++) {
		if (*p == '*')
			*o++ = '%';
		else if (*p == '?')
			*o++ = '_';
		else {
			if (*p == '%' || *p == '_' || *p == '\\')
				*o++ = '\\';
			*o++ = *p;
		}
	}
	if (!wild)
		*o++ = '%';
	*o = '\0';
	return q;
}

/*
 * Walk the rows of f's listing (list_compose, in order), f's values
 * bound, each read by row. The statement is made for this walk and
 * finalized after it, not kept (prepare keeps only literals).
 */
static int
list_walk(struct store *st, const struct list_filter *f, enum list_order order,
    int (*row)(struct sql_stmt *s, void *arg, struct cpl_error *err),
    void *arg, struct cpl_error *err)
{
	char *like = NULL, *query = NULL;
	struct list_sql *q;
	struct sql_stmt *s = NULL;
	int rc;

	if ((q = malloc(sizeof(*q))) == NULL ||
	    (f->ref_like != NULL && (like = like_pattern(f->ref_like)) == NULL) ||
	    (f->search != NULL && (query = search_query(f->search, st->lite == NULL)) == NULL)) {
		rc = no_memory(err);
		goto out;
	}
	list_compose(q, f, order, st->lite == NULL);
	if (sql_prepare(st->db, q->text, &s) != SQL_OK) {
		rc = cpl_fail(err, CPL_STORE, "%s: can't prepare '%s': %s",
		    st->path, q->text, sql_errmsg(st->db));
		goto out;
	}
	/* Only what the statement holds a part of is bound. */
	if (f->stage != 0)
		sql_bind_int64(s, 1, f->stage);
	if (f->kind != NULL && (rc = bind_found_word(st, s, 2, f->kind, err))) {
		s = NULL;	/* finished by bind_found_word */
		goto out;
	}
	bind_text(s, 3, f->policy);
	if (bind_name_key(s, 4, f->service) != 0 ||
	    bind_name_key(s, 5, f->officer) != 0 ||
	    bind_name_key(s, 8, f->complainant) != 0) {
		rc = no_memory(err);
		goto out;
	}
	bind_date(s, 6, f->from);
	bind_date(s, 7, f->to);
	bind_text(s, 9, like);
	bind_text(s, 10, query);
	bind_text(s, 11, f->linked);
	rc = each_row(st, s, row, arg, "can't list cases", err);
	s = NULL;		/* finished by each_row */
out:
	sql_finalize(s);
	free(q);
	free(like);
	free(query);
	return rc;
}

int
store_list(struct store *st, const struct list_filter *f,
    int (*fn)(const struct list_row *row, void *arg), void *arg,
    struct cpl_error *err)
{
	struct list_walk w = {fn, arg};
	enum list_order order = f->order;

	if (order == LIST_RANK && f->search == NULL)
		order = LIST_REF;
	return list_walk(st, f, order, list_one, &w, err);
}

int
store_list_case(struct store *st, int64_t id,
    int (*fn)(const struct list_row *row, void *arg), void *arg,
    struct cpl_error *err)
{
	struct list_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, LIST_COLS LIST_CASES LIST_STAGE
	    " WHERE c.id = ?1", &s, err)))
		return rc;
	sql_bind_int64(s, 1, id);
	return each_row(st, s, list_one, &w, "can't list cases", err);
}

/* --- the open cases of an import's complainants, kept on a server --- */

/* An open case kept (store_open_cases_want). */
struct open_case {
	char *service;		/* its service's key; NULL: none */
	char *ref;
	cpl_date received;
	int64_t id;
};

/* A complainant's open cases, by the key of the name. */
struct open_group {
	char *key;		/* NULL: an empty slot */
	int read;		/* read from the store (else still wanted) */
	struct open_case *c;
	size_t n, cap;
};

/* The groups, open-addressed by the key's hash (cap a power of two). */
struct open_case_set {
	struct open_group *slot;
	size_t cap, used;
	int wanted;		/* groups not yet read */
};

static uint64_t
key_hash(const char *k)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ULL;
	return h;
}

static struct open_group *
open_group(struct open_case_set *set, const char *key)
{
	size_t i;

	if (set == NULL || set->cap == 0)
		return NULL;
	for (i = key_hash(key) & (set->cap - 1); set->slot[i].key != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i].key, key) == 0)
			return &set->slot[i];
	return NULL;
}

/* A new group for key (which it takes), not yet read; -1: no memory. */
static int
open_group_add(struct open_case_set *set, char *key)
{
	struct open_group *slot, *old = set->slot;
	size_t i, j, cap = set->cap;

	if (2 * (set->used + 1) > set->cap) {
		cap = set->cap == 0 ? 256 : 2 * set->cap;
		if ((slot = calloc(cap, sizeof(*slot))) == NULL)
			return -1;
		for (j = 0; j < set->cap; j++) {
			if (old[j].key == NULL)
				continue;
			for (i = key_hash(old[j].key) & (cap - 1);
			    slot[i].key != NULL; i = (i + 1) & (cap - 1))
				;
			slot[i] = old[j];
		}
		free(old);
		set->slot = slot;
		set->cap = cap;
	}
	for (i = key_hash(key) & (set->cap - 1); set->slot[i].key != NULL;
	    i = (i + 1) & (set->cap - 1))
		;
	set->slot[i].key = key;
	set->used++;
	set->wanted++;
	return 0;
}

/* An open case to g; -1: no memory. */
static int
open_case_add(struct open_group *g, const char *service, const char *ref,
    cpl_date received, int64_t id)
{
	struct open_case *c;
	size_t cap;

	if (g->n == g->cap) {
		cap = g->cap == 0 ? 2 : 2 * g->cap;
		if ((c = realloc(g->c, cap * sizeof(*c))) == NULL)
			return -1;
		g->c = c;
		g->cap = cap;
	}
	c = &g->c[g->n];
	c->service = NULL;
	if ((service != NULL && (c->service = strdup(service)) == NULL) ||
	    (c->ref = strdup(ref)) == NULL) {
		free(c->service);
		return -1;
	}
	c->received = received;
	c->id = id;
	g->n++;
	return 0;
}

void
store_open_cases_drop(struct store *st)
{
	struct open_case_set *set = st->open_cases;
	size_t i, j;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++) {
		for (j = 0; j < set->slot[i].n; j++) {
			free(set->slot[i].c[j].service);
			free(set->slot[i].c[j].ref);
		}
		free(set->slot[i].c);
		free(set->slot[i].key);
	}
	free(set->slot);
	free(set);
	st->open_cases = NULL;
}

int
store_open_cases_want(struct store *st, const char *complainant,
    struct cpl_error *err)
{
	char *key;

	if (st->lite != NULL || complainant == NULL)
		return 0;
	if (st->open_cases == NULL &&
	    (st->open_cases = calloc(1, sizeof(*st->open_cases))) == NULL)
		return no_memory(err);
	if ((key = name_key(complainant)) == NULL)
		return no_memory(err);
	if (open_group(st->open_cases, key) != NULL) {
		free(key);
		return 0;
	}
	if (open_group_add(st->open_cases, key) != 0) {
		free(key);
		return no_memory(err);
	}
	return 0;
}

/* A row of store_open_cases_read: an open case, to its group. */
static int
open_case_row(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct open_group *g = open_group(arg, sql_col_text(s, 0));

	if (g != NULL && open_case_add(g, sql_col_text(s, 1),
	    sql_col_text(s, 2), col_date(s, 3), sql_col_int64(s, 4)) != 0)
		return no_memory(err);
	return 0;
}

/* A key as an element of an array's text, quoted: {"a","b\"c"}. */
static int
array_add(char **buf, size_t *len, size_t *cap, const char *key)
{
	size_t need = *len + 2 * strlen(key) + 5;
	const char *k;
	char *b;

	if (need > *cap) {
		*cap = need > 2 * *cap ? need : 2 * *cap;
		if ((b = realloc(*buf, *cap)) == NULL)
			return -1;
		*buf = b;
	}
	b = *buf + *len;
	*b++ = *len == 1 ? '"' : ',';
	if (*len != 1)
		*b++ = '"';
	for (k = key; *k != '\0'; k++) {
		if (*k == '"' || *k == '\\')
			*b++ = '\\';
		*b++ = *k;
	}
	*b++ = '"';
	*len = (size_t)(b - *buf);
	return 0;
}

int
store_open_cases_read(struct store *st, struct cpl_error *err)
{
	struct open_case_set *set = st->open_cases;
	struct sql_stmt *s;
	char *keys;
	size_t i, len = 1, cap = 256;
	int rc;

	if (set == NULL || set->wanted == 0)
		return 0;
	if ((keys = malloc(cap)) == NULL)
		return no_memory(err);
	keys[0] = '{';
	for (i = 0; i < set->cap; i++)
		if (set->slot[i].key != NULL && !set->slot[i].read &&
		    array_add(&keys, &len, &cap, set->slot[i].key) != 0) {
			free(keys);
			return no_memory(err);
		}
	keys[len++] = '}';
	keys[len] = '\0';
	/* Through cases_open_complainant, as store_open_cases_of. */
	if ((rc = prepare(st, "SELECT complainant_key, service_key, ref,"
	    " received, id FROM cases WHERE closed IS NULL"
	    "  AND complainant_key = ANY(CAST(?1 AS TEXT[]))", &s, err))) {
		free(keys);
		return rc;
	}
	sql_bind_text(s, 1, keys);
	free(keys);
	if ((rc = each_row(st, s, open_case_row, set,
	    "can't read the open cases", err)))
		return rc;
	for (i = 0; i < set->cap; i++)
		set->slot[i].read = 1;
	set->wanted = 0;
	return 0;
}

/* A case store_insert_case added, to the open cases kept of its
 * complainant's, when it is open: as a read of the store would find it.
 * For want of memory nothing is kept any more (the store is read). */
static void
open_cases_added(struct store *st, const struct case_rec *c)
{
	struct open_group *g;
	char *key, *service = NULL;

	if (st->open_cases == NULL || c->complainant == NULL ||
	    c->closed != NO_DATE)
		return;
	if ((key = name_key(c->complainant)) == NULL)
		goto drop;
	g = open_group(st->open_cases, key);
	free(key);
	if (g == NULL || !g->read)
		return;
	if ((c->service != NULL && (service = name_key(c->service)) == NULL) ||
	    open_case_add(g, service, c->ref, c->received, c->id) != 0)
		goto drop;
	free(service);
	return;
drop:
	free(service);
	store_open_cases_drop(st);
}

/* The latest received first, then the latest logged. */
static int
open_case_cmp(const void *a, const void *b)
{
	const struct open_case *x = *(const struct open_case *const *)a;
	const struct open_case *y = *(const struct open_case *const *)b;

	if (x->received != y->received)
		return x->received > y->received ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/* store_open_cases_of from the cases kept; *kept 0 when complainant's
 * are not. */
static int
open_cases_kept(struct store *st, const char *complainant,
    const char *service, cpl_date from, cpl_date to, int64_t except,
    int (*fn)(const char *ref, cpl_date received, void *arg), void *arg,
    int *kept, struct cpl_error *err)
{
	struct open_case **m = NULL;
	struct open_group *g;
	char *key = NULL, *skey = NULL;
	size_t i, n = 0;
	int rc = 0;

	*kept = 0;
	if (complainant == NULL)
		return 0;
	if ((key = name_key(complainant)) == NULL)
		return no_memory(err);
	g = open_group(st->open_cases, key);
	free(key);
	if (g == NULL || !g->read)
		return 0;
	*kept = 1;
	if (from == NO_DATE || to == NO_DATE || g->n == 0)
		return 0;
	if ((service != NULL && (skey = name_key(service)) == NULL) ||
	    (m = malloc(g->n * sizeof(*m))) == NULL) {
		free(skey);
		return no_memory(err);
	}
	for (i = 0; i < g->n; i++) {
		struct open_case *c = &g->c[i];

		if ((skey == NULL ? c->service == NULL : c->service != NULL &&
		    strcmp(c->service, skey) == 0) && c->received >= from &&
		    c->received <= to && c->id != except)
			m[n++] = c;
	}
	qsort(m, n, sizeof(*m), open_case_cmp);
	for (i = 0; i < n && rc == 0; i++)
		rc = fn(m[i]->ref, m[i]->received, arg);
	free(m);
	free(skey);
	return rc;
}

/* The caller's function of store_open_cases_of, and its argument. */
struct open_walk {
	int (*fn)(const char *ref, cpl_date received, void *arg);
	void *arg;
};

static int
open_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct open_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0), col_date(s, 1),
	    w->arg);
}

int
store_open_cases_of(struct store *st, const char *complainant,
    const char *service, cpl_date from, cpl_date to, int64_t except,
    int (*fn)(const char *ref, cpl_date received, void *arg), void *arg,
    struct cpl_error *err)
{
	struct open_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc, kept;

	if (st->open_cases != NULL && ((rc = open_cases_kept(st, complainant,
	    service, from, to, except, fn, arg, &kept, err)) || kept))
		return rc;
	/* Through cases_open_complainant: the open cases only. */
	if ((rc = prepare(st, "SELECT ref, received FROM cases"
	    " WHERE complainant_key = ?1 AND closed IS NULL"
	    "  AND service_key IS NOT DISTINCT FROM ?2"
	    "  AND received >= ?3 AND received <= ?4"
	    "  AND id <> ?5 ORDER BY received DESC, id DESC", &s, err)))
		return rc;
	if (bind_name_key(s, 1, complainant) != 0 ||
	    bind_name_key(s, 2, service) != 0) {
		finish(st, s);
		return no_memory(err);
	}
	bind_date(s, 3, from);
	bind_date(s, 4, to);
	sql_bind_int64(s, 5, except);
	return each_row(st, s, open_one, &w, "can't read the open cases", err);
}

/* The caller's function of store_case_refs, and its argument. */
struct refs_walk {
	int (*fn)(const char *ref, void *arg);
	void *arg;
};

static int
ref_one(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	const struct refs_walk *w = arg;

	(void)err;
	return w->fn(sql_col_text(s, 0), w->arg);
}

int
store_case_refs(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, void *arg), void *arg, struct cpl_error *err)
{
	struct refs_walk w = {fn, arg};
	struct sql_stmt *s;
	int rc;

	/* In the order the cases were logged: read back into an empty store
	 * in that order, they are given the same references. */
	if ((rc = prepare(st, "SELECT ref FROM cases"
	    " WHERE (CAST(?1 AS BIGINT) IS NULL OR received >= ?1)"
	    "  AND (CAST(?2 AS BIGINT) IS NULL OR received <= ?2)"
	    " ORDER BY id", &s, err)))
		return rc;
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	return each_row(st, s, ref_one, &w, "can't list the cases", err);
}
