package app.clinic.web;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A resource named in the request does not exist: {@code PatientNotFound}, {@code DoctorNotFound}, … */
public class NotFoundException extends ApiException {

    public NotFoundException(String resource, UUID id) {
        super(
                HttpStatus.NOT_FOUND,
                resource + "NotFound",
                resource + " " + id + " does not exist",
                Map.of(snakeCase(resource) + "_id", id));
    }

    private static String snakeCase(String resource) {
        return resource.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
