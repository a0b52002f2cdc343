package app.clinic.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Webhooks")
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** Never the secret. */
    record WebhookResponse(
            UUID id,
            String url,
            List<String> events,
            String description,
            boolean includePatientPhone,
            boolean enabled,
            String disabledReason,
            OffsetDateTime previousSecretValidUntil,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static WebhookResponse of(Webhook webhook) {
            return new WebhookResponse(
                    webhook.id(),
                    webhook.url(),
                    webhook.events(),
                    webhook.description(),
                    webhook.includePatientPhone(),
                    webhook.enabled(),
                    webhook.disabledReason(),
                    webhook.previousSecretUntil(),
                    webhook.createdAt(),
                    webhook.updatedAt());
        }
    }

    /** The only answers that hold a secret. */
    record CreatedWebhookResponse(UUID id, String url, List<String> events, String secret, OffsetDateTime createdAt) {}

    record RotatedSecretResponse(UUID id, String secret, OffsetDateTime previousSecretValidUntil) {}

    @Operation(
            summary = "Subscribe a URL to events (its signing secret is shown once)",
            description = "events: appointment.booked, appointment.cancelled, appointment.rescheduled,"
                    + " appointment.checked_in, appointment.reminder, queue.called, queue.turn_near, queue.skipped."
                    + " The URL must be https, or http to a host in WEBHOOK_ALLOWED_HOSTS; private, loopback and"
                    + " link-local addresses only if their host is listed there. include_patient_phone adds the"
                    + " patient's phone to each event (the bot's subscription).")
    @ApiResponse(responseCode = "201", description = "Subscribed; keep the secret, it is not shown again")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedWebhookResponse create(@Valid @RequestBody CreateWebhookRequest request) {
        Webhook webhook = webhooks.create(request);
        return new CreatedWebhookResponse(
                webhook.id(), webhook.url(), webhook.events(), webhook.secret(), webhook.createdAt());
    }

    @Operation(summary = "Webhook subscriptions, oldest first")
    @ApiResponse(responseCode = "200", description = "The subscriptions")
    @GetMapping
    List<WebhookResponse> list() {
        return webhooks.list().stream().map(WebhookResponse::of).toList();
    }

    @Operation(summary = "One webhook subscription")
    @ApiResponse(responseCode = "200", description = "The subscription")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @GetMapping("/{webhook_id}")
    WebhookResponse find(@PathVariable("webhook_id") UUID id) {
        return WebhookResponse.of(webhooks.find(id));
    }

    @Operation(summary = "Change a subscription's URL, events, description, phone or enabled flag")
    @ApiResponse(responseCode = "200", description = "Changed")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @PatchMapping("/{webhook_id}")
    WebhookResponse update(@PathVariable("webhook_id") UUID id, @Valid @RequestBody UpdateWebhookRequest change) {
        return WebhookResponse.of(webhooks.update(id, change));
    }

    @Operation(summary = "Delete a subscription and its deliveries")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @DeleteMapping("/{webhook_id}")
    ResponseEntity<Void> delete(@PathVariable("webhook_id") UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "A new signing secret (shown once); the old one still signs for WEBHOOK_SECRET_GRACE",
            description = "During the grace each delivery carries two signatures, so a receiver verifies with"
                    + " either secret while it switches.")
    @ApiResponse(responseCode = "200", description = "Rotated")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @PostMapping("/{webhook_id}/rotate-secret")
    RotatedSecretResponse rotateSecret(@PathVariable("webhook_id") UUID id) {
        WebhookService.Rotated rotated = webhooks.rotateSecret(id);
        return new RotatedSecretResponse(id, rotated.secret(), rotated.previousSecretValidUntil());
    }

    @Operation(summary = "Send a webhook.test event to this subscription")
    @ApiResponse(responseCode = "202", description = "Its delivery, on its way")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @PostMapping("/{webhook_id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryRepository.Delivery test(@PathVariable("webhook_id") UUID id) {
        return webhooks.test(id);
    }

    @Operation(
            summary = "A subscription's deliveries, newest first",
            description = "status: pending (next_attempt_at says when), delivered, failed (after"
                    + " WEBHOOK_RETRY_FOR of attempts, or a 410), cancelled (the subscription was disabled).")
    @ApiResponse(responseCode = "200", description = "The deliveries")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound")
    @GetMapping("/{webhook_id}/deliveries")
    List<DeliveryRepository.Delivery> deliveries(
            @PathVariable("webhook_id") UUID id,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(500) int limit) {
        return webhooks.deliveries(id, limit);
    }

    @Operation(summary = "Attempt a failed or cancelled delivery again, with the same webhook-id")
    @ApiResponse(responseCode = "202", description = "On its way again")
    @ApiResponse(responseCode = "404", description = "WebhookNotFound, DeliveryNotFound")
    @ApiResponse(responseCode = "409", description = "DeliveryNotFinished: it is pending or delivered")
    @PostMapping("/{webhook_id}/deliveries/{delivery_id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryRepository.Delivery replay(
            @PathVariable("webhook_id") UUID id, @PathVariable("delivery_id") UUID deliveryId) {
        return webhooks.replay(id, deliveryId);
    }
}
