/*
 * store_schema.c: the store's schema, by numbered migrations (see
 * store.h), and the check that a file is a store this complaints may
 * open.
 *
 * Schema (PRAGMA user_version counts the migrations applied; a date is a
 * day number from 1970-01-01, of type DATE, and recorded the milliseconds
 * since the epoch, of type TIMESTAMP, from migration 12):
 *   settings(key, value)                  the default policy, ...
 *   policy_versions(id, policy, body)     each policy text a case was logged under
 *   ref_numbers(prefix, year, last)       the last reference number given out
 *   cases(...)                            one row a case
 *   stages(case_id, stage, ...)           one row a stage a case has reached
 *   extensions(case_id, stage, days, ...) deadline extensions
 *   stage_texts(case_id, stage, kind, text)  remedies and learning
 *   events(case_id, stage, date, recorded, officer, action, detail,
 *          restriction_id)                the trace of every change
 *   (from migration 18, cases, stages and events are views of the tables
 *   case_rows, stage_rows and event_rows, which keep the ids of the
 *   words they repeat:)
 *   words(id, word, key)                  each word and name once
 *   restrictions(complainant, kind, ...)  contact restrictions on a complainant
 *   referrals(case_id, body, referred, reference, decision, decided)
 *                                         the ombudsman stage
 *   case_search(complainant, category, summary, notes)
 *                                         the words of each case (FTS5,
 *                                         over the view case_search_text)
 *   corrections(event_id, case_id, corrects, item, field, old_value,
 *     new_value, reason, personal)        what an amendment or a correction
 *                                         changed, beside its event
 *   attachment_content(sha256, size, data) each document's bytes, once
 *   attachments(case_id, content_id, name, media_type, note, date,
 *     recorded, officer, event_id)        the documents a case keeps
 *   actions(case_id, n, stage, what, owner, due, added, officer, done,
 *     done_by)                            outstanding actions after a response
 *   holds(case_id, stage, reason, held, until, resumed, officer,
 *     resumed_by)                         the clock stops of a stage
 *   links(case_id, grp, linked, officer, reason)
 *                                         the group of linked cases a
 *                                         case is in
 *   case_rules(case_id, about_staff, discrimination, late_granted_by,
 *     informal)                           the seeds' smaller rules, a case's
 *   restriction_deciders(restriction_id, decided_by)
 *                                         who decided a restriction
 *   letters(case_id, stage, kind, via, sent, officer, text, event_id)
 *                                         the letters sent
 *   ombudsman_remedies(referral_id, case_id, remedy, due, complied)
 *                                         what the ombudsman's decision
 *                                         asked of the council
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_schema_pg.h"

/* The search index's view of each case's words, and the triggers that keep
 * the index in step (migration 7; made again by migrations 17 and 18): of
 * the cases of table C and their events of table E, a note's action being
 * NOTE. */
#define SEARCH_TEXT_VIEW_OF(C, E, NOTE) \
	"CREATE VIEW case_search_text(id, complainant, category, summary, notes)" \
	"  AS SELECT c.id, c.complainant, c.category, c.summary," \
	"   (SELECT group_concat(e.detail, ' ') FROM " E " e" \
	"    WHERE e.case_id = c.id AND e.action = " NOTE ")" \
	"  FROM " C " c;"
#define SEARCH_TRIGGERS_OF(C, E, NOTE) \
	"CREATE TRIGGER case_search_logged AFTER INSERT ON " C " BEGIN" \
	"  INSERT INTO case_search(rowid, complainant, category, summary)" \
	"   VALUES (new.id, new.complainant, new.category, new.summary);" \
	" END;" \
	"CREATE TRIGGER case_search_changed" \
	"  AFTER UPDATE OF complainant, category, summary ON " C " BEGIN" \
	"  INSERT INTO case_search(case_search, rowid, complainant, category," \
	"   summary, notes) VALUES ('delete', old.id, old.complainant," \
	"   old.category, old.summary, (SELECT group_concat(e.detail, ' ')" \
	"    FROM " E " e WHERE e.case_id = old.id AND e.action = " NOTE "));" \
	"  INSERT INTO case_search(rowid, complainant, category, summary, notes)" \
	"   SELECT id, complainant, category, summary, notes" \
	"   FROM case_search_text WHERE id = new.id;" \
	" END;" \
	"CREATE TRIGGER case_search_noted AFTER INSERT ON " E "" \
	"  WHEN new.action = " NOTE " BEGIN" \
	"  INSERT INTO case_search(case_search, rowid, complainant, category," \
	"   summary, notes) SELECT 'delete', c.id, c.complainant, c.category," \
	"   c.summary, (SELECT group_concat(e.detail, ' ') FROM " E " e" \
	"    WHERE e.case_id = c.id AND e.action = " NOTE " AND e.id <> new.id)" \
	"   FROM " C " c WHERE c.id = new.case_id;" \
	"  INSERT INTO case_search(rowid, complainant, category, summary, notes)" \
	"   SELECT id, complainant, category, summary, notes" \
	"   FROM case_search_text WHERE id = new.case_id;" \
	" END;" \
	"CREATE TRIGGER case_search_note_changed" \
	"  AFTER UPDATE OF detail ON " E " WHEN old.action = " NOTE " BEGIN" \
	"  INSERT INTO case_search(case_search, rowid, complainant, category," \
	"   summary, notes) SELECT 'delete', c.id, c.complainant, c.category," \
	"   c.summary, (SELECT group_concat(CASE WHEN e.id = old.id" \
	"    THEN old.detail ELSE e.detail END, ' ') FROM " E " e" \
	"    WHERE e.case_id = c.id AND e.action = " NOTE ")" \
	"   FROM " C " c WHERE c.id = old.case_id;" \
	"  INSERT INTO case_search(rowid, complainant, category, summary, notes)" \
	"   SELECT id, complainant, category, summary, notes" \
	"   FROM case_search_text WHERE id = old.case_id;" \
	" END;"

#define SEARCH_TEXT_VIEW SEARCH_TEXT_VIEW_OF("cases", "events", "'note'")
#define SEARCH_TRIGGERS SEARCH_TRIGGERS_OF("cases", "events", "'note'")

/* Migration 12's conversions of a column x: a date "YYYY-MM-DD" to its
 * day number from 1970-01-01; a time "YYYY-MM-DDTHH:MM:SS.mmmZ" to its
 * milliseconds since the epoch. Any other value is kept as it is. */
#define DAYS(x) "CASE WHEN date(" x ") IS " x \
	" THEN CAST(julianday(" x ") - 2440587.5 AS INTEGER) ELSE " x " END"
#define MS(x) "CASE WHEN " x " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-" \
	"[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'" \
	" AND strftime('%Y-%m-%dT%H:%M:%fZ', " x ") IS " x \
	" THEN CAST(julianday(substr(" x ", 1, 10)) - 2440587.5 AS INTEGER)" \
	" * 86400000 + substr(" x ", 12, 2) * 3600000" \
	" + substr(" x ", 15, 2) * 60000 + substr(" x ", 18, 2) * 1000" \
	" + substr(" x ", 21, 3) ELSE " x " END"

