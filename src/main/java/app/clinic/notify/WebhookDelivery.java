package app.clinic.notify;

import app.clinic.config.ClinicProperties;
import app.clinic.metrics.DomainMetrics;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt at a delivery, as db-scheduler's task {@value #TASK}: each delivery is a task instance, picked by
 * one instance at a time, revived if the instance running it dies, and rescheduled here for its next attempt.
 *
 * <p>A failed attempt (no answer within 10 s, no connection, a status other than 2xx) is tried again after
 * WEBHOOK_RETRY_INITIAL, doubling up to an hour, each pause shortened by up to a half at random so that the
 * deliveries a receiver's outage held back do not all come back at once; after WEBHOOK_RETRY_FOR the delivery is
 * failed, for an admin to replay. 410 Gone switches the subscription off. The events of one appointment reach a
 * subscription in their order: a later one waits while an earlier one is still on its way.
 */
@Component
class WebhookDelivery {

    static final String TASK = "webhook-delivery";
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);
    /** How long after an earlier event's next attempt a later one looks again. */
    private static final Duration BEHIND_EARLIER = Duration.ofMillis(200);

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final JsonMapper json;
    private final DomainMetrics metrics;
    private final Clock clock;
    private final Duration retryInitial;
    private final Duration retryFor;

    WebhookDelivery(
            DeliveryRepository deliveries,
            WebhookRepository webhooks,
            WebhookSender sender,
            JsonMapper json,
            DomainMetrics metrics,
            Clock clock,
            ClinicProperties properties) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sender = sender;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.retryInitial = properties.notifications().retryInitial();
        this.retryFor = properties.notifications().retryFor();
    }

    CompletionHandler<Void> attempt(UUID deliveryId) {
        Optional<DeliveryRepository.Due> found = deliveries.due(deliveryId);
        if (found.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>(); // delivered, given up, or its subscription deleted
        }
        DeliveryRepository.Due due = found.get();
        Webhook webhook = due.webhook();
        if (!webhook.enabled()) {
            deliveries.cancel(due.id());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (due.afterEarlier() != null) {
            Instant later = due.afterEarlier().toInstant().plus(BEHIND_EARLIER);
            return again(
                    later.isAfter(clock.instant()) ? later : clock.instant().plus(BEHIND_EARLIER));
        }
        Instant started = clock.instant();
        WebhookSender.Answer answer = sender.send(webhook.url(), "msg_" + due.eventId(), body(due), secrets(webhook));
        Duration took = Duration.between(started, clock.instant());
        var attempt = new DeliveryRepository.Attempt(answer.status(), answer.error(), (int) took.toMillis());
        if (answer.delivered()) {
            return finish(due, attempt, "delivered", took);
        }
        if (Integer.valueOf(410).equals(answer.status())) {
            webhooks.disable(webhook.id(), "the receiver answered 410 Gone");
            return finish(due, attempt, "gone", took);
        }
        Instant next = clock.instant().plus(pause(due.attempts() + 1));
        if (next.isAfter(due.retryFrom().toInstant().plus(retryFor))) {
            return finish(due, attempt, "failed", took);
        }
        deliveries.attempted(due.id(), attempt, "pending", next);
        metrics.webhookAttempt("retry", took);
        return again(next);
    }

    /** The delivery's last attempt: delivered, or failed (given up, or gone). */
    private CompletionHandler<Void> finish(
            DeliveryRepository.Due due, DeliveryRepository.Attempt attempt, String outcome, Duration took) {
        deliveries.attempted(due.id(), attempt, outcome.equals("delivered") ? "delivered" : "failed", null);
        metrics.webhookAttempt(outcome, took);
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** The pause after the {@code attempts}-th failed attempt: doubling from the first, at most an hour, jittered. */
    Duration pause(int attempts) {
        Duration full = retryInitial;
        for (int i = 1; i < attempts && full.compareTo(LONGEST_PAUSE) < 0; i++) {
            full = full.multipliedBy(2);
        }
        if (full.compareTo(LONGEST_PAUSE) > 0) {
            full = LONGEST_PAUSE;
        }
        long millis = full.toMillis();
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    /**
     * The body the receiver gets: the event's type, time and data; the patient's phone only for a subscription
     * that asked for it (the bot, which messages the patient), read now, never stored with the event.
     */
    private String body(DeliveryRepository.Due due) {
        String data = due.data(); // JSON already, from the database
        if (due.webhook().includePatientPhone() && due.patientId() != null) {
            Optional<String> phone = deliveries.patientPhone(due.patientId());
            if (phone.isPresent()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> withPhone = json.readValue(data, Map.class);
                withPhone.put("patient_phone", phone.get());
                data = json.writeValueAsString(withPhone);
            }
        }
        return "{\"type\":" + json.writeValueAsString(due.eventType()) + ",\"timestamp\":"
                + json.writeValueAsString(due.occurredAt().toString()) + ",\"data\":" + data + "}";
    }

    private List<String> secrets(Webhook webhook) {
        List<String> secrets = new ArrayList<>(List.of(webhook.secret()));
        if (webhook.previousSecret() != null
                && webhook.previousSecretUntil() != null
                && webhook.previousSecretUntil().toInstant().isAfter(clock.instant())) {
            secrets.add(webhook.previousSecret());
        }
        return secrets;
    }

    private static CompletionHandler<Void> again(Instant at) {
        return new CompletionHandler.OnCompleteReschedule<>(new At(at));
    }

    /** db-scheduler's "next time" of a one-off reschedule. */
    private record At(Instant at) implements Schedule {

        @Override
        public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
            return at;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
