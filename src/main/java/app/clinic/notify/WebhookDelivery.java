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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt at a delivery: its first through {@link FirstAttempts}, on the instance that created it; any
 * later one as db-scheduler's task {@value #TASK}, whose instance per delivery is picked by one instance at a time,
 * revived if the instance running it dies, and rescheduled here for its next attempt.
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

    /** db-scheduler's execution of {@value #TASK}: one attempt, then the time of the next, or the end. */
    CompletionHandler<Void> attemptAsTask(UUID deliveryId) {
        List<DeliveryRepository.Due> found = deliveries.due(List.of(deliveryId));
        if (found.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>(); // delivered, given up, or its subscription deleted
        }
        DeliveryRepository.Due due = found.get(0);
        if (!due.webhook().enabled()) {
            deliveries.cancel(due.id());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant later = behindEarlier(due);
        if (later != null) {
            return again(later);
        }
        DeliveryRepository.Outcome outcome = attempt(due);
        deliveries.recordAttempts(List.of(outcome), false);
        return outcome.next() == null ? new CompletionHandler.OnCompleteRemove<>() : again(outcome.next());
    }

    /** When a delivery waiting for an earlier event of its appointment looks again; null if it need not wait. */
    Instant behindEarlier(DeliveryRepository.Due due) {
        if (due.afterEarlier() == null) {
            return null;
        }
        Instant later = due.afterEarlier().toInstant().plus(BEHIND_EARLIER);
        Instant soonest = clock.instant().plus(BEHIND_EARLIER);
        return later.isAfter(soonest) ? later : soonest;
    }

    /**
     * Sends a due delivery once and answers what that leaves it at: delivered; pending until the next attempt;
     * failed, once retries would go past WEBHOOK_RETRY_FOR, or at once on 410 Gone, which also switches the
     * subscription off.
     */
    DeliveryRepository.Outcome attempt(DeliveryRepository.Due due) {
        Webhook webhook = due.webhook();
        Instant started = clock.instant();
        WebhookSender.Answer answer = sender.send(webhook.url(), "msg_" + due.eventId(), body(due), secrets(webhook));
        Duration took = Duration.between(started, clock.instant());
        var attempt = new DeliveryRepository.Attempt(answer.status(), answer.error(), (int) took.toMillis());
        if (answer.delivered()) {
            metrics.webhookAttempt("delivered", took);
            return new DeliveryRepository.Outcome(due.id(), attempt, "delivered", null);
        }
        if (Integer.valueOf(410).equals(answer.status())) {
            webhooks.disable(webhook.id(), "the receiver answered 410 Gone");
            metrics.webhookAttempt("gone", took);
            return new DeliveryRepository.Outcome(due.id(), attempt, "failed", null);
        }
        Instant next = clock.instant().plus(pause(due.attempts() + 1));
        if (next.isAfter(due.retryFrom().toInstant().plus(retryFor))) {
            metrics.webhookAttempt("failed", took);
            return new DeliveryRepository.Outcome(due.id(), attempt, "failed", null);
        }
        metrics.webhookAttempt("retry", took);
        return new DeliveryRepository.Outcome(due.id(), attempt, "pending", next);
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
        if (due.patientPhone() != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> withPhone = json.readValue(data, Map.class);
            withPhone.put("patient_phone", due.patientPhone());
            data = json.writeValueAsString(withPhone);
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