/* Migration N brings the schema from version N-1 to N. Never edit one that
 * has shipped: add the next. */
static const char *const migrations[] = {
	/* 1: the case lifecycle */
	"CREATE TABLE settings("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE policy_versions("
	"  id INTEGER PRIMARY KEY,"
	"  policy TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  added TEXT NOT NULL"
	");"
	"CREATE INDEX policy_versions_policy ON policy_versions(policy);"
	"CREATE TABLE ref_numbers("
	"  prefix TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  last INTEGER NOT NULL,"
	"  PRIMARY KEY(prefix, year)"
	") WITHOUT ROWID;"
	"CREATE TABLE cases("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  policy TEXT NOT NULL,"
	"  policy_version INTEGER NOT NULL REFERENCES policy_versions(id),"
	"  kind TEXT NOT NULL CHECK (kind IN"
	"    ('complaint','comment','compliment','service-request')),"
	"  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),"
	"  complainant TEXT,"
	"  contact TEXT,"
	"  on_behalf_of TEXT,"
	"  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
	"  channel TEXT,"
	"  service TEXT,"
	"  category TEXT,"
	"  summary TEXT,"
	"  received TEXT NOT NULL,"
	"  occurred TEXT,"
	"  external_ref TEXT UNIQUE,"
	"  logged_by TEXT NOT NULL,"
	"  closed TEXT,"
	"  close_reason TEXT,"
	"  CHECK ((closed IS NULL) = (close_reason IS NULL))"
	");"
	"CREATE INDEX cases_received ON cases(received);"
	"CREATE TABLE stages("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  stage INTEGER NOT NULL CHECK (stage >= 1),"
	"  opened TEXT NOT NULL,"
	"  officer TEXT,"
	"  ack_days INTEGER NOT NULL,"
	"  respond_days INTEGER NOT NULL,"
	"  respond_from TEXT NOT NULL CHECK (respond_from IN"
	"    ('opened', 'acknowledged')),"
	"  respond_target INTEGER NOT NULL,"
	"  acknowledged TEXT,"
	"  responded TEXT,"
	"  responded_by TEXT,"
	"  outcome TEXT CHECK (outcome IN"
	"    ('upheld', 'partly-upheld', 'not-upheld')),"
	"  escalation_reason TEXT,"
	"  PRIMARY KEY(case_id, stage)"
	") WITHOUT ROWID;"
	"CREATE TABLE extensions("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  days INTEGER NOT NULL CHECK (days > 0),"
	"  reason TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"CREATE INDEX extensions_stage ON extensions(case_id, stage);"
	"CREATE TABLE stage_texts("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('remedy', 'learning')),"
	"  text TEXT NOT NULL,"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"CREATE INDEX stage_texts_stage ON stage_texts(case_id, stage);"
	"CREATE TABLE events("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  stage INTEGER,"
	"  date TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT"
	");"
	"CREATE INDEX events_case ON events(case_id);",

	/* 2: every rule of the seed policies */
	/* Why a complaint past the policy's time limit, or in a category the
	 * policy excludes, was accepted all the same. */
	"ALTER TABLE cases ADD COLUMN late_reason TEXT;"
	"ALTER TABLE cases ADD COLUMN accepted_anyway TEXT;"
	/* The overall clock (receipt to resolution) in calendar weeks, fixed
	 * when the case is logged, so reports can count it in SQL. */
	"ALTER TABLE cases ADD COLUMN resolve_due TEXT;"
	"CREATE INDEX cases_complainant ON cases(complainant COLLATE NOCASE);"
	/* The complainant was told of the extension (and why). */
	"ALTER TABLE extensions ADD COLUMN told INTEGER NOT NULL DEFAULT 0"
	"  CHECK (told IN (0, 1));"
	/* Restrictions on an unreasonably persistent or vexatious complainant,
	 * shown on every case of theirs until lifted. */
	"CREATE TABLE restrictions("
	"  id INTEGER PRIMARY KEY,"
	"  complainant TEXT NOT NULL COLLATE NOCASE,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT,"
	"  reason TEXT NOT NULL,"
	"  imposed TEXT NOT NULL,"
	"  review TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  lifted TEXT,"
	"  lifted_reason TEXT,"
	"  CHECK ((lifted IS NULL) = (lifted_reason IS NULL))"
	");"
	"CREATE INDEX restrictions_complainant ON restrictions(complainant);"
	/* The ombudsman stage, after the policy's last stage. */
	"CREATE TABLE referrals("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  body TEXT NOT NULL,"
	"  referred TEXT NOT NULL,"
	"  reference TEXT,"
	"  decision TEXT,"
	"  decided TEXT,"
	"  officer TEXT NOT NULL,"
	"  CHECK ((decision IS NULL) = (decided IS NULL))"
	");"
	"CREATE INDEX referrals_case ON referrals(case_id);",

	/* 3: reports. report overdue reads the open cases only;
	 * report summary and annual read the stages opened, the responses
	 * sent, the referrals made and the cases refused in a period. */
	"CREATE INDEX cases_open ON cases(id) WHERE closed IS NULL;"
	"CREATE INDEX stages_opened ON stages(opened);"
	"CREATE INDEX stages_responded ON stages(responded)"
	"  WHERE responded IS NOT NULL;"
	"CREATE INDEX referrals_referred ON referrals(referred);"
	"CREATE INDEX cases_refused ON cases(received)"
	"  WHERE close_reason IN ('out-of-scope', 'refused');",

	/* 4: the retention purge: the day a closed case's personal
	 * data was removed; its figures stay for the reports. */
	("ALTER TABLE cases ADD COLUMN purged TEXT;"
	"CREATE INDEX cases_closed ON cases(closed) WHERE purged IS NULL;"),

	/* 5: a complainant is found by a key of their name (name_key: the
	 * spaces around it dropped, the letters in lower case, accented and
	 * Greek and Cyrillic ones too, which SQLite's NOCASE leaves), so a
	 * restriction on "Siân Jones" shows on the case of "SIÂN JONES".
	 * The rows already stored get SQLite's ASCII lower case here, and
	 * their keys in C from migration 6. */
	"ALTER TABLE cases ADD COLUMN complainant_key TEXT;"
	"UPDATE cases SET complainant_key = lower(trim(complainant));"
	"DROP INDEX cases_complainant;"
	"CREATE INDEX cases_complainant_key ON cases(complainant_key);"
	"ALTER TABLE restrictions ADD COLUMN complainant_key TEXT;"
	"UPDATE restrictions SET complainant_key = lower(trim(complainant));"
	"DROP INDEX restrictions_complainant;"
	"CREATE INDEX restrictions_complainant_key"
	"  ON restrictions(complainant_key);",

	/* 6: what the lists and reports compare, kept with the row when it
	 * is written, so no SQL needs the C rule: the keys of the service's,
	 * the stage's officer's and its responder's names (name_key), and
	 * the restriction an event is about (the purge takes those events'
	 * names with it). The rows already stored get theirs from
	 * fill_keys below, and every name key is worked out again in C
	 * (migration 5 gave the complainants SQLite's ASCII lower case). */
	"ALTER TABLE cases ADD COLUMN service_key TEXT;"
	"ALTER TABLE stages ADD COLUMN officer_key TEXT;"
	"ALTER TABLE stages ADD COLUMN responded_by_key TEXT;"
	"ALTER TABLE events ADD COLUMN restriction_id INTEGER;"
	"CREATE INDEX events_restriction ON events(restriction_id)"
	"  WHERE restriction_id IS NOT NULL;",

	/* 7: finding a case. list --search: an FTS5 index of the words of
	 * each case's complainant, category, summary and notes (its row id
	 * the case's), whose text stays in the tables (external content:
	 * the view case_search_text). An external-content index is told
	 * what it held to take it out, so triggers keep it in step: they see
	 * the old values as the row changes, and every write of those
	 * columns, whichever function makes it (log, import, note, the
	 * purge, a correction), updates the index in its own transaction
	 * without having to know of it. A case's notes are one text: the
	 * note events' details, joined. The stores already there get their
	 * index built from their cases ('rebuild'). log's warning of an
	 * open case of the same complainant reads the open cases by
	 * complainant (an index no import drops: it holds the open cases
	 * only, so costs a bulk import of closed cases nothing). */
	SEARCH_TEXT_VIEW
	"CREATE VIRTUAL TABLE case_search USING fts5(complainant, category,"
	"  summary, notes, content = 'case_search_text', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	SEARCH_TRIGGERS
	"INSERT INTO case_search(case_search) VALUES ('rebuild');"
	"CREATE INDEX cases_open_complainant ON cases(complainant_key)"
	"  WHERE closed IS NULL;",
	/* 8: a case's details amended and its recorded actions corrected
	 * (complaints amend, correct): each changed field is an event
	 * (action 'amended' or 'corrected') and, beside it, this row of the
	 * field, its old and new values and why, so nothing is overwritten
	 * without a trace. corrects: the kind of action corrected (NULL: a
	 * detail of the case); item: which extension of its stage (from 1). */
	"CREATE TABLE corrections("
	"  event_id INTEGER PRIMARY KEY REFERENCES events(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  corrects TEXT CHECK (corrects IN"
	"    ('ack', 'respond', 'extend', 'escalate', 'close')),"
	"  item INTEGER,"
	"  field TEXT NOT NULL,"
	"  old_value TEXT,"
	"  new_value TEXT,"
	"  reason TEXT NOT NULL,"
	/* the values are personal data (a name, contact details, a
	 * summary, a remedy): the retention purge removes them */
	"  personal INTEGER NOT NULL CHECK (personal IN (0, 1))"
	");"
	"CREATE INDEX corrections_case ON corrections(case_id);",
	/* 9: the case file's documents (complaints attach): the bytes of
	 * each document once, by their SHA-256, however many cases keep a
	 * copy (attachment_content; a rowid table, so the bytes are written
	 * and read a piece at a time, sqlite3_blob_open), and one row a
	 * document a case keeps, with its name, media type, size, why it was
	 * kept, the day it came, who added it, and its event ("attached"), whose
	 * place in the history is the document's place in the case file. */
	"CREATE TABLE attachment_content("
	"  id INTEGER PRIMARY KEY,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  size INTEGER NOT NULL CHECK (size >= 0),"
	"  data BLOB NOT NULL"
	");"
	"CREATE TABLE attachments("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  content_id INTEGER NOT NULL REFERENCES attachment_content(id),"
	"  name TEXT NOT NULL,"
	"  media_type TEXT NOT NULL,"
	"  note TEXT,"
	"  date TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id)"
	");"
	"CREATE INDEX attachments_case ON attachments(case_id);"
	"CREATE INDEX attachments_content ON attachments(content_id);",
	/* 10: the letters sent to a complainant (complaints letter --sent),
	 * each kept whole, as sent: personal data, which the retention
	 * purge removes with the case's. via: how it went, or NULL. Its
	 * event ("letter-sent") places it in the case file. */
	"CREATE TABLE letters("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  stage INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  via TEXT CHECK (via IN ('email', 'post', 'hand')),"
	"  sent TEXT NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id)"
	");"
	"CREATE INDEX letters_case ON letters(case_id);",
	/* 11: lists by index. list composes its statement of the filters
	 * given (lib/store_cases.c), so each reads the cases through its
	 * own index: an officer's cases (list --officer, --mine) through
	 * the stages of the officer, each checked to be its case's current
	 * one by a look-up in the stages' key. And the planner's statistics
	 * (sqlite_stat1), which a write of many rows brings up to date
	 * (store_commit), for the rows already stored. */
	"CREATE INDEX stages_officer ON stages(officer_key);"
	"ANALYZE;",
	/* 12: the outstanding actions of a case (complaints action): what
	 * the council undertook to do after its response (seed 000 §6,
	 * stage 2: "details of any outstanding actions"; 003: outcomes
	 * "implemented within the indicated timescale"), numbered within
	 * the case (n), the stage whose response it follows, who carries it
	 * out (owner, and its name key), the day it is due, the day it was
	 * undertaken and who recorded it, and the day it was done (NULL:
	 * open). what is personal data: the retention purge removes it. */
	"CREATE TABLE actions("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  n INTEGER NOT NULL CHECK (n >= 1),"
	"  stage INTEGER NOT NULL CHECK (stage >= 1),"
	"  what TEXT,"
	"  owner TEXT,"
	"  owner_key TEXT,"
	"  due DATE NOT NULL,"
	"  added DATE NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  done DATE,"
	"  done_by TEXT,"
	"  CHECK ((done IS NULL) = (done_by IS NULL)),"
	"  PRIMARY KEY(case_id, n)"
	") WITHOUT ROWID;"
	"CREATE INDEX actions_open ON actions(due) WHERE done IS NULL;"
	"CREATE INDEX actions_owner ON actions(owner_key);"
	"CREATE INDEX actions_added ON actions(added);",
	/* 13: the clock stops (complaints hold, resume): one row a hold on
	 * a stage, with why (a word of hold_reasons), the day the clock
	 * stopped, the day it is expected to resume (or NULL), and the day
	 * it resumed (NULL while it holds). A stage has one hold in force at
	 * most (holds_in_force); report overdue reads those, and the
	 * reports the holds begun in their period. */
	"CREATE TABLE holds("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  held DATE NOT NULL,"
	"  until DATE,"
	"  resumed DATE,"
	"  officer TEXT NOT NULL,"
	"  resumed_by TEXT,"
	"  CHECK ((resumed IS NULL) = (resumed_by IS NULL)),"
	"  CHECK (resumed IS NULL OR resumed >= held),"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"CREATE INDEX holds_stage ON holds(case_id, stage);"
	"CREATE UNIQUE INDEX holds_in_force ON holds(case_id)"
	"  WHERE resumed IS NULL;"
	"CREATE INDEX holds_held ON holds(held);",
	/* 14: linked cases (complaints link, unlink): several complaints
	 * about the same issue, investigated together and answered in one
	 * response (seed 002 §7). A case is in one group at most; grp is
	 * the group's number, the same for each of its cases; linked: the
	 * day it joined, by whom and why. Its events ("linked",
	 * "unlinked") are the trace. */
	"CREATE TABLE links("
	"  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
	"  grp INTEGER NOT NULL CHECK (grp > 0),"
	"  linked DATE NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  reason TEXT"
	");"
	"CREATE INDEX links_group ON links(grp);",
	/* 15: the smaller rules of the seeds, a row a case that has one:
	 * the officer a complaint is about (personal data, which the
	 * retention purge removes), a complaint about discrimination (for
	 * monitoring), who granted a late complaint, and the day a
	 * complaint was resolved informally. And who decided a restriction
	 * on a complainant. */
	"CREATE TABLE case_rules("
	"  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
	"  about_staff TEXT,"
	"  discrimination INTEGER NOT NULL DEFAULT 0"
	"    CHECK (discrimination = 0 OR discrimination = 1),"
	"  late_granted_by TEXT,"
	"  informal DATE"
	");"
	"CREATE TABLE restriction_deciders("
	"  restriction_id INTEGER PRIMARY KEY REFERENCES restrictions(id),"
	"  decided_by TEXT NOT NULL"
	");",
	/* 16: what the ombudsman's decision asks of the council, as its
	 * annual review letter counts it: the remedy recommended, the day
	 * it is due (NULL: none given) and the day the council complied
	 * (NULL: not yet). One row a referral; the remedy is personal data,
	 * which the retention purge removes. */
	"CREATE TABLE ombudsman_remedies("
	"  referral_id INTEGER PRIMARY KEY REFERENCES referrals(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  remedy TEXT NOT NULL,"
	"  due DATE,"
	"  complied DATE"
	");"
	"CREATE INDEX ombudsman_remedies_case ON ombudsman_remedies(case_id);",
	/* 17: a smaller store. Every table with a date is made again
	 * (SQLite's way to change a column: a new table, its rows copied,
	 * the old one dropped, the new one renamed, its indexes, triggers
	 * and views made again; foreign keys are not enforced while it runs
	 * and are checked after it, schema_upgrade): a date is its day
	 * number from 1970-01-01 (type DATE, so SQLite keeps it an
	 * integer), the time an event or a document was recorded its
	 * milliseconds since the epoch (type TIMESTAMP), a stage's clock
	 * 0 (from the day it opened) or 1 (from the acknowledgement), and a
	 * case's policy is that of its policy text (policy_versions), not
	 * written again in every case. A value that is not of the form
	 * converted (none is, but a store edited by hand) is kept as it
	 * was. The checks of one of a few words are chains of "=" (an IN
	 * list is a table SQLite makes again for every row written). The
	 * search index keeps its rows: the ids and the words are the same. */
	"DROP TRIGGER case_search_logged;"
	"DROP TRIGGER case_search_changed;"
	"DROP TRIGGER case_search_noted;"
	"DROP TRIGGER case_search_note_changed;"
	"DROP VIEW case_search_text;"
	"CREATE TABLE new_cases("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  policy_version INTEGER NOT NULL REFERENCES policy_versions(id),"
	"  kind TEXT NOT NULL CHECK (kind = 'complaint' OR kind = 'comment'"
	"    OR kind = 'compliment' OR kind = 'service-request'),"
	"  anonymous INTEGER NOT NULL CHECK (anonymous = 0 OR anonymous = 1),"
	"  complainant TEXT,"
	"  contact TEXT,"
	"  on_behalf_of TEXT,"
	"  consent INTEGER NOT NULL CHECK (consent = 0 OR consent = 1),"
	"  channel TEXT,"
	"  service TEXT,"
	"  category TEXT,"
	"  summary TEXT,"
	"  received DATE NOT NULL,"
	"  occurred DATE,"
	"  external_ref TEXT UNIQUE,"
	"  logged_by TEXT NOT NULL,"
	"  closed DATE,"
	"  close_reason TEXT,"
	"  late_reason TEXT,"
	"  accepted_anyway TEXT,"
	"  resolve_due DATE,"
	"  purged DATE,"
	"  complainant_key TEXT,"
	"  service_key TEXT,"
	"  CHECK ((closed IS NULL) = (close_reason IS NULL))"
	");"
	"INSERT INTO new_cases(id, ref, policy_version, kind, anonymous,"
	"  complainant, contact, on_behalf_of, consent, channel, service,"
	"  category, summary, received, occurred, external_ref, logged_by,"
	"  closed, close_reason, late_reason, accepted_anyway, resolve_due,"
	"  purged, complainant_key, service_key)"
	" SELECT id, ref, policy_version, kind, anonymous, complainant,"
	"  contact, on_behalf_of, consent, channel, service, category, summary,"
	"  " DAYS("received") ", " DAYS("occurred") ", external_ref, logged_by,"
	"  " DAYS("closed") ", close_reason, late_reason, accepted_anyway,"
	"  " DAYS("resolve_due") ", " DAYS("purged") ", complainant_key,"
	"  service_key FROM cases ORDER BY id;"
	"DROP TABLE cases;"
	"ALTER TABLE new_cases RENAME TO cases;"
	"CREATE TABLE new_stages("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  stage INTEGER NOT NULL CHECK (stage >= 1),"
	"  opened DATE NOT NULL,"
	"  officer TEXT,"
	"  ack_days INTEGER NOT NULL,"
	"  respond_days INTEGER NOT NULL,"
	"  respond_from INTEGER NOT NULL"
	"    CHECK (respond_from = 0 OR respond_from = 1),"
	"  respond_target INTEGER NOT NULL,"
	"  acknowledged DATE,"
	"  responded DATE,"
	"  responded_by TEXT,"
	"  outcome TEXT CHECK (outcome = 'upheld' OR outcome = 'partly-upheld'"
	"    OR outcome = 'not-upheld'),"
	"  escalation_reason TEXT,"
	"  officer_key TEXT,"
	"  responded_by_key TEXT,"
	"  PRIMARY KEY(case_id, stage)"
	") WITHOUT ROWID;"
	"INSERT INTO new_stages SELECT case_id, stage, " DAYS("opened") ","
	"  officer, ack_days, respond_days, CASE respond_from"
	"  WHEN 'acknowledged' THEN 1 WHEN 'opened' THEN 0"
	"  ELSE respond_from END,"
	"  respond_target, " DAYS("acknowledged") ", " DAYS("responded") ","
	"  responded_by, outcome, escalation_reason, officer_key,"
	"  responded_by_key FROM stages;"
	"DROP TABLE stages;"
	"ALTER TABLE new_stages RENAME TO stages;"
	"CREATE TABLE new_extensions("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  days INTEGER NOT NULL CHECK (days > 0),"
	"  reason TEXT NOT NULL,"
	"  date DATE NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  told INTEGER NOT NULL DEFAULT 0 CHECK (told = 0 OR told = 1),"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"INSERT INTO new_extensions SELECT id, case_id, stage, days, reason,"
	"  " DAYS("date") ", officer, told FROM extensions ORDER BY id;"
	"DROP TABLE extensions;"
	"ALTER TABLE new_extensions RENAME TO extensions;"
	"CREATE TABLE new_stage_texts("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL,"
	"  stage INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind = 'remedy' OR kind = 'learning'),"
	"  text TEXT NOT NULL,"
	"  FOREIGN KEY(case_id, stage) REFERENCES stages(case_id, stage)"
	");"
	"INSERT INTO new_stage_texts SELECT id, case_id, stage, kind, text"
	"  FROM stage_texts ORDER BY id;"
	"DROP TABLE stage_texts;"
	"ALTER TABLE new_stage_texts RENAME TO stage_texts;"
	"CREATE TABLE new_events("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  stage INTEGER,"
	"  date DATE NOT NULL,"
	"  recorded TIMESTAMP NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT,"
	"  restriction_id INTEGER"
	");"
	"INSERT INTO new_events SELECT id, case_id, stage, " DAYS("date") ","
	"  " MS("recorded") ", officer, action, detail, restriction_id"
	"  FROM events ORDER BY id;"
	"DROP TABLE events;"
	"ALTER TABLE new_events RENAME TO events;"
	"CREATE TABLE new_restrictions("
	"  id INTEGER PRIMARY KEY,"
	"  complainant TEXT NOT NULL COLLATE NOCASE,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT,"
	"  reason TEXT NOT NULL,"
	"  imposed DATE NOT NULL,"
	"  review DATE NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  lifted DATE,"
	"  lifted_reason TEXT,"
	"  complainant_key TEXT,"
	"  CHECK ((lifted IS NULL) = (lifted_reason IS NULL))"
	");"
	"INSERT INTO new_restrictions SELECT id, complainant, kind, detail,"
	"  reason, " DAYS("imposed") ", " DAYS("review") ", officer,"
	"  " DAYS("lifted") ", lifted_reason, complainant_key"
	"  FROM restrictions ORDER BY id;"
	"DROP TABLE restrictions;"
	"ALTER TABLE new_restrictions RENAME TO restrictions;"
	"CREATE TABLE new_referrals("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  body TEXT NOT NULL,"
	"  referred DATE NOT NULL,"
	"  reference TEXT,"
	"  decision TEXT,"
	"  decided DATE,"
	"  officer TEXT NOT NULL,"
	"  CHECK ((decision IS NULL) = (decided IS NULL))"
	");"
	"INSERT INTO new_referrals SELECT id, case_id, body,"
	"  " DAYS("referred") ", reference, decision, " DAYS("decided") ","
	"  officer FROM referrals ORDER BY id;"
	"DROP TABLE referrals;"
	"ALTER TABLE new_referrals RENAME TO referrals;"
	"CREATE TABLE new_corrections("
	"  event_id INTEGER PRIMARY KEY REFERENCES events(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  corrects TEXT CHECK (corrects = 'ack' OR corrects = 'respond'"
	"    OR corrects = 'extend' OR corrects = 'escalate'"
	"    OR corrects = 'close'),"
	"  item INTEGER,"
	"  field TEXT NOT NULL,"
	"  old_value TEXT,"
	"  new_value TEXT,"
	"  reason TEXT NOT NULL,"
	"  personal INTEGER NOT NULL CHECK (personal = 0 OR personal = 1)"
	");"
	"INSERT INTO new_corrections SELECT * FROM corrections"
	"  ORDER BY event_id;"
	"DROP TABLE corrections;"
	"ALTER TABLE new_corrections RENAME TO corrections;"
	"CREATE TABLE new_attachments("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  content_id INTEGER NOT NULL REFERENCES attachment_content(id),"
	"  name TEXT NOT NULL,"
	"  media_type TEXT NOT NULL,"
	"  note TEXT,"
	"  date DATE NOT NULL,"
	"  recorded TIMESTAMP NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id)"
	");"
	"INSERT INTO new_attachments SELECT id, case_id, content_id, name,"
	"  media_type, note, " DAYS("date") ", " MS("recorded") ", officer,"
	"  event_id FROM attachments ORDER BY id;"
	"DROP TABLE attachments;"
	"ALTER TABLE new_attachments RENAME TO attachments;"
	"CREATE TABLE new_letters("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  stage INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  via TEXT CHECK (via = 'email' OR via = 'post' OR via = 'hand'),"
	"  sent DATE NOT NULL,"
	"  officer TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  event_id INTEGER NOT NULL UNIQUE REFERENCES events(id)"
	");"
	"INSERT INTO new_letters SELECT id, case_id, stage, kind, via,"
	"  " DAYS("sent") ", officer, text, event_id FROM letters ORDER BY id;"
	"DROP TABLE letters;"
	"ALTER TABLE new_letters RENAME TO letters;"
	/* the indexes of migrations 1 to 11, as they were */
	"CREATE INDEX cases_received ON cases(received);"
	"CREATE INDEX cases_open ON cases(id) WHERE closed IS NULL;"
	"CREATE INDEX cases_refused ON cases(received)"
	"  WHERE close_reason IN ('out-of-scope', 'refused');"
	"CREATE INDEX cases_closed ON cases(closed) WHERE purged IS NULL;"
	"CREATE INDEX cases_complainant_key ON cases(complainant_key);"
	"CREATE INDEX cases_open_complainant ON cases(complainant_key)"
	"  WHERE closed IS NULL;"
	"CREATE INDEX stages_opened ON stages(opened);"
	"CREATE INDEX stages_responded ON stages(responded)"
	"  WHERE responded IS NOT NULL;"
	"CREATE INDEX stages_officer ON stages(officer_key);"
	"CREATE INDEX extensions_stage ON extensions(case_id, stage);"
	"CREATE INDEX stage_texts_stage ON stage_texts(case_id, stage);"
	"CREATE INDEX events_case ON events(case_id);"
	"CREATE INDEX events_restriction ON events(restriction_id)"
	"  WHERE restriction_id IS NOT NULL;"
	"CREATE INDEX restrictions_complainant_key"
	"  ON restrictions(complainant_key);"
	"CREATE INDEX referrals_case ON referrals(case_id);"
	"CREATE INDEX referrals_referred ON referrals(referred);"
	"CREATE INDEX corrections_case ON corrections(case_id);"
	"CREATE INDEX attachments_case ON attachments(case_id);"
	"CREATE INDEX attachments_content ON attachments(content_id);"
	"CREATE INDEX letters_case ON letters(case_id);"
	/* the search index's view and triggers, as migration 7 made them */
	SEARCH_TEXT_VIEW
	SEARCH_TRIGGERS
	"ANALYZE;",
	/* 18: a smaller store, again. The words and names a case's rows
	 * repeat are kept once, in words (lib/store_words.c): its kind,
	 * channel, close reason and who logged it, a stage's officer,
	 * responder and outcome, an event's officer and action are the ids
	 * of their words, and a name's key is kept once, beside it, not in
	 * every stage. The tables of those rows are case_rows, stage_rows
	 * and event_rows (made again as migration 17 does, renamed first so
	 * that the keys of the other tables follow them); the views cases,
	 * stages and events give their columns back as they were, in text,
	 * for what reads them. The vocabularies' words have fixed ids
	 * (WORD_* in store_int.h), which a partial index and the search
	 * index's triggers name; any other word is added on first use. log's
	 * warning of an open case of the same complainant reads
	 * cases_complainant_key, which holds what cases_open_complainant
	 * held: the latter goes. The keys of the names are worked out in C
	 * (fill_word_keys), and every row's keys checked (check_keys). */
	"DROP TRIGGER case_search_logged;"
	"DROP TRIGGER case_search_changed;"
	"DROP TRIGGER case_search_noted;"
	"DROP TRIGGER case_search_note_changed;"
	"DROP VIEW case_search_text;"
	/* the indexes first, so the tables made again reuse their pages */
	"DROP INDEX cases_received;"
	"DROP INDEX cases_open;"
	"DROP INDEX cases_refused;"
	"DROP INDEX cases_closed;"
	"DROP INDEX cases_complainant_key;"
	"DROP INDEX cases_open_complainant;"
	"DROP INDEX stages_opened;"
	"DROP INDEX stages_responded;"
	"DROP INDEX stages_officer;"
	"DROP INDEX events_case;"
	"DROP INDEX events_restriction;"
	"CREATE TABLE words("
	"  id INTEGER PRIMARY KEY,"
	"  word TEXT NOT NULL UNIQUE,"
	"  key TEXT NOT NULL"
	");"
	"INSERT INTO words(id, word, key) VALUES"
	"  (1, 'complaint', ''), (2, 'comment', ''), (3, 'compliment', ''),"
	"  (4, 'service-request', ''), (5, 'email', ''), (6, 'phone', ''),"
	"  (7, 'letter', ''), (8, 'web', ''), (9, 'in-person', ''),"
	"  (10, 'social', ''), (11, 'other', ''), (12, 'upheld', ''),"
	"  (13, 'partly-upheld', ''), (14, 'not-upheld', ''),"
	"  (15, 'resolved', ''), (16, 'withdrawn', ''),"
	"  (" WORD_OUT_OF_SCOPE ", 'out-of-scope', ''),"
	"  (" WORD_REFUSED ", 'refused', ''), (19, 'ombudsman', ''),"
	"  (20, 'no-further-action', ''), (" WORD_NOTE ", 'note', '');"
	"INSERT INTO words(word, key) SELECT w, '' FROM ("
	"  SELECT kind AS w FROM cases UNION SELECT channel FROM cases"
	"  UNION SELECT logged_by FROM cases UNION SELECT close_reason FROM cases"
	"  UNION SELECT officer FROM stages UNION SELECT responded_by FROM stages"
	"  UNION SELECT outcome FROM stages UNION SELECT officer FROM events"
	"  UNION SELECT action FROM events)"
	" WHERE w IS NOT NULL AND w NOT IN (SELECT word FROM words) ORDER BY w;"
	"ALTER TABLE cases RENAME TO case_rows;"
	"ALTER TABLE stages RENAME TO stage_rows;"
	"ALTER TABLE events RENAME TO event_rows;"
	"CREATE TABLE new_case_rows("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  policy_version INTEGER NOT NULL REFERENCES policy_versions(id),"
	"  kind INTEGER NOT NULL REFERENCES words(id),"
	"  anonymous INTEGER NOT NULL CHECK (anonymous = 0 OR anonymous = 1),"
	"  complainant TEXT,"
	"  contact TEXT,"
	"  on_behalf_of TEXT,"
	"  consent INTEGER NOT NULL CHECK (consent = 0 OR consent = 1),"
	"  channel INTEGER REFERENCES words(id),"
	"  service TEXT,"
	"  category TEXT,"
	"  summary TEXT,"
	"  received DATE NOT NULL,"
	"  occurred DATE,"
	"  external_ref TEXT UNIQUE,"
	"  logged_by INTEGER NOT NULL REFERENCES words(id),"
	"  closed DATE,"
	"  close_reason INTEGER REFERENCES words(id),"
	"  late_reason TEXT,"
	"  accepted_anyway TEXT,"
	"  resolve_due DATE,"
	"  purged DATE,"
	"  complainant_key TEXT,"
	"  service_key TEXT,"
	"  CHECK ((closed IS NULL) = (close_reason IS NULL))"
	");"
	"INSERT INTO new_case_rows SELECT c.id, c.ref, c.policy_version,"
	"  (SELECT w.id FROM words w WHERE w.word = c.kind), c.anonymous,"
	"  c.complainant, c.contact, c.on_behalf_of, c.consent,"
	"  (SELECT w.id FROM words w WHERE w.word = c.channel), c.service,"
	"  c.category, c.summary, c.received, c.occurred, c.external_ref,"
	"  (SELECT w.id FROM words w WHERE w.word = c.logged_by), c.closed,"
	"  (SELECT w.id FROM words w WHERE w.word = c.close_reason),"
	"  c.late_reason, c.accepted_anyway, c.resolve_due, c.purged,"
	"  c.complainant_key, c.service_key FROM case_rows c ORDER BY c.id;"
	"DROP TABLE case_rows;"
	"ALTER TABLE new_case_rows RENAME TO case_rows;"
	"CREATE TABLE new_stage_rows("
	"  case_id INTEGER NOT NULL REFERENCES case_rows(id),"
	"  stage INTEGER NOT NULL CHECK (stage >= 1),"
	"  opened DATE NOT NULL,"
	"  officer INTEGER REFERENCES words(id),"
	"  ack_days INTEGER NOT NULL,"
	"  respond_days INTEGER NOT NULL,"
	"  respond_from INTEGER NOT NULL"
	"    CHECK (respond_from = 0 OR respond_from = 1),"
	"  respond_target INTEGER NOT NULL,"
	"  acknowledged DATE,"
	"  responded DATE,"
	"  responded_by INTEGER REFERENCES words(id),"
	"  outcome INTEGER REFERENCES words(id),"
	"  escalation_reason TEXT,"
	"  PRIMARY KEY(case_id, stage)"
	") WITHOUT ROWID;"
	"INSERT INTO new_stage_rows SELECT s.case_id, s.stage, s.opened,"
	"  (SELECT w.id FROM words w WHERE w.word = s.officer), s.ack_days,"
	"  s.respond_days, s.respond_from, s.respond_target, s.acknowledged,"
	"  s.responded,"
	"  (SELECT w.id FROM words w WHERE w.word = s.responded_by),"
	"  (SELECT w.id FROM words w WHERE w.word = s.outcome),"
	"  s.escalation_reason FROM stage_rows s;"
	"DROP TABLE stage_rows;"
	"ALTER TABLE new_stage_rows RENAME TO stage_rows;"
	"CREATE TABLE new_event_rows("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES case_rows(id),"
	"  stage INTEGER,"
	"  date DATE NOT NULL,"
	"  recorded TIMESTAMP NOT NULL,"
	"  officer INTEGER NOT NULL REFERENCES words(id),"
	"  action INTEGER NOT NULL REFERENCES words(id),"
	"  detail TEXT,"
	"  restriction_id INTEGER"
	");"
	"INSERT INTO new_event_rows SELECT e.id, e.case_id, e.stage, e.date,"
	"  e.recorded, (SELECT w.id FROM words w WHERE w.word = e.officer),"
	"  (SELECT w.id FROM words w WHERE w.word = e.action), e.detail,"
	"  e.restriction_id FROM event_rows e ORDER BY e.id;"
	"DROP TABLE event_rows;"
	"ALTER TABLE new_event_rows RENAME TO event_rows;"
	/* the indexes of those tables, an officer's stages by the id of
	 * the name, and the refusals by the ids of their words */
	"CREATE INDEX cases_received ON case_rows(received);"
	"CREATE INDEX cases_open ON case_rows(id) WHERE closed IS NULL;"
	"CREATE INDEX cases_refused ON case_rows(received)"
	"  WHERE close_reason = " WORD_OUT_OF_SCOPE
	"  OR close_reason = " WORD_REFUSED ";"
	"CREATE INDEX cases_closed ON case_rows(closed) WHERE purged IS NULL;"
	"CREATE INDEX cases_complainant_key ON case_rows(complainant_key);"
	"CREATE INDEX stages_opened ON stage_rows(opened);"
	"CREATE INDEX stages_responded ON stage_rows(responded)"
	"  WHERE responded IS NOT NULL;"
	"CREATE INDEX stages_officer ON stage_rows(officer);"
	"CREATE INDEX events_case ON event_rows(case_id);"
	"CREATE INDEX events_restriction ON event_rows(restriction_id)"
	"  WHERE restriction_id IS NOT NULL;"
	"CREATE VIEW cases AS SELECT c.id, c.ref, c.policy_version,"
	"  k.word AS kind, c.anonymous, c.complainant, c.contact,"
	"  c.on_behalf_of, c.consent, ch.word AS channel, c.service,"
	"  c.category, c.summary, c.received, c.occurred, c.external_ref,"
	"  lb.word AS logged_by, c.closed, cr.word AS close_reason,"
	"  c.late_reason, c.accepted_anyway, c.resolve_due, c.purged,"
	"  c.complainant_key, c.service_key"
	" FROM case_rows c LEFT JOIN words k ON k.id = c.kind"
	"  LEFT JOIN words ch ON ch.id = c.channel"
	"  LEFT JOIN words lb ON lb.id = c.logged_by"
	"  LEFT JOIN words cr ON cr.id = c.close_reason;"
	"CREATE VIEW stages AS SELECT s.case_id, s.stage, s.opened,"
	"  o.word AS officer, s.ack_days, s.respond_days, s.respond_from,"
	"  s.respond_target, s.acknowledged, s.responded,"
	"  r.word AS responded_by, oc.word AS outcome, s.escalation_reason,"
	"  o.key AS officer_key, r.key AS responded_by_key"
	" FROM stage_rows s LEFT JOIN words o ON o.id = s.officer"
	"  LEFT JOIN words r ON r.id = s.responded_by"
	"  LEFT JOIN words oc ON oc.id = s.outcome;"
	"CREATE VIEW events AS SELECT e.id, e.case_id, e.stage, e.date,"
	"  e.recorded, o.word AS officer, a.word AS action, e.detail,"
	"  e.restriction_id"
	" FROM event_rows e LEFT JOIN words o ON o.id = e.officer"
	"  LEFT JOIN words a ON a.id = e.action;"
	SEARCH_TEXT_VIEW_OF("case_rows", "event_rows", WORD_NOTE)
	SEARCH_TRIGGERS_OF("case_rows", "event_rows", WORD_NOTE)
	"ANALYZE;",
	/* 19: a server's search folds accents as FTS5's remove_diacritics
	 * does, and keeps documents uncompressed (lib/store_schema_pg.c):
	 * nothing changes in a file, whose index folds them already and
	 * whose pages hold a document as it is. */
	"",
	/* 20: a server's search triggers hold back while a copy fills its
	 * index once (lib/store_schema_pg.c): nothing changes in a file,
	 * whose copy rebuilds its index once already
	 * (store_defer_indexes). */
	"",
};
#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION must count the migrations");

