package app.clinic.doctor;

import app.clinic.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The doctor has no roster; they are then present unless a date's own record says otherwise. */
class RosterNotSetException extends ApiException {

    RosterNotSetException(UUID doctorId) {
        super(
                HttpStatus.NOT_FOUND,
                "RosterNotFound",
                "This doctor has no roster; they count as present on any day a date's record does not say otherwise",
                Map.of("doctor_id", doctorId));
    }
}
