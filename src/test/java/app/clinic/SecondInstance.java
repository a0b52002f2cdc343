package app.clinic;

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
    private RestTestClient http;

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = new SpringApplicationBuilder(ClinicApplication.class)
                .properties(
                        "PORT=0",
                        "MANAGEMENT_PORT=0",
                        "DATABASE_URL=" + TestDatabase.url(),
                        "CLINIC_TIMEZONE=" + HttpTest.CLINIC_ZONE)
                .run();
        String port = context.getEnvironment().getProperty("local.server.port");
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    public RestTestClient http() {
        return http;
    }
}
