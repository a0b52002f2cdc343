package app.clinic.checkin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

/** What a waiting-room display shows. */
record QueueSummaryResponse(
        UUID doctorId,
        LocalDate date,
        int waiting,
        int called,
        int served,
        int skipped,
        int total,

        @Schema(description = "Position of the patient called last and not yet served, or null")
        Integer nowServing,

        @Schema(description = "Position of the next patient to be called, or null")
        Integer nextPosition) {}
