package app.clinic.booking;

import app.clinic.doctor.DoctorDay;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The doctor-day rows that admit or refuse bookings. Every booking and cancel of a day passes through its row; a
 * booking takes its place in {@code book_place()} (migration V13, through {@link AppointmentRepository}).
 */
@Repository
class DayCapacityRepository {

    private final JdbcClient jdbc;

    DayCapacityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Turns a place held for a waitlist offer into a booking; answers how many are taken now, this one included. */
    int claimHeldPlace(UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        UPDATE doctor_daily_capacities
                           SET held = held - 1, booked = booked + 1, updated_at = now()
                         WHERE doctor_id = :doctorId AND date = :date AND held > 0
                        RETURNING booked
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(Integer.class)
                .single();
    }

    /** Gives back the place of a cancelled appointment (and its walk-in place, if it was a walk-in). */
    void releasePlace(UUID doctorId, LocalDate date, boolean walkIn) {
        jdbc.sql("""
                        UPDATE doctor_daily_capacities
                           SET booked = booked - 1, walk_ins = walk_ins - :walkIns, updated_at = now()
                         WHERE doctor_id = :doctorId AND date = :date
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("walkIns", walkIn ? 1 : 0)
                .update();
    }

    /**
     * Locks the doctor-day's row (making it if the day has none yet) and answers the places an advance booking could
     * take now: those a waitlist may hold. The lock lasts until commit, so places are counted and held by one
     * transaction at a time, on whichever instance.
     */
    int lockPlacesLeft(DoctorDay day, boolean walkInsReleased) {
        return jdbc.sql("""
                        INSERT INTO doctor_daily_capacities AS day (id, doctor_id, date, capacity, booked)
                        VALUES (gen_random_uuid(), :doctorId, :date, :dailyLimit, 0)
                        ON CONFLICT ON CONSTRAINT uq_doctor_daily_capacities_doctor_date DO UPDATE
                           SET updated_at = day.updated_at
                        RETURNING places_left(:dailyLimit, :walkInPlaces, booked, walk_ins, held, :released)
                        """)
                .param("doctorId", day.doctorId())
                .param("date", day.date())
                .param("dailyLimit", day.dailyLimit())
                .param("walkInPlaces", day.walkInPlaces())
                .param("released", walkInsReleased)
                .query(Integer.class)
                .single();
    }

    /**
     * Changes the places held on a locked day by {@code change} (+1 holds one, -1 gives one back). A place is held
     * only where {@link #lockPlacesLeft} found one under the day's limit; the recorded capacity follows a limit
     * raised since the day's last booking, so the table's check (booked and held within it) holds.
     */
    void changeHeld(UUID doctorId, LocalDate date, int change) {
        jdbc.sql("""
                        UPDATE doctor_daily_capacities
                           SET held = held + :change, capacity = GREATEST(capacity, booked + held + :change),
                               updated_at = now()
                         WHERE doctor_id = :doctorId AND date = :date
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("change", change)
                .update();
    }

    /**
     * Locks the rows of the given doctor-days in one fixed order. A cancel or reschedule takes its day locks first
     * and in this order, as a booking does, so two of them crossing between the same days cannot deadlock.
     */
    void lockDays(UUID doctorA, LocalDate dateA, UUID doctorB, LocalDate dateB) {
        jdbc.sql("""
                        SELECT id FROM doctor_daily_capacities
                         WHERE (doctor_id = :doctorA AND date = :dateA) OR (doctor_id = :doctorB AND date = :dateB)
                         ORDER BY doctor_id, date
                           FOR UPDATE
                        """)
                .param("doctorA", doctorA)
                .param("dateA", dateA)
                .param("doctorB", doctorB)
                .param("dateB", dateB)
                .query(UUID.class)
                .list();
    }

    /**
     * A day's places: booked (walk-ins among them), held for waitlist offers, and left to an advance booking by
     * {@code places_left()}.
     */
    record Places(int booked, int walkIns, int held, int left) {}

    Places places(DoctorDay day, boolean walkInsReleased) {
        return jdbc.sql("""
                        SELECT COALESCE(c.booked, 0) AS booked, COALESCE(c.walk_ins, 0) AS walk_ins,
                               COALESCE(c.held, 0) AS held,
                               places_left(:dailyLimit, :walkInPlaces, COALESCE(c.booked, 0), COALESCE(c.walk_ins, 0),
                                           COALESCE(c.held, 0), :released) AS places_left
                          FROM (SELECT 1) AS one
                          LEFT JOIN doctor_daily_capacities c ON c.doctor_id = :doctorId AND c.date = :date
                        """)
                .param("doctorId", day.doctorId())
                .param("date", day.date())
                .param("dailyLimit", day.dailyLimit())
                .param("walkInPlaces", day.walkInPlaces())
                .param("released", walkInsReleased)
                .query((rs, row) -> new Places(
                        rs.getInt("booked"), rs.getInt("walk_ins"), rs.getInt("held"), rs.getInt("places_left")))
                .single();
    }
}