/*
 * The keys of the names stored before migration 6, worked out in C
 * (name_key) rather than in SQL, which can't do it alike on every
 * engine: each distinct name once, into a TEMP table of name and key,
 * and then every row's keys from it in one UPDATE a table.
 */
static int
name_to_key(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct store *st = arg;
	struct sql_stmt *ins;
	int rc;

	if ((rc = prepare(st, "INSERT INTO temp.keyed_names(name, key)"
	    " VALUES (?1, ?2)", &ins, err)))
		return rc;
	bind_text(ins, 1, sql_col_text(s, 0));
	if (bind_name_key(ins, 2, sql_col_text(s, 0))) {
		finish(st, ins);
		return no_memory(err);
	}
	return run(st, ins, "can't upgrade the schema", err);
}

/* The restriction an event is about, from the detail every event of a
 * restriction was written with: "restriction N ..." (N its id). */
static int
event_restriction(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct store *st = arg;
	const char *detail = sql_col_text(s, 1);
	struct sql_stmt *ins;
	char *end;
	long long id;
	int rc;

	if (detail == NULL || strncmp(detail, "restriction ", 12) != 0)
		return 0;
	id = strtoll(detail + 12, &end, 10);
	if (end == detail + 12 || id <= 0)
		return 0;
	if ((rc = prepare(st, "INSERT INTO temp.event_restrictions(event,"
	    " restriction) VALUES (?1, ?2)", &ins, err)))
		return rc;
	sql_bind_int64(ins, 1, sql_col_int64(s, 0));
	sql_bind_int64(ins, 2, id);
	return run(st, ins, "can't upgrade the schema", err);
}

