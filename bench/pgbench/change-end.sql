-- How every change's transaction ends, as the service sends it; bench/run.sh appends it to book.sql and checkin.sql.
-- The change's notification (:notification_type), its audit record (:audit_action) and the COMMIT close the
-- pipeline that stands for its CommitWrites batch, sent with the commit (the script before this part opened it and
-- put its own writes in); then the live queue's signal in a transaction of its own that does not wait for the disk
-- (DatabaseSignals.sendCommitted). Reads :actor, :appointment_id, :patient_id, :date and :doctor_id of the change.
WITH event AS (
    INSERT INTO notification_events (id, type, appointment_id, patient_id, data)
    SELECT gen_random_uuid(), CAST(:notification_type AS text), a.id, a.patient_id, jsonb_strip_nulls(jsonb_build_object(
               'appointment_id', a.id, 'patient_id', a.patient_id, 'doctor_id', a.doctor_id,
               'date', a.date, 'token', a.slot, 'status', a.status, 'rescheduled_from', a.rescheduled_from,
               'queue_position', q.position))
           || jsonb_strip_nulls(jsonb_build_object('reason', CAST(NULL AS text)))
      FROM appointments a LEFT JOIN queue_entries q ON q.appointment_id = a.id
     WHERE a.id = :appointment_id
        ON CONFLICT DO NOTHING
    RETURNING id, sequence, type, appointment_id)
INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_sequence, appointment_id,
                                next_attempt_at, first_attempt_until)
SELECT gen_random_uuid(), s.id, e.id, e.sequence, e.appointment_id, now(), now() + interval '2 minutes'
  FROM event e
  JOIN webhook_subscriptions s ON s.enabled AND e.type = ANY (s.events)
RETURNING id;
WITH given AS (
    SELECT ('00000000-0000-4000-8000-' || lpad(:actor::text, 12, '0'))::uuid AS actor_id, 'bench bot' AS actor_name,
           'bot' AS actor_role, CAST(:audit_action AS text) AS action, 'appointment' AS resource_type,
           CAST(:appointment_id AS text) AS resource_id,
           sha256(convert_to(CAST(:patient_id AS text), 'UTF8')) AS patient_set,
           CAST('{' || :patient_id || '}' AS uuid[]) AS patient_ids, 'success' AS outcome,
           CAST(NULL AS smallint) AS status, CAST(gen_random_uuid() AS text) AS request_id,
           '127.0.0.1' AS client_address
), new_sets AS (
    INSERT INTO audit_patient_sets (key, patient_ids)
    SELECT patient_set, patient_ids FROM given
        ON CONFLICT (key) DO NOTHING
)
INSERT INTO audit_records (actor_id, actor_name, actor_role, action, resource_type, resource_id,
                           patient_set, outcome, status, request_id, client_address)
SELECT actor_id, actor_name, actor_role, action, resource_type, resource_id, patient_set, outcome,
       status, request_id, client_address
  FROM given;
COMMIT;
\endpipeline
SELECT pg_notify('clinic_queue_changed', payload)
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_disk_wait,
       unnest(ARRAY[CAST(:date AS text) || ' ' || :doctor_id]) AS payload;
