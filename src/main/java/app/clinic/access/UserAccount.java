package app.clinic.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A staff member's account; the password only as its hash. */
record UserAccount(
        UUID id,
        String username,
        String passwordHash,
        Role role,
        UUID doctorId,
        boolean disabled,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
