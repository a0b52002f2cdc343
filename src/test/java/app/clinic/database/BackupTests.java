package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Backups of the embedded database, restored the way the README says: unpacked into an empty data folder. */
class BackupTests {

    @TempDir
    Path work;

    @Test
    void aBackupRestoredIntoAnEmptyFolderHoldsEveryBookingMadeBeforeIt() throws Exception {
        Path dataDir = work.resolve("postgres");
        Path backupDir = work.resolve("backups");
        UUID doctor;
        LocalDate day;
        List<UUID> bookedBefore;
        UUID bookedAfter;
        String backupFile;
        try (ConfigurableApplicationContext service =
                EmbeddedService.start(dataDir, "BACKUP_DIR=" + backupDir, "BACKUP_KEEP=2")) {
            RestTestClient http = EmbeddedService.client(service);
            ClinicFixtures given = new ClinicFixtures(http, service.getBean(Clock.class));
            doctor = given.doctor();
            day = given.tomorrow();
            bookedBefore = given.bookedPatients(doctor, day, 3);

            Map<?, ?> backup = http.post()
                    .uri("/api/v1/admin/backups")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .returnResult(Map.class)
                    .getResponseBody();
            backupFile = (String) backup.get("file");
            assertThat(backupFile).matches("clinic-\\d{8}T\\d{6}Z\\.tar\\.gz");
            assertThat(((Number) backup.get("size_bytes")).longValue()).isPositive();
            bookedAfter = given.booked(given.patient(), doctor, day);
        }

        Path restored = work.resolve("restored");
        restore(backupDir.resolve(backupFile), restored);

        try (ConfigurableApplicationContext service = EmbeddedService.start(restored, "BACKUP_CRON=-")) {
            List<?> appointments = EmbeddedService.client(service)
                    .get()
                    .uri("/api/v1/doctors/{id}/appointments?date={day}", doctor, day)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(List.class)
                    .getResponseBody();
            List<UUID> ids = appointments.stream()
                    .map(appointment -> UUID.fromString((String) ((Map<?, ?>) appointment).get("id")))
                    .toList();
            assertThat(ids).containsExactlyInAnyOrderElementsOf(bookedBefore).doesNotContain(bookedAfter);
        }
    }

    @Test
    void onlyTheNewestBackupsAreKept() {
        Path backupDir = work.resolve("backups");
        try (ConfigurableApplicationContext service =
                EmbeddedService.start(work.resolve("postgres"), "BACKUP_DIR=" + backupDir, "BACKUP_KEEP=2")) {
            RestTestClient http = EmbeddedService.client(service);
            EmbeddedDatabaseBackups backups = service.getBean(EmbeddedDatabaseBackups.class);
            // Names carry the second they were taken: a clock that moves a second per backup keeps them apart.
            for (int i = 0; i < 3; i++) {
                backups.take();
                sleepPastTheSecond();
            }

            http.get()
                    .uri("/api/v1/admin/backups")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(2);
            assertThat(backupDir.toFile().list()).hasSize(2);
        }
    }

    /** The README's restore command. */
    private static void restore(Path backup, Path emptyFolder) throws Exception {
        Process tar = new ProcessBuilder(
                        "sh",
                        "-c",
                        "mkdir -m 700 \"$1\" && tar -xzf \"$2\" -C \"$1\"",
                        "restore",
                        emptyFolder.toString(),
                        backup.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        assertThat(Files.exists(emptyFolder.resolve("backup_label"))).isTrue();
    }

    private static void sleepPastTheSecond() {
        try {
            Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
