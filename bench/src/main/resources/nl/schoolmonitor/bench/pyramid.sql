-- The school-level attendance pyramid (window school_year_to_date) straight from the landing CSVs,
-- the way an analyst would write it in DuckDB: the benchmark's baseline. The same rules as the
-- monitor (../shared/domain/CONTRACT.md section 5, pipelines/.../gold/RULES.md sections 1-2):
--   school days  = Monday-Friday from 1 August to the reference date, minus the holiday region's
--                  holidays and the school's study days, within the enrolment (inclusive);
--   scheduled    = the sector's minutes for the weekday (region.yaml `schedule`) minus exempt slots;
--                  MBO (EduArte): the P, A and D observations are the timetable;
--   missed       = per slot the winning registration (sick first, authorised before unauthorised),
--                  a slot registered twice counts once, exempt slots miss nothing, the day is capped
--                  at its scheduled minutes; late arrivals are not missed time;
--   tier         = 1 when 1000 * missed <= tier1 (tenths of a percent) * scheduled, 3 when
--                  1000 * missed >= tier3 * scheduled (inclusive boundaries), else 2; fewer than
--                  min_school_days school days or nothing scheduled: insufficient_days.
-- The program (DuckDbPyramid) has created before this runs: schools, holidays (of the region's
-- holiday region), study_days, slots (sector, dow, slot, lesson, position, minutes, last_lesson),
-- codes (system, code, category), categories (category, priority, missed), and one raw_<system>_
-- <kind> table per export profile (every column VARCHAR, header names as in the files, plus
-- `filename`). ${...} are replaced by the program. Statements end with a semicolon at a line end.
--
-- Left out on purpose (they do not occur in generated data, or change no total): the corrections
-- rule (a later export of a school replaces earlier registrations of the dates it covers: every
-- school here sends one year-to-date export), the record checks that only name a reason
-- (sex values, municipality codes, year groups), and everything above school level.

CREATE MACRO minute_of(t) AS hour(try_strptime(t, '%H:%M')) * 60 + minute(try_strptime(t, '%H:%M'));
CREATE MACRO bsn9(b) AS CASE WHEN regexp_full_match(trim(b), '[0-9]{8,9}') THEN lpad(trim(b), 9, '0') END;
CREATE MACRO bsn_ok(b) AS bsn9(b) IS NOT NULL AND bsn9(b) <> '000000000' AND
  (9 * bsn9(b)[1]::INT + 8 * bsn9(b)[2]::INT + 7 * bsn9(b)[3]::INT + 6 * bsn9(b)[4]::INT
   + 5 * bsn9(b)[5]::INT + 4 * bsn9(b)[6]::INT + 3 * bsn9(b)[7]::INT + 2 * bsn9(b)[8]::INT
   - bsn9(b)[9]::INT) % 11 = 0;
CREATE MACRO brin_of(f) AS regexp_extract(f, '/schools/([^/]+)/[^/]+$', 1);

