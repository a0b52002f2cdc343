package app.clinic.checkin;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record CheckInRequest(@NotNull UUID appointmentId, @NotNull UUID patientId) {}
