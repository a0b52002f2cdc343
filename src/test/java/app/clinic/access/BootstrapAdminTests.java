package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.database.EmbeddedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTests {

    @TempDir
    Path work;

    @Test
    void theFirstStartWritesAnAdminTokenToAnOwnerOnlyFileAndLogsThePathNeverTheToken(CapturedOutput output)
            throws Exception {
        Path dataDir = work.resolve("postgres");
        Path tokenFile = work.resolve("admin-token");
        String token;
        try (ConfigurableApplicationContext service = EmbeddedService.startWithoutAdminToken(dataDir)) {
            token = Files.readString(tokenFile).strip();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                    .isEqualTo("rw-------");
            assertThat(me(service, token)).containsEntry("role", "admin").containsEntry("kind", "client");
            assertThat(output.getAll()).contains(tokenFile.toString()).doesNotContain(token);
        }

        try (ConfigurableApplicationContext again = EmbeddedService.startWithoutAdminToken(dataDir)) {
            assertThat(Files.readString(tokenFile).strip())
                    .as("a second start makes no new token")
                    .isEqualTo(token);
            assertThat(me(again, token)).containsEntry("role", "admin");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> me(ConfigurableApplicationContext service, String token) {
        return EmbeddedService.clientWith(service, token)
                .get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(Map.class)
                .getResponseBody();
    }
}
