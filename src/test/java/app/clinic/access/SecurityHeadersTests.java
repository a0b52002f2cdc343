package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.SecondInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

class SecurityHeadersTests extends HttpTest {

    private static final String DESK_ORIGIN = "https://desk.example.org";

    @RegisterExtension
    static final SecondInstance withCors = new SecondInstance("CORS_ALLOWED_ORIGINS=" + DESK_ORIGIN);

    @Test
    void answersWithPatientDataAreNeverCachedAndCarryTheUsualSecurityHeaders() {
        EntityExchangeResult<String> patient =
                http.get().uri("/api/v1/patients/" + given.patient()).exchange().returnResult(String.class);

        HttpHeaders headers = patient.getResponseHeaders();
        assertThat(headers.getCacheControl()).contains("no-store");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void theHealthProbeAndTheApiDocumentsNeedNoToken() {
        RestTestClient anonymous = clientWith(null);

        assertThat(statusOf(anonymous, "/health")).isEqualTo(200);
        assertThat(statusOf(anonymous, "/openapi.json")).isEqualTo(200);
        assertThat(statusOf(anonymous, "/redoc")).isEqualTo(200);
        assertThat(statusOf(anonymous, "/docs")).isIn(200, 302);
    }

    @Test
    void aRouteWithoutTokenIsA401NeverARedirectToALoginPage() {
        EntityExchangeResult<String> answer =
                clientWith(null).get().uri("/api/v1/doctors").exchange().returnResult(String.class);

        assertThat(answer.getStatus().value()).isEqualTo(401);
        assertThat(answer.getResponseHeaders().getLocation()).isNull();
        assertThat(answer.getResponseBody()).contains("\"error\":\"Unauthenticated\"");
    }

    @Test
    void withoutCorsAllowedOriginsAnotherSiteGetsNoCorsPermission() {
        EntityExchangeResult<String> preflight = preflight(http);

        assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
    }

    @Test
    void anOriginListedInCorsAllowedOriginsMayCallTheApiFromABrowser() {
        EntityExchangeResult<String> preflight = preflight(withCors.clientWith(null));

        assertThat(preflight.getStatus().value()).isEqualTo(200);
        assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin()).isEqualTo(DESK_ORIGIN);
        assertThat(preflight.getResponseHeaders().getAccessControlAllowHeaders())
                .anySatisfy(header -> assertThat(header).isEqualToIgnoringCase("Authorization"));
    }

    private static EntityExchangeResult<String> preflight(RestTestClient client) {
        return client.method(HttpMethod.OPTIONS)
                .uri("/api/v1/doctors")
                .header(HttpHeaders.ORIGIN, DESK_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .exchange()
                .returnResult(String.class);
    }

    private static int statusOf(RestTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
