package app.clinic.doctor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

record AvailabilityResponse(
        UUID id, UUID doctorId, LocalDate date, boolean isPresent, String notes, OffsetDateTime updatedAt) {

    static AvailabilityResponse of(Availability availability) {
        return new AvailabilityResponse(
                availability.id(),
                availability.doctorId(),
                availability.date(),
                availability.isPresent(),
                availability.notes(),
                availability.updatedAt());
    }
}
