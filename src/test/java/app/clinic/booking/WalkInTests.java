package app.clinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Places kept for walk-ins: only the desk books them, on the day itself, unless released at WALK_IN_RELEASE_TIME. */
class WalkInTests extends HttpTest {

    /** An instance whose walk-in places are released from midnight: all day. */
    @RegisterExtension
    static final SecondInstance releasedAllDay = new SecondInstance("WALK_IN_RELEASE_TIME=00:00");

    private UUID doctorWithWalkIns(int limit, int walkIns) {
        UUID doctor = given.doctorTakingPerDay(limit);
        assertThat(Reply.patch(http, "/api/v1/doctors/" + doctor, Map.of("walk_in_places", walkIns))
                        .get("walk_in_places"))
                .isEqualTo(walkIns);
        return doctor;
    }

    private static Reply book(RestTestClient client, UUID doctor, UUID patient, LocalDate date) {
        return Reply.post(client, "/api/v1/appointments", ClinicFixtures.bookingBody(patient, doctor, date));
    }

    @Test
    void walkInPlacesAreRefusedToTheBotAndToTomorrowsBookingsAndAllowedToTheDeskToday() {
        UUID doctor = doctorWithWalkIns(3, 1);
        RestTestClient bot = clientWith(given.clientToken("bot"));
        RestTestClient desk = clientWith(given.staffToken("reception", null));
        LocalDate today = given.today();
        LocalDate tomorrow = given.tomorrow();

        book(bot, doctor, given.patient(), tomorrow);
        book(bot, doctor, given.patient(), tomorrow);
        Reply botTomorrow = book(bot, doctor, given.patient(), tomorrow);
        Reply deskTomorrow = book(desk, doctor, given.patient(), tomorrow);
        book(bot, doctor, given.patient(), today);
        book(bot, doctor, given.patient(), today);
        Reply botToday = book(bot, doctor, given.patient(), today);
        Reply deskToday = book(desk, doctor, given.patient(), today);
        Reply deskOnceFull = book(desk, doctor, given.patient(), today);

        assertThat(botTomorrow.error()).isEqualTo("CapacityFull");
        assertThat(deskTomorrow.error()).isEqualTo("CapacityFull");
        assertThat(botToday.error()).isEqualTo("CapacityFull");
        assertThat(deskToday.status()).isEqualTo(201);
        assertThat(deskToday.get("walk_in")).isEqualTo(true);
        assertThat(deskOnceFull.error()).isEqualTo("CapacityFull");
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + today)
                        .body())
                .containsEntry("booked", 3)
                .containsEntry("walk_ins", 1)
                .containsEntry("remaining", 0);
    }

    @Test
    void aWalkInBookedEarlyLeavesTheRestOfTheDayToAdvanceBookingsAndItsCancelGivesTheWalkInPlaceBack() {
        UUID doctor = doctorWithWalkIns(3, 1);
        RestTestClient desk = clientWith(given.staffToken("reception", null));
        LocalDate today = given.today();

        UUID walkIn =
                ClinicFixtures.id(book(desk, doctor, given.patient(), today).body());
        Reply.post(http, "/api/v1/appointments/" + walkIn + "/cancel");
        UUID again =
                ClinicFixtures.id(book(desk, doctor, given.patient(), today).body());

        assertThat(Reply.get(http, "/api/v1/appointments/" + again).get("walk_in"))
                .isEqualTo(true);
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + today)
                        .body())
                .containsEntry("walk_ins", 1)
                .containsEntry("remaining", 2);
    }

    @Test
    void fromTheReleaseTimeTheBotMayBookTodaysUnusedWalkInPlaces() {
        UUID doctor = doctorWithWalkIns(2, 1);
        RestTestClient bot = releasedAllDay.clientWith(given.clientToken("bot"));
        LocalDate today = given.today();

        Reply first = book(bot, doctor, given.patient(), today);
        Reply second = book(bot, doctor, given.patient(), today);
        Reply tomorrow1 = book(bot, doctor, given.patient(), given.tomorrow());
        Reply tomorrow2 = book(bot, doctor, given.patient(), given.tomorrow());

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.get("walk_in")).isEqualTo(false);
        assertThat(tomorrow1.status()).isEqualTo(201);
        assertThat(tomorrow2.error()).as("tomorrow's are not released yet").isEqualTo("CapacityFull");
    }
}
