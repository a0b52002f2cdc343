package app.clinic.doctor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

record Availability(
        UUID id,
        UUID doctorId,
        LocalDate date,
        boolean isPresent,
        Integer dailyLimit,
        String notes,
        OffsetDateTime updatedAt) {}
