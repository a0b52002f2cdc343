package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record CreateDoctorRequest(
        @NotBlank @Size(max = 200) String name,

        @NotBlank
        @Size(max = 50)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "must be letters, digits, '_', '.' or '-'")
        String code,

        @Size(max = 100) String specialty,
        @Min(1) @Max(ClinicProperties.MAX_DAILY_CAPACITY) Integer maxAppointmentsPerDay,
        @Min(0) @Max(ClinicProperties.MAX_DAILY_CAPACITY) Integer walkInPlaces) {}
