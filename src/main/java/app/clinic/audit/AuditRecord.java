package app.clinic.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One audit record, as the examiners read it: who did what to which patients' data, when, and how it ended. */
record AuditRecord(
        long id,
        OffsetDateTime recordedAt,

        @Schema(description = "The user's or API client's id; null when no valid token was sent")
        UUID actorId,

        @Schema(description = "The username or client name; for a failed sign-in, the username tried")
        String actorName,

        String actorRole,

        @Schema(
                example = "patient.read",
                description = "What was done; for a refusal of a route without patient" + " data, its method and path")
        String action,

        @Schema(example = "patient") String resourceType,

        String resourceId,

        @Schema(description = "Every patient the answer or the change concerned")
        List<UUID> patientIds,

        @Schema(allowableValues = {"success", "refused", "denied", "failed"})
        String outcome,

        @Schema(description = "The HTTP status; null for a success, recorded with its change before the answer")
        Integer status,

        String requestId,
        String clientAddress) {}
