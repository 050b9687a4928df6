-- bench/baseline-annual-pg.sql: the figures of `report annual --year Y
-- --format csv` (a calendar year), written by hand for psql:
-- bench/baseline-annual.sql in PostgreSQL's words (a flag is an integer
-- for sum(), a day number made a date by adding it to 1970-01-01, the
-- references that missed a measure joined by string_agg, each temporary
-- table analyzed once it is filled, since autovacuum never sees them).
-- As there: the year (period 0, the TEMP table period's f to t) and the
-- year before (period 1), each stage of both in one TEMP table; in all
-- and by service (its key, case_rows.service_key: grouped once, the total
-- the sum of the groups); the stage 1 complaints a month; the
-- self-assessment by the Complaint Handling Code's timescales (acknowledge
-- within 5 working days, answer within 10 at stage 1 and 20 at stage 2,
-- extend by no more than those, stage 2 by someone else) with the cases
-- that missed; the remedies and learning of the year's responses.
-- Deadlines are working-day numbers, compared as complaints compares them
-- (lib/store_report.c): X is by the Nth working day after S when the
-- working days before X are fewer than S's count plus N.
-- bench/pg-reports.sh runs it after the calendar it makes (TEMP tables
-- wd_day(day, n), wd_nth(n, day)) and the one-row TEMP tables today(day)
-- and period(f, t), in the same session. Prints
-- section,group,figure,value,of,previous_value,previous_of rows for the
-- script to hold against complaints' CSV (the stage figures, the cases
-- received, the months, the self-assessment), missed,figure,references
-- rows, and then the remedies and learning.
\pset format unaligned
\pset fieldsep ','
\pset tuples_only on
\pset footer off
-- Each day's working-day count (n) and whether it is one itself (w).
CREATE TEMP TABLE wdw(day BIGINT PRIMARY KEY, n BIGINT, w BIGINT);
INSERT INTO wdw SELECT day, n, n - coalesce(lag(n) OVER (ORDER BY day), 0)
FROM wd_day;
CREATE TEMP TABLE yr(p INTEGER PRIMARY KEY, f BIGINT, t BIGINT);
INSERT INTO yr SELECT 0, f, t FROM period;
INSERT INTO yr SELECT 1,
  CAST(DATE '1970-01-01' + CAST(f AS INTEGER) - INTERVAL '1 year' AS DATE)
    - DATE '1970-01-01',
  CAST(DATE '1970-01-01' + CAST(t AS INTEGER) - INTERVAL '1 year' AS DATE)
    - DATE '1970-01-01' FROM period;
ANALYZE wdw, yr;

