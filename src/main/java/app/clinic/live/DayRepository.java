package app.clinic.live;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DayRepository {

    private final JdbcClient jdbc;

    DayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The snapshot the current transaction reads at: with REPEATABLE READ, its every statement. */
    Snapshot snapshot() {
        return new Snapshot(jdbc.sql("SELECT CAST(pg_current_snapshot() AS text)")
                .query(String.class)
                .single());
    }

    /**
     * A day in one query, however many doctors and appointments it has: every appointment with its doctor,
     * patient and queue entry, and the doctors named in {@code alwaysShown} even without any; by doctor name,
     * then token.
     */
    DayState.Rows day(LocalDate date, Collection<UUID> alwaysShown) {
        return new DayState.Rows(jdbc.sql("""
                        SELECT d.id AS doctor_id, d.name AS doctor_name, d.code, d.specialty,
                               a.id AS appointment_id, a.slot, a.status,
                               p.id AS patient_id, p.first_name, p.last_name, p.phone, p.age,
                               q.position, q.status AS queue_status, q.checked_in_at, q.called_at
                          FROM doctor_masters d
                          LEFT JOIN appointments a ON a.doctor_id = d.id AND a.date = :date
                          LEFT JOIN patients p ON p.id = a.patient_id
                          LEFT JOIN queue_entries q ON q.appointment_id = a.id
                         WHERE a.id IS NOT NULL OR d.id = ANY (CAST(:alwaysShown AS uuid[]))
                         ORDER BY d.name, d.id, a.slot, a.created_at
                        """)
                .param("date", date)
                .param("alwaysShown", alwaysShown.toArray(UUID[]::new))
                .query((rs, row) -> new DayState.Row(
                        rs.getObject("doctor_id", UUID.class),
                        rs.getString("doctor_name"),
                        rs.getString("code"),
                        rs.getString("specialty"),
                        rs.getObject("appointment_id", UUID.class),
                        rs.getObject("slot", Integer.class),
                        rs.getString("status"),
                        rs.getObject("patient_id", UUID.class),
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getString("phone"),
                        rs.getObject("age", Integer.class),
                        rs.getObject("position", Integer.class),
                        rs.getString("queue_status"),
                        rs.getObject("checked_in_at", OffsetDateTime.class),
                        rs.getObject("called_at", OffsetDateTime.class)))
                .list());
    }
}
