-- bench/baseline-summary-service-pg.sql: the figures of `report summary
-- --from F --to T --by service`, in all and by service, written by hand
-- for psql: bench/baseline-summary-service.sql in PostgreSQL's words (a
-- flag is an integer for sum(), a mean or median of working days printed
-- by to_char). Each stage's deadlines as dates (wd_nth), compared as
-- dates; a service is its key (case_rows.service_key), shown as it is
-- written; the total is the sum of the groups. bench/pg-reports.sh runs
-- it after the calendar it makes (TEMP tables wd_day(day, n),
-- wd_nth(n, day)) and the one-row TEMP tables today(day) and period(f, t),
-- in the same session. Prints section,group,figure,value,of rows (section
-- all or service), for the script to hold against complaints' CSV.
\pset format unaligned
\pset fieldsep ','
\pset tuples_only on
\pset footer off
CREATE TEMP TABLE st AS
WITH s AS (
  SELECT s.stage, s.opened, s.ack_days, s.respond_days, s.respond_from,
    s.acknowledged, s.responded, s.outcome,
    c.service_key AS sk, trim(c.service) AS service,
    coalesce(s.acknowledged, s.responded) AS contact,
    coalesce(c.closed, (SELECT day FROM today)) AS cutoff,
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

-- The stage figures by service, in one pass over the stages; the total's
-- (g NULL) are their sums.
CREATE TEMP TABLE fig_s AS
SELECT 'service' AS sec, min(service) AS g, sk AS gk, stage,
  count(*) AS opened,
  count(*) FILTER (WHERE contact <= ack_due) AS ack_ok,
  count(*) FILTER (WHERE ack_due IS NOT NULL
    AND (contact IS NOT NULL OR ack_due < cutoff)) AS ack_of,
  count(*) FILTER (WHERE responded <= resp_due) AS resp_ok,
  count(*) FILTER (WHERE resp_due IS NOT NULL
    AND (responded IS NOT NULL OR resp_due < cutoff)) AS resp_of,
  count(*) FILTER (WHERE responded <= orig_due) AS orig_ok,
  count(*) FILTER (WHERE orig_due IS NOT NULL
    AND (responded IS NOT NULL OR orig_due < cutoff)) AS orig_of,
  count(*) FILTER (WHERE ext_n = 0 AND responded <= resp_due) AS noext_ok,
  count(*) FILTER (WHERE ext_n = 0 AND resp_due IS NOT NULL
    AND (responded IS NOT NULL OR resp_due < cutoff)) AS noext_of,
  count(*) FILTER (WHERE ext_n > 0 AND responded <= resp_due) AS ext_ok,
  count(*) FILTER (WHERE ext_n > 0 AND resp_due IS NOT NULL
    AND (responded IS NOT NULL OR resp_due < cutoff)) AS ext_of,
  count(responded) AS responded, CAST(coalesce(sum(n_resp - n_open), 0) AS DOUBLE PRECISION) AS wd_sum,
  count(*) FILTER (WHERE ext_n > 0) AS extended, sum(ext_n) AS extensions,
  sum(ext_days) AS ext_days, sum(escalated) AS escalated,
  count(other) AS diff_of, coalesce(sum(other), 0) AS diff_ok,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'upheld')) AS upheld,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'partly-upheld')) AS partly,
  count(*) FILTER (WHERE outcome = (SELECT id FROM words WHERE word = 'not-upheld')) AS not_upheld
FROM st GROUP BY sk, stage;
CREATE TEMP TABLE fig AS
SELECT * FROM fig_s
UNION ALL
SELECT 'all', NULL, NULL, stage, sum(opened), sum(ack_ok), sum(ack_of),
  sum(resp_ok), sum(resp_of), sum(orig_ok), sum(orig_of), sum(noext_ok),
  sum(noext_of), sum(ext_ok), sum(ext_of), sum(responded), sum(wd_sum),
  sum(extended), sum(extensions), sum(ext_days), sum(escalated),
  sum(diff_of), sum(diff_ok), sum(upheld), sum(partly), sum(not_upheld)
FROM fig_s GROUP BY stage;

SELECT sec, g, 'stage' || stage || '.opened', opened, NULL FROM fig;
SELECT sec, g, 'stage' || stage || '.acknowledged_on_time', ack_ok, ack_of
FROM fig;
SELECT sec, g, 'stage' || stage || '.responded_on_time', resp_ok, resp_of
FROM fig;
SELECT sec, g, 'stage' || stage || '.responded_within_original_timescale',
  orig_ok, orig_of FROM fig;