CREATE TEMP TABLE st AS
WITH s AS (
  SELECT y.p, c.ref, s.stage, s.opened, s.ack_days, s.respond_days,
    s.respond_from, s.acknowledged, s.responded, s.outcome,
    c.service_key AS sk, trim(c.service) AS service,
    coalesce(s.acknowledged, s.responded) AS contact,
    (SELECT count(*) FROM extensions e
      WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_n,
    (SELECT CAST(coalesce(sum(e.days), 0) AS BIGINT) FROM extensions e
      WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_days,
    CAST(EXISTS (SELECT 1 FROM stage_rows x
      WHERE x.case_id = s.case_id AND x.stage = s.stage + 1) AS INTEGER)
      AS escalated,
    CASE WHEN s.stage > 1 THEN
      (SELECT CAST((SELECT key FROM words
          WHERE id = coalesce(s.responded_by, s.officer))
        <> (SELECT key FROM words
          WHERE id = coalesce(x.responded_by, x.officer)) AS INTEGER)
       FROM stage_rows x
       WHERE x.case_id = s.case_id AND x.stage = s.stage - 1) END AS other,
    o.n AS n_open, a.n AS n_ack, r.n AS n_resp,
    coalesce(a.n - a.w, r.n - r.w) AS b_contact, r.n - r.w AS b_resp,
    u.n - u.w AS b_cut
  FROM yr y JOIN stage_rows s ON s.opened BETWEEN y.f AND y.t
  JOIN case_rows c ON c.id = s.case_id
  LEFT JOIN wdw o ON o.day = s.opened
  LEFT JOIN wdw a ON a.day = s.acknowledged
  LEFT JOIN wdw r ON r.day = s.responded
  LEFT JOIN wdw u ON u.day = coalesce(c.closed, (SELECT day FROM today))
  WHERE c.kind = (SELECT id FROM words WHERE word = 'complaint'))
SELECT s.*,
  CASE WHEN ack_days > 0 THEN n_open + ack_days END AS ack_due,
  CASE WHEN respond_days > 0 THEN
    CASE WHEN respond_from = 1 THEN n_ack ELSE n_open END
    + respond_days + ext_days END AS resp_due,
  CASE WHEN respond_days > 0 THEN
    CASE WHEN respond_from = 1 THEN n_ack ELSE n_open END
    + respond_days END AS orig_due,
  n_open + 5 AS code_ack_due,
  coalesce(n_ack, n_open) + CASE WHEN stage = 1 THEN 10 ELSE 20 END
    AS code_resp_due
FROM s;
ANALYZE st;

-- The stage figures of each year by service, in one pass over the
-- stages; those in all (g NULL) are their sums.
CREATE TEMP TABLE fig_s AS
SELECT 'service' AS sec, min(service) AS g, sk AS gk, p, stage,
  count(*) AS opened,
  count(*) FILTER (WHERE b_contact < ack_due) AS ack_ok,
  count(*) FILTER (WHERE ack_due IS NOT NULL
    AND (contact IS NOT NULL OR b_cut >= ack_due)) AS ack_of,
  count(*) FILTER (WHERE b_resp < resp_due) AS resp_ok,
  count(*) FILTER (WHERE resp_due IS NOT NULL
    AND (responded IS NOT NULL OR b_cut >= resp_due)) AS resp_of,
  count(*) FILTER (WHERE b_resp < orig_due) AS orig_ok,
  count(*) FILTER (WHERE orig_due IS NOT NULL
    AND (responded IS NOT NULL OR b_cut >= orig_due)) AS orig_of,
  count(responded) AS responded,
  CAST(coalesce(sum(n_resp - n_open), 0) AS DOUBLE PRECISION) AS wd_sum,
  count(*) FILTER (WHERE ext_n > 0) AS extended, sum(ext_n) AS extensions,
  sum(ext_days) AS ext_days, sum(escalated) AS escalated,
  count(other) AS diff_of, coalesce(sum(other), 0) AS diff_ok,
  count(*) FILTER (WHERE b_contact < code_ack_due) AS code_ack_ok,
  count(*) FILTER (WHERE contact IS NOT NULL
    OR b_cut >= code_ack_due) AS code_ack_of,
  count(*) FILTER (WHERE b_resp < code_resp_due) AS code_resp_ok,
  count(*) FILTER (WHERE responded IS NOT NULL
    OR b_cut >= code_resp_due) AS code_resp_of,
  count(*) FILTER (WHERE ext_n > 0
    AND ext_days <= CASE WHEN stage = 1 THEN 10 ELSE 20 END) AS code_ext_ok,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'upheld')) AS upheld,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'partly-upheld')) AS partly,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'not-upheld')) AS not_upheld
FROM st GROUP BY sk, p, stage;
CREATE TEMP TABLE fig AS
SELECT * FROM fig_s
UNION ALL
SELECT 'all', NULL, NULL, p, stage, sum(opened), sum(ack_ok), sum(ack_of),
  sum(resp_ok), sum(resp_of), sum(orig_ok), sum(orig_of), sum(responded),
  sum(wd_sum), sum(extended), sum(extensions), sum(ext_days),
  sum(escalated), sum(diff_of), sum(diff_ok), sum(code_ack_ok),
  sum(code_ack_of), sum(code_resp_ok), sum(code_resp_of), sum(code_ext_ok),
  sum(upheld), sum(partly), sum(not_upheld)
FROM fig_s GROUP BY p, stage;

-- The median working days to answer of each year, in all and by service:
-- from how many stages took each number of days.
CREATE TEMP TABLE med AS
WITH h AS MATERIALIZED (
  SELECT sk, p, stage, n_resp - n_open AS wd, count(*) AS k FROM st
  WHERE responded IS NOT NULL GROUP BY sk, p, stage, wd),
x AS (
  SELECT 'service' AS sec, sk AS gk, p, stage, wd, k FROM h
  UNION ALL
  SELECT 'all', NULL, p, stage, wd, sum(k) FROM h GROUP BY p, stage, wd),
r AS (
  SELECT x.*,
    CAST(sum(k) OVER (PARTITION BY sec, gk, p, stage ORDER BY wd) AS BIGINT)
      AS upto,
    CAST(sum(k) OVER (PARTITION BY sec, gk, p, stage) AS BIGINT) AS cnt
  FROM x)
SELECT sec, gk, p, stage, (min(wd) FILTER (WHERE upto >= (cnt + 1) / 2)
  + min(wd) FILTER (WHERE upto >= cnt / 2 + 1)) / 2.0 AS median
FROM r GROUP BY sec, gk, p, stage;

