-- The seed's six tables. Every rule that concurrency could break is a constraint here, so that no race in the
-- service can store a second booking for a slot, a second queue position or a second patient record.

CREATE TABLE patients (
    id          uuid PRIMARY KEY,
    first_name  varchar(100) NOT NULL,
    last_name   varchar(100),
    age         smallint,
    phone       varchar(20)  NOT NULL,  -- E.164
    email       varchar(254),
    -- first and last name, lower case, without white space: the identity of a patient on a shared phone
    name_key    varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ck_patients_age CHECK (age BETWEEN 0 AND 150),
    CONSTRAINT uq_patients_phone_name UNIQUE (phone, name_key)
);

CREATE TABLE doctor_masters (
    id                       uuid PRIMARY KEY,
    name                     varchar(200) NOT NULL,
    code                     varchar(50)  NOT NULL,
    specialty                varchar(100),
    max_appointments_per_day integer,
    created_at               timestamptz  NOT NULL DEFAULT now(),
    updated_at               timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ck_doctor_masters_max_appointments CHECK (max_appointments_per_day BETWEEN 1 AND 500)
);
CREATE UNIQUE INDEX uq_doctor_masters_code ON doctor_masters (lower(code));
CREATE INDEX ix_doctor_masters_name ON doctor_masters (name, id);
CREATE INDEX ix_doctor_masters_specialty ON doctor_masters (lower(specialty), name);

CREATE TABLE doctor_daily_availabilities (
    id          uuid PRIMARY KEY,
    doctor_id   uuid        NOT NULL REFERENCES doctor_masters (id),
    date        date        NOT NULL,
    is_present  boolean     NOT NULL,
    notes       varchar(500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_doctor_daily_availabilities_doctor_date UNIQUE (doctor_id, date)
);

-- One row per doctor-day with bookings; its guarded upsert is what admits or refuses a booking. capacity is the
-- doctor's daily limit in force at the last booking, so remaining places = capacity - booked.
CREATE TABLE doctor_daily_capacities (
    id          uuid PRIMARY KEY,
    doctor_id   uuid        NOT NULL REFERENCES doctor_masters (id),
    date        date        NOT NULL,
    capacity    integer     NOT NULL,
    booked      integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_doctor_daily_capacities_booked CHECK (booked BETWEEN 0 AND capacity),
    CONSTRAINT uq_doctor_daily_capacities_doctor_date UNIQUE (doctor_id, date)
);

CREATE TABLE appointments (
    id               uuid PRIMARY KEY,
    patient_id       uuid         NOT NULL REFERENCES patients (id),
    doctor_id        uuid         NOT NULL REFERENCES doctor_masters (id),
    date             date         NOT NULL,
    slot             integer      NOT NULL,
    status           varchar(20)  NOT NULL DEFAULT 'booked',
    idempotency_key  varchar(255),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ck_appointments_status CHECK (status IN ('booked', 'cancelled', 'checked_in', 'completed', 'no_show')),
    CONSTRAINT ck_appointments_slot CHECK (slot >= 1),
    CONSTRAINT uq_appointments_idempotency_key UNIQUE (idempotency_key)
);
-- A cancelled appointment gives its slot back; every other one holds it.
CREATE UNIQUE INDEX uq_appointments_doctor_date_slot ON appointments (doctor_id, date, slot)
    WHERE status <> 'cancelled';
CREATE UNIQUE INDEX uq_appointments_patient_doctor_date ON appointments (patient_id, doctor_id, date)
    WHERE status <> 'cancelled';
CREATE INDEX ix_appointments_doctor_date ON appointments (doctor_id, date, slot);
CREATE INDEX ix_appointments_patient ON appointments (patient_id, date);

CREATE TABLE queue_entries (
    id              uuid PRIMARY KEY,
    appointment_id  uuid        NOT NULL REFERENCES appointments (id),
    doctor_id       uuid        NOT NULL REFERENCES doctor_masters (id),
    date            date        NOT NULL,
    position        integer     NOT NULL,
    status          varchar(20) NOT NULL DEFAULT 'waiting',
    checked_in_at   timestamptz NOT NULL,
    called_at       timestamptz,
    completed_at    timestamptz,
    CONSTRAINT ck_queue_entries_status CHECK (status IN ('waiting', 'called', 'served', 'skipped')),
    CONSTRAINT ck_queue_entries_position CHECK (position >= 1),
    CONSTRAINT uq_queue_entries_appointment UNIQUE (appointment_id),
    CONSTRAINT uq_queue_entries_doctor_date_position UNIQUE (doctor_id, date, position)
);
CREATE INDEX ix_queue_entries_waiting ON queue_entries (doctor_id, date, position) WHERE status = 'waiting';
