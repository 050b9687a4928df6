/*
 * store.h: the SQLite file that holds every case.
 *
 * All SQL lives in lib/store*.c, behind functions named for what they do
 * (store.c the connection, store_schema.c the migrations, then one file a
 * kind of row: store_cases.c, store_events.c, ...), so that another
 * database can later be a new module rather than a rewrite. Values are
 * always bound (sqlite3_bind_*): no user text is ever part of SQL.
 *
 * Writers call store_begin (BEGIN IMMEDIATE: the write lock up front), make
 * the change and its event rows, and store_commit; on any error,
 * store_rollback. A change and its trace are one transaction.
 */
#ifndef CPL_STORE_H
#define CPL_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "record.h"

struct store;

#define STORE_SCHEMA_VERSION 20

/* store_open's flags. */
#define STORE_CREATE	0x1	/* where there is no store, make a new one
				 * (see store_publish) */
#define STORE_AUDITED	0x2	/* the caller's reading is recorded where
				 * the store audits reading */
#define STORE_READ_ONLY	0x4	/* open to read only, even a store that
				 * could be written: nothing is written to
				 * its files (an older schema is refused,
				 * not upgraded) */

/*
 * Open the store at path, applying the migrations to the current schema.
 *
 * Its files must be fit to hold personal data (lib/store_files.c): the
 * database its owner's only, or shared with the group the store names;
 * the -wal, -shm and -journal files beside it alike, checked before
 * SQLite opens them and again once it has, before anything is written.
 * Every connection overwrites what it deletes (secure delete).
 *
 * A store that can't be written (a read-only file, directory or file
 * system) is opened read-only: reading works, and a write fails saying
 * why; so does the open when it would need a write (an older schema to
 * upgrade; STORE_AUDITED where reading is audited).
 *
 * With STORE_CREATE and no file at path, the store is new: made, empty,
 * under a temporary name beside path, to be filled and then put in place
 * by store_publish; closed before that, it is removed.
 */
int store_open(const char *path, int flags, struct store **out,
    struct cpl_error *err);
/* A new store (STORE_CREATE) not yet in place. */
int store_is_new(const struct store *st);
/*
 * Put a new store in place, whole: written into its one file, closed,
 * and linked to its name, which must still be free; *st is then NULL.
 * *taken: another process made a store there first; it is left as it is,
 * and this one removed.
 */
int store_publish(struct store **st, int *taken, struct cpl_error *err);
void store_close(struct store *st);

/* The group a store may be shared with: one this process belongs to (or
 * root): CPL_USAGE otherwise. */
int store_group_check(const char *group, struct cpl_error *err);
/*
 * Give the store's files (the database, and the -wal and -shm files when
 * there) group and mode 0660: shared with that group; *changed when they
 * were not so already. store_share_undo puts back the mode and group they
 * had, should the change that records it not commit.
 */
int store_share(struct store *st, const char *group, int *changed,
    struct cpl_error *err);
void store_share_undo(struct store *st);
/* How long a store opened from now on waits for another process's lock
 * (seconds; STORE_DEFAULT_WAIT unless set). */
#define STORE_DEFAULT_WAIT 120
void store_wait(int seconds);
/*
 * Who is told when a command has waited about a second for another
 * process's lock: fn gets one line, once a store, saying what it waits
 * for (which process holds the store and doing what, when the store can
 * know it). NULL (the default): nobody; the wait is silent.
 */
void store_wait_notice(void (*fn)(void *arg, const char *msg), void *arg);

int store_begin(struct store *st, struct cpl_error *err);
int store_commit(struct store *st, struct cpl_error *err);
void store_rollback(struct store *st);
/*
 * Have the next outermost commit call fn(arg, err) just before COMMIT
 * (after any index rebuild, and once the change's pages are written to
 * the log), once: what a command prints about its change is written out
 * while the change can still be undone, and when that fails (fn returns
 * non-zero, err set) the change is rolled back and store_commit returns
 * fn's error. Only the COMMIT itself (one more page written) can fail
 * after fn. A rollback leaves fn waiting for the next commit.
 */
void store_before_commit(struct store *st,
    int (*fn)(void *arg, struct cpl_error *err), void *arg);
/* How many writes this connection has committed (an upgrade on open
 * included). */
