package app.clinic.waitlist;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A waitlist request the day or the entry's state refuses (409). */
class WaitlistRefusedException extends ApiException {

    private WaitlistRefusedException(String code, String message, Map<String, Object> details) {
        super(HttpStatus.CONFLICT, code, message, details);
    }

    static WaitlistRefusedException placesLeft(UUID doctorId, LocalDate date, int remaining) {
        return new WaitlistRefusedException(
                "PlacesAvailable",
                "The day has places left: book one instead of waiting",
                Map.of("doctor_id", doctorId, "date", date.toString(), "remaining", remaining));
    }

    static WaitlistRefusedException alreadyBooked(UUID appointmentId) {
        return new WaitlistRefusedException(
                "DuplicateBooking",
                "The patient already has an appointment with this doctor on this day",
                Map.of("appointment_id", appointmentId));
    }

    static WaitlistRefusedException notOpen(WaitlistEntry entry, String action) {
        return new WaitlistRefusedException(
                "WaitlistEntryClosed",
                "Cannot " + action + ": the waitlist entry is " + entry.status().wire(),
                Map.of("waitlist_entry_id", entry.id(), "status", entry.status().wire()));
    }
}
