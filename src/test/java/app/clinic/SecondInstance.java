package app.clinic;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Another instance of the service on the same database, as a clinic runs behind a load balancer. */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final RestTestClient http;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
        String port = context.getEnvironment().getProperty("local.server.port");
        this.http = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
    }

    public static SecondInstance start() {
        return new SecondInstance(new SpringApplicationBuilder(ClinicApplication.class)
                .properties("PORT=0", "DATABASE_URL=" + TestDatabase.url(), "CLINIC_TIMEZONE=" + HttpTest.CLINIC_ZONE)
                .run());
    }

    public RestTestClient http() {
        return http;
    }

    @Override
    public void close() {
        context.close();
    }
}
