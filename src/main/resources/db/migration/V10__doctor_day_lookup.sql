-- The rule of a doctor's day, now for one doctor and date: doctor_day(). doctor_days() over a range is made of
-- it, so the rule is still written once. Why: booking looks up one day per request, and through the range form
-- (generate_series with parameters, which PostgreSQL's cached plan assumes to be a thousand days long) every
-- booking was planned anew, about a millisecond of the database's CPU each; the one-day form is a handful of index
-- lookups whose plan PostgreSQL keeps.

-- A date's own record decides presence (and its limit, if it gives one); else, within the roster's period,
-- whether the roster lists the weekday; else the doctor is present. The limit is the date's, else the weekday's,
-- else the doctor's, else the clinic's; walk-in places are the weekday's, else the doctor's. No row for an unknown
-- doctor.
CREATE FUNCTION doctor_day(for_doctor uuid, on_day date, clinic_limit integer)
    RETURNS TABLE (doctor_id uuid, day date, present boolean, daily_limit integer, walk_in_places integer)
    LANGUAGE sql STABLE
AS $$
    SELECT d.id,
           on_day,
           COALESCE(a.is_present, r.doctor_id IS NULL OR w.weekday IS NOT NULL),
           COALESCE(a.daily_limit, w.daily_limit, d.max_appointments_per_day, clinic_limit),
           COALESCE(w.walk_in_places, d.walk_in_places)
      FROM doctor_masters d
      LEFT JOIN doctor_daily_availabilities a ON a.doctor_id = d.id AND a.date = on_day
      LEFT JOIN doctor_rosters r ON r.doctor_id = d.id AND on_day >= r.valid_from
                                 AND (r.valid_until IS NULL OR on_day <= r.valid_until)
      LEFT JOIN doctor_roster_weekdays w ON w.doctor_id = r.doctor_id
                                        AND w.weekday = CAST(extract(isodow FROM on_day) AS smallint)
     WHERE d.id = for_doctor
$$;

-- Every doctor's days of a range, each by doctor_day(). The doctor's id is the outer doctor_masters' own, so that a
-- caller's filter on doctor_id (or a join on it) reaches that table's index.
CREATE OR REPLACE FUNCTION doctor_days(first_day date, last_day date, clinic_limit integer)
    RETURNS TABLE (doctor_id uuid, day date, present boolean, daily_limit integer, walk_in_places integer)
    LANGUAGE sql STABLE
AS $$
    SELECT d.id, calendar.day, one.present, one.daily_limit, one.walk_in_places
      FROM doctor_masters d
     CROSS JOIN LATERAL (SELECT CAST(g AS date) AS day
                           FROM generate_series(first_day, last_day, interval '1 day') AS g) AS calendar
     CROSS JOIN LATERAL doctor_day(d.id, calendar.day, clinic_limit) AS one
$$;
