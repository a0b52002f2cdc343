package app.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The container files, checked without a Docker engine (none runs where the tests run): the Dockerfile's stages
 * are read, and compose.yaml is validated by Compose itself.
 */
class ContainerFilesTests {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");

    @Test
    void theImageIsBuiltWithTheWrapperAndRunsOnJdk21OrNewerAsANonRootUserFromLayers() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String[]> stages = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        while (from.find()) {
            stages.add(new String[] {from.group(1), from.group(2), Integer.toString(from.start())});
        }
        assertThat(stages).as("a build stage and a runtime stage").hasSize(2);
        String build = dockerfile.substring(Integer.parseInt(stages.get(0)[2]), Integer.parseInt(stages.get(1)[2]));
        String runtime = dockerfile.substring(Integer.parseInt(stages.get(1)[2]));

        assertThat(build).contains("./mvnw").contains("package").contains("-Djarmode=tools");
        Matcher jdk = Pattern.compile("eclipse-temurin:(\\d+)").matcher(stages.get(1)[0]);
        assertThat(jdk.find()).as("the runtime image names its Java version").isTrue();
        assertThat(Integer.parseInt(jdk.group(1)))
                .as("virtual threads need Java 21")
                .isGreaterThanOrEqualTo(21);
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(runtime).contains("COPY --from=" + stages.get(0)[1]).contains("/extracted/" + layer + "/");
        }
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(runtime)
                .containsPattern("(?m)^HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD curl [^\\n]*actuator/health/readiness");
        assertThat(runtime).containsPattern("(?m)^ENTRYPOINT .*application\\.jar");
    }

    @Test
    void composeFileIsValidForCompose() throws Exception {
        List<String> compose = composeCommand();
        Assumptions.assumeFalse(
                compose.isEmpty(),
                "SKIPPED: no Compose on this machine (neither `docker compose` nor docker-compose); CI installs one"
                        + " with scripts/install-tools.sh");
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", "compose.yaml", "config", "-q"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("POSTGRES_PASSWORD", "validation-only"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static List<String> composeCommand() throws InterruptedException {
        if (succeeds("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (succeeds("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        return List.of();
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
