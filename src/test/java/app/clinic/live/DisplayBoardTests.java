package app.clinic.live;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The waiting-room board: tokens and counts per doctor, and nothing about any patient. */
class DisplayBoardTests extends HttpTest {

    @Test
    void aDisplayReadsTheTokenBeingServedTheNextTokensAndCountsButNoPatientData() {
        UUID doctor = given.doctor();
        List<Map<String, Object>> patients = new ArrayList<>();
        List<UUID> appointments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            checkInANewPatient(doctor, patients, appointments);
        }
        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
        RestTestClient screen = clientWith(given.clientToken("display"));

        var answer = screen.get()
                .uri("/api/v1/display/board?doctor_id=" + doctor)
                .exchange()
                .returnResult(String.class);

        assertThat(answer.getStatus().value()).isEqualTo(200);
        Reply board = Reply.get(screen, "/api/v1/display/board?doctor_id=" + doctor);
        assertThat(board.body()).containsEntry("date", given.today().toString());
        assertThat(doctorsOn(board))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("doctor_id", doctor.toString())
                        .containsEntry("now_serving", 1)
                        .containsEntry("next_tokens", List.of(2, 3))
                        .containsEntry("waiting", 2)
                        .containsEntry("called", 1)
                        .containsEntry("served", 0)
                        .containsEntry("skipped", 0)
                        .containsEntry("booked", 3));
        assertNoPatientData(answer.getResponseBody(), patients, appointments);
    }

    @Test
    void theDisplayStreamSendsTheBoardAfterEveryQueueMoveWithoutPatientData() throws Exception {
        UUID doctor = given.doctor();
        List<Map<String, Object>> patients = new ArrayList<>();
        List<UUID> appointments = new ArrayList<>();
        String screen = given.clientToken("display");
        List<String> payloads = new ArrayList<>();
        try (var stream =
                new LiveClients.EventStream(baseUrl(), "/api/v1/display/events?doctor_id=" + doctor, screen)) {
            payloads.add(LiveClients.toJson(stream.next().message()));
            for (int i = 0; i < 2; i++) {
                checkInANewPatient(doctor, patients, appointments);
                payloads.add(LiveClients.toJson(stream.nextWhere(event -> waiting(event.message()) == patients.size())
                        .message()));
            }
            given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);

            var called = stream.nextWhere(event -> waiting(event.message()) == 1);
            payloads.add(LiveClients.toJson(called.message()));
            assertThat(boardOf(called.message()))
                    .containsEntry("now_serving", 1)
                    .containsEntry("next_tokens", List.of(2));
        }
        assertNoPatientData(String.join("\n", payloads), patients, appointments);
    }

    /** A new patient booked with the doctor today and checked in; its record and appointment added to the lists. */
    private void checkInANewPatient(UUID doctor, List<Map<String, Object>> patients, List<UUID> appointments) {
        UUID patient = given.patient();
        patients.add(Reply.get(http, "/api/v1/patients/" + patient).body());
        UUID appointment = given.booked(patient, doctor, given.today());
        appointments.add(appointment);
        given.checkedIn(appointment, patient);
    }

    /** None of the patients' ids, phones or names, and none of the appointment ids, appear in the payload. */
    private static void assertNoPatientData(
            String payload, List<Map<String, Object>> patients, List<UUID> appointments) {
        for (Map<String, Object> patient : patients) {
            assertThat(payload)
                    .doesNotContain((String) patient.get("id"))
                    .doesNotContain((String) patient.get("phone"))
                    .doesNotContain(((String) patient.get("phone")).substring(3))
                    .doesNotContain((String) patient.get("last_name"));
        }
        assertThat(appointments).allSatisfy(appointment -> assertThat(payload).doesNotContain(appointment.toString()));
        // no patient field, and not the patients' first name ("Test", a doctor's is "Dr. Test …")
        assertThat(payload).doesNotContain("patient").doesNotContain("\"Test\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> boardOf(Map<String, Object> message) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) message.get("data")).get("doctors")).get(0);
    }

    private static int waiting(Map<String, Object> message) {
        return ((Number) boardOf(message).get("waiting")).intValue();
    }

    @Test
    void theBoardCountsTheDaysActiveBookingsAndACancelledOneNoLonger() {
        UUID doctor = given.doctor();
        given.booked(given.patient(), doctor, given.today());
        UUID cancelled = given.booked(given.patient(), doctor, given.today());
        assertThat(Reply.post(http, "/api/v1/appointments/" + cancelled + "/cancel")
                        .status())
                .isEqualTo(200);
        UUID onlyCancelled = given.doctor();
        UUID gone = given.booked(given.patient(), onlyCancelled, given.today());
        assertThat(Reply.post(http, "/api/v1/appointments/" + gone + "/cancel").status())
                .isEqualTo(200);

        assertThat(doctorsOn(Reply.get(http, "/api/v1/display/board?doctor_id=" + doctor)))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("booked", 1));
        // a doctor whose day had appointments, all cancelled since, still has a row on the whole day's board
        assertThat(doctorsOn(Reply.get(http, "/api/v1/display/board?date=" + given.today())))
                .filteredOn(row -> row.get("doctor_id").equals(onlyCancelled.toString()))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("booked", 0));
    }

    @Test
    void withoutADoctorTheBoardListsEveryDoctorWithAppointmentsThatDayAndAnUnknownDoctorIs404() {
        UUID busy = given.doctor();
        UUID idle = given.doctor();
        given.booked(given.patient(), busy, given.today());

        String all = http.get()
                .uri("/api/v1/display/board?date=" + given.today())
                .exchange()
                .returnResult(String.class)
                .getResponseBody();

        assertThat(all).contains(busy.toString()).doesNotContain(idle.toString());
        assertThat(doctorsOn(Reply.get(http, "/api/v1/display/board?doctor_id=" + idle)))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("now_serving", null)
                        .containsEntry("next_tokens", List.of())
                        .containsEntry("waiting", 0)
                        .containsEntry("booked", 0));
        assertThat(Reply.get(http, "/api/v1/display/board?doctor_id=" + UUID.randomUUID())
                        .error())
                .isEqualTo("DoctorNotFound");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> doctorsOn(Reply board) {
        return (List<Map<String, Object>>) board.get("doctors");
    }
}
