package app.clinic.booking;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The appointment's status does not allow the change (cancel a checked-in one, reschedule a completed one…). */
class AppointmentStateException extends ApiException {

    AppointmentStateException(Appointment appointment, String action) {
        super(
                HttpStatus.CONFLICT,
                "InvalidAppointmentStatus",
                "Cannot " + action + " an appointment that is "
                        + appointment.status().wire(),
                Map.of(
                        "appointment_id",
                        appointment.id(),
                        "status",
                        appointment.status().wire()));
    }
}
