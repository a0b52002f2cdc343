package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Real threads against a real database: capacity and slots hold whatever the interleaving. */
class BookingConcurrencyTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    private static Reply book(RestTestClient client, UUID patient, UUID doctor, LocalDate date) {
        return Reply.post(client, "/api/v1/appointments", ClinicFixtures.bookingBody(patient, doctor, date));
    }

    @Test
    void thirtyConcurrentBookingsForTenPlacesBookSlotsOneToTen() throws Exception {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        List<UUID> patients = given.patients(30);

        List<Reply> replies = Concurrently.run(30, i -> () -> book(http, patients.get(i), doctor, day));

        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(10);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 409)
                .hasSize(20)
                .extracting(Reply::error)
                .containsOnly("CapacityFull");
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 201)
                .extracting(reply -> reply.get("slot"))
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertDayIsConsistent(doctor, day, 10);
    }

    @Test
    void oneDaysConcurrentBookingsOfOnePatientOverTwoInstancesBookOnceAndEachRefusalNamesThatAppointment()
            throws Exception {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        UUID patient = given.patient();

        List<Reply> replies =
                Concurrently.run(12, i -> () -> book(i % 2 == 0 ? http : second.http(), patient, doctor, day));

        assertThat(replies).extracting(Reply::status).containsOnly(201, 409);
        List<Reply> booked =
                replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(booked).hasSize(1);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 409)
                .hasSize(11)
                .allSatisfy(refusal -> {
                    assertThat(refusal.error()).isEqualTo("DuplicateBooking");
                    assertThat(refusal.details())
                            .containsEntry("appointment_id", booked.get(0).get("id"));
                });
        assertDayIsConsistent(doctor, day, 1);
        assertThat(count(
                        "SELECT count(*) FROM appointment_history h JOIN appointments a ON a.id = h.appointment_id"
                                + " WHERE a.patient_id = ?",
                        patient))
                .isEqualTo(1);
    }

    @Test
    void twoHundredBookingsOverTwoInstancesNeverExceedCapacityNorDuplicateASlot() throws Exception {
        UUID doctor = given.doctorTakingPerDay(50);
        LocalDate day = given.tomorrow();
        List<UUID> patients = given.patients(200);

        List<Reply> replies =
                Concurrently.run(200, i -> () -> book(i % 2 == 0 ? http : second.http(), patients.get(i), doctor, day));

        assertThat(replies).extracting(Reply::status).containsOnly(201, 409);
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(50);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 201)
                .extracting(reply -> (Integer) reply.get("slot"))
                .doesNotHaveDuplicates()
                .allSatisfy(slot -> assertThat(slot).isBetween(1, 50));
        assertDayIsConsistent(doctor, day, 50);
    }

    @Test
    void concurrentCancelsAndBookingsOnAFullDayNeverExceedCapacityNorDuplicateASlot() throws Exception {
        UUID doctor = given.doctorTakingPerDay(10);
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 10);
        List<UUID> newcomers = given.patients(30);

        List<Reply> replies = Concurrently.run(40, i -> () -> {
            RestTestClient client = i % 2 == 0 ? http : second.http();
            return i < 10
                    ? Reply.post(client, "/api/v1/appointments/" + booked.get(i) + "/cancel")
                    : book(client, newcomers.get(i - 10), doctor, day);
        });

        assertThat(replies.subList(0, 10)).extracting(Reply::status).containsOnly(200);
        assertThat(replies.subList(10, 40)).extracting(Reply::status).containsOnly(201, 409);
        long active = count(
                "SELECT count(*) FROM appointments WHERE doctor_id = ? AND date = ? AND status <> 'cancelled'",
                doctor,
                day);
        assertThat(active).isLessThanOrEqualTo(10);
        assertThat(replies.subList(10, 40))
                .filteredOn(reply -> reply.status() == 201)
                .hasSize((int) active);
        assertDayIsConsistent(doctor, day, (int) active);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDayCancelledWhileBookersRaceForTheNextDayOnTwoInstancesLosesNoBookingAndOverfillsNoDay() throws Exception {
        UUID doctor = given.doctorTakingPerDay(10);
        LocalDate day = given.tomorrow();
        LocalDate next = day.plusDays(1);
        List<UUID> booked = given.bookedPatients(doctor, day, 10);
        given.bookedPatients(doctor, next, 5);
        List<UUID> bookers = given.patients(20);

        List<Reply> replies = Concurrently.run(
                21,
                i -> () -> i == 0
                        ? Reply.post(
                                http,
                                "/api/v1/doctors/" + doctor + "/days/" + day + "/cancel",
                                Map.of("reason", "The doctor is ill", "action", "move_to_next_open_day"))
                        : book(i % 2 == 0 ? http : second.http(), bookers.get(i - 1), doctor, next));

        Reply summary = replies.get(0);
        assertThat(summary.status()).as("%s", summary.body()).isEqualTo(200);
        assertThat(replies.subList(1, 21)).extracting(Reply::status).isSubsetOf(201, 409);
        long bookedNext = replies.subList(1, 21).stream()
                .filter(reply -> reply.status() == 201)
                .count();
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) summary.get("appointments");
        long movedNext = outcomes.stream()
                .filter(outcome -> next.toString().equals(outcome.get("new_date")))
                .count();
        assertThat(outcomes).hasSize(10);
        assertThat(booked).allSatisfy(old -> assertThat(appointmentStatus(old)).isEqualTo("cancelled"));
        assertThat(count(
                        "SELECT count(*) FROM appointments WHERE rescheduled_from = ANY (?) AND status = 'booked'",
                        (Object) booked.toArray(UUID[]::new)))
                .as("every moved appointment exists")
                .isEqualTo(((Number) summary.get("moved")).longValue());
        assertThat(5 + bookedNext + movedNext).isLessThanOrEqualTo(10);
        assertDayIsConsistent(doctor, next, (int) (5 + bookedNext + movedNext));
    }

    /** What the database holds: no slot twice, none beyond capacity, and the day's counter equal to the rows. */
    private void assertDayIsConsistent(UUID doctor, LocalDate day, int expectedActive) {
        assertThat(count(
                        "SELECT count(*) FROM appointments WHERE doctor_id = ? AND date = ? AND status <> 'cancelled'",
                        doctor,
                        day))
                .isEqualTo(expectedActive);
        assertThat(count(
                        "SELECT count(DISTINCT slot) FROM appointments WHERE doctor_id = ? AND date = ?"
                                + " AND status <> 'cancelled'",
                        doctor,
                        day))
                .isEqualTo(expectedActive);
        assertThat(count(
                        "SELECT count(*) FROM appointments a JOIN doctor_daily_capacities c"
                                + " ON c.doctor_id = a.doctor_id AND c.date = a.date"
                                + " WHERE a.doctor_id = ? AND a.date = ? AND a.status <> 'cancelled' AND a.slot > c.capacity",
                        doctor,
                        day))
                .isZero();
        assertThat(count("SELECT booked FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ?", doctor, day))
                .isEqualTo(expectedActive);
    }
}
