package app.clinic.booking;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.UUID;

/** @param doctorId another doctor, or null to stay with the same one */
record RescheduleRequest(@NotNull LocalDate date, UUID doctorId) {}