-- The cases received in each year by service, in one pass; in all, their
-- sums.
CREATE TEMP TABLE rc_s AS
SELECT 'service' AS sec, min(trim(c.service)) AS g, c.service_key AS gk,
  y.p, count(*) AS n,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'complaint')) AS complaint,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'comment')) AS comment,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'compliment')) AS compliment,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'service-request')) AS request,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'email')) AS email,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'phone')) AS phone,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'letter')) AS letter,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'web')) AS web,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'in-person')) AS in_person,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'social')) AS social,
  count(*) FILTER (WHERE channel = (SELECT id FROM words WHERE word = 'other')) AS other,
  count(*) FILTER (WHERE channel IS NULL) AS unrecorded,
  count(*) FILTER (WHERE resolve_due IS NOT NULL
    AND ((closed IS NOT NULL AND close_reason NOT IN (SELECT id FROM words
      WHERE word IN ('withdrawn', 'out-of-scope', 'refused')))
     OR (closed IS NULL AND resolve_due < (SELECT day FROM today))))
    AS overall_of,
  count(*) FILTER (WHERE resolve_due IS NOT NULL AND closed <= resolve_due
    AND close_reason NOT IN (SELECT id FROM words
      WHERE word IN ('withdrawn', 'out-of-scope', 'refused')))
    AS overall_ok
FROM yr y JOIN case_rows c ON c.received BETWEEN y.f AND y.t
GROUP BY c.service_key, y.p;
CREATE TEMP TABLE rc AS
SELECT * FROM rc_s
UNION ALL
SELECT 'all', NULL, NULL, p, sum(n), sum(complaint), sum(comment),
  sum(compliment), sum(request), sum(email), sum(phone), sum(letter),
  sum(web), sum(in_person), sum(social), sum(other), sum(unrecorded),
  sum(overall_of), sum(overall_ok)
FROM rc_s GROUP BY p;

-- The cases turned away, by reason and category; the ombudsman's
-- referrals, by decision: each year, in all and by service.
CREATE TEMP TABLE refused AS
SELECT y.p, c.service_key AS gk,
  (SELECT word FROM words WHERE id = c.close_reason) AS close_reason,
  lower(c.category) AS cat,
  count(*) AS n
FROM yr y JOIN case_rows c ON c.received BETWEEN y.f AND y.t
-- out-of-scope and refused: the ids migration 18 gives them, as the
-- partial index cases_refused names them
WHERE (c.close_reason = 17 OR c.close_reason = 18)
GROUP BY y.p, c.service_key, c.close_reason, lower(c.category);
CREATE TEMP TABLE referred AS
SELECT y.p, c.service_key AS gk, r.decision, count(*) AS n
FROM yr y JOIN referrals r ON r.referred BETWEEN y.f AND y.t
JOIN case_rows c ON c.id = r.case_id
GROUP BY y.p, c.service_key, r.decision;

-- Each figure with the year before beside it.
CREATE TEMP VIEW f2 AS
SELECT a.*,
  coalesce(b.opened, 0) AS b_opened,
  coalesce(b.ack_ok, 0) AS b_ack_ok,
  coalesce(b.ack_of, 0) AS b_ack_of,
  coalesce(b.resp_ok, 0) AS b_resp_ok,
  coalesce(b.resp_of, 0) AS b_resp_of,
  coalesce(b.orig_ok, 0) AS b_orig_ok,
  coalesce(b.orig_of, 0) AS b_orig_of,
  coalesce(b.responded, 0) AS b_responded,
  coalesce(b.extended, 0) AS b_extended,
  coalesce(b.escalated, 0) AS b_escalated,
  coalesce(b.code_ack_ok, 0) AS b_code_ack_ok,
  coalesce(b.code_ack_of, 0) AS b_code_ack_of,
  coalesce(b.code_resp_ok, 0) AS b_code_resp_ok,
  coalesce(b.code_resp_of, 0) AS b_code_resp_of,
  coalesce(b.code_ext_ok, 0) AS b_code_ext_ok,
  coalesce(b.diff_ok, 0) AS b_diff_ok,
  coalesce(b.diff_of, 0) AS b_diff_of
FROM fig a LEFT JOIN fig b ON b.p = 1 AND b.sec = a.sec
  AND b.gk IS NOT DISTINCT FROM a.gk
  AND b.stage = a.stage
WHERE a.p = 0;
SELECT sec, g, 'stage' || stage || '.opened', opened, NULL,
  b_opened, NULL FROM f2;
SELECT sec, g, 'stage' || stage || '.acknowledged_on_time', ack_ok, ack_of,
  b_ack_ok, b_ack_of FROM f2;
SELECT sec, g, 'stage' || stage || '.responded_on_time', resp_ok, resp_of,
  b_resp_ok, b_resp_of FROM f2;
SELECT sec, g, 'stage' || stage || '.responded_within_original_timescale',
  orig_ok, orig_of, b_orig_ok, b_orig_of FROM f2;
SELECT sec, g, 'stage' || stage || '.responded', responded, opened,
  b_responded, b_opened FROM f2;
