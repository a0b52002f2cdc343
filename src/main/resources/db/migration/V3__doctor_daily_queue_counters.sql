-- The last queue position handed out per doctor-day. Check-ins take the next one with an atomic upsert in their own
-- transaction, so positions are gapless and in check-in order however many arrive at once.
CREATE TABLE doctor_daily_queue_counters (
    doctor_id      uuid    NOT NULL REFERENCES doctor_masters (id),
    date           date    NOT NULL,
    last_position  integer NOT NULL,
    CONSTRAINT pk_doctor_daily_queue_counters PRIMARY KEY (doctor_id, date)
);
