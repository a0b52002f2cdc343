package app.clinic.doctor;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No record for the day; the doctor then counts as present (booking relies on that). */
class AvailabilityNotSetException extends ApiException {

    AvailabilityNotSetException(UUID doctorId, LocalDate date) {
        super(
                HttpStatus.NOT_FOUND,
                "AvailabilityNotFound",
                "No availability is set for this doctor on " + date + "; the roster, if any, decides that day",
                Map.of("doctor_id", doctorId, "date", date.toString()));
    }
}
