package app.clinic.database;

import app.clinic.HttpTest;
import org.junit.jupiter.api.Test;

/** The shared test context runs on DATABASE_URL: an external PostgreSQL, backed up by its own operator. */
class BackupUnavailableTests extends HttpTest {

    @Test
    void aServiceOnAnExternalDatabaseRefusesToBackUpWith409() {
        http.post()
                .uri("/api/v1/admin/backups")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("BackupUnavailable");
        http.get().uri("/api/v1/admin/backups").exchange().expectStatus().isOk();
    }
}
