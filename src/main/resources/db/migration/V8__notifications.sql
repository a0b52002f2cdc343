-- Notifications: an outbox of events written in each change's own transaction, webhook subscriptions, one delivery
-- per (subscription, event) with every attempt kept, and db-scheduler's table, on which deliveries are scheduled
-- and retried across instances.

-- One row per event someone outside should hear of: ids, token, dates and statuses; never a name or a phone
-- (the bot's phone is read when its delivery is sent).
CREATE TABLE notification_events (
    id              uuid        PRIMARY KEY,
    sequence        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    type            varchar(40) NOT NULL,
    appointment_id  uuid,
    patient_id      uuid,
    data            jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- A reminder and a "turn near" go out once per appointment, whichever instance and however often asked.
CREATE UNIQUE INDEX uq_notification_events_once ON notification_events (type, appointment_id)
    WHERE type IN ('appointment.reminder', 'queue.turn_near');
CREATE INDEX ix_notification_events_occurred_at ON notification_events USING brin (occurred_at);

CREATE TABLE webhook_subscriptions (
    id                      uuid          PRIMARY KEY,
    url                     varchar(2000) NOT NULL,
    events                  text[]        NOT NULL,
    description             varchar(500),
    include_patient_phone   boolean       NOT NULL DEFAULT false,
    secret                  varchar(100)  NOT NULL,
    previous_secret         varchar(100),
    previous_secret_until   timestamptz,
    enabled                 boolean       NOT NULL DEFAULT true,
    disabled_reason         varchar(200),
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX ix_webhook_subscriptions_events ON webhook_subscriptions USING gin (events) WHERE enabled;

CREATE TABLE webhook_deliveries (
    id                uuid         PRIMARY KEY,
    subscription_id   uuid         NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id          uuid         NOT NULL REFERENCES notification_events (id),
    event_sequence    bigint       NOT NULL,
    appointment_id    uuid,
    status            varchar(12)  NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts          integer      NOT NULL DEFAULT 0,
    last_status_code  integer,
    last_error        varchar(500),
    next_attempt_at   timestamptz,
    -- attempts go on for WEBHOOK_RETRY_FOR from here: the delivery's creation, or an admin's replay
    retry_from        timestamptz  NOT NULL DEFAULT now(),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    CONSTRAINT uq_webhook_deliveries_subscription_event UNIQUE (subscription_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC);
-- the earlier deliveries of one appointment to one subscription, which a later one waits for
CREATE INDEX ix_webhook_deliveries_order ON webhook_deliveries (subscription_id, appointment_id, event_sequence)
    WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   uuid         NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at  timestamptz  NOT NULL DEFAULT now(),
    status_code   integer,
    error         varchar(500),
    duration_ms   integer      NOT NULL
);
CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id);

-- db-scheduler's table (its PostgreSQL schema): a delivery's next attempt and the daily reminders.
CREATE TABLE scheduled_tasks (
    task_name             text        NOT NULL,
    task_instance         text        NOT NULL,
    task_data             bytea,
    execution_time        timestamptz NOT NULL,
    picked                boolean     NOT NULL,
    picked_by             text,
    last_success          timestamptz,
    last_failure          timestamptz,
    consecutive_failures  integer,
    last_heartbeat        timestamptz,
    version               bigint      NOT NULL,
    priority              smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
