package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Whatever code logs patient data, the JSON log line that reaches the output has it masked. */
@ExtendWith(OutputCaptureExtension.class)
class PhiLoggingTests extends HttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesPhonesAndEmailsNeverReachTheLogOutput(CapturedOutput output) {
        var log = LoggerFactory.getLogger("app.clinic.careless");

        log.atInfo()
                .addKeyValue("first_name", "Zubaida")
                .addKeyValue("last_name", "Quennell")
                .addKeyValue("phone", "+91 98765 43210")
                .addKeyValue("email", "zubaida.q@example.org")
                .addKeyValue("name_key", "zubaidaquennell")
                .log("registered patient");
        log.info("lookup by name_key=zubaidaquennell");
        log.atInfo()
                .addKeyValue("password", "Tamarind-Sunrise-42")
                .addKeyValue("token", "clk_7Hq2vXw9")
                .log("signed in");
        log.info("GET /api/v1/queue/events?access_token=clk_7Hq2vXw9&date=2026-11-25 with Authorization: Bearer"
                + " clk_7Hq2vXw9 and password=Tamarind-Sunrise-42");
        log.info(
                "patient first_name={} last_name={} phone={} email={}",
                "Zubaida",
                "Quennell",
                "+919876543210",
                "zubaida.q@example.org");
        log.info("call the patient on 098765 43210 or write to zubaida.q@example.org");
        log.info("request {}", Map.of("name", "Zubaida Quennell", "phone", "+91-98765-43210"));
        log.warn("failed", new IllegalStateException("duplicate for phone=+919876543210 email=zubaida.q@example.org"));

