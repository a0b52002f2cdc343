package app.clinic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.Concurrently;
import app.clinic.HttpTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Records that no change's transaction carries (here refusals') are committed together when they wait at the same
 * moment, and each request still gets exactly its own.
 */
class GroupCommitTests extends HttpTest {

    private static final int THREADS = 16;
    private static final int REQUESTS_PER_THREAD = 20;

    @Test
    void recordsWaitingAtOnceShareACommitAndEveryRequestKeepsExactlyItsOwn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);

        Concurrently.run(THREADS, thread -> () -> {
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                http.get()
                        .uri("/api/v1/patients/" + UUID.randomUUID())
                        .header("X-Request-Id", run + "-" + thread + "-" + i)
                        .exchange()
                        .expectStatus()
                        .isNotFound();
            }
            return null;
        });

        long made = (long) THREADS * REQUESTS_PER_THREAD;
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> count("SELECT count(*) FROM audit_records WHERE request_id LIKE ?", run + "-%") >= made);
        assertThat(count("""
                        SELECT count(DISTINCT request_id) FROM audit_records
                         WHERE request_id LIKE ? AND action = 'patient.read' AND outcome = 'refused' AND status = 404""", run + "-%")).isEqualTo(made);
        assertThat(count("SELECT count(*) FROM audit_records WHERE request_id LIKE ?", run + "-%"))
                .as("one record per request")
                .isEqualTo(made);
        assertThat(count(
                        "SELECT count(DISTINCT written_by_xid) FROM audit_records WHERE request_id LIKE ?", run + "-%"))
                .as("transactions that wrote them")
                .isLessThan(made);
    }
}
