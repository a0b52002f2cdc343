package app.clinic.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request that passed bean validation but breaks a rule about one of its fields (a phone, a date range). */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String field, String problem) {
        super(HttpStatus.BAD_REQUEST, "ValidationError", "Request validation failed", Map.of(field, problem));
    }

    public InvalidRequestException(String code, String message, Map<String, Object> details) {
        super(HttpStatus.BAD_REQUEST, code, message, details);
    }
}
