package app.clinic.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The envelope's {@code error} code for a status that no rule of ours names more precisely. */
final class ErrorCodes {

    private ErrorCodes() {}

    static String of(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BadRequest";
            case NOT_FOUND -> "NotFound";
            case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
            case NOT_ACCEPTABLE -> "NotAcceptable";
            case UNSUPPORTED_MEDIA_TYPE -> "UnsupportedMediaType";
            case PAYLOAD_TOO_LARGE -> "PayloadTooLarge";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            case INTERNAL_SERVER_ERROR -> "InternalError";
            default ->
                status.name().charAt(0)
                        + status.name().substring(1).toLowerCase(Locale.ROOT).replace("_", "");
        };
    }
}
