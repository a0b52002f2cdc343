package app.clinic.checkin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

record QueueEntry(
        UUID id,
        UUID appointmentId,
        UUID patientId,
        String patientFirstName,
        UUID doctorId,
        LocalDate date,
        int slot,
        int position,
        QueueEntryStatus status,
        OffsetDateTime checkedInAt,
        OffsetDateTime calledAt,
        OffsetDateTime completedAt) {

    @Override
    public String toString() {
        return "QueueEntry[id=" + id + ", position=" + position + ", status=" + status + "]";
    }
}
