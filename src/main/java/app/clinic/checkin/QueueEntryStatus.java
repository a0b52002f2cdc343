package app.clinic.checkin;

import app.clinic.web.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** waiting → called → served, or called → skipped (not there) → waiting again at the end (requeue). */
enum QueueEntryStatus {
    WAITING,
    CALLED,
    SERVED,
    SKIPPED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static QueueEntryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static QueueEntryStatus parameter(String value) {
        return Arrays.stream(values())
                .filter(status -> status.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "status",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(QueueEntryStatus::wire)
                                        .collect(Collectors.joining(", "))));
    }
}
