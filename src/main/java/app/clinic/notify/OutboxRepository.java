package app.clinic.notify;

import app.clinic.database.CommitWrites;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: an event row per change, written in the change's transaction, with a delivery row for each enabled
 * subscription that lists its type, in the same statement. Each answers the new deliveries' ids, to be scheduled.
 * A change's events are written with its other writes when its transaction commits ({@link CommitWrites}).
 */
@Repository
class OutboxRepository {

    /**
     * What every event of an appointment carries: ids, the token, the date, the status and, once checked in, the
     * place in the queue; no patient data. Over {@link #APPOINTMENTS}.
     */
    private static final String APPOINTMENT_DATA = """
            jsonb_strip_nulls(jsonb_build_object(
                'appointment_id', a.id, 'patient_id', a.patient_id, 'doctor_id', a.doctor_id,
                'date', a.date, 'token', a.slot, 'status', a.status, 'rescheduled_from', a.rescheduled_from,
                'queue_position', q.position))
            """;

    private static final String APPOINTMENTS = " appointments a LEFT JOIN queue_entries q ON q.appointment_id = a.id";

    /**
     * Fans the events just inserted (CTE {@code event}) out to the subscriptions that want them, each delivery's
     * first attempt leased to this instance.
     */
    private static final String DELIVERIES = """
            INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_sequence, appointment_id,
                                            next_attempt_at, first_attempt_until)
            SELECT gen_random_uuid(), s.id, e.id, e.sequence, e.appointment_id, now(), now() + %s
              FROM event e
              JOIN webhook_subscriptions s ON s.enabled AND e.type = ANY (s.events)
            RETURNING id
            """.formatted(DeliveryRepository.FIRST_ATTEMPT_LEASE);

    private static final RowMapper<UUID> DELIVERY_ID = (rs, row) -> rs.getObject("id", UUID.class);

    private final JdbcClient jdbc;
    private final CommitWrites writes;

    OutboxRepository(JdbcClient jdbc, CommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * An event of one appointment, with the reason given for it if any; a reminder or a "turn near" already sent is
     * not sent again.
     */
    void appointmentEvent(NotificationType type, UUID appointmentId, String reason, Consumer<List<UUID>> deliveries) {
        writes.sql("WITH "
                        + events(
                                "FROM" + APPOINTMENTS + " WHERE a.id = :appointmentId",
                                " || jsonb_strip_nulls(jsonb_build_object('reason', CAST(:reason AS text)))"))
                .param("type", type.wire())
                .param("appointmentId", appointmentId)
                .param("reason", reason)
                .add(DELIVERY_ID, deliveries);
    }

    /** An offer of a held place to a waitlisted patient: ids, the day and until when it is held. */
    List<UUID> waitlistOffered(UUID offerId) {
        return jdbc.sql("""
                        WITH event AS (
                            INSERT INTO notification_events (id, type, patient_id, data)
                            SELECT gen_random_uuid(), :type, e.patient_id,
                                   jsonb_build_object('offer_id', o.id, 'waitlist_entry_id', e.id,
                                                      'patient_id', e.patient_id, 'doctor_id', o.doctor_id,
                                                      'date', o.date, 'expires_at', o.expires_at)
                              FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
                             WHERE o.id = :offerId
                            RETURNING id, sequence, type, appointment_id)
                        """ + DELIVERIES)
                .param("type", NotificationType.WAITLIST_OFFERED.wire())
                .param("offerId", offerId)
                .query(UUID.class)
                .list();
    }

    /** A reminder for each appointment still booked on the day, once each, however often asked. */
    List<UUID> reminders(LocalDate date) {
        return jdbc.sql("WITH " + events("FROM" + APPOINTMENTS + " WHERE a.date = :date AND a.status = 'booked'", ""))
                .param("type", NotificationType.APPOINTMENT_REMINDER.wire())
                .param("date", date)
                .query(UUID.class)
                .list();
    }

    /**
     * "Your turn is near" for each waiting patient of the doctor's day with at most {@code ahead} patients waiting
     * before them, once per appointment: of two transactions that both see it due, the second finds the first's
     * row under the unique index and adds none.
     */
    void turnsNear(UUID doctorId, LocalDate date, int ahead, Consumer<List<UUID>> deliveries) {
        writes.sql("WITH waiting AS (SELECT appointment_id, row_number() OVER (ORDER BY position) - 1 AS ahead"
                        + " FROM queue_entries WHERE doctor_id = :doctorId AND date = :date AND status = 'waiting'), "
                        + events(
                                "FROM waiting w JOIN" + APPOINTMENTS
                                        + " ON a.id = w.appointment_id WHERE w.ahead <= :ahead ORDER BY w.ahead",
                                " || jsonb_build_object('ahead', w.ahead)"))
                .param("type", NotificationType.QUEUE_TURN_NEAR.wire())
                .param("doctorId", doctorId)
                .param("date", date)
                .param("ahead", ahead)
                .add(DELIVERY_ID, deliveries);
    }

    /**
     * The CTE {@code event}, an event of type {@code :type} for each appointment row {@code from} yields (a
     * {@code FROM} over {@link #APPOINTMENTS}), with {@code moreData} added to its data, then its deliveries.
     */
    private static String events(String from, String moreData) {
        return "event AS (INSERT INTO notification_events (id, type, appointment_id, patient_id, data)"
                + " SELECT gen_random_uuid(), :type, a.id, a.patient_id, " + APPOINTMENT_DATA + moreData + " " + from
                + " ON CONFLICT DO NOTHING RETURNING id, sequence, type, appointment_id) " + DELIVERIES;
    }

    /** A test event for one subscription, whatever it lists. */
    UUID testEvent(UUID subscriptionId) {
        return jdbc.sql("""
                        WITH event AS (INSERT INTO notification_events (id, type, data)
                                       VALUES (gen_random_uuid(), :type, jsonb_build_object('webhook_id', CAST(:subscriptionId AS text)))
                                       RETURNING id, sequence)
                        INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_sequence, next_attempt_at,
                                                        first_attempt_until)
                        SELECT gen_random_uuid(), :subscriptionId, e.id, e.sequence, now(), now() + %s FROM event e
                        RETURNING id
                        """.formatted(DeliveryRepository.FIRST_ATTEMPT_LEASE))
                .param("type", NotificationType.WEBHOOK_TEST.wire())
                .param("subscriptionId", subscriptionId)
                .query(UUID.class)
                .single();
    }
}