static int
fill_keys(struct store *st, struct cpl_error *err)
{
	static const char *const update[] = {
		"UPDATE cases SET"
		" complainant_key = (SELECT k.key FROM temp.keyed_names k"
		"  WHERE k.name = cases.complainant COLLATE BINARY),"
		" service_key = (SELECT k.key FROM temp.keyed_names k"
		"  WHERE k.name = cases.service)",
		"UPDATE stages SET"
		" officer_key = (SELECT k.key FROM temp.keyed_names k"
		"  WHERE k.name = stages.officer),"
		" responded_by_key = (SELECT k.key FROM temp.keyed_names k"
		"  WHERE k.name = stages.responded_by)",
		"UPDATE restrictions SET"
		" complainant_key = (SELECT k.key FROM temp.keyed_names k"
		"  WHERE k.name = restrictions.complainant COLLATE BINARY)",
		"UPDATE events SET restriction_id = (SELECT x.restriction"
		" FROM temp.event_restrictions x WHERE x.event = events.id)"
		" WHERE id IN (SELECT event FROM temp.event_restrictions)",
	};
	struct sql_stmt *s;
	int rc;

	if ((rc = exec(st, "CREATE TEMP TABLE keyed_names(name TEXT PRIMARY KEY,"
	    " key TEXT NOT NULL) WITHOUT ROWID;"
	    " CREATE TEMP TABLE event_restrictions(event INTEGER PRIMARY KEY,"
	    " restriction INTEGER NOT NULL)", "can't upgrade the schema",
	    err)) ||
	    (rc = prepare(st, "SELECT name FROM (SELECT complainant AS name"
	    " FROM cases UNION SELECT service FROM cases"
	    " UNION SELECT officer FROM stages"
	    " UNION SELECT responded_by FROM stages"
	    " UNION SELECT complainant FROM restrictions)"
	    " WHERE name IS NOT NULL", &s, err)) ||
	    (rc = each_row(st, s, name_to_key, st, "can't upgrade the schema",
	    err)) ||
	    (rc = prepare(st, "SELECT id, detail FROM events"
	    " WHERE case_id IS NULL"
	    "  AND action IN ('restricted', 'restriction-lifted')", &s, err)) ||
	    (rc = each_row(st, s, event_restriction, st,
	    "can't upgrade the schema", err)))
		return rc;
	for (size_t i = 0; i < sizeof(update) / sizeof(update[0]); i++)
		if ((rc = exec(st, update[i], "can't upgrade the schema", err)))
			return rc;
	return exec(st, "DROP TABLE temp.keyed_names;"
	    " DROP TABLE temp.event_restrictions", "can't upgrade the schema",
	    err);
}

