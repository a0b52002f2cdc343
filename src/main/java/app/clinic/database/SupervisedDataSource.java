package app.clinic.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's connection pool, which refuses at once while the embedded PostgreSQL is being restarted: a request
 * then gets its 503 immediately instead of waiting out the pool's connection timeout against a closed port.
 */
final class SupervisedDataSource extends DelegatingDataSource implements AutoCloseable {

    /** SQL state class 08, connection exception: the error handler answers it with 503 DatabaseUnavailable. */
    private static final String CONNECTION_EXCEPTION = "08001";

    private final HikariDataSource pool;
    private volatile boolean restarting;

    SupervisedDataSource(HikariDataSource pool) {
        super(pool);
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (restarting) {
            throw new SQLTransientConnectionException("the embedded database is restarting", CONNECTION_EXCEPTION);
        }
        return super.getConnection();
    }

    boolean isRestarting() {
        return restarting;
    }

    void restarting() {
        restarting = true;
    }

    /** The pooled connections all belonged to the dead server: dropped, so no request meets one. */
    void restarted() {
        evictIdleConnections();
        restarting = false;
    }

    /** After a failed check: idle connections may be dead (an external server restarted), fresh ones are made. */
    void evictIdleConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    @Override
    public void close() {
        pool.close();
    }
}
