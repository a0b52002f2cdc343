package app.clinic.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A webhook subscription: where the events of the listed types go, signed with its secret. */
record Webhook(
        UUID id,
        String url,
        List<String> events,
        String description,
        boolean includePatientPhone,
        String secret,
        String previousSecret,
        OffsetDateTime previousSecretUntil,
        boolean enabled,
        String disabledReason,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @Override
    public String toString() {
        return "Webhook[id=" + id + "]"; // never its secrets
    }
}
