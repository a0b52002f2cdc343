package app.clinic.booking;

import app.clinic.database.CommitWrites;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppointmentHistoryRepository {

    static final String APPOINTMENT = "appointment";
    static final String QUEUE_ENTRY = "queue_entry";

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    AppointmentHistoryRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** Written in the transaction of the change it records, with its other writes at the commit: both, or neither. */
    void record(UUID appointmentId, String subject, String from, String to, UUID changedBy) {
        writes.sql("""
                        INSERT INTO appointment_history (appointment_id, subject, from_status, to_status, changed_by)
                        VALUES (:appointmentId, :subject, :from, :to, :changedBy)
                        """)
                .param("appointmentId", appointmentId)
                .param("subject", subject)
                .param("from", from)
                .param("to", to)
                .param("changedBy", changedBy)
                .add();
    }

    /** Oldest first; an appointment has a handful of rows. */
    List<HistoryEntry> findByAppointment(UUID appointmentId) {
        return jdbc.sql("""
                        SELECT subject, from_status, to_status, changed_by, changed_at
                          FROM appointment_history
                         WHERE appointment_id = :appointmentId
                         ORDER BY id
                        """)
                .param("appointmentId", appointmentId)
                .query((rs, row) -> new HistoryEntry(
                        rs.getString("subject"),
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getObject("changed_by", UUID.class),
                        rs.getObject("changed_at", OffsetDateTime.class)))
                .list();
    }
}
