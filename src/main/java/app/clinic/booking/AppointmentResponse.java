package app.clinic.booking;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public record AppointmentResponse(
        UUID id,
        UUID patientId,
        UUID doctorId,
        LocalDate date,

        @Schema(
                description = "The patient's token number for the doctor and day, 1..capacity. It never changes;"
                        + " the place in the queue is decided at check-in, in check-in order.")
        int slot,

        @Schema(allowableValues = {"booked", "cancelled", "checked_in", "completed", "no_show"})
        String status,

        @Schema(description = "The appointment this one replaced by a reschedule")
        UUID rescheduledFrom,

        @Schema(description = "Booked by the desk on the day, on one of the places kept for walk-ins")
        boolean walkIn,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,

        @Schema(description = "The user or API client that booked it")
        UUID createdBy,

        @Schema(description = "The user or API client that changed it last")
        UUID updatedBy) {

    public static AppointmentResponse of(Appointment appointment) {
        return new AppointmentResponse(
                appointment.id(),
                appointment.patientId(),
                appointment.doctorId(),
                appointment.date(),
                appointment.slot(),
                appointment.status().wire(),
                appointment.rescheduledFrom(),
                appointment.walkIn(),
                appointment.createdAt(),
                appointment.updatedAt(),
                appointment.createdBy(),
                appointment.updatedBy());
    }
}
