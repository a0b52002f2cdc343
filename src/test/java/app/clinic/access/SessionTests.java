package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

class SessionTests extends HttpTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void aStaffMemberSignsInWithTheirPasswordAndGetsAnEightHourBearerToken() {
        String username = newUser("reception");

        Reply login = Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).containsOnlyKeys("access_token", "token_type", "expires_in", "role");
        assertThat(login.get("token_type")).isEqualTo("Bearer");
        assertThat(login.get("expires_in")).isEqualTo(8 * 3600);
        assertThat(login.get("role")).isEqualTo("reception");
        String token = (String) login.get("access_token");
        assertThat(token).startsWith("clinic_").hasSizeGreaterThanOrEqualTo("clinic_".length() + 43);
        assertThat(me(token))
                .containsEntry("name", username)
                .containsEntry("role", "reception")
                .containsEntry("kind", "user");
    }

    @Test
    void onlyTheTokensSha256AndAShortPrefixAreStored() {
        String token = given.staffToken("reception", null);

        String prefix = db.sql("SELECT prefix FROM access_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(token)
                .query(String.class)
                .single();

        assertThat(token).startsWith(prefix);
        assertThat(prefix).hasSizeLessThanOrEqualTo(13);
    }

    @Test
    void aWrongPasswordAndAnUnknownUsernameGetTheSame401() {
        String username = newUser("reception");

        Reply wrongPassword = Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, "not the password!"));
        Reply unknownUser =
                Reply.post(anonymous(), "/api/v1/auth/login", credentials("nobody" + UUID.randomUUID(), PASSWORD));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
        assertThat(wrongPassword.error()).isEqualTo("Unauthenticated");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsAPlain401() {
        String username = newUser("reception");

        Reply tooLong = Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, "é".repeat(100)));

        assertThat(tooLong.status()).isEqualTo(401);
    }

    @Test
    void afterFiveFailedSignInsOfOneUsernameTheNextIsRefusedWith429AndRetryAfterEvenWithTheRightPassword() {
        String username = newUser("reception");
        for (int i = 0; i < 5; i++) {
            assertThat(Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, "wrong password " + i))
                            .status())
                    .isEqualTo(401);
        }

        Reply slowedDown = Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, PASSWORD));

        assertThat(slowedDown.status()).isEqualTo(429);
        assertThat(slowedDown.error()).isEqualTo("RateLimited");
        assertThat(Integer.parseInt(slowedDown.headers().getFirst("Retry-After")))
                .isBetween(1, 20);
    }

    @Test
    void aDisabledAccountCannotSignInAndItsSessionsEndAtOnce() {
        String username = newUser("reception");
        String token = given.login(username, PASSWORD);
        UUID id = userId(username);

        patchUser(id, Map.of("disabled", true));

        assertThat(statusOfMe(token)).isEqualTo(401);
        assertThat(Reply.post(anonymous(), "/api/v1/auth/login", credentials(username, PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aNewPasswordEndsTheOldSessionsAndTheNewPasswordSignsIn() {
        String username = newUser("reception");
        String token = given.login(username, PASSWORD);

        patchUser(userId(username), Map.of("password", "a brand new passphrase"));

        assertThat(statusOfMe(token)).isEqualTo(401);
        assertThat(given.login(username, "a brand new passphrase")).isNotBlank();
    }

    @Test
    void signingOutEndsThatTokenAtOnceButNotTheUsersOtherSessions() {
        String username = newUser("doctor");
        String first = given.login(username, PASSWORD);
        String second = given.login(username, PASSWORD);

        int status = clientWith(first)
                .post()
                .uri("/api/v1/auth/logout")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();

        assertThat(status).isEqualTo(204);
        assertThat(statusOfMe(first)).isEqualTo(401);
        assertThat(statusOfMe(second)).isEqualTo(200);
    }

    @Test
    void aStaffTokenUnusedForLongerThanTheIdleTimeoutIsSignedOut() {
        String idle = given.staffToken("reception", null);
        String active = given.staffToken("reception", null);

        db.sql("UPDATE access_tokens SET last_used_at = now() - interval '31 minutes'"
                        + " WHERE token_hash IN (sha256(convert_to(?, 'UTF8')), sha256(convert_to(?, 'UTF8')))")
                .param(idle)
                .param(active)
                .update();
        db.sql("UPDATE access_tokens SET last_used_at = now() - interval '29 minutes'"
                        + " WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(active)
                .update();

        assertThat(statusOfMe(idle)).isEqualTo(401);
        assertThat(statusOfMe(active)).isEqualTo(200);
    }

    @Test
    void usingATokenRecordsItsLastUseAtMostOnceAMinute() {
        String token = given.staffToken("reception", null);
        db.sql("UPDATE access_tokens SET last_used_at = now() - interval '10 minutes'"
                        + " WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(token)
                .update();

        statusOfMe(token);
        Object afterFirst = lastUsed(token);
        statusOfMe(token);

        assertThat(count(
                        "SELECT count(*) FROM access_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))"
                                + " AND last_used_at > now() - interval '1 minute'",
                        token))
                .isEqualTo(1);
        assertThat(lastUsed(token))
                .as("the second use within the minute writes nothing")
                .isEqualTo(afterFirst);
    }

    @Test
    void aDoctorAccountNeedsAnExistingDoctorAndOtherRolesNone() {
        Reply noDoctor = Reply.post(http, "/api/v1/users", user("doctor" + UUID.randomUUID(), "doctor", null));
        Reply unknownDoctor =
                Reply.post(http, "/api/v1/users", user("doctor" + UUID.randomUUID(), "doctor", UUID.randomUUID()));
        Reply receptionWithDoctor =
                Reply.post(http, "/api/v1/users", user("desk" + UUID.randomUUID(), "reception", given.doctor()));
        Reply bot = Reply.post(http, "/api/v1/users", user("bot" + UUID.randomUUID(), "bot", null));

        assertThat(noDoctor.status()).isEqualTo(400);
        assertThat(noDoctor.details()).containsKey("doctor_id");
        assertThat(unknownDoctor.status()).isEqualTo(404);
        assertThat(unknownDoctor.error()).isEqualTo("DoctorNotFound");
        assertThat(receptionWithDoctor.status()).isEqualTo(400);
        assertThat(bot.status()).isEqualTo(400);
        assertThat(bot.details()).containsKey("role");
    }

    @Test
    void aDoctorAccountBecomingReceptionLosesItsDoctorAndAReceptionAccountCannotBeGivenOne() {
        String username = newUser("doctor");
        UUID id = userId(username);

        patchUser(id, Map.of("role", "reception"));
        Reply givenADoctor = Reply.patch(http, "/api/v1/users/" + id, Map.of("doctor_id", given.doctor()));

        assertThat(db.sql("SELECT doctor_id FROM users WHERE id = ?")
                        .param(id)
                        .query(UUID.class)
                        .optional())
                .isEmpty();
        assertThat(givenADoctor.status()).isEqualTo(400);
        assertThat(givenADoctor.details()).containsKey("doctor_id");
    }

    @Test
    void aShortPasswordOrATakenUsernameInAnyLetterCaseIsRefused() {
        String username = newUser("reception");

        Reply shortPassword = Reply.post(
                http,
                "/api/v1/users",
                Map.of(
                        "username", "short" + UUID.randomUUID().toString().substring(0, 8),
                        "password", "elevenchars",
                        "role", "reception"));
        Reply taken = Reply.post(http, "/api/v1/users", user(username.toUpperCase(), "reception", null));

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.details()).containsKey("password");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error()).isEqualTo("UsernameTaken");
    }

    @Test
    void theUserListNeverShowsAPasswordHash() {
        newUser("reception");

        String list = http.get()
                .uri("/api/v1/users")
                .exchange()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(list).doesNotContain("password").doesNotContain("{bcrypt}");
    }

    @Test
    void anApiClientsTokenDoesNotSignOutAnAdminRevokesIt() {
        String bot = given.clientToken("bot");

        Reply logout = Reply.post(clientWith(bot), "/api/v1/auth/logout");

        assertThat(logout.status()).isEqualTo(403);
        assertThat(statusOfMe(bot)).isEqualTo(200);
    }

    private RestTestClient anonymous() {
        return clientWith(null);
    }

    private String newUser(String role) {
        String username = role + UUID.randomUUID().toString().substring(0, 8);
        given.post("/api/v1/users", user(username, role, role.equals("doctor") ? given.doctor() : null), 201);
        return username;
    }

    private static Map<String, Object> user(String username, String role, UUID doctor) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("password", PASSWORD);
        body.put("role", role);
        body.put("doctor_id", doctor);
        return body;
    }

    private static Map<String, Object> credentials(String username, String password) {
        return Map.of("username", username, "password", password);
    }

    private UUID userId(String username) {
        return db.sql("SELECT id FROM users WHERE username = ?")
                .param(username)
                .query(UUID.class)
                .single();
    }

    private void patchUser(UUID id, Map<String, Object> change) {
        http.patch()
                .uri("/api/v1/users/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(change)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> me(String token) {
        return clientWith(token)
                .get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(Map.class)
                .getResponseBody();
    }

    private int statusOfMe(String token) {
        return clientWith(token)
                .get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private Object lastUsed(String token) {
        return db.sql("SELECT last_used_at FROM access_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(token)
                .query(java.time.OffsetDateTime.class)
                .single();
    }
}
