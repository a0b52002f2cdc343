package app.clinic.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A machine that calls the service with its own token: the WhatsApp bot, a waiting-room screen. */
record ApiClient(
        UUID id,
        String name,
        Role role,
        String tokenPrefix,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt) {}
