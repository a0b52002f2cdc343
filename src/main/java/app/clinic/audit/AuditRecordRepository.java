package app.clinic.audit;

import app.clinic.web.PageRequest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRecordRepository {

    static final String SUCCESS = "success";

    /** One record's row; FROM-less, so that the insert below can draw it from a CTE. */
    private static final String INSERT = """
            INSERT INTO audit_records (actor_id, actor_name, actor_role, action, resource_type, resource_id,
                                       patient_ids, outcome, status, request_id, client_address)
            SELECT :actorId, :actorName, :actorRole, :action, :resourceType, :resourceId,
                   CAST(:patientIds AS uuid[]), :outcome, :status, :requestId, :clientAddress
            """;

    /**
     * The same, in a transaction that commits without waiting for the disk (set for it alone); the CTE runs only
     * because the row is drawn from it.
     */
    private static final String INSERT_WITHOUT_WAITING_FOR_THE_DISK =
            "WITH no_flush AS (SELECT set_config('synchronous_commit', 'off', true))\n" + INSERT + "FROM no_flush\n";

    record NewRecord(
            UUID actorId,
            String actorName,
            String actorRole,
            String action,
            String resourceType,
            String resourceId,
            List<UUID> patientIds,
            String outcome,
            Integer status,
            String requestId,
            String clientAddress) {}

    /** What the examiners filter by; null for any. */
    record Filter(UUID patientId, UUID actorId, String action, OffsetDateTime from, OffsetDateTime to) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    AuditRecordRepository(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** In the current transaction: the record commits with it. */
    void insert(NewRecord record) {
        jdbc.sql(INSERT).paramSource(parameters(record)).update();
    }

    /**
     * Records outside any transaction of the caller ({@link GroupCommit}): one batch, sent in one round trip and
     * committed as one implicit transaction, without waiting for the disk. The records survive the service's crash
     * (the database has them), and the requests they record cost no flush of their own.
     */
    void insertWithoutWaitingForTheDisk(List<NewRecord> batchOfRecords) {
        batch.batchUpdate(
                INSERT_WITHOUT_WAITING_FOR_THE_DISK,
                batchOfRecords.stream().map(AuditRecordRepository::parameters).toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource parameters(NewRecord record) {
        return new MapSqlParameterSource()
                .addValue("actorId", record.actorId())
                .addValue("actorName", record.actorName())
                .addValue("actorRole", record.actorRole())
                .addValue("action", record.action())
                .addValue("resourceType", record.resourceType())
                .addValue("resourceId", record.resourceId())
                .addValue("patientIds", arrayLiteral(record.patientIds()))
                .addValue("outcome", record.outcome())
                .addValue("status", record.status())
                .addValue("requestId", record.requestId())
                .addValue("clientAddress", record.clientAddress());
    }

    /** Newest first, from before the page's cursor (an id). */
    List<AuditRecord> find(Filter filter, PageRequest page) {
        return jdbc.sql("""
                        SELECT id, recorded_at, actor_id, actor_name, actor_role, action, resource_type, resource_id,
                               patient_ids, outcome, status, request_id, client_address
                          FROM audit_records
                         WHERE (CAST(:patientId AS uuid) IS NULL OR patient_ids @> ARRAY[CAST(:patientId AS uuid)])
                           AND (CAST(:actorId AS uuid) IS NULL OR actor_id = :actorId)
                           AND (CAST(:action AS text) IS NULL OR action = :action)
                           AND (CAST(:from AS timestamptz) IS NULL OR recorded_at >= :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR recorded_at < :to)
                           AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
                         ORDER BY id DESC
                         LIMIT :fetch
                        """)
                .param("patientId", filter.patientId())
                .param("actorId", filter.actorId())
                .param("action", filter.action())
                .param("from", filter.from())
                .param("to", filter.to())
                .param("beforeId", page.after(0, Long::valueOf))
                .param("fetch", page.fetchSize())
                .query(AuditRecordRepository::map)
                .list();
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(
                rs.getLong("id"),
                rs.getObject("recorded_at", OffsetDateTime.class),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_name"),
                rs.getString("actor_role"),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                uuids(rs.getArray("patient_ids")),
                rs.getString("outcome"),
                rs.getObject("status", Integer.class),
                rs.getString("request_id"),
                rs.getString("client_address"));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
    }

    /** A UUID's text has no character that needs quoting in an array literal. */
    private static String arrayLiteral(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
