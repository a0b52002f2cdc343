package app.clinic.database;

import app.clinic.config.ClinicProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reads the settings as soon as the application context exists, and, when the service is to run its own
 * PostgreSQL, starts it right away on another thread: initdb and the server start (about 1.5 s) then overlap
 * with Spring building the web server, instead of adding to the start-up time. The database bean waits for it.
 */
class EmbeddedDatabaseStarter implements ApplicationListener<ApplicationContextInitializedEvent> {

    static final String STARTUP_BEAN = "embeddedDatabaseStartup";

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        ClinicProperties properties = ClinicProperties.load(context.getEnvironment()::getProperty);
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton("clinicProperties", properties);
        if (properties.databaseUrl().isPresent()) {
            return;
        }
        Startup startup = new Startup(CompletableFuture.supplyAsync(
                () -> EmbeddedDatabase.start(properties.dataDir(), properties.embeddedDatabasePort(), true)));
        beans.registerSingleton(STARTUP_BEAN, startup);
        // Also when the context fails to start: the server must not outlive it.
        beans.registerDisposableBean(STARTUP_BEAN, startup);
    }

    /** The embedded server being started; stopped with the application context. */
    record Startup(CompletableFuture<EmbeddedDatabase> server) implements DisposableBean {

        EmbeddedDatabase await() {
            try {
                return server.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void destroy() throws Exception {
            if (!server.isCompletedExceptionally()) {
                server.join().close();
            }
        }
    }
}
