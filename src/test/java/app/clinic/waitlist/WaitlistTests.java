package app.clinic.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A full day's waitlist: a freed place is held for the first in line, who accepts, declines or lets it expire. */
class WaitlistTests extends HttpTest {

    @Autowired
    WaitlistService waitlist;

    @Autowired
    MeterRegistry meters;

    private double offers(String outcome) {
        var counter =
                meters.find("clinic.waitlist.offers").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private Reply accept(UUID offer) {
        return Reply.post(http, "/api/v1/waitlist/offers/" + offer + "/accept");
    }

    private long held(UUID doctor, LocalDate date) {
        return count(
                "SELECT COALESCE(sum(held), 0) FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ?",
                doctor,
                date);
    }

    @Test
    void aPlaceFreedOnAFullDayIsHeldForTheFirstWaitingPatientAndNoConcurrentBookerTakesIt() throws Exception {
        UUID doctor = given.doctorTakingPerDay(5);
        LocalDate day = given.tomorrow();
        List<UUID> booked = given.bookedPatients(doctor, day, 5);
        List<UUID> waiters = given.patients(3);
        waiters.forEach(waiter -> given.waitlisted(waiter, doctor, day));
        List<UUID> bookers = given.patients(20);

        List<Reply> replies = Concurrently.run(
                21,
                i -> () -> i == 0
                        ? Reply.post(http, "/api/v1/appointments/" + booked.get(0) + "/cancel")
                        : Reply.post(
                                http,
                                "/api/v1/appointments",
                                ClinicFixtures.bookingBody(bookers.get(i - 1), doctor, day)));

        assertThat(replies.get(0).status()).isEqualTo(200);
        assertThat(replies.subList(1, 21)).extracting(Reply::error).containsOnly("CapacityFull");
        UUID offer = given.offerOf(waiters.get(0));
        assertThat(offer).isNotNull();
        assertThat(given.offerOf(waiters.get(1))).isNull();
        assertThat(held(doctor, day)).isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM notification_events WHERE type = 'waitlist.offered' AND data->>'offer_id' = ?",
                        offer.toString()))
                .isEqualTo(1);

        Reply accepted = accept(offer);
        Reply again = accept(offer);

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.get("patient_id")).isEqualTo(waiters.get(0).toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("id")).isEqualTo(accepted.get("id"));
        assertThat(held(doctor, day)).isZero();
        assertThat(appointmentsOf(doctor)).isEqualTo(6); // 5 booked, one cancelled, one from the waitlist
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + day)
                        .body())
                .containsEntry("booked", 5)
                .containsEntry("held", 0)
                .containsEntry("remaining", 0);
    }

    @Test
    void anExpiredOfferPassesToTheNextInLineAndCanNoLongerBeAccepted() {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        UUID booked = given.booked(given.patient(), doctor, day);
        List<UUID> waiters = given.patients(2);
        waiters.forEach(waiter -> given.waitlisted(waiter, doctor, day));
        Reply.post(http, "/api/v1/appointments/" + booked + "/cancel");
        UUID first = given.offerOf(waiters.get(0));

        boolean early = waitlist.expire(first, clock.instant().plus(Duration.ofMinutes(29)));
        boolean expired = waitlist.expire(first, clock.instant().plus(Duration.ofMinutes(31)));

        assertThat(early).as("not before its 30 minutes").isFalse();
        assertThat(expired).isTrue();
        assertThat(accept(first).error()).isEqualTo("OfferExpired");
        UUID second = given.offerOf(waiters.get(1));
        assertThat(second).isNotNull();
        assertThat(held(doctor, day)).isEqualTo(1);
        assertThat(accept(second).status()).isEqualTo(201);
    }

    @Test
    void aDeclinedOfferOrAPatientLeavingPassesThePlaceOn() {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        UUID booked = given.booked(given.patient(), doctor, day);
        List<UUID> waiters = given.patients(3);
        List<UUID> entries = waiters.stream()
                .map(waiter -> given.waitlisted(waiter, doctor, day))
                .toList();
        Reply.post(http, "/api/v1/appointments/" + booked + "/cancel");
        double declinedBefore = offers("declined");
        double withdrawnBefore = offers("withdrawn");

        Reply declined = Reply.post(http, "/api/v1/waitlist/offers/" + given.offerOf(waiters.get(0)) + "/decline");
        Reply left = Reply.delete(http, "/api/v1/waitlist/" + entries.get(1));

        assertThat(declined.get("status")).isEqualTo("declined");
        assertThat(left.get("status")).isEqualTo("left");
        assertThat(offers("declined") - declinedBefore).isEqualTo(1);
        assertThat(offers("withdrawn") - withdrawnBefore).isEqualTo(1);
        assertThat(given.offerOf(waiters.get(2))).isNotNull();
        assertThat(held(doctor, day)).isEqualTo(1);
        assertThat(Reply.post(http, "/api/v1/waitlist/offers/" + given.offerOf(waiters.get(2)) + "/decline")
                        .get("status"))
                .isEqualTo("declined");
        assertThat(held(doctor, day)).as("nobody left to hold it for").isZero();
        assertThat(Reply.get(http, "/api/v1/doctors/" + doctor + "/capacity?date=" + day)
                        .get("remaining"))
                .isEqualTo(1);
    }

    @Test
    void raisingTheLimitOffersTheNewPlacesInTheOrderPatientsJoined() {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        given.booked(given.patient(), doctor, day);
        List<UUID> waiters = given.patients(3);
        waiters.forEach(waiter -> given.waitlisted(waiter, doctor, day));

        Reply.patch(http, "/api/v1/doctors/" + doctor, Map.of("max_appointments_per_day", 3));

        assertThat(waiters.stream().map(waiter -> given.offerOf(waiter) != null).toList())
                .containsExactly(true, true, false);
        assertThat(held(doctor, day)).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void joiningIsForFullDaysOnlyOnceAndTheListsShowEachEntryWithItsOffer() {
        UUID doctor = given.doctorTakingPerDay(1);
        LocalDate day = given.tomorrow();
        UUID booker = given.patient();
        given.booked(booker, doctor, day);
        UUID waiter = given.patient();

        Reply joined = Reply.post(http, "/api/v1/waitlist", ClinicFixtures.bookingBody(waiter, doctor, day));
        Reply again = Reply.post(http, "/api/v1/waitlist", ClinicFixtures.bookingBody(waiter, doctor, day));
        Reply booked = Reply.post(http, "/api/v1/waitlist", ClinicFixtures.bookingBody(booker, doctor, day));
        Reply notFull =
                Reply.post(http, "/api/v1/waitlist", ClinicFixtures.bookingBody(waiter, doctor, day.plusDays(1)));
        Reply past = Reply.post(
                http,
                "/api/v1/waitlist",
                ClinicFixtures.bookingBody(waiter, doctor, given.today().minusDays(1)));

        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.body()).containsEntry("status", "waiting").containsEntry("offer", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("id")).isEqualTo(joined.get("id"));
        assertThat(booked.error()).isEqualTo("DuplicateBooking");
        assertThat(notFull.error()).isEqualTo("PlacesAvailable");
        assertThat(past.error()).isEqualTo("DateInPast");

        List<Map<String, Object>> list = http.get()
                .uri("/api/v1/waitlist?doctor_id={doctor}&date={date}", doctor, day)
                .exchange()
                .returnResult(List.class)
                .getResponseBody();
        assertThat(list).extracting(entry -> entry.get("patient_id")).containsExactly(waiter.toString());
    }
}
