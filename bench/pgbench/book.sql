-- A booking of BookingService.book as the service sends it to PostgreSQL, without HTTP or the JVM: the same
-- statements, in the same round trips. Its standing is read before the transaction (a refusal ends there), then
-- the transaction claims a place and inserts the appointment. The writes that come with the change (history row,
-- live-queue event, notification, audit record) go out together with the commit, as CommitWrites sends them (a
-- pipeline here: one Sync for all four and the COMMIT). bench/run.sh appends change-end.sql: the notification, the
-- audit record, the commit and the live queue's signal, which every change ends with.
-- Variables: :doctor_base, :doctors, :days (book-spread: random doctor and day; book-hotspot: doctors=1, days=1),
-- :per_client (client c books patients c * per_client + 1, + 2, …: each booking a patient of its own, as through
-- the service), :today, :clinic_limit. Capacity never refuses here (the bench's doctors take more than it books).
\set doctor :doctor_base + random(1, :doctors)
\set day random(1, :days)
\set n :n + 1
\set patient :client_id * :per_client + :n
\set actor 7
SELECT EXISTS (SELECT 1 FROM patients
                WHERE id = ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid) AS patient_exists,
       -- as text, never null: pgbench sets no variable from a null
       COALESCE(CAST((SELECT id FROM appointments
                       WHERE patient_id = ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid
                         AND doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
                         AND date = CAST(:today AS date) + :day::integer
                         AND status <> 'cancelled') AS text), 'none') AS active_appointment,
       EXISTS (SELECT 1 FROM appointments WHERE idempotency_owner = NULL AND idempotency_key = NULL) AS key_used,
       d.doctor_id, d.present, d.daily_limit, d.walk_in_places,
       places_left(d.daily_limit, d.walk_in_places, COALESCE(c.booked, 0),
                   COALESCE(c.walk_ins, 0), COALESCE(c.held, 0), false) AS places_left
  FROM (VALUES (1)) AS one
  LEFT JOIN doctor_day(('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid,
                       CAST(:today AS date) + :day::integer, :clinic_limit) d ON true
  LEFT JOIN doctor_daily_capacities c ON c.doctor_id = d.doctor_id AND c.date = d.day \gset
BEGIN;
INSERT INTO doctor_daily_capacities AS day (id, doctor_id, date, capacity, booked, walk_ins)
SELECT gen_random_uuid(), ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid,
       CAST(:today AS date) + :day::integer, :daily_limit, 1, 0
 WHERE places_left(:daily_limit, :walk_in_places, 0, 0, 0, false) > 0
ON CONFLICT ON CONSTRAINT uq_doctor_daily_capacities_doctor_date DO UPDATE
   SET booked = day.booked + 1, walk_ins = day.walk_ins + EXCLUDED.walk_ins,
       capacity = EXCLUDED.capacity, updated_at = now()
 WHERE places_left(EXCLUDED.capacity, :walk_in_places, day.booked, day.walk_ins, day.held, false) > 0
RETURNING booked \gset
INSERT INTO appointments (id, patient_id, doctor_id, date, slot, status, idempotency_key,
                          idempotency_owner, rescheduled_from, walk_in, created_by,
                          updated_by)
SELECT gen_random_uuid(), ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid,
       ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid, CAST(:today AS date) + :day::integer,
       CASE WHEN taken.highest = :booked - 1 THEN :booked
            ELSE (SELECT min(candidate)
                    FROM generate_series(1, GREATEST(:booked - 1, taken.highest) + 1)
                         AS candidate
                   WHERE NOT EXISTS (
                         SELECT 1 FROM appointments a
                          WHERE a.doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
                            AND a.date = CAST(:today AS date) + :day::integer
                            AND a.slot = candidate AND a.status <> 'cancelled'))
       END,
       'booked', NULL, NULL, NULL, false,
       ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid,
       ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid
  FROM (SELECT COALESCE(max(slot), 0) AS highest
          FROM appointments
         WHERE doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
           AND date = CAST(:today AS date) + :day::integer AND status <> 'cancelled') AS taken
ON CONFLICT (patient_id, doctor_id, date) WHERE status <> 'cancelled' DO NOTHING
RETURNING id AS appointment_id, patient_id, doctor_id, date, slot, status, walk_in, created_at, updated_at,
          created_by, updated_by \gset
\startpipeline
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_by)
VALUES (:appointment_id, 'appointment', NULL, 'booked',
        ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid);
INSERT INTO queue_events (date, doctor_id, appointment_id, token, subject, from_status, to_status)
SELECT date, doctor_id, id, slot, 'appointment', NULL, 'booked' FROM appointments WHERE id = :appointment_id
RETURNING date, doctor_id;
