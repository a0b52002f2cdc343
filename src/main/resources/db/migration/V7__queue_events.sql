-- One row per change of an appointment or its queue entry, written in the change's own transaction: an event
-- exists exactly when its change committed. The live queue wakes every instance on it (LISTEN/NOTIFY) and
-- reads it to tell a reconnecting client whether it missed anything. Tokens and statuses only, no patient data.
CREATE TABLE queue_events (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    date            date        NOT NULL,
    doctor_id       uuid        NOT NULL,
    appointment_id  uuid        NOT NULL,
    token           integer     NOT NULL,
    subject         varchar(12) NOT NULL,
    from_status     varchar(20),
    to_status       varchar(20) NOT NULL,
    -- Ids are taken before commit, so they do not follow commit order; what a client has seen is a snapshot of
    -- the database (pg_current_snapshot), and what it missed the events of transactions that snapshot cannot see.
    written_by_xid  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_queue_events_date_xid ON queue_events (date, written_by_xid);
CREATE INDEX ix_queue_events_recorded_at ON queue_events USING brin (recorded_at);

-- The newest transaction whose events were pruned: a client whose snapshot does not see all of them may have
-- missed events that are gone, and gets a fresh snapshot instead.
CREATE TABLE queue_event_prunes (
    only_row            boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pruned_through_xid  xid8    NOT NULL
);
INSERT INTO queue_event_prunes (pruned_through_xid) VALUES ('0');

-- The live queue reads a day across doctors: which doctors have appointments on a date, without a scan.
CREATE INDEX ix_appointments_date_doctor ON appointments (date, doctor_id);
