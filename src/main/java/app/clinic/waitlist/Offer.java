package app.clinic.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A place held for one waitlisted patient until {@code expiresAt}. */
record Offer(
        UUID id,
        UUID entryId,
        UUID patientId,
        UUID doctorId,
        LocalDate date,
        OfferStatus status,
        Instant expiresAt,
        UUID appointmentId) {}
