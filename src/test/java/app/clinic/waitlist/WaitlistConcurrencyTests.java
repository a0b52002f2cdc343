package app.clinic.waitlist;

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

/** Real threads over two instances: one offer per freed place, capacity never exceeded, no booking lost. */
class WaitlistConcurrencyTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    private RestTestClient either(int i) {
        return i % 2 == 0 ? http : second.http();
    }

    @Test
    void cancelsBookingsAndJoinsRacingOnTwoInstancesGiveOneOfferPerFreedPlaceInJoinOrder() throws Exception {
        UUID doctor = given.doctorTakingPerDay(4);
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 4);
        List<UUID> waiters = given.patients(3);
        waiters.forEach(waiter -> given.waitlisted(waiter, doctor, day));
        List<UUID> bookers = given.patients(20);
        List<UUID> joiners = given.patients(10);

        List<Reply> replies = Concurrently.run(34, i -> () -> {
            if (i < 4) {
                return Reply.post(either(i), "/api/v1/appointments/" + booked.get(i) + "/cancel");
            }
            if (i < 24) {
                return Reply.post(
                        either(i), "/api/v1/appointments", ClinicFixtures.bookingBody(bookers.get(i - 4), doctor, day));
            }
            return Reply.post(
                    either(i), "/api/v1/waitlist", ClinicFixtures.bookingBody(joiners.get(i - 24), doctor, day));
        });

        assertThat(replies.subList(0, 4)).extracting(Reply::status).containsOnly(200);
        // a booker may take the fourth place: three were held for the three waiting, the fourth was free
        assertThat(replies.subList(4, 24)).extracting(Reply::status).isSubsetOf(201, 409);
        assertThat(replies.subList(4, 24))
                .filteredOn(reply -> reply.status() == 201)
                .hasSizeLessThanOrEqualTo(1);
        assertThat(waiters)
                .allSatisfy(waiter -> assertThat(given.offerOf(waiter)).isNotNull());
        long offers = count(
                "SELECT count(*) FROM waitlist_offers WHERE doctor_id = ? AND date = ? AND status = 'open'",
                doctor,
                day);
        long active = count(
                "SELECT count(*) FROM appointments WHERE doctor_id = ? AND date = ? AND status <> 'cancelled'",
                doctor,
                day);
        assertThat(count(
                        "SELECT count(*) FROM waitlist_entries WHERE doctor_id = ? AND date = ? AND status = 'offered'",
                        doctor,
                        day))
                .isEqualTo(offers);
        assertThat(offers + active).as("held and booked never pass the limit").isLessThanOrEqualTo(4);
        assertThat(count(
                        "SELECT count(*) FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ?"
                                + " AND held = ? AND booked = ?",
                        doctor,
                        day,
                        offers,
                        active))
                .as("the day's counts match its rows")
                .isEqualTo(1);
    }

    @Test
    void aLimitRaisedByOnePlaceOnTwoInstancesAtOnceGivesOneOfferToTheFirstInLine() throws Exception {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        given.booked(given.patient(), doctor, day);
        List<UUID> waiters = given.patients(3);
        waiters.forEach(waiter -> given.waitlisted(waiter, doctor, day));

        List<Reply> replies = Concurrently.run(
                10,
                i -> () -> Reply.patch(either(i), "/api/v1/doctors/" + doctor, Map.of("max_appointments_per_day", 2)));

        assertThat(replies).extracting(Reply::status).containsOnly(200);
        assertThat(count("SELECT count(*) FROM waitlist_offers WHERE doctor_id = ? AND date = ?", doctor, day))
                .isEqualTo(1);
        assertThat(given.offerOf(waiters.get(0))).isNotNull();
    }

    @Test
    void oneOfferAcceptedTwiceAtOnceOnTwoInstancesBooksOnce() throws Exception {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        UUID booked = given.booked(given.patient(), doctor, day);
        UUID waiter = given.patient();
        given.waitlisted(waiter, doctor, day);
        Reply.post(http, "/api/v1/appointments/" + booked + "/cancel");
        UUID offer = given.offerOf(waiter);

        List<Reply> replies =
                Concurrently.run(10, i -> () -> Reply.post(either(i), "/api/v1/waitlist/offers/" + offer + "/accept"));

        assertThat(replies).extracting(Reply::status).containsOnly(200, 201);
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        assertThat(replies)
                .extracting(reply -> reply.get("id"))
                .containsOnly(replies.get(0).get("id"));
        assertThat(count(
                        "SELECT count(*) FROM appointments WHERE doctor_id = ? AND date = ? AND status = 'booked'",
                        doctor,
                        day))
                .isEqualTo(1);
    }
}
