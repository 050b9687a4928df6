-- bench/baseline-overdue-pg.sql: `report overdue --format csv`, written by
-- hand for psql: bench/baseline-overdue.sql in PostgreSQL's words (a day
-- number made a date by adding it to 1970-01-01; the extensions' days
-- summed as a bigint, as the working-day numbers are, so that the lookup
-- of the deadline is one index probe). bench/pg-reports.sh runs it after
-- the calendar it makes (TEMP tables hol(day), wd_day(day, n),
-- wd_nth(n, day)) and the one-row TEMP table today(day), in the same
-- session. It reads the tables (case_rows, stage_rows), the officer's name
-- looked up (words) for the rows printed. The open cases whose next action
-- at the current stage is past due, most overdue first: the floor for what
-- complaints does, without its checks (a calendar per policy text, dates
-- outside the calendar). Unaligned, comma-separated, with the header: no
-- value holds a comma or a quote.
\pset format unaligned
\pset fieldsep ','
\pset tuples_only off
\pset footer off
WITH cur AS (
  SELECT c.ref, (SELECT p.policy FROM policy_versions p
    WHERE p.id = c.policy_version) AS policy, c.service, s.stage,
    s.officer AS officer_id,
    CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN 'acknowledge'
      ELSE 'respond' END AS action,
    CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.opened
      WHEN s.respond_days = 0 THEN NULL
      WHEN s.respond_from = 1 THEN s.acknowledged
      ELSE s.opened END AS start,
    CASE WHEN s.acknowledged IS NULL AND s.ack_days > 0 THEN s.ack_days
      ELSE s.respond_days + (SELECT CAST(coalesce(sum(e.days), 0) AS BIGINT)
        FROM extensions e
        WHERE e.case_id = s.case_id AND e.stage = s.stage) END AS days
  FROM case_rows c
  JOIN stage_rows s ON s.case_id = c.id
    AND s.stage = (SELECT max(x.stage) FROM stage_rows x WHERE x.case_id = c.id)
  WHERE c.closed IS NULL AND s.responded IS NULL),
due AS MATERIALIZED (
  SELECT cur.*, (SELECT w.day FROM wd_nth w WHERE w.n =
    (SELECT d.n FROM wd_day d WHERE d.day = cur.start) + cur.days) AS due
  FROM cur WHERE start IS NOT NULL)
SELECT ref, policy, stage, action,
  to_char(DATE '1970-01-01' + CAST(due AS INTEGER), 'YYYY-MM-DD') AS due,
  (SELECT d.n FROM wd_day d WHERE d.day = (SELECT day FROM today))
    - (SELECT d.n FROM wd_day d WHERE d.day = due.due)
    AS working_days_overdue,
  (SELECT w.word FROM words w WHERE w.id = officer_id) AS officer, service
FROM due WHERE due < (SELECT day FROM today)
ORDER BY working_days_overdue DESC, due.due, ref;
