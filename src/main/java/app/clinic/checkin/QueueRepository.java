package app.clinic.checkin;

import app.clinic.database.CommitWrites;
import app.clinic.web.PageRequest;
import app.clinic.web.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QueueRepository {

    /** An entry with what the display needs of its appointment and patient: its columns, of rows named q. */
    private static final String ENTRY_COLUMNS = """
            SELECT q.id, q.appointment_id, a.patient_id, p.first_name AS patient_first_name, q.doctor_id, q.date,
                   a.slot, q.position, q.status, q.checked_in_at, q.called_at, q.completed_at
            """;

    private static final String ITS_APPOINTMENT_AND_PATIENT = """
              JOIN appointments a ON a.id = q.appointment_id
              JOIN patients p ON p.id = a.patient_id
            """;

    private static final String ENTRY = ENTRY_COLUMNS + "  FROM queue_entries q\n" + ITS_APPOINTMENT_AND_PATIENT;

    private static final String TAKE_NEXT_POSITION = """
            INSERT INTO doctor_daily_queue_counters AS counter (doctor_id, date, last_position)
            VALUES (:doctorId, :date, 1)
            ON CONFLICT ON CONSTRAINT pk_doctor_daily_queue_counters DO UPDATE
               SET last_position = counter.last_position + 1
            RETURNING last_position
            """;

    private static final String ENQUEUE =
            """
            WITH position_taken AS (%s),
            q AS (
                INSERT INTO queue_entries (id, appointment_id, doctor_id, date, position, status, checked_in_at)
                SELECT :id, :appointmentId, :doctorId, :date, last_position, 'waiting', clock_timestamp()
                  FROM position_taken
                RETURNING *)
            """.formatted(TAKE_NEXT_POSITION) + ENTRY_COLUMNS + "  FROM q\n" + ITS_APPOINTMENT_AND_PATIENT;

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    QueueRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * The next position of the doctor-day: one atomic upsert on the day's counter, whose row lock holds concurrent
     * check-ins in line until commit. Rolled back with its transaction, so positions stay gapless.
     */
    int nextPosition(UUID doctorId, LocalDate date) {
        return jdbc.sql(TAKE_NEXT_POSITION)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(Integer.class)
                .single();
    }

    /**
     * Puts the appointment at the end of its doctor-day's queue, in one statement sent with the transaction's other
     * writes and its COMMIT ({@link CommitWrites}): the next position as {@link #nextPosition} takes it, then the
     * entry; the day's counter is locked for no round trip. The check-in time is the database's clock, read once
     * the position is taken (the entry is made from it), so times follow positions. {@code queued} gets the entry
     * once committed.
     */
    void enqueueAtCommit(UUID appointmentId, UUID doctorId, LocalDate date, Consumer<QueueEntry> queued) {
        writes.sql(ENQUEUE)
                .param("id", UUID.randomUUID())
                .param("appointmentId", appointmentId)
                .param("doctorId", doctorId)
                .param("date", date)
                .addReturningOne(QueueRepository::map, queued);
    }

    Optional<QueueEntry> find(UUID id) {
        return jdbc.sql(ENTRY + " WHERE q.id = :id")
                .param("id", id)
                .query(QueueRepository::map)
                .optional();
    }

    Optional<QueueEntry> findByAppointment(UUID appointmentId) {
        return jdbc.sql(ENTRY + " WHERE q.appointment_id = :appointmentId")
                .param("appointmentId", appointmentId)
                .query(QueueRepository::map)
                .optional();
    }

    /** Waiting entries of the doctor-day ahead of {@code position}. */
    int waitingAhead(UUID doctorId, LocalDate date, int position) {
        return jdbc.sql("""
                        SELECT count(*) FROM queue_entries
                         WHERE doctor_id = :doctorId AND date = :date AND status = 'waiting' AND position < :position
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("position", position)
                .query(Integer.class)
                .single();
    }

    /**
     * How the doctor-day moves: the token of the patient with the doctor now, and the median time between one call
     * and the next, over the day's calls so far (a requeued patient's earlier call no longer counts).
     */
    DayPace pace(UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        WITH gaps AS (
                            SELECT called_at - lag(called_at) OVER (ORDER BY called_at) AS gap
                              FROM queue_entries
                             WHERE doctor_id = :doctorId AND date = :date AND called_at IS NOT NULL
                        )
                        SELECT (SELECT a.slot FROM queue_entries q JOIN appointments a ON a.id = q.appointment_id
                                 WHERE q.doctor_id = :doctorId AND q.date = :date AND q.status = 'called'
                                 ORDER BY q.called_at DESC LIMIT 1) AS now_serving,
                               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM gap))
                                  FROM gaps WHERE gap IS NOT NULL) AS median_seconds,
                               (SELECT count(gap) FROM gaps) AS gaps
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .query((rs, row) -> new DayPace(
                        rs.getObject("now_serving", Integer.class),
                        rs.getObject("median_seconds", Double.class),
                        rs.getInt("gaps")))
                .single();
    }

    /**
     * @param nowServingToken the slot of the patient called last and not yet served or skipped, or null
     * @param medianSecondsBetweenCalls null before the day's second call
     * @param gapsObserved how many gaps between calls the median is taken over
     */
    record DayPace(Integer nowServingToken, Double medianSecondsBetweenCalls, int gapsObserved) {}

    /** Locks the entry until commit: its transitions run one at a time. */
    Optional<QueueEntry> lock(UUID id) {
        return jdbc.sql(ENTRY + " WHERE q.id = :id FOR UPDATE OF q")
                .param("id", id)
                .query(QueueRepository::map)
                .optional();
    }

    /** In queue order, from after the page's cursor: the position, unique in a doctor's day. */
    List<QueueEntry> findDay(UUID doctorId, LocalDate date, QueueEntryStatus status, PageRequest page) {
        return jdbc.sql(ENTRY + """
                         WHERE q.doctor_id = :doctorId AND q.date = :date
                           AND (CAST(:status AS text) IS NULL OR q.status = :status)
                           AND (CAST(:afterPosition AS integer) IS NULL OR q.position > CAST(:afterPosition AS integer))
                         ORDER BY q.position
                         LIMIT :fetch
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("status", status == null ? null : status.wire())
                .param("afterPosition", page.after(0, Integer::valueOf))
                .param("fetch", page.fetchSize())
                .query(QueueRepository::map)
                .list();
    }

    /**
     * Calls the lowest waiting position. SKIP LOCKED lets a second click at the same instant pass over the entry the
     * first is calling and take the next, so no patient is called twice and no click waits.
     */
    Optional<UUID> callNext(UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        UPDATE queue_entries SET status = 'called', called_at = clock_timestamp()
                         WHERE id = (SELECT id FROM queue_entries
                                      WHERE doctor_id = :doctorId AND date = :date AND status = 'waiting'
                                      ORDER BY position
                                      LIMIT 1
                                        FOR UPDATE SKIP LOCKED)
                        RETURNING id
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(UUID.class)
                .optional();
    }

    /** Moves a locked entry to {@code to}; served and skipped entries get their completion time. */
    void finish(UUID id, QueueEntryStatus to) {
        jdbc.sql("UPDATE queue_entries SET status = :to, completed_at = clock_timestamp() WHERE id = :id")
                .param("id", id)
                .param("to", to.wire())
                .update();
    }

    void requeue(UUID id, int position) {
        jdbc.sql("""
                        UPDATE queue_entries
                           SET status = 'waiting', position = :position, called_at = NULL, completed_at = NULL
                         WHERE id = :id
                        """).param("id", id).param("position", position).update();
    }

    Map<QueueEntryStatus, Integer> countByStatus(UUID doctorId, LocalDate date) {
        Map<QueueEntryStatus, Integer> counts = new EnumMap<>(QueueEntryStatus.class);
        for (QueueEntryStatus status : QueueEntryStatus.values()) {
            counts.put(status, 0);
        }
        jdbc.sql("""
                        SELECT status, count(*) AS entries FROM queue_entries
                         WHERE doctor_id = :doctorId AND date = :date
                         GROUP BY status
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .query((rs, row) -> counts.put(
                        WireEnum.fromWire(QueueEntryStatus.class, rs.getString("status")), rs.getInt("entries")))
                .list();
        return counts;
    }

    /** The position called last that is still with the doctor, and the next waiting position. */
    Positions positions(UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        SELECT (SELECT position FROM queue_entries
                                 WHERE doctor_id = :doctorId AND date = :date AND status = 'called'
                                 ORDER BY called_at DESC LIMIT 1) AS now_serving,
                               (SELECT min(position) FROM queue_entries
                                 WHERE doctor_id = :doctorId AND date = :date AND status = 'waiting') AS next_position
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .query((rs, row) -> new Positions(
                        rs.getObject("now_serving", Integer.class), rs.getObject("next_position", Integer.class)))
                .single();
    }

    record Positions(Integer nowServing, Integer nextPosition) {}

    private static QueueEntry map(ResultSet rs, int row) throws SQLException {
        return new QueueEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("appointment_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getString("patient_first_name"),
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("date", LocalDate.class),
                rs.getInt("slot"),
                rs.getInt("position"),
                WireEnum.fromWire(QueueEntryStatus.class, rs.getString("status")),
                rs.getObject("checked_in_at", OffsetDateTime.class),
                rs.getObject("called_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class));
    }
}
