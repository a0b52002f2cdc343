package app.clinic.booking;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

record DayCancellationResponse(
        UUID doctorId,
        LocalDate date,
        String action,
        String reason,
        int moved,
        int cancelled,

        @Schema(description = "How many were moved to each day, by date")
        List<TargetDay> movedTo,

        @Schema(description = "Each booked appointment of the day, in token order")
        List<AppointmentOutcome> appointments,

        @Schema(description = "Patients checked in already (today): left in the queue for the desk to see to")
        List<CheckedIn> checkedIn) {

    record TargetDay(LocalDate date, int moved) {}

    record AppointmentOutcome(
            UUID appointmentId,
            UUID patientId,
            int token,

            @Schema(allowableValues = {"moved", "cancelled"})
            String outcome,

            UUID newAppointmentId,
            LocalDate newDate,
            Integer newToken) {}

    record CheckedIn(UUID appointmentId, UUID patientId, int token) {}

    static DayCancellationResponse of(DayCancellation day) {
        Map<LocalDate, Integer> byDay = new TreeMap<>();
        List<AppointmentOutcome> outcomes = day.appointments().stream()
                .map(outcome -> {
                    Appointment old = outcome.appointment();
                    Appointment moved = outcome.movedTo();
                    if (moved == null) {
                        return new AppointmentOutcome(
                                old.id(), old.patientId(), old.slot(), "cancelled", null, null, null);
                    }
                    byDay.merge(moved.date(), 1, Integer::sum);
                    return new AppointmentOutcome(
                            old.id(), old.patientId(), old.slot(), "moved", moved.id(), moved.date(), moved.slot());
                })
                .toList();
        int moved = byDay.values().stream().mapToInt(Integer::intValue).sum();
        return new DayCancellationResponse(
                day.doctorId(),
                day.date(),
                day.action().wire(),
                day.reason(),
                moved,
                outcomes.size() - moved,
                byDay.entrySet().stream()
                        .map(entry -> new TargetDay(entry.getKey(), entry.getValue()))
                        .toList(),
                outcomes,
                day.checkedIn().stream()
                        .map(appointment ->
                                new CheckedIn(appointment.id(), appointment.patientId(), appointment.slot()))
                        .toList());
    }
}
