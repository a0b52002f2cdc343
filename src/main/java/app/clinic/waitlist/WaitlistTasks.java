package app.clinic.waitlist;

import app.clinic.config.ClinicProperties;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The waitlist's durable tasks on db-scheduler: one instance runs each execution. */
@Configuration(proxyBeanMethods = false)
class WaitlistTasks {

    static final String PASS_ON = "waitlist-pass-on";

    /** How often places that came free with time are passed on: an offer lasts at most this much longer. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(15);

    private static final int EXPIRY_BATCH = 100;

    /**
     * Places that come free with time go to the waitlists: those of expired offers (each in its own transaction,
     * so one day's trouble does not hold up another's) and, from WALK_IN_RELEASE_TIME, today's unused walk-in
     * places.
     */
    @Bean
    Task<Void> waitlistPassOnTask(WaitlistService waitlist, Clock clock, ClinicProperties properties) {
        Optional<LocalTime> releaseTime = properties.scheduling().walkInReleaseTime();
        return Tasks.recurring(PASS_ON, Schedules.fixedDelay(CHECK_EVERY)).execute((instance, context) -> {
            List<UUID> expired;
            do {
                expired = waitlist.expiredOffers(clock.instant(), EXPIRY_BATCH);
                expired.forEach(offer -> waitlist.expire(offer, clock.instant()));
            } while (expired.size() == EXPIRY_BATCH);
            if (releaseTime.isPresent() && !LocalTime.now(clock).isBefore(releaseTime.get())) {
                waitlist.walkInPlacesReleased();
            }
        });
    }
}
