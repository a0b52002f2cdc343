package app.clinic.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal the service raises on purpose; {@link ApiExceptionHandler} turns it into an {@link ApiError}. */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> details;

    protected ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Headers the refusal needs besides its body, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
