package app.clinic.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A patient waiting for a place on a full doctor-day.
 *
 * @param offer the open offer of a held place, or null
 * @param appointmentId the appointment booked from the waitlist, or null
 */
record WaitlistEntry(
        UUID id,
        UUID patientId,
        UUID doctorId,
        LocalDate date,
        WaitlistStatus status,
        OffsetDateTime joinedAt,
        OffsetDateTime updatedAt,
        UUID appointmentId,
        OpenOffer offer) {

    record OpenOffer(UUID id, Instant expiresAt) {}
}
