package app.clinic.database;

import app.clinic.ClinicApplication;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The whole service in its default mode, its own PostgreSQL in {@code dataDir}, as the README starts it. */
final class EmbeddedService {

    private EmbeddedService() {}

    static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        return new SpringApplicationBuilder(ClinicApplication.class)
                .properties(Stream.concat(
                                Stream.of("PORT=0", "MANAGEMENT_PORT=0", "DATA_DIR=" + dataDir), Stream.of(settings))
                        .toArray(String[]::new))
                .run();
    }

    static RestTestClient client(ConfigurableApplicationContext service) {
        String port = service.getEnvironment().getProperty("local.server.port");
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
