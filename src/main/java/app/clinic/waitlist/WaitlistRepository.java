package app.clinic.waitlist;

import app.clinic.web.PageRequest;
import app.clinic.web.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WaitlistRepository {

    /** An entry with its open offer, if any; over {@code waitlist_entries e}. */
    private static final String ENTRY = """
            SELECT e.id, e.patient_id, e.doctor_id, e.date, e.status, e.joined_at, e.updated_at, e.appointment_id,
                   o.id AS offer_id, o.expires_at AS offer_expires_at
              FROM waitlist_entries e
              LEFT JOIN waitlist_offers o ON o.entry_id = e.id AND o.status = 'open'
            """;

    private static final String OFFER = """
            SELECT o.id, o.entry_id, e.patient_id, o.doctor_id, o.date, o.status, o.expires_at, o.appointment_id
              FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
            """;

    private final JdbcClient jdbc;

    WaitlistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Joined(WaitlistEntry entry, boolean created) {}

    /**
     * Adds the patient to the doctor-day's waitlist, or answers the open entry they already have there: the
     * unique index on open entries decides between racing joins.
     */
    Joined join(UUID patientId, UUID doctorId, LocalDate date, UUID actor) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        INSERT INTO waitlist_entries (id, patient_id, doctor_id, date, created_by, updated_by)
                        VALUES (:id, :patientId, :doctorId, :date, :actor, :actor)
                        ON CONFLICT (patient_id, doctor_id, date) WHERE status IN ('waiting', 'offered') DO NOTHING
                        """)
                .param("id", id)
                .param("patientId", patientId)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("actor", actor)
                .update();
        WaitlistEntry entry = jdbc.sql(ENTRY
                        + " WHERE e.patient_id = :patientId AND e.doctor_id = :doctorId AND e.date = :date"
                        + " AND e.status IN ('waiting', 'offered')")
                .param("patientId", patientId)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(WaitlistRepository::entry)
                .single();
        return new Joined(entry, inserted == 1);
    }

    /** The patient's active appointment with the doctor that day, if they have one. */
    Optional<UUID> activeAppointment(UUID patientId, UUID doctorId, LocalDate date) {
        return jdbc.sql("""
                        SELECT id FROM appointments
                         WHERE patient_id = :patientId AND doctor_id = :doctorId AND date = :date
                           AND status <> 'cancelled'
                        """)
                .param("patientId", patientId)
                .param("doctorId", doctorId)
                .param("date", date)
                .query(UUID.class)
                .optional();
    }

    Optional<WaitlistEntry> findEntry(UUID id) {
        return jdbc.sql(ENTRY + " WHERE e.id = :id")
                .param("id", id)
                .query(WaitlistRepository::entry)
                .optional();
    }

    /** A day's entries in the order they joined, from after the page's cursor: (joined_at, id). */
    List<WaitlistEntry> findByDay(UUID doctorId, LocalDate date, PageRequest page) {
        return jdbc.sql(ENTRY + """
                         WHERE e.doctor_id = :doctorId AND e.date = :date
                           AND (CAST(:afterJoined AS timestamptz) IS NULL
                                OR (e.joined_at, e.id) > (CAST(:afterJoined AS timestamptz), CAST(:afterId AS uuid)))
                         ORDER BY e.joined_at, e.id
                         LIMIT :fetch
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("afterJoined", page.after(0, OffsetDateTime::parse))
                .param("afterId", page.after(1, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(WaitlistRepository::entry)
                .list();
    }

    /** A patient's entries, latest day first, from after the page's cursor: (date descending, joined_at, id). */
    List<WaitlistEntry> findByPatient(UUID patientId, PageRequest page) {
        return jdbc.sql(ENTRY + """
                         WHERE e.patient_id = :patientId
                           AND (CAST(:afterDays AS integer) IS NULL
                                OR (-(e.date - DATE '2000-01-01'), e.joined_at, e.id)
                                   > (CAST(:afterDays AS integer), CAST(:afterJoined AS timestamptz),
                                      CAST(:afterId AS uuid)))
                         ORDER BY -(e.date - DATE '2000-01-01'), e.joined_at, e.id
                         LIMIT :fetch
                        """)
                .param("patientId", patientId)
                .param("afterDays", page.after(0, Integer::valueOf))
                .param("afterJoined", page.after(1, OffsetDateTime::parse))
                .param("afterId", page.after(2, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(WaitlistRepository::entry)
                .list();
    }

    /**
     * Entries of the day whose patients got an appointment with the doctor that day some other way (the desk
     * booked them as walk-ins) are done: marked booked, so they are not offered a place they do not need.
     */
    void closeBookedElsewhere(UUID doctorId, LocalDate date) {
        jdbc.sql("""
                        UPDATE waitlist_entries e
                           SET status = 'booked', appointment_id = a.id, updated_at = now()
                          FROM appointments a
                         WHERE e.doctor_id = :doctorId AND e.date = :date AND e.status = 'waiting'
                           AND a.patient_id = e.patient_id AND a.doctor_id = e.doctor_id AND a.date = e.date
                           AND a.status <> 'cancelled'
                        """).param("doctorId", doctorId).param("date", date).update();
    }

    /** The first {@code count} entries of the day still waiting without an offer, in the order they joined. */
    List<UUID> nextInLine(UUID doctorId, LocalDate date, int count) {
        return jdbc.sql("""
                        SELECT id FROM waitlist_entries
                         WHERE doctor_id = :doctorId AND date = :date AND status = 'waiting'
                         ORDER BY joined_at, id
                         LIMIT :count
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("count", count)
                .query(UUID.class)
                .list();
    }

    /**
     * Offers the entry a held place until {@code expiresAt}, if it is still waiting; empty if it left meanwhile.
     * One statement: the entry's change and its offer exist together.
     */
    Optional<UUID> offer(UUID entryId, Instant expiresAt) {
        return jdbc.sql("""
                        WITH offered AS (
                            UPDATE waitlist_entries SET status = 'offered', updated_at = now()
                             WHERE id = :entryId AND status = 'waiting'
                            RETURNING id, doctor_id, date)
                        INSERT INTO waitlist_offers (id, entry_id, doctor_id, date, expires_at)
                        SELECT :offerId, id, doctor_id, date, :expiresAt FROM offered
                        RETURNING id
                        """)
                .param("entryId", entryId)
                .param("offerId", UUID.randomUUID())
                .param("expiresAt", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .query(UUID.class)
                .optional();
    }

    /** Locks the offer until commit: it is accepted, declined or expired once. */
    Optional<Offer> lockOffer(UUID offerId) {
        return jdbc.sql(OFFER + " WHERE o.id = :id FOR UPDATE OF o")
                .param("id", offerId)
                .query(WaitlistRepository::offer)
                .optional();
    }

    /** Closes an open offer and moves its entry on, in one statement. */
    void closeOffer(UUID offerId, OfferStatus outcome, WaitlistStatus entryStatus, UUID appointmentId, UUID actor) {
        jdbc.sql("""
                        WITH closed AS (
                            UPDATE waitlist_offers SET status = :outcome, decided_at = now(), appointment_id = :appointmentId
                             WHERE id = :offerId AND status = 'open'
                            RETURNING entry_id)
                        UPDATE waitlist_entries e
                           SET status = :entryStatus, appointment_id = :appointmentId, updated_at = now(),
                               updated_by = COALESCE(:actor, e.updated_by)
                          FROM closed WHERE e.id = closed.entry_id
                        """)
                .param("offerId", offerId)
                .param("outcome", outcome.wire())
                .param("entryStatus", entryStatus.wire())
                .param("appointmentId", appointmentId)
                .param("actor", actor)
                .update();
    }

    /** Ends a waiting entry (one without an offer); false if it is no longer waiting. */
    boolean endWaiting(UUID entryId, WaitlistStatus status, UUID actor) {
        return jdbc.sql("""
                        UPDATE waitlist_entries SET status = :status, updated_at = now(), updated_by = :actor
                         WHERE id = :entryId AND status = 'waiting'
                        """)
                        .param("entryId", entryId)
                        .param("status", status.wire())
                        .param("actor", actor)
                        .update()
                == 1;
    }

    /** Open offers past their expiry, the oldest first. */
    List<UUID> expiredOffers(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM waitlist_offers
                         WHERE status = 'open' AND expires_at <= :now
                         ORDER BY expires_at
                         LIMIT :limit
                        """)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** The doctor's days, from {@code from} on, where someone is still waiting. */
    List<LocalDate> daysWithWaiting(UUID doctorId, LocalDate from) {
        return jdbc.sql("""
                        SELECT DISTINCT date FROM waitlist_entries
                         WHERE doctor_id = :doctorId AND date >= :from AND status = 'waiting'
                         ORDER BY date
                        """)
                .param("doctorId", doctorId)
                .param("from", from)
                .query(LocalDate.class)
                .list();
    }

    /** Every doctor with someone still waiting on the day. */
    List<UUID> doctorsWithWaiting(LocalDate date) {
        return jdbc.sql("""
                        SELECT DISTINCT doctor_id FROM waitlist_entries WHERE date = :date AND status = 'waiting'
                         ORDER BY doctor_id
                        """).param("date", date).query(UUID.class).list();
    }

    /** The day's open entries and their open offers, for a day that is cancelled. */
    List<WaitlistEntry> openOnDay(UUID doctorId, LocalDate date) {
        return jdbc.sql(ENTRY + " WHERE e.doctor_id = :doctorId AND e.date = :date"
                        + " AND e.status IN ('waiting', 'offered') ORDER BY e.joined_at, e.id")
                .param("doctorId", doctorId)
                .param("date", date)
                .query(WaitlistRepository::entry)
                .list();
    }

    private static WaitlistEntry entry(ResultSet rs, int row) throws SQLException {
        UUID offerId = rs.getObject("offer_id", UUID.class);
        return new WaitlistEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("date", LocalDate.class),
                WireEnum.fromWire(WaitlistStatus.class, rs.getString("status")),
                rs.getObject("joined_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("appointment_id", UUID.class),
                offerId == null
                        ? null
                        : new WaitlistEntry.OpenOffer(
                                offerId,
                                rs.getObject("offer_expires_at", OffsetDateTime.class)
                                        .toInstant()));
    }

    private static Offer offer(ResultSet rs, int row) throws SQLException {
        return new Offer(
                rs.getObject("id", UUID.class),
                rs.getObject("entry_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("date", LocalDate.class),
                WireEnum.fromWire(OfferStatus.class, rs.getString("status")),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                rs.getObject("appointment_id", UUID.class));
    }
}
