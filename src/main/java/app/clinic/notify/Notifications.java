package app.clinic.notify;

import app.clinic.config.ClinicProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the outside hears of the clinic's changes: the one entry point of notifications. Each call writes its event
 * and its deliveries in the caller's transaction (a change and its event commit together or not at all), so a
 * delivery exists exactly when its change does, on whichever instance, through any crash. After the commit this
 * instance makes each delivery's first attempt ({@link FirstAttempts}); db-scheduler makes any later one.
 */
@Service
public class Notifications {

    private final OutboxRepository outbox;
    private final FirstAttempts firstAttempts;
    private final int turnNearAhead;

    Notifications(OutboxRepository outbox, FirstAttempts firstAttempts, ClinicProperties properties) {
        this.outbox = outbox;
        this.firstAttempts = firstAttempts;
        this.turnNearAhead = properties.notifications().turnNearAhead();
    }

    /**
     * An appointment's change that someone outside should hear of, with the reason staff gave for it (a doctor's
     * day cancelled), or null.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appointmentChanged(NotificationType type, UUID appointmentId, String reason) {
        outbox.appointmentEvent(type, appointmentId, reason, this::attemptAfterCommit);
    }

    /** A place held for a waitlisted patient: the bot tells them, and they accept or decline it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void waitlistOffered(UUID offerId) {
        attemptAfterCommit(outbox.waitlistOffered(offerId));
    }

    /** A doctor's queue moved (a check-in, a call): patients now close to their turn hear so, once each. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queueMoved(UUID doctorId, LocalDate date) {
        outbox.turnsNear(doctorId, date, turnNearAhead, this::attemptAfterCommit);
    }

    /** Tomorrow's reminders, for the reminder task. */
    @Transactional
    int remind(LocalDate date) {
        List<UUID> deliveries = outbox.reminders(date);
        attemptAfterCommit(deliveries);
        return deliveries.size();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID test(UUID subscriptionId) {
        UUID delivery = outbox.testEvent(subscriptionId);
        attemptAfterCommit(List.of(delivery));
        return delivery;
    }

    /** The deliveries are sent by this instance once the transaction that created them has committed. */
    void attemptAfterCommit(List<UUID> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                firstAttempts.committed(deliveries);
            }
        });
    }
}