SELECT sec, g, 'stage' || stage || '.extended', extended, opened,
  b_extended, b_opened FROM f2;
SELECT sec, g, 'stage1.escalated', escalated, opened, b_escalated, b_opened
FROM f2 WHERE stage = 1;
SELECT 'self-assessment', NULL,
  'stage' || stage || '.acknowledged_within_5_working_days',
  code_ack_ok, code_ack_of, b_code_ack_ok, b_code_ack_of
FROM f2 WHERE sec = 'all' AND stage <= 2;
SELECT 'self-assessment', NULL, 'stage' || stage || '.answered_within_'
  || CASE WHEN stage = 1 THEN 10 ELSE 20 END
  || '_working_days_of_acknowledgement',
  code_resp_ok, code_resp_of, b_code_resp_ok, b_code_resp_of
FROM f2 WHERE sec = 'all' AND stage <= 2;
SELECT 'self-assessment', NULL, 'stage' || stage || '.extended_by_no_more_than_'
  || CASE WHEN stage = 1 THEN 10 ELSE 20 END || '_working_days',
  code_ext_ok, extended, b_code_ext_ok, b_extended
FROM f2 WHERE sec = 'all' AND stage <= 2;
SELECT 'self-assessment', NULL, 'stage2.handled_by_different_person',
  diff_ok, diff_of, b_diff_ok, b_diff_of FROM f2
WHERE sec = 'all' AND stage = 2;
SELECT a.sec, a.g, 'received', a.n, NULL, coalesce(b.n, 0), NULL
FROM rc a LEFT JOIN rc b ON b.p = 1 AND b.sec = a.sec
  AND b.gk IS NOT DISTINCT FROM a.gk
WHERE a.p = 0;
SELECT a.sec, a.g, 'received.complaint', a.complaint, a.n,
  coalesce(b.complaint, 0), coalesce(b.n, 0)
FROM rc a LEFT JOIN rc b ON b.p = 1 AND b.sec = a.sec
  AND b.gk IS NOT DISTINCT FROM a.gk
WHERE a.p = 0;
SELECT 'month', a.m, 'stage1.opened', a.n, NULL, coalesce(b.n, 0), NULL
FROM (SELECT to_char(DATE '1970-01-01' + CAST(opened AS INTEGER), 'YYYY-MM')
    AS m, count(*) AS n FROM st
  WHERE p = 0 AND stage = 1 GROUP BY m) a
LEFT JOIN (SELECT to_char(DATE '1970-01-01' + CAST(opened AS INTEGER), 'MM')
    AS mm, count(*) AS n FROM st
  WHERE p = 1 AND stage = 1 GROUP BY mm) b ON b.mm = substr(a.m, 6, 2);

-- The cases that missed a measure of the Code in the year, by reference.
SELECT 'missed', 'stage' || stage || '.acknowledged_within_5_working_days',
  string_agg(ref, ' ' ORDER BY ref)
FROM st WHERE p = 0 AND stage <= 2
  AND (contact IS NOT NULL OR b_cut >= code_ack_due)
  AND NOT coalesce(b_contact < code_ack_due, false)
GROUP BY stage ORDER BY stage;
SELECT 'missed', 'stage' || stage || '.answered_within_'
  || CASE WHEN stage = 1 THEN 10 ELSE 20 END
  || '_working_days_of_acknowledgement', string_agg(ref, ' ' ORDER BY ref)
FROM st WHERE p = 0 AND stage <= 2
  AND (responded IS NOT NULL OR b_cut >= code_resp_due)
  AND NOT coalesce(b_resp < code_resp_due, false)
GROUP BY stage ORDER BY stage;
SELECT 'missed', 'stage' || stage || '.extended_by_no_more_than_'
  || CASE WHEN stage = 1 THEN 10 ELSE 20 END || '_working_days',
  string_agg(ref, ' ' ORDER BY ref)
FROM st WHERE p = 0 AND stage <= 2 AND ext_n > 0
  AND ext_days > CASE WHEN stage = 1 THEN 10 ELSE 20 END
GROUP BY stage ORDER BY stage;
SELECT 'missed', 'stage2.handled_by_different_person',
  string_agg(ref, ' ' ORDER BY ref)
FROM st WHERE p = 0 AND stage = 2 AND other = 0;

-- The remedies and learning of the year's responses, by service.
SELECT 'learning', trim(c.service), t.kind, t.stage, c.ref, t.text
FROM stage_rows s
JOIN case_rows c ON c.id = s.case_id
JOIN stage_texts t ON t.case_id = s.case_id AND t.stage = s.stage
WHERE s.responded BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
  AND c.kind = (SELECT id FROM words WHERE word = 'complaint')
ORDER BY c.service IS NULL, c.service_key NULLS FIRST, c.ref, t.stage,
  t.id;