SELECT sec, g, 'stage' || stage || '.responded_on_time_without_extension',
  noext_ok, noext_of FROM fig;
SELECT sec, g, 'stage' || stage || '.responded_on_time_with_extension',
  ext_ok, ext_of FROM fig;
SELECT sec, g, 'stage' || stage || '.responded', responded, opened FROM fig;
SELECT sec, g, 'stage' || stage || '.working_days_to_respond_mean',
  to_char(wd_sum / responded, 'FM999999990.0'), responded FROM fig WHERE responded > 0;
SELECT sec, g, 'stage' || stage || '.extended', extended, opened FROM fig;
SELECT sec, g, 'stage' || stage || '.extensions', extensions, NULL FROM fig;
SELECT sec, g, 'stage' || stage || '.extension_days', ext_days, NULL FROM fig;
SELECT sec, g, 'stage2.handled_by_different_person', diff_ok, diff_of
FROM fig WHERE stage = 2;
SELECT sec, g, 'stage1.escalated', escalated, opened FROM fig
WHERE stage = 1;
SELECT sec, g, 'stage' || stage || '.outcome.upheld', upheld, responded
FROM fig;
SELECT sec, g, 'stage' || stage || '.outcome.partly-upheld', partly,
  responded FROM fig;
SELECT sec, g, 'stage' || stage || '.outcome.not-upheld', not_upheld,
  responded FROM fig;

-- The median working days to answer, in all and by service: from how
-- many stages took each number of days.
WITH h AS MATERIALIZED (
  SELECT sk, min(service) AS g, stage, n_resp - n_open AS wd, count(*) AS k
  FROM st WHERE responded IS NOT NULL GROUP BY sk, stage, wd),
x AS (
  SELECT 'service' AS sec, g, sk AS gk, stage, wd, k FROM h
  UNION ALL
  SELECT 'all', NULL, NULL, stage, wd, sum(k) FROM h GROUP BY stage, wd),
r AS (
  SELECT x.*,
    CAST(sum(k) OVER (PARTITION BY sec, gk, stage ORDER BY wd) AS BIGINT)
      AS upto,
    CAST(sum(k) OVER (PARTITION BY sec, gk, stage) AS BIGINT) AS cnt FROM x)
SELECT sec, min(g), 'stage' || stage || '.working_days_to_respond_median',
  to_char((min(wd) FILTER (WHERE upto >= (cnt + 1) / 2)
    + min(wd) FILTER (WHERE upto >= cnt / 2 + 1)) / 2.0,
    'FM999999990.0'), max(cnt)
FROM r GROUP BY sec, gk, stage;

-- The cases received in the period by service, in one pass; in all,
-- their sums.
CREATE TEMP TABLE rc_s AS
SELECT 'service' AS sec, min(trim(service)) AS g, service_key AS gk,
  count(*) AS n,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'complaint')) AS complaint,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'comment')) AS comment,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'compliment')) AS compliment,
  count(*) FILTER (WHERE kind = (SELECT id FROM words WHERE word = 'service-request')) AS request
FROM case_rows
WHERE received BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
GROUP BY service_key;
CREATE TEMP TABLE rc AS
SELECT * FROM rc_s
UNION ALL
SELECT 'all', NULL, NULL, sum(n), sum(complaint), sum(comment),
  sum(compliment), sum(request) FROM rc_s;
SELECT sec, g, 'received', n, NULL FROM rc;
SELECT sec, g, 'received.complaint', complaint, n FROM rc;
SELECT sec, g, 'received.comment', comment, n FROM rc;
SELECT sec, g, 'received.compliment', compliment, n FROM rc;
SELECT sec, g, 'received.service-request', request, n FROM rc;
SELECT 'all', NULL, 'ombudsman.referred', count(*), NULL FROM referrals
WHERE referred BETWEEN (SELECT f FROM period) AND (SELECT t FROM period);
SELECT 'service', min(trim(c.service)), 'ombudsman.referred', count(*), NULL
FROM referrals r JOIN case_rows c ON c.id = r.case_id
WHERE r.referred BETWEEN (SELECT f FROM period) AND (SELECT t FROM period)
GROUP BY c.service_key;
