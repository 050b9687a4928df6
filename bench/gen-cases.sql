-- bench/gen-cases.sql: add N generated cases to a complaints database, for
-- bench/report-scale.sh. Run by the sqlite3 shell on a database made by
-- `complaints init` in which the script has logged one case under each of
-- the five policies, in this order, so that policy_versions 1..5 are:
-- south-staffordshire, psps, corporate-procedure, southampton,
-- buckinghamshire. N comes in a TEMP table made first:
--
--   CREATE TEMP TABLE params(n INTEGER);  INSERT INTO params VALUES (1000000);
--
-- The mix, deterministic (every choice a hash of the case number, no
-- random()): received from 2019-01-01 to 2026-11-19 ("today" is 2026-11-20),
-- evenly, in the order of the case numbers as cases are logged (a case's
-- number and the day it was received rise together); 80% complaints, 7%
-- comments, 8% compliments, 5% service requests (no timescales: a service
-- request has no complaint stages, complaints(1)); 12 services, 7 channels
-- and none, 60 officers. Complaints: acknowledged within 0-7 days (a tenth of
-- the recent ones not yet); answered 3-27 days later (2% of the old ones
-- never, half the recent ones not yet); 10% extended at stage 1; 15% of the
-- answered escalated to stage 2 (another officer; 1 in 8 extended); most
-- cases closed a few days after the last response (3% out of scope, 2%
-- refused, 2% withdrawn, a tenth of the stage 2 ones to the ombudsman, with a
-- referral and usually a decision); 3% of the old unanswered ones still open.
-- Remedies and learning on some responses; one "logged" event a case. So most
-- cases are closed, some open, all stages, extensions, escalations.
--
-- The timescales copied into each stage are those of the policies' files
-- (policies/ID.yaml), as they give them when a case is logged.

BEGIN;

CREATE TEMP TABLE pol(v INTEGER PRIMARY KEY, policy TEXT, prefix TEXT,
  a1 INTEGER, r1 INTEGER, f1 INTEGER, t1 INTEGER,
  a2 INTEGER, r2 INTEGER, f2 INTEGER);
INSERT INTO pol VALUES
  (1, 'south-staffordshire', 'SSC', 5, 10, 0, 0, 5, 20, 0),
  (2, 'psps', 'PSPS', 5, 10, 1, 0, 5, 20, 1),
  (3, 'corporate-procedure', 'CORP', 2, 10, 0, 0, 2, 20, 0),
  (4, 'southampton', 'SCC', 0, 10, 0, 0, 0, 20, 0),
  (5, 'buckinghamshire', 'BC', 3, 20, 0, 10, 5, 20, 0);

-- Offsets are days after the day received (rcv: its day number, as the
-- store keeps a date, days from 1970-01-01).
CREATE TEMP TABLE plan AS
WITH RECURSIVE seq(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < (SELECT n FROM params)),
h AS (
  SELECT i,
    (i * 2654435761 + 12345) % 1000003 AS h1,
    (i * 2246822519 + 777) % 1000033 AS h2,
    (i * 3266489917 + 4242) % 999983 AS h3,
    (i * 668265263 + 99) % 1000037 AS h4,
    (i * 374761393 + 7) % 1000039 AS h5,
    -- Days after 2019-01-01: rising with i, give or take a day.
    min(2879, max(0, i * 2880 / ((SELECT n FROM params) + 1)
      + (i * 374761393 + 7) % 1000039 % 3 - 1)) AS day
  FROM seq),
c AS (
  SELECT h.*, 1 + h1 % 5 AS v,
    CASE WHEN h2 % 100 < 80 THEN 'complaint' WHEN h2 % 100 < 87 THEN 'comment'
      WHEN h2 % 100 < 95 THEN 'compliment' ELSE 'service-request' END AS kind,
    CASE h3 % 8 WHEN 0 THEN 'email' WHEN 1 THEN 'phone' WHEN 2 THEN 'letter'
      WHEN 3 THEN 'web' WHEN 4 THEN 'in-person' WHEN 5 THEN 'social'
      WHEN 6 THEN 'other' END AS channel,
    'Service ' || (h4 % 12) AS service,
    'officer' || (h1 % 60) AS officer,
    'officer' || ((h1 + 7) % 60) AS officer2,
    17897 + day AS rcv,
    2880 - day AS age
  FROM h),
