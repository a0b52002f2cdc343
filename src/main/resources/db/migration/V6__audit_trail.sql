-- The audit trail: one record per request that read or changed patient data, and per security event. Records
-- name patients by id only, never by name, phone or email.
CREATE TABLE audit_records (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- The transaction that wrote the record: seals cover ranges of finished transactions (see audit_seals).
    written_by_xid  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    actor_id        uuid,
    actor_name      text,
    actor_role      varchar(20),
    action          text        NOT NULL,
    resource_type   varchar(20),
    resource_id     text,
    patient_ids     uuid[]      NOT NULL DEFAULT '{}',
    outcome         varchar(10) NOT NULL,
    -- The HTTP status, for a record written once the answer was known (a refusal, a denial, a failure); a success
    -- is recorded with its change, before the answer has a status.
    status          smallint,
    request_id      text,
    client_address  text,
    CONSTRAINT ck_audit_records_outcome CHECK (outcome IN ('success', 'refused', 'denied', 'failed'))
);
-- A day's list names up to a page of patients: a GIN index entry each. New entries wait in the index's pending
-- list, which the sealing task merges every AUDIT_SEAL_INTERVAL, in bulk and off the requests' path (a patient
-- read again and again is then one merge, not one insert a read); the list is large enough that a request
-- rarely has to merge it itself.
CREATE INDEX ix_audit_records_patients ON audit_records USING gin (patient_ids)
    WITH (fastupdate = on, gin_pending_list_limit = 65536);
CREATE INDEX ix_audit_records_actor ON audit_records (actor_id, id);
CREATE INDEX ix_audit_records_xid ON audit_records (written_by_xid);
CREATE INDEX ix_audit_records_recorded_at ON audit_records USING brin (recorded_at);

-- A record's fingerprint: every column, in a text form that does not depend on the session's time zone.
CREATE FUNCTION audit_record_digest(r audit_records) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(convert_to(jsonb_build_array(
        r.id, (extract(epoch FROM r.recorded_at) * 1000000)::bigint, r.written_by_xid::text,
        r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type, r.resource_id, r.patient_ids,
        r.outcome, r.status, r.request_id, r.client_address)::text, 'UTF8'))
$$;

-- A seal covers the records of the transactions from_xid <= xid < up_to_xid, all finished when it was written,
-- so no record can join a sealed range later. It lists them with their fingerprints (a changed or deleted record
-- is then named) and hashes them with the previous seal's hash: one chain, without chaining every record to the
-- one before (which would queue every request behind the last).
CREATE TABLE audit_seals (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sealed_at       timestamptz NOT NULL DEFAULT now(),
    from_xid        xid8        NOT NULL,
    up_to_xid       xid8        NOT NULL,
    record_ids      bigint[]    NOT NULL,
    record_digests  bytea[]     NOT NULL,
    previous_hash   bytea       NOT NULL,
    hash            bytea       NOT NULL
);

CREATE FUNCTION audit_seal_hash(
        previous_hash bytea, from_xid xid8, up_to_xid xid8, record_ids bigint[], record_digests bytea[])
RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(previous_hash
        || convert_to(from_xid::text || ':' || up_to_xid::text, 'UTF8')
        || coalesce((SELECT string_agg(int8send(u.id) || u.digest, ''::bytea ORDER BY u.n)
                       FROM unnest(record_ids, record_digests) WITH ORDINALITY AS u(id, digest, n)), ''::bytea))
$$;

-- Seals removed at the end of the retention period, oldest first: the chain then starts at the hash of the last
-- one removed.
CREATE TABLE audit_prunes (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pruned_at           timestamptz NOT NULL DEFAULT now(),
    up_to_seal_id       bigint      NOT NULL,
    last_seal_hash      bytea       NOT NULL,
    records_pruned      bigint      NOT NULL
);

-- Append-only. The service's role may insert and read, never change or delete: its privileges say so, and a
-- trigger says so again for a role that has them. The one exception is the retention purge, which removes rows
-- older than the cutoff it sets for its own transaction (clinic.audit_prune_before).
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cutoff text := current_setting('clinic.audit_prune_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(cutoff, '') <> '' THEN
        IF TG_TABLE_NAME = 'audit_records' THEN
            IF OLD.recorded_at < cutoff::timestamptz THEN
                RETURN OLD;
            END IF;
        ELSIF TG_TABLE_NAME = 'audit_seals' THEN
            IF OLD.sealed_at < cutoff::timestamptz THEN
                RETURN OLD;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER tg_audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_records_no_truncate BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_prunes_append_only BEFORE UPDATE OR DELETE ON audit_prunes
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tg_audit_prunes_no_truncate BEFORE TRUNCATE ON audit_prunes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_records, audit_seals, audit_prunes FROM PUBLIC, CURRENT_USER;
