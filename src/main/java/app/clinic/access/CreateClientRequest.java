package app.clinic.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

record CreateClientRequest(
        @NotBlank @Size(max = 100) String name, @NotBlank String role, OffsetDateTime expiresAt) {}
