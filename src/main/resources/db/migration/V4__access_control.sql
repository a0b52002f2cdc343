-- Every caller has an identity: staff sign in as users, machines hold API clients' tokens.

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    username       varchar(64)  NOT NULL,
    password_hash  varchar(255) NOT NULL,
    role           varchar(16)  NOT NULL,
    doctor_id      uuid REFERENCES doctor_masters (id),
    disabled       boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ck_users_role CHECK (role IN ('admin', 'reception', 'doctor')),
    -- A doctor account acts for exactly one doctor; no other account acts for any.
    CONSTRAINT ck_users_doctor_link CHECK ((role = 'doctor') = (doctor_id IS NOT NULL))
);
CREATE UNIQUE INDEX uq_users_username ON users (lower(username));

CREATE TABLE api_clients (
    id          uuid PRIMARY KEY,
    name        varchar(100) NOT NULL,
    role        varchar(16)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    revoked_at  timestamptz,
    CONSTRAINT ck_api_clients_role CHECK (role IN ('admin', 'bot', 'display'))
);

-- Only the SHA-256 of a token is kept; the prefix lets a person tell tokens apart without holding one.
CREATE TABLE access_tokens (
    token_hash    bytea        PRIMARY KEY,
    prefix        varchar(16)  NOT NULL,
    user_id       uuid REFERENCES users (id),
    client_id     uuid REFERENCES api_clients (id),
    issued_at     timestamptz  NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz  NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    CONSTRAINT ck_access_tokens_owner CHECK (num_nonnulls(user_id, client_id) = 1)
);
CREATE INDEX ix_access_tokens_user ON access_tokens (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ix_access_tokens_client ON access_tokens (client_id) WHERE client_id IS NOT NULL;

-- The first admin: the service gives it a token on start (BOOTSTRAP_ADMIN_TOKEN, or a token file on an empty
-- database). Its id is fixed so that the idempotency keys booked before access control have an owner.
INSERT INTO api_clients (id, name, role) VALUES ('00000000-0000-4000-8000-00000000a0a1', 'bootstrap admin', 'admin');

-- An idempotency key belongs to the caller who sent it: one caller can neither replay nor block another's booking.
ALTER TABLE appointments ADD COLUMN idempotency_owner uuid;
UPDATE appointments SET idempotency_owner = '00000000-0000-4000-8000-00000000a0a1' WHERE idempotency_key IS NOT NULL;
ALTER TABLE appointments DROP CONSTRAINT uq_appointments_idempotency_key;
ALTER TABLE appointments
    ADD CONSTRAINT uq_appointments_owner_idempotency_key UNIQUE (idempotency_owner, idempotency_key),
    ADD CONSTRAINT ck_appointments_idempotency_owner CHECK ((idempotency_key IS NULL) = (idempotency_owner IS NULL));
-- The retention purge finds old keys without reading every appointment.
CREATE INDEX ix_appointments_idempotency_created ON appointments (created_at) WHERE idempotency_key IS NOT NULL;
