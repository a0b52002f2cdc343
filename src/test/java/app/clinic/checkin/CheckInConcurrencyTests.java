package app.clinic.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

class CheckInConcurrencyTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    private record Booked(UUID appointment, UUID patient) {}

    private List<Booked> bookedToday(UUID doctor, int count) {
        List<Booked> booked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID patient = given.patient();
            booked.add(new Booked(given.booked(patient, doctor, given.today()), patient));
        }
        return booked;
    }

    private static Reply checkIn(RestTestClient client, Booked booked) {
        return Reply.post(
                client,
                "/api/v1/checkins",
                Map.of(
                        "appointment_id",
                        booked.appointment().toString(),
                        "patient_id",
                        booked.patient().toString()));
    }

    @Test
    void tenSimultaneousCheckInsAllSucceedWithPositionsOneToTen() throws Exception {
        tenSimultaneousCheckInsGetPositionsOneToTen(false);
    }

    @Test
    void tenSimultaneousCheckInsOverTwoInstancesGetPositionsOneToTen() throws Exception {
        tenSimultaneousCheckInsGetPositionsOneToTen(true);
    }

    private void tenSimultaneousCheckInsGetPositionsOneToTen(boolean overTwoInstances) throws Exception {
        UUID doctor = given.doctor();
        List<Booked> booked = bookedToday(doctor, 10);

        List<Reply> replies = Concurrently.run(
                10, i -> () -> checkIn(overTwoInstances && i % 2 == 1 ? second.http() : http, booked.get(i)));

        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies)
                .extracting(reply -> reply.get("queue_position"))
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertPositionsAreGapless(doctor, 10);
    }

    @Test
    void simultaneousDuplicateCheckInsOfOneAppointmentAddOneEntry() throws Exception {
        UUID doctor = given.doctor();
        Booked booked = bookedToday(doctor, 1).get(0);

        List<Reply> replies = Concurrently.run(6, i -> () -> checkIn(i % 2 == 0 ? http : second.http(), booked));

        assertThat(replies).extracting(Reply::status).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(count("SELECT count(*) FROM queue_entries WHERE appointment_id = ?", booked.appointment()))
                .isEqualTo(1);
    }

    @Test
    void fiveSimultaneousCallNextOnAQueueOfThreeCallThreeDistinctPatients() throws Exception {
        UUID doctor = given.doctor();
        List<Booked> booked = bookedToday(doctor, 3);
        for (Booked each : booked) {
            checkIn(http, each);
        }

        List<Reply> replies = Concurrently.run(
                5,
                i -> () -> Reply.post(
                        i % 2 == 0 ? http : second.http(),
                        "/api/v1/doctors/" + doctor + "/queue/call-next?date=" + given.today()));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(3);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 200)
                .extracting(reply -> reply.get("id"))
                .doesNotHaveDuplicates();
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 404)
                .extracting(Reply::error)
                .containsExactly("QueueEmpty", "QueueEmpty");
        assertThat(count("SELECT count(*) FROM queue_entries WHERE doctor_id = ? AND status = 'called'", doctor))
                .isEqualTo(3);
    }

    private void assertPositionsAreGapless(UUID doctor, int expected) {
        assertThat(db.sql("SELECT position FROM queue_entries WHERE doctor_id = ? ORDER BY position")
                        .param(doctor)
                        .query(Integer.class)
                        .list())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, expected)
                        .boxed()
                        .toList());
    }
}
