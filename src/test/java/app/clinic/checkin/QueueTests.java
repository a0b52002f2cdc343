package app.clinic.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueTests extends HttpTest {

    /** Books and checks in {@code count} patients; returns their queue entry ids in position order. */
    private List<UUID> checkedIn(UUID doctor, int count) {
        List<UUID> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID patient = given.patient();
            UUID appointment = given.booked(patient, doctor, given.today());
            Map<String, Object> checkIn = given.post(
                    "/api/v1/checkins",
                    Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()),
                    201);
            entries.add(UUID.fromString((String) checkIn.get("queue_entry_id")));
        }
        return entries;
    }

    private Reply callNext(UUID doctor) {
        return Reply.post(http, "/api/v1/doctors/" + doctor + "/queue/call-next?date=" + given.today());
    }

    private Reply move(UUID entry, String action) {
        return Reply.post(http, "/api/v1/queue-entries/" + entry + "/" + action);
    }

    private String appointmentStatusOf(UUID entry) {
        return db.sql("SELECT a.status FROM appointments a JOIN queue_entries q ON q.appointment_id = a.id"
                        + " WHERE q.id = ?")
                .param(entry)
                .query(String.class)
                .single();
    }

    @Test
    void queueIsListedByPositionOnBothPathsWithPatientFirstNameAndSlot() {
        UUID doctor = given.doctor();
        checkedIn(doctor, 2);

        for (String path :
                new String[] {"/api/v1/checkins/doctors/{id}/queue?date={d}", "/api/v1/doctors/{id}/queue?date={d}"}) {
            http.get()
                    .uri(path, doctor, given.today())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(2)
                    .jsonPath("$[0].position")
                    .isEqualTo(1)
                    .jsonPath("$[0].slot")
                    .isEqualTo(1)
                    .jsonPath("$[0].patient_first_name")
                    .isEqualTo("Test")
                    .jsonPath("$[0].status")
                    .isEqualTo("waiting")
                    .jsonPath("$[1].position")
                    .isEqualTo(2)
                    .jsonPath("$[0].called_at")
                    .isEmpty();
        }
    }

    @Test
    void queueDateDefaultsToTheClinicsTodayAndStatusFilters() {
        UUID doctor = given.doctor();
        checkedIn(doctor, 2);
        callNext(doctor);

        http.get()
                .uri("/api/v1/doctors/{id}/queue?status=waiting", doctor)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].position")
                .isEqualTo(2);
        http.get()
                .uri("/api/v1/doctors/{id}/queue?status=asleep", doctor)
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri("/api/v1/doctors/{id}/queue", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void callNextCallsTheLowestWaitingPositionThenQueueEmpty() {
        UUID doctor = given.doctor();
        List<UUID> entries = checkedIn(doctor, 2);

        Reply first = callNext(doctor);
        Reply second = callNext(doctor);
        Reply none = callNext(doctor);

        assertThat(first.get("id")).isEqualTo(entries.get(0).toString());
        assertThat(first.get("status")).isEqualTo("called");
        assertThat(first.get("called_at")).isNotNull();
        assertThat(second.get("id")).isEqualTo(entries.get(1).toString());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error()).isEqualTo("QueueEmpty");
    }

    @Test
    void serveMakesTheEntryServedAndTheAppointmentCompleted() {
        UUID doctor = given.doctor();
        UUID entry = checkedIn(doctor, 1).get(0);
        callNext(doctor);

        Reply served = move(entry, "serve");

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.get("status")).isEqualTo("served");
        assertThat(served.get("completed_at")).isNotNull();
        assertThat(appointmentStatusOf(entry)).isEqualTo("completed");
    }

    @Test
    void skipMakesTheAppointmentANoShowAndRequeuePutsThePatientAtTheEnd() {
        UUID doctor = given.doctor();
        List<UUID> entries = checkedIn(doctor, 3);
        callNext(doctor);

        Reply skipped = move(entries.get(0), "skip");
        assertThat(skipped.get("status")).isEqualTo("skipped");
        assertThat(appointmentStatusOf(entries.get(0))).isEqualTo("no_show");

        Reply requeued = move(entries.get(0), "requeue");
        assertThat(requeued.status()).isEqualTo(200);
        assertThat(requeued.get("status")).isEqualTo("waiting");
        assertThat(requeued.get("position")).isEqualTo(4);
        assertThat(requeued.get("called_at")).isNull();
        assertThat(appointmentStatusOf(entries.get(0))).isEqualTo("checked_in");
        assertThat(callNext(doctor).get("id")).isEqualTo(entries.get(1).toString());
    }

    @Test
    void illegalTransitionsAre409WithTheCurrentStatusAndChangeNothing() {
        UUID doctor = given.doctor();
        UUID entry = checkedIn(doctor, 1).get(0);

        for (String action : new String[] {"serve", "skip", "requeue"}) {
            Reply reply = move(entry, action);
            assertThat(reply.status()).as(action).isEqualTo(409);
            assertThat(reply.error()).isEqualTo("InvalidQueueTransition");
            assertThat(reply.details()).containsEntry("status", "waiting");
        }
        callNext(doctor);
        assertThat(move(entry, "requeue").details()).containsEntry("status", "called");
        move(entry, "serve");
        for (String action : new String[] {"serve", "skip", "requeue"}) {
            assertThat(move(entry, action).details()).as(action).containsEntry("status", "served");
        }
        assertThat(appointmentStatusOf(entry)).isEqualTo("completed");
        assertThat(move(UUID.randomUUID(), "serve").error()).isEqualTo("QueueEntryNotFound");
    }

    @Test
    void summaryCountsEachStatusAndTellsWhoIsServedAndWhoIsNext() {
        UUID doctor = given.doctor();
        List<UUID> entries = checkedIn(doctor, 4);
        callNext(doctor);
        move(entries.get(0), "serve");
        callNext(doctor);
        move(entries.get(1), "skip");
        callNext(doctor);

        http.get()
                .uri("/api/v1/doctors/{id}/queue/summary?date={d}", doctor, given.today())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"waiting\":1,\"called\":1,\"served\":1,\"skipped\":1,\"total\":4,"
                        + "\"now_serving\":3,\"next_position\":4}");
    }

    @Test
    void emptyDaySummaryHasZerosAndNoPositions() {
        LocalDate day = given.today();
        http.get()
                .uri("/api/v1/doctors/{id}/queue/summary?date={d}", given.doctor(), day)
                .exchange()
                .expectBody()
                .json("{\"waiting\":0,\"total\":0,\"now_serving\":null,\"next_position\":null}");
    }
}
