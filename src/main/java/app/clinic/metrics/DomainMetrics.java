package app.clinic.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the clinic's service did, for the operator's dashboards (Prometheus, on the management port). Tags stay
 * few and fixed, a refusal's reason and nothing else: never a doctor, patient or appointment id, which would make
 * a time series per person. A change is counted when its transaction commits, so the counters match the rows.
 */
@Component
@Lazy(false) // every series is there, at zero, from the first scrape
public class DomainMetrics {

    private final MeterRegistry registry;
    private final Counter bookingsCreated;
    private final Counter bookingsReplayed;
    private final Counter checkIns;
    private final Timer queueWait;

    DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bookingsCreated = Counter.builder("clinic.bookings")
                .description("Appointments booked")
                .register(registry);
        this.bookingsReplayed = Counter.builder("clinic.bookings.replayed")
                .description("Booking retries answered with the appointment booked before (same idempotency key)")
                .register(registry);
        this.checkIns = Counter.builder("clinic.checkins")
                .description("Patients checked in and queued")
                .register(registry);
        this.queueWait = Timer.builder("clinic.queue.wait")
                .description("Time from a patient's check-in to the doctor calling them")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMinutes(1))
                .maximumExpectedValue(Duration.ofHours(6))
                .register(registry);
    }

    public void bookingCreated() {
        afterCommit(bookingsCreated::increment);
    }

    public void bookingReplayed() {
        afterCommit(bookingsReplayed::increment);
    }

    /** A refused booking rolls back: it is counted at once, by the refusal's error code. */
    public void bookingRefused(String reason) {
        Counter.builder("clinic.bookings.refused")
                .description("Bookings refused, by reason (the error code the caller received)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void checkedIn() {
        afterCommit(checkIns::increment);
    }

    public void patientCalled(Duration waited) {
        afterCommit(() -> queueWait.record(waited));
    }

    /**
     * One attempt at a webhook delivery, by its outcome: delivered, retry (a failure with attempts left), failed
     * (given up) or gone (the receiver answered 410).
     */
    public void webhookAttempt(String outcome, Duration took) {
        Timer.builder("clinic.webhook.attempts")
                .description("Attempts at webhook deliveries, by outcome, with the time each took")
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    /**
     * A waitlist offer's step, by outcome: offered (a place held), accepted, declined, expired or withdrawn (the
     * patient left, the day was cancelled); counted once its transaction commits.
     */
    public void waitlistOffer(String outcome) {
        Counter counter = Counter.builder("clinic.waitlist.offers")
                .description("Waitlist offers, by outcome: offered, accepted, declined, expired, withdrawn")
                .tag("outcome", outcome)
                .register(registry);
        afterCommit(counter::increment);
    }

    private static void afterCommit(Runnable count) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
