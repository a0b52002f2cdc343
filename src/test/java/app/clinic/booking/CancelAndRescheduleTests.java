package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancelAndRescheduleTests extends HttpTest {

    private Reply cancel(UUID appointment) {
        return Reply.post(http, "/api/v1/appointments/" + appointment + "/cancel");
    }

    private Reply reschedule(UUID appointment, Map<String, Object> body) {
        return Reply.post(http, "/api/v1/appointments/" + appointment + "/reschedule", body);
    }

    private Reply bookNewPatient(UUID doctor, LocalDate day) {
        return Reply.post(http, "/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, day));
    }

    @Test
    void cancelReturnsTheCancelledAppointmentAndKeepsItInHistory() {
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, given.doctor(), given.tomorrow());

        Reply reply = cancel(appointment);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("status")).isEqualTo("cancelled");
        http.get()
                .uri("/api/v1/patients/{id}/appointments", patient)
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("cancelled");
    }

    @Test
    void cancelledSlotIsTakenByTheNextBookingAsTheLowestFreeSlot() {
        UUID doctor = given.doctorTakingPerDay(5);
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 5);
        cancel(booked.get(3)); // slot 4
        cancel(booked.get(1)); // slot 2

        Reply first = bookNewPatient(doctor, day);
        Reply second = bookNewPatient(doctor, day);
        Reply third = bookNewPatient(doctor, day);

        assertThat(first.get("slot")).isEqualTo(2);
        assertThat(second.get("slot")).isEqualTo(4);
        assertThat(third.error()).isEqualTo("CapacityFull");
    }

    @Test
    void patientWhoCancelledMayBookTheSameDayAgain() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        cancel(given.booked(patient, doctor, day));

        assertThat(given.booking(patient, doctor, day).get("status")).isEqualTo("booked");
    }

    @Test
    void cancellingTwiceReturnsTheCancelledAppointmentAndFreesOnePlaceOnly() {
        UUID doctor = given.doctorTakingPerDay(3);
        LocalDate day = given.tomorrow();
        UUID appointment = given.bookedPatients(doctor, day, 3).get(0);

        Reply first = cancel(appointment);
        Reply again = cancel(appointment);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("SELECT booked FROM doctor_daily_capacities WHERE doctor_id = ?", doctor))
                .isEqualTo(2);
    }

    @Test
    void cancellingACheckedInOrCompletedAppointmentIsA409AndChangesNothing() {
        for (String status : new String[] {"checked_in", "completed", "no_show"}) {
            UUID appointment = given.booked(given.patient(), given.doctor(), given.tomorrow());
            db.sql("UPDATE appointments SET status = ? WHERE id = ?")
                    .params(status, appointment)
                    .update();

            Reply reply = cancel(appointment);

            assertThat(reply.status()).as(status).isEqualTo(409);
            assertThat(reply.error()).isEqualTo("InvalidAppointmentStatus");
            assertThat(reply.details()).containsEntry("status", status);
            assertThat(appointmentStatus(appointment)).isEqualTo(status);
        }
    }

    @Test
    void cancellingAnUnknownAppointmentIsA404() {
        assertThat(cancel(UUID.randomUUID()).error()).isEqualTo("AppointmentNotFound");
    }

    @Test
    void rescheduleBooksTheNewDayAndCancelsTheOldOneLinkingThem() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        UUID old = given.booked(patient, doctor, day);

        Reply moved = reschedule(old, Map.of("date", day.plusDays(2).toString()));

        assertThat(moved.status()).isEqualTo(201);
        assertThat(moved.body())
                .containsEntry("date", day.plusDays(2).toString())
                .containsEntry("doctor_id", doctor.toString())
                .containsEntry("status", "booked")
                .containsEntry("rescheduled_from", old.toString())
                .containsEntry("slot", 1);
        assertThat(appointmentStatus(old)).isEqualTo("cancelled");
        assertThat(count("SELECT booked FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ?", doctor, day))
                .isZero();
    }

    @Test
    void rescheduleMayMoveToAnotherDoctor() {
        UUID old = given.booked(given.patient(), given.doctor(), given.tomorrow());
        UUID other = given.doctor();

        Reply moved = reschedule(old, Map.of("date", given.tomorrow().toString(), "doctor_id", other.toString()));

        assertThat(moved.status()).isEqualTo(201);
        assertThat(moved.get("doctor_id")).isEqualTo(other.toString());
    }

    @Test
    void rescheduleIntoAFullDayLeavesTheOriginalBooked() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate day = given.tomorrow();
        UUID old = given.booked(given.patient(), doctor, day);
        given.bookedPatients(doctor, day.plusDays(1), 2);

        Reply refused = reschedule(old, Map.of("date", day.plusDays(1).toString()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("CapacityFull");
        assertThat(appointmentStatus(old)).isEqualTo("booked");
        assertThat(count("SELECT booked FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ?", doctor, day))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM appointments WHERE rescheduled_from = ?", old))
                .isZero();
    }

    @Test
    void rescheduleToAnAbsentDoctorOrAPastDayLeavesTheOriginalBooked() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        UUID old = given.booked(given.patient(), doctor, day);
        given.doctorAbsent(doctor, day.plusDays(1));

        assertThat(reschedule(old, Map.of("date", day.plusDays(1).toString())).error())
                .isEqualTo("DoctorUnavailable");
        assertThat(reschedule(old, Map.of("date", given.today().minusDays(1).toString()))
                        .error())
                .isEqualTo("DateInPast");
        assertThat(reschedule(
                                old,
                                Map.of(
                                        "date",
                                        day.toString(),
                                        "doctor_id",
                                        UUID.randomUUID().toString()))
                        .error())
                .isEqualTo("DoctorNotFound");
        assertThat(appointmentStatus(old)).isEqualTo("booked");
    }

    @Test
    void reschedulingACancelledAppointmentIsA409() {
        UUID old = given.booked(given.patient(), given.doctor(), given.tomorrow());
        cancel(old);

        Reply reply =
                reschedule(old, Map.of("date", given.tomorrow().plusDays(1).toString()));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).isEqualTo("InvalidAppointmentStatus");
        assertThat(reschedule(UUID.randomUUID(), Map.of("date", given.tomorrow().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(reschedule(old, Map.of()).status()).isEqualTo(400);
    }
}
