package app.clinic.audit;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditSealRepository {

    /** Held by the transaction that seals or purges: the chain grows one seal at a time, from any instance. */
    private static final long CHAIN_LOCK = 0x636c696e6963_0a0dL;

    /** At most this many records per seal, so a seal stays small after a long time without one. */
    static final int MAX_RECORDS_PER_SEAL = 10_000;

    record Seal(long id, int records, String hash) {}

    /** The first place the chain does not hold, and what is wrong there. */
    record Break(long sealId, Long recordId, String problem) {}

    /** The newest seal a purge removes: the records below its horizon go with it, its hash anchors the chain. */
    private record PrunePoint(long sealId, String upToXid, byte[] hash) {}

    /** How much the chain covers. */
    record Extent(long seals, long sealedRecords, long unsealedRecords) {}

    private final JdbcClient jdbc;

    AuditSealRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lockChain() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", CHAIN_LOCK)
                .query()
                .singleRow();
    }

    /**
     * Seals the records of every transaction that finished since the last seal, up to the oldest one still
     * running: a record can still appear below that horizon only if its transaction is running, and none is. Reads
     * the horizon and the records in one statement, so from one snapshot. Empty when there is nothing to seal.
     */
    Optional<Seal> sealNext() {
        return jdbc.sql("""
                        WITH last AS (
                            SELECT up_to_xid, hash FROM audit_seals ORDER BY id DESC LIMIT 1
                        ), bounds AS (
                            SELECT coalesce((SELECT up_to_xid FROM last), '0'::xid8) AS from_xid,
                                   coalesce((SELECT hash FROM last),
                                            (SELECT last_seal_hash FROM audit_prunes ORDER BY id DESC LIMIT 1),
                                            ''::bytea) AS previous_hash,
                                   pg_snapshot_xmin(pg_current_snapshot()) AS horizon
                        ), capped AS (
                            SELECT b.from_xid, b.previous_hash,
                                   coalesce((SELECT r.written_by_xid FROM audit_records r
                                              WHERE r.written_by_xid >= b.from_xid AND r.written_by_xid < b.horizon
                                              ORDER BY r.written_by_xid OFFSET :maxRecords LIMIT 1),
                                            b.horizon) AS up_to_xid
                              FROM bounds b
                        ), batch AS (
                            SELECT c.from_xid, c.up_to_xid, c.previous_hash,
                                   array_agg(r.id ORDER BY r.id) AS ids,
                                   array_agg(audit_record_digest(r) ORDER BY r.id) AS digests
                              FROM capped c
                              JOIN audit_records r
                                ON r.written_by_xid >= c.from_xid AND r.written_by_xid < c.up_to_xid
                             GROUP BY c.from_xid, c.up_to_xid, c.previous_hash
                        )
                        INSERT INTO audit_seals (from_xid, up_to_xid, record_ids, record_digests, previous_hash, hash)
                        SELECT from_xid, up_to_xid, ids, digests, previous_hash,
                               audit_seal_hash(previous_hash, from_xid, up_to_xid, ids, digests)
                          FROM batch
                        RETURNING id, cardinality(record_ids) AS records, encode(hash, 'hex') AS hash
                        """)
                .param("maxRecords", MAX_RECORDS_PER_SEAL)
                .query((rs, row) -> new Seal(rs.getLong("id"), rs.getInt("records"), rs.getString("hash")))
                .optional();
    }

    /**
     * The first seal, in chain order, at which the chain breaks: a sealed record changed or gone, a record in a
     * sealed range that its seal does not list, a sealed record whose patient set was changed or is gone, a seal
     * whose hash does not match what it lists, or one that does not follow the seal before it (a seal removed or
     * changed). Within a seal, a named record comes first.
     */
    Optional<Break> firstBreak() {
        return jdbc.sql("""
                        WITH anchor AS (
                            SELECT coalesce((SELECT last_seal_hash FROM audit_prunes ORDER BY id DESC LIMIT 1),
                                            ''::bytea) AS hash
                        ), sealed_records AS (
                            SELECT s.id AS seal_id, u.id AS record_id,
                                   CASE WHEN r.id IS NULL THEN 'record deleted' ELSE 'record changed' END AS problem,
                                   0 AS precedence
                              FROM audit_seals s
                             CROSS JOIN LATERAL unnest(s.record_ids, s.record_digests) AS u(id, digest)
                              LEFT JOIN audit_records r ON r.id = u.id
                             WHERE r.id IS NULL OR audit_record_digest(r) <> u.digest
                        ), unlisted_records AS (
                            SELECT s.id AS seal_id, r.id AS record_id, 'record not in its seal' AS problem,
                                   0 AS precedence
                              FROM audit_seals s
                              JOIN audit_records r
                                ON r.written_by_xid >= s.from_xid AND r.written_by_xid < s.up_to_xid
                             WHERE r.id <> ALL (s.record_ids)
                        ), changed_sets AS MATERIALIZED (
                            SELECT key FROM audit_patient_sets WHERE key <> audit_patient_set_key(patient_ids)
                        ), records_of_broken_sets AS (
                            SELECT s.id AS seal_id, r.id AS record_id,
                                   CASE WHEN r.patient_set IN (SELECT key FROM changed_sets)
                                        THEN 'patient set changed' ELSE 'patient set deleted'
                                   END AS problem,
                                   0 AS precedence
                              FROM audit_seals s
                              JOIN audit_records r
                                ON r.written_by_xid >= s.from_xid AND r.written_by_xid < s.up_to_xid
                             WHERE r.patient_set IN (SELECT key FROM changed_sets)
                                OR (r.patient_set IS NOT NULL
                                    AND NOT EXISTS (SELECT 1 FROM audit_patient_sets p WHERE p.key = r.patient_set))
                        ), chain AS (
                            SELECT s.id, s.hash, s.from_xid,
                                   audit_seal_hash(s.previous_hash, s.from_xid, s.up_to_xid, s.record_ids,
                                                   s.record_digests) AS recomputed,
                                   s.previous_hash,
                                   lag(s.hash) OVER w AS hash_before,
                                   lag(s.up_to_xid) OVER w AS up_to_before,
                                   row_number() OVER w AS position
                              FROM audit_seals s
                            WINDOW w AS (ORDER BY s.id)
                        ), broken_seals AS (
                            SELECT c.id AS seal_id, CAST(NULL AS bigint) AS record_id,
                                   CASE WHEN c.recomputed <> c.hash THEN 'seal changed'
                                        ELSE 'seal does not follow the one before (a seal deleted or changed)'
                                   END AS problem,
                                   1 AS precedence
                              FROM chain c, anchor a
                             WHERE c.recomputed <> c.hash
                                OR c.previous_hash <> CASE WHEN c.position = 1 THEN a.hash ELSE c.hash_before END
                                OR (c.position > 1 AND c.from_xid <> c.up_to_before)
                        )
                        SELECT seal_id, record_id, problem FROM (
                            SELECT * FROM sealed_records
                            UNION ALL SELECT * FROM unlisted_records
                            UNION ALL SELECT * FROM records_of_broken_sets
                            UNION ALL SELECT * FROM broken_seals
                        ) breaks
                        ORDER BY seal_id, precedence, record_id
                        LIMIT 1
                        """)
                .query((rs, row) -> new Break(
                        rs.getLong("seal_id"), rs.getObject("record_id", Long.class), rs.getString("problem")))
                .optional();
    }

    /** Merges the patient sets index's pending entries into the index; its owner only may. */
    void mergePendingPatientEntries() {
        jdbc.sql("SELECT gin_clean_pending_list('ix_audit_patient_sets_patients')")
                .query()
                .singleRow();
    }

    Extent extent() {
        return jdbc.sql("""
                        SELECT count(*) AS seals, coalesce(sum(cardinality(record_ids)), 0) AS sealed,
                               (SELECT count(*) FROM audit_records
                                 WHERE written_by_xid >= coalesce((SELECT max(up_to_xid) FROM audit_seals),
                                                                  '0'::xid8)) AS unsealed
                          FROM audit_seals
                        """)
                .query((rs, row) -> new Extent(rs.getLong("seals"), rs.getLong("sealed"), rs.getLong("unsealed")))
                .single();
    }

    /**
     * Removes the seals written before {@code cutoff}, with their records, and notes the last one's hash, from
     * which the chain then starts. The service's role holds no right to delete audit rows; the owner grants it for
     * this transaction only, and the append-only trigger lets through only rows older than the cutoff.
     */
    long pruneBefore(OffsetDateTime cutoff) {
        var last = jdbc.sql("""
                        SELECT id, up_to_xid::text AS up_to, hash FROM audit_seals
                         WHERE sealed_at < :cutoff ORDER BY id DESC LIMIT 1
                        """)
                .param("cutoff", cutoff)
                .query((rs, row) -> new PrunePoint(rs.getLong("id"), rs.getString("up_to"), rs.getBytes("hash")))
                .optional();
        if (last.isEmpty()) {
            return 0;
        }
        jdbc.sql("GRANT DELETE ON audit_records, audit_seals TO CURRENT_USER").update();
        jdbc.sql("SELECT set_config('clinic.audit_prune_before', :cutoff, true)")
                .param("cutoff", cutoff.toString())
                .query()
                .singleRow();
        long records = jdbc.sql("DELETE FROM audit_records WHERE written_by_xid < CAST(:upTo AS xid8)")
                .param("upTo", last.get().upToXid())
                .update();
        jdbc.sql("DELETE FROM audit_seals WHERE id <= :sealId")
                .param("sealId", last.get().sealId())
                .update();
        jdbc.sql("""
                        INSERT INTO audit_prunes (up_to_seal_id, last_seal_hash, records_pruned)
                        VALUES (:sealId, :hash, :records)
                        """)
                .param("sealId", last.get().sealId())
                .param("hash", last.get().hash())
                .param("records", records)
                .update();
        jdbc.sql("REVOKE DELETE ON audit_records, audit_seals FROM CURRENT_USER")
                .update();
        return records;
    }
}