a AS (
  SELECT c.*,
    CASE WHEN kind <> 'service-request' AND h2 % 8 <= age
      AND (h3 % 10 <> 0 OR age > 30) THEN h2 % 8 END AS ack1,
    CASE WHEN kind = 'complaint' AND h4 % 10 = 0 THEN 2 + h5 % 9 END AS ext1
  FROM c),
r AS (
  SELECT a.*,
    CASE WHEN kind = 'complaint' AND coalesce(ack1, 0) + 3 + h4 % 25 <= age
      AND ((age > 45 AND h5 % 100 < 98) OR (age <= 45 AND h5 % 2 = 0))
      THEN coalesce(ack1, 0) + 3 + h4 % 25 END AS resp1
  FROM a),
e AS (
  SELECT r.*,
    CASE WHEN resp1 IS NOT NULL AND h5 % 100 < 15
      AND resp1 + 1 + h1 % 10 <= age THEN resp1 + 1 + h1 % 10 END AS esc
  FROM r),
s2 AS (
  SELECT e.*,
    CASE WHEN esc IS NOT NULL AND esc + h2 % 6 <= age AND h3 % 20 <> 0
      THEN esc + h2 % 6 END AS ack2,
    CASE WHEN esc IS NOT NULL AND esc + 5 + h3 % 30 <= age
      AND (age - esc > 60 OR h4 % 2 = 0) THEN esc + 5 + h3 % 30 END AS resp2,
    CASE WHEN esc IS NOT NULL AND h3 % 8 = 0 THEN 3 + h4 % 12 END AS ext2
  FROM e),
f AS (
  SELECT s2.*,
    coalesce(resp2, esc, resp1, ack1, 0) AS last,
    (kind <> 'complaint' OR (esc IS NULL AND resp1 IS NOT NULL)
      OR resp2 IS NOT NULL) AS done
  FROM s2)
SELECT f.*,
  CASE WHEN done AND last + 3 <= age AND (age > 60 OR h1 % 3 = 0) THEN last + 3
    WHEN NOT done AND age > 90 AND h4 % 100 < 97 THEN min(last + 20, age)
    END AS closed_off,
  CASE WHEN h4 % 4 = 0 THEN 'category ' || (h5 % 6) END AS category
FROM f;

