package app.clinic.live;

import app.clinic.database.CommitWrites;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QueueEventRepository {

    /** Which doctor-day an event is about: what the instances are woken for. */
    record DoctorDay(LocalDate date, UUID doctorId) {}

    /** What a client that has seen a day up to some snapshot has missed since. */
    enum Missed {
        NOTHING,
        SOME,
        /** Events it did not see may have been pruned: only a fresh snapshot is sure to be complete. */
        UNKNOWN
    }

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    QueueEventRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * In the change's transaction, with its other writes at the commit: the appointment as it is then names the day
     * and token (neither changes after a change in the same transaction); {@code then} gets the day.
     */
    void insert(UUID appointmentId, String subject, String from, String to, Consumer<DoctorDay> then) {
        writes.sql("""
                        INSERT INTO queue_events (date, doctor_id, appointment_id, token, subject, from_status, to_status)
                        SELECT date, doctor_id, id, slot, :subject, :from, :to FROM appointments WHERE id = :appointmentId
                        RETURNING date, doctor_id
                        """)
                .param("appointmentId", appointmentId)
                .param("subject", subject)
                .param("from", from)
                .param("to", to)
                .addReturningOne(
                        (rs, row) -> new DoctorDay(
                                rs.getObject("date", LocalDate.class), rs.getObject("doctor_id", UUID.class)),
                        then);
    }

    /**
     * Whether events of the day (of one doctor, or all) committed that {@code seen} could not see. A snapshot
     * newer than the database's own is none of its (a restored backup, a made-up id): unknown.
     */
    Missed missedSince(LocalDate date, UUID doctorId, Snapshot seen) {
        String missed = jdbc.sql("""
                        SELECT CASE
                          WHEN pg_snapshot_xmax(CAST(:seen AS pg_snapshot)) > pg_snapshot_xmax(pg_current_snapshot())
                            OR (SELECT pruned_through_xid FROM queue_event_prunes)
                               >= pg_snapshot_xmin(CAST(:seen AS pg_snapshot))
                          THEN 'UNKNOWN'
                          WHEN EXISTS (SELECT 1 FROM queue_events
                                        WHERE date = :date
                                          AND (CAST(:doctorId AS uuid) IS NULL OR doctor_id = :doctorId)
                                          AND written_by_xid >= pg_snapshot_xmin(CAST(:seen AS pg_snapshot))
                                          AND NOT pg_visible_in_snapshot(written_by_xid, CAST(:seen AS pg_snapshot)))
                          THEN 'SOME'
                          ELSE 'NOTHING' END
                        """)
                .param("seen", seen.text())
                .param("date", date)
                .param("doctorId", doctorId)
                .query(String.class)
                .single();
        return Missed.valueOf(missed);
    }

    /**
     * Deletes the events older than {@code retention}, and remembers the newest transaction deleted from: a
     * client whose snapshot predates it gets a fresh snapshot rather than a possibly incomplete catch-up.
     */
    int pruneOlderThan(Duration retention) {
        return jdbc.sql("""
                        WITH pruned AS (
                            DELETE FROM queue_events
                             WHERE recorded_at < now() - make_interval(secs => :seconds)
                            RETURNING written_by_xid
                        ), horizon AS (
                            UPDATE queue_event_prunes
                               SET pruned_through_xid = greatest(pruned_through_xid, (SELECT max(written_by_xid) FROM pruned))
                             WHERE EXISTS (SELECT 1 FROM pruned)
                        )
                        SELECT count(*) FROM pruned
                        """)
                .param("seconds", retention.toSeconds())
                .query(Integer.class)
                .single();
    }
}
