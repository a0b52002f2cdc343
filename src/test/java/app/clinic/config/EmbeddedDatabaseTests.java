package app.clinic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.ClinicApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The service in its default mode: its own PostgreSQL, in DATA_DIR, durable across restarts. Each test starts the
 * whole application the way the README's start command does.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void firstStartMigratesAnEmptyDatabaseAndARestartKeepsDataAndSchema() {
        String doctorId;
        List<String> migrations;
        try (ConfigurableApplicationContext service = start(dataDir)) {
            migrations = appliedMigrations(service);
            assertThat(migrations).startsWith("1");
            doctorId = (String) client(service)
                    .post()
                    .uri("/api/v1/doctors")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\":\"Dr. Restart\",\"code\":\"DR_RESTART\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .returnResult(java.util.Map.class)
                    .getResponseBody()
                    .get("id");
        }

        assertThat(dataDir.resolve("postmaster.pid"))
                .as("the embedded PostgreSQL stops with the service")
                .doesNotExist();

        try (ConfigurableApplicationContext restarted = start(dataDir)) {
            assertThat(appliedMigrations(restarted)).isEqualTo(migrations);
            client(restarted)
                    .get()
                    .uri("/api/v1/doctors/{id}", doctorId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("DR_RESTART");
        }
    }

    @Test
    void embeddedServerCommitsDurably() {
        try (ConfigurableApplicationContext service = start(dataDir)) {
            JdbcClient db = service.getBean(JdbcClient.class);
            assertThat(db.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(db.sql("SHOW synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
    }

    @Test
    void healthIsDownWhileTheDatabaseIsStoppedAndRecoversWithIt() throws Exception {
        try (ConfigurableApplicationContext service = start(dataDir)) {
            DatabaseConfig.DatabaseServer server = service.getBean(DatabaseConfig.DatabaseServer.class);
            int port = server.embedded().port();
            RestTestClient http = client(service);

            server.embedded().close();
            http.get()
                    .uri("/health")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .json("{\"status\":\"degraded\",\"database\":\"down\"}");
            http.get().uri("/api/v1/doctors").exchange().expectStatus().isEqualTo(503);

            try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir, port, true)) {
                http.get()
                        .uri("/health")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .json("{\"status\":\"ok\",\"database\":\"up\"}");
            }
        }
    }

    @Test
    void startAfterTheServiceWasKilledRecoversTheDatabaseLeftRunning() throws Exception {
        Process child = childService();
        try {
            int port = awaitPort(child);
            RestTestClient http = RestTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port)
                    .build();
            http.post()
                    .uri("/api/v1/doctors")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\":\"Dr. Crash\",\"code\":\"DR_CRASH\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated();
        } finally {
            child.destroyForcibly(); // kill -9: its PostgreSQL keeps running on the folder
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).isTrue();

        try (ConfigurableApplicationContext restarted = start(dataDir)) {
            client(restarted)
                    .get()
                    .uri("/api/v1/doctors")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$[0].code")
                    .isEqualTo("DR_CRASH");
        }
    }

    @Test
    void badSettingStopsTheStartWithOneLineNamingTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> startWith("MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY=0"))
                .isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> startWith("LOG_LEVEL=LOUD")).isInstanceOf(InvalidSettingException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("Invalid configuration: MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY must be a whole number from 1")
                .contains("Invalid configuration: LOG_LEVEL must be one of");
    }

    private ConfigurableApplicationContext startWith(String badSetting) {
        return new SpringApplicationBuilder(ClinicApplication.class)
                .properties("PORT=0", "DATA_DIR=" + dataDir, badSetting)
                .run();
    }

    private Process childService() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClinicApplication.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", "0");
        return builder.start();
    }

    /** The port from the child's "Tomcat started on port N" line; fails after 90 s without one. */
    private static int awaitPort(Process child) throws Exception {
        Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            lines.lines().forEach(line -> {
                Matcher matcher = started.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            });
            port.completeExceptionally(new AssertionError("the child service ended without starting"));
        });
        reader.setDaemon(true);
        reader.start();
        return port.get(90, TimeUnit.SECONDS);
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ClinicApplication.class)
                .properties("PORT=0", "DATA_DIR=" + dataDir)
                .run();
    }

    private static RestTestClient client(ConfigurableApplicationContext service) {
        String port = service.getEnvironment().getProperty("local.server.port");
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private static List<String> appliedMigrations(ConfigurableApplicationContext service) {
        return service.getBean(JdbcClient.class)
                .sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class)
                .list();
    }
}
