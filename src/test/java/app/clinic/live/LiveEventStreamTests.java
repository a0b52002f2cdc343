package app.clinic.live;

import static app.clinic.live.LiveClients.appointmentsIn;
import static app.clinic.live.LiveClients.doctorIn;
import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Server-Sent Events of a day's queue: snapshot, updates, resumption with Last-Event-ID, and who may follow what. */
@ExtendWith(OutputCaptureExtension.class)
class LiveEventStreamTests extends HttpTest {

    @Test
    void theStreamStartsWithASnapshotAndSendsAnUpdateAfterABookingEachWithTheSnapshotAsId() throws Exception {
        UUID doctor = given.doctor();
        String uri = "/api/v1/queue/events?date=" + given.tomorrow() + "&doctor_id=" + doctor;
        try (var stream = new LiveClients.EventStream(baseUrl(), uri, ADMIN_TOKEN)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            var snapshot = stream.next();
            assertThat(snapshot.message()).containsEntry("type", "snapshot");
            assertThat(snapshot.id()).matches("\\d+:\\d+:[\\d,]*");
            assertThat(appointmentsIn(doctorIn(snapshot.message(), doctor).orElseThrow()))
                    .isEmpty();

            UUID appointment = given.booked(given.patient(), doctor, given.tomorrow());

            var update = stream.next();
            assertThat(update.message()).containsEntry("type", "update");
            assertThat(update.id()).isNotEqualTo(snapshot.id());
            assertThat(appointmentsIn(doctorIn(update.message(), doctor).orElseThrow()))
                    .singleElement()
                    .satisfies(item -> assertThat(item).containsEntry("appointment_id", appointment.toString()));
        }
    }

    @Test
    void eachPatientAStaffStreamShowsIsNamedInAnAuditRecordCommittedBeforeTheEventIsSent() throws Exception {
        UUID doctor = given.doctor();
        UUID first = given.patient();
        given.booked(first, doctor, given.tomorrow());
        String desk = given.staffToken("reception", null);
        UUID deskId = UUID.fromString(
                (String) Reply.get(clientWith(desk), "/api/v1/auth/me").get("id"));
        String uri = "/api/v1/queue/events?date=" + given.tomorrow() + "&doctor_id=" + doctor;

        try (var stream = new LiveClients.EventStream(baseUrl(), uri, desk)) {
            stream.next();
            assertThat(streamRecordsOf(deskId)).containsExactly(List.of(first));

            UUID second = given.patient();
            given.booked(second, doctor, given.tomorrow());
            stream.next();

            assertThat(streamRecordsOf(deskId))
                    .as("a patient already shown on the stream is not named again")
                    .containsExactly(List.of(first), List.of(second));
        }
    }

    /** The patients named by each record of what the holder's streams showed, oldest first. */
    private List<List<UUID>> streamRecordsOf(UUID actor) {
        return db.sql("""
                        SELECT patient_ids FROM audit_trail
                         WHERE actor_id = ? AND action = 'queue.stream' AND cardinality(patient_ids) > 0
                         ORDER BY id
                        """)
                .param(actor)
                .query((rs, row) -> List.of((UUID[]) rs.getArray("patient_ids").getArray()))
                .list();
    }

    @Test
    void reconnectingWithLastEventIdGetsAnUpdateIfItMissedChangesAndNothingIfNot() throws Exception {
        UUID doctor = given.doctor();
        String uri = "/api/v1/queue/events?date=" + given.tomorrow() + "&doctor_id=" + doctor;
        String seen = LiveClients.firstEventId(baseUrl(), uri, ADMIN_TOKEN);

        try (var nothingMissed = new LiveClients.EventStream(baseUrl(), uri, ADMIN_TOKEN, seen)) {
            assertThat(nothingMissed.status).isEqualTo(200);
            assertThat(nothingMissed.anyWithin(Duration.ofMillis(1500))).isEmpty();
        }

        UUID missed = given.booked(given.patient(), doctor, given.tomorrow());
        try (var resumed = new LiveClients.EventStream(baseUrl(), uri, ADMIN_TOKEN, seen)) {
            var catchUp = resumed.next();
            assertThat(catchUp.message()).containsEntry("type", "update");
            assertThat(appointmentsIn(doctorIn(catchUp.message(), doctor).orElseThrow()))
                    .singleElement()
                    .satisfies(item -> assertThat(item).containsEntry("appointment_id", missed.toString()));
        }
    }

