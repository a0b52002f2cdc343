package app.clinic.booking;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What cancelling a doctor's day did to each of its appointments.
 *
 * @param appointments the day's booked appointments in token order, each moved or cancelled
 * @param checkedIn today's patients already in the queue: left as they are, for the desk to see to
 */
record DayCancellation(
        UUID doctorId,
        LocalDate date,
        CancelDayRequest.Action action,
        String reason,
        List<Outcome> appointments,
        List<Appointment> checkedIn) {

    /** @param movedTo the new appointment, or null when it was cancelled */
    record Outcome(Appointment appointment, Appointment movedTo) {}
}
