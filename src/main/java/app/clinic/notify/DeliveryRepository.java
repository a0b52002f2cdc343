package app.clinic.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deliveries of events to subscriptions, and each attempt at one. */
@Repository
class DeliveryRepository {

    /** What an admin sees of deliveries, each with its event's type. */
    private static final String SELECT_DELIVERIES = """
            SELECT d.id, d.subscription_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status_code,
                   d.last_error, d.next_attempt_at, d.created_at, d.finished_at
              FROM webhook_deliveries d JOIN notification_events e ON e.id = d.event_id
            """;

    /**
     * How long a new delivery's first attempt is its instance's: past it, the recovery hands the delivery to
     * db-scheduler. Far longer than an attempt, so that only an instance gone or stalled loses one.
     */
    static final String FIRST_ATTEMPT_LEASE = "interval '2 minutes'";

    /**
     * What an attempt may take, its connection included ({@link WebhookSender#TIMEOUT} each), and some: a first
     * attempt is made only with this much of its lease left.
     */
    private static final String LONGEST_ATTEMPT = "interval '30 seconds'";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A delivery still to be made, with its event, where it goes and the patient's phone if the subscription asked
     * for it (read now, never stored with the event). {@code afterEarlier}: when an earlier event of the same
     * appointment, still on its way to the same subscription, is next attempted (null when none is). {@code
     * firstAttemptTimeLeft}: whether its instance's lease on the first attempt outlasts an attempt.
     */
    record Due(
            UUID id,
            int attempts,
            OffsetDateTime retryFrom,
            UUID eventId,
            String eventType,
            OffsetDateTime occurredAt,
            String data,
            String patientPhone,
            Webhook webhook,
            OffsetDateTime afterEarlier,
            boolean firstAttemptTimeLeft) {}

