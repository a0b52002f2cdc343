package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class BookingTests extends HttpTest {

    private Reply book(UUID patient, UUID doctor, LocalDate date) {
        return Reply.post(http, "/api/v1/appointments", ClinicFixtures.bookingBody(patient, doctor, date));
    }

    @Test
    void bookingReturns201WithTheSeedsBodyAndSlotOne() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();

        Reply reply = book(patient, doctor, day);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body())
                .containsEntry("patient_id", patient.toString())
                .containsEntry("doctor_id", doctor.toString())
                .containsEntry("date", day.toString())
                .containsEntry("slot", 1)
                .containsEntry("status", "booked")
                .containsKeys("id", "created_at", "updated_at");
        assertThat(reply.headers().containsHeader("Idempotent-Replayed")).isFalse();
    }

    @Test
    void tenBookingsTakeSlotsOneToTenAndTheEleventhIsRefusedWithCapacityFull() {
        UUID doctor = given.doctor(); // the clinic default: 10 a day
        LocalDate day = given.tomorrow();
        List<Object> slots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slots.add(book(given.patient(), doctor, day).get("slot"));
        }

        Reply eleventh = book(given.patient(), doctor, day);

        assertThat(slots).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.error()).isEqualTo("CapacityFull");
        assertThat((String) eleventh.get("message")).contains("No available slots");
        assertThat(appointmentsOf(doctor)).isEqualTo(10);
    }

    @Test
    void doctorsOwnLimitOverridesTheClinicDefault() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate day = given.tomorrow();
        given.bookedPatients(doctor, day, 2);

        assertThat(book(given.patient(), doctor, day).error()).isEqualTo("CapacityFull");
    }

    @Test
    void raisingTheDoctorsLimitOpensMorePlacesOnADayAlreadyFull() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate day = given.tomorrow();
        given.bookedPatients(doctor, day, 2);

        http.patch()
                .uri("/api/v1/doctors/{id}", doctor)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("max_appointments_per_day", 3))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(book(given.patient(), doctor, day).get("slot")).isEqualTo(3);
        assertThat(book(given.patient(), doctor, day).error()).isEqualTo("CapacityFull");
    }

    @Test
    void absentDoctorIsRefusedWith422AndNothingIsBooked() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        given.doctorAbsent(doctor, day);

        Reply reply = book(given.patient(), doctor, day);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("DoctorUnavailable");
        assertThat(appointmentsOf(doctor)).isZero();
        assertThat(count("SELECT count(*) FROM doctor_daily_capacities WHERE doctor_id = ?", doctor))
                .isZero();
    }

    @Test
    void doctorMarkedPresentOrWithoutRecordIsBookable() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/availability",
                Map.of("date", day.toString(), "is_present", true));

        assertThat(book(given.patient(), doctor, day).status()).isEqualTo(201);
        assertThat(book(given.patient(), doctor, day.plusDays(1)).status()).isEqualTo(201);
    }

    @Test
    void unknownPatientOrDoctorIsA404AndNothingIsBooked() {
        UUID doctor = given.doctor();

        Reply unknownPatient = book(UUID.randomUUID(), doctor, given.tomorrow());
        Reply unknownDoctor = book(given.patient(), UUID.randomUUID(), given.tomorrow());

        assertThat(unknownPatient.status()).isEqualTo(404);
        assertThat(unknownPatient.error()).isEqualTo("PatientNotFound");
        assertThat(unknownDoctor.status()).isEqualTo(404);
        assertThat(unknownDoctor.error()).isEqualTo("DoctorNotFound");
        assertThat(appointmentsOf(doctor)).isZero();
    }

    @Test
    void dayBeforeTheClinicsTodayIsRefusedWith422() {
        UUID doctor = given.doctor();

        Reply reply = book(given.patient(), doctor, given.today().minusDays(1));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("DateInPast");
        assertThat(appointmentsOf(doctor)).isZero();
    }

    @Test
    void clinicsTodayIsBookableEvenWhenTheServersTodayIsEarlier() {
        // The JVM runs 26 hours behind the clinic: its today is the clinic's yesterday or the day before.
        assertThat(LocalDate.now()).isBefore(given.today());

        assertThat(book(given.patient(), given.doctor(), given.today()).status())
                .isEqualTo(201);
        assertThat(book(given.patient(), given.doctor(), LocalDate.now()).error())
                .isEqualTo("DateInPast");
    }

    @Test
    void dayBeyondTheBookingHorizonIsRefusedWith422() {
        UUID doctor = given.doctor();

        assertThat(book(given.patient(), doctor, given.today().plusDays(90)).status())
                .isEqualTo(201);
        Reply beyond = book(given.patient(), doctor, given.today().plusDays(91));

        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.error()).isEqualTo("DateBeyondHorizon");
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void secondActiveBookingOfAPatientWithTheSameDoctorAndDayIsA409NamingTheFirst() {
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        UUID first = given.booked(patient, doctor, day);

        Reply second = book(patient, doctor, day);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("DuplicateBooking");
        assertThat(second.details()).containsEntry("appointment_id", first.toString());
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void invalidBookingRequestsAre400NamingTheFieldsAndBookNothing() {
        UUID doctor = given.doctor();
        Map<String, Object> malformedPatient =
                new java.util.HashMap<>(ClinicFixtures.bookingBody(given.patient(), doctor, given.tomorrow()));
        malformedPatient.put("patient_id", "nope");
        Map<String, Object> impossibleDate =
                new java.util.HashMap<>(ClinicFixtures.bookingBody(given.patient(), doctor, given.tomorrow()));
        impossibleDate.put("date", "2025-02-30");

        Reply badPatient = Reply.post(http, "/api/v1/appointments", malformedPatient);
        Reply badDate = Reply.post(http, "/api/v1/appointments", impossibleDate);
        Reply missing = Reply.post(http, "/api/v1/appointments", Map.of("idempotency_key", "k".repeat(256)));

        assertThat(badPatient.status()).isEqualTo(400);
        assertThat(badPatient.details()).containsOnlyKeys("patient_id");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.details()).containsOnlyKeys("date");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.details()).containsOnlyKeys("patient_id", "doctor_id", "date", "idempotency_key");
        assertThat(appointmentsOf(doctor)).isZero();
    }

    @Test
    void appointmentIsReadByIdOr404() {
        UUID appointment = given.booked(given.patient(), given.doctor(), given.tomorrow());

        http.get()
                .uri("/api/v1/appointments/{id}", appointment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("booked");
        http.get()
                .uri("/api/v1/appointments/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("AppointmentNotFound");
    }

    @Test
    void doctorsDayIsListedBySlotOnBothPathsWithAStatusFilter() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 3);
        Reply.post(http, "/api/v1/appointments/" + booked.get(1) + "/cancel");

        for (String path : new String[] {
            "/api/v1/doctors/{id}/appointments?date={d}", "/api/v1/appointments/doctors/{id}/appointments?date={d}"
        }) {
            http.get()
                    .uri(path, doctor, day)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(3)
                    .jsonPath("$[0].slot")
                    .isEqualTo(1)
                    .jsonPath("$[2].slot")
                    .isEqualTo(3);
        }
        http.get()
                .uri("/api/v1/doctors/{id}/appointments?date={d}&status=booked", doctor, day)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2);
        http.get()
                .uri("/api/v1/doctors/{id}/appointments?date={d}&status=lost", doctor, day)
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri("/api/v1/doctors/{id}/appointments?date={d}", UUID.randomUUID(), day)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void patientsAppointmentsListUpcomingFirst() {
        UUID patient = given.patient();
        LocalDate day = given.tomorrow();
        given.booked(patient, given.doctor(), day.plusDays(5));
        given.booked(patient, given.doctor(), day);
        UUID past = given.booked(patient, given.doctor(), day.plusDays(2));
        db.sql("UPDATE appointments SET date = date - 30 WHERE id = ?")
                .param(past)
                .update();

        http.get()
                .uri("/api/v1/patients/{id}/appointments", patient)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].date")
                .isEqualTo(day.toString())
                .jsonPath("$[1].date")
                .isEqualTo(day.plusDays(5).toString())
                .jsonPath("$[2].id")
                .isEqualTo(past.toString());
        http.get()
                .uri("/api/v1/patients/{id}/appointments", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void capacityTellsWhatABotNeedsToOfferADay() {
        UUID doctor = given.doctorTakingPerDay(4);
        LocalDate day = given.tomorrow();
        given.bookedPatients(doctor, day, 3);
        given.doctorAbsent(doctor, day.plusDays(1));

        http.get()
                .uri("/api/v1/doctors/{id}/capacity?date={d}", doctor, day)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"capacity\":4,\"booked\":3,\"remaining\":1,\"is_present\":true}");
        http.get()
                .uri("/api/v1/doctors/{id}/capacity?date={d}", doctor, day.plusDays(1))
                .exchange()
                .expectBody()
                .json("{\"capacity\":4,\"booked\":0,\"remaining\":4,\"is_present\":false}");
        http.get()
                .uri("/api/v1/doctors/{id}/capacity?date={d}", UUID.randomUUID(), day)
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
