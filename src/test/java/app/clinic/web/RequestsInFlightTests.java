package app.clinic.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.Concurrently;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The bound on requests in flight, on real threads. On Java 17 Tomcat's own pool bounds them the same way, so this
 * drives the filter directly: the rule it proves is the one virtual threads (Java 21+) rely on.
 */
class RequestsInFlightTests {

    @Test
    void noMoreRequestsRunAtOnceThanTheLimitAndEveryWaitingOneRunsInTurn() throws Exception {
        int limit = 2;
        var filter = new RequestsInFlightFilter(limit);
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        // Requests leave in pairs: with the bound each pair is the two inside; without it, all twelve enter at once.
        var pairs = new CyclicBarrier(limit);

        var served = Concurrently.run(12, i -> () -> {
            filter.doFilter(
                    new MockHttpServletRequest("GET", "/api/v1/doctors"),
                    new MockHttpServletResponse(),
                    (request, response) -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            pairs.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        inside.decrementAndGet();
                    });
            return true;
        });

        assertThat(served).hasSize(12).containsOnly(true);
        assertThat(mostInside.get()).isEqualTo(limit);
    }
}