long store_commits(const struct store *st);
/* Set up the connection for many writes in one transaction (an import):
 * more of the store's pages kept in memory (SQLite); the writes whose
 * results are not read sent without waiting for each reply, until
 * store_commit or store_rollback (PostgreSQL: sql_defer_begin). */
int store_bulk_writes(struct store *st, struct cpl_error *err);
/*
 * As store_begin, for a batch into a store with no case yet that can do
 * without it (an import that can read its file twice instead, the first
 * time with no lock): the write begins only if its lock is free now, with
 * no wait, and the store holds no case then. The references of the rows
 * the batch writes (a case's words and policy text, a stage's or an
 * event's case) are then checked once, before it commits, by one scan of
 * the tables, rather than by a lookup in each row's statement: a row that
 * refers to nothing fails the commit. *taken: 1 if the write began; 0 if
 * another holds the lock, the store has a case, or it is a server's.
 */
int store_begin_if_empty(struct store *st, int *taken,
    struct cpl_error *err);
/*
 * Inside a batch's transaction, between its writes: drop the indexes that
 * only reports, lists and restrictions read (never a write's own checks),
 * to be built again, in one sort each, when the transaction commits. A
 * rollback brings them back as they were. Worth it only when the batch
 * adds at least as many cases as the store holds: the rebuild reads the
 * whole table.
 */
int store_defer_indexes(struct store *st, struct cpl_error *err);
/* Inside a read or a write: a number that differs from the one read in an
 * earlier transaction of this connection when another connection has
 * committed a change to the store in between, and is the same when none
 * has (a batch that checked its rows first knows then that what it found
 * still holds). On a file exactly so; on a server it differs too when
 * anything else on the server committed (see store.c). */
int store_version(struct store *st, int64_t *version, struct cpl_error *err);
/* The highest case id given so far (0 for an empty store): as many cases
 * as the store holds, or more (purged cases keep their rows). */
int store_last_case_id(struct store *st, int64_t *id, struct cpl_error *err);
/* A read that must see one consistent snapshot (a report, an export): all
 * queries between these see the store as it was at the first of them,
 * whatever officers write meanwhile, and block no writer. */
int store_read_begin(struct store *st, struct cpl_error *err);
void store_read_end(struct store *st);

/* Settings: key/value; *value is NULL (and 0 returned) when not set. */
int store_get_setting(struct store *st, const char *key, char **value,
    struct cpl_error *err);
int store_set_setting(struct store *st, const char *key, const char *value,
    struct cpl_error *err);

/* The id of this policy text, adding it if new (*found: it was there). */
int store_policy_version(struct store *st, const char *policy,
    const char *text, int64_t *version, int *found, struct cpl_error *err);
/* 1 in *known if a case was ever logged under policy id. */
int store_policy_known(struct store *st, const char *id, int *known,
    struct cpl_error *err);
int store_policy_text(struct store *st, int64_t version, char **text,
    struct cpl_error *err);

/* The next number for PREFIX-YEAR references (call inside a write). */
int store_next_ref_number(struct store *st, const char *prefix, int year,
    int *number, struct cpl_error *err);
/* The last number given to a case PREFIX-YEAR-N, or 0: none yet (what
 * store_next_ref_number goes on from). */
int store_last_ref_number(struct store *st, const char *prefix, int year,
    int *last, struct cpl_error *err);
/* Record last as the last number given to a case PREFIX-YEAR-N (a batch
 * that numbered its cases itself, from store_last_ref_number, inside one
 * write). */
int store_set_ref_number(struct store *st, const char *prefix, int year,
    int last, struct cpl_error *err);
/* 1 if a case has this external reference. */
int store_external_ref_exists(struct store *st, const char *external_ref,
    int *exists, struct cpl_error *err);

/*
 * A case file's rows are written in one go (case_write, lib/case_file.c):
 * a new case's rows each inserted once in their final state, a stored
 * case's changed rows each updated once, inside a write (store_begin).
 */
/* A new case's row, as it is after every action on it (closed or not);
 * sets c->id. */
