package app.clinic.notify;

import java.util.Arrays;
import java.util.List;

/** What an event tells the outside: its {@code type} on the wire. */
public enum NotificationType {
    APPOINTMENT_BOOKED("appointment.booked"),
    APPOINTMENT_CANCELLED("appointment.cancelled"),
    APPOINTMENT_RESCHEDULED("appointment.rescheduled"),
    APPOINTMENT_CHECKED_IN("appointment.checked_in"),
    APPOINTMENT_REMINDER("appointment.reminder"),
    QUEUE_CALLED("queue.called"),
    QUEUE_TURN_NEAR("queue.turn_near"),
    QUEUE_SKIPPED("queue.skipped"),
    WAITLIST_OFFERED("waitlist.offered"),
    /** Sent to one subscription when an admin asks; nobody subscribes to it. */
    WEBHOOK_TEST("webhook.test");

    private final String wire;

    NotificationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The types a subscription may list. */
    static List<String> subscribable() {
        return Arrays.stream(values())
                .filter(type -> type != WEBHOOK_TEST)
                .map(NotificationType::wire)
                .toList();
    }
}
