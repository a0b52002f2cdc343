package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "When can I come?": the days a doctor works with places left to an advance booking, for a range, in one query. */
class OpenDaysTests extends HttpTest {

    @SuppressWarnings("unchecked")
    private List<String> openDays(String uri) {
        Reply reply = Reply.get(http, uri);
        assertThat(reply.status()).as("%s answered %s", uri, reply.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) reply.get("open_days"))
                .stream()
                        .map(day -> day.get("date") + " " + day.get("remaining"))
                        .toList();
    }

    @Test
    void aMonthShowsTheWorkedDaysWithPlacesLeftAndSkipsAbsencesFullDaysAndDaysOff() {
        UUID doctor = given.doctorTakingPerDay(2);
        LocalDate today = given.today();
        given.roster(doctor, today, "monday", "tuesday", "wednesday", "thursday", "friday");
        List<LocalDate> weekdays = today.datesUntil(today.plusDays(31))
                .filter(date -> date.getDayOfWeek().getValue() <= 5)
                .filter(date -> !date.equals(today))
                .toList();
        LocalDate absent = weekdays.get(1);
        LocalDate full = weekdays.get(2);
        LocalDate half = weekdays.get(3);
        LocalDate saturday = today.plusDays(1)
                .datesUntil(today.plusDays(31))
                .filter(date -> date.getDayOfWeek() == DayOfWeek.SATURDAY)
                .findFirst()
                .orElseThrow();
        given.doctorAbsent(doctor, absent);
        Reply.post(
                http,
                "/api/v1/doctors/" + doctor + "/availability",
                Map.of("date", saturday.toString(), "is_present", true, "daily_limit", 5));
        given.bookedPatients(doctor, full, 2);
        given.bookedPatients(doctor, half, 1);

        List<String> expected = new ArrayList<>();
        for (LocalDate date : today.plusDays(1).datesUntil(today.plusDays(31)).toList()) {
            boolean worked = date.getDayOfWeek().getValue() <= 5 && !date.equals(absent) || date.equals(saturday);
            int remaining = date.equals(saturday) ? 5 : date.equals(full) ? 0 : date.equals(half) ? 1 : 2;
            if (worked && remaining > 0) {
                expected.add(date + " " + remaining);
            }
        }

        assertThat(openDays("/api/v1/doctors/" + doctor + "/open-days?from=" + today.plusDays(1) + "&days=30"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void daysGoneByOrBeyondTheHorizonAreNeverOpenAndARangeIsAtMost92Days() {
        UUID doctor = given.doctor();
        LocalDate today = given.today();

        assertThat(openDays("/api/v1/doctors/" + doctor + "/open-days?from=" + today.minusDays(5) + "&days=6"))
                .containsExactly(today + " 10");
        assertThat(openDays("/api/v1/doctors/" + doctor + "/open-days?from=" + today.plusDays(85) + "&days=10"))
                .hasSize(6); // the horizon is 90 days
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/open-days?days=93")
                        .status())
                .isEqualTo(400);
        assertThat(Reply.get(http, "/api/v1/doctors/" + UUID.randomUUID() + "/open-days")
                        .error())
                .isEqualTo("DoctorNotFound");
    }

    @Test
    @SuppressWarnings("unchecked")
    void acrossDoctorsOpenDaysComeByDateThenDoctorForOneSpecialty() {
        String specialty = "Specialty " + UUID.randomUUID();
        UUID first = doctorOf(specialty, "A doctor", 1);
        UUID second = doctorOf(specialty, "B doctor", 1);
        doctorOf("Another " + specialty, "C doctor", 1);
        LocalDate tomorrow = given.tomorrow();
        given.booked(given.patient(), first, tomorrow);

        Reply reply = Reply.get(
                http, "/api/v1/open-days?specialty=" + specialty.toUpperCase() + "&from=" + tomorrow + "&days=2");

        assertThat((List<Map<String, Object>>) reply.get("open_days"))
                .extracting(day -> day.get("date") + " " + day.get("doctor_id") + " " + day.get("remaining"))
                .containsExactly(
                        tomorrow + " " + second + " 1",
                        tomorrow.plusDays(1) + " " + first + " 1",
                        tomorrow.plusDays(1) + " " + second + " 1");
    }

    private UUID doctorOf(String specialty, String name, int limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("code", "OD_" + UUID.randomUUID().toString().substring(0, 8));
        body.put("specialty", specialty);
        body.put("max_appointments_per_day", limit);
        return ClinicFixtures.id(given.post("/api/v1/doctors", body, 201));
    }
}
