package app.clinic.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the database answers, decided within one second whatever the database does: a load balancer or an
 * orchestrator asking must not wait on the pool's connection timeout, nor on a server that hangs. Behind
 * {@code /health} and the readiness probe ({@code /actuator/health/readiness}, as the "database" indicator).
 */
@Component("database")
class DatabaseHealth implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    private static final Duration BUDGET = Duration.ofMillis(900);
    private static final int VALIDATION_SECONDS = 1;

    private final SupervisedDataSource dataSource;
    private final DatabaseUrl url;
    // A check that overruns its budget finishes on its own thread later; none holds a request thread.
    private final ExecutorService checks = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "database-health");
        thread.setDaemon(true);
        return thread;
    });

    DatabaseHealth(SupervisedDataSource dataSource, DatabaseConfig.DatabaseServer server) {
        this.dataSource = dataSource;
        this.url = server.url();
    }

    boolean databaseAnswers() {
        if (dataSource.isRestarting()) {
            return false;
        }
        Future<Boolean> check = checks.submit(this::answersOnAFreshConnectionIfNeeded);
        try {
            return check.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            log.atWarn().log("health check: the database did not answer in time");
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Health health() {
        return databaseAnswers() ? Health.up().build() : Health.down().build();
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }

    private boolean answersOnAFreshConnectionIfNeeded() {
        try (Connection pooled = dataSource.getConnection()) {
            if (pooled.isValid(VALIDATION_SECONDS)) {
                return true;
            }
        } catch (SQLException e) {
            log.atWarn().addKeyValue("cause", e.getClass().getSimpleName()).log("health check: database down");
        }
        // The pooled connection may be one of many left dead by a restart of the database: those are dropped, and
        // one new connection, outside the pool, tells how the database is now. It fails at once on a closed port,
        // where the pool would keep trying for its whole connection timeout.
        dataSource.evictIdleConnections();
        try (Connection fresh = url.openConnection(VALIDATION_SECONDS)) {
            return fresh.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
