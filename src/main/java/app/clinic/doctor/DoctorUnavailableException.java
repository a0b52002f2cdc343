package app.clinic.doctor;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class DoctorUnavailableException extends ApiException {

    DoctorUnavailableException(UUID doctorId, LocalDate date) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "DoctorUnavailable",
                "The doctor is not available on " + date,
                Map.of("doctor_id", doctorId, "date", date.toString()));
    }
}
