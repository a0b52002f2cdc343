package app.clinic.doctor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AvailabilityRepository {

    private static final String COLUMNS = "id, doctor_id, date, is_present, daily_limit, notes, updated_at";

    private final JdbcClient jdbc;

    AvailabilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Upserted(Availability availability, boolean created) {}

    /**
     * One row per doctor-day whatever the concurrency: racing upserts meet at the unique constraint and the later
     * one updates. {@code xmax = 0} tells a freshly inserted row from an updated one.
     */
    Upserted upsert(UUID doctorId, LocalDate date, boolean present, Integer dailyLimit, String notes) {
        return jdbc.sql("""
                        INSERT INTO doctor_daily_availabilities (id, doctor_id, date, is_present, daily_limit, notes)
                        VALUES (:id, :doctorId, :date, :present, :dailyLimit, :notes)
                        ON CONFLICT ON CONSTRAINT uq_doctor_daily_availabilities_doctor_date DO UPDATE
                           SET is_present = EXCLUDED.is_present, daily_limit = EXCLUDED.daily_limit,
                               notes = EXCLUDED.notes, updated_at = now()
                        RETURNING %s, (xmax = 0) AS created
                        """.formatted(COLUMNS))
                .param("id", UUID.randomUUID())
                .param("doctorId", doctorId)
                .param("date", date)
                .param("present", present)
                .param("dailyLimit", dailyLimit)
                .param("notes", notes)
                .query((rs, row) -> new Upserted(map(rs, row), rs.getBoolean("created")))
                .single();
    }

    Optional<Availability> find(UUID doctorId, LocalDate date) {
        return jdbc.sql("SELECT %s FROM doctor_daily_availabilities WHERE doctor_id = :doctorId AND date = :date"
                        .formatted(COLUMNS))
                .param("doctorId", doctorId)
                .param("date", date)
                .query(AvailabilityRepository::map)
                .optional();
    }

    List<Availability> findRange(UUID doctorId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT %s FROM doctor_daily_availabilities
                         WHERE doctor_id = :doctorId AND date BETWEEN :from AND :to
                         ORDER BY date
                        """.formatted(COLUMNS))
                .param("doctorId", doctorId)
                .param("from", from)
                .param("to", to)
                .query(AvailabilityRepository::map)
                .list();
    }

    private static Availability map(ResultSet rs, int row) throws SQLException {
        return new Availability(
                rs.getObject("id", UUID.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("date", LocalDate.class),
                rs.getBoolean("is_present"),
                rs.getObject("daily_limit", Integer.class),
                rs.getString("notes"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