/* A batch's writer (an import, inside its write) expects to add up to n
 * new cases more: on a server their ids are then taken from the
 * identity up to 1,000 at a time, in one statement, and each case's
 * insert is sent without waiting for its reply (sql_defer_begin), as
 * its stages' and events' are; the ids left when the write ends are
 * never used. Nothing on a file, whose insert costs no round trip. */
void store_expect_cases(struct store *st, long n);
int store_insert_case(struct store *st, struct case_rec *c,
    struct cpl_error *err);
/* CPL_REFUSED "no case 'REF'" when it is not there. */
int store_find_case(struct store *st, const char *ref, struct case_rec *c,
    struct cpl_error *err);
/*
 * Lock a stored case against every other write until this one ends
 * (lib/store_locks.c), inside a write, before reading anything the write
 * decides on: another officer's write of the case waits, and reads it as
 * this one leaves it. A write on SQLite holds the whole file already:
 * nothing to do there, nor in a read. store_locks_cases: whether a lock
 * is taken, so the case must be read again after it (what was read
 * before may have changed). store_lock_cases locks n cases in the order
 * of their ids, so that two writes of many cases never wait for each
 * other.
 */
int store_locks_cases(const struct store *st);
int store_lock_case(struct store *st, int64_t case_id,
    struct cpl_error *err);
int store_lock_cases(struct store *st, const int64_t *ids, int n,
    struct cpl_error *err);
/* The day a stored case was closed, and why, or (NO_DATE, NULL) open
 * again. */
int store_set_closed(struct store *st, int64_t case_id, cpl_date closed,
    const char *reason, struct cpl_error *err);
/* A stage's row as it is: every column, inserted once (a new stage). */
int store_insert_stage(struct store *st, int64_t case_id,
    const struct stage_rec *s, struct cpl_error *err);
/* A stored stage's row brought up to date: who handles it, when it was
 * acknowledged and answered, how and by whom; one statement. */
int store_update_stage(struct store *st, int64_t case_id,
    const struct stage_rec *s, struct cpl_error *err);
/* Every stage of a case, stage 1 first, with extensions and texts. */
int store_stages(struct store *st, int64_t case_id, struct stage_rec **out,
    int *n, struct cpl_error *err);
void store_stages_free(struct stage_rec *s, int n);
int store_add_extension(struct store *st, int64_t case_id, int stage,
    const struct extension_rec *e, struct cpl_error *err);
/* kind: "remedy" or "learning". */
int store_add_stage_text(struct store *st, int64_t case_id, int stage,
    const char *kind, const char *text, struct cpl_error *err);

/* The events e[0..n-1] of case case_id (their date, officer, action,
 * stage and detail), in that order, as store_add_event writes each: on
 * SQLite several to a statement. */
int store_add_events(struct store *st, int64_t case_id,
    const struct event_rec *e, int n, struct cpl_error *err);
/* The trace of a change; case_id 0 for changes to the store itself. */
int store_add_event(struct store *st, int64_t case_id, int stage,
    cpl_date date, const char *officer, const char *action,
    const char *detail, struct cpl_error *err);
/* The trace of a change to restriction restriction_id (its making,
 * its lifting): an event of the store, not of a case, that the purge
 * finds by the restriction (and empties of its complainant's name). */
int store_add_restriction_event(struct store *st, int64_t restriction_id,
    cpl_date date, const char *officer, const char *action,
    const char *detail, struct cpl_error *err);
int store_events(struct store *st, int64_t case_id, struct event_rec **out,
    int *n, struct cpl_error *err);
void store_events_free(struct event_rec *e, int n);

/*
 * Amendments and corrections (lib/store_corrections.c), inside a write:
 * the trace of a changed field (e: an event whose field is set: action
 * "amended" or "corrected"), and the rows that change.
 */
int store_add_correction(struct store *st, int64_t case_id,
    const struct event_rec *e, struct cpl_error *err);
/* A case's events in the order they were recorded, whatever order
 * store_events gives them in (free with store_events_free). */
int store_events_recorded(struct store *st, int64_t case_id,
    struct event_rec **out, int *n, struct cpl_error *err);
/* A case's details as amend leaves them: its complainant, contact,
 * channel, service, category, summary, received, occurred and the end of
 * its overall clock (the keys of the names with them). */
int store_amend_case(struct store *st, const struct case_rec *c,
    struct cpl_error *err);
