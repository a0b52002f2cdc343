package app.clinic.database;

import app.clinic.config.ClinicProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Backs the embedded database up at BACKUP_CRON, in the clinic's time zone (nightly at 02:00 by default). The
 * embedded data folder belongs to one service instance at a time, so the schedule needs no coordination between
 * instances.
 */
@Component
@Lazy(false) // scheduled from the start
class BackupSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final EmbeddedDatabaseBackups backups;
    private final Optional<CronExpression> schedule;
    private final ClinicProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    BackupSchedule(EmbeddedDatabaseBackups backups, ClinicProperties properties) {
        this.backups = backups;
        this.schedule = properties.backupSchedule();
        this.properties = properties;
    }

    @Override
    public boolean isAutoStartup() {
        return schedule.isPresent() && backups.isAvailable();
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("database-backup-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        String cron = schedule.orElseThrow().toString();
        scheduler.schedule(this::backUp, new CronTrigger(cron, properties.clinicZone()));
        log.atInfo()
                .addKeyValue("cron", cron)
                .addKeyValue("backup_dir", properties.backupDir().toString())
                .log("scheduled backups of the embedded database");
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void backUp() {
        try {
            backups.take();
        } catch (RuntimeException e) {
            log.atError().setCause(e).log("scheduled backup failed");
        }
    }
}
