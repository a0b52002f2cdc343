package app.clinic.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The logging system reads LOG_LEVEL before any bean exists and would fail on a bad value with a message about
 * {@code logging.level.root}: checked here first, so that the start stops with a line naming LOG_LEVEL.
 */
class LogLevelCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClinicProperties.requireValidLogLevel(environment.getProperty("LOG_LEVEL"));
    }
}