/* A stored stage's row as it now is, its opening too. */
int store_correct_stage(struct store *st, int64_t case_id,
    const struct stage_rec *s, struct cpl_error *err);
/* Extension number item (from 0, in the order made) of a stage: its days
 * and date as e has them. */
int store_correct_extension(struct store *st, int64_t case_id, int stage,
    int item, const struct extension_rec *e, struct cpl_error *err);
/* A stage's remedies or learning (kind "remedy", "learning") replaced by
 * texts. */
int store_set_stage_texts(struct store *st, int64_t case_id, int stage,
    const char *kind, char *const *texts, int n, struct cpl_error *err);

/* Restrictions on complainants (lib/store_restrictions.c). */
int store_add_restriction(struct store *st, struct restriction_rec *r,
    struct cpl_error *err);
/* Lift restriction id: CPL_REFUSED if there is none in force. */
int store_lift_restriction(struct store *st, int64_t id, cpl_date date,
    const char *reason, struct cpl_error *err);
/* The restrictions on complainant (all complainants when NULL), in force
 * only unless all is set, oldest first; free with store_restrictions_free. */
int store_restrictions(struct store *st, const char *complainant, int all,
    struct restriction_rec **out, int *n, struct cpl_error *err);
void store_restrictions_free(struct restriction_rec *r, int n);
/* The events of restriction restriction_id (its making, its lifting), in
 * the order they were recorded; free with store_events_free. */
int store_restriction_events(struct store *st, int64_t restriction_id,
    struct event_rec **out, int *n, struct cpl_error *err);
/* The complainant's name as their latest case spells it (matching in any
 * capitalisation), or *name NULL when no case names them. */
int store_complainant_name(struct store *st, const char *complainant,
    char **name, struct cpl_error *err);

/* The ombudsman stage (lib/store_referrals.c), with the remedy its
 * decision asks of the council (table ombudsman_remedies). */
int store_add_referral(struct store *st, int64_t case_id,
    struct referral_rec *r, struct cpl_error *err);
int store_set_referral(struct store *st, int64_t case_id,
    struct referral_rec *r, struct cpl_error *err);
/* An ombudsman's decision as the annual report lists it (valid during the
 * call only). */
struct decision_row {
	const char *ref, *service, *category;	/* service, category: NULL
						 * when none recorded */
	const char *body, *decision;
	cpl_date decided;
	const char *remedy;	/* NULL: none recorded ("" once purged) */
	cpl_date due, complied;	/* NO_DATE: none given, not yet */
};
/* Each decision made from..to, by day, then reference. */
int store_ombudsman_decisions(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const struct decision_row *r, void *arg), void *arg,
    struct cpl_error *err);
int store_referrals(struct store *st, int64_t case_id,
    struct referral_rec **out, int *n, struct cpl_error *err);
void store_referrals_free(struct referral_rec *r, int n);

/* A letter sent to the complainant, kept whole as it was sent. */
struct letter_rec {
	int stage;
	char *kind;		/* acknowledgement, holding-reply, ... */
	char *via;		/* email, post, hand, or NULL: not said */
	cpl_date sent;
	char *officer;		/* who sent it */
	char *text;		/* the letter, as plain text */
	char *recorded;		/* when its event was recorded */
	int64_t event_id;	/* its event, "letter-sent" */
};
int store_add_letter(struct store *st, int64_t case_id, int stage,
    const char *kind, const char *via, cpl_date sent, const char *officer,
    const char *text, struct cpl_error *err);
/* A case's letters, in the order sent. */
int store_letters(struct store *st, int64_t case_id, struct letter_rec **l,
    int *n, struct cpl_error *err);
void store_letters_free(struct letter_rec *l, int n);

/* The clock stops of a case's stages (lib/store_holds.c). A new hold
 * (its id set once written), a hold resumed (by its id), and every hold
 * of the case, appended to the holds of its stage (stages[0..n-1]), in
 * the order made. */
int store_add_hold(struct store *st, int64_t case_id, int stage,
    struct hold_rec *h, struct cpl_error *err);
int store_set_resumed(struct store *st, const struct hold_rec *h,
    struct cpl_error *err);
int store_holds(struct store *st, int64_t case_id, struct stage_rec *stages,
    int n, struct cpl_error *err);
