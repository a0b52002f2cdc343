package app.clinic.live;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DayRepository {

    /**
     * The doctors a read of a day covers: every doctor with appointments that day when {@code wholeDay}, and
     * {@code doctors} in any case, with appointments or not.
     */
    private static final String SHOWN_DOCTORS = """
            WITH shown AS (
                SELECT DISTINCT doctor_id AS id FROM appointments WHERE date = :date AND CAST(:wholeDay AS boolean)
                UNION
                SELECT unnest(CAST(:doctors AS uuid[]))
            )
            """;

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
     * The day's appointments with their doctor, patient and queue entry, in one query however many there are;
     * a doctor without any has one row without an appointment. By doctor name, then token.
     */
    List<DayState.Row> rows(LocalDate date, DayScope scope) {
        return jdbc.sql(SHOWN_DOCTORS + """
                        SELECT d.id AS doctor_id, d.name AS doctor_name, d.code, d.specialty,
                               a.id AS appointment_id, a.slot, a.status,
                               p.id AS patient_id, p.first_name, p.last_name, p.phone, p.age,
                               q.id AS entry_id, q.position, q.status AS queue_status, q.checked_in_at
                          FROM shown
                          JOIN doctor_masters d ON d.id = shown.id
                          LEFT JOIN appointments a ON a.doctor_id = d.id AND a.date = :date
                          LEFT JOIN patients p ON p.id = a.patient_id
                          LEFT JOIN queue_entries q ON q.appointment_id = a.id
                         ORDER BY d.name, d.id, a.slot, a.created_at
                        """)
                .param("date", date)
                .param("wholeDay", scope.wholeDay())
                .param("doctors", scope.doctors().toArray(UUID[]::new))
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
                        rs.getObject("entry_id", UUID.class),
                        rs.getObject("position", Integer.class),
                        rs.getString("queue_status"),
                        rs.getObject("checked_in_at", OffsetDateTime.class)))
                .list();
    }

    /**
     * The day's board in one query, counted by the database. Tokens and counts only. The booked count is the
     * doctor-day's place counter, which every booking and release keeps in step with the day's active appointments
     * in their own transactions: a board rebuilt after each burst of bookings reads one row, not the whole day.
     */
    List<DayState.Board> boards(LocalDate date, DayScope scope) {
        return jdbc.sql(SHOWN_DOCTORS + """
                        SELECT d.id, d.name,
                               (SELECT a.slot FROM queue_entries c JOIN appointments a ON a.id = c.appointment_id
                                 WHERE c.doctor_id = d.id AND c.date = :date AND c.status = 'called'
                                 ORDER BY c.called_at DESC LIMIT 1) AS now_serving,
                               ARRAY(SELECT a.slot FROM queue_entries w JOIN appointments a ON a.id = w.appointment_id
                                      WHERE w.doctor_id = d.id AND w.date = :date AND w.status = 'waiting'
                                      ORDER BY w.position LIMIT :next) AS next_tokens,
                               queue.waiting, queue.called, queue.served, queue.skipped,
                               coalesce(places.booked, 0) AS booked,
                               EXISTS (SELECT 1 FROM appointments a WHERE a.doctor_id = d.id AND a.date = :date)
                                   AS has_appointments
                          FROM shown
                          JOIN doctor_masters d ON d.id = shown.id
                          LEFT JOIN doctor_daily_capacities places ON places.doctor_id = d.id AND places.date = :date
                         CROSS JOIN LATERAL (
                               SELECT count(*) FILTER (WHERE q.status = 'waiting') AS waiting,
                                      count(*) FILTER (WHERE q.status = 'called') AS called,
                                      count(*) FILTER (WHERE q.status = 'served') AS served,
                                      count(*) FILTER (WHERE q.status = 'skipped') AS skipped
                                 FROM queue_entries q WHERE q.doctor_id = d.id AND q.date = :date) AS queue
                         ORDER BY d.name, d.id
                        """)
                .param("date", date)
                .param("wholeDay", scope.wholeDay())
                .param("doctors", scope.doctors().toArray(UUID[]::new))
                .param("next", DisplayBoardResponse.NEXT_TOKENS)
                .query((rs, row) -> new DayState.Board(
                        new DisplayBoardResponse.DoctorBoard(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                rs.getObject("now_serving", Integer.class),
                                Arrays.stream((Integer[])
                                                rs.getArray("next_tokens").getArray())
                                        .toList(),
                                rs.getInt("waiting"),
                                rs.getInt("called"),
                                rs.getInt("served"),
                                rs.getInt("skipped"),
                                rs.getInt("booked")),
                        rs.getBoolean("has_appointments")))
                .list();
    }
}
