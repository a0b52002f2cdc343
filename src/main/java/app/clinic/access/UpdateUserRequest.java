package app.clinic.access;

import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Absent fields stay as they are; doctor_id matters only for (or with) the role doctor. */
record UpdateUserRequest(
        String role,
        @Size(min = MIN_PASSWORD, max = MAX_PASSWORD) String password,
        Boolean disabled,
        UUID doctorId) {

    static final String USERNAME = "[A-Za-z0-9._@-]{3,64}";
    static final String USERNAME_RULE = "must be 3 to 64 letters, digits or . _ @ -";
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 72;
}
