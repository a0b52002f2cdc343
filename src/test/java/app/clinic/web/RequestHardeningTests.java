package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Bodies no request may send: too large to hold, or holding characters no field accepts. */
class RequestHardeningTests extends HttpTest {

    private static final int LIMIT = 64 * 1024;

    @Test
    void aBodyDeclaredLargerThan64KiBIsRefusedWith413AndStoresNothing() {
        long before = storedPatients();
        String body =
                "{\"first_name\":\"" + "a".repeat(LIMIT) + "\",\"phone\":\"" + ClinicFixtures.uniquePhone() + "\"}";

        http.post()
                .uri("/api/v1/patients")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("PayloadTooLarge")
                .jsonPath("$.details.max_bytes")
                .isEqualTo(LIMIT);
        assertThat(storedPatients()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithoutALengthIsCutOffWhereItPassesTheLimit() throws Exception {
        long before = storedPatients();
        byte[] body = ("{\"first_name\":\"" + "a".repeat(2 * LIMIT) + "\",\"phone\":\"" + ClinicFixtures.uniquePhone()
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // A body from a stream of unknown length goes out chunked, without a Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/patients"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"PayloadTooLarge\"");
        assertThat(storedPatients()).isEqualTo(before);
    }

    @Test
    void aNulOrAnotherControlCharacterInATextFieldIsA400NamingTheFieldNeverA500() {
        long before = storedPatients();
        Reply patient = Reply.post(
                http, "/api/v1/patients", Map.of("first_name", "a\u0000b", "phone", ClinicFixtures.uniquePhone()));
        Reply doctor = Reply.post(
                http,
                "/api/v1/doctors",
                Map.of("name", "Dr. Bell", "code", "DR_" + UUID.randomUUID(), "specialty", "ENT\u0007"));

        assertThat(patient.status()).isEqualTo(400);
        assertThat(patient.error()).isEqualTo("ValidationError");
        assertThat(patient.details()).containsEntry("first_name", "must not contain control characters");
        assertThat(doctor.status()).isEqualTo(400);
        assertThat(doctor.details()).containsOnlyKeys("specialty");
        assertThat(storedPatients()).isEqualTo(before);
    }

    @Test
    void deeplyNestedOrOverlongJsonIsRefusedEvenInAFieldTheServiceWouldIgnore() {
        long before = storedPatients();
        // Unknown fields are skipped, but the parser still reads them: these bodies would register a patient
        // if the parser's limits did not stop them first.
        for (String extra : new String[] {"[".repeat(100) + "]".repeat(100), "9".repeat(200)}) {
            String body =
                    "{\"first_name\":\"A\",\"phone\":\"" + ClinicFixtures.uniquePhone() + "\",\"extra\":" + extra + "}";
            http.post()
                    .uri("/api/v1/patients")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("MalformedRequest");
        }
        assertThat(storedPatients()).isEqualTo(before);
    }

    @Test
    void notesMayHoldLineBreaksAndTabs() {
        UUID doctor = given.doctor();

        Reply reply = Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/availability",
                Map.of("date", given.tomorrow().toString(), "is_present", true, "notes", "Morning\n\tonly"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.get("notes")).isEqualTo("Morning\n\tonly");
    }

    private long storedPatients() {
        return count("SELECT count(*) FROM patients");
    }
}
