package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** On an instance limited to 2 requests per second per caller (bursts of 4). */
class RateLimitTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance limited = new SecondInstance("RATE_LIMIT_PER_SECOND=2");

    @Test
    void aCallerPastItsBurstGets429WithRetryAfterWhileAnotherCallerIsStillServed() {
        RestTestClient bot = limited.clientWith(given.clientToken("bot"));
        RestTestClient display = limited.clientWith(given.clientToken("display"));

        List<EntityExchangeResult<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(bot.get().uri("/api/v1/doctors").exchange().returnResult(String.class));
        }

        assertThat(answers.subList(0, 4))
                .allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(200));
        EntityExchangeResult<String> refused = answers.get(answers.size() - 1);
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseBody()).contains("\"error\":\"RateLimited\"");
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(display.get()
                        .uri("/api/v1/doctors")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void afterThirtyFailedSignInsFromOneAddressItsNextSignInsAreSlowedDownWhateverTheUsername() {
        RestTestClient anonymous = limited.clientWith(null);
        int failures = 0;
        Reply answer = Reply.post(anonymous, "/api/v1/auth/login", guess());
        // one more try per 2 seconds comes back while the 30 are checked, so the 429 comes a few tries later
        while (answer.status() == 401 && failures < 60) {
            failures++;
            answer = Reply.post(anonymous, "/api/v1/auth/login", guess());
        }

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.error()).isEqualTo("RateLimited");
        assertThat(failures).isBetween(30, 45);
    }

    @Test
    void anAddressSendingHundredsOfUnknownTokensIsSlowedDownWhileATokenInUseFromItStillWorks() {
        RestTestClient inUse = limited.clientWith(given.clientToken("bot"));
        assertThat(statusOf(inUse)).isEqualTo(200);
        RestTestClient unknown = limited.clientWith("clinic_made-up-" + UUID.randomUUID());

        int unknownBefore429 = 0;
        int status = statusOf(unknown);
        while (status == 401 && unknownBefore429 < 1000) {
            unknownBefore429++;
            status = statusOf(unknown);
        }

        assertThat(status).isEqualTo(429);
        assertThat(unknownBefore429).isGreaterThanOrEqualTo(300);
        assertThat(statusOf(inUse)).isEqualTo(200);
    }

    private static int statusOf(RestTestClient client) {
        return client.get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private static Map<String, Object> guess() {
        return Map.of("username", "guess" + UUID.randomUUID(), "password", "password123456");
    }
}
