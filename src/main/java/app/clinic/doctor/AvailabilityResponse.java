package app.clinic.doctor;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

record AvailabilityResponse(
        UUID id,
        UUID doctorId,
        LocalDate date,
        boolean isPresent,

        @Schema(description = "That day's limit instead of the roster's, doctor's or clinic's; null when not set")
        Integer dailyLimit,

        String notes,
        OffsetDateTime updatedAt) {

    static AvailabilityResponse of(Availability availability) {
        return new AvailabilityResponse(
                availability.id(),
                availability.doctorId(),
                availability.date(),
                availability.isPresent(),
                availability.dailyLimit(),
                availability.notes(),
                availability.updatedAt());
    }
}
