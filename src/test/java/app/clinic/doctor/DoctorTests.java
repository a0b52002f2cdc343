package app.clinic.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class DoctorTests extends HttpTest {

    private static String uniqueCode() {
        return "DR_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void creatingADoctorReturns201WithTheBody() {
        String code = uniqueCode();
        Reply reply = Reply.post(
                http, "/api/v1/doctors", Map.of("name", "Dr. Smith", "code", code, "specialty", "Cardiology"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body())
                .containsEntry("name", "Dr. Smith")
                .containsEntry("code", code)
                .containsEntry("specialty", "Cardiology")
                .containsEntry("max_appointments_per_day", null)
                .containsKeys("id", "created_at");
    }

    @Test
    void duplicateCodeInAnyLetterCaseIsA409() {
        String code = uniqueCode();
        Reply.post(http, "/api/v1/doctors", Map.of("name", "Dr. A", "code", code));

        Reply duplicate = Reply.post(http, "/api/v1/doctors", Map.of("name", "Dr. B", "code", code.toLowerCase()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("DuplicateDoctorCode");
        assertThat(count("SELECT count(*) FROM doctor_masters WHERE lower(code) = lower(?)", code))
                .isEqualTo(1);
    }

    @Test
    void concurrentCreationWithOneCodeLeavesOneDoctorAnd409sForTheRest() throws Exception {
        String code = uniqueCode();

        List<Reply> replies = Concurrently.run(
                12, i -> () -> Reply.post(http, "/api/v1/doctors", Map.of("name", "Dr. Race " + i, "code", code)));

        assertThat(replies).extracting(Reply::status).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(count("SELECT count(*) FROM doctor_masters WHERE code = ?", code))
                .isEqualTo(1);
    }

    @Test
    void invalidDoctorFieldsAreEachReportedAndNothingIsStored() {
        long before = count("SELECT count(*) FROM doctor_masters");
        Reply reply = Reply.post(
                http, "/api/v1/doctors", Map.of("name", "", "code", "has space", "max_appointments_per_day", 501));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.details()).containsOnlyKeys("name", "code", "max_appointments_per_day");
        assertThat(count("SELECT count(*) FROM doctor_masters")).isEqualTo(before);
    }

    @Test
    void doctorsAreListedByNameAndFilteredBySpecialty() {
        String specialty = "Specialty " + UUID.randomUUID();
        Reply.post(http, "/api/v1/doctors", Map.of("name", "Dr. Zed", "code", uniqueCode(), "specialty", specialty));
        Reply.post(http, "/api/v1/doctors", Map.of("name", "Dr. Abel", "code", uniqueCode(), "specialty", specialty));

        http.get()
                .uri("/api/v1/doctors?specialty={s}", specialty.toUpperCase())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].name")
                .isEqualTo("Dr. Abel")
                .jsonPath("$[1].name")
                .isEqualTo("Dr. Zed");
    }

    @Test
    void patchChangesOnlyTheFieldsItCarries() {
        UUID doctor = given.doctorTakingPerDay(12);

        patch(doctor, Map.of("name", "Dr. Renamed"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Dr. Renamed")
                .jsonPath("$.specialty")
                .isEqualTo("General")
                .jsonPath("$.max_appointments_per_day")
                .isEqualTo(12);

        Map<String, Object> backToDefault = new HashMap<>();
        backToDefault.put("max_appointments_per_day", null);
        patch(doctor, backToDefault)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Dr. Renamed")
                .jsonPath("$.max_appointments_per_day")
                .isEmpty();
    }

    @Test
    void patchRefusesInvalidValuesAndUnknownDoctors() {
        UUID doctor = given.doctor();
        patch(doctor, Map.of("max_appointments_per_day", 0)).expectStatus().isBadRequest();
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        patch(doctor, nullName).expectStatus().isBadRequest();
        patch(UUID.randomUUID(), Map.of("name", "X"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("DoctorNotFound");
    }

    @Test
    void unknownDoctorIsA404() {
        http.get()
                .uri("/api/v1/doctors/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("DoctorNotFound");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec patch(
            UUID doctor, Map<String, Object> body) {
        return http.patch()
                .uri("/api/v1/doctors/{id}", doctor)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }
}
