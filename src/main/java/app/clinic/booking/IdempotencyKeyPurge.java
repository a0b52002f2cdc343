package app.clinic.booking;

import app.clinic.config.ClinicProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys older than IDEMPOTENCY_KEY_RETENTION, hourly. Every instance runs it: the statement is
 * idempotent, and two instances purging at once each clear what the other has not (the second waits on the row
 * locks of the first and then finds those rows no longer match), so no coordination is needed.
 */
@Component
@Lazy(false) // scheduled from the start
class IdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final JdbcClient jdbc;
    private final Duration retention;

    IdempotencyKeyPurge(JdbcClient jdbc, ClinicProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.idempotencyKeyRetention();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purgeOnSchedule() {
        try {
            purge();
        } catch (RuntimeException e) {
            // the next hour tries again; a database that is down now is no reason to stop the schedule
            log.atWarn().addKeyValue("cause", e.getClass().getSimpleName()).log("idempotency key purge failed");
        }
    }

    /** Answers how many keys were forgotten. */
    int purge() {
        int purged =
                jdbc.sql("""
                        UPDATE appointments SET idempotency_key = NULL, idempotency_owner = NULL
                         WHERE idempotency_key IS NOT NULL
                           AND created_at < now() - make_interval(secs => :retentionSeconds)
                        """).param("retentionSeconds", retention.toSeconds()).update();
        if (purged > 0) {
            log.atInfo().addKeyValue("purged", purged).log("forgot idempotency keys past their retention");
        }
        return purged;
    }
}
