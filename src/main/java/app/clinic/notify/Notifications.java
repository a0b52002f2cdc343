package app.clinic.notify;

import app.clinic.config.ClinicProperties;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the outside hears of the clinic's changes: the one entry point of notifications. Each call writes its event
 * and its deliveries in the caller's transaction (a change and its event commit together or not at all) and
 * schedules each delivery on db-scheduler's table in that same transaction, so a delivery exists exactly when its
 * change does, on whichever instance, through any crash; after commit this instance is told to look at once.
 */
@Service
public class Notifications {

    private final OutboxRepository outbox;
    /** Looked up when used: the scheduler is built with its tasks, and the reminder task calls back here. */
    private final ObjectProvider<Scheduler> scheduler;

    private final Clock clock;
    private final int turnNearAhead;
    private final AtomicBoolean lookPending = new AtomicBoolean();

    private static final Duration LOOK_AFTER = Duration.ofMillis(20);

    Notifications(
            OutboxRepository outbox, ObjectProvider<Scheduler> scheduler, Clock clock, ClinicProperties properties) {
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.clock = clock;
        this.turnNearAhead = properties.notifications().turnNearAhead();
    }

    /**
     * An appointment's change that someone outside should hear of, with the reason staff gave for it (a doctor's
     * day cancelled), or null.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appointmentChanged(NotificationType type, UUID appointmentId, String reason) {
        schedule(outbox.appointmentEvent(type, appointmentId, reason));
    }

    /** A place held for a waitlisted patient: the bot tells them, and they accept or decline it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void waitlistOffered(UUID offerId) {
        schedule(outbox.waitlistOffered(offerId));
    }

    /** A doctor's queue moved (a check-in, a call): patients now close to their turn hear so, once each. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queueMoved(UUID doctorId, LocalDate date) {
        schedule(outbox.turnsNear(doctorId, date, turnNearAhead));
    }

    /** Tomorrow's reminders, for the reminder task. */
    @Transactional
    int remind(LocalDate date) {
        List<UUID> deliveries = outbox.reminders(date);
        schedule(deliveries);
        return deliveries.size();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID test(UUID subscriptionId) {
        UUID delivery = outbox.testEvent(subscriptionId);
        schedule(List.of(delivery));
        return delivery;
    }

    /**
     * db-scheduler reaches the database through a transaction-aware proxy: the rows join the current transaction.
     * Its own prompt check would run before the commit and find nothing, so this instance checks after it.
     */
    void schedule(List<UUID> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Scheduler tasks = scheduler.getObject();
        List<TaskInstance<?>> instances = deliveries.stream()
                .<TaskInstance<?>>map(id -> new TaskInstance<Void>(WebhookDelivery.TASK, id.toString()))
                .toList();
        tasks.scheduleBatch(instances, clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lookSoon(tasks);
            }
        });
    }

    /**
     * Asks db-scheduler to look for due deliveries within {@link #LOOK_AFTER}: the commits of that time share one
     * look (one statement that takes them all), where a look per commit would cost a busy clinic a query a booking.
     */
    private void lookSoon(Scheduler tasks) {
        if (lookPending.compareAndSet(false, true)) {
            CompletableFuture.delayedExecutor(LOOK_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        lookPending.set(false);
                        tasks.triggerCheckForDueExecutions();
                    });
        }
    }
}
