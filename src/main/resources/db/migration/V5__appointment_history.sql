-- Who made and who last changed an appointment: a user's or an API client's id.
ALTER TABLE appointments ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;

-- Every status change of an appointment and of its queue entry, with who made it: nothing is overwritten silently.
CREATE TABLE appointment_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appointment_id  uuid        NOT NULL REFERENCES appointments (id),
    subject         varchar(12) NOT NULL,
    from_status     varchar(20),
    to_status       varchar(20) NOT NULL,
    changed_by      uuid,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_appointment_history_subject CHECK (subject IN ('appointment', 'queue_entry'))
);
CREATE INDEX ix_appointment_history_appointment ON appointment_history (appointment_id, id);

-- Appointments made before history was kept: their booking, and their status now if it moved since (from a
-- status nobody recorded, by nobody known).
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_at)
SELECT id, 'appointment', NULL, 'booked', created_at FROM appointments;
INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_at)
SELECT id, 'appointment', NULL, status, updated_at FROM appointments WHERE status <> 'booked';
