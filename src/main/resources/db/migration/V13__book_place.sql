-- A booking's claim of a place and its appointment in one call, so that BookingService can send it with the
-- booking's other writes and its COMMIT in one round trip: the doctor-day's row lock is then held for no round trip
-- between the service and the database. Each statement of a PL/pgSQL function takes a snapshot of its own, so the
-- insert, which runs after the claim got the row lock, sees every booking of the day committed before it.

-- The appointment at the lowest free slot of its doctor-day, under the day's row lock taken by the caller's
-- transaction. Without cancellations the slots in use are exactly 1..n and the next is n + 1, read off the index;
-- after a cancellation the first hole is searched. No row when the patient has an appointment with the doctor that
-- day already.
CREATE FUNCTION insert_at_lowest_free_slot(
    new_id uuid, new_patient_id uuid, new_doctor_id uuid, new_date date, others_booked integer,
    new_idempotency_key varchar, new_idempotency_owner uuid, new_rescheduled_from uuid, new_walk_in boolean,
    actor uuid)
    RETURNS SETOF appointments
    LANGUAGE sql VOLATILE AS $$
INSERT INTO appointments (id, patient_id, doctor_id, date, slot, status, idempotency_key, idempotency_owner,
                          rescheduled_from, walk_in, created_by, updated_by)
SELECT new_id, new_patient_id, new_doctor_id, new_date,
       CASE WHEN taken.highest = others_booked THEN others_booked + 1
            ELSE (SELECT min(candidate)
                    FROM generate_series(1, GREATEST(others_booked, taken.highest) + 1) AS candidate
                   WHERE NOT EXISTS (
                         SELECT 1 FROM appointments a
                          WHERE a.doctor_id = new_doctor_id AND a.date = new_date
                            AND a.slot = candidate AND a.status <> 'cancelled'))
       END,
       'booked', new_idempotency_key, new_idempotency_owner, new_rescheduled_from, new_walk_in, actor, actor
  FROM (SELECT COALESCE(max(slot), 0) AS highest
          FROM appointments
         WHERE doctor_id = new_doctor_id AND date = new_date AND status <> 'cancelled') AS taken
ON CONFLICT (patient_id, doctor_id, date) WHERE status <> 'cancelled' DO NOTHING
RETURNING *
$$;

-- Takes one place of the doctor-day if places_left() leaves one (the first booking of a day creates its row), then
-- inserts the appointment at the lowest free slot. Refuses with an error, so that nothing sent after it in the same
-- transaction runs: SQLSTATE CL001 when the day has no place left, CL002 (its message the appointment's id) when the
-- patient has an appointment with the doctor that day. A walk-in, or any booking once the day's walk-in places are
-- released, may take the walk-in places too (walk_ins_released).
CREATE FUNCTION book_place(
    new_id uuid, new_patient_id uuid, new_doctor_id uuid, new_date date, daily_limit integer,
    walk_in_places integer, new_walk_in boolean, walk_ins_released boolean, new_idempotency_key varchar,
    new_idempotency_owner uuid, new_rescheduled_from uuid, actor uuid)
    RETURNS SETOF appointments
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    taken integer;
    active uuid;
BEGIN
    INSERT INTO doctor_daily_capacities AS day (id, doctor_id, date, capacity, booked, walk_ins)
    SELECT gen_random_uuid(), new_doctor_id, new_date, daily_limit, 1, CASE WHEN new_walk_in THEN 1 ELSE 0 END
     WHERE places_left(daily_limit, walk_in_places, 0, 0, 0, walk_ins_released) > 0
    ON CONFLICT ON CONSTRAINT uq_doctor_daily_capacities_doctor_date DO UPDATE
       SET booked = day.booked + 1, walk_ins = day.walk_ins + EXCLUDED.walk_ins,
           capacity = EXCLUDED.capacity, updated_at = now()
     WHERE places_left(EXCLUDED.capacity, walk_in_places, day.booked, day.walk_ins, day.held, walk_ins_released) > 0
    RETURNING booked INTO taken;
    IF taken IS NULL THEN
        RAISE EXCEPTION 'the doctor-day has no place left' USING ERRCODE = 'CL001';
    END IF;
    RETURN QUERY SELECT * FROM insert_at_lowest_free_slot(
        new_id, new_patient_id, new_doctor_id, new_date, taken - 1, new_idempotency_key, new_idempotency_owner,
        new_rescheduled_from, new_walk_in, actor);
    IF NOT FOUND THEN
        SELECT a.id INTO active
          FROM appointments a
         WHERE a.patient_id = new_patient_id AND a.doctor_id = new_doctor_id AND a.date = new_date
           AND a.status <> 'cancelled';
        RAISE EXCEPTION '%', active USING ERRCODE = 'CL002';
    END IF;
END
$$;
