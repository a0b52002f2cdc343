package app.clinic.notify;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code include_patient_phone}: for the bot, which messages the patient; no other receiver needs the phone. */
record CreateWebhookRequest(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 20) List<@NotBlank String> events,
        @Size(max = 500) String description,
        Boolean includePatientPhone) {}