    /** The deliveries among {@code ids} still to be made. */
    List<Due> due(Collection<UUID> ids) {
        return jdbc.sql("""
                        SELECT d.id AS delivery_id, d.attempts, d.retry_from,
                               e.id AS event_id, e.type AS event_type, e.occurred_at, CAST(e.data AS text) AS data,
                               p.phone AS patient_phone, s.*,
                               -- an earlier event of the same appointment still on its way here: its next attempt
                               (SELECT coalesce(max(o.next_attempt_at), now()) FROM webhook_deliveries o
                                 WHERE o.subscription_id = d.subscription_id AND o.appointment_id = d.appointment_id
                                   AND o.event_sequence < d.event_sequence AND o.status = 'pending'
                                HAVING count(*) > 0) AS after_earlier,
                               coalesce(d.first_attempt_until > now() + %s, false) AS first_attempt_time_left
                          FROM webhook_deliveries d
                          JOIN notification_events e ON e.id = d.event_id
                          JOIN webhook_subscriptions s ON s.id = d.subscription_id
                          LEFT JOIN patients p ON s.include_patient_phone AND p.id = e.patient_id
                         WHERE d.id = ANY (CAST(:ids AS uuid[])) AND d.status = 'pending'
                        """.formatted(LONGEST_ATTEMPT))
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, row) -> new Due(
                        rs.getObject("delivery_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getObject("retry_from", OffsetDateTime.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("data"),
                        rs.getString("patient_phone"),
                        WebhookRepository.webhook(rs, row),
                        rs.getObject("after_earlier", OffsetDateTime.class),
                        rs.getBoolean("first_attempt_time_left")))
                .list();
    }

    /**
     * Keeps attempts, each with what it leaves its delivery at: delivered, failed, or pending until its next
     * attempt, which db-scheduler will make. Only deliveries still with whoever made the attempt are changed: with
     * {@code firstAttempts}, those whose lease is held, else those on db-scheduler's table. Answers the deliveries
     * left pending, to be scheduled. Without waiting for the disk: lost in a crash, a delivery is pending still
     * (and leased, or on db-scheduler's table) and is attempted again with the same webhook-id, which receivers
     * drop as a duplicate.
     */
    List<NextAttempt> recordAttempts(List<Outcome> outcomes, boolean firstAttempts) {
        return jdbc.sql("""
                        WITH given AS (
                            SELECT g.*
                              FROM unnest(CAST(:ids AS uuid[]), CAST(:codes AS integer[]), CAST(:errors AS text[]),
                                          CAST(:durations AS integer[]), CAST(:statuses AS text[]),
                                          CAST(CAST(:nexts AS text[]) AS timestamptz[]))
                                   AS g(id, code, error, duration_ms, status, next_attempt_at)
                             CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush
                        ), recorded AS (
                            UPDATE webhook_deliveries d
                               SET attempts = d.attempts + 1, last_status_code = g.code, last_error = g.error,
                                   status = g.status, next_attempt_at = g.next_attempt_at, first_attempt_until = NULL,
                                   finished_at = CASE WHEN g.status = 'pending' THEN NULL ELSE now() END
                              FROM given g
                             WHERE d.id = g.id AND d.status = 'pending'
                               AND (d.first_attempt_until IS NOT NULL) = :firstAttempts
                            RETURNING d.id, g.code, g.error, g.duration_ms, g.status, g.next_attempt_at
                        ), attempt AS (
                            INSERT INTO webhook_attempts (delivery_id, status_code, error, duration_ms)
                            SELECT id, code, error, duration_ms FROM recorded
                        )
                        SELECT id, next_attempt_at FROM recorded WHERE status = 'pending'
                        """)
                .param("ids", outcomes.stream().map(Outcome::deliveryId).toArray(UUID[]::new))
                .param(
                        "codes",
                        outcomes.stream().map(o -> o.attempt().statusCode()).toArray(Integer[]::new))
                .param("errors", outcomes.stream().map(o -> o.attempt().error()).toArray(String[]::new))
                .param(
                        "durations",
                        outcomes.stream().map(o -> o.attempt().durationMillis()).toArray(Integer[]::new))
                .param("statuses", outcomes.stream().map(Outcome::status).toArray(String[]::new))
                .param("nexts", outcomes.stream().map(o -> text(o.next())).toArray(String[]::new))
                .param("firstAttempts", firstAttempts)
                .query(DeliveryRepository::nextAttempt)
                .list();
    }

    /**
     * Takes deliveries off their first attempt's lease, for db-scheduler to attempt at the given times; answers
     * those taken (a delivery made, or taken already by another instance, is left as it is).
     */
    List<NextAttempt> handOver(List<NextAttempt> deliveries) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries d SET first_attempt_until = NULL, next_attempt_at = g.next_at
                          FROM unnest(CAST(:ids AS uuid[]), CAST(CAST(:ats AS text[]) AS timestamptz[])) AS g(id, next_at)
                         WHERE d.id = g.id AND d.status = 'pending' AND d.first_attempt_until IS NOT NULL
                        RETURNING d.id, d.next_attempt_at
                        """)
                .param("ids", deliveries.stream().map(NextAttempt::deliveryId).toArray(UUID[]::new))
                .param("ats", deliveries.stream().map(d -> text(d.at())).toArray(String[]::new))
                .query(DeliveryRepository::nextAttempt)
                .list();
    }

    /**
     * Up to {@code limit} deliveries whose first attempt's lease ran out (the instance that held it died, or
     * stopped, first), taken off it to be attempted at once; deliveries another instance is taking are skipped.
     */
    List<NextAttempt> takeLapsedLeases(int limit) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries d SET first_attempt_until = NULL, next_attempt_at = now()
                         WHERE d.id IN (SELECT id FROM webhook_deliveries
                                         WHERE status = 'pending' AND first_attempt_until < now()
                                         ORDER BY first_attempt_until LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.next_attempt_at
                        """)
                .param("limit", limit)
                .query(DeliveryRepository::nextAttempt)
                .list();
    }

    private static NextAttempt nextAttempt(ResultSet rs, int row) throws SQLException {
        return new NextAttempt(
                rs.getObject("id", UUID.class),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }

    /** As an element of a timestamptz[] parameter, which the driver takes only as text. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * Forgets deliveries finished before {@code cutoff} and those of subscriptions deleted, with their attempts,
     * then the events left without any delivery; a delivery still on its way keeps its event. Answers the events
     * removed.
     */
    int prune(Instant cutoff) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        jdbc.sql("""
                        WITH delivery AS (
                            DELETE FROM webhook_deliveries d
                             WHERE (d.status <> 'pending' AND d.finished_at < :before)
                                -- committed while its subscription was being deleted
                                OR NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id)
                            RETURNING d.id)
                        DELETE FROM webhook_attempts a USING delivery WHERE a.delivery_id = delivery.id
                        """).param("before", before).update();
        return jdbc.sql("""
                        DELETE FROM notification_events e
                         WHERE e.occurred_at < :before
                           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)
                        """).param("before", before).update();
    }

    /** A delivery whose subscription was switched off is not attempted. */
    void cancel(UUID id) {
        jdbc.sql("UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, finished_at = now()"
                        + " WHERE id = :id AND status = 'pending'")
                .param("id", id)
                .update();
    }

    /** A failed or cancelled delivery, attempted again from now, for as long as a new one. */
    boolean replay(UUID subscriptionId, UUID id) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries
                           SET status = 'pending', next_attempt_at = now(), finished_at = NULL, retry_from = now(),
                               first_attempt_until = now() + %s
                         WHERE id = :id AND subscription_id = :subscriptionId AND status IN ('failed', 'cancelled')
                        """.formatted(FIRST_ATTEMPT_LEASE))
                        .param("id", id)
                        .param("subscriptionId", subscriptionId)
                        .update()
                == 1;
    }

    List<Delivery> forSubscription(UUID subscriptionId, int limit) {
        return jdbc.sql(SELECT_DELIVERIES
                        + " WHERE d.subscription_id = :subscriptionId ORDER BY d.event_sequence DESC LIMIT :limit")
                .param("subscriptionId", subscriptionId)
                .param("limit", limit)
                .query(DeliveryRepository::delivery)
                .list();
    }

    Optional<Delivery> find(UUID subscriptionId, UUID id) {
        return jdbc.sql(SELECT_DELIVERIES + " WHERE d.subscription_id = :subscriptionId AND d.id = :id")
                .param("subscriptionId", subscriptionId)
                .param("id", id)
                .query(DeliveryRepository::delivery)
                .optional();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"),
                rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    /** One try: the receiver's status, or why there was none. */
    record Attempt(Integer statusCode, String error, int durationMillis) {}

    /** An attempt and what it leaves its delivery at: delivered, failed, or pending until {@code next}. */
    record Outcome(UUID deliveryId, Attempt attempt, String status, Instant next) {}

    /** When a delivery is next attempted. */
    record NextAttempt(UUID deliveryId, Instant at) {}

    /** What an admin sees of a delivery. */
    record Delivery(
            UUID id,
            UUID eventId,
            String eventType,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt,
            OffsetDateTime finishedAt) {}
}
