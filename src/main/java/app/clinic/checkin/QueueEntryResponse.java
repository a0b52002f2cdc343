package app.clinic.checkin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

record QueueEntryResponse(
        UUID id,
        UUID appointmentId,
        UUID patientId,
        String patientFirstName,
        int slot,
        int position,

        @Schema(allowableValues = {"waiting", "called", "served", "skipped"})
        String status,

        OffsetDateTime checkedInAt,
        OffsetDateTime calledAt,
        OffsetDateTime completedAt) {

    static QueueEntryResponse of(QueueEntry entry) {
        return new QueueEntryResponse(
                entry.id(),
                entry.appointmentId(),
                entry.patientId(),
                entry.patientFirstName(),
                entry.slot(),
                entry.position(),
                entry.status().wire(),
                entry.checkedInAt(),
                entry.calledAt(),
                entry.completedAt());
    }

    @Override
    public String toString() {
        return "QueueEntryResponse[id=" + id + "]";
    }
}
