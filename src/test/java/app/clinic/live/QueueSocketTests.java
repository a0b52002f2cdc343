package app.clinic.live;

import static app.clinic.live.LiveClients.appointmentsIn;
import static app.clinic.live.LiveClients.doctorIn;
import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The seed's WebSocket contract on /api/v1/ws/queue, with our access rules on top. */
class QueueSocketTests extends HttpTest {

    /** No test books this far ahead: a day nobody else's changes reach. */
    private static final String EMPTY_DAY = "2099-01-01";

    @Test
    void aPingIsAnsweredWithAPongAndATimestamp() throws Exception {
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            socket.send("{\"action\":\"ping\"}");

            Map<String, Object> pong = socket.next();

            assertThat(pong).containsEntry("type", "pong").containsKey("timestamp");
        }
    }

    @Test
    void eachMalformedMessageGetsTheSeedsErrorAndTheSocketStaysOpen() throws Exception {
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            socket.send("not json");
            assertThat(socket.next()).isEqualTo(Map.of("error", "Invalid JSON message"));
            socket.send("{\"action\":\"subscribe\"}");
            assertThat(socket.next()).isEqualTo(Map.of("error", "Missing 'date' field in subscribe message"));
            socket.send("{\"action\":\"subscribe\",\"date\":\"invalid-date\"}");
            assertThat(socket.next()).isEqualTo(Map.of("error", "Invalid date format. Use YYYY-MM-DD"));
            socket.send("{\"action\":\"dance\"}");
            assertThat(socket.next()).isEqualTo(Map.of("error", "Unknown action: dance"));

            socket.send("{\"action\":\"ping\"}");
            assertThat(socket.next()).containsEntry("type", "pong");
            assertThat(socket.closedWith).isNotDone();
        }
    }

    @Test
    void aDayWithoutAppointmentsGivesAnEmptySnapshot() throws Exception {
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            socket.subscribe(EMPTY_DAY);

            Map<String, Object> snapshot = socket.next();

            assertThat(snapshot).containsEntry("type", "snapshot");
            assertThat(snapshot.get("data"))
                    .isEqualTo(Map.of(
                            "date",
                            EMPTY_DAY,
                            "total_appointments",
                            0,
                            "total_doctors",
                            0,
                            "doctors",
                            List.of(),
                            "timestamp",
                            ((Map<?, ?>) snapshot.get("data")).get("timestamp")));
        }
    }

    @Test
    void aSnapshotListsTheDaysAppointmentsWithTheirPatientsFullNameForTheDesk() throws Exception {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, doctor, given.tomorrow());
        String desk = given.staffToken("reception", null);

        try (var socket = new LiveClients.Socket(baseUrl(), desk)) {
            socket.subscribe(given.tomorrow());
            Map<String, Object> snapshot = socket.next();

            assertThat(snapshot).containsEntry("type", "snapshot");
            Map<String, Object> ours = doctorIn(snapshot, doctor).orElseThrow();
            assertThat(ours).containsEntry("total_appointments", 1).containsEntry("checked_in_count", 0);
            assertThat(appointmentsIn(ours)).singleElement().satisfies(item -> {
                assertThat(item)
                        .containsEntry("appointment_id", appointment.toString())
                        .containsEntry("slot", 1)
                        .containsEntry("status", "booked")
                        .containsEntry("queue", null);
                @SuppressWarnings("unchecked")
                Map<String, Object> shown = (Map<String, Object>) item.get("patient");
                assertThat(shown).containsEntry("id", patient.toString()).containsKeys("phone", "age", "first_name");
                assertThat((String) shown.get("name")).startsWith("Test Patient");
            });
        }
    }

    @Test
    void aBookingSendsSubscribersAnUpdateWithTheNewAppointment() throws Exception {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        try (var first = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN);
                var second = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            first.subscribe(given.tomorrow());
            second.subscribe(given.tomorrow());
            assertThat(first.next()).containsEntry("type", "snapshot");
            assertThat(second.next()).containsEntry("type", "snapshot");

            UUID appointment = given.booked(patient, doctor, given.tomorrow());

            for (var socket : List.of(first, second)) {
                Map<String, Object> update =
                        socket.nextWhere(message -> doctorIn(message, doctor).isPresent());
                assertThat(update).containsEntry("type", "update");
                assertThat(appointmentsIn(doctorIn(update, doctor).orElseThrow()))
                        .singleElement()
                        .satisfies(item -> assertThat(item).containsEntry("appointment_id", appointment.toString()));
            }
        }
    }

    @Test
    void aCheckInSendsAnUpdateWithTheAppointmentsQueueBlock() throws Exception {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, doctor, given.today());
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            socket.subscribe(given.today());
            socket.nextWhere(message -> "snapshot".equals(message.get("type")));

            given.checkedIn(appointment, patient);

            Map<String, Object> update = socket.nextWhere(message -> doctorIn(message, doctor)
                    .map(entry -> ((Number) entry.get("checked_in_count")).intValue() == 1)
                    .orElse(false));
            assertThat(appointmentsIn(doctorIn(update, doctor).orElseThrow()))
                    .singleElement()
                    .satisfies(item -> {
                        assertThat(item).containsEntry("status", "checked_in");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> queue = (Map<String, Object>) item.get("queue");
                        assertThat(queue).containsEntry("position", 1).containsEntry("status", "waiting");
                        assertThat(queue.get("checked_in_at")).isNotNull();
                    });
        }
    }

    @Test
    void unsubscribingIsConfirmedAndStopsUpdatesAndSubscribingAgainGivesAFreshSnapshot() throws Exception {
        UUID doctor = given.doctor();
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            socket.subscribe(given.tomorrow());
            assertThat(socket.next()).containsEntry("type", "snapshot");

            socket.send("{\"action\":\"unsubscribe\"}");
            assertThat(socket.next()).containsEntry("type", "unsubscribed").containsKey("message");
            given.booked(given.patient(), doctor, given.tomorrow());
            assertThat(socket.anyWithin(Duration.ofSeconds(1), message -> true)).isEmpty();

            socket.subscribe(given.tomorrow());
            Map<String, Object> fresh = socket.next();
            assertThat(fresh).containsEntry("type", "snapshot");
            assertThat(doctorIn(fresh, doctor)).isPresent();
        }
    }

    @Test
    void aDoctorSeesTheirOwnPatientsAndNoOtherDoctorsPatients() throws Exception {
        UUID own = given.doctor();
        UUID other = given.doctor();
        given.booked(given.patient(), own, given.tomorrow());
        given.booked(given.patient(), other, given.tomorrow());
        String doctorToken = given.staffToken("doctor", own);

        try (var socket = new LiveClients.Socket(baseUrl(), doctorToken)) {
            socket.subscribe(given.tomorrow());
            Map<String, Object> snapshot = socket.next();

            assertThat(appointmentsIn(doctorIn(snapshot, own).orElseThrow()))
                    .allSatisfy(item -> assertThat(item.get("patient")).isNotNull());
            assertThat(appointmentsIn(doctorIn(snapshot, other).orElseThrow()))
                    .allSatisfy(item -> assertThat(item).containsEntry("patient", null));
        }
    }

    @Test
    void theSocketTakesItsTokenAsAccessTokenAndRefusesCallersWithoutAStaffRole() throws Exception {
        try (var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN, true)) {
            socket.send("{\"action\":\"ping\"}");
            assertThat(socket.next()).containsEntry("type", "pong");
        }
        assertThat(handshakeStatus("not-a-token")).isEqualTo(401);
        assertThat(handshakeStatus(given.clientToken("display"))).isEqualTo(403);
        assertThat(handshakeStatus(given.clientToken("bot"))).isEqualTo(403);
    }

    @Test
    void aSocketIsClosedWhenItsTokenIsRevoked() throws Exception {
        String desk = given.staffToken("reception", null);
        try (var socket = new LiveClients.Socket(baseUrl(), desk)) {
            socket.send("{\"action\":\"ping\"}");
            assertThat(socket.next()).containsEntry("type", "pong");

            clientWith(desk)
                    .post()
                    .uri("/api/v1/auth/logout")
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();

            assertThat(socket.closedWith.get(LiveClients.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(1008);
        }
    }

    private int handshakeStatus(String token) {
        try (var socket = new LiveClients.Socket(baseUrl(), token)) {
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
