-- bench/baseline-overdue.sql: `report overdue --format csv`, written by hand
-- for the sqlite3 shell. bench/report-scale.sh runs it after the calendar it
-- makes from policies/calendars/england-and-wales.yaml (TEMP tables
-- hol(day), wd_day(day, n), wd_nth(n, day)) and the one-row TEMP table
-- today(day). It reads the tables (case_rows, stage_rows), the officer's
-- name looked up (words) for the rows printed. The open cases whose next action at the current stage is past
-- due, most overdue first: the floor for what complaints does, without its
-- checks (a calendar per policy text, dates outside the calendar). List
-- mode, comma-separated: no value holds a comma or a quote.
.mode list
.separator "," "\n"
.headers on
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
      ELSE s.respond_days + (SELECT coalesce(sum(e.days), 0) FROM extensions e
        WHERE e.case_id = s.case_id AND e.stage = s.stage) END AS days
  FROM case_rows c
  JOIN stage_rows s ON s.case_id = c.id
    AND s.stage = (SELECT max(x.stage) FROM stage_rows x WHERE x.case_id = c.id)
  WHERE c.closed IS NULL AND s.responded IS NULL),
due AS MATERIALIZED (
  SELECT cur.*, (SELECT w.day FROM wd_nth w WHERE w.n =
    (SELECT d.n FROM wd_day d WHERE d.day = cur.start) + cur.days) AS due
  FROM cur WHERE start IS NOT NULL)
SELECT ref, policy, stage, action, date(due + 2440587.5) AS due,
  (SELECT d.n FROM wd_day d WHERE d.day = (SELECT day FROM today))
    - (SELECT d.n FROM wd_day d WHERE d.day = due.due)
    AS working_days_overdue,
  (SELECT w.word FROM words w WHERE w.id = officer_id) AS officer, service
FROM due WHERE due < (SELECT day FROM today)
ORDER BY working_days_overdue DESC, due.due, ref;
