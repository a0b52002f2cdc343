package app.clinic.notify;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {

    private static final String COLUMNS = "id, url, events, description, include_patient_phone, secret,"
            + " previous_secret, previous_secret_until, enabled, disabled_reason, created_at, updated_at";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String url, List<String> events, String description, boolean includePhone, String secret) {
        jdbc.sql("""
                        INSERT INTO webhook_subscriptions (id, url, events, description, include_patient_phone, secret)
                        VALUES (:id, :url, :events, :description, :includePhone, :secret)
                        """)
                .param("id", id)
                .param("url", url)
                .param("events", events.toArray(String[]::new))
                .param("description", description)
                .param("includePhone", includePhone)
                .param("secret", secret)
                .update();
    }

    Optional<Webhook> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = :id")
                .param("id", id)
                .query(WebhookRepository::webhook)
                .optional();
    }

    List<Webhook> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id")
                .query(WebhookRepository::webhook)
                .list();
    }

    /** Saves the subscription's changeable fields as {@code changed} holds them. */
    void update(Webhook changed) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions
                           SET url = :url, events = :events, description = :description,
                               include_patient_phone = :includePhone, enabled = :enabled,
                               disabled_reason = :disabledReason, updated_at = now()
                         WHERE id = :id
                        """)
                .param("id", changed.id())
                .param("url", changed.url())
                .param("events", changed.events().toArray(String[]::new))
                .param("description", changed.description())
                .param("includePhone", changed.includePatientPhone())
                .param("enabled", changed.enabled())
                .param("disabledReason", changed.disabledReason())
                .update();
    }

    /** The new secret signs from now on; the old one beside it until {@code graceUntil}. */
    void rotate(UUID id, String secret, OffsetDateTime graceUntil) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions
                           SET previous_secret = secret, previous_secret_until = :graceUntil, secret = :secret,
                               updated_at = now()
                         WHERE id = :id
                        """)
                .param("id", id)
                .param("secret", secret)
                .param("graceUntil", graceUntil)
                .update();
    }

    /** A receiver that answered 410 Gone wants no more. */
    void disable(UUID id, String reason) {
        jdbc.sql("UPDATE webhook_subscriptions SET enabled = false, disabled_reason = :reason, updated_at = now()"
                        + " WHERE id = :id")
                .param("id", id)
                .param("reason", reason)
                .update();
    }

    /** The subscription, with its deliveries and their attempts. */
    boolean delete(UUID id) {
        return jdbc.sql("""
                        WITH subscription AS (DELETE FROM webhook_subscriptions WHERE id = :id RETURNING id),
                             delivery AS (DELETE FROM webhook_deliveries
                                           WHERE subscription_id IN (SELECT id FROM subscription) RETURNING id),
                             attempt AS (DELETE FROM webhook_attempts
                                          WHERE delivery_id IN (SELECT id FROM delivery))
                        SELECT count(*) FROM subscription
                        """).param("id", id).query(Long.class).single() == 1;
    }

    static Webhook webhook(ResultSet rs, int row) throws SQLException {
        Array events = rs.getArray("events");
        return new Webhook(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                Arrays.asList((String[]) events.getArray()),
                rs.getString("description"),
                rs.getBoolean("include_patient_phone"),
                rs.getString("secret"),
                rs.getString("previous_secret"),
                rs.getObject("previous_secret_until", OffsetDateTime.class),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