/* The same for one stage of the case (one->stage). */
int store_stage_holds(struct store *st, int64_t case_id,
    struct stage_rec *one, struct cpl_error *err);

/* Each case received from..to (NO_DATE: no bound), in the order they were
 * logged; fn's non-zero return stops the walk and is returned.
 * (lib/store_cases.c) */
int store_case_refs(struct store *st, cpl_date from, cpl_date to,
    int (*fn)(const char *ref, void *arg), void *arg, struct cpl_error *err);

/* An audited export: note each case written (during the read), then
 * record an event for each, as officer on date (lib/store_events.c). */
int store_audit_note(struct store *st, int64_t case_id, int stage,
    struct cpl_error *err);
int store_audit_record(struct store *st, cpl_date date, const char *officer,
    const char *action, struct cpl_error *err);

/*
 * The case file's documents (lib/store_attachments.c). Each document's
 * bytes are kept once, by their SHA-256 (lowercase hex), whichever cases
 * keep a copy; a case's row names them.
 */
struct attachment_rec {
	int64_t id;		/* the row's, in the order added */
	char *name;		/* as the officer named it */
	char *media_type;	/* "application/pdf", ... */
	int64_t size;		/* bytes */
	char *sha256;		/* of the bytes, 64 lowercase hex digits */
	char *note;		/* why it is kept, or NULL */
	cpl_date date;		/* the day it came (--date) */
	char *recorded;		/* when it was added, UTC, ISO 8601 */
	char *officer;		/* who added it */
	int64_t event_id;	/* its event ("attached") */
};
void attachment_rec_free(struct attachment_rec *a);
/*
 * Reads the next n bytes of a document into buf (the piece from offset
 * on), for store_add_content; non-zero (err set) stops the copy.
 */
typedef int (*content_reader)(void *arg, void *buf, size_t n,
    int64_t offset, struct cpl_error *err);
/* *found: the store holds the bytes of sha256. */
int store_content_exists(struct store *st, const char *sha256, int *found,
    struct cpl_error *err);
/* Keep size bytes, read a piece at a time by read(arg, ...), as the
 * bytes of sha256 (not yet held), inside a write; memory stays bounded
 * whatever the size. */
int store_add_content(struct store *st, const char *sha256, int64_t size,
    content_reader read, void *arg, struct cpl_error *err);
/* A case's row for a document whose bytes (a->sha256) the store holds,
 * inside a write, just after its event ("attached"), the case's latest:
 * sets a->id, a->recorded and a->event_id. */
int store_add_attachment(struct store *st, int64_t case_id,
    struct attachment_rec *a, struct cpl_error *err);
/* The documents of a case, in the order added (free each with
 * attachment_rec_free, then the array). */
int store_attachments(struct store *st, int64_t case_id,
    struct attachment_rec **out, int *n, struct cpl_error *err);
/* The bytes of sha256, a piece at a time to write(arg, buf, n); its
 * non-zero return (err set) stops and is returned. CPL_STORE when the
 * store does not hold them. */
int store_content_write(struct store *st, const char *sha256,
    int (*write)(void *arg, const void *buf, size_t n,
    struct cpl_error *err), void *arg, struct cpl_error *err);

/* A note of a case (an event "note"). */
struct note_rec {
	int64_t event_id;
	cpl_date date;
	char *recorded, *officer, *text;
};
/* The notes of a case that still have their text, in the order
 * recorded (free with store_notes_free). */
int store_notes(struct store *st, int64_t case_id, struct note_rec **out,
    int *n, struct cpl_error *err);
void store_notes_free(struct note_rec *r, int n);

/* The retention purge (lib/store_purge.c). */
/* The policy versions of the closed cases not yet purged. */
int store_purge_versions(struct store *st, int64_t **versions, int *n,
    struct cpl_error *err);
/* The closed cases not yet purged, closed before a day, of one policy
 * version (0: any), oldest first. */
int store_purge_candidates(struct store *st, int64_t version,
    cpl_date before, int (*fn)(int64_t id, const char *ref,
    const char *policy, cpl_date closed, void *arg), void *arg,
    struct cpl_error *err);
/* Remove a case's personal data and free text, keeping its figures. */
int store_purge_case(struct store *st, int64_t case_id, cpl_date date,
    struct cpl_error *err);
