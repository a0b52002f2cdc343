-- The booking transaction of BookingService.book, statement for statement, without HTTP or the JVM.
-- Variables: :doctor_base, :doctors, :days (book-spread: random doctor and day; book-hotspot: doctors=1, days=1),
-- :per_client (client c books patients c * per_client + 1, + 2, …: each booking a patient of its own, as through
-- the service), :today. The day's capacity is set far above any load: capacity never refuses here.
\set doctor :doctor_base + random(1, :doctors)
\set day random(1, :days)
\set n :n + 1
\set patient :client_id * :per_client + :n
BEGIN;
SELECT EXISTS (SELECT 1 FROM patients WHERE id = ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid),
       (SELECT id FROM appointments
         WHERE patient_id = ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid
           AND doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
           AND date = CAST(:today AS date) + :day::integer AND status <> 'cancelled'),
       COALESCE((SELECT booked FROM doctor_daily_capacities
                  WHERE doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
                    AND date = CAST(:today AS date) + :day::integer), 0);
SELECT d.max_appointments_per_day, a.is_present
  FROM doctor_masters d
  LEFT JOIN doctor_daily_availabilities a ON a.doctor_id = d.id AND a.date = CAST(:today AS date) + :day::integer
 WHERE d.id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid;
INSERT INTO doctor_daily_capacities AS day (id, doctor_id, date, capacity, booked)
VALUES (gen_random_uuid(), ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid, CAST(:today AS date) + :day::integer, 1000000, 1)
ON CONFLICT ON CONSTRAINT uq_doctor_daily_capacities_doctor_date DO UPDATE
   SET booked = day.booked + 1, capacity = EXCLUDED.capacity, updated_at = now()
 WHERE day.booked < EXCLUDED.capacity
RETURNING booked \gset
INSERT INTO appointments (id, patient_id, doctor_id, date, slot, status, idempotency_key, rescheduled_from)
SELECT gen_random_uuid(), ('a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0'))::uuid,
       ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid, CAST(:today AS date) + :day::integer,
       CASE WHEN taken.highest = :booked - 1 THEN :booked
            ELSE (SELECT min(candidate)
                    FROM generate_series(1, GREATEST(:booked - 1, taken.highest) + 1) AS candidate
                   WHERE NOT EXISTS (
                         SELECT 1 FROM appointments a
                          WHERE a.doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
                            AND a.date = CAST(:today AS date) + :day::integer AND a.slot = candidate AND a.status <> 'cancelled'))
       END,
       'booked', NULL, NULL
  FROM (SELECT COALESCE(max(slot), 0) AS highest FROM appointments
         WHERE doctor_id = ('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid
           AND date = CAST(:today AS date) + :day::integer AND status <> 'cancelled') AS taken
ON CONFLICT (patient_id, doctor_id, date) WHERE status <> 'cancelled' DO NOTHING
RETURNING id, patient_id, doctor_id, date, slot, status, idempotency_key, rescheduled_from, created_at, updated_at;
COMMIT;
