package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * Every list that grows without bound pages: {@code limit} (default 100, at most 500) and a cursor, the next page
 * announced in a Link header, the body the bare array it always was. One table drives the lists.
 */
class PaginationTests extends HttpTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    /** Each list, made with seven items, as the path that lists them. */
    private List<Supplier<String>> lists() {
        return List.of(
                this::doctorsOfASpecialty,
                this::patientsSharingAPhone,
                this::aDoctorsDay,
                this::aPatientsHistory,
                this::aDoctorsQueue);
    }

    @Test
    void pagesOfTwoFollowedThroughTheirLinksGiveTheWholeListOnceInOrder() {
        for (Supplier<String> list : lists()) {
            String path = list.get();
            List<Object> whole = ids(http.get().uri(path).exchange().returnResult(List.class));
            assertThat(whole).as(path).hasSize(7);

            List<Object> paged = new ArrayList<>();
            String next = path + (path.contains("?") ? "&" : "?") + "limit=2";
            // The links are followed as they come: built from the request, no character in them needs escaping.
            int pages = 0;
            while (next != null) {
                EntityExchangeResult<List> page =
                        http.get().uri(next).exchange().returnResult(List.class);
                assertThat(page.getStatus().value()).as(next).isEqualTo(200);
                assertThat(page.getResponseBody()).hasSizeLessThanOrEqualTo(2);
                paged.addAll(ids(page));
                next = nextLink(page);
                pages++;
            }
            assertThat(pages).as(path).isEqualTo(4);
            assertThat(paged).as(path).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void aLimitOutsideOneTo500OrACursorOfNoListIsA400() {
        String path = doctorsOfASpecialty();
        for (String query : List.of("limit=0", "limit=501", "limit=many", "cursor=not-a-cursor", "cursor=AAAA")) {
            http.get()
                    .uri(path + "&" + query)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("InvalidParameter");
        }
    }

    private String doctorsOfASpecialty() {
        String specialty = "Paging-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            given.post(
                    "/api/v1/doctors",
                    Map.of("name", "Dr. Page " + (i % 3), "code", "DR_" + UUID.randomUUID(), "specialty", specialty),
                    201);
        }
        return "/api/v1/doctors?specialty=" + specialty;
    }

    private String patientsSharingAPhone() {
        String phone = ClinicFixtures.uniquePhone();
        for (int i = 0; i < 7; i++) {
            given.post("/api/v1/patients", Map.of("first_name", "Member" + i, "phone", phone), 201);
        }
        return "/api/v1/patients?phone=" + phone.substring(3); // national format: no character to escape
    }

    /** Seven rows, two of them on one slot: a cancelled booking and the one that took its place. */
    private String aDoctorsDay() {
        UUID doctor = given.doctor();
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 6);
        given.post("/api/v1/appointments/" + booked.get(2) + "/cancel", Map.of(), 200);
        given.booked(given.patient(), doctor, day);
        return "/api/v1/doctors/" + doctor + "/appointments?date=" + day;
    }

    private String aPatientsHistory() {
        UUID patient = given.patient();
        for (int i = 0; i < 7; i++) {
            given.booked(patient, given.doctor(), given.today().plusDays(i % 3));
        }
        return "/api/v1/patients/" + patient + "/appointments";
    }

    private String aDoctorsQueue() {
        UUID doctor = given.doctor();
        for (int i = 0; i < 7; i++) {
            UUID patient = given.patient();
            UUID appointment = given.booked(patient, doctor, given.today());
            given.post("/api/v1/checkins", Map.of("appointment_id", appointment, "patient_id", patient), 201);
        }
        return "/api/v1/doctors/" + doctor + "/queue?date=" + given.today();
    }

    /** Each item's id: the appointment's, the patient's, the doctor's, or the queue entry's. */
    private static List<Object> ids(EntityExchangeResult<List> result) {
        List<Object> ids = new ArrayList<>();
        for (Object item : (List<?>) result.getResponseBody()) {
            Map<?, ?> fields = (Map<?, ?>) item;
            ids.add(fields.containsKey("id") ? fields.get("id") : fields.get("queue_entry_id"));
        }
        return ids;
    }

    private static String nextLink(EntityExchangeResult<?> page) {
        String link = page.getResponseHeaders().getFirst("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        return matcher.group(1);
    }
}
