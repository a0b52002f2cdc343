package app.clinic.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A text value of a request body that no field accepts: a NUL or another control character, which PostgreSQL
 * refuses to store (NUL) or a reader of the data would not see. Answered as a 400 that names the field.
 */
public class UnacceptableTextException extends MismatchedInputException {

    public UnacceptableTextException(JsonParser parser) {
        super(parser, "must not contain control characters", String.class);
    }
}
