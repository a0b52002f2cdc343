-- Scheduling: a doctor's weekly roster, walk-in places, a waitlist whose offers hold places, and the two rules
-- every reader of a doctor's day shares (booking, capacity, open days, the waitlist): doctor_days() says whether a
-- doctor works on a date and how many they take; places_left() says how many an advance booking may still take.

-- A doctor's week over a period: the weekdays they work, each with an optional limit and walk-in places.
-- Outside the period the doctor is as without a roster: present unless a date's own record says otherwise.
CREATE TABLE doctor_rosters (
    doctor_id    uuid PRIMARY KEY REFERENCES doctor_masters (id),
    valid_from   date        NOT NULL,
    valid_until  date,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_doctor_rosters_period CHECK (valid_until IS NULL OR valid_until >= valid_from)
);

CREATE TABLE doctor_roster_weekdays (
    doctor_id       uuid     NOT NULL REFERENCES doctor_rosters (doctor_id) ON DELETE CASCADE,
    weekday         smallint NOT NULL,  -- ISO 8601: 1 is Monday, 7 Sunday
    daily_limit     integer,            -- null: the doctor's own limit, else the clinic's
    walk_in_places  integer,            -- null: the doctor's own walk-in places
    CONSTRAINT pk_doctor_roster_weekdays PRIMARY KEY (doctor_id, weekday),
    CONSTRAINT ck_doctor_roster_weekdays_weekday CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT ck_doctor_roster_weekdays_limit CHECK (daily_limit BETWEEN 1 AND 500),
    CONSTRAINT ck_doctor_roster_weekdays_walk_in CHECK (walk_in_places BETWEEN 0 AND 500)
);

-- Places of each day kept for patients who walk in: only the desk, on the day itself, books them.
ALTER TABLE doctor_masters ADD COLUMN walk_in_places integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_doctor_masters_walk_in_places CHECK (walk_in_places BETWEEN 0 AND 500);

-- A date's own record may also change that day's limit.
ALTER TABLE doctor_daily_availabilities ADD COLUMN daily_limit integer,
    ADD CONSTRAINT ck_doctor_daily_availabilities_limit CHECK (daily_limit BETWEEN 1 AND 500);

ALTER TABLE appointments ADD COLUMN walk_in boolean NOT NULL DEFAULT false;

-- walk_ins: the day's active walk-in appointments (they use the walk-in places first); held: places held for
-- waitlist offers, which no booking may take. Every booking, cancel, hold and release of a day goes through its row.
ALTER TABLE doctor_daily_capacities
    ADD COLUMN walk_ins integer NOT NULL DEFAULT 0,
    ADD COLUMN held integer NOT NULL DEFAULT 0,
    DROP CONSTRAINT ck_doctor_daily_capacities_booked,
    ADD CONSTRAINT ck_doctor_daily_capacities_places
        CHECK (booked >= 0 AND held >= 0 AND walk_ins BETWEEN 0 AND booked AND booked + held <= capacity);

-- The one rule of a doctor's day, for every doctor and date of a range: a date's own record decides presence
-- (and its limit, if it gives one); else, within the roster's period, whether the roster lists the weekday;
-- else the doctor is present. The limit is the date's, else the weekday's, else the doctor's, else the clinic's;
-- walk-in places are the weekday's, else the doctor's. A plain SQL function, so the planner inlines it and a
-- caller's filter on doctor_id reaches the tables' indexes.
CREATE FUNCTION doctor_days(first_day date, last_day date, clinic_limit integer)
    RETURNS TABLE (doctor_id uuid, day date, present boolean, daily_limit integer, walk_in_places integer)
    LANGUAGE sql STABLE
AS $$
    SELECT d.id,
           calendar.day,
           COALESCE(a.is_present, r.doctor_id IS NULL OR w.weekday IS NOT NULL),
           COALESCE(a.daily_limit, w.daily_limit, d.max_appointments_per_day, clinic_limit),
           COALESCE(w.walk_in_places, d.walk_in_places)
      FROM doctor_masters d
     CROSS JOIN LATERAL (SELECT CAST(g AS date) AS day
                           FROM generate_series(first_day, last_day, interval '1 day') AS g) AS calendar
      LEFT JOIN doctor_daily_availabilities a ON a.doctor_id = d.id AND a.date = calendar.day
      LEFT JOIN doctor_rosters r ON r.doctor_id = d.id AND calendar.day >= r.valid_from
                                 AND (r.valid_until IS NULL OR calendar.day <= r.valid_until)
      LEFT JOIN doctor_roster_weekdays w ON w.doctor_id = r.doctor_id
                                        AND w.weekday = CAST(extract(isodow FROM calendar.day) AS smallint)
$$;

-- The places an advance booking may still take: the limit less what is booked, what is held for waitlist offers
-- and the walk-in places walk-ins have not used yet, unless those are released (a walk-in at the desk, or the
-- day past WALK_IN_RELEASE_TIME).
CREATE FUNCTION places_left(daily_limit integer, walk_in_places integer, booked integer, walk_ins integer,
                            held integer, walk_ins_released boolean)
    RETURNS integer
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT GREATEST(daily_limit - booked - held
                    - CASE WHEN walk_ins_released THEN 0 ELSE GREATEST(walk_in_places - walk_ins, 0) END, 0)
$$;

-- A patient waiting for a place on a full doctor-day; one open entry per patient and doctor-day.
CREATE TABLE waitlist_entries (
    id              uuid PRIMARY KEY,
    patient_id      uuid        NOT NULL REFERENCES patients (id),
    doctor_id       uuid        NOT NULL REFERENCES doctor_masters (id),
    date            date        NOT NULL,
    status          varchar(20) NOT NULL DEFAULT 'waiting',
    joined_at       timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    appointment_id  uuid REFERENCES appointments (id),
    CONSTRAINT ck_waitlist_entries_status
        CHECK (status IN ('waiting', 'offered', 'booked', 'declined', 'expired', 'left', 'closed'))
);
CREATE UNIQUE INDEX uq_waitlist_entries_open ON waitlist_entries (patient_id, doctor_id, date)
    WHERE status IN ('waiting', 'offered');
CREATE INDEX ix_waitlist_entries_line ON waitlist_entries (doctor_id, date, joined_at, id)
    WHERE status IN ('waiting', 'offered');
CREATE INDEX ix_waitlist_entries_patient ON waitlist_entries (patient_id, date);

-- A place held for one waiting patient until expires_at; at most one open offer per entry.
CREATE TABLE waitlist_offers (
    id              uuid PRIMARY KEY,
    entry_id        uuid        NOT NULL REFERENCES waitlist_entries (id),
    doctor_id       uuid        NOT NULL REFERENCES doctor_masters (id),
    date            date        NOT NULL,
    status          varchar(20) NOT NULL DEFAULT 'open',
    offered_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    decided_at      timestamptz,
    appointment_id  uuid REFERENCES appointments (id),
    CONSTRAINT ck_waitlist_offers_status
        CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn'))
);
CREATE UNIQUE INDEX uq_waitlist_offers_open_entry ON waitlist_offers (entry_id) WHERE status = 'open';
CREATE INDEX ix_waitlist_offers_expiry ON waitlist_offers (expires_at) WHERE status = 'open';
