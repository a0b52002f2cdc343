package app.clinic.checkin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

record CheckInResponse(
        @Schema(description = "Place in the doctor's queue of the day, from 1 in check-in order")
        int queuePosition,

        OffsetDateTime checkedInAt,
        UUID appointmentId,
        @Schema(description = "For serve, skip and requeue") UUID queueEntryId) {

    static CheckInResponse of(QueueEntry entry) {
        return new CheckInResponse(entry.position(), entry.checkedInAt(), entry.appointmentId(), entry.id());
    }
}
