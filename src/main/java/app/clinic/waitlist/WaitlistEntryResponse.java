package app.clinic.waitlist;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

record WaitlistEntryResponse(
        UUID id,
        UUID patientId,
        UUID doctorId,
        LocalDate date,

        @Schema(allowableValues = {"waiting", "offered", "booked", "declined", "expired", "left", "closed"})
        String status,

        OffsetDateTime joinedAt,
        OffsetDateTime updatedAt,

        @Schema(description = "The appointment it ended in, once booked")
        UUID appointmentId,

        @Schema(description = "The place held for the patient, to accept or decline before expires_at; else null")
        OfferResponse offer) {

    record OfferResponse(UUID id, Instant expiresAt) {}

    static WaitlistEntryResponse of(WaitlistEntry entry) {
        return new WaitlistEntryResponse(
                entry.id(),
                entry.patientId(),
                entry.doctorId(),
                entry.date(),
                entry.status().wire(),
                entry.joinedAt(),
                entry.updatedAt(),
                entry.appointmentId(),
                entry.offer() == null
                        ? null
                        : new OfferResponse(entry.offer().id(), entry.offer().expiresAt()));
    }
}
