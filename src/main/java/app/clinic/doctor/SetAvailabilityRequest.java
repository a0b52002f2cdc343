package app.clinic.doctor;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

record SetAvailabilityRequest(
        @NotNull LocalDate date,
        @NotNull Boolean isPresent,
        @Size(max = 500) String notes) {}
