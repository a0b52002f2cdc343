package app.clinic.checkin;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class QueueRefusedException extends ApiException {

    private QueueRefusedException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
    }

    static QueueRefusedException empty(UUID doctorId, LocalDate date) {
        return new QueueRefusedException(
                HttpStatus.NOT_FOUND,
                "QueueEmpty",
                "Nobody is waiting for this doctor on " + date,
                Map.of("doctor_id", doctorId, "date", date.toString()));
    }

    static QueueRefusedException illegalTransition(QueueEntry entry, QueueEntryStatus target) {
        return new QueueRefusedException(
                HttpStatus.CONFLICT,
                "InvalidQueueTransition",
                "A queue entry that is " + entry.status().wire() + " cannot become " + target.wire(),
                Map.of("queue_entry_id", entry.id(), "status", entry.status().wire()));
    }
}
