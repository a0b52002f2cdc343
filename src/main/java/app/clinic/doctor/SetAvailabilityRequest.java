package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

record SetAvailabilityRequest(
        @NotNull LocalDate date,
        @NotNull Boolean isPresent,

        @Schema(description = "That day's limit instead of the roster's, doctor's or clinic's")
        @Min(1)
        @Max(ClinicProperties.MAX_DAILY_CAPACITY)
        Integer dailyLimit,

        @Size(max = 500) String notes) {}
