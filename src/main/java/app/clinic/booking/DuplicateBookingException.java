package app.clinic.booking;

import app.clinic.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class DuplicateBookingException extends ApiException {

    DuplicateBookingException(UUID existingAppointmentId) {
        super(
                HttpStatus.CONFLICT,
                "DuplicateBooking",
                "The patient already has an appointment with this doctor on this day",
                Map.of("appointment_id", existingAppointmentId));
    }
}
