package app.clinic.booking;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The doctor-day rows that admit or refuse bookings. Every booking and cancel of a day passes through its row. */
@Repository
class DayCapacityRepository {

    private final JdbcClient jdbc;

    DayCapacityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one place of the doctor-day if fewer than {@code dailyLimit} are taken, and answers how many are taken
     * now, this one included; empty when the day is full. The first booking of a day creates the row. The row lock
     * taken here lasts until commit, so the slot pick that follows runs one booking at a time per doctor-day,
     * whichever instance of the service serves it.
     */
    OptionalInt claimPlace(UUID doctorId, LocalDate date, int dailyLimit) {
        return jdbc.sql("""
                        INSERT INTO doctor_daily_capacities AS day (id, doctor_id, date, capacity, booked)
                        VALUES (:id, :doctorId, :date, :dailyLimit, 1)
                        ON CONFLICT ON CONSTRAINT uq_doctor_daily_capacities_doctor_date DO UPDATE
                           SET booked = day.booked + 1, capacity = EXCLUDED.capacity, updated_at = now()
                         WHERE day.booked < EXCLUDED.capacity
                        RETURNING booked
                        """)
                .param("id", UUID.randomUUID())
                .param("doctorId", doctorId)
                .param("date", date)
                .param("dailyLimit", dailyLimit)
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
    }

    /** Gives back the place of a cancelled appointment. */
    void releasePlace(UUID doctorId, LocalDate date) {
        jdbc.sql("""
                        UPDATE doctor_daily_capacities
                           SET booked = booked - 1, updated_at = now()
                         WHERE doctor_id = :doctorId AND date = :date
                        """).param("doctorId", doctorId).param("date", date).update();
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

    int booked(UUID doctorId, LocalDate date) {
        return jdbc.sql("SELECT booked FROM doctor_daily_capacities WHERE doctor_id = :doctorId AND date = :date")
                .param("doctorId", doctorId)
                .param("date", date)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
