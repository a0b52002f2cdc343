package app.clinic.doctor;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * @param maxAppointmentsPerDay the doctor's own daily limit, or null for the clinic's default
 * @param walkInPlaces places of each day kept for walk-ins, unless the roster's weekday says otherwise
 */
record Doctor(
        UUID id,
        String name,
        String code,
        String specialty,
        Integer maxAppointmentsPerDay,
        int walkInPlaces,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