-- One row per school location per school day, up to the reference date.
CREATE TABLE school_days AS
SELECT s.brin_vestiging AS brin, s.sector, CAST(t.d AS DATE) AS date, isodow(t.d) AS dow
FROM schools s
CROSS JOIN range(TIMESTAMP '${year_start}', TIMESTAMP '${as_of}' + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
WHERE isodow(t.d) <= 5
  AND NOT EXISTS (SELECT 1 FROM holidays h WHERE CAST(t.d AS DATE) BETWEEN h.start_date AND h.end_date)
  AND NOT EXISTS (SELECT 1 FROM study_days sd
                  WHERE sd.brin_vestiging = s.brin_vestiging AND sd.date = CAST(t.d AS DATE));

-- The timetable minutes of a weekday per sector; no row for MBO (the observations are the timetable).
CREATE TABLE day_minutes AS SELECT sector, dow, sum(minutes) AS minutes FROM slots GROUP BY ALL;

-- Pupil lists of the four systems, one row per record.
CREATE TABLE pupil_records AS
SELECT brin_of(filename) AS brin, filename, Leerlingnummer AS pupil, BSN AS bsn, Onderwijsnummer AS onr,
       "Datum inschrijving" AS start_text, "Datum uitschrijving" AS end_text, 'dmy' AS fmt
FROM raw_parnassys_pupils
UNION ALL
SELECT brin_of(filename), filename, Stamnr, BSN, Onderwijsnummer, "Datum in", "Datum uit", 'dmy'
FROM raw_magister_pupils
UNION ALL
SELECT brin_of(filename), filename, leerlingnummer, bsn, onderwijsnummer, inschrijvingsdatum, uitschrijvingsdatum,
       'ymd'
FROM raw_somtoday_pupils
UNION ALL
SELECT brin_of(filename), filename, deelnemernummer, bsn, onderwijsnummer, begindatum, einddatum, 'ymd'
FROM raw_eduarte_pupils;

-- Accepted enrolments: a start date, a readable end not before it, a BSN that passes the 11-test or
-- else a nine-digit onderwijsnummer. The same enrolment in two lists: the later file wins.
CREATE TABLE enrolments AS
SELECT brin, pupil, start_date, end_date FROM (
  SELECT brin, pupil,
         CAST(CASE fmt WHEN 'dmy' THEN try_strptime(start_text, '%d-%m-%Y')
                       ELSE try_strptime(start_text, '%Y-%m-%d') END AS DATE) AS start_date,
         CAST(CASE fmt WHEN 'dmy' THEN try_strptime(end_text, '%d-%m-%Y')
                       ELSE try_strptime(end_text, '%Y-%m-%d') END AS DATE) AS end_date,
         end_text, bsn, onr, filename
  FROM pupil_records)
WHERE pupil IS NOT NULL AND start_date IS NOT NULL
  AND (end_text IS NULL OR end_date IS NOT NULL)
  AND (end_date IS NULL OR end_date >= start_date)
  AND (bsn_ok(bsn) OR (bsn IS NULL AND regexp_full_match(coalesce(onr, ''), '[0-9]{9}')))
QUALIFY row_number() OVER (PARTITION BY brin, pupil, start_date ORDER BY filename DESC) = 1;

-- One row per enrolment (school, pupil number) per school day, up to the reference date.
CREATE TABLE pupil_days AS
SELECT DISTINCT e.brin, e.pupil, d.date, d.dow, d.sector
FROM enrolments e
JOIN school_days d ON d.brin = e.brin
 AND d.date BETWEEN e.start_date AND least(coalesce(e.end_date, DATE '${as_of}'), DATE '${as_of}');

-- Registrations, one row per registration per timetable slot it touches, on the pupil's school days
-- (joining pupil_days drops non-school days, days outside the enrolment and unknown pupils). Only
-- what can change scheduled or missed minutes is kept: missed categories, exempt, and MBO's
-- scheduled observations.
CREATE TABLE slot_events AS
WITH parnassys AS (
  SELECT brin_of(r.filename) AS brin, r.Leerlingnummer AS pupil,
         CAST(try_strptime(r.Datum, '%d-%m-%Y') AS DATE) AS date,
         CASE r.Dagdeel WHEN 'Ochtend' THEN 'morning' WHEN 'Middag' THEN 'afternoon' WHEN 'Hele dag' THEN 'day' END AS part,
         coalesce(c.category, CASE WHEN r.Geoorloofd IN ('Ja', 'J') THEN 'leave'
                                   WHEN r.Geoorloofd IN ('Nee', 'N') THEN 'unauthorised' END) AS category
  FROM raw_parnassys_absences r LEFT JOIN codes c ON c.system = 'parnassys' AND c.code = r.Absentiesoort),
magister AS (
  SELECT brin_of(r.filename) AS brin, r.Stamnr AS pupil,
         CAST(try_strptime(r.Datum, '%d-%m-%Y') AS DATE) AS date,
         TRY_CAST(r.Lesuur AS INT) AS lesson,
         minute_of(r.Eind) - minute_of(r.Start) AS duration,
         coalesce(c.category, CASE r.Verantwoordingtype
             WHEN '1' THEN CASE WHEN r.Geoorloofd IN ('J', 'Ja') THEN 'leave' ELSE 'unauthorised' END
             WHEN '2' THEN 'late' WHEN '3' THEN 'sick' WHEN '4' THEN 'removed_from_class'
             WHEN '6' THEN 'exempt' WHEN '7' THEN 'not_absence' WHEN '8' THEN 'not_absence' END) AS category
  FROM raw_magister_absences r LEFT JOIN codes c ON c.system = 'magister' AND c.code = r.Code),
somtoday AS (
  SELECT brin_of(r.filename) AS brin, r.leerlingnummer AS pupil,
         CAST(try_strptime(r.beginDatumTijd, '%Y-%m-%dT%H:%M:%S') AS DATE) AS begin_date,
         CAST(try_strptime(r.eindDatumTijd, '%Y-%m-%dT%H:%M:%S') AS DATE) AS end_date,  -- null: still open
         TRY_CAST(r.beginLesuur AS INT) AS begin_lesson, TRY_CAST(r.eindLesuur AS INT) AS end_lesson,
         coalesce(c.category, CASE r.absentieSoort
             WHEN 'Absent' THEN CASE WHEN r.geoorloofd = 'true' THEN 'leave' ELSE 'unauthorised' END
             WHEN 'Telaat' THEN 'late' WHEN 'Verwijderd' THEN 'removed_from_class' END) AS category
  FROM raw_somtoday_absences r LEFT JOIN codes c ON c.system = 'somtoday' AND c.code = r.afkorting),
eduarte AS (
  SELECT brin_of(r.filename) AS brin, r.deelnemernummer AS pupil,
         CAST(try_strptime(r.datum, '%Y-%m-%d') AS DATE) AS date,
         minute_of(r.beginTijd) AS start_minute,
         minute_of(r.eindTijd) - minute_of(r.beginTijd) AS duration,
         r.waarnemingSoort AS observation,
         CASE r.waarnemingSoort WHEN 'P' THEN 'present' WHEN 'N' THEN 'exempt'
           ELSE coalesce(c.category, CASE WHEN r.geoorloofd = 'true' THEN 'leave' ELSE 'unauthorised' END) END AS category
  FROM raw_eduarte_observations r
  LEFT JOIN codes c ON c.system = 'eduarte' AND c.code = r.afkorting AND r.waarnemingSoort IN ('A', 'D')
  WHERE r.waarnemingSoort IN ('P', 'A', 'D', 'N'))
-- ParnasSys: Ochtend / Middag is that half day, Hele dag every slot of the weekday.
SELECT p.brin, p.pupil, p.date, s.slot, a.category, s.minutes AS slot_minutes, s.minutes AS missed,
       false AS schedules_time
FROM parnassys a
JOIN pupil_days p ON p.brin = a.brin AND p.pupil = a.pupil AND p.date = a.date
JOIN slots s ON s.sector = p.sector AND s.dow = p.dow AND (a.part = 'day' OR s.slot = a.part)
WHERE a.category IN (SELECT category FROM categories WHERE missed OR category = 'exempt')
UNION ALL
-- Magister: lesson hour n, Eind - Start minutes (the lesson's when a time is empty).
SELECT p.brin, p.pupil, p.date, s.slot, a.category, coalesce(a.duration, s.minutes), coalesce(a.duration, s.minutes),
       false
FROM magister a
JOIN pupil_days p ON p.brin = a.brin AND p.pupil = a.pupil AND p.date = a.date
JOIN slots s ON s.sector = p.sector AND s.dow = p.dow AND s.lesson = a.lesson
WHERE a.category IN (SELECT category FROM categories WHERE missed OR category = 'exempt')
UNION ALL
-- SOMtoday: every school day of the report; the first day from beginLesuur, the last up to
-- eindLesuur, the days between whole; an open report runs to the reference date.
SELECT p.brin, p.pupil, p.date, s.slot, a.category, s.minutes, s.minutes, false
FROM somtoday a
JOIN pupil_days p ON p.brin = a.brin AND p.pupil = a.pupil
 AND p.date BETWEEN a.begin_date AND coalesce(a.end_date, DATE '${as_of}')
JOIN slots s ON s.sector = p.sector AND s.dow = p.dow
 AND s.lesson BETWEEN CASE WHEN p.date = a.begin_date THEN coalesce(a.begin_lesson, 1) ELSE 1 END
                  AND CASE WHEN p.date = a.end_date THEN coalesce(a.end_lesson, s.last_lesson) ELSE s.last_lesson END
WHERE a.category IN (SELECT category FROM categories WHERE missed OR category = 'exempt')
UNION ALL
-- EduArte: the observation is its own slot; P, A and D schedule it, A misses it all, D half, N is exempt.
SELECT p.brin, p.pupil, p.date, 'T' || a.start_minute, a.category, a.duration,
       CASE a.observation WHEN 'A' THEN a.duration WHEN 'D' THEN a.duration // 2 ELSE 0 END,
       a.observation IN ('P', 'A', 'D')
FROM eduarte a
JOIN pupil_days p ON p.brin = a.brin AND p.pupil = a.pupil AND p.date = a.date
WHERE a.duration IS NOT NULL;

-- One row per pupil per day per slot: exempt wins; otherwise the missed category with the lowest
-- priority (sick first), with the most minutes any of its registrations missed.
CREATE TABLE settled_slots AS
WITH per_category AS (
  SELECT brin, pupil, date, slot, category, max(missed) AS missed, max(slot_minutes) AS slot_minutes,
         max(CASE WHEN schedules_time THEN slot_minutes END) AS timetable_minutes
  FROM slot_events GROUP BY ALL)
SELECT brin, pupil, date, slot,
       bool_or(pc.category = 'exempt') AS exempt,
       max(CASE WHEN pc.category = 'exempt' THEN slot_minutes END) AS exempt_minutes,
       max(timetable_minutes) AS timetable_minutes,
       arg_min(pc.missed, c.priority) FILTER (WHERE c.missed) AS missed
FROM per_category pc JOIN categories c ON c.category = pc.category
GROUP BY ALL;

-- One row per enrolment per counted school day: scheduled and (capped) missed minutes.
CREATE TABLE day_minutes_per_pupil AS
WITH per_day AS (
  SELECT brin, pupil, date,
         sum(CASE WHEN exempt THEN coalesce(exempt_minutes, 0) ELSE 0 END) AS exempt_minutes,
         sum(CASE WHEN NOT exempt THEN timetable_minutes END) AS observed_minutes,
         bool_or(timetable_minutes IS NOT NULL) AS has_observed_slot,
         sum(CASE WHEN NOT exempt THEN coalesce(missed, 0) ELSE 0 END) AS raw_missed
  FROM settled_slots GROUP BY ALL),
scheduled AS (
  SELECT p.brin, p.pupil, p.date,
         CASE WHEN m.minutes IS NOT NULL THEN greatest(0, m.minutes - coalesce(t.exempt_minutes, 0))
              ELSE coalesce(t.observed_minutes, 0) END AS scheduled_minutes,
         coalesce(t.raw_missed, 0) AS raw_missed
  FROM pupil_days p
  LEFT JOIN day_minutes m ON m.sector = p.sector AND m.dow = p.dow
  LEFT JOIN per_day t ON t.brin = p.brin AND t.pupil = p.pupil AND t.date = p.date
  WHERE m.minutes IS NOT NULL OR coalesce(t.has_observed_slot, false))
SELECT brin, pupil, date, scheduled_minutes, least(raw_missed, scheduled_minutes) AS missed_minutes
FROM scheduled;

-- One row per enrolment: the school year to date and its tier.
CREATE TABLE pupil_windows AS
SELECT brin, pupil, count(*) AS school_days, sum(scheduled_minutes) AS scheduled_minutes,
       sum(missed_minutes) AS missed_minutes,
       CASE WHEN count(*) < ${min_school_days} OR sum(scheduled_minutes) = 0 THEN NULL
            WHEN 1000 * sum(missed_minutes) ${tier1_op} ${tier1_tenths} * sum(scheduled_minutes) THEN 1
            WHEN 1000 * sum(missed_minutes) ${tier3_op} ${tier3_tenths} * sum(scheduled_minutes) THEN 3
            ELSE 2 END AS tier
FROM day_minutes_per_pupil GROUP BY ALL;

-- One row per school location: the pyramid (pupils = pupils with a tier).
CREATE TABLE school_pyramid AS
SELECT brin AS brin_vestiging,
       count(tier) AS pupils,
       count(*) FILTER (WHERE tier IS NULL) AS insufficient_days,
       count(*) FILTER (WHERE tier = 1) AS tier1,
       count(*) FILTER (WHERE tier = 2) AS tier2,
       count(*) FILTER (WHERE tier = 3) AS tier3
FROM pupil_windows GROUP BY ALL;
