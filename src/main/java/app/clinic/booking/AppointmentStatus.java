package app.clinic.booking;

import app.clinic.web.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An appointment's state; every state but CANCELLED holds the slot. */
public enum AppointmentStatus {
    BOOKED,
    CANCELLED,
    CHECKED_IN,
    COMPLETED,
    NO_SHOW;

    /** As stored and as on the wire: {@code booked}, {@code checked_in}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AppointmentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A status given by a client in a query parameter; unknown values are a 400. */
    static AppointmentStatus parameter(String value) {
        return Arrays.stream(values())
                .filter(status -> status.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "status",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(AppointmentStatus::wire)
                                        .collect(Collectors.joining(", "))));
    }
}
