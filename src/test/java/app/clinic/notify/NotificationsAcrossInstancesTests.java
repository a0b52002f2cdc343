package app.clinic.notify;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.SecondInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Two instances share the outbox and db-scheduler's table: each event goes out once, each reminder once. */
class NotificationsAcrossInstancesTests extends WebhookTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    @Autowired
    private Notifications notifications;

    @Test
    void bookingsThroughBothInstancesAreEachDeliveredOnce() throws Exception {
        subscribe(receiver.url(), List.of("appointment.booked"), false);
        UUID doctor = given.doctorTakingPerDay(40);
        List<UUID> patients = given.patients(20);

        Concurrently.run(
                20,
                i -> () -> (i % 2 == 0 ? http : second.http())
                        .post()
                        .uri("/api/v1/appointments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(ClinicFixtures.bookingBody(patients.get(i), doctor, given.today()))
                        .exchange()
                        .expectStatus()
                        .isCreated());

        List<WebhookReceiver.Received> requests = receiver.awaitRequests(20);
        receiver.assertNothingMoreWithin(Duration.ofSeconds(1), 20);
        Set<String> ids = new HashSet<>();
        requests.forEach(request -> ids.add(request.header("webhook-id")));
        assertThat(ids).hasSize(20);
    }

    @Test
    void tomorrowsRemindersGoOutOnceWhenBothInstancesRunThem() throws Exception {
        subscribe(receiver.url(), List.of("appointment.reminder"), false);
        UUID doctor = given.doctor();
        LocalDate tomorrow = given.tomorrow();
        UUID kept = given.booked(given.patient(), doctor, tomorrow);
        UUID alsoKept = given.booked(given.patient(), doctor, tomorrow);
        UUID cancelled = given.booked(given.patient(), doctor, tomorrow);
        given.post("/api/v1/appointments/" + cancelled + "/cancel", Map.of(), 200);
        Notifications secondNotifications = second.bean(Notifications.class);

        Concurrently.run(4, i -> () -> (i % 2 == 0 ? notifications : secondNotifications).remind(tomorrow));

        List<String> mine = List.of(kept.toString(), alsoKept.toString());
        assertThat(count(
                        "SELECT count(*) FROM notification_events WHERE type = 'appointment.reminder'"
                                + " AND appointment_id IN (?, ?, ?)",
                        kept,
                        alsoKept,
                        cancelled))
                .isEqualTo(2);
        receiver.awaitRequests(1);
        org.awaitility.Awaitility.await()
                .atMost(WebhookReceiver.WAIT)
                .until(() -> receiver.received().stream()
                                .filter(request -> mine.stream().anyMatch(request.body()::contains))
                                .count()
                        == 2);
        notifications.remind(tomorrow);
        Thread.sleep(500);
        assertThat(receiver.received().stream()
                        .filter(request -> mine.stream().anyMatch(request.body()::contains))
                        .count())
                .isEqualTo(2);
        assertThat(receiver.received()).noneMatch(request -> request.body().contains(cancelled.toString()));
    }

    @Test
    void theRemindersRunDailyAtReminderTimeInTheClinicsZone() {
        OffsetDateTime next = db.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = ?")
                .param(NotifyTasks.REMINDERS)
                .query(OffsetDateTime.class)
                .single();

        ZonedDateTime inClinic = next.atZoneSameInstant(ZoneId.of(CLINIC_ZONE));
        assertThat(inClinic.toLocalTime()).isEqualTo(LocalTime.of(18, 0));
        assertThat(next.toInstant())
                .isAfter(Instant.now())
                .isBefore(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void deliveriesLeftBeforeTheirFirstAttemptAreLookedForEveryHalfMinute() {
        OffsetDateTime next = db.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = ?")
                .param(NotifyTasks.RECOVERY)
                .query(OffsetDateTime.class)
                .single();

        assertThat(next.toInstant()).isBefore(Instant.now().plus(Duration.ofSeconds(31)));
    }
}
