-- Bench data, inserted straight into the bench's own throwaway database (psql -v doctors=… -v patients=…
-- -v checkins=… -v today=…). Ids are made of numbers so that the wrk scripts and pgbench can name any of them:
--   doctor i      b0000000-0000-4000-8000-<i, 12 digits>
--   patient j     a0000000-0000-4000-8000-<j, 12 digits>
--   appointment k c0000000-0000-4000-8000-<k, 12 digits>, patient k, today, for check-in
-- Doctors 1..:doctors take 500 a day (the API's maximum), so capacity never limits book-spread. Doctors from
-- 900001 on are the hot and sold-out doctor-days.
\set ON_ERROR_STOP on

INSERT INTO doctor_masters (id, name, code, specialty, max_appointments_per_day)
SELECT ('b0000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Dr. Bench ' || i, 'BENCH_' || i, 'General', 500
  FROM generate_series(1, :doctors) AS i;

INSERT INTO patients (id, first_name, last_name, phone, name_key)
SELECT ('a0000000-0000-4000-8000-' || lpad(j::text, 12, '0'))::uuid, 'Bench', 'P' || j,
       '+9190' || lpad(j::text, 8, '0'), 'benchp' || j
  FROM generate_series(1, :patients) AS j;

-- Appointments to check in today: patient k with doctor ((k - 1) % doctors) + 1, slots 1, 2, … per doctor.
INSERT INTO appointments (id, patient_id, doctor_id, date, slot, status)
SELECT ('c0000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
       ('a0000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
       ('b0000000-0000-4000-8000-' || lpad((((k - 1) % :doctors) + 1)::text, 12, '0'))::uuid,
       DATE :'today', ((k - 1) / :doctors) + 1, 'booked'
  FROM generate_series(1, :checkins) AS k;

INSERT INTO doctor_daily_capacities (id, doctor_id, date, capacity, booked)
SELECT gen_random_uuid(), doctor_id, date, 500, count(*)
  FROM appointments
 GROUP BY doctor_id, date;

ANALYZE;
