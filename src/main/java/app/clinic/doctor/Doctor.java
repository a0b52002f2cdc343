package app.clinic.doctor;

import java.time.OffsetDateTime;
import java.util.UUID;

/** @param maxAppointmentsPerDay the doctor's own daily limit, or null for the clinic's default */
record Doctor(
        UUID id,
        String name,
        String code,
        String specialty,
        Integer maxAppointmentsPerDay,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
