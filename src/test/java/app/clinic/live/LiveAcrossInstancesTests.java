package app.clinic.live;

import static app.clinic.live.LiveClients.appointmentsIn;
import static app.clinic.live.LiveClients.doctorIn;
import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.SecondInstance;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;

/** A change committed through one instance reaches the streams of every instance. */
class LiveAcrossInstancesTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    @Test
    void aBookingThroughTheSecondInstanceReachesSubscribersOfTheFirst() throws Exception {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        String uri = "/api/v1/queue/events?date=" + given.tomorrow() + "&doctor_id=" + doctor;
        try (var stream = new LiveClients.EventStream(baseUrl(), uri, ADMIN_TOKEN);
                var socket = new LiveClients.Socket(baseUrl(), ADMIN_TOKEN)) {
            assertThat(stream.next().message()).containsEntry("type", "snapshot");
            socket.subscribe(given.tomorrow());
            assertThat(socket.next()).containsEntry("type", "snapshot");

            Map<?, ?> booked = second.http()
                    .post()
                    .uri("/api/v1/appointments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ClinicFixtures.bookingBody(patient, doctor, given.tomorrow()))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .returnResult(Map.class)
                    .getResponseBody();

            var event = stream.next();
            assertThat(appointmentsIn(doctorIn(event.message(), doctor).orElseThrow()))
                    .singleElement()
                    .satisfies(item -> assertThat(item).containsEntry("appointment_id", booked.get("id")));
            Map<String, Object> update =
                    socket.nextWhere(message -> doctorIn(message, doctor).isPresent());
            assertThat(update).containsEntry("type", "update");
        }
    }

    @Test
    void aClientResumingOnTheOtherInstanceWithItsLastEventIdGetsWhatItMissed() throws Exception {
        UUID doctor = given.doctor();
        String uri = "/api/v1/display/events?date=" + given.today() + "&doctor_id=" + doctor;
        String seen = LiveClients.firstEventId(baseUrl(), uri, ADMIN_TOKEN);
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, doctor, given.today());
        given.checkedIn(appointment, patient);

        try (var resumed = new LiveClients.EventStream(second.baseUrl(), uri, ADMIN_TOKEN, seen)) {
            var catchUp = resumed.next();
            assertThat(catchUp.message()).containsEntry("type", "update");
            assertThat(LiveClients.toJson(catchUp.message())).contains("\"next_tokens\":[1]");
        }
    }
}
