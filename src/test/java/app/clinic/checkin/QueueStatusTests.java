package app.clinic.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "When is my turn": an appointment's place in its doctor's queue and the estimate of the wait. */
class QueueStatusTests extends HttpTest {

    @Test
    void beforeCheckInAnAppointmentHasItsTokenAndNoPlaceOrEstimate() {
        UUID doctor = given.doctor();
        UUID appointment = given.booked(given.patient(), doctor, given.today());

        Reply status = statusOf(appointment);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body())
                .containsEntry("token", 1)
                .containsEntry("status", "booked")
                .containsEntry("position", null)
                .containsEntry("ahead", null)
                .containsEntry("now_serving", null)
                .containsEntry("eta_minutes", null)
                .containsEntry("estimated_from", "default");
    }

    @Test
    void aWaitingPatientSeesWhoIsAheadAndTheConfiguredMinutesPerPatientUntilTheDayShowsItsPace() {
        UUID doctor = given.doctor();
        List<UUID> appointments = checkedIn(doctor, 3);

        assertThat(statusOf(appointments.get(2)).body())
                .containsEntry("status", "waiting")
                .containsEntry("position", 3)
                .containsEntry("ahead", 2)
                .containsEntry("eta_minutes", 20) // 2 ahead × 10 minutes, nobody with the doctor yet
                .containsEntry("minutes_per_patient", 10.0);

        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);

        assertThat(statusOf(appointments.get(2)).body())
                .containsEntry("ahead", 1)
                .containsEntry("now_serving", 1)
                .containsEntry("eta_minutes", 20); // 1 ahead and 1 with the doctor
        assertThat(statusOf(appointments.get(0)).body())
                .containsEntry("status", "called")
                .containsEntry("ahead", 0)
                .containsEntry("eta_minutes", 0);
    }

    @Test
    void onceTheDayHasThreeGapsBetweenCallsTheEstimateUsesTheirMedian() {
        UUID doctor = given.doctor();
        List<UUID> appointments = checkedIn(doctor, 6);
        for (int i = 0; i < 4; i++) {
            given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
        }
        // the four calls happened 24, 18, 10 and 4 minutes ago: gaps of 6, 8 and 6 minutes, median 6
        db.sql("""
                        UPDATE queue_entries q SET called_at = now() - make_interval(mins => ago.minutes)
                          FROM (VALUES (CAST(? AS uuid), 24), (CAST(? AS uuid), 18), (CAST(? AS uuid), 10),
                                       (CAST(? AS uuid), 4)) AS ago (appointment_id, minutes)
                         WHERE q.appointment_id = ago.appointment_id""").params(appointments.subList(0, 4).toArray()).update();

        assertThat(statusOf(appointments.get(5)).body())
                .containsEntry("estimated_from", "observed")
                .containsEntry("minutes_per_patient", 6.0)
                .containsEntry("ahead", 1)
                .containsEntry("now_serving", 4) // the last called is still with the doctor
                .containsEntry("eta_minutes", 12);
    }

    @Test
    void anUnknownAppointmentIs404AndADisplayMayNotAsk() {
        assertThat(statusOf(UUID.randomUUID()).error()).isEqualTo("AppointmentNotFound");
        UUID appointment = given.booked(given.patient(), given.doctor(), given.today());
        assertThat(Reply.get(clientWith(given.clientToken("display")), uri(appointment))
                        .status())
                .isEqualTo(403);
        assertThat(Reply.get(clientWith(given.clientToken("bot")), uri(appointment))
                        .status())
                .isEqualTo(200);
    }

    /** Books and checks in {@code count} new patients with the doctor today: their appointments, in queue order. */
    private List<UUID> checkedIn(UUID doctor, int count) {
        List<UUID> appointments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID patient = given.patient();
            UUID appointment = given.booked(patient, doctor, given.today());
            given.post(
                    "/api/v1/checkins",
                    Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()),
                    201);
            appointments.add(appointment);
        }
        return appointments;
    }

    private Reply statusOf(UUID appointment) {
        return Reply.get(http, uri(appointment));
    }

    private static String uri(UUID appointment) {
        return "/api/v1/appointments/" + appointment + "/queue-status";
    }
}
