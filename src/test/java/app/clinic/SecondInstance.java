package app.clinic;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Another instance of the service on the same database, as a clinic runs behind a load balancer; started before
 * the test class and stopped after it: {@code @RegisterExtension static final SecondInstance second = new …}.
 */
public final class SecondInstance implements BeforeAllCallback, AfterAllCallback {

    private ConfigurableApplicationContext context;
    private final List<String> settings;
    private RestTestClient http;
    private String baseUrl;

    /** {@code settings} (NAME=value) override the defaults of the tests' instances. */
    public SecondInstance(String... settings) {
        this.settings = List.of(settings);
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        start("0");
    }

    /**
     * Stops this instance, runs {@code whileDown}, and starts it again on the same port, as a deployment or a crash
     * and restart would.
     */
    public void restart(Runnable whileDown) {
        String port = context.getEnvironment().getProperty("local.server.port");
        context.close();
        whileDown.run();
        start(port);
    }

    private void start(String port) {
        context = new SpringApplicationBuilder(ClinicApplication.class)
                .properties(
                        "PORT=" + port,
                        "MANAGEMENT_PORT=0",
                        "DATABASE_URL=" + TestDatabase.url(),
                        "CLINIC_TIMEZONE=" + HttpTest.CLINIC_ZONE,
                        "BOOTSTRAP_ADMIN_TOKEN=" + HttpTest.ADMIN_TOKEN,
                        "RATE_LIMIT_PER_SECOND=0",
                        "AUDIT_SEAL_INTERVAL=300ms",
                        "LIVE_HEARTBEAT_INTERVAL=1s",
                        "WEBHOOK_ALLOWED_HOSTS=127.0.0.1",
                        "WEBHOOK_RETRY_INITIAL=100ms",
                        "db-scheduler.polling-interval=200ms",
                        "db-scheduler.heartbeat-interval=1s")
                .properties(settings.toArray(String[]::new))
                .run();
        baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        http = HttpTest.client(baseUrl, HttpTest.ADMIN_TOKEN);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    /** One of this instance's beans, for a test that drives what has no route (a scheduled task's work). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public RestTestClient http() {
        return http;
    }

    /** A client of this instance that sends {@code token}, or no token when it is null. */
    public RestTestClient clientWith(String token) {
        return HttpTest.client(baseUrl, token);
    }
}
