package app.clinic.booking;

import app.clinic.access.Caller;
import app.clinic.access.Role;
import app.clinic.config.ClinicProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may take a day's walk-in places, and when they are released to everyone: the desk books them, on the day
 * itself; from WALK_IN_RELEASE_TIME (if set) the places walk-ins have not used may be booked by anyone that day.
 */
@Component
class WalkIns {

    private final Clock clock;
    private final Optional<LocalTime> releaseTime;

    WalkIns(Clock clock, ClinicProperties properties) {
        this.clock = clock;
        this.releaseTime = properties.scheduling().walkInReleaseTime();
    }

    /** A booking by the desk for today is a walk-in: the patient is at the desk. */
    boolean isWalkIn(Caller caller, LocalDate date) {
        return (caller.role() == Role.RECEPTION || caller.role() == Role.ADMIN) && date.equals(LocalDate.now(clock));
    }

    /** Whether the day's unused walk-in places may be booked by anyone now. */
    boolean released(LocalDate date) {
        return date.equals(LocalDate.now(clock))
                && releaseTime.isPresent()
                && !LocalTime.now(clock).isBefore(releaseTime.get());
    }
}
