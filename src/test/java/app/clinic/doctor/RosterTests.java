package app.clinic.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A doctor's day by the one rule: the date's own record, else the roster's weekday in its period, else present. */
class RosterTests extends HttpTest {

    private void putRoster(UUID doctor, Map<String, Object> roster) {
        http.put()
                .uri("/api/v1/doctors/{id}/roster", doctor)
                .contentType(MediaType.APPLICATION_JSON)
                .body(roster)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private Reply setDay(UUID doctor, LocalDate date, boolean present, Integer limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("date", date.toString());
        body.put("is_present", present);
        body.put("daily_limit", limit);
        return Reply.post(http, "/api/v1/doctors/" + doctor + "/availability", body);
    }

    /** What the capacity route says of the day: present, limit, walk-in places. */
    private String day(UUID doctor, LocalDate date) {
        Reply capacity = Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + date);
        return capacity.get("is_present") + " " + capacity.get("capacity") + " " + capacity.get("walk_in_places");
    }

    @Test
    void aDayIsDecidedByItsOwnRecordThenTheRosterWithinItsPeriodThenTheDoctorThenTheClinic() {
        UUID doctor = given.doctorTakingPerDay(7);
        Reply.patch(http, "/api/v1/doctors/" + doctor, Map.of("walk_in_places", 1));
        UUID plain = given.doctor(); // no limit, no roster: the clinic's 10, present every day
        LocalDate monday = given.today().plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        putRoster(
                doctor,
                Map.of(
                        "valid_from",
                        monday.toString(),
                        "valid_until",
                        monday.plusDays(13).toString(),
                        "weekdays",
                        List.of(
                                Map.of("weekday", "monday", "daily_limit", 4, "walk_in_places", 2),
                                Map.of("weekday", "wednesday"))));
        setDay(doctor, monday.plusDays(2), true, null);
        setDay(doctor, monday.plusDays(7), false, null);
        setDay(doctor, monday.plusDays(8), true, 3);

        record Case(String why, LocalDate date, String expected) {}
        List<Case> cases = List.of(
                new Case("before the roster's period: as without one", monday.minusDays(1), "true 7 1"),
                new Case("a rostered weekday with its own limit and walk-ins", monday, "true 4 2"),
                new Case("a weekday off the roster", monday.plusDays(1), "false 7 1"),
                new Case("a date record on a rostered weekday, no limit", monday.plusDays(2), "true 7 1"),
                new Case("a rostered weekday without a limit", monday.plusDays(9), "true 7 1"),
                new Case("a date record of absence on a rostered weekday", monday.plusDays(7), "false 4 2"),
                new Case("a date record with a limit on a weekday off", monday.plusDays(8), "true 3 1"),
                new Case("after the roster's period: as without one", monday.plusDays(14), "true 7 1"));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            String actual = day(doctor, c.date());
            if (!actual.equals(c.expected())) {
                wrong.add(c.why() + " (" + c.date() + "): " + actual + ", expected " + c.expected());
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(day(plain, monday.plusDays(1))).isEqualTo("true 10 0");
    }

    @Test
    void bookingKeepsTheRostersDaysAndLimitsWithTheWalkInPlacesKept() {
        UUID doctor = given.doctor();
        LocalDate monday = given.today().plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        putRoster(
                doctor,
                Map.of(
                        "valid_from",
                        given.today().toString(),
                        "weekdays",
                        List.of(Map.of("weekday", "monday", "daily_limit", 3, "walk_in_places", 1))));

        Reply tuesday = Reply.post(
                http, "/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, monday.plusDays(1)));
        given.booked(given.patient(), doctor, monday);
        given.booked(given.patient(), doctor, monday);
        Reply third =
                Reply.post(http, "/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, monday));

        assertThat(tuesday.status()).isEqualTo(422);
        assertThat(tuesday.error()).isEqualTo("DoctorUnavailable");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.error()).isEqualTo("CapacityFull");
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + monday)
                        .body())
                .containsEntry("capacity", 3)
                .containsEntry("booked", 2)
                .containsEntry("remaining", 0)
                .containsEntry("walk_in_places", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRosterReadsBackAsPutAndBadRostersAreRefusedChangingNothing() {
        UUID doctor = given.doctor();
        LocalDate from = given.today();
        putRoster(
                doctor,
                Map.of(
                        "valid_from",
                        from.toString(),
                        "weekdays",
                        List.of(Map.of("weekday", "friday", "daily_limit", 5), Map.of("weekday", "Monday"))));

        Reply twice = Reply.put(
                http,
                "/api/v1/doctors/" + doctor + "/roster",
                Map.of(
                        "valid_from",
                        from.toString(),
                        "weekdays",
                        List.of(Map.of("weekday", "monday"), Map.of("weekday", "monday"))));
        Reply backwards = Reply.put(
                http,
                "/api/v1/doctors/" + doctor + "/roster",
                Map.of(
                        "valid_from",
                        from.toString(),
                        "valid_until",
                        from.minusDays(1).toString(),
                        "weekdays",
                        List.of()));
        Reply notADay = Reply.put(
                http,
                "/api/v1/doctors/" + doctor + "/roster",
                Map.of("valid_from", from.toString(), "weekdays", List.of(Map.of("weekday", "someday"))));

        assertThat(List.of(twice.status(), backwards.status(), notADay.status()))
                .containsOnly(400);
        Reply roster = Reply.get(http, "/api/v1/doctors/" + doctor + "/roster");
        assertThat(roster.get("valid_from")).isEqualTo(from.toString());
        assertThat((List<Map<String, Object>>) roster.get("weekdays"))
                .extracting(day -> day.get("weekday") + " " + day.get("daily_limit"))
                .containsExactly("monday null", "friday 5");
        assertThat(Reply.get(http, "/api/v1/doctors/" + given.doctor() + "/roster")
                        .error())
                .isEqualTo("RosterNotFound");
    }
}
