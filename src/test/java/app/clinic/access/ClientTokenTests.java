package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

class ClientTokenTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    @Test
    void aClientsTokenIsShownOnceAndTheListShowsOnlyItsPrefix() {
        Map<String, Object> created = given.apiClient("bot");
        String token = (String) created.get("token");

        String list = http.get()
                .uri("/api/v1/clients")
                .exchange()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(created).containsEntry("role", "bot");
        assertThat(token).startsWith("clinic_");
        assertThat(list).contains(token.substring(0, 13)).doesNotContain(token);
    }

    @Test
    void aTokenRevokedThroughOneInstanceIsRefusedByTheOtherOnItsNextRequest() {
        Map<String, Object> bot = given.apiClient("bot");
        RestTestClient botOnSecond = second.clientWith((String) bot.get("token"));
        assertThat(statusOfMe(botOnSecond)).isEqualTo(200);

        Reply revoked = Reply.post(http, "/api/v1/clients/" + bot.get("id") + "/revoke");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.get("revoked_at")).isNotNull();
        assertThat(statusOfMe(botOnSecond)).isEqualTo(401);
    }

    @Test
    void anInstanceThatLostItsSignalsForgetsTheTokensItHeldAndAsksTheDatabaseAgain() {
        Map<String, Object> bot = given.apiClient("bot");
        RestTestClient botOnSecond = second.clientWith((String) bot.get("token"));
        assertThat(statusOfMe(botOnSecond)).isEqualTo(200);

        // Every instance's listening connection dies; the client is revoked behind the service's back, unsignalled.
        db.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'")
                .query((rs, row) -> null)
                .list();
        db.sql("UPDATE api_clients SET revoked_at = now() WHERE id = ?::uuid")
                .param(bot.get("id"))
                .update();

        // Held in memory it would pass for another minute; an instance that was not listening holds nothing.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> statusOfMe(botOnSecond) == 401);
    }

    @Test
    void aStaffSignOutOnOneInstanceHoldsOnTheOtherAtOnce() {
        String token = given.staffToken("reception", null);
        RestTestClient onSecond = second.clientWith(token);
        assertThat(statusOfMe(onSecond)).isEqualTo(200);

        assertThat(Reply.post(clientWith(token), "/api/v1/auth/logout").status())
                .isEqualTo(204);

        assertThat(statusOfMe(onSecond)).isEqualTo(401);
    }

    @Test
    void aClientIsRefusedFromTheMomentItExpiresEvenWhileItsTokenIsInUse() {
        Map<String, Object> display = given.post(
                "/api/v1/clients",
                Map.of(
                        "name", "screen for a day",
                        "role", "display",
                        "expires_at", OffsetDateTime.now().plusSeconds(2).toString()),
                201);
        RestTestClient screen = clientWith((String) display.get("token"));
        assertThat(statusOfMe(screen)).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> statusOfMe(screen) == 401);

        assertThat(OffsetDateTime.parse((String) display.get("expires_at"))).isBefore(OffsetDateTime.now());
    }

    @Test
    void anExpiryInThePastOrARoleThatIsNotAMachinesIsRefused() {
        Reply past = Reply.post(
                http,
                "/api/v1/clients",
                Map.of("name", "old screen", "role", "display", "expires_at", "2020-01-01T00:00:00Z"));
        Reply staffRole = Reply.post(http, "/api/v1/clients", Map.of("name", "desk", "role", "reception"));

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.details()).containsKey("expires_at");
        assertThat(staffRole.status()).isEqualTo(400);
        assertThat(staffRole.details()).containsKey("role");
    }

    @Test
    void revokingAnUnknownClientIs404() {
        Reply unknown = Reply.post(http, "/api/v1/clients/" + java.util.UUID.randomUUID() + "/revoke");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("ClientNotFound");
    }

    @Test
    void theBootstrapAdminTokenIsRegisteredOnceHoweverManyInstancesStart() {
        assertThat(count(
                        "SELECT count(*) FROM access_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                        ADMIN_TOKEN))
                .isEqualTo(1);
        assertThat(List.of(statusOfMe(http), statusOfMe(second.http()))).containsOnly(200);
    }

    private static int statusOfMe(RestTestClient client) {
        return client.get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
