package app.clinic.notify;

import app.clinic.config.ClinicProperties;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications' durable tasks on db-scheduler (its table, shared by every instance; one instance runs each
 * execution): a delivery's attempts after its first, the recovery of first attempts an instance left, the daily
 * reminders and the nightly prune.
 */
@Configuration(proxyBeanMethods = false)
class NotifyTasks {

    static final String REMINDERS = "appointment-reminders";
    static final String PRUNE = "notification-prune";
    static final String RECOVERY = "webhook-first-attempt-recovery";
    private static final int RECOVERED_AT_ONCE = 1000;
    private static final Logger log = LoggerFactory.getLogger(NotifyTasks.class);

    /** An attempt that failed unexpectedly (the database away) is tried again, as a failed delivery is. */
    @Bean
    Task<Void> webhookDeliveryTask(WebhookDelivery delivery, ClinicProperties properties) {
        return Tasks.custom(WebhookDelivery.TASK, Void.class)
                .onFailureReschedule(
                        Schedules.fixedDelay(properties.notifications().retryInitial()))
                .onDeadExecutionRevive()
                .execute((instance, context) -> delivery.attemptAsTask(UUID.fromString(instance.getId())));
    }

    /**
     * Every 30 s on one instance: deliveries whose instance died, or stopped, before their first attempt (their
     * lease ran out) go to db-scheduler, to be attempted at once.
     */
    @Bean
    Task<Void> webhookRecoveryTask(FirstAttempts firstAttempts) {
        return Tasks.recurring(RECOVERY, Schedules.fixedDelay(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    int taken;
                    do {
                        taken = firstAttempts.recoverLapsedLeases(RECOVERED_AT_ONCE);
                        if (taken > 0) {
                            log.info("webhook deliveries left by a stopped instance, taken up: {}", taken);
                        }
                    } while (taken == RECOVERED_AT_ONCE);
                });
    }

    /**
     * At REMINDER_TIME in the clinic's zone, tomorrow's booked patients are reminded, once each: a run missed while
     * every instance was down happens when one comes back, and a second run adds nothing.
     */
    @Bean
    Task<Void> appointmentRemindersTask(Notifications notifications, Clock clock, ClinicProperties properties) {
        return Tasks.recurring(
                        REMINDERS,
                        Schedules.daily(
                                properties.clinicZone(),
                                properties.notifications().reminderTime()))
                .onFailure((complete, operations) ->
                        operations.reschedule(complete, complete.getTimeDone().plus(Duration.ofMinutes(5))))
                .execute((instance, context) -> {
                    LocalDate tomorrow = LocalDate.now(clock).plusDays(1);
                    int sent = notifications.remind(tomorrow);
                    log.info("reminders for {}: {} deliveries", tomorrow, sent);
                });
    }

    /** Nightly at 03:00 in the clinic's zone: finished deliveries and their events older than the retention go. */
    @Bean
    Task<Void> notificationPruneTask(DeliveryRepository deliveries, Clock clock, ClinicProperties properties) {
        Duration retention = properties.notifications().deliveryRetention();
        return Tasks.recurring(PRUNE, Schedules.daily(properties.clinicZone(), LocalTime.of(3, 0)))
                .execute((instance, context) -> {
                    int events = deliveries.prune(clock.instant().minus(retention));
                    log.info("notifications older than {} pruned: {} events", retention, events);
                });
    }
}
