package app.clinic.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DoctorAvailabilityTests extends HttpTest {

    private Reply setAvailability(UUID doctor, LocalDate date, boolean present, String notes) {
        return Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/availability",
                notes == null
                        ? Map.of("date", date.toString(), "is_present", present)
                        : Map.of("date", date.toString(), "is_present", present, "notes", notes));
    }

    @Test
    void firstSetCreatesWith201AndTheNextUpdatesWith200() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();

        Reply created = setAvailability(doctor, day, true, "Morning shift");
        Reply updated = setAvailability(doctor, day, false, "On leave");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body())
                .containsEntry("doctor_id", doctor.toString())
                .containsEntry("date", day.toString())
                .containsEntry("is_present", true)
                .containsEntry("notes", "Morning shift")
                .containsKeys("id", "updated_at");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.get("id")).isEqualTo(created.get("id"));
        assertThat(updated.get("is_present")).isEqualTo(false);
        assertThat(count("SELECT count(*) FROM doctor_daily_availabilities WHERE doctor_id = ?", doctor))
                .isEqualTo(1);
    }

    @Test
    void concurrentUpsertsOfOneDayLeaveOneRowAndNoError() throws Exception {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();

        List<Reply> replies = Concurrently.run(16, i -> () -> setAvailability(doctor, day, i % 2 == 0, "n" + i));

        assertThat(replies).extracting(Reply::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(count("SELECT count(*) FROM doctor_daily_availabilities WHERE doctor_id = ?", doctor))
                .isEqualTo(1);
    }

    @Test
    void availabilityOfADayIsReadBackOr404WhenNotSet() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        setAvailability(doctor, day, false, null);

        http.get()
                .uri("/api/v1/doctors/{id}/availability?date={d}", doctor, day)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.is_present")
                .isEqualTo(false);
        http.get()
                .uri("/api/v1/doctors/{id}/availability?date={d}", doctor, day.plusDays(1))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("AvailabilityNotFound");
    }

    @Test
    void rangeListsTheRecordsOfAWeekInDateOrder() {
        UUID doctor = given.doctor();
        LocalDate monday = given.tomorrow();
        setAvailability(doctor, monday.plusDays(3), false, "Conference");
        setAvailability(doctor, monday, true, null);
        setAvailability(doctor, monday.plusDays(10), true, null);

        http.get()
                .uri("/api/v1/doctors/{id}/availability?from={f}&to={t}", doctor, monday, monday.plusDays(6))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].date")
                .isEqualTo(monday.toString())
                .jsonPath("$[1].notes")
                .isEqualTo("Conference");
    }

    @Test
    void rangeIsAtMost92DaysAndNeedsBothEnds() {
        UUID doctor = given.doctor();
        LocalDate from = given.tomorrow();

        http.get()
                .uri("/api/v1/doctors/{id}/availability?from={f}&to={t}", doctor, from, from.plusDays(91))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/v1/doctors/{id}/availability?from={f}&to={t}", doctor, from, from.plusDays(92))
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri("/api/v1/doctors/{id}/availability?from={f}&to={t}", doctor, from, from.minusDays(1))
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri("/api/v1/doctors/{id}/availability?from={f}", doctor, from)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details.to")
                .exists();
    }

    @Test
    void unknownDoctorIs404AndMalformedDateIs400AndNothingIsStored() {
        long before = count("SELECT count(*) FROM doctor_daily_availabilities");

        Reply unknown = setAvailability(UUID.randomUUID(), given.tomorrow(), true, null);
        Reply malformed = Reply.post(
                http,
                "/api/v1/doctors/" + given.doctor() + "/availability",
                Map.of("date", "2025-13-45", "is_present", true));
        Reply missing = Reply.post(http, "/api/v1/doctors/" + given.doctor() + "/availability", Map.of("notes", "x"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("DoctorNotFound");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.details()).containsOnlyKeys("date");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.details()).containsOnlyKeys("date", "is_present");
        assertThat(count("SELECT count(*) FROM doctor_daily_availabilities")).isEqualTo(before);
        http.get()
                .uri("/api/v1/doctors/{id}/availability?date=tomorrow", given.doctor())
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
