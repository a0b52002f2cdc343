package app.clinic.booking;

import app.clinic.database.CommitWrites;
import app.clinic.doctor.DoctorDay;
import app.clinic.web.PageRequest;
import app.clinic.web.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppointmentRepository {

    private static final String COLUMNS = "id, patient_id, doctor_id, date, slot, status, idempotency_key,"
            + " rescheduled_from, walk_in, created_at, updated_at, created_by, updated_by";

    /** A booking's claim of a place and its appointment: {@code book_place()}, migration V13. */
    private static final String BOOK_PLACE = """
            SELECT %s FROM book_place(:id, :patientId, :doctorId, :date, :dailyLimit, :walkInPlaces, :walkIn,
                                      :walkInsReleased, :idempotencyKey, :idempotencyOwner, :rescheduledFrom,
                                      :actor)
            """.formatted(COLUMNS);

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    AppointmentRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Retries of one key wait here for each other until commit, on whichever instance they arrive, so the first
     * books and the others find its appointment.
     */
    void lockIdempotencyKey(UUID owner, String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(CAST(:owner AS text) || ' ' || :key, 0))")
                .param("owner", owner)
                .param("key", key)
                .query((rs, row) -> null)
                .list();
    }

    Optional<Appointment> findByIdempotencyKey(UUID owner, String key) {
        return jdbc.sql("SELECT %s FROM appointments WHERE idempotency_owner = :owner AND idempotency_key = :key"
                        .formatted(COLUMNS))
                .param("owner", owner)
                .param("key", key)
                .query(AppointmentRepository::map)
                .optional();
    }

    Optional<Appointment> findById(UUID id) {
        return jdbc.sql("SELECT %s FROM appointments WHERE id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(AppointmentRepository::map)
                .optional();
    }

    /**
     * Checks the appointment in if it is booked, for this patient, on this date; empty when it is not (or unknown).
     * The row stays locked until commit, so its status changes one request at a time.
     */
    Optional<Appointment> checkIn(UUID id, UUID patientId, LocalDate date, UUID actor) {
        return jdbc.sql("""
                        UPDATE appointments SET status = :to, updated_at = now(), updated_by = :actor
                         WHERE id = :id AND status = :from AND patient_id = :patientId AND date = :date
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("from", AppointmentStatus.BOOKED.wire())
                .param("to", AppointmentStatus.CHECKED_IN.wire())
                .param("patientId", patientId)
                .param("date", date)
                .param("actor", actor)
                .query(AppointmentRepository::map)
                .optional();
    }

    /**
     * What the booking path reads before it takes a place, in one round trip: whether the patient exists, the
     * active appointment they may already hold with the doctor that day, whether the request's idempotency key has
     * booked already, the doctor's day by the rule of {@code doctor_day()}, and how many places of it are left to
     * this booking, by {@code places_left()}.
     */
    Standing standing(NewAppointment request, boolean walkInsReleased, int clinicLimit) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM patients WHERE id = :patientId) AS patient_exists,
                               (SELECT id FROM appointments
                                 WHERE patient_id = :patientId AND doctor_id = :doctorId AND date = :date
                                   AND status <> 'cancelled') AS active_appointment,
                               EXISTS (SELECT 1 FROM appointments
                                        WHERE idempotency_owner = :owner AND idempotency_key = :key) AS key_used,
                               d.doctor_id, d.present, d.daily_limit, d.walk_in_places,
                               places_left(d.daily_limit, d.walk_in_places, COALESCE(c.booked, 0),
                                           COALESCE(c.walk_ins, 0), COALESCE(c.held, 0), :released) AS places_left
                          FROM (VALUES (1)) AS one
                          LEFT JOIN doctor_day(:doctorId, :date, :clinicLimit) d ON true
                          LEFT JOIN doctor_daily_capacities c ON c.doctor_id = d.doctor_id AND c.date = d.day
                        """)
                .param("patientId", request.patientId())
                .param("doctorId", request.doctorId())
                .param("date", request.date())
                .param("owner", request.idempotencyOwner())
                .param("key", request.idempotencyKey())
                .param("released", walkInsReleased)
                .param("clinicLimit", clinicLimit)
                .query((rs, row) -> new Standing(
                        rs.getBoolean("patient_exists"),
                        rs.getObject("active_appointment", UUID.class),
                        rs.getBoolean("key_used"),
                        rs.getObject("doctor_id") == null
                                ? null
                                : new DoctorDay(
                                        request.doctorId(),
                                        request.date(),
                                        rs.getInt("daily_limit"),
                                        rs.getBoolean("present"),
                                        rs.getInt("walk_in_places")),
                        rs.getInt("places_left")))
                .single();
    }

    /**
     * @param activeAppointment the patient's appointment with the doctor that day, or null
     * @param keyUsed whether an appointment was booked with the request's idempotency key (false without one)
     * @param day the doctor's day, or null for an unknown doctor
     * @param placesLeft the places this booking could take (0 for an unknown doctor)
     */
    record Standing(boolean patientExists, UUID activeAppointment, boolean keyUsed, DoctorDay day, int placesLeft) {}

    /** The day's appointments of one status, in token order, all of them. */
    List<Appointment> findOnDay(UUID doctorId, LocalDate date, AppointmentStatus status) {
        return jdbc.sql("""
                        SELECT %s FROM appointments
                         WHERE doctor_id = :doctorId AND date = :date AND status = :status
                         ORDER BY slot
                        """.formatted(COLUMNS))
                .param("doctorId", doctorId)
                .param("date", date)
                .param("status", status.wire())
                .query(AppointmentRepository::map)
                .list();
    }

    Optional<Appointment> findActive(UUID patientId, UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        SELECT %s FROM appointments
                         WHERE patient_id = :patientId AND doctor_id = :doctorId AND date = :date
                           AND status <> 'cancelled'
                        """.formatted(COLUMNS))
                .param("patientId", patientId)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(AppointmentRepository::map)
                .optional();
    }

    /**
     * Inserts the appointment at the lowest free slot of its doctor-day ({@code insert_at_lowest_free_slot()},
     * migration V13). Runs under the day's row lock, taken by the caller's claim of a held place, so no other
     * booking picks a slot meanwhile. Empty when the patient got an appointment with the doctor that day meanwhile.
     *
     * @param othersBooked the places of the day taken before this one
     */
    Optional<Appointment> insertAtLowestFreeSlot(NewAppointment appointment, int othersBooked) {
        return jdbc.sql("""
                        SELECT %s FROM insert_at_lowest_free_slot(:id, :patientId, :doctorId, :date, :othersBooked,
                                                                  :idempotencyKey, :idempotencyOwner,
                                                                  :rescheduledFrom, :walkIn, :actor)
                        """.formatted(COLUMNS))
                .params(appointmentParams(UUID.randomUUID(), appointment))
                .param("othersBooked", othersBooked)
                .query(AppointmentRepository::map)
                .optional();
    }

    /**
     * Takes a place of the doctor-day and inserts the appointment at its lowest free slot, now, in the caller's
     * transaction ({@code book_place()}, migration V13). A refusal fails the transaction: see {@link PlaceRefusal}.
     */
    Appointment bookPlace(UUID id, NewAppointment appointment, DoctorDay day, boolean walkInsReleased) {
        return jdbc.sql(BOOK_PLACE)
                .params(bookPlaceParams(id, appointment, day, walkInsReleased))
                .query(AppointmentRepository::map)
                .single();
    }

    /**
     * The same, sent with the transaction's other writes and its COMMIT ({@link CommitWrites}): the day's row
     * lock is held for no round trip. {@code booked} gets the appointment once committed; a refusal fails the
     * commit, and nothing of the transaction is kept.
     */
    void bookPlaceAtCommit(
            UUID id, NewAppointment appointment, DoctorDay day, boolean walkInsReleased, Consumer<Appointment> booked) {
        writes.sql(BOOK_PLACE)
                .params(bookPlaceParams(id, appointment, day, walkInsReleased))
                .addReturningOne(AppointmentRepository::map, booked);
    }

    private static Map<String, Object> bookPlaceParams(
            UUID id, NewAppointment appointment, DoctorDay day, boolean walkInsReleased) {
        Map<String, Object> params = appointmentParams(id, appointment);
        params.put("dailyLimit", day.dailyLimit());
        params.put("walkInPlaces", day.walkInPlaces());
        params.put("walkInsReleased", walkInsReleased);
        return params;
    }

    private static Map<String, Object> appointmentParams(UUID id, NewAppointment appointment) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("patientId", appointment.patientId());
        params.put("doctorId", appointment.doctorId());
        params.put("date", appointment.date());
        params.put("idempotencyKey", appointment.idempotencyKey());
        params.put("idempotencyOwner", appointment.idempotencyOwner());
        params.put("rescheduledFrom", appointment.rescheduledFrom());
        params.put("walkIn", appointment.walkIn());
        params.put("actor", appointment.actor());
        return params;
    }

    /**
     * What {@code book_place()} refused, read off the error it raised: a day with no place left (SQLSTATE CL001),
     * or the patient's appointment with the doctor that day (CL002, its id the message).
     */
    record PlaceRefusal(UUID activeAppointment) {

        boolean dayFull() {
            return activeAppointment == null;
        }

        static Optional<PlaceRefusal> of(DataAccessException failure) {
            if (failure.getMostSpecificCause() instanceof PSQLException sql && sql.getServerErrorMessage() != null) {
                if ("CL001".equals(sql.getSQLState())) {
                    return Optional.of(new PlaceRefusal(null));
                }
                if ("CL002".equals(sql.getSQLState())) {
                    return Optional.of(new PlaceRefusal(
                            UUID.fromString(sql.getServerErrorMessage().getMessage())));
                }
            }
            return Optional.empty();
        }
    }

    record NewAppointment(
            UUID patientId,
            UUID doctorId,
            LocalDate date,
            String idempotencyKey,
            UUID idempotencyOwner,
            UUID rescheduledFrom,
            UUID actor,
            boolean walkIn) {}

    /** Changes the status only if it is still {@code from}; empty when it is not (or the appointment is unknown). */
    Optional<Appointment> changeStatus(UUID id, AppointmentStatus from, AppointmentStatus to, UUID actor) {
        return jdbc.sql("""
                        UPDATE appointments SET status = :to, updated_at = now(), updated_by = :actor
                         WHERE id = :id AND status = :from
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("from", from.wire())
                .param("to", to.wire())
                .param("actor", actor)
                .query(AppointmentRepository::map)
                .optional();
    }

    /** In slot order, from after the page's cursor: (slot, created_at, id). */
    List<Appointment> findByDoctorDay(UUID doctorId, LocalDate date, AppointmentStatus status, PageRequest page) {
        return jdbc.sql("""
                        SELECT %s FROM appointments
                         WHERE doctor_id = :doctorId AND date = :date
                           AND (CAST(:status AS text) IS NULL OR status = :status)
                           AND (CAST(:afterSlot AS integer) IS NULL
                                OR (slot, created_at, id) > (CAST(:afterSlot AS integer),
                                                             CAST(:afterCreated AS timestamptz),
                                                             CAST(:afterId AS uuid)))
                         ORDER BY slot, created_at, id
                         LIMIT :fetch
                        """.formatted(COLUMNS))
                .param("doctorId", doctorId)
                .param("date", date)
                .param("status", status == null ? null : status.wire())
                .param("afterSlot", page.after(0, Integer::valueOf))
                .param("afterCreated", page.after(1, OffsetDateTime::parse))
                .param("afterId", page.after(2, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(AppointmentRepository::map)
                .list();
    }

    /**
     * Upcoming (today on, soonest first), then past (latest first): in the order of (past, days away from today,
     * slot, created_at, id), all ascending, so that the page's cursor is one row comparison.
     */
    List<Appointment> findByPatient(UUID patientId, LocalDate today, PageRequest page) {
        return jdbc.sql("""
                        SELECT %s FROM appointments
                         WHERE patient_id = :patientId
                           AND (CAST(:afterPast AS boolean) IS NULL
                                OR (date < :today, abs(date - :today), slot, created_at, id)
                                   > (CAST(:afterPast AS boolean), CAST(:afterDays AS integer),
                                      CAST(:afterSlot AS integer), CAST(:afterCreated AS timestamptz),
                                      CAST(:afterId AS uuid)))
                         ORDER BY date < :today, abs(date - :today), slot, created_at, id
                         LIMIT :fetch
                        """.formatted(COLUMNS))
                .param("patientId", patientId)
                .param("today", today)
                .param("afterPast", page.after(0, Boolean::valueOf))
                .param("afterDays", page.after(1, Integer::valueOf))
                .param("afterSlot", page.after(2, Integer::valueOf))
                .param("afterCreated", page.after(3, OffsetDateTime::parse))
                .param("afterId", page.after(4, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(AppointmentRepository::map)
                .list();
    }

    private static Appointment map(ResultSet rs, int row) throws SQLException {
        return new Appointment(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("date", LocalDate.class),
                rs.getInt("slot"),
                WireEnum.fromWire(AppointmentStatus.class, rs.getString("status")),
                rs.getString("idempotency_key"),
                rs.getObject("rescheduled_from", UUID.class),
                rs.getBoolean("walk_in"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("created_by", UUID.class),
                rs.getObject("updated_by", UUID.class));
    }
}
