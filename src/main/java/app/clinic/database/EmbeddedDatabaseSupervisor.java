package app.clinic.database;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the embedded PostgreSQL running: twice a second it checks the server's process, and when it died (a
 * crash, an out-of-memory kill, an operator's kill -9) it starts the server again on the same folder and port. The
 * service itself stays up; requests meanwhile get 503 at once, and the pool starts afresh on the new server.
 */
final class EmbeddedDatabaseSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    /** Empty when the service uses an external PostgreSQL, whose operator keeps it running. */
    private final Optional<EmbeddedDatabase> database;

    private final SupervisedDataSource dataSource;
    private ScheduledExecutorService watcher;

    EmbeddedDatabaseSupervisor(Optional<EmbeddedDatabase> database, SupervisedDataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
    }

    @Override
    public boolean isAutoStartup() {
        return database.isPresent();
    }

    @Override
    public synchronized void start() {
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-database-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(
                () -> restartIfDead(database.orElseThrow()),
                CHECK_INTERVAL.toMillis(),
                CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }

    /** Stops after the web server has drained its requests, so it watches over them too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void restartIfDead(EmbeddedDatabase database) {
        if (database.isClosed() || database.isRunning()) {
            return;
        }
        long started = System.nanoTime();
        log.atWarn()
                .addKeyValue("pid", database.postmaster().pid())
                .log("the embedded PostgreSQL died; starting it again on its data folder");
        dataSource.restarting();
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                database.restart();
                break;
            } catch (Exception e) {
                if (database.isClosed()) {
                    return; // the service is stopping
                }
                // Its last backends may still hold the old shared memory for a moment; PostgreSQL then refuses.
                log.atWarn()
                        .addKeyValue("cause", e.getClass().getSimpleName())
                        .addKeyValue("retry_in_ms", wait.toMillis())
                        .log("the embedded PostgreSQL did not start again yet");
                if (!sleep(wait)) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
        dataSource.restarted();
        log.atInfo()
                .addKeyValue("pid", database.postmaster().pid())
                .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                .log("the embedded PostgreSQL is running again");
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
