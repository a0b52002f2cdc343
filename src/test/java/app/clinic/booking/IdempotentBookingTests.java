package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

class IdempotentBookingTests extends HttpTest {

    @Autowired
    private IdempotencyKeyPurge purge;

    private static Map<String, Object> withKey(UUID patient, UUID doctor, LocalDate date, String key) {
        Map<String, Object> body = new HashMap<>(ClinicFixtures.bookingBody(patient, doctor, date));
        body.put("idempotency_key", key);
        return body;
    }

    @Test
    void repeatWithTheSameKeyReturnsTheOriginalAppointmentAndConsumesNoSlot() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        String key = "booking-" + UUID.randomUUID();

        Reply first = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));
        Reply repeat = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
        http.get()
                .uri("/api/v1/doctors/{id}/capacity?date={d}", doctor, day)
                .exchange()
                .expectBody()
                .jsonPath("$.booked")
                .isEqualTo(1);
    }

    @Test
    void keyMayComeInTheIdempotencyKeyHeader() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        String key = "header-" + UUID.randomUUID();

        EntityExchangeResult<Map> first = postWithHeader(ClinicFixtures.bookingBody(patient, doctor, day), key);
        EntityExchangeResult<Map> repeat = postWithHeader(ClinicFixtures.bookingBody(patient, doctor, day), key);
        Reply viaBody = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.getResponseBody().get("id"))
                .isEqualTo(first.getResponseBody().get("id"));
        assertThat(viaBody.get("id")).isEqualTo(first.getResponseBody().get("id"));
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void headerAndBodyKeysThatDifferAreA400() {
        UUID doctor = given.doctor();
        EntityExchangeResult<Map> reply = postWithHeader(withKey(given.patient(), doctor, given.tomorrow(), "a"), "b");

        assertThat(reply.getStatus().value()).isEqualTo(400);
        assertThat(reply.getResponseBody().get("error")).isEqualTo("IdempotencyKeyMismatch");
        assertThat(appointmentsOf(doctor)).isZero();
    }

    @Test
    void sameKeyWithAnotherPayloadIsA422AndBooksNothing() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        String key = "reused-" + UUID.randomUUID();
        Reply.post(http, "/api/v1/appointments", withKey(given.patient(), doctor, day, key));

        Reply otherPatient = Reply.post(http, "/api/v1/appointments", withKey(given.patient(), doctor, day, key));
        Reply otherDay =
                Reply.post(http, "/api/v1/appointments", withKey(given.patient(), doctor, day.plusDays(1), key));

        assertThat(otherPatient.status()).isEqualTo(422);
        assertThat(otherPatient.error()).isEqualTo("IdempotencyKeyReused");
        assertThat(otherDay.error()).isEqualTo("IdempotencyKeyReused");
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void keyLongerThan255CharactersIsA400() {
        UUID doctor = given.doctor();
        EntityExchangeResult<Map> reply =
                postWithHeader(ClinicFixtures.bookingBody(given.patient(), doctor, given.tomorrow()), "k".repeat(256));

        assertThat(reply.getStatus().value()).isEqualTo(400);
        assertThat(appointmentsOf(doctor)).isZero();
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyBookOnceAndAllGetTheSameAppointment() throws Exception {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        Map<String, Object> body = withKey(patient, doctor, day, "retry-storm-" + UUID.randomUUID());

        List<Reply> replies = Concurrently.run(20, i -> () -> Reply.post(http, "/api/v1/appointments", body));

        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies).extracting(Reply::body).containsOnly(replies.get(0).body());
        assertThat(replies)
                .filteredOn(reply -> reply.headers().containsHeader("Idempotent-Replayed"))
                .hasSize(19);
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void aRepeatReplaysItsBookingAfterTheDayFilledAndAfterTheBookingWasCancelled() {
        UUID patient = given.patient();
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        String key = "late-retry-" + UUID.randomUUID();
        Reply first = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));

        Reply onAFullDay = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));
        Reply.post(http, "/api/v1/appointments/" + first.get("id") + "/cancel");
        given.booked(given.patient(), doctor, day); // the freed place goes to someone else
        Reply afterTheCancel = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, day, key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(List.of(onAFullDay, afterTheCancel)).allSatisfy(repeat -> {
            assertThat(repeat.status()).isEqualTo(201);
            assertThat(repeat.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
            assertThat(repeat.get("id")).isEqualTo(first.get("id"));
        });
        assertThat(afterTheCancel.get("status")).isEqualTo("cancelled");
    }

    private EntityExchangeResult<Map> postWithHeader(Map<String, Object> body, String key) {
        return http.post()
                .uri("/api/v1/appointments")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .exchange()
                .returnResult(Map.class);
    }

    @Test
    void twoCallersUsingTheSameKeyEachBookAndEachRepeatReturnsTheCallersOwnAppointment() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        UUID botsPatient = given.patient();
        UUID desksPatient = given.patient();
        RestTestClient bot = clientWith(given.clientToken("bot"));
        RestTestClient desk = clientWith(given.staffToken("reception", null));
        String key = "shared-" + UUID.randomUUID();

        Reply botBooked = Reply.post(bot, "/api/v1/appointments", withKey(botsPatient, doctor, day, key));
        Reply deskBooked = Reply.post(desk, "/api/v1/appointments", withKey(desksPatient, doctor, day, key));
        Reply botRepeat = Reply.post(bot, "/api/v1/appointments", withKey(botsPatient, doctor, day, key));
        Reply deskRepeat = Reply.post(desk, "/api/v1/appointments", withKey(desksPatient, doctor, day, key));

        assertThat(List.of(botBooked.status(), deskBooked.status())).containsOnly(201);
        assertThat(deskBooked.get("id")).isNotEqualTo(botBooked.get("id"));
        assertThat(botRepeat.body()).isEqualTo(botBooked.body());
        assertThat(deskRepeat.body()).isEqualTo(deskBooked.body());
        assertThat(appointmentsOf(doctor)).isEqualTo(2);
    }

    @Test
    void anotherCallersKeyNeverRevealsTheirAppointment() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        String key = "private-" + UUID.randomUUID();
        Reply botBooked = Reply.post(
                clientWith(given.clientToken("bot")),
                "/api/v1/appointments",
                withKey(given.patient(), doctor, day, key));

        Reply other = Reply.post(
                clientWith(given.clientToken("bot")),
                "/api/v1/appointments",
                withKey(given.patient(), doctor, day, key));

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(other.get("id")).isNotEqualTo(botBooked.get("id"));
    }

    @Test
    void aKeyOlderThanItsRetentionIsForgottenAndARepeatBooksAnew() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        String key = "old-" + UUID.randomUUID();
        Reply first = Reply.post(http, "/api/v1/appointments", withKey(patient, doctor, given.tomorrow(), key));
        db.sql("UPDATE appointments SET created_at = now() - interval '8 days' WHERE id = ?::uuid")
                .param(first.get("id"))
                .update();

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM appointments WHERE idempotency_key = ?", key))
                .isZero();
        Reply later = Reply.post(
                http,
                "/api/v1/appointments",
                withKey(patient, doctor, given.tomorrow().plusDays(1), key));
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.headers().getFirst("Idempotent-Replayed")).isNull();
    }
}