        assertThat(output.getOut())
                .contains("registered patient")
                .doesNotContain("Zubaida")
                .doesNotContain("Quennell")
                .doesNotContain("quennell")
                .doesNotContain("clk_7Hq2vXw9")
                .doesNotContain("Tamarind-Sunrise-42")
                .doesNotContain("9876543210")
                .doesNotContain("98765 43210")
                .doesNotContain("98765-43210")
                .doesNotContain("example.org");
    }

    @Test
    void everyLineIsOneJsonObjectInTheLogstashLayoutWithItsRequestAndEnvironment(CapturedOutput output) {
        var log = LoggerFactory.getLogger("app.clinic.shape");
        org.slf4j.MDC.put("request_id", "shape-check-1");
        try {
            log.atWarn()
                    .addMarker(org.slf4j.MarkerFactory.getMarker("shape"))
                    .addKeyValue("count", 3)
                    .addKeyValue("ratio", 0.5)
                    .addKeyValue("ok", true)
                    .addKeyValue("ids", java.util.List.of("a", "b"))
                    .addKeyValue("nothing", (Object) null)
                    .setCause(new IllegalStateException("broken for phone=+919876543210"))
                    .log("a line for shape");
        } finally {
            org.slf4j.MDC.remove("request_id");
        }

        JsonNode line = output.getOut()
                .lines()
                .filter(text -> text.contains("shape-check-1"))
                .map(JSON::readTree)
                .findFirst()
                .orElseThrow();
        assertThat(line.get("@timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(line.get("@version").asString()).isEqualTo("1");
        assertThat(line.get("message").asString()).isEqualTo("a line for shape");
        assertThat(line.get("logger_name").asString()).isEqualTo("app.clinic.shape");
        assertThat(line.get("thread_name").asString())
                .isEqualTo(Thread.currentThread().getName());
        assertThat(line.get("level").asString()).isEqualTo("WARN");
        assertThat(line.get("level_value").asInt()).isEqualTo(30000);
        assertThat(line.get("request_id").asString()).isEqualTo("shape-check-1");
        assertThat(line.get("count").asInt()).isEqualTo(3);
        assertThat(line.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(line.get("ok").asBoolean()).isTrue();
        assertThat(line.get("ids").isArray()).isTrue();
        assertThat(line.get("nothing").isNull()).isTrue();
        assertThat(line.get("tags").get(0).asString()).isEqualTo("shape");
        assertThat(line.get("stack_trace").asString())
                .contains("IllegalStateException")
                .contains("phone=[REDACTED]")
                .doesNotContain("9876543210");
        assertThat(line.get("environment").asString()).isNotBlank();
    }

    @Test
    void aConstraintViolationNamesTheConstraintButQuotesNoRowValues() {
        String code = "dr_detail_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        db.sql("INSERT INTO doctor_masters (id, name, code) VALUES (gen_random_uuid(), 'Dr. Detail', ?)")
                .param(code)
                .update();

        assertThatThrownBy(() -> db.sql(
                                "INSERT INTO doctor_masters (id, name, code) VALUES (gen_random_uuid(), 'Dr. Twin', ?)")
                        .param(code)
                        .update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                .hasMessageNotContaining(code)
                .rootCause()
                .isInstanceOfSatisfying(
                        org.postgresql.util.PSQLException.class,
                        sql -> assertThat(sql.getServerErrorMessage().getConstraint())
                                .isNotBlank());
    }

    @Test
    void linesWithArraysAndFrameworkTagsStillReachTheOutput(CapturedOutput output) {
        org.apache.commons.logging.LogFactory.getLog("app.clinic.commons").info("via commons-logging");
        LoggerFactory.getLogger("app.clinic.tagged")
                .atInfo()
                .addKeyValue("phones", java.util.List.of("+919876543210", "x"))
                .log("with an array");

        assertThat(output.getOut())
                .contains("via commons-logging")
                .contains("with an array")
                .doesNotContain("9876543210");
    }

    @Test
    void registeringAndBookingLeaveNoPatientDataInTheLogs(CapturedOutput output) {
        String phone = "+91 90000 " + (10_000 + (int) (Math.random() * 89_999));
        Map<String, Object> patient = given.post(
                "/api/v1/patients",
                Map.of(
                        "first_name", "Oluwaseun",
                        "last_name", "Varadarajan",
                        "phone", phone,
                        "email", "oluwaseun.v@clinic-mail.test"),
                201);
        given.post(
                "/api/v1/patients",
                Map.of("first_name", "Oluwaseun", "last_name", "Varadarajan", "phone", phone, "age", 200),
                400);
        http.get()
                .uri("/api/v1/patients?phone={phone}", phone)
                .exchange()
                .expectStatus()
                .isOk();
        given.booked(ClinicFixtures.id(patient), given.doctor(), given.tomorrow());

        String digits = phone.replaceAll("\\D", "").substring(2);
        assertThat(output.getOut())
                .contains("\"patient_id\":\"" + patient.get("id") + "\"")
                .doesNotContain("Oluwaseun")
                .doesNotContain("Varadarajan")
                .doesNotContain(digits)
                .doesNotContain("clinic-mail.test");
    }

    @Test
    void passwordsAndTokensNeverReachTheLogsWhateverTheOutcome(CapturedOutput output) {
        String password = "Quokka-Marmalade-" + (int) (Math.random() * 1_000_000);
        String username = "logcheck" + (int) (Math.random() * 1_000_000);
        given.post("/api/v1/users", Map.of("username", username, "password", password, "role", "reception"), 201);
        String token = given.login(username, password);
        given.post("/api/v1/auth/login", Map.of("username", username, "password", password + "x"), 401);
        String clientToken = given.clientToken("bot");
        clientWith(token).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
        clientWith(token + "x")
                .get()
                .uri("/api/v1/auth/me")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        clientWith(clientToken)
                .get()
                .uri("/api/v1/doctors")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(output.getAll())
                .contains("\"principal_id\"")
                .doesNotContain(password)
                .doesNotContain(token.substring("clinic_".length()))
                .doesNotContain(clientToken.substring("clinic_".length()))
                .doesNotContain(ADMIN_TOKEN);
    }
}
