-- The check-in transaction of CheckInService.checkIn as the service sends it to PostgreSQL, without HTTP or the
-- JVM: the same statements, in the same round trips. The conditional update is read first (a refusal ends there);
-- the queue entry and the writes that come with the change (two history rows, two live-queue events, the
-- checked-in notification, the turn-near notifications, the audit record) go out together with the commit, as
-- CommitWrites sends them (a pipeline here: one Sync for all and the COMMIT). bench/run.sh appends
-- change-end.sql: the checked-in notification, the audit record, the commit and the live queue's signal, which
-- every change ends with.
-- Each client checks in its own pre-booked appointments: :appointment_base + :client_id * :per_client + n, whose
-- patient is the seed's patient of the same number, all of them :today's; :turn_near_ahead as the service's
-- TURN_NEAR_AHEAD.
\set n :n + 1
\set k :appointment_base + :client_id * :per_client + :n
\set actor 7
BEGIN;
UPDATE appointments SET status = 'checked_in', updated_at = now(),
                        updated_by = ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid
 WHERE id = ('c0000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND status = 'booked'
   AND patient_id = ('a0000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND date = CAST(:today AS date)
RETURNING id AS appointment_id, patient_id, doctor_id, date, slot, status, walk_in, created_at, updated_at,
          updated_by \gset
\startpipeline
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_by)
VALUES (:appointment_id, 'appointment', 'booked', 'checked_in',
        ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid);
INSERT INTO queue_events (date, doctor_id, appointment_id, token, subject, from_status, to_status)
SELECT date, doctor_id, id, slot, 'appointment', 'booked', 'checked_in' FROM appointments WHERE id = :appointment_id
RETURNING date, doctor_id;
WITH position_taken AS (
    INSERT INTO doctor_daily_queue_counters AS counter (doctor_id, date, last_position)
    VALUES (:doctor_id, :date, 1)
    ON CONFLICT ON CONSTRAINT pk_doctor_daily_queue_counters DO UPDATE
       SET last_position = counter.last_position + 1
    RETURNING last_position
),
q AS (
    INSERT INTO queue_entries (id, appointment_id, doctor_id, date, position, status, checked_in_at)
    SELECT gen_random_uuid(), :appointment_id, :doctor_id, :date, last_position, 'waiting', clock_timestamp()
      FROM position_taken
    RETURNING *)
SELECT q.id AS queue_entry_id, q.appointment_id, a.patient_id, p.first_name AS patient_first_name, q.doctor_id,
       q.date, a.slot, q.position, q.status, q.checked_in_at
  FROM q
  JOIN appointments a ON a.id = q.appointment_id
  JOIN patients p ON p.id = a.patient_id;
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_by)
VALUES (:appointment_id, 'queue_entry', NULL, 'waiting',
        ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid);
INSERT INTO queue_events (date, doctor_id, appointment_id, token, subject, from_status, to_status)
SELECT date, doctor_id, id, slot, 'queue_entry', NULL, 'waiting' FROM appointments WHERE id = :appointment_id
RETURNING date, doctor_id;
WITH waiting AS (
    SELECT appointment_id, row_number() OVER (ORDER BY position) - 1 AS ahead
      FROM queue_entries WHERE doctor_id = :doctor_id AND date = :date AND status = 'waiting'),
event AS (
    INSERT INTO notification_events (id, type, appointment_id, patient_id, data)
    SELECT gen_random_uuid(), 'queue.turn_near', a.id, a.patient_id, jsonb_strip_nulls(jsonb_build_object(
               'appointment_id', a.id, 'patient_id', a.patient_id, 'doctor_id', a.doctor_id,
               'date', a.date, 'token', a.slot, 'status', a.status, 'rescheduled_from', a.rescheduled_from,
               'queue_position', q.position))
           || jsonb_build_object('ahead', w.ahead)
      FROM waiting w JOIN appointments a LEFT JOIN queue_entries q ON q.appointment_id = a.id
        ON a.id = w.appointment_id
     WHERE w.ahead <= :turn_near_ahead
     ORDER BY w.ahead
        ON CONFLICT DO NOTHING
    RETURNING id, sequence, type, appointment_id)
INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_sequence, appointment_id,
                                next_attempt_at, first_attempt_until)
SELECT gen_random_uuid(), s.id, e.id, e.sequence, e.appointment_id, now(), now() + interval '2 minutes'
  FROM event e
  JOIN webhook_subscriptions s ON s.enabled AND e.type = ANY (s.events)
RETURNING id;
