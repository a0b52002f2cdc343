package app.clinic.booking;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public record Appointment(
        UUID id,
        UUID patientId,
        UUID doctorId,
        LocalDate date,
        int slot,
        AppointmentStatus status,
        String idempotencyKey,
        UUID rescheduledFrom,
        boolean walkIn,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        UUID createdBy,
        UUID updatedBy) {}
