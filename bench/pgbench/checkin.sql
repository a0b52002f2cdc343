-- The check-in transaction of CheckInService.checkIn, statement for statement, without HTTP or the JVM.
-- Each client checks in its own pre-booked appointments: :appointment_base + :client_id * :per_client + n.
\set n :n + 1
\set k :appointment_base + :client_id * :per_client + :n
BEGIN;
SELECT id, patient_id, doctor_id, date, slot, status, idempotency_key, rescheduled_from, created_at, updated_at
  FROM appointments WHERE id = ('c0000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid FOR UPDATE \gset a_
INSERT INTO doctor_daily_queue_counters AS counter (doctor_id, date, last_position)
VALUES (:a_doctor_id, :a_date, 1)
ON CONFLICT ON CONSTRAINT pk_doctor_daily_queue_counters DO UPDATE SET last_position = counter.last_position + 1
RETURNING last_position \gset
INSERT INTO queue_entries (id, appointment_id, doctor_id, date, position, status, checked_in_at)
VALUES (gen_random_uuid(), :a_id, :a_doctor_id, :a_date, :last_position, 'waiting', clock_timestamp())
ON CONFLICT ON CONSTRAINT uq_queue_entries_appointment DO NOTHING;
UPDATE appointments SET status = 'checked_in', updated_at = now()
 WHERE id = :a_id AND status = 'booked'
RETURNING id, patient_id, doctor_id, date, slot, status, idempotency_key, rescheduled_from, created_at, updated_at;
SELECT q.id, q.appointment_id, a.patient_id, p.first_name, q.doctor_id, q.date, a.slot, q.position, q.status,
       q.checked_in_at, q.called_at, q.completed_at
  FROM queue_entries q JOIN appointments a ON a.id = q.appointment_id JOIN patients p ON p.id = a.patient_id
 WHERE q.appointment_id = :a_id;
COMMIT;
