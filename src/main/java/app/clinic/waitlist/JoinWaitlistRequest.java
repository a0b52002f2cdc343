package app.clinic.waitlist;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.UUID;

record JoinWaitlistRequest(
        @NotNull UUID patientId,
        @NotNull UUID doctorId,
        @NotNull LocalDate date) {}
