-- A rescheduled appointment points at the one it replaced, which stays in history as cancelled.
ALTER TABLE appointments ADD COLUMN rescheduled_from uuid REFERENCES appointments (id);
CREATE INDEX ix_appointments_rescheduled_from ON appointments (rescheduled_from) WHERE rescheduled_from IS NOT NULL;
