package app.clinic.config;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The context starts lazily (spring.main.lazy-initialization): a bean is made when first used, so the start does
 * only what the first health check needs. What routes requests is made at the start all the same, on the starting
 * thread: the handler mappings, and with them Actuator's endpoint discovery. A first request that arrived while the
 * management port was still being set up would otherwise build them on its own thread, against the starting
 * thread, and the two could wait on each other for ever (seen: a health probe during start-up hung the service).
 */
@Configuration(proxyBeanMethods = false)
class StartupConfig {

    @Bean
    static LazyInitializationExcludeFilter routingAtStart() {
        return (name, definition, type) -> HandlerMapping.class.isAssignableFrom(type)
                || type.getPackageName().startsWith("org.springframework.boot.actuate")
                || type.getName().contains(".actuate.");
    }
}
