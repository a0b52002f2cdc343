package app.clinic.access;

import app.clinic.web.ApiException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The refusals of access control, each in the one error envelope. */
final class AccessRefusals {

    private AccessRefusals() {}

    /** No token, or one that is unknown, expired or revoked; the header tells the client what to send. */
    static final class Unauthenticated extends ApiException {

        Unauthenticated(String message) {
            super(HttpStatus.UNAUTHORIZED, "Unauthenticated", message, Map.of());
        }

        @Override
        public Map<String, String> headers() {
            return Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    static final class Forbidden extends ApiException {

        Forbidden(String message) {
            super(HttpStatus.FORBIDDEN, "Forbidden", message, Map.of());
        }
    }

    static final class RateLimited extends ApiException {

        private final long retryAfterSeconds;

        RateLimited(String message, Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "RateLimited", message, Map.of());
            // whole seconds, rounded up: a client that waits this long is let through
            this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }

    static final class UsernameTaken extends ApiException {

        UsernameTaken(String username) {
            super(
                    HttpStatus.CONFLICT,
                    "UsernameTaken",
                    "The username " + username + " is taken",
                    Map.of("username", username));
        }
    }
}
