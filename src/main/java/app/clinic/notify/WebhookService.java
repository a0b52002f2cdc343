package app.clinic.notify;

import app.clinic.audit.AuditTrail;
import app.clinic.config.ClinicProperties;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhook subscriptions, kept by admins: where events go, which ones, and the secret that signs them. */
@Service
class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final Notifications notifications;
    private final WebhookUrls urls;
    private final AuditTrail trail;
    private final Clock clock;
    private final Duration secretGrace;

    WebhookService(
            WebhookRepository webhooks,
            DeliveryRepository deliveries,
            Notifications notifications,
            WebhookUrls urls,
            AuditTrail trail,
            Clock clock,
            ClinicProperties properties) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.urls = urls;
        this.trail = trail;
        this.clock = clock;
        this.secretGrace = properties.notifications().secretGrace();
    }

    /** A new subscription and its secret, which only this answer holds. */
    @Transactional
    Webhook create(CreateWebhookRequest request) {
        requireCallable(request.url());
        UUID id = UUID.randomUUID();
        webhooks.insert(
                id,
                request.url(),
                eventTypes(request.events()),
                request.description(),
                Boolean.TRUE.equals(request.includePatientPhone()),
                newSecret());
        trail.actsOn(id);
        return webhooks.find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<Webhook> list() {
        return webhooks.findAll();
    }

    @Transactional(readOnly = true)
    Webhook find(UUID id) {
        return webhooks.find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    /** Enabling a subscription again clears why it was switched off; its deliveries meanwhile were cancelled. */
    @Transactional
    Webhook update(UUID id, UpdateWebhookRequest change) {
        Webhook current = find(id);
        if (change.url() != null) {
            requireCallable(change.url());
        }
        boolean enabled = change.enabled() != null ? change.enabled() : current.enabled();
        webhooks.update(new Webhook(
                id,
                change.url() != null ? change.url() : current.url(),
                change.events() != null ? eventTypes(change.events()) : current.events(),
                change.description() != null ? change.description() : current.description(),
                change.includePatientPhone() != null ? change.includePatientPhone() : current.includePatientPhone(),
                current.secret(),
                current.previousSecret(),
                current.previousSecretUntil(),
                enabled,
                enabled ? null : current.disabledReason() != null ? current.disabledReason() : "disabled by an admin",
                current.createdAt(),
                current.updatedAt()));
        trail.changes();
        return find(id);
    }

    @Transactional
    void delete(UUID id) {
        if (!webhooks.delete(id)) {
            throw new NotFoundException("Webhook", id);
        }
        trail.changes();
    }

    /** A new secret, which only this answer holds; the old one signs beside it for WEBHOOK_SECRET_GRACE. */
    @Transactional
    Rotated rotateSecret(UUID id) {
        find(id);
        String secret = newSecret();
        OffsetDateTime graceUntil = OffsetDateTime.now(clock).plus(secretGrace);
        webhooks.rotate(id, secret, graceUntil);
        trail.changes();
        return new Rotated(secret, graceUntil);
    }

    record Rotated(String secret, OffsetDateTime previousSecretValidUntil) {}

    /** A {@code webhook.test} event to this subscription alone; answers its delivery. */
    @Transactional
    DeliveryRepository.Delivery test(UUID id) {
        find(id);
        UUID delivery = notifications.test(id);
        return deliveries.find(id, delivery).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<DeliveryRepository.Delivery> deliveries(UUID id, int limit) {
        find(id);
        return deliveries.forSubscription(id, limit);
    }

    /** A failed (or cancelled) delivery, attempted again from now, with the same event id. */
    @Transactional
    DeliveryRepository.Delivery replay(UUID id, UUID deliveryId) {
        find(id);
        DeliveryRepository.Delivery delivery =
                deliveries.find(id, deliveryId).orElseThrow(() -> new NotFoundException("Delivery", deliveryId));
        if (!deliveries.replay(id, deliveryId)) {
            throw new DeliveryNotFinishedException(delivery);
        }
        notifications.attemptAfterCommit(List.of(deliveryId));
        return deliveries.find(id, deliveryId).orElseThrow();
    }

    private void requireCallable(String url) {
        String refusal = urls.refusal(url);
        if (refusal != null) {
            throw new InvalidRequestException("url", refusal);
        }
    }

    private static List<String> eventTypes(List<String> events) {
        List<String> known = NotificationType.subscribable();
        for (String event : events) {
            if (!known.contains(event)) {
                throw new InvalidRequestException("events", "must list types among " + String.join(", ", known));
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    /** The Standard Webhooks secret format: whsec_ and the key in base64. */
    private static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
