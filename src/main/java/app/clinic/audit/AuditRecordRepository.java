package app.clinic.audit;

import app.clinic.web.PageRequest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRecordRepository {

    static final String SUCCESS = "success";

    /**
     * Any number of records in one statement: each column arrives as one array, so a batch costs one execution,
     * not one a record. A record's patients arrive as the text of a uuid[] each (arrays of arrays must be
     * rectangular).
     */
    private static final String INSERT = """
            INSERT INTO audit_records (actor_id, actor_name, actor_role, action, resource_type, resource_id,
                                       patient_ids, outcome, status, request_id, client_address)
            SELECT r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type, r.resource_id,
                   CAST(r.patient_ids AS uuid[]), r.outcome, r.status, r.request_id, r.client_address
              FROM unnest(CAST(:actorIds AS uuid[]), CAST(:actorNames AS text[]), CAST(:actorRoles AS text[]),
                          CAST(:actions AS text[]), CAST(:resourceTypes AS text[]), CAST(:resourceIds AS text[]),
                          CAST(:patientIds AS text[]), CAST(:outcomes AS text[]), CAST(:statuses AS smallint[]),
                          CAST(:requestIds AS text[]), CAST(:clientAddresses AS text[]))
                   AS r(actor_id, actor_name, actor_role, action, resource_type, resource_id, patient_ids, outcome,
                        status, request_id, client_address)
            """;

    /**
     * The same, in a transaction that commits without waiting for the disk (set for it alone); the CTE runs only
     * because the rows are drawn beside it.
     */
    private static final String INSERT_WITHOUT_WAITING_FOR_THE_DISK =
            "WITH no_flush AS (SELECT set_config('synchronous_commit', 'off', true))\n" + INSERT
                    + "CROSS JOIN no_flush\n";

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

    AuditRecordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the current transaction: the record commits with it. */
    void insert(NewRecord record) {
        insert(INSERT, List.of(record));
    }

    /**
     * Records outside any transaction of the caller ({@link GroupCommit}): one statement, committed as one implicit
     * transaction, without waiting for the disk. The records survive the service's crash (the database has them),
     * and the requests they record cost no flush of their own.
     */
    void insertWithoutWaitingForTheDisk(List<NewRecord> records) {
        insert(INSERT_WITHOUT_WAITING_FOR_THE_DISK, records);
    }

    private void insert(String sql, List<NewRecord> records) {
        jdbc.sql(sql)
                .param("actorIds", column(records, NewRecord::actorId))
                .param("actorNames", column(records, NewRecord::actorName))
                .param("actorRoles", column(records, NewRecord::actorRole))
                .param("actions", column(records, NewRecord::action))
                .param("resourceTypes", column(records, NewRecord::resourceType))
                .param("resourceIds", column(records, NewRecord::resourceId))
                .param("patientIds", column(records, record -> arrayLiteral(record.patientIds())))
                .param("outcomes", column(records, NewRecord::outcome))
                .param("statuses", column(records, NewRecord::status))
                .param("requestIds", column(records, NewRecord::requestId))
                .param("clientAddresses", column(records, NewRecord::clientAddress))
                .update();
    }

    /** One column of the records, as the text of its values (null stays null), cast to its type by the insert. */
    private static String[] column(List<NewRecord> records, Function<NewRecord, Object> value) {
        String[] texts = new String[records.size()];
        for (int i = 0; i < texts.length; i++) {
            Object v = value.apply(records.get(i));
            texts[i] = v == null ? null : v.toString();
        }
        return texts;
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