/* Remove the restrictions on complainants no case names any more. */
int store_purge_restrictions(struct store *st, int *n,
    struct cpl_error *err);
/* The search index without the purged words, inside the purge's write:
 * on SQLite store_search_compact; on a server nothing more, since each
 * case's row of the index is made again from its texts as they change,
 * and the old row versions go at store_checkpoint's VACUUM. */
int store_purge_index(struct store *st, struct cpl_error *err);
/* Write the log into the database file and empty it. CPL_STORE when
 * another process reading the store keeps old pages in use (it may still
 * see them): what was committed stands, but old copies of its pages stay
 * in the files until a later checkpoint. */
int store_checkpoint(struct store *st, struct cpl_error *err);

/*
 * The order of a listing. store_list gives LIST_DUE's cases in the order
 * they were logged: what is due when is worked out in C, from the
 * calendar, and case_list (lib/case.c) sorts by it.
 */
enum list_order {
	LIST_DUE,		/* what is due next first (case_list) */
	LIST_RECEIVED,		/* by the day received, then as logged */
	LIST_REF,		/* by reference: prefix, year, then number,
				 * compared as numbers */
	LIST_RANK,		/* the best match of search first (bm25),
				 * then by reference */
};

/* Filters for store_list; NULL / 0 / NO_DATE means any. */
struct list_filter {
	const char *status;	/* open|closed */
	int stage;
	const char *kind, *policy, *service, *officer;
	cpl_date from, to;	/* received between */
	const char *complainant;	/* by its name key, as restrictions
					 * find their complainant */
	/* The reference matches, in any case of letters: "*" any run of
	 * characters, "?" any one; with neither, anywhere in it. */
	const char *ref_like;
	/* Every word of it is in the case's complainant, category, summary
	 * or notes, in any case of letters and accents; a word ending in
	 * "*" is the start of one (lib/store_search.c). */
	const char *search;
	/* The cases of the group of linked cases this reference is in, it
	 * among them (lib/store_links.c). */
	const char *linked;
	int discrimination;	/* complaints about discrimination only */
	enum list_order order;
};

/* One row of store_list: the case as a listing shows it, and its
 * current stage; its text is the store's, for the call of fn only. */
struct list_row {
	struct case_rec c;	/* its id, ref, policy and policy_version,
				 * kind, service, received and closed only */
	struct stage_rec s;	/* its number, officer, and what its
				 * deadlines are worked out from; ext_days
				 * set while the case is open */
};

/* Call fn for each case matching f, in f->order (LIST_DUE: as logged);
 * a non-zero return from fn stops the walk and is returned. */
int store_list(struct store *st, const struct list_filter *f,
    int (*fn)(const struct list_row *row, void *arg), void *arg,
    struct cpl_error *err);
/* fn for the case of id, as store_list has it (nothing when there is no
 * such case). */
int store_list_case(struct store *st, int64_t id,
    int (*fn)(const struct list_row *row, void *arg), void *arg,
    struct cpl_error *err);
/*
 * The open cases of complainant (by name key) about service (by its key;
 * NULL: the cases that name none), received from..to, but for case
 * except (0: none): fn(ref, received) for each, the latest received
 * first (lib/store_cases.c).
 */
int store_open_cases_of(struct store *st, const char *complainant,
    const char *service, cpl_date from, cpl_date to, int64_t except,
    int (*fn)(const char *ref, cpl_date received, void *arg), void *arg,
    struct cpl_error *err);
/*
 * On a server, where each read is a round trip: the open cases of
 * complainant (by name key) to be read with those of the other
 * complainants named before store_open_cases_read, in one statement, and
 * kept in memory; from then on store_open_cases_of answers for them from
 * memory, the cases store_insert_case adds included, until
 * store_open_cases_drop. For a batch that only adds cases (an import),
 * read while the store is as the batch's write finds it (the caller
 * drops them otherwise): another writer's cases, or a case closed since,
 * are not seen. Nothing on SQLite, whose reads cost no round trip.
 */
int store_open_cases_want(struct store *st, const char *complainant,
    struct cpl_error *err);
int store_open_cases_read(struct store *st, struct cpl_error *err);
void store_open_cases_drop(struct store *st);

