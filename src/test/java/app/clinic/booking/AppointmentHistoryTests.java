package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every status change of an appointment and of its queue entry keeps who made it; nothing is overwritten. */
class AppointmentHistoryTests extends HttpTest {

    @Test
    void aBookingAndItsCancellationEachKeepWhoMadeThem() {
        String botToken = given.clientToken("bot");
        String deskToken = given.staffToken("reception", null);
        UUID patient = given.patient();
        Reply booked = Reply.post(
                clientWith(botToken),
                "/api/v1/appointments",
                Map.of(
                        "patient_id",
                        patient,
                        "doctor_id",
                        given.doctor(),
                        "date",
                        given.tomorrow().toString()));

        Reply cancelled = Reply.post(clientWith(deskToken), "/api/v1/appointments/" + booked.get("id") + "/cancel");

        UUID bot = idOf(botToken);
        UUID desk = idOf(deskToken);
        assertThat(booked.get("created_by")).isEqualTo(bot.toString());
        assertThat(cancelled.get("created_by")).isEqualTo(bot.toString());
        assertThat(cancelled.get("updated_by")).isEqualTo(desk.toString());
        assertThat(history(booked.get("id")))
                .extracting("subject", "from_status", "to_status", "changed_by")
                .containsExactly(
                        tuple("appointment", null, "booked", bot.toString()),
                        tuple("appointment", "booked", "cancelled", desk.toString()));
    }

    @Test
    void aDayInTheQueueReadsInOrderFromBookingToServedWithEachActor() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, doctor, given.today());
        String roomToken = given.staffToken("doctor", doctor);
        RestTestClient room = clientWith(roomToken);
        Map<String, Object> checkedIn =
                given.post("/api/v1/checkins", Map.of("appointment_id", appointment, "patient_id", patient), 201);

        Reply.post(room, "/api/v1/doctors/" + doctor + "/queue/call-next");
        Reply.post(room, "/api/v1/queue-entries/" + checkedIn.get("queue_entry_id") + "/skip");
        Reply.post(http, "/api/v1/queue-entries/" + checkedIn.get("queue_entry_id") + "/requeue");
        Reply.post(room, "/api/v1/doctors/" + doctor + "/queue/call-next");
        Reply.post(room, "/api/v1/queue-entries/" + checkedIn.get("queue_entry_id") + "/serve");

        String admin = idOf(ADMIN_TOKEN).toString();
        String doctorsAccount = idOf(roomToken).toString();
        assertThat(history(appointment))
                .extracting("subject", "from_status", "to_status", "changed_by")
                .containsExactly(
                        tuple("appointment", null, "booked", admin),
                        tuple("appointment", "booked", "checked_in", admin),
                        tuple("queue_entry", null, "waiting", admin),
                        tuple("queue_entry", "waiting", "called", doctorsAccount),
                        tuple("queue_entry", "called", "skipped", doctorsAccount),
                        tuple("appointment", "checked_in", "no_show", doctorsAccount),
                        tuple("queue_entry", "skipped", "waiting", admin),
                        tuple("appointment", "no_show", "checked_in", admin),
                        tuple("queue_entry", "waiting", "called", doctorsAccount),
                        tuple("queue_entry", "called", "served", doctorsAccount),
                        tuple("appointment", "checked_in", "completed", doctorsAccount));
    }

    @Test
    void aRescheduleCancelsTheOldAppointmentAndBooksTheNewOneInBothHistories() {
        UUID doctor = given.doctor();
        UUID old = given.booked(given.patient(), doctor, given.tomorrow());

        Reply moved = Reply.post(
                http,
                "/api/v1/appointments/" + old + "/reschedule",
                Map.of("date", given.tomorrow().plusDays(1).toString()));

        assertThat(history(old)).extracting("to_status").containsExactly("booked", "cancelled");
        assertThat(history(moved.get("id"))).extracting("to_status").containsExactly("booked");
    }

    @Test
    void aRefusedChangeLeavesNoHistoryRow() {
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, given.doctor(), given.tomorrow());

        Reply tooEarly =
                Reply.post(http, "/api/v1/checkins", Map.of("appointment_id", appointment, "patient_id", patient));

        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(tooEarly.error()).isEqualTo("InvalidCheckInDate");
        assertThat(history(appointment)).extracting("to_status").containsExactly("booked");
        assertThat(appointmentStatus(appointment)).isEqualTo("booked");
    }

    @Test
    void theHistoryOfAnUnknownAppointmentIs404() {
        Reply unknown = Reply.get(http, "/api/v1/appointments/" + UUID.randomUUID() + "/history");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("AppointmentNotFound");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(Object appointment) {
        return http.get()
                .uri("/api/v1/appointments/{id}/history", appointment)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(List.class)
                .getResponseBody();
    }

    private UUID idOf(String token) {
        return UUID.fromString(
                (String) Reply.get(clientWith(token), "/api/v1/auth/me").get("id"));
    }
}
