package app.clinic.database;

import app.clinic.ClinicApplication;
import app.clinic.HttpTest;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The whole service in its default mode, its own PostgreSQL in {@code dataDir}, as the README starts it. */
public final class EmbeddedService {

    private EmbeddedService() {}

    /** With the tests' bootstrap admin token, which {@link #client} sends. */
    static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        return run(Stream.concat(
                Stream.of("DATA_DIR=" + dataDir, "BOOTSTRAP_ADMIN_TOKEN=" + HttpTest.ADMIN_TOKEN),
                Stream.of(settings)));
    }

    /** As an operator starts it the first time: no BOOTSTRAP_ADMIN_TOKEN. */
    public static ConfigurableApplicationContext startWithoutAdminToken(Path dataDir) {
        return run(Stream.of("DATA_DIR=" + dataDir));
    }

    static RestTestClient client(ConfigurableApplicationContext service) {
        return clientWith(service, HttpTest.ADMIN_TOKEN);
    }

    public static RestTestClient clientWith(ConfigurableApplicationContext service, String token) {
        String port = service.getEnvironment().getProperty("local.server.port");
        return HttpTest.client("http://localhost:" + port, token);
    }

    private static ConfigurableApplicationContext run(Stream<String> settings) {
        return new SpringApplicationBuilder(ClinicApplication.class)
                .properties(Stream.concat(Stream.of("PORT=0", "MANAGEMENT_PORT=0"), settings)
                        .toArray(String[]::new))
                .run();
    }
}