-- The words and names the rows keep by their ids (table words; the
-- vocabularies' words are there from the start), each with its key. The
-- generated names are ASCII, single-spaced and trimmed, so a name's key
-- (name_key in lib/util.c) is the name in lower case: the officers' here,
-- the complainants' and services' in their cases' rows.
INSERT INTO words(word, key)
SELECT w, lower(w) FROM (SELECT kind AS w FROM plan
  UNION SELECT channel FROM plan UNION SELECT officer FROM plan
  UNION SELECT officer2 FROM plan UNION SELECT 'logged')
WHERE w IS NOT NULL AND w NOT IN (SELECT word FROM words);

INSERT INTO case_rows(id, ref, policy_version, kind, anonymous,
  complainant, consent, channel, service, category, summary, received,
  logged_by, closed, close_reason, complainant_key, service_key)
SELECT 1000 + i, pol.prefix || '-' || strftime('%Y', rcv + 2440587.5) || '-'
    || printf('%07d', i),
  v, (SELECT id FROM words WHERE word = kind), 0, 'Resident ' || i, 0,
  (SELECT id FROM words WHERE word = channel), service, category,
  'Generated case', rcv, (SELECT id FROM words WHERE word = officer),
  CASE WHEN closed_off IS NOT NULL THEN rcv + closed_off END,
  (SELECT id FROM words WHERE word = CASE WHEN closed_off IS NULL THEN NULL
    WHEN NOT done THEN 'withdrawn'
    WHEN h2 % 100 < 3 THEN 'out-of-scope'
    WHEN h2 % 100 < 5 THEN 'refused'
    WHEN h2 % 100 < 7 THEN 'withdrawn'
    WHEN esc IS NOT NULL AND h3 % 10 = 0 THEN 'ombudsman'
    ELSE 'resolved' END),
  'resident ' || i, lower(service)
FROM plan JOIN pol USING (v);

INSERT INTO stage_rows(case_id, stage, opened, officer, ack_days,
  respond_days, respond_from, respond_target, acknowledged, responded,
  responded_by, outcome)
SELECT 1000 + i, 1, rcv, (SELECT id FROM words WHERE word = officer),
  CASE WHEN kind = 'service-request' THEN 0 ELSE a1 END,
  CASE WHEN kind = 'service-request' THEN 0 ELSE r1 END,
  CASE WHEN kind = 'service-request' THEN 0 ELSE f1 END,
  CASE WHEN kind = 'service-request' THEN 0 ELSE t1 END,
  CASE WHEN ack1 IS NOT NULL THEN rcv + ack1 END,
  CASE WHEN resp1 IS NOT NULL THEN rcv + resp1 END,
  CASE WHEN resp1 IS NOT NULL THEN
    (SELECT id FROM words WHERE word = officer) END,
  CASE WHEN resp1 IS NOT NULL THEN (SELECT id FROM words WHERE word =
    CASE h3 % 3 WHEN 0 THEN 'upheld' WHEN 1 THEN 'partly-upheld'
      ELSE 'not-upheld' END) END
FROM plan JOIN pol USING (v);

INSERT INTO stage_rows(case_id, stage, opened, officer, ack_days,
  respond_days, respond_from, respond_target, acknowledged, responded,
  responded_by, outcome, escalation_reason)
SELECT 1000 + i, 2, rcv + esc,
  CASE WHEN ack2 IS NOT NULL OR resp2 IS NOT NULL THEN
    (SELECT id FROM words WHERE word = officer2) END,
  a2, r2, f2, 0,
  CASE WHEN ack2 IS NOT NULL THEN rcv + ack2 END,
  CASE WHEN resp2 IS NOT NULL THEN rcv + resp2 END,
  CASE WHEN resp2 IS NOT NULL THEN
    (SELECT id FROM words WHERE word = officer2) END,
  CASE WHEN resp2 IS NOT NULL THEN (SELECT id FROM words WHERE word =
    CASE h4 % 3 WHEN 0 THEN 'upheld' WHEN 1 THEN 'partly-upheld'
      ELSE 'not-upheld' END) END,
  'Not resolved at stage 1'
FROM plan JOIN pol USING (v) WHERE esc IS NOT NULL;

INSERT INTO extensions(case_id, stage, days, reason, date, officer, told)
SELECT 1000 + i, 1, ext1, 'Waiting for a contractor',
  rcv + min(coalesce(ack1, 0) + 1, age), officer, 1
FROM plan WHERE ext1 IS NOT NULL;
INSERT INTO extensions(case_id, stage, days, reason, date, officer, told)
SELECT 1000 + i, 2, ext2, 'Independent review', rcv + esc, officer2, 1
FROM plan WHERE ext2 IS NOT NULL;

INSERT INTO stage_texts(case_id, stage, kind, text)
SELECT 1000 + i, 1, 'learning', 'Lesson ' || (h4 % 50)
FROM plan WHERE resp1 IS NOT NULL AND h3 % 5 = 0;
INSERT INTO stage_texts(case_id, stage, kind, text)
SELECT 1000 + i, 1, 'remedy', 'Apology and ' || (h5 % 20)
FROM plan WHERE resp1 IS NOT NULL AND h4 % 7 = 0;

INSERT INTO referrals(case_id, body, referred, reference, decision, decided,
  officer)
SELECT 1000 + i, 'lgsco', rcv + closed_off, 'LG-' || i,
  CASE h5 % 6 WHEN 0 THEN 'upheld' WHEN 1 THEN 'partly-upheld'
    WHEN 2 THEN 'not-upheld' WHEN 3 THEN 'not-investigated'
    WHEN 4 THEN 'referred-back' END,
  CASE WHEN h5 % 6 < 5 THEN rcv + closed_off END, officer
FROM plan
WHERE closed_off IS NOT NULL AND done AND h2 % 100 >= 7 AND esc IS NOT NULL
  AND h3 % 10 = 0;

INSERT INTO event_rows(case_id, stage, date, recorded, officer, action,
  detail)
SELECT 1000 + i, 1, rcv, rcv * 86400000 + 32400000,
  (SELECT id FROM words WHERE word = officer),
  (SELECT id FROM words WHERE word = 'logged'), kind
FROM plan;

COMMIT;
