package app.clinic.database;

import app.clinic.config.ClinicProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The external PostgreSQL of DATABASE_URL, or the embedded one when it is unset. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    /** The embedded server is started early by {@link EmbeddedDatabaseStarter}, which also stops it. */
    @Bean
    DatabaseServer databaseServer(
            ClinicProperties properties, ObjectProvider<EmbeddedDatabaseStarter.Startup> embeddedStartup) {
        return properties
                .databaseUrl()
                .map(url -> DatabaseServer.external(DatabaseUrl.parse(url)))
                .orElseGet(() ->
                        DatabaseServer.embedded(embeddedStartup.getObject().await()));
    }

    /**
     * The service starts lazily (spring.main.lazy-initialization): beans are made on first use, off the start path.
     * The schema is not: migrations run, and fail the start if they must, before the service reports ready.
     */
    @Bean
    static LazyInitializationExcludeFilter migrateAtStart() {
        return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
    }

    @Bean(destroyMethod = "close")
    @Lazy(false)
    @Primary
    SupervisedDataSource dataSource(DatabaseServer server, ClinicProperties properties) {
        DatabaseUrl url = server.url();
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("clinic");
        pool.setJdbcUrl(url.jdbcUrl());
        pool.setUsername(url.username());
        pool.setPassword(url.password());
        pool.setMaximumPoolSize(properties.poolSize());
        // A request gives up after 3 s while the database is away, instead of hanging for 30 s; a pooled
        // connection is judged dead or alive within a second.
        pool.setConnectionTimeout(3_000);
        pool.setValidationTimeout(1_000);
        // A server error's DETAIL can quote a row's values (a duplicate key's patient name); the constraint's name
        // stays available to the error handler, the values stay out of exception messages and so out of logs.
        pool.addDataSourceProperty("logServerErrorDetail", "false");
        // A flood of requests queues in the service rather than holding every pooled connection on a lock or a
        // runaway statement; the request is answered 503 DatabaseBusy and may be retried.
        pool.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + properties.statementTimeoutMillis() + " -c lock_timeout="
                        + properties.lockTimeoutMillis());
        return new SupervisedDataSource(pool);
    }

    /** Commits send the writes waiting for them along ({@link CommitWrites}). */
    @Bean
    JdbcTransactionManager transactionManager(
            SupervisedDataSource dataSource,
            CommitWrites writes,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        var manager = new WritesWithCommitTransactionManager(dataSource, writes);
        customizers.ifAvailable(customizer -> customizer.customize(manager));
        return manager;
    }

    /**
     * Migrations get connections of their own, without the requests' statement and lock timeouts: a schema change
     * on a large table may rightly take longer than any request.
     */
    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(DatabaseServer server) {
        DatabaseUrl url = server.url();
        return new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password());
    }

    @Bean
    @Lazy(false)
    EmbeddedDatabaseSupervisor embeddedDatabaseSupervisor(DatabaseServer server, SupervisedDataSource dataSource) {
        return new EmbeddedDatabaseSupervisor(server.embedded(), dataSource);
    }

    /** The database the service talks to, and the embedded server when the service runs its own. */
    record DatabaseServer(DatabaseUrl url, Optional<EmbeddedDatabase> embedded) {

        static DatabaseServer external(DatabaseUrl url) {
            return new DatabaseServer(url, Optional.empty());
        }

        static DatabaseServer embedded(EmbeddedDatabase database) {
            return new DatabaseServer(database.url(), Optional.of(database));
        }
    }
}
