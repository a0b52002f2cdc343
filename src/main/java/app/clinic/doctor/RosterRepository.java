package app.clinic.doctor;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RosterRepository {

    private final JdbcClient jdbc;

    RosterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces the doctor's roster. The upsert locks the roster's row first, so two replacements of one doctor's
     * roster run one after the other and the later one's weekdays are the ones kept.
     */
    void replace(Roster roster) {
        jdbc.sql("""
                        INSERT INTO doctor_rosters (doctor_id, valid_from, valid_until)
                        VALUES (:doctorId, :validFrom, :validUntil)
                        ON CONFLICT (doctor_id) DO UPDATE
                           SET valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, updated_at = now()
                        """)
                .param("doctorId", roster.doctorId())
                .param("validFrom", roster.validFrom())
                .param("validUntil", roster.validUntil())
                .update();
        jdbc.sql("DELETE FROM doctor_roster_weekdays WHERE doctor_id = :doctorId")
                .param("doctorId", roster.doctorId())
                .update();
        for (Roster.Weekday day : roster.weekdays()) {
            jdbc.sql("""
                            INSERT INTO doctor_roster_weekdays (doctor_id, weekday, daily_limit, walk_in_places)
                            VALUES (:doctorId, :weekday, :dailyLimit, :walkInPlaces)
                            """)
                    .param("doctorId", roster.doctorId())
                    .param("weekday", day.day().getValue())
                    .param("dailyLimit", day.dailyLimit())
                    .param("walkInPlaces", day.walkInPlaces())
                    .update();
        }
    }

    Optional<Roster> find(UUID doctorId) {
        List<Roster.Weekday> weekdays = jdbc.sql("""
                        SELECT weekday, daily_limit, walk_in_places FROM doctor_roster_weekdays
                         WHERE doctor_id = :doctorId ORDER BY weekday
                        """)
                .param("doctorId", doctorId)
                .query((rs, row) -> new Roster.Weekday(
                        DayOfWeek.of(rs.getInt("weekday")),
                        rs.getObject("daily_limit", Integer.class),
                        rs.getObject("walk_in_places", Integer.class)))
                .list();
        return jdbc.sql("""
                        SELECT valid_from, valid_until, updated_at FROM doctor_rosters
                         WHERE doctor_id = :doctorId
                        """)
                .param("doctorId", doctorId)
                .query((rs, row) -> new Roster(
                        doctorId,
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_until", LocalDate.class),
                        weekdays,
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }
}
