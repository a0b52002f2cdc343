package app.clinic.audit;

import app.clinic.config.ClinicProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Seals the trail (and merges its patient index) every AUDIT_SEAL_INTERVAL and purges it past AUDIT_RETENTION_DAYS daily, on every instance:
 * the chain's lock lets one seal at a time, and the next finds nothing left to do.
 */
@Component
@Lazy(false) // scheduled from the start
class AuditSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditSchedule.class);

    private final AuditService audit;
    private final ClinicProperties properties;
    private final Clock clock;

    AuditSchedule(AuditService audit, ClinicProperties properties, Clock clock) {
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                () -> run("seal", () -> {
                    audit.seal();
                    audit.mergePatientIndex();
                }),
                properties.auditSealInterval());
        tasks.addFixedDelayTask(
                () -> run(
                        "retention purge",
                        () -> audit.pruneBefore(OffsetDateTime.now(clock).minusDays(properties.auditRetentionDays()))),
                Duration.ofDays(1));
    }

    /** A database away now is no reason to stop the schedule: the next run catches up. */
    private static void run(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("task", task)
                    .addKeyValue("cause", e.getClass().getSimpleName())
                    .log("audit trail task failed");
        }
    }
}
