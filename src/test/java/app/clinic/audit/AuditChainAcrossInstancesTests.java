package app.clinic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.SecondInstance;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Two instances record (writes, reads and refusals) and seal at once, on one database: one chain, every record
 * sealed exactly once.
 */
class AuditChainAcrossInstancesTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance second = new SecondInstance();

    private static final int THREADS_PER_INSTANCE = 4;
    private static final int REQUESTS_PER_THREAD = 30;
    private static final int REFUSED_EVERY = 3;

    @Test
    void twoInstancesRecordingAndSealingAtOnceMakeOneVerifiableChain() throws Exception {
        UUID doctor = given.doctor();
        List<UUID> patients = given.patients(THREADS_PER_INSTANCE * 2);
        String run = UUID.randomUUID().toString().substring(0, 8);

        Concurrently.run(THREADS_PER_INSTANCE * 2, thread -> () -> {
            RestTestClient client = thread % 2 == 0 ? http : second.http();
            UUID patient = patients.get(thread);
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                String requestId = run + "-" + thread + "-" + i;
                if (i == 0) { // a write among the reads
                    client.post()
                            .uri("/api/v1/appointments")
                            .header("X-Request-Id", requestId)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(ClinicFixtures.bookingBody(patient, doctor, given.tomorrow()))
                            .exchange()
                            .expectStatus()
                            .isCreated();
                } else if (i % REFUSED_EVERY == 0) { // a refusal, recorded once its answer is known
                    client.get()
                            .uri("/api/v1/patients/" + UUID.randomUUID())
                            .header("X-Request-Id", requestId)
                            .exchange()
                            .expectStatus()
                            .isNotFound();
                } else {
                    client.get()
                            .uri("/api/v1/patients/" + patient)
                            .header("X-Request-Id", requestId)
                            .exchange()
                            .expectStatus()
                            .isOk();
                }
            }
            return null;
        });

        long made = THREADS_PER_INSTANCE * 2L * REQUESTS_PER_THREAD;
        // a refusal is recorded as its request ends, which its client need not wait for
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> count("SELECT count(*) FROM audit_records WHERE request_id LIKE ?", run + "-%") >= made);
        assertThat(count("SELECT count(*) FROM audit_records WHERE request_id LIKE ?", run + "-%"))
                .isEqualTo(made);
        assertThat(count(
                        "SELECT count(*) FROM audit_records WHERE request_id LIKE ? AND outcome = 'refused'",
                        run + "-%"))
                .isEqualTo(THREADS_PER_INSTANCE * 2L * ((REQUESTS_PER_THREAD - 1) / REFUSED_EVERY));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("""
                                SELECT count(*) FROM audit_records r
                                 WHERE r.request_id LIKE ?
                                   AND EXISTS (SELECT 1 FROM audit_seals s WHERE r.id = ANY (s.record_ids))""", run + "-%") == made);
        assertThat(count("""
                        SELECT count(*) FROM audit_records r
                         WHERE r.request_id LIKE ?
                           AND (SELECT count(*) FROM audit_seals s WHERE r.id = ANY (s.record_ids)) <> 1""", run + "-%")).as("records in no seal or in two").isZero();
        Reply verdict = Reply.get(second.http(), "/api/v1/audit/verify");
        assertThat(verdict.get("ok")).as(verdict.body().toString()).isEqualTo(true);
    }
}
