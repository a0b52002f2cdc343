package app.clinic.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckInTests extends HttpTest {

    private Reply checkIn(UUID appointment, UUID patient) {
        return Reply.post(
                http,
                "/api/v1/checkins",
                Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()));
    }

    private UUID patientOf(UUID appointment) {
        return db.sql("SELECT patient_id FROM appointments WHERE id = ?")
                .param(appointment)
                .query(UUID.class)
                .single();
    }

    private long queueEntriesOf(UUID appointment) {
        return count("SELECT count(*) FROM queue_entries WHERE appointment_id = ?", appointment);
    }

    @Test
    void checkInOnTheDayReturns201WithThePositionAndTheDatabaseTime() {
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, given.doctor(), given.today());
        OffsetDateTime before =
                db.sql("SELECT now()").query(OffsetDateTime.class).single();

        Reply reply = checkIn(appointment, patient);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body())
                .containsEntry("queue_position", 1)
                .containsEntry("appointment_id", appointment.toString())
                .containsKey("queue_entry_id");
        assertThat(OffsetDateTime.parse((String) reply.get("checked_in_at"))).isAfterOrEqualTo(before);
        assertThat(appointmentStatus(appointment)).isEqualTo("checked_in");
    }

    @Test
    void positionsFollowCheckInOrderNotSlotOrder() {
        UUID doctor = given.doctor();
        List<UUID> appointments = given.bookedPatients(doctor, given.today(), 3);

        Reply third = checkIn(appointments.get(2), patientOf(appointments.get(2)));
        Reply first = checkIn(appointments.get(0), patientOf(appointments.get(0)));
        Reply second = checkIn(appointments.get(1), patientOf(appointments.get(1)));

        assertThat(List.of(third.get("queue_position"), first.get("queue_position"), second.get("queue_position")))
                .containsExactly(1, 2, 3);
    }

    @Test
    void secondCheckInIsA409AlreadyCheckedInAndAddsNoEntry() {
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, given.doctor(), given.today());
        checkIn(appointment, patient);

        Reply again = checkIn(appointment, patient);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("AlreadyCheckedIn");
        assertThat(queueEntriesOf(appointment)).isEqualTo(1);
    }

    @Test
    void anotherPatientsAppointmentIsA400AndChangesNothing() {
        UUID appointment = given.booked(given.patient(), given.doctor(), given.today());

        Reply reply = checkIn(appointment, given.patient());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("AppointmentPatientMismatch");
        assertThat((String) reply.get("message")).contains("does not belong to this patient");
        assertThat(appointmentStatus(appointment)).isEqualTo("booked");
        assertThat(queueEntriesOf(appointment)).isZero();
    }

    @Test
    void futureAppointmentIsA422WithTheAppointmentDate() {
        UUID patient = given.patient();
        LocalDate tomorrow = given.tomorrow();
        UUID appointment = given.booked(patient, given.doctor(), tomorrow);

        Reply reply = checkIn(appointment, patient);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("InvalidCheckInDate");
        assertThat(reply.details()).containsEntry("appointment_date", tomorrow.toString());
        assertThat(appointmentStatus(appointment)).isEqualTo("booked");
        assertThat(queueEntriesOf(appointment)).isZero();
    }

    @Test
    void todayIsTheClinicsTodayNotTheServers() {
        // The JVM (and its JDBC session) run in Etc/GMT+12, the clinic in Pacific/Kiritimati: 26 hours apart.
        LocalDate serverToday = LocalDate.now();
        assertThat(serverToday).isBefore(given.today());
        UUID patient = given.patient();
        UUID doctor = given.doctor();
        UUID clinicToday = given.booked(patient, doctor, given.today());
        UUID serverTodayAppointment = given.booked(given.patient(), doctor, given.tomorrow());
        db.sql("UPDATE appointments SET date = ? WHERE id = ?")
                .params(serverToday, serverTodayAppointment)
                .update();

        assertThat(checkIn(clinicToday, patient).status()).isEqualTo(201);
        Reply refused = checkIn(serverTodayAppointment, patientOf(serverTodayAppointment));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error()).isEqualTo("InvalidCheckInDate");
    }

    @Test
    void cancelledCompletedOrNoShowAppointmentsCannotCheckIn() {
        for (String status : new String[] {"cancelled", "completed", "no_show"}) {
            UUID patient = given.patient();
            UUID appointment = given.booked(patient, given.doctor(), given.today());
            db.sql("UPDATE appointments SET status = ? WHERE id = ?")
                    .params(status, appointment)
                    .update();

            Reply reply = checkIn(appointment, patient);

            assertThat(reply.status()).as(status).isEqualTo(409);
            assertThat(reply.error()).isEqualTo("InvalidAppointmentStatus");
            assertThat(appointmentStatus(appointment)).isEqualTo(status);
            assertThat(queueEntriesOf(appointment)).isZero();
        }
    }

    @Test
    void unknownAppointmentIsA404AndMissingFieldsAre400() {
        Reply unknown = checkIn(UUID.randomUUID(), given.patient());
        Reply missing = Reply.post(http, "/api/v1/checkins", Map.of());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("AppointmentNotFound");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.details()).containsOnlyKeys("appointment_id", "patient_id");
    }
}
