package app.clinic.audit;

import app.clinic.database.CommitWrites;
import app.clinic.web.PageRequest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRecordRepository {

    static final String SUCCESS = "success";

    /**
     * Any number of records in one statement: each column arrives as one array, so a batch costs one execution,
     * not one a record. A record names its patients by their set's key; a set not yet known to be stored comes
     * with its ids, as the text of a uuid[] (arrays of arrays must be rectangular), and is stored once. Sets are
     * inserted in the order of their keys, so two batches sharing new sets wait for each other rather than deadlock.
     */
    private static final String INSERT_TEMPLATE = """
            WITH given AS (
                SELECT r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type, r.resource_id,
                       decode(r.patient_set, 'hex') AS patient_set, r.patient_ids, r.outcome, r.status, r.request_id,
                       r.client_address
                  FROM unnest(CAST(:actorIds AS uuid[]), CAST(:actorNames AS text[]), CAST(:actorRoles AS text[]),
                              CAST(:actions AS text[]), CAST(:resourceTypes AS text[]), CAST(:resourceIds AS text[]),
                              CAST(:patientSets AS text[]), CAST(:patientIds AS text[]), CAST(:outcomes AS text[]),
                              CAST(:statuses AS smallint[]), CAST(:requestIds AS text[]),
                              CAST(:clientAddresses AS text[]))
                       AS r(actor_id, actor_name, actor_role, action, resource_type, resource_id, patient_set,
                            patient_ids, outcome, status, request_id, client_address)%s
            ), new_sets AS (
                INSERT INTO audit_patient_sets (key, patient_ids)
                SELECT DISTINCT ON (patient_set) patient_set, CAST(patient_ids AS uuid[])
                  FROM given WHERE patient_ids IS NOT NULL
                 ORDER BY patient_set
                    ON CONFLICT (key) DO NOTHING
            )
            INSERT INTO audit_records (actor_id, actor_name, actor_role, action, resource_type, resource_id,
                                       patient_set, outcome, status, request_id, client_address)
            SELECT actor_id, actor_name, actor_role, action, resource_type, resource_id, patient_set, outcome,
                   status, request_id, client_address
              FROM given
            """;

    private static final String INSERT = INSERT_TEMPLATE.formatted("");

    /**
     * The same, in a transaction that commits without waiting for the disk (set for it alone); the join runs the
     * setting only because the rows are drawn beside it.
     */
    private static final String INSERT_WITHOUT_WAITING_FOR_THE_DISK = INSERT_TEMPLATE.formatted(
            "\n                 CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush");

    record NewRecord(
            UUID actorId,
            String actorName,
            String actorRole,
            String action,
            String resourceType,
            String resourceId,
            PatientSet patients,
            String outcome,
            Integer status,
            String requestId,
            String clientAddress) {}

    /** What the examiners filter by; null for any. */
    record Filter(UUID patientId, UUID actorId, String action, OffsetDateTime from, OffsetDateTime to) {}

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    AuditRecordRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * In the current transaction, as it commits: the record commits with it, and its patient set if new. Sent in
     * one round trip with the change's other writes and the COMMIT ({@link CommitWrites}).
     */
    void insert(NewRecord record) {
        writes.sql(INSERT).params(columns(List.of(record), set -> false)).add();
    }

    /**
     * Records outside any transaction of the caller ({@link GroupCommit}): one statement, committed as one implicit
     * transaction, without waiting for the disk. The records survive the service's crash (the database has them),
     * and the requests they record cost no flush of their own. A set {@code stored} says is in the database
     * already goes without its ids.
     */
    void insertWithoutWaitingForTheDisk(List<NewRecord> records, Predicate<PatientSet> stored) {
        jdbc.sql(INSERT_WITHOUT_WAITING_FOR_THE_DISK)
                .params(columns(records, stored))
                .update();
    }

    /** The records' columns, as the insert's parameters. */
    private static Map<String, Object> columns(List<NewRecord> records, Predicate<PatientSet> stored) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("actorIds", column(records, NewRecord::actorId));
        columns.put("actorNames", column(records, NewRecord::actorName));
        columns.put("actorRoles", column(records, NewRecord::actorRole));
        columns.put("actions", column(records, NewRecord::action));
        columns.put("resourceTypes", column(records, NewRecord::resourceType));
        columns.put("resourceIds", column(records, NewRecord::resourceId));
        columns.put(
                "patientSets",
                column(
                        records,
                        record -> record.patients() == null
                                ? null
                                : record.patients().key()));
        columns.put(
                "patientIds",
                column(
                        records,
                        record -> record.patients() == null || stored.test(record.patients())
                                ? null
                                : record.patients().arrayLiteral()));
        columns.put("outcomes", column(records, NewRecord::outcome));
        columns.put("statuses", column(records, NewRecord::status));
        columns.put("requestIds", column(records, NewRecord::requestId));
        columns.put("clientAddresses", column(records, NewRecord::clientAddress));
        return columns;
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

    /** The examiners' filters, other than the patient, on the records aliased {@code %1$s}. */
    private static final String FILTERS = """
            (CAST(:actorId AS uuid) IS NULL OR %1$s.actor_id = :actorId)
                           AND (CAST(:action AS text) IS NULL OR %1$s.action = :action)
                           AND (CAST(:from AS timestamptz) IS NULL OR %1$s.recorded_at >= :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR %1$s.recorded_at < :to)
                           AND (CAST(:beforeId AS bigint) IS NULL OR %1$s.id < :beforeId)""";

    /**
     * The newest records that name a patient, a page of them from each set that holds the patient and from the
     * records written before sets, newest first through their indexes. Given as an array of ids to look up,
     * because PostgreSQL, asked for the newest few matching records, walks the whole trail backwards through the
     * primary key rather than fetch the patient's own; and a page from each source, because a patient on a day's
     * list read all day is named by many thousands of records.
     */
    private static final String NAMING_THE_PATIENT = """

                           AND r.id = ANY (ARRAY(
                               SELECT newest.id
                                 FROM audit_patient_sets s
                                CROSS JOIN LATERAL (
                                      SELECT n.id FROM audit_records n
                                       WHERE n.patient_set = s.key AND %1$s
                                       ORDER BY n.id DESC LIMIT :fetch) newest
                                WHERE s.patient_ids @> ARRAY[CAST(:patientId AS uuid)]
                               UNION ALL
                               (SELECT o.id FROM audit_records o
                                 WHERE o.patient_ids <> '{}' AND o.patient_ids @> ARRAY[CAST(:patientId AS uuid)]
                                   AND %2$s
                                 ORDER BY o.id DESC LIMIT :fetch)))\
            """.formatted(FILTERS.formatted("n"), FILTERS.formatted("o"));

    /** Newest first, from before the page's cursor (an id). */
    List<AuditRecord> find(Filter filter, PageRequest page) {
        var query =
                jdbc.sql("""
                        SELECT r.id, r.recorded_at, r.actor_id, r.actor_name, r.actor_role, r.action, r.resource_type,
                               r.resource_id, r.patient_ids, r.outcome, r.status, r.request_id, r.client_address
                          FROM audit_trail r
                         WHERE %s%s
                         ORDER BY r.id DESC
                         LIMIT :fetch
                        """.formatted(FILTERS.formatted("r"), filter.patientId() == null ? "" : NAMING_THE_PATIENT));
        if (filter.patientId() != null) {
            query = query.param("patientId", filter.patientId());
        }
        return query.param("actorId", filter.actorId())
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
}
