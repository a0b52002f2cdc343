package app.clinic.doctor;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class DuplicateDoctorCodeException extends ApiException {

    DuplicateDoctorCodeException(String code) {
        super(
                HttpStatus.CONFLICT,
                "DuplicateDoctorCode",
                "A doctor with code " + code + " already exists",
                Map.of("code", code));
    }
}
