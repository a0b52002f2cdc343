package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.FailingTestEndpoint;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ErrorEnvelopeTests extends HttpTest {

    @Test
    void unknownRouteIsA404InTheEnvelope() {
        http.get()
                .uri("/api/v1/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("NotFound")
                .jsonPath("$.message")
                .isNotEmpty()
                .jsonPath("$.details")
                .isMap();
    }

    @Test
    void wrongMethodIsA405InTheEnvelope() {
        http.delete()
                .uri("/api/v1/patients")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("MethodNotAllowed");
    }

    @Test
    void unsupportedMediaTypeIsA415InTheEnvelope() {
        http.post()
                .uri("/api/v1/patients")
                .contentType(MediaType.TEXT_PLAIN)
                .body("first_name=John")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("UnsupportedMediaType");
    }

    @Test
    void malformedJsonIsA400AndStoresNothing() {
        long before = count("SELECT count(*) FROM patients");

        http.post()
                .uri("/api/v1/patients")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"first_name\": \"John\", ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("MalformedRequest")
                .jsonPath("$.message")
                .isEqualTo("The request body is not valid JSON");

        assertThat(count("SELECT count(*) FROM patients")).isEqualTo(before);
    }

    @Test
    void jsonThatIsNotAnObjectIsA400() {
        for (String body : new String[] {"[1, 2]", "\"text\"", "42", "null"}) {
            Reply reply = Reply.post(http, "/api/v1/doctors", body.equals("null") ? "" : body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.error()).as(body).isEqualTo("MalformedRequest");
        }
    }

    @Test
    void wrongTypeInsideTheBodyNamesTheField() {
        Reply reply =
                Reply.post(http, "/api/v1/patients", Map.of("first_name", "A", "phone", "+919876543210", "age", "old"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("ValidationError");
        assertThat(reply.details()).containsOnlyKeys("age");
    }

    @Test
    void malformedUuidInThePathIsA400NamingTheParameter() {
        http.get()
                .uri("/api/v1/patients/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("InvalidParameter")
                .jsonPath("$.details.patient_id")
                .isEqualTo("must be a UUID");
    }

    @Test
    void malformedDateInTheQueryIsA400NamingTheParameter() {
        http.get()
                .uri("/api/v1/doctors/{id}/availability?date=15-11-2025", given.doctor())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("InvalidParameter")
                .jsonPath("$.details.date")
                .isEqualTo("must be a date as YYYY-MM-DD");
    }

    @Test
    void validationFailureHasOneDetailPerOffendingField() {
        Reply reply = Reply.post(
                http,
                "/api/v1/patients",
                Map.of("first_name", " ", "age", 151, "phone", "+919876543210", "email", "x"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("ValidationError");
        assertThat(reply.details()).containsOnlyKeys("first_name", "age", "email");
    }

    @Test
    void unexpectedExceptionIsA500WithTheRequestIdAndNoInternals() {
        var result = http.get()
                .uri(FailingTestEndpoint.PATH)
                .header("X-Request-Id", "req-500-test")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody(String.class)
                .returnResult();

        assertThat(result.getResponseBody())
                .contains("\"error\":\"InternalError\"")
                .contains("\"request_id\":\"req-500-test\"")
                .doesNotContain("IllegalStateException")
                .doesNotContain("9876543210")
                .doesNotContain("at app.clinic");
    }

    @Test
    void everyResponseCarriesARequestId() {
        http.get().uri("/health").exchange().expectHeader().exists("X-Request-Id");
    }
}
