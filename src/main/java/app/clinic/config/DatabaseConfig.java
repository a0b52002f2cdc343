package app.clinic.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The external PostgreSQL of DATABASE_URL, or the embedded one when it is unset. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    /** The embedded server is started early by {@link EmbeddedDatabaseStarter}, which also stops it. */
    @Bean
    DatabaseServer databaseServer(
            ClinicProperties properties, ObjectProvider<EmbeddedDatabaseStarter.Startup> embeddedStartup) {
        return properties
                .databaseUrl()
                .map(DatabaseServer::external)
                .orElseGet(() ->
                        DatabaseServer.embedded(embeddedStartup.getObject().await()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server, ClinicProperties properties) {
        DatabaseUrl url = server.url();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("clinic");
        dataSource.setJdbcUrl(url.jdbcUrl());
        dataSource.setUsername(url.username());
        dataSource.setPassword(url.password());
        dataSource.setMaximumPoolSize(properties.poolSize());
        // A health check or request gives up quickly while the database is away, instead of hanging for 30 s.
        dataSource.setConnectionTimeout(3_000);
        return dataSource;
    }

    /** The database the service talks to, and the embedded server when the service runs its own. */
    record DatabaseServer(DatabaseUrl url, EmbeddedDatabase embedded) {

        static DatabaseServer external(DatabaseUrl url) {
            return new DatabaseServer(url, null);
        }

        static DatabaseServer embedded(EmbeddedDatabase database) {
            return new DatabaseServer(database.url(), database);
        }
    }
}
