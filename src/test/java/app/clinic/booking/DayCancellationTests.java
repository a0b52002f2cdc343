package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A doctor's day cancelled in one step: every booking cancelled, or moved in token order within the limits. */
class DayCancellationTests extends HttpTest {

    private Reply cancelDay(UUID doctor, LocalDate date, String reason, String action) {
        return Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/days/" + date + "/cancel",
                Map.of("reason", reason, "action", action));
    }

    private long events(String type, UUID doctor, String reason) {
        return count(
                "SELECT count(*) FROM notification_events WHERE type = ? AND data->>'doctor_id' = ?"
                        + " AND data->>'reason' = ?",
                type,
                doctor.toString(),
                reason);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tenBookingsMoveInTokenOrderToTheNextOpenDaysWithinTheirLimitsWithOneEventEach() {
        UUID doctor = given.doctor(); // 10 a day
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 10);
        given.bookedPatients(doctor, day.plusDays(1), 7);
        given.doctorAbsent(doctor, day.plusDays(2));
        String reason = "Dr. away " + UUID.randomUUID();

        Reply summary = cancelDay(doctor, day, reason, "move_to_next_open_day");

        assertThat(summary.status()).as("%s", summary.body()).isEqualTo(200);
        assertThat(summary.body()).containsEntry("moved", 10).containsEntry("cancelled", 0);
        assertThat((List<Map<String, Object>>) summary.get("moved_to"))
                .extracting(target -> target.get("date") + " " + target.get("moved"))
                .containsExactly(day.plusDays(1) + " 3", day.plusDays(3) + " 7");
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) summary.get("appointments");
        assertThat(outcomes)
                .extracting(outcome -> outcome.get("appointment_id"))
                .containsExactlyElementsOf(booked.stream().map(UUID::toString).toList());
        assertThat(outcomes)
                .extracting(outcome -> outcome.get("new_date") + " " + outcome.get("new_token"))
                .containsExactly(
                        day.plusDays(1) + " 8",
                        day.plusDays(1) + " 9",
                        day.plusDays(1) + " 10",
                        day.plusDays(3) + " 1",
                        day.plusDays(3) + " 2",
                        day.plusDays(3) + " 3",
                        day.plusDays(3) + " 4",
                        day.plusDays(3) + " 5",
                        day.plusDays(3) + " 6",
                        day.plusDays(3) + " 7");
        assertThat(booked).allSatisfy(old -> assertThat(appointmentStatus(old)).isEqualTo("cancelled"));
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + day.plusDays(1))
                        .body())
                .containsEntry("booked", 10);
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + day)
                        .body())
                .containsEntry("is_present", false)
                .containsEntry("booked", 0);
        assertThat(events("appointment.rescheduled", doctor, reason)).isEqualTo(10);
        assertThat(events("appointment.cancelled", doctor, reason)).isZero();
    }

    @Test
    void thoseThatCannotMoveAreCancelledAndAskingAgainChangesNothingMore() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate day = given.today().plusDays(89); // one open day left before the horizon
        given.bookedPatients(doctor, day, 2);
        given.bookedPatients(doctor, day.plusDays(1), 1);
        String reason = "Conference " + UUID.randomUUID();

        Reply first = cancelDay(doctor, day, reason, "move_to_next_open_day");
        Reply again = cancelDay(doctor, day, reason, "move_to_next_open_day");

        assertThat(first.body()).containsEntry("moved", 1).containsEntry("cancelled", 1);
        assertThat(again.body()).containsEntry("moved", 0).containsEntry("cancelled", 0);
        assertThat(events("appointment.rescheduled", doctor, reason)).isEqualTo(1);
        assertThat(events("appointment.cancelled", doctor, reason)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void cancellingTodayCancelsTheBookedReportsTheCheckedInAndClosesTheWaitlist() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate today = given.today();
        UUID arrived = given.patient();
        UUID arrivedAppointment = given.booked(arrived, doctor, today);
        given.checkedIn(arrivedAppointment, arrived);
        UUID waiting = given.booked(given.patient(), doctor, today);
        UUID waiter = given.patient();
        UUID entry = given.waitlisted(waiter, doctor, today);
        String reason = "Emergency " + UUID.randomUUID();

        Reply summary = cancelDay(doctor, today, reason, "cancel");

        assertThat(summary.body()).containsEntry("cancelled", 1).containsEntry("moved", 0);
        assertThat((List<Map<String, Object>>) summary.get("checked_in"))
                .extracting(patient -> patient.get("appointment_id"))
                .containsExactly(arrivedAppointment.toString());
        assertThat(appointmentStatus(waiting)).isEqualTo("cancelled");
        assertThat(appointmentStatus(arrivedAppointment)).isEqualTo("checked_in");
        assertThat(events("appointment.cancelled", doctor, reason)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM waitlist_entries WHERE id = ? AND status = 'closed'", entry))
                .isEqualTo(1);
        assertThat(given.offerOf(waiter)).isNull();
    }

    @Test
    void withoutAReasonOrWithAnUnknownActionOrForADayGoneByNothingChanges() {
        UUID doctor = given.doctor();
        UUID appointment = given.booked(given.patient(), doctor, given.tomorrow());

        Reply noReason = Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/days/" + given.tomorrow() + "/cancel",
                Map.of("action", "cancel"));
        Reply unknownAction = cancelDay(doctor, given.tomorrow(), "ill", "postpone");
        Reply past = cancelDay(doctor, given.today().minusDays(1), "ill", "cancel");
        Reply unknownDoctor = cancelDay(UUID.randomUUID(), given.tomorrow(), "ill", "cancel");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(unknownAction.status()).isEqualTo(400);
        assertThat(past.error()).isEqualTo("DateInPast");
        assertThat(unknownDoctor.error()).isEqualTo("DoctorNotFound");
        assertThat(appointmentStatus(appointment)).isEqualTo("booked");
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + given.tomorrow())
                        .get("is_present"))
                .isEqualTo(true);
    }
}