/*
 * The search index (lib/store_search.c): the words of every case's
 * complainant, category, summary and notes, kept in step with them by
 * every write that changes them (in its transaction). After a purge has
 * taken text out of the cases, store_search_compact writes the index
 * anew, without the purged words, inside the purge's write: no copy of
 * them is left in the index's old pages (overwritten as they are freed).
 */
int store_search_compact(struct store *st, struct cpl_error *err);

/*
 * Write every row of every table of the store to out, as one snapshot:
 * table by table, each row a line, in key order, in a text form that
 * depends on the values only (lib/store_dump.c says it exactly), so that
 * two dumps are equal exactly when the stores hold the same. For tests:
 * proof that a refused command changed nothing. Writing out is the
 * caller's to check (ferror).
 */
int store_dump(struct store *st, FILE *out, struct cpl_error *err);

/*
 * The seeds' smaller rules a case keeps (lib/store_rules.c, table
 * case_rules): a row only for a case that has one of them.
 */
struct case_rules_rec {
	char *about_staff;	/* the officer the complaint is about, or
				 * NULL */
	int discrimination;	/* a complaint about discrimination */
	char *late_granted_by;	/* who accepted a late complaint, or NULL */
	int informal;		/* it was resolved informally, */
	cpl_date informal_on;	/* on this day */
};
void case_rules_rec_free(struct case_rules_rec *r);
/* A case's (all empty when it has none). */
int store_case_rules(struct store *st, int64_t case_id,
    struct case_rules_rec *r, struct cpl_error *err);
/* Write a case's as r has them (inside a write): the row replaced, or
 * removed when r holds nothing. */
int store_set_case_rules(struct store *st, int64_t case_id,
    const struct case_rules_rec *r, struct cpl_error *err);
/* Who decided restriction id (inside a write). */
int store_set_restriction_decider(struct store *st, int64_t id,
    const char *decided_by, struct cpl_error *err);

/*
 * complaints copy (lib/store_copy.c): every row of one store written into
 * another, table by table, with the same ids, so that the two dumps
 * (store_dump) are equal. The source is read in one snapshot
 * (store_read_begin) and the destination written in one write
 * (store_begin).
 */
/* store_open's flag for a store that is to be made by a copy: a
 * server's connected only, its schema neither made nor checked, for
 * store_copy_ready to do inside the copy's write; a file's of an older
 * schema opened as it stands, not upgraded, for store_copy_older to look
 * at first (a new file, or one of this schema: as without the flag). */
#define STORE_BARE	0x8
/* The rows of one table, counted on both sides once copied. */
struct copy_count {
	const char *table;	/* the table's name (static) */
	int64_t rows;		/* its rows, the same in both stores */
};
/*
 * *same: from and to are one store: the same file, or the same database
 * of a server (found by a lock from's snapshot holds, which to's write
 * can't take); from inside its read, to inside its write.
 */
int store_copy_same(struct store *from, struct store *to, int *same,
    struct cpl_error *err);
/*
 * Before the copy's write, on a file opened STORE_BARE whose schema is
 * older than this complaints uses: table (size bytes) names the first of
 * its tables that holds a row a new store does not have, read as the
 * file stands; "" where none does, and the schema is then brought up to
 * date, as any command's open would. table is "" for a store of this
 * schema, and on a server.
 */
int store_copy_older(struct store *to, char *table, size_t size,
    struct cpl_error *err);
/*
 * Inside a write on to: on a server opened STORE_BARE, the schema made
 * (an empty database) or brought up to date, under the schema's lock;
 * then *table: the first table holding a row a new store does not have
 * (NULL: to is as new).
 */
int store_copy_ready(struct store *to, const char **table,
    struct cpl_error *err);
/*
 * Inside a read of from and a write of to (as new: store_copy_ready):
 * every row of every table of from into to, the ids kept, the search
 * index made for them, a server's ids moved on past them; then each
 * table's rows counted on both sides, CPL_STORE where they differ. *counts
 * (malloc'ed, *n of them, the caller frees): the tables in the order
 * copied, with their rows.
 */
int store_copy_rows(struct store *from, struct store *to,
    struct copy_count **counts, int *n, struct cpl_error *err);

#endif
