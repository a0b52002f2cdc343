package app.clinic.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A delivery still to be made, with its event and where it goes; empty once made, given up or deleted. {@code
     * afterEarlier}: when an earlier event of the same appointment, still on its way to the same subscription, is
     * next attempted (null when none is).
     */
    record Due(
            UUID id,
            int attempts,
            UUID appointmentId,
            long eventSequence,
            OffsetDateTime retryFrom,
            UUID eventId,
            String eventType,
            OffsetDateTime occurredAt,
            String data,
            UUID patientId,
            Webhook webhook,
            OffsetDateTime afterEarlier) {}

    Optional<Due> due(UUID id) {
        return jdbc.sql("""
                        SELECT d.id AS delivery_id, d.attempts, d.appointment_id, d.event_sequence, d.retry_from,
                               e.id AS event_id, e.type AS event_type, e.occurred_at, CAST(e.data AS text) AS data,
                               e.patient_id, s.*,
                               -- an earlier event of the same appointment still on its way here: its next attempt
                               (SELECT coalesce(max(p.next_attempt_at), now()) FROM webhook_deliveries p
                                 WHERE p.subscription_id = d.subscription_id AND p.appointment_id = d.appointment_id
                                   AND p.event_sequence < d.event_sequence AND p.status = 'pending'
                                HAVING count(*) > 0) AS after_earlier
                          FROM webhook_deliveries d
                          JOIN notification_events e ON e.id = d.event_id
                          JOIN webhook_subscriptions s ON s.id = d.subscription_id
                         WHERE d.id = :id AND d.status = 'pending'
                        """)
                .param("id", id)
                .query((rs, row) -> new Due(
                        rs.getObject("delivery_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getObject("appointment_id", UUID.class),
                        rs.getLong("event_sequence"),
                        rs.getObject("retry_from", OffsetDateTime.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("data"),
                        rs.getObject("patient_id", UUID.class),
                        WebhookRepository.webhook(rs, row),
                        rs.getObject("after_earlier", OffsetDateTime.class)))
                .optional();
    }

    Optional<String> patientPhone(UUID patientId) {
        return jdbc.sql("SELECT phone FROM patients WHERE id = :id")
                .param("id", patientId)
                .query(String.class)
                .optional();
    }

    /**
     * Keeps an attempt, and what it leaves the delivery at: delivered, failed, or pending until {@code next}. Without
     * waiting for the disk: lost in a crash, the delivery is pending still and is attempted again, with the same
     * webhook-id, which receivers drop as a duplicate.
     */
    void attempted(UUID id, Attempt attempt, String status, Instant next) {
        jdbc.sql("""
                        WITH no_flush AS (SELECT set_config('synchronous_commit', 'off', true)),
                             attempt AS (INSERT INTO webhook_attempts (delivery_id, status_code, error, duration_ms)
                                         SELECT :id, :code, :error, :durationMs FROM no_flush)
                        UPDATE webhook_deliveries
                           SET attempts = attempts + 1, last_status_code = :code, last_error = :error,
                               status = :status, next_attempt_at = :next,
                               finished_at = CASE WHEN :status = 'pending' THEN NULL ELSE now() END
                         WHERE id = :id
                        """)
                .param("id", id)
                .param("code", attempt.statusCode())
                .param("error", attempt.error())
                .param("durationMs", attempt.durationMillis())
                .param("status", status)
                .param("next", next == null ? null : OffsetDateTime.ofInstant(next, ZoneOffset.UTC))
                .update();
    }

    /**
     * Forgets deliveries finished before {@code cutoff}, with their attempts, then the events left without any
     * delivery; a delivery still on its way keeps its event. Answers the events removed.
     */
    int prune(Instant cutoff) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        jdbc.sql("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < :before")
                .param("before", before)
                .update();
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
                           SET status = 'pending', next_attempt_at = now(), finished_at = NULL, retry_from = now()
                         WHERE id = :id AND subscription_id = :subscriptionId AND status IN ('failed', 'cancelled')
                        """)
                        .param("id", id)
                        .param("subscriptionId", subscriptionId)
                        .update()
                == 1;
    }

    List<Delivery> forSubscription(UUID subscriptionId, int limit) {
        return jdbc.sql(SELECT_DELIVERIES
                        + " WHERE d.subscription_id = :subscriptionId ORDER BY d.created_at DESC, d.id LIMIT :limit")
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
