-- A booking of BookingService.book as the service sends it to PostgreSQL, without HTTP or the JVM: the same
-- statements, in the same round trips. Its standing is read before the transaction (a refusal ends there), then
-- the transaction goes out in one round trip (a pipeline here, one Sync), as CommitWrites sends it: BEGIN, the
-- claim of a place with the appointment's insert (book_place()), the writes that come with the change (history
-- row, live-queue event, notification, audit record) and the COMMIT. The service picks the appointment's id; here
-- it is made of the doctor's, the day's and the patient's numbers: a run may book a patient an earlier run booked
-- with the same doctor (book-spread's ceiling draws from the same doctors at every level), so the day is in it too.
-- The same patient, doctor and day twice would be refused as a duplicate, and stop that pgbench client, as the
-- script always did; with 90 days and thousands of doctors it is rare. bench/run.sh appends
-- change-end.sql: the notification, the audit record, the commit and the live queue's signal, which every change
-- ends with.
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
       d.doctor_id, d.day AS date, d.present, d.daily_limit, d.walk_in_places,
       'a0000000-0000-4000-8000-' || lpad(:patient::text, 12, '0') AS patient_id,
       'd' || lpad(:doctor::text, 7, '0') || '-' || lpad(:day::text, 4, '0') || '-4000-8000-'
           || lpad(:patient::text, 12, '0') AS appointment_id,
       places_left(d.daily_limit, d.walk_in_places, COALESCE(c.booked, 0),
                   COALESCE(c.walk_ins, 0), COALESCE(c.held, 0), false) AS places_left
  FROM (VALUES (1)) AS one
  LEFT JOIN doctor_day(('b0000000-0000-4000-8000-' || lpad(:doctor::text, 12, '0'))::uuid,
                       CAST(:today AS date) + :day::integer, :clinic_limit) d ON true
  LEFT JOIN doctor_daily_capacities c ON c.doctor_id = d.doctor_id AND c.date = d.day \gset
\startpipeline
BEGIN;
SELECT id, patient_id, doctor_id, date, slot, status, idempotency_key, rescheduled_from, walk_in, created_at,
       updated_at, created_by, updated_by
  FROM book_place(:appointment_id, :patient_id, :doctor_id, :date, :daily_limit, :walk_in_places, false, false,
                  NULL, NULL, NULL, ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid);
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_by)
VALUES (:appointment_id, 'appointment', NULL, 'booked',
        ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid);
INSERT INTO queue_events (date, doctor_id, appointment_id, token, subject, from_status, to_status)
SELECT date, doctor_id, id, slot, 'appointment', NULL, 'booked' FROM appointments WHERE id = :appointment_id
RETURNING date, doctor_id;