/* The rows of a rebuild are kept as they were, their keys too: a key with
 * nothing to refer to fails the migration (foreign_key_check: a row a
 * key wrong). */
static int
keys_hold(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct store *st = arg;

	return cpl_fail(err, CPL_STORE, "%s: can't upgrade the schema: a row "
	    "of table '%s' refers to a row of '%s' that is not there",
	    st->path, sql_col_text(s, 0),
	    sql_col_text(s, 2));
}

static int
check_keys(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "PRAGMA foreign_key_check", &s, err)))
		return rc;
	return each_row(st, s, keys_hold, st, "can't upgrade the schema", err);
}

/* The keys of the words migration 18 gathered (name_key, as every word
 * added later gets its own: store_words.c). */
static int
word_key(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	struct store *st = arg;
	struct sql_stmt *up;
	int rc;

	if ((rc = prepare(st, "UPDATE words SET key = ?2 WHERE id = ?1", &up,
	    err)))
		return rc;
	sql_bind_int64(up, 1, sql_col_int64(s, 0));
	if (bind_name_key(up, 2, sql_col_text(s, 1))) {
		finish(st, up);
		return no_memory(err);
	}
	return run(st, up, "can't upgrade the schema", err);
}

static int
fill_word_keys(struct store *st, struct cpl_error *err)
{
	struct sql_stmt *s;
	int rc;

	if ((rc = prepare(st, "SELECT id, word FROM words WHERE +key = ''"
	    " ORDER BY id", &s,
	    err)))
		return rc;
	return each_row(st, s, word_key, st, "can't upgrade the schema", err);
}

