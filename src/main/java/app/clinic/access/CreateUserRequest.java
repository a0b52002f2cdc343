package app.clinic.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The password's upper bound is bcrypt's: it reads 72 bytes and no more. */
record CreateUserRequest(
        @NotBlank @Pattern(regexp = UpdateUserRequest.USERNAME, message = UpdateUserRequest.USERNAME_RULE)
        String username,

        @NotNull @Size(min = UpdateUserRequest.MIN_PASSWORD, max = UpdateUserRequest.MAX_PASSWORD)
        String password,

        @NotBlank String role,
        UUID doctorId) {}
