package app.clinic.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The days with places left to an advance booking, for a range, in one query: the doctors' days by {@code
 * doctor_days()}, their bookings and holds, and the places left by {@code places_left()}.
 */
@Repository
class OpenDaysRepository {

    private static final String OPEN_DAYS = """
            SELECT d.day, d.doctor_id, doc.name, doc.specialty, left_to_book.remaining
              FROM doctor_days(:first, :last, :clinicLimit) d
              JOIN doctor_masters doc ON doc.id = d.doctor_id
              LEFT JOIN doctor_daily_capacities c ON c.doctor_id = d.doctor_id AND c.date = d.day
                                                 AND c.date BETWEEN :first AND :last
             CROSS JOIN LATERAL (SELECT places_left(d.daily_limit, d.walk_in_places, COALESCE(c.booked, 0),
                                                    COALESCE(c.walk_ins, 0), COALESCE(c.held, 0),
                                                    d.day = :releasedDay) AS remaining) AS left_to_book
             WHERE d.present AND left_to_book.remaining > 0 AND %s
             ORDER BY d.day, doc.name, d.doctor_id
            """;

    private final JdbcClient jdbc;

    OpenDaysRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record OpenDay(LocalDate date, UUID doctorId, String doctorName, String specialty, int remaining) {}

    /** @param releasedDay the day whose unused walk-in places anyone may book now, or null */
    List<OpenDay> ofDoctor(UUID doctorId, LocalDate first, LocalDate last, int clinicLimit, LocalDate releasedDay) {
        return find("d.doctor_id = :doctorId", "doctorId", doctorId, first, last, clinicLimit, releasedDay);
    }

    /** @param specialty the doctors' specialty in any letter case, or null for every doctor */
    List<OpenDay> ofClinic(String specialty, LocalDate first, LocalDate last, int clinicLimit, LocalDate releasedDay) {
        return find(
                "(CAST(:specialty AS text) IS NULL OR lower(doc.specialty) = lower(:specialty))",
                "specialty",
                specialty,
                first,
                last,
                clinicLimit,
                releasedDay);
    }

    /** The open days of the doctors that {@code filter} keeps, given its one parameter. */
    private List<OpenDay> find(
            String filter,
            String parameter,
            Object value,
            LocalDate first,
            LocalDate last,
            int clinicLimit,
            LocalDate releasedDay) {
        return jdbc.sql(OPEN_DAYS.formatted(filter))
                .param(parameter, value)
                .param("first", first)
                .param("last", last)
                .param("clinicLimit", clinicLimit)
                .param("releasedDay", releasedDay, Types.DATE)
                .query(OpenDaysRepository::map)
                .list();
    }

    private static OpenDay map(ResultSet rs, int row) throws SQLException {
        return new OpenDay(
                rs.getObject("day", LocalDate.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getString("name"),
                rs.getString("specialty"),
                rs.getInt("remaining"));
    }
}
