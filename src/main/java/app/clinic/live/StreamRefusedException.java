package app.clinic.live;

import app.clinic.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A stream that may not be opened: too many open already, or another doctor's patients. */
class StreamRefusedException extends ApiException {

    private StreamRefusedException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
    }

    static StreamRefusedException tooMany(int limit) {
        return new StreamRefusedException(
                HttpStatus.TOO_MANY_REQUESTS,
                "TooManyStreams",
                "This token's holder has " + limit + " streams open already (MAX_STREAMS_PER_PRINCIPAL); close one",
                Map.of("limit", limit));
    }

    static StreamRefusedException otherDoctor(UUID doctorId) {
        return new StreamRefusedException(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "A doctor account may follow only its own doctor's patients; leave doctor_id out to follow the"
                        + " whole day without other doctors' patients",
                Map.of("doctor_id", doctorId));
    }
}
