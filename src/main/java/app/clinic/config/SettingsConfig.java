package app.clinic.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settings themselves are read by {@link EmbeddedDatabaseStarter}, before any bean is made. */
@Configuration(proxyBeanMethods = false)
class SettingsConfig {

    /** "Today" is always the clinic's today, whatever zone the JVM or the database runs in. */
    @Bean
    Clock clinicClock(ClinicProperties properties) {
        return Clock.system(properties.clinicZone());
    }
}
