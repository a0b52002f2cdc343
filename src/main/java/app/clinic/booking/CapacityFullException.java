package app.clinic.booking;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class CapacityFullException extends ApiException {

    CapacityFullException(UUID doctorId, LocalDate date) {
        super(
                HttpStatus.CONFLICT,
                "CapacityFull",
                "No available slots for this doctor on " + date,
                Map.of("doctor_id", doctorId, "date", date.toString()));
    }
}
