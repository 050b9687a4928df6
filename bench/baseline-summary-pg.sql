-- bench/baseline-summary-pg.sql: the figures of `report summary --from F
-- --to T` (every case, no --by), written by hand for psql:
-- bench/baseline-summary.sql in PostgreSQL's words (a flag is an integer
-- for sum(), a mean or median of working days printed by to_char, a
-- subquery in FROM named). Each stage's deadlines as dates (wd_nth),
-- compared as dates. bench/pg-reports.sh runs it after the calendar it
-- makes (TEMP tables wd_day(day, n), wd_nth(n, day)) and the one-row TEMP
-- tables today(day) and period(f, t), in the same session. It reads the
-- tables (case_rows, stage_rows): a word is compared by its id and looked
-- up (words) for what is printed. Prints figure,value,of rows, for the
-- script to hold against complaints' CSV.
\pset format unaligned
\pset fieldsep ','
\pset tuples_only on
\pset footer off
CREATE TEMP TABLE st AS
WITH s AS (
  SELECT s.stage, s.opened, s.ack_days, s.respond_days, s.respond_from,
    s.acknowledged, s.responded, s.outcome,
    coalesce(s.acknowledged, s.responded) AS contact,
    coalesce(c.closed, (SELECT day FROM today)) AS cutoff,
    (SELECT count(*) FROM extensions e
      WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_n,
    (SELECT CAST(coalesce(sum(e.days), 0) AS BIGINT) FROM extensions e
      WHERE e.case_id = s.case_id AND e.stage = s.stage) AS ext_days,
    CAST(EXISTS (SELECT 1 FROM stage_rows x
      WHERE x.case_id = s.case_id AND x.stage = s.stage + 1) AS INTEGER)
      AS escalated,
    (SELECT n FROM wd_day WHERE day = s.opened) AS n_open,
    (SELECT n FROM wd_day WHERE day = s.acknowledged) AS n_ack,
    (SELECT n FROM wd_day WHERE day = s.responded) AS n_resp
  FROM stage_rows s JOIN case_rows c ON c.id = s.case_id
  WHERE s.opened BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
    AND c.kind = (SELECT id FROM words WHERE word = 'complaint'))
SELECT s.*,
  CASE WHEN ack_days > 0 THEN
    (SELECT day FROM wd_nth WHERE n = n_open + ack_days) END AS ack_due,
  CASE WHEN respond_days > 0 THEN (SELECT day FROM wd_nth WHERE n =
    CASE WHEN respond_from = 1 THEN n_ack ELSE n_open END
    + respond_days + ext_days) END AS resp_due,
  CASE WHEN respond_days > 0 THEN (SELECT day FROM wd_nth WHERE n =
    CASE WHEN respond_from = 1 THEN n_ack ELSE n_open END
    + respond_days) END AS orig_due
FROM s;

SELECT 'stage' || stage || '.opened', count(*), NULL FROM st GROUP BY stage;
SELECT 'stage' || stage || '.acknowledged_on_time',
  count(*) FILTER (WHERE contact <= ack_due),
  count(*) FILTER (WHERE ack_due IS NOT NULL
    AND (contact IS NOT NULL OR ack_due < cutoff))
FROM st GROUP BY stage;
SELECT 'stage' || stage || '.responded_on_time',
  count(*) FILTER (WHERE responded <= resp_due),
  count(*) FILTER (WHERE resp_due IS NOT NULL
    AND (responded IS NOT NULL OR resp_due < cutoff))
FROM st GROUP BY stage;
SELECT 'stage' || stage || '.responded_within_original_timescale',
  count(*) FILTER (WHERE responded <= orig_due),
  count(*) FILTER (WHERE orig_due IS NOT NULL
    AND (responded IS NOT NULL OR orig_due < cutoff))
FROM st GROUP BY stage;
SELECT 'stage' || stage || '.responded', count(responded), count(*)
FROM st GROUP BY stage;
SELECT 'stage' || stage || '.working_days_to_respond_mean',
  to_char(avg(n_resp - n_open), 'FM999999990.0'), count(responded)
FROM st GROUP BY stage;
SELECT 'stage' || stage || '.working_days_to_respond_median',
  to_char(avg(wd), 'FM999999990.0'), max(cnt)
FROM (SELECT stage, n_resp - n_open AS wd,
    row_number() OVER (PARTITION BY stage ORDER BY n_resp - n_open) AS rn,
    count(*) OVER (PARTITION BY stage) AS cnt
  FROM st WHERE responded IS NOT NULL)
  AS m
WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY stage;
SELECT 'stage' || stage || '.outcome.'
  || (SELECT word FROM words WHERE id = outcome), count(*),
  (SELECT count(responded) FROM st t WHERE t.stage = st.stage)
FROM st WHERE outcome IS NOT NULL GROUP BY stage, outcome;
SELECT 'stage' || stage || '.extended', count(*) FILTER (WHERE ext_n > 0),
  count(*) FROM st GROUP BY stage;
SELECT 'stage' || stage || '.escalated', sum(escalated), count(*)
FROM st WHERE stage = 1 GROUP BY stage;

SELECT 'received', count(*), NULL FROM case_rows
WHERE received BETWEEN (SELECT f FROM period) AND (SELECT t FROM period);
SELECT 'received.' || (SELECT word FROM words WHERE id = kind), count(*),
  (SELECT count(*) FROM case_rows WHERE received BETWEEN
    (SELECT f FROM period) AND (SELECT t FROM period))
FROM case_rows
WHERE received BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
GROUP BY kind;
SELECT 'closed.' || (SELECT word FROM words WHERE id = close_reason),
  count(*),
  (SELECT count(*) FROM case_rows WHERE received BETWEEN
    (SELECT f FROM period) AND (SELECT t FROM period))
FROM case_rows
WHERE received BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
  -- out-of-scope and refused: the ids migration 18 gives them, as the
  -- partial index cases_refused names them
  AND (close_reason = 17 OR close_reason = 18)
GROUP BY close_reason;
SELECT 'ombudsman.referred', count(*), NULL FROM referrals
WHERE referred BETWEEN (SELECT f FROM period) AND (SELECT t FROM period);
