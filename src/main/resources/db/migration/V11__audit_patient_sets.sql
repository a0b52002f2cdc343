-- The patients a record names, stored once per distinct set. Why: a day's list names every patient on it, and
-- reception reads the same list again and again; with the ids in each record, every read wrote a page of ids to
-- the table, the WAL and the patients index (about a third of a read's database time went there). A record now
-- holds its set's key, a hash of the set's ids: the record's fingerprint covers the key, the key covers the ids,
-- so a changed set is as visible as a changed record.

-- The key: SHA-256 over the ids' 16 bytes each, in the array's order (the service sends them sorted, without
-- repeats, so one set has one key).
CREATE FUNCTION audit_patient_set_key(patient_ids uuid[]) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(coalesce((SELECT string_agg(uuid_send(u.id), ''::bytea ORDER BY u.n)
                              FROM unnest(patient_ids) WITH ORDINALITY AS u(id, n)), ''::bytea))
$$;

CREATE TABLE audit_patient_sets (
    key          bytea  PRIMARY KEY,
    patient_ids  uuid[] NOT NULL
);
-- New sets' entries wait in the pending list, merged by the sealing task (as the records' index was).
CREATE INDEX ix_audit_patient_sets_patients ON audit_patient_sets USING gin (patient_ids)
    WITH (fastupdate = on, gin_pending_list_limit = 65536);

-- No foreign key: checking it would lock the set's row for every record that names it. A record whose set is
-- missing is a break the verification names.
ALTER TABLE audit_records ADD COLUMN patient_set bytea;
CREATE INDEX ix_audit_records_patient_set ON audit_records (patient_set, id) WHERE patient_set IS NOT NULL;

-- Records written before this version keep their ids inline; only theirs stay indexed there.
DROP INDEX ix_audit_records_patients;
CREATE INDEX ix_audit_records_patients ON audit_records USING gin (patient_ids) WHERE patient_ids <> '{}';

-- A record naming a set is fingerprinted with the set's key in place of the ids; a record naming none, or written
-- before this version, exactly as before (its seal still holds).
CREATE OR REPLACE FUNCTION audit_record_digest(r audit_records) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(convert_to(CASE WHEN r.patient_set IS NULL
        THEN jsonb_build_array(
            r.id, (extract(epoch FROM r.recorded_at) * 1000000)::bigint, r.written_by_xid::text,
            r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type, r.resource_id, r.patient_ids,
            r.outcome, r.status, r.request_id, r.client_address)
        ELSE jsonb_build_array(
            r.id, (extract(epoch FROM r.recorded_at) * 1000000)::bigint, r.written_by_xid::text,
            r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type, r.resource_id,
            encode(r.patient_set, 'hex'), r.outcome, r.status, r.request_id, r.client_address)
        END::text, 'UTF8'))
$$;

-- The trail as it reads by hand: every record with the patients it names, wherever they are stored.
CREATE VIEW audit_trail AS
SELECT r.id, r.recorded_at, r.written_by_xid, r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type,
       r.resource_id, coalesce(s.patient_ids, r.patient_ids) AS patient_ids, r.outcome, r.status, r.request_id,
       r.client_address
  FROM audit_records r
  LEFT JOIN audit_patient_sets s ON s.key = r.patient_set;

-- Append-only, like the records. Sets are not purged with the records: a record written while a purge runs could
-- name a set again as it goes, and a set holds ids only.
CREATE TRIGGER tg_audit_patient_sets_append_only BEFORE UPDATE OR DELETE ON audit_patient_sets
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_patient_sets_no_truncate BEFORE TRUNCATE ON audit_patient_sets
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_patient_sets FROM PUBLIC, CURRENT_USER;