/* What a migration does in C, after its SQL and in the same write, by the
 * migration's number. */
static const struct {
	int version;
	int (*fill)(struct store *st, struct cpl_error *err);
} fills[] = {
	{6, fill_keys},
	{12, check_keys},
	{18, fill_word_keys},
	{18, check_keys},
};

int
schema_version(struct store *st, int *v, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t got = 0;
	int rc;

#ifdef CPL_HAVE_POSTGRES
	if (st->lite == NULL)
		return schema_version_pg(st->db, v, err);
#endif
	if ((rc = prepare(st, "PRAGMA user_version", &s, err)) ||
	    (rc = each_row(st, s, row_int64, &got,
	    "can't read the schema version", err)))
		return rc;
	*v = (int)got;
	return 0;
}

static int
upgrade(struct store *st, struct cpl_error *err)
{
	char sql[64];
	int v = 0, rc;

	if ((rc = store_begin(st, err)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = schema_version(st, &v, err)))
		goto fail;
	for (; v < N_MIGRATIONS; v++) {
		if ((rc = exec(st, migrations[v], "can't upgrade the schema", err)))
			goto fail;
		for (size_t i = 0; i < sizeof(fills) / sizeof(fills[0]); i++)
			if (fills[i].version == v + 1 &&
			    (rc = fills[i].fill(st, err)))
				goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, sql, "can't record the schema version", err)))
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int
schema_upgrade(struct store *st, struct cpl_error *err)
{
	int v = 0, rc;

	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v == N_MIGRATIONS)
		return 0;
	/* A table made again is dropped with rows that others refer to:
	 * SQLite checks no key while it migrates (it can't be told inside a
	 * transaction), and check_keys does after. */
	if ((rc = exec(st, "PRAGMA foreign_keys = OFF", "can't check keys",
	    err)))
		return rc;
	if ((rc = upgrade(st, err))) {
		struct cpl_error ignored;

		exec(st, "PRAGMA foreign_keys = ON", "can't check keys",
		    &ignored);
		return rc;
	}
	return exec(st, "PRAGMA foreign_keys = ON", "can't check keys", err);
}