    @Test
    void aLastEventIdThatCannotBeTrustedGetsAFreshSnapshot() throws Exception {
        UUID doctor = given.doctor();
        String uri = "/api/v1/queue/events?date=" + given.tomorrow() + "&doctor_id=" + doctor;
        String seen = LiveClients.firstEventId(baseUrl(), uri, ADMIN_TOKEN);
        String prunedSince = db.sql("SELECT CAST(pruned_through_xid AS text) FROM queue_event_prunes")
                .query(String.class)
                .single();
        try {
            // events the client had not seen were pruned
            db.sql("UPDATE queue_event_prunes SET pruned_through_xid = pg_current_xact_id()")
                    .update();
            for (String lastEventId : List.of(seen, "garbage", "5:3:", "1:99999999999999:")) {
                try (var stream = new LiveClients.EventStream(baseUrl(), uri, ADMIN_TOKEN, lastEventId)) {
                    assertThat(stream.next().message())
                            .as("Last-Event-ID %s", lastEventId)
                            .containsEntry("type", "snapshot");
                }
            }
        } finally {
            db.sql("UPDATE queue_event_prunes SET pruned_through_xid = CAST(? AS xid8)")
                    .param(prunedSince)
                    .update();
        }
    }

    @Test
    void aDoctorCannotFollowAnotherDoctorsPatientsButMayFollowTheirOwn() throws Exception {
        UUID own = given.doctor();
        UUID other = given.doctor();
        String doctorToken = given.staffToken("doctor", own);

        try (var refused =
                new LiveClients.EventStream(baseUrl(), "/api/v1/queue/events?doctor_id=" + other, doctorToken)) {
            assertThat(refused.status).isEqualTo(403);
        }
        try (var allowed =
                new LiveClients.EventStream(baseUrl(), "/api/v1/queue/events?doctor_id=" + own, doctorToken)) {
            assertThat(allowed.status).isEqualTo(200);
            assertThat(allowed.next().message()).containsEntry("type", "snapshot");
        }
        try (var display =
                new LiveClients.EventStream(baseUrl(), "/api/v1/queue/events", given.clientToken("display"))) {
            assertThat(display.status).isEqualTo(403);
        }
        try (var unknown = new LiveClients.EventStream(
                baseUrl(), "/api/v1/queue/events?doctor_id=" + UUID.randomUUID(), ADMIN_TOKEN)) {
            assertThat(unknown.status).isEqualTo(404);
        }
    }

    @Test
    void aHolderMayKeepMaxStreamsPerPrincipalOpenAndIsRefusedWith429Beyond() throws Exception {
        String desk = given.staffToken("reception", null);
        List<LiveClients.EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                open.add(new LiveClients.EventStream(baseUrl(), "/api/v1/display/events", desk));
                assertThat(open.get(i).status).isEqualTo(200);
            }

            try (var oneTooMany = new LiveClients.EventStream(baseUrl(), "/api/v1/display/events", desk)) {
                assertThat(oneTooMany.status).isEqualTo(429);
            }
            Reply other = Reply.get(clientWith(given.clientToken("display")), "/api/v1/display/board");
            assertThat(other.status())
                    .as("another holder is not limited by this one")
                    .isEqualTo(200);

            open.remove(0).close();
            awaitStreamAdmitted(desk);
        } finally {
            open.forEach(LiveClients.EventStream::close);
        }
    }

    @Test
    void aStreamIsClosedWhenItsTokenIsRevoked() throws Exception {
        var client = given.apiClient("display");
        try (var stream =
                new LiveClients.EventStream(baseUrl(), "/api/v1/display/events", (String) client.get("token"))) {
            stream.next();

            given.post("/api/v1/clients/" + client.get("id") + "/revoke", Map.of(), 200);

            stream.ended.get(LiveClients.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void theTokenMayComeAsAccessTokenOnAStreamAndNeverReachesTheLog(CapturedOutput output) throws Exception {
        String display = given.clientToken("display");
        try (var stream =
                new LiveClients.EventStream(baseUrl(), "/api/v1/display/events?access_token=" + display, null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next().message()).containsEntry("type", "snapshot");
        }
        Reply elsewhere = Reply.get(clientWith(null), "/api/v1/display/board?access_token=" + display);
        assertThat(elsewhere.status())
                .as("only the streams take it from the query")
                .isEqualTo(401);

        assertThat(output.getOut()).contains("/api/v1/display/events").doesNotContain(display);
    }

    @Test
    void heartbeatsKeepAnIdleStreamAlive() throws Exception {
        try (var stream =
                new LiveClients.EventStream(baseUrl(), "/api/v1/display/events?date=2099-01-01", ADMIN_TOKEN)) {
            stream.next();
            Thread.sleep(2500); // LIVE_HEARTBEAT_INTERVAL is 1s in the tests

            synchronized (stream.comments) {
                assertThat(stream.comments).contains("heartbeat");
            }
        }
    }

    private void awaitStreamAdmitted(String token) throws InterruptedException {
        long deadline = System.nanoTime() + LiveClients.WAIT.toNanos();
        while (true) {
            try (var again = new LiveClients.EventStream(baseUrl(), "/api/v1/display/events", token)) {
                if (again.status == 200) {
                    return;
                }
            }
            assertThat(System.nanoTime())
                    .as("a closed stream gives its place back")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
