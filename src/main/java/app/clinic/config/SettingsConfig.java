package app.clinic.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SettingsConfig {

    @Bean
    ClinicProperties clinicProperties(Environment environment) {
        return ClinicProperties.load(environment::getProperty);
    }

    /** "Today" is always the clinic's today, whatever zone the JVM or the database runs in. */
    @Bean
    Clock clinicClock(ClinicProperties properties) {
        return Clock.system(properties.clinicZone());
    }
}
