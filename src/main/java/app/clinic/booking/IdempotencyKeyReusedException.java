package app.clinic.booking;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class IdempotencyKeyReusedException extends ApiException {

    IdempotencyKeyReusedException(Appointment earlier) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "IdempotencyKeyReused",
                "This idempotency key was used for another booking (other patient, doctor or date)",
                Map.of("appointment_id", earlier.id()));
    }
}
