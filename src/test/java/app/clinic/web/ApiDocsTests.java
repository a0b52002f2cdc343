package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import org.junit.jupiter.api.Test;

class ApiDocsTests extends HttpTest {

    @Test
    void openApiDocumentDescribesEveryEndpointWithTheErrorEnvelope() {
        String document = http.get()
                .uri("/openapi.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(document)
                .contains("\"/api/v1/patients\"")
                .contains("\"/api/v1/appointments\"")
                .contains("\"/api/v1/checkins\"")
                .contains("\"/api/v1/doctors/{doctor_id}/queue/call-next\"")
                .contains("\"/health\"")
                .contains("\"ApiError\"")
                .contains("\"first_name\"")
                .doesNotContain("\"firstName\"")
                .doesNotContain("/test-only/")
                .doesNotContain("\"/error\"");
        http.get()
                .uri("/openapi.json")
                .exchange()
                .expectBody()
                .jsonPath(
                        "$.paths['/api/v1/appointments'].post.responses['409'].content['application/json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ApiError");
    }

    @Test
    void swaggerUiIsServedByTheServiceAtDocs() {
        String location = http.get()
                .uri("/docs")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .toString();
        http.get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("swagger-ui").doesNotContain("https://"));
        // Swagger UI would otherwise send the whole API document to an outside validator.
        http.get()
                .uri("/openapi.json/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.validatorUrl")
                .isEqualTo("none");
    }

    @Test
    void redocIsServedByTheServiceWithoutACdn() {
        String page = http.get()
                .uri("/redoc")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("/openapi.json").doesNotContain("https://");
        http.get()
                .uri("/webjars/redoc/redoc.standalone.js")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
