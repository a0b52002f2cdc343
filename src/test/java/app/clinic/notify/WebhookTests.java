package app.clinic.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import app.clinic.ClinicFixtures;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks to a real receiver on loopback: signed, retried, in order, never pointed inside the clinic. */
class WebhookTests extends WebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DeliveryRepository deliveryStore;

    @Autowired
    private FirstAttempts firstAttempts;

    @Test
    void aBookingReachesItsSubscriberSignedAsStandardWebhooksSays() throws Exception {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        UUID doctor = given.doctor();
        UUID patient = given.patient();

        UUID appointment = given.booked(patient, doctor, given.today());

        WebhookReceiver.Received request = receiver.awaitRequests(1).get(0);
        assertThatCode(() -> new Webhook((String) webhook.get("secret")).verify(request.body(), request.headers()))
                .doesNotThrowAnyException();
        Map<String, Object> body = parse(request.body());
        assertThat(body).containsOnlyKeys("type", "timestamp", "data");
        assertThat(body.get("type")).isEqualTo("appointment.booked");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertThat(data)
                .containsEntry("appointment_id", appointment.toString())
                .containsEntry("patient_id", patient.toString())
                .containsEntry("doctor_id", doctor.toString())
                .containsEntry("date", given.today().toString())
                .containsEntry("token", 1)
                .containsEntry("status", "booked")
                .doesNotContainKey("patient_phone");
        UUID event = db.sql(
                        "SELECT id FROM notification_events WHERE appointment_id = ? AND type = 'appointment.booked'")
                .param(appointment)
                .query(UUID.class)
                .single();
        assertThat(request.header("webhook-id")).isEqualTo("msg_" + event);
        receiver.assertNothingMoreWithin(Duration.ofMillis(500), 1);
    }

    @Test
    void onlyTheSubscriptionThatAskedForItGetsThePatientsPhone() {
        try (WebhookReceiver bot = new WebhookReceiver()) {
            subscribe(receiver.url(), List.of("appointment.booked"), false);
            subscribe(bot.url(), List.of("appointment.booked"), true);
            String phone = ClinicFixtures.uniquePhone();
            UUID patient = ClinicFixtures.id(
                    given.post("/api/v1/patients", Map.of("first_name", "Ravi", "phone", phone), 201));

            given.booked(patient, given.doctor(), given.today());

            assertThat(bot.awaitRequests(1).get(0).body()).contains("\"patient_phone\":\"" + phone + "\"");
            assertThat(receiver.awaitRequests(1).get(0).body())
                    .doesNotContain(phone)
                    .doesNotContain("Ravi");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameId() {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        receiver.answerFirst(500, 503, 429);

        given.booked(given.patient(), given.doctor(), given.today());

        List<WebhookReceiver.Received> requests = receiver.awaitRequests(4);
        assertThat(requests)
                .extracting(request -> request.header("webhook-id"))
                .containsOnly(requests.get(0).header("webhook-id"));
        Map<String, Object> delivery = awaitDelivery(webhook, "delivered");
        assertThat(delivery).containsEntry("attempts", 4).containsEntry("last_status_code", 200);
        assertThat(count("SELECT count(*) FROM webhook_attempts WHERE delivery_id = ?", UUID.fromString((String)
                        delivery.get("id"))))
                .isEqualTo(4);
        receiver.assertNothingMoreWithin(Duration.ofMillis(500), 4);
    }

    /**
     * What an instance killed in the middle of an attempt leaves: its task picked, its heartbeat stopped. Another
     * instance (here: this one) takes it up once the heartbeats are missed, and the receiver gets the same id.
     */
    @Test
    void aDeliveryLeftByAnInstanceThatDiedIsMadeByAnotherWithTheSameId() {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        receiver.answerFirst(java.util.Collections.nCopies(1000, 503).toArray(Integer[]::new));
        UUID appointment = given.booked(given.patient(), given.doctor(), given.today());
        receiver.awaitRequests(1);
        String task = (String) deliveries(webhook).get(0).get("id");

        Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> db.sql("""
                                        UPDATE scheduled_tasks
                                           SET picked = true, picked_by = 'an instance killed mid-delivery',
                                               last_heartbeat = now() - interval '1 hour', version = version + 1
                                         WHERE task_name = 'webhook-delivery' AND task_instance = ? AND NOT picked
                                        """).param(task).update() == 1);
        int before = receiver.received().size();
        receiver.answerOk();

        Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> deliveries(webhook).get(0).get("status").equals("delivered"));
        List<WebhookReceiver.Received> requests = receiver.received();
        assertThat(requests).hasSizeGreaterThan(before);
        assertThat(requests)
                .extracting(request -> request.header("webhook-id"))
                .containsOnly(requests.get(0).header("webhook-id"));
        assertThat(requests.get(requests.size() - 1).body()).contains(appointment.toString());
    }

    /**
     * What an instance killed between a booking's commit and the first attempt at its deliveries leaves: deliveries
     * leased to it, and no task for them. Until the lease runs out the recovery leaves them to that instance; after
     * it, they are attempted, once, with the event's id.
     */
    @Test
    void aDeliveryLeftBeforeItsFirstAttemptByAnInstanceThatDiedIsMadeOnceItsLeaseRunsOut() {
        UUID appointment = given.booked(given.patient(), given.doctor(), given.today());
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        db.sql("""
                        INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_sequence, appointment_id,
                                                        next_attempt_at, first_attempt_until)
                        SELECT gen_random_uuid(), CAST(:webhook AS uuid), id, sequence, appointment_id, now(),
                               now() + interval '1 minute'
                          FROM notification_events WHERE appointment_id = :appointment
                        """)
                .param("webhook", webhook.get("id"))
                .param("appointment", appointment)
                .update();

        assertThat(firstAttempts.recoverLapsedLeases(1000))
                .as("its lease runs still")
                .isZero();
        receiver.assertNothingMoreWithin(Duration.ofMillis(300), 0);

        db.sql("UPDATE webhook_deliveries SET first_attempt_until = now() - interval '1 second'"
                        + " WHERE subscription_id = CAST(:webhook AS uuid)")
                .param("webhook", webhook.get("id"))
                .update();
        assertThat(firstAttempts.recoverLapsedLeases(1000)).isEqualTo(1);
        assertThat(firstAttempts.recoverLapsedLeases(1000)).as("taken once").isZero();

        WebhookReceiver.Received request = receiver.awaitRequests(1).get(0);
        UUID event = db.sql("SELECT id FROM notification_events WHERE appointment_id = ?")
                .param(appointment)
                .query(UUID.class)
                .single();
        assertThat(request.header("webhook-id")).isEqualTo("msg_" + event);
        Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> deliveries(webhook).get(0).get("status").equals("delivered"));
        receiver.assertNothingMoreWithin(Duration.ofMillis(500), 1);
    }

    /**
     * A receiver that keeps answering a byte at a time, forever: each attempt at it ends after 10 s, and while they
     * last the other subscriptions' deliveries go on, because one subscription may take only half of the senders.
     */
    @Test
    void aReceiverThatNeverFinishesItsAnswerIsCutOffAfterTenSecondsAndHoldsUpNoOtherSubscription() throws Exception {
        try (TricklingReceiver trickling = new TricklingReceiver()) {
            Map<String, Object> stuck = subscribe(trickling.url(), List.of("appointment.booked"), false);
            subscribe(receiver.url(), List.of("appointment.booked"), false);
            UUID doctor = given.doctorTakingPerDay(40);

            given.patients(40).forEach(patient -> given.booked(patient, doctor, given.today()));

            Awaitility.await("the other subscription's 40 deliveries, while the trickling ones hang")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() >= 40);
            assertThat(trickling.connections())
                    .as("attempts under way at the trickling receiver")
                    .isPositive();
            Awaitility.await()
                    .atMost(WebhookReceiver.WAIT)
                    .until(() -> deliveries(stuck).stream()
                            .anyMatch(delivery -> "no answer within 10 s".equals(delivery.get("last_error"))));
        }
    }

    /** Accepts every connection and answers each with a status line, then one header byte every 200 ms. */
    private static final class TricklingReceiver implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool();

        TricklingReceiver() throws IOException {
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        connections.incrementAndGet();
                        threads.execute(() -> trickle(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void trickle(Socket connection) {
            try (connection) {
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException gone) {
                // the sender hung up, or the test is over
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hooks";
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    @Test
    void finishedDeliveriesAndTheirEventsArePrunedAfterTheRetentionWhileOnesOnTheirWayStay() {
        Map<String, Object> answered = subscribe(receiver.url(), List.of("appointment.booked"), false);
        Map<String, Object> unreachable = subscribe("http://127.0.0.1:9/closed", List.of("appointment.booked"), false);
        UUID appointment = given.booked(given.patient(), given.doctor(), given.today());
        awaitDelivery(answered, "delivered");
        db.sql("UPDATE webhook_deliveries SET finished_at = now() - interval '40 days' WHERE status = 'delivered'"
                        + " AND event_id IN (SELECT id FROM notification_events WHERE appointment_id = ?)")
                .param(appointment)
                .update();
        db.sql("UPDATE notification_events SET occurred_at = now() - interval '40 days' WHERE appointment_id = ?")
                .param(appointment)
                .update();

        deliveryStore.prune(Instant.now().minus(Duration.ofDays(30)));

        assertThat(deliveries(answered)).isEmpty();
        assertThat(deliveries(unreachable))
                .singleElement()
                .extracting(delivery -> delivery.get("status"))
                .isEqualTo("pending");
        assertThat(count("SELECT count(*) FROM notification_events WHERE appointment_id = ?", appointment))
                .as("an event kept while a delivery of it is on its way")
                .isEqualTo(1);

        http.delete()
                .uri("/api/v1/webhooks/" + unreachable.get("id"))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(count(
                        "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = CAST(? AS uuid)",
                        unreachable.get("id")))
                .as("a deleted subscription's deliveries")
                .isZero();
        assertThat(count("SELECT count(*) FROM webhook_attempts a"
                        + " WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.delivery_id)"))
                .as("attempts of deliveries gone")
                .isZero();
        deliveryStore.prune(Instant.now().minus(Duration.ofDays(30)));
        assertThat(count("SELECT count(*) FROM notification_events WHERE appointment_id = ?", appointment))
                .isZero();
    }

    /** A booking that read a subscription just before an admin deleted it commits a delivery to nowhere. */
    @Test
    void aDeliveryCommittedWhileItsSubscriptionWasDeletedIsPruned() {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        given.booked(given.patient(), given.doctor(), given.today());
        awaitDelivery(webhook, "delivered");
        db.sql("DELETE FROM webhook_subscriptions WHERE id = CAST(? AS uuid)")
                .param(webhook.get("id"))
                .update();

        deliveryStore.prune(Instant.now().minus(Duration.ofDays(30)));

        assertThat(count(
                        "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = CAST(? AS uuid)",
                        webhook.get("id")))
                .isZero();
    }

    @Test
    void aReceiverThatAnswers410IsUnsubscribed() {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        receiver.answerFirst(410);

        given.booked(given.patient(), given.doctor(), given.today());

        awaitDelivery(webhook, "failed");
        Map<String, Object> after = get("/api/v1/webhooks/" + webhook.get("id"));
        assertThat(after)
                .containsEntry("enabled", false)
                .containsEntry("disabled_reason", "the receiver answered 410 Gone");
        given.booked(given.patient(), given.doctor(), given.today());
        receiver.assertNothingMoreWithin(Duration.ofMillis(500), 1);
    }

    @Test
    void afterARotationDeliveriesVerifyWithTheOldSecretAndTheNew() throws Exception {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        Map<String, Object> rotated =
                given.post("/api/v1/webhooks/" + webhook.get("id") + "/rotate-secret", Map.of(), 200);
        assertThat(rotated.get("secret")).isNotEqualTo(webhook.get("secret"));

        given.booked(given.patient(), given.doctor(), given.today());

        WebhookReceiver.Received request = receiver.awaitRequests(1).get(0);
        new Webhook((String) webhook.get("secret")).verify(request.body(), request.headers());
        new Webhook((String) rotated.get("secret")).verify(request.body(), request.headers());
    }

    @Test
    void theEventsOfOneAppointmentArriveInTheirOrderThroughRetries() {
        Map<String, Object> webhook = subscribe(
                receiver.url(), List.of("appointment.booked", "appointment.checked_in", "queue.called"), false);
        receiver.answerFirst(500, 500, 500);
        UUID doctor = given.doctor();
        UUID patient = given.patient();

        UUID appointment = given.booked(patient, doctor, given.today());
        given.checkedIn(appointment, patient);
        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);

        Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> deliveries(webhook).stream()
                        .allMatch(delivery -> delivery.get("status").equals("delivered")));
        List<String> delivered = receiver.received().stream()
                .skip(3) // the three refused attempts at the booking
                .map(request -> (String) parse(request.body()).get("type"))
                .toList();
        assertThat(delivered).containsExactly("appointment.booked", "appointment.checked_in", "queue.called");
    }

    @Test
    void aPatientHearsTheirTurnIsNearOnceWhenTwoOrFewerWaitBeforeThem() {
        subscribe(receiver.url(), List.of("queue.turn_near"), false);
        UUID doctor = given.doctor();
        for (int i = 0; i < 5; i++) {
            UUID patient = given.patient();
            given.checkedIn(given.booked(patient, doctor, given.today()), patient);
        }
        receiver.awaitRequests(3); // the first three joined with 0, 1 and 2 before them

        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
        receiver.awaitRequests(4);
        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
        receiver.awaitRequests(5);
        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);

        receiver.assertNothingMoreWithin(Duration.ofMillis(500), 5);
        List<Object> tokens = receiver.received().stream()
                .<Object>map(request -> ((Map<?, ?>) parse(request.body()).get("data")).get("token"))
                .toList();
        assertThat(tokens).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aRefusedBookingWritesNoEventAndABookingExactlyOne() {
        UUID doctor = given.doctorTakingPerDay(1);
        UUID first = given.booked(given.patient(), doctor, given.today());
        given.post("/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, given.today()), 409);

        assertThat(count(
                        "SELECT count(*) FROM notification_events e JOIN appointments a ON a.id = e.appointment_id"
                                + " WHERE a.doctor_id = ?",
                        doctor))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification_events WHERE appointment_id = ?", first))
                .isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (WebhookReceiver elsewhere = new WebhookReceiver()) {
            Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
            receiver.redirectTo(elsewhere.url());

            given.booked(given.patient(), given.doctor(), given.today());

            receiver.awaitRequests(2);
            assertThat(elsewhere.received()).isEmpty();
            assertThat(deliveries(webhook).get(0))
                    .containsEntry("status", "pending")
                    .containsEntry("last_status_code", 302);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWebhookMayNotPointInsideTheClinicOrTravelInTheClear() {
        for (String url : List.of(
                "http://bot.example.org/hooks", // plain http to a host nobody listed
                "https://10.1.2.3/hooks",
                "https://192.168.0.10/hooks",
                "https://[::1]/hooks",
                "https://169.254.169.254/latest/meta-data",
                "https://127.0.0.2/hooks",
                "https://user:secret@bot.example.org/hooks",
                "ftp://bot.example.org/hooks")) {
            Map<String, Object> body = Map.of("url", url, "events", List.of("appointment.booked"));
            Map<String, Object> refused = given.post("/api/v1/webhooks", body, 400);
            assertThat(refused.get("details")).as(url).asString().contains("url");
        }
        assertThat(
                        count(
                                "SELECT count(*) FROM webhook_subscriptions WHERE url LIKE '%hooks' AND url NOT LIKE '%127.0.0.1:%'"))
                .isZero();
    }

    @Test
    void anAdminTestsReplaysAndSeesEachDelivery() {
        Map<String, Object> webhook = subscribe(receiver.url(), List.of("appointment.booked"), false);
        Map<String, Object> test = given.post("/api/v1/webhooks/" + webhook.get("id") + "/test", Map.of(), 202);
        assertThat(test).containsEntry("event_type", "webhook.test");
        assertThat(receiver.awaitRequests(1).get(0).body()).contains("\"type\":\"webhook.test\"");
        awaitDelivery(webhook, "delivered");

        String replay = "/api/v1/webhooks/" + webhook.get("id") + "/deliveries/" + test.get("id") + "/replay";
        assertThat(given.post(replay, Map.of(), 409)).containsEntry("error", "DeliveryNotFinished");
        db.sql("UPDATE webhook_deliveries SET status = 'failed' WHERE id = ?")
                .param(UUID.fromString((String) test.get("id")))
                .update();
        given.post(replay, Map.of(), 202);
        List<WebhookReceiver.Received> requests = receiver.awaitRequests(2);
        assertThat(requests.get(1).header("webhook-id"))
                .isEqualTo(requests.get(0).header("webhook-id"));
    }

    private Map<String, Object> awaitDelivery(Map<String, Object> webhook, String status) {
        Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> !deliveries(webhook).isEmpty()
                        && deliveries(webhook).get(0).get("status").equals(status));
        return deliveries(webhook).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(Map<String, Object> webhook) {
        return http.get()
                .uri("/api/v1/webhooks/" + webhook.get("id") + "/deliveries")
                .exchange()
                .returnResult(List.class)
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).exchange().returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }
}
