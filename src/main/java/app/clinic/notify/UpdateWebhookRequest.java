package app.clinic.notify;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Absent fields stay as they are. */
record UpdateWebhookRequest(
        @Size(min = 1, max = 2000) String url,
        @Size(min = 1, max = 20) List<@NotBlank String> events,
        @Size(max = 500) String description,
        Boolean enabled,
        Boolean includePatientPhone) {}