/* A store of schema version v, newer than this complaints knows. */
static int
newer(struct store *st, int v, struct cpl_error *err)
{
	return cpl_fail(err, CPL_STORE, "%s: the database is schema version "
	    "%d, newer than this complaints knows (%d): use a newer complaints",
	    st->path, v, N_MIGRATIONS);
}

/* The two columns of schema_check's row, as integers (arg: int64_t[2]). */
static int
version_and_tables(struct sql_stmt *s, void *arg, struct cpl_error *err)
{
	int64_t *vt = arg;

	(void)err;
	vt[0] = sql_col_int64(s, 0);
	vt[1] = sql_col_int64(s, 1);
	return 0;
}

/*
 * Before anything writes to the file (even a pragma): refuse a database of
 * a newer complaints, another program's SQLite file, and (unless creating)
 * a file that init never made. The version and the tables are read in one
 * statement, so in one snapshot: another process creating the store at the
 * same moment is seen before or after its first migration, never between
 * (two reads could see no version, then its tables: "another program's").
 */
int
schema_check(struct store *st, int create, struct cpl_error *err)
{
	struct sql_stmt *s;
	int64_t vt[2] = {0, 0};
	int v = 0, rc, tables;

	/* A version once set is final: no need to look further (and the
	 * schema can't always be read, on a read-only file system). */
	if ((rc = schema_version(st, &v, err)))
		return rc;
	if (v > N_MIGRATIONS)
		return newer(st, v, err);
	if (v > 0)
		return 0;
	if ((rc = prepare(st, "SELECT (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_master"
	    " WHERE name NOT LIKE 'sqlite_%')", &s, err)) ||
	    (rc = each_row(st, s, version_and_tables, vt, "can't read the schema",
	    err)))
		return rc;
	v = (int)vt[0];
	tables = (int)vt[1];
	if (v > N_MIGRATIONS)
		return newer(st, v, err);
	if (v > 0)
		return 0;
	if (tables > 0)
		return cpl_fail(err, CPL_STORE, "'%s' is another program's "
		    "database, not a complaints database", st->path);
	if (!create)
		return cpl_fail(err, CPL_STORE, "'%s' is not a complaints "
		    "database: run 'complaints init' first", st->path);
	return 0;
}
