package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.ClinicApplication;
import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.config.InvalidSettingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
    void killedDatabaseIsRestartedUnderABookingLoadAndNoAcknowledgedBookingIsLost() throws Exception {
        try (ConfigurableApplicationContext service = start(dataDir)) {
            RestTestClient http = client(service);
            ClinicFixtures given = new ClinicFixtures(http, service.getBean(Clock.class));
            UUID doctor = given.doctorTakingPerDay(500);
            List<UUID> patients = given.patients(300);
            EmbeddedDatabase database = service.getBean(DatabaseConfig.DatabaseServer.class)
                    .embedded()
                    .orElseThrow();
            BookingLoad load = new BookingLoad(http, doctor, given.tomorrow(), patients);
            Thread booker = new Thread(load, "light-booking-load");
            booker.start();
            load.awaitBooked(5);

            database.postmaster().destroyForcibly(); // kill -9 of the postmaster
            long killed = System.nanoTime();
            List<Long> healthMillis = new ArrayList<>();
            boolean sawDown = false;
            boolean upAgain = false;
            while (!upAgain && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(15)) {
                long asked = System.nanoTime();
                int status = http.get()
                        .uri("/health")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
                healthMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
                sawDown |= status == 503;
                upAgain = sawDown && status == 200;
                Thread.sleep(50);
            }
            int bookedBeforeRecovery = load.acknowledged().size();
            load.awaitBooked(bookedBeforeRecovery + 5);
            load.stop();
            booker.join(30_000);

            assertThat(sawDown)
                    .as("health answered 503 while the database was away")
                    .isTrue();
            assertThat(upAgain).as("health answered 200 again within 15 s").isTrue();
            // The check gives up after 900 ms; on a busy machine the HTTP round trip adds some: what must never happen
            // is a wait on the pool's or the driver's timeouts (several seconds).
            assertThat(healthMillis)
                    .as("every health answer came within about a second")
                    .allMatch(millis -> millis < 1500);
            assertThat(load.statuses())
                    .as("bookings answered 201 or 503, never a 500, nor a 401 from a token the database could not"
                            + " look up")
                    .isSubsetOf(201, 503);
            List<UUID> stored = service.getBean(JdbcClient.class)
                    .sql("SELECT id FROM appointments WHERE doctor_id = ?")
                    .param(doctor)
                    .query(UUID.class)
                    .list();
            assertThat(stored).as("every acknowledged booking survived").containsAll(load.acknowledged());
        }
    }

    /** A booking every 50 ms or so, each for a new patient, as a quiet clinic morning would send them. */
    private static final class BookingLoad implements Runnable {

        private final RestTestClient http;
        private final UUID doctor;
        private final LocalDate day;
        private final List<UUID> patients;
        private final List<UUID> acknowledged = new CopyOnWriteArrayList<>();
        private final Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;

        BookingLoad(RestTestClient http, UUID doctor, LocalDate day, List<UUID> patients) {
            this.http = http;
            this.doctor = doctor;
            this.day = day;
            this.patients = patients;
        }

        @Override
        public void run() {
            for (UUID patient : patients) {
                Reply reply;
                do { // a refused booking is retried, as the desk or the bot would after a 503
                    if (stopped) {
                        return;
                    }
                    reply = Reply.post(
                            http,
                            "/api/v1/appointments",
                            Map.of("patient_id", patient, "doctor_id", doctor, "date", day.toString()));
                    statuses.add(reply.status());
                } while (reply.status() == 503 && pause());
                if (reply.status() == 201) {
                    acknowledged.add(UUID.fromString((String) reply.get("id")));
                }
                if (!pause()) {
                    return;
                }
            }
        }

        private static boolean pause() {
            try {
                Thread.sleep(50);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitBooked(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(count);
        }

        void stop() {
            stopped = true;
        }

        List<UUID> acknowledged() {
            return acknowledged;
        }

        Set<Integer> statuses() {
            return statuses;
        }
    }

    @Test
    void startAfterTheServiceWasKilledRecoversTheDatabaseLeftRunning() throws Exception {
        Process child = childService();
        try {
            int port = awaitPort(child);
            RestTestClient http = HttpTest.client("http://localhost:" + port, HttpTest.ADMIN_TOKEN);
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
    void theEmbeddedServerAsksForPasswordsOnLoopbackOnlyAndTheServiceConnectsAsNoSuperuser() throws Exception {
        try (ConfigurableApplicationContext service = start(dataDir)) {
            JdbcClient db = service.getBean(JdbcClient.class);
            int port = service.getBean(DatabaseConfig.DatabaseServer.class)
                    .embedded()
                    .orElseThrow()
                    .port();

            assertThat(db.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                            .query(Boolean.class)
                            .single())
                    .isFalse();
            assertThat(db.sql("SHOW listen_addresses").query(String.class).single())
                    .isEqualTo("127.0.0.1");
            assertThat(tablesNotOwnedByTheService(db)).isZero();
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("credentials")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            for (String user : List.of("postgres", "clinic")) {
                assertThatThrownBy(() -> DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + port + "/clinic?user=" + user))
                        .as("%s without a password", user)
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void aFolderMadeBeforeTheLockDownIsLockedDownOnTheNextStart() throws Exception {
        // As older versions of the service left it: every local connection trusted, tables owned by the superuser.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start()) {
            try (Connection postgres = old.getPostgresDatabase().getConnection()) {
                postgres.createStatement().execute("CREATE DATABASE clinic");
            }
            Flyway.configure()
                    .dataSource(old.getDatabase("postgres", "clinic"))
                    .load()
                    .migrate();
        }

        try (ConfigurableApplicationContext service = start(dataDir)) {
            JdbcClient db = service.getBean(JdbcClient.class);
            assertThat(tablesNotOwnedByTheService(db)).isZero();
            client(service)
                    .post()
                    .uri("/api/v1/doctors")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\":\"Dr. Upgrade\",\"code\":\"DR_UPGRADE\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated();
            int port = service.getBean(DatabaseConfig.DatabaseServer.class)
                    .embedded()
                    .orElseThrow()
                    .port();
            assertThatThrownBy(() -> DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/clinic?user=postgres"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static long tablesNotOwnedByTheService(JdbcClient db) {
        return db.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'clinic'")
                .query(Long.class)
                .single();
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
        return EmbeddedService.start(dataDir, badSetting);
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
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().put("BOOTSTRAP_ADMIN_TOKEN", HttpTest.ADMIN_TOKEN);
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
        return EmbeddedService.start(dataDir);
    }

    private static RestTestClient client(ConfigurableApplicationContext service) {
        return EmbeddedService.client(service);
    }

    private static List<String> appliedMigrations(ConfigurableApplicationContext service) {
        return service.getBean(JdbcClient.class)
                .sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class)
                .list();
    }
}
